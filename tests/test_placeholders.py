"""The instructions `greffier new` writes ("Décrivez ici la réunion…") are never published: once
`draft: true` is gone, each one left is an error at its line, from `greffier check` and from the
build. The placeholders are read from the skeletons themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from site_builds import REFERENCE_DAY, REPO

from greffier.cli import main
from greffier.formats import skeleton
from greffier.load import load_corpus

MKDOCS_YML = "site_name: Essai\nplugins:\n  - greffier:\n      exports: false\n"

LEFT = {
    "process.yml": [
        "Résumez ici la démarche en une ou deux phrases simples.",
        "organiser: Nom de l'organisme responsable",
        "Indiquez ici comment participer : registres papier",
        "téléphone, réunions publiques et, le cas échéant, en ligne.",
    ],
    "index.md": ["Présentez ici le projet, ses enjeux et ce qui reste à décider."],
    "meetings/2026-04-02-atelier.md": [
        "name: Nom de la salle",
        "address: Adresse postale complète",
        "access: Accès en transports, stationnement, entrée de plain-pied…",
        "Décrivez ici la réunion : son objet",
    ],
    "minutes/2026-04-02-atelier.md": [
        "- Nom du rédacteur ou du service",
        "Rédigez ici le compte rendu, en Markdown.",
    ],
    "contributions/c-0001.md": ["Recopiez ici le texte de la contribution"],
}
"""Each file `greffier new` writes, and the start of each line of it that is an instruction."""

LEFT_EN = {
    "process.yml": [
        "Sum up the process here in one or two simple sentences.",
        "organiser: Name of the responsible body",
        "Say here how to take part: paper registers",
        "phone, public meetings and, where there is one, online.",
    ],
    "index.md": ["Present here the project, what is at stake and what remains to be decided."],
    "meetings/2026-04-02-atelier.md": [
        "name: Name of the room",
        "address: Full postal address",
        "access: Public transport, parking, step-free entrance…",
        "Describe the meeting here: its purpose",
    ],
    "minutes/2026-04-02-atelier.md": [
        "- Name of the writer or of the department",
        "Write the minutes here, in Markdown.",
    ],
    "contributions/c-0001.md": ["Copy here the text of the contribution"],
}
"""The same, on an English site: `greffier new` writes English skeletons there."""


def run(project: Path, command: str, *args: str) -> Result:
    return CliRunner().invoke(main, [command, "--config", str(project / "mkdocs.yml"), *args])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A process and one of each item, as `greffier new` writes them: every one a draft."""
    return new_items(tmp_path, MKDOCS_YML)


def new_items(tmp_path: Path, config: str) -> Path:
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    for command in [
        ("process", "parc"),
        ("meeting", "parc", "2026-04-02-atelier"),
        ("minutes", "parc", "--meeting", "2026-04-02-atelier"),
        ("contribution", "parc"),
    ]:
        created = run(tmp_path, "new", *command)
        assert created.exit_code == 0, created.output
    return tmp_path


def folder(project: Path) -> Path:
    return project / "processes" / "parc"


def undraft(project: Path, *names: str) -> None:
    """Publish files: `draft: false` in place of `draft: true`, so that no line moves."""
    for name in names:
        path = folder(project) / name
        text = path.read_text(encoding="utf-8")
        assert "\ndraft: true\n" in text
        path.write_text(text.replace("\ndraft: true\n", "\ndraft: false\n"), encoding="utf-8")


def expected_lines(project: Path, *names: str, left: dict[str, list[str]] = LEFT) -> list[str]:
    found = []
    for name in names:
        lines = (folder(project) / name).read_text(encoding="utf-8").splitlines()
        for start in left[name]:
            number = next(n for n, line in enumerate(lines, 1) if line.strip().startswith(start))
            found.append(f"processes/parc/{name}:{number}")
    return sorted(found)


def reported_lines(output: str) -> list[str]:
    return sorted(
        line.split(": error: ", 1)[0] for line in output.splitlines() if ": error: " in line
    )


def test_instructions_left_in_published_files_are_errors_at_their_lines(project: Path) -> None:
    items = [name for name in LEFT if name != "index.md"]
    undraft(project, *items)
    result = run(project, "check")
    assert result.exit_code == 1
    assert reported_lines(result.output) == expected_lines(project, *LEFT)
    meeting = folder(project) / "meetings" / "2026-04-02-atelier.md"
    line = meeting.read_text(encoding="utf-8").splitlines().index("  name: Nom de la salle") + 1
    assert (
        f"processes/parc/meetings/2026-04-02-atelier.md:{line}: error: texte d’exemple du modèle "
        "resté tel quel : « Nom de la salle » (c’est une consigne de « greffier new », elle serait "
        "publiée : remplacez-la par votre texte, ou remettez « draft: true » tant que le fichier "
        "n’est pas prêt)"
    ) in result.output.splitlines()


