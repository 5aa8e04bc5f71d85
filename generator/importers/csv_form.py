"""`greffier import csv`: any form export, read through a column mapping written in YAML
(`csv_mapping` describes it).

The mapped fields but id, title, body, themes and moderation are the importer-owned fields: a
re-import rewrites them; everything else in the front matter stays the organiser's. A moderation
the platform records is written once, like Decidim's answers: from then on it is the
organiser's to keep or lift.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..formats.slug import slugify
from ..i18n.wording import Wording
from ..models import ModerationStatus
from .common import (
    FileKind,
    ImportReport,
    Item,
    Skip,
    Target,
    contributions,
    public_author,
    write_items,
)
from .csv_mapping import ENUMS, OWNABLE, REQUIRED, Mapping, read_mapping
from .dates import parse_received, representable
from .markup import to_markdown
from .sources import read_file, refuse, require_file
from .table import Row, Unusable, read_table

SOURCE = "csv"


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
    default_prefix = slugify(path.stem) or SOURCE
    mapping = read_mapping(mapping_file, table, default_prefix, target.data.timezone, say)
    report = ImportReport()
    report.skipped += [
        Skip(say("import.csv.row", number=bad.number, line=bad.line), say(bad.reason, **bad.values))
        for bad in table.unreadable
    ]
    kind = contributions(mapping.owned())
    items: list[Item] = []
    undated = 0
    for row in table.rows:
        item = _item(row, mapping, kind, target, say)
        if isinstance(item, Skip):
            report.skipped.append(item)
            undated += isinstance(item, _Undated)
        else:
            items.append(item)
    if table.rows and undated == len(table.rows):
        report.hint = say("import.csv.no_date_read")
    bodies = to_markdown([item.body for item in items], say)
    items = [replace(item, body=body) for item, body in zip(items, bodies, strict=True)]
    write_items(
        target,
        _parents_first(items),
        source=f"{SOURCE}:{mapping.prefix}",
        report=report,
        say=say,
    )
    return report


class _Undated(Skip):
    """A row skipped for its date: when every row is, the date format is the likely cause."""


def _item(row: Row, mapping: Mapping, kind: FileKind, target: Target, say: Wording) -> Item | Skip:
    what = say("import.csv.row", number=row.number, line=row.line)
    values = {name: spec.read(row) for name, spec in mapping.fields.items()}
    for name in REQUIRED:
        if not values.get(name):
            return Skip(what, say("import.csv.empty", field=name))
    received = parse_received(values["received"], mapping.date_format, mapping.zone)
    if received is None or not representable(received):
        return _Undated(what, say("import.bad_date", value=values["received"]))
    for name, known in ENUMS.items():
        if values.get(name) and values[name] not in known:
            return Skip(
                what, say("import.csv.bad_value", value=values[name], known=", ".join(known))
            )
    author = values.get("author", "")
    if mapping.is_organisation(author):
        # An organisation written where a person's name goes: `author_display` would shorten
        # "Gouvernement" to "G.".
        values["organisation"] = values.get("organisation") or author
        values["author"] = ""
    fields: dict[str, Any] = {"received": received}
    for name in OWNABLE[1:]:
        if values.get(name):
            fields[name] = values[name]
    shown = public_author(fields.pop("author", None), target.data.author_display)
    if shown:
        fields["author"] = shown
    fields = {name: fields[name] for name in OWNABLE if name in fields}
    fields["source"] = {"platform": mapping.platform, "id": values["id"]}
    added: dict[str, Any] = {}
    if mapping.moderation and mapping.moderation.hides(row):
        added["moderation"] = {
            "status": ModerationStatus.hidden.value,
            "reason": mapping.moderation.reason,
        }
    themes = tuple(t for t in re.split(r"[;,\n]", values.get("themes", "")) if t.strip())
    return Item(
        id=mapping.item_id(values["id"]),
        kind=kind,
        fields=fields,
        body=values["body"],
        title=values.get("title") or None,
        themes=themes,
        added=added,
        parent=mapping.item_id(values["parent"]) if values.get("parent") else None,
    )


def _parents_first(items: Sequence[Item]) -> list[Item]:
    """The items in an order where every reply follows what it answers, since a reply is only
    written once its parent is; otherwise in the file's order. Replies in a loop, which no
    order can satisfy, come last."""
    ids = {item.id for item in items}
    replies: dict[str | None, list[Item]] = {}
    for item in items:
        replies.setdefault(item.parent if item.parent in ids else None, []).append(item)
    ordered: list[Item] = []
    waiting = list(replies.pop(None, []))
    while waiting:
        ordered += waiting
        waiting = [reply for item in waiting for reply in replies.pop(item.id, [])]
    return ordered + [item for thread in replies.values() for item in thread]
