"""The catalogue: both languages alike, every key the code asks for present, none left unused.

Keys are found where they are written: string literals in generator/ and quoted strings in the
theme's templates. Keys the code builds at run time (an enum value after a prefix) are listed
in `BUILT` with the place that builds them, so a key nobody asks for fails the test.
"""

from __future__ import annotations

import ast
import functools
import re
import typing
from collections.abc import Iterable, Iterator
from enum import StrEnum
from importlib.resources import files
from pathlib import Path

import pytest

from greffier import models
from greffier.enrich.journal import Action
from greffier.enrich.trace import ItemKind, LateReason
from greffier.export.bundle import ExportKind
from greffier.export.opendata import TABLES
from greffier.i18n import LANGUAGES, Catalogue, Wording
from greffier.i18n.catalogue import placeholders
from greffier.load.personal_data import Kind
from greffier.render.pages import PageType
from greffier.render.versions import Gap

ROOT = Path(__file__).resolve().parent.parent
CODE = sorted((ROOT / "generator").rglob("*.py"))
TEMPLATES = sorted((ROOT / "themes").rglob("*.html"))
CATALOGUES = {language: Catalogue.of(language) for language in LANGUAGES}
PLURAL_FORMS = sorted(
    {"other"}.union(*(catalogue.locale.plural_form.tags for catalogue in CATALOGUES.values()))
)
"""The plural categories our languages have in CLDR: `key.one`, `key.other`… are forms of `key`."""


def _values(*enums: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for enum in enums for member in enum)


UNLABELLED = {
    models.AuthorDisplay,  # shown as privacy.display.* and form.published.* (BUILT)
    models.ModerationStatus,  # shown as history.hidden.moderated (BUILT)
}
LABELLED = [
    vocabulary
    for vocabulary in vars(models).values()
    if isinstance(vocabulary, type)
    and issubclass(vocabulary, StrEnum)
    and vocabulary.__module__ == models.__name__
    and vocabulary not in UNLABELLED
]
"""The vocabularies of the files, each value named for readers by `Translator.label`."""

BUILT: dict[str, tuple[str, ...]] = {
    # Translator.label: f"{type(member).__name__}.{member.value}"
    **{f"{vocabulary.__name__}.": _values(vocabulary) for vocabulary in LABELLED},
    # downloads.html: _("downloads.kind." ~ file.kind)
    "downloads.kind.": _values(ExportKind),
    # process.html, print/dossier.html: _("overview.phase." ~ phase.state) (readmodel)
    "overview.phase.": ("upcoming", "current", "done"),
    # print/poster.html: _("poster." ~ called_off) and its "_date" line (posters._called_off)
    "poster.": ("cancelled", "postponed", "cancelled_date", "postponed_date"),
    # print/form.html: _("form.published." ~ d.author_display.value)
    "form.published.": _values(models.AuthorDisplay),
    # privacy.html: _("privacy.display." ~ p.author_display.value)
    "privacy.display.": _values(models.AuthorDisplay),
    # partials/footer.html, accessibility.html: _("accessibility.status." ~ legal.compliance)
    "accessibility.status.": ("none", "partial", "full"),
    # schemas.html: tr.text("schemas.file." ~ name), one per file model (render.pages)
    "schemas.file.": tuple(models.FILE_MODELS),
    # page.html: _("pagetype." ~ g.page_type)
    "pagetype.": typing.get_args(PageType),
    # macros.html: _("history.late." ~ flag.reason.value)
    "history.late.": _values(LateReason),
    # history.html: _("history.hidden." ~ h.hidden) (render.pages._hidden)
    "history.hidden.": ("withdrawn", "moderated"),
    # history.html: _("history.after." ~ entry.after.value)
    "history.after.": _values(Gap),
    # render.journal_pages: f"journal.action.{entry.action.value}"
    "journal.action.": _values(Action),
    # render.journal_pages: f"journal.late.{late.reason.value}"
    "journal.late.": _values(LateReason),
    # render.journal_pages: f"journal.kind.{(entry.kind or 'file')}"
    "journal.kind.": (*_values(ItemKind), "file"),
    # present.figures.channel_chart: f"figures.channels.{key}"
    "figures.channels.": ("digital", "offline"),
    # present.figures: f"figures.time.title.{unit}", header and desc alike
    "figures.time.title.": ("month", "week"),
    "figures.time.header.": ("month", "week"),
    "figures.time.desc.": ("month", "week"),
    # partials/open-data.html: _("opendata.table." ~ table.name)
    "opendata.table.": tuple(table.name for table in TABLES),
    # load.personal_data: f"personal_data.{finding.kind}"
    "personal_data.": _values(Kind),
    # importers.common: f"import.kind.{finding.kind}" and f"import.removed.{finding.kind}"
    "import.kind.": _values(Kind),
    "import.removed.": _values(Kind),
    # load.validate.read_yaml_list: f"list.{what}" (documents, process, redactions loaders)
    "list.": ("documents", "commitments", "redactions"),
    # load.references: f"unknown.{self.what}", f"add.{self.what}", f"draft.{self.what}"
    "unknown.": ("meeting", "contribution", "document", "theme"),
    "add.": ("meeting", "contribution", "document", "theme"),
    "draft.": ("meeting", "contribution", "document"),
    # load.references._check_duplicates: f"duplicate.{what}"
    "duplicate.": ("document", "commitment", "theme"),
    # mkdocs.messages.MkDocsWords: f"level.{record.levelname}"
    "level.": ("DEBUG", "INFO", "WARNING", "ERROR"),
    # mkdocs.messages._in_words: f"mkdocs.kind.{kind}" (MkDocs' "isn't an existing file")
    "mkdocs.kind.": ("file", "directory"),
    # mkdocs.config.settings: f"forge.{error.problem}" (present.forge._checked)
    "forge.": ("scheme", "placeholder", "braces"),
}
"""Keys built at run time: a prefix, and every value the code can put after it."""

