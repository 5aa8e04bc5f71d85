"""YAML parsing that remembers where every key came from.

Organisers fix what `path:line` points at, so the loader needs, for any place in the data (a key
path such as `("themes", 2, "id")`), the line it was written on. ruamel.yaml's round-trip loader
keeps those positions; this module turns its output into plain Python values plus a line map.

Timestamps stay strings: pydantic parses them, so an impossible date such as 2026-02-30 is
reported like any other bad value, at its own line, instead of crashing the YAML parser.

Every file is untrusted, its past versions too: whatever the text, parsing ends with plain data
or a `YamlSyntaxError` at a line, within bounds of size, depth and count of values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.composer import MaxDepthExceededError
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scanner import RoundTripScanner, ScannerError

from generator.formats.characters import clean, find_refused
from generator.i18n.wording import Wording

Key = str | int
KeyPath = tuple[Key, ...]

MAX_VALUES = 100_000
"""More values than any process file needs: aliases repeated in aliases ("billion laughs")
would otherwise expand without limit."""

MAX_DEPTH = 50
"""Lists and mappings inside one another: a process file needs five levels; a thousand would
exhaust the parser's recursion."""

MAX_CHARACTERS = 1_000_000
"""Characters of YAML in one file or front matter: about fifty times the largest real one.
Long texts belong in Markdown bodies; the parser reads a megabyte in seconds."""

UNBUILDABLE = (ValueError, LookupError, AttributeError, TypeError)
"""What the YAML libraries' constructors raise for a value that does not fit its tag (explicit
as in `!!int abc`, or implied as in an integer too long to convert)."""

_MERGE = "tag:yaml.org,2002:merge"
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("null", "bool", "int", "float", "str", "seq", "map", "timestamp")
)
"""The standard tags of plain data (a timestamp becomes a string); `!!binary`, `!!set` and
the like are refused."""


class _StringTimestamps(RoundTripConstructor):
    """Round-trip constructor that leaves dates and date-times as the text the organiser wrote,
    and builds plain values only: other standard tags, merge keys and values that cannot be
    built (an integer of 5,000 digits, `!!bool maybe`) are refused at their line."""

    def construct_non_recursive_object(self, node: Node, tag: str | None = None) -> Any:
        try:
            return super().construct_non_recursive_object(node, tag)
        except UNBUILDABLE:
            value = node.value if isinstance(node.value, str) else str(node.tag)
            raise _Refused(node.start_mark, "yaml.unreadable_value", value=_short(value)) from None

    def check_mapping_key(
        self, node: MappingNode, key_node: Node, mapping: Any, key: Any, value: Any
    ) -> bool:
        try:
            return bool(super().check_mapping_key(node, key_node, mapping, key, value))
        except TypeError:
            # A key holding a mapping (`? [a, {b: c}]`) cannot be looked up.
            raise _Refused(key_node.start_mark, "yaml.key_not_a_word") from None

    def flatten_mapping(self, node: MappingNode) -> Any:
        for key, _ in node.value:
            if key.tag == _MERGE:
                raise _Refused(key.start_mark, "yaml.merge_key")
        return super().flatten_mapping(node)

    def _refuse_tag(self, node: Node) -> Any:
        raise _Refused(node.start_mark, "yaml.tag", tag=f"!!{str(node.tag).rsplit(':', 1)[-1]}")


_StringTimestamps.add_constructor(
    "tag:yaml.org,2002:timestamp", _StringTimestamps.construct_yaml_str
)
for _tag in RoundTripConstructor.yaml_constructors:
    if _tag is not None and _tag not in _PLAIN_TAGS:
        _StringTimestamps.add_constructor(_tag, _StringTimestamps._refuse_tag)


class _CheckedEscapes(RoundTripScanner):
    """A `"\\U0011FFFF"` escape names no character: a syntax error at its line, not a crash."""

    def scan_flow_scalar_non_spaces(self, double: Any, start_mark: Any) -> Any:
        try:
            return super().scan_flow_scalar_non_spaces(double, start_mark)
        except ValueError:
            raise ScannerError(
                "while scanning a quoted scalar",
                start_mark,
                "found an escape that names no character",
                self.reader.get_mark(),
            ) from None


class _Refused(ConstructorError):
    """Valid YAML that the loader does not accept, with its message in the catalogue."""

    def __init__(self, mark: Any, key: str, /, **values: object) -> None:
        super().__init__(problem=key, problem_mark=mark)
        self.key = key
        self.values = values


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

    def advise(self, say: Wording) -> str:
        """How to fix it: the problem's own hint, else the general advice on YAML syntax."""
        own = f"{self.key}.hint"
        return say(own if own in say else "yaml.hint", **self.values)


