"""Read a CSV export whatever its encoding and delimiter, remembering each row's first line."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

DELIMITERS = ";,\t|"
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
"""Tried in this order: UTF-8 (with or without BOM), then the two encodings of Windows exports."""


@dataclass(frozen=True)
class Row:
    line: int
    """File line the row starts on: a multi-line cell makes rows and lines differ."""
    number: int
    """1-based data row number, the header excluded, as a spreadsheet shows it minus one."""
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    encoding: str
    delimiter: str


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text and the encoding it was read with: the one given, else the first that fits."""
    for candidate in (encoding,) if encoding else ENCODINGS:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            if encoding:
                raise
    raise AssertionError("latin-1 decodes every byte")


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line; `;` (Decidim's, and French spreadsheets') by default."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ";"


def read_table(data: bytes, *, encoding: str | None = None, delimiter: str | None = None) -> Table:
    """Every row of a CSV file; quoted cells may span lines, line ends may be CRLF or LF."""
    text, used = decode(data, encoding)
    separator = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header = tuple(cell.strip() for cell in next(reader, []))
    rows: list[Row] = []
    line = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            padded = cells + [""] * (len(header) - len(cells))
            rows.append(Row(line, len(rows) + 1, dict(zip(header, padded, strict=False))))
        line = reader.line_num + 1
    return Table(header, tuple(rows), used, separator)
