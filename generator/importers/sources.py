"""Read what an import is given, with bounds: a file, or the members of a zip archive.

Exports are untrusted: the path may be missing or a folder, a file may be huge, and a small
archive may expand to gigabytes (a zip bomb). Everything here is read with a bound that is
checked before anything is expanded, and every failure becomes a one-line `GreffierError`
naming the path, in the site's language. Members are read into memory, never extracted to
disk, so a member named `../../x` (zip slip) cannot write anywhere.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from ..diagnostics import GreffierError
from ..i18n.wording import Wording

MEGABYTE = 1024 * 1024
MAX_BYTES = 200 * MEGABYTE
"""The most an import reads: one file, or the members of an archive together, expanded.
A Decidim export of a large process is a few megabytes."""
MAX_MEMBERS = 1000
_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
"""Only what exports use: the other methods cannot bound each read's output."""


def refuse(path: Path, say: Wording, key: str, **values: object) -> GreffierError:
    return GreffierError(f"{path}: {say(key, **values)}")


def require_file(path: Path, say: Wording) -> None:
    """A clear refusal when `path` is missing, a folder or not a regular file."""
    if not path.exists():
        raise refuse(path, say, "import.source.missing")
    if path.is_dir():
        raise refuse(path, say, "import.source.folder")
    if not path.is_file():
        raise refuse(path, say, "import.source.not_file")


def read_file(path: Path, say: Wording) -> bytes:
    """The bytes of the file at `path`, at most `MAX_BYTES` of them."""
    require_file(path, say)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise refuse(path, say, "import.source.unreadable", reason=_reason(error)) from error
    if len(data) > MAX_BYTES:
        raise refuse(path, say, "import.source.too_large", limit=MAX_BYTES // MEGABYTE)
    return data


def archive_members(
    path: Path, say: Wording, wanted: Callable[[str], bool]
) -> Iterator[tuple[str, bytes]]:
    """The `wanted` members of the zip archive at `path`, by name, after checking that the
    whole archive stays within the bounds."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                info
                for info in check_archive(archive, path, say)
                if not info.is_dir() and wanted(info.filename)
            ]
            for info in sorted(members, key=lambda member: member.filename):
                with archive.open(info) as member:
                    yield info.filename, member.read(info.file_size)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, OSError) as error:
        # A member that expands past its declared size fails its CRC check: BadZipFile.
        raise refuse(path, say, "import.archive.corrupt", reason=_reason(error)) from error


def check_archive(archive: zipfile.ZipFile, path: Path, say: Wording) -> list[zipfile.ZipInfo]:
    """The archive's members, refused when too many, too large expanded, or compressed in a
    way whose expansion cannot be bounded. Sizes are those the archive declares: Python's
    zipfile never expands a member past its declared size."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise refuse(path, say, "import.archive.too_many", limit=MAX_MEMBERS)
    if sum(info.file_size for info in members) > MAX_BYTES:
        raise refuse(path, say, "import.archive.too_large", limit=MAX_BYTES // MEGABYTE)
    unusual = next((info for info in members if info.compress_type not in _COMPRESSIONS), None)
    if unusual is not None:
        reason = f"{unusual.filename}: compress_type={unusual.compress_type}"
        raise refuse(path, say, "import.archive.corrupt", reason=reason)
    return members


def check_zip_file(path: Path, say: Wording) -> None:
    """Refuse a zip-based document (DOCX, ODT) that is corrupt or would expand too much."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, path, say)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise refuse(path, say, "import.archive.corrupt", reason=_reason(error)) from error


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
