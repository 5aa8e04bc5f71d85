"""EPUBCheck, the reference validator of EPUB files, as Debian ships it (`apt-get install
epubcheck`): a jar, which `/usr/bin/epubcheck` links to, run by java."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

# Usage and information notes are advice; these are what make a file fail.
FAILING = frozenset({"FATAL", "ERROR", "WARNING"})


def epubcheck(epub: Path) -> list[str]:
    """EPUBCheck's fatal errors, errors and warnings about `epub`, one line each (none: valid)."""
    command, java = shutil.which("epubcheck"), shutil.which("java")
    if command is None or java is None:
        pytest.fail("EPUBCheck is missing: `apt-get install epubcheck` (it brings java)")
    with tempfile.TemporaryDirectory(prefix="greffier-epubcheck-") as folder:
        report = Path(folder) / "report.json"
        completed = subprocess.run(
            [java, "-jar", str(Path(command).resolve()), str(epub), "--json", str(report)],
            capture_output=True,
            text=True,
            check=False,
        )
        if not report.is_file():
            pytest.fail(f"EPUBCheck did not run:\n{completed.stdout}\n{completed.stderr}")
        messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
    return [
        f"{message['severity']} {message['ID']} {_where(message)}: {message['message']}"
        for message in messages
        if message["severity"] in FAILING
    ]


def _where(message: dict[str, Any]) -> str:
    return ", ".join(
        f"{place['path']}({place['line']},{place['column']})" for place in message["locations"]
    )
