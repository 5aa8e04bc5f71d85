"""Minutes written in a word processor (DOCX, ODT) or as HTML, reStructuredText or Markdown,
turned by pandoc into `minutes/<meeting>.md`.

What pandoc gives is CommonMark + GFM without raw HTML, the dialect the site renders, and it must
render as the document showed: headings keep their levels (the site renumbers them under the
page's own title), `faithful.lua` mends what pandoc's writer would otherwise write wrongly (runs
of formatting, line breaks, empty list items, check boxes, footnotes; its header says which), then
tables become pipe tables (`pipe_tables.lua` flattens what pipe tables cannot hold: lists and
paragraphs in a cell, merged cells). A Markdown source is read as CommonMark + GFM too, without
typographic quotes: what the organiser's forge previewed is what is imported. pandoc runs with
`--sandbox`: a document cannot make it read other files or fetch anything from the network.

The minutes are written as a draft (`draft: true`): an import is a conversion, and someone must
read the result before it is published (layout, names, personal data). `published` is the
meeting's day, what most minutes would say; approval and attendance are left as commented lines:
they are the organiser's to set. Minutes replaced with `--force` keep the front matter the
organiser completed: only their text is the document's. The meeting may be written with them
(`minutes_meeting`).

Images embedded in the document are extracted into `documents/<meeting>-media/` and declared in
documents.yml, as drafts too (a photo or a scanned signature can be personal data), since every
published file must be declared there; links in the minutes point to them. Images pandoc could
not read (a remote address, a file next to an HTML page) are listed, not copied.

The document is untrusted: a DOCX or ODT is checked like any zip archive before pandoc opens it
(a damaged one, or one that would expand to gigabytes, is refused in one line), and a text
document is read in whatever encoding it was saved in and given to pandoc in UTF-8.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath

import pypandoc
import yaml

from ..diagnostics import GreffierError
from ..formats.characters import clean
from ..formats.frontmatter import (
    FrontMatterMissing,
    FrontMatterUnclosed,
    split_front_matter,
)
from ..formats.yaml_data import read_yaml_data
from ..i18n.wording import Wording
from ..load.personal_data import Finding, describe, find_personal_data, public_keys
from ..skeletons import Skeleton, require_meeting, write
from .common import Target
from .markup import pandoc_reason
from .minutes_meeting import meeting_day
from .sources import check_zip_file, read_file, refuse, require_file
from .table import Unusable, decode, refuse_binary

READERS = {
    ".docx": "docx",
    ".odt": "odt",
    ".html": "html",
    ".htm": "html",
    ".rst": "rst",
    ".md": "gfm",
    ".markdown": "gfm",
}
"""pandoc's reader for each file name ending accepted."""
_ARCHIVES = ("docx", "odt")
"""Readers of zip-based documents, bounded like any archive; the others read text."""

_IMAGE = re.compile(r"!\[(?P<alt>(?:[^\]\\]|\\.)*)\]\((?P<src>[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)")
_BLOCK_ITEM = re.compile(r"^\s*- ", re.MULTILINE)
_MEDIA = "media"
"""Where pandoc extracts the images, inside its temporary working folder."""


@dataclass
class MinutesImport:
    """What an import wrote and what the organiser must look at."""

    path: Path
    images: list[Path] = field(default_factory=list)
    """Image files written under documents/ and declared in documents.yml."""
    without_text: list[Path] = field(default_factory=list)
    """Images without a text alternative: they must be described."""
    not_imported: list[str] = field(default_factory=list)
    """Image addresses pandoc could not read, left as they were written."""
    personal_data: list[Finding] = field(default_factory=list)
    meeting: Path | None = None
    """The meeting's file, when it was written with the minutes."""

    def lines(self, say: Wording, show: Callable[[Path], Path]) -> list[str]:
        """The report: `show` gives a path as the user should read it."""
        shown = show(self.path)
        lines = [say("import.minutes.written", path=shown)]
        if self.meeting:
            lines.insert(0, say("import.minutes.meeting_created", path=show(self.meeting)))
        lines += [say("import.minutes.image", file=image.name) for image in self.images]
        lines += [say("import.minutes.no_alt", file=image.name) for image in self.without_text]
        lines += [say("import.minutes.image_skipped", src=src) for src in self.not_imported]
        for finding in self.personal_data:
            message, hint = describe(finding, say)
            lines.append(f"{shown}:{finding.line}: error: {message} ({hint})")
        return lines


