"""Imported minutes render as their source: the same document saved as DOCX, ODT, RST, HTML and
Markdown (made here by pandoc), imported with `greffier import minutes`, rendered by the site's
Markdown renderer and compared, structure and text, with pandoc's own HTML rendering of that
source; then one of them published in a real site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pypandoc
import pytest
from click.testing import CliRunner
from site_builds import build_project, make_project

from greffier.cli import main
from greffier.formats.markdown import render_markdown

SLUG = "tramway-ligne-b"
MEETING = "2026-11-05-balade-urbaine"
OTHER_MEETING = "2026-11-19-atelier-stationnement"
"""Held meetings of the example without minutes."""
SOURCE = """\
# Compte rendu du bureau

Présents : Anne, Bruno.
Ordre du jour :
- Budget
  - Recettes
    - Cotisations
    - Subventions
  - Dépenses
- Locaux

1. Premier point
   1. Sous-point a
      1. Détail i
      2. Détail ii
   2. Sous-point b
2. Second point

## Décisions

Voir le [site de la mairie](https://mairie.example.fr/ordre_du_jour) et
**le vote *à main levée* final**.
Texte en *italique*, **gras**, ~~barré~~, l'on dit "oui" -- 5 $ <3 et 2 * 3.

| Sujet | Avis | Voix |
|---|---|---|
| Bancs | **Pour** | 12 |
| Arbres | Contre | 3 |

Adresse :\\
12 rue des Lilas\\
59000 Lille

- [x] Envoyer le compte rendu
- [ ] Réserver la salle
"""
ODDITIES = """\
<p>Le 1<sup>er</sup> mars, <u>souligné</u>, H<sub>2</sub>O,
<strong>con</strong><strong>tinu</strong>, <strong>gras </strong>puis<em> </em>rien,
<em>a</em><em>b</em>, <strong></strong>vide.</p>
<p>Fin de ligne<br></p>
<p>Liste<br>- pas une liste<br>1. pas un numéro<br>===<br>+ non plus<br>2) ni ceci</p>
<ul><li>un</li><li></li><li>deux<ul><li></li></ul></li></ul>
<ul><li>☒&nbsp;fait</li><li>☐ pas fait</li></ul>
<h2></h2>
<p>---</p>
<p><strong>Gras<br>- suite</strong>, <a href="https://x.example"><b>li</b><b>en</b></a></p>
<p>&amp;eacute; et &amp;#233; restent écrits</p>
"""
"""What word processors and web pages hold that pandoc's Markdown writer gets wrong: run-level
formatting split or empty, breaks at the end of a paragraph or before a line that looks like a
list, superscript and underline, empty list items and headings, boxes glued to their text, text
that reads as a rule or a character reference."""
READERS = {"docx": "docx", "odt": "odt", "rst": "rst", "html": "html", "md": "gfm"}
"""pandoc's reader of each kind of source."""


def write_source(folder: Path, kind: str) -> Path:
    """`SOURCE` as saved in `kind` by its editor (pandoc stands in for the word processor)."""
    source = folder / f"compte-rendu.{kind}"
    if kind == "md":
        source.write_text(SOURCE, encoding="utf-8")
    else:
        extra = ["--standalone", "--metadata=pagetitle:CR"] if kind == "html" else []
        pypandoc.convert_text(SOURCE, kind, format="gfm", outputfile=str(source), extra_args=extra)
    return source


def import_into(config: Path, source: Path, *options: str, meeting: str = MEETING) -> str:
    """The body of the minutes `greffier import minutes` writes from `source`."""
    arguments = ["import", "-f", str(config), "minutes", str(source), *options]
    result = CliRunner().invoke(main, [*arguments, "--process", SLUG, "--meeting", meeting])
    assert result.exit_code == 0, result.output
    written = config.parent / "processes" / SLUG / "minutes" / f"{meeting}.md"
    _, _, body = written.read_text(encoding="utf-8").split("---\n", 2)
    return body


