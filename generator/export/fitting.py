"""Print documents that must fit a number of sheets: a notice on one, a form on two.

The template takes a parameter (type scale, number of ruled lines) whose growth only ever adds
pages; a binary search finds the largest value that still fits, rendering a few times.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def page_count(html: str) -> int:
    """Pages of the print HTML as WeasyPrint lays it out (nothing is fetched)."""
    # Imported here, like `pdf.render_pdf`'s: only printing should pay for WeasyPrint.
    from .weasy import page_count as laid_out

    return laid_out(html)


def largest_fitting(candidates: Sequence[T], html_at: Callable[[T], str], pages: int) -> str:
    """The HTML for the first of `candidates` (largest first) that fits in `pages` pages.

    The last candidate is used when none fits: a long text still prints, on more sheets.
    """
    low, high = 0, len(candidates) - 1  # invariant: the answer is in candidates[low:high + 1]
    while low < high:
        middle = (low + high) // 2
        if page_count(html_at(candidates[middle])) <= pages:
            high = middle
        else:
            low = middle + 1
    return html_at(candidates[low])
