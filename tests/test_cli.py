"""`greffier check` and the CLI's promises: exact messages, exit codes, no traceback for content."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import greffier.load
from greffier.cli import main
from greffier.diagnostics import Diagnostics, SourceLocation, ValidationFailed
from greffier.i18n.wording import Wording

MKDOCS_YML = (
    "site_name: Essai\ntheme:\n  name: material\nplugins:\n  - greffier:\n      exports: false\n"
    # A complete legal notice: its warnings (test_legal_notice.py) stay out of these reports.
    "      publisher: Ville d'Essai\n      publication_director: Le maire\n"
    "      contact_email: mairie@essai.example.org\n      host: Hébergeur d'Essai\n"
)
PROCESS_YML = """\
title: Budget participatif
summary: Proposez et votez pour des projets.
organiser: Ville d'Essai
opens: 2026-03-01
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    folder = tmp_path / "processes" / "budget"
    folder.mkdir(parents=True)
    (folder / "process.yml").write_text(PROCESS_YML, encoding="utf-8")
    return tmp_path


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--config", str(project / "mkdocs.yml")])


def test_check_passes_on_valid_content(project: Path) -> None:
    result = run(project, "check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Vérification de 1 processus, 0 réunion, 0 compte rendu, 0 document, 0 contribution : "
        "0 erreur, 0 avertissement."
    ]


def set_language(project: Path, language: str) -> None:
    config = MKDOCS_YML.replace("  name: material\n", f"  name: material\n  language: {language}\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


def break_the_process(project: Path) -> None:
    folder = project / "processes" / "budget"
    (folder / "process.yml").write_text(PROCESS_YML.replace("title", "titel"), "utf-8")
    (folder / "meetings").mkdir()
    (folder / "meetings" / "vote.md").write_text(
        "---\ntitle: Vote\nstart: 2026-05-01T18:00:00+02:00\nformat: by-pigeon\n---\n", "utf-8"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "processes/budget/meetings/vote.md:4: error: « by-pigeon » ne fait pas partie "
                "des valeurs permises : in-person, online, hybrid",
                "processes/budget/process.yml:1: error: champ inconnu « titel » "
                "(vouliez-vous dire « title » ?)",
                "processes/budget/process.yml:1: error: champ obligatoire manquant : « title »",
                "Vérification de 0 processus, 0 réunion, 0 compte rendu, 0 document, "
                "0 contribution : 3 erreurs, 0 avertissement.",
            ],
        ),
        (
            "en",
            [
                "processes/budget/meetings/vote.md:4: error: 'by-pigeon' is not one of: "
                "in-person, online, hybrid",
                "processes/budget/process.yml:1: error: missing required field 'title'",
                "processes/budget/process.yml:1: error: unknown field 'titel' "
                "(did you mean 'title'?)",
                "Checked 0 processes, 0 meetings, 0 minutes, 0 documents, 0 contributions: "
                "3 errors, 0 warnings.",
            ],
        ),
    ],
)
def test_check_speaks_the_site_language(project: Path, language: str, expected: list[str]) -> None:
    set_language(project, language)
    break_the_process(project)
    result = run(project, "check")
    assert result.exit_code == 1
    assert result.output.splitlines() == expected


def test_french_is_the_default_and_build_refuses_in_it(project: Path) -> None:
    break_the_process(project)
    result = run(project, "build")
    assert result.exit_code == 1
    assert "champ inconnu « titel » (vouliez-vous dire « title » ?)" in result.output
    assert result.output.endswith(
        "3 erreurs, 0 avertissement : corrigez-les, puis relancez `greffier check`.\n"
    )


def test_unsupported_language_names_the_setting_in_every_language(project: Path) -> None:
    set_language(project, "de")
    result = run(project, "check")
    assert result.exit_code == 1
    assert result.output == (
        f"Erreur : {project / 'mkdocs.yml'}: theme.language vaut « de » ; Greffier parle fr, en : "
        "choisissez l'une de ces langues / theme.language is 'de'; Greffier speaks fr, en: "
        "set one of them\n"
    )


