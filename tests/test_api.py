"""The public API of the `greffier` package is deliberate: changing it breaks this test."""

from __future__ import annotations

import greffier


def test_public_names() -> None:
    assert sorted(greffier.__all__) == [
        "Corpus",
        "Diagnostic",
        "Diagnostics",
        "GreffierError",
        "Process",
        "SourceLocation",
        "ValidationFailed",
        "__version__",
        "json_schemas",
        "load_corpus",
    ]


def test_every_public_name_exists() -> None:
    for name in greffier.__all__:
        assert getattr(greffier, name) is not None, name


def test_version_matches_the_distribution() -> None:
    from importlib.metadata import version

    assert greffier.__version__ == version("greffier") == "0.1.0"


def test_validation_failed_is_a_greffier_error() -> None:
    assert issubclass(greffier.ValidationFailed, greffier.GreffierError)