@dataclass(frozen=True)
class ParsedYaml:
    """Plain data (dicts, lists, str, int, float, bool, None) and the line of each key path."""

    data: Any
    lines: Mapping[KeyPath, int] = field(default_factory=dict)
    first_line: int = 1
    """The line a problem about the whole document (say, a missing field) points at."""
    refused: tuple[tuple[int, str], ...] = ()
    """(line, code) of each character that `characters.clean` took out of a value or key: a
    YAML escape such as `"\\x85"` writes one that the file's text does not hold."""

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
    check_size(text, first_line)
    yaml = YAML(typ="rt")
    yaml.Constructor = _StringTimestamps
    yaml.Scanner = _CheckedEscapes
    yaml.max_depth = MAX_DEPTH
    # A reused anchor is valid YAML (the later one counts): not a warning on the console.
    yaml.composer.warn_double_anchors = False
    try:
        raw = yaml.load(text)
    except _Refused as error:
        raise YamlSyntaxError(_line(error, first_line), error.key, **error.values) from None
    except MaxDepthExceededError as error:
        raise YamlSyntaxError(_line(error, first_line), "yaml.too_deep", limit=MAX_DEPTH) from None
    except MarkedYAMLError as error:
        key, values = _syntax_problem(error)
        raise YamlSyntaxError(_line(error, first_line), key, **values) from None
    except ReaderError as error:
        line = first_line + text.count("\n", 0, error.position)
        code = f"{error.character:04x}"
        raise YamlSyntaxError(line, "yaml.control_character", code=code) from None
    except YAMLError as error:
        raise YamlSyntaxError(first_line, "yaml.other", problem=str(error)) from None
    lines: dict[KeyPath, int] = {}
    copier = _Copier(lines, first_line)
    data = copier.plain(raw, ())
    return ParsedYaml(data, lines, first_line, tuple(copier.refused))


def _line(error: MarkedYAMLError, first_line: int) -> int:
    mark = error.problem_mark or error.context_mark
    return first_line + (mark.line if mark is not None else 0)


def check_size(text: str, first_line: int = 1) -> None:
    """Refuse more than MAX_CHARACTERS of YAML, at the line where the limit is crossed."""
    if len(text) > MAX_CHARACTERS:
        line = first_line + text.count("\n", 0, MAX_CHARACTERS)
        raise YamlSyntaxError(line, "yaml.too_large", limit=MAX_CHARACTERS)


def check_depth(depth: int, line: int) -> None:
    """Refuse values nested deeper than MAX_DEPTH (the document itself is depth 1), aliases
    expanded."""
    if depth > MAX_DEPTH:
        raise YamlSyntaxError(line, "yaml.too_deep", limit=MAX_DEPTH)


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
        (r"found an escape that names no character", "yaml.bad_escape"),
    )
)
"""ruamel's wording of the problems a hand-edited file meets, each with its catalogue key."""


def _syntax_problem(error: MarkedYAMLError) -> tuple[str, dict[str, str]]:
    problem = (error.problem or "").strip()
    for pattern, key in _PROBLEMS:
        found = pattern.search(problem)
        if found:
            return key, {name: _short(text) for name, text in found.groupdict().items()}
    return "yaml.other", {"problem": _short(problem or error.context or "?")}


def _short(text: str) -> str:
    """A key or value quoted in a message: a line, not the megabyte it may be."""
    return text if len(text) <= 60 else f"{text[:57]}..."


@dataclass
class _Copier:
    """Copies ruamel's round-trip nodes into plain values, recording each key's line."""

    lines: dict[KeyPath, int]
    first_line: int
    count: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)

    def plain(self, node: Any, path: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise YamlSyntaxError(self.first_line, "yaml.too_many_values", limit=MAX_VALUES)
        check_depth(len(path) + 1, self.lines.get(path, self.first_line))
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
                name = self.text(_scalar_key(key), line)
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
        if isinstance(node, str):
            return self.text(str(node), self.lines.get(path, self.first_line))
        for kind in (int, float):
            if isinstance(node, kind):
                return kind(node)
        return node

    def text(self, value: str, line: int) -> str:
        """`value` without refused characters, each recorded at `line`."""
        codes = dict.fromkeys(found.code for found in find_refused(value))
        self.refused += [(line, code) for code in codes]
        return clean(value) if codes else value


def _scalar_key(key: object) -> str:
    # `2026: …` or `true: …` are keys too; field names are text, so compare them as text.
    if isinstance(key, bool):
        return str(key).lower()
    return str(key)
