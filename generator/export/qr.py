"""QR codes for printed pages: an inline SVG that prints sharp at any size and needs no file.

The SVG has no width or height, only a viewBox, so the print stylesheet decides its size; it
carries role="img" and an accessible name giving the URL, because a tagged PDF reader (or a
screen reader on the HTML) must be able to say where the code leads.
"""

from __future__ import annotations

import io

import segno
from markupsafe import Markup, escape

# Medium error correction survives a creased or stained notice without making the code dense.
_ERROR_CORRECTION = "m"


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code encoding `url`, named by it for assistive technologies."""
    code = segno.make(url, error=_ERROR_CORRECTION, micro=False)
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        omitsize=True,
        svgclass="qr-code",
        lineclass=None,
        title=url,
    )
    svg = buffer.getvalue().decode("ascii")
    # segno writes no ARIA attributes: add them on the root element it produced.
    root = '<svg xmlns="http://www.w3.org/2000/svg"'
    if not svg.startswith(root):
        raise RuntimeError(f"unexpected SVG from segno: {svg[:60]!r}")
    named = f'{root} role="img" aria-label="{escape(url)}"'
    return Markup(named + svg[len(root) :])
