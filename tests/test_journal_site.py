"""Journal pages, their Atom feeds and the footer's build provenance, from the scripted tram
repository (see `test_trace.make_tram`). The templates are rendered by Jinja with Greffier's
theme, `page.html` and the legal footer replaced by stubs: MkDocs is the plugin's business."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jinja2
import pytest
from test_atom import SITE, assert_valid
from test_history import Repo, no_enclosing_repository  # noqa: F401 (autouse fixture)
from test_trace import ANSWERED, DOSSIER, MINUTES, REMOVED, Project, tram_project, utc

from greffier import paths
from greffier.enrich.history import BlobReader, History
from greffier.enrich.journal import Journal, process_journal, site_journal
from greffier.enrich.provenance import build_provenance, provenance_note
from greffier.enrich.trace import Traces
from greffier.export.atom import ATOM_NAMESPACE
from greffier.i18n.catalogue import Catalogue
from greffier.i18n.translator import Translator
from greffier.load import Basis, Today
from greffier.models import Corpus
from greffier.paths import page_url
from greffier.present.forge import forge_for
from greffier.present.theme import theme_dir
from greffier.render.journal_pages import (
    SITE_FEED,
    SITE_JOURNAL,
    feed,
    feeds,
    item_history_uris,
    journal,
    journal_specs,
)
from greffier.render.pages import PageSpec

A = f"{{{ATOM_NAMESPACE}}}"
FR = Translator("fr")
EN = Translator("en")
NOW = Today(dt.datetime(2026, 6, 1, 16, 45, tzinfo=dt.UTC), Basis.clock)
"""A build's clock, for sites no commit dates."""


@pytest.fixture(scope="module")
def tram(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return tram_project(tmp_path_factory)


def journals(tram: Project) -> tuple[dict[str, Journal], Journal]:
    process = tram.corpus.process("tram")
    # With blobs, as builds do: a removed item is named from its last version.
    with BlobReader(tram.root) as blobs:
        return (
            {"tram": process_journal(process, tram.history, tram.traces, blobs=blobs)},
            site_journal(tram.corpus, tram.history, tram.traces, blobs=blobs),
        )


def specs(tram: Project, translator: Translator = FR) -> dict[str, PageSpec]:
    by_process, whole = journals(tram)
    return {
        spec.src_uri: spec for spec in journal_specs(tram.corpus, by_process, whole, translator)
    }


def environment() -> jinja2.Environment:
    stubs = {
        "greffier/page.html": (
            '{% import "greffier/macros.html" as m with context %}'
            "<head>{% block extrahead %}{% endblock %}</head>"
            "<main><h1>{{ greffier.heading }}</h1>{% block body %}{% endblock %}</main>"
        ),
        "greffier/partials/footer.html": "<nav>legal</nav>",
    }
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.DictLoader(stubs), jinja2.FileSystemLoader(str(theme_dir()))]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    # The plugin's `link` and MkDocs' `url` make paths relative to the page; the identity
    # keeps what the templates asked for visible.
    env.filters["link"] = env.filters["url"] = lambda src_uri: f"/{src_uri}"
    # macros.html uses the plugin's other filters too: Jinja needs them to compile it.
    for name in ("markdown", "inline", "osm", "file_format", "search_filter"):
        env.filters[name] = lambda value, *_: value
    return env


def render(spec: PageSpec, **context: Any) -> str:
    return environment().get_template(spec.template).render(greffier=spec.context, **context)


def test_a_journal_page_per_process_and_one_for_the_site(tram: Project) -> None:
    built = specs(tram)
    assert set(built) == {journal("tram"), SITE_JOURNAL}
    page = built[journal("tram")]
    assert page.template == "greffier/journal.html"
    assert page.title == "Journal des modifications – Tramway ligne B"
    assert not page.in_nav and page.context["view"].slug == "tram"
    assert built[SITE_JOURNAL].context["view"] is None


