"""Checks between the files of a process, run once all of them are loaded.

Each file can be valid on its own and still point at a meeting, theme or contribution that does
not exist, or reuse an id: those are found here, at the line of the offending reference.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..diagnostics import Report, SourceLocation
from ..i18n.wording import Wording
from ..models import (
    Commitment,
    Contribution,
    Document,
    Meeting,
    Minutes,
    ProcessFile,
    Theme,
)
from .validate import Sourced


@dataclass(frozen=True)
class Contents:
    """Everything loaded from one process folder, each item with its source."""

    process: Sourced[ProcessFile] | None
    meetings: list[Sourced[Meeting]] = field(default_factory=list)
    minutes: list[Sourced[Minutes]] = field(default_factory=list)
    documents: list[Sourced[Document]] = field(default_factory=list)
    contributions: list[Sourced[Contribution]] = field(default_factory=list)
    commitments: list[Sourced[Commitment]] = field(default_factory=list)
    written_ids: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Ids of every meeting, contribution, document and theme written, even in files with
    errors: a reference to an item that failed to load is not reported a second time."""
    themes: list[Sourced[Theme]] | None = None
    """The themes of process.yml that could be read, even when the rest of it has errors; None
    when the file cannot tell (missing, not YAML, `themes` not a list)."""


@dataclass(frozen=True)
class _Vocabulary:
    """The ids one kind of reference may use."""

    what: str
    """meeting, contribution, document or theme: the end of its messages' catalogue keys."""
    ids: frozenset[str]
    drafts: frozenset[str]

    def check(
        self, value: str | None, location: SourceLocation, diagnostics: Report, draft: bool
    ) -> None:
        if value is None:
            return
        say = diagnostics.say
        if value not in self.ids:
            diagnostics.error(
                location, say(f"unknown.{self.what}", value=value), self._hint(value, say)
            )
        elif value in self.drafts and not draft:
            diagnostics.warning(
                location,
                say(f"draft.{self.what}", value=value),
                say(f"draft.{self.what}.hint"),
            )

    def _hint(self, value: str, say: Wording) -> str:
        close = difflib.get_close_matches(value, sorted(self.ids), n=1, cutoff=0.6)
        if close:
            return say("did_you_mean", name=close[0])
        how = say(f"add.{self.what}")
        if not self.ids:
            return say("unknown.none_yet", how=how)
        known = sorted(self.ids)
        listed = ", ".join(known[:5]) + (", …" if len(known) > 5 else "")
        return say("unknown.known", known=listed, how=how)


def _vocabulary(
    what: str, items: Iterable[tuple[str, bool]], written: frozenset[str] = frozenset()
) -> _Vocabulary:
    pairs = list(items)
    return _Vocabulary(
        what,
        frozenset(key for key, _ in pairs) | written,
        frozenset(key for key, draft in pairs if draft),
    )


def check_references(contents: Contents, diagnostics: Report) -> None:
    """Report every dangling reference and duplicate id of one process."""
    meetings = _vocabulary(
        "meeting",
        ((m.item.id, m.item.data.draft) for m in contents.meetings),
        contents.written_ids.get("meeting", frozenset()),
    )
    contributions = _vocabulary(
        "contribution",
        ((c.item.id, c.item.data.draft) for c in contents.contributions),
        contents.written_ids.get("contribution", frozenset()),
    )
    documents = _vocabulary(
        "document",
        ((d.item.id, d.item.data.draft) for d in contents.documents),
        contents.written_ids.get("document", frozenset()),
    )
    _check_duplicates(
        "document",
        ((d.item.id, d.at("id" if d.item.data.id else "file")) for d in contents.documents),
        diagnostics,
    )
    _check_duplicates(
        "commitment", ((c.item.id, c.at("id")) for c in contents.commitments), diagnostics
    )
    for minutes in contents.minutes:
        meetings.check(
            minutes.item.data.meeting, minutes.at("meeting"), diagnostics, minutes.item.data.draft
        )
    for document in contents.documents:
        supersedes = document.item.data.supersedes
        if supersedes == document.item.id:
            diagnostics.error(document.at("supersedes"), diagnostics.say("self.supersedes"))
        else:
            documents.check(supersedes, document.at("supersedes"), diagnostics, True)
    themes = _themes(contents, diagnostics)
    for contribution in contents.contributions:
        data = contribution.item.data
        meetings.check(data.meeting, contribution.at("meeting"), diagnostics, data.draft)
        if data.parent == contribution.item.id:
            diagnostics.error(contribution.at("parent"), diagnostics.say("self.parent"))
        else:
            contributions.check(data.parent, contribution.at("parent"), diagnostics, data.draft)
        if themes is not None:
            for index, theme in enumerate(data.themes):
                themes.check(theme, contribution.at("themes", index), diagnostics, data.draft)
    for commitment in contents.commitments:
        for index, reference in enumerate(commitment.item.contributions):
            contributions.check(
                reference,
                commitment.at("contributions", index),
                diagnostics,
                commitment.item.draft,
            )


def _themes(contents: Contents, diagnostics: Report) -> _Vocabulary | None:
    themes = contents.themes
    if themes is None:
        return None
    _check_duplicates("theme", ((theme.item.id, theme.at("id")) for theme in themes), diagnostics)
    return _vocabulary(
        "theme",
        ((theme.item.id, False) for theme in themes),
        contents.written_ids.get("theme", frozenset()),
    )


def _check_duplicates(
    what: str, items: Iterable[tuple[str, SourceLocation]], diagnostics: Report
) -> None:
    first: dict[str, SourceLocation] = {}
    for key, location in items:
        if key in first:
            seen = first[key]
            where = (
                diagnostics.say("duplicate.same_file", line=seen.line)
                if seen.path == location.path
                else diagnostics.say("duplicate.other_file", location=seen)
            )
            diagnostics.error(
                location,
                diagnostics.say(f"duplicate.{what}", key=key, where=where),
                diagnostics.say("duplicate.hint"),
            )
        else:
            first[key] = location
