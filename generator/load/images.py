"""Images shown in Markdown texts: where each one leads, and whether it may be shown.

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
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from ..diagnostics import SourceLocation
from ..models import Contribution, Document, Meeting, Minutes
from ..render.markdown import image_sources, url_kind
from .finder import inside_folder, read_text, relative
from .references import Contents
from .report import Report
from .validate import Sourced

RASTER_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})


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


def check_images(
    contents: Contents,
    folder: Path,
    root: Path,
    files: frozenset[str],
    diagnostics: Report,
) -> None:
    """Every image of every Markdown text of the process, reported as the module says."""
    documents = [sourced.item for sourced in contents.documents]
    known = _Known(
        files=files,
        shown=published_images(documents),
        declared=published_images(documents, drafts=True),
    )
    for text in _texts(contents, folder, root, files):
        for line, src in _located(text):
            target = image_target(src, text.folder, folder.name)
            problem = None if target is None else known.problem(target, text.shown)
            if target is None or problem is None:
                continue
            key, is_error = problem
            message = diagnostics.say(
                key, src=_shortened(src), file=relative(folder / target.path, root)
            )
            report = diagnostics.error if is_error else diagnostics.warning
            report(SourceLocation(text.start.path, line), message, diagnostics.say(f"{key}.hint"))


@dataclass(frozen=True)
class _Known:
    files: frozenset[str]
    shown: frozenset[str]
    declared: frozenset[str]
    """Drafts included."""

    def problem(self, target: Target, in_published_text: bool) -> tuple[str, bool] | None:
        """The message key of what is wrong with an image, and whether it is an error."""
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


def _shortened(src: str) -> str:
    # A data: URL can be megabytes long: its start says what it is.
    return src if len(src) <= 80 else src[:77] + "…"


def _texts(contents: Contents, folder: Path, root: Path, files: frozenset[str]) -> Iterator[Text]:
    process = contents.process
    if process is not None:
        for name in ("participate", "charter"):
            value = getattr(process.item, name)
            if value:
                yield Text(value, process.at(name), "", not process.item.draft)
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
            location = sourced.at("answer", "text")
            yield Text(answer.text, location, "contributions/", not sourced.item.data.draft)
    yield from _document_texts(contents.documents, folder, root, files)


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


def _located(text: Text) -> Iterator[tuple[int, str]]:
    """Each image source of the text with its file line: the first line, from the previous
    image's on, where it is written; the text's first line when it is written otherwise
    (escaped, or split over lines)."""
    lines = text.text.split("\n")
    index = 0
    for src in image_sources(text.text):
        found = next((i for i in range(index, len(lines)) if src in lines[i]), None)
        if found is not None:
            index = found
        yield text.start.line + (found if found is not None else 0), src
