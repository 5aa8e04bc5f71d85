"""Dates that must come in order: each file can be well-formed and still say a process closes
before it opens, or a meeting ends before it starts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..diagnostics import Report, SourceLocation
from .references import Contents


def check_dates(contents: Contents, diagnostics: Report) -> None:
    process = contents.process
    if process is not None:
        data = process.item
        _in_order(process.at, data.opens, ("opens",), data.closes, ("closes",), diagnostics)
        for index, phase in enumerate(data.phases):
            start, end = ("phases", index, "start"), ("phases", index, "end")
            _in_order(process.at, phase.start, start, phase.end, end, diagnostics)
    for meeting in contents.meetings:
        data_m = meeting.item.data
        _in_order(meeting.at, data_m.start, ("start",), data_m.end, ("end",), diagnostics)


def _in_order(
    at: Callable[..., SourceLocation],
    first: dt.date,
    first_key: tuple[str | int, ...],
    then: dt.date | None,
    then_key: tuple[str | int, ...],
    diagnostics: Report,
) -> None:
    if then is not None and then < first:
        diagnostics.error(
            at(*then_key),
            diagnostics.say(
                "dates.order",
                then=then_key[-1],
                then_value=then.isoformat(),
                first=first_key[-1],
                first_value=first.isoformat(),
            ),
            diagnostics.say("dates.order.hint", then=then_key[-1], first=first_key[-1]),
        )
