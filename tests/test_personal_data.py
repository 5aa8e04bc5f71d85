"""The personal data guard: planted e-mails, phones, IBANs and social security numbers are caught
at their file line, front matter and body alike; reasoned exceptions and the organiser's public
contact are not reported; ordinary numbers (dates, amounts, postcodes, ids) are left alone."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from greffier.load import load_corpus
from greffier.load.personal_data import Kind, find_personal_data, mask

FIXTURE = Path(__file__).parent / "fixtures" / "validation"
REPO = Path(__file__).resolve().parent.parent
TODAY = dt.datetime(2026, 3, 15, tzinfo=dt.UTC)
P = "processes/demo"

PLANTED = {
    Kind.email: "jeanne.martin@exemple.fr",
    Kind.phone: "06 12 34 56 78",
    Kind.iban: "FR76 3000 6000 0112 3456 7890 189",
    Kind.nir: "1 85 05 78 006 084 91",
}
PHONES = ("06 12 34 56 78", "+33 6 12 34 56 78", "+44 20 7946 0958", "01.23.45.67.89")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def problems(root: Path, language: str = "en") -> list[str]:
    _, diagnostics = load_corpus(root, reference=TODAY, language=language)
    return [str(d) for d in diagnostics]


def write(root: Path, name: str, text: str) -> str:
    path = root / P / name
    path.write_text(text, encoding="utf-8")
    return f"{P}/{name}"


CONTRIBUTION = """---
received: 2026-03-13
channel: email
author: {author}
---
Bonjour,

