"""The real Decidim export of the Grand débat (Lille, 2019), imported into a test project.

The export is read from ../shared beside the repository and never copied into it: its display
names are personal data. Tests that need it skip with `needs_export` when it is absent.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_builds import make_project

from greffier.cli import main

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


def with_user_group(comment_id: str, group: str) -> str:
    """The debates' comments with one written on behalf of a user group (an association on
    the platform), as Decidim exports it: the export itself has none."""
    with (EXPORT / "commentaires_debats.csv").open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file, delimiter=";")
        comments = list(reader)
        columns = list(reader.fieldnames or ())
    (comment,) = [row for row in comments if row["id"] == comment_id]
    comment.update({"user_group/id": "12", "user_group/name/fr": group})
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter=";")
    writer.writeheader()
    writer.writerows(comments)
    return out.getvalue()


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
