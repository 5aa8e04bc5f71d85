"""The load layer's parts, and the bundled example processes loading without a single problem."""

from __future__ import annotations

import datetime as dt
import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from greffier.formats.frontmatter import (
    FrontMatterMissing,
    FrontMatterUnclosed,
    split_front_matter,
)
from greffier.formats.yaml_lines import YamlSyntaxError, parse_yaml
from greffier.i18n.catalogue import LANGUAGES, Catalogue, placeholders
from greffier.i18n.wording import Wording
from greffier.load import load_corpus
from greffier.load.finder import guess_encoding, inside_folder
from greffier.load.messages import _models_in, problems
from greffier.models import FILE_MODELS, Corpus

REPO = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- YAML with lines


def test_every_key_and_item_has_its_line() -> None:
    parsed = parse_yaml("title: T\nthemes:\n  - id: a\n    title: A\n  - id: b\n", first_line=2)
    assert parsed.lines == {
        ("title",): 2,
        ("themes",): 3,
        ("themes", 0): 4,
        ("themes", 0, "id"): 4,
        ("themes", 0, "title"): 5,
        ("themes", 1): 6,
        ("themes", 1, "id"): 6,
    }


def test_line_of_a_missing_key_is_its_deepest_known_parent() -> None:
    parsed = parse_yaml("a: 1\nplace:\n  name: Salle\n")
    assert parsed.line(("place", "address")) == 2
    assert parsed.line(("nothing", "here")) == 1


def test_timestamps_stay_text_and_values_are_plain() -> None:
    parsed = parse_yaml("opens: 2026-02-30\nstart: 2026-03-12T18:30:00+01:00\nn: 1.5\nok: true\n")
    assert parsed.data == {
        "opens": "2026-02-30",
        "start": "2026-03-12T18:30:00+01:00",
        "n": 1.5,
        "ok": True,
    }
    assert [type(v) for v in parsed.data.values()] == [str, str, float, bool]


def test_yaml_syntax_error_has_the_file_line() -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml("a: 1\nb: [2\nc: 3\n", first_line=2)
    assert raised.value.line == 4
    assert str(raised.value) == "invalid YAML: expected ',' or ']', but got ':'"


def test_tab_indentation_is_named() -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml("a:\n\tb: 1\n")
    assert str(raised.value) == "invalid YAML: tab character used for indentation (use spaces)"


def test_custom_tags_are_refused() -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml("a: 1\nb: !!python/object x\n")
    assert (raised.value.line, str(raised.value)) == (
        2,
        "invalid YAML: the tag '!!python/object' is not supported",
    )


def test_control_character_is_reported_at_its_line() -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml("a: 1\nb: x\x07y\n", first_line=2)
    assert (raised.value.line, str(raised.value)) == (
        3,
        "invalid YAML: the control character #x0007 is not allowed",
    )


def test_alias_bombs_are_refused() -> None:
    names = "abcdefghij"
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{n}: &{n} [{', '.join(['*' + p] * 10)}]" for p, n in pairwise(names)]
    with pytest.raises(YamlSyntaxError, match="more than 100000 values"):
        parse_yaml("\n".join(lines) + "\n")


# --------------------------------------------------------------------------- front matter


def test_front_matter_lines_start_after_the_fence() -> None:
    front = split_front_matter("---\ntitle: T\n---\n\nBody\n")
    assert (front.yaml, front.first_line, front.body) == ("title: T\n", 2, "Body\n")


@pytest.mark.parametrize(
    ("text", "error"),
    [("Just text\n", FrontMatterMissing), ("---\ntitle: T\n", FrontMatterUnclosed)],
)
def test_front_matter_errors(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        split_front_matter(text)


# --------------------------------------------------------------------------- files


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("documents/a.pdf", "documents/a.pdf"),
        ("./documents//a.pdf", "documents/a.pdf"),
        ("documents/../a.pdf", "a.pdf"),
        ("../a.pdf", None),
        ("documents/../../a.pdf", None),
        ("/etc/passwd", None),
        ("documents\\a.pdf", None),
        ("~/a.pdf", None),
    ],
)
def test_paths_must_stay_inside_the_folder(written: str, normal: str | None) -> None:
    assert inside_folder(written) == normal


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ("Été".encode("utf-16"), "UTF-16 (little-endian)"),
        ("Été".encode("utf-16-be"), "UTF-16 (without byte order mark)"),
        ("L’été".encode("cp1252"), "Windows-1252"),
        ("Été".encode("latin-1"), "Latin-1 (ISO-8859-1) or Windows-1252"),
    ],
)
def test_encoding_guesses(data: bytes, name: str) -> None:
    assert guess_encoding(data, Wording()) == name


