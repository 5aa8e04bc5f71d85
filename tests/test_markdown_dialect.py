"""Issue #10, items 1, 3 and 4: every text is CommonMark + GFM, nobody's characters are rewritten,
and a link that leads nowhere is reported at its line.

The renderer's output is read with html5lib, the way a browser builds it; pandoc writes the
Markdown of the round trip, as the importers do; links are checked on a copy of the validation
fixture loaded as `greffier check` loads it.
"""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pypandoc
import pytest
from site_builds import REFERENCE_DAY

from greffier.formats.markdown import (
    TASK_DONE,
    TASK_OPEN,
    LinkTarget,
    image_sources,
    link_targets,
    render_inline,
    render_markdown,
)
from greffier.load import load_corpus

FIXTURE = Path(__file__).parent / "fixtures" / "validation"
P = "processes/demo"


def tree(html: str) -> Element:
    return html5lib.parseFragment(html, namespaceHTMLElements=False)


def text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def nesting(element: Element) -> list[object]:
    """Lists as nested Python lists of their items' own text."""
    found: list[object] = []
    for child in element:
        if child.tag in ("ul", "ol"):
            found.append(nesting(child))
        elif child.tag == "li":
            own = " ".join(((child.text or "") + "".join(c.tail or "" for c in child)).split())
            found.append(own)
            found.extend(nesting(child))
        else:
            found.extend(nesting(child))
    return found


# --------------------------------------------------------------------------- GFM constructs


def test_lists_nest_by_two_spaces_at_three_depths() -> None:
    html = render_markdown("- un\n  - deux\n    - trois\n    - trois bis\n  - deux bis\n- un bis")
    assert nesting(tree(html)) == [["un", ["deux", ["trois", "trois bis"], "deux bis"], "un bis"]]


def test_a_list_right_after_a_paragraph_line_is_a_list() -> None:
    parsed = tree(render_markdown("Ordre du jour :\n- budget\n- travaux"))
    assert text(parsed.find("p")) == "Ordre du jour :"
    assert [text(li) for li in parsed.iter("li")] == ["budget", "travaux"]


@pytest.mark.parametrize("end", ["\\", "  "], ids=["backslash", "two-spaces"])
def test_hard_breaks(end: str) -> None:
    html = render_markdown(f"Première ligne{end}\nseconde ligne")
    (paragraph,) = tree(html).iter("p")
    assert [child.tag for child in paragraph] == ["br"]
    assert "\\" not in text(paragraph)


def test_tables_strikethrough_and_task_lists() -> None:
    parsed = tree(
        render_markdown(
            "| Thème | Avis |\n|:--|--:|\n| Vélo | 12 |\n\n~~retiré~~\n\n- [x] fait\n- [ ] à faire"
        )
    )
    assert [text(cell) for cell in parsed.iter("th")] == ["Thème", "Avis"]
    assert [text(cell) for cell in parsed.iter("td")] == ["Vélo", "12"]
    assert [text(s) for s in parsed.iter("s")] == ["retiré"]
    assert [text(li) for li in parsed.iter("li")] == [f"{TASK_DONE} fait", f"{TASK_OPEN} à faire"]


@pytest.mark.parametrize(
    ("written", "href"),
    [
        ("https://exemple.fr/un_deux_trois_", "https://exemple.fr/un_deux_trois_"),
        ("www.exemple.fr/mon_dossier/a_b", "http://www.exemple.fr/mon_dossier/a_b"),
        ("mairie@exemple.fr", "mailto:mairie@exemple.fr"),
    ],
)
def test_autolinks_as_on_github(written: str, href: str) -> None:
    (link,) = tree(render_markdown(f"Voir {written}, merci.")).iter("a")
    assert (link.get("href"), text(link)) == (href, written)


@pytest.mark.parametrize("written", ["exemple.fr", "fichier.py", "ftp://exemple.fr/a"])
def test_what_github_does_not_link_stays_text(written: str) -> None:
    parsed = tree(render_markdown(f"Voir {written} ici"))
    assert not [a for a in parsed.iter("a") if a.get("href")]
    assert text(parsed) == f"Voir {written} ici"


# --------------------------------------------------------------------------- people's characters


