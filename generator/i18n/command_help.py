"""The `greffier` command's help and Click's own words, in the language of the run.

The help is written in English in generator/cli.py (docstrings and `help=`), the way Click reads
it; `help.fr.yml` gives each text in French, keyed by the English (whitespace collapsed,
paragraphs apart), as gettext catalogues are. Click words its usage lines and errors ("Usage:",
"Missing option") through `gettext`, which has no French for them: its modules' `_` and
`ngettext` are pointed at this table too.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import click
import yaml

_ENGLISH = "_greffier_english"
"""Attribute keeping a command's or option's English help, so that a later run in another
language (a test, after a French one) starts again from it."""
_WORDED = ("help", "short_help", "metavar")
"""What a command or an option says in words (a metavar such as YYYY-MM-DD too)."""
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types")
_language = "en"


def key(text: str) -> str:
    """A help text as the catalogue keys it: each paragraph on one line, paragraphs apart."""
    paragraphs = [" ".join(part.split()) for part in text.strip().split("\n\n")]
    return "\n\n".join(part for part in paragraphs if part)


@cache
def catalogue(language: str) -> Mapping[str, str]:
    """English text -> its translation (empty for English)."""
    path = Path(__file__).parent / f"help.{language}.yml"
    if not path.is_file():
        return {}
    data: dict[str, str] = yaml.safe_load(path.read_text("utf-8"))
    return data


def in_words(text: str) -> str:
    """`text` (English) in the language of the run, as written when it has no translation."""
    return catalogue(_language).get(key(text), text) if _language != "en" else text


def speak(command: click.Command, language: str) -> None:
    """From now on, `command` (and its subcommands) and Click speak `language`."""
    global _language
    _language = language
    _patch_click()
    _translate(command)


def help_texts(command: click.Command) -> list[str]:
    """Every English help text of `command` and its subcommands (what needs a translation)."""
    texts = [
        key(text) for item in (command, *command.params) for text in _english(item).values() if text
    ]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            texts += help_texts(sub)
    return texts


def _translate(command: click.Command) -> None:
    # Click makes the --help option once per command, in the language of that moment.
    command._help_option = None
    for item in (command, *command.params):
        english = _english(item)
        setattr(item, _ENGLISH, english)
        for name, text in english.items():
            if text:
                setattr(item, name, in_words(text))
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _translate(sub)


def _english(item: object) -> dict[str, str | None]:
    kept: dict[str, str | None] | None = getattr(item, _ENGLISH, None)
    return kept if kept is not None else {name: getattr(item, name, None) for name in _WORDED}


def _gettext(message: str) -> str:
    return in_words(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return in_words(singular if n == 1 else plural)


def _patch_click() -> None:
    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
