"""Dates as exports write them: Decidim's, a form's own format, or a count of seconds.

Python's `strptime` reads `%Z` only as UTC, GMT or the machine's own zone names, and then forgets
the zone: `18:00 UTC` would become 18:00 in the process's zone, an hour off in Paris. A `%Z` here
is an IANA zone name (`Europe/Paris`, `UTC`) read with zoneinfo, so the moment is the one written.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

_DAY_FIRST = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d/%m/%y")
_EPOCH = re.compile(r"(?P<seconds>\d{10})(?:\.\d+)?|(?P<milliseconds>\d{13})(?:\.\d+)?")
"""Seconds or milliseconds since 1970, as Unix tools and Polis write them: only with 10 or 13
digits (2001 to 2286), so that a compact date such as 20260310 is never read as one."""
_ZONE_MARK = "%Z"
"""What stands for the zone once it is read: `%%Z` in the format matches it literally."""


@cache
def known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def parse_received(
    text: str, date_format: str | None, zone: ZoneInfo
) -> dt.datetime | dt.date | None:
    """A date or date-time: the mapping's format, else seconds or milliseconds since 1970,
    ISO 8601 or day-first French forms. A time written without its zone is in `zone`."""
    text = " ".join(text.split())
    if not date_format:
        epoch = _EPOCH.fullmatch(text)
        if epoch:
            seconds = float(text) / (1000 if epoch["milliseconds"] else 1)
            return dt.datetime.fromtimestamp(seconds, tz=zone)
    parsed = _formatted(text, date_format)
    if isinstance(parsed, dt.datetime) and parsed.tzinfo is None:
        return parsed.replace(tzinfo=zone)
    return parsed


def _formatted(text: str, date_format: str | None) -> dt.datetime | dt.date | None:
    for pattern in (date_format,) if date_format else _DAY_FIRST:
        parsed = zoned_strptime(text, pattern)
        if parsed is not None:
            has_time = any(code in pattern for code in ("%H", "%M", "%I"))
            return parsed if has_time else parsed.date()
    if date_format:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return parse_time(text)


def zoned_strptime(text: str, pattern: str) -> dt.datetime | None:
    """`strptime`, with `%Z` read as a zone name of the tz database."""
    if _ZONE_MARK not in pattern:
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            return None
    literal = pattern.replace(_ZONE_MARK, "%" + _ZONE_MARK)
    words = text.split(" ")
    for index, word in enumerate(words):
        if word not in known_zones():
            continue
        marked = " ".join([*words[:index], _ZONE_MARK, *words[index + 1 :]])
        try:
            parsed = dt.datetime.strptime(marked, literal)
        except ValueError:
            continue
        return parsed.replace(tzinfo=ZoneInfo(word))
    return None


def parse_time(text: str) -> dt.datetime | None:
    """Decidim's `2019-01-17 10:38:20 +0100`, ISO 8601, or `… UTC`."""
    text = text.strip()
    for pattern in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S %Z"):
        parsed = zoned_strptime(text, pattern)
        if parsed is not None and parsed.tzinfo is not None:
            return parsed if representable(parsed) else None
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo and representable(parsed) else None


def representable(moment: dt.datetime | dt.date) -> bool:
    """Whether a date-time can be shown in any time zone: year 1 or 9999 with an offset
    cannot, and would stop the import or the build."""
    if not isinstance(moment, dt.datetime) or moment.tzinfo is None:
        return True
    try:
        moment.astimezone(dt.UTC)
        (moment - dt.timedelta(days=1)).astimezone(dt.UTC)
        (moment + dt.timedelta(days=1)).astimezone(dt.UTC)
    except OverflowError:
        return False
    return True
