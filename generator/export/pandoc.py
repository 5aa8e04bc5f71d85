"""Editable and e-reader versions of a print HTML (ODT, DOCX, EPUB 3), converted by pandoc.

Administrations edit the dossier in a word processor, so headings must become real heading styles
("Heading 1" in DOCX, `text:h` with an outline level in ODT), which pandoc does from <h1>..<h6>.
The bytes depend only on the inputs: pandoc reads SOURCE_DATE_EPOCH for the zip timestamps and
the documents' dates, the EPUB identifier is given (never a random UUID), and pandoc's user data
directory, where a reference.docx could change the styles, is an empty temporary one.

pandoc fetches images, and even the content of <iframe>, from any URL it meets. So the HTML is
first made self-contained (images as data: URIs, frames dropped; a remote resource is an error)
and pandoc runs in an empty directory: it has nothing left to fetch. (`--sandbox` would forbid
fetching outright, but it also makes pandoc ignore SOURCE_DATE_EPOCH and date everything 1970.)

Inline SVG (the QR code) is handed to pandoc as an <img>: pandoc's own reading of <svg> drops
the text alternative and lowercases `viewBox`, which breaks the drawing.

Every heading gets an id before pandoc sees it: pandoc would make one from the heading's text,
which another element may already bear (an EPUB with two equal ids is invalid). The regions
that let a wide table scroll on screen are unwrapped: pandoc drops the caption's id that names
them. A link that leads nowhere from the file (a relative address, made for the site; an anchor
that is not in the page) is left as its text, whose target the print HTML writes out beside
it: a reader could not follow it, and an EPUB with one is invalid. The EPUB is split into
chapters as `greffier.export.ebook` outlines it.
"""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Literal

import lxml.html
import pypandoc
from lxml import etree
from markupsafe import escape

from .ebook import chaptered
from .single_file import self_contained

Format = Literal["odt", "docx", "epub"]
# pandoc's "epub" is EPUB 3; the explicit name keeps it so if pandoc's default ever changes.
_WRITERS: dict[Format, str] = {"odt": "odt", "docx": "docx", "epub": "epub3"}
# Templates write inline SVG as XML; one nested in another simply fails to parse and is left.
_INLINE_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL | re.IGNORECASE)
_SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Chapters are the h1s `chaptered` makes; the navigation lists them and what each holds.
_EPUB_OPTIONS = ("--split-level=1", "--toc-depth=2", "--epub-title-page=false")
_SCROLL_REGION = "table-scroll"
# A scheme (https:, mailto:…) makes an address absolute (RFC 3986, section 3.1).
_ABSOLUTE = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)


class ConversionFailed(RuntimeError):
    """pandoc exited with an error: its message is this exception's."""


def convert_html(
    html: str,
    to: Format,
    *,
    title: str,
    lang: str,
    identifier: str,
    created: dt.datetime,
    resource_path: Path | None = None,
) -> bytes:
    """`html` as an ODT, DOCX or EPUB 3 file's bytes.

    Relative images are read in `resource_path` (none allowed when it is None); `identifier` is
    the EPUB's dc:identifier (e.g. a URN or the dossier's URL); `created` dates the files (a
    naive datetime is taken as UTC). Raises ValueError for a resource that cannot be inlined
    and ConversionFailed if pandoc fails.
    """
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    with tempfile.TemporaryDirectory(prefix="greffier-pandoc-") as empty:
        workdir = Path(empty)
        inlined = self_contained(_svg_as_images(html), base_dir=resource_path or workdir)
        command = [
            pypandoc.get_pandoc_path(),
            "--from=html",
            f"--to={_WRITERS[to]}",
            "--output=-",
            f"--data-dir={workdir}",
            f"--resource-path={workdir}",
            f"--metadata=lang:{lang}",
            f"--metadata=identifier:{identifier}",
            *(_EPUB_OPTIONS if to == "epub" else ()),
        ]
        completed = subprocess.run(
            command,
            input=_prepared(inlined, title, book=to == "epub").encode("utf-8"),
            capture_output=True,
            cwd=workdir,
            env={"SOURCE_DATE_EPOCH": str(int(created.timestamp()))},
            check=False,
        )
    if completed.returncode != 0:
        raise ConversionFailed(completed.stderr.decode("utf-8", "replace").strip())
    return completed.stdout


def _prepared(html: str, title: str, *, book: bool) -> str:
    """The page as pandoc should read it: titled, without scroll regions, outlined in chapters
    for a `book`, every heading with an id of its own, no link that leads nowhere."""
    document = lxml.html.document_fromstring(html)
    _title(document, title)
    for region in document.find_class(_SCROLL_REGION):
        region.drop_tag()
    if book:
        chaptered(document)
    _identify_headings(document)
    _unlink_dangling(document)
    return lxml.html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")


def _title(document: lxml.html.HtmlElement, title: str) -> None:
    """`title` as the page's <title>, which pandoc reads as the document's title.

    Given as `--metadata=title:…` instead, a title such as "True" would be read as a YAML
    boolean and lost.
    """
    for old in document.iter("title"):
        old.drop_tree()
    element = lxml.html.Element("title")
    element.text = title
    head = document.find("head")
    if head is None:
        head = lxml.html.Element("head")
        document.insert(0, head)
    head.append(element)


def _identify_headings(document: lxml.html.HtmlElement) -> None:
    """An id, unused elsewhere in the page, for each heading that has none."""
    taken = set(document.xpath("//@id"))
    numbers = (f"heading-{number}" for number in itertools.count(1))
    for heading in document.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        if not heading.get("id"):
            heading.set("id", next(name for name in numbers if name not in taken))


def _unlink_dangling(document: lxml.html.HtmlElement) -> None:
    """Links that no reader of the file could follow, replaced by their text."""
    ids = set(document.xpath("//@id"))
    for link in list(document.iter("a")):
        href = link.get("href")
        if href is not None and not (
            href[1:] in ids if href.startswith("#") else _ABSOLUTE.match(href)
        ):
            link.drop_tag()


def _svg_as_images(html: str) -> str:
    return _INLINE_SVG.sub(_svg_image, html)


def _svg_image(match: re.Match[str]) -> str:
    """An inline SVG as an <img> of itself, with its label as alternative text and its size."""
    source = match.group(0)
    try:
        svg = etree.fromstring(source)
    except etree.XMLSyntaxError:
        return source  # HTML-style SVG: pandoc's own reading is the best left
    if etree.QName(svg).namespace != _SVG_NAMESPACE:
        return source  # without its namespace it is no SVG file
    hidden = svg.get("aria-hidden") == "true"
    label = "" if hidden else svg.get("aria-label") or svg.findtext(f"{{{_SVG_NAMESPACE}}}title")
    encoded = base64.b64encode(source.encode("utf-8")).decode("ascii")
    size = "".join(
        f' {name}="{escape(svg.get(name))}"' for name in ("width", "height") if svg.get(name)
    )
    return f'<img src="data:image/svg+xml;base64,{encoded}" alt="{escape(label or "")}"{size}>'
