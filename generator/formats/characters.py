"""The characters no published text may hold: one rule, to report them or to clean them out.

XML 1.0 refuses C0 controls other than TAB, LF and CR (NUL included), lone surrogates and
U+FFFE/U+FFFF; HTML also counts DEL, the C1 controls (U+0080–U+009F) and every noncharacter
(U+FDD0–U+FDEF and the last two code points of each plane) as parse errors. One of them in a
title breaks a feed, an EPUB or a DOCX for strict readers, and made MkDocs misread a page.

Organisers can fix their files, so the loader reports each such character at its line
(`report_refused`); texts nobody can fix here (commit messages, old versions from the git
history, what importers write) go through `clean`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from ..diagnostics import Report, SourceLocation

_REFUSED = re.compile(
    "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufdd0-\\ufdef\\ufffe\\uffff"
    "\\U0001fffe-\\U0010ffff]"
)
"""The refused characters, and every one from U+1FFFE on: a class listing the 32 noncharacters
of the other planes one by one makes every search ten times slower. `_refused` keeps those."""

_REPLACEMENT = "\ufffd"

T = TypeVar("T")


@dataclass(frozen=True)
class Refused:
    """One refused character, where it first appears on its line."""

    line: int
    column: int
    code: str
    """As Unicode writes it, e.g. `U+000B`."""


def find_refused(text: str) -> Iterator[Refused]:
    """Each refused character of `text`, once per line, in order; lines and columns count
    from 1."""
    line, line_start = 1, 0
    seen: set[str] = set()
    for match in _REFUSED.finditer(text):
        if not _refused(match.group()):
            continue
        start = match.start()
        newlines = text.count("\n", line_start, start)
        if newlines:
            line += newlines
            line_start = text.rindex("\n", 0, start) + 1
            seen = set()
        char = match.group()
        if char not in seen:
            seen.add(char)
            yield Refused(line, start - line_start + 1, f"U+{ord(char):04X}")


def clean(text: str) -> str:
    """`text` without refused characters: those that separate words (Word's vertical tab for a
    line break, form feed, NEL) become a space, any other becomes U+FFFD, which shows the
    reader that something unreadable was there."""
    return _REFUSED.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    char = match.group()
    if not _refused(char):
        return char
    return " " if char.isspace() else _REPLACEMENT


def _refused(char: str) -> bool:
    """Whether a character `_REFUSED` matched is refused: beyond the BMP, only U+xFFFE and
    U+xFFFF are."""
    return ord(char) <= 0xFFFF or ord(char) & 0xFFFE == 0xFFFE


def clean_values(value: T) -> T:
    """`value` with every text in it cleaned: keys and items of mappings, lists and tuples."""
    cleaned: Any
    if isinstance(value, str):
        cleaned = clean(value)
    elif isinstance(value, Mapping):
        cleaned = {clean_values(key): clean_values(item) for key, item in value.items()}
    elif isinstance(value, list | tuple):
        cleaned = type(value)(clean_values(item) for item in value)
    else:
        cleaned = value
    return cast(T, cleaned)


def report_refused(text: str, path: str, diagnostics: Report) -> None:
    """An error at the line of each refused character of a file's text."""
    for found in find_refused(text):
        diagnostics.error(
            SourceLocation(path, found.line),
            diagnostics.say("text.refused_character", code=found.code, column=found.column),
            diagnostics.say("text.refused_character.hint"),
        )
