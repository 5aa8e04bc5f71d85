"""Problems found in a process folder, each tied to the file and line an organiser must fix.

Loading never stops at the first problem: every stage appends to a `Diagnostics` collection, and
the caller decides at the end whether the build may go on. Messages read `path:line: error: …`,
the format editors and CI annotate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from .i18n.wording import Wording


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True, order=True)
class SourceLocation:
    """A place in the repository: a POSIX path relative to the project root, and a 1-based line."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Diagnostic:
    location: SourceLocation
    message: str
    severity: Severity = Severity.error
    hint: str | None = None
    """How to fix it, in words an organiser understands."""

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        return one_line(f"{text} ({self.hint})" if self.hint else text)


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
"""Controls, line separators and bidirectional controls: a file name or a quoted value holding
one would split a problem over several lines, or reorder what a terminal or CI log shows."""


def one_line(text: str) -> str:
    """`text` with each unprintable character written as its escape (`\\n`, `\\u202e`), so
    that one problem is one line, shown as it is in the file."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


@dataclass
class Diagnostics:
    """An ordered collection of problems, errors and warnings alike."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: SourceLocation, message: str, hint: str | None = None) -> None:
        self.items.append(Diagnostic(location, message, Severity.error, hint))

    def warning(self, location: SourceLocation, message: str, hint: str | None = None) -> None:
        self.items.append(Diagnostic(location, message, Severity.warning, hint))

    def extend(self, other: Diagnostics) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.warning]

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Diagnostic]:
        """By file then line, so the report reads like the folder.

        The message breaks ties so that the order never depends on the order in which the
        checks ran (pydantic's own error order changes between its releases).
        """
        return sorted(
            self.items, key=lambda d: (d.location, d.severity != Severity.error, d.message)
        )

    def format(self) -> str:
        return "\n".join(str(d) for d in self.sorted())


class GreffierError(Exception):
    """Base of the errors Greffier raises on purpose; anything else is a bug."""


class ValidationFailed(GreffierError):
    """The content has errors; `diagnostics` holds every one of them."""

    def __init__(self, diagnostics: Diagnostics, say: Wording | None = None) -> None:
        """`say` words the header in the site's language; English without it."""
        # Imported here: the loader, which the wording belongs to, imports this module.
        say = say or Wording()
        self.diagnostics = diagnostics
        errors = say.count("error", len(diagnostics.errors))
        super().__init__(f"{say('validation.failed', errors=errors)}\n{diagnostics.format()}")


class ConfigurationError(GreffierError):
    """mkdocs.yml or the command line asks for something impossible."""


@dataclass
class Report(Diagnostics):
    """`Diagnostics` whose messages the loader words with `say`, in the organisers' language."""

    say: Wording = field(default_factory=Wording)