Je soutiens le projet. {body}
Cordialement.
"""


# --------------------------------------------------------------------------- recognition


@pytest.mark.parametrize(("kind", "text"), [*PLANTED.items(), *((Kind.phone, p) for p in PHONES)])
def test_each_format_is_found_with_its_line(kind: Kind, text: str) -> None:
    found = find_personal_data(f"Première ligne.\n\nContact : {text}, merci.")
    assert [(f.line, f.kind, f.text) for f in found] == [(3, kind, text)]


def test_a_corsican_nir_and_a_german_iban_are_found() -> None:
    # 2A counts as 19 in the key; DE IBANs are 22 characters.
    found = find_personal_data("NIR 2 69 05 2A 004 018 22 et IBAN DE89 3704 0044 0532 0130 00")
    assert [(f.kind, f.key) for f in found] == [
        (Kind.iban, "DE89370400440532013000"),
        (Kind.nir, "269052A00401822"),
    ]


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ("IBANFR76 3000 6000 0112 3456 7890 189", Kind.iban, "FR7630006000011234567890189"),
        ("GB12FR7630006000011234567890189", Kind.iban, "FR7630006000011234567890189"),
        ("n°1 84 12 76 451 089 46", Kind.nir, "184127645108946"),
        ("Zoë1 84 12 76 451 089 46.", Kind.nir, "184127645108946"),
        ("استشارة1 84 12 76 451 089 46", Kind.nir, "184127645108946"),
    ],
)
def test_personal_data_glued_to_a_word_is_found(text: str, kind: Kind, key: str) -> None:
    """Word boundaries do not end these numbers (a letter before "FR76", an Arabic word before
    a NIR): only their checksums tell them from codes."""
    assert [(f.kind, f.key) for f in find_personal_data(text)] == [(kind, key)]


@pytest.mark.parametrize(
    "text",
    [
        "Réunion le 12/03/2026 à 18:30, puis le 2026-03-12 de 18 h 30 à 20 h 00.",
        "received: 2026-03-14T09:00:00+01:00",
        "Un budget de 1 250 000 € (1 250 000 000 € sur dix ans), soit 12 345 678,90 €.",
        "59000 Lille, 75011 Paris, 62999 Saint-Aubin-sur-Lys, BP 12345.",
        "Contributions c-0042, 2026-0042 et gen-0001 ; réf. 26-10-08-0042.",
        "SIRET 123 456 789 00012, arrêté n° 2026-03-123456.",
        "Voir https://participation.example.org/processes/42/f/1234567890/proposals/0612345678",
        "Note de 185057800608436 points.",  # a NIR-shaped number whose key is wrong
        "FR76 3000 6000 0112 3456 7890 180",  # an IBAN whose check digits are wrong
        "190 et 90 places, 9,2 km, 17 stations, 45 arbres ; 3 % d'écart.",
    ],
)
def test_ordinary_numbers_are_not_personal_data(text: str) -> None:
    assert find_personal_data(text) == []


def test_mask_keeps_only_the_ends() -> None:
    assert mask("06 12 34 56 78") == "06 •• •• •• 78"


# --------------------------------------------------------------------------- in the check


def test_personal_data_in_a_contribution_body_is_reported_at_its_line(repo: Path) -> None:
    path = write(
        repo,
        "contributions/c-003.md",
        CONTRIBUTION.format(author="Paul Durand", body=f"Appelez-moi au {PHONES[1]}."),
    )
    assert problems(repo) == [
        f"{path}:8: error: personal data in a file of the public repository: phone number "
        "'+33 • •• •• •• 78' (remove it before committing: every file of the repository is "
        "public, even a draft or a withdrawn contribution; if it may be published (the town "
        "hall's switchboard), list it under personal_data_ok with a reason; if it was already "
        "pushed, follow 'Redactions' in the guide)"
    ]


@pytest.mark.parametrize("kind", list(Kind))
def test_each_kind_is_caught_in_front_matter_and_body(repo: Path, kind: Kind) -> None:
    planted = PLANTED[kind]
    path = write(
        repo,
        "contributions/c-003.md",
        CONTRIBUTION.format(author=f'"Paul Durand {planted}"', body=planted),
    )
    found = problems(repo)
    assert [line.split(": error:")[0] for line in found] == [f"{path}:4", f"{path}:8"]


def test_personal_data_in_minutes_is_reported_in_french(repo: Path) -> None:
    minutes = repo / P / "minutes" / "2026-03-12-reunion.md"
    minutes.write_text(
        minutes.read_text(encoding="utf-8")
        + "\n## Contacts\n\nÉcrire à paul.durand@exemple.fr pour la suite.\n",
        encoding="utf-8",
    )
    assert [line.split(" (")[0] for line in problems(repo, "fr")] == [
        f"{P}/minutes/2026-03-12-reunion.md:10: error: donnée personnelle dans un fichier du "
        "dépôt public : adresse électronique « pa••.••••••@•••••••.fr »"
    ]


def test_withdrawn_and_draft_contributions_are_still_checked(repo: Path) -> None:
    # Their text is not published, but the file is in the public repository.
    text = CONTRIBUTION.format(author="Paul Durand", body=PLANTED[Kind.email])
    text = text.replace("channel: email\n", "channel: email\nwithdrawn: 2026-03-14\ndraft: true\n")
    path = write(repo, "contributions/c-003.md", text)
    assert [line.split(": error:")[0] for line in problems(repo)] == [f"{path}:10"]


def test_the_organisers_contact_is_not_reported(repo: Path) -> None:
    process = repo / P / "process.yml"
    process.write_text(
        process.read_text(encoding="utf-8") + "  phone: 03 20 49 50 00\n", encoding="utf-8"
    )
    answer = (
        "answer:\n  date: 2026-03-20\n  by: Mairie\n"
        "  text: Écrivez à CONCERTATION@saint-exemple.example ou appelez le 03.20.49.50.00.\n"
    )
    text = CONTRIBUTION.format(author="Paul Durand", body="Merci.")
    write(repo, "contributions/c-003.md", text.replace("author:", answer + "author:"))
    assert problems(repo) == []


def test_a_reasoned_exception_is_accepted_in_any_spelling(repo: Path) -> None:
    exception = (
        "personal_data_ok:\n"
        '  - match: "01 23 45 67 89"\n'
        "    reason: standard de la mairie annexe, publié sur le site de la ville\n"
    )
    text = CONTRIBUTION.format(author="Paul Durand", body="La mairie annexe (01.23.45.67.89).")
    write(repo, "contributions/c-003.md", text.replace("author:", exception + "author:"))
    assert problems(repo) == []


def test_an_exception_without_a_reason_is_refused(repo: Path) -> None:
    exception = 'personal_data_ok:\n  - match: "01 23 45 67 89"\n'
    text = CONTRIBUTION.format(author="Paul Durand", body="La mairie annexe (01 23 45 67 89).")
    path = write(repo, "contributions/c-003.md", text.replace("author:", exception + "author:"))
    found = problems(repo)
    assert len(found) == 1
    assert found[0].startswith(f"{path}:5: error:")
    assert "reason" in found[0]


def test_an_exception_that_matches_nothing_is_a_warning(repo: Path) -> None:
    exception = 'personal_data_ok:\n  - match: "01 23 45 67 89"\n    reason: ancien standard\n'
    text = CONTRIBUTION.format(author="Paul Durand", body="Rien à signaler.")
    path = write(repo, "contributions/c-003.md", text.replace("author:", exception + "author:"))
    assert [line.split(" (")[0] for line in problems(repo)] == [
        f"{path}:5: warning: the exception '01 23 45 67 89' matches nothing in this file"
    ]


def test_the_bundled_examples_have_no_personal_data() -> None:
    _, diagnostics = load_corpus(REPO, reference=TODAY)
    assert [str(d) for d in diagnostics if "personal" in d.message] == []


def test_a_mailto_link_is_one_error(repo: Path) -> None:
    address = PLANTED[Kind.email]
    body = f"Écrivez-moi : [{address}](mailto:{address})."
    path = write(repo, "contributions/c-003.md", CONTRIBUTION.format(author="P. D.", body=body))
    assert [line.split(": error:")[0] for line in problems(repo)] == [f"{path}:8"]
