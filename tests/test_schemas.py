"""The JSON Schemas published for editors stay in step with the models and the examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from greffier.export.schemas import (
    LIST_FILES,
    json_schemas,
    schema_filename,
    schema_text,
    write_schemas,
)
from greffier.formats.frontmatter import split_front_matter
from greffier.formats.yaml_lines import parse_yaml
from greffier.models import FILE_MODELS

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "processes"
FIXTURES = Path(__file__).parent / "fixtures" / "validation" / "processes"
SCHEMAS = json_schemas()


def _entry_schema(name: str) -> dict[str, Any]:
    schema = SCHEMAS[name]
    if name in LIST_FILES:
        return schema["$defs"][FILE_MODELS[name].__name__]
    return schema


@pytest.mark.parametrize("name", sorted(FILE_MODELS))
def test_every_model_field_is_in_its_schema(name: str) -> None:
    model = FILE_MODELS[name]
    schema = _entry_schema(name)
    assert set(schema["properties"]) == set(model.model_fields)
    required = {field for field, info in model.model_fields.items() if info.is_required()}
    assert set(schema.get("required", [])) == required
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("name", sorted(FILE_MODELS))
def test_nested_models_are_strict_too(name: str) -> None:
    for definition in SCHEMAS[name].get("$defs", {}).values():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False, definition["title"]


@pytest.mark.parametrize("name", sorted(FILE_MODELS))
def test_schemas_are_valid_json_schema(name: str) -> None:
    Draft202012Validator.check_schema(SCHEMAS[name])
    assert SCHEMAS[name]["$id"] == f"{name}.schema.json"


def test_list_files_are_arrays_of_entries() -> None:
    assert {"documents", "commitments", "redactions"} == LIST_FILES
    for name in LIST_FILES:
        assert SCHEMAS[name]["type"] == "array"


def test_absolute_ids_with_a_site_url() -> None:
    schemas = json_schemas("https://concertation.example.org/")
    assert schemas["meeting"]["$id"] == (
        "https://concertation.example.org/schemas/meeting.schema.json"
    )


def test_write_schemas(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{n}.schema.json" for n in FILE_MODELS)
    assert json.loads((tmp_path / "process.schema.json").read_text()) == SCHEMAS["process"]


def _content_files(processes: Path) -> list[tuple[str, Path]]:
    """(schema name, file) for every content file under a processes folder."""
    found: list[tuple[str, Path]] = []
    for folder in sorted(p for p in processes.iterdir() if p.is_dir()):
        for name, pattern in (
            ("process", "process.yml"),
            ("documents", "documents.yml"),
            ("commitments", "commitments.yml"),
            ("meeting", "meetings/*.md"),
            ("minutes", "minutes/*.md"),
            ("contribution", "contributions/*.md"),
        ):
            found.extend((name, path) for path in sorted(folder.glob(pattern)))
    return found


def _data(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = split_front_matter(text).yaml
    return parse_yaml(text).data


def _example_files() -> list[tuple[str, Path]]:
    files = _content_files(FIXTURES)
    if EXAMPLES.is_dir():
        files += _content_files(EXAMPLES)
    return files


@pytest.mark.parametrize(
    ("name", "path"), _example_files(), ids=lambda value: getattr(value, "name", value)
)
def test_example_files_validate_against_the_schemas(name: str, path: Path) -> None:
    validator = Draft202012Validator(SCHEMAS[name], format_checker=FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_data(path))]
    assert errors == []


@pytest.mark.parametrize(
    "change",
    [{"start": "12/03/2026"}, {"titel": "Réunion"}, {"format": "visio"}, {"agenda": "Accueil"}],
)
def test_the_schema_rejects_what_the_loader_rejects(change: dict[str, str]) -> None:
    validator = Draft202012Validator(SCHEMAS["meeting"], format_checker=FormatChecker())
    meeting = {"title": "Réunion", "start": "2026-03-12T18:30:00"}
    assert validator.is_valid(meeting)
    assert not validator.is_valid({**meeting, **change})


def test_committed_schemas_match_the_models() -> None:
    # Editors read docs/schemas/ through the `$schema` line of every example file: a model
    # change must come with refreshed copies (`python -m greffier.export.schemas docs/schemas`).
    committed = Path(__file__).parent.parent / "docs" / "schemas"
    for name, schema in json_schemas().items():
        path = committed / schema_filename(name)
        assert path.read_text(encoding="utf-8") == schema_text(schema), f"{path} is stale"
