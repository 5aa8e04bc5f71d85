"""The images of a process's texts in its offline files: embedded, or left out.

Print HTML goes to WeasyPrint, to pandoc and into the single-file HTML, and each of them would
fetch an image it meets (pandoc even from the network, and a missing one stops it). So images
are resolved before any of them runs: an image a text shows becomes a `data:` URL of a published
raster image of the process (the rule of `greffier.load.images`, which `greffier check`
reports on), and any other image becomes its text alternative. No renderer is left anything to
fetch, and no file but a published PNG, JPEG, GIF or WebP of the process is ever embedded: the
content is sniffed, so an SVG named `.png` stays out.
"""

from __future__ import annotations

import base64
import re
from html import escape, unescape
from pathlib import Path, PurePosixPath

from markupsafe import Markup

from ..formats.filetypes import SNIFFED_BYTES, image_type
from ..load.finder import refusal
from ..load.images import Where, image_target, published_images
from ..models import Process

# Sanitised HTML quotes every attribute with `"` but leaves `>` unescaped inside one.
_IMAGE = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>', re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')


class ProcessImages:
    """The images a process's offline files may embed, read from its folder on demand."""

    def __init__(self, folder: Path, slug: str, published: frozenset[str]) -> None:
        self.folder = folder
        self.slug = slug
        self.published = published
        self._uris: dict[str, str | None] = {}

    @classmethod
    def of(cls, process: Process, root: Path | None) -> ProcessImages:
        """Those of `process`, in `root`; none without a root."""
        if root is None:
            return cls(Path(), process.slug, frozenset())
        folder = root / PurePosixPath(process.source.path).parent
        return cls(folder, process.slug, published_images(process.documents))

    def data_uri(self, inner: str) -> str | None:
        """The published image at `inner` (a path in the process folder) as a `data:` URL,
        or None when it is not one."""
        if inner not in self._uris:
            self._uris[inner] = self._read(inner) if inner in self.published else None
        return self._uris[inner]

    def _read(self, inner: str) -> str | None:
        path = self.folder / inner
        if refusal(path, self.folder.resolve()) is not None:
            return None  # the loader reported it; a link changed since is not followed either
        data = path.read_bytes()
        media_type = image_type(data[:SNIFFED_BYTES])
        if media_type is None:
            return None
        return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"

    def embed(self, html: Markup, *, base_url: str | None, folder: str) -> Markup:
        """Sanitised HTML of a text shown from `folder` ("minutes/"), whose relative URLs were
        joined to `base_url`, with each image embedded or replaced by its alternative."""
        if "<img" not in html:
            return html
        prefix = base_url.rstrip("/") + "/" if base_url else None

        def resolve(match: re.Match[str]) -> str:
            attributes = {name: unescape(value) for name, value in _ATTRIBUTE.findall(match[0])}
            src = attributes.get("src", "")
            written = src[len(prefix) :] if prefix and src.startswith(prefix) else src
            target = image_target(written, folder, self.slug)
            uri = self.data_uri(target.path) if target and target.where is Where.local else None
            if uri is None:
                return escape(attributes.get("alt", ""), quote=False)
            shown = {**attributes, "src": uri}
            return "<img" + "".join(f' {k}="{escape(v)}"' for k, v in shown.items()) + ">"

        return Markup(_IMAGE.sub(resolve, str(html)))
