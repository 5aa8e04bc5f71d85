"""The column mapping of `greffier import csv`, read from YAML and checked against the CSV.

```yaml
prefix: formulaire            # ids are formulaire-<id>; default: the CSV file's name
platform: Formulaire de la mairie   # source.platform; default: the same as prefix
date_format: "%d/%m/%Y %H:%M" # optional: see `dates.parse_received` for what is read without
timezone: Europe/Paris        # zone of times written without one; default: the process's
organisations: [Gouvernement] # authors who are organisations: written in full
fields:
  id: Numéro                  # a column name ...
  received: Date
  channel: {value: online}    # ... or a fixed value
  body: Votre contribution
  moderation: {column: Statut, hidden: [Refusé], reason: Hors charte}
```

Every mistake is reported as `path:line: error:`, and nothing is imported while one remains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from ..diagnostics import Diagnostics, SourceLocation, ValidationFailed
from ..formats.slug import slugify
from ..i18n.wording import Wording
from ..models import Channel, ContributionKind
from .common import title_key
from .dates import known_zones
from .table import Row, Table

REQUIRED = ("id", "received", "channel", "body")
OWNABLE = ("received", "reference", "channel", "author", "organisation", "kind", "meeting")
"""Front-matter fields a mapping may fill, in the order they are written."""
FIELDS = (
    *REQUIRED,
    "title",
    "author",
    "organisation",
    "kind",
    "themes",
    "reference",
    "meeting",
    "parent",
    "moderation",
)
_SETTINGS = ("prefix", "platform", "date_format", "timezone", "organisations", "fields")
_MODERATION = {"column", "hidden", "reason"}
ENUMS: dict[str, tuple[str, ...]] = {
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
class Moderation(Field):
    """A column whose listed values mean the platform hid the text."""

    hidden: frozenset[str] = frozenset()
    """The values that mean hidden, as `_column_key` gives them."""
    reason: str = ""

    def hides(self, row: Row) -> bool:
        return _column_key(self.read(row)) in self.hidden


@dataclass(frozen=True)
class Mapping:
    prefix: str
    platform: str
    date_format: str | None
    zone: ZoneInfo
    """The zone of times written without one."""
    organisations: frozenset[str]
    """Authors known to be organisations, as `title_key` gives them."""
    fields: dict[str, Field]
    moderation: Moderation | None = None

    def is_organisation(self, name: str) -> bool:
        return title_key(name) in self.organisations

    def item_id(self, source_id: str) -> str:
        return f"{self.prefix}-{slugify(source_id)}"

    def owned(self) -> tuple[str, ...]:
        """The fields an import writes, in order: those mapped (`organisation` too when known
        organisations may fill it), then the parent a reply answers and the source."""
        filled = {*self.fields, *(("organisation",) if self.organisations else ())}
        replies = ("parent",) if "parent" in self.fields else ()
        return (*(name for name in OWNABLE if name in filled), *replies, "source")


def read_mapping(
    path: Path, table: Table, default_prefix: str, default_zone: str, say: Wording
) -> Mapping:
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
    prefix = str(data.get("prefix") or default_prefix)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", prefix):
        error(_line(data, "prefix"), "import.csv.bad_prefix", prefix=prefix)
    platform = str(data.get("platform") or prefix)
    fields: dict[str, Field] = {}
    spec_map: CommentedMap = data["fields"]
    for name, spec in spec_map.items():
        line = _line(spec_map, name)
        if name not in FIELDS:
            error(line, "import.csv.unknown_field", field=name, known=", ".join(FIELDS))
            continue
        moderated = name == "moderation"
        found: Field | None
        if moderated:
            reason = say("import.csv.moderated", platform=platform)
            found = _moderation(spec, table.header, reason)
        else:
            found = _field(spec, table.header)
        if found is None:
            key = "import.csv.bad_moderation" if moderated else "import.csv.bad_spec"
            error(line, key, field=name)
        elif found.column is not None and found.column not in table.header:
            error(
                line,
                "import.csv.no_column",
                _fixed_value_hint(name, found.column, say),
                column=found.column,
                columns=", ".join(table.header),
            )
        elif found.value is not None and found.value not in ENUMS.get(name, (found.value,)):
            error(line, "import.csv.bad_value", value=found.value, known=", ".join(ENUMS[name]))
        else:
            fields[name] = found
    for name in REQUIRED:
        if name not in spec_map:
            error(_line(data, "fields"), "import.csv.missing_field", field=name)
    zone = str(data.get("timezone") or default_zone)
    if zone not in known_zones():
        error(_line(data, "timezone"), "import.csv.bad_timezone", zone=zone)
    organisations = _names(data.get("organisations") or [])
    if organisations is None:
        error(_line(data, "organisations"), "import.csv.bad_organisations")
    if diagnostics.errors:
        raise ValidationFailed(diagnostics, say)
    date_format = data.get("date_format")
    moderation = fields.pop("moderation", None)
    return Mapping(
        prefix=prefix,
        platform=platform,
        date_format=str(date_format) if date_format else None,
        zone=ZoneInfo(zone),
        organisations=frozenset(title_key(name) for name in organisations or ()) - {""},
        fields=fields,
        moderation=moderation if isinstance(moderation, Moderation) else None,
    )


def _names(value: Any) -> list[str] | None:
    """A list of names, or None when `value` is not one."""
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        return None
    return [str(name) for name in value]


def _fixed_value_hint(name: str, column: str, say: Wording) -> str | None:
    """A column name that is no column may have been meant as a fixed value."""
    if name == "moderation":
        return None
    return say("import.csv.no_column.hint", field=name, value=column)


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


def _moderation(spec: Any, header: tuple[str, ...], default_reason: str) -> Moderation | None:
    """`{column: …, hidden: [values…], reason: …}`, the reason optional."""
    if not isinstance(spec, CommentedMap) or not {"column", "hidden"} <= set(spec) <= _MODERATION:
        return None
    column, hidden, reason = spec["column"], spec["hidden"], spec.get("reason", default_reason)
    values = hidden if isinstance(hidden, list) else [hidden]
    scalars = [str(value) for value in values if isinstance(value, str | int | float)]
    if not isinstance(column, str) or not column.strip() or not str(reason or "").strip():
        return None
    if not scalars or len(scalars) != len(values):
        return None
    return Moderation(
        column=_column(column.strip(), header),
        hidden=frozenset(_column_key(value) for value in scalars),
        reason=str(reason).strip(),
    )


def _column(name: str, header: tuple[str, ...]) -> str:
    """The header's column `name`; spreadsheets vary case and spacing, so a column that only
    differs by them is taken when no column has exactly that name."""
    if name in header:
        return name
    key = _column_key(name)
    return next((column for column in header if _column_key(column) == key), name)


def _column_key(name: str) -> str:
    return " ".join(name.split()).casefold()
