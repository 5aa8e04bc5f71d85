"""Write imported contributions as ordinary process files, so that an import can be re-run.

Every importer turns its source into `Item`s; `write_items` writes them as
`contributions/<id>.md` (or `meetings/<id>.md`). The rule for a re-run is "the source owns some
fields, the organiser owns the rest":

- the *importer-owned fields* (`Item.fields`, declared per importer in `owned`) and the body are
  rewritten from the source whenever the source changed since the last import;
- everything else — answer, disposition, moderation, reference, draft, themes the organiser set,
  replies written as other files — is never touched;
- themes suggested by the source (a Decidim category) are applied only while the organiser has not
  set themes of their own;
- a few fields are only ever *added* (`Item.added`: a withdrawal, the platform's own reference,
  answer and disposition): written when the file has none, never rewritten or removed, since the
  organiser may have set or corrected them.

A one-line YAML comment in the front matter records which source wrote the file and a fingerprint
of what it wrote. When the source did not change, the file is left alone byte for byte, even if an
organiser edited the imported text (to remove personal data, say): the next import only overwrites
it if the source changes again.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import yaml as libyaml
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString
from tqdm import tqdm

from ..diagnostics import GreffierError
from ..formats.characters import clean_values
from ..formats.frontmatter import (
    FrontMatterMissing,
    FrontMatterUnclosed,
    split_front_matter,
)
from ..formats.slug import slugify
from ..i18n.wording import Wording
from ..load.personal_data import find_personal_data, public_keys
from ..models import ID_PATTERN, AuthorDisplay, ContributionFile, Model, ProcessFile
from ..present.privacy import shown_author
from .markup import escape_inline, plain_heading

T = TypeVar("T")

_MARKER = re.compile(
    r"^# greffier-import: (?P<source>\S+) (?P<print>[a-p]+) themes=(?P<themes>\S*)"
)
_LETTERS = str.maketrans("0123456789", "ghijklmnop")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
PROGRESS_THRESHOLD = 200
"""Imports smaller than this finish too fast for a progress bar to help."""


@dataclass(frozen=True)
class FileKind:
    """What an importer writes: contributions, or meetings, and which of their fields it owns."""

    folder: str
    model: type[Model]
    owned: tuple[str, ...]
    """The fields a re-import rewrites, in the order they are written; the rest is the
    organiser's."""
    themed: bool = True


def contributions(owned: Sequence[str]) -> FileKind:
    return FileKind("contributions", ContributionFile, tuple(owned))


@dataclass(frozen=True)
class Item:
    """One contribution (or meeting) as the source describes it."""

    id: str
    kind: FileKind
    fields: Mapping[str, Any]
    """The values of the kind's owned fields the source has; owned fields left out are removed
    from the file on a re-import."""
    body: str
    title: str | None = None
    themes: tuple[str, ...] = ()
    """Suggested themes, as ids or titles of process.yml themes; unknown ones are added to it."""
    added: Mapping[str, Any] = field(default_factory=dict)
    """Fields written only when the file lacks them: `withdrawn`, `reference`, `answer`…"""
    parent: str | None = None
    """Id of the item this one replies to: written as `parent` once that item exists."""


@dataclass(frozen=True)
class Skip:
    """Something the source held that was not written, and why: shown in the report."""

    what: str
    reason: str


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    orphans: list[Skip] = field(default_factory=list)
    """Comments whose target is not in the export: neither imported nor lost."""
    redacted: list[Skip] = field(default_factory=list)
    """Items whose text held personal data, removed before writing."""
    themes_added: list[str] = field(default_factory=list)
    hint: str | None = None
    """What to try when nothing could be imported, if the source suggests it."""

    @property
    def nothing_imported(self) -> bool:
        """No item could be written: the import failed, even where nothing was wrong with the
        command itself."""
        return not (self.imported or self.updated or self.unchanged)

    def lines(self, say: Wording) -> list[str]:
        """The report in the site's language: totals first, then every skip with its reason."""
        lines = [
            say(
                "import.summary",
                imported=len(self.imported),
                updated=len(self.updated),
                unchanged=len(self.unchanged),
                skipped=len(self.skipped),
            )
        ]
        if self.themes_added:
            lines.append(say("import.themes_added", themes=", ".join(self.themes_added)))
        lines += [say("import.skipped", what=s.what, reason=s.reason) for s in self.skipped]
        if self.orphans:
            lines.append(say("import.summary.orphans", orphans=len(self.orphans)))
        lines += [say("import.orphan", what=s.what, reason=s.reason) for s in self.orphans]
        lines += [say("import.redacted", what=s.what, kinds=s.reason) for s in self.redacted]
        return lines


@dataclass(frozen=True)
class Target:
    """The process folder an import writes to."""

    folder: Path
    data: ProcessFile


