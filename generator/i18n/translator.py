"""Interface strings, dates, numbers and sizes in the site's language (French or English).

The strings come from the language's catalogue (`catalogue.py`, one YAML file per language),
filled in HTML-safely for the templates. Dates are always written out ("jeudi 12 mars 2026")
with Babel, and times are shown in the process's own time zone, so a reader never converts
anything.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from babel.units import format_unit
from markupsafe import Markup

from .catalogue import LANGUAGES, Catalogue

__all__ = ["LANGUAGES", "Translator"]

_FIRST_OF_MONTH: Final = re.compile(r"\b1 ")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MOMENT = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
)
"""Dates and moments as YAML and the history write them, shown written out."""
_VOCABULARIES: Final = {
    "status": ("MeetingStatus", "CommitmentStatus", "DispositionStatus"),
    "channel": ("Channel",),
    "kind": ("ContributionKind", "AlternativeKind"),
    "format": ("MeetingFormat",),
}
"""Vocabularies a field's values may come from, tried in order (a field changed in history)."""
_ITEM_FIELDS: Final = {
    "minutes": ("meeting", "published", "approved", "attendees", "authors"),
    "meeting": ("status", "format", "place", "access", "accessibility", "registration"),
    "contribution": (
        "received",
        "channel",
        "kind",
        "themes",
        "author",
        "meeting",
        "parent",
        "source",
    ),
}
_ITEM_LABELS: Final = {
    page_type: {key: f"{page_type}.{key}" for key in keys}
    for page_type, keys in _ITEM_FIELDS.items()
}
"""The labels an item's page gives its fields, by page type: its history and its versions
name a field as its page does ("Published on", not "publication")."""

_SIZE_UNITS: Final = (
    (1024**3, "digital-gigabyte"),
    (1024**2, "digital-megabyte"),
    (1024, "digital-kilobyte"),
)


