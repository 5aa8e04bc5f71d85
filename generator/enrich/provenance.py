"""Which commit a site was built from, for every page's footer.

Anyone can check a published page against the repository only if the page says which commit it
comes from, and whether the build included changes that were not committed (a preview, or a
careless build): those pages are not the public record. Two git processes per build, whatever
the size of the site: `git log -1` for the commit and its date, `git status` for the rest.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..i18n.translator import Translator
from ..load.today import Basis, Today
from .history import SHORT_ID_LENGTH, Runner, run_git


@dataclass(frozen=True)
class Provenance:
    commit: str | None
    short: str | None
    date: dt.datetime | None
    """Committer date of HEAD, UTC."""
    dirty: bool
    """The working tree differs from HEAD (outside the ignored paths)."""
    available: bool
    """False outside a git repository, without git, or before the first commit."""
    repository: bool
    """Built in a git repository, with commits or not yet."""


def build_provenance(
    root: Path, *, ignore: Sequence[str] = (), runner: Runner = run_git
) -> Provenance:
    """HEAD of the repository holding `root`, and whether the working tree differs from it.

    `ignore` lists paths relative to root left out of the dirty check: the site being written,
    when it is not git-ignored, must not make the next build "dirty".
    """
    exclusions = [f":(exclude){path}" for path in ignore]
    try:
        status = runner(["status", "--porcelain", "-z", "--", ".", *exclusions], root)
    except (OSError, subprocess.CalledProcessError):
        return Provenance(None, None, None, dirty=False, available=False, repository=False)
    dirty = bool(status.strip(b"\0"))
    try:
        head = runner(["log", "-1", "--no-show-signature", "--format=%H%x00%ct", "HEAD"], root)
    except (OSError, subprocess.CalledProcessError):
        # A repository before its first commit: `git status` works, HEAD names nothing yet.
        return Provenance(None, None, None, dirty=dirty, available=False, repository=True)
    commit, epoch = head.decode().strip().split("\0")
    return Provenance(
        commit=commit,
        short=commit[:SHORT_ID_LENGTH],
        date=dt.datetime.fromtimestamp(int(epoch), dt.UTC),
        dirty=dirty,
        available=True,
        repository=True,
    )


@dataclass(frozen=True)
class ProvenanceNote:
    """The footer's sentences, in the site's language: the template global `greffier_provenance`."""

    text: str
    commit: str | None
    """The full commit id, for the reader who wants to check it."""
    commit_url: str | None
    """The commit on the forge, when `repo_url` is set."""
    dirty: str | None
    """The warning shown when the build includes uncommitted changes."""
    today: str | None
    """Which moment the site takes for "today", and why, when no clean commit dates it: what
    is upcoming or open depends on it."""


_TODAY = {
    Basis.epoch: "provenance.today.epoch",
    Basis.commit: "provenance.today.commit",
    Basis.clock: "provenance.today.clock",
}


def provenance_note(
    provenance: Provenance,
    translator: Translator,
    *,
    today: Today,
    timezone: str = "UTC",
    commit_url: str | None = None,
) -> ProvenanceNote:
    """The footer of a site built from `provenance` on `today`; `commit_url` may hold
    `{commit}`."""
    said_today = None
    if provenance.dirty or not provenance.available:
        moment = translator.datetime(today.moment, timezone)
        said_today = translator.text(_TODAY[today.basis], date=moment)
    if not provenance.available or provenance.date is None:
        key = "provenance.no_commit" if provenance.repository else "provenance.unavailable"
        return ProvenanceNote(translator.text(key), None, None, None, said_today)
    text = translator.text(
        "provenance.built",
        short=provenance.short,
        date=translator.local_date(provenance.date, timezone),
    )
    return ProvenanceNote(
        text=text,
        commit=provenance.commit,
        commit_url=commit_url.format(commit=provenance.commit) if commit_url else None,
        dirty=translator.text("provenance.dirty") if provenance.dirty else None,
        today=said_today,
    )
