"""Typed, frozen models of a participatory process.

These classes are the contract of the process folder: the loader validates raw YAML and front
matter into them, the JSON Schemas published for editors are generated from them, and every later
stage (enrich, render, export) reads only them. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Annotated, TypeVar

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
)

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


def _http_only(url: AnyHttpUrl) -> AnyHttpUrl:
    # AnyHttpUrl already refuses javascript:, data: and friends; this keeps the message plain.
    if url.scheme not in ("http", "https"):
        raise ValueError("only http:// and https:// addresses are accepted")
    return url


HttpUrl = Annotated[AnyHttpUrl, AfterValidator(_http_only)]
"""An absolute http(s) URL: the only kind a published page may link to from a YAML field."""

Identifier = Annotated[str, Field(pattern=ID_PATTERN, max_length=120)]
"""An item id: letters, digits, dots, dashes and underscores, as in a file name."""

FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The years a date may fall in. Others are typing mistakes, and near year 1 or 9999 an offset
overflows Python's dates when a later stage converts to UTC, sorts or writes a calendar."""

D = TypeVar("D", bound=dt.date)


def _plausible_year(value: D) -> D:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"year outside {FIRST_YEAR}-{LAST_YEAR}")
    return value


Date = Annotated[dt.date, AfterValidator(_plausible_year)]
"""A calendar date, YYYY-MM-DD."""

DateTime = Annotated[AwareDatetime, AfterValidator(_plausible_year)]
"""A date and time with its UTC offset: without the offset the hour is ambiguous, without the
time a meeting would be published as starting at midnight."""


class Model(BaseModel):
    """Base of every model: frozen, strict about unknown keys (typos are errors, not silence)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


# --------------------------------------------------------------------------- vocabularies


class ProcessStatus(StrEnum):
    upcoming = "upcoming"
    open = "open"
    closed = "closed"
    archived = "archived"


class AuthorDisplay(StrEnum):
    """How private persons' names appear in every output; organisations' never change."""

    full = "full"
    initials = "initials"
    anonymous = "anonymous"


class MeetingFormat(StrEnum):
    in_person = "in-person"
    online = "online"
    hybrid = "hybrid"


class MeetingStatus(StrEnum):
    scheduled = "scheduled"
    held = "held"
    cancelled = "cancelled"
    postponed = "postponed"


class AccessibilityFlag(StrEnum):
    wheelchair = "wheelchair"
    hearing_loop = "hearing_loop"
    sign_language = "sign_language"
    captioning = "captioning"


class Channel(StrEnum):
    """How a contribution reached the organiser: in-person channels are first-class."""

    online = "online"
    meeting = "meeting"
    paper = "paper"
    email = "email"
    post = "post"
    phone = "phone"
    workshop = "workshop"


class ContributionKind(StrEnum):
    opinion = "opinion"
    question = "question"
    proposal = "proposal"
    stakeholder_paper = "stakeholder-paper"


class DispositionStatus(StrEnum):
    taken_into_account = "taken-into-account"
    partially = "partially"
    not_retained = "not-retained"
    out_of_scope = "out-of-scope"


class ModerationStatus(StrEnum):
    hidden = "hidden"


class AlternativeKind(StrEnum):
    easy_read = "easy-read"
    accessible = "accessible"
    audio = "audio"
    translation = "translation"


class CommitmentStatus(StrEnum):
    planned = "planned"
    in_progress = "in-progress"
    done = "done"
    abandoned = "abandoned"


# --------------------------------------------------------------------------- process.yml


class Theme(Model):
    """A theme of the process: the vocabulary contributions are filed under."""

    id: Identifier
    title: str = Field(min_length=1)


class Phase(Model):
    title: str = Field(min_length=1)
    start: Date
    end: Date | None = None


class Contact(Model):
    """The organiser's public contact: published on purpose, never treated as personal data."""

    name: str = Field(min_length=1)
    address: str | None = Field(None, description="Postal address, lines separated by newlines.")
    email: str | None = None
    phone: str | None = None
    url: HttpUrl | None = None


