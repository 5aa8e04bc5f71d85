"""`greffier import decidim` on the real Grand débat export (Lille metropolis, 2019)."""

from __future__ import annotations

import hashlib
import re
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from decidim_export import (
    EXPORT,
    SLUG,
    needs_export,
    new_project,
    rows,
    run_import,
    with_user_group,
)
from site_builds import build_project

from greffier.load import load_corpus
from greffier.models import Contribution, Process
from greffier.present.privacy import initials

pytestmark = needs_export


def contributions(root: Path) -> Path:
    return root / "processes" / SLUG / "contributions"


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.md")}


def front_matter(path: Path) -> str:
    """The front matter but the import's marker line, whose letters are a fingerprint."""
    head = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    return "\n".join(line for line in head.split("\n") if not line.startswith("# greffier-import"))


def written(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


@dataclass(frozen=True)
class Imported:
    config: Path
    output: str
    seconds: float
    process: Process
    first: dict[str, str]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    config = new_project(tmp_path_factory.mktemp("decidim"))
    start = time.perf_counter()
    output = run_import(config, EXPORT)
    seconds = time.perf_counter() - start
    first = snapshot(contributions(config.parent))
    corpus, diagnostics = load_corpus(config.parent)
    assert not diagnostics.errors, diagnostics.format()
    return Imported(config, output, seconds, corpus.process(SLUG), first)


@pytest.fixture(scope="module")
def site(imported: Imported) -> Path:
    return build_project(imported.config)


def by_id(process: Process) -> dict[str, Contribution]:
    return {c.id: c for c in process.contributions}


def test_every_proposal_debate_and_debate_comment_is_imported(imported: Imported) -> None:
    found = by_id(imported.process)
    kinds = {
        prefix: sorted(i for i in found if i.startswith(f"decidim-{prefix}-"))
        for prefix in ("proposal", "debate", "comment")
    }
    assert kinds["proposal"] == sorted(
        f"decidim-proposal-{r['id']}" for r in rows("propositions-libres.csv")
    )
    assert kinds["debate"] == sorted(f"decidim-debate-{r['id']}" for r in rows("debats.csv"))
    assert len(kinds["comment"]) == len(rows("commentaires_debats.csv")) == 693
    assert (len(kinds["proposal"]), len(kinds["debate"])) == (196, 29)
    assert "918 nouvelle(s), 0 mise(s) à jour, 0 inchangée(s), 0 écartée(s)" in imported.output
    print(f"\nimport of the whole Decidim export: {imported.seconds:.2f} s")


def test_comments_keep_their_thread_and_depth(imported: Imported) -> None:
    found = by_id(imported.process)

    def depth(contribution: Contribution) -> int:
        parent = found[contribution.data.parent or ""]
        return 0 if parent.id.startswith("decidim-debate-") else depth(parent) + 1

    comments = rows("commentaires_debats.csv")
    for row in comments:
        reply = found[f"decidim-comment-{row['id']}"]
        kind = "debate" if row["commentable_type"].endswith("Debate") else "comment"
        assert reply.data.parent == f"decidim-{kind}-{row['commentable_id']}"
        assert depth(reply) == int(row["depth"])
    assert {depth(found[f"decidim-comment-{r['id']}"]) for r in comments} == {0, 1, 2, 3}


def test_comments_on_proposals_outside_the_export_are_reported_as_orphans(
    imported: Imported,
) -> None:
    orphans = [r["id"] for r in rows("commentaires_propositions_libres.csv")]
    assert len(orphans) == 44
    assert "44 commentaire(s) orphelin(s)" in imported.output
    reported = re.findall(r"^orpheline : decidim-comment-(\d+) : .*nancy", imported.output, re.M)
    assert sorted(reported) == sorted(orphans)
    # Their ids collide with the debate comments': the orphans must not overwrite them.
    found = by_id(imported.process)
    assert all(
        found[f"decidim-comment-{i}"].data.parent
        for i in orphans
        if f"decidim-comment-{i}" in found
    )
    assert not any(
        c.data.parent and c.data.parent.startswith("decidim-proposal-") for c in found.values()
    )


def test_titles_bodies_and_themes_come_from_the_export(imported: Imported) -> None:
    found = by_id(imported.process)
    proposal = rows("propositions-libres.csv")[1]
    written = found[f"decidim-proposal-{proposal['id']}"]
    assert written.body.startswith(f"# {' '.join(proposal['title'].split())}\n")
    assert written.data.kind == "proposal" and written.data.channel == "online"
    assert written.data.source and written.data.source.platform == "Decidim"
    themes = {t.id: t.title for t in imported.process.data.themes}
    assert [themes[t] for t in written.data.themes] == [proposal["category/name/fr"]]
    debate = found["decidim-debate-30"]
    assert debate.data.kind == "question"
    assert "<p>" not in debate.body and "**Démocratie et citoyenneté**" in debate.body
    assert [themes[t] for t in debate.data.themes] == ["Démocratie et citoyenneté"]


def test_initials_only_never_the_display_name(imported: Imported) -> None:
    found = by_id(imported.process)
    for row in rows("commentaires_debats.csv"):
        name = " ".join(row["author/name"].split())
        path = contributions(imported.config.parent) / f"decidim-comment-{row['id']}.md"
        head = front_matter(path)
        assert found[path.stem].data.author == (initials(name) if name else None)
        if name != initials(name):
            assert not written(name, head)
        assert row["author/id"] not in re.findall(r"\d+", head.split("source:")[0])


def test_anonymous_writes_no_author(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    shutil.copy(EXPORT / "debats.csv", export)
    shutil.copy(EXPORT / "commentaires_debats.csv", export)
    config = new_project(tmp_path / "site", display="anonymous")
    run_import(config, export)
    names = {" ".join(r["author/name"].split()) for r in rows("commentaires_debats.csv")} - {""}
    for path in contributions(config.parent).glob("*.md"):
        head = front_matter(path)
        assert "author:" not in head
        assert not any(written(name, head) for name in names)


def test_a_second_run_writes_nothing(imported: Imported) -> None:
    output = run_import(imported.config, EXPORT)
    assert "0 nouvelle(s), 0 mise(s) à jour, 918 inchangée(s)" in output
    assert snapshot(contributions(imported.config.parent)) == imported.first


def test_organiser_answer_kept_and_upstream_title_applied(tmp_path: Path) -> None:
    proposals = (EXPORT / "propositions-libres.csv").read_text(encoding="utf-8")
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("a.csv", proposals)  # recognised by its columns, not its name
    config = new_project(tmp_path / "site")
    run_import(config, archive)
    path = contributions(config.parent) / "decidim-proposal-418.md"
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    answer = (
        "answer:\n  date: 2019-04-02\n  by: Mission Grand débat\n  text: |\n"
        "    Merci : votre proposition est transmise.\n\n    Deuxième paragraphe.\n"
        "disposition:\n  status: partially\n  reason: Transmise à l'État.\n"
        "themes: [transition-ecologique]\n"
    )
    organised = (head + "\n").replace("themes:\n  - autre-sujet\n", "") + answer
    assert organised.count("themes:") == 1
    path.write_text(f"{organised}---\n{body}", encoding="utf-8")
    edited = path.read_bytes()
    run_import(config, archive)
    assert path.read_bytes() == edited  # nothing changed upstream: byte for byte
    changed = proposals.replace("Non au déploiement forcé", "Non au déploiement imposé", 1)
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("a.csv", changed)
    output = run_import(config, archive)
    assert "0 nouvelle(s), 1 mise(s) à jour, 195 inchangée(s)" in output
    text = path.read_text(encoding="utf-8")
    assert "\n# Non au déploiement imposé des compteurs" in text
    assert answer in text
    corpus, diagnostics = load_corpus(config.parent)
    assert not diagnostics.errors, diagnostics.format()
    updated = by_id(corpus.process(SLUG))["decidim-proposal-418"]
    assert updated.data.themes == ["transition-ecologique"]
    assert updated.data.answer and updated.data.disposition


def test_the_site_shows_the_imported_process(imported: Imported, site: Path) -> None:
    base = site / SLUG / "contributions"
    debate = (base / "decidim-debate-30" / "index.html").read_text(encoding="utf-8")
    assert "Faut-il reconnaître le vote blanc" in debate
    replies = [c for c in imported.process.contributions if c.data.parent == "decidim-debate-30"]
    assert len(replies) > 10
    assert all(f"decidim-comment-{c.id.rsplit('-', 1)[1]}/" in debate for c in replies)
    proposal = (base / "decidim-proposal-418" / "index.html").read_text(encoding="utf-8")
    assert "<h2" in proposal and "compteurs intelligents Linky" in proposal
    listing = (base / "index.html").read_text(encoding="utf-8")
    assert "918" in listing
    assert (base / "page" / "2" / "index.html").is_file()
    assert (base / "theme" / "transition-ecologique" / "index.html").is_file()
    names = {" ".join(r["author/name"].split()) for r in rows("commentaires_debats.csv")}
    page = (base / "decidim-comment-515" / "index.html").read_text(encoding="utf-8")
    assert not any(len(n) > 3 and f">{n}<" in page for n in names)


MEETINGS = (
    "id;title/fr;description/fr;start_time;end_time;address;location/fr;url;published\r\n"
    "7;Réunion publique à Roubaix;<p>Débat <em>ouvert</em> à toutes et à tous.</p>;"
    '{start};2019-02-05 19:30:00;"12 rue de la Gare\n59100 Roubaix";Salle Watremez;'
    "http://participation.lillemetropole.fr/processes/granddebatmel/f/110/meetings/7;true\r\n"
)


def test_meetings_are_imported_and_linked_to_their_proposals(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    meeting_url = "http://participation.lillemetropole.fr/processes/granddebatmel/f/110/meetings/7"
    proposals = (EXPORT / "propositions-libres.csv").read_text(encoding="utf-8")
    first = rows("propositions-libres.csv")[0]["url"]
    linked = proposals.replace(f'{first};111;""', f"{first};111;{meeting_url}", 1)
    assert linked != proposals
    (export / "propositions.csv").write_text(linked, encoding="utf-8")
    (export / "rencontres.csv").write_text(
        MEETINGS.format(start="2019-02-05 17:30:00"), encoding="utf-8"
    )
    config = new_project(tmp_path / "site")
    run_import(config, export)
    path = config.parent / "processes" / SLUG / "meetings" / "decidim-meeting-7.md"
    organised = path.read_text(encoding="utf-8").replace(
        "\n---\n", "\naccessibility: [wheelchair]\n---\n", 1
    )
    path.write_text(organised, encoding="utf-8")
    (export / "rencontres.csv").write_text(
        MEETINGS.format(start="2019-02-05 18:00:00"), encoding="utf-8"
    )
    assert "1 mise(s) à jour" in run_import(config, export)
    corpus, diagnostics = load_corpus(config.parent)
    assert not diagnostics.errors, diagnostics.format()
    process = corpus.process(SLUG)
    (meeting,) = process.meetings
    assert meeting.data.title == "Réunion publique à Roubaix"
    assert meeting.data.start.isoformat() == "2019-02-05T19:00:00+01:00"  # Decidim writes UTC
    assert meeting.data.place and meeting.data.place.name == "Salle Watremez"
    assert meeting.data.accessibility == ["wheelchair"]
    assert meeting.body == "Débat *ouvert* à toutes et à tous."
    proposal = by_id(process)[f"decidim-proposal-{rows('propositions-libres.csv')[0]['id']}"]
    assert proposal.data.meeting == "decidim-meeting-7"


PROPOSALS = (
    "id;title;body;state;answer/fr;answered_at;reference;withdrawn_at;created_at;url\n"
    "1;Des bancs;<p>Des bancs <strong>partout</strong>.</p>;accepted;<p>Oui, en 2020.</p>;"
    "2019-04-01 10:00:00 +0200;MEL-PROP-2019-01-1;;2019-01-20 10:00:00 +0100;"
    "https://decidim.example.org/proposals/1\n"
    "2;Retirée;Texte retiré.;withdrawn;;;MEL-PROP-2019-01-2;2019-02-01 09:00:00 +0100;"
    "2019-01-21 10:00:00 +0100;https://decidim.example.org/proposals/2\n"
)


def test_what_decidim_says_became_of_a_proposal_is_added_once(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "propositions.csv").write_text(PROPOSALS, encoding="utf-8")
    (export / "resultats.csv").write_text("id;progress;status\n1;50;En cours\n", encoding="utf-8")
    config = new_project(tmp_path / "site")
    output = run_import(config, export)
    assert "écartée : resultats.csv : fichier non reconnu" in output
    corpus, diagnostics = load_corpus(config.parent)
    assert not diagnostics.errors, diagnostics.format()
    found = by_id(corpus.process(SLUG))
    accepted, withdrawn = found["decidim-proposal-1"], found["decidim-proposal-2"]
    assert accepted.body == "# Des bancs\n\nDes bancs **partout**."
    assert accepted.data.reference == "MEL-PROP-2019-01-1"
    assert accepted.data.disposition and accepted.data.disposition.status == "taken-into-account"
    assert accepted.data.answer and accepted.data.answer.text == "Oui, en 2020."
    assert str(accepted.data.answer.date) == "2019-04-01"
    assert str(withdrawn.data.withdrawn) == "2019-02-01"
    # The organiser rewrites the answer; Decidim's later edit of its own does not undo that.
    path = contributions(config.parent) / "decidim-proposal-1.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Oui, en 2020.", "Oui, douze bancs en 2020."),
        encoding="utf-8",
    )
    (export / "propositions.csv").write_text(
        PROPOSALS.replace("Oui, en 2020.", "Oui.").replace("Des bancs;", "Des bancs neufs;"),
        encoding="utf-8",
    )
    assert "1 mise(s) à jour" in run_import(config, export)
    text = path.read_text(encoding="utf-8")
    assert "# Des bancs neufs" in text and "Oui, douze bancs en 2020." in text


AUTHORED = (
    "id;title;body;created_at;url;author/id;author/name;author/url\n"
    "3;Limiter la vitesse;Texte officiel.;2019-01-20 10:00:00 +0100;"
    "https://decidim.example.org/proposals/3;1;Gouvernement;https://decidim.example.org/\n"
    "4;Des bancs;Texte d'une personne.;2019-01-20 11:00:00 +0100;"
    "https://decidim.example.org/proposals/4;57;Jeanne Martin;"
    "https://decidim.example.org/profiles/jmartin\n"
    "5;Issue de la réunion;Texte d'une rencontre.;2019-01-20 12:00:00 +0100;"
    "https://decidim.example.org/proposals/5;7;Réunion publique à Roubaix;"
    "https://decidim.example.org/processes/p/f/110/meetings/7\n"
)


def test_organisations_are_never_shortened_to_initials(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    shutil.copy(EXPORT / "debats.csv", export)
    group = "Association des usagers du métro"
    (export / "commentaires_debats.csv").write_text(with_user_group("515", group), encoding="utf-8")
    (export / "propositions.csv").write_text(AUTHORED, encoding="utf-8")
    config = new_project(tmp_path / "site")
    run_import(config, export)
    corpus, diagnostics = load_corpus(config.parent)
    assert not diagnostics.errors, diagnostics.format()
    found = by_id(corpus.process(SLUG))
    # A member of a user group speaks for it: the group in full, the member as displayed.
    comment = found["decidim-comment-515"].data
    (row,) = [r for r in rows("commentaires_debats.csv") if r["id"] == "515"]
    assert (comment.author, comment.organisation) == (initials(row["author/name"]), group)
    # The platform's own organisation is linked to its home page: an organisation.
    official = found["decidim-proposal-3"].data
    assert (official.author, official.organisation) == (None, "Gouvernement")
    person = found["decidim-proposal-4"].data
    assert (person.author, person.organisation) == ("J. M.", None)
    # A proposal made in a meeting is "by" the meeting: no person, no organisation.
    meeting = found["decidim-proposal-5"].data
    assert (meeting.author, meeting.organisation) == (None, None)
    head = front_matter(contributions(config.parent) / "decidim-proposal-3.md")
    assert "G." not in head
