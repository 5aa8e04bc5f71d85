"""The Jinja environment of the print templates (`themes/greffier/print/`).

Print documents (the PDF dossier, per-item PDFs, notices, paper forms, the single-file HTML) are
rendered from their own templates, never from the web theme's HTML: a page meant for paper has
no navigation, prints its link targets and carries its stylesheet inline, so one HTML string is
all WeasyPrint, pandoc or a reader offline needs. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from .. import paths
from ..i18n.translator import Translator
from ..present.templating import PaperFacts, base_as_url, environment, printed_links
from ..present.theme import theme_dir
from .images import ProcessImages

__all__ = ["TextBase", "page_url", "print_environment", "printed_links", "stylesheet"]

PRINT_FOLDER = "print"
STYLESHEET = "print.css"


def print_environment(translator: Translator, site_url: str | None = None) -> jinja2.Environment:
    """An environment loading the print templates, for one interface language, with Greffier's
    vocabulary (`greffier.present.templating`) as paper needs it: `markdown` writes its link
    targets out and, given a `TextBase`, embeds the text's images; `link` gives a page's
    address on `site_url` (site-relative without one), the full address a reader can type.
    """
    return environment(
        # The web theme's folder comes second so print templates can import its macros
        # (dates, meeting times, authors), which print the same facts in the same words.
        [theme_dir() / PRINT_FOLDER, theme_dir()],
        translator=translator,
        link=partial(page_url, site_url or ""),
        base=_text_base_url,
        spell_out_links=True,
        finish=_embed_images,
        paper=PaperFacts(stylesheet()),
    )


def page_url(site_url: str, src_uri: str) -> str:
    """The address of a generated page (directory URLs) or of a copied file on the site;
    site-relative when `site_url` is empty."""
    return f"{site_url.rstrip('/')}/{paths.page_url(src_uri)}"


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


def _text_base_url(context: jinja2.runtime.Context, base: Any) -> str | None:
    """A `TextBase`'s online folder, or a URL given as it is."""
    return base.url if isinstance(base, TextBase) else base_as_url(context, base)


def _embed_images(context: jinja2.runtime.Context, html: Markup, base: Any) -> Markup:
    """With a `TextBase`, a text's images are embedded from the `images` of the context (a
    `ProcessImages`) or left out, never left for a renderer to fetch."""
    if not isinstance(base, TextBase):
        return html
    images = context.get("images")
    if not isinstance(images, ProcessImages):
        raise TypeError("print templates showing a process's texts need its `images`")
    return images.embed(html, base_url=base.url, folder=base.folder)
