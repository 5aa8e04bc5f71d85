"""Open data: every published process as a Frictionless Data Package, with JSON twins.

One package per process (`<slug>/donnees/`) and one for the whole site (`donnees/`), with the same
tables and the same schemas, so a reuser's script works on either: every table starts with the
`process` slug, and items are keyed by (`process`, `id`). Rows come from `ProcessView`, the view
the web pages use, so drafts, withdrawn and moderated texts and `author_display` are handled
exactly as on the site: a withdrawn or hidden contribution is a row without its text, author,
source, answer or disposition.

Bytes depend only on the corpus and the options: rows sorted by key, keys in a fixed order, LF
line endings, UTF-8, and the package's `created` is the corpus's reference date, never the clock.
In CSV files only, a text cell a spreadsheet would run as a formula gets a leading apostrophe
(OWASP, "CSV injection"); numbers typed as numbers are left alone and JSON keeps every text as is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal, NamedTuple
from zoneinfo import ZoneInfo

from .. import paths
from ..models import (
    AuthorDisplay,
    Channel,
    CommitmentStatus,
    Contribution,
    ContributionKind,
    Corpus,
    DispositionStatus,
    Document,
    Meeting,
    MeetingFormat,
    MeetingStatus,
    ProcessStatus,
)
from ..paths import page_url
from ..present.parallel import parallel_in_order
from ..present.readmodel import ProcessView, published
from .urls import online_url

ColumnType = Literal["string", "date", "datetime", "integer", "boolean"]
Value = str | int | bool | dt.date | dt.datetime | None
Row = dict[str, Value]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection)."""

DATAPACKAGE = "datapackage.json"


class ContributionState(StrEnum):
    """Whether a contribution's text is published, as its page says."""

    published = "published"
    withdrawn = "withdrawn"
    hidden = "hidden"


SITE_PACKAGE_NAME = "greffier-processes"


@dataclass(frozen=True)
class Column:
    name: str
    kind: ColumnType
    description: str
    required: bool = False
    values: type[StrEnum] | None = None
    """The vocabulary of an enumerated column, published as an `enum` constraint."""


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    target: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()


class DataFile(NamedTuple):
    src_uri: str
    size: int


class TableFiles(NamedTuple):
    """One table of a package, for the downloads page; its name keys `opendata.table.<name>`."""

    name: str
    csv: DataFile
    json: DataFile


class PackageFiles(NamedTuple):
    """A package as the downloads page lists it: its descriptor, then each table's files."""

    descriptor: DataFile
    tables: list[TableFiles]


def _key(*columns: str) -> tuple[str, ...]:
    return ("process", *columns)


_PROCESS = Column("process", "string", "Slug of the process (its folder name).", required=True)
_ID = Column("id", "string", "Identifier, unique within the process.", required=True)
_URL = Column(
    "url", "string", "Address of the item's page (relative to the site when it has no URL)."
)
_OF_PROCESS = ForeignKey(("process",), "processes", ("process",))

