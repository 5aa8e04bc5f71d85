"""iCalendar files of the example processes, parsed back with icalendar, and SEQUENCE read from a
real git repository where a meeting was changed twice."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event
from site_builds import REFERENCE_DAY, REPO
from test_history import Repo, no_enclosing_repository  # noqa: F401 (autouse fixture)

from greffier import paths
from greffier.enrich.history import BlobReader, read_history
from greffier.enrich.status import effective_start
from greffier.enrich.trace import Traces, trace_corpus
from greffier.export.calendar import calendar_files
from greffier.i18n.translator import Translator
from greffier.load import load_corpus
from greffier.models import Corpus, Meeting, MeetingStatus, Process
from greffier.present.readmodel import published

TRAM = "tramway-ligne-b"
SITE_URL = "https://participer.example.org/"
HOST = "participer.example.org"


def write(
    corpus: Corpus,
    *,
    traces: Traces | None = None,
    site_url: str | None = SITE_URL,
    language: str = "fr",
    drafts: bool = False,
) -> dict[str, bytes]:
    return calendar_files(
        corpus,
        traces=traces,
        site_url=site_url,
        translator=Translator(language),
        drafts=drafts,
        today=REFERENCE_DAY,
    )


def events(data: bytes) -> list[Event]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def by_uid(data: bytes) -> dict[str, Event]:
    return {str(event["UID"]): event for event in events(data)}


def uid(process: Process, meeting: Meeting, host: str = HOST) -> str:
    return f"{meeting.id}.{process.slug}@{host}"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    corpus, diagnostics = load_corpus(REPO, reference=REFERENCE_DAY)
    assert not diagnostics.errors, diagnostics.errors
    return corpus


@pytest.fixture(scope="module")
def files(corpus: Corpus) -> dict[str, bytes]:
    return write(corpus)


@pytest.fixture(scope="module")
def tram(corpus: Corpus) -> Process:
    return corpus.process(TRAM)


def only(tram: Process, status: MeetingStatus) -> Meeting:
    found = [m for m in tram.meetings if m.data.status is status and not m.data.draft]
    assert len(found) == 1, f"the tram example should have one {status} meeting"
    return found[0]


def test_process_feed_has_one_event_per_published_meeting(
    files: dict[str, bytes], tram: Process
) -> None:
    expected = {uid(tram, m) for m in published(tram.meetings, drafts=False)}
    assert len(expected) >= 5
    found = events(files[paths.calendar(TRAM)])
    assert len(found) == len(expected)
    assert {str(e["UID"]) for e in found} == expected


def test_statuses(files: dict[str, bytes], tram: Process) -> None:
    feed = by_uid(files[paths.calendar(TRAM)])
    cancelled = only(tram, MeetingStatus.cancelled)
    event = feed.pop(uid(tram, cancelled))
    assert event["STATUS"] == "CANCELLED"
    assert event["SUMMARY"] == f"Annulée : {cancelled.data.title}"
    assert event["SUMMARY"].params["LANGUAGE"] == "fr"
    assert str(cancelled.data.status_reason) in event["DESCRIPTION"]
    # Postponed to a known date: it takes place, then.
    assert {str(e["STATUS"]) for e in feed.values()} == {"CONFIRMED"}


def test_postponed_meeting_at_its_new_date(files: dict[str, bytes], tram: Process) -> None:
    postponed = only(tram, MeetingStatus.postponed)
    data = postponed.data
    assert data.postponed_to is not None and data.end is not None
    event = by_uid(files[paths.calendar(TRAM)])[uid(tram, postponed)]
    assert event.start == data.postponed_to
    assert event.end == data.postponed_to + (data.end - data.start)
    assert event.start != data.start
    # The original date is still told, in words.
    assert "19 novembre 2026" in event["DESCRIPTION"]


def test_times_carry_the_process_time_zone(files: dict[str, bytes], tram: Process) -> None:
    calendar = Calendar.from_ical(files[paths.calendar(TRAM)])
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Paris"]
    assert calendar.get_missing_tzids() == set()
    meetings = {uid(tram, m): m for m in tram.meetings}
    for event in calendar.walk("VEVENT"):
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert event.start.tzinfo == ZoneInfo("Europe/Paris")
        assert event.start == effective_start(meetings[str(event["UID"])])
    # A summer and a winter meeting: offsets come from the VTIMEZONE, not the file's text.
    offsets = {event.start.utcoffset() for event in calendar.walk("VEVENT")}
    assert offsets == {dt.timedelta(hours=2), dt.timedelta(hours=1)}


def test_online_link_and_page_address(files: dict[str, bytes], tram: Process) -> None:
    hybrid = next(m for m in tram.meetings if m.data.format.value == "hybrid" and m.data.online)
    event = by_uid(files[paths.calendar(TRAM)])[uid(tram, hybrid)]
    online = str(hybrid.data.online)
    assert [c.uri for c in event.conferences] == [online]
    assert online in event["DESCRIPTION"]
    page = f"{SITE_URL}{TRAM}/meetings/{hybrid.id}/"
    assert str(event["URL"]) == page
    assert page in event["DESCRIPTION"]
    # The Markdown source's line wrapping is undone; its paragraphs are kept.
    first, second = hybrid.body.strip().split("\n\n")[:2]
    assert "\n" in first
    assert f"{' '.join(first.split())}\n\n{' '.join(second.split())}" in event["DESCRIPTION"]
    assert hybrid.data.place is not None
    assert str(event["LOCATION"]).startswith(hybrid.data.place.name)


def test_uids_are_stable_and_unique(corpus: Corpus, files: dict[str, bytes]) -> None:
    again = write(corpus)
    assert again == files
    site = events(files[paths.SITE_CALENDAR])
    uids = [str(e["UID"]) for e in site]
    assert len(uids) == len(set(uids))
    assert all(u.endswith(f"@{HOST}") for u in uids)
    without_address = write(corpus, site_url=None)
    assert all(str(e["UID"]).endswith("@greffier") for e in events(without_address["agenda.ics"]))
    assert all("URL" not in e for e in events(without_address["agenda.ics"]))


def test_site_feed_is_every_process_feed(corpus: Corpus, files: dict[str, bytes]) -> None:
    processes = published(corpus.processes, drafts=False)
    assert len(processes) >= 2
    per_process = [by_uid(files[paths.calendar(p.slug)]) for p in processes]
    site = by_uid(files[paths.SITE_CALENDAR])
    assert len(site) == sum(len(feed) for feed in per_process)
    assert site.keys() == {u for feed in per_process for u in feed}
    assert Calendar.from_ical(files[paths.SITE_CALENDAR])["X-WR-CALNAME"] == (
        "Toutes les réunions publiques"
    )


def test_site_feed_defines_every_time_zone(corpus: Corpus) -> None:
    overseas = [
        p.model_copy(update={"data": p.data.model_copy(update={"timezone": "America/Cayenne"})})
        if p.slug != TRAM
        else p
        for p in corpus.processes
    ]
    files = write(corpus.model_copy(update={"processes": tuple(overseas)}))
    site = Calendar.from_ical(files[paths.SITE_CALENDAR])
    assert sorted(tz.tz_name for tz in site.timezones) == ["America/Cayenne", "Europe/Paris"]
    assert site.get_missing_tzids() == set()
    assert "X-WR-TIMEZONE" not in site
    zones = {str(e["DTSTART"].params["TZID"]) for e in site.walk("VEVENT")}
    assert zones == {"America/Cayenne", "Europe/Paris"}


def test_one_file_per_meeting_with_the_same_event(files: dict[str, bytes], tram: Process) -> None:
    feed = by_uid(files[paths.calendar(TRAM)])
    for meeting in published(tram.meetings, drafts=False):
        alone = events(files[paths.meeting_calendar(TRAM, meeting.id)])
        assert len(alone) == 1
        assert alone[0].to_ical() == feed[uid(tram, meeting)].to_ical()


def test_rfc5545_basics(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        lines = data.split(b"\r\n")
        assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2:] == [b"END:VCALENDAR", b""], name
        assert data.count(b"\n") == data.count(b"\r\n"), f"{name}: bare LF"
        too_long = [line for line in lines if len(line) > 75]
        assert not too_long, f"{name}: lines longer than 75 octets: {too_long[:2]}"
        calendar = Calendar.from_ical(data)
        calendar.validate()
        assert calendar["VERSION"] == "2.0"
        assert calendar["PRODID"] == "-//Greffier//Greffier//FR"
        for event in calendar.walk("VEVENT"):
            for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "SEQUENCE"):
                assert required in event, f"{name}: VEVENT without {required}"
            assert event["DTSTAMP"].to_ical().endswith(b"Z"), "DTSTAMP must be in UTC"
            assert event["DTSTAMP"].dt == REFERENCE_DAY  # no history: the build's "today"
            assert event["SEQUENCE"] == 0


def test_drafts_only_in_a_preview(corpus: Corpus, tram: Process) -> None:
    hidden = tram.meetings[0]
    draft = hidden.model_copy(update={"data": hidden.data.model_copy(update={"draft": True})})
    changed = tram.model_copy(update={"meetings": (draft, *tram.meetings[1:])})
    others = tuple(p for p in corpus.processes if p.slug != TRAM)
    variant = corpus.model_copy(update={"processes": (changed, *others)})
    published_files = write(variant)
    assert uid(tram, hidden) not in by_uid(published_files[paths.calendar(TRAM)])
    assert uid(tram, hidden) not in by_uid(published_files[paths.SITE_CALENDAR])
    assert paths.meeting_calendar(TRAM, hidden.id) not in published_files
    preview = write(variant, drafts=True)
    assert uid(tram, hidden) in by_uid(preview[paths.calendar(TRAM)])


def test_english_words(corpus: Corpus, tram: Process) -> None:
    cancelled = only(tram, MeetingStatus.cancelled)
    english = write(corpus, language="en")
    event = by_uid(english[paths.calendar(TRAM)])[uid(tram, cancelled)]
    assert event["SUMMARY"] == f"Cancelled: {cancelled.data.title}"
    assert "This meeting is cancelled." in event["DESCRIPTION"]
    assert Calendar.from_ical(english[paths.calendar(TRAM)])["PRODID"].endswith("//EN")


# --------------------------------------------------------------------------- from git history


def utc(month: int, day: int) -> dt.datetime:
    return dt.datetime(2026, month, day, 9, tzinfo=dt.UTC)


def test_sequence_counts_committed_changes(tmp_path: Path) -> None:
    root = tmp_path / "site"
    folder = f"processes/{TRAM}"
    shutil.copytree(REPO / folder, root / folder)
    repo = Repo(root)
    repo.commit("Publish the tram process", utc(9, 20))
    meeting = next((root / folder / "meetings").glob("*-reunion-travaux.md"))
    text = meeting.read_text(encoding="utf-8")
    for number, (old, new, when) in enumerate(
        [
            ("T18:30:00+01:00", "T19:00:00+01:00", utc(11, 2)),
            ("status: scheduled", "status: cancelled", utc(11, 20)),
        ],
        start=1,
    ):
        assert old in text
        text = text.replace(old, new)
        repo.commit(
            f"Change the works meeting, {number}", when, {str(meeting.relative_to(root)): text}
        )

    corpus, diagnostics = load_corpus(root, reference=REFERENCE_DAY)
    assert not diagnostics.errors, diagnostics.errors
    history = read_history(root, paths=("processes",))
    with BlobReader(root) as blobs:
        traces = trace_corpus(corpus, history, blobs=blobs)
    tram = corpus.process(TRAM)
    feed = by_uid(write(corpus, traces=traces)[paths.calendar(TRAM)])

    changed = feed.pop(f"{meeting.stem}.{TRAM}@{HOST}")
    assert changed["SEQUENCE"] == 2
    assert changed["STATUS"] == "CANCELLED"
    assert changed["DTSTAMP"].dt == utc(11, 20)
    assert changed["LAST-MODIFIED"].dt == utc(11, 20)
    assert changed["CREATED"].dt == utc(9, 20)
    assert changed.start.hour == 19
    assert len(feed) == len(published(tram.meetings, drafts=False)) - 1
    for event in feed.values():
        assert event["SEQUENCE"] == 0
        assert event["DTSTAMP"].dt == utc(9, 20)
