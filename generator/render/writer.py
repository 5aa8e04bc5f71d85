"""History and version pages, written straight from their templates once MkDocs has built the site.

There are as many of them as of all other pages together, and a MkDocs page under Material costs
several milliseconds to render, most of it the site navigation. Rendered through the same Jinja
environment (same filters, same Greffier templates) but with `themes/greffier/standalone/main.html`
standing in for Material's, they keep the site's look, header, breadcrumb and footer for a small
part of that cost. They are not MkDocs pages: never in the navigation, the sitemap or the search
index, and the plugin resolves links to them itself.

The MkDocs adapter writes them in a forked process (`present.parallel.BackgroundJob`) while
MkDocs renders its own pages, so a build uses both cores of a small CI machine instead of one;
once MkDocs is done, the main process takes its share of what is left (`Chunks`), so neither
core waits for the other. Nothing here knows MkDocs: page addresses come from `paths`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator import paths
from generator.present.theme import theme_dir
from generator.render.pages import PageSpec

TEMPLATES = theme_dir() / "standalone"


@dataclass(frozen=True)
class StandalonePage:
    """What Greffier's templates read of `page`: a MkDocs page has much more, none of it used."""

    title: str
    url: str
    file: PageSource


@dataclass(frozen=True)
class PageSource:
    """What templates read of a page's file: which planned page it is."""

    src_uri: str


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


@dataclass(frozen=True)
class Destination:
    """Where a page is published: its URL (site-relative) and the path of its file."""

    url: str
    path: Path


def destinations(
    specs: Iterable[PageSpec], site_dir: Path, use_directory_urls: bool
) -> dict[str, Destination]:
    """src_uri -> the URL and file of each page written here."""
    return {
        spec.src_uri: Destination(
            paths.url(spec.src_uri, use_directory_urls),
            site_dir / paths.dest_path(spec.src_uri, use_directory_urls),
        )
        for spec in specs
    }


Expansion = Callable[[PageSpec], list[PageSpec]]
"""A planned page -> the pages it stands for, itself first (a history page and its versions)."""


def chrome(language: str, stylesheets: Sequence[str], palette: object, home: str) -> Chrome:
    """The frame's facts: `stylesheets` site-relative (the theme's, then `extra_css`),
    `palette` as the theme's `palette` setting, `home` the home page's URL."""
    return Chrome(
        language=language, stylesheets=tuple(stylesheets), palette=_palette(palette), home=home
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


def write_pages(
    env: jinja2.Environment,
    planned: Sequence[PageSpec],
    files: dict[str, Destination],
    site: Site,
    expand: Expansion,
    chunks: Iterable[int] | None = None,
) -> None:
    """Render each page with its template and write it where the host writes its own pages.

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
        new = [spec for spec in specs if spec.src_uri not in files]
        files.update(destinations(new, site.site_dir, site.use_directory_urls))
        for spec in specs:
            target = files[spec.src_uri]
            context = {
                "greffier": spec.context,
                "page": StandalonePage(spec.title, target.url, PageSource(spec.src_uri)),
                "config": site.config,
                "base_url": paths.relative_url(".", target.url),
                "standalone": site.chrome,
            }
            # The footer's links only depend on how deep the page is: rendered once a depth.
            depth = target.url.count("/")
            if depth not in footers:
                footer = overlay.get_template(_FOOTER).render(context)
                footers[depth] = Markup(footer)
            _write(overlay, spec, target.path, {**context, "footer": footers[depth]})


@dataclass(frozen=True)
class Site:
    """What the writer needs of the site being built."""

    site_dir: Path
    use_directory_urls: bool
    chrome: Chrome
    config: Mapping[str, Any]
    """The host's settings, as its templates read them (`config.site_name`…)."""


_FOOTER = "partials/copyright.html"


def _write(
    overlay: jinja2.Environment, spec: PageSpec, destination: Path, context: dict[str, Any]
) -> None:
    html = overlay.get_template(spec.template).render(context)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(html, encoding="utf-8")
