"""Reading one content file into a model, reporting every problem at its file line."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ..diagnostics import Report, SourceLocation
from ..formats.frontmatter import (
    FrontMatterMissing,
    FrontMatterUnclosed,
    split_front_matter,
)
from ..formats.yaml_lines import KeyPath, ParsedYaml, YamlSyntaxError, parse_yaml
from ..models import ID_PATTERN
from .finder import read_text, relative
from .messages import problems

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

MAX_ID_LENGTH = 120
"""As `models.Identifier`."""


@dataclass(frozen=True)
class SourceFile:
    """A parsed content file: its path as printed in diagnostics, its data and key lines."""

    path: str
    parsed: ParsedYaml
    body: str | None = None
    """The Markdown after the front matter, for `.md` files."""
    text: str = ""
    """The whole file as read: checks that report the lines of a value or of the body need it."""

    def at(self, *key: str | int) -> SourceLocation:
        """The location of a key path, or of its deepest part that exists."""
        return SourceLocation(self.path, self.parsed.line(key))


@dataclass(frozen=True)
class Sourced(Generic[T]):
    """A loaded item and where it was written, for the checks that run after loading."""

    item: T
    source: SourceFile
    key: KeyPath = ()
    """Where the item sits in its file: `(3,)` for the fourth entry of documents.yml."""

    def at(self, *field: str | int) -> SourceLocation:
        return self.source.at(*self.key, *field)


def read_yaml(path: Path, root: Path, diagnostics: Report) -> SourceFile | None:
    """A YAML file, or None after reporting why it cannot be read."""
    text = read_text(path, root, diagnostics)
    if text is None:
        return None
    name = relative(path, root)
    parsed = _parse(name, text, 1, diagnostics)
    return None if parsed is None else SourceFile(name, parsed, text=text)


def read_markdown(path: Path, root: Path, diagnostics: Report) -> SourceFile | None:
    """A Markdown file with front matter, or None after reporting why it cannot be read."""
    text = read_text(path, root, diagnostics)
    if text is None:
        return None
    name = relative(path, root)
    try:
        front = split_front_matter(text)
    except FrontMatterMissing:
        diagnostics.error(
            SourceLocation(name),
            diagnostics.say("front_matter.missing"),
            diagnostics.say("front_matter.missing.hint"),
        )
        return None
    except FrontMatterUnclosed:
        diagnostics.error(
            SourceLocation(name),
            diagnostics.say("front_matter.unclosed"),
            diagnostics.say("front_matter.unclosed.hint"),
        )
        return None
    parsed = _parse(name, front.yaml, front.first_line, diagnostics)
    if parsed is None:
        return None
    # `---` is line 1: a problem about the whole front matter points there.
    located = ParsedYaml(parsed.data, parsed.lines, first_line=1)
    return SourceFile(name, located, front.body, text)


def _parse(name: str, text: str, first_line: int, diagnostics: Report) -> ParsedYaml | None:
    """The YAML of `text`, or None after reporting why it is not; a value holding a character
    XML and HTML refuse (through an escape: the text itself was checked) is an error too."""
    try:
        parsed = parse_yaml(text, first_line)
    except YamlSyntaxError as error:
        _report_yaml(name, error, diagnostics)
        return None
    for line, code in parsed.refused:
        diagnostics.error(
            SourceLocation(name, line),
            diagnostics.say("yaml.refused_escape", code=code),
            diagnostics.say("yaml.refused_escape.hint"),
        )
    return parsed


def _report_yaml(name: str, error: YamlSyntaxError, diagnostics: Report) -> None:
    diagnostics.error(
        SourceLocation(name, error.line),
        error.describe(diagnostics.say),
        error.advise(diagnostics.say),
    )


def read_yaml_list(path: Path, root: Path, what: str, diagnostics: Report) -> SourceFile | None:
    """A YAML file whose top level must be a list (an empty file is an empty list) of `what`
    (documents or commitments)."""
    source = read_yaml(path, root, diagnostics)
    if source is None:
        return None
    if source.parsed.data is None:
        return SourceFile(source.path, ParsedYaml([]))
    if not isinstance(source.parsed.data, list):
        diagnostics.error(
            source.at(),
            diagnostics.say(f"list.{what}"),
            diagnostics.say(f"list.{what}.hint"),
        )
        return None
    return source


def is_identifier(value: str) -> bool:
    """What `models.Identifier` accepts, checked before building a model with it."""
    return re.match(ID_PATTERN, value) is not None and len(value) <= MAX_ID_LENGTH


def validate(
    model: type[M],
    source: SourceFile,
    diagnostics: Report,
    key: KeyPath = (),
) -> M | None:
    """The model for the data at `key` in `source`, or None after reporting every problem."""
    data: Any = source.parsed.data
    for part in key:
        data = data[part]
    if data is None:
        data = {}
    try:
        # JSON mode, as the data is plain JSON values: there a date string stays a date where a
        # field accepts a date or a date-time, instead of becoming a date-time at midnight.
        return model.model_validate_json(json.dumps(data))
    except ValidationError as error:
        for problem in problems(error.errors(), data, model, diagnostics.say):
            diagnostics.error(source.at(*key, *problem.path), problem.message, problem.hint)
        return None
