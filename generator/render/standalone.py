"""History and version pages, written straight from their templates once MkDocs has built the site.

There are as many of them as of all other pages together, and a MkDocs page under Material costs
several milliseconds to render, most of it the site navigation. Rendered through the same Jinja
environment (same filters, same Greffier templates) but with `themes/greffier/standalone/main.html`
standing in for Material's, they keep the site's look, header, breadcrumb and footer for a small
part of that cost. They are not MkDocs pages: never in the navigation, the sitemap or the search
index, and the plugin resolves links to them itself.

`BackgroundWriter` writes them in a forked process while MkDocs renders its own pages, so a
build uses both cores of a small CI machine instead of one; once MkDocs is done, the main
process takes its share of what is left (`Chunks`), so neither core waits for the other.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from ..theme import theme_dir
from . import paths
from .pages import PageSpec

TEMPLATES = theme_dir() / "standalone"

_MATERIAL_STYLESHEETS = ("assets/stylesheets/main.", "assets/stylesheets/palette.")


@dataclass(frozen=True)
class StandalonePage:
    """What Greffier's templates read of `page`: a MkDocs page has much more, none of it used."""

    title: str
    url: str
    file: File


@dataclass(frozen=True)
class Palette:
    scheme: str
    primary: str
    accent: str


@dataclass(frozen=True)
class Chrome:
    """What Material's main.html would have worked out for the page frame."""

    language: str
    stylesheets: tuple[str, ...]
    """Site-relative paths: Material's stylesheets, then `extra_css` (Greffier's first)."""
    palette: Palette | None
    home: str


def page_files(specs: Iterable[PageSpec], config: MkDocsConfig) -> dict[str, File]:
    """src_uri -> the File giving each standalone page its URL and destination."""
    return {
        spec.src_uri: File(
            spec.src_uri,
            src_dir=None,
            dest_dir=config.site_dir,
            use_directory_urls=config.use_directory_urls,
        )
        for spec in specs
    }


Expansion = Callable[[PageSpec], list[PageSpec]]
"""A planned page -> the pages it stands for, itself first (a history page and its versions)."""


def chrome(config: MkDocsConfig, files: Files, language: str) -> Chrome:
    material = sorted(
        file.src_uri
        for file in files
        if file.src_uri.startswith(_MATERIAL_STYLESHEETS) and file.src_uri.endswith(".min.css")
    )
    home = files.get_file_from_path(paths.HOME)
    return Chrome(
        language=language,
        stylesheets=(*material, *(str(path) for path in config.extra_css)),
        palette=_palette(config.theme.get("palette")),
        home=home.url if home is not None else "",
    )


def _palette(value: Any) -> Palette | None:
    # Material accepts one palette or a list of them (light/dark toggle): the first is the default.
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, Mapping):
        return None

    def token(key: str, default: str) -> str:
        return str(value.get(key) or default).replace(" ", "-")

    return Palette(
        token("scheme", "default"), token("primary", "indigo"), token("accent", "indigo")
    )


class Chunks:
    """Hands out the planned pages a few at a time to every process that asks, each once:
    processes sharing one (forked after it is made) share the work."""

    SIZE = 25

    def __init__(self, count: int) -> None:
        self.count = count
        self._next = multiprocessing.Value("i", 0)

    def __iter__(self) -> Iterator[int]:
        while True:
            with self._next.get_lock():
                start = self._next.value
                self._next.value = start + self.SIZE
            if start >= self.count:
                return
            yield from range(start, min(start + self.SIZE, self.count))


def write_pages(
    env: jinja2.Environment,
    planned: Sequence[PageSpec],
    files: dict[str, File],
    config: MkDocsConfig,
    frame: Chrome,
    expand: Expansion,
    chunks: Iterable[int] | None = None,
) -> None:
    """Render each page with its template and write it where MkDocs would have.

    Pages found by `expand` are added to `files` before any of them is rendered, so the `link`
    filter that resolves links through `files` finds them. With `chunks`, only the planned pages
    it hands out (by index) are written.
    """
    assert env.loader is not None
    overlay = env.overlay(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(TEMPLATES)), env.loader])
    )
    footers: dict[int, Markup] = {}
    for index in range(len(planned)) if chunks is None else chunks:
        specs = expand(planned[index])
        files.update(page_files((spec for spec in specs if spec.src_uri not in files), config))
        for spec in specs:
            file = files[spec.src_uri]
            context = {
                "greffier": spec.context,
                "page": StandalonePage(spec.title, file.url, file),
                "config": config,
                "base_url": get_relative_url(".", file.url),
                "standalone": frame,
            }
            # The footer's links only depend on how deep the page is: rendered once a depth.
            depth = file.url.count("/")
            if depth not in footers:
                footer = overlay.get_template(_FOOTER).render(context)
                footers[depth] = Markup(footer)
            _write(overlay, spec, file, {**context, "footer": footers[depth]})


_FOOTER = "partials/copyright.html"


def _write(
    overlay: jinja2.Environment, spec: PageSpec, file: File, context: dict[str, Any]
) -> None:
    html = overlay.get_template(spec.template).render(context)
    destination = Path(file.abs_dest_path)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(html, encoding="utf-8")


class BackgroundWriter:
    """Runs one job in a forked child while the build goes on; `join` waits and reports its
    failure. Where fork does not exist the job runs inline, in `join`, with the same result."""

    def __init__(self) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._results: Connection | None = None
        self._job: Callable[[], None] | None = None

    def start(self, job: Callable[[], None]) -> None:
        if "fork" not in multiprocessing.get_all_start_methods():
            self._job = job
            return
        context = multiprocessing.get_context("fork")
        self._results, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(job, sender), daemon=True)
        self._process.start()
        sender.close()

    def join(self, share: Callable[[], None] | None = None) -> None:
        """Wait for the job, running `share` meanwhile (the caller's part of the same work);
        raises RuntimeError with the child's error if it failed."""
        job, self._job = self._job, None
        if job is not None:
            job()
            return
        if share is not None and self._process is not None:
            share()
        process, results = self._process, self._results
        self._process = self._results = None
        if process is None or results is None:
            return
        try:
            error = results.recv()
        except EOFError:  # Died without a word: the exit code says how.
            error = None
        process.join()
        results.close()
        if error is None and process.exitcode != 0:
            error = f"the page writer stopped with exit code {process.exitcode}"
        if error is not None:
            raise RuntimeError(error)

    def cancel(self) -> None:
        """Stop the job: the build failed, nothing more may be written."""
        self._job = None
        if self._process is not None:
            self._process.kill()
            self._process.join()
        if self._results is not None:
            self._results.close()
        self._process = self._results = None


def _run(job: Callable[[], None], results: Connection) -> None:
    try:
        job()
    except BaseException as error:  # Reported to the parent, which raises it.
        results.send(f"{type(error).__name__}: {error}")
    else:
        results.send(None)
    finally:
        results.close()
        # Skip the interpreter's exit handlers: they belong to the parent (MkDocs' and
        # pytest's among them) and must not run twice.
        os._exit(0)