def test_an_english_site_gets_english_skeletons_and_their_instructions_are_refused(
    tmp_path: Path,
) -> None:
    english = new_items(tmp_path, f"{MKDOCS_YML}theme:\n  name: material\n  language: en\n")
    assert "language: en\n" in (folder(english) / "process.yml").read_text("utf-8")
    undraft(english, *(name for name in LEFT_EN if name != "index.md"))
    result = run(english, "check")
    assert result.exit_code == 1
    assert reported_lines(result.output) == expected_lines(english, *LEFT_EN, left=LEFT_EN)
    assert not any("Décrivez" in line or "Nom de" in line for line in result.output.splitlines())


def test_a_process_s_own_language_chooses_its_skeletons(project: Path) -> None:
    process = folder(project) / "process.yml"
    process.write_text(
        process.read_text("utf-8").replace("\nlanguage: fr\n", "\nlanguage: en\n"), "utf-8"
    )
    assert run(project, "new", "meeting", "parc", "2026-05-01-bilan").exit_code == 0
    meeting = (folder(project) / "meetings" / "2026-05-01-bilan.md").read_text("utf-8")
    assert "Describe the meeting here" in meeting
    assert "Décrivez" not in meeting


def test_the_build_refuses_them_too(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(REFERENCE_DAY.timestamp())))
    undraft(project, "process.yml", "contributions/c-0001.md")
    result = run(project, "build")
    assert result.exit_code == 1
    names = ("process.yml", "index.md", "contributions/c-0001.md")
    assert reported_lines(result.output) == expected_lines(project, *names)
    assert not (project / "site").exists()


def test_drafts_keep_their_instructions(project: Path) -> None:
    # A published process with its items still drafts: only the process's files are refused.
    undraft(project, "process.yml")
    result = run(project, "check")
    assert reported_lines(result.output) == expected_lines(project, "process.yml", "index.md")
    # A draft process publishes nothing, not even its items that are not drafts.
    (folder(project) / "process.yml").write_text(
        (folder(project) / "process.yml").read_text("utf-8").replace("draft: false", "draft: true"),
        encoding="utf-8",
    )
    undraft(project, "meetings/2026-04-02-atelier.md", "contributions/c-0001.md")
    result = run(project, "check")
    assert result.exit_code == 0, result.output
    assert "error" not in result.output


def test_in_english_too(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        f"{MKDOCS_YML}theme:\n  name: material\n  language: en\n", encoding="utf-8"
    )
    undraft(project, "contributions/c-0001.md", "process.yml")
    result = run(project, "check")
    [where] = expected_lines(project, "contributions/c-0001.md")
    assert (
        f"{where}: error: skeleton text left as it was: "
        "'Recopiez ici le texte de la contribution, tel qu'il a été reçu.' (it is an instruction "
        "from 'greffier new' and would be published: replace it with your own text, or put "
        "'draft: true' back until the file is ready)"
    ) in result.output.splitlines()


def test_the_examples_hold_no_instruction() -> None:
    _, diagnostics = load_corpus(REPO, reference=REFERENCE_DAY, language="fr")
    assert not [d for d in diagnostics if "modèle" in d.message], diagnostics.format()
    assert not diagnostics.errors


def test_placeholders_are_read_from_the_skeletons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = skeleton.placeholders()
    assert "Résumez ici la démarche en une ou deux phrases simples." in found
    assert "Sum up the process here in one or two simple sentences." in found
    assert (
        "Décrivez ici la réunion : son objet, à qui elle s'adresse, comment elle se déroule."
        in (found)
    )
    assert "Accès en transports, stationnement, entrée de plain-pied…" in found
    # Filled in by the command, marked `$kept`, or not prose: never a placeholder.
    for kept in ("Questions générales", "Accueil et présentation", "## Le projet", "in-person"):
        assert kept not in found
    for kept in ("General questions", "Welcome and introduction", "## The project"):
        assert kept not in found
    # A new skeleton's instructions are known without anyone listing them.
    (tmp_path / "en").mkdir()
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "outcome.md").write_text(
        "---\ntitle: $title\nlead: Annoncez ici la décision.\n---\n## Bilan$kept\n\n"
        "<!-- Un commentaire n'est pas publié. -->\nRacontez ici ce qui a été décidé.\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(skeleton, "_FOLDER", tmp_path)
    skeleton.placeholders.cache_clear()
    try:
        assert skeleton.placeholders() == {
            "Annoncez ici la décision.",
            "Racontez ici ce qui a été décidé.",
        }
    finally:
        monkeypatch.undo()
        skeleton.placeholders.cache_clear()
