"""What "today" is for a build.

A build must depend only on the commit: "today" is `SOURCE_DATE_EPOCH` when set, else the time of
the HEAD commit, so rebuilding the same commit gives the same site.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path


def reference_date(root: Path, environ: dict[str, str] | None = None) -> dt.datetime:
    """The build's "today", timezone-aware (UTC).

    Falls back to the wall clock only outside a git repository, where no commit can pin it.
    """
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
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
        return dt.datetime.fromtimestamp(int(out), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
