"""Old versions of files read back alike by history pages, traces and redactions."""

from __future__ import annotations

from greffier.formats.versions import parse_version


def test_markdown_front_matter_and_body() -> None:
    version = parse_version("---\ntitle: T\n---\n\nCorps\n", markdown=True)
    assert (version.data, version.body, version.readable) == ({"title": "T"}, "Corps\n", True)


def test_markdown_without_front_matter_is_all_body() -> None:
    for text in ("Corps\n", "---\ntitle: jamais fermé\n"):
        version = parse_version(text, markdown=True)
        assert (version.data, version.body, version.readable) == ({}, text, True)


def test_no_text_is_readable_and_empty() -> None:
    for markdown in (True, False):
        version = parse_version(None, markdown=markdown)
        assert (version.fields, version.body, version.mapping) == ({}, None, {})


def test_an_empty_document_is_not_an_unreadable_one() -> None:
    empty = parse_version("", markdown=False)
    broken = parse_version("a: [\n", markdown=False)
    assert (empty.readable, empty.fields) == (True, {})
    assert (broken.readable, broken.fields, broken.mapping) == (False, None, {})


def test_unreadable_front_matter_keeps_its_body() -> None:
    version = parse_version("---\na: [\n---\nCorps", markdown=True)
    assert (version.readable, version.body) == (False, "Corps")


def test_strict_reads_as_the_loader_does() -> None:
    twice = "draft: false\ndraft: true\n"
    assert parse_version(twice, markdown=False).mapping == {"draft": True}
    assert not parse_version(twice, markdown=False, strict=True).readable


def test_beyond_the_bounds_is_unreadable_in_both_readings() -> None:
    deep = "a: " + "[" * 500 + "]" * 500 + "\n"
    assert not parse_version(deep, markdown=False).readable
    assert not parse_version(deep, markdown=False, strict=True).readable


def test_lists_of_entries_are_fields_keyed_by_id() -> None:
    version = parse_version("- id: a\n- file: f.pdf\n- 3\n", markdown=False)
    assert version.fields == {"a": {"id": "a"}, "f.pdf": {"file": "f.pdf"}, "3": 3}
    assert version.mapping == {}
