"""The written pages, added to the host's sitemap.xml (and sitemap.xml.gz) in its own format."""

from __future__ import annotations

import gzip
import html
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urljoin

_END = "</urlset>"


def extend_sitemap(
    site_dir: Path, site_url: str, urls: Iterable[str], day: str, timestamp: int
) -> None:
    """List `urls` (site-relative) in the sitemap MkDocs wrote, dated `day`; its gzip copy is
    stamped `timestamp`, as MkDocs stamps it, so the same commit gives the same bytes."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    if not text.rstrip().endswith(_END):
        raise ValueError(f"{sitemap}: not a sitemap Greffier can extend")
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    entries = "".join(
        f"\n    <url>\n         <loc>{html.escape(urljoin(base, url))}</loc>\n"
        f"         <lastmod>{day}</lastmod>\n    </url>"
        for url in urls
    )
    text = f"{text.rstrip()[: -len(_END)].rstrip()}{entries}\n{_END}"
    sitemap.write_text(text, encoding="utf-8")
    with (
        open(site_dir / "sitemap.xml.gz", "wb") as file,
        gzip.GzipFile(
            fileobj=file, filename=str(sitemap) + ".gz", mode="wb", mtime=timestamp
        ) as gz,
    ):
        gz.write(text.encode("utf-8"))