def open_target(processes: Path, slug: str, say: Wording) -> Target:
    """The process `slug`, refused with a clear message when it is missing or invalid."""
    from ..formats.yaml_data import read_yaml_data

    process_file = processes / slug / "process.yml"
    if not process_file.is_file():
        raise GreffierError(f"{process_file}: {say('new.no_process', slug=slug)}")
    try:
        data = ProcessFile.model_validate(read_yaml_data(process_file.read_text(encoding="utf-8")))
    except (ValidationError, ValueError, libyaml.YAMLError) as error:
        # ValueError: not UTF-8 too. `greffier check` says where and why.
        raise GreffierError(f"{process_file}: {say('import.process_invalid')}") from error
    return Target(process_file.parent, data)


def public_author(name: str | None, display: AuthorDisplay) -> str | None:
    """What may be written of a private person's name under the process's `author_display`.

    Applied before writing, so that a name the site would not show never enters git history;
    a name that is an e-mail address is never written at all.
    """
    name = " ".join((name or "").split())
    return None if _EMAIL.search(name) else shown_author(name, display)


def progress(items: Iterable[T], total: int, description: str) -> Iterator[T]:
    """A progress bar on standard error, for large imports run in a terminal only."""
    hidden = total < PROGRESS_THRESHOLD or not sys.stderr.isatty()
    yield from tqdm(items, total=total, desc=description, disable=hidden, unit="")


def write_items(
    target: Target,
    items: Sequence[Item],
    *,
    source: str,
    report: ImportReport,
    say: Wording,
) -> None:
    """Write `items` in order (parents before their replies) and count what happened."""
    public = public_keys(target.data.contact)
    items = [_redact(_cleaned(item), public, report, say) for item in items]
    book = _ThemeBook(target, say)
    accepted: dict[str, tuple[Item, list[str]]] = {}
    for item in items:
        themes = book.resolve(item.themes)
        problem = _problem(item, target, accepted.keys(), themes, say)
        if problem:
            report.skipped.append(Skip(item.id, problem))
        else:
            accepted[item.id] = (item, themes)
    # Only the themes of items about to be written: an import that skips all writes nothing.
    book.save(report, {theme for _, themes in accepted.values() for theme in themes})
    for item, themes in progress(accepted.values(), len(accepted), say("import.progress")):
        outcome = _write_one(item, target, source, themes, say)
        if isinstance(outcome, Skip):
            report.skipped.append(outcome)
        else:
            getattr(report, outcome).append(item.id)


def _cleaned(item: Item) -> Item:
    """The item without the characters `greffier check` refuses (Word's vertical tab becomes a
    space, see `characters.clean`): what an import writes must pass the check."""
    return replace(
        item,
        fields=clean_values(item.fields),
        body=clean_values(item.body),
        title=clean_values(item.title),
        themes=clean_values(item.themes),
        added=clean_values(item.added),
    )


def _redact(item: Item, public: frozenset[str], report: ImportReport, say: Wording) -> Item:
    """The item with the e-mail addresses, phone numbers, IBANs and social security numbers of
    its text replaced by a notice, so that they never enter the repository's history.

    The organiser's public contact is left alone, as the personal-data check leaves it.
    """
    texts = {"body": item.body, "title": item.title or ""}
    kinds: list[str] = []
    for name, text in texts.items():
        for finding in find_personal_data(text):
            if finding.key not in public:
                notice = say(f"import.removed.{finding.kind}")
                # The body is Markdown by now: `[notice](…)` would be a link.
                texts[name] = texts[name].replace(
                    finding.text, escape_inline(notice) if name == "body" else notice
                )
                kinds.append(say(f"import.kind.{finding.kind}"))
    if not kinds:
        return item
    report.redacted.append(Skip(item.id, ", ".join(dict.fromkeys(kinds))))
    return replace(item, body=texts["body"], title=texts["title"] or None)


def _problem(
    item: Item, target: Target, written: AbstractSet[str], themes: list[str], say: Wording
) -> str | None:
    """Why the item cannot be written, checked before anything is: None when it can."""
    if not re.match(ID_PATTERN, item.id) or len(item.id) > 120:
        return say("import.invalid_id", id=item.id)
    if item.id in written:
        return say("import.duplicate")
    parent_file = target.folder / item.kind.folder / f"{item.parent}.md"
    if item.parent and item.parent not in written and not parent_file.is_file():
        return say("import.parent_missing", parent=item.parent)
    if item.kind.model is ContributionFile and not item.body.strip() and not item.title:
        return say("import.empty")
    try:
        item.kind.model.model_validate(_front(item, themes))
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        return say("import.invalid", problems=problems)
    return None


def _front(item: Item, themes: list[str] | None = None) -> dict[str, Any]:
    front = {key: _literal(value) for key, value in item.fields.items()}
    if item.parent:
        front["parent"] = item.parent
    front.update({key: _literal(value) for key, value in item.added.items()})
    if item.kind.themed and themes is not None:
        front["themes"] = themes
    return front


def _literal(value: Any) -> Any:
    """Texts of several lines as YAML block scalars (`|`), as organisers write them."""
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value.strip() + "\n")
    if isinstance(value, Mapping):
        return {key: _literal(item) for key, item in value.items()}
    return value


