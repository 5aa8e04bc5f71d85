"""Names that would be published at the same address: an error where they are written, never a
silent overwrite.

Every page and file of the site is derived here from `greffier.paths`, the functions the page plan
itself uses, together with where it comes from: an item's file or documents.yml entry, a
process, or the site itself. Web servers, forges and the file systems of Windows and macOS do
not tell `Reunion-1` from `reunion-1`, nor an `é` written as one character from the same letter
written as two, so addresses are compared case-folded, in Unicode's NFC form. A file and a
folder cannot share a name (`x.ics`, the calendar of meeting `x`, against `x.ics/`, the page of
meeting `x.ics`), and the folders that Greffier fills itself (journals, histories, downloads,
open data) take nothing else.

Pages are placed as MkDocs places them by default (`use_directory_urls`, `x.md` at `x/`): a
name that only collides without directory URLs is still reported, so that switching the option
never breaks a site that passed the check.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from .. import paths
from ..diagnostics import Report, SourceLocation
from ..models import Document, Located, Process, ProcessStatus

_THIRD_PARTY = ("assets", "pagefind")
"""The folders that the Material theme and Pagefind fill at the top of the site (MkDocs' own
files there have dots in their names, which no process folder may have)."""
_ANY = "*"
"""Any file name, where only the folder matters."""


@dataclass(frozen=True)
class _Output:
    path: str
    """Where it is written in the site; a page is its folder's `index.html`."""
    owner: SourceLocation | None
    """Who it comes from; None for the site's own pages and files."""
    scope: SourceLocation | None
    """The process it belongs to (its process.yml); None for the site's."""
    generated: bool = False
    """Greffier makes it for its owner (a calendar, a history), rather than the owner naming it."""
    tree: bool = False
    """A folder whose whole content Greffier writes."""


def check_output_paths(
    processes: Sequence[Process], diagnostics: Report, site_pages: Iterable[str] = ()
) -> None:
    """An error for each page or file that another would overwrite, naming both sources.

    `site_pages` are the files of the site's own `docs_dir` (as MkDocs' `src_uri`): a process
    must not take their addresses either."""
    outputs = [
        *_site_outputs(site_pages),
        *(o for p in processes for o in _process_outputs(p)),
    ]
    trees: dict[str, _Output] = {}
    for output in outputs:
        if output.tree:
            trees.setdefault(_key(output.path), output)
    files: dict[str, _Output] = {}
    folders: dict[str, _Output] = {}
    reported: set[frozenset[SourceLocation | None]] = set()
    for output in outputs:
        key = _key(output.path)
        above = list(_folders_of(key))
        clashes = [
            *(trees[folder] for folder in [*above, key] if folder in trees),
            *(files[folder] for folder in [*above, key] if folder in files),
            *([folders[key]] if key in folders else []),
        ]
        for clash in clashes:
            # A process whose folder is taken by the site is one error, not one per item.
            pair = frozenset({output.scope if clash.owner is None else output.owner, clash.owner})
            if clash.owner != output.owner and pair not in reported:
                reported.add(pair)
                _report(output, clash, diagnostics)
        if not output.tree:
            files.setdefault(key, output)
            for folder in above:
                folders.setdefault(folder, output)


def _report(output: _Output, clash: _Output, diagnostics: Report) -> None:
    """The error goes where the organiser named the thing: not on what Greffier generates."""
    if output.owner is None or (output.generated and not clash.generated and clash.owner):
        output, clash = clash, output
    assert output.owner is not None
    say = diagnostics.say
    if clash.owner is None:
        other = say("output.collision.site")
    elif clash.generated:
        other = say("output.collision.generated", location=clash.owner.path)
    else:
        other = say("output.collision.written", location=clash.owner)
    taken = min(output.path, clash.path, key=len).removesuffix("index.html")
    diagnostics.error(
        output.owner,
        say("output.collision", url=f"/{taken}", other=other),
        say("output.collision.hint"),
    )


