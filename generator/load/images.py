"""Images and links in Markdown texts: where each one leads, and whether it may be shown.

A relative image (`![plan](../documents/plan.png)`, a raw `<img src>`) starts from the folder of
the page showing the text, as on the site: `minutes/` for minutes, `contributions/` for a
contribution and its answer, `documents/` for a Markdown document, the process folder itself for
process.yml, index.md and outcome.md; `/<slug>/…` starts from the process folder. An image is
shown only when it is a published raster image (PNG, JPEG, GIF, WebP) declared in documents.yml:
the site publishes nothing else, and offline files embed nothing else.

`greffier check` reports every other image at its line: one leading out of the process folder
or into a hidden name (`../../.git/config`) is an error; a missing or undeclared file, a draft
image in a published text, a remote or `data:` image are warnings, and those images are left out
of the offline files (a remote image is a link on the site, a request to nobody).

Links start from the same folders. A link is fine when it leads to an `http(s):`, `mailto:` or
`tel:` address, to a part of the page (`#vote`) or to an existing file of the process; any other
is a warning at its line, since the site would publish it broken (a mistyped path, a sentence
that a converter turned into a relative link) or not as a link at all (`javascript:`, `ftp:`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from ..diagnostics import Report, SourceLocation
from ..formats.markdown import LinkTarget, link_targets, url_kind
from ..models import Contribution, Document, Meeting, Minutes
from .finder import inside_folder, read_text, relative
from .references import Contents
from .validate import Sourced

RASTER_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
LINK_SCHEMES = frozenset({"mailto", "tel"})
"""Schemes of links that leave the site without being web addresses, and are published."""


class Where(StrEnum):
    local = "local"
    outside = "outside"
    remote = "remote"
    elsewhere = "elsewhere"
    """Another scheme: `data:`, `file:`, `javascript:`…"""


class Target(NamedTuple):
    where: Where
    path: str = ""
    """For a local image, its path in the process folder."""


def image_target(src: str, folder: str, slug: str) -> Target | None:
    """Where the image `src`, written in a text shown from `folder` (a folder of the process,
    "" or "minutes/"), leads; None for a reference to the page itself (`#part`)."""
    kind = url_kind(src)
    if kind == "external":
        return Target(Where.remote)
    if kind == "other":
        return Target(Where.elsewhere)
    written = unquote(urlsplit(src.strip()).path)
    if not written:
        return None
    if written.startswith("/"):
        site_path = posixpath.normpath(written)
        if not site_path.startswith(f"/{slug}/"):
            return Target(Where.outside)
        written = site_path.removeprefix(f"/{slug}/")
        folder = ""
    inner = inside_folder(posixpath.join(folder, written))
    return Target(Where.outside) if inner is None else Target(Where.local, inner)


def published_images(documents: Sequence[Document], drafts: bool = False) -> frozenset[str]:
    """The paths of the raster images among published documents and their alternatives."""
    return frozenset(
        inner
        for document in documents
        if drafts or not document.data.draft
        for file in (document.data.file, *(a.file for a in document.data.alternatives))
        if (inner := inside_folder(file)) is not None
        and PurePosixPath(inner).suffix.lower() in RASTER_SUFFIXES
    )


@dataclass(frozen=True)
class Text:
    """A Markdown text of the process, where it starts and where its images start from."""

    text: str
    start: SourceLocation
    folder: str
    shown: bool
    """Whether it is published: a draft text may still show a draft image."""
    yaml_lines: Sequence[str] = ()
    """The lines of the YAML file holding the text, when it is a value there: folding
    (`text: >`) joins lines, so the text's own lines only say from where to look in the file."""

    def line_of(self, found: LinkTarget) -> int:
        """The file line of a target the text holds on its line `found.line`."""
        lower = self.start.line + found.line
        return next(
            (
                n
                for n in range(lower, len(self.yaml_lines) + 1)
                if found.url in self.yaml_lines[n - 1]
            ),
            lower,
        )


def check_images(
    contents: Contents,
    folder: Path,
    root: Path,
    files: frozenset[str],
    diagnostics: Report,
) -> None:
    """Every image and link of every Markdown text of the process, reported as the module says."""
    documents = [sourced.item for sourced in contents.documents]
    known = _Known(
        files=files,
        shown=published_images(documents),
        declared=published_images(documents, drafts=True),
    )
    for text in _texts(contents, folder, root, files):
        if "[" not in text.text and "<" not in text.text:
            continue  # most texts: only autolinks, which lead to web or e-mail addresses
        for found in link_targets(text.text):
            where = image_target(found.url, text.folder, folder.name)
            if where is None:
                continue
            problem = known.problem(found, where, text.shown)
            if problem is None:
                continue
            key, is_error = problem
            message = diagnostics.say(
                key, src=_shortened(found.url), file=relative(folder / where.path, root)
            )
            report = diagnostics.error if is_error else diagnostics.warning
            location = SourceLocation(text.start.path, text.line_of(found))
            report(location, message, diagnostics.say(f"{key}.hint"))


