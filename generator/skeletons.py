"""Commented starting points for the files an organiser writes (`greffier new …`).

Each skeleton is valid as written (`greffier check` passes) and marked `draft: true`, so that a
placeholder is never published by accident: once that line is gone, the loader refuses every
instruction left (`formats.skeleton` says which lines are instructions). Their comments explain
every field, since the people filling them in are organisers, not developers, in the language of
the content: a new process's is the site's; a file of an existing process is in that process's
`language`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .diagnostics import GreffierError
from .formats.skeleton import fill
from .formats.slug import slugify
from .i18n.wording import Wording
from .models import ID_PATTERN, SLUG_PATTERN, Channel, MeetingStatus

DATED_ID = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9][a-z0-9-]*$")
DEFAULT_TIMEZONE = "Europe/Paris"
MEETING_START = dt.time(18, 30)
MEETING_LENGTH = dt.timedelta(hours=2)


class SkeletonError(GreffierError):
    """A `greffier new` request that cannot be honoured; the message says what to do instead."""


@dataclass(frozen=True)
class Skeleton:
    path: Path
    text: str


def process_skeleton(
    processes: Path,
    slug: str,
    *,
    title: str,
    opens: dt.date,
    schemas: Path,
    language: str,
    say: Wording,
) -> list[Skeleton]:
    """`process.yml` and `index.md` of a new process folder; `schemas` holds the JSON Schemas.

    In every function here, `language` is the site's and `say` words the refusals.
    """
    _check_slug(slug, say)
    folder = processes / slug
    if folder.exists():
        raise SkeletonError(f"{folder}: {say('new.process_exists')}")
    schema_dir = Path(os.path.relpath(schemas, folder)).as_posix()
    values = {"slug": slug, "title": _yaml_text(title), "opens": opens.isoformat()}
    return [
        Skeleton(
            folder / "process.yml",
            fill("process.yml", language, schema_dir=schema_dir, **values),
        ),
        Skeleton(folder / "index.md", fill("index.md", language, **values)),
    ]


def meeting_skeleton(
    processes: Path,
    slug: str,
    id_or_title: str,
    *,
    day: dt.date | None,
    today: dt.date,
    language: str,
    say: Wording,
) -> Skeleton:
    """`meetings/<id>.md`; given a title, the id is `<date>-<title as a slug>`."""
    folder = _existing_process(processes, slug, say)
    dated = DATED_ID.match(id_or_title)
    if dated:
        meeting_id = id_or_title
        day = day or dt.date.fromisoformat(dated.group(1))
        title = id_or_title[len(dated.group(1)) + 1 :].replace("-", " ").capitalize()
    else:
        day = day or today
        if not slugify(id_or_title):
            raise SkeletonError(say("new.empty_meeting_id", title=id_or_title))
        meeting_id = f"{day.isoformat()}-{slugify(id_or_title)}"
        title = id_or_title
    return _meeting(folder, meeting_id, title, day, MeetingStatus.scheduled, language)


def held_meeting_skeleton(
    processes: Path,
    slug: str,
    meeting_id: str,
    *,
    title: str,
    day: dt.date,
    language: str,
    say: Wording,
) -> Skeleton:
    """`meetings/<meeting_id>.md` for a meeting that took place: one whose minutes arrive
    before anyone wrote it down."""
    folder = _existing_process(processes, slug, say)
    return _meeting(folder, meeting_id, title, day, MeetingStatus.held, language)


def _meeting(
    folder: Path,
    meeting_id: str,
    title: str,
    day: dt.date,
    status: MeetingStatus,
    language: str,
) -> Skeleton:
    start = dt.datetime.combine(day, MEETING_START, tzinfo=_timezone(folder))
    return Skeleton(
        folder / "meetings" / f"{meeting_id}.md",
        fill(
            "meeting.md",
            _language(folder, language),
            slug=folder.name,
            id=meeting_id,
            title=_yaml_text(title),
            start=start.isoformat(),
            end=(start + MEETING_LENGTH).isoformat(),
            status=status.value,
        ),
    )


def minutes_skeleton(
    processes: Path, slug: str, meeting: str, *, today: dt.date, language: str, say: Wording
) -> Skeleton:
    """`minutes/<meeting>.md`, for a meeting that exists."""
    folder = _existing_process(processes, slug, say)
    require_meeting(folder, meeting, say)
    language = _language(folder, language)
    return Skeleton(
        folder / "minutes" / f"{meeting}.md",
        fill("minutes.md", language, slug=slug, meeting=meeting, today=today.isoformat()),
    )


def require_meeting(folder: Path, meeting: str, say: Wording) -> None:
    """Refuse, listing the known meetings, unless the process in `folder` has `meeting`."""
    meetings = folder / "meetings"
    if (meetings / f"{meeting}.md").is_file():
        return
    known = ", ".join(sorted(path.stem for path in meetings.glob("*.md")))
    how = say("new.meeting_first", slug=folder.name)
    fix = say("unknown.known", known=known, how=how) if known else say("unknown.none_yet", how=how)
    raise SkeletonError(
        f"{meetings / (meeting + '.md')}: {say('unknown.meeting', value=meeting)} ({fix})"
    )


def contribution_skeleton(
    processes: Path,
    slug: str,
    *,
    channel: Channel,
    today: dt.date,
    contribution_id: str | None = None,
    language: str,
    say: Wording,
) -> Skeleton:
    """`contributions/<id>.md`; without an id, the next free `c-NNNN`."""
    folder = _existing_process(processes, slug, say)
    contributions = folder / "contributions"
    if contribution_id is None:
        contribution_id = _next_contribution_id(contributions)
    elif not re.match(ID_PATTERN, contribution_id):
        raise SkeletonError(say("new.contribution_id_invalid", id=contribution_id))
    return Skeleton(
        contributions / f"{contribution_id}.md",
        fill(
            "contribution.md",
            _language(folder, language),
            slug=slug,
            id=contribution_id,
            channel=channel.value,
            today=today.isoformat(),
        ),
    )


def write(skeletons: list[Skeleton], say: Wording) -> None:
    """Write every file, or none if one of them already exists."""
    for skeleton in skeletons:
        if skeleton.path.exists():
            raise SkeletonError(f"{skeleton.path}: {say('new.file_exists')}")
    for skeleton in skeletons:
        skeleton.path.parent.mkdir(parents=True, exist_ok=True)
        skeleton.path.write_text(skeleton.text, encoding="utf-8")


def _check_slug(slug: str, say: Wording) -> None:
    if not re.match(SLUG_PATTERN, slug):
        suggestion = slugify(slug) or say("slug.example")
        raise SkeletonError(say("new.slug_invalid", slug=slug, suggestion=suggestion))


def _existing_process(processes: Path, slug: str, say: Wording) -> Path:
    _check_slug(slug, say)
    folder = processes / slug
    if not (folder / "process.yml").is_file():
        raise SkeletonError(f"{folder / 'process.yml'}: {say('new.no_process', slug=slug)}")
    return folder


def _timezone(folder: Path) -> ZoneInfo:
    # The meeting's offset must be the process's.
    try:
        return ZoneInfo(str(_process_data(folder).get("timezone") or DEFAULT_TIMEZONE))
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def _language(folder: Path, site_language: str) -> str:
    """The language of the process in `folder`: its `language`, else the site's."""
    return str(_process_data(folder).get("language") or site_language)


def _process_data(folder: Path) -> dict[str, Any]:
    # A broken process.yml is `greffier check`'s business: fall back to the defaults rather
    # than refusing to help.
    try:
        data = YAML(typ="safe").load((folder / "process.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _next_contribution_id(contributions: Path) -> str:
    numbers = [
        int(match.group(1))
        for path in contributions.glob("c-*.md")
        if (match := re.fullmatch(r"c-(\d+)", path.stem))
    ]
    return f"c-{max(numbers, default=0) + 1:04d}"


def _yaml_text(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: colons, '#' and quotes stay text.
    return json.dumps(text, ensure_ascii=False)
