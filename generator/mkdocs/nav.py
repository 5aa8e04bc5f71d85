"""The site navigation: the home page, which lists the processes, heads a section of their
overviews.

So the section's own link is the list of processes: with Material's `navigation.prune` (which
keeps each page's navigation to what it shows, a large share of every page's weight on a site
of many processes), a page outside the section shows it as one link, and that link leads to the
list rather than to whichever process comes first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..render.pages import PageSpec


def with_processes(
    nav: Navigation, files: Files, specs: Iterable[PageSpec], title: str
) -> Navigation:
    """`nav` with a section `title` holding the home page (when it is a top item) and the
    overviews not listed yet, where the home page was (first otherwise)."""
    listed = {page.file.src_uri for page in nav.pages}
    overviews: list[StructureItem] = []
    for spec in specs:
        file = files.get_file_from_path(spec.src_uri)
        if _is_overview(spec) and spec.src_uri not in listed and file and file.page:
            _mark_language(file.page, spec)
            overviews.append(file.page)
    if not overviews:
        return nav
    items = list(nav.items)
    home = next((i for i, item in enumerate(items) if getattr(item, "is_homepage", False)), None)
    children = overviews if home is None else [items.pop(home), *overviews]
    section = Section(title, children)
    for child in children:
        child.parent = section
    items.insert(home or 0, section)
    pages = _pages_in(items)
    for previous, current in zip([None, *pages], pages, strict=False):
        current.previous_page = previous
        if previous is not None:
            previous.next_page = current
    if pages:
        pages[-1].next_page = None
    return Navigation(items, pages)


def _mark_language(page: Page, spec: PageSpec) -> None:
    """A process title in another language than the site's says so in the navigation (WCAG
    3.1.2), through Material's `typeset` title: HTML that Material shows in the navigation only,
    where the page's plain title (the browser tab, the header) cannot hold markup."""
    view = spec.context.get("view")
    if view is not None and view.lang_attr:
        page.typeset = {  # type: ignore[attr-defined]
            "title": Markup("<span{}>{}</span>").format(view.lang_attr, view.data.title)
        }


def mark_languages(nav: Navigation, site_language: str) -> None:
    """The site's own pages written in another language than the site's (their `lang` meta,
    known once MkDocs has read them: `on_env`) say so in the navigation, and so does a section
    whose pages all share that language (WCAG 3.1.2): the French guide on an English site."""
    for item in nav.items:
        _mark_item(item, site_language)


def _mark_item(item: StructureItem, site_language: str) -> str | None:
    """Marks `item` and what it holds; returns its language when it is not the site's."""
    if isinstance(item, Page):
        written = item.meta.get("lang")
        language = str(written) if written and str(written) != site_language else None
        if language and item.title and not getattr(item, "typeset", None):
            _typeset(item, language)
        return language
    if isinstance(item, Section):
        languages = {_mark_item(child, site_language) for child in item.children}
        shared = languages.pop() if len(languages) == 1 else None
        if shared is not None:
            _typeset(item, shared)
        return shared
    return None


def _typeset(item: Page | Section, language: str) -> None:
    # Material shows an item's `typeset` title, HTML, in the navigation only.
    item.typeset = {  # type: ignore[union-attr]
        "title": Markup('<span lang="{}">{}</span>').format(language, item.title)
    }


def _is_overview(spec: PageSpec) -> bool:
    return spec.in_nav and spec.page_type == "process"


def inclusion(spec: PageSpec) -> InclusionLevel:
    # Overviews are listed by on_nav, in their own section: MkDocs must not list them again.
    if spec.in_nav and not _is_overview(spec):
        return InclusionLevel.UNDEFINED
    return InclusionLevel.NOT_IN_NAV


def _pages_in(items: list[Any]) -> list[Page]:
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        elif isinstance(item, Section):
            found += _pages_in(item.children)
    return found
