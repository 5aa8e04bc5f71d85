"""The site plan: every page, file and redirect of a site, decided by one function.

`plan_site` reads top to bottom as the pipeline does: load and validate the processes, read and
redact their git history, make the calendars, offline files and open data, plan every page
(template and context) and journal, then say which commit the site comes from. Nothing here
knows MkDocs: the plugin hosts the planned pages, and the `greffier` command asks for the same
plan to check, build or export.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import load, paths
from .diagnostics import Diagnostics, Report, SourceLocation
from .enrich.history import BlobReader, History, read_history, report_personal_data
from .enrich.journal import process_journal, site_journal
from .enrich.provenance import ProvenanceNote, build_provenance, provenance_note
from .enrich.redaction import WithholdingReader, redact
from .enrich.trace import trace_corpus
from .export.bundle import Export, listed, make_exports, plan_exports, prune_cache
from .export.calendar import calendar_files
from .export.opendata import open_data_files, package_files
from .export.schemas import json_schemas, schema_text
from .i18n.translator import Translator
from .i18n.wording import Wording, messages_language
from .models import Corpus
from .present.forge import Forge, forge_for
from .present.options import LegalInfo, RenderOptions
from .present.parallel import parallel_map, running
from .present.readmodel import published
from .render.journal_pages import feeds, item_history_uris, journal_specs
from .render.pages import (
    PageSpec,
    build_pages,
    current_versions,
    markdown_alternatives,
    redirects,
)
from .render.versions import HistorySource


@dataclass(frozen=True)
class Settings:
    """What a build needs to know of the site. The adapters make it from mkdocs.yml, through
    the plugin's config schema (`generator/mkdocs/config.py`), where every option is declared
    once, with its default and its documentation."""

    root: Path
    """The folder of mkdocs.yml."""
    processes_dir: str
    docs_dir: str
    """The site's own pages, relative to `root`: no process may take their addresses."""
    site_dir: Path
    language: str
    site_name: str
    site_url: str | None
    repo_url: str | None
    commit_url: str | None
    use_directory_urls: bool
    drafts: bool
    page_size: int
    history: bool
    exports: bool
    legal: LegalInfo
    options_at: SourceLocation
    """Where the plugin's options are written (the line of mkdocs.yml naming it): problems with
    them point there."""

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache" / "greffier"


@dataclass(frozen=True)
class Copy:
    """A document file published as it is."""

    source: Path
    src_uri: str


class Spool:
    """A folder of the cache holding generated files until the host copies them into the site:
    those too big to keep in memory (open data weighs 420 MB at 100,000 contributions). It is
    removed with the spool's last reference, in the process that made it (never in a forked
    writer), or by the next build if this one was killed."""

    PREFIX = "spool-"

    def __init__(self, parent: Path) -> None:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_orphans(parent, self.PREFIX)
        self.folder = Path(tempfile.mkdtemp(prefix=f"{self.PREFIX}{os.getpid()}-", dir=parent))
        self._files: dict[str, Path] = {}
        weakref.finalize(self, _remove_spool, self.folder, os.getpid())

    def write(self, src_uri: str, data: bytes) -> None:
        """`data`, to be published at `src_uri`: the whole file, or its next piece."""
        path = self._files.get(src_uri)
        if path is None:
            name = f"{len(self._files)}-{src_uri.rsplit('/', 1)[-1]}"
            path = self._files[src_uri] = self.folder / name
        with path.open("ab") as stream:
            stream.write(data)

    def copies(self) -> tuple[Copy, ...]:
        """What was written, to be published as it is, in the order it was first written."""
        return tuple(Copy(path, src_uri) for src_uri, path in self._files.items())


def _remove_spool(folder: Path, owner: int) -> None:
    if os.getpid() == owner:
        shutil.rmtree(folder, ignore_errors=True)


def _remove_orphans(parent: Path, prefix: str) -> None:
    """Spools of builds whose process is gone (killed before removing theirs)."""
    for folder in parent.glob(f"{prefix}*-*"):
        pid = folder.name.removeprefix(prefix).split("-", 1)[0]
        if pid.isdigit() and not running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class SitePlan:
    settings: Settings
    corpus: Corpus
    diagnostics: Diagnostics
    """Every problem found; with any error, nothing else is planned."""
    notes: tuple[str, ...] = ()
    """What the build says along the way (history unavailable, uncommitted files…)."""
    warnings: tuple[str, ...] = ()
    """Problems of the history that are not the organisers' files' (logged as warnings)."""
    pages: tuple[PageSpec, ...] = ()
    """The pages the host renders as its own (`PageSpec.hosted`): its navigation's, journals."""
    written: tuple[PageSpec, ...] = ()
    """Every other page, written by `render.writer` in frames the host renders once for many
    (history pages expand to their version pages)."""
    copies: tuple[Copy, ...] = ()
    """Files published as they are: documents, and the generated files of `spool`."""
    files: Mapping[str, bytes] = field(default_factory=dict)
    """Generated files by path in the site: feeds, calendars, offline files, JSON Schemas."""
    spool: Spool | None = None
    """Where the open data files wait to be copied: they live as long as the plan."""
    redirects: Mapping[str, str] = field(default_factory=dict)
    """Former src_uri of a renamed item -> its page's src_uri now."""
    current_versions: Mapping[str, str] = field(default_factory=dict)
    """Permalink src_uri of an item's only version -> the item's page src_uri: a redirect
    until a second version exists."""
    provenance: ProvenanceNote | None = None
    forge: Forge | None = None
    blobs: BlobReader | None = None
    """Reads old versions of files for the history pages, when they are written."""

    @property
    def publishable(self) -> bool:
        return not self.diagnostics.errors