def test_check_reports_every_problem_at_its_line(project: Path) -> None:
    folder = project / "processes" / "budget"
    (folder / "process.yml").write_text(PROCESS_YML.replace("2026-03-01", "le 1er mars"), "utf-8")
    meeting = "---\ntitle: Vote\nstart: 2026-05-01T18:00:00+02:00\nformat: by-pigeon\n---\n"
    (folder / "meetings").mkdir()
    (folder / "meetings" / "2026-05-01-vote.md").write_text(meeting, encoding="utf-8")
    (folder / "notes.txt").write_text("brouillon\n", encoding="utf-8")

    result = run(project, "check")

    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("processes/budget/meetings/2026-05-01-vote.md:4: error: ")
    assert lines[1].startswith("processes/budget/notes.txt:1: warning: ")
    assert lines[2].startswith("processes/budget/process.yml:4: error: ")
    assert lines[3].endswith(" : 2 erreurs, 1 avertissement.")
    assert "Traceback" not in result.output


def test_build_refuses_errors_with_the_same_report(project: Path) -> None:
    (project / "processes" / "budget" / "process.yml").write_text("title: [\n", encoding="utf-8")
    result = run(project, "build")
    assert result.exit_code == 1
    assert result.output.startswith("processes/budget/process.yml:")
    assert "1 erreur, 0 avertissement : corrigez-les, puis relancez `greffier check`." in (
        result.output
    )
    assert not (project / "site").exists()


def test_missing_config_names_the_file_and_the_fix_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without mkdocs.yml there is no theme.language: Greffier's default language it is.
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--config", "site.yml"])
    assert result.exit_code == 1
    assert result.output == (
        "Erreur : site.yml: ce fichier n'existe pas ; lancez greffier depuis le dossier qui "
        "contient mkdocs.yml, ou indiquez son chemin avec --config\n"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            "Erreur : processes/: le dossier des processus n'existe pas (créez "
            "processes/<slug>/process.yml, par exemple avec `greffier new process <slug>`)\n",
        ),
        (
            "en",
            "Error: processes/: the processes folder does not exist (create "
            "processes/<slug>/process.yml, e.g. with `greffier new process <slug>`)\n",
        ),
    ],
)
def test_missing_processes_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch, language: str, expected: str
) -> None:
    set_language(project, language)
    shutil.rmtree(project / "processes")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output == expected


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            "site_name: Essai\n",
            "l'extension greffier n'est pas activée ; ajoutez `- greffier` sous `plugins:`",
        ),
        (
            "site_name: Essai\ntheme:\n  language: en\n",
            "the greffier plugin is not enabled; add `- greffier` under `plugins:`",
        ),
    ],
    ids=["fr", "en"],
)
def test_build_needs_the_plugin(project: Path, config: str, expected: str) -> None:
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run(project, "build")
    assert result.exit_code == 1
    assert result.output.endswith(f"mkdocs.yml: {expected}\n")


def test_invalid_config_yaml_is_a_message(project: Path) -> None:
    (project / "mkdocs.yml").write_text("site_name: [\n", encoding="utf-8")
    result = run(project, "check")
    assert result.exit_code == 1
    assert result.output.startswith(
        f"Erreur : {project / 'mkdocs.yml'}: MkDocs ne peut pas lire ce fichier "
        "(détail technique : "
    )
    assert "Traceback" not in result.output


