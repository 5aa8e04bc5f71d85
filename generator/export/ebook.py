"""The dossier's outline as an e-book's: one file per chapter, each opening with its h1.

pandoc splits an EPUB at headings of one level and builds its navigation document from the
levels below, so the outline a reader gets is the heading levels pandoc is given. Paper has
one title, sections and their items (h1, h2, h3…); an e-book wants chapters of a readable
length: the cover, each section, and within a section each part that is long enough to stand
alone (a minutes, fifty contributions), which the print template marks as a `chapter`. Each
becomes an h1 and everything under it moves up by as many levels, so the navigation is two
levels deep (chapters, then what each holds) and no chapter skips a level going down.

pandoc lists in the navigation only the headings it meets outside any other block: the wrappers
around a heading (a minutes' text, an item's card) are opened, the language they declare passed
on to what they hold.

The print table of contents goes: a reading system shows the navigation document instead.
"""

from __future__ import annotations

from lxml.html import HtmlElement

_CONTAINERS = frozenset({"cover", "section", "chapter"})
"""Classes of the print elements that become chapters, each headed by its first heading."""
_PRINT_ONLY = "toc"
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_INHERITED = ("lang", "dir")
"""What an element tells of the text it holds, which its children keep once it is gone."""


def chaptered(document: HtmlElement) -> None:
    """Re-outline a print document, in place, so that every chapter is headed by an h1."""
    for toc in document.find_class(_PRINT_ONLY):
        toc.drop_tree()
    headed = {
        div: heading
        for div in document.iter("div")
        if _CONTAINERS & set(div.classes) and (heading := _first_heading(div)) is not None
    }
    levels = {}
    for heading in document.iter(*_HEADINGS):
        container = next((div for div in heading.iterancestors("div") if div in headed), None)
        if container is not None:
            levels[heading] = 1 + _level(heading) - _level(headed[container])
    for div, heading in headed.items():
        # The cover shows the organiser above the title; a chapter opens with its title.
        _move_to_start(heading, div)
        div.drop_tag()
    for heading, level in levels.items():
        heading.tag = f"h{min(level, 6)}"
    for wrapper in [div for div in document.iter("div") if _first_heading(div) is not None]:
        _open(wrapper)


def _open(wrapper: HtmlElement) -> None:
    """`wrapper` gone, what it held in its place, its language on each element it held."""
    for attribute in _INHERITED:
        value = wrapper.get(attribute)
        if value is None:
            continue
        for child in wrapper:
            if isinstance(child.tag, str) and child.get(attribute) is None:
                child.set(attribute, value)
    wrapper.drop_tag()


def _move_to_start(element: HtmlElement, parent: HtmlElement) -> None:
    """`element` as the first child of `parent`, the text that followed it left in place."""
    if parent[0] is not element:
        element.drop_tree()  # keeps its tail where it was, but lxml leaves a copy on it
        element.tail = None
        parent.insert(0, element)


def _first_heading(element: HtmlElement) -> HtmlElement | None:
    return next(element.iter(*_HEADINGS), None)


def _level(heading: HtmlElement) -> int:
    return int(heading.tag[1])
