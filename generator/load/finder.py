"""Finding and reading the files of a process folder safely.

Everything the site publishes must come from inside its process folder, be real content (not a
Git LFS pointer left by a clone without `git lfs pull`) and, for text, be UTF-8. Each refusal
names the file and how to fix it.

Symbolic links are where a folder's content can come from elsewhere: a link to `.git/config`
(where CI checkouts keep their token), to another process or to `/dev/zero` would be read, copied
to the site (MkDocs follows links when it copies) or hang the build. So a link must lead to a
regular file or folder inside its own process folder, never through a hidden name such as
`.git`; anything else is reported by the folder listing and never read.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import stat
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Report, SourceLocation
from ..formats.characters import clean, report_refused
from ..formats.filetypes import SNIFFED_BYTES
from ..i18n.wording import Wording

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
    # As text: every loaded file asks, and `Path.relative_to` builds paths (a tenth of a check).
    text, prefix = str(path), str(root) + os.sep
    if text.startswith(prefix):
        return text[len(prefix) :].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def list_folder(folder: Path, root: Path, diagnostics: Report) -> frozenset[str]:
    """Every non-hidden regular file under `folder`, as POSIX paths relative to it; whatever
    `refusal` refuses is an error, and left out.

    Hidden names (`.gitkeep`, editors' swap files, a submodule's `.git`) are tooling, never
    content. Linked folders are not walked into: their files are not the folder's own.
    """
    boundary = folder.resolve()
    found: list[str] = []
    for directory, dirnames, filenames in os.walk(folder):
        base = Path(directory)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in dirnames + sorted(n for n in filenames if not n.startswith(".")):
            path = base / name
            problem = refusal(path, boundary)
            if problem is not None:
                report_refusal(path, problem, root, diagnostics)
            elif path.is_file():
                found.append(relative(path, folder))
    return frozenset(found)


def refusal(path: Path, boundary: Path) -> str | None:
    """Why `path` must not be read (a message key), or None.

    `boundary` is resolved. A symbolic link must lead somewhere (not a loop, not a missing
    file), inside `boundary` and through no hidden name; and what is read must be a regular file
    or folder: a pipe or a device would block the build or never end. Only `path` itself is
    looked at: its folders are the process folder, which the corpus checks, and folders the
    listing walked, which walks into no link.
    """
    try:
        mode = path.lstat().st_mode
    except OSError:
        return "file.special"
    if stat.S_ISLNK(mode):
        try:
            target = path.resolve(strict=True)
            mode = target.stat().st_mode
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
            return "link.broken"
        if not is_inside(target, boundary) or _hidden(target.relative_to(boundary)):
            return "link.escapes"
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else "file.special"


def _hidden(inner: Path) -> bool:
    return any(part.startswith(".") for part in inner.parts)


def report_refusal(path: Path, problem: str, root: Path, diagnostics: Report) -> None:
    """The error for what `refusal` found; a link's message says where it points."""
    target = os.readlink(path) if path.is_symlink() else ""
    diagnostics.error(
        SourceLocation(relative(path, root)),
        diagnostics.say(problem, target=target),
        diagnostics.say(f"{problem}.hint"),
    )


def is_inside(path: Path, parent: Path) -> bool:
    """Whether the resolved `path` is `parent` or below it."""
    return path == parent or parent in path.parents


def inside_folder(declared: str) -> str | None:
    """The normalised form of a path written in a YAML file, or None if it leaves the folder
    or goes through a hidden name (`.git/config`): hidden files are never content."""
    if "\\" in declared or declared.startswith("/") or declared.startswith("~"):
        return None
    normal = posixpath.normpath(declared)
    if normal == ".." or normal.startswith("../") or normal == ".":
        return None
    return None if _hidden(Path(normal)) else normal


def stays_inside(path: Path, root: Path) -> bool:
    """Whether `path` (made from untrusted text), links followed, is below the resolved `root`
    through no hidden name such as `.git`."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        return False
    return inside_folder(resolved.relative_to(root).as_posix()) is not None


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
    if refusal(path, root.resolve()) is not None:
        return None  # reported by the folder listing, which comes first; never read
    try:
        data = path.read_bytes()
    except OSError as error:
        diagnostics.error(location, diagnostics.say("file.unreadable", reason=error.strerror))
        return None
    if is_lfs_pointer(data[: len(LFS_POINTER_PREFIX)], len(data)):
        report_lfs_pointer(location, diagnostics)
        return None
    try:
        if _looks_utf16(data):
            # NUL is valid UTF-8: without this, UTF-16 text decodes, and every line would be
            # reported for its invisible characters instead of the file for its encoding.
            raise UnicodeDecodeError("utf-8", data, 0, 1, "UTF-16 or UTF-32")
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        diagnostics.error(
            SourceLocation(location.path, line),
            diagnostics.say("file.not_utf8", encoding=guess_encoding(data, diagnostics.say)),
            diagnostics.say("file.not_utf8.hint"),
        )
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    report_refused(text, location.path, diagnostics)
    # Reported, then cleaned: the rest of the file is still checked, and nothing later (a
    # message quoting a value, a parser) meets the character again.
    return clean(text)


def _looks_utf16(data: bytes) -> bool:
    """ASCII text in UTF-16 has a zero byte in every other position (UTF-32: three in four)."""
    sample = data[:4096]
    return bool(sample) and sample.count(b"\x00") * 4 >= len(sample)


def guess_encoding(data: bytes, say: Wording) -> str:
    """A plain name for the encoding non-UTF-8 bytes most likely use."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return say(name)
    if _looks_utf16(data):
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
    head: bytes
    """The file's first bytes, enough to tell its format (see `formats`)."""


def digest(path: Path) -> FileDigest:
    """Size and SHA-256 of a document, read in blocks so large PDFs stay cheap."""
    hasher = hashlib.sha256()
    size = 0
    head = b""
    with path.open("rb") as stream:
        while block := stream.read(1 << 16):
            if not head:
                head = block[:SNIFFED_BYTES]
            hasher.update(block)
            size += len(block)
    return FileDigest(size, hasher.hexdigest(), is_lfs_pointer(head, size), head)