@pytest.mark.parametrize(
    "written",
    [
        "Ce que l'on voit",
        "\"Des guillemets droits\" et 'simples'",
        "Deux tirets -- et trois --- ici",
        "Trois points... (c) (tm) +-",
        "#MeToo a changé la parole",
        "#3 sur la liste",
    ],
)
def test_characters_are_kept_as_written(written: str) -> None:
    parsed = tree(render_markdown(written))
    assert [element.tag for element in parsed] == ["p"], "no heading, no list"
    assert text(parsed) == written


def test_a_heading_needs_a_space_after_its_hashes() -> None:
    assert [e.tag for e in tree(render_markdown("# MeToo", top_heading=2))] == ["h2"]


def test_stars_that_cannot_open_or_close_emphasis_stay() -> None:
    # `*` beside a space or punctuation on the wrong side is no emphasis (flanking rules); between
    # two letters it is, as on every forge, so the importers escape plain text for it.
    written = "Pädagog* innen et Politiker *innen, 3 * 4"
    assert text(tree(render_markdown(written))) == written
    escaped = r"Pädagog\*innen, … Politiker\*innen"
    assert text(tree(render_markdown(escaped))) == "Pädagog*innen, … Politiker*innen"


def test_underscores_inside_words_are_no_emphasis() -> None:
    parsed = tree(render_markdown("snake_case_name et mon_fichier_final"))
    assert not list(parsed.iter("em"))
    assert text(parsed) == "snake_case_name et mon_fichier_final"


def test_inline_fields_have_no_blocks() -> None:
    for written in ("1990. Une année", "# 3 questions", "- pas une liste", "> pas une citation"):
        assert str(render_inline(written)) == written.replace(">", "&gt;")
    assert str(render_inline("Le *budget* de www.exemple.fr")) == (
        'Le <em>budget</em> de <a href="http://www.exemple.fr" rel="noopener nofollow ugc">'
        "www.exemple.fr</a>"
    )


def test_pandoc_gfm_round_trips() -> None:
    """What pandoc's `gfm` writer makes of a document (as every importer does) renders to the
    structure pandoc itself reads in it."""
    source = (
        "Intro\n\n- a\n    - b\n        - c\n- d\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n"
        "Ligne  \nsuivante, *accent* et **gras** avec [lien](https://exemple.fr/a_b).\n"
    )
    gfm = pypandoc.convert_text(source, "gfm", format="markdown")
    expected = tree(pypandoc.convert_text(gfm, "html", format="gfm"))
    ours = tree(render_markdown(gfm, top_heading=1))
    assert nesting(ours) == nesting(expected) == [["a", ["b", ["c"]], "d"]]
    assert [text(c) for c in ours.iter("td")] == [text(c) for c in expected.iter("td")]
    assert [e.tag for e in ours.iter() if e.tag in ("em", "strong", "a", "br")] == [
        e.tag for e in expected.iter() if e.tag in ("em", "strong", "a", "br")
    ]
    assert text(ours) == text(expected)


