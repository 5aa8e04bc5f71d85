"""The process dossier and per-item PDFs: real WeasyPrint output read back with pdftotext,
pikepdf and pdftoppm. Each PDF is rendered once per module; the expected words come from the
example corpus itself, never from the output."""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import re
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pydyf
import pytest
from site_builds import REFERENCE_DAY

from greffier.export.dossier import (
    Change,
    document_html,
    dossier_html,
    minutes_html,
    pdf_resources,
)
from greffier.export.pdf import render_pdf
from greffier.export.templates import printed_links
from greffier.export.weasy import LocalFetcher
from greffier.formats.markdown import render_markdown
from greffier.i18n.translator import Translator
from greffier.load import load_corpus
from greffier.models import Process
from greffier.present.readmodel import ProcessView

ROOT = Path(__file__).resolve().parent.parent
SLUG = "tramway-ligne-b"
SITE = "https://concertation.example.org"
LAST_CHANGE = Change("1a2b3c4", dt.datetime(2026, 11, 23, 17, 5, tzinfo=dt.UTC))
A4 = (595.276, 841.89)
PX_TO_PT = 0.75


@pytest.fixture(scope="module")
def process() -> Process:
    corpus, _ = load_corpus(ROOT, reference=REFERENCE_DAY)
    return corpus.process(SLUG)


def _dossier(process: Process, language: str, *, large: bool = False) -> bytes:
    html = dossier_html(
        process,
        root=ROOT,
        translator=Translator(language),
        site_url=SITE,
        last_change=LAST_CHANGE,
        today=REFERENCE_DAY,
        large_print=large,
    )
    return render_pdf(
        html,
        base_url=SITE + "/",
        created=REFERENCE_DAY,
        identifier=f"{SLUG}-{language}-{large}",
        resources=pdf_resources(process, ROOT, SITE),
    )


