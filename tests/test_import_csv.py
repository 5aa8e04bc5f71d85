"""`greffier import csv`: a form export read through a column mapping."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from site_builds import make_project

from generator.cli import main
from generator.load import load_corpus

SLUG = "tramway-ligne-b"
MAPPING = """\
prefix: formulaire
platform: Formulaire de la mairie
fields:
  id: Numéro
  received: Date
  channel: {value: online}
  title: Sujet
  body: Votre avis
  author: Nom
  themes: Thème
"""
ROWS = [
    ("Numéro", "Date", "Sujet", "Votre avis", "Nom", "Thème"),
    (
        "1",
        "03/11/2026 18:30",
        "Arrêt près de l'école",
        "Un arrêt « Écoles »\nprès du lycée.",
        "Hélène Dupré",
        "stations",
    ),
    ("2", "04/11/2026", "Vélos", "Des arceaux à côté de chaque station, s'il vous plaît.", "", ""),
    ("3", "31/02/2026", "Date impossible", "Ce texte a une date fausse.", "Zoé Noël", ""),
]


def write_export(folder: Path, rows: list[tuple[str, ...]], encoding: str = "latin-1") -> Path:
    lines = [";".join(f'"{cell}"' if "\n" in cell else cell for cell in row) for row in rows]
    path = folder / "formulaire.csv"
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def run(project: Path, export: Path, mapping: str, *extra: str) -> Result:
    mapping_file = project.parent / "mapping.yml"
    mapping_file.write_text(mapping, encoding="utf-8")
    arguments = ["csv", str(export), "--process", SLUG, "--map", str(mapping_file), *extra]
    return CliRunner().invoke(main, ["import", "-f", str(project), *arguments])


def test_latin1_semicolons_round_trip_with_their_accents(project: Path) -> None:
    result = run(project, write_export(project.parent, ROWS), MAPPING)
    assert result.exit_code == 0, result.output
    assert "2 nouvelle(s)" in result.output
    corpus, diagnostics = load_corpus(project.parent)
    assert not diagnostics.errors, diagnostics.format()
    found = {c.id: c for c in corpus.process(SLUG).contributions}
    first = found["formulaire-1"]
    assert first.body == "# Arrêt près de l'école\n\nUn arrêt « Écoles »\\\nprès du lycée."
    assert first.data.author == "H. D."  # the tram process shows initials
    assert first.data.themes == ["stations"]
    assert first.data.received.isoformat() == "2026-11-03T18:30:00+01:00"
    assert found["formulaire-2"].data.author is None
    written = project.parent / "processes" / SLUG / "contributions" / "formulaire-1.md"
    assert "Hélène" not in written.read_text(encoding="utf-8")


def test_a_row_with_a_bad_date_is_skipped_with_its_number(project: Path) -> None:
    result = run(project, write_export(project.parent, ROWS), MAPPING)
    # Row 3 starts on line 5: row 1's text spans two lines.
    assert "écartée : rang 3 (ligne 5) : date illisible « 31/02/2026 »" in result.output
    assert "1 écartée(s)" in result.output
    contributions = project.parent / "processes" / SLUG / "contributions"
    assert not (contributions / "formulaire-3.md").exists()


def test_given_encoding_and_delimiter(project: Path) -> None:
    rows = [tuple(cell.replace(";", ",") for cell in row) for row in ROWS[:2]]
    path = project.parent / "tab.csv"
    path.write_bytes("\n".join("\t".join(f'"{c}"' for c in row) for row in rows).encode("utf-8"))
    result = run(project, path, MAPPING, "--encoding", "utf-8", "--delimiter", "\t")
    assert result.exit_code == 0, result.output
    assert "1 nouvelle(s)" in result.output


def test_a_second_run_changes_nothing(project: Path) -> None:
    export = write_export(project.parent, ROWS)
    run(project, export, MAPPING)
    again = run(project, export, MAPPING)
    assert "0 nouvelle(s), 0 mise(s) à jour, 2 inchangée(s)" in again.output


def test_a_bad_mapping_is_reported_at_its_lines(project: Path) -> None:
    mapping = MAPPING.replace("channel: {value: online}", "channel: online").replace(
        "  title: Sujet\n", "  title: Sujet\n  colour: Couleur\n  kind: {value: avis}\n"
    )
    result = run(project, write_export(project.parent, ROWS), mapping)
    assert result.exit_code == 1
    shown = (project.parent / "mapping.yml").as_posix()
    assert f"{shown}:6: error: le fichier n'a pas de colonne « online »" in result.output
    assert "channel: {value: online}" in result.output  # the hint
    assert f"{shown}:8: error: champ inconnu « colour »" in result.output
    assert f"{shown}:9: error: valeur « avis » inconnue" in result.output
    assert not (project.parent / "processes" / SLUG / "contributions" / "formulaire-1.md").exists()


def test_a_mapping_without_a_required_field(project: Path) -> None:
    result = run(project, write_export(project.parent, ROWS), MAPPING.replace("  id: Numéro\n", ""))
    assert result.exit_code == 1
    assert ":3: error: le champ obligatoire « id »" in result.output


def test_personal_data_in_a_text_never_reaches_the_file(project: Path) -> None:
    rows = [
        *ROWS[:2],
        (
            "4",
            "05/11/2026",
            "Contact",
            "Écrivez-moi : zoe.noel@example.org, 06 12 34 56 78.",
            "",
            "",
        ),
    ]
    result = run(project, write_export(project.parent, rows), MAPPING)
    assert "formulaire-4 : adresse électronique, numéro de téléphone" in result.output
    written = project.parent / "processes" / SLUG / "contributions" / "formulaire-4.md"
    text = written.read_text(encoding="utf-8")
    assert "zoe.noel" not in text and "06 12" not in text
    assert "\\[adresse électronique retirée\\], \\[numéro de téléphone retiré\\]." in text
    _, diagnostics = load_corpus(project.parent)
    assert not diagnostics.errors, diagnostics.format()


def test_a_wrong_encoding_is_refused_with_a_hint(project: Path) -> None:
    result = run(project, write_export(project.parent, ROWS), MAPPING, "--encoding", "utf-8")
    assert result.exit_code == 1
    assert "l'encodage « utf-8 »" in result.output and "Traceback" not in result.output
