"""A small page at each former address of a renamed item, sending readers on.

Written after the site's pages (and before Pagefind, which then sees these pages as what they
are: not content); never over a page published there now.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

from generator import paths
from generator.i18n.translator import Translator


def write_redirects(
    site_dir: Path,
    redirects: Mapping[str, str],
    live: Mapping[str, str],
    *,
    use_directory_urls: bool,
    translator: Translator,
) -> None:
    """`redirects`: former src_uri -> src_uri now; `live`: src_uri -> URL of what was built."""
    for old, new in sorted(redirects.items()):
        target = live.get(new)
        if target is None:
            continue
        destination = site_dir / paths.dest_path(old, use_directory_urls)
        if destination.exists():
            continue  # Something is published there now: it wins.
        url = paths.relative_url(target, paths.url(old, use_directory_urls))
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(redirect_page(url, translator), encoding="utf-8")


def redirect_page(url: str, translator: Translator) -> str:
    link = html.escape(url)
    return (
        f'<!doctype html>\n<html lang="{translator.language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(translator.text('history.moved_title'))}</title>\n"
        f'<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{link}">\n'
        f'<meta http-equiv="refresh" content="0; url={link}">\n</head>\n<body>\n'
        f'<p><a href="{link}">{html.escape(translator.text("history.moved"))}</a></p>\n'
        "</body>\n</html>\n"
    )
