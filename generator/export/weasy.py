"""The WeasyPrint side of `pdf.render_pdf`, imported only when a PDF is made.

WeasyPrint and its fonts take about a second to import: `greffier check` and builds without
offline files never need them. Importing this module makes pydyf remember its page references
(`_remember_page_references`): without it, tagging a long document costs its elements times
its pages.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pydyf
import weasyprint

from ..load.finder import stays_inside

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


def render(
    html: str,
    base_url: str | None,
    resources: Mapping[str, Path],
    created: dt.datetime,
    identifier: str,
    /,
) -> bytes:
    """`pdf.render_pdf`'s work."""
    with _collector_paused():
        document = weasyprint.HTML(
            string=html, base_url=base_url, url_fetcher=LocalFetcher(resources)
        ).render(pdf_variant=PDF_VARIANT)
        stamp = _w3c(created)
        document.metadata.created = stamp
        document.metadata.modified = stamp
        pdf_id = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:32].encode("ascii")
        result = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=pdf_id)
    if result is None:  # only when a target is given; keeps the type checker informed
        raise RuntimeError("WeasyPrint wrote no PDF")
    return bytes(result)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a PDF is made.

    WeasyPrint allocates millions of objects for a long document, which sets off collections
    that go through everything alive, the loaded corpus included: a tenth of a 500-contribution
    dossier's time. It leaves little cyclic garbage (a few MB for 600 pages), collected later.
    Whoever enabled the collector gets it back enabled.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _remember_page_references() -> None:
    """Make `pydyf.PDF.page_references` build its tuple once per page count.

    pydyf builds the tuple of every page's reference each time the property is read, and
    WeasyPrint reads it for each tagged element, to name the page the element is on: elements
    times pages, a sixth of the time of a 500-contribution dossier (345 pages, 46,000 reads)
    and more in large print (twice the pages). Pages are only ever appended (`add_page`), so
    their count tells whether the remembered tuple is still the right one; the values are
    pydyf's own.
    """
    compute = pydyf.PDF.page_references.fget

    def page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
        count = len(pdf.pages["Kids"])
        remembered = pdf.__dict__.get("_greffier_page_references")
        if remembered is None or remembered[0] != count:
            remembered = (count, compute(pdf))
            pdf.__dict__["_greffier_page_references"] = remembered
        return remembered[1]

    pydyf.PDF.page_references = property(page_references)


_remember_page_references()


def _w3c(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def page_count(html: str) -> int:
    """Pages of the print HTML as WeasyPrint lays it out (nothing is fetched)."""
    return len(weasyprint.HTML(string=html, url_fetcher=LocalFetcher({})).render().pages)
