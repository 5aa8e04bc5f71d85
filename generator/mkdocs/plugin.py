"""The MkDocs plugin: hosts the pages of Greffier's site plan (`generator.site.plan_site`).

`on_config` asks the core for the plan (any error fails the build, listing every problem);
`on_files` adds its pages, copies and generated files; `on_nav` lists the processes;
`on_env` teaches Jinja Greffier's template vocabulary and starts writing the history pages;
`on_page_markdown` gives each page its meta (no page text is ever parsed by MkDocs);
`on_page_context` hands each template its data; `on_post_build` writes the redirects and runs
Pagefind.
"""

from __future__ import annotations

import html
import logging
import os
from functools import partial
from pathlib import Path
from typing import Any, cast

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext, url_filter

from generator.diagnostics import GreffierError, ValidationFailed
from generator.i18n.translator import Translator
from generator.i18n.wording import Wording
from generator.mkdocs.config import GreffierConfig, settings
from generator.mkdocs.material import add_greffier_theme, check_theme, frame
from generator.mkdocs.nav import inclusion, with_processes
from generator.present.parallel import BackgroundJob, Chunks
from generator.present.templating import escape_own_templates, prepare
from generator.render.pages import PageSpec, version_pages
from generator.render.redirects import write_redirects
from generator.render.search import index_site
from generator.render.writer import (
    Destination,
    Site,
    destinations,
    write_pages,
)
from generator.site import SitePlan, plan_site

log = logging.getLogger("mkdocs.plugins.greffier")


class GreffierPlugin(BasePlugin[GreffierConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._plan: SitePlan | None = None
        self.planned: SitePlan | None = None
        """A plan the `greffier` command already made for this very build (it checked it)."""
        self._pages: dict[str, PageSpec] = {}
        self._translator = Translator("fr")
        self._files: Files | None = None
        self._written: dict[str, Destination] = {}
        self._pinned_epoch = False
        self._writer = BackgroundJob("the page writer")
        self._share: Any = None
        self._urls: dict[tuple[str, str], str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        language = check_theme(config)
        self._translator = Translator(language)
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
            plan = planned if planned and planned.settings == wanted else plan_site(wanted)
        except GreffierError as error:
            raise PluginError(str(error)) from error
        except (OSError, RuntimeError, ValueError) as error:
            raise PluginError(f"greffier: making the site failed: {error}") from error
        if not plan.publishable:
            # Every problem, warnings included, in one message: nothing is half-published.
            raise PluginError(str(ValidationFailed(plan.diagnostics, Wording(language))))
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

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        plan = self._require_plan()
        self._written = destinations(
            plan.standalone, Path(config.site_dir), config.use_directory_urls
        )
        self._urls = {}
        for spec in [*plan.pages, *plan.standalone]:
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None:
                raise PluginError(
                    f"greffier: docs/{existing.src_uri} would hide the generated page "
                    f"{spec.title!r}; rename or remove it"
                )
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
        """List the processes' overview pages in a section after the home page."""
        title = self._translator.text("nav.processes")
        return with_processes(nav, files, self._pages.values(), title)

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        plan = self._require_plan()
        escape_own_templates(env)
        prepare(
            env,
            translator=self._translator,
            legal=plan.settings.legal,
            forge=plan.forge,
            provenance=plan.provenance,
            link=self._link,
            relative=_relative,
        )
        self._share = None
        if plan.standalone:
            site = Site(
                site_dir=Path(config.site_dir),
                use_directory_urls=config.use_directory_urls,
                chrome=frame(config, files, self._translator.language),
                config=config,
            )
            specs, targets = list(plan.standalone), self._written
            expand = partial(version_pages, language=self._translator.language)
            chunks = Chunks(len(specs))
            blobs = plan.blobs
            assert blobs is not None

            def write() -> None:
                # Its own `git cat-file` (the planning one is closed): old texts are read here.
                with blobs:
                    write_pages(env, specs, targets, site, expand, chunks)

            # Everything the pages need is known now: they are written on the other core while
            # MkDocs renders its own pages, then by both processes.
            self._writer.start(write)
            self._share = write
        return env

    @jinja2.pass_context
    def _link(self, context: Any, src_uri: str) -> str:
        """The URL of a generated page or copied file, relative to the page being rendered."""
        file = self._files.get_file_from_path(src_uri) if self._files else None
        url = file.url if file is not None else None
        if url is None and src_uri in self._written:
            url = self._written[src_uri].url
        if url is None:
            raise PluginError(f"greffier: a template links to {src_uri!r}, which is not built")
        page = context.get("page")
        if page is None:
            return str(url_filter(context, url))
        # Pages link to the same few hundred places thousands of times.
        key = (url, page.url)
        found = self._urls.get(key)
        if found is None:
            found = self._urls[key] = str(url_filter(context, url))
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

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        spec = self._pages.get(page.file.src_uri)
        if spec is not None:
            cast(dict[str, Any], context)["greffier"] = spec.context
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._unpin_epoch()
        try:
            # Before the redirects, which never overwrite a page, and Pagefind.
            self._writer.join(self._share)
        except RuntimeError as error:
            raise PluginError(f"greffier: writing the history pages failed: {error}") from error
        plan = self._require_plan()
        if self._files is not None:
            live = {file.src_uri: file.url for file in self._files}
            write_redirects(
                Path(config.site_dir),
                plan.redirects,
                live,
                use_directory_urls=config.use_directory_urls,
                translator=self._translator,
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


def _relative(context: Any, url: str) -> str:
    """A site URL relative to the page being rendered (MkDocs' `url` filter)."""
    return str(url_filter(context, url))


def _meta(spec: PageSpec) -> dict[str, Any]:
    # The HTML escape is for Material, which prints `page.meta.title` (and the navigation,
    # `page.title`) unescaped. Generated pages have no table of contents.
    return {
        "title": html.escape(spec.title, quote=False),
        "template": spec.template,
        "hide": ["toc"],
    }
