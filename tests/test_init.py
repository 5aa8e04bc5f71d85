"""`greffier init` makes a content repository that checks, builds and publishes as written
(issue #14): from an installed wheel, without Greffier's own checkout nor a `docs/` folder."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from greffier.cli import main
from greffier.mkdocs.config import GreffierConfig

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
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Greffier's wheel, built from a copy of this checkout."""
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
    (built,) = wheels.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment where Greffier is installed from its wheel, not from this
    checkout (its dependencies come from the test environment)."""
    environment = tmp_path_factory.mktemp("venv")
    venv.create(environment, system_site_packages=True, with_pip=False)
    python = environment / "bin" / "python"
    subprocess.run([*_PIP, "--python", str(python), "install", "--no-deps", str(wheel)], check=True)
    return environment / "bin"


def _package_folders() -> set[str]:
    """The import names of generator/'s packages: the source folder is `generator/`, the
    package `greffier`."""
    source = REPO / "generator"
    return {
        ".".join(("greffier", *folder.parent.relative_to(source).parts))
        for folder in source.rglob("__init__.py")
    }


def test_the_wheel_holds_greffier_alone_and_whole(wheel: Path) -> None:
    """Installed, the package is `greffier` (never the generic `generator`), and it carries
    every file it reads: code, catalogues, skeletons, Lua filters, the theme, the CI templates."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = archive.read("greffier-0.1.0.dist-info/entry_points.txt").decode("utf-8")
    assert {name.split("/")[0] for name in names} == {"greffier", "greffier-0.1.0.dist-info"}
    assert "greffier = greffier.cli:main" in entry_points
    assert "greffier = greffier.mkdocs.plugin:GreffierPlugin" in entry_points
    sources = {
        "generator": "greffier",
        "themes/greffier": "greffier/_theme",
        "docs/ci": "greffier/_ci",
    }
    for source, installed_as in sources.items():
        for path in (REPO / source).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                inside = path.relative_to(REPO / source).as_posix()
                assert f"{installed_as}/{inside}" in names, path


def test_pyproject_lists_every_package() -> None:
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert set(setuptools["packages"]) == _package_folders() | {"greffier._theme", "greffier._ci"}


def test_nothing_imports_the_source_folder_by_name() -> None:
    """`generator` is only the source folder: code, tests and benchmarks import `greffier`
    (inside the package, relatively), else a checkout would load every module twice."""
    offenders = []
    for path in sorted(REPO.glob("*/**/*.py")):
        if path.parts[len(REPO.parts)] in {".venv", ".git", "site"}:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules = [node.module or ""]
            else:
                continue
            if any(module.split(".")[0] == "generator" for module in modules):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []


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
    where = run(installed / "python", "-c", "import greffier; print(greffier.__file__)")
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
