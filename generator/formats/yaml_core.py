"""YAML 1.2 core scalars on libyaml, read as ruamel.yaml reads them.

libyaml (C) parses about twenty times faster than ruamel.yaml, but resolves plain scalars as YAML
1.1 does: `yes`, `on` become booleans, `18:30` a base-60 number, `012` an octal. Current files
(`yaml_lines`) are read from libyaml's events with ruamel's own table of YAML 1.2 resolvers and
ruamel's own number constructors, so that the fast reading and the exact one cannot disagree on
what a value is.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import yaml
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.nodes import ScalarNode as RuamelScalar
from ruamel.yaml.resolver import implicit_resolvers

CLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML was built with it (the wheels are), else PyYAML's own."""

NULL = "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
STR = "tag:yaml.org,2002:str"
TIMESTAMP = "tag:yaml.org,2002:timestamp"

_RESOLVERS: dict[str, list[tuple[str, Any]]] = {}
"""ruamel's YAML 1.2 implicit resolvers by first character (its patterns compile lazily)."""
for _versions, _tag, _regexp, _first in implicit_resolvers:
    if (1, 2) in _versions:
        for _character in _first:
            _RESOLVERS.setdefault(_character, []).append((_tag, _regexp))


def plain_tag(value: str) -> str:
    """The tag ruamel.yaml gives a plain (unquoted, untagged) scalar in a YAML 1.2 document."""
    for tag, regexp in _RESOLVERS.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return STR


_RUAMEL = RoundTripConstructor(
    loader=SimpleNamespace(
        typ="rt", resolver=SimpleNamespace(processing_version=(1, 2)), comment_handling=None
    )
)


def core_value(tag: str, text: str) -> bool | int | float | None:
    """The value of a null, boolean, integer or float scalar, built by ruamel.yaml's own
    constructor (`1_000`, `0o17`, `012`, `.inf` included) as a plain Python value.

    Raises what the constructor raises (ValueError, IndexError…) for text it cannot build."""
    built = _RUAMEL.yaml_constructors[tag](_RUAMEL, RuamelScalar(tag, text))
    if tag == INT:
        return int(built)
    if tag == FLOAT:
        return float(built)
    return built
