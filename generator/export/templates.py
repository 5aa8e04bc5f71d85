"""The Jinja environment of the print templates (`themes/greffier/print/`).

Print documents (the PDF dossier, per-item PDFs, notices, paper forms, the single-file HTML) are
rendered from their own templates, never from the web theme's HTML: a page meant for paper has
no navigation, prints its link targets and carries its stylesheet inline, so one HTML string is
all WeasyPrint, pandoc or a reader offline needs. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache, partial
from html import unescape
from typing import NamedTuple

import jinja2
from markupsafe import Markup

from ..render import paths
from ..render.i18n import Translator
from ..render.markdown import render_inline, render_markdown
from ..render.views import file_format
from ..theme import theme_dir
from .images import ProcessImages

PRINT_FOLDER = "print"
STYLESHEET = "print.css"


def print_environment(translator: Translator, site_url: str | None = None) -> jinja2.Environment:
    """An environment loading the print templates, for one interface language.

    Filters: `markdown(base=None, top=2)` and `inline(base_url=None)` (sanitised HTML of
    untrusted Markdown, link targets written out; `base` a URL or a `TextBase`),
    `date(long=True)` and `datetime(zone)` (written out in the language), `file_format`,
    `link` (a page's `src_uri` to its address on `site_url`, or site-relative without one).
    Globals: `_` and `tr` (the translator), `print_css` (the stylesheet, to inline) and
    `page_counter` (CSS "page X of Y").
    """
    env = jinja2.Environment(
        # The web theme's folder comes second so print templates can import its macros
        # (dates, meeting times, authors), which print the same facts in the same words.
        loader=jinja2.FileSystemLoader([theme_dir() / PRINT_FOLDER, theme_dir()]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["_"] = translator
    env.globals["tr"] = translator
    env.globals["print_css"] = stylesheet()
    env.globals["page_counter"] = css_content(translator.text("print.page", page="\0", pages="\1"))
    env.filters["markdown"] = _markdown
    env.filters["inline"] = _inline
    env.filters["date"] = translator.date
    env.filters["datetime"] = translator.datetime
    env.filters["file_format"] = file_format
    # The web macros the print templates import link to pages by `src_uri`: on paper, the
    # page's full address is what a reader can type.
    env.filters["link"] = partial(page_url, site_url or "")
    return env


def page_url(site_url: str, src_uri: str) -> str:
    """The address of a generated page (directory URLs) or of a copied file on the site;
    site-relative when `site_url` is empty."""
    return f"{site_url.rstrip('/')}/{paths.page_url(src_uri)}"


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


@lru_cache(maxsize=1)
def stylesheet() -> Markup:
    """The print stylesheet's text, inlined in a <style> element (it holds no `</`)."""
    return Markup((theme_dir() / PRINT_FOLDER / STYLESHEET).read_text(encoding="utf-8"))


class TextBase(NamedTuple):
    """Where a text's relative references lead: the online folder of the page showing it
    (None without a site address), and the same folder in the process ("minutes/"), from
    which its images are embedded."""

    url: str | None
    folder: str


@jinja2.pass_context
def _markdown(
    context: jinja2.runtime.Context,
    text: str | None,
    base: TextBase | str | None = None,
    top: int = 2,
) -> Markup:
    """A text's sanitised HTML; with a `TextBase`, its images are embedded from the `images`
    of the context (a `ProcessImages`) or left out, never left for a renderer to fetch."""
    if not isinstance(base, TextBase):
        return _cached_markdown(text or "", base, top)
    html = _cached_markdown(text or "", base.url, top)
    images = context.get("images")
    if not isinstance(images, ProcessImages):
        raise TypeError("print templates showing a process's texts need its `images`")
    return images.embed(html, base_url=base.url, folder=base.folder)


def _inline(text: str | None, base_url: str | None = None) -> Markup:
    return render_inline(text or "", base_url=base_url)


@lru_cache(maxsize=4096)
def _cached_markdown(text: str, base_url: str | None, top: int) -> Markup:
    return printed_links(render_markdown(text, base_url=base_url, top_heading=top))


_LINK = re.compile(r'<a href="(?P<href>[^"]*)"[^>]*>(?P<text>.*?)</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def printed_links(html: Markup) -> Markup:
    """Sanitised HTML with each link's address written after it, since paper cannot be clicked;
    a link that already reads as its address (`<https://…>`, an e-mail address) is left alone."""

    def spell_out(match: re.Match[str]) -> str:
        href = match["href"]
        target = href.removeprefix("mailto:")
        shown = unescape(_TAG.sub("", match["text"])).strip()
        if href.startswith("#") or shown in (unescape(href), unescape(target)):
            return match[0]
        return f'{match[0]} <span class="link-target">({target})</span>'

    return Markup(_LINK.sub(spell_out, str(html)))
