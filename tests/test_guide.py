"""The organisers' guide documents exactly the fields the models accept, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from greffier import models
from greffier.models import FILE_MODELS

DOCS = Path(__file__).resolve().parent.parent / "docs"
REFERENCES = [DOCS / "guide" / "reference.md", DOCS / "en" / "guide" / "reference.md"]


def _fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    """Every field name of `model` and of the models nested in it."""
    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for field in model.model_fields.values():
        for nested in re.findall(r"\b[A-Z]\w+\b", repr(field.annotation)):
            candidate = getattr(models, nested, None)
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                names |= _fields(candidate, seen)
    return names


MODEL_FIELDS = set().union(*(_fields(model, set()) for model in FILE_MODELS.values()))


@pytest.mark.parametrize("reference", REFERENCES, ids=lambda p: p.parent.parent.name)
def test_every_field_is_documented(reference: Path) -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", reference.read_text(), re.MULTILINE))
    assert {"opens", "postponed_to", "disposition", "alternatives"} <= MODEL_FIELDS
    assert sorted(MODEL_FIELDS - documented) == []


@pytest.mark.parametrize("reference", REFERENCES, ids=lambda p: p.parent.parent.name)
def test_no_documented_field_is_unknown(reference: Path) -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", reference.read_text(), re.MULTILINE))
    assert sorted(documented - MODEL_FIELDS) == []
