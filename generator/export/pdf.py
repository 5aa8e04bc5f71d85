"""HTML to tagged, accessible PDF with WeasyPrint (PDF/UA-1 variant).

`pdf_variant="pdf/ua-1"` makes WeasyPrint write the structure tree (headings, lists, tables
with their header cells, figures with their alternative text), `/MarkInfo`, `/Lang` from
`<html lang>`, the title from `<title>` (in `/Info` and XMP `dc:title`) and a display-title
preference; bookmarks come from the headings (`bookmark-level` in the print stylesheet).

The bytes depend only on the input: the document identifier and dates are given, never drawn
from the clock or a random source, so an unchanged process gives an unchanged file. Nothing is
fetched from the network: the only resources are `data:` URLs and files under the `resources`
folders given, looked up by URL prefix (an image `https://site/tram/plan.png` is read from the
process folder), which keeps links pointing at the online site while images print offline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path


def render_pdf(
    html: str,
    *,
    base_url: str | None = None,
    created: dt.datetime,
    identifier: str,
    resources: Mapping[str, Path] | None = None,
) -> bytes:
    """The PDF of a print HTML document.

    `base_url` resolves relative links and images; `created` is both the creation and the
    modification date (the "today" of the build, not the wall clock); `identifier` seeds the
    PDF's `/ID` (e.g. the process slug and variant); `resources` maps URL prefixes to local
    folders images may be read from.
    """
    # Imported here: WeasyPrint takes a second to import, which only PDFs should cost.
    from .weasy import render

    return render(html, base_url, resources or {}, created, identifier)
