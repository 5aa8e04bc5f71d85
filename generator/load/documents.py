"""documents.yml: every published file declared, inside the process folder, really there, in a
format that cannot run scripts on the site (see `formats`).

Each entry gets its file's size and SHA-256 (shown in the documents table so a reader can check a
download), and `.md` documents keep their text to be rendered as a page.
"""

from __future__ import annotations

import difflib
from pathlib import Path, PurePosixPath
from typing import Any

import pikepdf

from ..diagnostics import Report, SourceLocation
from ..formats.filetypes import refused_format
from ..models import Document, DocumentEntry, Located
from .finder import (
    FileDigest,
    digest,
    inside_folder,
    read_text,
    relative,
    report_lfs_pointer,
)
from .validate import Sourced, is_identifier, read_yaml_list, validate


def load_documents(
    folder: Path, root: Path, files: frozenset[str], diagnostics: Report
) -> tuple[list[Sourced[Document]], frozenset[str] | None, frozenset[str]]:
    """The documents.yml entries with their files' size and digest, every declared path, and
    the id of every entry written, valid or not.

    The declared paths are None when documents.yml cannot be read: then nobody knows which files
    are declared, and reporting every one as undeclared would bury the real error.
    """
    path = folder / "documents.yml"
    if not path.is_file():
        return [], frozenset(), frozenset()
    source = read_yaml_list(path, root, "documents", diagnostics)
    if source is None:
        return [], None, frozenset()
    written_ids = frozenset(key for raw in source.parsed.data if (key := _written_document_id(raw)))
    declared = frozenset(
        normal
        for raw in source.parsed.data
        for written in _written_files(raw)
        if (normal := inside_folder(written)) is not None
    )
    documents: list[Sourced[Document]] = []
    for index in range(len(source.parsed.data)):
        entry = validate(DocumentEntry, source, diagnostics, (index,))
        if entry is None:
            continue
        sourced_entry = Sourced(entry, source, (index,))
        where = sourced_entry.at("file")
        found = _check_file(folder, root, files, entry.file, where, diagnostics)
        if found is not None:
            _check_tagged_pdf(found[0], entry.file, where, diagnostics)
        alternatives_found = True
        for number, alternative in enumerate(entry.alternatives):
            where = sourced_entry.at("alternatives", number, "file")
            alternative_found = _check_file(
                folder, root, files, alternative.file, where, diagnostics
            )
            if alternative_found is None:
                alternatives_found = False
            else:
                _check_tagged_pdf(alternative_found[0], alternative.file, where, diagnostics)
                if alternative_found[0].suffix == ".md":
                    # Published as a page too: its text is checked like the main file's.
                    read_text(alternative_found[0], root, diagnostics)
        if found is None or not alternatives_found:
            continue  # never publish an entry whose files are not all there and inside
        if entry.id is None and not is_identifier(entry.key):
            diagnostics.error(
                sourced_entry.at("file"),
                diagnostics.say("id.from_file_name", id=entry.key),
                diagnostics.say("id.from_document_file.hint"),
            )
            continue
        document = Document(
            id=entry.key,
            source=Located(path=source.path, line=sourced_entry.at().line),
            data=entry,
            size=found[1].size,
            sha256=found[1].sha256,
            body=read_text(found[0], root, diagnostics) if found[0].suffix == ".md" else None,
        )
        documents.append(Sourced(document, source, (index,)))
    return documents, declared, written_ids