TABLES: tuple[Table, ...] = (
    Table(
        "processes",
        "Processes",
        "Each participatory process: what it is, who runs it, when, and under which licence.",
        (
            _PROCESS,
            Column("title", "string", "Title.", required=True),
            Column("summary", "string", "One or two sentences in plain language.", True),
            Column("organiser", "string", "The body responsible for the process.", True),
            Column("kind", "string", "e.g. concertation-prealable, consultation."),
            Column("status", "string", "Status on the reference date.", True, ProcessStatus),
            Column("opens", "date", "Date participation opens.", required=True),
            Column("closes", "date", "Date participation closes."),
            Column("answer_due", "date", "Date by which answers are owed."),
            Column("territory", "string", "Territory concerned."),
            Column("legal_basis", "string", "Legal basis."),
            Column("guarantors", "string", "Guarantors, separated by semicolons."),
            Column("language", "string", "Content language, e.g. fr."),
            Column("timezone", "string", "IANA time zone of the meetings.", required=True),
            Column("licence", "string", "Licence of the process's content and data, verbatim."),
            Column(
                "author_display",
                "string",
                "How private persons' names are published.",
                True,
                AuthorDisplay,
            ),
            Column("charter", "string", "Participation and moderation rules, Markdown."),
            _URL,
        ),
        _key(),
    ),
    Table(
        "themes",
        "Themes",
        "The themes contributions are filed under.",
        (_PROCESS, _ID, Column("title", "string", "Title.", required=True)),
        _key("id"),
        (_OF_PROCESS,),
    ),
    Table(
        "meetings",
        "Meetings",
        "Public meetings, workshops and walks.",
        (
            _PROCESS,
            _ID,
            Column("title", "string", "Title.", required=True),
            Column("start", "datetime", "Start, with its UTC offset.", required=True),
            Column("end", "datetime", "End, with its UTC offset."),
            Column("format", "string", "In person, online or both.", True, MeetingFormat),
            Column("status", "string", "Scheduled, held, cancelled...", True, MeetingStatus),
            Column("status_reason", "string", "Why it was cancelled or postponed."),
            Column("postponed_to", "datetime", "New start of a postponed meeting."),
            Column("place", "string", "Name of the place."),
            Column("address", "string", "Postal address of the place."),
            Column("access", "string", "Accessibility and transport notes."),
            Column("accessibility", "string", "Accessibility features, separated by semicolons."),
            Column("online", "string", "Address of the online meeting."),
            Column("registration", "string", "Registration link or instructions."),
            Column("recording", "string", "Address of the recording."),
            Column("transcript", "string", "Address of the transcript."),
            Column("description", "string", "Description, Markdown."),
            _URL,
        ),
        _key("id"),
        (_OF_PROCESS,),
    ),
    Table(
        "minutes",
        "Minutes",
        "Minutes of the meetings.",
        (
            _PROCESS,
            _ID,
            Column("meeting", "string", "Id of the meeting recorded.", required=True),
            Column("published", "date", "Date of publication."),
            Column("approved", "date", "Date of approval."),
            Column("attendees", "integer", "Number of people present."),
            Column("authors", "string", "Authors, separated by semicolons."),
            Column("text", "string", "The minutes, Markdown."),
            _URL,
        ),
        _key("id"),
        (_OF_PROCESS, ForeignKey(_key("meeting"), "meetings", _key("id"))),
    ),
    Table(
        "documents",
        "Documents",
        "Documents of the process; files are published at `url`.",
        (
            _PROCESS,
            _ID,
            Column("title", "string", "Title.", required=True),
            Column("file", "string", "Path of the file in the process folder.", required=True),
            Column("date", "date", "Date of the document."),
            Column("kind", "string", "e.g. dossier, étude, délibération."),
            Column("language", "string", "Language of the document."),
            Column("summary", "string", "Summary."),
            Column("supersedes", "string", "Id of the document this one replaces."),
            Column("bytes", "integer", "Size of the file."),
            Column("sha256", "string", "SHA-256 of the file, to check a download."),
            _URL,
        ),
        _key("id"),
        (_OF_PROCESS,),
    ),
    Table(
        "contributions",
        "Contributions",
        "Every published contribution, withdrawn and hidden ones included as rows without "
        "their text, author, source, answer or disposition.",
        (
            _PROCESS,
            _ID,
            Column("reference", "string", "Number given to the contributor.", required=True),
            Column("received", "date", "Day received, in the process's time zone.", True),
            Column("received_at", "datetime", "Moment received, when it is known."),
            Column("channel", "string", "How it reached the organiser.", True, Channel),
            Column("kind", "string", "Opinion, question, proposal...", True, ContributionKind),
            Column("state", "string", "Whether its text is shown.", True, ContributionState),
            Column("withdrawn", "date", "Date its author withdrew it."),
            Column("moderation_reason", "string", "Why the organiser hid it."),
            Column("author", "string", "Private person, as the process's author_display says."),
            Column("organisation", "string", "Organisation, shown by name."),
            Column("meeting", "string", "Id of the meeting where it was made."),
            Column("parent", "string", "Id of the contribution it replies to."),
            Column("text", "string", "The contribution, Markdown."),
            Column("disposition", "string", "What became of it.", values=DispositionStatus),
            Column("disposition_reason", "string", "Why."),
            Column("source_platform", "string", "Platform it was imported from."),
            Column("source_id", "string", "Its id on that platform."),
            Column("source_url", "string", "Its address on that platform."),
            _URL,
        ),
        _key("id"),
        (_OF_PROCESS,),
    ),
    Table(
        "contribution_themes",
        "Themes of the contributions",
        "Which contributions are filed under which theme.",
        (
            _PROCESS,
            Column("contribution", "string", "Id of the contribution.", required=True),
            Column("theme", "string", "Id of the theme.", required=True),
        ),
        _key("contribution", "theme"),
        (
            ForeignKey(_key("contribution"), "contributions", _key("id")),
            ForeignKey(_key("theme"), "themes", _key("id")),
        ),
    ),
    Table(
        "answers",
        "Answers",
        "The organiser's answer to each answered contribution.",
        (
            _PROCESS,
            Column("contribution", "string", "Id of the contribution.", required=True),
            Column("date", "date", "Date of the answer.", required=True),
            Column("by", "string", "Who answered.", required=True),
            Column("text", "string", "The answer, Markdown.", required=True),
        ),
        _key("contribution"),
        (ForeignKey(_key("contribution"), "contributions", _key("id")),),
    ),
    Table(
        "commitments",
        "Commitments",
        "What the organiser committed to do, and where it stands.",
        (
            _PROCESS,
            _ID,
            Column("title", "string", "Title.", required=True),
            Column("status", "string", "Planned, in progress, done...", True, CommitmentStatus),
            Column("due", "date", "Date it is due."),
            _URL,
        ),
        _key("id"),
        (_OF_PROCESS,),
    ),
    Table(
        "commitment_updates",
        "Commitment updates",
        "Progress reports on each commitment, in order.",
        (
            _PROCESS,
            Column("commitment", "string", "Id of the commitment.", required=True),
            Column("number", "integer", "Rank of the update, from 1.", required=True),
            Column("date", "date", "Date of the update.", required=True),
            Column("text", "string", "The update.", required=True),
        ),
        _key("commitment", "number"),
        (ForeignKey(_key("commitment"), "commitments", _key("id")),),
    ),
    Table(
        "commitment_contributions",
        "Contributions behind each commitment",
        "Which contributions each commitment answers.",
        (
            _PROCESS,
            Column("commitment", "string", "Id of the commitment.", required=True),
            Column("contribution", "string", "Id of the contribution.", required=True),
        ),
        _key("commitment", "contribution"),
        (
            ForeignKey(_key("commitment"), "commitments", _key("id")),
            ForeignKey(_key("contribution"), "contributions", _key("id")),
        ),
    ),
)
"""The tables of every package. References that may be empty (a contribution's meeting and
parent, a document's `supersedes`) are ids within the same process, not declared foreign keys:
a Table Schema checks a composite key only when all its cells are empty."""

