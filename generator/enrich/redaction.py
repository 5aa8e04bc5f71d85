"""Redactions: earlier versions that the history must never republish, applied once for all.

An organiser lists in `processes/<slug>/redactions.yml` the files whose earlier versions held
what must not be published again (personal data committed by mistake, a text withdrawn by its
author). `redact` marks those versions withheld and replaces the message of every commit that
touched one by a neutral marker, in the `History` itself: every consumer (history pages, other
items' histories, journals, feeds) then shows the marker and never the message. Texts go through
`WithholdingReader`, which reads nothing for a withheld version.

Versions of a process's files committed while its process.yml said `draft: true` were never
published: they are marked too (`Withholding.draft`), for the history pages to list them as not
published outside a drafts preview; their messages and texts stay readable.

The repository keeps the data: only the site stops republishing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from ..diagnostics import SourceLocation
from ..formats.versions import parse_version
from ..models import Corpus, LocatedRedaction
from .history import Change, Commit, History, TextReader, Version
from .trace import process_folder

VersionKey = tuple[str, str]
"""(commit id, path at that commit): a file's state, whichever history it is read from."""


@dataclass(frozen=True)
class Unchecked:
    """A redaction whose `until` names no single commit of the published history: every version
    of its file but the latest is withheld."""

    source: SourceLocation
    commit: str
    path: str


@dataclass(frozen=True)
class Withholding:
    """Why a version is not shown, and since when."""

    reason: str
    on: dt.date | None
    """The day the data was removed (the redaction's commit or date), when known."""
    draft: bool = False
    """Not a redaction: the version was written while its process was a draft."""


DRAFT = Withholding("draft", None, draft=True)


@dataclass(frozen=True)
class Redacted:
    history: History
    """The history with the messages of commits that touched a withheld version replaced."""
    withheld: Mapping[VersionKey, Withholding] = field(default_factory=dict)
    unchecked: tuple[Unchecked, ...] = ()
    """Entries whose `until` commit could not be found on the history (they fail closed)."""

    def of(self, version: Version) -> Withholding | None:
        return self.withheld.get(key(version))

    def reader(self, inner: TextReader) -> WithholdingReader:
        return WithholdingReader(inner, self.withheld)


class WithholdingReader:
    """Reads old texts, except those of withheld versions: they read as missing."""

    def __init__(self, inner: TextReader, withheld: Mapping[VersionKey, Withholding]) -> None:
        self._inner = inner
        self._withheld = withheld

    def text(self, version: Version) -> str | None:
        hold = self._withheld.get(key(version))
        if hold is not None and not hold.draft:
            return None
        return self._inner.text(version)


def key(version: Version) -> VersionKey:
    return version.commit.id, version.path


def redact(
    history: History, corpus: Corpus, *, marker: str, blobs: TextReader | None = None
) -> Redacted:
    """The history as the site may show it, given every process's redactions.yml.

    `marker` replaces withheld commit messages (in the site's language). A commit id that is not
    on the published line cannot say which versions came before it: every version of the file
    but its latest is then withheld (failing closed), with a warning. With `blobs`, the versions
    committed while a process was a draft are marked as such.
    """
    if not history.available:
        return Redacted(history)
    position = {commit.id: index for index, commit in enumerate(history.commits)}
    withheld: dict[VersionKey, Withholding] = (
        {} if blobs is None else _drafted(history, position, corpus, blobs)
    )
    messages: set[str] = set()
    unchecked: list[Unchecked] = []
    for process in corpus.processes:
        folder = process_folder(process)
        zone = ZoneInfo(process.data.timezone)
        for entry in process.redactions:
            path = str(folder / PurePosixPath(entry.data.path))
            changes = _changes_of(history, path)
            hidden, on, unknown = _withheld(history, position, changes, entry, zone)
            if unknown is not None:
                unchecked.append(unknown)
            for change in hidden:
                messages.add(change.commit.id)
                version = (change.commit.id, change.path)
                if version not in withheld or withheld[version].draft:
                    withheld[version] = Withholding(entry.data.reason, on)
    return Redacted(_with_messages_withheld(history, messages, marker), withheld, tuple(unchecked))


