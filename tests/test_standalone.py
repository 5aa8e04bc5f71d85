"""The single-file HTML reads offline: every resource inlined, no script, nothing to fetch."""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from lxml import etree
from print_sample import HEADINGS, write_sample
from site_builds import REFERENCE_DAY

from greffier.export.dossier import dossier_html
from greffier.export.single_file import self_contained
from greffier.i18n.translator import Translator
from greffier.load import load_corpus

# Attributes through which a browser loads something without the reader asking.
LOADING_ATTRIBUTES = ("src", "poster", "srcset", "data", "background")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("standalone")


@pytest.fixture(scope="module")
def sample(folder: Path) -> str:
    """The print sample plus what a careless page holds: scripts, frames, hints, handlers."""
    (folder / "fonts").mkdir()
    (folder / "fonts" / "marianne.woff2").write_bytes(b"wOF2 not really a font")
    (folder / "fonts.css").write_text(
        "@font-face { font-family: M; src: url(fonts/marianne.woff2) format('woff2'); }",
        encoding="utf-8",
    )
    html = write_sample(folder)
    extra = """
<link rel="preload" href="https://cdn.example.net/font.woff2" as="font">
<link rel="stylesheet" href="fonts.css" media="print">
<style>@import "fonts.css"; .logo { background: url("plan.png"); }</style>
<script src="https://cdn.example.net/analytics.js"></script>
<script>document.write("hello")</script>
"""
    body = """
<p onclick="alert(1)" style="background-image: url(plan.png)">Cliquez</p>
<a href="javascript:alert(1)">piège</a>
<iframe src="https://www.youtube.com/embed/xyz" title="Vidéo"></iframe>
<object data="https://example.org/carte.swf"><p>Carte des stations</p></object>
<img src="plan.png" srcset="plan.png 2x" alt="Encore le plan">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<image xlink:href="plan.png" width="10" height="10"/></svg>
"""
    return html.replace("</head>", extra + "</head>").replace("</body>", body + "</body>")


@pytest.fixture(scope="module")
def result(sample: str, folder: Path) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(self_contained(sample, base_dir=folder))


def _local(name: str) -> str:
    """href, xlink:href or {namespace}href: how a parser may name the attribute."""
    return name.rpartition("}")[2].rpartition(":")[2]


def loaded_references(document: lxml.html.HtmlElement) -> list[str]:
    """Every reference the browser would load by itself (hyperlinks left out)."""
    found = [
        value
        for element in document.iter(etree.Element)
        for name, value in element.attrib.items()
        if name in LOADING_ATTRIBUTES or (_local(name) == "href" and element.tag != "a")
    ]
    styles = [style.text or "" for style in document.iter("style")]
    styles += [element.get("style") or "" for element in document.iter(etree.Element)]
    found += [part.split(")")[0] for css in styles for part in css.split("url(")[1:]]
    return found


def test_nothing_is_loaded_from_anywhere_but_the_file(result: lxml.html.HtmlElement) -> None:
    references = loaded_references(result)
    assert references, "the sample loads images and fonts: they must still be there, inlined"
    assert all(ref.strip("\"' ").startswith("data:") for ref in references), references


def test_hyperlinks_stay(result: lxml.html.HtmlElement) -> None:
    hrefs = [a.get("href") for a in result.iter("a")]
    assert "https://example.org/tramway-ligne-b/" in hrefs
    assert "documents/dossier.pdf" in hrefs
    assert all(urlsplit(href or "").scheme != "javascript" for href in hrefs)


def test_no_script_frame_or_hint(result: lxml.html.HtmlElement) -> None:
    assert not list(result.iter("script", "iframe", "noscript"))
    assert not list(result.iter("link")), "stylesheets are inlined, hints dropped"
    assert not [
        name
        for element in result.iter(etree.Element)
        for name in element.attrib
        if name.startswith("on")
    ]


def test_an_object_leaves_its_fallback(result: lxml.html.HtmlElement) -> None:
    assert not list(result.iter("object"))
    assert "Carte des stations" in result.text_content()


def test_stylesheets_become_style_elements(result: lxml.html.HtmlElement) -> None:
    styles = list(result.iter("style"))
    texts = [style.text or "" for style in styles]
    assert any("@page { size: A4; }" in text for text in texts)
    assert [style.get("media") for style in styles].count("print") == 1
    font = next(text for text in texts if "@font-face" in text)
    encoded = font.split("data:font/woff2;base64,")[1].split('"')[0]
    assert base64.b64decode(encoded) == b"wOF2 not really a font"


def test_images_are_data_uris_of_the_files(result: lxml.html.HtmlElement, folder: Path) -> None:
    image = result.xpath("//img[@alt='Encore le plan']")[0]
    assert image.get("srcset") is None
    prefix = "data:image/png;base64,"
    assert image.get("src").startswith(prefix)
    assert base64.b64decode(image.get("src")[len(prefix) :]) == (folder / "plan.png").read_bytes()


def test_the_page_is_still_the_page(result: lxml.html.HtmlElement) -> None:
    assert result.get("lang") == "fr"
    assert result.findtext(".//title") == "Tramway ligne B"
    assert [h.text_content() for h in result.iter("h1", "h2", "h3")] == [t for _, t in HEADINGS]
    assert result.xpath("//table//th[@scope='col']")
    assert result.xpath("//meta[@charset]")


@pytest.mark.parametrize(
    ("reference", "why"),
    [
        ("https://example.org/photo.jpg", "external"),
        ("//example.org/photo.jpg", "external"),
        ("absent.png", "no such file"),
        ("../outside.png", "leads outside"),
    ],
)
def test_what_cannot_be_inlined_is_an_error(folder: Path, reference: str, why: str) -> None:
    (folder.parent / "outside.png").write_bytes(b"secret")
    html = f'<html><body><img src="{reference}" alt="x"></body></html>'
    with pytest.raises(ValueError, match=why) as raised:
        self_contained(html, base_dir=folder)
    assert reference in str(raised.value)


def test_a_remote_stylesheet_is_an_error(folder: Path) -> None:
    html = '<html><head><link rel="stylesheet" href="https://cdn.example.net/a.css"></head></html>'
    with pytest.raises(ValueError, match=r"cdn\.example\.net"):
        self_contained(html, base_dir=folder)


def test_the_real_dossier_becomes_one_file() -> None:
    root = Path(__file__).resolve().parent.parent
    corpus, _ = load_corpus(root, reference=REFERENCE_DAY)
    process = corpus.process("tramway-ligne-b")
    html = dossier_html(
        process,
        root=root,
        translator=Translator("fr"),
        site_url="https://concertation.example.org",
        last_change=None,
        today=REFERENCE_DAY,
    )
    single = self_contained(html, base_dir=root / "processes" / process.slug)
    document = lxml.html.document_fromstring(single)
    assert all(ref.strip("\"' ").startswith("data:") for ref in loaded_references(document))
    assert not list(document.iter("script", "iframe", "link"))
    before = lxml.html.document_fromstring(html)
    assert document.text_content() == before.text_content()
