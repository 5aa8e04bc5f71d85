"""Every offline file of every process: planned, then made on both cores, cached by content.

`plan_exports` renders each file's print HTML (cheap) and names it; `make_exports` turns the
plans into bytes (WeasyPrint, pandoc: costly), reusing what an earlier build made from the same
HTML with the same templates, so only the files of a process that changed are made again. The
files keep language-neutral names, so their addresses do not change with the site's language:

    <slug>/downloads/<slug>.pdf             the dossier, tagged PDF
    <slug>/downloads/<slug>-large-print.pdf the same at 16 pt and more
    <slug>/downloads/<slug>.odt|.docx|.epub editable and e-reader versions (pandoc)
    <slug>/downloads/<slug>.html            one file that reads offline
    <slug>/downloads/minutes/<id>.pdf       each published minutes
    <slug>/downloads/documents/<id>.pdf     each Markdown document
    <slug>/downloads/notices/<meeting>-a4.pdf and -a3.pdf   upcoming meetings' notices
    <slug>/downloads/<slug>-form.pdf        the paper contribution form of an open process
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path

from tqdm import tqdm

from .. import __version__, paths
from ..enrich.history import History
from ..i18n.translator import Translator
from ..models import Corpus, Process
from ..present.parallel import parallel_results
from ..present.readmodel import ProcessView, published
from ..present.theme import theme_dir
from .dossier import (
    Change,
    document_html,
    dossier_html,
    minutes_html,
    pdf_resources,
)
from .forms import contribution_form_html, contribution_form_pdf, has_paper_form
from .pandoc import convert_html
from .pdf import render_pdf
from .posters import (
    POSTER_SIZES,
    meeting_poster_html,
    meeting_poster_pdf,
    poster_meetings,
)
from .single_file import self_contained


class ExportKind(StrEnum):
    dossier = "dossier"
    large_print = "large-print"
    odt = "odt"
    docx = "docx"
    epub = "epub"
    html = "html"
    minutes = "minutes"
    document = "document"
    notice = "notice"
    form = "form"


MEDIA_TYPES: Mapping[ExportKind, str] = {
    ExportKind.dossier: "application/pdf",
    ExportKind.large_print: "application/pdf",
    ExportKind.odt: "application/vnd.oasis.opendocument.text",
    ExportKind.docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ExportKind.epub: "application/epub+zip",
    ExportKind.html: "text/html",
    ExportKind.minutes: "application/pdf",
    ExportKind.document: "application/pdf",
    ExportKind.notice: "application/pdf",
    ExportKind.form: "application/pdf",
}


@dataclass(frozen=True)
class ExportPlan:
    """One file to make: where it goes, what it is, and how to make it."""

    path: str
    """Site path, e.g. `tram/downloads/tram.pdf`."""
    slug: str
    kind: ExportKind
    title: str
    """What the file holds, for the downloads page (the dossier, a meeting's title…)."""
    fingerprint: str
    """Hash of everything the bytes depend on: same fingerprint, same bytes."""
    make: Callable[[], bytes]
    detail: str = ""
    """A qualifier shown beside the title: the notice's paper size."""


@dataclass(frozen=True)
class Export:
    """A made file, as the downloads page lists it."""

    path: str
    slug: str
    kind: ExportKind
    title: str
    size: int
    detail: str = ""

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def extension(self) -> str:
        return self.name.rsplit(".", 1)[-1]


def plan_exports(
    corpus: Corpus,
    *,
    root: Path,
    language: str,
    site_url: str | None,
    history: History | None,
    drafts: bool = False,
    only: str | None = None,
) -> list[ExportPlan]:
    """The files of every published process (or of the process `only`)."""
    translator = Translator(language)
    today = _day(corpus.reference_date)
    plans: list[ExportPlan] = []
    for process in published(corpus.processes, drafts):
        if only is None or process.slug == only:
            plans += _process_plans(process, root, translator, site_url, history, today)
    return plans


def _day(moment: dt.datetime) -> dt.datetime:
    # Dated by the day, not the commit's second: another commit made the same day (to another
    # process, say) leaves every other process's files byte for byte as they were.
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def _process_plans(
    process: Process,
    root: Path,
    t: Translator,
    site_url: str | None,
    history: History | None,
    today: dt.datetime,
) -> list[ExportPlan]:
    slug = process.slug
    folder = root / Path(process.source.path).parent
    resources = pdf_resources(process, root, site_url)
    base = site_url.rstrip("/") + "/" if site_url else None
    change = last_change(history, folder.relative_to(root).as_posix()) if history else None
    title = process.data.title

    def dossier(large: bool) -> str:
        return dossier_html(
            process,
            root=root,
            translator=t,
            site_url=site_url,
            last_change=change,
            today=today,
            large_print=large,
        )

    def pdf(html: str, name: str) -> Callable[[], bytes]:
        identifier = f"{slug}/{name}"
        return lambda: render_pdf(
            html, base_url=base, created=today, identifier=identifier, resources=resources
        )

    plans = []
    normal, large = dossier(False), dossier(True)
    whole = t.text("downloads.dossier", title=title)
    plans.append(_plan(slug, f"{slug}.pdf", ExportKind.dossier, whole, normal, pdf(normal, "pdf")))
    plans.append(
        _plan(
            slug,
            f"{slug}-large-print.pdf",
            ExportKind.large_print,
            whole,
            large,
            pdf(large, "large-print"),
        )
    )
    for kind in (ExportKind.odt, ExportKind.docx, ExportKind.epub):
        identifier = f"urn:greffier:{slug}:{today.date().isoformat()}"
        plans.append(
            _plan(
                slug,
                f"{slug}.{kind.value}",
                kind,
                whole,
                normal,
                _converter(normal, kind, title, t.language, identifier, today, folder),
            )
        )
    plans.append(
        _plan(
            slug,
            f"{slug}.html",
            ExportKind.html,
            whole,
            normal,
            lambda: self_contained(normal, base_dir=folder).encode("utf-8"),
        )
    )
    view = ProcessView(process, today, t.language)
    for minutes in view.minutes:
        html = minutes_html(
            process, minutes.id, translator=t, site_url=site_url, today=today, root=root
        )
        heading = t.text("minutes.heading", title=view.meeting(minutes.data.meeting).data.title)
        plans.append(
            _plan(
                slug,
                f"minutes/{minutes.id}.pdf",
                ExportKind.minutes,
                heading,
                html,
                pdf(html, f"minutes/{minutes.id}"),
            )
        )
    for document in view.documents:
        if document.body is None:
            continue
        html = document_html(
            process, document.id, translator=t, site_url=site_url, today=today, root=root
        )
        plans.append(
            _plan(
                slug,
                f"documents/{document.id}.pdf",
                ExportKind.document,
                document.data.title,
                html,
                pdf(html, f"documents/{document.id}"),
            )
        )
    if site_url:
        plans += _paper_plans(process, t, site_url, today)
    return plans


def _paper_plans(
    process: Process, t: Translator, site_url: str, today: dt.datetime
) -> list[ExportPlan]:
    """Notices and the paper form carry a QR code to the site: only with its address."""
    slug = process.slug
    plans = []
    for meeting in poster_meetings(process, today):
        for size in POSTER_SIZES:
            html = meeting_poster_html(
                process, meeting, translator=t, site_url=site_url, size=size, today=today
            )
            notice = partial(
                meeting_poster_pdf,
                process,
                meeting,
                translator=t,
                site_url=site_url,
                size=size,
                today=today,
            )
            plans.append(
                _plan(
                    slug,
                    f"notices/{meeting.id}-{size.lower()}.pdf",
                    ExportKind.notice,
                    meeting.data.title,
                    html,
                    notice,
                    detail=size,
                )
            )
    if has_paper_form(process, today):
        html = contribution_form_html(process, translator=t, site_url=site_url, today=today)
        plans.append(
            _plan(
                slug,
                f"{slug}-form.pdf",
                ExportKind.form,
                t.text("downloads.form_title", title=process.data.title),
                html,
                lambda: contribution_form_pdf(
                    process, translator=t, site_url=site_url, today=today
                ),
            )
        )
    return plans


def _converter(
    html: str,
    kind: ExportKind,
    title: str,
    language: str,
    identifier: str,
    created: dt.datetime,
    folder: Path,
) -> Callable[[], bytes]:
    fmt = {ExportKind.odt: "odt", ExportKind.docx: "docx", ExportKind.epub: "epub"}[kind]
    return lambda: convert_html(
        html,
        fmt,  # type: ignore[arg-type]
        title=title,
        lang=language,
        identifier=identifier,
        created=created,
        resource_path=folder,
    )


def _plan(
    slug: str,
    name: str,
    kind: ExportKind,
    title: str,
    html: str,
    make: Callable[[], bytes],
    detail: str = "",
) -> ExportPlan:
    digest = hashlib.sha256()
    for part in (_CODE, kind.value, name, html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return ExportPlan(
        path=paths.download(slug, name),
        slug=slug,
        kind=kind,
        title=title,
        fingerprint=digest.hexdigest(),
        make=make,
        detail=detail,
    )


def _code_fingerprint() -> str:
    """The print templates and Greffier's version: changing either remakes every file."""
    digest = hashlib.sha256(__version__.encode())
    for file in sorted((theme_dir() / "print").rglob("*")):
        if file.is_file():
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


_CODE = _code_fingerprint()


def last_change(history: History, folder: str) -> Change | None:
    """The last commit that changed a file of the process folder (root-relative POSIX)."""
    prefix = folder.rstrip("/") + "/"
    latest = None
    for path, file in history.files.items():
        if not path.startswith(prefix):
            continue
        commit = file.removed or (file.versions[-1].commit if file.versions else None)
        if commit is not None and (latest is None or commit.date > latest.date):
            latest = commit
    return Change(latest.short_id, latest.date) if latest is not None else None


_COST_ORDER = (
    ExportKind.large_print,
    ExportKind.dossier,
    ExportKind.epub,
    ExportKind.docx,
    ExportKind.odt,
    ExportKind.form,
    ExportKind.notice,
    ExportKind.minutes,
    ExportKind.document,
    ExportKind.html,
)


def make_exports(
    plans: Sequence[ExportPlan],
    *,
    cache_dir: Path | None,
    workers: int = 2,
    progress: bool | None = None,
    label: str = "exports",
) -> dict[str, bytes]:
    """Site path -> bytes of every planned file; made on `workers` processes, cached by
    fingerprint in `cache_dir`. A progress bar shows on a terminal (or when `progress`)."""
    results: dict[str, bytes] = {}
    missing: list[ExportPlan] = []
    for plan in plans:
        cached = _cached(cache_dir, plan)
        if cached is None:
            missing.append(plan)
        else:
            results[plan.path] = cached
    # Costliest first (the dossiers), so that no core idles at the end waiting on one file.
    missing.sort(key=lambda plan: _COST_ORDER.index(plan.kind))
    show = sys.stderr.isatty() if progress is None else progress
    with tqdm(total=len(missing), desc=label, unit="file", disable=not show) as bar:
        for index, data in parallel_results(_make, missing, workers=workers):
            plan = missing[index]
            results[plan.path] = data
            _store(cache_dir, plan, data)
            bar.update()
    return {plan.path: results[plan.path] for plan in plans}


def _make(plan: ExportPlan) -> bytes:
    return plan.make()


def _cache_file(cache_dir: Path, plan: ExportPlan) -> Path:
    return cache_dir / f"{plan.fingerprint}.{plan.path.rsplit('.', 1)[-1]}"


def _cached(cache_dir: Path | None, plan: ExportPlan) -> bytes | None:
    if cache_dir is None:
        return None
    file = _cache_file(cache_dir, plan)
    try:
        return file.read_bytes()
    except OSError:
        return None


def _store(cache_dir: Path | None, plan: ExportPlan, data: bytes) -> None:
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    file = _cache_file(cache_dir, plan)
    temporary = file.with_suffix(file.suffix + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(file)  # Never a half-written file under the final name.


def prune_cache(cache_dir: Path, plans: Iterable[ExportPlan]) -> None:
    """Remove cached files no plan uses any more (after a full build)."""
    if not cache_dir.is_dir():
        return
    kept = {_cache_file(cache_dir, plan).name for plan in plans}
    for file in cache_dir.iterdir():
        if file.name not in kept:
            file.unlink(missing_ok=True)


def listed(plans: Sequence[ExportPlan], made: Mapping[str, bytes]) -> dict[str, list[Export]]:
    """slug -> the files made for it, in plan order, with their sizes."""
    found: dict[str, list[Export]] = {}
    for plan in plans:
        found.setdefault(plan.slug, []).append(
            Export(plan.path, plan.slug, plan.kind, plan.title, len(made[plan.path]), plan.detail)
        )
    return found
