"""The mentions légales: the software's real licence, and a warning for each section that would
say "Non renseigné", from `greffier check` and from a build that still publishes the site."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from site_builds import REFERENCE_DAY, REPO, make_project, page, text_of

from greffier.cli import main

LEGAL_OPTIONS = ("publisher", "publication_director", "contact_email", "host")


def packaged_licence() -> str:
    licence = metadata.metadata("greffier").get_all("License-Expression")
    assert licence, "the installed package names its licence"
    # The installed package is this repository's.
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert licence[0] == project["license"]
    return licence[0]


def test_the_legal_notice_names_the_package_licence(site_fr: Path, site_en: Path) -> None:
    licence = packaged_licence()
    french = text_of(page(site_fr, "/mentions-legales/"))
    english = text_of(page(site_en, "/mentions-legales/"))
    assert f"Greffier, logiciel libre publié sous licence {licence}." in french
    assert f"Greffier, free software released under the {licence} licence." in english
    assert "EUPL" not in french + english


def project_without(root: Path, *unset: str, language: str = "fr") -> Path:
    """A small site whose greffier options leave `unset` empty, as a new site does."""
    config_file = make_project(
        root, language=language, processes=False, options=dict.fromkeys(unset, "")
    )
    folder = root / "processes" / "budget"
    folder.mkdir()
    (folder / "process.yml").write_text(
        "title: Budget participatif\nsummary: Proposez des projets.\n"
        "organiser: Ville d'Essai\nopens: 2026-03-01\n",
        encoding="utf-8",
    )
    return config_file


def plugin_line(config_file: Path) -> int:
    lines = config_file.read_text(encoding="utf-8").splitlines()
    return lines.index("- greffier:") + 1


def run(config_file: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--config", str(config_file)])


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "les mentions légales indiquent « Non renseigné » sous « Contact » (renseignez "
                "l’option contact_email du plugin greffier dans mkdocs.yml)",
                "les mentions légales indiquent « Non renseigné » sous « Directeur ou directrice "
                "de la publication » (renseignez l’option publication_director du plugin greffier "
                "dans mkdocs.yml)",
                "les mentions légales indiquent « Non renseigné » sous « Hébergeur » (renseignez "
                "l’option host du plugin greffier dans mkdocs.yml)",
                "les mentions légales indiquent « Non renseigné » sous « Éditeur du site » "
                "(renseignez l’option publisher du plugin greffier dans mkdocs.yml)",
            ],
        ),
        (
            "en",
            [
                "the legal notice says 'Not provided' under 'Contact' (set the greffier plugin's "
                "option contact_email in mkdocs.yml)",
                "the legal notice says 'Not provided' under 'Director of publication' (set the "
                "greffier plugin's option publication_director in mkdocs.yml)",
                "the legal notice says 'Not provided' under 'Host' (set the greffier plugin's "
                "option host in mkdocs.yml)",
                "the legal notice says 'Not provided' under 'Publisher' (set the greffier plugin's "
                "option publisher in mkdocs.yml)",
            ],
        ),
    ],
)
def test_check_warns_of_each_missing_legal_section_at_the_plugin(
    tmp_path: Path, language: str, expected: list[str]
) -> None:
    config_file = project_without(tmp_path, *LEGAL_OPTIONS, language=language)
    result = run(config_file, "check")
    assert result.exit_code == 0, result.output
    where = f"mkdocs.yml:{plugin_line(config_file)}: warning: "
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    assert warnings == [where + message for message in expected]


def test_a_complete_legal_notice_gives_no_warning(tmp_path: Path) -> None:
    result = run(project_without(tmp_path), "check")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output and "0 avertissement" in result.output


def test_the_build_warns_and_still_publishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(REFERENCE_DAY.timestamp())))
    config_file = project_without(tmp_path, "host", "publication_director")
    result = run(config_file, "build")
    assert result.exit_code == 0, result.output
    where = f"mkdocs.yml:{plugin_line(config_file)}: warning: "
    warned = [line.split("-  ", 1)[-1] for line in result.output.splitlines() if where in line]
    assert warned == [
        f"{where}les mentions légales indiquent « Non renseigné » sous « Directeur ou directrice "
        "de la publication » (renseignez l’option publication_director du plugin greffier dans "
        "mkdocs.yml)",
        f"{where}les mentions légales indiquent « Non renseigné » sous « Hébergeur » (renseignez "
        "l’option host du plugin greffier dans mkdocs.yml)",
    ]
    notice = text_of(page(tmp_path / "site", "/mentions-legales/"))
    assert notice.count("Non renseigné") == 2
    assert "Association Greffier (démonstration)" in notice
