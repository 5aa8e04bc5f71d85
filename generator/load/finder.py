"""Finding and reading the files of a process folder safely.

Everything the site publishes must come from inside the repository, be real content (not a Git
LFS pointer left by a clone without `git lfs pull`) and, for text, be UTF-8. Each refusal names
the file and how to fix it.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostics, SourceLocation

LFS_POINTER_PREFIX = b"version https://git-lfs.github.com/spec/v1"
_LFS_POINTER_MAX_SIZE = 1024
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
)
_RESAVE_HINT = "open it in your editor and save it with the encoding UTF-8"


def relative(path: Path, root: Path) -> str:
    """`path` relative to the repository root, with POSIX separators, as diagnostics print it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def list_folder(folder: Path, root: Path, diagnostics: Diagnostics) -> frozenset[str]:
    """Every non-hidden file under `folder`, as POSIX paths relative to it; symbolic links
    leaving the repository are errors.

    Hidden names (`.gitkeep`, editors' swap files) are tooling, never content.
    """
    repo = root.resolve()
    found: list[str] = []
    for directory, dirnames, filenames in os.walk(folder):
        base = Path(directory)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in dirnames + sorted(n for n in filenames if not n.startswith(".")):
            path = base / name
            if escapes(path, repo):
                report_escape(path, root, diagnostics)
            elif path.is_file():
                found.append(path.relative_to(folder).as_posix())
    return frozenset(found)


def escapes(path: Path, repo: Path) -> bool:
    """A symbolic link whose target is outside the (resolved) repository, or nowhere (a loop)."""
    if not path.is_symlink():
        return False
    try:
        return not is_inside(path.resolve(), repo)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return True


def report_escape(path: Path, root: Path, diagnostics: Diagnostics) -> None:
    diagnostics.error(
        SourceLocation(relative(path, root)),
        "symbolic link does not lead to a file inside the repository "
        f"(it points to {os.readlink(path)})",
        "copy the files into the repository instead of linking to them",
    )


def is_inside(path: Path, parent: Path) -> bool:
    """Whether the resolved `path` is `parent` or below it."""
    return path == parent or parent in path.parents


def inside_folder(declared: str) -> str | None:
    """The normalised form of a path written in a YAML file, or None if it leaves the folder."""
    if "\\" in declared or declared.startswith("/") or declared.startswith("~"):
        return None
    normal = posixpath.normpath(declared)
    if normal == ".." or normal.startswith("../") or normal == ".":
        return None
    return normal


def is_lfs_pointer(head: bytes, size: int) -> bool:
    return size <= _LFS_POINTER_MAX_SIZE and head.startswith(LFS_POINTER_PREFIX)


def report_lfs_pointer(location: SourceLocation, diagnostics: Diagnostics) -> None:
    diagnostics.error(
        location,
        "this is a Git LFS pointer, not the file itself",
        "run `git lfs install && git lfs pull` so the real file is checked out, then build again",
    )


def read_text(path: Path, root: Path, diagnostics: Diagnostics) -> str | None:
    """The text of a UTF-8 file (BOM dropped, newlines normalised), or None after an error."""
    location = SourceLocation(relative(path, root))
    try:
        data = path.read_bytes()
    except OSError as error:
        diagnostics.error(location, f"cannot be read ({error.strerror})")
        return None
    if is_lfs_pointer(data[: len(LFS_POINTER_PREFIX)], len(data)):
        report_lfs_pointer(location, diagnostics)
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        diagnostics.error(
            SourceLocation(location.path, line),
            f"not UTF-8: the file looks like {guess_encoding(data)}",
            _RESAVE_HINT,
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def guess_encoding(data: bytes) -> str:
    """A plain name for the encoding non-UTF-8 bytes most likely use."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4096]
    if sample and sample.count(b"\x00") * 4 >= len(sample):
        # ASCII text in UTF-16 has a zero byte in every other position.
        return "UTF-16 (without byte order mark)"
    if any(0x80 <= byte <= 0x9F for byte in data):
        # Latin-1 leaves 0x80-0x9F to control codes; Windows-1252 puts € … œ Œ ’ there.
        return "Windows-1252"
    return "Latin-1 (ISO-8859-1) or Windows-1252"


@dataclass(frozen=True)
class FileDigest:
    size: int
    sha256: str
    lfs_pointer: bool


def digest(path: Path) -> FileDigest:
    """Size and SHA-256 of a document, read in blocks so large PDFs stay cheap."""
    hasher = hashlib.sha256()
    size = 0
    head = b""
    with path.open("rb") as stream:
        while block := stream.read(1 << 16):
            if not head:
                head = block[: len(LFS_POINTER_PREFIX)]
            hasher.update(block)
            size += len(block)
    return FileDigest(size, hasher.hexdigest(), is_lfs_pointer(head, size))
