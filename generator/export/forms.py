"""Paper contribution forms: one per open process, to print, fill in by hand and hand back.

The form says what will be published (the process's `author_display` policy) before anyone
writes their name, and the organiser records each returned form as a `channel: paper`
contribution (see the organisers' guide).
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from .. import paths
from ..enrich.status import process_status
from ..i18n.translator import Translator
from ..models import Process, ProcessStatus
from ..present.readmodel import ProcessView
from .fitting import largest_fitting
from .pdf import render_pdf
from .qr import qr_svg
from .templates import print_environment
from .urls import online_url, printable_url

# Ruled lines for the free text, most first: as many as fit on two sheets with the rest.
_WRITING_LINES = tuple(range(30, 5, -3))
_PAGE_COUNTER = Markup('counter(page) " / " counter(pages)')


def has_paper_form(process: Process, today: dt.datetime) -> bool:
    """Only an open, published process receives contributions, on paper or otherwise."""
    return not process.data.draft and process_status(process, today) is ProcessStatus.open


def contribution_form_html(
    process: Process,
    *,
    translator: Translator,
    site_url: str,
    today: dt.datetime,
    writing_lines: int = _WRITING_LINES[-1],
) -> str:
    """The print HTML of the process's paper contribution form, on A4.

    `contribution_form_pdf` picks the number of ruled lines that fills two sheets.
    """
    view = ProcessView(process, today, translator.language)
    url = online_url(site_url, paths.contributions(process.slug))
    return (
        print_environment(translator)
        .get_template("form.html")
        .render(
            lang=translator.language,
            title=translator.text("form.title", title=process.data.title),
            running_title=process.data.title,
            description=process.data.summary,
            author=process.data.organiser,
            large_print=False,
            page_counter=_PAGE_COUNTER,
            view=view,
            meetings=view.upcoming_meetings(),
            writing_lines=writing_lines,
            url=printable_url(url),
            qr=qr_svg(url),
        )
    )


def contribution_form_pdf(
    process: Process, *, translator: Translator, site_url: str, today: dt.datetime
) -> bytes:
    """The form as a tagged PDF on two sheets; the same inputs give the same bytes."""

    def html_at(lines: int) -> str:
        return contribution_form_html(
            process, translator=translator, site_url=site_url, today=today, writing_lines=lines
        )

    html = largest_fitting(_WRITING_LINES, html_at, pages=2)
    identifier = f"{process.slug}/contribution-form-{translator.language}"
    return render_pdf(html, created=today, identifier=identifier)
