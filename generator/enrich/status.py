"""What "today" is for a build, and the statuses that follow from dates.

A build must depend only on the commit: "today" is `SOURCE_DATE_EPOCH` when set, else the time of
the HEAD commit, so rebuilding the same commit gives the same site.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from ..models import Meeting, MeetingStatus, Process, ProcessStatus


def reference_date(root: Path, environ: dict[str, str] | None = None) -> dt.datetime:
    """The build's "today", timezone-aware (UTC).

    Falls back to the wall clock only outside a git repository, where no commit can pin it.
    """
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    if out.isdigit():
        return dt.datetime.fromtimestamp(int(out), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


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


def is_upcoming(meeting: Meeting, today: dt.datetime) -> bool:
    """A meeting still to come: not cancelled, and not yet started (or postponed to later)."""
    if meeting.data.status is MeetingStatus.cancelled:
        return False
    return effective_start(meeting) >= today
