"""Small pages sending readers on: at each former address of a renamed item, and at the
permalink of an item's only version, which is its page until a second version exists.

Written after the site's pages (the permalinks of only versions by the page writer, which
knows no page can be there; the others last, never over a page published there now), and
before Pagefind, which then sees them as what they are: not content.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

from .. import paths


def write_redirects(
    site_dir: Path,
    redirects: Mapping[str, str],
    live: Mapping[str, str],
    *,
    use_directory_urls: bool,
    language: str,
    title: str,
    text: str,
) -> None:
    """`redirects`: src_uri -> src_uri of the page to read; `live`: src_uri -> URL of what was
    built. Each page says `title` and links `text` to where it sends."""
    for old, new in sorted(redirects.items()):
        target = live.get(new)
        if target is None:
            continue
        destination = site_dir / paths.dest_path(old, use_directory_urls)
        if destination.exists():
            continue  # Something is published there now: it wins.
        url = paths.relative_url(target, paths.url(old, use_directory_urls))
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(redirect_page(url, language, title, text), encoding="utf-8")


def redirect_page(url: str, language: str, title: str, text: str) -> str:
    link = html.escape(url)
    return (
        f'<!doctype html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{link}">\n'
        f'<meta http-equiv="refresh" content="0; url={link}">\n</head>\n<body>\n'
        f'<p><a href="{link}">{html.escape(text)}</a></p>\n'
        "</body>\n</html>\n"
    )