_CONTRIBUTIONS = next(table for table in TABLES if table.name == "contributions")


# --------------------------------------------------------------------------- rows


def _text(value: str | None) -> str | None:
    """Text as published: LF line endings, no surrounding blank lines, None when empty."""
    if value is None:
        return None
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value or None


def _listed(values: Iterable[object]) -> str | None:
    return "; ".join(str(v) for v in values) or None


def _url(value: object | None) -> str | None:
    return None if value is None else str(value)


def _id(item: Meeting | Contribution | Document | None) -> str | None:
    """The id of a referenced item, if it is published (a draft or missing one is no link)."""
    return None if item is None else item.id


def _aware(moment: dt.datetime, zone: str) -> dt.datetime:
    # A moment written without offset is local time in the process's zone, as the pages show it.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=ZoneInfo(zone))


def _state(contribution: Contribution) -> ContributionState:
    if contribution.data.withdrawn is not None:
        return ContributionState.withdrawn
    if contribution.data.moderation is not None:
        return ContributionState.hidden
    return ContributionState.published


class _Rows:
    """The rows of one process's tables, by table name."""

    def __init__(self, view: ProcessView, url: Callable[[str], str]) -> None:
        self.view = view
        self.url = url
        self.slug = view.slug
        self.zone = view.data.timezone

    def tables(self) -> dict[str, list[Row]]:
        return {
            "processes": [self.process()],
            "themes": [
                {"process": self.slug, "id": t.id, "title": t.title} for t in self.view.data.themes
            ],
            "meetings": self.meetings(),
            "minutes": self.minutes(),
            "documents": self.documents(),
            "contributions": [self.contribution(c) for c in self.view.contributions],
            "contribution_themes": self.contribution_themes(),
            "answers": self.answers(),
            "commitments": [
                {
                    "process": self.slug,
                    "id": c.id,
                    "title": c.title,
                    "status": c.status.value,
                    "due": c.due,
                    "url": self.url(paths.outcome(self.slug)) + f"#{c.id}",
                }
                for c in self.view.commitments
            ],
            "commitment_updates": [
                {
                    "process": self.slug,
                    "commitment": c.id,
                    "number": number,
                    "date": update.date,
                    "text": _text(update.text),
                }
                for c in self.view.commitments
                for number, update in enumerate(c.updates, start=1)
            ],
            "commitment_contributions": [
                {"process": self.slug, "commitment": c.id, "contribution": cited.id}
                for c in self.view.commitments
                for cited in self.view.cited(c)
            ],
        }

    def process(self) -> Row:
        p = self.view.data
        return {
            "process": self.slug,
            "title": p.title,
            "summary": _text(p.summary),
            "organiser": p.organiser,
            "kind": p.kind,
            "status": self.view.status.value,
            "opens": p.opens,
            "closes": p.closes,
            "answer_due": p.answer_due,
            "territory": p.territory,
            "legal_basis": _text(p.legal_basis),
            "guarantors": _listed(p.guarantors),
            "language": p.language,
            "timezone": p.timezone,
            "licence": _text(p.licence),
            "author_display": p.author_display.value,
            "charter": _text(p.charter),
            "url": self.url(paths.process(self.slug)),
        }

    def meetings(self) -> list[Row]:
        rows: list[Row] = []
        for m in self.view.meetings:
            d = m.data
            rows.append(
                {
                    "process": self.slug,
                    "id": m.id,
                    "title": d.title,
                    "start": _aware(d.start, self.zone),
                    "end": _aware(d.end, self.zone) if d.end else None,
                    "format": d.format.value,
                    "status": d.status.value,
                    "status_reason": _text(d.status_reason),
                    "postponed_to": _aware(d.postponed_to, self.zone) if d.postponed_to else None,
                    "place": d.place.name if d.place else None,
                    "address": _text(d.place.address) if d.place else None,
                    "access": _text(d.place.access) if d.place else None,
                    "accessibility": _listed(flag.value for flag in d.accessibility),
                    "online": _url(d.online),
                    "registration": _text(d.registration),
                    "recording": _url(d.recording),
                    "transcript": _url(d.transcript),
                    "description": _text(m.body),
                    "url": self.url(self.view.link(m)),
                }
            )
        return rows

    def minutes(self) -> list[Row]:
        return [
            {
                "process": self.slug,
                "id": m.id,
                "meeting": m.data.meeting,
                "published": m.data.published,
                "approved": m.data.approved,
                "attendees": m.data.attendees,
                "authors": _listed(m.data.authors),
                "text": _text(m.body),
                "url": self.url(self.view.link(m)),
            }
            for m in self.view.minutes
        ]

    def documents(self) -> list[Row]:
        return [
            {
                "process": self.slug,
                "id": d.id,
                "title": d.data.title,
                "file": d.data.file,
                "date": d.data.date,
                "kind": d.data.kind,
                "language": d.data.language,
                "summary": _text(d.data.summary),
                "supersedes": _id(self.view.find_document(d.data.supersedes)),
                "bytes": d.size,
                "sha256": d.sha256,
                "url": self.url(self.view.link(d)),
            }
            for d in self.view.documents
        ]

    def contribution(self, c: Contribution) -> Row:
        d = c.data
        received = _aware(d.received, self.zone) if isinstance(d.received, dt.datetime) else None
        row: Row = {column.name: None for column in _CONTRIBUTIONS.columns}
        row |= {
            "process": self.slug,
            "id": c.id,
            "reference": c.reference,
            "received": self.view.local_date(received) if received else d.received,
            "received_at": received,
            "channel": d.channel.value,
            "kind": d.kind.value,
            "state": _state(c).value,
            "withdrawn": d.withdrawn,
            "moderation_reason": _text(d.moderation.reason) if d.moderation else None,
            "meeting": _id(self.view.find_meeting(d.meeting)),
            "parent": _id(self.view.find_contribution(d.parent)),
            "url": self.url(self.view.link(c)),
        }
        if _state(c) is not ContributionState.published:
            # As on its page: what the person wrote, who they are and what was said back is gone.
            return row
        row |= {
            "author": self.view.author(c),
            "organisation": d.organisation,
            "text": _text(c.body),
        }
        if d.disposition is not None:
            row["disposition"] = d.disposition.status.value
            row["disposition_reason"] = _text(d.disposition.reason)
        if d.source is not None:
            row["source_platform"] = d.source.platform
            row["source_id"] = d.source.id
            row["source_url"] = _url(d.source.url)
        return row

    def contribution_themes(self) -> list[Row]:
        return [
            {"process": self.slug, "contribution": c.id, "theme": theme}
            for c in self.view.contributions
            for theme in dict.fromkeys(c.data.themes)
            if theme in self.view.themes
        ]

    def answers(self) -> list[Row]:
        return [
            {
                "process": self.slug,
                "contribution": c.id,
                "date": c.data.answer.date,
                "by": c.data.answer.by,
                "text": _text(c.data.answer.text),
            }
            for c in self.view.contributions
            if c.data.answer is not None and _state(c) is ContributionState.published
        ]


