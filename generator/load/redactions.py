"""Loading a process's redactions.yml: the earlier versions its history must never republish.

Only the file's shape is checked here; whether a commit id names a commit of the history is
known at enrich time, where git is read (see `greffier.enrich.redaction`).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..diagnostics import Report
from ..models import Located, LocatedRedaction, Redaction
from .validate import read_yaml_list, validate

FILE_NAME = "redactions.yml"


def load_redactions(folder: Path, root: Path, diagnostics: Report) -> tuple[LocatedRedaction, ...]:
    """Every valid entry of `folder/redactions.yml`, with its line; none when there is no file."""
    path = folder / FILE_NAME
    if not path.is_file():
        return ()
    source = read_yaml_list(path, root, "redactions", diagnostics)
    if source is None:
        return ()
    loaded = []
    for index in range(len(source.parsed.data)):
        entry = validate(Redaction, source, diagnostics, (index,))
        if entry is None:
            continue
        inner = PurePosixPath(entry.path)
        # Hidden names (.git/…) are never content: nothing there is ever read, even by path.
        if inner.is_absolute() or "\\" in entry.path or any(p.startswith(".") for p in inner.parts):
            diagnostics.error(
                source.at(index, "path"),
                diagnostics.say("redactions.path_outside", value=entry.path),
                diagnostics.say("redactions.path_outside.hint"),
            )
            continue
        located = Located(path=source.path, line=source.at(index).line)
        normalised = entry.model_copy(update={"path": inner.as_posix()})
        loaded.append(LocatedRedaction(source=located, data=normalised))
    return tuple(loaded)
