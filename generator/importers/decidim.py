"""`greffier import decidim`: a Decidim open-data export (a folder or a .zip of CSV files).

Proposals become contributions of kind `proposal`. Debates become contributions of kind
`question`: a Decidim debate is a question put to the public with no date or place, which is what
a contribution thread is and a meeting is not, and its comments are the replies. Comments become
replies (`parent`) under their proposal, debate or comment, so Decidim's threads keep their depth.
A comment whose proposal or debate is not in the export is an orphan: reported, not written.

Files are recognised by their columns, not their names. Columns may carry a language
(`title/fr`, `id/fr`), and cells may hold every translation (`{"fr"=>"…", "en"=>"…"}`): the
process's language is taken, else any. Persons' names go through `author_display` before anything
is written; organisations (user groups, the platform's own) are written in full as
`organisation`; user ids and e-mail addresses never are.

An export is untrusted: it is read with the bounds of `sources` and `table`; a file or a row
that cannot be read is reported, never a reason to stop the others.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import nh3

from ..diagnostics import GreffierError
from ..i18n.wording import Wording
from ..models import Channel, ContributionKind, DispositionStatus, MeetingFile
from .common import (
    FileKind,
    ImportReport,
    Item,
    Skip,
    Target,
    contributions,
    public_author,
    title_key,
    write_items,
)
from .dates import parse_time, representable
from .markup import to_markdown
from .sources import archive_members, read_file, refuse, require_file
from .table import Row, Unusable, read_table

SOURCE = "decidim"
PLATFORM = "Decidim"
OWNED_WITH_MEETING = (
    "received",
    "channel",
    "author",
    "organisation",
    "kind",
    "meeting",
    "parent",
    "source",
)
"""The contribution fields a re-import rewrites; the rest of the front matter is the organiser's."""
OWNED = tuple(name for name in OWNED_WITH_MEETING if name != "meeting")
"""Without meetings in the export, a meeting an organiser set is theirs to keep."""
MEETING = FileKind("meetings", MeetingFile, ("title", "start", "end", "place"), themed=False)
"""Format, accessibility, registration, status, agenda: Decidim's export lacks them or says them
another way; they stay the organiser's."""

_PREFIX = {
    "proposal": "decidim-proposal",
    "debate": "decidim-debate",
    "comment": "decidim-comment",
    "meeting": "decidim-meeting",
}
_DISPOSITIONS = {
    "accepted": DispositionStatus.taken_into_account.value,
    "rejected": DispositionStatus.not_retained.value,
}
"""Decidim's answered states; `evaluating` is no decision yet."""
_TYPES = {"Proposal": "proposal", "Debate": "debate", "Comment": "comment"}
_LOCALE = re.compile(r"[a-z]{2}(?:[-_][a-z]{2,4})?")
_MACHINE = "machine_translations"
_TRANSLATIONS = re.compile(r'\s*\{\s*"[a-z]{2}(?:[-_][a-zA-Z]{2,4})?"\s*(?:=>|:).*\}\s*', re.S)
_TRANSLATION = re.compile(r'"([a-zA-Z_-]+)"\s*(?:=>|:)\s*"((?:[^"\\]|\\.)*)"')
_SHOWN_COLUMNS = 12


@dataclass(frozen=True)
class Export:
    """The rows of an export by kind, and the files that were not understood."""

    meetings: list[Row]
    proposals: list[Row]
    debates: list[Row]
    comments: list[list[Row]]
    """One list per file: comment ids are only unique within one platform, and the files of an
    export may come from several (as in the Grand débat corpus)."""
    unknown: list[Skip]
    """Files and lines that were not understood, and why."""