# --------------------------------------------------------------------------- serialisation


def _sort_key(table: Table) -> Callable[[Row], tuple[Any, ...]]:
    def key(row: Row) -> tuple[Any, ...]:
        return tuple(row[column] for column in table.primary_key)

    return key


def _plain(value: Value) -> str | int | bool | None:
    """A cell as JSON: dates and moments in ISO 8601, everything else as it is."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _csv_cell(value: Value, column: Column) -> str:
    plain = _plain(value)
    if plain is None:
        return ""
    if isinstance(plain, bool):
        return "true" if plain else "false"
    # The writer quotes a cell holding its line terminator ("\n") but not a lone CR, which
    # readers take for the end of the row.
    text = str(plain).replace("\r\n", "\n").replace("\r", "\n")
    if column.kind == "string" and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def table_csv(table: Table, rows: Sequence[Row]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(column.name for column in table.columns)
    for row in rows:
        writer.writerow(_csv_cell(row[column.name], column) for column in table.columns)
    return buffer.getvalue().encode("utf-8")


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def table_json(table: Table, rows: Sequence[Row]) -> bytes:
    """A JSON array with one row a line: as readable and diffable as the CSV, without the
    indentation that made a table half as large again (10 MB for 10,000 contributions)."""
    lines = [
        json.dumps({c.name: _plain(row[c.name]) for c in table.columns}, ensure_ascii=False)
        for row in rows
    ]
    return ("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n").encode("utf-8")


def table_schema(table: Table) -> dict[str, Any]:
    fields = []
    for column in table.columns:
        field: dict[str, Any] = {
            "name": column.name,
            "type": column.kind,
            "description": column.description,
        }
        constraints: dict[str, Any] = {}
        if column.required or column.name in table.primary_key:
            constraints["required"] = True
        if column.values is not None:
            constraints["enum"] = [member.value for member in column.values]
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
        "foreignKeys": [
            {
                "fields": list(fk.columns),
                "reference": {"resource": fk.table, "fields": list(fk.target)},
            }
            for fk in table.foreign_keys
        ],
    }


# --------------------------------------------------------------------------- licences


class _KnownLicence(NamedTuple):
    pattern: str
    name: str
    title: str
    path: str


_KNOWN_LICENCES = (
    _KnownLicence(
        r"(licence ouverte|open licence|etalab)\W*(v|version)?\s*2\.0",
        "etalab-2.0",
        "Licence Ouverte / Open Licence 2.0 (Etalab)",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    ),
    _KnownLicence(
        r"odbl",
        "ODbL-1.0",
        "Open Data Commons Open Database License 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    _KnownLicence(
        r"cc[ -]?by[ -]sa[ -]?4\.0",
        "CC-BY-SA-4.0",
        "Creative Commons Attribution-ShareAlike 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    _KnownLicence(
        r"cc[ -]?by[ -]?4\.0",
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    _KnownLicence(
        r"cc0|cc[ -]zero",
        "CC0-1.0",
        "Creative Commons Zero 1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
)
"""Licences recognised in process.yml's free text, published with their standard id. Any other
text is quoted in the package's description: a package must not claim an id it cannot vouch for."""


