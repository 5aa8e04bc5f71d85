"""`mkdocs build` with the plugin and `greffier build` publish the same site.

The CLI only adds a check before and an atomic swap after: every page must come out of MkDocs'
own events, or a site built by a plain MkDocs pipeline (a forge's Pages action) would differ.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from site_builds import REFERENCE_DAY, make_project


def _tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _run(*command: str, cwd: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(REFERENCE_DAY.timestamp()))}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _commit(root: Path) -> None:
    """A real repository: the offline files then carry dates and changes from its history."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Mission tramway B",
        "GIT_AUTHOR_EMAIL": "mission@example.org",
        "GIT_COMMITTER_NAME": "Mission tramway B",
        "GIT_COMMITTER_EMAIL": "mission@example.org",
        "GIT_AUTHOR_DATE": "2026-10-16T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-10-16T10:00:00+00:00",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Dossier initial"]):
        subprocess.run(["git", *command], cwd=root, env=env, check=True, capture_output=True)


def test_mkdocs_build_greffier_build_and_greffier_export_give_the_same_files(
    tmp_path: Path,
) -> None:
    # With the exports: `mkdocs build` must publish the same offline files too.
    config = make_project(tmp_path, exports=True)
    (tmp_path / ".gitignore").write_text(".cache/\nby-*/\nexported/\n", encoding="utf-8")
    _commit(tmp_path)
    _run(sys.executable, "-m", "mkdocs", "build", "-q", "-d", "by-mkdocs", cwd=tmp_path)
    _run(sys.executable, "-m", "greffier", "build", "--site-dir", "by-greffier", cwd=tmp_path)
    by_mkdocs, by_greffier = _tree(tmp_path / "by-mkdocs"), _tree(tmp_path / "by-greffier")
    assert config.is_file() and len(by_mkdocs) > 100
    assert by_mkdocs.keys() == by_greffier.keys()
    differing = [name for name in by_mkdocs if by_mkdocs[name] != by_greffier[name]]
    assert differing == []

    # `greffier export` is the same plan restricted to the offline files: made again from
    # scratch (no cache), they are the build's, byte for byte.
    shutil.rmtree(tmp_path / ".cache" / "greffier" / "exports")
    _run(sys.executable, "-m", "greffier", "export", "--out", "exported", cwd=tmp_path)
    exported = _tree(tmp_path / "exported")
    assert len(exported) > 20
    assert {name for name in exported if name.endswith((".pdf", ".epub", ".odt", ".docx"))}
    assert {name: by_greffier.get(name) for name in exported} == exported
