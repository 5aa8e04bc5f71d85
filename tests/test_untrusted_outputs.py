"""Untrusted text that reaches one-line and derived outputs: personal data in commit messages,
line breaks in titles and summaries, and names that would be published at the same address.

One small site (the budget example alone, exports on) is committed to a real git repository
whose commit messages hold personal data, with line breaks planted in its titles, then built
once by a real `mkdocs build`.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from site_builds import REPO, build_project, make_project

from greffier.cli import main
from greffier.load import load_corpus

SLUG = "budget-2026-conseil-quartier"
OTHER = "tramway-ligne-b"
PHONE = "06 12 34 56 78"
PHONE_INTERNATIONAL = "+33 6 98 76 54 32"
IBAN = "FR76 3000 6000 0112 3456 7890 189"
NIR = "1 85 05 78 006 084 91"
EMAIL = "jeanne.martin@example.org"
TRAILER_EMAIL = "paul.durand@example.net"
SECRETS = (PHONE, PHONE_INTERNATIONAL, IBAN, NIR, EMAIL, TRAILER_EMAIL)
MESSAGE = (
    f"Contribution transcrite, rappeler au {PHONE}\n\n"
    f"Remboursement sur {IBAN} (NIR {NIR}),\n"
    f"réponse à {EMAIL} ou au {PHONE_INTERNATIONAL}.\n\n"
    f"Co-authored-by: Paul Durand <{TRAILER_EMAIL}>"
)
MEETING = "2026-03-10-lancement"
CONTRIBUTION = "2026-04-15-camera"
# A line feed, a lone carriage return, CR LF and a line separator: each ends a line somewhere.
MEETING_TITLE = "Réunion publique\nde lancement\r— accueil\r\npuis débat\u2028et clôture"


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Service participation",
        "GIT_AUTHOR_EMAIL": "participation@example.org",
        "GIT_COMMITTER_NAME": "Service participation",
        "GIT_COMMITTER_EMAIL": "participation@example.org",
        "GIT_AUTHOR_DATE": "2026-10-16T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-10-16T10:00:00+00:00",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CEILING_DIRECTORIES": str(root.parent),
    }
    return subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    ).stdout


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("untrusted") / "project"
    root.mkdir()
    make_project(root, exports=True)
    shutil.rmtree(root / "processes" / OTHER)
    folder = root / "processes" / SLUG
    replace_in(
        folder / "process.yml",
        "title: Budget 2026 du conseil de quartier Gare – Les Aulnes",
        'title: "Budget 2026 du conseil\\nde quartier\\r\\nGare – Les Aulnes"',
    )
    replace_in(folder / "process.yml", "summary: >-", "summary: |")
    meeting = folder / "meetings" / f"{MEETING}.md"
    replace_in(meeting, "title: Réunion publique de lancement", f"title: {quoted(MEETING_TITLE)}")
    replace_in(
        meeting,
        "name: Maison de quartier des Aulnes",
        'name: "Maison de quartier\\ndes Aulnes\\u2028(grande salle)"',
    )
    replace_in(
        folder / "documents.yml",
        "title: Résultats du vote du 16 juin 2026",
        'title: "Résultats du vote\\rdu 16 juin 2026"',
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Publication initiale")
    contribution = folder / "contributions" / f"{CONTRIBUTION}.md"
    contribution.write_text(
        contribution.read_text(encoding="utf-8") + "\nPrécision.\n", encoding="utf-8"
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", MESSAGE)
    return root


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, its line breaks escaped."""
    escapes = {"\n": "\\n", "\r": "\\r", "\u2028": "\\L"}
    return '"' + "".join(escapes.get(char, char) for char in text) + '"'


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_CEILING_DIRECTORIES", str(project.parent))
        return build_project(project / "mkdocs.yml")