# --------------------------------------------------------------------------- the examples


@pytest.fixture(scope="module")
def examples() -> tuple[Corpus, list[str]]:
    if not (REPO / "processes").is_dir():
        pytest.skip("no bundled processes/ yet")
    corpus, diagnostics = load_corpus(REPO, reference=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    return corpus, [str(d) for d in diagnostics]


def test_bundled_examples_load_without_problems(examples: tuple[Corpus, list[str]]) -> None:
    _, found = examples
    assert found == []


def test_bundled_examples_are_all_loaded(examples: tuple[Corpus, list[str]]) -> None:
    corpus, _ = examples
    folders = sorted(p.name for p in (REPO / "processes").iterdir() if p.is_dir())
    assert sorted(p.slug for p in corpus.processes) == folders
    for process in corpus.processes:
        for meeting in process.meetings:
            assert meeting.data.start.tzinfo is not None
        for document in process.documents:
            assert document.size is not None
            assert document.sha256 is not None and len(document.sha256) == 64


# --------------------------------------------------------------------------- wording


def test_catalogue_has_both_languages_with_the_same_placeholders() -> None:
    french, english = (Catalogue.of(language) for language in LANGUAGES)
    assert set(french) == set(english)
    for key in french:
        assert placeholders(french[key]) == placeholders(english[key]), key
        assert french[key].strip() and english[key].strip(), key


def test_counts_follow_each_language_plural_rule() -> None:
    assert [Wording("fr").count("error", n) for n in (0, 1, 2)] == [
        "0 erreur",
        "1 erreur",
        "2 erreurs",
    ]
    assert [Wording("en").count("error", n) for n in (0, 1, 2)] == [
        "0 errors",
        "1 error",
        "2 errors",
    ]


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language 'de'"):
        Wording("de")


_WRONG_VALUES = (None, 3, 1.5, -1, True, "x", "", [], {"a": 1}, "2026-02-30", "ftp://x", "a" * 200)


def test_every_error_the_models_can_produce_is_worded_in_french() -> None:
    """Each field of each file model, nested ones included, fed wrong values: no pydantic
    message, and no generic fallback, ever reaches a French organiser."""
    say = Wording("fr")
    fallback = Catalogue.of("fr")["value.refused"].split("»")[1]
    seen: set[str] = set()
    for model in FILE_MODELS.values():
        for data in _wrong_inputs(model):
            try:
                model.model_validate_json(json.dumps(data))
            except ValidationError as error:
                seen.update(e["type"] for e in error.errors())
                for problem in problems(error.errors(), data, model, say):
                    assert "Input should" not in problem.message, problem
                    assert fallback not in problem.message, (problem, error.errors())
    assert {"missing", "extra_forbidden", "enum", "url_scheme", "value_error"} <= seen


def _wrong_inputs(model: type[BaseModel]) -> list[dict[str, Any]]:
    inputs: list[dict[str, Any]] = []
    for name, field in model.model_fields.items():
        inputs += [{name: value} for value in _WRONG_VALUES]
        for nested in _models_in(field.annotation):
            for inner in nested.model_fields:
                inputs += [{name: {inner: value}} for value in _WRONG_VALUES]
                inputs += [{name: [{inner: value}]} for value in _WRONG_VALUES]
    return inputs


def test_yaml_problems_are_worded_in_french() -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml("title: T\ntitle: U\n")
    assert raised.value.describe(Wording("fr")) == (
        "YAML invalide : la clé « title » apparaît deux fois"
    )


def test_tagged_list_is_refused_not_a_crash() -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml("a: 1\nthemes: !x\n  - id: b\n")
    assert (raised.value.line, str(raised.value)) == (
        2,
        "invalid YAML: the tag '!x' is not supported",
    )
