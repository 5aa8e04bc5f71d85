"""Word diffs of prose and field diffs of YAML, on the texts organisers actually amend."""

from __future__ import annotations

import datetime as dt
import random
import time

from greffier.enrich.diff import (
    FieldChange,
    FieldChangeKind,
    Segment,
    SegmentKind,
    field_changes,
    opcodes,
    word_diff,
)

WORDS = [
    "la",
    "de",
    "le",
    "conseil",
    "projet",
    "ligne",
    "tramway",
    "station",
    "quartier",
    "habitants",
    "arbres",
    "piste",
]


def rebuilt(segments: list[Segment]) -> tuple[str, str]:
    old = "".join(s.text for s in segments if s.kind is not SegmentKind.insert)
    new = "".join(s.text for s in segments if s.kind is not SegmentKind.delete)
    return old, new


def changed(segments: list[Segment], kind: SegmentKind) -> list[str]:
    return [s.text for s in segments if s.kind is kind]


def test_one_word_amended_in_a_sentence() -> None:
    old = "Le conseil a voté la délibération.\n\nFin de séance à 22 h."
    new = "Le conseil municipal a adopté la délibération.\n\nFin de séance à 22 h."
    segments = word_diff(old, new)
    assert rebuilt(segments) == (old, new)
    assert changed(segments, SegmentKind.delete) == ["voté"]
    assert changed(segments, SegmentKind.insert) == ["municipal ", "adopté"]
    assert segments[-1] == Segment(SegmentKind.equal, " la délibération.\n\nFin de séance à 22 h.")


def test_punctuation_is_its_own_token() -> None:
    segments = word_diff("Adopté.", "Adopté !")
    assert segments == [
        Segment(SegmentKind.equal, "Adopté"),
        Segment(SegmentKind.delete, "."),
        Segment(SegmentKind.insert, " !"),
    ]


def test_a_sentence_rewritten_whole_is_not_shredded_around_spaces() -> None:
    segments = word_diff("un deux trois\n", "quatre cinq six\n")
    assert [s.kind for s in segments] == [
        SegmentKind.delete,
        SegmentKind.insert,
        SegmentKind.equal,
    ]


def test_added_and_removed_paragraphs() -> None:
    old = "Ouverture.\n\nPoint 1 : budget.\n\nClôture.\n"
    new = "Ouverture.\n\nClôture.\n\nAnnexe : liste des présents.\n"
    segments = word_diff(old, new)
    assert rebuilt(segments) == (old, new)
    assert changed(segments, SegmentKind.delete) == ["Point 1 : budget.\n\n"]
    assert changed(segments, SegmentKind.insert) == ["\nAnnexe : liste des présents.\n"]


def test_edge_texts() -> None:
    assert word_diff("", "") == []
    assert word_diff("", "Nouveau.") == [Segment(SegmentKind.insert, "Nouveau.")]
    assert word_diff("Ancien.", "") == [Segment(SegmentKind.delete, "Ancien.")]
    assert word_diff("Même.\n", "Même.\n") == [Segment(SegmentKind.equal, "Même.\n")]


def test_frequent_words_still_anchor_the_diff() -> None:
    # With difflib's autojunk, words in more than 1 % of a 200+ token text ("de", "la") could
    # not match, and a one-word change would read as the whole line rewritten.
    rng = random.Random(3)
    words = [rng.choice(WORDS) for _ in range(400)]
    amended = list(words)
    amended[200] = "MODIFIÉ"
    old, new = " ".join(words), " ".join(amended)
    segments = word_diff(old, new)
    assert changed(segments, SegmentKind.delete) == [words[200]]
    assert changed(segments, SegmentKind.insert) == ["MODIFIÉ"]


def test_long_paragraph_edited_in_two_far_places() -> None:
    # One Markdown paragraph is one line: its words are compared across hundreds of tokens.
    rng = random.Random(4)
    words = [rng.choice(WORDS) if n % 2 else f"terme{n}" for n in range(600)]
    amended = list(words)
    amended[101] = amended[501] = "MODIFIÉ"
    segments = word_diff(" ".join(words), " ".join(amended))
    assert changed(segments, SegmentKind.delete) == [words[101], words[501]]
    assert changed(segments, SegmentKind.insert) == ["MODIFIÉ", "MODIFIÉ"]


