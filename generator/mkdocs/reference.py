"""The plugin's options as organisers read them, made from the one schema.

`GreffierConfig` declares each option, its type and default, and describes it in English in
its docstring; `options.yml` beside it gives the French description and an example value. From
these come the options page of both guides (`python -m greffier.mkdocs.reference` rewrites the
table between the page's markers; a test fails when a page is behind) and the commented
mkdocs.yml that `greffier init` writes.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import itertools
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import config_options as c

from .config import GreffierConfig

START = "<!-- options:start (made by python -m greffier.mkdocs.reference) -->"
END = "<!-- options:end -->"
GUIDES = {"fr": Path("docs/guide/options.md"), "en": Path("docs/en/guide/options.md")}
"""The options page of each guide, relative to the repository."""

_HEADERS = {
    "fr": ("Option", "Type", "Par défaut", "Exemple", "Rôle"),
    "en": ("Option", "Type", "Default", "Example", "What it does"),
}
_NO_DEFAULT = {"fr": "aucune", "en": "none"}


@dataclass(frozen=True)
class OptionDoc:
    name: str
    type: str
    """The option's type in the reader's words."""
    default: Any
    """None for an option without a default (optional)."""
    description: str
    example: str
    """The value as written in mkdocs.yml."""


def option_docs(language: str) -> tuple[OptionDoc, ...]:
    """Every option of the plugin, in the order the schema declares them."""
    data = _data()
    english = _docstrings()
    docs = []
    for name, option in GreffierConfig._schema:
        written = data["options"][name]
        description = english[name] if language == "en" else " ".join(written["fr"].split())
        docs.append(
            OptionDoc(
                name=name,
                type=data["types"][_type_key(option)][language],
                default=option.default,
                description=description,
                example=str(written["example"]),
            )
        )
    return tuple(docs)


def guide_table(language: str) -> str:
    """The Markdown table of the options page of the guide in `language`."""
    header = _HEADERS[language]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for doc in option_docs(language):
        default = _NO_DEFAULT[language] if doc.default is None else f"`{_yaml(doc.default)}`"
        cells = (f"`{doc.name}`", doc.type, default, f"`{doc.example}`", doc.description)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


def commented_options(language: str, indent: str = "      ") -> str:
    """Every option as a commented line of the plugin's block in mkdocs.yml, its description
    above it: the organiser uncomments what applies."""
    lines = []
    for doc in option_docs(language):
        for line in wrapped(doc.description, 96 - len(indent)):
            lines.append(f"{indent}# {line}")
        lines.append(f"{indent}# {doc.name}: {doc.example}")
    return "\n".join(lines)


def with_table(page: str, table: str) -> str:
    """`page` with its generated table replaced by `table`."""
    head, start, rest = page.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise ValueError(f"the options page has no {START} … {END} markers")
    return f"{head}{START}\n{table}\n{END}{tail}"


@cache
def _data() -> dict[str, Any]:
    text = (Path(__file__).parent / "options.yml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def _docstrings() -> dict[str, str]:
    """Each option's docstring: Python keeps none for attributes, so they are read from the
    class's source, as documentation tools do."""
    tree = ast.parse(inspect.getsource(GreffierConfig))
    body = tree.body[0].body  # type: ignore[attr-defined]
    found = {}
    for statement, following in itertools.pairwise(body):
        target = statement.targets[0] if isinstance(statement, ast.Assign) else None
        if (
            isinstance(target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[target.id] = " ".join(following.value.value.split())
    return found


def _type_key(option: Any) -> str:
    inner: Any = option.option if isinstance(option, c.Optional) else option
    expected = inner._type
    if isinstance(expected, tuple):
        return "number"
    if expected is dt.date:
        return "date"
    return str(expected.__name__)


def _yaml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if value != "" else '""'


def wrapped(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters (a longer word has a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _write_guides(root: Path) -> None:
    for language, relative in GUIDES.items():
        path = root / relative
        path.write_text(with_table(path.read_text("utf-8"), guide_table(language)), "utf-8")


if __name__ == "__main__":
    _write_guides(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
