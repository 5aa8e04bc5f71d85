"""Turn imported texts into CommonMark: HTML through pandoc (in one run), plain text escaped.

An imported text must render back to what its author wrote. Plain text (a form's column, a
Decidim comment) is not Markdown: whatever CommonMark or GFM could read as syntax is escaped,
and nothing more, so that organisers can still read the file. HTML goes through pandoc's `gfm`
writer, whose few outputs that CommonMark reads differently (a hard break closing a block, a
list marker right after a hard break) are corrected around it.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence

import nh3

from ..diagnostics import GreffierError
from ..i18n.wording import Wording

_BLOCKS = "p|div|ul|ol|li|h[1-6]|blockquote|table|tr|td|th|dl|dd|dt|hr|pre"
_INLINES = "strong|b|em|i|u|s|del|span|a|code|sub|sup|mark"
# A text is HTML when it starts with a block or has an element only HTML writes: a closing
# tag, a line break or an image. An opening tag inside a sentence is not enough: `<a lot>` or
# `<b>` can be typed in plain text.
_HTML = re.compile(
    rf"\A\s*<(?:{_BLOCKS})\b[^<>]*>|</(?:{_BLOCKS}|{_INLINES})\s*>|<br\s*/?>|<img\s[^<>]*>", re.I
)
_PYPANDOC_PREAMBLE = re.compile(r'^Pandoc died with exitcode "\d+" during conversion:\s*')

_URL = re.compile(r"https?://[^\s<>]+", re.I)
# GFM's autolink rule: these never end a URL, a closing parenthesis only when unbalanced.
_URL_TAIL = ".,:;!?'\"*_~"
_ENTITY = r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)"
# Emphasis with `_` cannot open or close between two letters or digits (`snake_case`): only
# the other underscores are escaped. `*`, `~`, backticks, brackets, `<` and `|` always are.
_INLINE = re.compile(rf"[\\`*~<\[\]|]|{_ENTITY}|(?<![^\W_])_+|_+(?![^\W_])")
_LINE_START = re.compile(
    r"^(?:#{1,6}(?=[ \t]|$)|>|[-+](?=[ \t]|$)|-+[ \t]*$|=+[ \t]*$|\d{1,9}(?=[.)](?:[ \t]|$)))"
)


def looks_like_html(text: str) -> bool:
    return bool(_HTML.search(text))


def plain_text(text: str) -> str:
    """Line ends normalised, trailing spaces and runs of blank lines removed."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def plain_to_markdown(text: str) -> str:
    """Plain text as CommonMark that renders to the same text: paragraphs and line breaks
    kept (a break is a backslash at the end of the line), web addresses linked, and nothing
    else read as Markdown."""
    paragraphs = plain_text(text).split("\n\n")
    return "\n\n".join(
        "\\\n".join(_plain_line(line.lstrip(" \t")) for line in paragraph.split("\n"))
        for paragraph in paragraphs
    )


def escape_inline(text: str) -> str:
    """One line of plain text as CommonMark inline content, web addresses as autolinks."""
    parts: list[str] = []
    end = 0
    for match in _URL.finditer(text):
        url = _url_part(match.group())
        parts += [_INLINE.sub(_escaped, text[end : match.start()]), f"<{url}>"]
        end = match.start() + len(url)
    parts.append(_INLINE.sub(_escaped, text[end:]))
    return "".join(parts)


def plain_heading(text: str) -> str:
    """A one-line plain text (a title) as the content of an ATX heading (`# …`): escaped as
    inline text, and a final run of `#` kept, which CommonMark would take for a closing one."""
    return re.sub(r"(?<!\S)#(?=#*$)", r"\\#", escape_inline(" ".join(text.split())))


def _plain_line(line: str) -> str:
    return _escape_line_start(escape_inline(line))


def _escape_line_start(line: str) -> str:
    """A line whose start would open a heading, a quote, a list, a rule or a setext
    underline, with that one character escaped."""
    match = _LINE_START.match(line)
    if not match:
        return line
    if match.group()[:1].isdigit():
        return f"{match.group()}\\{line[match.end() :]}"
    return f"\\{line}"


def _escaped(match: re.Match[str]) -> str:
    return "".join(f"\\{character}" for character in match.group())


def _url_part(url: str) -> str:
    """The address in a run of non-spaces starting with `http`: trailing punctuation and an
    unbalanced closing parenthesis belong to the sentence."""
    while url and (url[-1] in _URL_TAIL or (url[-1] == ")" and url.count(")") > url.count("("))):
        url = url[:-1]
    return url


