"""What the page builder needs to know about the site, free of MkDocs.

The plugin declares these settings once, with their defaults and documentation, as its MkDocs
config options (`generator/mkdocs/config.py`); this is the plain, typed copy the pure page
builder receives, so nothing here has a default of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Audit:
    """An RGAA audit of the published site: without one, the site is "non conforme"."""

    date: dt.date
    auditor: str
    rate: float
    """Share of RGAA criteria met, in percent."""


NOTICE_SECTIONS = {
    "publisher": "legal.publisher",
    "publication_director": "legal.director",
    "contact_email": "legal.contact",
    "host": "legal.host",
}
"""The options the mentions légales cannot do without, each with the heading (a catalogue key)
of the section that says "Non renseigné" while it is empty."""


@dataclass(frozen=True)
class LegalInfo:
    """Who publishes and hosts the site, for the mentions légales and the privacy notice. Fields
    are named after the plugin's options that set them."""

    publisher: str
    publisher_address: str
    publication_director: str
    contact_email: str
    host: str
    host_address: str
    audit: Audit | None

    def unset(self) -> list[tuple[str, str]]:
        """(option, heading) of each section of the mentions légales left "Non renseigné"."""
        return [
            (option, heading)
            for option, heading in NOTICE_SECTIONS.items()
            if not getattr(self, option)
        ]

    @property
    def compliance(self) -> str:
        """RGAA status: "none" without an audit, "partial" from 50 % of criteria met, "full"."""
        if self.audit is None or self.audit.rate < 50:
            return "none"
        return "full" if self.audit.rate >= 100 else "partial"


@dataclass(frozen=True)
class RenderOptions:
    language: str
    site_name: str
    drafts: bool
    page_size: int
    legal: LegalInfo
    calendars: bool
    """The iCalendar files (`export.calendar`) are published: pages link to them."""
