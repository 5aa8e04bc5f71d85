"""What the templates show about one process: published items, sorted, cross-referenced.

A `ProcessView` is built once per process and shared by all its pages. Drafts are dropped here,
and every cross reference (a minutes' meeting, a contribution's parent, a commitment's
contributions) is resolved against published items only, so no page links to a draft.
Links are `src_uri`s of pages or files (see `paths`); the plugin turns them into URLs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import TypeVar
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from markupsafe import Markup

from .. import paths
from ..enrich import answers
from ..enrich.status import effective_start, is_upcoming, local_today, process_status
from ..i18n.translator import Translator
from ..models import (
    Channel,
    Commitment,
    Contribution,
    Document,
    Meeting,
    Minutes,
    Process,
    ProcessFile,
    ProcessStatus,
    Theme,
)
from .charts import Chart
from .figures import contribution_charts
from .privacy import shown_author

T = TypeVar("T", Process, Meeting, Minutes, Document, Contribution, Commitment)


def is_draft(item: Process | Meeting | Minutes | Document | Contribution | Commitment) -> bool:
    # Commitments are entries of a list, with no separate front matter: `draft` is their own.
    return item.draft if isinstance(item, Commitment) else item.data.draft


def published(items: Iterable[T], drafts: bool) -> list[T]:
    """Items to publish: drafts only in a preview."""
    return [item for item in items if drafts or not is_draft(item)]


def file_format(file: str) -> str | None:
    """ "PDF" for `dossier.pdf`; None for Markdown, which is published as a web page."""
    if paths.is_markdown(file):
        return None
    return PurePosixPath(file).suffix.lstrip(".").upper() or None


def osm_search(address: str) -> str:
    """An OpenStreetMap search for the address: a plain link, never embedded tiles."""
    return "https://www.openstreetmap.org/search?query=" + quote_plus(" ".join(address.split()))


def lang_attr(content_language: str, interface_language: str) -> Markup:
    """` lang="xx"` on content written in another language than the interface."""
    if content_language.split("-")[0] == interface_language:
        return Markup("")
    return Markup(' lang="{}"').format(content_language)


def _received_key(contribution: Contribution) -> tuple[dt.datetime, str]:
    received = contribution.data.received
    if not isinstance(received, dt.datetime):
        received = dt.datetime.combine(received, dt.time(), dt.UTC)
    elif received.tzinfo is None:
        received = received.replace(tzinfo=dt.UTC)
    return received, contribution.id


@dataclass(frozen=True)
class PhaseView:
    title: str
    start: dt.date
    end: dt.date | None
    state: str
    """done | current | upcoming, relative to the build's reference date."""


