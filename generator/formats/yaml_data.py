"""YAML read fast, without positions: for past versions of files, where nothing points at lines.

History pages compare the fields of every version of every item; ruamel's round-trip loader,
which the loader needs for `path:line`, costs about 2 ms a file, libyaml a tenth of that. The
resolvers follow YAML 1.2's core schema, as ruamel does: `yes`, `on` or `18:30` stay strings
instead of becoming YAML 1.1's booleans and base-60 numbers.

Past versions are as untrusted as current files: the same bounds as `yaml_lines.parse_yaml`
(size, depth, values with aliases expanded) apply, checked before libyaml, whose C composer
crashes the interpreter on a document nested a hundred thousand deep.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .characters import clean
from .yaml_lines import (
    MAX_DEPTH,
    MAX_VALUES,
    UNBUILDABLE,
    YamlSyntaxError,
    check_depth,
    check_size,
)

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CORE = {
    "tag:yaml.org,2002:bool": (r"true|True|TRUE|false|False|FALSE", "tTfF"),
    "tag:yaml.org,2002:int": (r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    "tag:yaml.org,2002:float": (
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+0123456789.",
    ),
}


class _CoreLoader(_Base):  # type: ignore[valid-type,misc]
    """libyaml's safe loader with YAML 1.2 core resolvers for booleans and numbers."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except UNBUILDABLE as error:
            # `!!timestamp x`, a 5,000-digit integer: not plain data, like any YAML error.
            problem = f"cannot build the value: {error}"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None


_CoreLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in _CORE]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
for _tag, (_pattern, _first) in _CORE.items():
    _CoreLoader.add_implicit_resolver(_tag, re.compile(f"^(?:{_pattern})$"), list(_first))


def _integer(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    # YAML 1.1 reads a leading zero as octal (012 == 10); the core schema reads decimal.
    text = str(loader.construct_scalar(node))
    return int(text, 0) if text[:2] in ("0o", "0x") else int(text)


_CoreLoader.add_constructor("tag:yaml.org,2002:int", _integer)


def _string(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    # Old versions cannot be fixed: an escape such as "\x0c" must not reach a page or a feed.
    return clean(str(loader.construct_scalar(node)))


_CoreLoader.add_constructor("tag:yaml.org,2002:str", _string)


class BoundsExceeded(yaml.YAMLError):
    """The document is over the bounds of current files; `problem` says which, in the words
    `greffier check` uses."""

    def __init__(self, problem: YamlSyntaxError) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_yaml_data(text: str) -> Any:
    """The data of a YAML document; raises yaml.YAMLError when it is not YAML, or not within
    the bounds of current files (BoundsExceeded)."""
    try:
        check_size(text)
        _check_nesting(text)
        data = yaml.load(text, Loader=_CoreLoader)  # A safe loader: only plain data.
        _check_values(data)
    except YamlSyntaxError as error:
        raise BoundsExceeded(error) from None
    except UnicodeEncodeError as error:
        # A lone surrogate, as a blob decoded with `surrogateescape` may hold: libyaml reads
        # UTF-8 only.
        raise yaml.YAMLError(str(error)) from error
    return data


_OPENERS = "[{-:?"
"""What every level of nesting starts with (flow brackets, block entries, keys): a text with
fewer of them in all cannot be nested too deep, and most versions are checked for free."""


def _check_nesting(text: str) -> None:
    if sum(text.count(opener) for opener in _OPENERS) < MAX_DEPTH:
        return
    depth = 0
    for event in yaml.parse(text, Loader=_CoreLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            mark = event.start_mark
            check_depth(depth + 1, mark.line + 1 if mark is not None else 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_values(data: Any) -> None:
    """Count values as `parse_yaml` does, each alias expanded: libyaml shares the nodes of an
    alias, so a "billion laughs" loads fast, then hangs whatever walks it."""
    pending = [(data, 1)]
    count = 0
    while pending:
        count += 1
        if count > MAX_VALUES:
            raise YamlSyntaxError(1, "yaml.too_many_values", limit=MAX_VALUES)
        value, depth = pending.pop()
        check_depth(depth, 1)
        if isinstance(value, dict):
            pending += [(item, depth + 1) for pair in value.items() for item in pair]
        elif isinstance(value, list):
            pending += [(item, depth + 1) for item in value]
