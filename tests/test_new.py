"""`greffier new …` writes skeletons that pass `greffier check`, and refuses unsafe requests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from greffier.cli import main
from greffier.load import load_corpus
from greffier.models import ContributionFile, MeetingFile, MinutesFile, ProcessFile

MKDOCS_YML = "site_name: Essai\nplugins:\n  - greffier\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return tmp_path


def set_language(project: Path, language: str) -> None:
    (project / "mkdocs.yml").write_text(
        f"{MKDOCS_YML}theme:\n  name: material\n  language: {language}\n", encoding="utf-8"
    )


def check(project: Path) -> Result:
    return CliRunner().invoke(main, ["check", "--config", str(project / "mkdocs.yml")])


def new(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["new", "--config", str(project / "mkdocs.yml"), *args])


def test_every_skeleton_passes_check(project: Path) -> None:
    created = new(project, "process", "parc-des-pres", "--title", "Parc : quel avenir ?")
    assert created.exit_code == 0, created.output
    meeting = new(project, "meeting", "parc-des-pres", "Réunion à Bréval", "--date", "2026-03-12")
    assert meeting.exit_code == 0, meeting.output
    assert new(project, "meeting", "parc-des-pres", "2026-04-02-atelier-jeux").exit_code == 0
    minutes = new(project, "minutes", "parc-des-pres", "--meeting", "2026-04-02-atelier-jeux")
    assert minutes.exit_code == 0, minutes.output
    assert new(project, "contribution", "parc-des-pres", "--channel", "paper").exit_code == 0
    assert new(project, "contribution", "parc-des-pres").exit_code == 0

    result = check(project)
    assert result.exit_code == 0, result.output
    assert "error:" not in result.output

    corpus, diagnostics = load_corpus(project)
    assert not diagnostics.errors
    process = corpus.process("parc-des-pres")
    assert process.data.title == "Parc : quel avenir ?"
    assert process.data.draft, "a skeleton must never be published by accident"
    assert [m.id for m in process.meetings] == [
        "2026-03-12-reunion-a-breval",
        "2026-04-02-atelier-jeux",
    ]
    first = process.meetings[0].data
    assert first.title == "Réunion à Bréval"
    assert first.start.isoformat() == "2026-03-12T18:30:00+01:00"  # winter time in Paris
    assert process.meetings[1].data.start.utcoffset().total_seconds() == 7200  # type: ignore[union-attr]
    assert [m.data.meeting for m in process.minutes] == ["2026-04-02-atelier-jeux"]
    assert [c.id for c in process.contributions] == ["c-0001", "c-0002"]
    assert [c.data.channel.value for c in process.contributions] == ["paper", "online"]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("process.yml", ProcessFile),
        ("meeting.md", MeetingFile),
        ("minutes.md", MinutesFile),
        ("contribution.md", ContributionFile),
    ],
)
def test_skeleton_documents_every_field(name: str, model: type, language: str) -> None:
    skeletons = Path(__file__).parents[1] / "generator" / "skeletons"
    text = (skeletons / language / name).read_text("utf-8")
    for field in model.model_fields:
        # Written out or commented out, each field must appear, preceded by its explanation.
        match = re.search(rf"^(# )?{field}:", text, re.MULTILINE)
        assert match, f"{name} does not show the field {field!r}"
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        assert before.startswith("#"), f"{name}: {field!r} has no comment line above it"


def test_refuses_to_overwrite(project: Path) -> None:
    assert new(project, "process", "budget").exit_code == 0
    process_yml = project / "processes" / "budget" / "process.yml"
    process_yml.write_text("title: mine\n", encoding="utf-8")

    again = new(project, "process", "budget")
    assert again.exit_code == 1
    assert again.output.endswith(
        "processes/budget: ce dossier existe déjà ; choisissez un autre nom d'adresse, ou "
        "modifiez les fichiers de ce dossier\n"
    )
    assert process_yml.read_text(encoding="utf-8") == "title: mine\n"

    assert new(project, "contribution", "budget", "--id", "c-7").exit_code == 0
    twice = new(project, "contribution", "budget", "--id", "c-7")
    assert twice.exit_code == 1
    assert twice.output.endswith(
        "contributions/c-7.md: ce fichier existe déjà et n'a pas été modifié ; complétez-le, "
        "ou choisissez un autre nom\n"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            "Erreur : « Consultation Été » ne peut pas servir de nom d'adresse (il devient le nom "
            "du dossier et l'adresse web du processus) ; utilisez seulement des minuscules sans "
            "accent, des chiffres et « - », par exemple consultation-ete\n",
        ),
        (
            "en",
            "Error: 'Consultation Été' is not a valid slug (it becomes the folder name and the "
            "address of the process); use lowercase letters, digits and '-' only, "
            "e.g. consultation-ete\n",
        ),
    ],
)
def test_refuses_an_invalid_slug_and_suggests_one(
    project: Path, language: str, expected: str
) -> None:
    set_language(project, language)
    result = new(project, "process", "Consultation Été")
    assert result.exit_code == 1
    assert result.output == expected
    assert not (project / "processes").exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "Fichier créé : processes/budget/process.yml",
                "Fichier créé : processes/budget/index.md",
                "Complétez-les, puis lancez `greffier check` ; supprimez la ligne `draft: true` "
                "quand ils sont prêts à être publiés.",
            ],
        ),
        (
            "en",
            [
                "Created processes/budget/process.yml",
                "Created processes/budget/index.md",
                "Fill them in, then run `greffier check`; remove the `draft: true` line when "
                "ready to publish.",
            ],
        ),
    ],
)
def test_says_what_it_wrote_and_what_comes_next(
    project: Path, monkeypatch: pytest.MonkeyPatch, language: str, expected: list[str]
) -> None:
    set_language(project, language)
    monkeypatch.chdir(project)
    result = new(project, "process", "budget")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == expected


def test_names_the_missing_process_and_the_fix(project: Path) -> None:
    result = new(project, "meeting", "inconnu", "Atelier")
    assert result.exit_code == 1
    assert result.output.endswith(
        "processes/inconnu/process.yml: ce fichier n'existe pas ; vérifiez le nom d'adresse du "
        "processus, ou créez d'abord le processus avec `greffier new process inconnu`\n"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            "meetings/2026-05-02-vote.md: réunion inconnue « 2026-05-02-vote » (valeurs "
            "possibles : 2026-05-01-vote ; ou créez-la d'abord avec "
            "`greffier new meeting budget …`)\n",
        ),
        (
            "en",
            "meetings/2026-05-02-vote.md: unknown meeting '2026-05-02-vote' (known: "
            "2026-05-01-vote; or create it first with `greffier new meeting budget …`)\n",
        ),
    ],
)
def test_minutes_need_an_existing_meeting(project: Path, language: str, expected: str) -> None:
    set_language(project, language)
    new(project, "process", "budget")
    new(project, "meeting", "budget", "2026-05-01-vote")
    result = new(project, "minutes", "budget", "--meeting", "2026-05-02-vote")
    assert result.exit_code == 1
    assert result.output.endswith(expected)


def test_minutes_of_the_first_meeting_say_there_is_none_yet(project: Path) -> None:
    new(project, "process", "budget")
    result = new(project, "minutes", "budget", "--meeting", "2026-05-02-vote")
    assert result.exit_code == 1
    assert result.output.endswith(
        "(il n'en existe pas encore : créez-la d'abord avec `greffier new meeting budget …`)\n"
    )


def test_process_skeleton_points_editors_at_the_schema(project: Path) -> None:
    schema = project / "docs" / "schemas" / "process.schema.json"
    schema.parent.mkdir(parents=True)
    schema.write_text("{}", encoding="utf-8")
    assert new(project, "process", "budget").exit_code == 0
    folder = project / "processes" / "budget"
    first_line = (folder / "process.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    assert (folder / first_line.split("$schema=", 1)[1]).resolve() == schema.resolve()
