"""`greffier import csv`: any form export, read through a column mapping written in YAML.

```yaml
prefix: formulaire            # ids are formulaire-<id>; default: the CSV file's name
platform: Formulaire de la mairie   # source.platform; default: the same as prefix
date_format: "%d/%m/%Y %H:%M" # optional: ISO 8601 and common French forms are tried otherwise
fields:
  id: Numéro                  # a column name ...
  received: Date
  channel: {value: online}    # ... or a fixed value
  body: Votre contribution
```

The mapped fields (except id, title, body and themes) are the importer-owned fields: a re-import
rewrites them; everything else in the front matter stays the organiser's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from generator.diagnostics import Diagnostics, SourceLocation, ValidationFailed
from generator.formats.slug import slugify
from generator.i18n.wording import Wording
from generator.importers.common import (
    FileKind,
    ImportReport,
    Item,
    Skip,
    Target,
    contributions,
    public_author,
    write_items,
)
from generator.importers.decidim import parse_time, representable
from generator.importers.markup import to_markdown
from generator.importers.sources import read_file, refuse, require_file
from generator.importers.table import Row, Table, Unusable, read_table
from generator.models import Channel, ContributionKind

SOURCE = "csv"
REQUIRED = ("id", "received", "channel", "body")
FIELDS = (
    *REQUIRED,
    "title",
    "author",
    "organisation",
    "kind",
    "themes",
    "reference",
    "meeting",
)
OWNABLE = ("received", "reference", "channel", "author", "organisation", "kind", "meeting")
"""Front-matter fields a mapping may fill, in the order they are written."""
_SETTINGS = ("prefix", "platform", "date_format", "fields")
_DAY_FIRST = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d/%m/%y")
_ENUMS: dict[str, tuple[str, ...]] = {
    "channel": tuple(channel.value for channel in Channel),
    "kind": tuple(kind.value for kind in ContributionKind),
}


@dataclass(frozen=True)
class Field:
    column: str | None = None
    value: str | None = None

    def read(self, row: Row) -> str:
        return (row.cells.get(self.column, "") if self.column else self.value or "").strip()


@dataclass(frozen=True)
class Mapping:
    prefix: str
    platform: str
    date_format: str | None
    fields: dict[str, Field]


def read_mapping(path: Path, table: Table, default_prefix: str, say: Wording) -> Mapping:
    """The mapping, checked against the CSV's header; every mistake as `path:line: error:`."""
    diagnostics = Diagnostics()
    shown = path.as_posix()

    def error(line: int, message: str, hint: str | None = None, **values: object) -> None:
        diagnostics.error(SourceLocation(shown, line), say(message, **values), hint)

    try:
        data = YAML().load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as problem:
        line = getattr(getattr(problem, "problem_mark", None), "line", 0) + 1
        error(line, "import.csv.unreadable", reason=str(problem).splitlines()[0])
        raise ValidationFailed(diagnostics, say) from problem
    if not isinstance(data, CommentedMap) or not isinstance(data.get("fields"), CommentedMap):
        error(1, "import.csv.no_fields")
        raise ValidationFailed(diagnostics, say)
    for key in data:
        if key not in _SETTINGS:
            error(
                _line(data, key), "import.csv.unknown_setting", key=key, known=", ".join(_SETTINGS)
            )
    fields: dict[str, Field] = {}
    spec_map: CommentedMap = data["fields"]
    for name, spec in spec_map.items():
        line = _line(spec_map, name)
        if name not in FIELDS:
            error(line, "import.csv.unknown_field", field=name, known=", ".join(FIELDS))
            continue
        found = _field(spec, table.header)
        if found is None:
            error(line, "import.csv.bad_spec", field=name)
        elif found.column is not None and found.column not in table.header:
            error(
                line,
                "import.csv.no_column",
                say("import.csv.no_column.hint", field=name, value=found.column),
                column=found.column,
                columns=", ".join(table.header),
            )
        elif found.value is not None and found.value not in _ENUMS.get(name, (found.value,)):
            error(line, "import.csv.bad_value", value=found.value, known=", ".join(_ENUMS[name]))
        else:
            fields[name] = found
    for name in REQUIRED:
        if name not in spec_map:
            error(_line(data, "fields"), "import.csv.missing_field", field=name)
    prefix = str(data.get("prefix") or default_prefix)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", prefix):
        error(_line(data, "prefix"), "import.csv.bad_prefix", prefix=prefix)
    if diagnostics.errors:
        raise ValidationFailed(diagnostics, say)
    date_format = data.get("date_format")
    return Mapping(
        prefix=prefix,
        platform=str(data.get("platform") or prefix),
        date_format=str(date_format) if date_format else None,
        fields=fields,
    )


