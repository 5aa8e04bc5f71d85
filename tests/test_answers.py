"""Answer figures: share answered, median delay, what is owed and overdue, counted honestly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from greffier.enrich.answers import (
    answer_delay,
    answer_figures,
    is_overdue,
    owes_answer,
    received_day,
)
from greffier.models import Contribution, ContributionFile, Located

ZONE = "Europe/Paris"
DUE = dt.date(2026, 11, 30)


def contribution(number: int, received: dt.date | dt.datetime, **data: Any) -> Contribution:
    return Contribution(
        id=f"c-{number}",
        source=Located(path=f"processes/p/contributions/c-{number}.md"),
        data=ContributionFile(received=received, channel="online", **data),
    )


def answered(number: int, received: dt.date | dt.datetime, on: dt.date) -> Contribution:
    answer = {"date": on, "by": "Mission", "text": "Merci."}
    return contribution(number, received, answer=answer)


def test_received_day_is_the_processs_calendar_day() -> None:
    # 23:30 UTC on 1 November is already 2 November in Paris: the delay counts from there.
    late_evening = dt.datetime(2026, 11, 1, 23, 30, tzinfo=dt.UTC)
    assert received_day(contribution(1, late_evening), ZONE) == dt.date(2026, 11, 2)
    assert received_day(contribution(2, dt.date(2026, 11, 1)), ZONE) == dt.date(2026, 11, 1)
    item = answered(3, late_evening, dt.date(2026, 11, 12))
    assert answer_delay(item, ZONE) == 10
    assert answer_delay(contribution(4, late_evening), ZONE) is None


def test_withdrawn_and_hidden_contributions_are_owed_no_answer() -> None:
    withdrawn = contribution(1, dt.date(2026, 10, 1), withdrawn=dt.date(2026, 10, 5))
    hidden = contribution(
        2, dt.date(2026, 10, 1), moderation={"status": "hidden", "reason": "Injures."}
    )
    waiting = contribution(3, dt.date(2026, 10, 1))
    assert [owes_answer(c) for c in (withdrawn, hidden, waiting)] == [False, False, True]
    after = DUE + dt.timedelta(days=1)
    assert [is_overdue(c, DUE, after) for c in (withdrawn, hidden, waiting)] == [
        False,
        False,
        True,
    ]
    assert not is_overdue(waiting, DUE, DUE), "due *by* the date: not late on the day itself"
    assert not is_overdue(waiting, None, after), "no promised date, nothing is late"


def test_figures_count_everything_and_take_the_median_delay() -> None:
    october = dt.date(2026, 10, 1)
    items = [
        answered(1, october, october + dt.timedelta(days=4)),
        answered(2, october, october + dt.timedelta(days=10)),
        answered(3, october, october + dt.timedelta(days=30)),
        answered(4, october, DUE + dt.timedelta(days=3)),
        contribution(5, october),
        contribution(6, october),
        contribution(7, october, withdrawn=dt.date(2026, 10, 5)),
        contribution(8, october, moderation={"status": "hidden", "reason": "Publicité."}),
    ]
    today = DUE + dt.timedelta(days=10)
    figures = answer_figures(items, zone=ZONE, today=today, answer_due=DUE)
    assert figures.total == 8, "withdrawn and hidden contributions count"
    assert (figures.withdrawn, figures.hidden) == (1, 1)
    assert (figures.answered, figures.awaiting, figures.expecting) == (4, 2, 6)
    assert figures.share_answered == pytest.approx(100 * 4 / 6)
    # Delays 4, 10, 30 and 63 days: the median is halfway between the middle two.
    assert figures.median_delay == 20
    assert (figures.overdue, figures.answered_late) == (2, 1)

    before = answer_figures(items, zone=ZONE, today=DUE, answer_due=DUE)
    assert before.overdue == 0


def test_figures_without_answers_or_contributions() -> None:
    none = answer_figures([], zone=ZONE, today=DUE, answer_due=None)
    assert (none.total, none.median_delay, none.share_answered) == (0, None, None)
    only_withdrawn = [contribution(1, DUE, withdrawn=DUE)]
    figures = answer_figures(only_withdrawn, zone=ZONE, today=DUE, answer_due=None)
    assert (figures.total, figures.expecting, figures.share_answered) == (1, 0, None)
