"""The meeting imported minutes belong to: one that exists, or one written with them.

Minutes often arrive for a meeting nobody wrote down beforehand. `--create-meeting` writes it
too, as a held meeting and a draft: dated by `--date`, else by the file's name
(`2026-03-10-reunion-publique.docx`) or the meeting's id; titled by `--title`, else by the
words that follow that date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..diagnostics import GreffierError
from ..formats.frontmatter import (
    FrontMatterMissing,
    FrontMatterUnclosed,
    split_front_matter,
)
from ..formats.slug import slugify
from ..formats.yaml_data import read_yaml_data
from ..i18n.wording import Wording
from ..models import ID_PATTERN
from ..skeletons import Skeleton, held_meeting_skeleton
from .common import Target

_DATED = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})(?:[-_ ]+(?P<words>.*))?")
"""A name that starts with its date: a file's (`2026-03-10-Réunion publique`) or an id."""
_SLUG_LENGTH = 100
"""Ids are at most 120 characters, the date and its dash included."""


@dataclass(frozen=True)
class MinutesMeeting:
    id: str
    new: Skeleton | None = None
    """The meeting's file, written with the minutes, when it does not exist yet."""


def choose_meeting(
    source: Path,
    target: Target,
    say: Wording,
    *,
    language: str,
    meeting: str | None,
    create: bool,
    day: dt.date | None = None,
    title: str | None = None,
) -> MinutesMeeting:
    """The meeting the minutes in `source` are imported into, as the options name it (a new
    meeting's file written in the process's language, else the site's: `language`)."""
    if not create or (meeting and _exists(target, meeting)):
        if meeting is None:
            raise GreffierError(f"{source}: {say('import.minutes.no_meeting')}")
        return MinutesMeeting(meeting)
    # The meeting's id was chosen for the meeting; a file may be dated the day it was written.
    dated = [found for found in (_dated(meeting or ""), _dated(source.stem)) if found]
    day = day or next((found[0] for found in dated), None)
    if day is None:
        raise GreffierError(f"{source}: {say('import.minutes.no_day')}")
    words = next((found[1] for found in dated if found[1]), None)
    title = " ".join((title or words or source.stem).split())
    meeting = meeting or f"{day.isoformat()}-{slugify(title)[:_SLUG_LENGTH].strip('-')}"
    if not slugify(title) or not re.match(ID_PATTERN, meeting):
        raise GreffierError(f"{source}: {say('new.empty_meeting_id', title=title)}")
    if _exists(target, meeting):
        return MinutesMeeting(meeting)
    title = title[:1].upper() + title[1:]
    folder = target.folder
    new = held_meeting_skeleton(
        folder.parent, folder.name, meeting, title=title, day=day, language=language, say=say
    )
    return MinutesMeeting(meeting, new)


def _exists(target: Target, meeting: str) -> bool:
    return (target.folder / "meetings" / f"{meeting}.md").is_file()


def _dated(name: str) -> tuple[dt.date, str] | None:
    """The date a name starts with, and the words after it."""
    found = _DATED.fullmatch(name.strip())
    if found is None:
        return None
    try:
        day = dt.date.fromisoformat(found["day"])
    except ValueError:
        return None
    return day, " ".join(re.sub(r"[-_]+", " ", found["words"] or "").split())


def meeting_day(folder: Path, meeting: str) -> dt.date | None:
    """The day the meeting started, as its file says; None when the file cannot say."""
    try:
        text = (folder / "meetings" / f"{meeting}.md").read_text(encoding="utf-8")
        data = read_yaml_data(split_front_matter(text).yaml)
    except (OSError, ValueError, yaml.YAMLError, FrontMatterMissing, FrontMatterUnclosed):
        return None
    start = data.get("start") if isinstance(data, dict) else None
    if isinstance(start, dt.datetime):
        return start.date()
    try:
        return dt.datetime.fromisoformat(str(start)).date()
    except ValueError:
        return None