def test_serve_names_the_busy_address(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MkDocs makes its temporary site folder before it finds the address taken, and keeps it.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    set_language(project, "en")
    (project / "docs").mkdir()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        result = run(project, "serve", "--dev-addr", address)
    assert result.exit_code == 1
    assert result.output.endswith(
        f"Error: {address} is already in use: stop the other server, "
        "or choose another address with --dev-addr 127.0.0.1:8001\n"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            "erreur interne, merci de la signaler : RuntimeError: the loader tripped\n"
            "(relancez avec `greffier --debug …` pour joindre à votre signalement le détail "
            "technique de l'erreur)\n",
        ),
        (
            "en",
            "internal error, please report it: RuntimeError: the loader tripped\n"
            "(run again with `greffier --debug …` to include the traceback in the report)\n",
        ),
    ],
)
def test_internal_error_hides_the_traceback_unless_debug(
    project: Path, monkeypatch: pytest.MonkeyPatch, language: str, expected: str
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the loader tripped")

    monkeypatch.setattr(greffier.load, "load_corpus", broken)
    set_language(project, language)

    quiet = run(project, "check")
    assert quiet.exit_code == 2
    assert quiet.output == expected

    debug = CliRunner().invoke(main, ["--debug", "check", "--config", str(project / "mkdocs.yml")])
    assert debug.exit_code == 2
    assert "Traceback (most recent call last)" in debug.output
    assert "RuntimeError: the loader tripped" in debug.output


def test_python_dash_m_generator(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "greffier", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Vérification de 1 processus,")


def add_draft_meeting(project: Path) -> None:
    (project / "docs").mkdir()
    meetings = project / "processes" / "budget" / "meetings"
    meetings.mkdir()
    (meetings / "2026-05-01-vote.md").write_text(
        "---\ntitle: Vote final\nstart: 2026-05-01T18:00:00+02:00\ndraft: true\n---\n",
        encoding="utf-8",
    )


def test_build_publishes_drafts_only_when_asked(project: Path, tmp_path: Path) -> None:
    add_draft_meeting(project)
    draft_page = Path("budget", "meetings", "2026-05-01-vote", "index.html")

    public = run(project, "build", "--site-dir", str(tmp_path / "public"))
    assert public.exit_code == 0, public.output
    assert (tmp_path / "public" / "budget" / "index.html").is_file()
    assert not (tmp_path / "public" / draft_page).exists()

    preview = run(project, "build", "--drafts", "--site-dir", str(tmp_path / "preview"))
    assert preview.exit_code == 0, preview.output
    assert "Vote final" in (tmp_path / "preview" / draft_page).read_text(encoding="utf-8")
    pages = sum(1 for p in (tmp_path / "preview").rglob("*.html") if p.name != "404.html")
    assert preview.output.endswith(f"Site construit dans {tmp_path / 'preview'} : {pages} pages.\n")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "2 erreurs dans les processus :\nprocesses/a.yml:1: error: un"),
        ("en", "1 error in the processes:\nprocesses/a.yml:1: error: un"),
    ],
)
def test_validation_failed_header_speaks_the_site_language(language: str, expected: str) -> None:
    # The MkDocs plugin shows this text when `mkdocs build` meets content errors.
    diagnostics = Diagnostics()
    diagnostics.error(SourceLocation("processes/a.yml"), "un")
    if language == "fr":
        diagnostics.error(SourceLocation("processes/b.yml"), "deux")
    assert str(ValidationFailed(diagnostics, Wording(language))).startswith(expected)


