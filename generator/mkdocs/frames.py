"""The frames Greffier's written pages are set in: Material's page, rendered once for many.

A frame links to the navigation's pages, the footer's, the theme's assets and the site's
stylesheets and scripts, all with URLs relative to the page. Two pages get the same links
wherever they have the same depth and share their folders down to the deepest one that holds
something MkDocs publishes (its "anchor"): below it, nothing the frame links to. So one frame is
rendered a (anchor, depth), through a stand-in page under the anchor, and fits them all.
"""

from __future__ import annotations

import posixpath
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..render.writer import CONTENT_MARKER, TITLE_MARKER, Frame

TEMPLATE = "greffier/frame.html"
_STAND_IN = "greffier-frame"
"""The folder name of a stand-in page: its address appears only in its canonical URL."""


class MaterialFrames:
    """Page URL -> its frame, rendered the first time a page needs it (in each process)."""

    def __init__(
        self, env: jinja2.Environment, config: MkDocsConfig, nav: Navigation, files: Files
    ) -> None:
        self._env, self._config, self._nav = env, config, nav
        self._pages = files.documentation_pages()
        published = [file.url for file in files] + [
            str(path) for path in (*config.extra_css, *config.extra_javascript)
        ]
        self._anchors = {
            folder[:n] for folder in map(_folder, published) for n in range(len(folder) + 1)
        }
        self._frames: dict[tuple[tuple[str, ...], int], Frame] = {}

    def __call__(self, url: str) -> Frame:
        folder = _folder(url)
        anchor = self.anchor(folder)
        key = (anchor, len(folder))
        frame = self._frames.get(key)
        if frame is None:
            frame = self._frames[key] = self._render(anchor, len(folder))
        return frame

    def anchor(self, folder: tuple[str, ...]) -> tuple[str, ...]:
        """The deepest of `folder`'s folders (itself included) holding something published."""
        return max(
            (folder[:n] for n in range(len(folder) + 1) if folder[:n] in self._anchors), key=len
        )

    def _render(self, anchor: tuple[str, ...], depth: int) -> Frame:
        src_uri = posixpath.join(*anchor, *[_STAND_IN] * (depth - len(anchor)), "index.md")
        page = Page(TITLE_MARKER, File.generated(self._config, src_uri, content=""), self._config)
        page.meta = {"title": TITLE_MARKER, "template": TEMPLATE, "hide": ["toc"]}
        page.content = ""
        self._config._current_page = page
        try:
            page.active = True
            context: Any = get_context(self._nav, self._pages, self._config, page)
            context = self._config.plugins.on_page_context(
                context, page=page, config=self._config, nav=self._nav
            )
            context["greffier_content_marker"] = Markup(CONTENT_MARKER)
            rendered = self._env.get_template(TEMPLATE).render(context)
        finally:
            page.active = False
            self._config._current_page = None
        return Frame.split(rendered, page.url)


def _folder(url: str) -> tuple[str, ...]:
    """The folders of a site URL, from the root: those its relative links start from."""
    return tuple(part for part in posixpath.dirname(url).split("/") if part)