def _line(data: CommentedMap, key: str) -> int:
    return int(data.lc.key(key)[0]) + 1 if key in data else int(data.lc.line) + 1


def _field(spec: Any, header: tuple[str, ...]) -> Field | None:
    """A field's spec in the mapping, with its column as the header spells it."""
    if isinstance(spec, str) and spec.strip():
        return Field(column=_column(spec.strip(), header))
    if isinstance(spec, CommentedMap) and len(spec) == 1:
        key, value = next(iter(spec.items()))
        if key in ("column", "value") and isinstance(value, (str, int)) and str(value).strip():
            if key == "column":
                return Field(column=_column(str(value).strip(), header))
            return Field(value=str(value).strip())
    return None


def _column(name: str, header: tuple[str, ...]) -> str:
    """The header's column `name`; spreadsheets vary case and spacing, so a column that only
    differs by them is taken when no column has exactly that name."""
    if name in header:
        return name
    key = _column_key(name)
    return next((column for column in header if _column_key(column) == key), name)


def _column_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def import_csv(
    path: Path,
    mapping_file: Path,
    target: Target,
    say: Wording,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> ImportReport:
    data = read_file(path, say)
    try:
        table = read_table(data, encoding=encoding, delimiter=delimiter)
    except (LookupError, UnicodeDecodeError) as error:
        raise refuse(path, say, "import.csv.encoding", encoding=encoding) from error
    except Unusable as error:
        raise refuse(path, say, error.key, **error.values) from error
    require_file(mapping_file, say)
    mapping = read_mapping(mapping_file, table, slugify(path.stem) or SOURCE, say)
    report = ImportReport()
    report.skipped += [
        Skip(say("import.csv.row", number=bad.number, line=bad.line), say(bad.reason, **bad.values))
        for bad in table.unreadable
    ]
    kind = contributions([name for name in OWNABLE if name in mapping.fields] + ["source"])
    items: list[Item] = []
    for row in table.rows:
        item = _item(row, mapping, kind, target, say)
        if isinstance(item, Skip):
            report.skipped.append(item)
        else:
            items.append(item)
    bodies = to_markdown([item.body for item in items], say)
    write_items(
        target,
        [replace(item, body=body) for item, body in zip(items, bodies, strict=True)],
        source=f"{SOURCE}:{mapping.prefix}",
        report=report,
        say=say,
    )
    return report


def _item(row: Row, mapping: Mapping, kind: FileKind, target: Target, say: Wording) -> Item | Skip:
    what = say("import.csv.row", number=row.number, line=row.line)
    values = {name: spec.read(row) for name, spec in mapping.fields.items()}
    for name in REQUIRED:
        if not values.get(name):
            return Skip(what, say("import.csv.empty", field=name))
    received = parse_received(values["received"], mapping.date_format)
    if received is None:
        return Skip(what, say("import.bad_date", value=values["received"]))
    for name, known in _ENUMS.items():
        if values.get(name) and values[name] not in known:
            return Skip(
                what, say("import.csv.bad_value", value=values[name], known=", ".join(known))
            )
    if isinstance(received, dt.datetime) and received.tzinfo is None:
        # A form's local time is the process's: written with its offset, never ambiguous.
        received = received.replace(tzinfo=ZoneInfo(target.data.timezone))
    if not representable(received):
        return Skip(what, say("import.bad_date", value=values["received"]))
    fields: dict[str, Any] = {"received": received}
    for name in OWNABLE[1:]:
        if values.get(name):
            fields[name] = values[name]
    author = public_author(fields.pop("author", None), target.data.author_display)
    if author:
        fields["author"] = author
    fields = {name: fields[name] for name in OWNABLE if name in fields}
    fields["source"] = {"platform": mapping.platform, "id": values["id"]}
    themes = tuple(t for t in re.split(r"[;,\n]", values.get("themes", "")) if t.strip())
    return Item(
        id=f"{mapping.prefix}-{slugify(values['id'])}",
        kind=kind,
        fields=fields,
        body=values["body"],
        title=values.get("title") or None,
        themes=themes,
    )


def parse_received(text: str, date_format: str | None) -> dt.datetime | dt.date | None:
    """A date or date-time: the mapping's format, else ISO 8601 or day-first French forms."""
    text = " ".join(text.split())
    formats = (date_format,) if date_format else _DAY_FIRST
    for pattern in formats:
        try:
            parsed = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        has_time = any(code in pattern for code in ("%H", "%M", "%I"))
        return parsed if has_time else parsed.date()
    if date_format:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return parse_time(text)
