"""The MkDocs plugin: hosts the pages of Greffier's site plan (`greffier.site.plan_site`).

`on_config` asks the core for the plan (any error fails the build, listing every problem);
`on_files` adds the pages MkDocs renders itself (its navigation's, journals), copies and
generated files; `on_nav` lists the processes; `on_env` teaches Jinja Greffier's template
vocabulary and starts writing every other page, in frames rendered once for many
(`frames.py`); `on_page_markdown` gives each page its meta (no page text is ever parsed by
MkDocs); `on_page_context` hands each template its data; `on_post_build` finishes the written
pages, lists them in the sitemap, writes the redirects and runs Pagefind.
"""

from __future__ import annotations

import html
import logging
import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, cast

import jinja2
from markupsafe import Markup
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date, get_build_timestamp, normalize_url
from mkdocs.utils.templates import TemplateContext, url_filter

from ..diagnostics import GreffierError, ValidationFailed
from ..i18n.translator import LANGUAGES, Translator
from ..i18n.wording import Wording, messages_language
from ..present.parallel import BackgroundJob, Chunks
from ..present.templating import (
    DEFERRED_LINK,
    DEFERRING,
    ScrollingTables,
    escape_own_templates,
    prepare,
)
from ..render.pages import PageSpec, version_pages
from ..render.redirects import write_redirects
from ..render.search import index_site
from ..render.sitemap import extend_sitemap
from ..render.writer import (
    Destination,
    Site,
    destinations,
    write_pages,
)
from ..site import SitePlan, plan_site
from .config import DEFAULT_LANGUAGE, GreffierConfig, settings
from .failure import failure_page, write_failure_site
from .frames import MaterialFrames
from .material import add_greffier_theme, check_theme, written_language
from .messages import speak
from .nav import inclusion, mark_languages, with_processes

log = logging.getLogger("mkdocs.plugins.greffier")


