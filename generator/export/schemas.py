"""JSON Schemas of the files an organiser writes, generated from the models.

Editors use them through a `# yaml-language-server: $schema=<url>` line; the site publishes them
at `/schemas/<name>.schema.json`. Generating them from `FILE_MODELS` keeps them in step with
what the loader accepts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..models import FILE_MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

FILES: dict[str, str] = {
    "process": "processes/<slug>/process.yml",
    "meeting": "front matter of processes/<slug>/meetings/<id>.md",
    "minutes": "front matter of processes/<slug>/minutes/<id>.md",
    "documents": "processes/<slug>/documents.yml",
    "contribution": "front matter of processes/<slug>/contributions/<id>.md",
    "commitments": "processes/<slug>/commitments.yml",
    "redactions": "processes/<slug>/redactions.yml",
}
"""What each schema describes, by schema name."""

LIST_FILES = frozenset({"documents", "commitments", "redactions"})
"""Files whose top level is a list of entries rather than one mapping."""

LOCAL_DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
"""A date-time whose offset may be left out: the loader then reads it in the process's time
zone, which JSON Schema's `date-time` format (offset required) would wrongly refuse."""


def schema_filename(name: str) -> str:
    return f"{name}.schema.json"


def json_schemas(base_url: str | None = None) -> dict[str, dict[str, Any]]:
    """Schema name -> JSON Schema (2020-12) of that file kind.

    `base_url` (the site URL, ending with '/') makes each `$id` absolute; without it the `$id` is
    the file name, resolved against wherever the schema is read from.
    """
    schemas: dict[str, dict[str, Any]] = {}
    for name, model in FILE_MODELS.items():
        entry = _local_datetimes(model.model_json_schema())
        if name in LIST_FILES:
            definitions = entry.pop("$defs", {})
            definitions[model.__name__] = entry
            body: dict[str, Any] = {
                "type": "array",
                "items": {"$ref": f"#/$defs/{model.__name__}"},
                "$defs": definitions,
            }
        else:
            body = entry
        prefix = f"{base_url}schemas/" if base_url else ""
        schemas[name] = {
            "$schema": SCHEMA_DIALECT,
            "$id": prefix + schema_filename(name),
            **body,
            "title": f"Greffier {name}",
            "description": f"Greffier: {FILES[name]}.",
        }
    return schemas


def _local_datetimes(schema: Any) -> Any:
    if isinstance(schema, dict):
        if schema.get("format") == "date-time":
            rest = {key: value for key, value in schema.items() if key != "format"}
            return {**rest, "pattern": LOCAL_DATETIME_PATTERN}
        return {key: _local_datetimes(value) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_local_datetimes(item) for item in schema]
    return schema


def schema_text(schema: dict[str, Any]) -> str:
    """The published form of a schema: one layout, so committed copies compare byte for byte."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path, base_url: str | None = None) -> list[Path]:
    """Write every schema as `<out_dir>/<name>.schema.json`; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas(base_url).items():
        path = out_dir / schema_filename(name)
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    # `python -m greffier.export.schemas docs/schemas` refreshes the copies editors read.
    import sys

    for written_path in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/schemas")):
        print(written_path)