def licences(text: str | None) -> list[dict[str, str]]:
    """The package `licenses` named by a process's licence text, in the order above."""
    found = [
        known for known in _KNOWN_LICENCES if text and re.search(known.pattern, text, re.IGNORECASE)
    ]
    return [{"name": k.name, "path": k.path, "title": k.title} for k in found]


# --------------------------------------------------------------------------- packages


_NOTE = (
    "Tables of the Greffier site, one row per published item; withdrawn and hidden "
    "contributions are rows without their text. In the CSV files, a text cell beginning with "
    "=, +, -, @, a tab or a carriage return starts with an apostrophe added on purpose, so that "
    "no spreadsheet runs it as a formula; the JSON files keep every text unchanged."
)


def _table_files(tables: Mapping[str, list[Row]]) -> Iterator[tuple[str, bytes]]:
    for table in TABLES:
        rows = sorted(tables[table.name], key=_sort_key(table))
        yield f"{table.name}.csv", table_csv(table, rows)
        yield f"{table.name}.json", table_json(table, rows)


def _descriptor(
    *,
    name: str,
    title: str,
    description: str,
    homepage: str | None,
    created: dt.datetime,
    licenses: list[dict[str, str]],
) -> bytes:
    resources = [
        {
            "name": table.name,
            "path": f"{table.name}.csv",
            "profile": "tabular-data-resource",
            "title": table.title,
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": table_schema(table),
        }
        for table in TABLES
    ]
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": f"{description}\n\n{_NOTE}",
        **({"homepage": homepage} if homepage else {}),
        "created": created.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        **({"licenses": licenses} if licenses else {}),
        "resources": resources,
    }
    return _json(descriptor)