def _body(item: Item) -> str:
    text = item.body.strip()
    if item.title:
        # Titles are plain text on every platform: `#MeToo` or `Politiker*innen` are no syntax.
        heading = "# " + plain_heading(item.title)
        text = f"{heading}\n\n{text}" if text else heading
    return text + "\n"


def _fingerprint(item: Item, themes: list[str]) -> str:
    front = _front(item)
    if "withdrawn" in item.added:
        # An undated withdrawal is dated the day it is first seen: not a change of the source.
        front["withdrawn"] = True
    payload = json.dumps(
        [front, themes, _body(item)],
        sort_keys=True,
        default=str,
        ensure_ascii=False,
    )
    # Letters only: a run of hexadecimal digits could pass for a phone number in the
    # personal-data check.
    return hashlib.sha256(payload.encode()).hexdigest()[:16].translate(_LETTERS)


def _write_one(
    item: Item, target: Target, source: str, themes: list[str], say: Wording
) -> str | Skip:
    path = target.folder / item.kind.folder / f"{item.id}.md"
    fingerprint = _fingerprint(item, themes)
    marker = (
        f"# greffier-import: {source} {fingerprint} themes={','.join(themes)} "
        f"({say('import.marker')})"
    )
    if not path.exists():
        front = CommentedMap(_front(item, themes))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_document(marker, front, _body(item)), encoding="utf-8")
        return "imported"
    text = path.read_text(encoding="utf-8")
    try:
        matter = split_front_matter(text)
    except (FrontMatterMissing, FrontMatterUnclosed):
        return Skip(item.id, say("import.not_ours"))
    lines = matter.yaml.split("\n")
    found = next((m for m in map(_MARKER.match, lines) if m), None)
    if found is None or found["source"] != source:
        return Skip(item.id, say("import.not_ours"))
    if found["print"] == fingerprint:
        return "unchanged"
    try:
        front = _yaml().load("\n".join(line for line in lines if not _MARKER.match(line)))
    except YAMLError:
        return Skip(item.id, say("import.unreadable"))
    if not isinstance(front, CommentedMap):
        return Skip(item.id, say("import.unreadable"))
    _apply(front, item, themes, found["themes"])
    path.write_text(_document(marker, front, _body(item)), encoding="utf-8")
    return "updated"


def _apply(front: CommentedMap, item: Item, themes: list[str], ours: str) -> None:
    """The source's fields onto an organiser's front matter, keeping everything else."""
    fields = _front(item)
    for position, key in enumerate(item.kind.owned):
        if key in fields:
            if key in front:
                front[key] = fields[key]
            else:
                front.insert(min(position, len(front)), key, fields[key])
        elif key in front:
            del front[key]
    for key, value in item.added.items():
        if key not in front:
            front[key] = value
    current = [str(theme) for theme in front.get("themes") or []]
    if item.kind.themed and (not current or current == [t for t in ours.split(",") if t]):
        front["themes"] = themes


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


def _dump(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def _document(marker: str, front: CommentedMap, body: str) -> str:
    return f"---\n{marker}\n{_dump(front)}---\n{body}"


class _ThemeBook:
    """process.yml's themes, by id and by title; themes the source names are added to it."""

    def __init__(self, target: Target, say: Wording) -> None:
        self.target = target
        self.say = say
        self.ids = {theme.id for theme in target.data.themes}
        self.by_title = {title_key(theme.title): theme.id for theme in target.data.themes}
        self.added: list[tuple[str, str]] = []

    def resolve(self, names: Iterable[str]) -> list[str]:
        resolved: list[str] = []
        for name in names:
            name = " ".join(name.split())
            if not name:
                continue
            theme = name if name in self.ids else self.by_title.get(title_key(name))
            if theme is None:
                theme = self._add(name)
            if theme and theme not in resolved:
                resolved.append(theme)
        return resolved

    def _add(self, title: str) -> str | None:
        theme = slugify(title)[:120].strip("-")
        if not theme or theme in self.ids:
            # A name whose id is taken (`Stations!` and `stations`) is that theme.
            return theme or None
        self.ids.add(theme)
        self.by_title[title_key(title)] = theme
        self.added.append((theme, title))
        return theme

    def save(self, report: ImportReport, used: set[str]) -> None:
        """Add the new themes that are `used` to process.yml, keeping the organiser's text
        and comments."""
        added = [(theme, title) for theme, title in self.added if theme in used]
        if not added:
            return
        path = self.target.folder / "process.yml"
        yaml = _yaml()
        data = yaml.load(path.read_text(encoding="utf-8"))
        themes = data.get("themes")
        if not isinstance(themes, CommentedSeq):
            themes = CommentedSeq()
            data["themes"] = themes
        for theme, title in added:
            themes.append(CommentedMap([("id", theme), ("title", title)]))
            report.themes_added.append(theme)
        stream = io.StringIO()
        yaml.dump(data, stream)
        path.write_text(stream.getvalue(), encoding="utf-8")


def title_key(title: str) -> str:
    """Titles compared the way a reader would: case, accents, punctuation and spacing aside."""
    return slugify(title)
