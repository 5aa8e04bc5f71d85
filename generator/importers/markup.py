"""Turn imported texts into Markdown: HTML through pandoc (in one run), plain text tidied."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence

import nh3

from ..diagnostics import GreffierError
from ..load.wording import Wording

_HTML = re.compile(
    r"<(p|br|div|span|ul|ol|li|strong|b|em|i|u|a|h[1-6]|blockquote|table|img)\b[^>]*>", re.I
)
_PYPANDOC_PREAMBLE = re.compile(r'^Pandoc died with exitcode "\d+" during conversion:\s*')


def looks_like_html(text: str) -> bool:
    return bool(_HTML.search(text))


def plain_text(text: str) -> str:
    """Line ends normalised, trailing spaces and runs of blank lines removed."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def to_markdown(texts: Sequence[str], say: Wording) -> list[str]:
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

    cleaned = [_clean(texts[index]) for index in html]
    split = _separator(cleaned)
    joined = "".join(f"<p>{split}{n}</p>{text}" for n, text in enumerate(cleaned))
    try:
        converted = pypandoc.convert_text(
            joined, "gfm-raw_html", format="html", extra_args=["--wrap=none"]
        )
    except (RuntimeError, OSError) as error:
        raise GreffierError(say("import.pandoc", reason=pandoc_reason(error))) from error
    parts = re.split(rf"^{split}\d+$", converted.replace("\r\n", "\n"), flags=re.M)
    for index, part in zip(html, parts[1:], strict=True):
        results[index] = plain_text(part)
    return results


def pandoc_reason(error: Exception) -> str:
    """What pandoc said went wrong: its last line, without pypandoc's preamble."""
    reason = (str(error).strip().splitlines() or [type(error).__name__])[-1]
    return _PYPANDOC_PREAMBLE.sub("", reason)


def _separator(texts: Sequence[str]) -> str:
    """A word found in none of the texts, to find where each one's Markdown starts: a fixed
    one could be written in an imported text, and split it in two."""
    while True:
        word = f"greffiersplit{secrets.token_hex(8)}"
        if not any(word in text for text in texts):
            return word


def _clean(html: str) -> str:
    # Editors leave non-breaking spaces inside emphasis: `**word **` would not be bold.
    return nh3.clean(html.replace("&nbsp;", " ").replace("\u00a0", " "))
