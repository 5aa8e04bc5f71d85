"""Interface strings and formats: both languages complete, dates written out, sizes localized."""

from __future__ import annotations

import datetime as dt
import typing
from enum import StrEnum

import pytest
from markupsafe import Markup
from pydantic import BaseModel

from greffier import models
from greffier.i18n.catalogue import Catalogue
from greffier.i18n.translator import Translator
from greffier.present.privacy import initials, shown_author

VOCABULARIES = [
    models.ProcessStatus,
    models.MeetingStatus,
    models.MeetingFormat,
    models.AccessibilityFlag,
    models.Channel,
    models.ContributionKind,
    models.DispositionStatus,
    models.AlternativeKind,
    models.CommitmentStatus,
]
"""The vocabularies readers see, by their label."""


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda cls: cls.__name__)
def test_every_vocabulary_value_has_a_label(language: str, vocabulary: type[StrEnum]) -> None:
    t = Translator(language)
    labels = [t.label(member) for member in vocabulary]
    assert all(labels) and len(set(labels)) == len(labels)


def test_dates_are_written_out() -> None:
    fr, en = Translator("fr"), Translator("en")
    assert fr.date(dt.date(2026, 3, 12)) == "jeudi 12 mars 2026"
    assert fr.date(dt.date(2026, 3, 1)) == "dimanche 1er mars 2026"
    assert fr.date(dt.date(2026, 3, 11), long=False) == "11 mars 2026"
    assert en.date(dt.date(2026, 3, 12)) == "Thursday, March 12, 2026"
    assert en.date(dt.date(2026, 3, 1)) == "Sunday, March 1, 2026"


def test_times_are_shown_in_the_process_time_zone() -> None:
    moment = dt.datetime(2026, 3, 12, 17, 30, tzinfo=dt.UTC)
    assert (
        Translator("fr").datetime(moment, "Europe/Paris")
        == "jeudi 12 mars 2026, à 18\u00a0h\u00a030"
    )
    assert Translator("en").datetime(moment, "America/New_York") == (
        "Thursday, March 12, 2026, at 1:30\u202fPM"
    )
    assert Translator("fr").datetime(dt.date(2026, 3, 12), "Europe/Paris") == "jeudi 12 mars 2026"


def test_numbers_sizes_and_plurals_follow_the_language() -> None:
    fr, en = Translator("fr"), Translator("en")
    assert fr.number(12345) == "12\u202f345" and en.number(12345) == "12,345"
    assert fr.size(2_560_000) == "2,4\u202fMo" and en.size(2_560_000) == "2.4\u00a0MB"
    assert fr.size(512) == "512\u00a0octets" and en.size(512) == "512\u00a0bytes"
    assert fr.plural("contributions.count", 0) == "0 contribution"
    assert en.plural("contributions.count", 0) == "0 contributions"
    assert fr.plural("contributions.count", 1500) == "1\u202f500 contributions"


def test_markup_escapes_values_but_not_markup() -> None:
    t = Translator("fr")
    assert t("home.organiser", organiser="<b>Ville</b>") == "Organisé par &lt;b&gt;Ville&lt;/b&gt;"
    when = Markup('<time datetime="2026-03-12">jeudi 12 mars 2026</time>')
    assert str(t("site.situation", date=when)).endswith(f"{when}")
    assert t.text("home.organiser", organiser="L'Agglo") == "Organisé par L'Agglo"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language 'de'"):
        Translator("de")


def test_process_kinds_are_translated_or_shown_as_written() -> None:
    assert Translator("fr").kind("concertation-prealable") == "Concertation préalable"
    assert Translator("en").kind("debat-public") == "Public debate"
    assert Translator("fr").kind("enquete-publique") == "Enquete publique"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Jeanne Martin", "J. M."),
        ("Jean-Pierre Le Goff", "J.-P. L. G."),
        ("Émilie  Vasseur", "É. V."),
    ],
)
def test_initials(name: str, shown: str) -> None:
    assert initials(name) == shown


def test_author_display() -> None:
    display = models.AuthorDisplay
    assert shown_author("Jeanne Martin", display.full) == "Jeanne Martin"
    assert shown_author("Jeanne Martin", display.initials) == "J. M."
    assert shown_author("Jeanne Martin", display.anonymous) is None
    assert shown_author(None, display.full) is None


def test_every_field_of_a_process_file_has_a_name_in_the_history() -> None:
    """A change to any field of any file is named in the reader's language, never by its YAML
    key ("participate :")."""
    roots = (
        models.ProcessFile,
        models.MeetingFile,
        models.MinutesFile,
        models.ContributionFile,
        models.DocumentEntry,
        models.Commitment,
    )
    keys = set()
    pending: list[type[BaseModel]] = list(roots)
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            keys.add(field.alias or name)
            pending += [t for t in _models_in(field.annotation) if t not in seen]
    for language in ("fr", "en"):
        catalogue = Catalogue.of(language)
        unnamed = sorted(key for key in keys if f"history.field.{key}" not in catalogue)
        assert not unnamed, (language, unnamed)


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models_in(arg)]
