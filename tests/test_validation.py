"""One test per validation rule: a valid process folder, broken in one place, gives one exact line.

The fixture in tests/fixtures/validation is copied to a temporary repository; each test breaks one
thing and asserts the whole `path:line: severity: message (hint)` output of the loader.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from greffier.load import load_corpus
from greffier.models import Corpus

FIXTURE = Path(__file__).parent / "fixtures" / "validation"
TODAY = dt.datetime(2026, 3, 15, tzinfo=dt.UTC)
P = "processes/demo"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def load(root: Path) -> tuple[Corpus, list[str]]:
    corpus, diagnostics = load_corpus(root, reference=TODAY)
    return corpus, [str(d) for d in diagnostics]


def problems(root: Path) -> list[str]:
    return load(root)[1]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --------------------------------------------------------------------------- valid content


def test_valid_fixture_loads_without_problems(repo: Path) -> None:
    corpus, found = load(repo)
    assert found == []
    process = corpus.process("demo")
    assert process.source.path == f"{P}/process.yml"
    assert [m.id for m in process.meetings] == ["2026-03-12-reunion"]
    assert [c.id for c in process.contributions] == ["c-001", "c-002"]
    assert [d.id for d in process.documents] == ["dossier", "guide"]
    assert process.presentation == "La place du Marché sera réaménagée en 2027."
    assert process.meetings[0].body == "Présentation du projet et échanges."
    assert corpus.reference_date == TODAY


@pytest.mark.parametrize("start", ["2026-03-12", "2026-03-12T18:30:00", "2026-03-12 18:30"])
def test_meeting_time_without_offset_is_an_error(repo: Path, start: str) -> None:
    # Published as "from midnight" or in a guessed time zone, it would mislead participants.
    edit(repo / P / "meetings/2026-03-12-reunion.md", "2026-03-12T18:30:00+01:00", start)
    assert problems(repo) == [
        f"{P}/meetings/2026-03-12-reunion.md:3: error: '{start}' lacks the time or its UTC "
        "offset (expected YYYY-MM-DDTHH:MM with an offset, e.g. 2026-03-12T18:30:00+01:00)"
    ]


def test_documents_carry_size_digest_and_markdown_body(repo: Path) -> None:
    corpus, _ = load(repo)
    dossier, guide = corpus.process("demo").documents
    pdf = (repo / P / "documents" / "dossier.pdf").read_bytes()
    assert (dossier.size, dossier.sha256) == (len(pdf), hashlib.sha256(pdf).hexdigest())
    assert dossier.body is None
    assert dossier.source.path == f"{P}/documents.yml"
    guide_text = (repo / P / "documents/guide.md").read_text(encoding="utf-8")
    assert (guide.source.line, guide.body) == (8, guide_text.strip())


def test_drafts_are_validated_and_kept(repo: Path) -> None:
    edit(repo / P / "contributions/c-002.md", "channel: online", "channel: online\ndraft: true")
    corpus, found = load(repo)
    assert found == []
    assert corpus.process("demo").contributions[1].data.draft is True


def test_draft_referenced_by_published_item_is_a_warning(repo: Path) -> None:
    edit(repo / P / "contributions/c-001.md", "channel: paper", "channel: paper\ndraft: true")
    assert problems(repo) == [
        f"{P}/commitments.yml:5: warning: refers to the draft contribution 'c-001', which is not "
        "published (publish the contribution (remove 'draft: true') or remove the reference)",
        f"{P}/contributions/c-002.md:5: warning: refers to the draft contribution 'c-001', which "
        "is not published (publish the contribution (remove 'draft: true') or remove the "
        "reference)",
    ]


# --------------------------------------------------------------------------- file contents


def test_invalid_yaml(repo: Path) -> None:
    edit(repo / P / "process.yml", "kind: concertation-prealable", "kind: [concertation")
    assert problems(repo) == [
        f"{P}/process.yml:7: error: invalid YAML: expected ',' or ']', but got ':' (check the "
        "indentation and quote values containing ': ' or starting with a symbol)"
    ]


def test_invalid_yaml_in_front_matter_points_at_the_file_line(repo: Path) -> None:
    edit(repo / P / "meetings/2026-03-12-reunion.md", "format: hybrid", "format: hybrid: yes")
    assert problems(repo) == [
        f"{P}/meetings/2026-03-12-reunion.md:5: error: invalid YAML: mapping values are not "
        "allowed here (check the indentation and quote values containing ': ' or starting "
        "with a symbol)"
    ]


def test_duplicate_yaml_key(repo: Path) -> None:
    edit(repo / P / "process.yml", "closes: 2026-04-30", "closes: 2026-04-30\nopens: 2026-03-02")
    assert problems(repo) == [
        f"{P}/process.yml:6: error: invalid YAML: the key 'opens' appears twice (check the "
        "indentation and quote values containing ': ' or starting with a symbol)"
    ]


def test_missing_required_field(repo: Path) -> None:
    edit(repo / P / "process.yml", "opens: 2026-03-01\n", "")
    assert problems(repo) == [f"{P}/process.yml:1: error: missing required field 'opens'"]


def test_missing_required_nested_field_points_at_its_parent(repo: Path) -> None:
    edit(repo / P / "meetings/2026-03-12-reunion.md", "  name: Salle des fêtes\n", "")
    assert problems(repo) == [
        f"{P}/meetings/2026-03-12-reunion.md:6: error: missing required field 'name'"
    ]


def test_missing_required_front_matter_field(repo: Path) -> None:
    edit(repo / P / "contributions/c-002.md", "channel: online\n", "")
    assert problems(repo) == [
        f"{P}/contributions/c-002.md:1: error: missing required field 'channel'"
    ]


def test_wrong_type(repo: Path) -> None:
    edit(repo / P / "process.yml", "kind:", "guarantors: Jeanne Dupont\nkind:")
    assert problems(repo) == [
        f"{P}/process.yml:6: error: expected a list, got the text 'Jeanne Dupont' "
        "(write one '- item' per line)"
    ]


def test_number_where_text_is_expected(repo: Path) -> None:
    edit(repo / P / "process.yml", "kind: concertation-prealable", "kind: 2026")
    assert problems(repo) == [
        f"{P}/process.yml:6: error: expected text, got the number 2026 "
        "(put the value in quotes if it is meant as text)"
    ]


def test_bad_date(repo: Path) -> None:
    edit(repo / P / "process.yml", "opens: 2026-03-01", "opens: 2026-02-30")
    assert problems(repo) == [
        f"{P}/process.yml:4: error: '2026-02-30' is not a valid date "
        "(expected YYYY-MM-DD, e.g. 2026-03-12)"
    ]


def test_bad_date_in_front_matter(repo: Path) -> None:
    edit(
        repo / P / "minutes/2026-03-12-reunion.md", "published: 2026-03-20", "published: 20/03/2026"
    )
    assert problems(repo) == [
        f"{P}/minutes/2026-03-12-reunion.md:3: error: '20/03/2026' is not a valid date "
        "(expected YYYY-MM-DD, e.g. 2026-03-12)"
    ]


def test_received_date_stays_a_date_and_date_time_keeps_its_offset(repo: Path) -> None:
    first, second = load(repo)[0].process("demo").contributions
    assert first.data.received == dt.date(2026, 3, 13)
    assert isinstance(second.data.received, dt.datetime)
    assert second.data.received.isoformat() == "2026-03-14T09:00:00+01:00"
    edit(repo / P / "contributions/c-002.md", "T09:00:00+01:00", "T09:00:00")
    assert problems(repo) == [
        f"{P}/contributions/c-002.md:2: error: '2026-03-14T09:00:00' lacks the time or its UTC "
        "offset (expected YYYY-MM-DDTHH:MM with an offset, e.g. 2026-03-12T18:30:00+01:00)"
    ]


def test_bad_date_or_datetime(repo: Path) -> None:
    edit(repo / P / "contributions/c-001.md", "received: 2026-03-13", "received: 2026-03-32")
    assert problems(repo) == [
        f"{P}/contributions/c-001.md:2: error: '2026-03-32' is not a valid date or date-time "
        "(expected YYYY-MM-DD, e.g. 2026-03-12)"
    ]


def test_bad_datetime(repo: Path) -> None:
    edit(repo / P / "meetings/2026-03-12-reunion.md", "T18:30:00+01:00\n", "T25:30:00+01:00\n")
    assert problems(repo) == [
        f"{P}/meetings/2026-03-12-reunion.md:3: error: '2026-03-12T25:30:00+01:00' is not a valid "
        "date-time (expected YYYY-MM-DDTHH:MM with an offset, e.g. 2026-03-12T18:30:00+01:00)"
    ]


def test_bad_choice_suggests_the_closest(repo: Path) -> None:
    edit(repo / P / "contributions/c-001.md", "channel: paper", "channel: papier")
    assert problems(repo) == [
        f"{P}/contributions/c-001.md:3: error: 'papier' is not one of: online, meeting, paper, "
        "email, post, phone, workshop (did you mean 'paper'?)"
    ]


def test_unknown_field_suggests_the_closest(repo: Path) -> None:
    edit(repo / P / "meetings/2026-03-12-reunion.md", "title:", "titel:")
    assert problems(repo) == [
        f"{P}/meetings/2026-03-12-reunion.md:1: error: missing required field 'title'",
        f"{P}/meetings/2026-03-12-reunion.md:2: error: unknown field 'titel' "
        "(did you mean 'title'?)",
    ]


def test_unknown_nested_field_lists_the_allowed_ones(repo: Path) -> None:
    edit(repo / P / "process.yml", "  email:", "  fax: 01 02 03 04 05\n  email:")
    assert problems(repo) == [
        f"{P}/process.yml:14: error: unknown field 'fax' "
        "(allowed fields: address, email, name, phone, url)"
    ]


def test_agenda_item_mapping_reports_its_own_fields(repo: Path) -> None:
    edit(
        repo / P / "meetings/2026-03-12-reunion.md",
        "format: hybrid",
        "format: hybrid\nagenda:\n  - Accueil\n  - titre: Débat\n  - 3",
    )
    assert problems(repo) == [
        f"{P}/meetings/2026-03-12-reunion.md:8: error: missing required field 'title'",
        f"{P}/meetings/2026-03-12-reunion.md:8: error: unknown field 'titre' "
        "(did you mean 'title'?)",
        f"{P}/meetings/2026-03-12-reunion.md:9: error: expected a mapping (key: value lines) "
        "or text, got the number 3",
    ]


def test_javascript_url_is_refused(repo: Path) -> None:
    edit(
        repo / P / "meetings/2026-03-12-reunion.md",
        "online: https://visio.example.org/marche",
        "online: javascript:alert(1)",
    )
    assert problems(repo) == [
        f"{P}/meetings/2026-03-12-reunion.md:9: error: 'javascript:alert(1)' is not a web "
        "address (only http:// and https:// addresses are accepted)"
    ]


def test_registration_with_another_scheme_is_refused(repo: Path) -> None:
    edit(
        repo / P / "meetings/2026-03-12-reunion.md",
        "format: hybrid",
        "format: hybrid\nregistration: data:text/html,hello",
    )
    assert problems(repo) == [
        f"{P}/meetings/2026-03-12-reunion.md:6: error: only http:// and https:// addresses "
        "are accepted"
    ]


def test_unknown_timezone(repo: Path) -> None:
    edit(repo / P / "process.yml", "kind:", "timezone: Europe/Parris\nkind:")
    assert problems(repo) == [
        f"{P}/process.yml:6: error: unknown IANA time zone 'Europe/Parris' (e.g. Europe/Paris)"
    ]


def test_missing_front_matter(repo: Path) -> None:
    (repo / P / "contributions/c-003.md").write_text("Pas de front matter.\n", encoding="utf-8")
    assert problems(repo) == [
        f"{P}/contributions/c-003.md:1: error: missing front matter (start the file with a line "
        "'---', then the fields, then another '---' line)"
    ]


def test_unclosed_front_matter(repo: Path) -> None:
    (repo / P / "contributions/c-003.md").write_text(
        "---\nreceived: 2026-03-13\nchannel: post\n", encoding="utf-8"
    )
    assert problems(repo) == [
        f"{P}/contributions/c-003.md:1: error: the front matter is not closed "
        "(add a line '---' after the last field)"
    ]


def test_documents_file_must_be_a_list(repo: Path) -> None:
    (repo / P / "documents.yml").write_text("file: documents/dossier.pdf\n", encoding="utf-8")
    assert problems(repo) == [
        f"{P}/documents.yml:1: error: documents.yml must be a list of documents "
        "(start each of the documents with '- ' at the beginning of a line)"
    ]


# --------------------------------------------------------------------------- references


def test_unknown_meeting_in_minutes(repo: Path) -> None:
    edit(
        repo / P / "minutes/2026-03-12-reunion.md",
        "meeting: 2026-03-12-reunion",
        "meeting: 2026-03-21-reunion",
    )
    assert problems(repo) == [
        f"{P}/minutes/2026-03-12-reunion.md:2: error: unknown meeting '2026-03-21-reunion' "
        "(did you mean '2026-03-12-reunion'?)"
    ]


def test_unknown_meeting_in_contribution(repo: Path) -> None:
    edit(repo / P / "contributions/c-001.md", "meeting: 2026-03-12-reunion", "meeting: atelier")
    assert problems(repo) == [
        f"{P}/contributions/c-001.md:6: error: unknown meeting 'atelier' "
        "(known: 2026-03-12-reunion; or add meetings/<id>.md)"
    ]


def test_unknown_theme(repo: Path) -> None:
    edit(repo / P / "contributions/c-001.md", "  - arbres", "  - arbre")
    assert problems(repo) == [
        f"{P}/contributions/c-001.md:5: error: unknown theme 'arbre' (did you mean 'arbres'?)"
    ]


def test_unknown_parent_contribution(repo: Path) -> None:
    edit(repo / P / "contributions/c-002.md", "parent: c-001", "parent: c-101")
    assert problems(repo) == [
        f"{P}/contributions/c-002.md:5: error: unknown contribution 'c-101' (did you mean 'c-001'?)"
    ]


def test_contribution_replying_to_itself(repo: Path) -> None:
    edit(repo / P / "contributions/c-002.md", "parent: c-001", "parent: c-002")
    assert problems(repo) == [
        f"{P}/contributions/c-002.md:5: error: a contribution cannot reply to itself"
    ]


def test_unknown_commitment_contribution(repo: Path) -> None:
    edit(repo / P / "commitments.yml", "    - c-001", "    - c-001\n    - c-01")
    assert problems(repo) == [
        f"{P}/commitments.yml:6: error: unknown contribution 'c-01' (did you mean 'c-001'?)"
    ]


def test_unknown_superseded_document(repo: Path) -> None:
    edit(repo / P / "documents.yml", "  title: Guide", "  supersedes: guide-v0\n  title: Guide")
    assert problems(repo) == [
        f"{P}/documents.yml:10: error: unknown document 'guide-v0' (did you mean 'guide'?)"
    ]


def test_duplicate_document_id(repo: Path) -> None:
    edit(repo / P / "documents.yml", "- id: guide", "- id: dossier")
    assert problems(repo) == [
        f"{P}/documents.yml:8: error: duplicate document id 'dossier' (already used at line 1) "
        "(give each one a different id)"
    ]


def test_duplicate_theme_id(repo: Path) -> None:
    edit(repo / P / "process.yml", "  - id: arbres", "  - id: mobilite")
    assert (
        problems(repo)
        == [
            f"{P}/process.yml:10: error: duplicate theme id 'mobilite' (already used at line 8) "
            "(give each one a different id)",
            f"{P}/contributions/c-001.md:5: error: unknown theme 'arbres' "
            "(known: mobilite; or declare it under 'themes:' in process.yml)",
        ][::-1]
    )


def test_duplicate_commitment_id(repo: Path) -> None:
    with (repo / P / "commitments.yml").open("a", encoding="utf-8") as stream:
        stream.write("- id: platanes\n  title: Planter des arbres\n")
    assert problems(repo) == [
        f"{P}/commitments.yml:6: error: duplicate commitment id 'platanes' "
        "(already used at line 1) (give each one a different id)"
    ]


# --------------------------------------------------------------------------- ids and folders


def test_folder_name_must_be_a_slug(repo: Path) -> None:
    (repo / P).rename(repo / "processes/Place du Marché")
    assert problems(repo) == [
        "processes/Place du Marché:1: error: the folder name 'Place du Marché' is not a valid "
        "URL slug (rename the folder using lowercase letters, digits and '-' only, e.g. "
        "'place-du-marche')"
    ]


def test_reserved_contribution_id(repo: Path) -> None:
    (repo / P / "contributions/c-002.md").rename(repo / P / "contributions/page.md")
    assert problems(repo) == [
        f"{P}/contributions/page.md:1: error: the id 'page' is reserved for a contributions "
        "listing page (rename the file, e.g. to 'page-1.md')"
    ]


def test_invalid_item_id_from_file_name(repo: Path) -> None:
    (repo / P / "contributions/c-002.md").rename(repo / P / "contributions/avis de Jeanne.md")
    assert problems(repo) == [
        f"{P}/contributions/avis de Jeanne.md:1: error: the file name gives the id "
        "'avis de Jeanne', which is not valid (rename the file using letters, digits, '.', '_' "
        "and '-' only)"
    ]


def test_non_markdown_file_among_meetings(repo: Path) -> None:
    (repo / P / "meetings/affiche.pdf").write_bytes(b"%PDF-1.4\n")
    assert problems(repo) == [
        f"{P}/meetings/affiche.pdf:1: error: meetings/ holds only Markdown files (<id>.md), "
        "directly in the folder (rename it to .md, move it out of the subfolder, or declare it "
        "in documents.yml under documents/)"
    ]


def test_missing_process_file(repo: Path) -> None:
    (repo / P / "process.yml").unlink()
    assert problems(repo) == [
        f"{P}/process.yml:1: error: process.yml is missing (every process folder needs a "
        "process.yml with title, summary, organiser and opens)"
    ]


def test_unknown_entry_in_process_folder_is_a_warning(repo: Path) -> None:
    (repo / P / "meetings").rename(repo / P / "meeting")
    assert problems(repo) == [
        f"{P}/contributions/c-001.md:6: error: unknown meeting '2026-03-12-reunion' "
        "(there is none yet: add meetings/<id>.md)",
        f"{P}/meeting:1: warning: 'meeting' is not part of the process folder layout and is not "
        "published (did you mean 'meetings'?)",
        f"{P}/minutes/2026-03-12-reunion.md:2: error: unknown meeting '2026-03-12-reunion' "
        "(there is none yet: add meetings/<id>.md)",
    ]


# --------------------------------------------------------------------------- documents


def test_undeclared_document_file(repo: Path) -> None:
    (repo / P / "documents/brouillon.pdf").write_bytes(b"%PDF-1.4\n")
    assert problems(repo) == [
        f"{P}/documents/brouillon.pdf:1: error: this file is not declared in documents.yml "
        "(add an entry '- file: documents/brouillon.pdf' with a title to documents.yml, or "
        "delete the file)"
    ]


def test_missing_document_file(repo: Path) -> None:
    edit(repo / P / "documents.yml", "file: documents/guide.md", "file: documents/guides.md")
    assert problems(repo) == [
        f"{P}/documents.yml:9: error: the file 'documents/guides.md' does not exist "
        "(did you mean 'documents/guide.md'?)",
        f"{P}/documents/guide.md:1: error: this file is not declared in documents.yml "
        "(add an entry '- file: documents/guide.md' with a title to documents.yml, or "
        "delete the file)",
    ]


def test_missing_alternative_file(repo: Path) -> None:
    (repo / P / "documents/dossier-facile.md").unlink()
    assert problems(repo) == [
        f"{P}/documents.yml:6: error: the file 'documents/dossier-facile.md' does not exist "
        "(check the spelling; paths start from the process folder)"
    ]


def test_document_path_outside_the_process_folder(repo: Path) -> None:
    edit(repo / P / "documents.yml", "file: documents/guide.md", "file: ../guide.md")
    (repo / P / "documents/guide.md").unlink()
    assert problems(repo) == [
        f"{P}/documents.yml:9: error: '../guide.md' is outside the process folder (put the file "
        "inside the process folder (e.g. documents/) and write its path from there, with '/' "
        "and without '..')"
    ]


_ESCAPES = (
    "symbolic link leads outside its folder or into a hidden folder such as .git "
    "(it points to {target}): nothing is read or published through it "
    "(copy the file into the process folder instead of linking to it)"
)
_BROKEN = (
    "symbolic link leads nowhere (it points to {target}): a missing file or a loop of links "
    "(remove the link, or copy the file it was meant for here)"
)


def test_symlink_escaping_the_repository(repo: Path) -> None:
    secret = repo.parent / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 secret\n")
    (repo / P / "documents/secret.pdf").symlink_to(secret)
    edit(
        repo / P / "documents.yml",
        "- id: guide",
        "- file: documents/secret.pdf\n  title: S\n- id: guide",
    )
    corpus, found = load(repo)
    assert found == [
        f"{P}/documents.yml:8: error: 'documents/secret.pdf' is reached through the symbolic "
        f"link '{P}/documents/secret.pdf': it is not published "
        "(copy the file into the process folder instead of linking to it)",
        f"{P}/documents/secret.pdf:1: error: " + _ESCAPES.format(target=secret),
    ]
    assert [d.id for d in corpus.process("demo").documents] == ["dossier", "guide"]
    assert not any(d.data.file == "documents/secret.pdf" for d in corpus.process("demo").documents)


def test_process_folder_linked_from_outside_the_repository(repo: Path) -> None:
    outside = repo.parent / "elsewhere"
    (repo / P).rename(outside)
    (repo / P).symlink_to(outside, target_is_directory=True)
    corpus, found = load(repo)
    assert found == [f"{P}:1: error: " + _ESCAPES.format(target=outside)]
    assert corpus.processes == ()


def test_symlink_loop(repo: Path) -> None:
    (repo / P / "documents/a.pdf").symlink_to(repo / P / "documents/b.pdf")
    (repo / P / "documents/b.pdf").symlink_to(repo / P / "documents/a.pdf")
    assert problems(repo) == [
        f"{P}/documents/{name}.pdf:1: error: "
        + _BROKEN.format(target=repo / P / "documents" / f"{other}.pdf")
        for name, other in (("a", "b"), ("b", "a"))
    ]


def test_symlink_inside_the_process_folder_is_fine(repo: Path) -> None:
    (repo / P / "documents/guide.md").rename(repo / P / "guide.md")
    (repo / P / "documents/guide.md").symlink_to(Path("../guide.md"))
    found = problems(repo)
    # The target itself is a file the layout does not know, nothing more.
    assert [line for line in found if "error" in line] == []


def test_symlink_to_another_place_of_the_repository_is_an_error(repo: Path) -> None:
    (repo / P / "documents/guide.md").rename(repo / "guide.md")
    (repo / P / "documents/guide.md").symlink_to(repo / "guide.md")
    assert problems(repo) == [
        f"{P}/documents.yml:9: error: 'documents/guide.md' is reached through the symbolic "
        f"link '{P}/documents/guide.md': it is not published "
        "(copy the file into the process folder instead of linking to it)",
        f"{P}/documents/guide.md:1: error: " + _ESCAPES.format(target=repo / "guide.md"),
    ]


def test_git_lfs_pointer_instead_of_a_document(repo: Path) -> None:
    (repo / P / "documents/dossier.pdf").write_text(
        "version https://git-lfs.github.com/spec/v1\n"
        "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
        "size 12345\n",
        encoding="ascii",
    )
    assert problems(repo) == [
        f"{P}/documents/dossier.pdf:1: error: this is a Git LFS pointer, not the file itself "
        "(run `git lfs install && git lfs pull` so the real file is checked out, then build "
        "again)"
    ]


# --------------------------------------------------------------------------- encodings


def test_latin1_file(repo: Path) -> None:
    path = repo / P / "meetings/2026-03-12-reunion.md"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    assert problems(repo) == [
        f"{P}/meetings/2026-03-12-reunion.md:2: error: not UTF-8: the file looks like Latin-1 "
        "(ISO-8859-1) or Windows-1252 (open it in your editor and save it with the encoding "
        "UTF-8)"
    ]


def test_windows_1252_file(repo: Path) -> None:
    path = repo / P / "index.md"
    path.write_bytes("Première ligne\nL’été « chaud »\n".encode("cp1252"))
    assert problems(repo) == [
        f"{P}/index.md:1: error: not UTF-8: the file looks like Windows-1252 (open it in your "
        "editor and save it with the encoding UTF-8)"
    ]


def test_utf16_file(repo: Path) -> None:
    path = repo / P / "process.yml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert problems(repo) == [
        f"{P}/process.yml:1: error: not UTF-8: the file looks like UTF-16 (little-endian) (open "
        "it in your editor and save it with the encoding UTF-8)"
    ]


def test_utf8_bom_and_crlf_are_accepted(repo: Path) -> None:
    path = repo / P / "process.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    corpus, found = load(repo)
    assert found == []
    assert corpus.process("demo").data.title == "Concertation sur la place du Marché"


# --------------------------------------------------------------------------- all in one run


def test_every_problem_is_reported_in_one_run(repo: Path) -> None:
    edit(repo / P / "process.yml", "opens: 2026-03-01", "opens: 2026-02-30")
    edit(repo / P / "contributions/c-001.md", "channel: paper", "channel: papier")
    corpus, found = load(repo)
    assert found == [
        f"{P}/contributions/c-001.md:3: error: 'papier' is not one of: online, meeting, paper, "
        "email, post, phone, workshop (did you mean 'paper'?)",
        f"{P}/process.yml:4: error: '2026-02-30' is not a valid date "
        "(expected YYYY-MM-DD, e.g. 2026-03-12)",
    ]
    assert corpus.processes == ()


def test_a_broken_process_does_not_hide_the_others(repo: Path) -> None:
    shutil.copytree(repo / P, repo / "processes/autre")
    edit(repo / "processes/autre/process.yml", "title: Concertation", "titre: Concertation")
    corpus, found = load(repo)
    assert found == [
        "processes/autre/process.yml:1: error: missing required field 'title'",
        "processes/autre/process.yml:1: error: unknown field 'titre' (did you mean 'title'?)",
    ]
    assert [p.slug for p in corpus.processes] == ["demo"]


def test_missing_processes_folder(tmp_path: Path) -> None:
    corpus, diagnostics = load_corpus(tmp_path, reference=TODAY)
    assert [str(d) for d in diagnostics] == [
        "processes:1: error: the processes folder does not exist (create "
        "processes/<slug>/process.yml, e.g. with `greffier new process <slug>`)"
    ]
    assert corpus.processes == ()


# --------------------------------------------------------------------------- dates in order


def test_process_closing_before_it_opens(repo: Path) -> None:
    edit(repo / P / "process.yml", "closes: 2026-04-30", "closes: 2026-02-01")
    assert problems(repo) == [
        f"{P}/process.yml:5: error: 'closes' (2026-02-01) is before 'opens' (2026-03-01) "
        "(check both dates: 'closes' must come after 'opens')"
    ]


def test_meeting_ending_before_it_starts(repo: Path) -> None:
    edit(repo / P / "meetings/2026-03-12-reunion.md", "T20:30:00+01:00", "T18:00:00+01:00")
    assert problems(repo) == [
        f"{P}/meetings/2026-03-12-reunion.md:4: error: 'end' (2026-03-12T18:00:00+01:00) is "
        "before 'start' (2026-03-12T18:30:00+01:00) (check both dates: 'end' must come after "
        "'start')"
    ]


def test_empty_process_file(repo: Path) -> None:
    (repo / P / "process.yml").write_text("# à compléter\n", encoding="utf-8")
    assert problems(repo) == [
        f"{P}/process.yml:1: error: missing required field '{name}'"
        # Same line: in the order of the messages, whatever order pydantic reports them in.
        for name in sorted(("title", "summary", "organiser", "opens"))
    ]


def test_process_file_that_is_not_a_mapping(repo: Path) -> None:
    (repo / P / "process.yml").write_text("- title: T\n", encoding="utf-8")
    assert problems(repo) == [
        f"{P}/process.yml:1: error: expected a mapping (key: value lines), got a list"
    ]


# --------------------------------------------------------------------------- robustness

_BREAKAGES = (":", " [", " {", " &a", " *a", " - x", "\t", '"', " !x", ": : ", " ~", "\x07")


@pytest.mark.parametrize("seed", range(40))
def test_random_breakage_never_crashes_and_points_inside_the_file(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    texts = sorted(p for p in (root / P).rglob("*") if p.suffix in (".yml", ".md"))
    path = rng.choice(texts)
    lines = path.read_text(encoding="utf-8").split("\n")
    where = rng.randrange(len(lines))
    lines[where] = lines[where][: rng.randrange(len(lines[where]) + 1)] + rng.choice(_BREAKAGES)
    path.write_text("\n".join(lines), encoding="utf-8")
    _, diagnostics = load_corpus(root, reference=TODAY)
    for diagnostic in diagnostics:
        target = root / diagnostic.location.path
        count = len(target.read_bytes().split(b"\n")) if target.is_file() else 1
        assert 1 <= diagnostic.location.line <= count, str(diagnostic)


# --------------------------------------------------------------------------- in French


def _lfs_pointer(root: Path) -> None:
    (root / P / "documents/dossier.pdf").write_text(
        "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 12345\n",
        encoding="ascii",
    )


def _reencode(name: str, encoding: str) -> Callable[[Path], None]:
    def breakage(root: Path) -> None:
        path = root / P / name
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))

    return breakage


def _write(name: str, text: str) -> Callable[[Path], None]:
    return lambda root: (root / P / name).write_text(text, encoding="utf-8")


def _rename(old: str, new: str) -> Callable[[Path], None]:
    return lambda root: (root / P / old).rename(root / P / new)


def _edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda root: edit(root / P / name, old, new)


def _escaping_link(root: Path) -> None:
    (root / "secret.pdf").write_bytes(b"%PDF-1.4\n")
    (root / P / "documents/secret.pdf").symlink_to(root.parent / "secret.pdf")


MEETING = "meetings/2026-03-12-reunion.md"
FRENCH: dict[str, tuple[Callable[[Path], None], list[str] | None]] = {
    "invalid yaml": (
        _edit("process.yml", "kind: concertation-prealable", "kind: [concertation"),
        [
            f"{P}/process.yml:7: error: YAML invalide : « , » ou « ] » attendu, mais « : » "
            "trouvé (vérifiez l'indentation et mettez entre guillemets les valeurs qui "
            "contiennent « : » ou commencent par un symbole)"
        ],
    ),
    "invalid yaml in front matter": (_edit(MEETING, "format: hybrid", "format: hybrid: yes"), None),
    "duplicate key": (
        _edit("process.yml", "closes: 2026-04-30", "closes: 2026-04-30\nopens: 2026-03-02"),
        None,
    ),
    "missing field": (
        _edit("process.yml", "opens: 2026-03-01\n", ""),
        [f"{P}/process.yml:1: error: champ obligatoire manquant : « opens »"],
    ),
    "missing nested field": (_edit(MEETING, "  name: Salle des fêtes\n", ""), None),
    "wrong type": (
        _edit("process.yml", "kind:", "guarantors: Jeanne Dupont\nkind:"),
        [
            f"{P}/process.yml:6: error: une liste est attendue, pas le texte « Jeanne Dupont » "
            "(écrivez un élément par ligne, précédé de « - »)"
        ],
    ),
    "number for text": (
        _edit("process.yml", "kind: concertation-prealable", "kind: 2026"),
        [
            f"{P}/process.yml:6: error: un texte est attendu, pas le nombre 2026 "
            "(mettez la valeur entre guillemets si c'est du texte)"
        ],
    ),
    "bad date": (
        _edit("process.yml", "opens: 2026-03-01", "opens: 2026-02-30"),
        [
            f"{P}/process.yml:4: error: « 2026-02-30 » n'est pas une date valide "
            "(format attendu AAAA-MM-JJ, par exemple 2026-03-12)"
        ],
    ),
    "bad date or date-time": (
        _edit("contributions/c-001.md", "received: 2026-03-13", "received: 2026-03-32"),
        None,
    ),
    "bad date-time": (
        _edit(MEETING, "T18:30:00+01:00\n", "T25:30:00+01:00\n"),
        [
            f"{P}/{MEETING}:3: error: « 2026-03-12T25:30:00+01:00 » n'est pas une date et heure "
            "valide (format attendu AAAA-MM-JJTHH:MM avec le décalage horaire, par exemple "
            "2026-03-12T18:30:00+01:00)"
        ],
    ),
    "bad choice": (
        _edit("contributions/c-001.md", "channel: paper", "channel: papier"),
        [
            f"{P}/contributions/c-001.md:3: error: « papier » ne fait pas partie des valeurs "
            "permises : online, meeting, paper, email, post, phone, workshop "
            "(vouliez-vous dire « paper » ?)"
        ],
    ),
    "unknown field": (
        _edit(MEETING, "title:", "titel:"),
        [
            f"{P}/{MEETING}:1: error: champ obligatoire manquant : « title »",
            f"{P}/{MEETING}:2: error: champ inconnu « titel » (vouliez-vous dire « title » ?)",
        ],
    ),
    "unknown nested field": (
        _edit("process.yml", "  email:", "  fax: 01 02 03 04 05\n  email:"),
        [
            f"{P}/process.yml:14: error: champ inconnu « fax » "
            "(champs permis : address, email, name, phone, url)"
        ],
    ),
    "agenda item": (
        _edit(MEETING, "format: hybrid", "format: hybrid\nagenda:\n  - Accueil\n  - 3"),
        [
            f"{P}/{MEETING}:8: error: attendu : des lignes « champ: valeur » ou un texte ; "
            "trouvé : le nombre 3"
        ],
    ),
    "javascript url": (
        _edit(MEETING, "online: https://visio.example.org/marche", "online: javascript:alert(1)"),
        [
            f"{P}/{MEETING}:9: error: « javascript:alert(1) » n'est pas une adresse web "
            "(seules les adresses http:// et https:// sont acceptées)"
        ],
    ),
    "registration scheme": (
        _edit(MEETING, "format: hybrid", "format: hybrid\nregistration: data:text/html,x"),
        [f"{P}/{MEETING}:6: error: seules les adresses http:// et https:// sont acceptées"],
    ),
    "unknown timezone": (
        _edit("process.yml", "kind:", "timezone: Europe/Parris\nkind:"),
        [
            f"{P}/process.yml:6: error: fuseau horaire IANA inconnu « Europe/Parris » "
            "(par exemple Europe/Paris)"
        ],
    ),
    "missing front matter": (_write("contributions/c-003.md", "Pas d'en-tête.\n"), None),
    "unclosed front matter": (_write("contributions/c-003.md", "---\nchannel: post\n"), None),
    "documents not a list": (_write("documents.yml", "file: documents/dossier.pdf\n"), None),
    "unknown meeting": (
        _edit("minutes/2026-03-12-reunion.md", "meeting: 2026-03-12-", "meeting: 2026-03-21-"),
        [
            f"{P}/minutes/2026-03-12-reunion.md:2: error: réunion inconnue "
            "« 2026-03-21-reunion » (vouliez-vous dire « 2026-03-12-reunion » ?)"
        ],
    ),
    "unknown meeting listed": (
        _edit("contributions/c-001.md", "meeting: 2026-03-12-reunion", "meeting: atelier"),
        [
            f"{P}/contributions/c-001.md:6: error: réunion inconnue « atelier » "
            "(valeurs possibles : 2026-03-12-reunion ; ou ajoutez meetings/<id>.md)"
        ],
    ),
    "unknown theme": (_edit("contributions/c-001.md", "  - arbres", "  - arbre"), None),
    "unknown parent": (_edit("contributions/c-002.md", "parent: c-001", "parent: c-101"), None),
    "reply to itself": (_edit("contributions/c-002.md", "parent: c-001", "parent: c-002"), None),
    "unknown superseded": (
        _edit("documents.yml", "  title: Guide", "  supersedes: guide-v0\n  title: Guide"),
        None,
    ),
    "duplicate document": (
        _edit("documents.yml", "- id: guide", "- id: dossier"),
        [
            f"{P}/documents.yml:8: error: identifiant de document « dossier » en double "
            "(déjà utilisé ligne 1) (donnez à chacun un identifiant différent)"
        ],
    ),
    "duplicate theme": (_edit("process.yml", "  - id: arbres", "  - id: mobilite"), None),
    "draft reference": (
        _edit("contributions/c-001.md", "channel: paper", "channel: paper\ndraft: true"),
        None,
    ),
    "bad slug": (
        lambda root: (root / P).rename(root / "processes/Place du Marché"),
        [
            "processes/Place du Marché:1: error: le nom de dossier « Place du Marché » ne peut "
            "pas servir d'adresse web (renommez le dossier avec seulement des minuscules sans "
            "accent, des chiffres et « - », par exemple « place-du-marche »)"
        ],
    ),
    "reserved id": (_rename("contributions/c-002.md", "contributions/page.md"), None),
    "invalid id": (_rename("contributions/c-002.md", "contributions/avis de Jeanne.md"), None),
    "non-markdown meeting": (_write("meetings/affiche.txt", "affiche\n"), None),
    "missing process.yml": (lambda root: (root / P / "process.yml").unlink(), None),
    "unknown folder": (_rename("meetings", "meeting"), None),
    "undeclared document": (
        _write("documents/oubli.pdf", "%PDF-1.4\n"),
        [
            f"{P}/documents/oubli.pdf:1: error: ce fichier n'est pas déclaré dans documents.yml "
            "(ajoutez une entrée « - file: documents/oubli.pdf » avec un titre, ou supprimez le "
            "fichier)"
        ],
    ),
    "missing document": (
        _edit("documents.yml", "file: documents/guide.md", "file: documents/guides.md"),
        None,
    ),
    "outside the folder": (
        _edit("documents.yml", "file: documents/guide.md", "file: ../g.md"),
        None,
    ),
    "escaping link": (_escaping_link, None),
    "lfs pointer": (
        _lfs_pointer,
        [
            f"{P}/documents/dossier.pdf:1: error: ce fichier est un pointeur Git LFS, pas le "
            "fichier lui-même (lancez `git lfs install && git lfs pull` pour récupérer le vrai "
            "fichier, puis relancez la construction)"
        ],
    ),
    "latin-1": (
        _reencode(MEETING, "latin-1"),
        [
            f"{P}/{MEETING}:2: error: ce fichier n'est pas en UTF-8 : il semble encodé en "
            "Latin-1 (ISO-8859-1) ou Windows-1252 (ouvrez-le dans votre éditeur et "
            "enregistrez-le avec l'encodage UTF-8)"
        ],
    ),
    "utf-16": (_reencode("process.yml", "utf-16"), None),
    "dates out of order": (
        _edit("process.yml", "closes: 2026-04-30", "closes: 2026-02-01"),
        [
            f"{P}/process.yml:5: error: « closes » (2026-02-01) est avant « opens » (2026-03-01) "
            "(vérifiez les deux dates : « closes » doit venir après « opens »)"
        ],
    ),
    "not a mapping": (_write("process.yml", "- title: T\n"), None),
}


@pytest.mark.parametrize("scenario", FRENCH)
def test_every_rule_speaks_french(repo: Path, scenario: str) -> None:
    """Each broken scenario gives, in French, the same problems at the same lines, none of them
    in English; the representative ones are checked word for word."""
    breakage, expected = FRENCH[scenario]
    breakage(repo)
    english = list(load_corpus(repo, reference=TODAY)[1])
    french = list(load_corpus(repo, reference=TODAY, language="fr")[1])
    assert english, "the scenario must break something"
    assert [(d.location, d.severity) for d in french] == [(d.location, d.severity) for d in english]
    for ours, theirs in zip(french, english, strict=True):
        assert ours.message != theirs.message, str(ours)
        assert (ours.hint is None) == (theirs.hint is None), str(ours)
    if expected is not None:
        assert [str(d) for d in french] == expected
