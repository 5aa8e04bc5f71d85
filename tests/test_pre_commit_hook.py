"""The pre-commit hook organisers install: its manifest names a real command, runs on process
files only, and its command, run as pre-commit runs it, refuses a commit with personal data."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
GUIDES = [REPO / "docs" / "guide" / "publier.md", REPO / "docs" / "en" / "guide" / "publishing.md"]


@pytest.fixture(scope="module")
def hook() -> dict[str, Any]:
    (only,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return dict(only)


def test_the_manifest_declares_the_check(hook: dict[str, Any]) -> None:
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert hook["id"] == "greffier-check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert shlex.split(hook["entry"])[0] in scripts
    files = re.compile(hook["files"])
    assert files.search("processes/tramway-ligne-b/contributions/c-0001.md")
    assert not files.search("docs/guide/index.md")


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.parent.parent.name)
def test_the_guide_explains_how_to_install_it(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    assert "id: greffier-check" in text
    assert "pre-commit install" in text


def test_the_hook_refuses_personal_data(hook: dict[str, Any], tmp_path: Path) -> None:
    shutil.copytree(REPO / "processes", tmp_path / "processes")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    command = shlex.split(hook["entry"])

    def run() -> subprocess.CompletedProcess[str]:
        # As pre-commit runs it: from the repository's root, without file names.
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)

    assert run().returncode == 0
    contribution = tmp_path / "processes" / "tramway-ligne-b" / "contributions" / "c-0001.md"
    lines = contribution.read_text(encoding="utf-8").count("\n")
    with contribution.open("a", encoding="utf-8") as stream:
        stream.write("Mon IBAN : FR76 3000 6000 0112 3456 7890 189\n")
    refused = run()
    assert refused.returncode == 1
    assert f"{contribution.relative_to(tmp_path)}:{lines + 1}: error: " in refused.stdout
