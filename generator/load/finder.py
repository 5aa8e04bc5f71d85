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

from ..diagnostics import SourceLocation
from .report import Report
from .wording import Wording

LFS_POINTER_PREFIX = b"version https://git-lfs.github.com/spec/v1"
_LFS_POINTER_MAX_SIZE = 1024
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "encoding.utf32le"),
    (b"\x00\x00\xfe\xff", "encoding.utf32be"),
    (b"\xff\xfe", "encoding.utf16le"),
    (b"\xfe\xff", "encoding.utf16be"),
)


def relative(path: Path, root: Path) -> str:
    """`path` relative to the repository root, with POSIX separators, as diagnostics print it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def list_folder(folder: Path, root: Path, diagnostics: Report) -> frozenset[str]:
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


def report_escape(path: Path, root: Path, diagnostics: Report) -> None:
    diagnostics.error(
        SourceLocation(relative(path, root)),
        diagnostics.say("link.escapes", target=os.readlink(path)),
        diagnostics.say("link.escapes.hint"),
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


def report_lfs_pointer(location: SourceLocation, diagnostics: Report) -> None:
    diagnostics.error(
        location,
        diagnostics.say("file.lfs_pointer"),
        diagnostics.say("file.lfs_pointer.hint"),
    )


def read_text(path: Path, root: Path, diagnostics: Report) -> str | None:
    """The text of a UTF-8 file (BOM dropped, newlines normalised), or None after an error."""
    location = SourceLocation(relative(path, root))
    try:
        data = path.read_bytes()
    except OSError as error:
        diagnostics.error(location, diagnostics.say("file.unreadable", reason=error.strerror))
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
            diagnostics.say("file.not_utf8", encoding=guess_encoding(data, diagnostics.say)),
            diagnostics.say("file.not_utf8.hint"),
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def guess_encoding(data: bytes, say: Wording) -> str:
    """A plain name for the encoding non-UTF-8 bytes most likely use."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return say(name)
    sample = data[:4096]
    if sample and sample.count(b"\x00") * 4 >= len(sample):
        # ASCII text in UTF-16 has a zero byte in every other position.
        return say("encoding.utf16")
    if any(0x80 <= byte <= 0x9F for byte in data):
        # Latin-1 leaves 0x80-0x9F to control codes; Windows-1252 puts € … œ Œ ’ there.
        return say("encoding.windows1252")
    return say("encoding.latin1")


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
