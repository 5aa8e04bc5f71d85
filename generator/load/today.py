"""What "today" is for a build.

A build must depend only on the commit: "today" is `SOURCE_DATE_EPOCH` when set, else the time of
the HEAD commit, so rebuilding the same commit gives the same site.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Basis(StrEnum):
    """What "today" was taken from."""

    epoch = "epoch"
    """`SOURCE_DATE_EPOCH`."""
    commit = "commit"
    """The time of the HEAD commit."""
    clock = "clock"
    """The machine's clock: outside a git repository, or before its first commit."""


@dataclass(frozen=True)
class Today:
    """The build's "today": the site says which, and why, when no clean commit dates it."""

    moment: dt.datetime
    """Timezone-aware (UTC)."""
    basis: Basis


def build_today(root: Path, environ: dict[str, str] | None = None) -> Today:
    """The build's "today", and what it was taken from.

    Falls back to the wall clock only where no commit can pin it.
    """
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return Today(dt.datetime.fromtimestamp(int(epoch), dt.UTC), Basis.epoch)
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    if out.isdigit():
        return Today(dt.datetime.fromtimestamp(int(out), dt.UTC), Basis.commit)
    return Today(dt.datetime.now(dt.UTC).replace(microsecond=0), Basis.clock)
