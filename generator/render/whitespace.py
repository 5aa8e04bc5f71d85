"""Indentation taken out of written pages.

Templates are indented for their readers; the pages they write carry that indentation tens of
thousands of times (a third of an item page's bytes). A run of white space holding a line break
is one line break to a browser, outside the elements that keep white space as written (`pre`,
`textarea`) and those that are not HTML text (`script`, `style`): everywhere else it becomes
a single line break, which keeps the page readable as source and its text the same.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
_BREAK = re.compile(r"[ \t\r\f]*\n\s*")


def collapse(html: str) -> str:
    """`html` with each run of white space holding a line break made one line break, except
    inside `pre`, `textarea`, `script` and `style`."""
    parts = _KEPT.split(html)
    # split() gives text, then each kept element and its tag name, in turn.
    for index in range(0, len(parts), 3):
        parts[index] = _BREAK.sub("\n", parts[index])
    return "".join(part for index, part in enumerate(parts) if index % 3 != 2)
