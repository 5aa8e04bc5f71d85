"""The MkDocs plugin: a thin adapter between MkDocs' build events and Greffier's page builder.

`on_config` loads and validates the processes (any error fails the build, listing every
problem) and computes every page; `on_files` adds them as generated files, with the documents
and JSON Schemas; `on_nav` lists the processes; `on_env` teaches Jinja Greffier's filters;
`on_page_markdown` gives each page its meta (no page text is ever parsed by MkDocs);
`on_page_context` hands each template its data; `on_post_build` runs Pagefind.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, cast

import jinja2
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext, url_filter
from mkdocs.utils.yaml import yaml_load

from ..diagnostics import GreffierError, ValidationFailed
from ..enrich.history import BlobReader, read_history, report_personal_data
from ..enrich.journal import process_journal, site_journal
from ..enrich.redaction import WithholdingReader, redact
from ..enrich.trace import trace_corpus
from ..export.bundle import Export, listed, make_exports, plan_exports, prune_cache
from ..export.calendar import calendar_files
from ..export.opendata import open_data_files, package_files
from ..load import load_corpus
from ..load.report import Report
from ..load.wording import Wording
from ..models import Corpus
from ..schemas import json_schemas, schema_text
from ..theme import theme_dir
from . import paths
from .forge import Forge, ForgeError, forge_for
from .history_pages import HistorySource
from .i18n import LANGUAGES, Translator
from .journal_pages import feeds, history_pages, journal_specs
from .markdown import render_inline, render_markdown
from .options import Audit, LegalInfo, RenderOptions
from .pages import PageSpec, build_pages, markdown_alternatives, redirects, version_pages
from .provenance import ProvenanceNote, build_provenance, provenance_note
from .search import filter_value, index_site
from .standalone import BackgroundWriter, Chrome, Chunks, chrome, page_files, write_pages
from .views import file_format, osm_search, published

log = logging.getLogger("mkdocs.plugins.greffier")

_STYLESHEET = "assets/greffier.css"


class GreffierConfig(base.Config):
    """Options of the `greffier` plugin in mkdocs.yml."""

    processes_dir = c.Type(str, default="processes")
    """Folder holding one sub-folder per process, relative to mkdocs.yml."""
    drafts = c.Type(bool, default=False)
    """Publish items marked `draft: true` too: for previews (`greffier serve --drafts`) only."""
    page_size = c.Type(int, default=50)
    """Contributions per page in the contributions lists and their filters."""
    history = c.Type(bool, default=True)
    """Read the git history: every item page then says when it was first put online and last
    changed, and links to its history page (each version, what changed, a permalink of its
    text). Outside a git repository pages say history is unavailable; files not yet committed
    are still built, marked as unpublished changes."""
    commit_url = c.Optional(c.Type(str))
    """Address of a commit on the forge, with `{commit}` where its full id goes (e.g.
    `https://git.example.org/ville/concertations/commit/{commit}`). Each version in the history
    pages, each journal entry and the footer's "built from commit" then link to it. Derived from
    `repo_url` on GitHub, GitLab (Framagit...), Gitea, Forgejo (Codeberg), SourceHut and
    Bitbucket; this option names any other forge, and overrides the derived address."""
    exports = c.Type(bool, default=True)
    """Make each process's offline files (tagged PDF dossier and its large-print variant, ODT,
    DOCX, EPUB, a single offline HTML file, a PDF per minutes and Markdown document, meeting
    notices and the paper contribution form) and its downloads page. Files are cached in
    `.cache/greffier/exports/` and made again only when their content changes; turn this off
    for quick previews (`greffier build --no-exports`)."""
    search_index = c.Type(bool, default=True)
    """Index the built site with Pagefind (the search page needs it)."""
    publisher = c.Type(str, default="")
    """Legal name of the body publishing the site (mentions légales, accessibility statement)."""
    publisher_address = c.Type(str, default="")
    """Postal address of the publisher."""
    publication_director = c.Type(str, default="")
    """Directeur ou directrice de la publication (name and role)."""
    contact_email = c.Type(str, default="")
    """E-mail for questions about the site, personal data and accessibility."""
    host = c.Type(str, default="")
    """Name of the hosting provider."""
    host_address = c.Type(str, default="")
    """Postal address (and phone) of the hosting provider."""
    audit_date = c.Optional(c.Type(dt.date))
    """Date of the RGAA audit of the site; without an audit the site is declared "non conforme"."""
    audit_by = c.Optional(c.Type(str))
    """Who carried out the RGAA audit."""
    audit_rate = c.Optional(c.Type((int, float)))
    """Share of RGAA criteria met according to the audit, in percent."""


class GreffierPlugin(BasePlugin[GreffierConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._specs: dict[str, PageSpec] = {}
        self._corpus: Corpus | None = None
        self._translator = Translator("fr")
        self._files: Files | None = None
        self._legal_info = LegalInfo()
        self._redirects: dict[str, str] = {}
        self._pinned_epoch = False
        self._feeds: dict[str, bytes] = {}
        self._calendars: dict[str, bytes] = {}
        self._exports: dict[str, bytes] = {}
        self._open_data: dict[str, bytes] = {}
        self._provenance: ProvenanceNote | None = None
        self._forge: Forge | None = None
        self._standalone: list[PageSpec] = []
        self._standalone_files: dict[str, File] = {}
        self._chrome: Chrome | None = None
        self._writer = BackgroundWriter()
        self._share: Callable[[], None] | None = None
        self._urls: dict[tuple[str, str], str] = {}
        self._blobs: BlobReader | None = None

    # ----------------------------------------------------------------- config

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        if config.theme.name != "material":
            raise PluginError(
                f"greffier: the theme is {config.theme.name!r}; Greffier's pages need "
                "`theme: name: material`"
            )
        for lunr in ("search", "material/search"):
            if lunr in config.plugins:
                log.warning(
                    f"the {lunr!r} plugin (lunr) is enabled: Greffier searches with Pagefind, "
                    "remove it from `plugins` in mkdocs.yml"
                )
        language = _interface_language(config)
        if language not in LANGUAGES:
            raise PluginError(
                f"greffier: theme.language is {language!r}; Greffier speaks {', '.join(LANGUAGES)}"
            )
        if self.config.page_size < 1:
            raise PluginError("greffier: page_size must be at least 1")
        if not config.site_url:
            log.warning(
                "site_url is empty in mkdocs.yml: fine for a preview, but set it before "
                "publishing (absolute links need it)"
            )
        self._translator = Translator(language)
        try:
            self._forge = forge_for(config.repo_url, self.config.commit_url)
        except ForgeError as error:
            raise PluginError(f"greffier: {error}") from error

        corpus, diagnostics = load_corpus(
            root,
            processes_dir=self.config.processes_dir,
            language=language,
            docs_dir=os.path.relpath(config.docs_dir, root),
        )
        if diagnostics.errors:
            # Every problem, warnings included, in one message: nothing is half-published.
            raise PluginError(str(ValidationFailed(diagnostics, Wording(language))))
        for warning in diagnostics.warnings:
            log.warning(str(warning))
        self._corpus = corpus
        self._legal_info = self._legal()
        if "SOURCE_DATE_EPOCH" not in os.environ:
            # MkDocs dates the sitemap from SOURCE_DATE_EPOCH, else the wall clock: pinning it to
            # the build's "today" keeps the same commit building the same site. Undone after.
            os.environ["SOURCE_DATE_EPOCH"] = str(int(corpus.reference_date.timestamp()))
            self._pinned_epoch = True

        options = RenderOptions(
            language=language,
            site_name=config.site_name,
            drafts=self.config.drafts,
            page_size=self.config.page_size,
            legal=self._legal_info,
            calendars=True,
        )
        processes = root / self.config.processes_dir
        texts = {
            paths.process_file(slug, file): (processes / slug / file).read_text(encoding="utf-8")
            for slug, file in markdown_alternatives(corpus, self.config.drafts)
        }
        self._blobs = blobs = BlobReader(root)
        with blobs:
            history = self._history(root, corpus, blobs)
            # Cheap, and linked from every meeting page: built even without the exports.
            self._calendars = calendar_files(
                corpus,
                traces=history.traces if history else None,
                site_url=config.site_url or None,
                translator=self._translator,
                drafts=self.config.drafts,
                today=corpus.reference_date,
                use_directory_urls=config.use_directory_urls,
            )
            downloads = self._make_exports(root, config, corpus, history)
            self._open_data = open_data_files(
                corpus,
                site_url=config.site_url or None,
                drafts=self.config.drafts,
                today=corpus.reference_date,
                site_name=config.site_name,
            )
            packages = {
                process.slug: package_files(self._open_data, process.slug)
                for process in published(corpus.processes, self.config.drafts)
            }
            try:
                specs = build_pages(
                    corpus,
                    options,
                    alternative_texts=texts,
                    history=history,
                    downloads=downloads,
                    open_data=packages,
                )
            except GreffierError as error:
                raise PluginError(f"greffier: {error}") from error
            if history is not None:
                specs += self._journals(config, corpus, history, specs, blobs)
        self._provenance = self._provenance_note(root, config, corpus)
        self._specs = {spec.src_uri: spec for spec in specs if not spec.standalone}
        self._standalone = [spec for spec in specs if spec.standalone]
        self._redirects = redirects(specs)

        # Right after the organiser's custom_dir, so their overrides still win over ours.
        # (Checked first: `mkdocs serve` may hand the same config to a second build.)
        dirs = config.theme.dirs
        if str(theme_dir()) not in dirs:
            custom = config.theme.custom_dir
            position = 1 if custom and dirs and Path(dirs[0]) == Path(custom) else 0
            dirs.insert(position, str(theme_dir()))
        # First, so the organiser's own extra_css can override it.
        if _STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, _STYLESHEET)
        return config

    def _history(self, root: Path, corpus: Corpus, blobs: BlobReader) -> HistorySource | None:
        """The git history of the processes, read once; never fails the build. None when the
        organiser turned it off."""
        if not self.config.history:
            return None
        redacted = redact(
            read_history(
                root, paths=(self.config.processes_dir,), cache_dir=root / ".cache" / "greffier"
            ),
            corpus,
            marker=self._translator.text("history.message_withheld"),
            blobs=blobs,
        )
        history, reader = redacted.history, redacted.reader(blobs)
        for warning in (*history.warnings, *redacted.warnings):
            log.warning(f"greffier: {warning}")
        # What `greffier check` warns about the commit messages, said again where CI logs builds.
        commits = Report(say=Wording(self._translator.language))
        report_personal_data(history, commits)
        for diagnostic in commits:
            log.warning(str(diagnostic))
        if not history.available:
            log.info(f"greffier: history unavailable ({history.reason}); pages say so")
        if history.uncommitted:
            log.info(
                f"greffier: {len(history.uncommitted)} file(s) not committed yet are built, "
                "marked as unpublished changes"
            )
        traces = trace_corpus(corpus, history, blobs=reader if history.available else None)
        return HistorySource(traces, reader.text, history.redirects(), history, redacted.withheld)

    def _make_exports(
        self, root: Path, config: MkDocsConfig, corpus: Corpus, history: HistorySource | None
    ) -> dict[str, list[Export]] | None:
        """Every process's offline files, made now so that pages can give their sizes; None
        when exports are off."""
        self._exports = {}
        if not self.config.exports:
            return None
        plans = plan_exports(
            corpus,
            root=root,
            language=self._translator.language,
            site_url=config.site_url or None,
            history=history.history if history else None,
            drafts=self.config.drafts,
        )
        cache = root / ".cache" / "greffier" / "exports"
        try:
            self._exports = make_exports(plans, cache_dir=cache, label="greffier")
        except (OSError, RuntimeError, ValueError) as error:
            raise PluginError(f"greffier: making the offline files failed: {error}") from error
        prune_cache(cache, plans)
        return listed(plans, self._exports)

    def _journals(
        self,
        config: MkDocsConfig,
        corpus: Corpus,
        source: HistorySource,
        specs: list[PageSpec],
        blobs: BlobReader,
    ) -> list[PageSpec]:
        """Journal pages of every process and of the site; their Atom feeds when the site has
        an address (Atom needs absolute links)."""
        drafts = self.config.drafts
        history, traces = source.history, source.traces
        if history is None:
            return []
        reader = WithholdingReader(blobs, source.withheld)
        journals = {
            p.slug: process_journal(p, history, traces, blobs=reader)
            for p in published(corpus.processes, drafts)
        }
        whole = site_journal(corpus, history, traces, blobs=reader)
        links = history_pages(corpus, drafts, built={s.src_uri for s in specs})
        if config.site_url:
            self._feeds = feeds(
                corpus,
                journals,
                whole,
                site_url=config.site_url,
                translator=self._translator,
                author=self.config.publisher or config.site_name,
                drafts=drafts,
                history=links,
                use_directory_urls=config.use_directory_urls,
            )
        return journal_specs(
            corpus,
            journals,
            whole,
            self._translator,
            drafts=drafts,
            history=links,
            with_feeds=bool(config.site_url),
        )

    def _provenance_note(self, root: Path, config: MkDocsConfig, corpus: Corpus) -> ProvenanceNote:
        """The footer's "built from commit …", dated in the processes' time zone."""
        site = Path(config.site_dir).resolve()
        ignore = [".cache"] + (
            [site.relative_to(root).as_posix()] if site.is_relative_to(root) else []
        )
        zones = {process.data.timezone for process in corpus.processes}
        zone = zones.pop() if len(zones) == 1 else "UTC"
        return provenance_note(
            build_provenance(root, ignore=ignore),
            self._translator,
            timezone=zone,
            commit_url=self._forge.pattern if self._forge is not None else None,
        )

    def _legal(self) -> LegalInfo:
        cfg = self.config
        audit_fields = (cfg.audit_date, cfg.audit_by, cfg.audit_rate)
        if any(v is not None for v in audit_fields) and None in audit_fields:
            raise PluginError("greffier: give audit_date, audit_by and audit_rate together")
        audit = None
        if cfg.audit_date is not None and cfg.audit_by and cfg.audit_rate is not None:
            audit = Audit(date=cfg.audit_date, auditor=cfg.audit_by, rate=float(cfg.audit_rate))
        return LegalInfo(
            publisher=cfg.publisher,
            publisher_address=cfg.publisher_address,
            director=cfg.publication_director,
            contact_email=cfg.contact_email,
            host=cfg.host,
            host_address=cfg.host_address,
            audit=audit,
        )

    # ----------------------------------------------------------------- files and nav

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._standalone_files = page_files(self._standalone, config)
        self._urls = {}
        for spec in [*self._specs.values(), *self._standalone]:
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None:
                raise PluginError(
                    f"greffier: docs/{existing.src_uri} would hide the generated page "
                    f"{spec.title!r}; rename or remove it"
                )
        for spec in self._specs.values():
            files.append(
                # Empty: the page's meta comes from its spec (`on_page_markdown`), so no
                # content is ever parsed as front matter or Markdown by MkDocs.
                File.generated(config, spec.src_uri, content="", inclusion=_inclusion(spec))
            )
        for slug, file in self._published_files():
            files.append(
                File(
                    paths.process_file(slug, file),
                    src_dir=str(self._processes_path(config)),
                    dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls,
                )
            )
        generated = {**self._feeds, **self._calendars, **self._exports, **self._open_data}
        for name, data in generated.items():
            files.append(File.generated(config, name, content=data))
        for name, schema in json_schemas(config.site_url or None).items():
            # A copy kept in docs/schemas/ for editors working offline is replaced by the
            # generated one, whose `$id` carries the site's address.
            stale = files.get_file_from_path(paths.schema(name))
            if stale is not None:
                files.remove(stale)
            content = schema_text(schema)
            files.append(File.generated(config, paths.schema(name), content=content))
        self._files = files
        self._chrome = chrome(config, files, self._translator.language)
        return files

    def _processes_path(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent / self.config.processes_dir

    def _published_files(self) -> list[tuple[str, str]]:
        """(slug, path) of every document file copied as is: all but Markdown, which are pages."""
        assert self._corpus is not None
        drafts = self.config.drafts
        found = []
        for process in published(self._corpus.processes, drafts):
            for document in published(process.documents, drafts):
                candidates = [document.data.file, *(a.file for a in document.data.alternatives)]
                found += [(process.slug, f) for f in candidates if not paths.is_markdown(f)]
        return found

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """List the processes' overview pages in a section after the home page."""
        listed = {page.file.src_uri for page in nav.pages}
        overviews: list[StructureItem] = []
        for spec in self._specs.values():
            file = files.get_file_from_path(spec.src_uri)
            if _is_overview(spec) and spec.src_uri not in listed and file and file.page:
                overviews.append(file.page)
        if not overviews:
            return nav
        section = Section(self._translator.text("nav.processes"), overviews)
        for page in overviews:
            page.parent = section
        items = list(nav.items)
        home = next((i for i, item in enumerate(items) if getattr(item, "is_homepage", False)), -1)
        items.insert(home + 1, section)
        pages = _pages_in(items)
        for previous, current in zip([None, *pages], pages, strict=False):
            current.previous_page = previous
            if previous is not None:
                previous.next_page = current
        if pages:
            pages[-1].next_page = None
        return Navigation(items, pages)

    # ----------------------------------------------------------------- templates

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        inherited = env.autoescape

        def autoescape(name: str | None) -> bool:
            # Greffier's templates print public, untrusted text: escaping is on by default there.
            # Material's own templates keep MkDocs' setting.
            if name is not None and name.startswith("greffier/"):
                return True
            return bool(inherited(name) if callable(inherited) else inherited)

        env.autoescape = autoescape
        env.globals["_"] = self._translator
        env.globals["tr"] = self._translator
        env.globals["greffier_paths"] = paths
        env.globals["greffier_legal"] = self._legal_info
        env.globals["greffier_forge"] = self._forge
        if self._provenance is not None:
            env.globals["greffier_provenance"] = self._provenance
        env.filters["markdown"] = _markdown
        env.filters["inline"] = _inline
        env.filters["osm"] = osm_search
        env.filters["file_format"] = file_format
        env.filters["link"] = self._link
        env.filters["search_filter"] = filter_value
        blobs = self._blobs
        self._share = None
        if self._chrome is not None and self._standalone and blobs is not None:
            specs, targets, frame = self._standalone, self._standalone_files, self._chrome
            expand = partial(version_pages, language=self._translator.language)
            chunks = Chunks(len(specs))

            def write() -> None:
                # Its own `git cat-file` (the planning one is closed): old texts are read here.
                with blobs:
                    write_pages(env, specs, targets, config, frame, expand, chunks)

            # Everything the pages need is known now: they are written on the other core while
            # MkDocs renders its own pages, then by both processes.
            self._writer.start(write)
            self._share = write
        return env

    @jinja2.pass_context
    def _link(self, context: Any, src_uri: str) -> str:
        """The URL of a generated page or copied file, relative to the page being rendered."""
        file = self._files.get_file_from_path(src_uri) if self._files else None
        file = file or self._standalone_files.get(src_uri)
        if file is None:
            raise PluginError(f"greffier: a template links to {src_uri!r}, which is not built")
        page = context.get("page")
        if page is None:
            return str(url_filter(context, file.url))
        # Pages link to the same few hundred places thousands of times.
        key = (file.url, page.url)
        url = self._urls.get(key)
        if url is None:
            url = self._urls[key] = str(url_filter(context, file.url))
        return url

    @event_priority(100)  # First, so other plugins' handlers see the page's real meta.
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """A generated page's meta, set from its spec: never a text MkDocs would re-parse as
        YAML (where a character YAML refuses turned the page into Markdown), and never a
        Markdown source for the site's `markdown_extensions` (`attr_list`, `md_in_html`)."""
        spec = self._specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        page.meta = _meta(spec)
        return ""

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        spec = self._specs.get(page.file.src_uri)
        if spec is not None:
            cast(dict[str, Any], context)["greffier"] = spec.context
        return context

    # ----------------------------------------------------------------- after the build

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._unpin_epoch()
        try:
            # Before the redirects, which never overwrite a page, and Pagefind.
            self._writer.join(self._share)
        except RuntimeError as error:
            raise PluginError(f"greffier: writing the history pages failed: {error}") from error
        self._write_redirects(config)
        if not self.config.search_index:
            return
        index_site(Path(config.site_dir), self._translator.language)

    def on_build_error(self, *, error: Exception) -> None:
        self._writer.cancel()
        self._unpin_epoch()

    def _unpin_epoch(self) -> None:
        # A later build in the same process (tests, `mkdocs serve`) must read its own HEAD.
        if self._pinned_epoch:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._pinned_epoch = False

    def _write_redirects(self, config: MkDocsConfig) -> None:
        """A small page at each former address of a renamed item, sending readers on (before
        Pagefind, which then sees these pages as what they are: not content)."""
        if self._files is None:
            return
        for old, new in sorted(self._redirects.items()):
            target = self._files.get_file_from_path(new)
            if target is None:
                continue
            page = File(
                old,
                src_dir=None,
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
            destination = Path(page.abs_dest_path)
            if destination.exists():
                continue  # Something is published there now: it wins.
            url = get_relative_url(target.url, page.url)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(_redirect_page(url, self._translator), encoding="utf-8")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a process folder changes, not only docs/."""
        server.watch(str(self._processes_path(config)))
        return server


def _is_overview(spec: PageSpec) -> bool:
    return spec.in_nav and spec.page_type == "process"


def _inclusion(spec: PageSpec) -> InclusionLevel:
    # Overviews are listed by on_nav, in their own section: MkDocs must not list them again.
    if spec.in_nav and not _is_overview(spec):
        return InclusionLevel.UNDEFINED
    return InclusionLevel.NOT_IN_NAV


def _interface_language(config: MkDocsConfig) -> str:
    """theme.language as written in mkdocs.yml, French when it is not.

    Material defaults to English; Greffier's default is French, so an unset language is set here
    for Material's own strings too.
    """
    written = None
    if config.config_file_path and Path(config.config_file_path).is_file():
        with open(config.config_file_path, "rb") as file:
            raw = yaml_load(file) or {}
        theme = raw.get("theme")
        written = theme.get("language") if isinstance(theme, dict) else None
    if written is None:
        config.theme["language"] = "fr"
    return str(config.theme["language"])


def _meta(spec: PageSpec) -> dict[str, Any]:
    # The HTML escape is for Material, which prints `page.meta.title` (and the navigation,
    # `page.title`) unescaped. Generated pages have no table of contents.
    return {
        "title": html.escape(spec.title, quote=False),
        "template": spec.template,
        "hide": ["toc"],
    }


def _redirect_page(url: str, translator: Translator) -> str:
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


def _pages_in(items: list[Any]) -> list[Page]:
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        elif isinstance(item, Section):
            found += _pages_in(item.children)
    return found


@jinja2.pass_context
def _markdown(context: Any, text: str | None, base: str = "", top: int = 2) -> Markup:
    """Sanitised HTML of untrusted Markdown; `base` is the src folder its relative links are in."""
    return _cached_markdown(text or "", _base_url(context, base), top)


@jinja2.pass_context
def _inline(context: Any, text: str | None, base: str = "") -> Markup:
    return render_inline(text or "", base_url=_base_url(context, base))


def _base_url(context: Any, base: str) -> str | None:
    if not base:
        return None
    return str(url_filter(context, base.rstrip("/") + "/"))


@lru_cache(maxsize=4096)
def _cached_markdown(text: str, base_url: str | None, top: int) -> Markup:
    # A contribution appears on several list pages: render it once.
    return render_markdown(text, base_url=base_url, top_heading=top)
