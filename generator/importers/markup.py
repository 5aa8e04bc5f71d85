"""Turn imported texts into Markdown: HTML through pandoc (in one run), plain text tidied."""

from __future__ import annotations

import re
from collections.abc import Sequence

import nh3

_HTML = re.compile(
    r"<(p|br|div|span|ul|ol|li|strong|b|em|i|u|a|h[1-6]|blockquote|table|img)\b[^>]*>", re.I
)
_SPLIT = "GREFFIERSPLITMARK"


def looks_like_html(text: str) -> bool:
    return bool(_HTML.search(text))


def plain_text(text: str) -> str:
    """Line ends normalised, trailing spaces and runs of blank lines removed."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def to_markdown(texts: Sequence[str]) -> list[str]:
    """Each text as Markdown: paragraphs, lists, emphasis and links kept, anything else dropped.

    HTML is sanitised (nh3 drops scripts, styles and their content) then converted by pandoc
    with raw HTML disabled; all the HTML texts go through a single pandoc run, since starting
    pandoc hundreds of times would dominate the import.
    """
    results = [plain_text(text) for text in texts]
    html = [index for index, text in enumerate(texts) if looks_like_html(text)]
    if not html:
        return results
    import pypandoc

    joined = "".join(f"<p>{_SPLIT}{n}</p>{_clean(texts[i])}" for n, i in enumerate(html))
    converted = pypandoc.convert_text(
        joined, "gfm-raw_html", format="html", extra_args=["--wrap=none"]
    )
    parts = re.split(rf"^{_SPLIT}\d+$", converted.replace("\r\n", "\n"), flags=re.M)
    for index, part in zip(html, parts[1:], strict=True):
        results[index] = plain_text(part)
    return results


def _clean(html: str) -> str:
    # Editors leave non-breaking spaces inside emphasis: `**word **` would not be bold.
    return nh3.clean(html.replace("&nbsp;", " ").replace("\u00a0", " "))