@pytest.fixture(scope="module")
def dossier_fr(process: Process, tmp_path_factory: pytest.TempPathFactory) -> Path:
    start = time.perf_counter()
    data = _dossier(process, "fr")
    print(f"FR dossier: {time.perf_counter() - start:.1f} s, {len(data)} bytes")
    path = tmp_path_factory.mktemp("pdf") / "dossier-fr.pdf"
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def dossier_large(process: Process, tmp_path_factory: pytest.TempPathFactory) -> Path:
    start = time.perf_counter()
    data = _dossier(process, "fr", large=True)
    print(f"FR large-print dossier: {time.perf_counter() - start:.1f} s, {len(data)} bytes")
    path = tmp_path_factory.mktemp("pdf") / "dossier-fr-large.pdf"
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def dossier_en(process: Process, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "dossier-en.pdf"
    path.write_bytes(_dossier(process, "en"))
    return path


def pdf_text(path: Path) -> str:
    """The PDF's text with whitespace normalised (lines wrap anywhere)."""
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(raw.split())


def words(markdown: str, count: int = 7) -> str:
    """The first words of a text's first plain paragraph line, emphasis marks removed: they
    print as written (no link, table or list syntax in them)."""
    for line in markdown.splitlines():
        line = line.strip().replace("*", "")
        if line and line[0].isalpha() and not re.search(r"[_\[\]|<>`#]", line):
            return " ".join(line.split()[:count])
    raise AssertionError(f"no plain line in {markdown[:80]!r}")


def structure(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element, depth first (document order)."""
    root = pdf.Root.StructTreeRoot
    assert isinstance(root, pikepdf.Dictionary)
    stack = [root]
    while stack:
        node = stack.pop()
        if "/S" in node:
            yield node
        kids = node.get("/K")
        children = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        stack.extend(reversed([k for k in children if isinstance(k, pikepdf.Dictionary)]))


def font_sizes(pdf: pikepdf.Pdf, pages: range) -> Counter[float]:
    """Bytes of shown text by font size in points: `Tf` sizes scaled by the page's first `cm`
    (WeasyPrint draws in CSS pixels and scales them to PDF points once per page)."""
    sizes: Counter[float] = Counter()
    for index in pages:
        scale: float | None = None
        size = 0.0
        for instruction in pikepdf.parse_content_stream(pdf.pages[index]):
            if not isinstance(instruction, pikepdf.ContentStreamInstruction):
                continue
            name, operands = str(instruction.operator), instruction.operands
            if name == "cm" and scale is None:
                scale = float(operands[0])
            elif name == "Tf":
                size = round(float(operands[1]) * (scale or 1.0), 1)
            elif name == "Tj":
                sizes[size] += len(bytes(operands[0]))
            elif name == "TJ":
                shown = [bytes(part) for part in operands[0] if isinstance(part, pikepdf.String)]
                sizes[size] += sum(map(len, shown))
    return sizes


# ---------------------------------------------------------------------------- contents


def test_dossier_prints_minutes_answers_and_checksums(process: Process, dossier_fr: Path) -> None:
    text = pdf_text(dossier_fr)
    view = ProcessView(process, REFERENCE_DAY, "fr")
    assert view.minutes and all(words(m.body) in text for m in view.minutes)
    answers = [c.data.answer.text for c in view.contributions if c.data.answer]
    assert answers and all(words(answer) in text for answer in answers)
    packed = "".join(text.split())
    checksums = [d.sha256 for d in view.documents if d.sha256]
    assert checksums and all(checksum in packed for checksum in checksums)
    for meeting in view.meetings:
        assert meeting.data.title in text


def test_dossier_never_prints_withdrawn_moderated_or_draft_texts(
    process: Process, dossier_fr: Path
) -> None:
    text = pdf_text(dossier_fr)
    hidden = [
        c for c in process.contributions if c.data.withdrawn or c.data.moderation or c.data.draft
    ]
    assert {bool(c.data.withdrawn) for c in hidden} == {True, False}
    for contribution in hidden:
        assert words(contribution.body.replace("[", ""), 5) not in text, contribution.id
    # The notices themselves are printed, so a reader knows the contribution existed.
    assert "Retirée par son auteur" in text and "Masquée par la modération" in text


def test_dossier_cover_says_status_provenance_and_generation_day(dossier_fr: Path) -> None:
    text = pdf_text(dossier_fr)
    tr = Translator("fr")
    assert tr.text("dossier.status", date=tr.date(REFERENCE_DAY.date()), status="En cours") in text
    assert (
        tr.text(
            "print.last_change", commit=LAST_CHANGE.short_id, date=tr.date(LAST_CHANGE.date.date())
        )
        in text
    )
    assert tr.text("dossier.generated", date=tr.date(REFERENCE_DAY.date())) in text


def test_dossier_qr_code_decodes_to_the_online_page(dossier_fr: Path, tmp_path: Path) -> None:
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(dossier_fr),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    (image,) = tmp_path.glob("p*.png")
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True
    ).stdout.split()
    assert decoded == [f"{SITE}/{SLUG}/"]


# ---------------------------------------------------------------------------- structure


def test_dossier_is_tagged_with_language_title_and_a4_pages(dossier_fr: Path) -> None:
    with pikepdf.open(dossier_fr) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert str(pdf.Root.Lang) == "fr"
        title = str(pdf.docinfo["/Title"])
        assert title.startswith("Tramway ligne B")
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == title
        for page in pdf.pages:
            assert [round(float(v), 1) for v in page.MediaBox[2:]] == [round(v, 1) for v in A4]
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(dossier_fr), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"page 2 sur \d+", text)
    assert title.split(" – dossier")[0].split(" – ")[0] in text  # running header


def test_dossier_outline_lists_the_sections_in_order(dossier_fr: Path) -> None:
    tr = Translator("fr")
    expected = [
        tr.text(key)
        for key in (
            "dossier.toc",
            "section.overview",
            "overview.participate",
            "overview.phases",
            "section.meetings",
            "section.minutes",
            "section.documents",
            "section.contributions",
            "section.outcome",
        )
    ]
    with pikepdf.open(dossier_fr) as pdf, pdf.open_outline() as outline:
        (top,) = outline.root
        assert top.title.startswith("Tramway ligne B")
        assert [child.title for child in top.children] == expected


def test_dossier_structure_has_headings_tables_and_figures(dossier_fr: Path) -> None:
    with pikepdf.open(dossier_fr) as pdf:
        elements = list(structure(pdf))
        kinds = [str(e.S) for e in elements]
        headings = [k for k in kinds if re.fullmatch(r"/H\d", k)]
        assert headings[0] == "/H1" and headings.count("/H1") == 1
        # No level is skipped going down.
        levels = [int(k[2]) for k in headings]
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
        assert {"/Table", "/TH", "/TD", "/Caption"} <= set(kinds)
        figures = [e for e in elements if str(e.S) == "/Figure"]
        assert len(figures) >= 2  # the QR code and the route map
        assert all(str(f.get("/Alt", "")).strip() for f in figures)


def test_dossier_is_reproducible(process: Process, dossier_fr: Path) -> None:
    assert _dossier(process, "fr") == dossier_fr.read_bytes()


# ---------------------------------------------------------------------------- variants


def test_large_print_body_is_at_least_16_points(dossier_fr: Path, dossier_large: Path) -> None:
    with pikepdf.open(dossier_fr) as normal, pikepdf.open(dossier_large) as large:
        normal_sizes = font_sizes(normal, range(2, 5))
        large_sizes = font_sizes(large, range(2, len(large.pages)))
        assert normal_sizes.most_common(1)[0][0] < 16
        body = large_sizes.most_common(1)[0][0]
        assert body >= 16
        assert min(large_sizes) >= 16, large_sizes
        assert len(large.pages) > len(normal.pages)


def test_large_print_has_the_same_content(process: Process) -> None:
    def html(large: bool) -> str:
        return dossier_html(
            process,
            root=ROOT,
            translator=Translator("fr"),
            site_url=SITE,
            last_change=LAST_CHANGE,
            today=REFERENCE_DAY,
            large_print=large,
        )

    assert html(True) == html(False).replace('<html lang="fr">', '<html lang="fr" class="large">')


def test_english_dossier(dossier_en: Path) -> None:
    tr = Translator("en")
    with pikepdf.open(dossier_en) as pdf, pdf.open_outline() as outline:
        assert str(pdf.Root.Lang) == "en"
        (top,) = outline.root
        assert [c.title for c in top.children][:2] == [
            tr.text("dossier.toc"),
            tr.text("section.overview"),
        ]
    text = pdf_text(dossier_en)
    assert tr.text("dossier.generated", date=tr.date(REFERENCE_DAY.date())) in text
    assert re.search(r"page 1 of \d+", text)


# ---------------------------------------------------------------------------- items


def test_each_minutes_and_markdown_document_has_its_own_pdf(
    process: Process, tmp_path: Path
) -> None:
    tr = Translator("fr")
    view = ProcessView(process, REFERENCE_DAY, "fr")
    minutes = view.minutes[0]
    documents = [d for d in view.documents if d.body is not None]
    assert documents
    outputs = {
        minutes.body: minutes_html(
            process, minutes.id, translator=tr, site_url=SITE, today=REFERENCE_DAY
        ),
        documents[0].body or "": document_html(
            process, documents[0].id, translator=tr, site_url=SITE, today=REFERENCE_DAY
        ),
    }
    for index, (body, html) in enumerate(outputs.items()):
        path = tmp_path / f"{index}.pdf"
        path.write_bytes(render_pdf(html, created=REFERENCE_DAY, identifier=str(index)))
        assert words(body) in pdf_text(path)
        with pikepdf.open(path) as pdf:
            assert bool(pdf.Root.MarkInfo.Marked) and str(pdf.Root.Lang) == "fr"
            kinds = [str(e.S) for e in structure(pdf)]
            assert kinds.count("/H1") == 1
    with pytest.raises(KeyError):
        minutes_html(process, "nope", translator=tr, site_url=SITE, today=REFERENCE_DAY)


# ---------------------------------------------------------------------------- helpers


def test_link_targets_are_printed_once() -> None:
    html = printed_links(
        render_markdown(
            "Lire [le dossier](https://example.org/d.pdf), <https://example.org/> ou "
            "[écrire](mailto:a@example.org)."
        )
    )
    text = re.sub(r"<[^>]+>", "", str(html))
    assert "le dossier (https://example.org/d.pdf)" in text
    assert "écrire (a@example.org)" in text
    assert text.count("https://example.org/") == 2  # the bare link is not repeated


def test_pdf_resources_come_only_from_the_given_folder(tmp_path: Path) -> None:
    folder = tmp_path / "process"
    folder.mkdir()
    (folder / "plan.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("secret")
    fetcher = LocalFetcher({f"{SITE}/tram/": folder})
    assert fetcher.fetch(f"{SITE}/tram/plan.png").read() == b"png"
    for url in (
        f"{SITE}/tram/../secret.txt",
        "https://elsewhere.example/x.png",
        "file:///etc/hosts",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_remembered_page_references_follow_added_pages() -> None:
    pdf = pydyf.PDF()
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    one = pdf.page_references
    assert pdf.page_references is one  # read again, not rebuilt
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    numbers = pdf.pages["Kids"][::3]
    assert pdf.page_references == tuple(f"{n} 0 R".encode("ascii") for n in numbers)
    assert len(numbers) == 2


def test_the_collector_runs_again_after_a_pdf() -> None:
    render_pdf(
        '<html lang="fr"><title>t</title><p>texte</p></html>',
        created=REFERENCE_DAY,
        identifier="gc",
    )
    assert gc.isenabled()