def read_export(path: Path, say: Wording, language: str) -> Export:
    """Every CSV of the folder or .zip, sorted into proposals, debates and comments."""
    export = Export([], [], [], [], [])
    for name, data in _csv_files(path, say, export.unknown):
        try:
            table = read_table(data)
        except Unusable as error:
            export.unknown.append(Skip(name, say(error.key, **error.values)))
            continue
        export.unknown.extend(
            Skip(say("import.line", file=name, line=bad.line), say(bad.reason, **bad.values))
            for bad in table.unreadable
        )
        rows = [
            dataclasses.replace(row, cells=_localised(row.cells, language)) for row in table.rows
        ]
        kind = _kind({_column(column)[0] for column in table.header})
        if kind is None:
            columns = ", ".join(table.header[:_SHOWN_COLUMNS])
            columns += ", …" if len(table.header) > _SHOWN_COLUMNS else ""
            export.unknown.append(Skip(name, say("import.decidim.unknown_file", columns=columns)))
        elif kind == "comments":
            export.comments.append(rows)
        else:
            getattr(export, kind).extend(rows)
    if not (export.meetings or export.proposals or export.debates or export.comments):
        message = say("import.decidim.nothing")
        problems = "; ".join(f"{skip.what}: {skip.reason}" for skip in export.unknown)
        raise GreffierError(f"{path}: {message}" + (f" ({problems})" if problems else ""))
    return export


def _csv_files(path: Path, say: Wording, unknown: list[Skip]) -> Iterator[tuple[str, bytes]]:
    if path.is_dir():
        for file in sorted(path.glob("*.csv")):
            if file.is_file():
                yield file.name, read_file(file, say)
    elif path.suffix.lower() == ".csv":
        yield path.name, read_file(path, say)
    elif path.is_file() and zipfile.is_zipfile(path):
        for name, data in archive_members(path, say, _wanted):
            if name.lower().endswith(".zip"):
                unknown.append(Skip(name, say("import.archive.nested")))
            else:
                yield name, data
    else:
        require_file(path, say)
        raise refuse(path, say, "import.decidim.not_export")


def _wanted(name: str) -> bool:
    """CSV files, and archives within the archive, to say they were not read."""
    return name.lower().endswith((".csv", ".zip")) and not name.startswith("__MACOSX/")


def _column(header: str) -> tuple[str, str | None]:
    """A column's field and language: `title/fr` is the French `title`, `category/name/en`
    the English `category/name`; `category/id` has none."""
    name = " ".join(header.replace("\ufeff", "").split()).lower().replace(" / ", "/")
    field, _, last = name.rpartition("/")
    if not field or last == "id" or not _LOCALE.fullmatch(last):
        return name, None
    if field.endswith(f"/{_MACHINE}"):
        return field.removesuffix(f"/{_MACHINE}"), f"{_MACHINE}/{last}"
    return field, last


def _localised(cells: dict[str, str], language: str) -> dict[str, str]:
    """The cells by field: the one without a language if filled, else the process's
    language, else any language, machine translations last."""
    candidates: dict[str, list[tuple[int, str]]] = {}
    for header, written in cells.items():
        field, locale = _column(header)
        value = _translated(written, language)
        if locale is None:
            rank = 0
        elif locale == language:
            rank = 1
        else:
            rank = 3 if locale.startswith(_MACHINE) else 2
        candidates.setdefault(field, []).append((rank if value.strip() else 4, value))
    return {
        field: min(values, key=lambda entry: entry[0])[1] for field, values in candidates.items()
    }


def _translated(value: str, language: str) -> str:
    """A cell holding every translation (Decidim's `{"fr"=>"…"}`, or JSON) as one text."""
    if not _TRANSLATIONS.fullmatch(value):
        return value
    texts = [(locale, _unescape(text)) for locale, text in _TRANSLATION.findall(value)]
    filled = [(locale, text) for locale, text in texts if text.strip()]
    chosen = next((text for locale, text in filled if locale == language), None)
    return chosen if chosen is not None else next((text for _, text in filled), "")


