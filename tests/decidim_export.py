"""The real Decidim export of the Grand débat (Lille, 2019), imported into a test project.

The export is read from ../shared beside the repository and never copied into it: its display
names are personal data. Tests that need it skip with `needs_export` when it is absent.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_builds import make_project

from generator.cli import main

EXPORT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "decidim-mel-2019"
SLUG = "grand-debat"
PROCESS_YML = """\
title: Grand débat national dans la métropole
summary: Les contributions en ligne au Grand débat national, janvier à mars 2019.
organiser: Métropole Européenne de Lille
opens: 2019-01-15
closes: 2019-03-15
language: fr
author_display: {display}
"""

needs_export = pytest.mark.skipif(
    not EXPORT.is_dir(), reason=f"the Decidim corpus is not available at {EXPORT}"
)


def rows(name: str) -> list[dict[str, str]]:
    with (EXPORT / name).open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file, delimiter=";"))


def new_project(root: Path, display: str = "initials") -> Path:
    """The repository's examples plus an empty process `grand-debat`; returns mkdocs.yml."""
    config = make_project(root)
    folder = root / "processes" / SLUG
    folder.mkdir()
    (folder / "process.yml").write_text(PROCESS_YML.format(display=display), encoding="utf-8")
    return config


def run_import(config: Path, export: Path) -> str:
    """`greffier import decidim` as an organiser runs it; returns its report."""
    result = CliRunner().invoke(
        main, ["import", "-f", str(config), "decidim", str(export), "--process", SLUG]
    )
    assert result.exit_code == 0, result.output
    return result.output