_EMPTY_JSON = b"[]\n"


class _SiteTables:
    """The whole site's tables, made of the processes' tables in the order of their slugs.

    Every table's key starts with the process: the site's rows sorted are each process's rows
    sorted, one process after the other. So each process's file, once made, is also the next
    piece of the site's (without its CSV header, inside one JSON array), and no row is held
    for the site's files."""

    def __init__(self) -> None:
        self._started: set[str] = set()

    def piece(self, name: str, data: bytes) -> bytes:
        """What the site's file `name` gets of a process's file `name` holding `data`."""
        first = name not in self._started
        if name.endswith(".csv"):
            self._started.add(name)
            return data if first else data.partition(b"\n")[2]
        if data == _EMPTY_JSON:
            return b""
        self._started.add(name)
        rows = data.removeprefix(b"[\n").removesuffix(b"\n]\n")
        return (b"[\n" if first else b",\n") + rows

    def ends(self) -> Iterator[tuple[str, bytes]]:
        """The last piece of each file: the end of the JSON arrays, or whole files for a site
        without processes."""
        for table in TABLES:
            csv_name, json_name = f"{table.name}.csv", f"{table.name}.json"
            if csv_name not in self._started:
                yield csv_name, table_csv(table, [])
            yield json_name, b"\n]\n" if json_name in self._started else _EMPTY_JSON


