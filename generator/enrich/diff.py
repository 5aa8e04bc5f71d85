"""What changed between two versions: a word-level diff for prose, a field-level one for data.

`difflib.SequenceMatcher` gives readable diffs but its cost grows with the product of the lengths
compared, and far worse when items repeat (blank lines, "de", "la"): on long minutes that is
minutes of CPU. So texts are compared line by line first and word by word only inside the blocks
of lines that changed; and any comparison too large for SequenceMatcher is first cut into smaller
ones at the items that occur exactly once on each side (the "patience" anchors), which is
near-linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
"""Whitespace runs, words, single punctuation marks: a changed comma is not a changed word."""

SEQUENCE_MATCHER_LIMIT = 40_000
"""Largest product of lengths handed to SequenceMatcher as is (about 200 lines or words a side):
above it, its worst case stops being instant."""

Opcode = tuple[str, int, int, int, int]


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

    Adjacent segments of the same kind are merged; within a change, deletions come first.
    """
    # Parts are joined once per segment: repeated string concatenation would be quadratic.
    runs: list[tuple[SegmentKind, list[str]]] = []
    for segment in _line_segments(old, new):
        if not segment.text:
            continue
        if runs and runs[-1][0] is segment.kind:
            runs[-1][1].append(segment.text)
        else:
            runs.append((segment.kind, [segment.text]))
    return [Segment(kind, "".join(parts)) for kind, parts in runs]


def _line_segments(old: str, new: str) -> Iterator[Segment]:
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    # Blank lines are junk: a kept blank line must not anchor the match and pair a removed
    # paragraph with the next one.
    for tag, i1, i2, j1, j2 in opcodes(old_lines, new_lines, junk=str.isspace):
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if tag == "replace":
            yield from _word_segments(before, after)
        else:
            yield from _plain(tag, before, after)


def _word_segments(old: str, new: str) -> Iterator[Segment]:
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    # Whitespace is junk: it cannot anchor a match on its own, so "a b" -> "x y" reads as one
    # replacement rather than two around a kept space.
    for tag, i1, i2, j1, j2 in opcodes(old_tokens, new_tokens, junk=str.isspace):
        yield from _plain(tag, "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2]))


def _plain(tag: str, before: str, after: str) -> Iterator[Segment]:
    if tag == "equal":
        yield Segment(SegmentKind.equal, before)
        return
    yield Segment(SegmentKind.delete, before)
    yield Segment(SegmentKind.insert, after)


def opcodes(
    a: Sequence[str], b: Sequence[str], junk: Callable[[str], bool] | None = None
) -> list[Opcode]:
    """Opcodes as `SequenceMatcher.get_opcodes()` gives them (autojunk off), without its blow-up.

    Common ends are trimmed, then large middles are cut at patience anchors; what remains goes
    to SequenceMatcher when small, and is reported as replaced whole when it is large and has no
    anchor (two large, entirely different blocks).
    """
    result: list[Opcode] = []
    # Work in reading order with an explicit stack (deep recursion on long texts otherwise):
    # an item is either finished (an opcode) or a region still to compare (tag "").
    stack: list[Opcode] = [("", 0, len(a), 0, len(b))]
    while stack:
        tag, alo, ahi, blo, bhi = stack.pop()
        if tag:
            result.append((tag, alo, ahi, blo, bhi))
            continue
        start = alo
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            alo, blo = alo + 1, blo + 1
        if alo > start:
            result.append(("equal", start, alo, blo - (alo - start), blo))
        end = ahi
        while ahi > alo and bhi > blo and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
        pieces = _middle(a, b, junk, alo, ahi, blo, bhi)
        if ahi < end:
            pieces.append(("equal", ahi, end, bhi, bhi + (end - ahi)))
        stack.extend(reversed(pieces))
    return result


def _middle(
    a: Sequence[str],
    b: Sequence[str],
    junk: Callable[[str], bool] | None,
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
) -> list[Opcode]:
    """The comparison of a region whose ends differ: finished opcodes and sub-regions to do."""
    if alo == ahi and blo == bhi:
        return []
    if alo == ahi:
        return [("insert", alo, ahi, blo, bhi)]
    if blo == bhi:
        return [("delete", alo, ahi, blo, bhi)]
    if (ahi - alo) * (bhi - blo) <= SEQUENCE_MATCHER_LIMIT:
        matcher = SequenceMatcher(junk, a[alo:ahi], b[blo:bhi], autojunk=False)
        return [
            (tag, alo + i1, alo + i2, blo + j1, blo + j2)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
    anchors = _anchors(a, b, alo, ahi, blo, bhi)
    if not anchors:
        return [("replace", alo, ahi, blo, bhi)]
    pieces: list[Opcode] = []
    for i, j in [*anchors, (ahi, bhi)]:
        if i > alo or j > blo:
            pieces.append(("", alo, i, blo, j))
        if i < ahi:
            pieces.append(("equal", i, i + 1, j, j + 1))
        alo, blo = i + 1, j + 1
    return pieces


def _anchors(
    a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Items occurring once in each region, paired, longest run in the same order on both sides."""
    seen_a = _unique_positions(a, alo, ahi)
    seen_b = _unique_positions(b, blo, bhi)
    pairs = sorted((i, seen_b[item]) for item, i in seen_a.items() if item in seen_b)
    # Longest increasing subsequence of the b positions (patience sorting), with back links.
    tails: list[int] = []
    tail_positions: list[int] = []
    back = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        slot = bisect_left(tail_positions, j)
        if slot:
            back[index] = tails[slot - 1]
        if slot == len(tails):
            tails.append(index)
            tail_positions.append(j)
        else:
            tails[slot] = index
            tail_positions[slot] = j
    chain: list[tuple[int, int]] = []
    index = tails[-1] if tails else -1
    while index >= 0:
        chain.append(pairs[index])
        index = back[index]
    return chain[::-1]


def _unique_positions(items: Sequence[str], lo: int, hi: int) -> dict[str, int]:
    position: dict[str, int] = {}
    repeated: set[str] = set()
    for index in range(lo, hi):
        item = items[index]
        if item in position:
            repeated.add(item)
        position[item] = index
    return {item: index for item, index in position.items() if item not in repeated}


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