class ProcessFile(Model):
    """`process.yml`: the process itself."""

    title: str = Field(min_length=1, description="Title of the process.")
    summary: str = Field(min_length=1, description="One or two sentences in plain language.")
    organiser: str = Field(min_length=1, description="The body responsible for the process.")
    opens: Date = Field(description="Date participation opens.")
    closes: Date | None = Field(None, description="Date participation closes.")
    kind: str | None = Field(
        None, description="e.g. concertation-prealable, debat-public, consultation, conseil."
    )
    status: ProcessStatus | None = Field(
        None, description="Overrides the status derived from the dates; `archived` only by hand."
    )
    guarantors: list[str] = Field(default_factory=list)
    legal_basis: str | None = None
    territory: str | None = None
    themes: list[Theme] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    participate: str | None = Field(
        None, description="Markdown: how to take part, offline (post, paper, phone) and online."
    )
    contact: Contact | None = None
    language: str | None = Field(
        None, pattern=r"^[a-z]{2}(-[A-Z]{2})?$", description="Content language, e.g. fr."
    )
    timezone: str = Field("Europe/Paris", description="IANA time zone of the meetings.")
    licence: str | None = Field(None, description="Licence of the published content and data.")
    charter: str | None = Field(None, description="Participation and moderation rules, Markdown.")
    answer_due: Date | None = Field(None, description="Date by which answers are owed.")
    author_display: AuthorDisplay = Field(
        AuthorDisplay.initials,
        description="How private persons' names are shown: in full, as initials or not at all. "
        "Organisations' names are always shown in full.",
    )
    draft: bool = False

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import available_timezones

        if value not in available_timezones():
            raise ValueError(f"unknown IANA time zone {value!r} (e.g. Europe/Paris)")
        return value


# --------------------------------------------------------------------------- meetings


class Place(Model):
    name: str = Field(min_length=1)
    address: str | None = None
    access: str | None = Field(None, description="Accessibility and transport notes.")


class AgendaItem(Model):
    title: str = Field(min_length=1)
    duration: int | None = Field(None, ge=1, description="Minutes.")
    speaker: str | None = None


class MeetingFile(Model):
    """Front matter of `meetings/<id>.md`; the body is the description."""

    title: str = Field(min_length=1)
    start: DateTime = Field(description="Date-time with offset, e.g. 2026-03-12T18:30:00+01:00")
    end: DateTime | None = None
    format: MeetingFormat = MeetingFormat.in_person
    place: Place | None = None
    accessibility: list[AccessibilityFlag] = Field(default_factory=list)
    online: HttpUrl | None = None
    registration: str | None = Field(
        None, description="A registration link (http/https only) or plain instructions."
    )
    status: MeetingStatus = MeetingStatus.scheduled
    status_reason: str | None = None
    postponed_to: DateTime | None = None
    agenda: list[AgendaItem | str] = Field(default_factory=list)
    recording: HttpUrl | None = None
    transcript: HttpUrl | None = None
    draft: bool = False

    @field_validator("registration")
    @classmethod
    def _registration_url(cls, value: str | None) -> str | None:
        # Plain instructions are fine ("sur place", a phone number); anything with a URL scheme
        # must be http(s), since it becomes a link.
        scheme = re.match(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):(?!\d)", value or "")
        if scheme and scheme.group(1).lower() not in ("http", "https"):
            raise ValueError("only http:// and https:// addresses are accepted")
        return value


# --------------------------------------------------------------------------- personal data


class PersonalDataException(Model):
    """Something the personal data check flags that may be published, and why: it stays in the
    file, visible to every reviewer."""

    match: str = Field(min_length=1, description="The text as written, e.g. 03 20 49 50 00.")
    reason: str = Field(
        min_length=1, description="Why it may be published, e.g. the town hall's switchboard."
    )


PERSONAL_DATA_OK_DESCRIPTION = (
    "E-mail addresses, phone numbers, IBANs or social security numbers written in this file that "
    "are not personal data (a public service's number), each with the reason; anything else the "
    "check finds is an error."
)


# --------------------------------------------------------------------------- minutes


class MinutesFile(Model):
    """Front matter of `minutes/<id>.md`; the body is the minutes."""

    meeting: Identifier = Field(description="Id of the meeting these minutes record.")
    published: Date | None = None
    approved: Date | None = None
    attendees: int | None = Field(None, ge=0)
    authors: list[str] = Field(default_factory=list)
    personal_data_ok: list[PersonalDataException] = Field(
        default_factory=list, description=PERSONAL_DATA_OK_DESCRIPTION
    )
    draft: bool = False


# --------------------------------------------------------------------------- documents.yml


class Alternative(Model):
    file: str = Field(min_length=1)
    kind: AlternativeKind
    title: str | None = None
    language: str | None = None


class DocumentEntry(Model):
    """One entry of `documents.yml`."""

    id: Identifier | None = Field(None, description="Defaults to the file name without extension.")
    file: str = Field(min_length=1, description="Path inside the process folder.")
    title: str = Field(min_length=1)
    date: Date | None = None
    kind: str | None = Field(None, description="e.g. dossier, étude, délibération, affiche.")
    language: str | None = None
    summary: str | None = None
    supersedes: Identifier | None = Field(None, description="Id of the document this replaces.")
    alternatives: list[Alternative] = Field(default_factory=list)
    draft: bool = False

    @property
    def key(self) -> str:
        return self.id or PurePosixPath(self.file).stem


# --------------------------------------------------------------------------- contributions


class Source(Model):
    platform: str
    id: str
    url: HttpUrl | None = None


