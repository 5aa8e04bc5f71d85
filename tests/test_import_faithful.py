"""Imported texts are published as their authors wrote them (issue 10): plain text through
`greffier import csv` and `greffier import decidim`, HTML bodies with their line breaks, and the
real Grand débat export, compared by the text the site renderer shows."""

from __future__ import annotations

import csv
import re
import subprocess
import zipfile
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner
from decidim_export import EXPORT, SLUG, needs_export, new_project, rows, run_import
from lxml import etree
from site_builds import build_project, page

from greffier.cli import main
from greffier.formats.markdown import render_markdown
from greffier.importers.markup import looks_like_html
from greffier.load import load_corpus

PLAIN = [
    "#MeToo est un mouvement.\n#balancetonporc aussi",
    "Pädagog*innen, Erzieher*innen und Politiker*innen",
    "Une réponse _immédiate_ et __forte__, mais snake_case reste.",
    "Tapez `ls` puis ``deux`` ou ```trois```",
    "22. We need more trains.\n1) x\n2019.",
    "anti-‹insérez ici votre cause› et anti-<insérez ici …>",
    "I <3 trams, a < b > c, <p> et <a lot> de <b>",
    "Voir https://fr.wikipedia.org/wiki/Tramway_(homonymie), "
    "https://example.org/a_b_c_/d*e*. Et (https://example.org/x_y).",
    "Qu'en pense-t-on ? l'on dit \"oui\" -- non... 'ok'",
    "Un \\ seul, deux \\\\ et à la fin \\",
    "Des émojis 🚋🚲 et 👩🏽‍🦽 ici",
    "مرحبا بالترام الجديد\nשלום לכולם",
    "- item\n* item\n+ item\n-Les économies",
    "| a | b |\n|---|---|\n| c | d |",
    "~~barré~~ et ~simple~",
    "[x] fait\n[ ] à faire\n[lien](https://example.org) ![image](plan.png)",
    "***\n---\n___\nTitre\n===",
    "> cité\n    indenté en code\n\tet tabulé",
    "R&D, &amp;, &#65; et &copy; restent écrits",
    "Paragraphe un,\nligne deux.\n\n\n\nParagraphe deux.",
    "[ref]: https://example.org\n[ref] <!-- commentaire --> {.classe} $x$ :smile:",
    "www.example.org/un_deux et https://example.org/~user/__a__",
]
REDACTED = "Écrivez à zoe.noel@example.org(bureau) ou au 06 12 34 56 78[poste]"
"""Personal data is replaced by a notice in brackets: never a link with what follows."""
TITLES = ["#MeToo", "Pädagog*innen", "Apprendre le C #", "_vite_ [x] 1. <3"]
HTML = [
    "<p>Ligne un<br>ligne deux<br/>ligne trois</p>",
    "<p>Avant<br><br>après</p><p>Fin<br></p>",
    "<p><strong>Gras<br></strong>suite</p>",
    "<p>Un<br>- pas une liste<br>1) non plus<br>---<br>===<br># ni un titre</p>",
    "<ul><li>a<br>- b<br></li><li>c</li></ul>",
    "<p>Texte &lt;3 et ‹insérez ici …&gt; et a &lt; b &gt; c</p>",
    "<blockquote><p>cité<br>- suite</p></blockquote>",
    "<p>Voir https://example.org/_a_b_ et (https://example.org/c?d=1&amp;e=2).</p>",
    "<p>Pädagog*innen #MeToo _immédiate_ `code` 22. x ~~non~~ | a | [x] \\</p>",
    "<p>Des paragraphes<p>jamais fermés",
]
# A `<` that opens no HTML element is text, though a browser would swallow it as a tag.
TAG_LIKE = "<p>anti-<insérez ici …> et <3, a < b > c, </3 x> et <mon-element></p>"
TAG_LIKE_SHOWN = "anti-<insérez ici …> et <3, a < b > c, </3 x> et <mon-element>"


_BLOCK_EDGE = re.compile(r"<(?=/?(?:p|div|li|ul|ol|br|h\d|blockquote|table|tr|td|th)\b)", re.I)


def shown(markup: str) -> str:
    """The text a reader sees, white space collapsed; a line break or a block's edge is
    white space."""
    tree = html5lib.parse(_BLOCK_EDGE.sub(" <", markup), namespaceHTMLElements=False)
    return " ".join("".join(tree.itertext()).split())


