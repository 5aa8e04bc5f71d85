"""Markdown written by organisers and by the public, turned into HTML that is safe to publish.

The dialect is CommonMark with GitHub's extensions (tables, strikethrough, autolinks, task
lists), parsed by markdown-it-py, the Python port of the reference JavaScript parser. It is the
dialect pandoc's `gfm` writer produces (every importer goes through pandoc) and the one forges
preview while organisers edit a file, so what they see there, what an importer wrote and what
the site shows are the same structure. Nothing rewrites people's characters: no smart quotes,
dashes or ellipses (`typographer` stays off), and autolinks are GitHub's, limited to `www.`,
`http(s)://` and e-mail addresses, so `example.com` in a sentence stays text.

Contributions come from anyone, so every Markdown text is treated as hostile: raw HTML is
allowed by Markdown, which is why the HTML is always sanitised afterwards with nh3 (Rust's
ammonia, an allow-list HTML5 sanitiser). The pipeline is

    Markdown -> HTML -> nh3 -> rewrite (images, links, headings) -> nh3 -> Markup

The first nh3 pass hands the rewriting step the same well-formed tree a browser would build;
the rewriting step only reshapes it (remote images into links, heading levels, `rel`), and the
last nh3 pass guarantees that whatever the rewriting did, the output is within the allow-list.
No syntax adds attributes (no `{onclick=...}` attribute lists), and nh3 would drop them anyway
since only the attributes below are allowed.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Literal, NamedTuple
from urllib.parse import urlsplit

import nh3
from linkify_it import LinkifyIt
from linkify_it.main import Match
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.tasklists import tasklists_plugin

from .characters import clean

EXTERNAL_REL = "noopener nofollow ugc"
"""`rel` of links leaving the site: user-generated content must not pass ranking or opener."""

IMAGE_LABEL = "image"
"""Text of a link replacing a remote image that has no alt text (the same word in fr and en)."""

_SCHEMES = {"http", "https", "mailto", "tel"}

_INLINE_TAGS = {
    "a",
    "abbr",
    "b",
    "br",
    "code",
    "del",
    "em",
    "i",
    "ins",
    "kbd",
    "mark",
    "s",
    "sub",
    "sup",
    "strong",
}
_BLOCK_TAGS = {
    "blockquote",
    "caption",
    "dd",
    "dl",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
_ATTRIBUTE_VALUES = {
    "a": {"rel": {EXTERNAL_REL}},
    "th": {"scope": {"col", "row", "colgroup", "rowgroup"}},
}
# Removed with everything inside them: their content is code, styling or foreign markup, never
# text a reader should see.
_DROPPED_WITH_CONTENT = {
    "embed",
    "iframe",
    "math",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "xmp",
}


def _cleaner(tags: set[str]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=tags,
        clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes={tag: attrs for tag, attrs in _ATTRIBUTES.items() if tag in tags},
        tag_attribute_values={tag: v for tag, v in _ATTRIBUTE_VALUES.items() if tag in tags},
        link_rel=None,
        url_schemes=_SCHEMES,
        strip_comments=True,
    )


_BLOCK_CLEANER = _cleaner(_INLINE_TAGS | _BLOCK_TAGS)
_INLINE_CLEANER = _cleaner(_INLINE_TAGS)

TASK_DONE = "\u2611"
"""Stands for a ticked task-list box (`- [x]`): a character every reader names, where a
form control would be an `<input>` the sanitiser refuses."""
TASK_OPEN = "\u2610"
"""Stands for an unticked task-list box (`- [ ]`)."""


class _GfmLinkify(LinkifyIt):
    """GitHub's autolinks: `http(s)://`, `www.` and e-mail addresses. linkify-it also links any
    word that looks like a host name (`example.com`, `fichier.py`), `ftp://` and `//host`, none
    of which GitHub links."""

    def __init__(self) -> None:
        super().__init__(schemas={"ftp:": None, "//": None})

    def pretest(self, text: str) -> bool:
        # Every link this finds holds one of these: cheaper than linkify-it's own regex, which
        # costs as much as the rest of the parse.
        return "://" in text or "@" in text or "www." in text.lower()

    def match(self, text: str) -> list[Match] | None:
        found = [
            link
            for link in super().match(text) or []
            if link.schema or link.raw.lower().startswith("www.")
        ]
        return found or None


def _tick_boxes(state: StateCore) -> None:
    """Replaces the checkbox `<input>` the task-list plugin puts at the start of a task by the
    character standing for it."""
    for index, token in enumerate(state.tokens):
        if token.type == "list_item_open" and "task-list-item" in str(token.attrGet("class")):
            # The plugin puts the checkbox first in the item's first inline token.
            inline = next(t for t in state.tokens[index:] if t.type == "inline")
            if inline.children:
                ticked = 'checked="checked"' in inline.children[0].content
                box = TASK_DONE if ticked else TASK_OPEN
                inline.children[0] = Token("text", "", 0, content=box)


def _parser() -> MarkdownIt:
    parser = MarkdownIt(
        "commonmark", {"html": True, "linkify": True, "typographer": False, "breaks": False}
    )
    parser.linkify = _GfmLinkify()
    parser.enable(["table", "strikethrough", "linkify"]).use(tasklists_plugin)
    parser.core.ruler.after("github-tasklists", "greffier_tick_boxes", _tick_boxes)
    # Every target makes a link, as on a forge: nh3 drops the addresses it refuses and keeps the
    # words, where markdown-it would print `[vote](javascript:…)` as it was written.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def _scanner() -> MarkdownIt:
    """A parser that keeps every target as written, for `greffier check` to find it in the text."""
    scanner = _parser()
    scanner.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return scanner


class _Parsers(threading.local):
    """One parser of each kind per thread: releases of linkify-it keep the text they last
    matched in the instance, and building a parser costs more than a conversion."""

    def __init__(self) -> None:
        self.render = _parser()
        self.scan = _scanner()


_PARSERS = _Parsers()


def render_markdown(text: str, *, base_url: str | None = None, top_heading: int = 2) -> Markup:
    """Render untrusted Markdown to sanitised HTML.

    `base_url` prefixes relative links and images (a contribution's `plan.png` lives in its
    process folder, not beside the page showing it). Headings are renumbered so the text's
    highest heading becomes `<h{top_heading}>` and no level is skipped: the page keeps its single
    `<h1>` and a heading order assistive technologies can navigate.
    """
    if not 1 <= top_heading <= 6:
        raise ValueError(f"top_heading must be between 1 and 6, not {top_heading}")
    html = _PARSERS.render.render(text).rstrip("\n")
    return _sanitise(html, _BLOCK_CLEANER, base_url=base_url, top_heading=top_heading)


def render_inline(text: str, *, base_url: str | None = None) -> Markup:
    """Render a one-line field (a title, a reason) with the inline rules only: emphasis, code
    and links, never a block ("1990. Une année" is no list, "# 3" no heading)."""
    html = _PARSERS.render.renderInline(" ".join(text.split()))
    return _sanitise(html, _INLINE_CLEANER, base_url=base_url, top_heading=1)


class LinkTarget(NamedTuple):
    url: str
    """As written, before the renderer encodes it or refuses it."""
    line: int
    """Its line in the text, counted from 0."""
    image: bool


def link_targets(text: str) -> list[LinkTarget]:
    """The target of every link and image a Markdown text holds (`[x](a.pdf)`, `![x](plan.png)`,
    reference-style, autolinks, raw `<a href>` and `<img src>`), in order, before the sanitiser
    drops the unsafe ones: what `greffier check` looks at. Code blocks and spans hold none.

    The line is the first line, within the paragraph or block holding the target, where it is
    written; the block's first line when it is written otherwise (escaped, split, or defined
    as a reference elsewhere)."""
    lines = text.split("\n")
    found: list[LinkTarget] = []
    for block in _PARSERS.scan.parse(text):
        start = block.map[0] if block.map else 0
        for url, image in _targets(block):
            line = next((i for i in range(start, len(lines)) if url in lines[i]), start)
            found.append(LinkTarget(url, line, image))
    return found


def image_sources(text: str) -> list[str]:
    """The `src` of every image a Markdown text shows, as `link_targets` finds them."""
    if "![" not in text and "<img" not in text.lower():
        return []  # most texts: not worth a parse
    return [target.url for target in link_targets(text) if target.image]


def _targets(block: Token) -> Iterator[tuple[str, bool]]:
    if block.type in ("html_block", "html_inline"):
        finder = _TargetFinder()
        finder.feed(block.content)
        finder.close()
        yield from finder.targets
    for child in block.children or ():
        if child.type == "image":
            yield str(child.attrGet("src") or ""), True
        elif child.type == "link_open":
            yield str(child.attrGet("href") or ""), False
        else:
            yield from _targets(child)


class _TargetFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        target = dict(attrs).get("src" if tag == "img" else "href")
        if tag in ("img", "a") and target:
            self.targets.append((target, tag == "img"))


def _sanitise(html: str, cleaner: nh3.Cleaner, *, base_url: str | None, top_heading: int) -> Markup:
    rewriter = _Rewriter(base_url=base_url, top_heading=top_heading)
    rewriter.feed(cleaner.clean(html))
    rewriter.close()
    # A character reference (`&#xFFFE;`, `&#x1;`) names a character the loader refuses when
    # written as such: once decoded here it is one, and goes where XML and HTML refuse it.
    return Markup(clean(cleaner.clean(rewriter.output())))


UrlKind = Literal["external", "internal", "other"]


def url_kind(url: str) -> UrlKind:
    """Where a URL leads, read the way a browser reads it.

    Browsers drop tabs and newlines anywhere in a URL, strip leading control characters and
    spaces, and treat backslashes like slashes, so `/\\evil.example` is protocol-relative.
    """
    cleaned = "".join(c for c in url if c not in "\t\n\r").lstrip("".join(map(chr, range(33))))
    cleaned = cleaned.replace("\\", "/")
    if cleaned.startswith("//"):
        return "external"
    scheme = urlsplit(cleaned).scheme.lower()
    if scheme in ("http", "https"):
        return "external"
    return "other" if scheme else "internal"


def _join(base_url: str | None, url: str) -> str:
    if base_url is None or url.startswith(("/", "#", "?")) or url_kind(url) != "internal":
        return url
    return f"{base_url.rstrip('/')}/{url}"


Attrs = dict[str, str]


@dataclass
class _OpenLink:
    href: str
    named: bool = False
    """Whether the link has an accessible name yet (text, or an image's alt)."""


class _Rewriter(HTMLParser):
    """Reshapes sanitised HTML: remote images become links, headings are renumbered, external
    links get `rel`, relative URLs are joined to the base URL, table headers get a scope."""

    def __init__(self, *, base_url: str | None, top_heading: int) -> None:
        super().__init__(convert_charrefs=True)
        self._base_url = base_url
        self._top_heading = top_heading
        self._events: list[tuple[str, str, Attrs]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._events.append(("start", tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        self._events.append(("end", tag, {}))

    def handle_data(self, data: str) -> None:
        self._events.append(("text", data, {}))

    def output(self) -> str:
        levels = sorted({int(tag[1]) for kind, tag, _ in self._events if _is_heading(kind, tag)})
        renumber = {level: min(6, self._top_heading + rank) for rank, level in enumerate(levels)}
        out: list[str] = []
        links: list[_OpenLink] = []
        in_thead = False
        for kind, name, attrs in self._events:
            if kind == "text":
                out.append(escape(name, quote=False))
                if links and name.strip():
                    links[-1].named = True
            elif _is_heading(kind, name):
                out.append(f"<{'/' if kind == 'end' else ''}h{renumber[int(name[1])]}>")
            elif name == "a" and kind == "start":
                links.append(_OpenLink(self._href(attrs)))
                out.append(_tag(kind, name, attrs))
            elif name == "a" and links:
                # An empty link has no accessible name: its address is the most honest one.
                link = links.pop()
                out.append(("" if link.named else escape(link.href, quote=False)) + "</a>")
            elif name == "img":
                if links and attrs.get("alt", "").strip():
                    links[-1].named = True
                out.append(self._image(attrs, inside_link=bool(links)))
            else:
                if name == "thead":
                    in_thead = kind == "start"
                elif name == "th" and kind == "start":
                    attrs.setdefault("scope", "col" if in_thead else "row")
                out.append(_tag(kind, name, attrs))
        return "".join(out)

    def _href(self, attrs: Attrs) -> str:
        """Rewrites a link's attributes in place and returns its address."""
        attrs.pop("rel", None)
        if "href" not in attrs:
            return ""
        attrs["href"] = _join(self._base_url, attrs["href"])
        if url_kind(attrs["href"]) == "external":
            attrs["rel"] = EXTERNAL_REL
        return attrs["href"]

    def _image(self, attrs: Attrs, *, inside_link: bool) -> str:
        src = attrs.get("src", "")
        alt = attrs.get("alt", "").strip()
        if src and url_kind(src) == "internal":
            return _tag("start", "img", {**attrs, "src": _join(self._base_url, src), "alt": alt})
        # A remote image would be a request to a third party on every visit: show a link instead,
        # or only its description when it is already inside a link or has no usable address
        # (a `data:` URL that nh3 dropped).
        if not src or inside_link:
            return escape(alt, quote=False)
        label = escape(alt or IMAGE_LABEL, quote=False)
        return f'<a href="{escape(src)}" rel="{EXTERNAL_REL}">{label}</a>'


def _is_heading(kind: str, tag: str) -> bool:
    return kind != "text" and len(tag) == 2 and tag[0] == "h" and tag[1] in "123456"


def _tag(kind: str, name: str, attrs: Attrs) -> str:
    if kind == "end":
        return f"</{name}>"
    rendered = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return f"<{name}{rendered}>"


def readable_text(text: str) -> str:
    """A Markdown text as a reader reads it once rendered: no `##`, `**` or table pipes;
    paragraphs apart, list items bulleted, table cells separated by a middle dot, one row a
    line. What a history compares, so that a diff shows words, not Markdown."""
    reader = _TextReader()
    reader.feed(str(render_markdown(text)))
    reader.close()
    return reader.text()


class _TextReader(HTMLParser):
    _BLOCKS = frozenset(
        {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "hr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._cells = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._pre += tag == "pre"
        if tag == "li":
            self._parts.append("\n• ")
        elif tag == "br":
            self._parts.append("\n")
        elif tag == "tr":
            self._cells = 0
        elif tag in ("td", "th"):
            self._parts.append(" · " if self._cells else "")
            self._cells += 1
        elif tag == "img":
            self._parts.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        self._pre -= tag == "pre"
        if tag in self._BLOCKS:
            self._parts.append("\n\n")
        elif tag == "tr":
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        # The renderer's line breaks between tags are layout, not text; a `pre` keeps its own.
        if self._pre or data.strip() or "\n" not in data:
            self._parts.append(data)

    def text(self) -> str:
        lines = (line.strip() for line in "".join(self._parts).split("\n"))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
