"""Whether `greffier build` has anything to do: a fingerprint of everything a build reads.

A site depends only on its inputs: mkdocs.yml, the docs and process folders, the theme
overrides, the git commit (history, "today"), the build's options, and Greffier itself (its
code and templates, MkDocs, Material and Pagefind). When their fingerprint is the one recorded
by the build that published the site folder, and that folder is still the one it published,
the build would write the very same files: it is skipped. The record lives in the project's
cache (`.cache/greffier/builds.json`, one entry per site folder), which CI can keep between
runs like the exports cache.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..present.theme import theme_dir
from .project import Project

RECORD = "builds.json"
_PACKAGES = ("mkdocs", "mkdocs-material", "pagefind-bin", "greffier")
_SKIPPED = frozenset({".git", ".cache", "__pycache__", "node_modules"})


@dataclass(frozen=True)
class Published:
    """What the build that published a site folder recorded."""

    fingerprint: str
    folder: tuple[int, int]
    """The folder's inode and modification time once published: another folder put there,
    or files added or removed at its top, changes them."""
    pages: int


def fingerprint(project: Project, options: Mapping[str, Any], site: Path) -> str:
    """A digest of every input of a build of `project` into `site` with `options`."""
    digest = hashlib.sha256()
    for part in _facts(project, options, site):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for root in _input_folders(project):
        for path in _files(root):
            digest.update(f"{path}\0".encode("utf-8", "surrogateescape"))
            with path.open("rb") as stream:
                digest.update(hashlib.file_digest(stream, "sha256").digest())
    return digest.hexdigest()


def published(project: Project, site: Path, digest: str) -> Published | None:
    """The record of `site` when it was published from inputs with this `digest`, and is
    still the folder that build published; None when the site must be built."""
    found = _records(project).get(str(site))
    if not isinstance(found, dict) or not site.is_dir():
        return None
    folder, pages = found.get("folder"), found.get("pages")
    if found.get("fingerprint") != digest or not isinstance(pages, int):
        return None
    if not isinstance(folder, list) or tuple(folder) != _identity(site):
        return None
    return Published(digest, _identity(site), pages)


def record(project: Project, site: Path, digest: str, pages: int) -> None:
    """Remember that `site` was just published from inputs with this `digest`."""
    records = _records(project)
    records[str(site)] = asdict(Published(digest, _identity(site), pages))
    path = _record_path(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(records, indent=1, sort_keys=True), encoding="utf-8")
    partial.replace(path)


def _facts(project: Project, options: Mapping[str, Any], site: Path) -> Iterator[str]:
    yield json.dumps(dict(options), sort_keys=True, default=str)
    yield str(site)
    yield os.environ.get("SOURCE_DATE_EPOCH", "")
    for package in _PACKAGES:
        try:
            yield f"{package} {importlib.metadata.version(package)}"
        except importlib.metadata.PackageNotFoundError:
            yield f"{package} -"
    yield _head(project.root)


def _head(root: Path) -> str:
    """The commit checked out: the history and the build's "today" come from it."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=False
        )
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _input_folders(project: Project) -> list[Path]:
    theme = project.raw_config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    folders = [
        project.config_file,
        project.root / project.docs_dir,
        project.processes_path,
        theme_dir(),
        Path(__file__).resolve().parents[1],  # the package itself
    ]
    if isinstance(custom, str):
        folders.append(project.root / custom)
    return folders


def _files(root: Path) -> Iterator[Path]:
    """Every file under `root` (or `root` itself), in a fixed order."""
    if root.is_file():
        yield root
        return
    for folder, folders, names in os.walk(root):
        here = Path(folder)
        folders[:] = sorted(name for name in folders if name not in _SKIPPED)
        for name in sorted(names):
            if not name.endswith((".pyc", ".tmp")):
                yield here / name


def _identity(site: Path) -> tuple[int, int]:
    status = site.stat()
    return status.st_ino, status.st_mtime_ns


def _record_path(project: Project) -> Path:
    return project.root / ".cache" / "greffier" / RECORD


def _records(project: Project) -> dict[str, Any]:
    try:
        found = json.loads(_record_path(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}
