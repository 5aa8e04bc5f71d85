"""`greffier import minutes`: minutes written in a word processor (DOCX and ODT made here by
pandoc from Markdown), HTML or reStructuredText, imported back as draft Markdown minutes with
their headings, tables and images, then built into a real site."""

from __future__ import annotations

import base64
import datetime as dt
import re
from pathlib import Path

import pypandoc
import pytest
from click.testing import CliRunner, Result
from site_builds import REFERENCE_DAY, build_project, make_project

from greffier.cli import main
from greffier.formats.frontmatter import split_front_matter
from greffier.i18n.wording import Wording
from greffier.importers.common import open_target
from greffier.importers.minutes import import_minutes
from greffier.load import load_corpus

SLUG = "tramway-ligne-b"
MEETINGS = {"docx": "2026-11-05-balade-urbaine", "odt": "2026-11-19-atelier-stationnement"}
"""Held meetings of the example that have no minutes yet."""
# A one-pixel PNG, embedded in the DOCX to check that images are extracted and declared.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
SOURCE = """\
# Compte rendu de la balade

Une quarantaine de participants.

## Ce qui a été dit

| Lieu | Remarque | Votes |
|---|---|---|
| Place du Marché | Trottoirs trop étroits | 12 |
| Rue de la Gare | Manque de bancs | 7 |

- Élargir les trottoirs.
- Ajouter des bancs.

### Suites

1. Étude des trottoirs.
2. Réponse en réunion de clôture.

![Le parcours de la balade](parcours.png)
"""


def written(source: Path, to: str) -> Path:
    """`SOURCE` converted by pandoc, as an organiser's word processor would have saved it."""
    (source.parent / "parcours.png").write_bytes(PIXEL)
    (source.parent / "source.md").write_text(SOURCE, encoding="utf-8")
    pypandoc.convert_file(
        str(source.parent / "source.md"),
        to,
        outputfile=str(source),
        extra_args=[f"--resource-path={source.parent}"],
    )
    return source


def run(config: Path, *arguments: str) -> Result:
    return CliRunner().invoke(main, ["import", "-f", str(config), "minutes", *arguments])


def minutes_file(config: Path, meeting: str) -> Path:
    return config.parent / "processes" / SLUG / "minutes" / f"{meeting}.md"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example site with DOCX and ODT minutes imported; returns its mkdocs.yml."""
    root = tmp_path_factory.mktemp("minutes")
    config = make_project(root / "site", options={"drafts": True})
    for kind, meeting in MEETINGS.items():
        source = written(root / f"compte-rendu.{kind}", kind)
        result = run(config, str(source), "--process", SLUG, "--meeting", meeting)
        assert result.exit_code == 0, result.output
    return config


@pytest.fixture(scope="module")
def built(imported: Path) -> Path:
    return build_project(imported)


@pytest.mark.parametrize("kind", list(MEETINGS))
def test_headings_tables_and_lists_are_kept(imported: Path, kind: str) -> None:
    body = minutes_file(imported, MEETINGS[kind]).read_text(encoding="utf-8")
    assert "\n# Compte rendu de la balade\n" in body
    assert "\n## Ce qui a été dit\n" in body
    assert "\n### Suites\n" in body
    assert re.search(r"^\| Lieu +\| Remarque +\| Votes \|$", body, re.MULTILINE)
    assert re.search(r"^\| Place du Marché \| Trottoirs trop étroits \| 12 +\|$", body, re.M)
    assert "- Élargir les trottoirs." in body
    assert re.search(r"^1\. +Étude des trottoirs\.$", body, re.MULTILINE)


def test_the_imported_minutes_are_valid_drafts(imported: Path) -> None:
    corpus, diagnostics = load_corpus(imported.parent, reference=REFERENCE_DAY)
    assert [str(d) for d in diagnostics] == []
    process = corpus.process(SLUG)
    minutes = {m.id: m for m in process.minutes}
    meetings = {m.id: m for m in process.meetings}
    for meeting in MEETINGS.values():
        assert minutes[meeting].data.meeting == meeting
        assert minutes[meeting].data.draft is True
        # Published the day of the meeting, not the day of the import.
        assert minutes[meeting].data.published == meetings[meeting].data.start.date()


def test_images_are_extracted_declared_as_drafts_and_linked(imported: Path) -> None:
    meeting = MEETINGS["docx"]
    process = imported.parent / "processes" / SLUG
    image = process / "documents" / f"{meeting}-media" / "image-1.png"
    assert image.read_bytes() == PIXEL
    body = minutes_file(imported, meeting).read_text(encoding="utf-8")
    assert f"![Le parcours de la balade](../documents/{meeting}-media/image-1.png)" in body
    corpus, _ = load_corpus(imported.parent, reference=REFERENCE_DAY)
    declared = {d.id: d for d in corpus.process(SLUG).documents}[f"{meeting}-image-1"]
    assert declared.data.file == f"documents/{meeting}-media/image-1.png"
    assert declared.data.draft is True


def test_the_site_builds_with_the_imported_minutes(built: Path) -> None:
    page = (built / SLUG / "minutes" / MEETINGS["odt"] / "index.html").read_text()
    # The minutes' own top heading sits under the page's <h1>.
    assert re.search(r"<h2[^>]*>Compte rendu de la balade</h2>", page)
    assert re.search(r"<h3[^>]*>Ce qui a été dit</h3>", page)
    assert re.search(r'<th scope="col"[^>]*>Lieu</th>', page)
    assert re.search(r"<td[^>]*>Trottoirs trop étroits</td>", page)
    docx_page = (built / SLUG / "minutes" / MEETINGS["docx"] / "index.html").read_text()
    image = re.search(r'<img [^>]*src="([^"]+image-1\.png)"', docx_page)
    assert image is not None
    assert (built / SLUG / "minutes" / MEETINGS["docx"] / image.group(1)).resolve().is_file()


# --------------------------------------------------------------------------- other inputs

HTML = """<html><head><title>CR</title></head><body>
<h1>Réunion</h1><h2>Tableau</h2>
<table>
<tr><th>Sujet</th><th>Avis</th><th>Suite</th></tr>
<tr><td rowspan="2">Bancs</td><td colspan="2">Pour, à l'unanimité</td></tr>
<tr><td><ul><li>un</li><li>deux</li></ul></td><td><p>oui</p><p>vite</p></td></tr>
</table>
<p>Joindre le standard au 03 20 49 50 00 ou Paul au 06 12 34 56 78.</p>
</body></html>
"""
RST = """\
Réunion
=======