def source_text(text: str) -> str:
    return shown(text) if looks_like_html(text) else " ".join(text.split())


def lines(text: str) -> tuple[int, int]:
    """Paragraphs and line breaks: of a plain text, or of its rendering."""
    if text.startswith("<"):
        return text.count("<p>"), text.count("<br")
    paragraphs = re.split(r"\n[ \t]*\n\s*", text.replace("\r\n", "\n").strip())
    return len(paragraphs), sum(paragraph.count("\n") for paragraph in paragraphs)


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def import_csv(config: Path, texts: list[str]) -> None:
    export = config.parent / "polis.csv"
    with export.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(["n", "date", "texte"])
        writer.writerows([str(n), "2019-02-01", text] for n, text in enumerate(texts))
    mapping = config.parent / "polis.yml"
    mapping.write_text(
        "prefix: polis\nplatform: Polis\nfields:\n  id: n\n  received: date\n"
        "  channel: {value: online}\n  body: texte\n",
        encoding="utf-8",
    )
    arguments = ["csv", str(export), "--process", SLUG, "--map", str(mapping)]
    result = CliRunner().invoke(main, ["import", "-f", str(config), *arguments])
    assert result.exit_code == 0, result.output


def synthetic_decidim(folder: Path, texts: list[str], titles: list[str]) -> Path:
    folder.mkdir()
    with (folder / "propositions.csv").open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(["id", "title", "body", "created_at"])
        for number, text in enumerate(texts):
            title = titles[number] if number < len(titles) else f"Proposition {number}"
            writer.writerow([str(number), title, text, "2019-01-20 10:00:00 +0100"])
    return folder


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = new_project(tmp_path_factory.mktemp("faithful"))
    import_csv(config, [*PLAIN, REDACTED])
    export = synthetic_decidim(config.parent / "decidim", [*PLAIN, *HTML, TAG_LIKE], TITLES)
    run_import(config, export)
    _, diagnostics = load_corpus(config.parent)
    assert not diagnostics.errors, diagnostics.format()
    return config


def written(project: Path, name: str) -> str:
    return body(project.parent / "processes" / SLUG / "contributions" / f"{name}.md")


@pytest.mark.parametrize("number", range(len(PLAIN)))
def test_plain_text_from_a_csv_column_is_shown_as_written(project: Path, number: int) -> None:
    markdown = written(project, f"polis-{number}")
    assert shown(render_markdown(markdown)) == source_text(PLAIN[number]), markdown


@pytest.mark.parametrize("number", range(len(PLAIN + HTML)))
def test_decidim_bodies_are_shown_as_written(project: Path, number: int) -> None:
    markdown = written(project, f"decidim-proposal-{number}")
    rendered = render_markdown(markdown)
    title = TITLES[number] if number < len(TITLES) else f"Proposition {number}"
    assert shown(rendered) == f"{title} {source_text((PLAIN + HTML)[number])}", markdown


def test_plain_text_keeps_paragraphs_line_breaks_and_links(project: Path) -> None:
    rendered = render_markdown(written(project, "polis-19"))
    assert str(rendered).count("<p>") == 2
    assert "<br" in rendered
    links = render_markdown(written(project, "polis-7"))
    assert 'href="https://fr.wikipedia.org/wiki/Tramway_(homonymie)"' in links
    assert 'href="https://example.org/a_b_c_/d*e"' in links
    assert 'href="https://example.org/x_y"' in links
    for number in range(len(PLAIN)):
        structure = render_markdown(written(project, f"polis-{number}"))
        assert not re.search(
            r"<(h\d|ul|ol|li|table|em|strong|del|code|pre|blockquote|img)\b", structure
        )


def test_html_line_breaks_are_breaks_and_no_backslash_shows(project: Path) -> None:
    for number in range(len(PLAIN), len(PLAIN + HTML)):
        rendered = render_markdown(written(project, f"decidim-proposal-{number}"))
        assert shown(rendered).count("\\") == HTML[number - len(PLAIN)].count("\\"), rendered
    first = render_markdown(written(project, f"decidim-proposal-{len(PLAIN)}"))
    assert str(first).count("<br") == 2
    assert "<ul>" in render_markdown(written(project, f"decidim-proposal-{len(PLAIN) + 4}"))
    links = render_markdown(written(project, f"decidim-proposal-{len(PLAIN) + 7}"))
    assert 'href="https://example.org/_a_b"' in links
    assert 'href="https://example.org/c?d=1&amp;e=2"' in links


