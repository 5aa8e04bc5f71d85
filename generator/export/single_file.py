"""One HTML file that reads offline: no JavaScript, no request to anything but its own bytes.

Someone gets the dossier on a USB stick or as an e-mail attachment and opens it without a
network: stylesheets become <style> elements, images and the files CSS points to (fonts,
backgrounds) become data: URIs, scripts, frames and resource hints go. Hyperlinks stay, since
following one is the reader's choice. A resource that cannot be inlined (a remote image, a
missing file) is an error rather than a silent hole in the page.

Relative references are resolved inside `base_dir` and must stay there, out of hidden names:
user content may name any relative path, and `../../secret` or `.git/config` must not end up
inlined in a published file. `file:` URLs, which only templates write (the Markdown sanitiser
lets through http(s), mailto and relative references), may point anywhere.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import lxml.html
from lxml import etree

from ..load.finder import stays_inside

# Elements whose only purpose is to run code or show another document; <base> would redirect
# the hyperlinks that stay. <object> and <applet> go but keep their fallback content, which is
# what a reader without the plugin was meant to see.
_DROPPED_ELEMENTS = ("script", "iframe", "frame", "frameset", "embed", "base")
_UNWRAPPED_ELEMENTS = ("object", "applet")
# <link> relations that make the browser fetch something ahead of time, never needed to read.
_RESOURCE_HINTS = frozenset(
    {"preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "prerender", "manifest"}
)
# <link> relations the browser loads for display (a favicon): inlined like images.
_ICON_RELATIONS = frozenset({"icon", "shortcut", "apple-touch-icon", "mask-icon"})
# Attributes naming a resource the browser loads by itself, on any element that has them.
_RESOURCE_ATTRIBUTES = ("src", "poster")
# The HTML parser keeps the prefix in the name: xlink:href, not {namespace}href.
_HREF_ATTRIBUTES = ("href", "xlink:href")
# In SVG, href on these elements loads a resource; elsewhere href is a hyperlink.
_SVG_RESOURCE_ELEMENTS = frozenset({"image", "use", "feimage"})
# Python's built-in table lacks web fonts and WebP; the system's table would make output vary.
_MEDIA_TYPES = {
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".webp": "image/webp",
}
_BUILT_IN_TYPES = mimetypes.MimeTypes()
_ENCODING_DECLARATION = (
    "//meta[@charset]"
    " | //meta[translate(@http-equiv, 'CONTENT-TYPE', 'content-type') = 'content-type']"
)
# url(...) in CSS, quoted or not, and @import "..." written without url().
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT_STRING = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def self_contained(html: str, *, base_dir: Path) -> str:
    """`html` with every resource it loads inlined; relative references are read in `base_dir`.

    Raises ValueError naming the reference when one cannot be inlined: a remote or
    protocol-relative URL, a missing file, or a path leading out of `base_dir`.
    """
    document = lxml.html.document_fromstring(html)
    inliner = _Inliner(base_dir.resolve())
    for element in list(document.iter(*_DROPPED_ELEMENTS)):
        element.drop_tree()
    for element in list(document.iter(*_UNWRAPPED_ELEMENTS)):
        element.drop_tag()
    for link in list(document.iter("link")):
        inliner.link(link)
    for element in document.iter(etree.Element):
        _drop_event_handlers(element)
        inliner.element(element)
    _declare_encoding(document)
    return lxml.html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")


class _Inliner:
    def __init__(self, base_dir: Path) -> None:
        self.base_dir = base_dir

    def link(self, link: lxml.html.HtmlElement) -> None:
        relations = frozenset((link.get("rel") or "").lower().split())
        if relations & _RESOURCE_HINTS:
            link.drop_tree()
        elif "stylesheet" in relations:
            path = self.resolve(link.get("href") or "", self.base_dir)
            style = lxml.html.Element("style")
            style.text = self.css(path.read_text(encoding="utf-8"), path.parent)
            if link.get("media"):
                style.set("media", link.get("media") or "")
            link.getparent().replace(link, style)
        elif relations & _ICON_RELATIONS:
            link.set("href", self.data_uri(link.get("href") or "", self.base_dir))

    def element(self, element: etree._Element) -> None:
        tag = etree.QName(element).localname.lower()
        if tag == "style":
            element.text = self.css(element.text or "", self.base_dir)
        if element.get("style"):
            element.set("style", self.css(element.get("style") or "", self.base_dir))
        for attribute in _RESOURCE_ATTRIBUTES:
            if element.get(attribute) is not None:
                element.set(attribute, self.data_uri(element.get(attribute) or "", self.base_dir))
        if element.get("srcset") is not None:
            # The src is the fallback every browser shows; inlining each candidate would
            # multiply the file's size for a sharper picture.
            del element.attrib["srcset"]
            element.attrib.pop("sizes", None)
        if tag in _SVG_RESOURCE_ELEMENTS:
            for attribute in _HREF_ATTRIBUTES:
                if element.get(attribute) is not None:
                    element.set(
                        attribute, self.data_uri(element.get(attribute) or "", self.base_dir)
                    )

    def css(self, css: str, base: Path) -> str:
        """The stylesheet with every url() and @import turned into a data: URI."""

        def inline(match: re.Match[str]) -> str:
            reference = next(group for group in match.groups() if group is not None)
            return f'url("{self.data_uri(reference, base)}")'

        css = _CSS_IMPORT_STRING.sub(lambda m: "@import " + inline(m), css)
        return _CSS_URL.sub(inline, css)

    def data_uri(self, reference: str, base: Path) -> str:
        reference = reference.strip()
        if not reference or reference.startswith(("data:", "#")):
            return reference  # already inline, or a fragment of this very document
        path = self.resolve(reference, base)
        if path.suffix.lower() == ".css":
            # An imported stylesheet: its own references are relative to it.
            content = self.css(path.read_text(encoding="utf-8"), path.parent).encode()
        else:
            content = path.read_bytes()
        encoded = base64.b64encode(content).decode("ascii")
        return f"data:{_media_type(path)};base64,{encoded}"

    def resolve(self, reference: str, base: Path) -> Path:
        """The local file a reference names, or ValueError if it is not a file we may inline."""
        parts = urlsplit(reference)
        if parts.scheme == "file":
            path = Path(url2pathname(parts.path))
        elif parts.scheme or parts.netloc:
            raise ValueError(f"cannot inline the external resource {reference!r}")
        else:
            written = unquote(parts.path)
            path = (
                (self.base_dir / written.lstrip("/")) if written.startswith("/") else base / written
            )
            # Hidden names too: a `.git` folder holds a CI checkout's token, never content.
            if not stays_inside(path, self.base_dir):
                raise ValueError(f"{reference!r} leads outside {self.base_dir}")
            path = path.resolve()
        if not path.is_file():
            raise ValueError(f"cannot inline {reference!r}: no such file {path}")
        return path


def _media_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return (
        _MEDIA_TYPES.get(suffix)
        or _BUILT_IN_TYPES.guess_type(path.name)[0]
        or ("application/octet-stream")
    )


def _drop_event_handlers(element: etree._Element) -> None:
    for name in [name for name in element.attrib if str(name).lower().startswith("on")]:
        del element.attrib[name]
    href = element.get("href")
    if href is not None and href.strip().lower().startswith("javascript:"):
        del element.attrib["href"]


def _declare_encoding(document: lxml.html.HtmlElement) -> None:
    """A file opened from a disk has no HTTP header telling its encoding: the page says it."""
    if document.xpath(_ENCODING_DECLARATION):
        return
    head = document.find("head")
    if head is None:
        head = lxml.html.Element("head")
        document.insert(0, head)
    head.insert(0, lxml.html.Element("meta", charset="utf-8"))
