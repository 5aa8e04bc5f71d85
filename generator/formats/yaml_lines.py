"""YAML parsing that remembers where every key came from.

Organisers fix what `path:line` points at, so the loader needs, for any place in the data (a key
path such as `("themes", 2, "id")`), the line it was written on. ruamel.yaml's round-trip loader
keeps those positions; this module turns its output into plain Python values plus a line map.

ruamel's parser is pure Python, about 2 ms a file. So a document is read first by libyaml's C
parser, its events giving the lines, with ruamel's own YAML 1.2 resolvers and constructors
(`yaml_core`); only what that fast reading does not take as certainly the same (anchors, tags,
directives, duplicate or non-text keys, a bound reached, a syntax error) is read again by ruamel,
which also words every problem. Both readings give the same data and lines (a test compares
them on every file of the examples and on awkward samples).

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

import yaml as libyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.composer import MaxDepthExceededError
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scanner import RoundTripScanner, ScannerError

from ..i18n.wording import Wording
from .characters import clean, find_refused
from .yaml_core import FLOAT, INT, STR, TIMESTAMP, CLoader, core_value, plain_tag

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
    fast = read_fast(text, first_line)
    return fast if fast is not None else read_exactly(text, first_line)


def read_exactly(text: str, first_line: int = 1) -> ParsedYaml:
    """`parse_yaml` by ruamel.yaml alone: slower, but any text, valid or not, and every
    problem in the catalogue's words."""
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
class _Walk:
    """Plain values built from a parse, with the line of each key path: what both readings
    share, so that they count, bound and clean alike."""

    lines: dict[KeyPath, int]
    first_line: int
    count: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)

    def bound(self, path: KeyPath) -> None:
        """Count the value at `path`, refusing one too many or too deep."""
        self.count += 1
        if self.count > MAX_VALUES:
            raise YamlSyntaxError(self.first_line, "yaml.too_many_values", limit=MAX_VALUES)
        check_depth(len(path) + 1, self.lines.get(path, self.first_line))

    def text(self, value: str, line: int) -> str:
        """`value` without refused characters, each recorded at `line`."""
        codes = dict.fromkeys(found.code for found in find_refused(value))
        self.refused += [(line, code) for code in codes]
        return clean(value) if codes else value


@dataclass
class _Copier(_Walk):
    """Copies ruamel's round-trip nodes into plain values, recording each key's line."""

    def plain(self, node: Any, path: KeyPath) -> Any:
        self.bound(path)
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


def _scalar_key(key: object) -> str:
    # `2026: …` or `true: …` are keys too; field names are text, so compare them as text.
    if isinstance(key, bool):
        return str(key).lower()
    return str(key)


class _NotCertain(Exception):
    """libyaml's reading might differ from ruamel's here: ruamel reads the text again."""


_SCALAR_TEXT = frozenset((STR, TIMESTAMP))
"""Tags of scalars kept as the text written (timestamps too, for pydantic to judge)."""
_SCALAR_VALUES = frozenset(("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", INT, FLOAT))


_UNCERTAIN = re.compile("[\t\x85\u2028\u2029\ufeff]")
"""Where libyaml and ruamel part: ruamel refuses a tab in a plain value or after a colon, and
YAML 1.2 no longer breaks lines at NEL and the Unicode separators (ruamel, then, at some places
only), and libyaml passes over a byte order mark after the start. A file holding one is rare,
and read by ruamel."""


@dataclass
class _Open:
    """A mapping or list being filled, and the key whose value comes next (mappings)."""

    container: dict[str, Any] | list[Any]
    path: KeyPath
    key: str | None = None


def read_fast(text: str, first_line: int = 1) -> ParsedYaml | None:
    """`parse_yaml`'s reading by libyaml's parser, or None where only ruamel can tell."""
    if _UNCERTAIN.search(text):
        return None
    reader = _Events({}, first_line)
    try:
        data = reader.read(text)
    except (_NotCertain, YamlSyntaxError, libyaml.YAMLError, *UNBUILDABLE):
        # A syntax error, a bound reached, a lone surrogate (UnicodeEncodeError)...
        return None
    return ParsedYaml(data, reader.lines, first_line, tuple(reader.refused))