# --------------------------------------------------------------------------- the comparer

_BLOCKS = {"p", "li", "ul", "ol", "table", "tr", "th", "td", "blockquote", "pre"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_STYLES = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "del": "del", "s": "del"}
_TICKED = "☒"
"""Every way of showing a ticked box (pandoc's `<input checked>`, the site's ☑) as one."""

Run = tuple[tuple[str, ...], str]
Block = tuple[tuple[str, ...], tuple[Run, ...]]


class _Structure(HTMLParser):
    """An HTML fragment as its text blocks, each with the path of blocks holding it (`ul li ul
    li`, `table tr td`) and its text in runs of one style (strong, em, del, a link's target,
    or a line break). What may differ without the reader seeing it is ignored: attributes,
    heading levels (the site renumbers them), a paragraph alone in a list item, where a run of
    formatting is split, white space."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._path: list[str] = []
        self._styles: list[str] = []
        self._chars: list[tuple[tuple[str, ...], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div" and ("class", "line-block") in attrs:
            tag = "p"  # how pandoc shows a reStructuredText line block
        if tag in _BLOCKS or tag in _HEADINGS:
            self._flush()
            # A paragraph alone in a list item is how a loose list shows its items.
            if not (tag == "p" and self._path[-1:] == ["li"]):
                self._path.append("h" if tag in _HEADINGS else tag)
        elif tag in _STYLES:
            self._styles.append(_STYLES[tag])
        elif tag == "a":
            self._styles.append(f"a={dict(attrs).get('href')}")
        elif tag == "br":
            self._chars.append((("br",), "\n"))
        elif tag == "input":
            self.handle_data(f"{_TICKED if 'checked' in dict(attrs) else '☐'} ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._path[-1:] == ["p"]:
            tag = "p"
        if tag in _BLOCKS or tag in _HEADINGS:
            self._flush()
            if self._path and self._path[-1] == ("h" if tag in _HEADINGS else tag):
                self._path.pop()
        elif (tag in _STYLES or tag == "a") and self._styles:
            self._styles.pop()

    def handle_data(self, data: str) -> None:
        styles = tuple(sorted(set(self._styles)))
        for char in data.replace("☑", _TICKED):
            # Spaces carry no style: `**a** **b**` and `**a b**` read the same.
            self._chars.append(((), " ") if char.isspace() else (styles, char))

    def _flush(self) -> None:
        text = "".join(char for _, char in self._chars)
        start, end = len(text) - len(text.lstrip()), len(text.rstrip())
        runs: list[Run] = []
        for index in range(start, end):
            styles, char = self._chars[index]
            if char == " " and runs and runs[-1][1].endswith(" "):
                continue
            if char == " " and runs:
                # A space between two runs of one style is in that style.
                styles = runs[-1][0] if runs[-1][0] == self._next_styles(index) else ()
            if runs and runs[-1][0] == styles:
                runs[-1] = (styles, runs[-1][1] + char)
            else:
                runs.append((styles, char))
        if runs:
            self.blocks.append((tuple(self._path), tuple(runs)))
        self._chars = []

    def _next_styles(self, index: int) -> tuple[str, ...]:
        following = (styles for styles, char in self._chars[index:] if char != " ")
        return next(following, ())


def structure(html: str) -> list[Block]:
    parser = _Structure()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.blocks


def test_the_comparer_sees_what_a_reader_would() -> None:
    flat = structure("<ul><li>a</li><li>b</li></ul>")
    nested = structure("<ul><li>a<ul><li>b</li></ul></li></ul>")
    assert flat != nested
    assert structure("<p><strong>a</strong> <strong>b</strong></p>") == structure(
        "<p><strong>a b</strong></p>"
    )
    assert structure("<p><strong>a</strong>b</p>") != structure("<p><strong>ab</strong></p>")
    assert structure("<p>a<br>b</p>") != structure("<p>a b</p>")
    assert structure("<ul><li><p>a</p></li></ul>") == structure("<ul><li>a</li></ul>")
    assert structure("<h1>a</h1>") == structure("<h3>a</h3>")


# --------------------------------------------------------------------------- round trips


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("roundtrip") / "site", options={"drafts": True})


@pytest.fixture(scope="module")
def imported(project: Path) -> dict[str, tuple[Path, str]]:
    """Each kind of source and the minutes body imported from it (the last one stays)."""
    folder = project.parent.parent
    bodies = {}
    for kind in READERS:
        source = write_source(folder, kind)
        arguments = ["--force"] if bodies else []
        bodies[kind] = (source, import_into(project, source, *arguments))
    return bodies


@pytest.mark.parametrize("kind", list(READERS))
def test_imported_minutes_render_as_their_source(
    imported: dict[str, tuple[Path, str]], kind: str
) -> None:
    source, body = imported[kind]
    expected = structure(pypandoc.convert_file(str(source), "html", format=READERS[kind]))
    assert structure(render_markdown(body)) == expected


# reStructuredText cannot nest emphasis nor strike text out: its source is not the original.
@pytest.mark.parametrize("kind", [kind for kind in READERS if kind != "rst"])
def test_every_source_gives_the_markdown_original(
    imported: dict[str, tuple[Path, str]], kind: str
) -> None:
    original = structure(pypandoc.convert_text(SOURCE, "html", format="gfm"))
    rendered = structure(render_markdown(imported[kind][1]))
    assert rendered == original
    # Tight lists, as the source shows them: no paragraph in each item.
    assert "- Budget\n  - Recettes\n    - Cotisations\n" in imported[kind][1]
    assert "- [x] Envoyer le compte rendu\n- [ ] Réserver la salle" in imported[kind][1]


@pytest.mark.parametrize("kind", ["docx", "odt", "html"])
def test_what_pandoc_would_write_wrongly_renders_as_its_source(
    project: Path, tmp_path: Path, kind: str
) -> None:
    source = tmp_path / f"oddities.{kind}"
    if kind == "html":
        source.write_text(ODDITIES, encoding="utf-8")
    else:
        pypandoc.convert_text(ODDITIES, kind, format="html", outputfile=str(source))
    body = import_into(project, source, "--force", meeting=OTHER_MEETING)
    expected = structure(pypandoc.convert_file(str(source), "html", format=kind))
    assert structure(render_markdown(body)) == expected
    assert "- [x] fait\n- [ ] pas fait\n" in body
    assert "\\\n\n" not in body and not body.rstrip().endswith("\\")


def test_footnotes_are_numbered_and_kept_at_the_end(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "notes.docx"
    written = "Le bureau[^1] se réunit.\n\n[^1]: Voir https://mairie.example.fr/bureau.\n"
    pypandoc.convert_text(written, "docx", format="gfm", outputfile=str(source))
    body = import_into(project, source, "--force", meeting=OTHER_MEETING)
    rendered = structure(render_markdown(body))
    assert rendered[0] == (("p",), (((), "Le bureau[1] se réunit."),))
    assert rendered[-1][0] == ("ol", "li")
    assert "".join(text for _, text in rendered[-1][1]) == "Voir https://mairie.example.fr/bureau."


def test_the_published_page_has_the_nested_lists(
    project: Path, imported: dict[str, tuple[Path, str]]
) -> None:
    site = build_project(project)
    page = (site / SLUG / "minutes" / MEETING / "index.html").read_text(encoding="utf-8")
    main_part = re.search(r'<[^>]+id="greffier-main".*', page, re.DOTALL)
    assert main_part is not None
    blocks = structure(main_part.group())
    assert (("ul", "li", "ul", "li", "ul", "li"), (((), "Subventions"),)) in blocks
    assert (("ol", "li", "ol", "li", "ol", "li"), (((), "Détail ii"),)) in blocks
    assert (("ul", "li"), (((), "Locaux"),)) in blocks
