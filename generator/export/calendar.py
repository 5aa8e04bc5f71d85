"""iCalendar (RFC 5545) files of the meetings: one feed per process, one for the whole site, and
one file per meeting for "add to my calendar".

Calendar applications recognise an event by its UID and keep the copy with the highest SEQUENCE,
so both come from the record itself: the UID from the meeting's id and process (never random, so
importing a meeting then subscribing to its process does not duplicate it), the SEQUENCE from the
number of committed changes of its file. DTSTAMP is the file's last commit, else the build's
"today": the bytes depend only on the commit, never on the wall clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import STATUS, Calendar, Conference, Event, Timezone, vDuration, vText

from .. import paths
from ..enrich.status import effective_start
from ..enrich.trace import Traces
from ..i18n.translator import Translator
from ..models import AgendaItem, Corpus, Meeting, MeetingFormat, MeetingStatus
from ..paths import page_url
from ..present.readmodel import ProcessView, published

MEDIA_TYPE = "text/calendar"
DEFAULT_HOST = "greffier"
"""The UIDs' domain when the site has no address yet."""
REFRESH = dt.timedelta(days=1)
"""How often subscribed applications should read a feed again."""

_HARD_WRAP = re.compile(r"(?<=\S)\n(?![ \t]*(?:[-*+>#|]|\d+[.)])\s)(?=\S)")
"""A newline inside a Markdown paragraph: the source's wrapping, not the text's."""
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""Everything that some reader takes for the end of a line (Python's `str.splitlines`)."""
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_JOINED_LINES = re.compile(r"[ \t]*\n[ \t]*")


def calendar_files(
    corpus: Corpus,
    *,
    traces: Traces | None,
    site_url: str | None,
    translator: Translator,
    drafts: bool,
    today: dt.datetime,
    use_directory_urls: bool = True,
) -> dict[str, bytes]:
    """Every calendar of the site, by path in it (see `paths.calendar`, `paths.meeting_calendar`
    and `paths.SITE_CALENDAR`); drafts only in a preview.

    `traces` (None without history) give each event its SEQUENCE and DTSTAMP; `site_url` the
    events' page addresses, and the UIDs' domain.
    """
    writer = _Writer(traces, site_url, translator, today, use_directory_urls)
    files: dict[str, bytes] = {}
    everything: list[_Entry] = []
    for process in published(corpus.processes, drafts):
        view = ProcessView(process, today, translator.language, drafts)
        entries = [writer.entry(view, meeting) for meeting in view.meetings]
        files[paths.calendar(view.slug)] = writer.calendar(
            entries,
            name=view.data.title,
            description=view.data.summary,
            zones=[view.data.timezone],
            page=paths.meetings(view.slug),
            feed=paths.calendar(view.slug),
        )
        for entry in entries:
            files[entry.file] = writer.calendar(
                [entry],
                name=entry.meeting.data.title,
                description=view.data.title,
                zones=[view.data.timezone],
                page=paths.meeting(view.slug, entry.meeting.id),
                feed=entry.file,
            )
        everything += entries
    zones = sorted({p.data.timezone for p in published(corpus.processes, drafts)})
    files[paths.SITE_CALENDAR] = writer.calendar(
        everything,
        name=translator.text("calendar.site_title"),
        description=None,
        zones=zones,
        page=paths.HOME,
        feed=paths.SITE_CALENDAR,
    )
    return files


@dataclass(frozen=True)
class _Entry:
    meeting: Meeting
    file: str
    """The meeting's own calendar file."""
    event: Event


@dataclass(frozen=True)
class _Writer:
    traces: Traces | None
    site_url: str | None
    t: Translator
    today: dt.datetime
    use_directory_urls: bool

    @property
    def host(self) -> str:
        return (urlsplit(self.site_url).hostname if self.site_url else None) or DEFAULT_HOST

    def url(self, src_uri: str) -> str | None:
        if not self.site_url:
            return None
        base = self.site_url if self.site_url.endswith("/") else f"{self.site_url}/"
        return base + page_url(src_uri, self.use_directory_urls)

    def calendar(
        self,
        entries: Iterable[_Entry],
        *,
        name: str,
        description: str | None,
        zones: list[str],
        page: str,
        feed: str,
    ) -> bytes:
        events = sorted(
            (entry.event for entry in entries), key=lambda e: (e.start, str(e.get("UID")))
        )
        calendar = Calendar()
        calendar.prodid = f"-//Greffier//Greffier//{self.t.language.upper()}"
        calendar.version = "2.0"
        calendar.calscale = "GREGORIAN"
        calendar.method = "PUBLISH"
        # As vText, which escapes: the API's `calendar_name` and `description` write X-WR-CALNAME
        # and X-WR-CALDESC unescaped, and a line break there ends the content line.
        for property_name in ("NAME", "X-WR-CALNAME"):
            calendar.add(property_name, vText(_one_line(name)))
        if description:
            for property_name in ("DESCRIPTION", "X-WR-CALDESC"):
                calendar.add(property_name, vText(_text(description)))
        if len(zones) == 1:
            calendar.add("X-WR-TIMEZONE", zones[0])
        calendar.refresh_interval = REFRESH
        calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
        calendar.url = self.url(page)
        calendar.source = self.url(feed)
        # Always the zones' definitions, even without events: a calendar needs one component.
        years = [event.start.year for event in events] or [self.today.year]
        for zone in zones:
            calendar.add_component(
                Timezone.from_tzid(
                    zone,
                    first_date=dt.date(min(years), 1, 1),
                    last_date=dt.date(max(years) + 1, 1, 1),
                )
            )
        for event in events:
            calendar.add_component(event)
        return calendar.to_ical()

    def entry(self, view: ProcessView, meeting: Meeting) -> _Entry:
        data, zone = meeting.data, ZoneInfo(view.data.timezone)
        start = effective_start(meeting)
        event = Event()
        event.uid = f"{meeting.id}.{view.slug}@{self.host}"
        trace = self.traces.get(meeting.source.path) if self.traces is not None else None
        last = trace.last_changed if trace is not None else None
        event.stamp = (last.date if last is not None else self.today).astimezone(dt.UTC)
        event.sequence = max(trace.version_count - 1, 0) if trace is not None else 0
        if trace is not None and trace.first_published is not None and last is not None:
            event.created = trace.first_published.date.astimezone(dt.UTC)
            event.last_modified = last.date.astimezone(dt.UTC)
        event.start = start.astimezone(zone)
        if data.end is not None:
            event.end = (start + (data.end - data.start)).astimezone(zone)
        status = _status(meeting)
        event.status = status
        summary = data.title
        if status is STATUS.CANCELLED:
            key = (
                "calendar.cancelled"
                if data.status is MeetingStatus.cancelled
                else "calendar.postponed"
            )
            summary = self.t.text(key, title=data.title)
        event.add("SUMMARY", _one_line(summary), parameters={"LANGUAGE": view.language})
        page = self.url(paths.meeting(view.slug, meeting.id))
        event.add("DESCRIPTION", _text(self.description(view, meeting, page)))
        location = _location(meeting)
        if location:
            event.add("LOCATION", _one_line(location), parameters={"LANGUAGE": view.language})
        if data.online is not None and data.format is not MeetingFormat.in_person:
            event.conferences = [
                Conference(
                    str(data.online),
                    feature="AUDIO,VIDEO",
                    label=self.t.text("meeting.online_link"),
                    language=self.t.language,
                )
            ]
        if page is not None:
            event.url = page
        return _Entry(meeting, paths.meeting_calendar(view.slug, meeting.id), event)

    def description(self, view: ProcessView, meeting: Meeting, page: str | None) -> str:
        """Plain text: what happens to the meeting, what it is about, how to take part, and
        the address of its page."""
        t, data, zone = self.t, meeting.data, view.data.timezone
        blocks: list[str] = []
        notice = []
        if data.status is MeetingStatus.cancelled:
            notice.append(t.text("meeting.cancelled"))
        elif data.postponed_to is not None:
            notice.append(t.text("calendar.postponed_from", date=t.datetime(data.start, zone)))
        elif data.status is MeetingStatus.postponed:
            notice.append(t.text("meeting.postponed"))
        if data.status_reason and notice:
            notice.append(t.text("meeting.reason", reason=data.status_reason))
        blocks.append("\n".join(notice))
        blocks.append(_HARD_WRAP.sub(" ", meeting.body.strip()))
        if data.agenda:
            items = [f"- {self.agenda_item(item)}" for item in data.agenda]
            blocks.append("\n".join([t.text("meeting.agenda"), *items]))
        facts: Mapping[str, str | None] = {
            "meeting.format": t.label(data.format),
            "meeting.place": _location(meeting) if data.place else None,
            "meeting.access": data.place.access if data.place else None,
            "meeting.accessibility": "; ".join(t.label(flag) for flag in data.accessibility)
            or None,
            "meeting.online": str(data.online) if data.online else None,
            "meeting.registration": data.registration,
        }
        blocks.append("\n".join(self.label(key, value) for key, value in facts.items() if value))
        footer = [t.text("calendar.process", title=view.data.title)]
        if page is not None:
            footer.append(t.text("calendar.page", url=page))
        blocks.append("\n".join(footer))
        return "\n\n".join(block for block in blocks if block)

    def label(self, key: str, value: str) -> str:
        return self.t.text("site.labelled", label=self.t.text(key), value=value)

    def agenda_item(self, item: AgendaItem | str) -> str:
        if isinstance(item, str):
            return item
        details = []
        if item.duration:
            details.append(self.t.text("duration.minutes", count=self.t.number(item.duration)))
        if item.speaker:
            details.append(item.speaker)
        return f"{item.title} ({', '.join(details)})" if details else item.title


def _status(meeting: Meeting) -> STATUS:
    """Cancelled, or postponed with no new date yet: the announced time no longer holds."""
    data = meeting.data
    if data.status is MeetingStatus.cancelled:
        return STATUS.CANCELLED
    if data.status is MeetingStatus.postponed and data.postponed_to is None:
        return STATUS.CANCELLED
    return STATUS.CONFIRMED


def _location(meeting: Meeting) -> str | None:
    """The place and its address on one line; the link itself for a meeting held only online."""
    data = meeting.data
    if data.place is not None:
        parts = [data.place.name, *(data.place.address or "").splitlines()]
        return ", ".join(part.strip() for part in parts if part.strip())
    return str(data.online) if data.online is not None else None


def _text(value: str) -> str:
    """`value` as RFC 5545 TEXT allows it: `\\n` is the only line break (vText escapes it),
    and no other control character is allowed."""
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", value))


def _one_line(value: str) -> str:
    """A title or a place on one line, whatever line breaks its YAML held (`title: |`)."""
    return _JOINED_LINES.sub(" ", _text(value)).strip(" \t")
