"""Issue 9, items 1 and 6: untrusted text never goes through MkDocs' front matter or Markdown,
and characters that XML or HTML refuse are reported by `greffier check` in organisers' files, or
cleaned out of what nobody can fix (commit messages, old versions, imported files).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner
from lxml import etree
from site_builds import build_project, make_project, page, text_of

from greffier.cli import main
from greffier.formats import characters
from greffier.formats.characters import Refused, clean, find_refused
from greffier.load import load_corpus

FIXTURE = Path(__file__).parent / "fixtures" / "validation"
DEMO = "processes/demo"
BUDGET = "budget-2026-conseil-quartier"
TRAM = "tramway-ligne-b"
MEETING = "2026-03-10-lancement"

REFUSED = {
    "NUL": "\x00",
    "C0": "\x01",
    "vertical tab": "\x0b",
    "form feed": "\x0c",
    "unit separator": "\x1f",
    "DEL": "\x7f",
    "NEL": "\x85",
    "C1": "\x92",
    "last C1": "\x9f",
    "lone surrogate": "\ud800",
    "noncharacter block start": "\ufdd0",
    "noncharacter block end": "\ufdef",
    "U+FFFE": "\ufffe",
    "U+FFFF": "\uffff",
    "plane 1 noncharacter": "\U0001fffe",
    "plane 16 noncharacter": "\U0010ffff",
}
ALLOWED = "\tA\nb\r é\xa0–\u2028\ue000\ufffd\U0001f600\U00020000\U0002fffd\U0010fffd"

ATTRIBUTE = "*x*{: autofocus tabindex=0 onfocus=alert(1)}"
"""attr_list syntax: as Markdown, an `<em>` whose handler runs on page load."""
ELEMENT = '<div markdown="1" onmouseover="alert(2)">*y*</div>'
"""md_in_html syntax: as Markdown, a live `<div>` with a handler."""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def refused_in(text: str) -> list[Refused]:
    return list(find_refused(text))


# --------------------------------------------------------------------------- the rule


def test_allowed_text_is_left_alone() -> None:
    assert refused_in(ALLOWED) == []
    assert clean(ALLOWED) == ALLOWED


@pytest.mark.parametrize("char", REFUSED.values(), ids=REFUSED.keys())
def test_each_refused_character_is_found_and_cleaned_for_strict_xml(char: str) -> None:
    text = f"ligne\nab{char}c{char}d"
    code = f"U+{ord(char):04X}"
    # Once per line, at its first column.
    assert refused_in(text) == [Refused(line=2, column=3, code=code)]
    cleaned = clean(text)
    assert refused_in(cleaned) == []
    # Separators become a space, anything else the visible replacement character.
    instead = " " if char.isspace() else "\ufffd"
    assert cleaned == f"ligne\nab{instead}c{instead}d"
    assert etree.fromstring(f"<p>{cleaned}</p>".encode()).text == cleaned


# --------------------------------------------------------------------------- greffier check


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def refusals(root: Path) -> list[str]:
    _, diagnostics = load_corpus(root, language="en")
    return [str(d) for d in diagnostics if "invisible character" in d.message]


RAW = (
    "invisible character {code} not allowed (column {column}): XML and HTML refuse it "
    "(often pasted from Word or a PDF: delete it, or retype the text around it)"
)
ESCAPED = (
    "this value holds the invisible character {code}, written as a '\\…' escape between quotes: "
    "XML and HTML refuse it (remove that escape from the value)"
)


def test_check_reports_every_refused_character_of_every_file_kind_in_one_run(
    demo: Path,
) -> None:
    folder = demo / DEMO
    edit(folder / "process.yml", "title: Concertation sur", "title: Concertation\x92 sur")
    edit(folder / "process.yml", "    title: Arbres", "    title: \x85Arbres")
    edit(folder / "meetings/2026-03-12-reunion.md", "de lancement", "de lancement\x0b")
    edit(folder / "contributions/c-001.md", "channel: paper", "channel: paper\nauthor: A\x0cB")
    edit(folder / "contributions/c-001.md", "Gardez les", "Gardez\x00 les")
    edit(
        folder / "documents.yml",
        "Guide de la concertation",
        '"Guide\\x9f\\uFFFF de la concertation"',
    )
    edit(folder / "commitments.yml", "title: Conserver", "title: Conserver\U0010fffe")
    edit(folder / "index.md", "réaménagée", "réaménagée\ufdd0")
    edit(folder / "documents/guide.md", "Écrivez-nous", "\x1bÉcrivez-nous")
    edit(folder / "documents/dossier-facile.md", "La ville", "La\x08 ville")
    (folder / "redactions.yml").write_text(
        '- path: "x\\x85"\n  reason: demande\n', encoding="utf-8"
    )

    raw = (
        ("commitments.yml", 2, 19, "U+10FFFE"),
        ("contributions/c-001.md", 4, 10, "U+000C"),
        ("contributions/c-001.md", 9, 7, "U+0000"),
        ("documents/dossier-facile.md", 1, 3, "U+0008"),
        ("documents/guide.md", 3, 1, "U+001B"),
        ("index.md", 1, 35, "U+FDD0"),
        ("meetings/2026-03-12-reunion.md", 2, 37, "U+000B"),
        ("process.yml", 1, 20, "U+0092"),
        ("process.yml", 11, 12, "U+0085"),
    )
    escaped = (
        ("documents.yml", 10, "U+009F"),
        ("documents.yml", 10, "U+FFFF"),
        ("redactions.yml", 1, "U+0085"),
    )
    expected = [
        f"{DEMO}/{path}:{line}: error: " + RAW.format(code=code, column=column)
        for path, line, column, code in raw
    ] + [
        f"{DEMO}/{path}:{line}: error: " + ESCAPED.format(code=code) for path, line, code in escaped
    ]
    assert sorted(refusals(demo)) == sorted(expected)


def test_greffier_check_fails_in_the_site_language_at_the_line(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    meeting = tmp_path / "processes" / BUDGET / "meetings" / f"{MEETING}.md"
    edit(meeting, "title: Réunion publique", "title: Réunion\x92 publique")
    result = CliRunner().invoke(main, ["check", "--config", str(config)])
    assert result.exit_code == 1, result.output
    assert (
        f"processes/{BUDGET}/meetings/{MEETING}.md:2: error: caractère invisible U+0092 interdit "
        "(colonne 15) : XML et HTML le refusent (souvent collé depuis Word ou un PDF : "
        "supprimez-le, ou retapez le texte autour)"
    ) in result.output.splitlines()
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- no Markdown path


def quoted(value: str, after: str) -> str:
    """`value` as a double-quoted YAML scalar, followed by `after` as written (an escape)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + after + '"'


