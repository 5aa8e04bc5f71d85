"""The process dossier and the per-item print documents, as HTML for the PDF renderer.

Everything a reader needs without a screen, in one document: where the process stands, how to
take part offline first, the agenda, every published minutes, the documents with their
checksums, every contribution with its answer, the outcome. Facts come from `ProcessView`, the
same view the web pages use, so drafts, withdrawn and moderated texts and `author_display` are
handled once; wording comes from the site's translator. The functions are pure: the same
inputs give the same HTML (no wall clock: "today" is the build's reference date).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple, TypeVar

import jinja2

from .. import paths
from ..i18n.translator import Translator
from ..load.finder import inside_folder
from ..models import Document, Minutes, Process
from ..present.readmodel import ProcessView
from .images import ProcessImages
from .qr import qr_svg
from .templates import TextBase, page_url, print_environment

_Item = TypeVar("_Item", Minutes, Document)

CONTRIBUTIONS_PER_CHAPTER = 50
"""Contributions in one chapter of a larger dossier: as many as a page of the site holds by
default, so an e-book reader turns a bounded number of them per file."""


class Change(NamedTuple):
    """The last commit that changed the process: its short id and date."""

    short_id: str
    date: dt.datetime


def pdf_resources(process: Process, root: Path, site_url: str | None) -> dict[str, Path]:
    """URL prefixes the PDF renderer may read from disk: the process's own published files."""
    if not site_url:
        return {}
    folder = root / PurePosixPath(process.source.path).parent
    return {page_url(site_url, paths.process_file(process.slug, "")): folder}


def dossier_html(
    process: Process,
    *,
    root: Path,
    translator: Translator,
    site_url: str | None,
    last_change: Change | tuple[str, dt.datetime] | None,
    today: dt.datetime,
    large_print: bool = False,
) -> str:
    """The whole process as one print document (`print/dossier.html`).

    `root` is the project root (images are embedded from it), `site_url` the site's
    address (links, QR code; None leaves them out), `last_change` the last commit that changed
    the process folder (None when history is unavailable), `today` the build's reference date.
    """
    view = ProcessView(process, today, translator.language)
    online = page_url(site_url, paths.process(process.slug)) if site_url else None
    images = ProcessImages.of(process, root)
    return _render(
        "dossier.html",
        view,
        translator,
        site_url,
        large_print,
        images,
        title=translator.text("dossier.title", title=process.data.title),
        description=process.data.summary,
        online_url=online,
        qr=qr_svg(online) if online else None,
        last_change=Change(*last_change) if last_change else None,
        figures=_figures(view, images),
        chronological=list(reversed(view.contributions)),
        per_chapter=CONTRIBUTIONS_PER_CHAPTER,
    )


def minutes_html(
    process: Process,
    minutes_id: str,
    *,
    translator: Translator,
    site_url: str | None,
    today: dt.datetime,
    large_print: bool = False,
    root: Path | None = None,
) -> str:
    """One published minutes as a print document (`print/minutes.html`); its images are
    embedded from `root`, the project root (left out without it)."""
    view = ProcessView(process, today, translator.language)
    minutes = _published(view.minutes, minutes_id)
    meeting = view.meeting(minutes.data.meeting)
    return _render(
        "minutes.html",
        view,
        translator,
        site_url,
        large_print,
        ProcessImages.of(process, root),
        title=translator.text("minutes.heading", title=meeting.data.title),
        description=None,
        online_url=page_url(site_url, view.link(minutes)) if site_url else None,
        minutes=minutes,
        meeting=meeting,
    )


def document_html(
    process: Process,
    document_id: str,
    *,
    translator: Translator,
    site_url: str | None,
    today: dt.datetime,
    large_print: bool = False,
    root: Path | None = None,
) -> str:
    """One published Markdown document as a print document (`print/document.html`); its
    images are embedded from `root`, the project root (left out without it)."""
    view = ProcessView(process, today, translator.language)
    document = _published(view.documents, document_id)
    if document.body is None:
        raise ValueError(f"{document_id} is not a Markdown document")
    return _render(
        "document.html",
        view,
        translator,
        site_url,
        large_print,
        ProcessImages.of(process, root),
        title=document.data.title,
        description=document.data.summary,
        online_url=page_url(site_url, view.link(document)) if site_url else None,
        document=document,
    )


def _published(items: list[_Item], item_id: str) -> _Item:
    found = next((item for item in items if item.id == item_id), None)
    if found is None:
        raise KeyError(f"no published item {item_id!r}")
    return found


def _render(
    template: str,
    view: ProcessView,
    translator: Translator,
    site_url: str | None,
    large_print: bool,
    images: ProcessImages,
    **context: Any,
) -> str:
    env = _environment(translator.language, site_url)
    return env.get_template(template).render(
        view=view,
        lang=translator.language,
        author=view.data.organiser,
        large_print=large_print,
        base_url=_markdown_base(view, site_url),
        images=images,
        **context,
    )


@lru_cache(maxsize=8)
def _environment(language: str, site_url: str | None) -> jinja2.Environment:
    # Compiling the templates costs more than rendering a minutes: once per worker and language.
    return print_environment(Translator(language), site_url)


def _markdown_base(view: ProcessView, site_url: str | None) -> dict[str, TextBase]:
    """Where relative links in each kind of Markdown text lead: the folder of the web page
    showing it, so a printed link reads as the online address (as on the site)."""
    folders = {
        "process": "",
        "meetings": "meetings/",
        "minutes": "minutes/",
        "documents": "documents/",
        "contributions": "contributions/",
    }
    return {
        kind: TextBase(_online(site_url, paths.process_file(view.slug, folder)), folder)
        for kind, folder in folders.items()
    }


def _online(site_url: str | None, folder: str) -> str | None:
    return f"{site_url.rstrip('/')}/{folder}" if site_url else None


def _figures(view: ProcessView, images: ProcessImages) -> dict[str, str]:
    """Image documents by id, as `data:` URLs: the dossier shows them and stays one file."""
    return {
        document.id: uri
        for document in view.documents
        if (uri := images.data_uri(inside_folder(document.data.file) or "")) is not None
    }
