"""The history reads like a register (issue #13): edited fields show the words that changed,
elided context keeps whole words, version pages list fields in words, dates are written out."""

from __future__ import annotations

from greffier.enrich.diff import FieldChangeKind, Segment, SegmentKind
from greffier.formats.markdown import readable_text
from greffier.i18n.translator import Translator
from greffier.models import AuthorDisplay
from greffier.render.versions import (
    ELISION,
    Comparison,
    FieldLine,
    compact,
    version_fields,
)


def _kinds(segments: tuple[Segment, ...], kind: SegmentKind) -> str:
    return " ".join(s.text for s in segments if s.kind is kind)


def test_an_edited_field_shows_the_words_that_changed() -> None:
    line = FieldLine(
        ("answer", "text"),
        FieldChangeKind.changed,
        "La décision sera rendue le 30 novembre, après la réunion.",
        "La décision sera rendue le 15 décembre, après la réunion.",
    )
    assert "30 novembre" in _kinds(line.words, SegmentKind.delete)
    assert "15 décembre" in _kinds(line.words, SegmentKind.insert)
    assert "La décision sera rendue le" in _kinds(line.words, SegmentKind.equal)
    assert "décision" not in _kinds(line.words, SegmentKind.insert)


def test_a_replaced_value_is_shown_whole_before_and_after() -> None:
    assert FieldLine(("status",), FieldChangeKind.changed, "planned", "held").words == ()
    assert FieldLine(("answer",), FieldChangeKind.added, None, "Oui, dès mars.").words == ()


def test_elided_context_keeps_whole_words() -> None:
    words = [f"mot{number}" for number in range(200)]
    text = " ".join(words)
    segments = compact(
        (
            Segment(SegmentKind.delete, "avant"),
            Segment(SegmentKind.equal, " " + text + " "),
            Segment(SegmentKind.insert, "après"),
        ),
        context=50,
    )
    head, tail = segments[1].text.split(ELISION)
    assert len(head) <= 51 and len(tail) <= 51
    assert all(word in words for word in head.split()), head
    assert all(word in words for word in tail.split()), tail


def test_a_version_lists_its_fields_without_publishing_instructions() -> None:
    data = {
        "received": "2026-10-30",
        "author": "Jeanne Martin",
        "draft": False,
        "personal_data_ok": [{"match": "01 23 45 67 89", "reason": "standard de la mairie"}],
        "answer": {"text": "Oui.", "date": "2026-11-02"},
    }
    lines = version_fields(data, AuthorDisplay.initials, current_author="Jeanne Martin")
    shown = {line.path: line.new for line in lines}
    assert shown[("received",)] == "2026-10-30"
    assert shown[("answer", "text")] == "Oui." and shown[("answer", "date")] == "2026-11-02"
    assert shown[("author",)] == "J. M."
    assert not any(path[0] in ("draft", "personal_data_ok") for path in shown)
    # A name the item no longer carries (removed at the person's request) never resurfaces.
    removed = version_fields(data, AuthorDisplay.full, current_author=None)
    assert ("author",) not in {line.path for line in removed}


def test_dates_and_moments_are_written_out_in_the_page_language() -> None:
    fr, en = Translator("fr"), Translator("en")
    assert fr.field_value("approved", "2026-10-30") == "vendredi 30 octobre 2026"
    assert en.field_value("approved", "2026-10-30") == "Friday, October 30, 2026"
    assert fr.field_value("received", "2026-10-30T14:05:00+01:00").endswith("14\u00a0h\u00a005")
    assert fr.field_value("reference", "2026-13-45") == "2026-13-45"
    assert fr.field_value("status", "held") == "Tenue"


def test_prose_is_compared_as_it_reads_not_as_its_markdown() -> None:
    table = "## Décisions\n\n| Projet | Pour |\n|---|---|\n| Éclairage | {} |\n\n"
    old = table.format(12) + "Le **tracé** est validé.\n"
    new = table.format(14) + "Le **tracé** est validé.\n"
    read = "Décisions\n\nProjet · Pour\nÉclairage · 12\n\nLe tracé est validé."
    assert readable_text(old) == read
    comparison = Comparison(({}, old), ({}, new), AuthorDisplay.full, None)
    shown = "".join(segment.text for segment in comparison.body)
    assert "|" not in shown and "##" not in shown and "**" not in shown
    assert _kinds(comparison.body, SegmentKind.delete) == "12"
    assert _kinds(comparison.body, SegmentKind.insert) == "14"
    assert not comparison.formatting_only


def test_a_change_of_formatting_alone_is_said_as_such() -> None:
    comparison = Comparison(
        ({}, "Le tracé est validé.\n"), ({}, "Le *tracé* est validé.\n"), AuthorDisplay.full, None
    )
    assert all(segment.kind is SegmentKind.equal for segment in comparison.body)
    assert comparison.formatting_only


def test_an_edited_field_is_compared_as_it_reads() -> None:
    line = FieldLine(
        ("participate",),
        FieldChangeKind.changed,
        "Écrivez à [la mission](mailto:tram@example.org) avant le **30 novembre**.",
        "Écrivez à [la mission](mailto:tram@example.org) avant le **15 décembre**.",
    )
    shown = "".join(segment.text for segment in line.words)
    assert "**" not in shown and "mailto" not in shown and "](" not in shown
    assert _kinds(line.words, SegmentKind.delete) == "30 novembre"
    assert _kinds(line.words, SegmentKind.insert) == "15 décembre"


def test_fields_are_named_as_their_item_page_labels_them() -> None:
    fr, en = Translator("fr"), Translator("en")
    assert fr.field_name(("published",), "minutes") == "Publié le"
    assert en.field_name(("received",), "contribution") == "Received on"
    assert en.field_name(("meeting",), "contribution") == "Made at"
    assert en.field_name(("meeting",), "minutes") == "Meeting"
    # Nested and unlabelled fields keep the history's names, capitalised as labels.
    assert fr.field_name(("answer", "date")) == "Réponse › date"
    assert en.field_name(("charter",), "process") == "Charter"