def import_minutes(
    source: Path,
    target: Target,
    meeting: str,
    say: Wording,
    *,
    today: dt.date,
    force: bool = False,
    new_meeting: Skeleton | None = None,
) -> MinutesImport:
    """Convert `source` into the minutes of `meeting` in the process `target`; `new_meeting`
    is the meeting's file, written with them, when it does not exist yet."""
    reader = READERS.get(source.suffix.lower())
    if reader is None:
        formats = ", ".join(sorted(READERS))
        raise GreffierError(f"{source}: {say('import.minutes.format', formats=formats)}")
    require_file(source, say)
    if reader in _ARCHIVES:
        check_zip_file(source, say)
    if new_meeting is None:
        require_meeting(target.folder, meeting, say)
    destination = target.folder / "minutes" / f"{meeting}.md"
    if destination.exists() and not force:
        raise GreffierError(f"{destination}: {say('import.minutes.exists')}")
    kept = _organisers_front_matter(destination)
    with tempfile.TemporaryDirectory(prefix="greffier-minutes-") as work:
        markdown = _convert(source, reader, Path(work), say)
        result = MinutesImport(destination)
        markdown = _move_images(markdown, Path(work), target, meeting, result)
    if result.images:
        _declare_images(target, meeting, result, say)
    if new_meeting is not None:
        write([new_meeting], say)
        result.meeting = new_meeting.path
    if kept is None:
        day = meeting_day(target.folder, meeting)
        kept = _front_matter(source, meeting, today, day, say)
    text = kept + clean(markdown)  # `check` would refuse what `clean` removes
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(text, encoding="utf-8")
    public = public_keys(target.data.contact)
    result.personal_data = [f for f in find_personal_data(text) if f.key not in public]
    return result


def _convert(source: Path, reader: str, work: Path, say: Wording) -> str:
    filters = resources.files("greffier").joinpath("importers")
    readable = source.resolve() if reader in _ARCHIVES else _as_utf8(source, work, say)
    # Word processors have no loose lists: faithful.lua makes theirs tight.
    word_processor = ["--metadata=greffier-word-processor"] if reader in _ARCHIVES else []
    with (
        resources.as_file(filters / "faithful.lua") as faithful,
        resources.as_file(filters / "pipe_tables.lua") as tables,
    ):
        try:
            return pypandoc.convert_file(
                str(readable),
                # GitHub's alerts (`> [!NOTE]`) are not CommonMark: a note stays its paragraphs.
                "gfm-raw_html-alerts",
                format=reader,
                extra_args=[
                    "--wrap=none",
                    f"--extract-media={_MEDIA}",
                    f"--lua-filter={faithful}",
                    f"--lua-filter={tables}",
                    *word_processor,
                ],
                sandbox=True,
                cworkdir=str(work),
            )
        except (RuntimeError, OSError, subprocess.SubprocessError) as error:
            reason = pandoc_reason(error)
            raise GreffierError(
                f"{source}: {say('import.minutes.unreadable', reason=reason)}"
            ) from error


def _as_utf8(source: Path, work: Path, say: Wording) -> Path:
    """A text document in UTF-8, which is all pandoc reads: word processors save HTML in
    cp1252 or UTF-16 too."""
    text, _ = decode(read_file(source, say))
    try:
        refuse_binary(text)
    except Unusable as error:
        raise refuse(source, say, error.key, **error.values) from error
    copy = work / f"source{source.suffix.lower()}"
    copy.write_text(text.replace("\x00", ""), encoding="utf-8")
    return copy


