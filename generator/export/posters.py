"""Printed meeting notices (A4 and A3) for notice boards, town halls and shop windows.

One notice per meeting still to come. A cancelled meeting whose date has not passed gets a
cancellation notice instead of nothing: its poster may already hang on a board, and the legal
notice boards are paper, so the way to tell passers-by is another sheet of paper. A postponed
meeting's notice gives the new date and says it was moved.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from .. import paths
from ..enrich.status import effective_start, is_upcoming
from ..i18n.translator import Translator
from ..models import Meeting, MeetingStatus, Process, ProcessStatus
from ..present.readmodel import ProcessView, published
from .fitting import largest_fitting
from .pdf import render_pdf
from .qr import qr_svg
from .templates import print_environment
from .urls import online_url, printable_url

PosterSize = Literal["A4", "A3"]
POSTER_SIZES: tuple[PosterSize, ...] = get_args(PosterSize)

# Body text in points: A3 is A4 scaled by √2, so the same notice reads from further away.
_FONT_SIZE: dict[PosterSize, float] = {"A4": 12.0, "A3": 17.0}
# A notice fills its sheet with the largest type that fits: the scales tried, largest first.
# Long access notes or addresses shrink the type rather than spill onto a second sheet.
_SCALES = (1.45, 1.3, 1.15, 1.0, 0.85, 0.7, 0.55)


def is_cancelled_ahead(meeting: Meeting, today: dt.datetime) -> bool:
    """Cancelled, with its date still to come: a notice must replace the one on the board."""
    return meeting.data.status is MeetingStatus.cancelled and meeting.data.start >= today


def _called_off(meeting: Meeting) -> str | None:
    """Why the notice strikes the date out: cancelled, or postponed to a date not yet known."""
    data = meeting.data
    if data.status is MeetingStatus.cancelled:
        return "cancelled"
    if data.status is MeetingStatus.postponed and data.postponed_to is None:
        return "postponed"
    return None


def poster_meetings(process: Process, today: dt.datetime) -> list[Meeting]:
    """The published meetings that get a notice, soonest first."""
    reported = {m.data.meeting for m in published(process.minutes, drafts=False)}
    chosen = (
        m
        for m in published(process.meetings, drafts=False)
        if is_upcoming(m, today, reported=m.id in reported) or is_cancelled_ahead(m, today)
    )
    return sorted(chosen, key=effective_start)


def meeting_poster_html(
    process: Process,
    meeting: Meeting,
    *,
    translator: Translator,
    site_url: str,
    size: PosterSize,
    today: dt.datetime,
    scale: float = 1.0,
) -> str:
    """The print HTML of one meeting's notice, sized for an A4 or A3 sheet.

    `scale` shrinks the type; `meeting_poster_pdf` picks the largest that fits one sheet.
    """
    if size not in POSTER_SIZES:
        raise ValueError(f"unknown poster size {size!r}: use one of {POSTER_SIZES}")
    view = ProcessView(process, today, translator.language)
    data = meeting.data
    zone = process.data.timezone
    start = effective_start(meeting)
    if data.end is not None and data.postponed_to is None:
        time = translator.text(
            "poster.time_range",
            start=translator.time(start, zone),
            end=translator.time(data.end, zone),
        )
    else:
        time = translator.text("poster.time_start", start=translator.time(start, zone))
    url = online_url(site_url, paths.meeting(process.slug, meeting.id))
    return (
        print_environment(translator)
        .get_template("poster.html")
        .render(
            lang=translator.language,
            title=translator.text("poster.title", title=data.title),
            running_title=process.data.title,
            description=process.data.summary,
            author=process.data.organiser,
            large_print=False,
            page_counter="none",
            view=view,
            meeting=meeting,
            size=size,
            font_size=round(_FONT_SIZE[size] * scale, 2),
            called_off=_called_off(meeting),
            date=translator.local_date(start, zone),
            time=time,
            moved_from=(
                translator.local_date(data.start, zone) if data.postponed_to is not None else None
            ),
            # "Give your views until…" only while contributions are still received.
            closes=view.data.closes if view.status is ProcessStatus.open else None,
            url=printable_url(url),
            qr=qr_svg(url),
            online=printable_url(str(data.online)) if data.online else None,
        )
    )


def meeting_poster_pdf(
    process: Process,
    meeting: Meeting,
    *,
    translator: Translator,
    site_url: str,
    size: PosterSize,
    today: dt.datetime,
) -> bytes:
    """The notice as a tagged PDF on one sheet; the same inputs give the same bytes."""

    def html_at(scale: float) -> str:
        return meeting_poster_html(
            process,
            meeting,
            translator=translator,
            site_url=site_url,
            size=size,
            today=today,
            scale=scale,
        )

    html = largest_fitting(_SCALES, html_at, pages=1)
    identifier = f"{process.slug}/meetings/{meeting.id}/poster-{size}-{translator.language}"
    return render_pdf(html, created=today, identifier=identifier)