def hostile_fields(root: Path, titles: str, contribution: str) -> None:
    """The attack payloads in a process title and a meeting title, followed by `titles`, and in
    a contribution's author and reference, followed by `contribution` (YAML text: a raw
    character or an escape)."""
    processes = root / "processes"
    edit(
        processes / BUDGET / "process.yml",
        "title: Budget 2026 du conseil de quartier Gare – Les Aulnes",
        "title: " + quoted(f"Budget {ATTRIBUTE}", titles),
    )
    edit(
        processes / BUDGET / "meetings" / f"{MEETING}.md",
        "title: Réunion publique de lancement",
        "title: " + quoted(ELEMENT, titles),
    )
    edit(
        processes / TRAM / "contributions" / "c-0001.md",
        "author: Martine Roussel",
        f"author: {quoted(ELEMENT, contribution)}\nreference: {quoted(ATTRIBUTE, contribution)}",
    )
    edit(processes / TRAM / "process.yml", "author_display: initials", "author_display: full")


def test_check_refuses_the_payloads_with_a_c1_character(tmp_path: Path) -> None:
    make_project(tmp_path)
    hostile_fields(tmp_path, "\x9b", "\x9b")
    found = [line.split(": error: ")[0] for line in refusals(tmp_path)]
    assert found == [
        f"processes/{BUDGET}/meetings/{MEETING}.md:2",
        f"processes/{BUDGET}/process.yml:3",
        f"processes/{TRAM}/contributions/c-0001.md:4",
        f"processes/{TRAM}/contributions/c-0001.md:5",
    ]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The payloads in a built site: without a refused character in the contribution, with a C1
    character (written as an escape) in the titles. The loader's rule is off for this build, as
    if a character had got past it: the plugin alone must keep pages out of MkDocs' YAML and
    Markdown (it used to write each as front matter, which YAML refused there, and MkDocs then
    rendered it as Markdown with `attr_list` and `md_in_html`)."""
    root = tmp_path_factory.mktemp("hostile")
    config = make_project(root)
    hostile_fields(root, "\\x92", "")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(characters, "_REFUSED", re.compile("(?!)"))
        return build_project(config)


def elements(html: bytes) -> list[etree._Element]:
    tree = html5lib.parse(html, treebuilder="lxml", namespaceHTMLElements=False)
    return [element for element in tree.iter() if isinstance(element.tag, str)]


def test_no_payload_becomes_an_element_or_a_handler(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        for element in elements(path.read_bytes()):
            names = {name.lower() for name in element.attrib}
            assert not {n for n in names if n.startswith("on")}, (path, element.attrib)
            assert not names & {"autofocus", "markdown"}, (path, element.attrib)


def test_payloads_are_shown_as_the_text_they_are(hostile_site: Path) -> None:
    overview = page(hostile_site, f"/{BUDGET}/")
    assert f"Budget {ATTRIBUTE}\x92" in text_of(overview).replace("&quot;", '"')
    assert f"<title>Budget {ATTRIBUTE}\x92 - " in overview
    meeting = page(hostile_site, f"/{BUDGET}/meetings/{MEETING}/")
    assert "&lt;div markdown=" in meeting and "<div markdown" not in meeting
    contribution = page(hostile_site, f"/{TRAM}/contributions/c-0001/")
    assert ATTRIBUTE in text_of(contribution) and "&lt;div markdown=" in contribution


# --------------------------------------------------------------------------- what nobody can fix

SUBJECT = "Mise en ligne\x0c du\x0b lancement\x92"
OLD_BODY = "Ancien ordre du jour\x0c avec un saut de page et un \x9b C1."


def commit(root: Path, message: str, author: str) -> None:
    """A commit of everything, its message and author name kept exactly (controls included)."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "mission@example.org",
        "GIT_COMMITTER_NAME": "Mission",
        "GIT_COMMITTER_EMAIL": "mission@example.org",
        "GIT_AUTHOR_DATE": "2026-10-16T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-10-16T10:00:00+00:00",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    message_file = root.parent / "message.txt"
    message_file.write_text(message, encoding="utf-8")
    for args in (["add", "-A"], ["commit", "-q", "--cleanup=verbatim", "-F", str(message_file)]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A first commit whose message, author name and meeting file hold refused characters (the
    title through a YAML escape, the body as is), with two contributions whose file names hold
    a form feed and a byte that is not UTF-8; a second one that fixes the meeting and removes
    those contributions."""
    root = tmp_path_factory.mktemp("history") / "site"
    root.mkdir()
    config = make_project(root)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    meeting = root / "processes" / BUDGET / "meetings" / f"{MEETING}.md"
    final = meeting.read_text(encoding="utf-8")
    edit(meeting, "Réunion publique de lancement", '"Réunion\\f\\x85\\x9c publique"')
    meeting.write_text(meeting.read_text(encoding="utf-8") + OLD_BODY + "\n", encoding="utf-8")
    contributions = root / "processes" / BUDGET / "contributions"
    odd_names = [bytes(contributions / name) for name in ("ancienne\x0c.md", "autre.md")]
    odd_names[1] = odd_names[1].replace(b"autre", b"autre\xff")
    for name in odd_names:
        Path(os.fsdecode(name)).write_bytes(b"---\nreceived: 2026-03-01\nchannel: paper\n---\nA.\n")
    commit(root, f"{SUBJECT}\n\nCorps\x1f du message\x85.\n", "Jean\x92 Dupont\x7f")
    meeting.write_text(final, encoding="utf-8")
    for name in odd_names:
        os.remove(name)
    commit(root, "Correction\x0c du titre", "Mission")
    return build_project(config)


def test_feeds_parse_strictly(history_site: Path) -> None:
    feeds = sorted(history_site.rglob("*.atom"))
    assert len(feeds) == 3
    for feed in feeds:
        root = etree.fromstring(feed.read_bytes())
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    whole = (history_site / "feed.atom").read_text(encoding="utf-8")
    assert f"Mise en ligne  du  lancement{chr(0xFFFD)}" in whole


def test_no_published_text_holds_a_refused_character(history_site: Path) -> None:
    texts = [
        path
        for path in history_site.rglob("*")
        if path.suffix in {".html", ".atom", ".xml", ".ics", ".json", ".svg", ".txt", ".md"}
    ]
    assert len(texts) > 100
    for path in texts:
        assert refused_in(path.read_text(encoding="utf-8")) == [], path


def test_history_and_journal_show_the_cleaned_texts(history_site: Path) -> None:
    history = text_of(page(history_site, f"/{BUDGET}/meetings/{MEETING}/history/"))
    assert "Mise en ligne du lancement\ufffd" in history
    # The old title, among the changed fields: the cleaned character is among the words deleted.
    assert re.search(r"Titre : Réunion ?\[début de suppression\] ?\ufffd", history)
    first = re.findall(
        r'<li id="v([0-9a-f]{10})">', page(history_site, f"/{BUDGET}/meetings/{MEETING}/history/")
    )[-1]
    version = text_of(page(history_site, f"/{BUDGET}/meetings/{MEETING}/history/{first}/"))
    assert "Ancien ordre du jour avec un saut de page et un \ufffd C1." in version
    # The journal names items, not messages: only the scan above concerns it. Feeds quote them.
    journal = text_of(page(history_site, f"/{BUDGET}/journal/"))
    assert "Modifié : réunion Réunion publique de lancement" in journal
    # Removed files are named by their paths, cleaned like any text.
    assert "Supprimé : contribution ancienne .md" in journal
    assert "Supprimé : contribution autre\ufffd.md" in journal


# --------------------------------------------------------------------------- importers


def test_an_import_writes_what_check_accepts(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    export = tmp_path / "export.csv"
    export.write_text(
        "Numéro;Date;Sujet;Votre avis\n"
        "1;03/11/2026;Arrêt\x0bde bus\x92;Première ligne\x0bseconde ligne\x9b.\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "mapping.yml"
    mapping.write_text(
        "prefix: formulaire\nplatform: Formulaire\nfields:\n  id: Numéro\n  received: Date\n"
        "  channel: {value: online}\n  title: Sujet\n  body: Votre avis\n",
        encoding="utf-8",
    )
    arguments = ["csv", str(export), "--process", TRAM, "--map", str(mapping)]
    result = CliRunner().invoke(main, ["import", "-f", str(config), *arguments])
    assert result.exit_code == 0, result.output
    corpus, diagnostics = load_corpus(tmp_path)
    assert not diagnostics.errors, [str(d) for d in diagnostics.errors]
    imported = {c.id: c for c in corpus.process(TRAM).contributions}["formulaire-1"]
    assert imported.body == "# Arrêt de bus\ufffd\n\nPremière ligne seconde ligne\ufffd."
