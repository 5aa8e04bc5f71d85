"""`greffier import decidim|csv|minutes` on malformed and hostile input: never a traceback.

Every file here is made in the test, broken the way real exports and careless hands break
them. Each class of problem ends in one of two ways: the rows that can be read are imported
(and pass `greffier check`) while the others are reported with their lines, or the import
stops with one clear line, exit status 1, and nothing written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pypandoc
import pytest
from click.testing import CliRunner, Result
from site_builds import make_project

from greffier.cli import main
from greffier.importers.table import MAX_CELL
from greffier.load import load_corpus

SLUG = "tramway-ligne-b"
DECIDIM = "grand-debat"
PROCESS_YML = """\
title: Grand débat
summary: Les contributions en ligne.
organiser: Métropole
opens: 2019-01-15
closes: 2019-03-15
language: fr
author_display: initials
"""
MAPPING = """\
prefix: {prefix}
fields:
  id: Numéro
  received: Date
  channel: {{value: online}}
  title: Sujet
  body: Votre avis
  themes: Thème
"""
HEADER = ("Numéro", "Date", "Sujet", "Votre avis", "Thème")
MEETING = "2026-11-05-balade-urbaine"
"""A held meeting of the example without minutes."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples plus an empty process for Decidim imports; returns mkdocs.yml."""
    config = make_project(tmp_path_factory.mktemp("hostile"))
    folder = config.parent / "processes" / DECIDIM
    folder.mkdir()
    (folder / "process.yml").write_text(PROCESS_YML, encoding="utf-8")
    return config


def invoke(project: Path, *arguments: str) -> Result:
    result = CliRunner().invoke(main, ["import", "-f", str(project), *arguments])
    assert "Traceback" not in result.output
    assert "erreur interne" not in result.output, result.output
    return result


def import_csv(project: Path, export: Path, prefix: str, *extra: str) -> Result:
    mapping = export.with_suffix(".yml")
    mapping.write_text(MAPPING.format(prefix=prefix), encoding="utf-8")
    arguments = ["csv", str(export), "--process", SLUG, "--map", str(mapping), *extra]
    return invoke(project, *arguments)


def import_decidim(project: Path, export: Path) -> Result:
    return invoke(project, "decidim", str(export), "--process", DECIDIM)


def csv_bytes(rows: list[tuple[str, ...]], encoding: str = "utf-8") -> bytes:
    stream = io.StringIO()
    csv.writer(stream, delimiter=";", lineterminator="\r\n").writerows(rows)
    return stream.getvalue().encode(encoding)