def _key(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold().removesuffix("/")


def _folders_of(key: str) -> Iterator[str]:
    parts = key.split("/")
    for end in range(1, len(parts)):
        yield "/".join(parts[:end])


def _written(src_uri: str) -> str:
    """Where MkDocs writes the page or file of `src_uri`."""
    if paths.is_markdown(src_uri):
        return f"{paths.page_url(src_uri)}index.html"
    return src_uri


def _folder(src_uri: str) -> str:
    return str(PurePosixPath(src_uri).parent)


def _site_outputs(site_pages: Iterable[str]) -> Iterator[_Output]:
    """The site's own pages and files; the folders they are in are the site's alone."""
    for src_uri in site_pages:
        yield _Output(_written(src_uri), None, None)
    pages = [
        paths.HOME,
        paths.LEGAL_NOTICE,
        paths.PRIVACY,
        paths.ACCESSIBILITY,
        paths.SEARCH,
        paths.SCHEMAS,
        paths.SITE_CALENDAR,
        paths.SITE_JOURNAL,
        paths.SITE_FEED,
        *(paths.status(status) for status in ProcessStatus),
    ]
    for src_uri in pages:
        yield _Output(_written(src_uri), None, None)
    for src_uri in [*pages, paths.open_data(None, _ANY)]:
        if "/" in src_uri:
            yield _Output(src_uri.split("/")[0], None, None, tree=True)
    for name in _THIRD_PARTY:
        yield _Output(name, None, None, tree=True)


def _process_outputs(process: Process) -> Iterator[_Output]:
    slug, scope = process.slug, _location(process.source)
    yield _Output(_written(paths.process(slug)), scope, scope)
    generated_pages = [
        paths.meetings(slug),
        paths.calendar(slug),
        paths.minutes_index(slug),
        paths.documents(slug),
        paths.contributions(slug),
        paths.outcome(slug),
        paths.feed(slug),
    ]
    for src_uri in generated_pages:
        yield _Output(_written(src_uri), scope, scope, generated=True)
    filled = [
        paths.downloads(slug),
        paths.open_data(slug, _ANY),
        paths.journal(slug),
        paths.history(paths.process(slug)),
    ]
    for src_uri in filled:
        yield _Output(_folder(src_uri), scope, scope, generated=True, tree=True)
    for meeting in process.meetings:
        where = _location(meeting.source)
        yield from _page(paths.meeting(slug, meeting.id), where, scope)
        yield _Output(paths.meeting_calendar(slug, meeting.id), where, scope, generated=True)
    for minutes in process.minutes:
        yield from _page(paths.minutes(slug, minutes.id), _location(minutes.source), scope)
    for item in process.contributions:
        yield from _page(paths.contribution(slug, item.id), _location(item.source), scope)
    for document in _first_of_each_id(process.documents):
        yield from _document_outputs(slug, document, scope)


def _page(src_uri: str, owner: SourceLocation, scope: SourceLocation) -> Iterator[_Output]:
    """An item's page and its history."""
    yield _Output(_written(src_uri), owner, scope)
    yield _Output(_folder(paths.history(src_uri)), owner, scope, generated=True, tree=True)


def _document_outputs(slug: str, document: Document, scope: SourceLocation) -> Iterator[_Output]:
    where = _location(document.source)
    main = document.data.file
    for file in [main, *(alternative.file for alternative in document.data.alternatives)]:
        if not paths.is_markdown(file):
            yield _Output(paths.process_file(slug, file), where, scope)
        elif file == main:
            yield from _page(paths.document(slug, document), where, scope)
        else:
            yield from _page(paths.process_file(slug, file), where, scope)


def _first_of_each_id(documents: Iterable[Document]) -> Iterator[Document]:
    """A duplicate id is already an error of its own (see `references`)."""
    seen: set[str] = set()
    for document in documents:
        if document.id not in seen:
            seen.add(document.id)
            yield document


def _location(source: Located) -> SourceLocation:
    return SourceLocation(source.path, source.line)