def _unescape(text: str) -> str:
    try:
        loaded = json.loads(f'"{text}"')
    except ValueError:
        return text
    return loaded if isinstance(loaded, str) else text


def _kind(columns: set[str]) -> str | None:
    if "id" not in columns:
        return None
    if {"commentable_id", "commentable_type", "body"} <= columns:
        return "comments"
    if {"title", "start_time", "end_time"} <= columns:
        return "meetings"
    if {"title", "description"} <= columns:
        return "debates"
    if {"title", "body"} <= columns:
        return "proposals"
    return None


def import_decidim(path: Path, target: Target, say: Wording) -> ImportReport:
    export = read_export(path, say, target.data.language or "fr")
    report = ImportReport()
    report.skipped += export.unknown
    owned = OWNED_WITH_MEETING if export.meetings else OWNED
    reader = _Reader(target, say, report, contributions(owned))
    items = [reader.meeting(row) for row in export.meetings]
    meetings = {
        _address(row.cells.get("url")): f"{_PREFIX['meeting']}-{row.cells['id']}"
        for row in export.meetings
        if row.cells.get("url")
    }
    proposals = [reader.proposal(row, meetings) for row in export.proposals]
    items += proposals
    categories = [theme for item in proposals if item for theme in item.themes]
    items += [reader.debate(row, categories) for row in export.debates]
    roots = {
        item.id: _address(item.fields["source"].get("url"))
        for item in items
        if item and item.kind is not MEETING
    }
    for rows in export.comments:
        items += reader.comments(rows, roots)
    write_items(
        target,
        _in_markdown([item for item in items if item], say),
        source=SOURCE,
        report=report,
        say=say,
    )
    return report


