"""Greffier's pages outside the navigation, written straight from their templates.

Items, their listings, history and version pages are nearly every page of a site: tens of
thousands of them. Rendering each through the host theme's whole page (Material's `main.html`:
header, site navigation, footer) is what made builds slow, and that frame is the same for every
page as deep in the site and as near the navigation's own pages. So each page's content is
rendered alone (its template over `greffier/bare.html`), then set in a `Frame` the host rendered
once for all the pages it fits (`greffier/frame.html`, by the MkDocs adapter): every page keeps
the full site navigation for a small part of the cost. Both are written without their
templates' indentation (`whitespace.collapse`).

The MkDocs adapter writes them in a forked process (`present.parallel.BackgroundJob`) while
MkDocs renders its own pages, then with both processes (`Chunks`), so a build uses both cores of
a small CI machine. Nothing here knows MkDocs: page addresses come from `paths`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .. import paths
from ..present.templating import DEFERRED_LINK, DEFERRING
from .pages import PageSpec
from .whitespace import collapse

CONTENT_MARKER = "<!--greffier:content-->"
"""What `greffier/frame.html` writes where a page's content goes."""
TITLE_MARKER = "GreffierFrameTitle"
"""The title of the page a frame is rendered for: each page's own title replaces it."""
BARE = "greffier/bare.html"
_DEFERRED = re.compile(re.escape(DEFERRED_LINK) + "([^\"'\\s<>#?]*)")


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
class Destination:
    """Where a page is published: its URL (site-relative) and the path of its file."""

    url: str
    path: Path


@dataclass(frozen=True)
class Frame:
    """The host's page around a content (header, navigation, footer), rendered for one page
    and fitting every page whose links to the frame's targets are written the same."""

    before: str
    after: str
    url: str
    """The URL of the page it was rendered for: its canonical address names that page."""

    @classmethod
    def split(cls, rendered: str, url: str) -> Frame:
        """The frame of a page rendered with `CONTENT_MARKER` as its content."""
        before, marker, after = collapse(rendered).partition(CONTENT_MARKER)
        if not marker or CONTENT_MARKER in after or TITLE_MARKER in after:
            raise ValueError("a page frame must hold its content marker once, its title before")
        return cls(before, after, url)

    def around(self, content: str, title: str, url: str) -> str:
        before = self.before.replace(TITLE_MARKER, html.escape(title, quote=False))
        if url != self.url:
            before = before.replace(self.url, url)
        return before + content + self.after


def relative_links(content: str, url: str, relative: Callable[[str, str], str]) -> str:
    """`content` with each deferred link made relative to the page at `url`."""
    return _DEFERRED.sub(lambda link: relative(link[1], url), content)


Frames = Callable[[str], Frame]
"""A page's URL -> the frame to set its content in."""


def destinations(
    src_uris: Iterable[str], site_dir: Path, use_directory_urls: bool
) -> dict[str, Destination]:
    """src_uri -> the URL and file of each page written here."""
    return {
        src_uri: Destination(
            paths.url(src_uri, use_directory_urls),
            site_dir / paths.dest_path(src_uri, use_directory_urls),
        )
        for src_uri in src_uris
    }


Expansion = Callable[[PageSpec], list[PageSpec]]
"""A planned page -> the pages it stands for, itself first (a history page and its versions)."""


@dataclass(frozen=True)
class Site:
    """What the writer needs of the site being built."""

    site_dir: Path
    use_directory_urls: bool
    frames: Frames
    config: Mapping[str, Any]
    """The host's settings, as its templates read them (`config.site_name`…)."""
    relative: Callable[[str, str], str]
    """(site URL, page URL) -> the URL relative to the page, as the host writes its links."""


def write_pages(
    env: jinja2.Environment,
    planned: Sequence[PageSpec],
    files: dict[str, Destination],
    site: Site,
    expand: Expansion,
    chunks: Iterable[int] | None = None,
) -> None:
    """Render each page's content with its template, set it in its frame and write it where
    the host writes its own pages.

    Pages found by `expand` are added to `files` before any of them is rendered, so the `link`
    filter that resolves links through `files` finds them. With `chunks`, only the planned pages
    it hands out (by index) are written.
    """
    for index in range(len(planned)) if chunks is None else chunks:
        specs = expand(planned[index])
        new = [spec.src_uri for spec in specs if spec.src_uri not in files]
        files.update(destinations(new, site.site_dir, site.use_directory_urls))
        for spec in specs:
            target = files[spec.src_uri]
            context = {
                "greffier": spec.context,
                "page": StandalonePage(spec.title, target.url, PageSource(spec.src_uri)),
                "config": site.config,
                "base_url": paths.relative_url(".", target.url),
                "greffier_base": BARE,
                DEFERRING: True,
            }
            content = collapse(
                relative_links(
                    env.get_template(spec.template).render(context), target.url, site.relative
                )
            )
            page = site.frames(target.url).around(content, spec.title, target.url)
            target.path.parent.mkdir(parents=True, exist_ok=True)
            target.path.write_text(page, encoding="utf-8")