Tableau
-------

=======  ======
Sujet    Avis
=======  ======
Bancs    Pour
Arbres   Contre
=======  ======
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site")


def test_html_tables_with_merged_cells_become_pipe_tables(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "cr.html"
    source.write_text(HTML, encoding="utf-8")
    meeting = MEETINGS["docx"]
    result = run(project, str(source), "--process", SLUG, "--meeting", meeting)
    body = minutes_file(project, meeting).read_text(encoding="utf-8")
    assert "[TABLE]" not in body
    rows = [line for line in body.splitlines() if line.startswith("|") and "---" not in line]
    assert [[cell.strip() for cell in row.strip("|").split("|")] for row in rows] == [
        ["Sujet", "Avis", "Suite"],
        ["Bancs", "Pour, à l'unanimité", ""],
        ["", "un; deux", "oui; vite"],
    ]
    # The personal data check runs on the result: both numbers are found, at their line.
    line = body.splitlines().index(
        "Joindre le standard au 03 20 49 50 00 ou Paul au 06 12 34 56 78."
    )
    assert result.exit_code == 1
    findings = [out.split(": error:")[0] for out in result.output.splitlines() if ": error:" in out]
    assert findings == [f"{minutes_file(project, meeting)}:{line + 1}"] * 2


def test_rst_minutes_are_imported(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "cr.rst"
    source.write_text(RST, encoding="utf-8")
    meeting = MEETINGS["odt"]
    result = run(project, str(source), "--process", SLUG, "--meeting", meeting)
    assert result.exit_code == 0, result.output
    body = minutes_file(project, meeting).read_text(encoding="utf-8")
    assert "\n# Réunion\n" in body and "\n## Tableau\n" in body
    assert re.search(r"^\| Arbres +\| Contre \|$", body, re.MULTILINE)
    _, diagnostics = load_corpus(project.parent, reference=REFERENCE_DAY)
    assert [str(d) for d in diagnostics] == []


def test_an_unknown_meeting_is_refused_with_the_known_ones(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "cr.rst"
    source.write_text(RST, encoding="utf-8")
    result = run(project, str(source), "--process", SLUG, "--meeting", "2026-11-06-balade")
    assert result.exit_code == 1
    assert "réunion inconnue « 2026-11-06-balade »" in result.output
    assert f"{MEETINGS['docx']}, 2026-11-12-reunion-breval" in result.output
    assert not minutes_file(project, "2026-11-06-balade").exists()


def test_existing_minutes_are_replaced_only_with_force(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "cr.rst"
    source.write_text(RST, encoding="utf-8")
    meeting = "2026-10-22-atelier-stations"
    before = minutes_file(project, meeting).read_text(encoding="utf-8")
    refused = run(project, str(source), "--process", SLUG, "--meeting", meeting)
    assert refused.exit_code == 1
    assert "--force" in refused.output
    assert minutes_file(project, meeting).read_text(encoding="utf-8") == before
    forced = run(project, str(source), "--process", SLUG, "--meeting", meeting, "--force")
    assert forced.exit_code == 0, forced.output
    after = minutes_file(project, meeting).read_text(encoding="utf-8")
    assert "| Arbres " in after and "## Déroulé" not in after
    # The header the organiser completed stays: publication date, attendance, authors.
    assert split_front_matter(after).yaml == split_front_matter(before).yaml
    assert "draft" not in split_front_matter(after).yaml


def test_an_unsupported_format_is_refused(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "cr.pdf"
    source.write_bytes(b"%PDF-1.7")
    target = open_target(project.parent / "processes", SLUG, Wording("en"))
    with pytest.raises(Exception, match=r"unsupported format; import a \.docx, .*\.odt"):
        import_minutes(source, target, MEETINGS["docx"], Wording("en"), today=dt.date(2026, 11, 26))


def test_a_document_cannot_make_pandoc_read_other_files(project: Path, tmp_path: Path) -> None:
    # pandoc runs sandboxed: an image naming a file of the machine is listed, never copied.
    secret = tmp_path / "secret.png"
    secret.write_bytes(PIXEL)
    source = tmp_path / "cr.html"
    source.write_text(f'<h1>Réunion</h1><p><img src="{secret}" alt="x"></p>', encoding="utf-8")
    meeting = MEETINGS["odt"]
    result = run(project, str(source), "--process", SLUG, "--meeting", meeting)
    assert result.exit_code == 0, result.output
    assert f"image non importée : {secret} ;" in result.output
    assert not (project.parent / "processes" / SLUG / "documents" / f"{meeting}-media").exists()


# --------------------------------------------------------------------------- the meeting too


def test_the_meeting_is_written_from_the_file_name(project: Path, tmp_path: Path) -> None:
    source = written(tmp_path / "2026-12-03-Réunion de clôture.docx", "docx")
    result = run(project, str(source), "--process", SLUG, "--create-meeting")
    assert result.exit_code == 0, result.output
    meeting_id = "2026-12-03-reunion-de-cloture"
    meeting_path = project.parent / "processes" / SLUG / "meetings" / f"{meeting_id}.md"
    assert f"réunion écrite dans {meeting_path}, en brouillon" in result.output
    corpus, diagnostics = load_corpus(project.parent, reference=REFERENCE_DAY)
    assert [str(d) for d in diagnostics] == []
    process = corpus.process(SLUG)
    meeting = {m.id: m for m in process.meetings}[meeting_id].data
    assert meeting.title == "Réunion de clôture"
    assert meeting.start.date() == dt.date(2026, 12, 3)
    assert (meeting.status.value, meeting.draft) == ("held", True)
    minutes = {m.id: m for m in process.minutes}[meeting_id]
    assert minutes.data.published == dt.date(2026, 12, 3)
    assert minutes.body.startswith("# Compte rendu de la balade\n")


def test_the_meeting_from_a_date_and_a_title(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "cr.rst"
    source.write_text(RST, encoding="utf-8")
    arguments = ["--create-meeting", "--date", "2026-12-10", "--title", "Atelier vélo"]
    result = run(project, str(source), "--process", SLUG, *arguments)
    assert result.exit_code == 0, result.output
    text = minutes_file(project, "2026-12-10-atelier-velo").read_text(encoding="utf-8")
    assert "\npublished: 2026-12-10\n" in text
    meeting = project.parent / "processes" / SLUG / "meetings" / "2026-12-10-atelier-velo.md"
    assert 'title: "Atelier vélo"' in meeting.read_text(encoding="utf-8")
    # Once it exists, the same command imports into it again rather than refusing.
    again = run(project, str(source), "--process", SLUG, *arguments, "--force")
    assert again.exit_code == 0, again.output
    assert "réunion écrite" not in again.output


def test_which_meeting_and_when_must_be_known(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "cr.rst"
    source.write_text(RST, encoding="utf-8")
    unnamed = run(project, str(source), "--process", SLUG)
    assert unnamed.exit_code == 1
    assert "quelle réunion ? donnez son identifiant avec --meeting" in unnamed.output
    undated = run(project, str(source), "--process", SLUG, "--create-meeting")
    assert undated.exit_code == 1
    assert "date de la réunion inconnue : donnez-la avec --date" in undated.output
    assert not (project.parent / "processes" / SLUG / "minutes" / "cr.md").exists()
