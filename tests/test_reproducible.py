"""The same commit builds the same site, byte for byte: in another folder (a clone), another
time zone and locale, another PYTHONHASHSEED, and with SOURCE_DATE_EPOCH unset, which then
defaults to the HEAD commit's time. Pagefind's index is not deterministic upstream: it is off."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from site_builds import make_project

COMMITTED = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
"""The commit's date: deliberately not the day the suite runs, so a wall-clock date in the
site cannot pass for the commit's."""

IGNORED_DIRS = ("pagefind",)


def git(root: Path, *args: str) -> str:
    stamp = f"{int(COMMITTED.timestamp())} +0000"
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    command = ["git", "-c", "user.name=Greffe", "-c", "user.email=greffe@example.org"]
    command += ["-c", "commit.gpgsign=false", *args]
    return subprocess.run(
        command, cwd=root, env=env, check=True, capture_output=True, text=True
    ).stdout


def build(root: Path, env: dict[str, str]) -> Path:
    """`mkdocs build` in its own process, with exactly the given locale and time variables."""
    inherited = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SOURCE_DATE_EPOCH", "TZ", "LANG", "LC_ALL", "PYTHONHASHSEED")
        and not key.startswith("LC_")
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site"],
        cwd=root,
        env={**inherited, **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return root / "site"


def tree(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.relative_to(site).parts[0] not in IGNORED_DIRS
    }


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    base = tmp_path_factory.mktemp("reproducible")
    first = base / "premier"
    first.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_CEILING_DIRECTORIES", str(base))
        # Exports included: the PDF, ODT, DOCX and EPUB must come out byte for byte too.
        make_project(first, exports=True)
        (first / ".gitignore").write_text("/site/\n.cache/\n", encoding="utf-8")
        git(first, "init", "-q", "-b", "main")
        git(first, "add", "-A")
        git(first, "commit", "-q", "-m", "Publie le site")
        second = base / "ailleurs" / "second"
        git(base, "clone", "-q", str(first), str(second))
        one = build(
            first,
            {
                "SOURCE_DATE_EPOCH": str(int(COMMITTED.timestamp())),
                "TZ": "UTC",
                "LANG": "C.UTF-8",
                "PYTHONHASHSEED": "1",
            },
        )
        # Fourteen hours ahead of UTC, a C locale, another hash seed, no SOURCE_DATE_EPOCH.
        two = build(
            second,
            {"TZ": "Pacific/Kiritimati", "LANG": "C", "LC_ALL": "C", "PYTHONHASHSEED": "2"},
        )
    return tree(one), tree(two)


def test_the_same_commit_builds_the_same_site(
    sites: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    one, two = sites
    assert len(one) > 50
    missing = sorted(one.keys() ^ two.keys())
    differing = sorted(name for name in one.keys() & two.keys() if one[name] != two[name])
    assert not missing and not differing, (
        f"only in one build: {missing}; different bytes: {differing}"
    )


def test_the_site_is_dated_by_the_commit(sites: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    _, unset = sites
    # MkDocs dates its sitemap with SOURCE_DATE_EPOCH, else the wall clock.
    assert f"<lastmod>{COMMITTED.date().isoformat()}</lastmod>".encode() in unset["sitemap.xml"]
