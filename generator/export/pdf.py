"""HTML to tagged, accessible PDF with WeasyPrint (PDF/UA-1 variant).

`pdf_variant="pdf/ua-1"` makes WeasyPrint write the structure tree (headings, lists, tables
with their header cells, figures with their alternative text), `/MarkInfo`, `/Lang` from
`<html lang>`, the title from `<title>` (in `/Info` and XMP `dc:title`) and a display-title
preference; bookmarks come from the headings (`bookmark-level` in the print stylesheet).

The bytes depend only on the input: the document identifier and dates are given, never drawn
from the clock or a random source, so an unchanged process gives an unchanged file. Nothing is
fetched from the network: the only resources are `data:` URLs and files under the `resources`
folders given, looked up by URL prefix (an image `https://site/tram/plan.png` is read from the
process folder), which keeps links pointing at the online site while images print offline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import weasyprint

from generator.load.finder import stays_inside

PDF_VARIANT = "pdf/ua-1"


class LocalFetcher(weasyprint.URLFetcher):
    """Serves `data:` URLs and files of the given folders; refuses everything else."""

    def __init__(self, resources: Mapping[str, Path]) -> None:
        super().__init__(allowed_protocols=("data",))
        # Longest prefix first, so a nested folder wins over its parent.
        self._resources = sorted(resources.items(), key=lambda item: -len(item[0]))

    def fetch(self, url: str, headers: Any = None) -> weasyprint.urls.URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        for prefix, folder in self._resources:
            if url.startswith(prefix):
                path = _inside(folder, url[len(prefix) :].split("#")[0].split("?")[0])
                return weasyprint.urls.URLFetcherResponse(url, path.read_bytes())
        raise ValueError(f"not fetched (print documents make no requests): {url}")


def _inside(folder: Path, relative: str) -> Path:
    """`relative` under `folder`, refusing `..` escapes, hidden names (`.git/`) and links
    leading out (the text comes from the public)."""
    root = folder.resolve()
    path = root / relative.lstrip("/")
    if not stays_inside(path, root) or not path.is_file():
        raise ValueError(f"no such resource: {relative}")
    return path.resolve()


def render_pdf(
    html: str,
    *,
    base_url: str | None = None,
    created: dt.datetime,
    identifier: str,
    resources: Mapping[str, Path] | None = None,
) -> bytes:
    """The PDF of a print HTML document.

    `base_url` resolves relative links and images; `created` is both the creation and the
    modification date (the "today" of the build, not the wall clock); `identifier` seeds the
    PDF's `/ID` (e.g. the process slug and variant); `resources` maps URL prefixes to local
    folders images may be read from.
    """
    document = weasyprint.HTML(
        string=html, base_url=base_url, url_fetcher=LocalFetcher(resources or {})
    ).render(pdf_variant=PDF_VARIANT)
    stamp = _w3c(created)
    document.metadata.created = stamp
    document.metadata.modified = stamp
    pdf_id = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:32].encode("ascii")
    result = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=pdf_id)
    if result is None:  # only when a target is given; keeps the type checker informed
        raise RuntimeError("WeasyPrint wrote no PDF")
    return bytes(result)


def _w3c(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