def _drafted(
    history: History, position: Mapping[str, int], corpus: Corpus, blobs: TextReader
) -> dict[VersionKey, Withholding]:
    """The versions of each process's files committed while its process.yml said `draft: true`
    (one read per version of each process.yml)."""
    found: dict[VersionKey, Withholding] = {}
    for process in corpus.processes:
        file = history.files.get(process.source.path)
        if file is None:
            continue
        # Positions on the published line from each draft version to the next version.
        ends = [position[v.commit.id] for v in file.versions[1:]] + [len(history.commits)]
        spans = [
            (position[version.commit.id], end)
            for version, end in zip(file.versions, ends, strict=True)
            if _is_draft(blobs.text(version))
        ]
        if not spans:
            continue
        folder = f"{process_folder(process)}/"
        for change in history.changes:
            owner = history.owners.get(change, change.path)
            at = position[change.commit.id]
            if owner.startswith(folder) and any(start <= at < end for start, end in spans):
                found[(change.commit.id, change.path)] = DRAFT
    return found


def _is_draft(text: str | None) -> bool:
    return parse_version(text, markdown=False, strict=True).mapping.get("draft") is True


def _changes_of(history: History, path: str) -> list[Change]:
    """Every change of the files that are or were at `path`, renames followed both ways."""
    lineages = {
        file.path
        for file in history.files.values()
        if file.path == path or path in file.previous_paths
    }
    return [
        change
        for change in history.changes
        if history.owners.get(change) in lineages or path in (change.path, change.old_path)
    ]


def _withheld(
    history: History,
    position: Mapping[str, int],
    changes: Sequence[Change],
    entry: LocatedRedaction,
    zone: ZoneInfo,
) -> tuple[Sequence[Change], dt.date | None, Unchecked | None]:
    """The changes an entry withholds, the day of the redaction, and the entry if its commit is
    unknown.

    Without a usable `until`, the redaction is the file's latest change: its current version
    (kept), or its deletion.
    """
    until = entry.data.until
    if isinstance(until, dt.date):
        return [c for c in changes if c.commit.date.astimezone(zone).date() < until], until, None
    if until is not None:
        found = [commit for commit in history.commits if commit.id.startswith(until)]
        if len(found) == 1:
            limit = position[found[0].id]
            before = [c for c in changes if position[c.commit.id] < limit]
            return before, found[0].date.astimezone(zone).date(), None
        unknown = Unchecked(
            SourceLocation(entry.source.path, entry.source.line), until, entry.data.path
        )
    else:
        unknown = None
    if not changes:
        return (), None, unknown
    hidden = changes[:-1] if _is_live_version(history, changes[-1]) else changes
    return hidden, changes[-1].commit.date.astimezone(zone).date(), unknown


def _is_live_version(history: History, change: Change) -> bool:
    """Whether the change made the current text of a file still in the repository."""
    file = history.file_for(change)
    return file is not None and file.removed is None and file.versions[-1].change == change


def _with_messages_withheld(history: History, ids: set[str], marker: str) -> History:
    """The same history with those commits' messages replaced, consistently in every commit,
    change, version and owner."""
    commits = {
        commit.id: dataclasses.replace(commit, message=marker)
        for commit in history.commits
        if commit.id in ids
    }
    if not commits:
        return history

    def commit_of(commit: Commit) -> Commit:
        return commits.get(commit.id, commit)

    changes = {
        change: dataclasses.replace(change, commit=commits[change.commit.id])
        for change in history.changes
        if change.commit.id in commits
    }

    def change_of(change: Change) -> Change:
        return changes.get(change, change)

    files = {
        path: dataclasses.replace(
            file,
            versions=tuple(
                dataclasses.replace(v, change=change_of(v.change)) for v in file.versions
            ),
            removed=None if file.removed is None else commit_of(file.removed),
        )
        for path, file in history.files.items()
    }
    return dataclasses.replace(
        history,
        commits=tuple(commit_of(commit) for commit in history.commits),
        changes=tuple(change_of(change) for change in history.changes),
        files=files,
        owners={change_of(change): path for change, path in history.owners.items()},
    )
