"""History read from real git repositories built commit by commit in tmp_path."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from greffier.enrich.diff import FieldChange, FieldChangeKind, field_changes
from greffier.enrich.history import (
    BlobReader,
    ChangeKind,
    History,
    read_history,
    run_git,
)
from greffier.formats.frontmatter import split_front_matter

EMAIL = "greffe.secret@example.org"
DAY = dt.datetime(2026, 3, 12, 18, 30, tzinfo=dt.UTC)


class Repo:
    """A repository whose commits carry chosen dates and a chosen committer name."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, when: dt.datetime = DAY, name: str = "Greffe") -> str:
        stamp = f"{int(when.timestamp())} +0100"
        env = {
            **os.environ,
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        command = ["git", "-c", f"user.name={name}", "-c", f"user.email={EMAIL}"]
        command += ["-c", "commit.gpgsign=false", *args]
        return subprocess.run(
            command, cwd=self.root, env=env, check=True, capture_output=True, text=True
        ).stdout.strip()

    def commit(
        self,
        message: str,
        when: dt.datetime,
        files: Mapping[str, str | None] | None = None,
        name: str = "Greffe",
    ) -> str:
        """Write (or delete, with None) files, commit them all, return the commit id."""
        for path, text in (files or {}).items():
            target = self.root / path
            if text is None:
                target.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when, name=name)
        return self.git("rev-parse", "HEAD")


class CountingRunner:
    """The real git runner, recording each command."""

    def __init__(self) -> None:
        self.commands: list[list[str]] = []

    def __call__(self, args: Sequence[str], cwd: Path) -> bytes:
        self.commands.append(list(args))
        return run_git(args, cwd)

    def count(self, subcommand: str) -> int:
        return sum(1 for command in self.commands if command[0] == subcommand)


@pytest.fixture(autouse=True)
def no_enclosing_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # tmp_path must not be taken for part of whatever repository might enclose it.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def at(days: int, hours: int = 0) -> dt.datetime:
    return DAY + dt.timedelta(days=days, hours=hours)


MINUTES = "processes/tram/minutes/2026-03-12.md"