def to_markdown(texts: Sequence[str], say: Wording) -> list[str]:
    """Each text as CommonMark: plain text escaped, HTML with its paragraphs, lists, line
    breaks, emphasis and links kept and anything else dropped.

    HTML is sanitised (nh3 drops scripts, styles and their content) then converted by pandoc
    with raw HTML disabled; all the HTML texts go through a single pandoc run, since starting
    pandoc hundreds of times would dominate the import.
    """
    results = [plain_to_markdown(text) for text in texts]
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
        results[index] = _after_breaks(plain_text(part))
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


_BREAK = r"<br\s*/?>"
_SPACE = r"(?:\s|&nbsp;|\u00a0)*"
_BREAK_IN_INLINE_END = re.compile(rf"({_BREAK}{_SPACE})(</(?:{_INLINES})>)", re.I)
_BREAK_AT_BLOCK_EDGE = re.compile(
    rf"(<(?:{_BLOCKS})\b[^>]*>){_SPACE}(?:{_BREAK}{_SPACE})+"
    rf"|(?:{_BREAK}{_SPACE})+(?=</(?:{_BLOCKS})>|<(?:{_BLOCKS})\b|$)",
    re.I,
)
# After a hard break, pandoc writes a line starting with `- `, `1) ` or `---` as is, which
# CommonMark reads as a list or a setext heading. The prefix is a list item's indent or a quote.
_CONTINUATION = re.compile(r"((?:[ ]*>)*[ ]*)(.*)")

# Every element name HTML parsers know, obsolete ones included: a `<` followed by anything else
# (`<3`, `</3`, `<insérez ici …>`) is text a browser would swallow as an unknown tag.
_ELEMENTS = (
    "a|abbr|acronym|address|applet|area|article|aside|audio|b|base|basefont|bdi|bdo|bgsound|big|"
    "blink|blockquote|body|br|button|canvas|caption|center|cite|code|col|colgroup|data|datalist|"
    "dd|del|details|dfn|dialog|dir|div|dl|dt|em|embed|fieldset|figcaption|figure|font|footer|"
    "form|frame|frameset|h[1-6]|head|header|hgroup|hr|html|i|iframe|image|img|input|ins|isindex|"
    "kbd|keygen|label|legend|li|link|listing|main|map|mark|marquee|math|menu|menuitem|meta|meter|"
    "multicol|nav|nextid|nobr|noembed|noframes|noscript|object|ol|optgroup|option|output|p|param|"
    "picture|plaintext|pre|progress|q|rb|rp|rt|rtc|ruby|s|samp|script|search|section|select|slot|"
    "small|source|spacer|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|template|"
    "textarea|tfoot|th|thead|time|title|tr|track|tt|u|ul|var|video|wbr|xmp"
)
_NOT_A_TAG = re.compile(rf"<(?!/?(?:{_ELEMENTS})(?![\w-])|!|\?)", re.I)
_TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
_HTML_URL = re.compile(r"https?://(?:[^\s<>&]|&amp;)+", re.I)


def _clean(html: str) -> str:
    # Editors leave non-breaking spaces inside emphasis: `**word **` would not be bold.
    text = _NOT_A_TAG.sub("&lt;", html.replace("&nbsp;", " ").replace("\u00a0", " "))
    cleaned = _linked(nh3.clean(text))
    # A break at the edge of a paragraph or of emphasis is invisible in a browser, but pandoc
    # writes it as a backslash that CommonMark shows (`a\` + blank line, `*a\*`).
    while True:
        moved = _BREAK_IN_INLINE_END.sub(r"\2\1", cleaned)
        if moved == cleaned:
            break
        cleaned = moved
    return _BREAK_AT_BLOCK_EDGE.sub(lambda match: match.group(1) or "", cleaned)


def _linked(html: str) -> str:
    """Bare web addresses as links to themselves, which pandoc writes as autolinks (`<…>`):
    written as text, their `_` and `*` would be escaped and the backslashes shown in the link."""
    parts = _TAG.split(html)
    depth = 0
    for index, part in enumerate(parts):
        if index % 2:
            depth += bool(re.match(r"<a\b", part, re.I)) - bool(re.match(r"</a\b", part, re.I))
        elif depth == 0:
            parts[index] = _HTML_URL.sub(_self_link, part)
    return "".join(parts)


def _self_link(match: re.Match[str]) -> str:
    url = _url_part(match.group())
    return f'<a href="{url}">{url}</a>{match.group()[len(url) :]}'


def _continued(match: re.Match[str]) -> str:
    return match.group(1) + _escape_line_start(match.group(2))


def _after_breaks(markdown: str) -> str:
    """Lines after a hard break escaped as continuations of their paragraph."""
    lines = markdown.split("\n")
    for index in range(1, len(lines)):
        previous = lines[index - 1]
        if (len(previous) - len(previous.rstrip("\\"))) % 2:
            lines[index] = _CONTINUATION.sub(_continued, lines[index], count=1)
    return "\n".join(lines)