def _move_images(
    markdown: str, work: Path, target: Target, meeting: str, result: MinutesImport
) -> str:
    """Images pandoc extracted moved to documents/<meeting>-media/, and linked from there."""
    folder = target.folder / "documents" / f"{meeting}-media"
    names: dict[str, str] = {}

    def relink(match: re.Match[str]) -> str:
        src = match.group("src")
        extracted = work / src
        if not src.startswith(f"{_MEDIA}/") or not extracted.is_file():
            result.not_imported.append(src)
            return match.group()
        if src not in names:
            names[src] = f"image-{len(names) + 1}{extracted.suffix.lower()}"
            folder.mkdir(parents=True, exist_ok=True)
            image = folder / names[src]
            shutil.copyfile(extracted, image)
            result.images.append(image)
            if not match.group("alt").strip():
                result.without_text.append(image)
        link = f"../documents/{folder.name}/{names[src]}"
        return f"![{match.group('alt')}]({link}{match.group('title') or ''})"

    return _IMAGE.sub(relink, markdown)


def _declare_images(target: Target, meeting: str, result: MinutesImport, say: Wording) -> None:
    """Each new image as a draft entry at the end of documents.yml, which stays as written."""
    listing = target.folder / "documents.yml"
    text = listing.read_text(encoding="utf-8") if listing.is_file() else ""
    try:
        declared = read_yaml_data(text) if text.strip() else None
    except yaml.YAMLError:
        declared = False
    # New entries are appended as text: that needs a block list (or nothing) to append to.
    if declared is not None and not (isinstance(declared, list) and _BLOCK_ITEM.search(text)):
        files = ", ".join(image.name for image in result.images)
        raise GreffierError(f"{listing}: {say('import.minutes.documents_not_list', files=files)}")
    known = {entry.get("file") for entry in declared or [] if isinstance(entry, dict)}
    entries = []
    for number, image in enumerate(result.images, start=1):
        file = PurePosixPath("documents", image.parent.name, image.name).as_posix()
        if file in known:
            continue
        title = say("import.minutes.image_title", number=number, meeting=meeting)
        entries.append(
            f"- id: {meeting}-image-{number}\n"
            f"  file: {file}\n"
            f"  title: {json.dumps(title, ensure_ascii=False)}\n"
            "  draft: true\n"
        )
    if entries:
        separator = "" if not text or text.endswith("\n") else "\n"
        listing.write_text(text + separator + "".join(entries), encoding="utf-8")


def _organisers_front_matter(destination: Path) -> str | None:
    """The front matter of minutes being replaced, fences included, as the organiser left it:
    their dates, attendance and authors are not in the document."""
    try:
        matter = split_front_matter(destination.read_text(encoding="utf-8"))
    except (OSError, ValueError, FrontMatterMissing, FrontMatterUnclosed):
        return None
    return f"---\n{matter.yaml}---\n"


def _front_matter(
    source: Path, meeting: str, today: dt.date, day: dt.date | None, say: Wording
) -> str:
    comment = {
        # A file name may hold a line break, which would end the comment.
        "file": " ".join(source.name.split()),
        "today": today.isoformat(),
    }
    # Without the meeting's day (a file `check` will refuse anyway), the date stays a comment.
    published = f"published: {day.isoformat()}" if day else f"# published: {today.isoformat()}"
    return "\n".join(
        [
            "---",
            f"# {say('import.minutes.header', **comment)}",
            f"# {say('import.minutes.review')}",
            "draft: true",
            f"meeting: {meeting}",
            f"# {say('import.minutes.dates')}",
            published,
            f"# approved: {(day or today).isoformat()}",
            f"# {say('import.minutes.attendees')}",
            "# attendees: 0",
            f"# {say('import.minutes.authors')}",
            "# authors:",
            f"#   - {say('import.minutes.author_example')}",
            "---",
            "",
        ]
    )