def test_minutes_amended_twice(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    texts = [
        "# Compte rendu\n\nLe conseil a voté.\n",
        "# Compte rendu\n\nLe conseil a voté la délibération.\n",
        "# Compte rendu\n\nLe conseil municipal a voté la délibération.\n",
    ]
    ids = [
        repo.commit("Publie le compte rendu", at(1), {MINUTES: texts[0]}),
        repo.commit("Corrige le compte rendu\n\nDemandé en séance.", at(3), {MINUTES: texts[1]}),
        repo.commit("Ajoute le procès-verbal", at(4), {"processes/tram/process.yml": "t: 1\n"}),
        repo.commit("Précise le compte rendu", at(9, 2), {MINUTES: texts[2]}),
    ]

    history = read_history(repo.root)

    assert history.available and history.head == ids[-1] and not history.shallow
    minutes = history.files[MINUTES]
    assert [v.number for v in minutes.versions] == [1, 2, 3]
    assert [v.commit.id for v in minutes.versions] == [ids[0], ids[1], ids[3]]
    assert [v.change.status for v in minutes.versions] == [
        ChangeKind.added,
        ChangeKind.modified,
        ChangeKind.modified,
    ]
    assert minutes.first_published.date == at(1)
    assert minutes.last_changed.date == at(9, 2)
    assert minutes.first_published.date.tzinfo is not None
    assert minutes.removed is None
    second = minutes.versions[1].commit
    assert second.message == "Corrige le compte rendu\n\nDemandé en séance."
    assert second.subject == "Corrige le compte rendu"
    assert second.short_id == ids[1][:10]
    assert second.author == second.committer == "Greffe"
    assert [c.id for c in history.commits] == ids
    with BlobReader(repo.root) as blobs:
        assert [blobs.text(v) for v in minutes.versions] == texts


def test_committer_date_not_author_date(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    (repo.root / "a.md").write_text("a\n", encoding="utf-8")
    repo.git("add", "-A")
    stamp = f"{int(at(2).timestamp())} +0000"
    subprocess.run(
        ["git", "-c", "user.name=A", "-c", "user.email=a@b.c", "commit", "-q", "-m", "m"],
        cwd=repo.root,
        env={**os.environ, "GIT_AUTHOR_DATE": "1700000000 +0000", "GIT_COMMITTER_DATE": stamp},
        check=True,
    )
    assert read_history(repo.root).files["a.md"].first_published.date == at(2)


def front_matter(text: str) -> dict[str, object]:
    loaded = YAML(typ="safe").load(split_front_matter(text).yaml)
    assert isinstance(loaded, dict)
    return loaded


def test_contribution_answered_later(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    path = "processes/tram/contributions/c-012.md"
    received = "---\nid: c-012\nreceived: 2026-03-01\nchannel: online\n---\nPlus d'arbres.\n"
    answered = received.replace("---\nPlus", "answer:\n  date: 2026-04-02\n  text: Oui.\n---\nPlus")
    repo.commit("Contribution reçue", at(0), {path: received})
    repo.commit("Répond à c-012", at(20), {path: answered})

    versions = read_history(repo.root).files[path].versions
    with BlobReader(repo.root) as blobs:
        old, new = (front_matter(blobs.text(v) or "") for v in versions)
    assert field_changes(old, new) == [
        FieldChange(
            ("answer",),
            FieldChangeKind.added,
            None,
            {"date": dt.date(2026, 4, 2), "text": "Oui."},
        )
    ]
    assert versions[1].commit.date == at(20)


def test_renamed_file_keeps_its_history(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    first = "processes/tram/documents/dossier.md"
    second = "processes/tram/documents/dossier de concertation.md"
    third = "processes/tram/documents/dossier-procès.md"
    body = "# Dossier\n\n" + "Un paragraphe assez long pour que git reconnaisse le fichier.\n" * 5
    repo.commit("Dossier", at(0), {first: body})
    repo.commit("Complète", at(1), {first: body + "Ajout.\n"})
    repo.git("mv", first, second)
    repo.commit("Renomme", at(2))
    repo.git("mv", second, third)
    repo.commit("Renomme encore et corrige", at(3), {third: body + "Ajout corrigé.\n"})

    history = read_history(repo.root)

    assert set(history.files) == {third}
    moved = history.files[third]
    assert moved.previous_paths == (first, second)
    assert [v.path for v in moved.versions] == [first, first, second, third]
    assert [v.change.status for v in moved.versions][2:] == [ChangeKind.renamed] * 2
    assert moved.versions[3].change.old_path == second
    assert moved.first_published.date == at(0)
    assert history.redirects() == {first: third, second: third}
    assert {history.file_for(change) for change in history.changes} == {moved}
    with BlobReader(repo.root) as blobs:
        assert blobs.text(moved.versions[1]) == body + "Ajout.\n"
        assert blobs.text(moved.versions[3]) == body + "Ajout corrigé.\n"


def test_deleted_item_keeps_its_history(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    path = "processes/tram/meetings/2026-04-01-atelier.md"
    repo.commit("Annonce l'atelier", at(0), {path: "Atelier.\n", "processes/tram/a.md": "a\n"})
    removal = repo.commit("Retire l'atelier", at(5), {path: None})

    history = read_history(repo.root)

    gone = history.files[path]
    assert gone.removed is not None and gone.removed.id == removal
    assert gone.removed.date == at(5)
    assert [v.number for v in gone.versions] == [1]
    assert history.files["processes/tram/a.md"].removed is None
    assert history.changes[-1].status is ChangeKind.deleted
    assert history.changes[-1].path == path
    assert history.redirects() == {}
    assert history.file_for(history.changes[-1]) == gone

    repo.commit("Rétablit l'atelier", at(6), {path: "Atelier reporté.\n"})
    back = read_history(repo.root).files[path]
    assert back.removed is None and len(back.versions) == 2


def test_merge_commit_counts_on_the_first_parent_line(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Début", at(0), {"processes/tram/process.yml": "a: 1\n"})
    repo.git("checkout", "-q", "-b", "brouillon")
    side = repo.commit("Brouillon du compte rendu", at(1), {MINUTES: "Brouillon.\n"})
    repo.commit("Relu", at(2), {MINUTES: "Relu.\n"})
    repo.git("checkout", "-q", "main")
    repo.commit("Pendant ce temps", at(3), {"processes/tram/process.yml": "a: 2\n"})
    repo.git("merge", "-q", "--no-ff", "brouillon", "-m", "Publie le compte rendu", when=at(4))
    merge = repo.git("rev-parse", "HEAD")

    history = read_history(repo.root)

    assert side not in {c.id for c in history.commits}
    assert [c.subject for c in history.commits] == [
        "Début",
        "Pendant ce temps",
        "Publie le compte rendu",
    ]
    minutes = history.files[MINUTES]
    assert [v.commit.id for v in minutes.versions] == [merge]
    assert minutes.first_published.date == at(4)
    assert len(minutes.first_published.parents) == 2


def test_emails_never_reach_the_model_or_the_cache(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Un", at(0), {"a.md": "a\n"}, name="Service participation")
    trailer = f"Relu\n\nCo-authored-by: Jeanne Martin <jeanne@example.org>\nVu par {EMAIL}."
    repo.commit(trailer, at(1), {"a.md": "b\n"}, name="Service participation")
    repo.commit("Trois", at(2), {"a.md": "c\n"}, name=EMAIL)
    cache = tmp_path / "cache"

    history = read_history(repo.root, cache_dir=cache)

    versions = history.files["a.md"].versions
    assert versions[0].commit.author == "Service participation"
    assert versions[1].commit.message == "Relu\n\nCo-authored-by: Jeanne Martin\nVu par [e-mail]."
    assert versions[2].commit.author == versions[2].commit.committer == "[e-mail]"
    assert "@" not in repr(history)
    (cache_file,) = cache.iterdir()
    assert "@" not in cache_file.read_text(encoding="utf-8")


def test_only_the_requested_paths(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Un", at(0), {MINUTES: "a\n", "docs/guide.md": "g\n", "mkdocs.yml": "x: 1\n"})
    repo.commit("Guide", at(1), {"docs/guide.md": "g2\n"})

    history = read_history(repo.root, paths=["processes"])

    assert set(history.files) == {MINUTES}
    assert [c.subject for c in history.commits] == ["Un"]


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Un", at(0), {"site/" + MINUTES: "v1\n", "autre/x.md": "x\n"})
    repo.commit("Deux", at(1), {"site/" + MINUTES: "v2\n"})
    (repo.root / "site" / "processes" / "tram" / "nouveau.md").write_text("n\n")
    (repo.root / "autre" / "y.md").write_text("y\n")
    root = repo.root / "site"

    history = read_history(root)

    assert set(history.files) == {MINUTES}
    assert history.uncommitted == {"processes/tram/nouveau.md"}
    with BlobReader(root) as blobs:
        assert [blobs.text(v) for v in history.files[MINUTES].versions] == ["v1\n", "v2\n"]


def test_uncommitted_changes_are_reported(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Un", at(0), {MINUTES: "a\n", "processes/tram/b.md": "b\n", "processes/c.md": "c"})
    (repo.root / MINUTES).write_text("a modifié\n")
    (repo.root / "processes/tram/b.md").unlink()
    (repo.root / "processes/tram/nouveau dossier").mkdir()
    (repo.root / "processes/tram/nouveau dossier/é.md").write_text("n\n")

    history = read_history(repo.root)

    assert history.uncommitted == {
        MINUTES,
        "processes/tram/b.md",
        "processes/tram/nouveau dossier/é.md",
    }
    assert history.files[MINUTES].versions[0].commit.date == at(0)


def test_not_a_repository(tmp_path: Path) -> None:
    (tmp_path / "processes").mkdir()
    history = read_history(tmp_path)
    assert history == History(available=False, reason="not a git repository")


@pytest.mark.skipif(os.geteuid() != 0, reason="needs to give the repository to another user")
def test_repository_owned_by_someone_else(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What CI containers meet: git refuses, and saying "not a git repository" would mislead.
    repo = Repo(tmp_path / "repo")
    repo.commit("Un", at(0), {"a.md": "a\n"})
    os.chown(repo.root, 4242, 4242)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    history = read_history(repo.root)
    assert not history.available
    assert history.reason is not None and "dubious ownership" in history.reason


def test_git_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Un", at(0), {"a.md": "a\n"})
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    history = read_history(repo.root)
    assert not history.available and history.reason == "git is not installed"


def test_nothing_committed_yet(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    (repo.root / "a.md").write_text("a\n")
    history = read_history(repo.root)
    assert not history.available and history.reason == "no commit yet"
    assert history.uncommitted == {"a.md"}


def test_shallow_clone_is_flagged_and_not_cached(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Un", at(0), {MINUTES: "a\n"})
    repo.commit("Deux", at(1), {MINUTES: "b\n"})
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    cache = tmp_path / "cache"

    history = read_history(clone, cache_dir=cache)

    assert history.available and history.shallow
    assert len(history.files[MINUTES].versions) == 1
    assert not cache.exists()
    assert not read_history(repo.root).shallow


def test_one_git_log_per_read_and_cache_reused(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    for number in range(8):
        files = {f"processes/tram/contributions/c-{number}-{k}.md": f"{number}\n" for k in range(5)}
        repo.commit(f"Lot {number}", at(number), files)
    cache = tmp_path / "cache"
    runner = CountingRunner()

    first = read_history(repo.root, cache_dir=cache, runner=runner)

    assert len(first.files) == 40
    assert runner.count("log") == 1
    assert len(runner.commands) <= 4  # Fixed, whatever the number of files.
    (cache_file,) = cache.iterdir()
    assert first.head is not None and first.head in cache_file.name

    again = CountingRunner()
    second = read_history(repo.root, cache_dir=cache, runner=again)
    assert again.count("log") == 0
    assert second == first

    repo.commit("Lot suivant", at(10), {"processes/tram/z.md": "z\n"})
    after = CountingRunner()
    third = read_history(repo.root, cache_dir=cache, runner=after)
    assert after.count("log") == 1
    assert "processes/tram/z.md" in third.files


def test_damaged_cache_is_ignored(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("Un", at(0), {"a.md": "a\n"})
    cache = tmp_path / "cache"
    expected = read_history(repo.root, cache_dir=cache)
    (cache_file,) = cache.iterdir()
    cache_file.write_text('{"format": 1, "head": "', encoding="utf-8")
    runner = CountingRunner()
    assert read_history(repo.root, cache_dir=cache, runner=runner) == expected
    assert runner.count("log") == 1


def test_blob_reader_uses_one_process_and_survives_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(tmp_path / "repo")
    head = repo.commit("Un", at(0), {f"p/{n}.md": f"texte {n}\n" for n in range(20)})
    started: list[object] = []
    real_popen = subprocess.Popen

    def counting_popen(*args: object, **kwargs: object) -> object:
        started.append(args)
        return real_popen(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "Popen", counting_popen)
    with BlobReader(repo.root) as blobs:
        assert blobs.read(head, "absent.md") is None
        assert blobs.read(head, "p") is None  # A folder, not a file.
        assert [blobs.read(head, f"p/{n}.md") for n in range(20)] == [
            f"texte {n}\n".encode() for n in range(20)
        ]
    assert len(started) == 1
