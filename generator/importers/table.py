"""Read a CSV export whatever its encoding and delimiter, remembering each row's first line.

Exports are untrusted, and a bad line must never make rows vanish silently: a record whose
quotes do not pair (csv would swallow the rest of the file into one cell), a cell longer than
`MAX_CELL` and a row with more cells than the header are kept aside as `Unreadable`, with
their lines, for the import's report; reading resumes on the next line.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

DELIMITERS = ";,\t|"
_NOT_DELIMITERS = '"\r\n\x00'
MAX_CELL = 10 * 1024 * 1024
"""The longest cell read, in characters: Python's default (128 KiB) would refuse a long
pasted text; a bound still stops a cell that swallowed the file."""
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""UTF-32's little-endian mark starts with UTF-16's: it is looked for first."""
_MIXED = "greffier-cp1252"
_BINARY_SHARE = 0.05
"""Share of control characters above which a file is binary (a spreadsheet, an image)."""
_SAMPLE = 65536
_MEGABYTES = MAX_CELL // (1024 * 1024)


def _cp1252(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="replace"), error.end


codecs.register_error(_MIXED, _cp1252)


class Unusable(Exception):
    """The data is no table at all (empty, binary): a wording key and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Row:
    line: int
    """File line the row starts on: a multi-line cell makes rows and lines differ."""
    number: int
    """1-based data row number, the header excluded, as a spreadsheet shows it minus one."""
    cells: dict[str, str]


@dataclass(frozen=True)
class Unreadable:
    """Lines that could not be read as a row: reported by the importer, never imported."""

    line: int
    number: int
    reason: str
    """A wording key; `values` fills it."""
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    encoding: str
    delimiter: str
    unreadable: tuple[Unreadable, ...] = ()


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text and the encoding it was read with: the one given, else detected.

    A byte-order mark says UTF-8, UTF-16 or UTF-32; UTF-16 is also recognised without one.
    Otherwise UTF-8, where each byte that is not UTF-8 is read as Windows' cp1252: a pure
    cp1252 (or Latin-1) export and a file whose lines were pasted from both come out right.
    """
    if encoding:
        return data.decode(encoding), encoding
    for mark, name in _BOMS:
        if data.startswith(mark):
            return data.decode(name, errors="replace"), name
    utf16 = _utf16_without_mark(data[:_SAMPLE])
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors=_MIXED), "utf-8/cp1252"


def _utf16_without_mark(head: bytes) -> str | None:
    """UTF-16 of mostly Latin text has a NUL in every other byte."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    for offset, name in ((1, "utf-16-le"), (0, "utf-16-be")):
        if head[offset::2].count(0) > 0.9 * pairs and head[1 - offset :: 2].count(0) == 0:
            return name
    return None


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line; `;` (Decidim's, and French spreadsheets') by default."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ";"


def read_table(data: bytes, *, encoding: str | None = None, delimiter: str | None = None) -> Table:
    """Every row of a CSV file; quoted cells may span lines, line ends may be CRLF or LF.

    Raises `Unusable` for a file without a header or with binary data, or a delimiter csv
    cannot use; `UnicodeDecodeError` or `LookupError` when the given encoding does not fit.
    """
    if delimiter is not None and (len(delimiter) != 1 or delimiter in _NOT_DELIMITERS):
        raise Unusable("import.table.delimiter", delimiter=delimiter)
    text, used = decode(data, encoding)
    refuse_binary(text)
    # NUL is never text: a stray one (a broken export) would only end up in a written file.
    text = text.replace("\x00", "")
    separator = delimiter or sniff_delimiter(text)
    records = _records(list(io.StringIO(text, newline="")), separator)
    first = next(records, None)
    if isinstance(first, Unreadable):
        raise Unusable(first.reason, **first.values)
    if first is None or not any(cell.strip() for cell in first[1]):
        raise Unusable("import.table.empty")
    header = tuple(cell.replace("\ufeff", "").strip() for cell in first[1])
    rows: list[Row] = []
    unreadable: list[Unreadable] = []
    for record in records:
        number = len(rows) + len(unreadable) + 1
        if isinstance(record, Unreadable):
            unreadable.append(replace(record, number=number))
            continue
        line, cells = record
        if any(cell.strip() for cell in cells[len(header) :]):
            values = {"cells": len(cells), "columns": len(header)}
            unreadable.append(Unreadable(line, number, "import.table.columns", values))
        elif any(cell.strip() for cell in cells):
            padded = cells + [""] * (len(header) - len(cells))
            rows.append(Row(line, number, dict(zip(header, padded, strict=False))))
    return Table(header, tuple(rows), used, separator, tuple(unreadable))


def refuse_binary(text: str) -> None:
    """Raise `Unusable` when the text looks like binary data: more than one character in
    twenty is a control character, where text has almost none."""
    sample = text[:_SAMPLE]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r")
    if controls > _BINARY_SHARE * len(sample):
        raise Unusable("import.table.binary")


def _records(lines: list[str], delimiter: str) -> Iterator[tuple[int, list[str]] | Unreadable]:
    """Each record with its first line, or what kept it from being read.

    The reader is strict, so that a quote that does not pair is an error instead of a cell
    that runs on to the next stray quote; reading then starts again on the line after the
    record's first, where the rows the quote swallowed begin.
    """
    csv.field_size_limit(MAX_CELL)
    start = 0
    while start < len(lines):
        reader = csv.reader(
            (lines[index] for index in range(start, len(lines))), delimiter=delimiter, strict=True
        )
        first = start
        try:
            for cells in reader:
                yield first + 1, cells
                first = start + reader.line_num
            return
        except csv.Error as error:
            end = start + reader.line_num
            if str(error).startswith("field larger"):
                yield Unreadable(first + 1, 0, "import.table.too_long", {"limit": _MEGABYTES})
                start = end
            else:
                yield Unreadable(
                    first + 1, 0, "import.table.quote", {"line": first + 1, "end": end}
                )
                start = first + 1
