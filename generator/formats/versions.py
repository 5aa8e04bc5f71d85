"""An old version of a file read back: its data (front matter or YAML document) and its body.

Old versions are as untrusted as current files and may be anything that was once committed:
no front matter, broken YAML, YAML beyond the loader's bounds. Such a version is not an error
but a fact of the history: `readable` says so, and each caller decides what that means (a
history page lists it as unreadable; a trace or a redaction reads it as saying nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .frontmatter import (
    FrontMatterMissing,
    FrontMatterUnclosed,
    split_front_matter,
)
from .yaml_data import read_yaml_data
from .yaml_lines import YamlSyntaxError, parse_yaml


@dataclass(frozen=True)
class ParsedVersion:
    data: Any
    """The front matter of a Markdown file or the whole YAML document, as plain data: {} for no
    text or no front matter; None for an empty document, and when unreadable."""
    body: str | None
    """The Markdown body (the whole text when it has no front matter); None for YAML files and
    for no text."""
    readable: bool = True
    """False when the YAML cannot be read: broken, or beyond the bounds of current files."""

    @property
    def mapping(self) -> dict[str, Any]:
        """`data` when it is a mapping; {} otherwise, unreadable included."""
        return self.data if isinstance(self.data, dict) else {}

    @property
    def fields(self) -> dict[str, Any] | None:
        """`data` as fields to compare, None when unreadable: a list of entries (documents.yml,
        commitments.yml) keyed by id, so that inserting an entry reads as one entry added
        rather than every later one changed; anything else but a mapping as no field at all."""
        return _as_mapping(self.data) if self.readable else None


def parse_version(text: str | None, *, markdown: bool, strict: bool = False) -> ParsedVersion:
    """Read `text` (None: it could not be read from git) as a Markdown file (`markdown`) or a
    YAML file.

    By default the YAML is read fast (libyaml, `yaml_data`), as history pages need for every
    version of every item. `strict` reads it as the loader reads current files (`yaml_lines`,
    which also refuses duplicate keys, tags and merge keys): a version then counts only if the
    site, had it been built then, would have read it.
    """
    if text is None:
        return ParsedVersion({}, None)
    yaml_text, body = text, None
    if markdown:
        try:
            parts = split_front_matter(text)
        except (FrontMatterMissing, FrontMatterUnclosed):
            return ParsedVersion({}, text)
        yaml_text, body = parts.yaml, parts.body
    try:
        data = parse_yaml(yaml_text).data if strict else read_yaml_data(yaml_text)
    except (YamlSyntaxError, yaml.YAMLError):  # From parse_yaml, from read_yaml_data.
        return ParsedVersion(None, body, readable=False)
    return ParsedVersion(data, body)


def _as_mapping(data: Any) -> dict[str, Any]:
    if isinstance(data, dict):
        return data
    if isinstance(data, list):
        return {
            str(entry.get("id") or entry.get("file") or index)
            if isinstance(entry, dict)
            else str(index): entry
            for index, entry in enumerate(data, start=1)
        }
    return {}