class GreffierPlugin(BasePlugin[GreffierConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._plan: SitePlan | None = None
        self.planned: SitePlan | None = None
        """A plan the `greffier` command already made for this very build (it checked it)."""
        self._pages: dict[str, PageSpec] = {}
        self._translator = Translator("fr")
        self._tables = ScrollingTables.of(self._translator)
        self._files: Files | None = None
        self._nav: Navigation | None = None
        self._written: dict[str, Destination] = {}
        self._pinned_epoch = False
        self._writer = BackgroundJob("the page writer")
        self._share: Any = None
        self._urls: dict[str, str] = {}
        self._urls_page = ""
        self._serving = False
        self._failure: str | None = None
        """While serving, why the content cannot be built: shown instead of the site."""
        self._file_urls: dict[str, str] = {}
        """src_uri -> URL of every file MkDocs publishes (its `get_file_from_path` normalises
        the path each time: the written pages hold a hundred thousand links)."""

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        # MkDocs loads its plugins while it reads mkdocs.yml, and reports the file's unknown
        # names after: speak the site's language from here, before any event (`mkdocs build`).
        language = written_language(config_file_path) or DEFAULT_LANGUAGE
        if language in LANGUAGES:
            speak(messages_language(language))
        return super().load_config(options, config_file_path)

    def _say(self, key: str, /, **values: object) -> str:
        """A message for the organiser, in the language of this run's messages."""
        return Wording(messages_language(self._translator.language))(key, **values)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook also keeps the instance across the rebuilds of `mkdocs serve`.
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        language = check_theme(config)
        self._translator = Translator(language)
        self._tables = ScrollingTables.of(self._translator)
        self._failure = None
        try:
            plan = self._plan_for(config, language)
            if not plan.publishable:
                # Every problem, warnings included, in one message: nothing is half-published.
                raise PluginError(str(ValidationFailed(plan.diagnostics, Wording(language))))
        except PluginError as error:
            if not self._serving:
                raise
            # The preview shows the messages instead of a site (see failure.py).
            log.error(str(error))
            self._failure, self._plan, self._pages = str(error), None, {}
            return config
        for warning in (*plan.diagnostics.warnings, *plan.warnings):
            log.warning(str(warning))
        for note in plan.notes:
            log.info(note)
        self._plan = plan
        self._pages = {spec.src_uri: spec for spec in plan.pages}
        if "SOURCE_DATE_EPOCH" not in os.environ:
            # MkDocs dates the sitemap from SOURCE_DATE_EPOCH, else the wall clock: pinning it to
            # the build's "today" keeps the same commit building the same site. Undone after.
            os.environ["SOURCE_DATE_EPOCH"] = str(int(plan.corpus.reference_date.timestamp()))
            self._pinned_epoch = True
        add_greffier_theme(config)
        return config

    def _plan_for(self, config: MkDocsConfig, language: str) -> SitePlan:
        config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        try:
            wanted = settings(
                self.config,
                config_file=config_file,
                raw=cast(dict[str, Any], config),
                language=language,
                site_dir=Path(config.site_dir),
            )
            planned, self.planned = self.planned, None
            return planned if planned and planned.settings == wanted else plan_site(wanted)
        except GreffierError as error:
            raise PluginError(str(error)) from error
        except (OSError, RuntimeError, ValueError) as error:
            failed = self._say("build.plan_failed", error=error)
            raise PluginError(f"greffier: {failed}") from error

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self._failure is not None:
            return Files([])
        plan = self._require_plan()
        # Permalinks of only versions are redirects, written last: linked to like pages.
        written = [*(spec.src_uri for spec in plan.written), *plan.current_versions]
        self._written = destinations(written, Path(config.site_dir), config.use_directory_urls)
        self._urls, self._urls_page = {}, ""
        for spec in [*plan.pages, *plan.written]:
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None:
                hides = self._say("build.hidden_page", page=existing.src_uri, title=spec.title)
                raise PluginError(f"greffier: {hides}")
        for spec in plan.pages:
            # Empty: the page's meta comes from its spec (`on_page_markdown`), so no content is
            # ever parsed as front matter or Markdown by MkDocs.
            files.append(
                File.generated(config, spec.src_uri, content="", inclusion=inclusion(spec))
            )
        for copy in plan.copies:
            files.append(File.generated(config, copy.src_uri, abs_src_path=str(copy.source)))
        for name, data in plan.files.items():
            # A copy of a JSON Schema kept in docs/schemas/ for editors working offline is
            # replaced by the generated one, whose `$id` carries the site's address.
            stale = files.get_file_from_path(name)
            if stale is not None:
                files.remove(stale)
            files.append(File.generated(config, name, content=data))
        self._files = files
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """List the processes' overview pages in a section the home page heads."""
        title = self._translator.text("nav.processes")
        self._nav = with_processes(nav, files, self._pages.values(), title)
        return self._nav

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        if self._failure is not None:
            return env
        plan = self._require_plan()
        assert self._nav is not None
        mark_languages(self._nav, self._translator.language)
        escape_own_templates(env)
        prepare(
            env,
            translator=self._translator,
            legal=plan.settings.legal,
            forge=plan.forge,
            provenance=plan.provenance,
            link=self._link,
            relative=self._relative,
        )
        self._share = None
        self._file_urls = {file.src_uri: file.url for file in files}
        if plan.written:
            assert self._nav is not None
            site = Site(
                site_dir=Path(config.site_dir),
                use_directory_urls=config.use_directory_urls,
                frames=MaterialFrames(env, config, self._nav, files),
                config=config,
                relative=self._relative_to,
            )
            specs, targets = list(plan.written), self._written
            expand = partial(version_pages, language=self._translator.language)
            # A process's pages in a row to one process: its texts and cards are rendered once.
            starts = [
                i for i, spec in enumerate(specs) if i and _process(spec) != _process(specs[i - 1])
            ]
            chunks = Chunks(len(specs), size=_CHUNK_PAGES, starts=starts)
            blobs = plan.blobs
            assert blobs is not None
            # The history and version addresses of items whose page is their whole record
            # (two in three items on a young site): shared out like the pages.
            current = sorted(plan.current_versions.items())
            current_chunks = Chunks(len(current), size=_CHUNK_PAGES)
            t = self._translator

            def write() -> None:
                # Its own `git cat-file` (the planning one is closed): old texts are read here.
                with blobs:
                    write_pages(env, specs, targets, site, expand, chunks)
                write_redirects(
                    site.site_dir,
                    dict(current[index] for index in current_chunks),
                    self._live(),
                    use_directory_urls=site.use_directory_urls,
                    language=t.language,
                    title=t.text("history.current_title"),
                    text=t.text("history.current"),
                )

            # Everything the pages need is known now: they are written on the other core while
            # MkDocs renders its own few pages, then by both processes.
            self._writer.start(write)
            self._share = write
        return env

    @jinja2.pass_context
    def _link(self, context: Any, src_uri: str) -> str:
        """The URL of a generated page or copied file, relative to the page being rendered."""
        url = self._file_urls.get(src_uri)
        if url is None and src_uri in self._written:
            url = self._written[src_uri].url
        if url is None:
            raise PluginError(f"greffier: a template links to {src_uri!r}, which is not built")
        return self._relative(context, url)

    def _live(self) -> dict[str, str]:
        """src_uri -> URL of everything published: MkDocs' files and the written pages."""
        return self._file_urls | {src: target.url for src, target in self._written.items()}

    def _relative(self, context: Any, url: str) -> str:
        """A site URL relative to the page being rendered (MkDocs' `url` filter), or marked to
        be made relative once the page is rendered (`templating.DEFERRED_LINK`)."""
        if context.get(DEFERRING):
            return DEFERRED_LINK + url
        page = context.get("page")
        if page is None:
            return str(url_filter(context, url))
        return self._relative_to(url, page.url)

    def _relative_to(self, url: str, page_url: str) -> str:
        """A site URL relative to the page at `page_url`, as MkDocs' `url` filter writes it."""
        # A page links to the same places many times (a list's cards to their process). Only
        # the page being rendered is remembered: every (link, page) pair of a 300,000-page
        # site would take gigabytes.
        if page_url != self._urls_page:
            self._urls, self._urls_page = {}, page_url
        found = self._urls.get(url)
        if found is None:
            found = self._urls[url] = normalize_url(url, page=cast(Page, _At(page_url)))
        return found

    @event_priority(100)  # First, so other plugins' handlers see the page's real meta.
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """A generated page's meta, set from its spec: never a text MkDocs would re-parse as
        YAML (where a character YAML refuses turned the page into Markdown), and never a
        Markdown source for the site's `markdown_extensions` (`attr_list`, `md_in_html`)."""
        spec = self._pages.get(page.file.src_uri)
        if spec is None:
            return markdown
        page.meta = _meta(spec)
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The site's own pages (the guide): their tables scroll in a region the keyboard
        reaches, named by their columns, like the processes' texts (`ScrollingTables`)."""
        if page.file.src_uri in self._pages:
            return html
        return str(self._tables(Markup(html)))

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        spec = self._pages.get(page.file.src_uri)
        if spec is not None:
            cast(dict[str, Any], context)["greffier"] = spec.context
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._failure is not None:
            t = self._translator
            page = failure_page(
                self._failure,
                language=t.language,
                title=t.text("serve.failed_title"),
                intro=t.text("serve.failed_intro"),
            )
            write_failure_site(Path(config.site_dir), page)
            return
        # The sitemap's dates, like MkDocs' own, are the build's "today" (on_config).
        day, timestamp = get_build_date(), get_build_timestamp()
        self._unpin_epoch()
        try:
            # Before the redirects, which never overwrite a page, and Pagefind.
            self._writer.join(self._share)
        except RuntimeError as error:
            failed = self._say("build.write_failed", error=error)
            raise PluginError(f"greffier: {failed}") from error
        plan = self._require_plan()
        written = [self._written[s.src_uri].url for s in plan.written if s.in_sitemap]
        if config.site_url:
            extend_sitemap(Path(config.site_dir), config.site_url, written, day, timestamp)
        if self._files is not None:
            t = self._translator
            write_redirects(
                Path(config.site_dir),
                plan.redirects,
                self._live(),
                use_directory_urls=config.use_directory_urls,
                language=t.language,
                title=t.text("history.moved_title"),
                text=t.text("history.moved"),
            )
        if self.config.search_index:
            index_site(Path(config.site_dir), self._translator.language)

    def on_build_error(self, *, error: Exception) -> None:
        self._writer.cancel()
        self._unpin_epoch()

    def _unpin_epoch(self) -> None:
        # A later build in the same process (tests, `mkdocs serve`) must read its own HEAD.
        if self._pinned_epoch:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._pinned_epoch = False

    def _require_plan(self) -> SitePlan:
        if self._plan is None:
            raise PluginError("greffier: the site was not planned (on_config did not run)")
        return self._plan

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a process folder changes, not only docs/."""
        plan = self._require_plan()
        server.watch(str(plan.settings.root / plan.settings.processes_dir))
        return server


_CHUNK_PAGES = 2000
"""At most this many written pages at a time to one process: a whole process's pages on most
sites, without leaving the other process idle long at the end of a large one."""


def _process(spec: PageSpec) -> str | None:
    return getattr(spec.context.get("view"), "slug", None)


@dataclass(frozen=True)
class _At:
    """A page's address: all MkDocs' `normalize_url` reads of a page."""

    url: str


def _meta(spec: PageSpec) -> dict[str, Any]:
    # The HTML escape is for Material, which prints `page.meta.title` (and the navigation,
    # `page.title`) unescaped. Generated pages have no table of contents.
    return {
        "title": html.escape(spec.title, quote=False),
        "template": spec.template,
        "hide": ["toc"],
    }
