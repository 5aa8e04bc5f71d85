"""YAML read fast, without positions: for past versions of files, where nothing points at lines.

History pages compare the fields of every version of every item; ruamel's round-trip loader,
which the loader needs for `path:line`, costs about 2 ms a file, libyaml a tenth of that. The
resolvers follow YAML 1.2's core schema, as ruamel does: `yes`, `on` or `18:30` stay strings
instead of becoming YAML 1.1's booleans and base-60 numbers.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

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


def read_yaml_data(text: str) -> Any:
    """The data of a YAML document; raises yaml.YAMLError when it is not YAML."""
    return yaml.load(text, Loader=_CoreLoader)  # A safe loader: only plain data.
