"""Redactions: what redactions.yml withholds never reaches the built site, and the history
says that it happened, when and why. Drafts' versions are not shown either.

Real git repositories made in tmp_path, commit by commit; one real site build with Pagefind,
every file of which (decompressed) is searched for the redacted data.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

import pytest
import yaml
from site_builds import build_project, make_project, page, text_of
from test_history import Repo, no_enclosing_repository  # noqa: F401 (autouse fixture)

from greffier.enrich.history import BlobReader, History, Version, read_history
from greffier.enrich.redaction import Redacted, redact
from greffier.load import load_corpus
from greffier.models import Corpus

MARKER = "[withheld]"
PHONE = "06 12 34 56 78"
PHONE_DIGITS = PHONE.replace(" ", "")
DATE_SECRET = "QZXW-adresse-privee"
DRAFT_TEXT = "ZZBROUILLON-non-publie"
DAY = dt.datetime(2026, 10, 16, 10, tzinfo=dt.UTC)


def at(days: int) -> dt.datetime:
    return DAY + dt.timedelta(days=days)


# ----------------------------------------------------------------- a small project, no build

PROCESS_YML = """\
title: Concertation
summary: Une concertation.
organiser: Ville
opens: 2026-10-01
"""
CONTRIBUTION = "processes/p/contributions/c-1.md"
FRONT = "---\nreceived: 2026-10-02\nchannel: online\n---\n"


def small(root: Path) -> tuple[Repo, list[str]]:
    """Four versions of a contribution: the phone number in 1 and 2, removed by 3."""
    repo = Repo(root)
    ids = [
        repo.commit(
            f"Contribution reçue, rappeler au {PHONE}",
            at(0),
            {"processes/p/process.yml": PROCESS_YML, CONTRIBUTION: f"{FRONT}Appelez le {PHONE}.\n"},
        ),
        repo.commit("Correction", at(1), {CONTRIBUTION: f"{FRONT}Appelez-moi le {PHONE}.\n"}),
        repo.commit("Retrait de données personnelles", at(3), {CONTRIBUTION: f"{FRONT}Merci.\n"}),
        repo.commit("Précision", at(5), {CONTRIBUTION: f"{FRONT}Merci beaucoup.\n"}),
    ]
    return repo, ids


def redacted(root: Path, redactions: str) -> tuple[Redacted, History, Corpus]:
    (root / "processes/p/redactions.yml").write_text(redactions, encoding="utf-8")
    corpus, diagnostics = load_corpus(root)
    assert not diagnostics.errors, [str(d) for d in diagnostics]
    history = read_history(root, paths=("processes",))
    return redact(history, corpus, marker=MARKER), history, corpus


def withheld_numbers(result: Redacted, path: str = CONTRIBUTION) -> list[int]:
    return [v.number for v in result.history.files[path].versions if result.of(v) is not None]


def test_commit_until_withholds_earlier_versions_and_their_messages(tmp_path: Path) -> None:
    _, ids = small(tmp_path)
    result, original, _ = redacted(
        tmp_path, f"- path: contributions/c-1.md\n  until: '{ids[2][:9]}'\n  reason: téléphone\n"
    )
    assert withheld_numbers(result) == [1, 2]
    versions = result.history.files[CONTRIBUTION].versions
    hold = result.of(versions[0])
    assert hold is not None and hold.reason == "téléphone" and hold.on == dt.date(2026, 10, 19)
    # The messages of the commits that touched a withheld version, wherever they are shown.
    assert [c.message for c in result.history.commits] == [
        MARKER,
        MARKER,
        "Retrait de données personnelles",
        "Précision",
    ]
    assert all(PHONE not in change.commit.message for change in result.history.changes)
    assert result.history.file_for(result.history.changes[0]) is not None
    assert not result.unchecked
    # Reading a withheld version gives nothing; the others read through.
    texts = {v.number: "text" for v in versions}
    reader = result.reader(_Fake(texts))
    assert [reader.text(v) for v in versions] == [None, None, "text", "text"]
    # The history it was made from is untouched (its message shows the number masked).
    assert original.commits[0].message == "Contribution reçue, rappeler au 06 •• •• •• 78"


class _Fake:
    def __init__(self, texts: dict[int, str]) -> None:
        self.texts = texts

    def text(self, version: Version) -> str | None:
        return self.texts[version.number]


def test_date_until_withholds_versions_committed_before_that_day(tmp_path: Path) -> None:
    small(tmp_path)
    result, _, _ = redacted(
        tmp_path, "- path: contributions/c-1.md\n  until: 2026-10-18\n  reason: adresse\n"
    )
    assert withheld_numbers(result) == [1, 2]
    hold = result.of(result.history.files[CONTRIBUTION].versions[0])
    assert hold is not None and hold.on == dt.date(2026, 10, 18)


def test_unknown_commit_fails_closed_with_a_warning(tmp_path: Path) -> None:
    small(tmp_path)
    result, _, _ = redacted(
        tmp_path,
        "- path: contributions/c-1.md\n  reason: ok\n  until: 2026-10-01\n"
        "- path: contributions/c-1.md\n  until: 'deadbeef12'\n  reason: téléphone\n",
    )
    # Every version but the current one.
    assert withheld_numbers(result) == [1, 2, 3]
    assert [(str(u.source), u.commit, u.path) for u in result.unchecked] == [
        ("processes/p/redactions.yml:4", "deadbeef12", "contributions/c-1.md")
    ]


def test_without_until_a_removed_file_is_withheld_whole(tmp_path: Path) -> None:
    repo, _ = small(tmp_path)
    repo.commit("Suppression", at(6), {CONTRIBUTION: None})
    result, _, _ = redacted(tmp_path, "- path: contributions/c-1.md\n  reason: retrait\n")
    assert withheld_numbers(result) == [1, 2, 3, 4]
    assert all(c.message == MARKER for c in result.history.commits)


def test_renames_are_followed_from_the_old_path(tmp_path: Path) -> None:
    repo, _ = small(tmp_path)
    repo.git("mv", CONTRIBUTION, "processes/p/contributions/c-2.md")
    repo.commit("Renommage", at(7))
    result, _, _ = redacted(
        tmp_path, "- path: contributions/c-1.md\n  until: 2026-10-18\n  reason: adresse\n"
    )
    assert withheld_numbers(result, "processes/p/contributions/c-2.md") == [1, 2]


def test_versions_of_a_draft_process_are_marked_not_withheld(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.commit(
        "Préparation",
        at(0),
        {"processes/p/process.yml": f"{PROCESS_YML}draft: true\n", CONTRIBUTION: f"{FRONT}A.\n"},
    )
    repo.commit("Relecture", at(1), {CONTRIBUTION: f"{FRONT}B.\n"})
    repo.commit("Ouverture", at(2), {"processes/p/process.yml": PROCESS_YML})
    repo.commit("Correction", at(3), {CONTRIBUTION: f"{FRONT}C.\n"})
    corpus, _ = load_corpus(tmp_path)
    with BlobReader(tmp_path) as blobs:
        result = redact(read_history(tmp_path), corpus, marker=MARKER, blobs=blobs)
        drafted = [
            (path, v.number)
            for path, file in result.history.files.items()
            for v in file.versions
            if (hold := result.of(v)) is not None and hold.draft
        ]
        assert drafted == [(CONTRIBUTION, 1), (CONTRIBUTION, 2), ("processes/p/process.yml", 1)]
        # Drafts are not redactions: their texts and messages stay readable.
        first = result.history.files[CONTRIBUTION].versions[0]
        assert result.reader(blobs).text(first) == f"{FRONT}A.\n"
    assert [c.message for c in result.history.commits][:2] == ["Préparation", "Relecture"]


def test_no_redaction_leaves_the_history_as_it_was(tmp_path: Path) -> None:
    small(tmp_path)
    result, original, _ = redacted(tmp_path, "[]\n")
    assert result.history is original and not result.withheld


def test_loader_reports_each_problem_at_its_line(tmp_path: Path) -> None:
    small(tmp_path)
    (tmp_path / "processes/p/redactions.yml").write_text(
        "- path: contributions/c-1.md\n"  # 1: valid
        "  reason: ok\n"
        "- path: contributions/c-1.md\n"
        "  reason: x\n"
        "  colour: red\n"  # 5: unknown field
        "- path: contributions/c-1.md\n"  # 6: no reason
        "- path: contributions/c-1.md\n"
        "  until: 2026-02-30\n"  # 8: no such day
        "  reason: y\n"
        "- path: ../autre/process.yml\n"  # 10: outside the process folder
        "  reason: z\n",
        encoding="utf-8",
    )
    corpus, diagnostics = load_corpus(tmp_path)
    errors = sorted(str(d.location) for d in diagnostics.errors)
    name = "processes/p/redactions.yml"
    assert errors == [f"{name}:{line}" for line in (10, 5, 6, 8)]
    messages = " ".join(str(d) for d in diagnostics.errors)
    assert "colour" in messages and "reason" in messages and "../autre/process.yml" in messages
    # The valid entry is loaded with its line (the whole run still fails on the errors).
    assert [(r.source.line, r.data.reason) for r in corpus.processes[0].redactions] == [(1, "ok")]


# ----------------------------------------------------------------- the built site

SLUG = "tramway-ligne-b"
BUDGET = "budget-2026-conseil-quartier"
PHONE_ITEM = "contributions/c-0500.md"
DATE_ITEM = "contributions/c-0501.md"
DRAFT_MEETING = "2026-12-10-atelier-brouillon"
REASON = "numéro de téléphone publié par erreur"


def contribution(body: str) -> str:
    return f"---\nreceived: 2026-10-17T09:00:00+02:00\nchannel: online\n---\n{body}\n"


def meeting(draft: bool, body: str) -> str:
    flag = "draft: true\n" if draft else ""
    return f"---\ntitle: Atelier de décembre\nstart: 2026-12-10T18:00:00+01:00\n{flag}---\n{body}\n"


@pytest.fixture(scope="module")
def redacted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("redacted-site")
    config_file = make_project(root, search_index=True)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    assert config["site_url"]  # Feeds are only written for a site with an address.
    folder = f"processes/{SLUG}"
    budget = f"processes/{BUDGET}/process.yml"
    published = (root / budget).read_text(encoding="utf-8")
    repo = Repo(root)
    repo.commit("Publication initiale", at(0), {budget: f"{published}draft: true\n"})
    repo.commit(
        f"Contributions reçues ; rappeler le {PHONE}",
        at(1),
        {
            f"{folder}/{PHONE_ITEM}": contribution(f"Rappelez-moi au {PHONE}, merci."),
            f"{folder}/{DATE_ITEM}": contribution(f"J'habite {DATE_SECRET}."),
            f"{folder}/meetings/{DRAFT_MEETING}.md": meeting(True, f"Ordre du jour {DRAFT_TEXT}."),
        },
    )
    removal = repo.commit(
        "Retrait de données personnelles ; atelier annoncé",
        at(3),
        {
            f"{folder}/{PHONE_ITEM}": contribution("Rappelez-moi, merci."),
            f"{folder}/{DATE_ITEM}": contribution("J'habite le quartier."),
            f"{folder}/meetings/{DRAFT_MEETING}.md": meeting(False, "Ordre du jour à venir."),
            budget: published,
        },
    )
    repo.commit(
        "Effacements",
        at(4),
        {
            f"{folder}/redactions.yml": (
                f"- path: {PHONE_ITEM}\n  until: '{removal[:10]}'\n  reason: {REASON}\n"
                f"- path: {DATE_ITEM}\n  until: 2026-10-19\n  reason: adresse personnelle\n"
            )
        },
    )
    return build_project(config_file)


def decoded_files(site: Path) -> dict[Path, bytes]:
    """Every file of the site, gzip members (Pagefind's fragments and index chunks, any .gz)
    decompressed."""
    found = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        found[path] = data
    return found


def test_redacted_data_appears_in_no_file_of_the_site(redacted_site: Path) -> None:
    files = decoded_files(redacted_site)
    fragments = [p for p in files if p.suffix == ".pf_fragment"]
    # The search found the current texts: decompression works, so absence means something.
    assert fragments and any(b"Rappelez-moi, merci." in files[p] for p in fragments)
    assert (redacted_site / SLUG / "feed.atom") in files
    for needle in (PHONE, PHONE_DIGITS, DATE_SECRET, DRAFT_TEXT):
        leaks = [
            str(path.relative_to(redacted_site))
            for path, data in files.items()
            if needle.encode() in data or needle.encode() in re.sub(rb"\s+", b"", data)
        ]
        assert leaks == [], needle


def test_history_page_shows_the_redaction_reason_and_date(redacted_site: Path) -> None:
    history = page(redacted_site, f"/{SLUG}/contributions/c-0500/history/")
    text = text_of(history)
    # The removal was committed on Monday 19 October 2026.
    assert f"Version masquée : {REASON} (effacement du lundi 19 octobre 2026)." in text
    assert "Texte après effacement" in text
    # Only the version after the redaction has a permalink, and it has no diff.
    assert len(re.findall(r'href="[0-9a-f]{10}/"', history)) == 1
    assert "<del>" not in history and "<ins>" not in history
    dated = text_of(page(redacted_site, f"/{SLUG}/contributions/c-0501/history/"))
    assert "Version masquée : adresse personnelle (effacement du lundi 19 octobre 2026)." in dated


def test_withheld_commit_message_is_replaced_in_the_feeds(redacted_site: Path) -> None:
    for feed in (redacted_site / "feed.atom", redacted_site / SLUG / "feed.atom"):
        text = feed.read_text(encoding="utf-8")
        assert "[Message masqué" in text
        assert "Retrait de données personnelles" in text


def test_draft_versions_are_listed_as_unpublished(redacted_site: Path) -> None:
    history = page(redacted_site, f"/{SLUG}/meetings/{DRAFT_MEETING}/history/")
    text = text_of(history)
    assert "Version non publiée (brouillon)." in text
    assert "Première version publiée." in text
    assert len(re.findall(r'<li id="v', history)) == 2
    assert len(re.findall(r'href="[0-9a-f]{10}/"', history)) == 1


def test_versions_from_when_the_process_was_a_draft_are_not_shown(redacted_site: Path) -> None:
    history = page(redacted_site, f"/{BUDGET}/history/")
    text = text_of(history)
    assert "Version non publiée (brouillon)." in text
    assert "Première version publiée." in text
    assert len(re.findall(r'href="[0-9a-f]{10}/"', history)) == 1
    # A meeting last changed while the process was a draft: listed, never shown.
    meetings = redacted_site / BUDGET / "meetings"
    meeting_history = next(p for p in sorted(meetings.glob("*/history/index.html")))
    listed = meeting_history.read_text(encoding="utf-8")
    assert "Version non publiée (brouillon)." in text_of(listed)
    assert re.findall(r'href="[0-9a-f]{10}/"', listed) == []
    assert list(meeting_history.parent.glob("*/index.html")) == []