_BLOCK_STYLES = frozenset("|>")
_BLOCK_HEADER = re.compile(r"[|>](?:[-+]?[1-9]?|[1-9][-+])(?: +#.*| *)$")


@dataclass
class _Events(_Walk):
    """Plain values from libyaml's events, each key's line from its event."""

    source_lines: list[str] | None = None

    def read(self, text: str) -> Any:
        root: list[Any] = []
        stack: list[_Open] = []
        documents = 0
        event: Any
        for event in libyaml.parse(text, Loader=CLoader):
            kind = type(event)
            if kind is libyaml.ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _NotCertain  # Anchors and tags: see `_Copier.plain`.
                if event.style in _BLOCK_STYLES:
                    self.check_block_header(text, event, stack)
                tag = plain_tag(event.value) if event.implicit[0] else STR
                if stack and stack[-1].key is None and isinstance(stack[-1].container, dict):
                    self.key(stack[-1], tag, event)
                    continue
                path = self.place(stack, event)
                value: str | bool | int | float | None
                if tag in _SCALAR_TEXT:
                    value = self.text(event.value, self.lines.get(path, self.first_line))
                elif tag in _SCALAR_VALUES:
                    value = core_value(tag, event.value)
                else:
                    raise _NotCertain  # Merge keys, `=`: refused by ruamel's reading.
                self.put(stack, root, path, value)
            elif kind is libyaml.MappingStartEvent or kind is libyaml.SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _NotCertain
                if stack and stack[-1].key is None and isinstance(stack[-1].container, dict):
                    raise _NotCertain  # A list or mapping as a key.
                path = self.place(stack, event)
                opened = _Open({} if kind is libyaml.MappingStartEvent else [], path)
                self.put(stack, root, path, opened.container)
                stack.append(opened)
            elif kind is libyaml.MappingEndEvent or kind is libyaml.SequenceEndEvent:
                stack.pop()
            elif kind is libyaml.DocumentStartEvent:
                if documents or event.version is not None or event.tags:
                    raise _NotCertain  # `%YAML 1.1` changes what scalars mean.
                documents += 1
            elif kind is libyaml.AliasEvent:
                raise _NotCertain
        return root[0] if root else None

    def check_block_header(self, text: str, event: Any, stack: list[_Open]) -> None:
        """Take only the block scalars (`|`, `>-`...) both parsers read alike: in a list or
        mapping, with a plain header (libyaml lets `|#note` pass)."""
        if not stack:
            raise _NotCertain  # At the top, ruamel takes unindented lines as the text.
        if self.source_lines is None:
            self.source_lines = text.splitlines()
        mark = event.start_mark
        if not _BLOCK_HEADER.match(self.source_lines[mark.line], mark.column):
            raise _NotCertain

    def key(self, mapping: _Open, tag: str, event: Any) -> None:
        if tag != STR:
            raise _NotCertain  # `2026:`, `true:` or `~:` as a key: ruamel's objects decide.
        line = self.first_line + event.start_mark.line
        name = self.text(event.value, line)
        if name in mapping.container:
            raise _NotCertain  # A duplicate key, worded by ruamel.
        self.lines[(*mapping.path, name)] = line
        mapping.key = name

    def place(self, stack: list[_Open], event: Any) -> KeyPath:
        """The path of the value `event` starts, counted and bounded; a list item's line."""
        if not stack:
            path: KeyPath = ()
        else:
            top = stack[-1]
            if isinstance(top.container, list):
                path = (*top.path, len(top.container))
                self.lines[path] = self.first_line + event.start_mark.line
            else:
                assert top.key is not None
                path = (*top.path, top.key)
        self.bound(path)
        return path

    @staticmethod
    def put(stack: list[_Open], root: list[Any], path: KeyPath, value: Any) -> None:
        if not stack:
            root.append(value)
            return
        top = stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
        else:
            top.container[str(path[-1])] = value
            top.key = None
