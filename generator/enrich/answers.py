"""How well a process answers its contributions: share answered, delays, what is still owed.

Pure: contributions in, figures out, with "today" and the process's time zone given, so the same
commit always gives the same figures. Withdrawn and hidden contributions count in the totals
but are owed no answer: their authors or the charter took them out of the conversation.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..models import Contribution


def received_day(contribution: Contribution, zone: str) -> dt.date:
    """The calendar day a contribution was received, in the process's time zone."""
    received = contribution.data.received
    if not isinstance(received, dt.datetime):
        return received
    if received.tzinfo is None:
        return received.date()
    return received.astimezone(ZoneInfo(zone)).date()


def answer_delay(contribution: Contribution, zone: str) -> int | None:
    """Whole days from receipt to the answer's date; None while unanswered."""
    answer = contribution.data.answer
    if answer is None:
        return None
    return (answer.date - received_day(contribution, zone)).days


def owes_answer(contribution: Contribution) -> bool:
    """Still waiting for an answer: not answered, not withdrawn, not hidden by moderation."""
    data = contribution.data
    return data.answer is None and data.withdrawn is None and data.moderation is None


def is_overdue(contribution: Contribution, answer_due: dt.date | None, today: dt.date) -> bool:
    """Owed an answer after the date the organiser promised answers by."""
    return answer_due is not None and today > answer_due and owes_answer(contribution)


@dataclass(frozen=True)
class AnswerFigures:
    """What the process page says about answers; every count includes withdrawn and hidden
    contributions where it counts contributions at all."""

    total: int
    withdrawn: int
    hidden: int
    answered: int
    awaiting: int
    """Owed an answer (see `owes_answer`): the unanswered filter page lists exactly these."""
    overdue: int
    """Of `awaiting`, those past `answer_due`."""
    answered_late: int
    """Answered after `answer_due`."""
    median_delay: float | None
    """Median days from receipt to answer, over answered contributions; None if none is."""
    answer_due: dt.date | None

    @property
    def expecting(self) -> int:
        """Contributions that call for an answer: answered ones and those still owed one."""
        return self.answered + self.awaiting

    @property
    def share_answered(self) -> float | None:
        """Percentage (0-100) of `expecting` that was answered; None when nothing is expected."""
        return 100 * self.answered / self.expecting if self.expecting else None


def answer_figures(
    contributions: Sequence[Contribution],
    *,
    zone: str,
    today: dt.date,
    answer_due: dt.date | None,
) -> AnswerFigures:
    delays = [d for c in contributions if (d := answer_delay(c, zone)) is not None]
    late = sum(
        answer_due is not None and c.data.answer is not None and c.data.answer.date > answer_due
        for c in contributions
    )
    return AnswerFigures(
        total=len(contributions),
        withdrawn=sum(c.data.withdrawn is not None for c in contributions),
        hidden=sum(c.data.moderation is not None for c in contributions),
        answered=len(delays),
        awaiting=sum(map(owes_answer, contributions)),
        overdue=sum(is_overdue(c, answer_due, today) for c in contributions),
        answered_late=late,
        median_delay=statistics.median(delays) if delays else None,
        answer_due=answer_due,
    )
