"""Absolute addresses of published pages, for what leaves the site: QR codes, printed links.

A printed page cannot hold a relative link, so every address on paper is the site's URL joined
with the page's published path (as MkDocs publishes it, with directory URLs).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup

from ..paths import page_url


def online_url(site_url: str, src_uri: str) -> str:
    """The absolute URL of the page or file at `src_uri` (see `greffier.paths`)."""
    if urlsplit(site_url).scheme not in ("http", "https") or not urlsplit(site_url).hostname:
        raise ValueError(f"site_url must be an absolute http(s) URL, got {site_url!r}")
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    return base + page_url(src_uri)


def printable_url(url: str) -> Markup:
    """A URL to print in words: lines break only after a slash of its path, never at a hyphen,
    which a reader copying it by hand would take for part of the address."""
    scheme, _, rest = url.partition("://")
    host, *segments = rest.split("/")
    part = Markup('<span class="url-part">{}</span>')
    return Markup("/<wbr>").join(part.format(s) for s in [f"{scheme}://{host}", *segments])