def long_minutes(rng: random.Random, lines: int) -> list[str]:
    """Minutes with what makes naive diffing quadratic: blank lines and repeated lines."""
    text = []
    for number in range(lines):
        if number % 3 == 0:
            text.append("")
        elif number % 7 == 0:
            text.append("- Pour : 12, contre : 3")
        else:
            text.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 30))))
    return text


def test_long_minutes_with_scattered_edits() -> None:
    rng = random.Random(5)
    old_lines = long_minutes(rng, 5000)
    new_lines = list(old_lines)
    edited = sorted(rng.sample([i for i, line in enumerate(old_lines) if " " in line], 80))
    for index in edited:
        words = new_lines[index].split(" ")
        words[len(words) // 2] = f"AMENDÉ{index}"
        new_lines[index] = " ".join(words)
    for index in sorted(rng.sample(range(5000), 30), reverse=True):
        del new_lines[index]
    old, new = "\n".join(old_lines), "\n".join(new_lines)

    started = time.perf_counter()
    segments = word_diff(old, new)
    elapsed = time.perf_counter() - started

    assert rebuilt(segments) == (old, new)
    inserted = "".join(changed(segments, SegmentKind.insert))
    assert all(f"AMENDÉ{index}" in inserted for index in edited if f"AMENDÉ{index}" in new)
    # Word level inside changed lines: nothing close to whole lines is marked.
    assert len(inserted) < 80 * 20
    assert elapsed < 5, f"diff took {elapsed:.1f} s"  # Sanity bound; bench/ measures.


def test_opcodes_tile_both_sequences_at_every_size() -> None:
    rng = random.Random(13)
    for size in (0, 5, 150, 3000):
        a = [rng.choice(WORDS[:4]) if rng.random() < 0.5 else str(n) for n in range(size)]
        b = [item for item in a if rng.random() > 0.05]
        b[size // 3 : size // 3] = ["nouveau", "nouveau"]
        i = j = 0
        for tag, i1, i2, j1, j2 in opcodes(a, b):
            assert (i1, j1) == (i, j)
            assert tag != "equal" or a[i1:i2] == b[j1:j2]
            i, j = i2, j2
        assert (i, j) == (len(a), len(b))


def test_two_large_unrelated_texts_are_replaced_whole_quickly() -> None:
    rng = random.Random(8)
    old = " ".join(rng.choice(WORDS) for _ in range(30_000))
    new = " ".join(rng.choice(WORDS) for _ in range(30_000))
    started = time.perf_counter()
    segments = word_diff(old, new)
    assert time.perf_counter() - started < 5
    assert rebuilt(segments) == (old, new)


def test_contribution_answered_later() -> None:
    before = {"id": "c-12", "status": "received", "themes": ["mobilite"]}
    after = {
        "id": "c-12",
        "status": "answered",
        "themes": ["mobilite", "logement"],
        "answer": {"date": dt.date(2026, 4, 2), "by": "Mairie"},
    }
    assert field_changes(before, after) == [
        FieldChange(("status",), FieldChangeKind.changed, "received", "answered"),
        FieldChange(("themes",), FieldChangeKind.changed, ["mobilite"], ["mobilite", "logement"]),
        FieldChange(("answer",), FieldChangeKind.added, None, after["answer"]),
    ]


def test_nested_fields_removed_and_changed() -> None:
    before = {"status": "scheduled", "place": {"name": "Salle A", "room": "2"}, "note": "x"}
    after = {"status": "held", "place": {"name": "Salle B"}, "note": None}
    assert field_changes(before, after) == [
        FieldChange(("status",), FieldChangeKind.changed, "scheduled", "held"),
        FieldChange(("place", "name"), FieldChangeKind.changed, "Salle A", "Salle B"),
        FieldChange(("place", "room"), FieldChangeKind.removed, "2", None),
        FieldChange(("note",), FieldChangeKind.removed, "x", None),
    ]


def test_unchanged_and_type_changes() -> None:
    same = {"a": 1, "b": {"c": [1, 2]}, "d": None}
    assert field_changes(same, {"a": 1, "b": {"c": [1, 2]}}) == []
    assert field_changes({"quorum": 1}, {"quorum": True}) == [
        FieldChange(("quorum",), FieldChangeKind.changed, 1, True)
    ]
    assert field_changes({"place": "Mairie"}, {"place": {"name": "Mairie"}}) == [
        FieldChange(("place",), FieldChangeKind.changed, "Mairie", {"name": "Mairie"})
    ]
