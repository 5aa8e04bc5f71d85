"""Every plugin option is documented in both guides, from the one schema (issue #14)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from greffier.mkdocs.config import GreffierConfig
from greffier.mkdocs.reference import (
    GUIDES,
    commented_options,
    guide_table,
    option_docs,
    with_table,
)

ROOT = Path(__file__).resolve().parent.parent
NAMES = [name for name, _ in GreffierConfig._schema]


def test_every_option_has_a_french_text_and_an_example() -> None:
    data = yaml.safe_load((ROOT / "generator" / "mkdocs" / "options.yml").read_text("utf-8"))
    assert sorted(data["options"]) == sorted(NAMES)
    assert all(data["options"][name]["fr"] and "example" in data["options"][name] for name in NAMES)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_option_is_described_with_its_type_and_default(language: str) -> None:
    docs = {doc.name: doc for doc in option_docs(language)}
    assert list(docs) == NAMES
    assert all(doc.description and doc.type for doc in docs.values())
    assert docs["page_size"].default == 50
    assert docs["audit_date"].default is None
    assert docs["publisher"].type == {"fr": "texte", "en": "text"}[language]
    # The English text is the option's docstring in config.py.
    if language == "en":
        assert docs["search_index"].description == (
            "Index the built site with Pagefind (the search page needs it)."
        )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_guides_options_page_is_up_to_date(language: str) -> None:
    page = (ROOT / GUIDES[language]).read_text("utf-8")
    assert with_table(page, guide_table(language)) == page, (
        "run: python -m greffier.mkdocs.reference"
    )
    for name in NAMES:
        assert f"| `{name}` |" in page


def test_the_commented_options_are_valid_yaml_once_uncommented() -> None:
    text = commented_options("fr", indent="")
    settings = "\n".join(
        line[2:]
        for line in text.splitlines()
        if line.startswith("# ") and ": " in line[2:] and line[2:].split(":")[0] in NAMES
    )
    values = yaml.safe_load(settings)
    assert sorted(values) == sorted(NAMES)
    errors, _ = _validated(values)
    assert errors == []


def _validated(values: dict[str, object]) -> tuple[list[object], list[object]]:
    config = GreffierConfig()
    config.load_dict(values)
    return config.validate()