def plan_site(settings: Settings, *, pages: bool = True, process: str | None = None) -> SitePlan:
    """The whole site, or less: without `pages`, only what `greffier check` and `greffier
    export` need (the loaded corpus, its problems and the history's; the offline files when
    `settings.exports`, of `process` only when given)."""
    translator = Translator(settings.language)
    forge = forge_for(settings.repo_url, settings.commit_url)
    # Through the package: what it exports is the loader's public API.
    today = load.build_today(settings.root)
    corpus, loaded = load.load_corpus(
        settings.root,
        processes_dir=settings.processes_dir,
        reference=today.moment,
        language=messages_language(settings.language),
        docs_dir=settings.docs_dir,
        spread=parallel_map,
    )
    diagnostics = Report(say=Wording(messages_language(settings.language)))
    diagnostics.extend(loaded)
    _check_legal(settings, diagnostics)
    if diagnostics.errors or not (pages or settings.exports):
        if settings.history:
            # What the commit messages would publish, said with the files' problems.
            report_personal_data(_read_history(settings), diagnostics)
        return SitePlan(settings, corpus, diagnostics, forge=forge)

    notes: list[str] = []
    warnings: list[str] = []
    blobs = BlobReader(settings.root)
    with blobs:
        history = _history(settings, corpus, blobs, translator, diagnostics, notes, warnings)
        downloads, files = _offline_files(settings, corpus, history, process)
        if not pages:
            return SitePlan(
                settings, corpus, diagnostics, tuple(notes), tuple(warnings), files=files
            )
        files |= calendar_files(
            corpus,
            traces=history.traces if history else None,
            site_url=settings.site_url,
            translator=translator,
            drafts=settings.drafts,
            today=corpus.reference_date,
            use_directory_urls=settings.use_directory_urls,
        )
        spool = Spool(settings.cache_dir)
        for src_uri, data in open_data_files(
            corpus,
            site_url=settings.site_url,
            drafts=settings.drafts,
            today=corpus.reference_date,
            site_name=settings.site_name,
        ):
            spool.write(src_uri, data)
        open_data = spool.copies()
        sizes = {copy.src_uri: copy.source.stat().st_size for copy in open_data}
        specs = build_pages(
            corpus,
            RenderOptions(
                language=settings.language,
                site_name=settings.site_name,
                drafts=settings.drafts,
                page_size=settings.page_size,
                legal=settings.legal,
                calendars=True,
            ),
            alternative_texts=_alternative_texts(settings, corpus),
            history=history,
            downloads=downloads,
            open_data={
                p.slug: package_files(sizes, p.slug)
                for p in published(corpus.processes, settings.drafts)
            },
        )
        if history is not None and history.history is not None:
            journal_pages, journal_feeds = _journals(settings, corpus, history, specs, blobs)
            specs += journal_pages
            files |= journal_feeds
    for name, schema in json_schemas(settings.site_url).items():
        files[paths.schema(name)] = schema_text(schema).encode("utf-8")
    return SitePlan(
        settings,
        corpus,
        diagnostics,
        tuple(notes),
        tuple(warnings),
        pages=tuple(spec for spec in specs if spec.hosted),
        written=tuple(spec for spec in specs if not spec.hosted),
        copies=(*_copies(settings, corpus), *open_data),
        files=files,
        spool=spool,
        redirects=redirects(specs),
        current_versions=current_versions(specs),
        provenance=_provenance(settings, corpus, translator, forge, today),
        forge=forge,
        blobs=blobs,
    )


def _check_legal(settings: Settings, diagnostics: Report) -> None:
    """A warning for each section of the mentions légales that would say "Non renseigné": the
    site may go online without it, but the law asks for it."""
    say = diagnostics.say
    for option, heading in settings.legal.unset():
        diagnostics.warning(
            settings.options_at,
            say("legal.unset", section=say(heading), shown=say("site.none")),
            say("legal.unset.hint", option=option),
        )