def test_the_renderer_is_safe_across_threads() -> None:
    texts = [f"- item {n}\n  - www.exemple{n}.fr\n\n**{n}** [lien](a{n}.pdf)" for n in range(40)]
    expected = [str(render_markdown(t)) for t in texts]
    wrong: list[int] = []

    def work(offset: int) -> None:
        for n in range(len(texts) * 5):
            index = (n + offset) % len(texts)
            if str(render_markdown(texts[index])) != expected[index]:
                wrong.append(index)

    threads = [threading.Thread(target=work, args=(k * 7,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


# --------------------------------------------------------------------------- links checked


def test_link_targets_as_written_with_their_lines() -> None:
    written = (
        "Intro\n\n"
        "Voir [le plan](plan%20B.pdf) et ![x](img.png)\n"
        "puis <a href='ftp://x'>ici</a>.\n\n"
        "```\n[pas un lien](nulle-part)\n```\n\n"
        "[réf][r] `[code](non)`\n\n"
        "[r]: <annexe 1.pdf>\n"
    )
    assert link_targets(written) == [
        LinkTarget("plan%20B.pdf", 2, image=False),
        LinkTarget("img.png", 2, image=True),
        LinkTarget("ftp://x", 3, image=False),
        LinkTarget("annexe 1.pdf", 11, image=False),
    ]
    assert image_sources(written + '<img src="b.png">') == ["img.png", "b.png"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def problems(root: Path) -> list[str]:
    _, diagnostics = load_corpus(root, reference=REFERENCE_DAY)
    return [str(d) for d in diagnostics]


def append(root: Path, inner: str, added: str) -> None:
    path = root / P / inner
    path.write_text(path.read_text(encoding="utf-8") + added, encoding="utf-8")


GOOD_LINKS = (
    "[site](https://exemple.fr) [haut](#haut) [dossier](../documents/dossier.pdf) "
    "[guide](/demo/documents/guide.md#fin) www.exemple.fr\n"
)


def test_links_to_addresses_anchors_and_files_of_the_process_are_fine(repo: Path) -> None:
    append(repo, "contributions/c-001.md", GOOD_LINKS)
    append(repo, "minutes/2026-03-12-reunion.md", GOOD_LINKS)
    # Addresses in contributions would be personal data: the organiser's own are in index.md.
    addresses = "[mail](mailto:concertation@saint-exemple.example) [tél](tel:+33100000000)\n"
    append(repo, "index.md", GOOD_LINKS.replace("../documents", "documents") + addresses)
    assert problems(repo) == []


@pytest.mark.parametrize(
    ("inner", "lines_before", "link", "message"),
    [
        (
            "contributions/c-001.md",
            1,
            "[le plan](plan.pdf)",
            f"the link 'plan.pdf' leads to no file of the process (looked for at "
            f"{P}/contributions/plan.pdf): it will be broken",
        ),
        (
            "minutes/2026-03-12-reunion.md",
            2,
            "[précédent](../../autre/minutes/a.md)",
            "the link '../../autre/minutes/a.md' leads outside the process folder",
        ),
        (
            "documents/guide.md",
            0,
            "[vote](javascript:alert(1))",
            "the link 'javascript:alert(1)' is not published as a link",
        ),
        ("index.md", 0, "<a href='ftp://exemple.fr/a'>a</a>", "the link 'ftp://exemple.fr/a'"),
        ("index.md", 3, "[autre](/autre-processus/)", "the link '/autre-processus/' leads outside"),
    ],
)
def test_a_link_leading_nowhere_is_a_warning_at_its_line(
    repo: Path, inner: str, lines_before: int, link: str, message: str
) -> None:
    path = repo / P / inner
    before = path.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    line = before.count("\n") + lines_before + 1
    path.write_text(before + "\n" * lines_before + f"Voir {link} ici.\n", encoding="utf-8")
    (found,) = problems(repo)
    assert found.startswith(f"{P}/{inner}:{line}: warning: {message}"), found


def test_a_link_in_an_answer_is_found_at_its_line(repo: Path) -> None:
    path = repo / P / "contributions" / "c-001.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("---", 1)
    lines[at:at] = [
        "answer:",
        "  text: |",
        "    Merci.",
        "",
        "    Voir [ici](reponse.pdf).",
        "  by: Mairie",
        "  date: 2026-03-20",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    found = [p for p in problems(repo) if "reponse.pdf" in p]
    assert len(found) == 1 and found[0].startswith(f"{P}/contributions/c-001.md:{at + 5}: warning")


@pytest.mark.parametrize("style", ["|", ">-", "inline"])
def test_a_link_in_a_process_text_is_found_at_its_line(repo: Path, style: str) -> None:
    path = repo / P / "process.yml"
    before = path.read_text(encoding="utf-8")
    line = before.count("\n") + (1 if style == "inline" else 2)
    if style == "inline":
        added = "participate: Voir [ici](participer.pdf).\n"
    else:
        added = f"participate: {style}\n  Écrivez-nous.\n\n  Voir [ici](participer.pdf).\n"
        line += 2
    path.write_text(before + added, encoding="utf-8")
    (found,) = problems(repo)
    assert found.startswith(f"{P}/process.yml:{line}: warning: the link 'participer.pdf'"), found


def test_the_message_is_in_french_too(repo: Path) -> None:
    append(repo, "contributions/c-001.md", "[plan](plan.pdf)\n")
    _, diagnostics = load_corpus(repo, reference=REFERENCE_DAY, language="fr")
    (found,) = [str(d) for d in diagnostics]
    assert re.search(r"avertissement|warning", found)
    assert "le lien « plan.pdf » ne mène à aucun fichier du processus" in found
