"""The contributions of a process, counted for its charts: by channel, by theme, over time.

Each function returns a `Chart` whose labels and sentences are in the interface language; the
same object draws the SVG and fills the data table, so the two can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from babel.dates import format_date

from ..enrich.answers import received_day
from ..i18n.translator import Translator
from ..models import Channel, Contribution, Theme
from .charts import Bar, BarGroup, Chart

DIGITAL: tuple[Channel, ...] = (Channel.online, Channel.email)
"""Channels that need a screen; all the others (meetings, workshops, paper, post, phone) are the
ones that reach people who are not online, and the balance between the two is what people ask."""

MONTHLY_AFTER = dt.timedelta(weeks=12)
"""Contributions spread over more than this are counted by month, else by week."""


def _bar(t: Translator, label: str, value: int) -> Bar:
    return Bar(label, value, t.number(value))


def _share(t: Translator, part: int, whole: int) -> str:
    return t.percent(round(100 * part / whole, 1)) if whole else t.percent(0)


def channel_chart(t: Translator, contributions: Sequence[Contribution]) -> Chart:
    counts = Counter(c.data.channel for c in contributions)
    total = len(contributions)
    groups = []
    sums = []
    for key, members in (
        ("digital", DIGITAL),
        ("offline", tuple(ch for ch in Channel if ch not in DIGITAL)),
    ):
        count = sum(counts[ch] for ch in members)
        sums.append(count)
        label = t.text(
            f"figures.channels.{key}",
            count=t.number(count),
            share=_share(t, count, total),
        )
        bars = tuple(_bar(t, t.label(ch), counts[ch]) for ch in members if counts[ch])
        groups.append(BarGroup(label, bars))
    top, top_count = counts.most_common(1)[0] if counts else (None, 0)
    description = t.text(
        "figures.channels.desc",
        total=t.number(total),
        digital=t.number(sums[0]),
        digital_share=_share(t, sums[0], total),
        offline=t.number(sums[1]),
        offline_share=_share(t, sums[1], total),
        top=t.label(top) if top else "",
        top_count=t.number(top_count),
    )
    return Chart(
        key="channels",
        title=t.text("figures.channels.title"),
        description=description,
        category_header=t.text("figures.channels.header"),
        value_header=t.text("figures.contributions"),
        groups=tuple(groups),
    )


def theme_chart(
    t: Translator, contributions: Sequence[Contribution], themes: Sequence[Theme]
) -> Chart:
    counts = Counter(theme for c in contributions for theme in set(c.data.themes))
    bars = [_bar(t, theme.title, counts[theme.id]) for theme in themes]
    # Most cited first: the order people read a ranking in; the sort keeps ties in the
    # process's own order.
    bars.sort(key=lambda bar: -bar.value)
    if bars and bars[0].value:
        description = t.text(
            "figures.themes.desc",
            top=bars[0].label,
            count=bars[0].shown,
            total=t.number(len(contributions)),
        )
    else:
        description = t.text("figures.themes.desc_untagged")
    untagged = sum(not c.data.themes for c in contributions)
    if untagged:
        bars.append(_bar(t, t.text("figures.themes.none"), untagged))
    return Chart(
        key="themes",
        title=t.text("figures.themes.title"),
        description=description,
        category_header=t.text("figures.themes.header"),
        value_header=t.text("figures.contributions"),
        groups=(BarGroup(None, tuple(bars)),),
    )


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def periods(days: Sequence[dt.date]) -> tuple[bool, list[tuple[dt.date, int]]]:
    """(by month?, [(first day of the period, count)]) covering every period from the first
    contribution's to the last one's, empty ones included: a quiet month is a fact too."""
    if not days:
        return False, []
    monthly = max(days) - min(days) > MONTHLY_AFTER
    if monthly:
        start = {day.replace(day=1) for day in days}
        counts = Counter(day.replace(day=1) for day in days)
        step = _next_month
    else:
        start = {_monday(day) for day in days}
        counts = Counter(_monday(day) for day in days)

        def step(day: dt.date) -> dt.date:
            return day + dt.timedelta(weeks=1)

    found, last = min(start), max(start)
    series = []
    while found <= last:
        series.append((found, counts[found]))
        found = step(found)
    return monthly, series


def time_chart(t: Translator, contributions: Sequence[Contribution], zone: str) -> Chart:
    monthly, series = periods([received_day(c, zone) for c in contributions])

    def name(day: dt.date) -> str:
        if monthly:
            return format_date(day, "LLLL y", locale=t.locale)
        return t.text("figures.time.week", date=t.date(day, long=False))

    bars = tuple(_bar(t, name(day), count) for day, count in series)
    unit = "month" if monthly else "week"
    if bars:
        peak = max(bars, key=lambda bar: bar.value)
        description = t.text(
            f"figures.time.desc.{unit}",
            first=bars[0].label,
            last=bars[-1].label,
            peak=peak.label,
            count=peak.shown,
        )
    else:
        description = t.text("figures.empty")
    return Chart(
        key="time",
        title=t.text(f"figures.time.title.{unit}"),
        description=description,
        category_header=t.text(f"figures.time.header.{unit}"),
        value_header=t.text("figures.contributions"),
        groups=(BarGroup(None, bars),),
    )


def contribution_charts(
    t: Translator, contributions: Sequence[Contribution], themes: Sequence[Theme], zone: str
) -> list[Chart]:
    """The process's charts; none without contributions (there is nothing to draw)."""
    if not contributions:
        return []
    charts = [channel_chart(t, contributions)]
    if themes:
        charts.append(theme_chart(t, contributions, themes))
    charts.append(time_chart(t, contributions, zone))
    return charts
