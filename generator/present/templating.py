"""Greffier's template vocabulary: every global and filter its templates use, registered in one
place, on MkDocs' Jinja environment (site pages, history and version pages) or on a new one
(print documents).

A filter name means one thing everywhere. What differs between a web page and paper is passed
in: how a text's `base` (where its relative links lead) becomes a URL (relative to the page on
the site, absolute on paper), how `link` finds a page's address, whether a link's target is
written after it (paper cannot be clicked), and what is done to a text's HTML last (paper
embeds its images). Nothing here knows about MkDocs: the adapter hands in what needs it.

Globals: `_` and `tr` (the translator), `greffier_paths`; on the site `greffier_legal`,
`greffier_forge` and `greffier_provenance`; on paper `print_css` and
`page_counter` (`PaperFacts`).
Filters: `markdown(base=None, top=2)` (sanitised HTML of untrusted Markdown, its highest
heading at level `top`), `inline(base=None)` (one line, inline rules only), `link`, `osm`,
`file_format`, `search_filter`; on paper `date(long=True)` and `datetime(zone)`.
"""

from __future__ import annotations

import html as html_text
import json
import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import paths
from ..enrich.provenance import ProvenanceNote
from ..formats.markdown import render_inline, render_markdown
from ..i18n.translator import Translator
from .forge import Forge
from .options import LegalInfo
from .readmodel import file_format, osm_search

Context = jinja2.runtime.Context

ResolveBase = Callable[[Context, Any], str | None]
"""A filter's `base` argument, as the templates give it -> the URL a text's relative links and
images are resolved against (None leaves them as written)."""

Finish = Callable[[Context, Markup, Any], Markup]
"""A block text's HTML and its `base` -> what the page shows."""


def base_as_url(context: Context, base: Any) -> str | None:
    """`base` is already the URL (or None)."""
    return None if base is None else str(base)


def relative_to_page(relative: Callable[[Context, str], str]) -> ResolveBase:
    """`base` is a site folder (`tram/minutes`), made relative to the page being rendered by
    `relative` (MkDocs' `url_filter` on the site); an empty one leaves links as written."""

    def resolve(context: Context, base: Any) -> str | None:
        if not base:
            return None
        return str(relative(context, str(base).rstrip("/") + "/"))

    return resolve


@dataclass(frozen=True)
class PaperFacts:
    """What only print documents need: their stylesheet, inlined in each document."""

    stylesheet: Markup


def prepare(
    env: jinja2.Environment,
    *,
    translator: Translator,
    link: Callable[..., str],
    relative: Callable[[Context, str], str] | None = None,
    base: ResolveBase | None = None,
    spell_out_links: bool = False,
    finish: Finish | None = None,
    legal: LegalInfo | None = None,
    forge: Forge | None = None,
    provenance: ProvenanceNote | None = None,
    paper: PaperFacts | None = None,
) -> jinja2.Environment:
    """Register Greffier's globals and filters on `env` (returned).

    `link` is the `link` filter (a page's `src_uri` -> its address; it may take the context).
    A text's `base` is resolved by `base` (`base_as_url` by default), or, on the site, is a
    site folder made relative to the page being rendered by `relative` (MkDocs' `url` filter).
    `spell_out_links` writes each link's target after it in block texts (`markdown`).
    `finish` is applied last to a block text's HTML, with the `base` it was given.
    `legal`, `forge` and `provenance` are the site's; `paper` makes a print environment.
    """
    if relative is not None and base is not None:
        raise ValueError("a text's base is resolved by `relative` or by `base`, not both")
    resolve = relative_to_page(relative) if relative is not None else base or base_as_url
    env.globals["_"] = translator
    env.globals["tr"] = translator
    env.globals["greffier_paths"] = paths
    # Print documents too: the one-file dossier is read on screen (paper prints them whole).
    env.filters["markdown"] = _markdown_filter(
        resolve, spell_out_links, finish, ScrollingTables.of(translator)
    )
    env.filters["inline"] = _inline_filter(resolve)
    env.filters["link"] = link
    env.globals["fragment"] = _fragment_cache()
    env.filters["osm"] = osm_search
    env.filters["file_format"] = file_format
    env.filters["search_filter"] = filter_value
    if legal is not None:  # The site's pages: a print document has no footer.
        env.globals["greffier_legal"] = legal
        env.globals["greffier_forge"] = forge
    if provenance is not None:
        env.globals["greffier_provenance"] = provenance
    if paper is not None:
        env.globals["print_css"] = paper.stylesheet
        env.globals["page_counter"] = css_content(
            translator.text("print.page", page="\0", pages="\1")
        )
        # Paper only: on the site, `date` is Material's (its blog plugin registers one).
        env.filters["date"] = translator.date
        env.filters["datetime"] = translator.datetime
    return env


