"""`mkdocs build` with the plugin and `greffier build` publish the same site.

The CLI only adds a check before and an atomic swap after: every page must come out of MkDocs'
own events, or a site built by a plain MkDocs pipeline (a forge's Pages action) would differ.
"""

from __future__ import annotations

import hashlib
import os
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


def test_mkdocs_build_and_greffier_build_give_the_same_files(tmp_path: Path) -> None:
    # With the exports: `mkdocs build` must publish the same offline files too.
    config = make_project(tmp_path, exports=True)
    _run(sys.executable, "-m", "mkdocs", "build", "-q", "-d", "by-mkdocs", cwd=tmp_path)
    _run(sys.executable, "-m", "generator", "build", "--site-dir", "by-greffier", cwd=tmp_path)
    by_mkdocs, by_greffier = _tree(tmp_path / "by-mkdocs"), _tree(tmp_path / "by-greffier")
    assert config.is_file() and len(by_mkdocs) > 100
    assert by_mkdocs.keys() == by_greffier.keys()
    differing = [name for name in by_mkdocs if by_mkdocs[name] != by_greffier[name]]
    assert differing == []
