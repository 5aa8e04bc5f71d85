"""`greffier init` makes a content repository that checks, builds and publishes as written
(issue #14): from an installed wheel, without Greffier's own checkout nor a `docs/` folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.mkdocs.config import GreffierConfig

REPO = Path(__file__).resolve().parent.parent
_PIP = (sys.executable, "-m", "pip", "-q", "--disable-pip-version-check")


def init(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["init", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_repository_has_what_an_organiser_needs(tmp_path: Path) -> None:
    root = tmp_path / "concertations"
    output = init(root, "--name", "Concertations de Lys", "--lang", "en")
    assert "greffier check" in output
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    assert config["site_name"] == "Concertations de Lys"
    assert config["theme"] == {
        "name": "material",
        "language": "en",
        "features": ["navigation.prune"],
    }
    assert config["plugins"] == [{"greffier": None}]
    # Every option is there, commented, with its English description.
    written = (root / "mkdocs.yml").read_text("utf-8")
    for name, _ in GreffierConfig._schema:
        assert re.search(rf"^      # {name}: ", written, re.MULTILINE), name
    assert "# Index the built site with Pagefind" in written
    # The first process's editor line points to a schema the repository holds.
    process = (root / "processes" / "ma-demarche" / "process.yml").read_text("utf-8")
    schema = re.search(r"\$schema=(\S+)", process)
    assert schema is not None
    target = (root / "processes" / "ma-demarche" / schema.group(1)).resolve()
    assert json.loads(target.read_text("utf-8"))["title"] == "Greffier process"
    # CI for both forges, installing the released package rather than a checkout.
    for ci in (root / ".github" / "workflows" / "greffier.yml", root / ".gitlab-ci.yml"):
        text = ci.read_text("utf-8")
        assert re.search(r'^  GREFFIER_PACKAGE: "greffier==\d', text, re.MULTILINE), ci
        assert "greffier check" in text
    assert "site/" in (root / ".gitignore").read_text("utf-8")


def test_init_replaces_nothing(tmp_path: Path) -> None:
    init(tmp_path)
    before = (tmp_path / "mkdocs.yml").read_text("utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "greffier init ne remplace rien" in result.output
    assert (tmp_path / "mkdocs.yml").read_text("utf-8") == before


def test_new_points_editor_lines_to_the_repository_schemas(tmp_path: Path) -> None:
    init(tmp_path)
    result = CliRunner().invoke(
        main, ["new", "--config", str(tmp_path / "mkdocs.yml"), "process", "parc"]
    )
    assert result.exit_code == 0, result.output
    process = (tmp_path / "processes" / "parc" / "process.yml").read_text("utf-8")
    assert "$schema=../../schemas/process.schema.json" in process


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment where Greffier is installed from its wheel, not from this
    checkout (its dependencies come from the test environment)."""
    where = tmp_path_factory.mktemp("wheel")
    shutil.copytree(
        REPO,
        where / "source",
        ignore=shutil.ignore_patterns(".git", ".venv", ".cache", "site", "__pycache__"),
    )
    wheels = where / "wheels"
    subprocess.run(
        [
            *_PIP,
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(where / "source"),
        ],
        check=True,
    )
    environment = where / "venv"
    venv.create(environment, system_site_packages=True, with_pip=False)
    python = environment / "bin" / "python"
    subprocess.run(
        [*_PIP, "--python", str(python), "install", "--no-deps", *map(str, wheels.glob("*.whl"))],
        check=True,
    )
    return environment / "bin"


def test_a_new_repository_builds_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    root = tmp_path / "concertations"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000", "PYTHONPATH": ""}

    def run(*command: str | Path) -> str:
        done = subprocess.run(
            [str(part) for part in command], cwd=root, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    root.mkdir()
    where = run(installed / "python", "-c", "import generator; print(generator.__file__)")
    assert str(installed.parent) in where, "Greffier was imported from the checkout"
    run(installed / "greffier", "init")
    # git keeps no empty folder: a fresh clone has no docs/.
    shutil.rmtree(root / "docs")
    run("git", "init", "-q")
    run("git", "add", "-A")
    run(
        "git",
        "-c",
        "user.name=Greffe",
        "-c",
        "user.email=greffe@example.org",
        "commit",
        "-qm",
        "init",
    )
    run(installed / "greffier", "check")
    built = run(installed / "greffier", "build", "--no-exports")
    assert (root / "site" / "index.html").is_file(), built
    assert (root / "site" / "mentions-legales" / "index.html").is_file()
    # MkDocs itself, with the plugin, builds it too once docs/ exists (as the CI files do).
    (root / "docs").mkdir()
    run(installed / "python", "-m", "mkdocs", "build", "--site-dir", root / "mkdocs-site")
    assert (root / "mkdocs-site" / "index.html").is_file()
