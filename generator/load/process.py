"""Loading one process folder into a `Process`, reporting every problem on the way.

A file with errors is skipped and the rest still loads, so one run reports everything; the
caller treats any error as fatal. A process.yml with errors still lends what could be read of
it (its themes, its contact) to the checks of the other files.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from pydantic import BaseModel

from ..diagnostics import Report, SourceLocation
from ..formats.slug import slugify
from ..formats.yaml_lines import ParsedYaml
from ..i18n.wording import Wording
from ..models import (
    SLUG_PATTERN,
    Commitment,
    Contact,
    Contribution,
    ContributionFile,
    Located,
    Meeting,
    MeetingFile,
    Minutes,
    MinutesFile,
    Process,
    ProcessFile,
    Theme,
)
from .coherence import check_dates
from .documents import check_declared, load_documents
from .finder import list_folder, read_text, relative
from .images import check_images
from .personal_data import check_personal_data, public_keys
from .placeholders import check_placeholders
from .redactions import load_redactions
from .references import Contents, check_references
from .validate import (
    Sourced,
    SourceFile,
    is_identifier,
    read_markdown,
    read_yaml,
    read_yaml_list,
    validate,
)

RESERVED_CONTRIBUTION_IDS = frozenset({"page", "theme", "channel", "answered", "unanswered"})
"""URL segments under `/<slug>/contributions/` taken by listing pages."""

RESERVED_SLUGS = frozenset(
    {
        "status",
        "search",
        "schemas",
        "mentions-legales",
        "donnees-personnelles",
        "accessibilite",
        "assets",
        "pagefind",
    }
)
"""Top-level URL segments taken by site-wide pages."""

KNOWN_ENTRIES = (
    "process.yml",
    "index.md",
    "meetings",
    "minutes",
    "documents.yml",
    "documents",
    "contributions",
    "outcome.md",
    "commitments.yml",
    "redactions.yml",
)

Item = TypeVar("Item", Meeting, Minutes, Contribution)
Data = TypeVar("Data", MeetingFile, MinutesFile, ContributionFile)
M = TypeVar("M", bound=BaseModel)


def load_process(folder: Path, root: Path, diagnostics: Report) -> Process | None:
    """The process in `folder`, or None when its folder name or process.yml is unusable."""
    files = list_folder(folder, root, diagnostics)
    slug_ok = _check_slug(folder, root, diagnostics)
    process_source = _read_process_file(folder, root, diagnostics)
    process = _validated(ProcessFile, process_source, diagnostics)

    meetings = _load_items(folder, root, files, "meetings", MeetingFile, Meeting, diagnostics)
    minutes = _load_items(folder, root, files, "minutes", MinutesFile, Minutes, diagnostics)
    contributions = _load_items(
        folder, root, files, "contributions", ContributionFile, Contribution, diagnostics
    )
    documents, declared, written_documents = load_documents(folder, root, files, diagnostics)
    commitments = _load_list(
        folder / "commitments.yml", root, Commitment, "commitments", diagnostics
    )
    presentation = _optional_text(folder / "index.md", root, diagnostics)
    outcome = _optional_text(folder / "outcome.md", root, diagnostics)
    redactions = load_redactions(folder, root, diagnostics)
    _check_listing(folder, root, files, declared, diagnostics)

    written_ids = {
        "meeting": _written_item_ids(files, "meetings"),
        "contribution": _written_item_ids(files, "contributions"),
        "document": frozenset(written_documents),
        "theme": _written_theme_ids(process_source),
    }
    themes = _themes(process, process_source)
    contents = Contents(
        process, meetings, minutes, documents, contributions, commitments, written_ids, themes
    )
    check_references(contents, diagnostics)
    check_images(contents, folder, root, files, diagnostics)
    check_dates(contents, diagnostics)
    contact = process.item.contact if process else _salvaged(Contact, process_source, "contact")
    check_personal_data([*minutes, *contributions], public_keys(contact), diagnostics)
    if process is not None and not process.item.draft:
        texts = (("index.md", presentation), ("outcome.md", outcome))
        items: list[Sourced[Meeting] | Sourced[Minutes] | Sourced[Contribution]]
        items = [*meetings, *minutes, *contributions]
        check_placeholders(
            [
                process.source,
                *(_text_file(folder / name, root, text) for name, text in texts if text),
                *(item.source for item in items if not item.item.data.draft),
            ],
            diagnostics,
        )
    if process is None or not slug_ok:
        return None
    return Process(
        slug=folder.name,
        source=Located(path=process.source.path),
        data=process.item,
        presentation=presentation,
        meetings=tuple(m.item for m in meetings),
        minutes=tuple(m.item for m in minutes),
        documents=tuple(d.item for d in documents),
        contributions=tuple(c.item for c in contributions),
        outcome=outcome,
        commitments=tuple(c.item for c in commitments),
        redactions=redactions,
    )


def _check_slug(folder: Path, root: Path, diagnostics: Report) -> bool:
    name = folder.name
    location = SourceLocation(relative(folder, root))
    if not re.match(SLUG_PATTERN, name):
        diagnostics.error(
            location,
            diagnostics.say("slug.invalid", name=name),
            diagnostics.say(
                "slug.invalid.hint",
                suggestion=slugify(name) or diagnostics.say("slug.example"),
            ),
        )
        return False
    if name in RESERVED_SLUGS:
        diagnostics.error(
            location,
            diagnostics.say("slug.reserved", name=name),
            diagnostics.say("slug.reserved.hint"),
        )
        return False
    return True


def _read_process_file(folder: Path, root: Path, diagnostics: Report) -> SourceFile | None:
    path = folder / "process.yml"
    if not path.is_file():
        diagnostics.error(
            SourceLocation(relative(path, root)),
            diagnostics.say("process.missing"),
            diagnostics.say("process.missing.hint"),
        )
        return None
    return read_yaml(path, root, diagnostics)


def _validated(model: type[M], source: SourceFile | None, diagnostics: Report) -> Sourced[M] | None:
    data = None if source is None else validate(model, source, diagnostics)
    return None if data is None or source is None else Sourced(data, source)


def _salvaged(model: type[M], source: SourceFile | None, *key: str | int) -> M | None:
    """The part of a process.yml with errors found at `key`, if it is valid on its own; its
    errors were reported when the whole file was validated."""
    if source is None or _at(source.parsed.data, key) is None:
        return None
    return validate(model, source, Report(say=Wording()), key)


def _at(data: Any, key: tuple[str | int, ...]) -> Any:
    """The value at `key` in plain YAML data, None where the data has another shape."""
    for part in key:
        if isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        elif isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _themes(
    process: Sourced[ProcessFile] | None, source: SourceFile | None
) -> list[Sourced[Theme]] | None:
    """The themes contributions may refer to; None when process.yml does not say which."""
    if process is not None:
        themes = enumerate(process.item.themes)
        return [Sourced(theme, process.source, ("themes", index)) for index, theme in themes]
    if source is None or not isinstance(source.parsed.data, dict):
        return None
    written = source.parsed.data.get("themes")
    if written is None:
        return []
    if not isinstance(written, list):
        return None
    found = ((index, _salvaged(Theme, source, "themes", index)) for index in range(len(written)))
    return [
        Sourced(theme, source, ("themes", index)) for index, theme in found if theme is not None
    ]


def _written_theme_ids(source: SourceFile | None) -> frozenset[str]:
    """Every theme id written in process.yml, in a valid entry or not."""
    written = _at(source.parsed.data, ("themes",)) if source is not None else None
    entries = written if isinstance(written, list) else []
    return frozenset(
        entry["id"]
        for entry in entries
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    )


def _load_items(
    folder: Path,
    root: Path,
    files: frozenset[str],
    kind: str,
    data_model: type[Data],
    item_model: Callable[..., Item],
    diagnostics: Report,
) -> list[Sourced[Item]]:
    """The `<kind>/<id>.md` files: front matter validated into `data_model`, body kept."""
    loaded: list[Sourced[Item]] = []
    for name in sorted(f for f in files if f.startswith(f"{kind}/")):
        path = folder / name
        location = SourceLocation(relative(path, root))
        inner = PurePosixPath(name)
        if len(inner.parts) != 2 or inner.suffix != ".md":
            diagnostics.error(
                location,
                diagnostics.say("items.not_markdown", kind=kind),
                diagnostics.say("items.not_markdown.hint"),
            )
            continue
        item_id = inner.stem
        if not _check_item_id(item_id, kind, location, diagnostics):
            continue
        source = read_markdown(path, root, diagnostics)
        if source is None:
            continue
        data = validate(data_model, source, diagnostics)
        if data is None:
            continue
        item = item_model(
            id=item_id,
            source=Located(path=source.path),
            data=data,
            body=source.body or "",
        )
        loaded.append(Sourced(item, source))
    return loaded


def _written_item_ids(files: frozenset[str], kind: str) -> frozenset[str]:
    return frozenset(
        PurePosixPath(name).stem
        for name in files
        if name.startswith(f"{kind}/") and name.endswith(".md") and name.count("/") == 1
    )


def _check_item_id(item_id: str, kind: str, location: SourceLocation, diags: Report) -> bool:
    if not is_identifier(item_id):
        diags.error(
            location,
            diags.say("id.from_file_name", id=item_id),
            diags.say("id.from_file_name.hint"),
        )
        return False
    if kind == "contributions" and item_id in RESERVED_CONTRIBUTION_IDS:
        diags.error(
            location,
            diags.say("id.reserved_contribution", id=item_id),
            diags.say("id.reserved_contribution.hint", id=item_id),
        )
        return False
    return True


def _load_list(
    path: Path, root: Path, model: type[M], what: str, diagnostics: Report
) -> list[Sourced[M]]:
    """Each entry of a YAML list file validated on its own, so one bad entry hides no other."""
    if not path.is_file():
        return []
    source = read_yaml_list(path, root, what, diagnostics)
    if source is None:
        return []
    loaded: list[Sourced[M]] = []
    for index in range(len(source.parsed.data)):
        entry = validate(model, source, diagnostics, (index,))
        if entry is not None:
            loaded.append(Sourced(entry, source, (index,)))
    return loaded


def _check_listing(
    folder: Path,
    root: Path,
    files: frozenset[str],
    declared: frozenset[str] | None,
    diagnostics: Report,
) -> None:
    """Nothing is published silently: every document is declared, every name is known."""
    check_declared(folder, root, files, declared, diagnostics)
    known = set(KNOWN_ENTRIES) | {PurePosixPath(f).parts[0] for f in declared or ()}
    for top in sorted({PurePosixPath(f).parts[0] for f in files} - known):
        close = difflib.get_close_matches(top, KNOWN_ENTRIES, n=1, cutoff=0.7)
        diagnostics.warning(
            SourceLocation(relative(folder / top, root)),
            diagnostics.say("layout.unknown", name=top),
            diagnostics.say("did_you_mean", name=close[0])
            if close
            else diagnostics.say("layout.unknown.hint"),
        )


def _text_file(path: Path, root: Path, text: str) -> SourceFile:
    """A Markdown file without front matter (index.md, outcome.md): all body."""
    return SourceFile(relative(path, root), ParsedYaml(None), body=text, text=text)


def _optional_text(path: Path, root: Path, diagnostics: Report) -> str | None:
    return read_text(path, root, diagnostics) if path.is_file() else None
