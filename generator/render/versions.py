"""What item pages and their history pages show about an item's versions, as data.

Pure: no MkDocs. `ItemHistory` feeds the facts line of an item page ("Mis en ligne le …"); the
history page lists each version with what changed (a word diff of the Markdown body, a field
summary of the front matter or YAML), and each version gets a permalink page with its text.

Privacy is decided here, once: a contribution withdrawn by its author or hidden by moderation
shows that its versions exist and when, never what they said; author names pass through the
process's `author_display`, and a name removed since is never shown from an older version.
Versions withheld by a redaction (see `greffier.enrich.redaction`), and those written while the
item was a draft, are listed without text, and the next version is not diffed against them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from ..enrich.diff import (
    FieldChange,
    FieldChangeKind,
    Segment,
    SegmentKind,
    field_changes,
    word_diff,
)
from ..enrich.history import Commit, History, Version
from ..enrich.redaction import VersionKey, Withholding, key
from ..enrich.trace import ItemTrace, LateReason, Traces
from ..formats.markdown import readable_text
from ..formats.versions import parse_version
from ..models import AuthorDisplay
from ..present.privacy import shown_author

Reader = Callable[[Version], str | None]
"""The text of a file at a version (None when it cannot be read)."""

AUTHOR_FIELD = "author"


@dataclass(frozen=True)
class HistorySource:
    """What the page builder needs from git: the traces and a way to read old texts."""

    traces: Traces
    read: Reader
    redirects: Mapping[str, str] = field(default_factory=dict)
    """Old file path -> current file path, for files renamed since (see `History.redirects`)."""
    history: History | None = None
    """The whole history, for the journals and feeds."""
    withheld: Mapping[VersionKey, Withholding] = field(default_factory=dict)
    """Versions redacted from the history (see `greffier.enrich.redaction.redact`)."""


@dataclass(frozen=True)
class LateFlag:
    commit: Commit
    reason: LateReason
    settled: dt.date | None
    """The day the record was settled: the process's closing or the minutes' approval."""


@dataclass(frozen=True)
class ItemHistory:
    """An item's trace as its page shows it."""

    available: bool
    reason: str | None
    trace: ItemTrace | None
    history_uri: str | None
    """src_uri of the item's history page; None when there is none (no version, no history, or
    `record`)."""
    hidden: str | None = None
    """"withdrawn" or "moderated": versions are listed, their text never shown."""
    late: tuple[LateFlag, ...] = ()
    record: Commit | None = None
    """The commit of the item's only version, when the item's page is its whole record: the
    text shown is that version's, so a history page and a version page would repeat it (see
    `pages.item`)."""

    @property
    def uncommitted(self) -> bool:
        return self.trace is not None and self.trace.uncommitted

    @property
    def version_count(self) -> int:
        return self.trace.version_count if self.trace is not None else 0


@dataclass(frozen=True)
class FieldLine:
    """One changed field, its values already made safe to show (authors as displayed)."""

    path: tuple[str, ...]
    kind: FieldChangeKind
    old: str | None
    new: str | None

    @cached_property
    def words(self) -> tuple[Segment, ...]:
        """The words changed inside a value that was edited rather than replaced (an answer's
        date, a sentence of the charter), as the value reads once rendered (no `**`, no link
        targets): empty when the two values share no word, and are then best shown whole,
        one after the other."""
        if self.kind is not FieldChangeKind.changed or self.old is None or self.new is None:
            return ()
        segments = word_diff(readable_text(self.old), readable_text(self.new))
        shared = any(s.kind is SegmentKind.equal and s.text.strip() for s in segments)
        return compact(segments) if shared else ()


class Gap(StrEnum):
    """Why the versions before an entry are not shown, and so why it has no diff."""

    redaction = "redaction"
    draft = "draft"
    unreadable = "unreadable"


@dataclass(frozen=True)
class Comparison:
    """Two successive versions, compared when the history page is written rather than when the
    site's pages are planned: the build's main process then has less to do (see
    render/writer.py)."""

    old: tuple[dict[str, Any], str | None]
    """(data, Markdown body) of the previous version."""
    new: tuple[dict[str, Any], str | None]
    display: AuthorDisplay
    current_author: str | None

    @cached_property
    def body(self) -> tuple[Segment, ...]:
        """The words changed in the text as it reads once rendered, not in its Markdown."""
        old, new = (readable_text(body or "") for body in (self.old[1], self.new[1]))
        return compact(word_diff(old, new))

    @cached_property
    def formatting_only(self) -> bool:
        """The Markdown changed, not a word of what it reads (emphasis, a list's markers)."""
        changed = any(segment.kind is not SegmentKind.equal for segment in self.body)
        return not changed and (self.old[1] or "") != (self.new[1] or "")

    @cached_property
    def fields(self) -> tuple[FieldLine, ...]:
        changes = field_changes(self.old[0], self.new[0])
        return safe_fields(changes, self.display, self.current_author)