def _history(
    settings: Settings,
    corpus: Corpus,
    blobs: BlobReader,
    translator: Translator,
    diagnostics: Report,
    notes: list[str],
    warnings: list[str],
) -> HistorySource | None:
    """The git history of the processes, read once, redacted; never fails the build. None
    when the organiser turned it off."""
    if not settings.history:
        return None
    redacted = redact(
        _read_history(settings),
        corpus,
        marker=translator.text("history.message_withheld"),
        blobs=blobs,
    )
    history, reader = redacted.history, redacted.reader(blobs)
    say = diagnostics.say
    for unchecked in redacted.unchecked:
        diagnostics.warning(
            unchecked.source,
            say("redaction.unknown_commit", commit=unchecked.commit, path=unchecked.path),
            say("redaction.unknown_commit.hint"),
        )
    if history.shallow:
        warnings.append(say("build.shallow"))
    report_personal_data(history, diagnostics)
    if not history.available:
        reason = f"history.reason.{history.reason}"
        notes.append(
            say("build.no_history", reason=say(reason) if reason in say else history.reason)
        )
    if history.uncommitted:
        notes.append(say.count("uncommitted", len(history.uncommitted)))
    traces = trace_corpus(corpus, history, blobs=reader if history.available else None)
    return HistorySource(traces, reader.text, history.redirects(), history, redacted.withheld)


def _read_history(settings: Settings) -> History:
    return read_history(
        settings.root, paths=(settings.processes_dir,), cache_dir=settings.cache_dir
    )


def _offline_files(
    settings: Settings, corpus: Corpus, history: HistorySource | None, process: str | None
) -> tuple[dict[str, list[Export]] | None, dict[str, bytes]]:
    """Every process's offline files (or `process`'s), made now so that pages can give their
    sizes, as listed for the downloads pages and by path; (None, {}) when exports are off."""
    if not settings.exports:
        return None, {}
    plans = plan_exports(
        corpus,
        root=settings.root,
        language=settings.language,
        site_url=settings.site_url,
        history=history.history if history else None,
        drafts=settings.drafts,
        only=process,
    )
    cache = settings.cache_dir / "exports"
    made = make_exports(plans, cache_dir=cache, label="greffier")
    if process is None:
        prune_cache(cache, plans)
    return listed(plans, made), dict(made)


def _alternative_texts(settings: Settings, corpus: Corpus) -> dict[str, str]:
    processes = settings.root / settings.processes_dir
    return {
        paths.process_file(slug, file): (processes / slug / file).read_text(encoding="utf-8")
        for slug, file in markdown_alternatives(corpus, settings.drafts)
    }


def _journals(
    settings: Settings,
    corpus: Corpus,
    source: HistorySource,
    specs: list[PageSpec],
    blobs: BlobReader,
) -> tuple[list[PageSpec], dict[str, bytes]]:
    """Journal pages of every process and of the site; their Atom feeds when the site has an
    address (Atom needs absolute links)."""
    history, traces, drafts = source.history, source.traces, settings.drafts
    assert history is not None
    translator = Translator(settings.language)
    reader = WithholdingReader(blobs, source.withheld)
    journals = {
        p.slug: process_journal(p, history, traces, blobs=reader)
        for p in published(corpus.processes, drafts)
    }
    whole = site_journal(corpus, history, traces, blobs=reader)
    links = item_history_uris(corpus, drafts, built={s.src_uri for s in specs})
    written: dict[str, bytes] = {}
    if settings.site_url:
        written = feeds(
            corpus,
            journals,
            whole,
            site_url=settings.site_url,
            translator=translator,
            author=settings.legal.publisher or settings.site_name,
            drafts=drafts,
            history=links,
            use_directory_urls=settings.use_directory_urls,
        )
    pages = journal_specs(
        corpus,
        journals,
        whole,
        translator,
        drafts=drafts,
        history=links,
        with_feeds=bool(settings.site_url),
    )
    return pages, written


def _copies(settings: Settings, corpus: Corpus) -> tuple[Copy, ...]:
    """Every document file copied as it is: all but Markdown, which are pages."""
    processes = settings.root / settings.processes_dir
    found = []
    for process in published(corpus.processes, settings.drafts):
        for document in published(process.documents, settings.drafts):
            for file in [document.data.file, *(a.file for a in document.data.alternatives)]:
                if not paths.is_markdown(file):
                    found.append(
                        Copy(
                            processes / process.slug / file, paths.process_file(process.slug, file)
                        )
                    )
    return tuple(found)


def _provenance(
    settings: Settings,
    corpus: Corpus,
    translator: Translator,
    forge: Forge | None,
    today: load.Today,
) -> ProvenanceNote:
    """The footer's "built from commit …", dated in the processes' time zone."""
    site = settings.site_dir.resolve()
    root = settings.root
    ignore = [".cache"] + ([site.relative_to(root).as_posix()] if site.is_relative_to(root) else [])
    zones = {process.data.timezone for process in corpus.processes}
    zone = zones.pop() if len(zones) == 1 else "UTC"
    return provenance_note(
        build_provenance(root, ignore=ignore),
        translator,
        today=today,
        timezone=zone,
        commit_url=forge.pattern if forge is not None else None,
    )
