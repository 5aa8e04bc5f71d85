"""Every string Greffier shows, read from one keyed YAML file per language (`fr.yml`, `en.yml`).

Readers' interface strings, organisers' messages and the footer's provenance share one flat
catalogue per language, so one lookup and one set of plural rules serve them all. The files are
data: a translator edits them without reading Python, there is no compilation step, and
tests/test_catalogue.py checks both languages have the same keys with the same placeholders,
and that every key is used. Values are `str.format` templates; plural forms are `key.one`,
`key.other`… chosen by Babel's plural rules for the language, `key.other` when a language has
no text for a rarer form (French "many").
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterator, Mapping
from importlib.resources import files
from types import MappingProxyType
from typing import Final, Literal, cast

import yaml
from babel import Locale

Language = Literal["fr", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("fr", "en")

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def placeholders(template: str) -> frozenset[str]:
    """The names a template expects, for the test that both languages agree."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


class Catalogue:
    """The strings of one language: `Catalogue.of("fr").text("site.home")`."""

    def __init__(self, language: Language, strings: Mapping[str, str]) -> None:
        self.language: Language = language
        self.locale = Locale.parse(language)
        self._strings = MappingProxyType(dict(strings))

    @staticmethod
    def of(language: str) -> Catalogue:
        """The catalogue of `language`, read from its file once per process."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}: use one of {LANGUAGES}")
        return _load(cast(Language, language))

    def __contains__(self, key: object) -> bool:
        return key in self._strings

    def __iter__(self) -> Iterator[str]:
        return iter(self._strings)

    def __len__(self) -> int:
        return len(self._strings)

    def __getitem__(self, key: str) -> str:
        """The template itself, placeholders unfilled; `KeyError` for an unknown key."""
        return self._strings[key]

    def get(self, key: str) -> str | None:
        """The template, or None where the caller has its own fallback (an unknown kind)."""
        return self._strings.get(key)

    def text(self, key: str, /, **values: object) -> str:
        return self._strings[key].format(**values)

    def plural_key(self, key: str, count: float) -> str:
        """`key.<form>` for `count` in this language's plural rules, else `key.other`."""
        form = f"{key}.{self.locale.plural_form(count)}"
        return form if form in self._strings else f"{key}.other"

    def plural(self, key: str, count: float, /, **values: object) -> str:
        """The plural form of `key` for `count`; the count's own placeholder is in `values`, as
        callers differ on how a number is written (localized or not)."""
        return self.text(self.plural_key(key, count), **values)


@functools.cache
def _load(language: Language) -> Catalogue:
    text = files("greffier.i18n").joinpath(f"{language}.yml").read_text("utf-8")
    data = yaml.load(text, Loader=_Loader)
    if not isinstance(data, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in data.items()
    ):
        raise TypeError(f"{language}.yml must map each key to a string")
    return Catalogue(language, data)