def environment(folders: Sequence[Path], **vocabulary: Any) -> jinja2.Environment:
    """A new environment loading templates from `folders` (first found wins), escaping by
    default, failing on undefined names, with Greffier's vocabulary (`prepare`'s keywords)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return prepare(env, **vocabulary)


def escape_own_templates(env: jinja2.Environment, prefix: str = "greffier/") -> None:
    """Autoescape Greffier's templates (named under `prefix`) in an environment made by someone
    else: they print public, untrusted text. The others keep the environment's setting."""
    inherited = env.autoescape

    def autoescape(name: str | None) -> bool:
        if name is not None and name.startswith(prefix):
            return True
        return bool(inherited(name) if callable(inherited) else inherited)

    env.autoescape = autoescape


DEFERRING = "greffier_deferred"
"""Set (true) in the context of a written page, whose links are made relative once rendered."""
DEFERRED_LINK = "\x1e"
"""Starts a site URL in a written page's content (what the `link` filter and a text's base give
while `DEFERRING` is set), made relative to the page once it is rendered
(`render.writer`): what pages share is then rendered once for all of them (a contribution's
card, on every list it appears on; see `fragment`). A control character refused in every text,
so it cannot come from one."""
_PLACED_BASE = "_greffier_deferred_/"
"""Stands for `DEFERRED_LINK` in a text's base while the text is rendered: the sanitiser lets no
control character through. Put back only at the start of a link or image address, where only
the base can be (a text's own relative addresses come after it)."""
_PLACED = re.compile(r'((?:href|src)=")' + re.escape(_PLACED_BASE))


def _deferred_base(rendered: Callable[[str | None], Markup], base: str | None) -> Markup:
    """`rendered(base)`, `base` being deferred or not."""
    if base is None or not base.startswith(DEFERRED_LINK):
        return rendered(base)
    html = rendered(_PLACED_BASE + base[len(DEFERRED_LINK) :])
    return Markup(_PLACED.sub(lambda placed: placed[1] + DEFERRED_LINK, str(html)))


@dataclass(frozen=True)
class ScrollingTables:
    """Puts each table of a text in a region that scrolls when the table is wider than the
    screen: one the keyboard can reach (WCAG 2.1.1) and that assistive technologies name by the
    table's columns. Cells then never need to break inside a word or a number."""

    named: str
    """The region's name, with `{columns}`: the table's column headings."""
    unnamed: str
    """The name of a region whose table has no column headings."""

    @classmethod
    def of(cls, translator: Translator) -> ScrollingTables:
        named = translator.text("text.table", columns="{columns}")
        return cls(named, translator.text("text.table_plain"))

    def __call__(self, html: Markup) -> Markup:
        if "<table>" not in html:
            return html
        # Regions are landmarks: two of one text never share a name ("…, Description (2)").
        names: dict[str, int] = {}

        def region(table: re.Match[str]) -> str:
            name = self._name(table[0])
            names[name] = count = names.get(name, 0) + 1
            unique = name if count == 1 else f"{name} ({count})"
            return (
                '<div class="greffier-table-scroll" role="region" tabindex="0" '
                f'aria-label="{html_text.escape(unique)}">{table[0]}</div>'
            )

        return Markup(_TABLE.sub(region, str(html)))

    def _name(self, table: str) -> str:
        head = _HEAD.search(table)
        cells = _HEADING_CELL.findall(head[0]) if head else []
        columns = [" ".join(html_text.unescape(_TAG.sub(" ", cell)).split()) for cell in cells]
        columns = [column for column in columns if column]
        return self.named.replace("{columns}", ", ".join(columns)) if columns else self.unnamed


_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
_HEAD = re.compile(r"<thead>.*?</thead>", re.DOTALL)
_HEADING_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)


