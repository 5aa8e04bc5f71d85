"""Current files are read by libyaml (fast) and, where it cannot be sure, by ruamel (exact): both
readings must give the same data, lines and refused characters, and the fast one must be the one
that reads ordinary files."""

from __future__ import annotations

from pathlib import Path

import pytest

from greffier.formats.frontmatter import FrontMatterMissing, split_front_matter
from greffier.formats.yaml_lines import YamlSyntaxError, parse_yaml, read_exactly, read_fast

ROOT = Path(__file__).resolve().parent.parent


def documents() -> list[tuple[str, str, int]]:
    """(name, YAML text, first line) of every YAML file and front matter of the examples."""
    found = []
    for path in sorted((ROOT / "processes").rglob("*")):
        name = str(path.relative_to(ROOT))
        if path.suffix in (".yml", ".yaml"):
            found.append((name, path.read_text(encoding="utf-8"), 1))
        elif path.suffix == ".md":
            try:
                front = split_front_matter(path.read_text(encoding="utf-8"))
            except FrontMatterMissing:
                continue  # Pages of prose, with nothing to read as YAML.
            found.append((name, front.yaml, front.first_line))
    return found


EXAMPLES = documents()

AWKWARD = {
    "yaml 1.1 words stay text": "a: yes\nb: on\nc: 18:30\nd: 012\ne: 0o17\nf: 1_000\n",
    "numbers": "a: .inf\nb: -.5\nc: 1e3\nd: 0x1F\ne: +12\nf: 1.\n",
    "nulls and booleans": "a: ~\nb: null\nc:\nd: True\ne: FALSE\nf: Null\n",
    "dates stay text": "a: 2026-02-30\nb: 2026-03-04T18:30:00+01:00\nc: '2026-01-01'\n",
    "block scalars": "a: |\n  one\n  two\nb: >-\n  folded\n  text\nc: |+\n  kept\n\nd: x\n",
    "indented block header": "a: |2\n   two spaces more\n",
    "flow collections": "a: [1, two, {b: c}]\nd: {e: [f, g]}\n",
    "nested lists": "- a: 1\n  b:\n    - x\n    - - y\n      - z\n- ''\n",
    "quoted": "a: \"\\u00e9t\\u00e9\"\nb: 'it''s'\nc: \"tab\\tin\"\n",
    "refused escapes": 'a: "\\x0c form feed"\n"\\x85key": v\n',
    "comments": "# top\na: 1 # after\nb:\n  # inside\n  - c\n",
    "empty": "",
    "only a comment": "# nothing\n",
    "scalar document": "just text\n",
    "list document": "- a\n- b\n",
    "multiline plain": "a: one\n  two\n  three\nb: x\n",
    "unicode keys": "thème: é\n'clé 2': [ü]\n",
    "explicit document": "---\na: 1\n...\n",
}
"""Texts both readings take, each a place where YAML 1.1 and 1.2 or the two parsers might part."""

ONLY_EXACT = {
    "anchor": "a: &x 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "merge": "a: &x {b: 1}\nc:\n  <<: *x\n",
    "duplicate key": "a: 1\na: 2\n",
    "number key": "2026: x\n",
    "directive": "%YAML 1.1\n---\na: yes\n",
    "tab": "a:\tb\n",
    "top block": "|\n text\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "syntax error": "a: [1, 2\n",
}
"""Texts the fast reading leaves to ruamel."""


@pytest.mark.parametrize(("name", "text", "first"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_both_readings_agree_on_every_example_file(name: str, text: str, first: int) -> None:
    fast = read_fast(text, first)
    assert fast is not None, f"{name} is read by ruamel: the fast reading should take it"
    assert fast == read_exactly(text, first)


@pytest.mark.parametrize("name", sorted(AWKWARD))
def test_both_readings_agree_on_awkward_yaml(name: str) -> None:
    text = AWKWARD[name]
    fast = read_fast(text, 3)
    assert fast is not None, name
    exact = read_exactly(text, 3)
    assert (fast.data, dict(fast.lines), fast.refused) == (
        exact.data,
        dict(exact.lines),
        exact.refused,
    )


@pytest.mark.parametrize("name", sorted(ONLY_EXACT))
def test_what_the_fast_reading_cannot_vouch_for_goes_to_ruamel(name: str) -> None:
    text = ONLY_EXACT[name]
    assert read_fast(text) is None
    try:
        expected: object = read_exactly(text)
    except YamlSyntaxError as error:
        expected = (error.line, str(error))
        with pytest.raises(YamlSyntaxError) as raised:
            parse_yaml(text)
        assert (raised.value.line, str(raised.value)) == expected
    else:
        assert parse_yaml(text) == expected


def test_the_examples_hold_yaml_to_compare() -> None:
    assert len(EXAMPLES) > 50
