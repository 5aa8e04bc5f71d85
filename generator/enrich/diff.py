"""What changed between two versions: a word-level diff for prose, a field-level one for data.

Word diffs of whole minutes are where naive diffing goes quadratic, so the text is first compared
line by line (cheap: lines are nearly unique) and words are compared only inside the blocks of
lines that changed. A changed block too large to compare word by word is shown as replaced whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
"""Runs of whitespace, words, and single punctuation marks: a changed comma is not a changed word."""

MAX_BLOCK_COST = 4_000_000
"""Above this product of token counts, a changed block is not compared word by word: the
comparison grows with that product, and a block this different reads better replaced whole."""


class SegmentKind(StrEnum):
    equal = "equal"
    insert = "insert"
    delete = "delete"


@dataclass(frozen=True)
class Segment:
    kind: SegmentKind
    text: str


def word_diff(old: str, new: str) -> list[Segment]:
    """Segments that rebuild `old` (equal + delete) and `new` (equal + insert), in reading order.

    Adjacent segments of the same kind are merged; within a change, deletions come before
    insertions.
    """
    segments: list[Segment] = []
    for segment in _line_blocks(old, new):
        if segments and segments[-1].kind is segment.kind:
            segments[-1] = Segment(segment.kind, segments[-1].text + segment.text)
        else:
            segments.append(segment)
    return segments


def _line_blocks(old: str, new: str) -> Iterator[Segment]:
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    # Blank lines recur by the thousand in long minutes: as junk they cannot anchor a match
    # (which would make each comparison scan all of them) but still join the matches around them.
    matcher = SequenceMatcher(_blank, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if tag == "equal":
            yield Segment(SegmentKind.equal, before)
        elif tag == "replace":
            yield from _words(before, after)
        elif tag == "delete":
            yield Segment(SegmentKind.delete, before)
        else:
            yield Segment(SegmentKind.insert, after)


def _words(old: str, new: str) -> Iterator[Segment]:
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(old_tokens) * len(new_tokens) > MAX_BLOCK_COST:
        yield Segment(SegmentKind.delete, old)
        yield Segment(SegmentKind.insert, new)
        return
    # autojunk off: in prose the most frequent words ("de", "la") are exactly the ones the
    # heuristic would junk, shredding the diff. Whitespace is junk for the same reason as blank
    # lines above.
    matcher = SequenceMatcher(_blank, old_tokens, new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield Segment(SegmentKind.equal, "".join(old_tokens[i1:i2]))
            continue
        if i2 > i1:
            yield Segment(SegmentKind.delete, "".join(old_tokens[i1:i2]))
        if j2 > j1:
            yield Segment(SegmentKind.insert, "".join(new_tokens[j1:j2]))


def _blank(token: str) -> bool:
    return token.isspace()


class FieldChangeKind(StrEnum):
    added = "added"
    removed = "removed"
    changed = "changed"


@dataclass(frozen=True)
class FieldChange:
    path: tuple[str, ...]
    """Keys from the top of the document down to the field, e.g. ("answer", "date")."""
    kind: FieldChangeKind
    old: Any = None
    new: Any = None


def field_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[FieldChange]:
    """Fields added, removed or changed between two YAML documents (or front matters).

    Nested mappings are walked, so an answer gaining a date is one change at ("answer", "date");
    lists are compared as whole values. A field set to null counts as absent: YAML writes an
    empty `answer:` that way. Order: the old document's fields, then the new ones.
    """
    return list(_walk((), old, new))


def _walk(
    path: tuple[str, ...], old: Mapping[str, Any], new: Mapping[str, Any]
) -> Iterator[FieldChange]:
    for key in [*old, *(key for key in new if key not in old)]:
        before, after = old.get(key), new.get(key)
        where = (*path, str(key))
        if before is None and after is None:
            continue
        if before is None:
            yield FieldChange(where, FieldChangeKind.added, new=after)
        elif after is None:
            yield FieldChange(where, FieldChangeKind.removed, old=before)
        elif isinstance(before, Mapping) and isinstance(after, Mapping):
            yield from _walk(where, before, after)
        elif type(before) is not type(after) or before != after:
            yield FieldChange(where, FieldChangeKind.changed, before, after)