class _Reader:
    def __init__(self, target: Target, say: Wording, report: ImportReport, kind: FileKind) -> None:
        self.kind = kind
        self.target = target
        self.say = say
        self.report = report

    def text(self, row: Row, name: str) -> str:
        """A field's text, in the process's language: the cells are already `_localised`."""
        return row.cells.get(name, "")

    def received(self, row: Row, what: str) -> dt.datetime | None:
        written = row.cells.get("published_at") or row.cells.get("created_at", "")
        received = parse_time(written)
        if received is None:
            self.report.skipped.append(Skip(what, self.say("import.bad_date", value=written)))
        return received

    def base(self, row: Row, kind: str, received: dt.datetime) -> dict[str, Any]:
        source: dict[str, Any] = {"platform": PLATFORM, "id": f"{kind}-{row.cells['id']}"}
        url = row.cells.get("url") or row.cells.get("root_commentable_url")
        if url and url.startswith(("http://", "https://")):
            source["url"] = url + (f"#comment_{row.cells['id']}" if kind == "comment" else "")
        fields: dict[str, Any] = {"received": received, "channel": Channel.online.value}
        person, organisation = self.authors(row)
        author = public_author(person, self.target.data.author_display)
        if author:
            fields["author"] = author
        if organisation:
            fields["organisation"] = organisation
        return {**fields, "source": source}

    def authors(self, row: Row) -> tuple[str, str]:
        """The person and the organisation an item is by, either possibly empty.

        A user group is the organisation its member speaks for. Decidim links a person's name to
        their profile, but also names the platform's own organisation (an official proposal or
        debate), linked to the platform's home page, and the meeting a proposal came from,
        linked to that meeting: neither is a person, and `author_display` must not shorten
        "Gouvernement" to "G.".
        """
        name = " ".join(self.text(row, "author/name").split())
        group = " ".join(self.text(row, "user_group/name").split())
        url = row.cells.get("author/url", "").strip()
        path = urlsplit(url).path
        if url and not path.strip("/"):
            return "", group or name
        if "/meetings/" in path:
            return "", group
        return name, group

    def meeting(self, row: Row) -> Item | None:
        item_id = f"{_PREFIX['meeting']}-{row.cells['id']}"
        if row.cells.get("published", "").strip().lower() == "false":
            self.report.skipped.append(Skip(item_id, self.say("import.decidim.unpublished")))
            return None
        zone = ZoneInfo(self.target.data.timezone)
        times = [_utc(row.cells.get(column, "")) for column in ("start_time", "end_time")]
        if times[0] is None:
            written = row.cells.get("start_time", "")
            self.report.skipped.append(Skip(item_id, self.say("import.bad_date", value=written)))
            return None
        fields: dict[str, Any] = {"title": " ".join(self.text(row, "title").split())}
        fields["start"] = times[0].astimezone(zone)
        if times[1] is not None and times[1] >= times[0]:
            fields["end"] = times[1].astimezone(zone)
        address = self.text(row, "address").strip()
        name = " ".join(self.text(row, "location").split()) or address.split("\n")[0]
        if name:
            fields["place"] = {"name": name, **({"address": address} if address else {})}
        return Item(item_id, MEETING, fields, self.text(row, "description"))

    def ordered(self, fields: dict[str, Any]) -> dict[str, Any]:
        return {key: fields[key] for key in self.kind.owned if key in fields}

    def proposal(self, row: Row, meetings: dict[str, str]) -> Item | None:
        item_id = f"{_PREFIX['proposal']}-{row.cells['id']}"
        received = self.received(row, item_id)
        if received is None:
            return None
        fields = self.base(row, "proposal", received)
        fields["kind"] = ContributionKind.proposal.value
        linked = (
            meetings.get(_address(url))
            for url in re.split(r"[\s,]+", row.cells.get("meeting_urls", ""))
        )
        meeting = next((found for found in linked if found), None)
        if meeting:
            fields["meeting"] = meeting
        category = self.text(row, "category/name")
        return Item(
            id=item_id,
            kind=self.kind,
            fields=self.ordered(fields),
            body=self.text(row, "body"),
            title=self.text(row, "title").strip() or None,
            themes=(category,) if category.strip() else (),
            added=self.outcome(row),
        )

    def outcome(self, row: Row) -> dict[str, Any]:
        """What the platform says became of a proposal: its reference, withdrawal, answer and
        state. Written once; from then on the organiser's to complete or correct."""
        cells = row.cells
        added: dict[str, Any] = {}
        if cells.get("reference", "").strip():
            added["reference"] = cells["reference"].strip()
        withdrawn = cells.get("withdrawn", "").lower() == "true" or cells.get("withdrawn_at")
        if cells.get("state") == "withdrawn" or withdrawn:
            # Older exports do not date the withdrawal: the day it is first seen stands in.
            added["withdrawn"] = parse_date(cells.get("withdrawn_at", "")) or dt.date.today()
        answered = parse_date(cells.get("answered_at", ""))
        answer = self.text(row, "answer")
        if answered and answer.strip():
            added["answer"] = {"date": answered, "by": self.target.data.organiser, "text": answer}
        if cells.get("state") in _DISPOSITIONS:
            added["disposition"] = {"status": _DISPOSITIONS[cells["state"]]}
        return added

    def debate(self, row: Row, categories: list[str]) -> Item | None:
        item_id = f"{_PREFIX['debate']}-{row.cells['id']}"
        received = self.received(row, item_id)
        if received is None:
            return None
        fields = self.base(row, "debate", received)
        fields["kind"] = ContributionKind.question.value
        description = self.text(row, "description")
        # Decidim has no category on debates; organisers often state the theme as the whole
        # description, as in the Grand débat's questions.
        themes = tuple(c for c in dict.fromkeys(categories) if _same(c, description))
        return Item(
            id=item_id,
            kind=self.kind,
            fields=self.ordered(fields),
            body=description,
            title=self.text(row, "title").strip() or None,
            themes=themes[:1],
        )

    def comments(self, rows: list[Row], roots: dict[str, str]) -> list[Item]:
        """Replies, parents first; comments whose thread has no root here are orphans."""
        by_id = {row.cells["id"]: row for row in rows}
        items: list[tuple[int, int, Item]] = []
        for row in rows:
            item_id = f"{_PREFIX['comment']}-{row.cells['id']}"
            parent, depth, missing = _thread(row, by_id, roots)
            if missing:
                # The address says where the comment lives: ids repeat between platforms, and
                # an export may mix them.
                where = row.cells.get("root_commentable_url") or missing
                self.report.orphans.append(
                    Skip(item_id, self.say("import.decidim.orphan", target=where))
                )
                continue
            received = self.received(row, item_id)
            if received is None:
                continue
            fields = self.base(row, "comment", received)
            fields["kind"] = ContributionKind.opinion.value
            item = Item(
                item_id, self.kind, self.ordered(fields), self.text(row, "body"), parent=parent
            )
            number = row.cells["id"]
            items.append((depth, int(number) if number.isascii() and number.isdigit() else 0, item))
        return [item for _, _, item in sorted(items, key=lambda entry: entry[:2])]