def test_a_long_journal_is_cut_into_pages_keeping_every_entry_in_order(tram: Project) -> None:
    by_process, whole = journals(tram)
    whole_days = journal_specs(tram.corpus, by_process, whole, FR)[-1].context["days"]
    entries = [item for day in whole_days for item in day.entries]
    pages = [
        spec
        for spec in journal_specs(tram.corpus, by_process, whole, FR, page_entries=4)
        if spec.src_uri.startswith("journal/")
    ]
    assert [spec.src_uri for spec in pages] == [SITE_JOURNAL] + [
        f"journal/page/{n}.md" for n in range(2, len(pages) + 1)
    ]
    # Days stay whole unless longer than a page: never fewer pages than the entries need.
    assert len(pages) >= -(-len(entries) // 4) > 1
    shown = [[item for day in spec.context["days"] for item in day.entries] for spec in pages]
    assert all(0 < len(page) <= 4 for page in shown)
    assert [item for page in shown for item in page] == entries
    assert pages[1].title == "Journal des modifications du site (Page 2)"
    # A day longer than a page goes on over the next pages, under its own date.
    single = journal_specs(tram.corpus, by_process, whole, FR, page_entries=1)
    assert len([spec for spec in single if spec.src_uri.startswith("journal/")]) == len(entries)
    assert max(len(day.entries) for day in whole_days) > 1
    env = environment()
    env.globals.update({"_": FR, "tr": FR})
    html = env.get_template(pages[1].template).render(greffier=pages[1].context)
    assert f'href="/{SITE_JOURNAL}" rel="prev"' in html
    assert 'aria-current="page" aria-label="Page 2"' in html


def test_days_written_out_newest_first_with_entries_in_words(tram: Project) -> None:
    html = render(specs(tram)[journal("tram")])
    days = re.findall(r'<h2 id="journal-([\d-]+)"><time datetime="\1">([^<]+)</time>', html)
    assert days[:3] == [
        ("2026-05-06", "mercredi 6 mai 2026"),
        ("2026-05-05", "mardi 5 mai 2026"),
        ("2026-04-02", "jeudi 2 avril 2026"),
    ]
    assert [iso for iso, _ in days] == sorted((iso for iso, _ in days), reverse=True)
    # The amended answer links to the contribution's history page, with its commit's short id.
    answer = tram.commits["answer"][:10]
    contribution = paths.history(paths.contribution("tram", "c-001"))
    assert re.search(
        rf"<strong>Modifié</strong>\u00a0: \s*contribution\s*<a href=\"/{contribution}\">C-1</a>"
        rf".*<code title=\"{tram.commits['answer']}\">{answer}</code>",
        html,
        re.S,
    )
    # Changed once the record was settled: said in words, with the day it was.
    assert "modifié après l’approbation du compte rendu le 20 mars 2026" in html
    assert "modifié après la clôture du 30 avril 2026" in html
    # The removed contribution has no page any more: listed, named, unlinked.
    assert re.search(r"<strong>Supprimé</strong>\u00a0: \s*contribution\s*C-2\s", html)
    outcome = paths.history(paths.outcome("tram"))
    assert re.search(rf"<strong>Ajouté</strong>\u00a0:\s*<a href=\"/{outcome}\">bilan</a>", html)
    assert '<link rel="alternate feed" type="application/atom+xml" href="/tram/feed.atom"' in html


def test_the_site_journal_names_each_entry_s_process_in_english(tram: Project) -> None:
    html = render(specs(tram, EN)[SITE_JOURNAL])
    assert "<strong>Removed</strong>: " in html
    assert "Process: Tramway ligne B" in html
    assert "Tuesday, May 5, 2026" in html
    assert "changed after the process closed on April 30, 2026" in html
    assert "changed after the minutes were approved on March 20, 2026" in html
    assert 'href="/feed.atom"' in html


def with_drafts(corpus: Corpus, *, contribution: str = "", process: bool = False) -> Corpus:
    """The corpus with a contribution, or the whole tram process, marked draft."""
    tram = corpus.process("tram")
    contributions = tuple(
        c.model_copy(update={"data": c.data.model_copy(update={"draft": True})})
        if c.id == contribution
        else c
        for c in tram.contributions
    )
    data = tram.data.model_copy(update={"draft": process})
    changed = tram.model_copy(update={"contributions": contributions, "data": data})
    return corpus.model_copy(update={"processes": (changed,)})


def test_drafts_stay_out_of_journals_and_feeds(tram: Project) -> None:
    by_process, whole = journals(tram)
    corpus = with_drafts(tram.corpus, contribution="c-001")
    for spec in journal_specs(corpus, by_process, whole, FR):
        assert "C-1" not in render(spec)
        assert "C-2" in render(spec)
    written = feeds(corpus, by_process, whole, site_url=SITE, translator=FR, author="M")
    assert all(b"C-1" not in document for document in written.values())
    preview = journal_specs(corpus, by_process, whole, FR, drafts=True)
    assert all("C-1" in render(spec) for spec in preview)
    hidden = journal_specs(with_drafts(tram.corpus, process=True), by_process, whole, FR)
    assert [spec.src_uri for spec in hidden] == [SITE_JOURNAL]
    assert hidden[0].context["days"] == ()


def test_without_feeds_pages_do_not_link_to_any(tram: Project) -> None:
    by_process, whole = journals(tram)
    for spec in journal_specs(tram.corpus, by_process, whole, FR, with_feeds=False):
        html = render(spec)
        assert "feed.atom" not in html and "application/atom+xml" not in html
        assert "<h2" in html


def test_journals_without_history_say_so(tram: Project) -> None:
    history = History(available=False, reason="not a git repository")
    traces = Traces(available=False, reason=history.reason)
    process = tram.corpus.process("tram")
    by_process = {"tram": process_journal(process, history, traces)}
    whole = site_journal(tram.corpus, history, traces)
    for spec in journal_specs(tram.corpus, by_process, whole, FR):
        html = render(spec)
        assert "L’historique des modifications n’est pas disponible pour ce site." in html
        assert "<h2" not in html


def test_history_links_follow_the_pages_built(tram: Project) -> None:
    links = item_history_uris(tram.corpus)
    assert links[MINUTES] == "tram/minutes/2026-03-12-reunion/history/index.md"
    assert links[DOSSIER] == paths.history(
        paths.document("tram", tram.corpus.process("tram").documents[0])
    )
    assert REMOVED not in links
    # A file without a history page of its own links to where it is read: the presentation
    # to the overview (a document's PDF to the file itself).
    assert links["processes/tram/index.md"] == paths.process("tram")
    minutes_page = paths.minutes("tram", "2026-03-12-reunion")
    only = item_history_uris(tram.corpus, built={links[ANSWERED], minutes_page})
    # An item with a single version is linked to its own page, which is its whole record.
    assert only == {ANSWERED: links[ANSWERED], MINUTES: minutes_page}


def test_feeds_are_valid_translated_and_link_to_history(tram: Project) -> None:
    by_process, whole = journals(tram)
    written = feeds(
        tram.corpus, by_process, whole, site_url=SITE, translator=FR, author="Métropole"
    )
    assert set(written) == {feed("tram"), SITE_FEED}
    for document in written.values():
        assert_valid(document)
    root = ET.fromstring(written[feed("tram")])
    assert root.findtext(f"{A}title") == "Tramway ligne B : journal des modifications"
    assert root.find(f"{A}link[@rel='self']").get("href") == f"{SITE}tram/feed.atom"  # type: ignore[union-attr]
    entries = {
        entry.findtext(f"{A}title"): entry.find(f"{A}link").get("href")  # type: ignore[union-attr]
        for entry in root.iter(f"{A}entry")
    }
    assert entries["Modifié\u00a0: contribution «\u00a0C-1\u00a0»"] == (
        f"{SITE}tram/contributions/c-001/history/"
    )
    # The outcome has no title of its own: its kind names it.
    assert entries["Ajouté\u00a0: bilan"] == f"{SITE}tram/outcome/history/"
    # No history page for a removed item: its entry points at the journal.
    assert entries["Supprimé\u00a0: contribution «\u00a0C-2\u00a0»"] == f"{SITE}tram/journal/"
    late = {
        entry.findtext(f"{A}summary"): entry.find(f"{A}category[@term!='amended']").get("term")  # type: ignore[union-attr]
        for entry in root.iter(f"{A}entry")
        if len(entry.findall(f"{A}category")) > 1
    }
    assert late == {
        "After-approval the tram process — modifié après l’approbation du compte rendu le "
        "20 mars 2026": "after-approval",
        "Answer the tram process — modifié après la clôture du 30 avril 2026": "after-close",
    }
    site = ET.fromstring(written[SITE_FEED])
    assert site.findtext(f"{A}title") == "Journal des modifications du site"
    assert len(list(site.iter(f"{A}entry"))) == len(list(root.iter(f"{A}entry")))


@pytest.mark.parametrize(
    ("src_uri", "directory", "url"),
    [
        ("index.md", True, ""),
        ("journal/index.md", True, "journal/"),
        ("tram/outcome.md", True, "tram/outcome/"),
        ("tram/outcome.md", False, "tram/outcome.html"),
        ("tram/documents/plan.pdf", True, "tram/documents/plan.pdf"),
    ],
)
def test_page_url(src_uri: str, directory: bool, url: str) -> None:
    assert page_url(src_uri, directory) == url


def test_both_languages_have_the_same_strings() -> None:
    french, english = (
        {key for key in Catalogue.of(language) if key.startswith("provenance.")}
        for language in ("fr", "en")
    )
    assert (
        french
        == english
        == {
            "provenance.built",
            "provenance.dirty",
            "provenance.unavailable",
            "provenance.no_commit",
            "provenance.today.epoch",
            "provenance.today.commit",
            "provenance.today.clock",
        }
    )


def test_entries_link_to_their_commit_on_the_forge(tram: Project) -> None:
    page = specs(tram)[journal("tram")]
    forge = forge_for("https://codeberg.org/ville/tram")
    html = render(page, greffier_forge=forge)
    for commit in tram.commits.values():
        assert re.search(
            rf'<a href="https://codeberg.org/ville/tram/commit/{commit}" class="greffier-commit">'
            rf'<code title="{commit}">{commit[:10]}</code></a>',
            html,
        )
    assert "codeberg.org" not in render(page)


# ----------------------------------------------------------------- provenance


def footer(**context: Any) -> str:
    return environment().get_template("partials/copyright.html").render(**context)


def test_provenance_of_a_dirty_tree(tram: Project) -> None:
    provenance = build_provenance(tram.root)
    head = tram.commits["outcome"]
    assert provenance.available and provenance.commit == head and provenance.short == head[:10]
    assert provenance.date == utc(5, 5, 22, 30)
    # make_tram leaves a contribution uncommitted.
    assert provenance.dirty
    assert provenance.date is not None
    today = Today(provenance.date, Basis.commit)
    note = provenance_note(provenance, FR, today=today, timezone="Europe/Paris")
    assert note.text == f"Site construit depuis le commit {head[:10]} du mercredi 6 mai 2026."
    html = footer(greffier_provenance=note)
    assert "<nav>legal</nav>" in html and f'data-commit="{head}"' in html
    assert "modifications non enregistrées" in html
    # What is upcoming is worked out for the last commit's time, not for the changes' own.
    assert note.today == (
        "« Aujourd’hui » est pour ce site le mercredi 6 mai 2026, à 0\u00a0h\u00a030, date du "
        "dernier commit, car les modifications non enregistrées n’ont pas de date : statuts et "
        "réunions à venir sont établis à ce moment-là."
    )
    assert note.today in html


def test_provenance_of_a_clean_tree_and_ignored_paths(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    head = repo.commit("Publie", utc(3, 1), {"processes/a.yml": "a: 1\n"})
    (repo.root / "site").mkdir()
    (repo.root / "site" / "index.html").write_text("built", encoding="utf-8")
    assert build_provenance(repo.root).dirty
    provenance = build_provenance(repo.root, ignore=["site"])
    assert provenance.commit == head and not provenance.dirty
    today = Today(utc(3, 1), Basis.commit)
    note = provenance_note(
        provenance, EN, today=today, commit_url="https://forge.example/c/{commit}"
    )
    html = footer(greffier_provenance=note)
    assert f'<a href="https://forge.example/c/{head}">Site built from commit {head[:10]}' in html
    assert "uncommitted" not in html
    assert note.today is None and "today" not in html


def test_provenance_outside_git(tmp_path: Path) -> None:
    provenance = build_provenance(tmp_path)
    assert not provenance.available and provenance.commit is None
    assert not provenance.repository
    html = footer(greffier_provenance=provenance_note(provenance, FR, today=NOW))
    assert "hors dépôt git" in html
    assert "le lundi 1er juin 2026, à 16\u00a0h\u00a045, moment de sa construction" in html


def test_provenance_before_the_first_commit(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    (repo.root / "process.yml").write_text("title: Essai\n", encoding="utf-8")
    provenance = build_provenance(repo.root)
    assert provenance.repository and not provenance.available and provenance.dirty
    note = provenance_note(provenance, EN, today=NOW)
    assert (
        note.text
        == "Site built in a git repository with no commit yet: its provenance cannot be checked."
    )
    assert note.today == (
        "This site takes “today” to be Monday, June 1, 2026, at 4:45\u202fPM, when it was built, "
        "as no commit dates it: statuses and upcoming meetings are worked out for that moment."
    )
    html = footer(greffier_provenance=provenance_note(provenance, FR, today=NOW))
    assert "aucun commit" in html and "hors dépôt git" not in html
    assert "faute de commit pour le dater" in html


def test_footer_without_provenance_is_the_legal_footer_alone() -> None:
    assert footer().strip() == "<nav>legal</nav>"


def test_provenance_runs_two_git_processes(tram: Project) -> None:
    calls: list[list[str]] = []

    def runner(args: Any, cwd: Path) -> bytes:
        calls.append(list(args))
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True).stdout

    build_provenance(tram.root, runner=runner)
    assert [call[0] for call in calls] == ["status", "log"]