def site_texts(site: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of every file of the site, and of every member of its zip files."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        name = str(path.relative_to(site))
        if data.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    yield f"{name}:{member}", archive.read(member).decode("utf-8", "replace")
        else:
            yield name, data.decode("utf-8", "replace")


# --------------------------------------------------------------------------- commit messages


def test_personal_data_of_commit_messages_reaches_no_file_of_the_site(
    project: Path, site: Path
) -> None:
    variants = {secret for value in SECRETS for secret in (value, value.replace(" ", ""))}
    (cache,) = (project / ".cache" / "greffier").glob("history-*.json")
    texts = [*site_texts(site), (cache.name, cache.read_text(encoding="utf-8"))]
    leaks = [(name, secret) for name, text in texts for secret in variants if secret in text]
    assert leaks == []
    # The message is published, masked: in the feeds and the history page.
    feed = (site / SLUG / "feed.atom").read_text(encoding="utf-8")
    history = site / SLUG / "contributions" / CONTRIBUTION / "history" / "index.html"
    for text in (feed, history.read_text(encoding="utf-8")):
        assert "Contribution transcrite, rappeler au 06 •• •• •• 78" in text
    ET.fromstring(feed.encode())


def test_check_warns_about_personal_data_in_commit_messages(project: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_CEILING_DIRECTORIES", str(project.parent))
        patch.chdir(project)
        result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    commit = git(project, "rev-parse", "HEAD").strip()[:10]
    where = f"processes/{SLUG}/contributions/{CONTRIBUTION}.md:1: warning: "
    lines = [line for line in result.output.splitlines() if f"commit {commit}" in line]
    assert all(line.startswith(where) for line in lines), lines
    assert any(
        "numéro de téléphone « 06 •• •• •• 78 » — masquée sur le site" in line for line in lines
    )
    assert any("IBAN « FR•• •••• •••• •••• •••• •••• •89 »" in line for line in lines)
    assert any("numéro de sécurité sociale « 1 8• •• •• ••• ••• 91 »" in line for line in lines)
    assert sum("adresse électronique" in line for line in lines) == 2
    assert len(lines) == 6
    for secret in SECRETS:
        assert secret not in result.output and secret.replace(" ", "") not in result.output


# --------------------------------------------------------------------------- line breaks


def test_every_calendar_parses_with_its_events(site: Path) -> None:
    meetings = sorted((site / SLUG / "meetings").glob("*.ics"))
    assert len(meetings) == 2
    expected = {site / SLUG / "agenda.ics": 2, site / "agenda.ics": 2} | dict.fromkeys(meetings, 1)
    for path, count in expected.items():
        calendar = Calendar.from_ical(path.read_bytes())
        assert len(calendar.walk("VEVENT")) == count, path
        assert "\n" not in str(calendar["X-WR-CALNAME"])
    process = Calendar.from_ical((site / SLUG / "agenda.ics").read_bytes())
    assert str(process["NAME"]) == "Budget 2026 du conseil de quartier Gare – Les Aulnes"
    assert str(process["DESCRIPTION"]).count("\n") == 2  # the summary's lines, kept
    (event,) = Calendar.from_ical((site / SLUG / "meetings" / f"{MEETING}.ics").read_bytes()).walk(
        "VEVENT"
    )
    assert str(event["SUMMARY"]) == (
        "Réunion publique de lancement — accueil puis débat et clôture"
    )
    assert str(event["LOCATION"]).startswith("Maison de quartier des Aulnes (grande salle)")


def test_one_line_outputs_stay_well_formed(site: Path) -> None:
    for feed in [site / "feed.atom", *site.glob("*/feed.atom")]:
        ET.fromstring(feed.read_bytes())
    for table in (site / SLUG / "donnees").glob("*.csv"):
        rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"), newline="")))
        assert len({len(row) for row in rows}) == 1, table
    downloads = sorted(path.suffix for path in (site / SLUG / "downloads").rglob("*.*"))
    assert {".pdf", ".epub", ".odt", ".docx"} <= set(downloads)


# --------------------------------------------------------------------------- same address


@pytest.fixture
def budget(tmp_path: Path) -> Path:
    """A project with the budget example alone; returns its process folder."""
    shutil.copytree(REPO / "processes" / SLUG, tmp_path / "processes" / SLUG)
    return tmp_path / "processes" / SLUG


def errors(folder: Path) -> list[str]:
    root = folder.parent.parent
    _, diagnostics = load_corpus(root, language="en")
    return [str(d) for d in diagnostics.errors]


def add_meeting(folder: Path, name: str) -> None:
    shutil.copy(folder / "meetings" / f"{MEETING}.md", folder / "meetings" / name)


def declare(folder: Path, *entries: tuple[str, str]) -> None:
    """documents.yml entries (id, file), each file a copy of the example's PDF."""
    pdf = folder / "documents" / "reglement-budget-2026.pdf"
    lines = []
    for key, file in entries:
        (folder / file).parent.mkdir(parents=True, exist_ok=True)
        if not (folder / file).exists():
            shutil.copy(pdf, folder / file)
        lines += [f"- id: {key}", f"  file: {file}", f"  title: Document {key}"]
    with (folder / "documents.yml").open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


COLLISION = "error: the address '/{url}' is already taken by {other}"


def test_a_meeting_page_cannot_take_the_name_of_another_meetings_calendar(budget: Path) -> None:
    add_meeting(budget, "reunion.md")
    add_meeting(budget, "reunion.ics.md")
    meetings = f"processes/{SLUG}/meetings"
    assert [e for e in errors(budget) if "already taken" in e] == [
        f"{meetings}/reunion.ics.md:1: "
        + COLLISION.format(
            url=f"{SLUG}/meetings/reunion.ics",
            other=f"a page or file that Greffier makes for {meetings}/reunion.md",
        )
        + " (rename one of them (file, id or folder); the site's addresses tell neither "
        "capitals from small letters nor the two Unicode spellings of an accented letter apart)"
    ]


def test_ids_that_differ_only_in_case_collide(budget: Path) -> None:
    add_meeting(budget, "Reunion-1.md")
    add_meeting(budget, "reunion-1.md")
    found = [e for e in errors(budget) if "already taken" in e]
    assert len(found) == 1
    assert found[0].startswith(f"processes/{SLUG}/meetings/reunion-1.md:1: error: ")
    assert f"taken by processes/{SLUG}/meetings/Reunion-1.md:1 (" in found[0]


def test_file_names_that_differ_only_in_unicode_normalisation_collide(budget: Path) -> None:
    composed, decomposed = "documents/\u00e9t\u00e9.pdf", "documents/e\u0301te\u0301.pdf"
    declare(budget, ("ete-1", composed), ("ete-2", decomposed))
    found = [e for e in errors(budget) if "already taken" in e]
    assert len(found) == 1 and "documents.yml:" in found[0], found
    assert "documents.yml:" in found[0].split("taken by")[1]


def test_two_entries_cannot_declare_the_same_file(budget: Path) -> None:
    declare(budget, ("copie-1", "documents/copie.pdf"), ("copie-2", "documents/copie.pdf"))
    assert len([e for e in errors(budget) if "already taken" in e]) == 1


@pytest.mark.parametrize(
    ("file", "url"),
    [
        ("agenda.ics", "agenda.ics"),
        ("Downloads/notice.pdf", "downloads"),
        ("downloads/notice.pdf", "downloads"),
        ("donnees/contributions.csv", "donnees"),
        ("journal/annexe.pdf", "journal"),
        ("history/ancien.pdf", "history"),
    ],
)
def test_a_document_cannot_take_the_place_of_a_generated_file(
    budget: Path, file: str, url: str
) -> None:
    declare(budget, ("piece", file))
    (found,) = [e for e in errors(budget) if "already taken" in e]
    assert found.startswith(f"processes/{SLUG}/documents.yml:")
    assert f"'/{SLUG}/{url}' is already taken by a page or file that Greffier makes for " in found


def test_an_item_id_cannot_take_a_generated_page(budget: Path) -> None:
    add_meeting(budget, "index.md")
    found = [e for e in errors(budget) if "already taken" in e]
    assert [e.split(":")[0] for e in found] == [f"processes/{SLUG}/meetings/index.md"]


@pytest.mark.parametrize("slug", ["journal", "donnees"])
def test_a_process_folder_cannot_take_a_page_of_the_site(budget: Path, slug: str) -> None:
    shutil.copytree(budget, budget.parent / slug)
    found = [e for e in errors(budget) if "already taken" in e]
    assert found == [
        f"processes/{slug}/process.yml:1: "
        + COLLISION.format(url=slug, other="a page or file of the site itself")
        + found[0][found[0].index(" (rename") :]
    ]


def test_a_process_folder_cannot_take_a_page_of_the_sites_own_docs(budget: Path) -> None:
    """`greffier check` sees what the plugin would refuse at build time: a process named like
    a page of docs/ (here the organisers' guide) — `check` passing must mean the site builds."""
    root = budget.parent.parent
    (root / "docs" / "guide").mkdir(parents=True)
    (root / "docs" / "guide" / "index.md").write_text("# Guide\n", encoding="utf-8")
    shutil.copytree(budget, budget.parent / "guide")
    _, diagnostics = load_corpus(root, language="en", docs_dir="docs")
    found = [str(d) for d in diagnostics.errors if "already taken" in str(d)]
    assert [e.split(":")[0] for e in found] == ["processes/guide/process.yml"]
    assert "a page or file of the site itself" in found[0]
    # Without the docs page, the same process is fine.
    (root / "docs" / "guide" / "index.md").unlink()
    _, diagnostics = load_corpus(root, language="en", docs_dir="docs")
    assert not [d for d in diagnostics.errors if "already taken" in str(d)]
