"""QR codes: an inline SVG, named for assistive technologies, that a scanner reads back."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from greffier.export.pdf import render_pdf
from greffier.export.qr import qr_svg

URL = "https://concertation.example.org/tram/meetings/2026-12-03-reunion/?x=1&y=2"


def test_svg_is_named_by_its_url_and_sized_by_css() -> None:
    svg = str(qr_svg(URL))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="')
    assert (
        'aria-label="https://concertation.example.org/tram/meetings/2026-12-03-reunion/?x=1&amp;y=2"'
        in svg
    )
    assert "<title>https://concertation.example.org/tram" in svg
    assert "viewBox=" in svg
    assert " width=" not in svg.split(">")[0]


def test_printed_code_decodes_to_the_url(tmp_path: Path) -> None:
    html = (
        '<!DOCTYPE html><html lang="en"><head><title>QR</title>'
        "<style>svg { width: 40mm; height: 40mm; }</style></head>"
        f"<body><p>Scan me</p>{qr_svg(URL)}</body></html>"
    )
    created = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    (tmp_path / "qr.pdf").write_bytes(render_pdf(html, created=created, identifier="qr-test"))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", "qr.pdf", "qr"], cwd=tmp_path, check=True
    )
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", "qr.png"], cwd=tmp_path, capture_output=True, text=True
    )
    assert decoded.stdout.strip() == URL
