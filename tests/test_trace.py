"""Item traces from a real repository: a process published commit by commit, then amended.

`make_tram` scripts the repository shared by the journal and feed tests: minutes amended twice
(the last time after their approval), a document renamed, a contribution removed, another one
answered after the process closed, the outcome published just after midnight in Paris.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_history import Repo, no_enclosing_repository  # noqa: F401 (autouse fixture)

from greffier.enrich.history import BlobReader, History, read_history
from greffier.enrich.trace import ItemKind, LateReason, Traces, trace_corpus
from greffier.load import load_corpus
from greffier.models import Corpus

TRAM = "processes/tram"
MINUTES = f"{TRAM}/minutes/2026-03-12-reunion.md"
MEETING = f"{TRAM}/meetings/2026-03-12-reunion.md"
ANSWERED = f"{TRAM}/contributions/c-001.md"
REMOVED = f"{TRAM}/contributions/c-002.md"
UNCOMMITTED = f"{TRAM}/contributions/c-003.md"
OLD_DOSSIER = f"{TRAM}/documents/dossier.md"
DOSSIER = f"{TRAM}/documents/dossier-concertation.md"
REFERENCE = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)

PROCESS_YML = """\
title: Tramway ligne B
summary: Le tracé de la ligne B.
organiser: Métropole
opens: 2026-03-01
closes: 2026-04-30
"""
MEETING_MD = """\
---
title: Réunion de lancement
start: 2026-03-12T18:30:00+01:00
---
Présentation du tracé.
"""


def minutes_md(body: str, approved: str | None = None) -> str:
    approval = f"approved: {approved}\n" if approved else ""
    return f"---\nmeeting: 2026-03-12-reunion\n{approval}---\n{body}\n"


def contribution_md(reference: str, answer: str | None = None) -> str:
    answered = f"answer:\n  date: 2026-05-05\n  by: Métropole\n  text: {answer}\n" if answer else ""
    return (
        f"---\nreceived: 2026-03-13\nchannel: paper\nreference: {reference}\n{answered}---\nAvis.\n"
    )


def documents_yml(file: str) -> str:
    return f"- id: dossier\n  file: {file}\n  title: Dossier de concertation\n"


def utc(month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Project:
    root: Path
    commits: dict[str, str]
    """Step name -> commit id."""
    corpus: Corpus
    history: History
    traces: Traces


def make_tram(root: Path) -> Project:
    repo = Repo(root)
    steps: list[tuple[str, dt.datetime, dict[str, str | None]]] = [
        (
            "publish",
            utc(3, 1),
            {
                f"{TRAM}/process.yml": PROCESS_YML,
                f"{TRAM}/index.md": "La ligne B.\n",
                MEETING: MEETING_MD,
                ANSWERED: contribution_md("C-1"),
                REMOVED: contribution_md("C-2"),
                f"{TRAM}/documents.yml": documents_yml("documents/dossier.md"),
                OLD_DOSSIER: "# Dossier\n\nLe tracé retenu passe par la gare.\n",
            },
        ),
        ("minutes", utc(3, 12, 20), {MINUTES: minutes_md("Quarante personnes.")}),
        (
            "rename",
            utc(3, 20),
            {
                OLD_DOSSIER: None,
                DOSSIER: "# Dossier\n\nLe tracé retenu passe par la gare.\n",
                f"{TRAM}/documents.yml": documents_yml("documents/dossier-concertation.md"),
            },
        ),
        # Approved on 20 March, recorded two days later: the approval, not a late change.
        ("amend", utc(3, 22), {MINUTES: minutes_md("Quarante-deux personnes.", "2026-03-20")}),
        (
            "after-approval",
            utc(3, 25),
            {MINUTES: minutes_md("Quarante-trois personnes.", "2026-03-20")},
        ),
        ("remove", utc(4, 2), {REMOVED: None}),
        # 23:30 in Paris on 5 May, then 00:30 on 6 May: the same UTC day, two Paris days.
        ("answer", utc(5, 5, 21, 30), {ANSWERED: contribution_md("C-1", "Merci.")}),
        ("outcome", utc(5, 5, 22, 30), {f"{TRAM}/outcome.md": "Le tracé est confirmé.\n"}),
    ]
    commits = {
        name: repo.commit(f"{name.capitalize()} the tram process", when, files, name="Greffe")
        for name, when, files in steps
    }
    (root / UNCOMMITTED).write_text(contribution_md("C-3"), encoding="utf-8")
    corpus, diagnostics = load_corpus(root, reference=REFERENCE)
    assert not diagnostics.errors, diagnostics.errors
    history = read_history(root)
    with BlobReader(root) as blobs:
        traces = trace_corpus(corpus, history, blobs=blobs)
    return Project(root, commits, corpus, history, traces)


def tram_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """`make_tram` in a fresh folder, for a module-scoped fixture."""
    root = tmp_path_factory.mktemp("tram")
    with pytest.MonkeyPatch.context() as patch:
        # The repository must not be taken for part of one enclosing the temporary folder.
        patch.setenv("GIT_CEILING_DIRECTORIES", str(root))
        return make_tram(root / "repo")


@pytest.fixture(scope="module")
def tram(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return tram_project(tmp_path_factory)


def test_every_item_is_traced(tram: Project) -> None:
    assert {path: trace.kind for path, trace in tram.traces.items.items()} == {
        f"{TRAM}/process.yml": ItemKind.process,
        f"{TRAM}/index.md": ItemKind.presentation,
        MEETING: ItemKind.meeting,
        MINUTES: ItemKind.minutes,
        ANSWERED: ItemKind.contribution,
        UNCOMMITTED: ItemKind.contribution,
        f"{TRAM}/documents.yml": ItemKind.documents,
        DOSSIER: ItemKind.document,
        f"{TRAM}/outcome.md": ItemKind.outcome,
    }
    assert tram.traces.available
    assert tram.traces[MINUTES].title == "Réunion de lancement"
    assert tram.traces[ANSWERED].title == "C-1"
    assert tram.traces[f"{TRAM}/process.yml"].process == "tram"


def test_minutes_amended_twice_then_after_approval(tram: Project) -> None:
    trace = tram.traces[MINUTES]
    ids = tram.commits
    assert trace.version_count == 3
    assert [v.commit.id for v in trace.versions] == [
        ids["minutes"],
        ids["amend"],
        ids["after-approval"],
    ]
    assert trace.first_published is not None and trace.first_published.id == ids["minutes"]
    assert trace.first_published.date == utc(3, 12, 20)
    assert trace.last_changed is not None and trace.last_changed.id == ids["after-approval"]
    # The version of 22 March records the approval of 20 March; the one of 25 March changes
    # approved minutes.
    assert [(late.commit.id, late.reason) for late in trace.late_changes] == [
        (ids["after-approval"], LateReason.after_approval)
    ]
    assert not trace.uncommitted
    # Without reading versions, which one recorded the approval is unknown: both are flagged.
    unread = trace_corpus(tram.corpus, tram.history)[MINUTES]
    assert [(late.commit.id, late.reason) for late in unread.late_changes] == [
        (ids["amend"], LateReason.after_approval),
        (ids["after-approval"], LateReason.after_approval),
    ]


def test_answer_after_close_is_flagged(tram: Project) -> None:
    trace = tram.traces[ANSWERED]
    assert trace.version_count == 2
    assert [(late.commit.id, late.reason) for late in trace.late_changes] == [
        (tram.commits["answer"], LateReason.after_close)
    ]


def test_follow_up_items_are_not_flagged_after_close(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    outcome, presentation = f"{TRAM}/outcome.md", f"{TRAM}/index.md"
    files: dict[str, str | None] = {f"{TRAM}/process.yml": PROCESS_YML}
    files |= {outcome: "Bilan.\n", presentation: "Tram.\n"}
    repo.commit("Publish", utc(4, 1), files)
    late = repo.commit("Amend", utc(5, 10), {outcome: "Bilan final.\n", presentation: "Tram B.\n"})
    corpus, _ = load_corpus(repo.root, reference=REFERENCE)
    traces = trace_corpus(corpus, read_history(repo.root))
    # The outcome is written once participation is over, by design; the presentation is not.
    assert traces[outcome].version_count == 2 and traces[outcome].late_changes == ()
    assert [(c.commit.id, c.reason) for c in traces[presentation].late_changes] == [
        (late, LateReason.after_close)
    ]


def test_renamed_document_keeps_one_trace(tram: Project) -> None:
    trace = tram.traces[DOSSIER]
    assert OLD_DOSSIER not in tram.traces.items
    assert trace.previous_paths == (OLD_DOSSIER,)
    assert [v.path for v in trace.versions] == [OLD_DOSSIER, DOSSIER]
    assert trace.first_published is not None and trace.first_published.id == tram.commits["publish"]
    assert trace.title == "Dossier de concertation"


def test_uncommitted_item_is_marked_unpublished(tram: Project) -> None:
    trace = tram.traces[UNCOMMITTED]
    assert trace.uncommitted
    assert trace.versions == () and trace.first_published is None and trace.last_changed is None


def test_committers_by_name_only(tram: Project) -> None:
    commit = tram.traces[MINUTES].versions[0].commit
    assert commit.committer == commit.author == "Greffe"


def test_without_history_traces_say_so(tmp_path: Path, tram: Project) -> None:
    # The same project copied outside any repository.
    plain = tmp_path / "plain"
    shutil.copytree(tram.root, plain, ignore=shutil.ignore_patterns(".git"))
    corpus, _ = load_corpus(plain, reference=REFERENCE)
    history = read_history(plain)
    traces = trace_corpus(corpus, history)
    assert not traces.available and traces.reason == "not a git repository"
    assert set(traces.items) == set(tram.traces.items)
    assert all(
        trace.versions == () and trace.first_published is None and not trace.late_changes
        for trace in traces.items.values()
    )