@dataclass(frozen=True)
class _Known:
    files: frozenset[str]
    shown: frozenset[str]
    declared: frozenset[str]
    """Drafts included."""

    def problem(
        self, found: LinkTarget, target: Target, in_published_text: bool
    ) -> tuple[str, bool] | None:
        """The message key of what is wrong with an image or a link, and whether it is an
        error."""
        if found.image:
            return self._image_problem(target, in_published_text)
        return self._link_problem(target, found.url)

    def _image_problem(self, target: Target, in_published_text: bool) -> tuple[str, bool] | None:
        if target.where is Where.outside:
            return "image.outside", True
        if target.where is not Where.local:
            return "image.dropped", False
        if target.path in self.shown:
            return None
        if target.path in self.declared:
            # A draft text may show a draft image: both are published together.
            return ("image.draft", False) if in_published_text else None
        return ("image.undeclared" if target.path in self.files else "image.missing"), False

    def _link_problem(self, target: Target, url: str) -> tuple[str, bool] | None:
        # Never an error: a link shows no file, so nothing leaks.
        if target.where is Where.remote or target.path in self.files:
            return None
        if target.where is Where.elsewhere:
            return None if _scheme(url) in LINK_SCHEMES else ("link.scheme", False)
        return ("link.outside" if target.where is Where.outside else "link.missing"), False


def _scheme(url: str) -> str:
    return urlsplit(url.strip()).scheme.lower()


def _shortened(src: str) -> str:
    # A data: URL can be megabytes long: its start says what it is.
    return src if len(src) <= 80 else src[:77] + "…"


def _texts(contents: Contents, folder: Path, root: Path, files: frozenset[str]) -> Iterator[Text]:
    process = contents.process
    if process is not None:
        written = (read_text(folder / "process.yml", root, Report()) or "").split("\n")
        for name in ("participate", "charter"):
            value = getattr(process.item, name)
            if value:
                start = _value_start(process.at(name), value, written)
                yield Text(value, start, "", not process.item.draft, written)
    for name in ("index.md", "outcome.md"):
        if name in files:
            text = read_text(folder / name, root, Report())
            if text:
                yield Text(text, SourceLocation(relative(folder / name, root)), "", True)
    for kind, items in (
        ("meetings/", contents.meetings),
        ("minutes/", contents.minutes),
        ("contributions/", contents.contributions),
    ):
        for item in items:
            yield _body(item, kind)
    for sourced in contents.contributions:
        answer = sourced.item.data.answer
        if answer is not None:
            written = sourced.source.text.split("\n")
            location = _value_start(sourced.at("answer", "text"), answer.text, written)
            shown = not sourced.item.data.draft
            yield Text(answer.text, location, "contributions/", shown, written)
    yield from _document_texts(contents.documents, folder, root, files)


def _value_start(key: SourceLocation, value: str, lines: Sequence[str]) -> SourceLocation:
    """Where a YAML text starts: on its key's line when written there, on the next one when it
    is a block (`text: |`)."""
    first = value.lstrip().split("\n", 1)[0].strip()
    key_line = lines[key.line - 1] if 0 < key.line <= len(lines) else ""
    return key if first and first in key_line else SourceLocation(key.path, key.line + 1)


def _body(item: Sourced[Meeting] | Sourced[Minutes] | Sourced[Contribution], kind: str) -> Text:
    source = item.source
    body = source.body or ""
    # The body is the end of the file: the lines before it are the front matter.
    first = source.text[: len(source.text) - len(body)].count("\n") + 1
    return Text(body, SourceLocation(source.path, first), kind, not item.item.data.draft)


def _document_texts(
    documents: Sequence[Sourced[Document]], folder: Path, root: Path, files: frozenset[str]
) -> Iterator[Text]:
    for sourced in documents:
        document = sourced.item
        shown = not document.data.draft
        if document.body:
            start = SourceLocation(relative(folder / document.data.file, root))
            yield Text(document.body, start, "documents/", shown)
        for alternative in document.data.alternatives:
            inner = inside_folder(alternative.file)
            if inner in files and PurePosixPath(alternative.file).suffix == ".md":
                text = read_text(folder / inner, root, Report())
                start = SourceLocation(relative(folder / inner, root))
                if text:
                    yield Text(text, start, "documents/", shown)
