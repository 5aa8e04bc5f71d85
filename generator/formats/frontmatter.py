"""Split a Markdown file into its YAML front matter and its body, keeping file line numbers."""

from __future__ import annotations

from dataclasses import dataclass

_FENCE = "---"
_CLOSERS = ("---", "...")


class FrontMatterMissing(Exception):
    """The file does not start with a `---` line."""


class FrontMatterUnclosed(Exception):
    """The opening `---` has no closing `---`."""


@dataclass(frozen=True)
class FrontMatter:
    yaml: str
    """The text between the fences."""
    first_line: int
    """File line of the first front-matter line, so YAML positions become file lines."""
    body: str


def split_front_matter(text: str) -> FrontMatter:
    """Front matter between a first line `---` and the next `---` (or `...`) line."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE:
        raise FrontMatterMissing
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSERS:
            yaml = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :]).lstrip("\n")
            return FrontMatter(yaml=yaml + "\n", first_line=2, body=body)
    raise FrontMatterUnclosed