def test_text_looking_like_a_tag_in_html_is_kept(project: Path) -> None:
    markdown = written(project, f"decidim-proposal-{len(PLAIN + HTML)}")
    assert shown(render_markdown(markdown)) == f"Proposition {len(PLAIN + HTML)} {TAG_LIKE_SHOWN}"


def test_a_removed_address_is_no_link(project: Path) -> None:
    rendered = render_markdown(written(project, f"polis-{len(PLAIN)}"))
    assert shown(rendered) == (
        "Écrivez à [adresse électronique retirée](bureau) ou au [numéro de téléphone retiré][poste]"
    )
    assert "<a" not in rendered


def test_the_organisers_file_stays_readable(project: Path) -> None:
    text = written(project, "polis-8")
    assert "Qu'en pense-t-on ? l'on dit \"oui\" -- non... 'ok'" in text
    assert "snake_case" in written(project, "polis-2")
    assert "www.example.org/un_deux" in written(project, "polis-21")


def test_the_built_page_shows_the_text_as_written(project: Path) -> None:
    site = build_project(project)
    for number in (0, 1, 4, 5, 7, 9, 12):
        markup = page(site, f"/{SLUG}/contributions/polis-{number}/")
        main_part = html5lib.parse(markup, namespaceHTMLElements=False).find(
            ".//*[@id='greffier-main']"
        )
        assert main_part is not None
        text = " ".join("".join(main_part.itertext()).split())
        assert source_text(PLAIN[number]) in text, text


@needs_export
def test_the_grand_debat_bodies_are_all_shown_as_written(tmp_path: Path) -> None:
    config = new_project(tmp_path)
    run_import(config, EXPORT)
    folder = config.parent / "processes" / SLUG / "contributions"
    sources = {
        f"decidim-{kind}-{row['id']}": row.get("body") or row.get("description/fr", "")
        for kind, name in (
            ("proposal", "propositions-libres.csv"),
            ("debate", "debats.csv"),
            # Comments on proposals are another platform's (Nancy), orphans here, and their
            # ids repeat the debates' comments' ones.
            ("comment", "commentaires_debats.csv"),
        )
        for row in rows(name)
    }
    changed = []
    for path in folder.glob("*.md"):
        rendered = render_markdown(re.sub(r"\A# .*\n\n?", "", body(path)))
        source = sources[path.stem]
        if shown(rendered) != source_text(source) or (
            not looks_like_html(source) and lines(rendered) != lines(source)
        ):
            changed.append((path.stem, source, str(rendered)))
    assert len(sources) > 900
    assert not changed, (len(changed), changed[:3])


OFFLINE = (0, 1, 2, 3, 4, 5, 6, 8, 9, 13, 14, 15, 18)
"""Plain texts checked in the offline files: left-to-right lines without links (the print
template writes a link's address after it, and PDF text comes out in visual order)."""


@pytest.fixture(scope="module")
def offline(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The imported process's offline files, as `greffier export` makes them."""
    out = tmp_path_factory.mktemp("offline")
    result = CliRunner().invoke(main, ["export", "-f", str(project), SLUG, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_dossier_pdf_shows_the_texts_as_written(offline: Path) -> None:
    (pdf,) = [p for p in offline.rglob("*.pdf") if p.name == f"{SLUG}.pdf"]
    extracted = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    # pdftotext guesses spaces from glyph positions (it reads "| a |" as "|a|"): the characters
    # and their order are compared, not the spaces.
    text = "".join(extracted.split())
    missing = [n for n in OFFLINE if "".join(PLAIN[n].split()) not in text]
    assert missing == [], [PLAIN[n] for n in missing]


def test_the_epub_shows_the_texts_as_written(offline: Path) -> None:
    (epub,) = offline.rglob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        parts = [
            etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xhtml")
        ]
    text = " ".join(" ".join("".join(part.itertext()) for part in parts).split())
    missing = [n for n in OFFLINE if source_text(PLAIN[n]) not in text]
    assert missing == [], [source_text(PLAIN[n]) for n in missing]
