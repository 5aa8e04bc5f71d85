"""YAML parsing that remembers where every key came from.

Organisers fix what `path:line` points at, so the loader needs, for any place in the data (a key
path such as `("themes", 2, "id")`), the line it was written on. ruamel.yaml's round-trip loader
keeps those positions; this module turns its output into plain Python values plus a line map.

Timestamps stay strings: pydantic parses them, so an impossible date such as 2026-02-30 is
reported like any other bad value, at its own line, instead of crashing the YAML parser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from .wording import Wording

Key = str | int
KeyPath = tuple[Key, ...]


class _StringTimestamps(RoundTripConstructor):
    """Round-trip constructor that leaves dates and date-times as the text the organiser wrote."""


_StringTimestamps.add_constructor(
    "tag:yaml.org,2002:timestamp", _StringTimestamps.construct_yaml_str
)


class YamlSyntaxError(Exception):
    """The text is not YAML; `line` is the file line the parser stopped at, `key` and `values`
    the message in `wording`'s catalogue."""

    def __init__(self, line: int, key: str, /, **values: object) -> None:
        super().__init__(Wording()(key, **values))
        self.line = line
        self.key = key
        self.values = values

    def describe(self, say: Wording) -> str:
        return say(self.key, **self.values)


@dataclass(frozen=True)
class ParsedYaml:
    """Plain data (dicts, lists, str, int, float, bool, None) and the line of each key path."""

    data: Any
    lines: Mapping[KeyPath, int] = field(default_factory=dict)
    first_line: int = 1
    """The line a problem about the whole document (say, a missing field) points at."""

    def line(self, path: tuple[object, ...] = ()) -> int:
        """The line of the deepest key of `path` that exists in the document."""
        for end in range(len(path), 0, -1):
            found = self.lines.get(tuple(path[:end]))  # type: ignore[arg-type]
            if found is not None:
                return found
        return self.first_line


def parse_yaml(text: str, first_line: int = 1) -> ParsedYaml:
    """Parse `text`, whose first line is line `first_line` of its file.

    Raises YamlSyntaxError with a file line and a plain message.
    """
    yaml = YAML(typ="rt")
    yaml.Constructor = _StringTimestamps
    try:
        raw = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark is not None else 0)
        key, values = _syntax_problem(error)
        raise YamlSyntaxError(line, key, **values) from None
    except ReaderError as error:
        line = first_line + text.count("\n", 0, error.position)
        code = f"{error.character:04x}"
        raise YamlSyntaxError(line, "yaml.control_character", code=code) from None
    except YAMLError as error:
        raise YamlSyntaxError(first_line, "yaml.other", problem=str(error)) from None
    lines: dict[KeyPath, int] = {}
    data = _Copier(lines, first_line).plain(raw, ())
    return ParsedYaml(data, lines, first_line)


_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r'found duplicate key "(?P<name>[^"]*)"', "yaml.duplicate_key"),
        (r"\\t", "yaml.tab"),
        (r"but (?:found|got) '<stream end>'", "yaml.unexpected_end"),
        (r"could not find expected ':'", "yaml.missing_colon"),
        (r"mapping values are not allowed here", "yaml.colon_in_value"),
        (r"sequence entries are not allowed here", "yaml.dash_in_value"),
        (r"mapping keys are not allowed here", "yaml.question_mark"),
        (r"found unexpected end of stream", "yaml.unexpected_end"),
        (r"expected <block end>, but found", "yaml.indentation"),
        (
            r"found character '(?P<character>.+)' that cannot start any token",
            "yaml.bad_first_character",
        ),
        (r"found undefined alias '(?P<alias>.*)'", "yaml.undefined_alias"),
        (r"expected the node content, but found '(?P<found>.*)'", "yaml.missing_value"),
        (r"expected ',' or '\]', but got '(?P<found>.*)'", "yaml.unclosed_list"),
        (r"expected ',' or '}', but got '(?P<found>.*)'", "yaml.unclosed_mapping"),
        (r"but found another document", "yaml.two_documents"),
    )
)
"""ruamel's wording of the problems a hand-edited file meets, each with its catalogue key."""


def _syntax_problem(error: MarkedYAMLError) -> tuple[str, dict[str, str]]:
    problem = (error.problem or "").strip()
    for pattern, key in _PROBLEMS:
        found = pattern.search(problem)
        if found:
            return key, found.groupdict()
    return "yaml.other", {"problem": problem or error.context or "?"}


MAX_VALUES = 100_000
"""More values than any process file needs: aliases repeated in aliases ("billion laughs")
would otherwise expand without limit."""


@dataclass
class _Copier:
    """Copies ruamel's round-trip nodes into plain values, recording each key's line."""

    lines: dict[KeyPath, int]
    first_line: int
    count: int = 0

    def plain(self, node: Any, path: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise YamlSyntaxError(self.first_line, "yaml.too_many_values", limit=MAX_VALUES)
        if isinstance(node, TaggedScalar) or getattr(getattr(node, "tag", None), "value", None):
            # A tagged list or mapping too (ruamel keeps no item lines for those).
            line = self.lines.get(path, self.first_line)
            tag = f"{node.tag.handle}{node.tag.suffix}" if node.tag.handle else str(node.tag)
            raise YamlSyntaxError(line, "yaml.tag", tag=tag)
        if isinstance(node, CommentedMap):
            result: dict[str, Any] = {}
            for key, value in node.items():
                line = self.first_line + node.lc.key(key)[0]
                if isinstance(key, list | tuple | dict):
                    raise YamlSyntaxError(line, "yaml.key_not_a_word")
                name = _scalar_key(key)
                self.lines[(*path, name)] = line
                result[name] = self.plain(value, (*path, name))
            return result
        if isinstance(node, CommentedSeq):
            items = []
            for index, value in enumerate(node):
                self.lines[(*path, index)] = self.first_line + node.lc.item(index)[0]
                items.append(self.plain(value, (*path, index)))
            return items
        if isinstance(node, bool) or node is None:
            return node
        for kind in (str, int, float):
            if isinstance(node, kind):
                return kind(node)
        return node


def _scalar_key(key: object) -> str:
    # `2026: …` or `true: …` are keys too; field names are text, so compare them as text.
    if isinstance(key, bool):
        return str(key).lower()
    return str(key)