@dataclass(frozen=True)
class VersionEntry:
    version: Version
    version_uri: str | None
    """src_uri of the version's permalink page; None when its text must not be shown."""
    late: tuple[LateFlag, ...]
    comparison: Comparison | None = None
    """With the previous version; None for a first version or one after a gap."""
    first: bool = False
    withheld: Withholding | None = None
    """Set when a redaction withholds this version: listed, never shown."""
    unpublished: bool = False
    """Written while the item was a draft: listed as not published, never shown."""
    unreadable: bool = False
    """Its YAML could not be read (broken, or beyond the loader's limits, as an alias bomb
    committed once): listed as unreadable, never shown nor compared."""
    after: Gap | None = None
    """The versions just before were not shown: this one is not diffed against them."""

    @property
    def body(self) -> tuple[Segment, ...]:
        """Word diff of the Markdown body against the previous version (empty: unchanged)."""
        return self.comparison.body if self.comparison is not None else ()

    @property
    def fields(self) -> tuple[FieldLine, ...]:
        return self.comparison.fields if self.comparison is not None else ()

    @property
    def formatting_only(self) -> bool:
        return self.comparison is not None and self.comparison.formatting_only


@dataclass(frozen=True)
class VersionText:
    """A version as its permalink page shows it: its fields named in words, as the history
    names them, and its text; never the file's YAML."""

    body: str | None
    """Markdown body, for Markdown files."""
    fields: tuple[FieldLine, ...]
    """Every field the version gives (as `added` lines: `new` holds each value), authors
    through `author_display` like the history's."""


def late_flags(
    trace: ItemTrace | None, closes: dt.date | None, approved: dt.date | None
) -> tuple[LateFlag, ...]:
    if trace is None:
        return ()
    return tuple(
        LateFlag(
            late.commit,
            late.reason,
            approved if late.reason is LateReason.after_approval else closes,
        )
        for late in trace.late_changes
    )


def split_text(path: str, text: str | None) -> tuple[dict[str, Any] | None, str | None]:
    """(data, Markdown body) of a version: front matter and body for Markdown, the YAML document
    as data (lists keyed by entry id, or position) for YAML files. Data is None when the YAML
    cannot be read: an old version is as untrusted as the current one, and bounded alike."""
    version = parse_version(text, markdown=path.endswith(".md"))
    return version.fields, version.body


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(_shown(item)) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_shown(item)}" for key, item in value.items())
    return str(value)


def safe_fields(
    changes: Sequence[FieldChange], display: AuthorDisplay, current_author: str | None
) -> tuple[FieldLine, ...]:
    """Field changes as shown: authors through `author_display`, and a name that is no longer
    the item's author withheld (removed at the person's request, it must not resurface)."""

    def author(value: Any) -> str | None:
        if not isinstance(value, str) or value != current_author:
            return None
        return shown_author(value, display)

    lines = []
    for change in changes:
        if change.path[-1] == AUTHOR_FIELD:
            old, new = author(change.old), author(change.new)
            if old == new:
                continue  # Both withheld or shown alike: nothing a reader may learn.
            lines.append(FieldLine(change.path, change.kind, old, new))
        else:
            lines.append(
                FieldLine(change.path, change.kind, _shown(change.old), _shown(change.new))
            )
    return tuple(lines)


_NOT_READ = frozenset({"draft", "personal_data_ok"})
"""Fields that say how to publish an item, not what it says."""


def version_fields(
    data: Mapping[str, Any], display: AuthorDisplay, current_author: str | None
) -> tuple[FieldLine, ...]:
    """The fields of one version, as its permalink page lists them."""
    shown = {name: value for name, value in data.items() if name not in _NOT_READ}
    given = [FieldChange(path, FieldChangeKind.added, new=value) for path, value in _leaves(shown)]
    return safe_fields(given, display, current_author)