def _in_markdown(items: list[Item], say: Wording) -> list[Item]:
    """Bodies and answers in Markdown, all converted in one go."""
    answers = [item for item in items if "answer" in item.added]
    texts = to_markdown(
        [item.body for item in items] + [item.added["answer"]["text"] for item in answers], say
    )
    answered = dict(zip((item.id for item in answers), texts[len(items) :], strict=True))
    converted = []
    for item, body in zip(items, texts, strict=False):
        added = dict(item.added)
        if item.id in answered:
            added["answer"] = {**added["answer"], "text": answered[item.id]}
        converted.append(dataclasses.replace(item, body=body, added=added))
    return converted


def _thread(row: Row, by_id: dict[str, Row], roots: dict[str, str]) -> tuple[str, int, str | None]:
    """The comment's parent id, its depth, and the missing target when it is an orphan.

    A thread whose root has the same id as an item of the export but another address belongs to
    another platform: an orphan too.
    """
    parent = _target(row)
    depth = 0
    current = row
    seen = {row.cells["id"]}
    while True:
        kind, target_id = _target(current)
        if kind != "comment":
            root = f"{_PREFIX.get(kind, kind)}-{target_id}"
            url = _address(current.cells.get("root_commentable_url"))
            known = root in roots and (not url or not roots[root] or url == roots[root])
            missing = None if known else f"{kind} {target_id}"
            break
        if target_id not in by_id or target_id in seen:
            missing = f"comment {target_id}"
            break
        seen.add(target_id)
        current = by_id[target_id]
        depth += 1
    return f"{_PREFIX.get(parent[0], parent[0])}-{parent[1]}", depth, missing


def _target(row: Row) -> tuple[str, str]:
    kind = row.cells.get("commentable_type", "").rsplit("::", 1)[-1]
    return _TYPES.get(kind, kind.lower() or "?"), row.cells.get("commentable_id", "")


def _address(url: str | None) -> str:
    """A URL without its scheme and fragment, to compare addresses written either way."""
    return (url or "").split("://", 1)[-1].split("#", 1)[0].rstrip("/")


def _same(category: str, description: str) -> bool:
    text = html.unescape(nh3.clean(description, tags=set()))
    return title_key(text) == title_key(category) and bool(title_key(category))


def _utc(text: str) -> dt.datetime | None:
    """Decidim writes meeting times as `2019-02-05 17:30:00`, in UTC (Rails' `:db` format)."""
    parsed = parse_time(text)
    if parsed is None:
        try:
            parsed = dt.datetime.fromisoformat(text.strip()).replace(tzinfo=dt.UTC)
        except ValueError:
            return None
    return parsed if representable(parsed) else None


def parse_date(text: str) -> dt.date | None:
    parsed = parse_time(text)
    return parsed.date() if parsed else None
