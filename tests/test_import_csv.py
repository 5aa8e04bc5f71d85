"""`greffier import csv`: a form export read through a column mapping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result
from site_builds import make_project

from greffier.cli import main
from greffier.importers.dates import parse_received
from greffier.load import load_corpus
from greffier.models import Contribution

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


# --------------------------------------------------------------------------- dates

POLIS = """\
timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body
1773162000000,Tue Mar 10 2026 18:00:00 GMT+0100 (CET),0,3,12,1,1,Plus de bus le soir.
1773165600000,Tue Mar 10 2026 19:00:00 GMT+0100 (CET),1,4,0,9,-1,Un texte hors charte.
1773169200000,Tue Mar 10 2026 20:00:00 GMT+0100 (CET),2,5,3,0,0,Des abris aux arrêts.
"""
POLIS_MAPPING = """\
prefix: polis
platform: Polis
fields:
  id: comment-id
  received: timestamp
  channel: {value: online}
  body: comment-body
  moderation: {column: moderated, hidden: [-1]}
"""


def imported(project: Path) -> dict[str, Contribution]:
    corpus, diagnostics = load_corpus(project.parent)
    assert not diagnostics.errors, diagnostics.format()
    return {c.id: c for c in corpus.process(SLUG).contributions}


def test_polis_milliseconds_and_its_moderation(project: Path) -> None:
    export = project.parent / "polis.csv"
    export.write_text(POLIS, encoding="utf-8")
    result = run(project, export, POLIS_MAPPING)
    assert result.exit_code == 0, result.output
    assert "3 nouvelle(s)" in result.output
    found = imported(project)
    first = found["polis-0"].data
    assert first.received == dt.datetime(2026, 3, 10, 17, tzinfo=dt.UTC)
    assert first.received.isoformat() == "2026-03-10T18:00:00+01:00"  # in the process's zone
    assert first.moderation is None and found["polis-2"].data.moderation is None
    hidden = found["polis-1"].data.moderation
    assert hidden and hidden.status == "hidden"
    assert hidden.reason == "Masquée lors de la modération sur Polis."


def test_epoch_seconds_too(project: Path) -> None:
    seconds = POLIS.replace("000,Tue", ",Tue")
    assert "1773162000,Tue" in seconds
    export = project.parent / "polis.csv"
    export.write_text(seconds, encoding="utf-8")
    result = run(project, export, POLIS_MAPPING)
    assert result.exit_code == 0, result.output
    received = imported(project)["polis-2"].data.received
    assert received == dt.datetime(2026, 3, 10, 19, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1773162000", dt.datetime(2026, 3, 10, 17, tzinfo=dt.UTC)),
        ("1773162000000", dt.datetime(2026, 3, 10, 17, tzinfo=dt.UTC)),
        ("1773162000.5", dt.datetime(2026, 3, 10, 17, 0, 0, 500000, tzinfo=dt.UTC)),
        # Eight digits are a compact date, never a count of seconds.
        ("20260310", dt.date(2026, 3, 10)),
    ],
)
def test_numbers_read_as_dates(text: str, expected: dt.date) -> None:
    assert parse_received(text, None, ZoneInfo("Europe/Paris")) == expected


ZONED = [
    ("Numéro", "Date", "Votre avis"),
    ("1", "10/03/2026 18:00 UTC", "Écrit à 18 h en temps universel."),
    ("2", "10/03/2026 18:00 America/Montreal", "Écrit à 18 h à Montréal."),
    ("3", "10/03/2026 18:00", "Écrit à 18 h, sans fuseau."),
]
ZONED_MAPPING = """\
date_format: "%d/%m/%Y %H:%M %Z"
timezone: America/Montreal
fields:
  id: Numéro
  received: Date
  channel: {value: online}
  body: Votre avis
