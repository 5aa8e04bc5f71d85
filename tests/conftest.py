"""Real sites built once per test session: the bundled examples in French and English, plus an
empty and a long variant for the states a reader can meet.

Each fixture copies the repository's `mkdocs.yml`, `docs/` and `processes/` into a temporary
folder and runs a real `mkdocs build` with the `greffier` plugin, "today" pinned by
SOURCE_DATE_EPOCH so dates and statuses never drift (see site_builds.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from site_builds import LONG_EXTRA_CONTRIBUTIONS, build_project, make_project, write_contributions


@pytest.fixture(scope="session")
def site_fr(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples as published: French, indexed by Pagefind."""
    root = tmp_path_factory.mktemp("site-fr")
    return build_project(make_project(root, search_index=True))


@pytest.fixture(scope="session")
def site_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same examples with `theme.language: en`; not indexed."""
    root = tmp_path_factory.mktemp("site-en")
    return build_project(make_project(root, language="en"))


@pytest.fixture(scope="session")
def site_empty(
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """One process with nothing yet: no meeting, document, contribution or outcome."""
    root = tmp_path_factory.mktemp("site-empty")
    config_file = make_project(root, processes=False)
    folder = root / "processes" / "vide"
    folder.mkdir()
    (folder / "process.yml").write_text(
        "title: Consultation sans contenu\n"
        "summary: Une consultation qui vient d'être annoncée.\n"
        "organiser: Commune d'essai\n"
        "opens: 2027-01-04\n",
        encoding="utf-8",
    )
    return build_project(config_file)


@pytest.fixture(scope="session")
def site_long(
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """The examples plus many generated contributions, so lists span several pages."""
    root = tmp_path_factory.mktemp("site-long")
    config_file = make_project(root)
    write_contributions(root / "processes" / "tramway-ligne-b", LONG_EXTRA_CONTRIBUTIONS)
    return build_project(config_file)
