"""What the history says about each published item: first put online, last changed, versions,
and the changes made once the record should have been settled.

An item is a file of a process folder (process.yml, index.md, a meeting, minutes, a contribution,
a declared document and its alternatives, documents.yml, outcome.md, commitments.yml); its trace
is keyed by the item's path, relative to the project root, which is also the key of its history
page. Dates are those of the first-parent line (`History`), never file modification times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from ..formats.versions import parse_version
from ..models import Corpus, Process
from .history import Commit, History, TextReader, Version


class ItemKind(StrEnum):
    process = "process"
    """process.yml"""
    presentation = "presentation"
    """index.md"""
    meeting = "meeting"
    minutes = "minutes"
    contribution = "contribution"
    document = "document"
    """A declared document's file, or one of its alternatives."""
    documents = "documents"
    """documents.yml, the list of documents."""
    outcome = "outcome"
    commitments = "commitments"


FOLLOW_UP_KINDS = frozenset({ItemKind.outcome, ItemKind.commitments})
"""Written after the process closes by design: changing them then is their purpose, so flagging
it would bury the flags that matter."""

_FIXED_NAMES = {
    "process.yml": ItemKind.process,
    "index.md": ItemKind.presentation,
    "outcome.md": ItemKind.outcome,
    "documents.yml": ItemKind.documents,
    "commitments.yml": ItemKind.commitments,
}
_ITEM_FOLDERS = {
    "meetings": ItemKind.meeting,
    "minutes": ItemKind.minutes,
    "contributions": ItemKind.contribution,
}


class LateReason(StrEnum):
    after_close = "after-close"
    after_approval = "after-approval"


@dataclass(frozen=True)
class LateChange:
    """A commit that changed an item once it should have been settled."""

    commit: Commit
    reason: LateReason
    settled: dt.date
    """The day the record was settled: the process's closing, or the minutes' approval."""


@dataclass(frozen=True)
class ItemTrace:
    path: str
    """Relative to the project root, POSIX: the key of the item's history page."""
    kind: ItemKind
    title: str | None
    """The item's own title when it has one (None for index.md, outcome.md and the YAML lists,
    which the site names by kind)."""
    process: str
    """Slug of the process the item belongs to."""
    first_published: Commit | None
    last_changed: Commit | None
    versions: tuple[Version, ...]
    previous_paths: tuple[str, ...]
    """Paths the file had before being renamed, oldest first."""
    uncommitted: bool
    """The working tree differs from HEAD: what is shown is not (yet) the published record."""
    late_changes: tuple[LateChange, ...]

    @property
    def version_count(self) -> int:
        return len(self.versions)

    def late(self, commit: Commit) -> tuple[LateChange, ...]:
        return tuple(late for late in self.late_changes if late.commit.id == commit.id)


@dataclass(frozen=True)
class Traces:
    available: bool
    """False when history could not be read: every trace then has no version."""
    reason: str | None = None
    """Why history is unavailable, in words for the organiser."""
    items: Mapping[str, ItemTrace] = field(default_factory=dict)

    def get(self, path: str) -> ItemTrace | None:
        return self.items.get(path)

    def __getitem__(self, path: str) -> ItemTrace:
        return self.items[path]


def trace_corpus(corpus: Corpus, history: History, *, blobs: TextReader | None = None) -> Traces:
    """The trace of every item of every process, drafts included (render decides what shows).

    With `blobs`, the versions of approved minutes are read to find the one that recorded the
    approval: committing `approved:` days after the meeting approved them is not a late change.
    Without, every version committed after the approval day is flagged.
    """
    items = {
        trace.path: trace
        for process in corpus.processes
        for trace in _process_traces(process, history, blobs)
    }
    return Traces(
        available=history.available,
        reason=history.reason,
        items=dict(sorted(items.items())),
    )


def process_folder(process: Process) -> PurePosixPath:
    return PurePosixPath(process.source.path).parent


def kind_of(path: str, process: Process) -> ItemKind | None:
    """The kind of item a path of the process folder holds, from where it is: for files no
    longer loaded (removed ones), whose kind only their place tells. None outside the folder or
    for a file that is no item."""
    try:
        inner = PurePosixPath(path).relative_to(process_folder(process))
    except ValueError:
        return None
    if len(inner.parts) == 1:
        return _FIXED_NAMES.get(inner.name)
    if inner.parts[0] in _ITEM_FOLDERS and len(inner.parts) == 2 and inner.suffix == ".md":
        return _ITEM_FOLDERS[inner.parts[0]]
    return ItemKind.document if inner.parts[0] == "documents" else None


