"""The words of every message organisers read, in French and in English.

The loader's problems and the `greffier` command's own messages (mkdocs.yml, `greffier new`,
the build) alike.

Organisers read these messages: they come in the site's language (`theme.language`), French by
default. The messages are in the language's catalogue (`catalogue.py`, one YAML file per
language), beside the site's interface strings. Only the message and its hint are
translated: `path:line: error:` stays as editors and CI annotators parse it. English remains the
library's default, as in `load_corpus`; the CLI, which knows the site, passes its language.
"""

from __future__ import annotations

import os

from .catalogue import LANGUAGES, Catalogue, Language, placeholders

__all__ = [
    "LANGUAGES",
    "LANGUAGE_VARIABLE",
    "Language",
    "Wording",
    "messages_language",
    "placeholders",
    "unknown_language",
]

LANGUAGE_VARIABLE = "GREFFIER_LANG"
"""Set by `greffier --lang`: the language of a run's messages, whatever the site's."""


def messages_language(site_language: str) -> str:
    """The language organisers read this run's messages in: the site's, unless the run was
    asked for another (`greffier --lang en`)."""
    forced = os.environ.get(LANGUAGE_VARIABLE)
    return forced if forced in LANGUAGES else site_language


def unknown_language(language: str) -> str:
    """That the site's `language` is not one Greffier speaks, said in every one it does: there is
    no language to choose from."""
    languages = ", ".join(LANGUAGES)
    return " / ".join(
        Wording(known)("config.language", language=language, languages=languages)
        for known in LANGUAGES
    )


class Wording:
    """Greffier's messages in one language: `say("field.missing", name="opens")`."""

    def __init__(self, language: str = "en") -> None:
        self._catalogue = Catalogue.of(language)
        self.language: Language = self._catalogue.language

    def __call__(self, key: str, /, **values: object) -> str:
        return self._catalogue.text(key, **values)

    def __contains__(self, key: object) -> bool:
        return key in self._catalogue

    def count(self, key: str, n: int) -> str:
        """`n` things, singular or plural by Babel's rules: French counts 0 and 1 as singular."""
        return self._catalogue.plural(f"count.{key}", n, n=n)
