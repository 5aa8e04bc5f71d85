"""Greffier itself, as its installed package describes it: what the legal notice says of it."""

from __future__ import annotations

from functools import cache
from importlib import metadata

DISTRIBUTION = "greffier"
"""The package's name in pyproject.toml."""

_LICENCE_CLASSIFIER = "License :: "


@cache
def licence() -> str:
    """The licence the package is released under, as its metadata names it: the SPDX
    expression (`License-Expression`), else the last part of its licence classifier, else the
    first line of the free-text `License` field (which older tools fill with the whole text)."""
    found = metadata.metadata(DISTRIBUTION)
    expression = _field(found, "License-Expression")
    if expression:
        return expression
    for classifier in found.get_all("Classifier") or []:
        if classifier.startswith(_LICENCE_CLASSIFIER):
            return classifier.rsplit(" :: ", 1)[-1]
    text = _field(found, "License")
    if text:
        return text.splitlines()[0]
    raise LookupError(f"the {DISTRIBUTION} package's metadata names no licence")


def _field(found: metadata.PackageMetadata, name: str) -> str:
    return next(iter(found.get_all(name) or []), "").strip()
