"""Where Greffier's MkDocs theme overrides live.

A wheel ships them inside the `greffier` package (`greffier/_theme`, see pyproject.toml); a
checkout of this repository keeps them at `themes/greffier`, where organisers can read and copy
them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
"""The `greffier` package's folder: `generator/` in a checkout (this module is in
`generator/present/`)."""


def theme_dir() -> Path:
    """The folder holding Greffier's templates and assets, installed or in a checkout."""
    packaged = _PACKAGE / "_theme"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / "themes" / "greffier"


def ci_templates_dir() -> Path:
    """The folder holding the CI templates (published with the site under `ci/`), installed or
    in a checkout."""
    packaged = _PACKAGE / "_ci"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / "docs" / "ci"