OPEN_PREFIXES = (
    # Translator.kind: a process's `kind` is free text; known kinds in words, others as written
    "kind.",
    # Translator.field_name: any field of any file; named fields in words, others by key
    "history.field.",
    # Translator.history_reason: git's refusal; known reasons in words, others as git wrote it
    "history.reason.",
)
"""Keys built from the organiser's data or git's answers, with a fallback for unknown values."""

HINT = ".hint"
"""`say(f"{key}.hint")`: a problem's advice, asked for by whoever reports the problem
(load.messages, load.documents, load.images, load.finder, formats.yaml_lines, load.validate)."""


# --------------------------------------------------------------------------- where keys are used


def _literals() -> set[str]:
    """Every string written in the code and the templates: a key used anywhere is among them."""
    found = set()
    for tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    for path in TEMPLATES:
        found |= set(re.findall(r"""["']([^"'\s]+)["']""", path.read_text("utf-8")))
    return found


def _callee(node: ast.expr) -> str:
    """The name a call is made through: `say`, `text` for `t.text`, `Wording()`…"""
    if isinstance(node, ast.Call):
        return _callee(node.func) + "()" if isinstance(node.func, ast.Call) else _callee(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


KEY_CALLS = frozenset({"say", "text", "_", "tr", "Wording()", "Unusable", "Refused", "FacetGroup"})
"""Python calls whose first argument is a key: the organiser's `say`, the translator's `text`,
and the problems and facets that carry a key until someone words them."""

PLURAL_CALLS = frozenset({"plural"})
"""Calls whose first argument is a plural key: its forms are `key.one`, `key.other`…"""

COUNT_RECEIVERS = frozenset({"say"})
"""`say.count("error", n)`: the plural key `count.error` (Wording.count)."""

_QUOTED = r"""["']([^"']+)["']"""
_CALLER = r"""(?:(?<![\w.])_|\btr\.text|\btr)\(\s*"""
_TEMPLATE_CALL = re.compile(_CALLER + _QUOTED + rf"(?:\s+if\s[^\"']*\selse\s+{_QUOTED})?\s*[,)]")
_TEMPLATE_PLURAL = re.compile(r"\btr\.plural\(\s*" + _QUOTED + r"\s*,")
_TEMPLATE_PREFIX = re.compile(_CALLER + _QUOTED + r"\s*~")


@functools.cache
def _trees() -> tuple[ast.Module, ...]:
    return tuple(ast.parse(path.read_text("utf-8")) for path in CODE)


def _code_calls() -> Iterator[tuple[str, ast.Call]]:
    for tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args:
                yield _callee(node), node


def _first_literal(call: ast.Call) -> str | None:
    first = call.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def _asked() -> set[str]:
    """The keys the code and the templates ask for by name."""
    keys = set()
    for callee, call in _code_calls():
        if callee in KEY_CALLS and (key := _first_literal(call)) is not None:
            keys.add(key)
    for path in TEMPLATES:
        for match in _TEMPLATE_CALL.finditer(path.read_text("utf-8")):
            keys |= {key for key in match.groups() if key}
    return keys


def _plurals() -> set[str]:
    """The plural keys the code and the templates ask for by name."""
    keys = set()
    for callee, call in _code_calls():
        key = _first_literal(call)
        if key is None:
            continue
        if callee in PLURAL_CALLS:
            keys.add(key)
        function = call.func
        if (
            callee == "count"
            and isinstance(function, ast.Attribute)
            and _callee(function.value) in COUNT_RECEIVERS
        ):
            keys.add(f"count.{key}")
    for path in TEMPLATES:
        keys |= set(_TEMPLATE_PLURAL.findall(path.read_text("utf-8")))
    return keys


def _built_prefixes() -> set[str]:
    """The prefixes the code and the templates complete at run time."""
    prefixes = set()
    for callee, call in _code_calls():
        first = call.args[0]
        if callee in KEY_CALLS and isinstance(first, ast.JoinedStr) and first.values:
            head = first.values[0]
            if isinstance(head, ast.Constant) and isinstance(head.value, str):
                prefixes.add(head.value)
    for path in TEMPLATES:
        prefixes |= set(_TEMPLATE_PREFIX.findall(path.read_text("utf-8")))
    return prefixes


def _built_keys() -> set[str]:
    return {prefix + value for prefix, values in BUILT.items() for value in values}


def _base(key: str, suffixes: Iterable[str]) -> str | None:
    for suffix in suffixes:
        if key.endswith(suffix):
            return key.removesuffix(suffix)
    return None


# --------------------------------------------------------------------------- the tests


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    french, english = CATALOGUES["fr"], CATALOGUES["en"]
    assert list(french) == list(english), "same keys, in the same order"
    for key in french:
        assert placeholders(french[key]) == placeholders(english[key]), key
        assert french[key].strip() and english[key].strip(), key


def test_every_key_asked_for_by_name_exists() -> None:
    asked = _asked()
    assert len(asked) > 500, "the scan finds the keys"
    for language, catalogue in CATALOGUES.items():
        assert asked <= set(catalogue), (language, sorted(asked - set(catalogue)))


def test_every_plural_key_has_its_other_form() -> None:
    plurals = _plurals()
    assert {"count.error", "home.count"} <= plurals, "the scan finds the plural keys"
    for language, catalogue in CATALOGUES.items():
        missing = {key for key in plurals if f"{key}.other" not in catalogue}
        assert not missing, (language, sorted(missing))


def test_every_built_key_exists() -> None:
    for language, catalogue in CATALOGUES.items():
        missing = _built_keys() - set(catalogue)
        assert not missing, (language, sorted(missing))


def test_every_prefix_the_code_completes_is_listed() -> None:
    """A new `_("prefix." ~ value)` or f"prefix.{value}" must say here which values it takes."""
    listed = set(BUILT) | set(OPEN_PREFIXES)
    assert _built_prefixes() - listed == set()
    labels = {f"{vocabulary.__name__}." for vocabulary in LABELLED}
    assert set(BUILT) - labels <= _built_prefixes(), "a listed prefix nobody completes"


def _unused(keys: Iterable[str]) -> list[str]:
    literals, built, plurals = _literals(), _built_keys(), _plurals()

    def used(key: str) -> bool:
        if key in literals or key in built or key.startswith(OPEN_PREFIXES):
            return True
        if (base := _base(key, [HINT])) is not None:
            return used(base)
        base = _base(key, [f".{form}" for form in PLURAL_FORMS])
        return base is not None and base in plurals

    return [key for key in keys if not used(key)]


def test_no_key_is_unused() -> None:
    assert _unused(CATALOGUES["fr"]) == []


def test_an_unused_key_is_found() -> None:
    """The check above can fail: a key nobody asks for, or an enum value that does not exist."""
    fakes = ["site.never_asked", "MeetingStatus.adjourned", "home.count.few", "nothing.hint"]
    assert _unused(["site.home", "count.error.one", "link.broken.hint", *fakes]) == fakes


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_files_are_package_data(language: str) -> None:
    assert files("greffier.i18n").joinpath(f"{language}.yml").is_file()


def test_plural_forms_follow_babel() -> None:
    """French counts 0 and 1 as singular, English 1 only; a form a language has no text for
    (French "many", for millions) falls back to `.other`."""
    french, english = CATALOGUES["fr"], CATALOGUES["en"]
    assert [french.plural_key("count.error", n) for n in (0, 1, 2, 1_000_000)] == [
        "count.error.one",
        "count.error.one",
        "count.error.other",
        "count.error.other",
    ]
    assert [english.plural_key("count.error", n) for n in (0, 1, 2)] == [
        "count.error.other",
        "count.error.one",
        "count.error.other",
    ]
    assert [Wording("fr").count("page", n) for n in (0, 1, 2)] == ["0 page", "1 page", "2 pages"]


def test_a_catalogue_is_read_once_per_language() -> None:
    assert Catalogue.of("fr") is Catalogue.of("fr")
    with pytest.raises(ValueError, match="unsupported language 'de'"):
        Catalogue.of("de")
