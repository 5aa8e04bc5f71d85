"""The statuses that follow from dates, given the build's "today" (`load.today`)."""

from __future__ import annotations

import datetime as dt

from ..models import Meeting, MeetingStatus, Process, ProcessStatus


def local_today(process: Process, today: dt.datetime) -> dt.date:
    """The calendar date at the process's own time zone."""
    from zoneinfo import ZoneInfo

    return today.astimezone(ZoneInfo(process.data.timezone)).date()


def process_status(process: Process, today: dt.datetime) -> ProcessStatus:
    """Upcoming before `opens`, closed after `closes`, open in between; `status` overrides."""
    if process.data.status is not None:
        return process.data.status
    day = local_today(process, today)
    if day < process.data.opens:
        return ProcessStatus.upcoming
    if process.data.closes is not None and day > process.data.closes:
        return ProcessStatus.closed
    return ProcessStatus.open


def effective_start(meeting: Meeting) -> dt.datetime:
    """When the meeting really takes place: its new date once postponed."""
    return meeting.data.postponed_to or meeting.data.start


def is_upcoming(meeting: Meeting, today: dt.datetime, *, reported: bool) -> bool:
    """A meeting still to come: not yet started (or postponed to later), and neither cancelled
    nor over. A meeting marked held, or `reported` (its minutes are published), is over
    whatever its date says: "today" may be the last commit's, before the meeting took place."""
    if reported or meeting.data.status in (MeetingStatus.cancelled, MeetingStatus.held):
        return False
    return effective_start(meeting) >= today