"""


def test_a_date_format_with_its_zone(project: Path) -> None:
    result = run(project, write_export(project.parent, ZONED), ZONED_MAPPING)
    assert result.exit_code == 0, result.output
    found = imported(project)
    # strptime's own %Z would read 18:00 UTC as 18:00 in Paris, an hour early.
    assert found["formulaire-1"].data.received == dt.datetime(2026, 3, 10, 18, tzinfo=dt.UTC)
    montreal = dt.datetime(2026, 3, 10, 22, tzinfo=dt.UTC)  # summer time there since March 8
    assert found["formulaire-2"].data.received == montreal
    assert "formulaire-3" not in found  # the format asks for a zone
    assert "rang 3 (ligne 4) : date illisible « 10/03/2026 18:00 »" in result.output


def test_the_timezone_option_places_times_written_without_one(project: Path) -> None:
    mapping = ZONED_MAPPING.replace(' %Z"', '"')
    result = run(project, write_export(project.parent, [ZONED[0], ZONED[3]]), mapping)
    assert result.exit_code == 0, result.output
    received = imported(project)["formulaire-3"].data.received
    assert received == dt.datetime(2026, 3, 10, 22, tzinfo=dt.UTC)
    assert received.isoformat() == "2026-03-10T18:00:00-04:00"


def test_nothing_imported_fails_and_says_why(project: Path) -> None:
    process_yml = project.parent / "processes" / SLUG / "process.yml"
    before = process_yml.read_bytes()
    mapping = MAPPING.replace("fields:", 'date_format: "%Y-%m-%d"\nfields:')
    rows = [ROWS[0], *((*row[:5], "Nouveau thème") for row in ROWS[1:])]
    result = run(project, write_export(project.parent, rows), mapping)
    assert result.exit_code == 1
    assert "3 écartée(s)" in result.output
    assert "rien n'a été importé ni écrit" in result.output
    assert "aucune date n'a pu être lue : donnez leur format avec « date_format »" in result.output
    assert process_yml.read_bytes() == before  # not even the new theme
    assert not list((project.parent / "processes" / SLUG / "contributions").glob("form*"))


# --------------------------------------------------------------------------- who, and replies

PEOPLE = [
    ("Numéro", "Date", "Votre avis", "Nom", "Au nom de", "En réponse à", "Thème"),
    ("7", "05/11/2026", "Une réponse écrite avant la question.", "Paul Durand", "", "9", ""),
    ("8", "05/11/2026", "Le point de vue de l'État.", "Gouvernement", "", "", "Sécurité routière"),
    ("9", "04/11/2026", "La question.", "Jeanne Martin", "Association Vélo", "", "stations"),
    ("10", "05/11/2026", "Le ministère répond.", " gouvernement ", "", "8", ""),
    ("11", "06/11/2026", "Une réponse à rien.", "", "", "404", ""),
]
PEOPLE_MAPPING = """\
organisations:
  - Gouvernement
  - Mairie de Saint-Aubin
fields:
  id: Numéro
  received: Date
  channel: {value: online}
  body: Votre avis
  author: Nom
  organisation: Au nom de
  parent: En réponse à
  themes: Thème
"""


def test_organisations_are_written_in_full_and_replies_find_their_parent(project: Path) -> None:
    result = run(project, write_export(project.parent, PEOPLE), PEOPLE_MAPPING)
    assert result.exit_code == 0, result.output
    assert "4 nouvelle(s)" in result.output
    found = imported(project)
    state = found["formulaire-8"].data
    assert (state.author, state.organisation) == (None, "Gouvernement")  # never "G."
    assert (found["formulaire-10"].data.author, found["formulaire-10"].data.organisation) == (
        None,
        "gouvernement",
    )
    person = found["formulaire-9"].data
    assert (person.author, person.organisation) == ("J. M.", "Association Vélo")
    assert found["formulaire-7"].data.author == "P. D."
    assert found["formulaire-7"].data.parent == "formulaire-9"  # listed before its parent
    assert found["formulaire-10"].data.parent == "formulaire-8"
    assert "formulaire-11" not in found
    missing = "formulaire-11 : la contribution à laquelle elle répond (formulaire-404)"
    assert missing in result.output
    # A theme title process.yml does not know is added to it.
    assert "Thèmes ajoutés à process.yml : securite-routiere" in result.output
    assert state.themes == ["securite-routiere"]
    written = project.parent / "processes" / SLUG / "contributions" / "formulaire-8.md"
    assert "G." not in written.read_text(encoding="utf-8")


def test_new_settings_are_checked_at_their_lines(project: Path) -> None:
    mapping = "timezone: Europe/Parsi\norganisations: Gouvernement\n" + POLIS_MAPPING.replace(
        "hidden: [-1]", "hidden: []"
    )
    export = project.parent / "polis.csv"
    export.write_text(POLIS, encoding="utf-8")
    result = run(project, export, mapping)
    assert result.exit_code == 1
    shown = (project.parent / "mapping.yml").as_posix()
    assert f"{shown}:1: error: « Europe/Parsi » n'est pas un fuseau horaire connu" in result.output
    assert f"{shown}:2: error: « organisations » doit être une liste de noms" in result.output
    assert f"{shown}:10: error: « moderation » doit être {{column: …, hidden:" in result.output