def test_serve_previews_drafts_and_reloads_on_process_edits(project: Path) -> None:
    add_draft_meeting(project)
    folder = project / "processes" / "budget"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "greffier", "serve", "--drafts", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/budget"
    try:
        assert "Vote final" in _wait_for(f"{base}/meetings/2026-05-01-vote/", "Vote final")
        process_yml = folder / "process.yml"
        process_yml.write_text(PROCESS_YML.replace("Budget participatif", "Budget 2027"), "utf-8")
        assert "Budget 2027" in _wait_for(f"{base}/", "Budget 2027")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_shows_content_errors_in_the_browser_then_the_fixed_site(project: Path) -> None:
    (project / "docs").mkdir()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "greffier", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    page = f"http://127.0.0.1:{port}/budget/"
    try:
        _wait_for(page, "Budget participatif")
        break_the_process(project)
        # Every address answers (none waits for a build that cannot be made) with the messages,
        # and a script that waits for the next build to reload.
        shown = _wait_for(page, "processes/budget/process.yml:1: error")
        assert "processes/budget/meetings/vote.md:4: error" in shown
        assert "Le site ne peut pas être construit" in shown and "/livereload/" in shown
        assert "processes/budget/process.yml:1" in _wait_for(f"http://127.0.0.1:{port}/", "titel")
        (project / "processes" / "budget" / "meetings" / "vote.md").unlink()
        (project / "processes" / "budget" / "process.yml").write_text(PROCESS_YML, "utf-8")
        assert "error" not in _wait_for(page, "Budget participatif")
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_for(url: str, text: str) -> str:
    """The page at url once it contains text (the server rebuilds in the background); an
    error page's too. A request may not wait more than 5 s for its answer."""
    deadline = time.monotonic() + 30
    page = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            page = error.read().decode("utf-8")
        except OSError:
            page = ""
        if text in page:
            return page
        time.sleep(0.2)
    pytest.fail(f"{url} did not show {text!r} within 30 s")


def test_mkdocs_build_reports_in_the_site_language(project: Path) -> None:
    (project / "docs").mkdir()
    break_the_process(project)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / "out")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert (
        "processes/budget/process.yml:1: error: champ inconnu « titel » "
        "(vouliez-vous dire « title » ?)" in result.stderr
    )


@pytest.mark.parametrize(
    ("language", "expected", "foreign"),
    [
        (
            "fr",
            [
                "ATTENTION",
                "Nettoyage du dossier du site",
                r"Site construit en \d+,\d+ secondes",
                "Le fichier « notes.md » contient un lien « absent.md » dont la cible est "
                "introuvable parmi les fichiers de documentation.",
                "Le fichier « notes.md » contient un lien « #nulle-part », mais cette page n'a "
                "pas d'ancre de ce nom.",
                r"Option « mot_inconnu » de mkdocs.yml : cette option n'existe pas \(mot_inconnu\)",
                r"Historique indisponible \(le site n’a pas été produit depuis un dépôt git\)",
            ],
            ["Cleaning", "seconds", "Doc file", "Config value", "Unrecognised", "unavailable"],
        ),
        (
            "en",
            [
                "WARNING",
                "Cleaning site directory",
                r"Documentation built in \d+\.\d+ seconds",
                "Doc file 'notes.md' contains a link 'absent.md', but the target is not found "
                "among documentation files.",
                "Doc file 'notes.md' contains a link '#nulle-part', but there is no such anchor "
                "on this page.",
                "Config value 'mot_inconnu': Unrecognised configuration name: mot_inconnu",
                r"History unavailable \(the site was not built from a git repository\)",
            ],
            ["Nettoyage", "secondes", "Le fichier", "Option «", "indisponible"],
        ),
    ],
)
def test_mkdocs_lines_speak_the_site_language(
    project: Path, language: str, expected: list[str], foreign: list[str]
) -> None:
    """One run, one language: MkDocs' progress, levels and what an organiser's own pages and
    `mkdocs.yml` make it say (broken links and anchors, unknown options), under greffier and
    under mkdocs alike; French numbers in French."""
    set_language(project, language)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8") + "mot_inconnu: 1\nvalidation:\n  anchors: warn\n", "utf-8"
    )
    (project / "docs").mkdir()
    (project / "docs" / "notes.md").write_text(
        "# Notes\n\n[Absent](absent.md) et [nulle part](#nulle-part).\n", "utf-8"
    )
    result = run(project, "build", "--no-exports")
    mkdocs = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / "out")],
        cwd=project,
        capture_output=True,
        text=True,
    )
    for output in (result.output, mkdocs.stderr):
        for words in expected:
            assert re.search(words, output), output
        for words in foreign:
            assert words not in output, output
