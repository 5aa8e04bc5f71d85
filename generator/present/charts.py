"""Bar charts as inline SVG: drawn at build time, no script, no library, readable without colour.

Pure: a `Chart` (labels already in the page's language, numbers already formatted) in, SVG
`Markup` out. Bars are horizontal, each under its own label, so long theme names wrap instead of
crowding an axis and the chart reflows down to 320 px; every bar carries its number, and groups
are named in text, so nothing is said by colour alone. The template prints the same `Chart` as a
data table right after the picture (see greffier/partials/figures.html).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 360
"""viewBox width: the chart is scaled to its container, so this only sets the proportions."""
FONT = 14
LINE = 18
"""Height of a line of text."""
BAR = 16
GAP = 10
"""Space after each bar."""
VALUE_SPACE = 56
"""Room kept right of the longest bar for its number."""
WRAP = 44
"""Characters per label line: about what WIDTH holds at FONT in a proportional font."""
COLOURS = ("#3949ab", "#00695c")
"""Bar fills per group, each over 3:1 against white (WCAG 1.4.11): indigo, then teal."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    shown: str
    """The value as the page writes it ("1 234")."""


@dataclass(frozen=True)
class BarGroup:
    label: str | None
    """Said above the group's bars (and in the table); None for a chart of one group."""
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    key: str
    """Unique on its page: the ids of the SVG's title and description derive from it."""
    title: str
    description: str
    """The gist, in a sentence or two: what a screen reader says for the picture."""
    category_header: str
    value_header: str
    groups: tuple[BarGroup, ...]

    @property
    def bars(self) -> tuple[Bar, ...]:
        return tuple(bar for group in self.groups for bar in group.bars)

    @property
    def dom_id(self) -> str:
        return f"greffier-chart-{self.key}"

    def svg(self) -> Markup:
        return bar_chart(self)


def _text(x: float, y: float, content: str, css: str, anchor: str = "start") -> Markup:
    return Markup(
        '<text x="{}" y="{}" class="{}" font-size="{}" fill="currentColor"{}>{}</text>'
    ).format(
        _n(x),
        _n(y),
        css,
        FONT,
        Markup(' text-anchor="end"') if anchor == "end" else Markup(""),
        content,
    )


def _n(value: float) -> str:
    """SVG coordinates: short and locale-free."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_chart(chart: Chart) -> Markup:
    """The chart as an `<svg role="img">` labelled by its own <title> and <desc>."""
    top = max((bar.value for bar in chart.bars), default=0)
    scale = (WIDTH - VALUE_SPACE) / top if top else 0.0
    shapes: list[Markup] = []
    y = 0.0
    for number, group in enumerate(chart.groups):
        colour = COLOURS[number % len(COLOURS)]
        if group.label is not None:
            for line in textwrap.wrap(group.label, WRAP):
                y += LINE
                shapes.append(_text(0, y - 4, escape(line), "greffier-chart__group"))
        for bar in group.bars:
            for line in textwrap.wrap(bar.label, WRAP) or [""]:
                y += LINE
                shapes.append(_text(0, y - 4, escape(line), "greffier-chart__label"))
            length = bar.value * scale
            if bar.value:
                # A sliver stays visible for the smallest non-zero value next to a huge one.
                shapes.append(
                    Markup(
                        '<rect x="0" y="{}" width="{}" height="{}" fill="{}"'
                        ' class="greffier-chart__bar"/>'
                    ).format(_n(y + 2), _n(max(length, 2)), BAR, colour)
                )
            shapes.append(
                _text(max(length, 2) + 6, y + BAR, escape(bar.shown), "greffier-chart__value")
            )
            y += BAR + GAP
    height = max(y, LINE)
    title_id, desc_id = f"{chart.dom_id}-title", f"{chart.dom_id}-desc"
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="greffier-chart" id="{id}"'
        ' viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{t} {d}">'
        '<title id="{t}">{title}</title><desc id="{d}">{desc}</desc>{shapes}</svg>'
    ).format(
        id=chart.dom_id,
        w=WIDTH,
        h=_n(height),
        t=title_id,
        d=desc_id,
        title=chart.title,
        desc=chart.description,
        shapes=Markup("").join(shapes),
    )
