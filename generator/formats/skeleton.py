"""The files `greffier new` starts from (`generator/skeletons/<language>/`), and the placeholders
they hold.

A skeleton is a `string.Template`: the command fills in `$slug`, `$title`…, and `$$` writes a
dollar. Every line of prose in a skeleton (a line of a YAML value, or of the Markdown body, with
a space in it; comments left aside) is a placeholder, an instruction to the organiser such as
"Décrivez ici la réunion…", unless it holds a variable: one the command fills in, or `$kept`,
which writes nothing and marks a suggestion that may be published as it is ("Questions
générales"). The placeholders are read from the skeletons themselves, so that the loader,
which refuses them in whatever is published, knows those of a new skeleton too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from string import Template
from typing import Any

from .frontmatter import FrontMatterMissing, split_front_matter
from .yaml_lines import KeyPath, parse_yaml

_FOLDER = resources.files("greffier").joinpath("skeletons")
LANGUAGES = ("fr", "en")
"""The languages the skeletons are written in, Greffier's default first."""
_KEPT = "kept"
_VARIABLE = "greffier-skeleton-variable"
"""What every variable becomes while the placeholders are looked for: a line holding it is not
one of them."""
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def fill(name: str, language: str, **values: str) -> str:
    """The skeleton `name` (`meeting.md`…) in `language` (see `skeleton_language`), its variables
    filled in."""
    return Template(_template(language, name)).substitute(values, **{_KEPT: ""})


def skeleton_language(language: str) -> str:
    """The language of the skeletons for content in `language`: that one when Greffier has
    skeletons in it, else its default."""
    return language if language in LANGUAGES else LANGUAGES[0]


def normal(text: str) -> str:
    """`text` as placeholders are compared: white space collapsed, none at either end."""
    return " ".join(text.split())


@cache
def placeholders() -> frozenset[str]:
    """Every placeholder line of every skeleton, in every language, in its `normal` form: an
    instruction is refused whatever the language of the site it is left in."""
    found: set[str] = set()
    for language in LANGUAGES:
        for entry in _FOLDER.joinpath(language).iterdir():
            if not entry.is_file():
                continue
            text = Template(_template(language, entry.name)).substitute(_Variables())
            found.update(line for line in _prose(entry.name, text) if _VARIABLE not in line)
    return frozenset(found)


class _Variables(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return _VARIABLE


def _template(language: str, name: str) -> str:
    return _FOLDER.joinpath(skeleton_language(language), name).read_text("utf-8")


def _prose(name: str, text: str) -> Iterator[str]:
    """Each line of prose of the filled skeleton `name`, in its `normal` form."""
    data: Any = None
    body = ""
    if name.endswith(".yml"):
        data = parse_yaml(text).data
    else:
        try:
            front = split_front_matter(text)
            data, body = parse_yaml(front.yaml, front.first_line).data, front.body
        except FrontMatterMissing:
            body = text
    lines = [line for _, value in texts(data) for line in value.split("\n")]
    lines += _COMMENT.sub("", body).split("\n")
    return (normal(line) for line in lines if " " in normal(line))


def texts(data: Any, key: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every text among the values of plain YAML data, with its key path."""
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from texts(value, (*key, name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from texts(value, (*key, index))