class Translator:
    """Everything language-dependent the templates print, for one interface language."""

    def __init__(self, language: str) -> None:
        self._catalogue = Catalogue.of(language)
        self.language = language
        self.locale = self._catalogue.locale
        # Pages print the same labels, dates and counts thousands of times; Babel and
        # `Markup.format` are slow enough to be most of a list page's cost.
        self._fixed: dict[str, Markup] = {}
        self._dates: dict[tuple[dt.date, bool], str] = {}
        self._numbers: dict[float, str] = {}

    def text(self, key: str, /, **values: object) -> str:
        """A plain-text string, for page titles and anything that is not HTML."""
        return self._catalogue.text(key, **values)

    def __call__(self, key: str, /, **values: object) -> Markup:
        """An HTML-safe string: placeholders are escaped unless they are Markup themselves."""
        if values:
            return Markup(self._catalogue[key]).format(**values)
        fixed = self._fixed.get(key)
        if fixed is None:
            fixed = self._fixed[key] = Markup(self._catalogue[key]).format()
        return fixed

    def plural(self, key: str, count: int, /, **values: object) -> Markup:
        """`key.one`, `key.other`… for `count`, which fills `{count}` written out as a number."""
        return self(self._catalogue.plural_key(key, count), count=self.number(count), **values)

    def label(self, member: StrEnum) -> str:
        """The reader-facing name of a vocabulary value (a status, a channel…)."""
        return self._catalogue[f"{type(member).__name__}.{member.value}"]

    def kind(self, kind: str) -> str:
        """A process kind: known kinds are translated, others shown as written."""
        return self._known(f"kind.{kind}", kind.replace("-", " ").capitalize())

    def field_name(self, path: tuple[str, ...], page_type: str | None = None) -> str:
        """A changed field, named in words where it has a name ("Réponse › date"), else its key:
        a field of an item of `page_type` as the item's page labels it."""
        item_label = _ITEM_LABELS.get(page_type or "", {}).get(path[0]) if path else None
        names = [self._known(f"history.field.{key}", key) for key in path]
        if item_label is not None:
            names[0] = self.text(item_label)
        named = " › ".join(names)
        return named[:1].upper() + named[1:]

    def field_value(self, key: str, value: str) -> str:
        """A field's value as pages write it: vocabulary values in words ("held" -> "Tenue"),
        dates and moments written out ("2026-10-30" -> "vendredi 30 octobre 2026")."""
        for vocabulary in _VOCABULARIES.get(key, ()):
            if (label := self._catalogue.get(f"{vocabulary}.{value}")) is not None:
                return label
        try:
            if _ISO_DATE.fullmatch(value):
                return self.date(dt.date.fromisoformat(value))
            if _ISO_MOMENT.fullmatch(value):
                # As its author wrote it: in its own offset (UTC without one).
                moment = dt.datetime.fromisoformat(value)
                moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
                return self.text(
                    "meeting.time_start", date=self.date(moment.date()), start=self._clock(moment)
                )
        except ValueError:  # Looks like a date, is none ("2026-13-45"): shown as written.
            pass
        return value

    def history_reason(self, reason: str | None) -> str:
        """Why history is unavailable: known reasons in words, others as git gave them."""
        return self._known(f"history.reason.{reason}", reason or "")

    def _known(self, key: str, fallback: str) -> str:
        """Keys built from the organiser's data or from git: a value without a text is shown
        as written rather than failing the build."""
        known = self._catalogue.get(key)
        return fallback if known is None else known

    def date(self, value: dt.date, long: bool = True) -> str:
        """Written out: "jeudi 12 mars 2026", or "12 mars 2026" where the weekday is noise."""
        key = (value, long)
        text = self._dates.get(key)
        if text is None:
            text = format_date(value, "full" if long else "long", locale=self.locale)
            if self.language == "fr" and value.day == 1:
                # French writes the first of the month as an ordinal; CLDR does not.
                text = _FIRST_OF_MONTH.sub("1er ", text, count=1)
            self._dates[key] = text
        return text

    def time(self, value: dt.datetime, zone: str) -> str:
        """French typography writes "18 h 30" and "18 h" (unbreakable); English "6:30 PM"."""
        return self._clock(value.astimezone(ZoneInfo(zone)))

    def _clock(self, local: dt.datetime) -> str:
        if self.language == "fr":
            return f"{local.hour}\u00a0h" + (f"\u00a0{local.minute:02d}" if local.minute else "")
        return format_time(local, "short", locale=self.locale)

    def local_date(self, value: dt.datetime, zone: str) -> str:
        return self.date(value.astimezone(ZoneInfo(zone)).date())

    def datetime(self, value: dt.datetime | dt.date, zone: str) -> str:
        """A date, with its time when it has one, in the process's time zone."""
        if not isinstance(value, dt.datetime):
            return self.date(value)
        return self.text(
            "meeting.time_start", date=self.local_date(value, zone), start=self.time(value, zone)
        )

    def number(self, value: float) -> str:
        text = self._numbers.get(value)
        if text is None:
            text = self._numbers[value] = format_decimal(value, locale=self.locale)
        return text

    def days(self, value: float) -> str:
        """A number of days written out ("1 jour", "12,5 jours", "12.5 days")."""
        return format_unit(value, "duration-day", "long", locale=self.locale, format="#,##0.#")

    def percent(self, value: float) -> str:
        """A percentage given out of 100 ("87,5 %")."""
        return format_decimal(value, "#,##0.#", locale=self.locale) + (
            "\u202f%" if self.language == "fr" else "%"
        )

    def size(self, value: int) -> str:
        """A file size with binary multiples and the language's units ("1,2 Mo", "1.2 MB"),
        never broken between the number and its unit."""
        for factor, unit in _SIZE_UNITS:
            if value >= factor:
                size = format_unit(
                    value / factor, unit, "short", locale=self.locale, format="#,##0.#"
                )
                break
        else:
            # Babel's short unit does not agree in number ("512 byte"): spell bytes out.
            size = format_unit(value, "digital-byte", "long", locale=self.locale)
        return size.replace(" ", "\u00a0")

    def language_name(self, code: str) -> str:
        return Locale.parse(code.replace("-", "_")).get_display_name(self.locale) or code