def late_reason(
    process: Process,
    kind: ItemKind | None,
    commit: Commit,
    approved: dt.date | None = None,
) -> LateReason | None:
    """Why a change (never an item's first version) made by `commit` is late, if it is.

    Dates compare in the process's time zone: `closes` and `approved` are days there, and a
    change made on that day is still in time. Approval is the more precise reason for minutes.
    """
    day = commit.date.astimezone(ZoneInfo(process.data.timezone)).date()
    if approved is not None and day > approved:
        return LateReason.after_approval
    closes = process.data.closes
    if closes is not None and day > closes and kind not in FOLLOW_UP_KINDS:
        return LateReason.after_close
    return None


def settled_on(process: Process, reason: LateReason, approved: dt.date | None) -> dt.date:
    """The day a change of `reason` came after: the approval of minutes, or the closing."""
    day = approved if reason is LateReason.after_approval else process.data.closes
    assert day is not None, "late_reason gives no reason without its day"
    return day


@dataclass(frozen=True)
class _Item:
    path: str
    kind: ItemKind
    title: str | None
    approved: dt.date | None = None


def front_matter_data(text: str | None) -> dict[str, Any]:
    """The front matter of a Markdown version as plain data; empty when it has none usable."""
    return parse_version(text, markdown=True, strict=True).mapping


def _process_traces(
    process: Process, history: History, blobs: TextReader | None
) -> Iterator[ItemTrace]:
    for item in _items(process):
        file = history.files.get(item.path) if history.available else None
        versions = file.versions if file is not None and file.removed is None else ()
        recorded = _approval_recorded(versions, blobs) if item.approved is not None else 0
        late = []
        for number, version in enumerate(versions[1:], start=2):
            approved = item.approved if number > recorded else None
            reason = late_reason(process, item.kind, version.commit, approved)
            if reason is not None:
                late.append(
                    LateChange(version.commit, reason, settled_on(process, reason, approved))
                )
        yield ItemTrace(
            path=item.path,
            kind=item.kind,
            title=item.title,
            process=process.slug,
            first_published=versions[0].commit if versions else None,
            last_changed=versions[-1].commit if versions else None,
            versions=versions,
            previous_paths=file.previous_paths if file is not None and versions else (),
            uncommitted=item.path in history.uncommitted,
            late_changes=tuple(late),
        )


def _approval_recorded(versions: Sequence[Version], blobs: TextReader | None) -> int:
    """Number of the first version declaring an approval date (0 when unknown): it records the
    approval, and only the versions after it change approved minutes."""
    if blobs is not None:
        for version in versions:
            if front_matter_data(blobs.text(version)).get("approved") is not None:
                return version.number
    return 0


def _items(process: Process) -> Iterator[_Item]:
    folder = process_folder(process)

    def at(name: str) -> str:
        return str(folder / name)

    yield _Item(process.source.path, ItemKind.process, process.data.title)
    if process.presentation is not None:
        yield _Item(at("index.md"), ItemKind.presentation, None)
    meetings = {meeting.id: meeting for meeting in process.meetings}
    for meeting in process.meetings:
        yield _Item(meeting.source.path, ItemKind.meeting, meeting.data.title)
    for minutes in process.minutes:
        recorded = meetings.get(minutes.data.meeting)
        title = recorded.data.title if recorded is not None else minutes.data.meeting
        yield _Item(minutes.source.path, ItemKind.minutes, title, minutes.data.approved)
    for contribution in process.contributions:
        yield _Item(contribution.source.path, ItemKind.contribution, contribution.reference)
    if process.documents:
        # Every document shares the source documents.yml; its own history is the list's.
        yield _Item(process.documents[0].source.path, ItemKind.documents, None)
    for document in process.documents:
        yield _Item(at(document.data.file), ItemKind.document, document.data.title)
        for alternative in document.data.alternatives:
            title = alternative.title or document.data.title
            yield _Item(at(alternative.file), ItemKind.document, title)
    if process.outcome is not None:
        yield _Item(at("outcome.md"), ItemKind.outcome, None)
    if process.commitments:
        yield _Item(at("commitments.yml"), ItemKind.commitments, None)