def _licence_note(text: str | None) -> str:
    return f"Licence: {_text(text)}" if text else "No licence is declared for this process."


def open_data_files(
    corpus: Corpus,
    *,
    site_url: str | None,
    drafts: bool,
    today: dt.datetime,
    site_name: str = "Greffier",
) -> Iterator[tuple[str, bytes]]:
    """Every open data file of the site, as (src_uri, piece): `<slug>/donnees/<file>` for each
    published process and `donnees/<file>` for the whole site (see `paths.open_data`), whose
    package is titled `site_name`. Items link to their pages at `site_url`, or relative to the
    site root without one; `today` gives the processes' statuses.

    A process's files come whole; the site's come in pieces, to be joined in the order given
    (at 100,000 contributions the tables weigh 420 MB, which a build must not hold at once).
    Processes are tabled on every core."""

    def url(src_uri: str) -> str:
        return online_url(site_url, src_uri) if site_url else page_url(src_uri)

    def files(view: ProcessView) -> list[tuple[str, bytes]]:
        summary = f"{_text(view.data.summary)}\n\n{_licence_note(view.data.licence)}"
        descriptor = _descriptor(
            name=view.slug,
            title=view.data.title,
            description=summary,
            homepage=url(paths.process(view.slug)) if site_url else None,
            created=corpus.reference_date,
            licenses=licences(view.data.licence),
        )
        return [*_table_files(_Rows(view, url).tables()), (DATAPACKAGE, descriptor)]

    # The interface language only decides `lang` attributes of pages: no table depends on it.
    views = sorted(
        (ProcessView(p, today, "fr", drafts) for p in published(corpus.processes, drafts)),
        key=lambda v: v.slug,
    )
    site = _SiteTables()
    for view, made in zip(views, parallel_in_order(files, views), strict=True):
        for name, data in made:
            yield paths.open_data(view.slug, name), data
            if name != DATAPACKAGE:
                yield paths.open_data(None, name), site.piece(name, data)
    yield from ((paths.open_data(None, name), data) for name, data in site.ends())
    notes = "\n".join(f"- {v.slug}: {_licence_note(v.data.licence)}" for v in views)
    descriptor = _descriptor(
        name=SITE_PACKAGE_NAME,
        title=site_name,
        description=(
            "Every published process of the site. Each row is published under the licence of "
            "its process (column `licence` of the `processes` table):\n" + notes
        ),
        homepage=url(paths.HOME) if site_url else None,
        created=corpus.reference_date,
        licenses=[],
    )
    yield paths.open_data(None, DATAPACKAGE), descriptor


def package_files(sizes: Mapping[str, int], slug: str | None) -> PackageFiles:
    """The files of one package among `open_data_files`' (`sizes`: src_uri -> size in bytes):
    a process's, or the whole site's for None."""

    def entry(name: str) -> DataFile:
        src_uri = paths.open_data(slug, name)
        return DataFile(src_uri, sizes[src_uri])

    return PackageFiles(
        entry(DATAPACKAGE),
        [
            TableFiles(table.name, entry(f"{table.name}.csv"), entry(f"{table.name}.json"))
            for table in TABLES
        ],
    )
