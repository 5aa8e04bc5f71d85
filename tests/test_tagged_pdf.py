"""`greffier check` warns about declared PDFs that are not tagged (RGAA criterion 13.3), on the
line of documents.yml that declares them; tagged PDFs, such as WeasyPrint's PDF/UA, pass."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pikepdf
import pytest
import weasyprint

from greffier.load import load_corpus

FIXTURE = Path(__file__).parent / "fixtures" / "validation"
REPO = Path(__file__).parent.parent
TODAY = dt.datetime(2026, 3, 15, tzinfo=dt.UTC)
P = "processes/demo"
UNTAGGED = (
    "'documents/dossier.pdf' is not a tagged PDF (RGAA 13.3): a screen reader finds no "
    "headings, reading order or text alternatives in it (export it again with 'tagged PDF' "
    "(or PDF/UA) ticked in your software, or declare an accessible version under "
    "'alternatives:')"
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture(scope="module")
def tagged_pdf() -> bytes:
    html = (
        '<html lang="fr"><head><title>Dossier</title></head><body><h1>Dossier</h1>'
        "<p>Le projet.</p></body></html>"
    )
    pdf = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None
    return bytes(pdf)


def untagged_pdf(path: Path) -> None:
    """What a plain "print to PDF" gives: pages and text, no structure tree."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        pdf.save(path)


def problems(root: Path, language: str = "en") -> list[str]:
    _, diagnostics = load_corpus(root, reference=TODAY, language=language)
    return [str(d) for d in diagnostics]


def test_an_untagged_pdf_is_reported_on_its_line(repo: Path) -> None:
    untagged_pdf(repo / P / "documents/dossier.pdf")
    assert problems(repo) == [f"{P}/documents.yml:1: warning: {UNTAGGED}"]


def test_in_french(repo: Path) -> None:
    untagged_pdf(repo / P / "documents/dossier.pdf")
    assert problems(repo, "fr") == [
        f"{P}/documents.yml:1: warning: « documents/dossier.pdf » n'est pas un PDF balisé "
        "(RGAA 13.3) : un lecteur d'écran n'y trouve ni titres, ni ordre de lecture, ni textes "
        "de remplacement (exportez-le de nouveau en cochant « PDF balisé » (ou PDF/UA) dans "
        "votre logiciel, ou déclarez une version accessible sous « alternatives: »)"
    ]


def test_marked_without_structure_tree_is_not_tagged(repo: Path) -> None:
    path = repo / P / "documents/dossier.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        pdf.save(path)
    assert problems(repo) == [f"{P}/documents.yml:1: warning: {UNTAGGED}"]


def test_a_tagged_pdf_passes(repo: Path, tagged_pdf: bytes) -> None:
    (repo / P / "documents/dossier.pdf").write_bytes(tagged_pdf)
    with pikepdf.open(repo / P / "documents/dossier.pdf") as pdf:
        assert pdf.Root.MarkInfo.Marked and "/StructTreeRoot" in pdf.Root
    assert problems(repo) == []


def test_alternatives_are_checked_on_their_own_line(repo: Path, tagged_pdf: bytes) -> None:
    (repo / P / "documents/dossier.pdf").write_bytes(tagged_pdf)
    untagged_pdf(repo / P / "documents/dossier-accessible.pdf")
    documents = repo / P / "documents.yml"
    documents.write_text(
        documents.read_text(encoding="utf-8").replace(
            "      kind: easy-read\n",
            "      kind: easy-read\n    - file: documents/dossier-accessible.pdf\n"
            "      kind: accessible\n",
        ),
        encoding="utf-8",
    )
    found = problems(repo)
    assert len(found) == 1
    assert found[0].startswith(
        f"{P}/documents.yml:8: warning: 'documents/dossier-accessible.pdf' is not a tagged PDF"
    )


def test_a_file_that_is_not_a_pdf_is_reported(repo: Path) -> None:
    (repo / P / "documents/dossier.pdf").write_bytes(b"%PDF-1.4\n% not really\n")
    (found,) = problems(repo)
    assert found.startswith(
        f"{P}/documents.yml:1: warning: 'documents/dossier.pdf' does not open as a PDF ("
    )
    assert found.endswith(
        "(check that the file opens in a PDF reader; if it is password-protected, publish a "
        "version without protection)"
    )


def test_the_bundled_examples_publish_tagged_pdfs() -> None:
    """The examples show organisers what to publish: their PDFs are tagged, the check is clean."""
    corpus, diagnostics = load_corpus(REPO)
    pdfs = [
        d for p in corpus.processes for d in p.documents if d.data.file.lower().endswith(".pdf")
    ]
    assert len(pdfs) >= 3
    assert [str(d) for d in diagnostics] == []
