"""Charts: SVG that parses, names and describes itself, and draws exactly the counted figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from lxml import etree

from greffier.i18n.translator import Translator
from greffier.models import Contribution, ContributionFile, Located, Theme
from greffier.present.charts import WIDTH, Bar, BarGroup, Chart, bar_chart
from greffier.present.figures import (
    channel_chart,
    contribution_charts,
    periods,
    theme_chart,
    time_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
ZONE = "Europe/Paris"


def contribution(number: int, channel: str, day: dt.date, **data: Any) -> Contribution:
    return Contribution(
        id=f"c-{number}",
        source=Located(path=f"processes/p/contributions/c-{number}.md"),
        data=ContributionFile(received=day, channel=channel, **data),
    )


def parse(chart: Chart) -> Any:
    return etree.fromstring(str(bar_chart(chart)).encode())


def drawn(svg: Any) -> tuple[list[float], list[str], list[str]]:
    """(bar widths, texts of the values, texts of the labels) as the SVG draws them."""
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    values = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "greffier-chart__value"]
    labels = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "greffier-chart__label"]
    return widths, values, labels


def test_chart_is_an_image_named_and_described_by_its_own_title_and_desc() -> None:
    chart = Chart(
        key="demo",
        title="Contributions <par> moyen",
        description="Gist & figures",
        category_header="Moyen",
        value_header="Contributions",
        groups=(BarGroup(None, (Bar("En ligne", 8, "8"), Bar("Papier", 2, "2"))),),
    )
    svg = parse(chart)
    assert svg.get("role") == "img"
    assert svg.get("width") == "100%"
    assert svg.get("viewBox").startswith(f"0 0 {WIDTH} ")
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title.text == "Contributions <par> moyen" and desc.text == "Gist & figures"
    assert svg.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    widths, values, labels = drawn(svg)
    assert labels == ["En ligne", "Papier"] and values == ["8", "2"]
    assert widths[0] == pytest.approx(4 * widths[1]), "bar lengths are proportional"
    assert max(widths) < WIDTH


def test_zero_draws_no_bar_but_says_zero_and_long_labels_wrap() -> None:
    long = "Environnement, îlots de fraîcheur, arbres d'alignement et biodiversité"
    chart = Chart("z", "T", "D", "C", "V", (BarGroup(None, (Bar(long, 0, "0"), Bar("B", 3, "3"))),))
    widths, values, labels = drawn(parse(chart))
    assert len(widths) == 1 and values == ["0", "3"]
    assert len(labels) == 3 and " ".join(labels[:2]) == long


@pytest.fixture
def contributions() -> list[Contribution]:
    day = dt.date(2026, 10, 5)
    return [
        contribution(1, "online", day, themes=["trace", "stations"]),
        contribution(2, "online", day + dt.timedelta(days=2), themes=["trace"]),
        contribution(3, "email", day + dt.timedelta(days=15)),
        contribution(4, "paper", day + dt.timedelta(days=15), themes=["stations"]),
        contribution(5, "meeting", day + dt.timedelta(days=16), withdrawn=day),
    ]


def test_channels_are_split_between_digital_and_offline(
    contributions: list[Contribution],
) -> None:
    chart = channel_chart(Translator("fr"), contributions)
    digital, offline = chart.groups
    assert [(b.label, b.value) for b in digital.bars] == [("En ligne", 2), ("Par courriel", 1)]
    assert [(b.label, b.value) for b in offline.bars] == [
        ("En réunion", 1),
        ("Sur papier (registre)", 1),
    ]
    assert digital.label is not None and "3, soit 60\u202f%" in digital.label
    assert offline.label is not None and "2, soit 40\u202f%" in offline.label
    assert "5 au total" in chart.description and "En ligne (2)" in chart.description
    svg = parse(chart)
    groups = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "greffier-chart__group"]
    assert any("Numérique" in line for line in groups), "groups are named, not only coloured"
    assert {r.get("fill") for r in svg.iter(f"{SVG}rect")} == {"#3949ab", "#00695c"}


def test_themes_ranked_with_untagged_last(contributions: list[Contribution]) -> None:
    themes = [Theme(id="stations", title="Stations"), Theme(id="trace", title="Tracé")]
    chart = theme_chart(Translator("en"), contributions, themes)
    assert [(b.label, b.value) for b in chart.bars] == [
        ("Stations", 2),
        ("Tracé", 2),
        ("No theme", 2),
    ]
    assert chart.description.startswith("Most cited theme: Stations, in 2 of the 5")


def test_periods_fill_quiet_weeks_and_switch_to_months() -> None:
    monday = dt.date(2026, 10, 5)
    by_week = periods([monday + dt.timedelta(days=2), monday + dt.timedelta(days=22)])
    assert by_week == (
        False,
        [
            (monday, 1),
            (dt.date(2026, 10, 12), 0),
            (dt.date(2026, 10, 19), 0),
            (dt.date(2026, 10, 26), 1),
        ],
    )
    by_month = periods([dt.date(2026, 9, 30), dt.date(2027, 1, 2), dt.date(2027, 1, 3)])
    assert by_month == (
        True,
        [
            (dt.date(2026, 9, 1), 1),
            (dt.date(2026, 10, 1), 0),
            (dt.date(2026, 11, 1), 0),
            (dt.date(2026, 12, 1), 0),
            (dt.date(2027, 1, 1), 2),
        ],
    )
    assert periods([]) == (False, [])


def test_time_chart_writes_periods_out(contributions: list[Contribution]) -> None:
    weekly = time_chart(Translator("fr"), contributions, ZONE)
    assert [(b.label, b.value) for b in weekly.bars] == [
        ("Semaine du 5 octobre 2026", 2),
        ("Semaine du 12 octobre 2026", 0),
        ("Semaine du 19 octobre 2026", 3),
    ]
    assert weekly.title == "Contributions reçues par semaine"
    spread = [contribution(1, "online", dt.date(2026, 7, 14)), *contributions]
    monthly = time_chart(Translator("en"), spread, ZONE)
    assert [(b.label, b.value) for b in monthly.bars] == [
        ("July 2026", 1),
        ("August 2026", 0),
        ("September 2026", 0),
        ("October 2026", 5),
    ]
    assert "Busiest month: October 2026 (5)" in monthly.description


def test_no_chart_without_contributions() -> None:
    assert contribution_charts(Translator("fr"), [], [], ZONE) == []
