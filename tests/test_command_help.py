"""One run, one language: the command's help, Click's words and messages follow the site's
language, or `--lang` (issue #14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from greffier.cli import main
from greffier.i18n.command_help import catalogue, help_texts, key


def run(where: Path, *args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False, env={"COLUMNS": "100"})
    return result.output


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Essai\ntheme:\n  name: material\n  language: fr\nplugins:\n  - greffier\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GREFFIER_LANG", raising=False)
    return tmp_path


def test_every_help_text_has_its_french() -> None:
    missing = sorted(set(help_texts(main)) - set(catalogue("fr")))
    assert missing == []


def test_help_speaks_the_sites_language(site: Path) -> None:
    top = run(site, "--help")
    assert top.startswith("Utilisation : ")
    assert "Afficher cette aide et quitter." in top and "Commandes" in top
    assert "Usage:" not in top and "Show this message" not in top
    meeting = run(site, "new", "meeting", "--help")
    assert "--date AAAA-MM-JJ" in meeting and "%Y-%m-%d" not in meeting


def test_lang_makes_the_whole_run_english(site: Path) -> None:
    top = run(site, "--lang", "en", "--help")
    assert top.startswith("Usage: ") and "Show this message and exit." in top
    # And back to French for the next run: nothing stays English.
    assert run(site, "--help").startswith("Utilisation")


def test_clicks_errors_speak_it_too(site: Path) -> None:
    refused = run(site, "build", "--site-dir")
    assert "Erreur : L'option '--site-dir' demande une valeur." in refused


def test_keys_ignore_how_docstrings_are_indented() -> None:
    assert key("  One line\n    wrapped.\n\n    Second.\n    ") == "One line wrapped.\n\nSecond."
