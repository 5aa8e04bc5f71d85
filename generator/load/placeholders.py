"""Instructions of a skeleton left in what is published.

`greffier new` writes "Décrivez ici la réunion…" where the organiser's text goes, in a file marked
`draft: true`; once that line is removed, whatever is left is published as it is. So each line
of a published file that still reads as a placeholder of a skeleton (`formats.skeleton`) is an
error at that line. Drafts are left alone: they are not published, and every skeleton is one.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Report, SourceLocation
from ..formats.skeleton import normal, placeholders, texts
from ..formats.yaml_lines import KeyPath
from .validate import SourceFile


def check_placeholders(files: Iterable[SourceFile], diagnostics: Report) -> None:
    """An error at each line of `files` (all published) holding a placeholder, in a value of
    their YAML or in their Markdown body."""
    left = placeholders()
    for source in files:
        for key, value in texts(source.parsed.data):
            for line in value.split("\n"):
                if normal(line) in left:
                    _report(source.path, _value_line(source, key, line), line, diagnostics)
        if source.body is not None:
            first = _body_line(source)
            for offset, line in enumerate(source.body.split("\n")):
                if normal(line) in left:
                    _report(source.path, first + offset, line, diagnostics)


def _report(path: str, line: int, text: str, diagnostics: Report) -> None:
    diagnostics.error(
        SourceLocation(path, line),
        diagnostics.say("placeholder.left", text=normal(text)),
        diagnostics.say("placeholder.left.hint"),
    )


def _value_line(source: SourceFile, key: KeyPath, line: str) -> int:
    """The file line holding `line` of the value at `key`: the key's own, or one below it for a
    block of text (`participate: |`)."""
    start = source.parsed.line(key)
    wanted = normal(line)
    lines = source.text.split("\n")
    found = (n for n in range(start, len(lines) + 1) if wanted in normal(lines[n - 1]))
    return next(found, start)


def _body_line(source: SourceFile) -> int:
    """The file line the Markdown body starts on: the body is the end of the file's text."""
    return source.text.count("\n") - source.body.count("\n") + 1 if source.body else 1