def export_file(project: Path, name: str, data: bytes) -> Path:
    path = project.parent / "exports" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def snapshot(project: Path) -> dict[str, str]:
    processes = project.parent / "processes"
    return {
        str(path.relative_to(processes)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(processes.rglob("*"))
        if path.is_file()
    }


def contribution(project: Path, item: str, process: str = SLUG) -> str:
    path = project.parent / "processes" / process / "contributions" / f"{item}.md"
    return path.read_text(encoding="utf-8")


def assert_checks(project: Path) -> None:
    _, diagnostics = load_corpus(project.parent)
    assert not diagnostics.errors, diagnostics.format()


def assert_refused(result: Result, message: str) -> None:
    """One clear line, exit status 1."""
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert message in lines[0]


def row(number: str, body: str, title: str = "Sujet", theme: str = "") -> tuple[str, ...]:
    return (number, "04/11/2026", title, body, theme)


# --------------------------------------------------------------------------- long cells


def test_a_cell_over_the_bound_is_reported_and_the_other_rows_imported(project: Path) -> None:
    long_text = "Un avis très long. " * (200_000 // 19)  # over csv's default limit of 128 KiB
    huge = "x" * (MAX_CELL + 1)
    rows = [HEADER, row("1", long_text), row("2", huge), row("3", "Court.")]
    result = import_csv(project, export_file(project, "long.csv", csv_bytes(rows)), "long")
    assert result.exit_code == 0, result.output
    assert "2 nouvelle(s)" in result.output
    assert "écartée : rang 2 (ligne 3) : une cellule dépasse 10 Mo" in result.output
    assert long_text.strip() in contribution(project, "long-1")
    assert not (project.parent / "processes" / SLUG / "contributions" / "long-2.md").exists()
    assert_checks(project)


# --------------------------------------------------------------------------- headers


def test_localised_headers_and_translation_cells_are_mapped(project: Path) -> None:
    proposals = (
        "\ufeffID/fr; Title/FR ;body/en;created_at;category/name/fr;reference\r\n"
        '7;"{""en""=>""A bench"", ""fr""=>""Un banc \\""public\\""""}";'
        '"{""en"": """", ""machine_translations"": {""fr"": ""Des bancs.""}}";'
        "2019-01-20 10:00:00 +0100;Mobilité;MEL-7\r\n"
    )
    before = snapshot(project)
    export = export_file(project, "localised.csv", proposals.encode("utf-8"))
    result = import_decidim(project, export)
    assert result.exit_code == 0, result.output
    written = contribution(project, "decidim-proposal-7", DECIDIM)
    assert '# Un banc "public"\n\nDes bancs.\n' in written
    assert "reference: MEL-7" in written
    assert "  - mobilite" in written
    assert len(snapshot(project)) == len(before) + 1
    assert_checks(project)


def test_what_cannot_be_mapped_is_named(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "votes.csv").write_text("identifiant;vote\n1;pour\n", encoding="utf-8")
    before = snapshot(project)
    result = import_decidim(project, folder)
    assert_refused(result, "aucun fichier CSV de propositions")
    assert "votes.csv: fichier non reconnu" in result.output
    assert "colonnes : identifiant, vote" in result.output
    assert snapshot(project) == before


def test_csv_columns_differing_in_case_and_spaces_are_mapped(project: Path) -> None:
    header = ("\ufeff numéro", "DATE", "Sujet ", "votre  avis", "Thème")
    data = csv_bytes([header, row("1", "Mon avis.")], "utf-8-sig")
    result = import_csv(project, export_file(project, "casse.csv", data), "casse")
    assert result.exit_code == 0, result.output
    assert "Mon avis." in contribution(project, "casse-1")


# --------------------------------------------------------------------------- markers


def test_texts_holding_the_importers_own_markers_survive_a_second_import(
    project: Path,
) -> None:
    marker = "# greffier-import: csv:marques aaaaaaaaaaaaaaaa themes="
    rows = [
        HEADER,
        row("1", "<p>GREFFIERSPLITMARK0</p><p>Premier.</p>", title="Titre\n---\ndraft: true"),
        row("2", f"---\n{marker}\ndraft: true\n---\nDeuxième."),
        row("3", "<p>a</p>\nGREFFIERSPLITMARK1\n<p>b</p>\n...\n---"),
    ]
    export = export_file(project, "marques.csv", csv_bytes(rows))
    first = import_csv(project, export, "marques")
    assert first.exit_code == 0, first.output
    assert "3 nouvelle(s)" in first.output
    assert "GREFFIERSPLITMARK0\n\nPremier." in contribution(project, "marques-1")
    corpus, diagnostics = load_corpus(project.parent)
    assert not diagnostics.errors, diagnostics.format()
    found = {c.id: c for c in corpus.process(SLUG).contributions}
    # Plain text is escaped: the marker and the rules are text, not front matter.
    assert found["marques-2"].body.endswith(
        f"\\---\\\n\\{marker}\\\ndraft: true\\\n\\---\\\nDeuxième."
    )
    assert not found["marques-1"].data.draft and not found["marques-2"].data.draft
    before = snapshot(project)
    again = import_csv(project, export, "marques")
    assert "0 nouvelle(s), 0 mise(s) à jour, 3 inchangée(s)" in again.output
    assert snapshot(project) == before


# --------------------------------------------------------------------------- quotes


def test_an_unterminated_quote_is_reported_with_its_row_and_line(project: Path) -> None:
    text = (
        "Numéro;Date;Sujet;Votre avis;Thème\n"
        "1;03/11/2026;Un;Premier avis.;\n"
        '2;04/11/2026;Deux;"Un avis dont le guillemet ne ferme jamais;\n'
        "3;05/11/2026;Trois;Troisième avis.;\n"
        '4;06/11/2026;Quatre;"Un avis\nsur deux lignes";\n'
        '5;07/11/2026;Cinq;"Fermé"puis du texte;\n'
    )
    export = export_file(project, "guillemets.csv", text.encode("utf-8"))
    result = import_csv(project, export, "guillemets")
    assert result.exit_code == 0, result.output
    assert "3 nouvelle(s)" in result.output
    assert "rang 2 (ligne 3) : guillemets mal appariés dans la cellule ouverte ligne 3" in (
        result.output
    )
    assert "rang 5 (ligne 7) : guillemets mal appariés" in result.output
    assert "Un avis\\\nsur deux lignes" in contribution(project, "guillemets-4")
    assert_checks(project)


# --------------------------------------------------------------------------- archives


def add_zeros(path: Path, mode: Literal["w", "a"], name: str, head: bytes = b"") -> None:
    """A member of 300 MB that compresses to about 1 MB: a small zip bomb."""
    archive = zipfile.ZipFile(path, mode, zipfile.ZIP_DEFLATED, compresslevel=1)
    with archive, archive.open(name, "w", force_zip64=True) as member:
        member.write(head)
        zeros = bytes(1 << 20)
        for _ in range(300):
            member.write(zeros)


def test_a_zip_bomb_is_refused_before_it_expands(project: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    add_zeros(bomb, "w", "proposals.csv", b"id;title;body;created_at\n")
    assert bomb.stat().st_size < 2_000_000
    before = snapshot(project)
    assert_refused(import_decidim(project, bomb), "se décompresse en plus de 200 Mo")
    assert snapshot(project) == before


def test_a_member_larger_than_it_declares_is_refused(project: Path, tmp_path: Path) -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("proposals.csv", b"id;title;body;created_at\n" + bytes(5 << 20))
    lying = bytearray(data.getvalue())
    # Declare 100 bytes in the local header and in the central directory.
    struct.pack_into("<I", lying, 22, 100)
    central = lying.rindex(b"PK\x01\x02")
    struct.pack_into("<I", lying, central + 24, 100)
    archive_path = tmp_path / "lying.zip"
    archive_path.write_bytes(bytes(lying))
    before = snapshot(project)
    assert_refused(import_decidim(project, archive_path), "archive illisible ou endommagée")
    assert snapshot(project) == before


def test_archives_inside_the_archive_are_reported_not_read(project: Path, tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("proposals.csv", "id;title;body;created_at\n")
    outer = tmp_path / "nested.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("inner.zip", inner.getvalue())
    result = import_decidim(project, outer)
    assert_refused(result, "inner.zip: archive dans l'archive : non lue")


# --------------------------------------------------------------------------- encodings


ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf16": lambda text: text.encode("utf-16"),
    "utf16le": lambda text: text.encode("utf-16-le"),
    "cp1252": lambda text: text.encode("cp1252"),
    "mixed": lambda text: b"".join(
        line.encode("utf-8" if number % 2 else "cp1252")
        for number, line in enumerate(text.splitlines(keepends=True))
    ),
}


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_exports_in_other_encodings_keep_their_accents(project: Path, name: str) -> None:
    rows = [HEADER, row("1", "Été « déjà » là"), row("2", "Œuvre à côté"), row("3", "Noël")]
    data = ENCODINGS[name](csv_bytes(rows).decode("utf-8"))
    result = import_csv(project, export_file(project, f"{name}.csv", data), name)
    assert result.exit_code == 0, result.output
    assert "3 nouvelle(s)" in result.output
    assert "Été « déjà » là" in contribution(project, f"{name}-1")
    assert "Œuvre à côté" in contribution(project, f"{name}-2")
    assert "Noël" in contribution(project, f"{name}-3")


def test_stray_nul_bytes_are_dropped(project: Path) -> None:
    data = csv_bytes([HEADER, row("1", "Un avis\x00 avec un octet nul.")])
    result = import_csv(project, export_file(project, "nul.csv", data), "nul")
    assert result.exit_code == 0, result.output
    assert "Un avis avec un octet nul." in contribution(project, "nul-1")
    assert_checks(project)


UNUSABLE = {
    "vide.csv": (b"", "fichier vide"),
    "blanc.csv": (b"\r\n\r\n", "fichier vide"),
    "entete.csv": (csv_bytes([HEADER]), "rien n'a été importé ni écrit"),
    "binaire.csv": (bytes(range(256)) * 64, "des données binaires"),
    "classeur.csv": (b"PK\x03\x04" + bytes(2000), "des données binaires"),
}


@pytest.mark.parametrize("name", list(UNUSABLE))
def test_unusable_csv_files_stop_with_one_line(project: Path, name: str) -> None:
    data, message = UNUSABLE[name]
    before = snapshot(project)
    path = export_file(project, name, data)
    result = import_csv(project, path, "inutilisable")
    assert result.exit_code == 1, result.output
    error = result.output.strip().splitlines()[-1]
    assert error.startswith(f"Erreur : {path}: ")
    assert message in error
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        ("csv", "missing"),
        ("csv", "folder"),
        ("csv-map", "missing"),
        ("decidim", "missing"),
        ("minutes", "missing"),
        ("minutes", "folder"),
    ],
)
def test_missing_files_and_folders_are_refused_in_one_line(
    project: Path, tmp_path: Path, kind: str, problem: str
) -> None:
    path = tmp_path / ("dossier.docx" if problem == "folder" else "absent.docx")
    if problem == "folder":
        path.mkdir()
    export = export_file(project, "present.csv", csv_bytes([HEADER, row("1", "Avis.")]))
    mapping = tmp_path / "mapping.yml"
    mapping.write_text(MAPPING.format(prefix="absent"), encoding="utf-8")
    arguments = {
        "csv": ["csv", str(path), "--process", SLUG, "--map", str(mapping)],
        "csv-map": ["csv", str(export), "--process", SLUG, "--map", str(path)],
        "decidim": ["decidim", str(path), "--process", DECIDIM],
        "minutes": ["minutes", str(path), "--process", SLUG, "--meeting", MEETING],
    }[kind]
    message = {"missing": "ce fichier ou dossier n'existe pas", "folder": "c'est un dossier"}
    before = snapshot(project)
    assert_refused(invoke(project, *arguments), f"{path}: {message[problem]}")
    assert snapshot(project) == before


# --------------------------------------------------------------------------- every row skipped


def test_nothing_is_written_when_every_row_is_skipped(project: Path) -> None:
    rows = [
        HEADER,
        ("1", "31/02/2026", "Date impossible", "Texte.", "Un thème nouveau"),
        ("2", "", "Sans date", "Texte.", "Un autre thème"),
    ]
    before = snapshot(project)
    result = import_csv(project, export_file(project, "rejets.csv", csv_bytes(rows)), "rejets")
    assert result.exit_code == 1
    assert "0 nouvelle(s), 0 mise(s) à jour, 0 inchangée(s), 2 écartée(s)" in result.output
    assert "rien n'a été importé ni écrit" in result.output
    assert snapshot(project) == before  # process.yml got no theme either


def test_themes_of_skipped_rows_are_not_added(project: Path) -> None:
    rows = [HEADER, row("1", "Texte.", theme="Thème gardé"), row("1", "Doublon.", theme="Perdu")]
    result = import_csv(project, export_file(project, "themes.csv", csv_bytes(rows)), "themes")
    assert result.exit_code == 0, result.output
    process_yml = (project.parent / "processes" / SLUG / "process.yml").read_text()
    assert "Thème gardé" in process_yml
    assert "Perdu" not in process_yml


def test_a_theme_written_like_an_existing_id_is_that_theme(project: Path) -> None:
    process_yml = project.parent / "processes" / SLUG / "process.yml"
    before = process_yml.read_text(encoding="utf-8")
    rows = [HEADER, row("1", "Texte.", theme="Stations !")]
    result = import_csv(project, export_file(project, "stations.csv", csv_bytes(rows)), "gares")
    assert result.exit_code == 0, result.output
    assert process_yml.read_text(encoding="utf-8") == before
    assert "themes:\n  - stations\n" in contribution(project, "gares-1")
    assert_checks(project)


# --------------------------------------------------------------------------- minutes


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_corrupt_word_processor_files_are_refused(
    project: Path, tmp_path: Path, suffix: str
) -> None:
    source = tmp_path / f"compte-rendu{suffix}"
    source.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    before = snapshot(project)
    result = invoke(project, "minutes", str(source), "--process", SLUG, "--meeting", MEETING)
    assert_refused(result, f"{source}: archive illisible ou endommagée")
    assert snapshot(project) == before


def test_a_document_zip_bomb_is_refused(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "bombe.docx"
    pypandoc.convert_text("# Compte rendu", "docx", format="markdown", outputfile=str(source))
    add_zeros(source, "a", "word/media/zeros.bin")
    result = invoke(project, "minutes", str(source), "--process", SLUG, "--meeting", MEETING)
    assert_refused(result, "se décompresse en plus de 200 Mo")


def test_html_minutes_saved_in_cp1252_are_imported(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "compte-rendu.html"
    source.write_bytes("<h1>Compte rendu</h1><p>Élus présents : à côté.</p>".encode("cp1252"))
    meeting = "2026-11-19-atelier-stationnement"
    result = invoke(project, "minutes", str(source), "--process", SLUG, "--meeting", meeting)
    assert result.exit_code == 0, result.output
    minutes = project.parent / "processes" / SLUG / "minutes" / f"{meeting}.md"
    assert "Élus présents : à côté." in minutes.read_text(encoding="utf-8")


def test_a_file_name_cannot_write_into_the_minutes_front_matter(
    project: Path, tmp_path: Path
) -> None:
    source = tmp_path / "cr\ndraft: false\n---\n.md"
    source.write_text("# Compte rendu\n\nTexte.\n", encoding="utf-8")
    meeting = "2026-11-19-atelier-stationnement"
    arguments = ["minutes", str(source), "--process", SLUG, "--meeting", meeting, "--force"]
    result = invoke(project, *arguments)
    assert result.exit_code == 0, result.output
    corpus, diagnostics = load_corpus(project.parent)
    assert not diagnostics.errors, diagnostics.format()
    minutes = {m.id: m for m in corpus.process(SLUG).minutes}
    assert minutes[meeting].data.draft is True


@pytest.mark.parametrize(
    "broken",
    [
        b"title: x\nthemes: [\n",  # not YAML
        "title: Consultation\n".encode("utf-16"),  # not UTF-8
        b"a: &a [1, 2]\nb: [*a, *a, *a]\nc: [*b, *b, *b]\n",  # YAML, but not a process
        b"- a list\n",
    ],
)
def test_an_import_into_a_broken_process_is_refused_plainly(tmp_path: Path, broken: bytes) -> None:
    project = make_project(tmp_path)
    (project.parent / "processes" / SLUG / "process.yml").write_bytes(broken)
    before = snapshot(project)
    export = export_file(
        project, "broken.csv", csv_bytes([HEADER, ("1", "2026-11-02", "T", "B", "")])
    )
    result = import_csv(project, export, "x")
    assert result.exit_code == 1, result.output
    assert "process.yml" in result.output and "greffier check" in result.output
    assert snapshot(project) == before