def _leaves(
    data: Mapping[str, Any], path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Each field of `data`, nested mappings walked (("answer", "date")), empty ones left out."""
    for name, value in data.items():
        where = (*path, str(name))
        if isinstance(value, Mapping):
            yield from _leaves(value, where)
        elif value is not None:
            yield where, value


def version_entries(
    history: ItemHistory,
    read: Reader,
    version_uri: Callable[[Version], str],
    *,
    display: AuthorDisplay,
    current_author: str | None,
    withheld: Mapping[VersionKey, Withholding] | None = None,
    drafts: bool = False,
) -> tuple[list[VersionEntry], dict[str, VersionText]]:
    """The history page's entries, newest first, and the text of each version page by src_uri.

    Each version is read once; hidden items and withheld versions read nothing at all. Unless
    `drafts` (a preview), versions whose data say `draft: true` are not shown either.
    """
    trace = history.trace
    if trace is None:
        return [], {}
    withheld = withheld or {}
    late = {flag.commit.id: flag for flag in history.late}
    if history.hidden:
        entries = [
            VersionEntry(
                v, None, _late(late, v), first=v.number == 1, withheld=_redaction(withheld, v)
            )
            for v in trace.versions
        ]
        return entries[::-1], {}
    entries = []
    texts: dict[str, VersionText] = {}
    previous: tuple[dict[str, Any], str | None] = ({}, None)
    gap: Gap | None = None
    for version in trace.versions:
        first = version.number == 1
        hold = _redaction(withheld, version)
        if hold is not None:
            entries.append(
                VersionEntry(version, None, _late(late, version), first=first, withheld=hold)
            )
            gap = Gap.redaction
            continue
        # Written while its process was a draft: known without reading it.
        in_draft = not drafts and key(version) in withheld
        text = None if in_draft else read(version)
        data, body = split_text(version.path, text)
        if data is None:
            entries.append(
                VersionEntry(version, None, _late(late, version), first=first, unreadable=True)
            )
            gap = Gap.unreadable
            continue
        if in_draft or (not drafts and data.get("draft") is True):
            entries.append(
                VersionEntry(version, None, _late(late, version), first=first, unpublished=True)
            )
            gap = gap or Gap.draft
            continue
        uri = version_uri(version)
        texts[uri] = VersionText(body, version_fields(data, display, current_author))
        # Diffing against a version not shown would show what it said (a deletion is its text).
        new = first or gap is not None
        entries.append(
            VersionEntry(
                version=version,
                version_uri=uri,
                late=_late(late, version),
                comparison=None
                if new
                else Comparison(previous, (data, body), display, current_author),
                first=first,
                after=None if first else gap,
            )
        )
        previous = (data, body)
        gap = None
    return entries[::-1], texts


def _redaction(withheld: Mapping[VersionKey, Withholding], version: Version) -> Withholding | None:
    hold = withheld.get(key(version))
    return None if hold is None or hold.draft else hold


def _late(late: Mapping[str, LateFlag], version: Version) -> tuple[LateFlag, ...]:
    flag = late.get(version.commit.id)
    return () if flag is None else (flag,)


DIFF_CONTEXT = 160
"""Characters of unchanged text kept on each side of a change: enough to recognise the
passage, without repeating long minutes whole on each version."""

ELISION = "[…]"


def compact(segments: Sequence[Segment], context: int = DIFF_CONTEXT) -> tuple[Segment, ...]:
    """The diff with long unchanged stretches cut down to their ends next to a change."""
    kept = []
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        text = segment.text
        if segment.kind is not SegmentKind.equal or len(text) <= 2 * context:
            kept.append(segment)
            continue
        head = _whole_words_before(text, context) if index > 0 else ""
        tail = _whole_words_after(text, context) if index < last else ""
        kept.append(Segment(SegmentKind.equal, f"{head}{ELISION}{tail}"))
    return tuple(kept)


def _whole_words_before(text: str, context: int) -> str:
    """About the first `context` characters of `text`, never ending inside a word."""
    head = text[:context]
    if text[context : context + 1].isspace():
        return head
    last_space = max((index for index, char in enumerate(head) if char.isspace()), default=-1)
    return head[: last_space + 1] if last_space >= 0 else head


def _whole_words_after(text: str, context: int) -> str:
    """About the last `context` characters of `text`, never starting inside a word."""
    start = len(text) - context
    tail = text[start:]
    if text[start - 1 : start].isspace():
        return tail
    first_space = next((index for index, char in enumerate(tail) if char.isspace()), None)
    return tail[first_space:] if first_space is not None else tail
