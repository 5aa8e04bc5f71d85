"""The journal: every change to a process's files on the published line, newest first, by day.

Built from `History.changes`, so items deleted from the repository still appear (as removed,
with their date), and each entry points at the history page of the file it belongs to, under
the file's latest path when it was renamed since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from ..models import Corpus, Process
from .history import Change, ChangeKind, Commit, FileHistory, History, TextReader
from .trace import (
    ItemKind,
    LateChange,
    Traces,
    front_matter_data,
    kind_of,
    late_reason,
    process_folder,
    settled_on,
)


class Action(StrEnum):
    added = "added"
    amended = "amended"
    removed = "removed"
    renamed = "renamed"


_ACTIONS = {
    ChangeKind.added: Action.added,
    ChangeKind.modified: Action.amended,
    ChangeKind.deleted: Action.removed,
    ChangeKind.renamed: Action.renamed,
}

_TITLE_KEYS = {ItemKind.meeting: "title", ItemKind.contribution: "reference"}
"""Front-matter field naming a removed item, by kind; otherwise its file name names it."""


@dataclass(frozen=True)
class JournalEntry:
    commit: Commit
    action: Action
    process: str
    """Slug of the process whose folder the change touched."""
    path: str
    """The file's path at this change."""
    old_path: str | None
    """The path before a rename."""
    history_path: str
    """Key of the item's history page: the file's latest path."""
    kind: ItemKind | None
    """None for a file of the process folder that is no item."""
    title: str | None
    late: tuple[LateChange, ...]
    """Why the change came once the record should have been settled, and since when."""


@dataclass(frozen=True)
class JournalDay:
    day: dt.date
    entries: tuple[JournalEntry, ...]


@dataclass(frozen=True)
class Journal:
    timezone: str
    """The zone whose calendar days group the entries."""
    days: tuple[JournalDay, ...]
    available: bool = True
    reason: str | None = None

    @property
    def entries(self) -> tuple[JournalEntry, ...]:
        """Every entry, newest first."""
        return tuple(entry for day in self.days for entry in day.entries)


def process_journal(
    process: Process, history: History, traces: Traces, *, blobs: TextReader | None = None
) -> Journal:
    """Every change to the process's files, newest first, grouped by day in its time zone.

    With `blobs`, a removed item is named from its last version's front matter (one read per
    removed file); without, by its file name.
    """
    entries = _entries(process, history, traces, blobs)
    return _journal(entries, history, process.data.timezone)


def site_journal(
    corpus: Corpus,
    history: History,
    traces: Traces,
    *,
    timezone: str | None = None,
    blobs: TextReader | None = None,
) -> Journal:
    """Every process's journal merged. Days are those of `timezone`, by default the processes'
    own when they all share one, else UTC."""
    zones = {process.data.timezone for process in corpus.processes}
    zone = timezone or (zones.pop() if len(zones) == 1 else "UTC")
    entries = [
        entry for process in corpus.processes for entry in _entries(process, history, traces, blobs)
    ]
    return _journal(entries, history, zone)


def _journal(entries: Iterable[JournalEntry], history: History, timezone: str) -> Journal:
    # Within a day, newest first by position on the published line rather than by date:
    # commit dates can go backwards (rebased or cherry-picked work), the line's order cannot.
    position = {commit.id: index for index, commit in enumerate(history.commits)}
    ordered = sorted(
        entries, key=lambda entry: (-position[entry.commit.id], entry.process, entry.path)
    )
    zone = ZoneInfo(timezone)
    by_day: dict[dt.date, list[JournalEntry]] = {}
    for entry in ordered:
        by_day.setdefault(entry.commit.date.astimezone(zone).date(), []).append(entry)
    days = tuple(
        JournalDay(day, tuple(found))
        for day, found in sorted(by_day.items(), key=lambda item: item[0], reverse=True)
    )
    return Journal(timezone, days, history.available, history.reason)


def _entries(
    process: Process, history: History, traces: Traces, blobs: TextReader | None
) -> Iterator[JournalEntry]:
    folder = f"{process_folder(process)}/"
    titles: dict[str, str] = {}
    # The latest path counts too: changes made before the process folder was renamed are
    # still this process's.
    for change in history.changes_under(folder):
        file = history.file_for(change)
        history_path = file.path if file is not None else change.path
        trace = traces.get(history_path)
        kind = trace.kind if trace is not None else kind_of(change.path, process)
        if trace is not None:
            title = trace.title
        else:
            if history_path not in titles:
                titles[history_path] = _last_title(change, file, kind, blobs)
            title = titles[history_path]
        if trace is not None and change.status is not ChangeKind.deleted:
            late = trace.late(change.commit)
        else:
            # Items no longer loaded, and deletions, which are no version: same rule, but the
            # first version is no change and no approval date can be known.
            is_first = file is not None and file.versions[0].change == change
            reason = None if is_first else late_reason(process, kind, change.commit)
            late = (
                ()
                if reason is None
                else (LateChange(change.commit, reason, settled_on(process, reason, None)),)
            )
        yield JournalEntry(
            commit=change.commit,
            action=_ACTIONS[change.status],
            process=process.slug,
            path=change.path,
            old_path=change.old_path,
            history_path=history_path,
            kind=kind,
            title=title,
            late=late,
        )


def _last_title(
    change: Change, file: FileHistory | None, kind: ItemKind | None, blobs: TextReader | None
) -> str:
    """A file no longer loaded is named as its last version's front matter named it, when its
    kind has a naming field and that version can be read; else by its file name."""
    name = PurePosixPath(file.path if file is not None else change.path).name
    key = _TITLE_KEYS.get(kind) if kind is not None else None
    if key is None or blobs is None or file is None or not file.versions:
        return name
    value = front_matter_data(blobs.text(file.versions[-1])).get(key)
    return value.strip() if isinstance(value, str) and value.strip() else name
