"""`greffier build` is atomic: after a failed or killed build, the previous site is whole."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import mkdocs.commands.build as mkdocs_build
import pytest
from click.testing import CliRunner, Result

import greffier.mkdocs.build
from greffier.cli import main
from greffier.mkdocs.build import publish, remove_stale

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The demonstration site, copied: big enough that a build lasts a moment."""
    root = tmp_path / "project"
    root.mkdir()
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    # The exports would only make each build longer: what is tested is the swap.
    (root / "mkdocs.yml").write_text(
        config.replace("  - greffier:\n", "  - greffier:\n      exports: false\n"), "utf-8"
    )
    shutil.copytree(REPO / "processes", root / "processes")
    (root / "docs").symlink_to(REPO / "docs")
    return root


def build(project: Path, *options: str) -> Result:
    return CliRunner().invoke(main, ["build", *options, "--config", str(project / "mkdocs.yml")])


def snapshot(folder: Path) -> dict[str, str]:
    """Every file's content hash, by path: equal snapshots mean byte-identical folders."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.glob(".site-greffier-*"))


def test_a_build_with_content_errors_leaves_the_site_untouched(project: Path) -> None:
    first = build(project)
    assert first.exit_code == 0, first.output
    assert (project / "site" / "index.html").is_file()
    before = snapshot(project / "site")

    process_yml = next((project / "processes").glob("*/process.yml"))
    process_yml.write_text("title: [\n", encoding="utf-8")
    second = build(project)

    assert second.exit_code == 1
    assert f"{process_yml.relative_to(project).as_posix()}:" in second.output
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_build_failing_inside_mkdocs_leaves_the_site_untouched(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build(project).exit_code == 0
    before = snapshot(project / "site")
    real_build = mkdocs_build.build

    def build_then_fail(config: object, **kwargs: object) -> None:
        real_build(config, **kwargs)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mkdocs_build, "build", build_then_fail)
    result = build(project, "--clean")

    assert result.exit_code == 1
    site = project / "site"
    assert f"Erreur : {site} : le disque est plein (ou le quota atteint) (le site déjà publié " in (
        result.output
    )
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_killed_build_leaves_the_site_whole_and_the_next_build_cleans_up(
    project: Path,
) -> None:
    assert build(project).exit_code == 0
    before = snapshot(project / "site")
    overview = next((project / "processes").glob("*/process.yml"))
    overview.write_text(
        overview.read_text(encoding="utf-8").replace("title: ", "title: Nouveau titre — ", 1),
        encoding="utf-8",
    )

    child = subprocess.Popen(
        [sys.executable, "-m", "greffier", "build"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        staging = _wait_for_files_in_staging(project, child)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()

    assert staging.is_dir(), "the killed build must have been caught while writing"
    assert snapshot(project / "site") == before
    assert leftovers(project) == [staging.name]

    again = build(project)
    assert again.exit_code == 0, again.output
    assert leftovers(project) == []
    assert "Nouveau titre" in (project / "site" / overview.parent.name / "index.html").read_text(
        encoding="utf-8"
    )


def _wait_for_files_in_staging(project: Path, child: subprocess.Popen[bytes]) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for staging in project.glob(".site-greffier-*"):
            if any(path.is_file() for path in staging.rglob("*")):
                return staging
        if child.poll() is not None:
            pytest.fail("the build finished before it could be killed mid-way")
        time.sleep(0.002)
    pytest.fail("no staging folder appeared within 60 s")


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_publish_swaps_the_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    exchanged: list[bool] = []
    real_exchange = greffier.mkdocs.build._exchange

    def spy(first: Path, second: Path) -> bool:
        exchanged.append(real_exchange(first, second) if exchange else False)
        return exchanged[-1]

    monkeypatch.setattr(greffier.mkdocs.build, "_exchange", spy)
    site, staging = tmp_path / "site", tmp_path / ".site-greffier-1-x"
    site.mkdir()
    (site / "old.html").write_text("old", encoding="utf-8")
    staging.mkdir()
    (staging / "new.html").write_text("new", encoding="utf-8")

    publish(staging, site)

    assert [p.name for p in site.iterdir()] == ["new.html"]
    assert [p.name for p in staging.iterdir()] == ["old.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-greffier-1-x", "site"]
    if exchange and sys.platform == "linux":
        assert exchanged == [True], "renameat2(RENAME_EXCHANGE) is available on Linux"


def test_remove_stale_spares_running_builds(tmp_path: Path) -> None:
    site = tmp_path / "site"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    try:
        running = tmp_path / f".site-greffier-{sleeper.pid}-abc"
        stale = tmp_path / f".site-greffier-{dead.pid}-def"
        mine = tmp_path / f".site-greffier-{os.getpid()}-ghi"
        other_site = tmp_path / f".public-greffier-{dead.pid}-jkl"
        for folder in (running, stale, mine, other_site):
            folder.mkdir()

        assert sorted(remove_stale(site)) == sorted([stale, mine])
        assert running.is_dir()
        assert other_site.is_dir()
    finally:
        sleeper.kill()
        sleeper.wait()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            "ce dossier du site remplacerait le projet lui-même ; choisissez un dossier à part, "
            "par exemple --site-dir site",
        ),
        (
            "en",
            "the site folder would replace the project itself; choose a folder of its own, "
            "e.g. --site-dir site",
        ),
    ],
)
def test_refuses_a_site_folder_that_holds_the_project(
    project: Path, language: str, expected: str
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  language: fr\n", f"  language: {language}\n"),
        encoding="utf-8",
    )
    before = sorted(p.name for p in project.iterdir())
    result = CliRunner().invoke(
        main, ["build", "--config", str(config), "--site-dir", str(project)]
    )
    assert result.exit_code == 1
    assert result.output.endswith(f"{project}: {expected}\n")
    assert sorted(p.name for p in project.iterdir()) == before


def test_a_build_with_nothing_changed_leaves_the_published_site(project: Path) -> None:
    assert build(project).exit_code == 0
    site = project / "site"
    before, folder = snapshot(site), site.stat().st_ino
    again = build(project)
    assert again.exit_code == 0 and "rien n’a changé depuis sa publication" in again.output
    assert site.stat().st_ino == folder and snapshot(site) == before
    # One file changed: the site is built again, and shows it.
    minutes = sorted((project / "processes").glob("*/minutes/*.md"))[0]
    minutes.write_text(minutes.read_text(encoding="utf-8") + "\nAjout du greffier.\n", "utf-8")
    changed = build(project)
    assert changed.exit_code == 0 and "Site construit" in changed.output
    assert site.stat().st_ino != folder
    assert any("Ajout du greffier." in p.read_text("utf-8") for p in site.rglob("index.html"))
    # Asked for, or with the published folder replaced by another: built again.
    forced = build(project, "--clean")
    assert forced.exit_code == 0 and "Site construit" in forced.output
    shutil.rmtree(site)
    shutil.copytree(REPO / "docs", site)
    assert "Site construit" in build(project).output
    assert (site / "index.html").is_file() and not (site / "guide" / "index.md").exists()