def _markdown_filter(
    resolve: ResolveBase, spell_out: bool, finish: Finish | None, tables: ScrollingTables
) -> Callable[..., Markup]:
    @jinja2.pass_context
    def markdown(context: Context, text: str | None, base: Any = None, top: int = 2) -> Markup:
        html = _deferred_base(
            lambda resolved: _markdown_once(text or "", resolved, top, spell_out),
            resolve(context, base),
        )
        html = tables(html)
        return html if finish is None else finish(context, html, base)

    return markdown


FRAGMENTS_KEPT = 20_000
"""Fragments `fragment` remembers, the least recently used forgotten first: more than the
cards of the largest process's lists (whose pages are written in a row), a few tens of MB."""


def _fragment_cache() -> Callable[..., Markup]:
    cache: OrderedDict[tuple[Any, ...], Markup] = OrderedDict()

    @jinja2.pass_context
    def fragment(context: Context, *key: Any, caller: Callable[[], str]) -> Markup:
        """The body of `{% call fragment(key...) %}`, rendered once for every page that names
        the same `key` (a contribution's card, on each list it appears on). Only on written
        pages, whose links are made relative after rendering (`DEFERRED_LINK`): a part
        of any other page holds addresses relative to that page, and is rendered each time."""
        if not context.get(DEFERRING):
            return Markup(caller())
        found = cache.get(key)
        if found is None:
            found = cache[key] = Markup(caller())
            if len(cache) > FRAGMENTS_KEPT:
                cache.popitem(last=False)
        else:
            cache.move_to_end(key)
        return found

    return fragment


def _inline_filter(resolve: ResolveBase) -> Callable[..., Markup]:
    @jinja2.pass_context
    def inline(context: Context, text: str | None, base: Any = None) -> Markup:
        return _deferred_base(
            lambda resolved: render_inline(text or "", base_url=resolved), resolve(context, base)
        )

    return inline


def _markdown_once(text: str, base_url: str | None, top: int, spell_out: bool) -> Markup:
    # The base only prefixes links and images: a text holding none (most contributions) renders
    # the same for every page, whose bases all differ.
    bare = _cached_markdown(text, None, top, spell_out)
    if base_url is None or ('href="' not in bare and 'src="' not in bare):
        return bare
    return _cached_markdown(text, base_url, top, spell_out)


@lru_cache(maxsize=8192)
def _cached_markdown(text: str, base_url: str | None, top: int, spell_out: bool) -> Markup:
    # A contribution appears on several list pages and in several print documents: rendered once.
    html = render_markdown(text, base_url=base_url, top_heading=top)
    return printed_links(html) if spell_out else html


_LINK = re.compile(r'<a href="(?P<href>[^"]*)"[^>]*>(?P<text>.*?)</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def printed_links(html: Markup) -> Markup:
    """Sanitised HTML with each link's address written after it, since paper cannot be clicked;
    a link that already reads as its address (`<https://…>`, an e-mail address) is left alone."""

    def spell_out(match: re.Match[str]) -> str:
        href = match["href"]
        target = href.removeprefix("mailto:")
        shown = html_text.unescape(_TAG.sub("", match["text"])).strip()
        if href.startswith("#") or shown in (html_text.unescape(href), html_text.unescape(target)):
            return match[0]
        return f'{match[0]} <span class="link-target">({target})</span>'

    return Markup(_LINK.sub(spell_out, str(html)))


def css_content(text: str) -> Markup:
    """A CSS `content` value for a sentence where \\x00 stands for the page number and \\x01 for
    the page count: "page \\x00 sur \\x01" -> `"page " counter(page) " sur " counter(pages)`."""
    parts: list[str] = []
    for piece in re.split(r"([\0\1])", text):
        if piece == "\0":
            parts.append("counter(page)")
        elif piece == "\1":
            parts.append("counter(pages)")
        elif piece:
            parts.append(json.dumps(piece, ensure_ascii=False))
    return Markup(" ".join(parts))


def filter_value(text: str) -> str:
    """`text` made safe as a Pagefind filter value (`search_filter`).

    Pagefind's interface inserts filter values into the search page as HTML, and its indexer
    decodes every entity first, even entities escaped twice: escaping cannot protect them. The
    angle brackets are replaced by look-alike quotation marks instead, however they were spelt.
    """
    decoded = text
    while (again := html_text.unescape(decoded)) != decoded:
        decoded = again
    return decoded.replace("<", "‹").replace(">", "›")
