"""Markdown written by organisers and by the public, turned into HTML that is safe to publish.

Contributions come from anyone, so every Markdown text is treated as hostile: raw HTML is
allowed by Markdown, which is why the HTML is always sanitised afterwards with nh3 (Rust's
ammonia, an allow-list HTML5 sanitiser). The pipeline is

    Markdown -> HTML -> nh3 -> rewrite (images, links, headings) -> nh3 -> Markup

The first nh3 pass hands the rewriting step the same well-formed tree a browser would build;
the rewriting step only reshapes it (remote images into links, heading levels, `rel`), and the
last nh3 pass guarantees that whatever the rewriting did, the output is within the allow-list.

Markdown extensions are chosen so that none can smuggle attributes past nh3: `attr_list`
(`{onclick=...}`) and `md_in_html` are deliberately absent, and nh3 would drop such attributes
anyway since only the attributes below are allowed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Literal
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup

from ..load.characters import clean

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

_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "abbr", "def_list"]
# Block syntax that one-line fields do without: "1990. Une année" must not become a list, nor
# "[1]: voir annexe" a link definition that vanishes.
_NOT_INLINE = (
    "indent",
    "code",
    "hashheader",
    "setextheader",
    "hr",
    "olist",
    "ulist",
    "quote",
    "reference",
)


class _Parsers(threading.local):
    """One Markdown parser of each kind per thread: building one costs more than a conversion."""

    def __init__(self) -> None:
        self.block = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
        self.inline = markdown.Markdown(output_format="html")
        for name in _NOT_INLINE:
            self.inline.parser.blockprocessors.deregister(name)


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
    html = _PARSERS.block.reset().convert(text)
    return _sanitise(html, _BLOCK_CLEANER, base_url=base_url, top_heading=top_heading)


def render_inline(text: str, *, base_url: str | None = None) -> Markup:
    """Render a one-line field (a title, a reason): emphasis, code and links, no blocks."""
    html = _PARSERS.inline.reset().convert(" ".join(text.split()))
    return _sanitise(html, _INLINE_CLEANER, base_url=base_url, top_heading=1)


def image_sources(text: str) -> list[str]:
    """The `src` of every image a Markdown text shows (`![x](plan.png)`, reference-style or a
    raw `<img>`), as written and in order, before the sanitiser drops the unsafe ones: what
    `greffier check` looks at. Code blocks and spans hold none."""
    if "![" not in text and "<img" not in text.lower():
        return []  # most texts: not worth a conversion
    finder = _ImageFinder()
    finder.feed(_PARSERS.block.reset().convert(text))
    finder.close()
    return finder.sources


class _ImageFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        src = dict(attrs).get("src")
        if tag == "img" and src:
            self.sources.append(src)


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
