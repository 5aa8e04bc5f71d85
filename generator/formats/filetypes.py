"""Which file formats the site publishes, judged by name and by content.

A published file is served from the site's own origin: an SVG, HTML or XML file opened from
there runs its scripts with the site's cookies and address, so it is as dangerous as a script
the organisers wrote. Greffier publishes an allow-list of formats that cannot run anything in a
browser; a name outside it is refused, and so is a file whose first bytes are markup, whatever
its name says (browsers sniff content; a `.png` that is really an SVG is an SVG). Markdown is
not served as it is: it becomes a page, through the sanitiser.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import NamedTuple

SNIFFED_BYTES = 1024
"""How much of a file's start `active_format` and `image_type` need."""

PUBLISHED_SUFFIXES = frozenset(
    {
        # documents
        ".pdf",
        ".odt",
        ".ods",
        ".odp",
        ".odg",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".rtf",
        ".epub",
        # data and text
        ".csv",
        ".tsv",
        ".txt",
        ".json",
        ".geojson",
        ".ics",
        ".md",
        # images
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        # sound and video
        ".mp3",
        ".ogg",
        ".oga",
        ".opus",
        ".wav",
        ".m4a",
        ".mp4",
        ".m4v",
        ".webm",
        ".ogv",
        # archives
        ".zip",
    }
)

_ACTIVE_SUFFIXES = {
    ".svg": "SVG",
    ".svgz": "SVG",
    ".html": "HTML",
    ".htm": "HTML",
    ".shtml": "HTML",
    ".xhtml": "XHTML",
    ".xht": "XHTML",
    ".mht": "MHTML",
    ".mhtml": "MHTML",
    ".xml": "XML",
    ".xsl": "XML",
    ".xslt": "XML",
    ".js": "JavaScript",
    ".mjs": "JavaScript",
    ".swf": "Flash",
}

# The WHATWG MIME sniffing standard's markers of HTML ("identifying a resource with an unknown
# MIME type"), each followed by a space or `>`; plus SVG and XML, which browsers render too.
_HTML_TAGS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<script",
    b"<iframe",
    b"<h1",
    b"<div",
    b"<font",
    b"<table",
    b"<a",
    b"<style",
    b"<title",
    b"<b",
    b"<body",
    b"<br",
    b"<p",
    b"<!--",
)
_TAG_ENDS = b" \t\n\x0c\r>"
_WHITESPACE = b" \t\n\x0c\r"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


class Refused(NamedTuple):
    """Why a file is not published: a message key and what fills it."""

    key: str
    format: str


def refused_format(name: str, head: bytes) -> Refused | None:
    """Why the file `name`, starting with `head`, must not be published; None if it may be."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _ACTIVE_SUFFIXES:
        return Refused("document.active", _ACTIVE_SUFFIXES[suffix])
    if suffix not in PUBLISHED_SUFFIXES:
        return Refused("document.format", suffix or name)
    if suffix != ".md" and (sniffed := active_format(head)) is not None:
        return Refused("document.active", sniffed)
    return None


def active_format(head: bytes) -> str | None:
    """The name of the scriptable format (HTML, SVG, XML) that bytes starting a file are
    written in, or None."""
    text = _decoded_start(head)
    if not text.startswith(b"<"):
        return None
    if b"<svg" in text:  # after an XML declaration or a comment, too
        return "SVG"
    if text.startswith(b"<?xml"):
        return "XML"
    for tag in _HTML_TAGS:
        if text.startswith(tag) and text[len(tag) : len(tag) + 1] in (b"", *_split(_TAG_ENDS)):
            return "HTML"
    return None


def _decoded_start(head: bytes) -> bytes:
    """The start of a file as lower-case ASCII-ish bytes, UTF-16 undone, leading space gone."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8", "ignore")
    for bom in _BOMS:
        head = head.removeprefix(bom)
    return head.lstrip(_WHITESPACE).lower()


def _split(characters: bytes) -> tuple[bytes, ...]:
    return tuple(bytes([character]) for character in characters)


def image_type(head: bytes) -> str | None:
    """The media type of a raster image (PNG, JPEG, GIF, WebP) by its signature, or None: what
    may be embedded in a page or an offline file as an image, since it cannot hold a script."""
    for signature, media_type in _IMAGE_SIGNATURES:
        if head.startswith(signature):
            return media_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None
