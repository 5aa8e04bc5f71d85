"""The process journal of the scripted tram repository (see `test_trace.make_tram`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_history import Repo, no_enclosing_repository  # noqa: F401 (autouse fixture)
from test_trace import (
    ANSWERED,
    DOSSIER,
    MEETING,
    MINUTES,
    OLD_DOSSIER,
    PROCESS_YML,
    REFERENCE,
    REMOVED,
    TRAM,
    Project,
    tram_project,
    utc,
)

from greffier.enrich.history import BlobReader, read_history
from greffier.enrich.journal import Action, Journal, process_journal, site_journal
from greffier.enrich.trace import ItemKind, LateReason, trace_corpus
from greffier.load import load_corpus


@pytest.fixture(scope="module")
def tram(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return tram_project(tmp_path_factory)


def journal_of(tram: Project, blobs: BlobReader | None = None) -> Journal:
    return process_journal(tram.corpus.process("tram"), tram.history, tram.traces, blobs=blobs)


def test_every_change_newest_first_by_paris_day(tram: Project) -> None:
    with BlobReader(tram.root) as blobs:
        journal = process_journal(
            tram.corpus.process("tram"), tram.history, tram.traces, blobs=blobs
        )
    ids = tram.commits
    assert journal.available and journal.timezone == "Europe/Paris"
    assert [
        (day.day, [(e.commit.id, e.action, e.path) for e in day.entries]) for day in journal.days
    ] == [
        # 22:30 UTC on 5 May is already 6 May in Paris; 21:30 UTC is still 5 May.
        (dt.date(2026, 5, 6), [(ids["outcome"], Action.added, f"{TRAM}/outcome.md")]),
        (dt.date(2026, 5, 5), [(ids["answer"], Action.amended, ANSWERED)]),
        (dt.date(2026, 4, 2), [(ids["remove"], Action.removed, REMOVED)]),
        (dt.date(2026, 3, 25), [(ids["after-approval"], Action.amended, MINUTES)]),
        (dt.date(2026, 3, 22), [(ids["amend"], Action.amended, MINUTES)]),
        (
            dt.date(2026, 3, 20),
            [
                (ids["rename"], Action.amended, f"{TRAM}/documents.yml"),
                (ids["rename"], Action.renamed, DOSSIER),
            ],
        ),
        (dt.date(2026, 3, 12), [(ids["minutes"], Action.added, MINUTES)]),
        (
            dt.date(2026, 3, 1),
            [
                (ids["publish"], Action.added, path)
                for path in sorted(
                    [
                        ANSWERED,
                        REMOVED,
                        OLD_DOSSIER,
                        f"{TRAM}/documents.yml",
                        f"{TRAM}/index.md",
                        MEETING,
                        f"{TRAM}/process.yml",
                    ]
                )
            ],
        ),
    ]
    assert journal.entries[0].commit.id == ids["outcome"]


def test_entries_name_the_item_and_its_history_page(tram: Project) -> None:
    journal = journal_of(tram)
    by_change = {(entry.commit.id, entry.path): entry for entry in journal.entries}
    renamed = by_change[tram.commits["rename"], DOSSIER]
    assert renamed.old_path == OLD_DOSSIER
    assert renamed.kind is ItemKind.document and renamed.title == "Dossier de concertation"
    # Published under its old name, the document's first entry leads to its current page.
    first = by_change[tram.commits["publish"], OLD_DOSSIER]
    assert first.history_path == DOSSIER and first.action is Action.added
    minutes = by_change[tram.commits["minutes"], MINUTES]
    assert (minutes.kind, minutes.title, minutes.history_path) == (
        ItemKind.minutes,
        "Réunion de lancement",
        MINUTES,
    )
    # Without a blob reader, a removed item is named by its file name.
    assert by_change[tram.commits["remove"], REMOVED].title == "c-002.md"


def test_removed_item_named_from_its_last_version(tram: Project) -> None:
    with BlobReader(tram.root) as blobs:
        journal = process_journal(
            tram.corpus.process("tram"), tram.history, tram.traces, blobs=blobs
        )
    removed = [entry for entry in journal.entries if entry.path == REMOVED]
    assert [(e.action, e.commit.date, e.title, e.kind) for e in removed] == [
        (Action.removed, utc(4, 2), "C-2", ItemKind.contribution),
        (Action.added, utc(3, 1), "C-2", ItemKind.contribution),
    ]
    assert all(entry.history_path == REMOVED for entry in removed)


def test_late_changes_flagged(tram: Project) -> None:
    journal = journal_of(tram)
    flagged = {
        (entry.path, late.reason, late.settled) for entry in journal.entries for late in entry.late
    }
    # The minutes' approval day (20 March), else the process's closing (30 April).
    assert flagged == {
        (ANSWERED, LateReason.after_close, dt.date(2026, 4, 30)),
        (MINUTES, LateReason.after_approval, dt.date(2026, 3, 20)),
    }


def test_removal_after_close_is_flagged(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    contribution = f"{TRAM}/contributions/c-009.md"
    repo.commit(
        "Publish",
        utc(3, 1),
        {
            f"{TRAM}/process.yml": PROCESS_YML,
            contribution: "---\nreceived: 2026-03-02\nchannel: post\n---\nAvis.\n",
        },
    )
    removal = repo.commit("Remove", utc(5, 2), {contribution: None})
    corpus, _ = load_corpus(repo.root, reference=REFERENCE)
    history = read_history(repo.root)
    journal = process_journal(corpus.process("tram"), history, trace_corpus(corpus, history))
    entry = journal.entries[0]
    assert (entry.commit.id, entry.action) == (removal, Action.removed)
    assert [(late.reason, late.settled) for late in entry.late] == [
        (LateReason.after_close, dt.date(2026, 4, 30))
    ]
    assert [late.reason for late in journal.entries[1].late] == []


def test_site_journal_merges_processes(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    other = PROCESS_YML.replace("Tramway ligne B", "Budget participatif")
    first = repo.commit("Tram", utc(3, 1), {f"{TRAM}/process.yml": PROCESS_YML})
    second = repo.commit("Budget", utc(3, 2), {"processes/budget/process.yml": other})
    third = repo.commit(
        "Both", utc(3, 3), {f"{TRAM}/index.md": "Tram.\n", "processes/budget/index.md": "B.\n"}
    )
    corpus, _ = load_corpus(repo.root, reference=REFERENCE)
    history = read_history(repo.root)
    traces = trace_corpus(corpus, history)
    journal = site_journal(corpus, history, traces)
    assert journal.timezone == "Europe/Paris"
    assert [(e.commit.id, e.process, e.title) for e in journal.entries] == [
        (third, "budget", None),
        (third, "tram", None),
        (second, "budget", "Budget participatif"),
        (first, "tram", "Tramway ligne B"),
    ]
    assert process_journal(corpus.process("budget"), history, traces).entries == tuple(
        entry for entry in journal.entries if entry.process == "budget"
    )


def test_without_history_the_journal_says_so(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    (root / TRAM).mkdir(parents=True)
    (root / TRAM / "process.yml").write_text(PROCESS_YML, encoding="utf-8")
    corpus, _ = load_corpus(root, reference=REFERENCE)
    history = read_history(root)
    journal = process_journal(corpus.process("tram"), history, trace_corpus(corpus, history))
    assert not journal.available and journal.reason == "not a git repository"
    assert journal.days == ()


def test_process_folder_renamed_keeps_its_journal(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    before = repo.commit("Publish", utc(3, 1), {"processes/tramway/process.yml": PROCESS_YML})
    moved = repo.commit(
        "Rename",
        utc(3, 2),
        {"processes/tramway/process.yml": None, f"{TRAM}/process.yml": PROCESS_YML},
    )
    corpus, _ = load_corpus(repo.root, reference=REFERENCE)
    history = read_history(repo.root)
    journal = process_journal(corpus.process("tram"), history, trace_corpus(corpus, history))
    assert [(e.commit.id, e.action, e.path, e.history_path) for e in journal.entries] == [
        (moved, Action.renamed, f"{TRAM}/process.yml", f"{TRAM}/process.yml"),
        (before, Action.added, "processes/tramway/process.yml", f"{TRAM}/process.yml"),
    ]