@dataclass
class ProcessView:
    """One process as published: drafts removed, lists sorted, references resolved."""

    process: Process
    today: dt.datetime
    interface_language: str
    drafts: bool = False
    journal: bool = False
    """Whether the process has a journal page (the site is built with its history)."""
    exports: bool = False
    """Whether the process's offline files (PDF, ODT…) are made: its downloads page lists them
    (the page itself always exists: it lists the open data too)."""
    meetings: list[Meeting] = field(init=False)
    minutes: list[Minutes] = field(init=False)
    documents: list[Document] = field(init=False)
    contributions: list[Contribution] = field(init=False)
    commitments: list[Commitment] = field(init=False)

    def __post_init__(self) -> None:
        p = self.process
        self.meetings = sorted(published(p.meetings, self.drafts), key=lambda m: m.data.start)
        meeting_ids = {m.id for m in self.meetings}
        self.minutes = sorted(
            (m for m in published(p.minutes, self.drafts) if m.data.meeting in meeting_ids),
            key=lambda m: self.meeting(m.data.meeting).data.start,
        )
        self.documents = sorted(
            published(p.documents, self.drafts),
            key=lambda d: (d.data.date or dt.date.min, d.id),
            reverse=True,
        )
        self.contributions = sorted(
            published(p.contributions, self.drafts), key=_received_key, reverse=True
        )
        self.commitments = published(p.commitments, self.drafts)

    # ----------------------------------------------------------------- identity

    @property
    def slug(self) -> str:
        return self.process.slug

    @property
    def data(self) -> ProcessFile:
        return self.process.data

    @property
    def language(self) -> str:
        return self.process.data.language or self.interface_language

    @property
    def lang_attr(self) -> Markup:
        return lang_attr(self.language, self.interface_language)

    @property
    def status(self) -> ProcessStatus:
        return process_status(self.process, self.today)

    @property
    def local_today(self) -> dt.date:
        return local_today(self.process, self.today)

    # ----------------------------------------------------------------- lookups

    @cached_property
    def _meetings_by_id(self) -> dict[str, Meeting]:
        return {m.id: m for m in self.meetings}

    @cached_property
    def _contributions_by_id(self) -> dict[str, Contribution]:
        return {c.id: c for c in self.contributions}

    @cached_property
    def _documents_by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    @cached_property
    def themes(self) -> dict[str, Theme]:
        return {theme.id: theme for theme in self.process.data.themes}

    def meeting(self, meeting_id: str) -> Meeting:
        return self._meetings_by_id[meeting_id]

    def find_meeting(self, meeting_id: str | None) -> Meeting | None:
        return self._meetings_by_id.get(meeting_id or "")

    def find_contribution(self, contribution_id: str | None) -> Contribution | None:
        return self._contributions_by_id.get(contribution_id or "")

    def find_document(self, document_id: str | None) -> Document | None:
        return self._documents_by_id.get(document_id or "")

    def superseding(self, document: Document) -> Document | None:
        return next((d for d in self.documents if d.data.supersedes == document.id), None)

    def minutes_of(self, meeting: Meeting) -> list[Minutes]:
        return [m for m in self.minutes if m.data.meeting == meeting.id]

    @cached_property
    def _replies(self) -> dict[str, list[Contribution]]:
        # Indexed once: every contribution page asks, and there may be thousands.
        replies: dict[str, list[Contribution]] = {}
        for item in sorted(self.contributions, key=_received_key):
            if item.data.parent:
                replies.setdefault(item.data.parent, []).append(item)
        return replies

    def replies_to(self, contribution: Contribution) -> list[Contribution]:
        return self._replies.get(contribution.id, [])

    def contributions_at(self, meeting: Meeting) -> list[Contribution]:
        return [c for c in self.contributions if c.data.meeting == meeting.id]

    def commitments_citing(self, contribution: Contribution) -> list[Commitment]:
        return [c for c in self.commitments if contribution.id in c.contributions]

    def cited(self, commitment: Commitment) -> list[Contribution]:
        found = (self.find_contribution(i) for i in commitment.contributions)
        return [c for c in found if c is not None]

    def author(self, contribution: Contribution) -> str | None:
        return shown_author(contribution.data.author, self.process.data.author_display)

    # ----------------------------------------------------------------- derived lists

    @cached_property
    def _reported(self) -> frozenset[str]:
        """The meetings whose minutes are published."""
        return frozenset(m.data.meeting for m in self.minutes)

    def upcoming(self, meeting: Meeting) -> bool:
        return is_upcoming(meeting, self.today, reported=meeting.id in self._reported)

    def upcoming_meetings(self) -> list[Meeting]:
        # Soonest first by the date a postponed meeting was moved to, not its original one.
        upcoming = [m for m in self.meetings if self.upcoming(m)]
        return sorted(upcoming, key=effective_start)

    def past_meetings(self) -> list[Meeting]:
        upcoming = {m.id for m in self.upcoming_meetings()}
        return [m for m in reversed(self.meetings) if m.id not in upcoming]

    def next_meeting(self) -> Meeting | None:
        return next(iter(self.upcoming_meetings()), None)

    def phases(self) -> list[PhaseView]:
        today = self.local_today
        views = []
        for phase in self.process.data.phases:
            if today < phase.start:
                state = "upcoming"
            elif phase.end is not None and today > phase.end:
                state = "done"
            else:
                state = "current"
            views.append(PhaseView(phase.title, phase.start, phase.end, state))
        return views

    def is_answered(self, contribution: Contribution) -> bool:
        return contribution.data.answer is not None

    def answered(self) -> list[Contribution]:
        return [c for c in self.contributions if self.is_answered(c)]

    def local_date(self, moment: dt.datetime) -> dt.date:
        """The calendar day of a moment, in the process's time zone."""
        return moment.astimezone(ZoneInfo(self.process.data.timezone)).date()

    def awaits_answer(self, contribution: Contribution) -> bool:
        return answers.owes_answer(contribution)

    def answer_delay(self, contribution: Contribution) -> int | None:
        """Days from receipt to answer, counted in the process's time zone."""
        return answers.answer_delay(contribution, self.process.data.timezone)

    def is_overdue(self, contribution: Contribution) -> bool:
        return answers.is_overdue(contribution, self.process.data.answer_due, self.local_today)

    @cached_property
    def answer_figures(self) -> answers.AnswerFigures:
        return answers.answer_figures(
            self.contributions,
            zone=self.process.data.timezone,
            today=self.local_today,
            answer_due=self.process.data.answer_due,
        )

    @cached_property
    def charts(self) -> list[Chart]:
        """The contributions by channel, theme and period, labelled in the interface language."""
        return contribution_charts(
            Translator(self.interface_language),
            self.contributions,
            self.process.data.themes,
            self.process.data.timezone,
        )

    def channels(self) -> list[Channel]:
        """Channels actually used, in the vocabulary's order."""
        used = {c.data.channel for c in self.contributions}
        return [channel for channel in Channel if channel in used]

    def attendees(self) -> int:
        return sum(m.data.attendees or 0 for m in self.minutes)

    # ----------------------------------------------------------------- links

    def link(self, item: Meeting | Minutes | Contribution | Document) -> str:
        """The src_uri of an item's own page, or of the file for a non-Markdown document."""
        if isinstance(item, Meeting):
            return paths.meeting(self.slug, item.id)
        if isinstance(item, Minutes):
            return paths.minutes(self.slug, item.id)
        if isinstance(item, Contribution):
            return paths.contribution(self.slug, item.id)
        return paths.document(self.slug, item)

    def source_file(self, file: str) -> str:
        """A file of the process folder, relative to the project root: the key of its trace."""
        return str(PurePosixPath(self.process.source.path).parent / file)

    def file_link(self, file: str) -> str:
        """A file of the process folder: a page for Markdown, else the copied file."""
        return paths.process_file(self.slug, file)

    def sections(self) -> list[tuple[str, str]]:
        """(translation key, src_uri) of the process's own pages, for its local menu."""
        return [
            ("section.overview", paths.process(self.slug)),
            ("section.meetings", paths.meetings(self.slug)),
            ("section.minutes", paths.minutes_index(self.slug)),
            ("section.documents", paths.documents(self.slug)),
            ("section.contributions", paths.contributions(self.slug)),
            ("section.outcome", paths.outcome(self.slug)),
            ("section.downloads", paths.downloads(self.slug)),
            *([("section.journal", paths.journal(self.slug))] if self.journal else []),
        ]