def _written_document_id(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return None
    if isinstance(raw.get("id"), str):
        return str(raw["id"])
    return PurePosixPath(raw["file"]).stem if isinstance(raw.get("file"), str) else None


def _written_files(raw: Any) -> list[str]:
    """The `file:` values of a raw documents.yml entry, valid or not."""
    if not isinstance(raw, dict):
        return []
    written = [raw.get("file")]
    alternatives = raw.get("alternatives")
    if isinstance(alternatives, list):
        written += [alt.get("file") for alt in alternatives if isinstance(alt, dict)]
    return [value for value in written if isinstance(value, str)]


def _check_file(
    folder: Path,
    root: Path,
    files: frozenset[str],
    written: str,
    location: SourceLocation,
    diagnostics: Report,
) -> tuple[Path, FileDigest] | None:
    """The declared file and its digest, if it is inside the folder, present, real content and
    in a format the site publishes."""
    normal = inside_folder(written)
    if normal is None:
        diagnostics.error(
            location,
            diagnostics.say("document.outside", file=written),
            diagnostics.say("document.outside.hint"),
        )
        return None
    path = folder / normal
    if normal not in files:
        link = _link_on_the_way(folder, path)
        if link is not None:
            # The link itself is reported by the folder listing; this is the declaring line.
            diagnostics.error(
                location,
                diagnostics.say("document.through_link", file=written, link=relative(link, root)),
                diagnostics.say("link.escapes.hint"),
            )
            return None
        close = difflib.get_close_matches(normal, sorted(files), n=1, cutoff=0.85)
        diagnostics.error(
            location,
            diagnostics.say("document.missing", file=written),
            diagnostics.say("did_you_mean", name=close[0])
            if close
            else diagnostics.say("document.missing.hint"),
        )
        return None
    try:
        facts = digest(path)
    except OSError as error:
        diagnostics.error(
            SourceLocation(relative(path, root)),
            diagnostics.say("file.unreadable", reason=error.strerror),
        )
        return None
    if facts.lfs_pointer:
        report_lfs_pointer(SourceLocation(relative(path, root)), diagnostics)
        return None
    refused = refused_format(normal, facts.head)
    if refused is not None:
        diagnostics.error(
            location,
            diagnostics.say(refused.key, file=written, format=refused.format),
            diagnostics.say(f"{refused.key}.hint"),
        )
        return None
    return path, facts


def _link_on_the_way(folder: Path, path: Path) -> Path | None:
    """`path` or the first of its folders below `folder` that is a symbolic link, if any."""
    below = [p for p in (path, *path.parents) if folder in p.parents]
    return next((p for p in reversed(below) if p.is_symlink()), None)


def _check_tagged_pdf(
    path: Path, written: str, location: SourceLocation, diagnostics: Report
) -> None:
    """Warn when a PDF has no structure tree (RGAA criterion 13.3: downloadable documents must be
    accessible too); screen readers then read it as a flat, unordered run of text.

    Cheap whatever the size: pikepdf reads the cross-reference table and the catalogue, not the
    pages. Tagging is what can be checked here; the quality of the tags cannot.
    """
    if path.suffix.lower() != ".pdf":
        return
    try:
        with pikepdf.open(path) as pdf:
            mark_info = pdf.Root.get("/MarkInfo")
            marked = isinstance(mark_info, pikepdf.Dictionary) and bool(
                mark_info.get("/Marked", False)
            )
            tagged = marked and "/StructTreeRoot" in pdf.Root
    except pikepdf.PdfError as error:
        diagnostics.warning(
            location,
            diagnostics.say(
                "document.pdf_unreadable", file=written, reason=_first_line(error, path)
            ),
            diagnostics.say("document.pdf_unreadable.hint"),
        )
        return
    if not tagged:
        diagnostics.warning(
            location,
            diagnostics.say("document.untagged_pdf", file=written),
            diagnostics.say("document.untagged_pdf.hint"),
        )


def _first_line(error: Exception, path: Path) -> str:
    """qpdf's reason, without the absolute path it starts with: the message names the file."""
    text = str(error).strip().replace(f"{path}: ", "").replace(str(path), "")
    return text.splitlines()[0] if text else type(error).__name__


def check_declared(
    folder: Path,
    root: Path,
    files: frozenset[str],
    declared: frozenset[str] | None,
    diagnostics: Report,
) -> None:
    """Every file under documents/ is declared: nothing is published silently.

    `declared` is None when documents.yml could not be read; then the check is left out.
    """
    if declared is None:
        return
    for name in sorted(f for f in files if f.startswith("documents/") and f not in declared):
        diagnostics.error(
            SourceLocation(relative(folder / name, root)),
            diagnostics.say("document.undeclared"),
            diagnostics.say("document.undeclared.hint", file=name),
        )
