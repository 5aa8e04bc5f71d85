"""README's two commands are what CI runs, and they make their own virtual environment where
Debian's Python refuses `pip install` (issue #14)."""

from __future__ import annotations

import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def one_commands() -> list[str]:
    readme = (REPO / "README.md").read_text("utf-8")
    sections = re.findall(r"^## [^\n]*\(one command\)\n(.*?)(?=^## )", readme, re.M | re.S)
    return [re.search(r"```sh\n(.*?)\n```", section, re.S).group(1) for section in sections]  # type: ignore[union-attr]


def test_ci_runs_readme_commands_as_written() -> None:
    commands = one_commands()
    assert commands == ["./scripts/build", "./scripts/test"]
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    for command in commands:
        assert re.search(rf"^{re.escape(command)}\b", ci, re.M), command
        assert os.access(REPO / command, os.X_OK), command


def test_both_commands_use_a_virtual_environment_where_debian_manages_python() -> None:
    environment = (REPO / "scripts" / "environment").read_text("utf-8")
    assert "EXTERNALLY-MANAGED" in environment and "python3 -m venv .venv" in environment
    for command in ("build", "test"):
        script = (REPO / "scripts" / command).read_text("utf-8")
        assert "source scripts/environment" in script and "install_greffier" in script
        assert "install_debian" in script