class Answer(Model):
    date: Date
    by: str = Field(min_length=1)
    text: str = Field(min_length=1, description="Markdown.")


class Disposition(Model):
    status: DispositionStatus
    reason: str | None = None


class Moderation(Model):
    status: ModerationStatus
    reason: str = Field(min_length=1)


class ContributionFile(Model):
    """Front matter of `contributions/<id>.md`; the body is the contribution."""

    received: DateTime | Date
    reference: str | None = Field(None, description="Number given to the contributor.")
    channel: Channel
    author: str | None = Field(
        None, description="A private person's name: shown as the process's author_display says."
    )
    organisation: str | None = Field(
        None,
        description="The association, company or public body the contribution is made by or on "
        "behalf of: always shown in full, never as initials. With an author too, both are shown.",
    )
    kind: ContributionKind = ContributionKind.opinion
    themes: list[Identifier] = Field(default_factory=list)
    meeting: Identifier | None = None
    parent: Identifier | None = None
    source: Source | None = None
    answer: Answer | None = None
    disposition: Disposition | None = None
    withdrawn: Date | None = None
    moderation: Moderation | None = None
    personal_data_ok: list[PersonalDataException] = Field(
        default_factory=list, description=PERSONAL_DATA_OK_DESCRIPTION
    )
    draft: bool = False


# --------------------------------------------------------------------------- commitments.yml


class CommitmentUpdate(Model):
    date: Date
    text: str = Field(min_length=1)


class Commitment(Model):
    id: Identifier
    title: str = Field(min_length=1)
    status: CommitmentStatus = CommitmentStatus.planned
    due: Date | None = None
    contributions: list[Identifier] = Field(default_factory=list)
    updates: list[CommitmentUpdate] = Field(default_factory=list)
    draft: bool = False


# --------------------------------------------------------------------------- redactions.yml

COMMIT_ID_PATTERN = r"^[0-9a-f]{7,40}$"
"""A commit id as git prints it, abbreviated to at least 7 hexadecimal digits."""


class Redaction(Model):
    """An entry of redactions.yml: earlier versions of a file that must never be republished
    from the history (personal data committed by mistake, a text withdrawn by its author)."""

    path: str = Field(
        min_length=1,
        description="File inside the process folder, e.g. contributions/c-0007.md; its earlier "
        "names count too after a rename.",
    )
    until: Annotated[str, Field(pattern=COMMIT_ID_PATTERN)] | Date | None = Field(
        None,
        description="The commit that removed the data (its id, quoted, 7 characters or more) or "
        "a date: versions committed before it are withheld. Left out: every version but the "
        "latest.",
    )
    reason: str = Field(min_length=1, description="Why, shown on the item's history page.")


# --------------------------------------------------------------------------- loaded items


class Located(Model):
    """Where an item came from: relative to the repository root, POSIX separators."""

    path: str
    line: int = 1


class Meeting(Model):
    id: Identifier
    source: Located
    data: MeetingFile
    body: str = ""


class Minutes(Model):
    id: Identifier
    source: Located
    data: MinutesFile
    body: str = ""


class Document(Model):
    id: Identifier
    source: Located
    data: DocumentEntry
    size: int | None = Field(None, description="Bytes; None for a missing file.")
    sha256: str | None = None
    body: str | None = Field(None, description="Markdown text of a .md document.")


class Contribution(Model):
    id: Identifier
    source: Located
    data: ContributionFile
    body: str = ""

    @property
    def reference(self) -> str:
        return self.data.reference or self.id


class LocatedRedaction(Model):
    """A redactions.yml entry and the line it was written on, for enrich-time warnings."""

    source: Located
    data: Redaction


class Process(Model):
    """A whole process folder, validated. Items marked draft are kept; render filters them."""

    slug: Annotated[str, Field(pattern=SLUG_PATTERN)]
    source: Located
    data: ProcessFile
    presentation: str | None = Field(None, description="Body of index.md.")
    meetings: tuple[Meeting, ...] = ()
    minutes: tuple[Minutes, ...] = ()
    documents: tuple[Document, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    outcome: str | None = Field(None, description="Body of outcome.md.")
    commitments: tuple[Commitment, ...] = ()
    redactions: tuple[LocatedRedaction, ...] = ()


class Corpus(Model):
    processes: tuple[Process, ...] = ()
    reference_date: dt.datetime = Field(description="'Today' for this build, timezone-aware.")

    def process(self, slug: str) -> Process:
        for process in self.processes:
            if process.slug == slug:
                return process
        raise KeyError(slug)


FILE_MODELS: dict[str, type[Model]] = {
    "process": ProcessFile,
    "meeting": MeetingFile,
    "minutes": MinutesFile,
    "documents": DocumentEntry,
    "contribution": ContributionFile,
    "commitments": Commitment,
    "redactions": Redaction,
}
"""The file kinds an organiser writes, by schema name (one JSON Schema each)."""
