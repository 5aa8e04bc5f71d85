"""Golden-site tests: the bundled examples built by a real `mkdocs build`, checked for content.

Expected values come from the example folders themselves (loaded with the real loader) or from
what a reader must see (written-out French dates, statuses); never from a snapshot of the HTML.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import html as html_text
import itertools
import json
import math
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, unquote, urljoin

import pytest
import yaml
from mkdocs.exceptions import Abort
from site_builds import (
    LONG_EXTRA_CONTRIBUTIONS,
    REFERENCE_DAY,
    REPO,
    build_project,
    make_project,
)

from greffier.export.schemas import json_schemas
from greffier.i18n.translator import Translator
from greffier.load import load_corpus
from greffier.models import Corpus, Process
from greffier.render.journal_pages import item_history_uris

TRAM = "tramway-ligne-b"
BUDGET = "budget-2026-conseil-quartier"
BLOCK_TAGS = {
    *("p", "div", "li", "dt", "dd", "tr", "td", "th", "br", "ul", "ol", "dl", "table"),
    *("caption", "nav", "article", "section", "address"),
    *(f"h{n}" for n in range(1, 7)),
}
VOID_TAGS = {"br", "img", "input", "link", "meta", "hr", "source", "wbr", "col", "area", "base"}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    loaded, diagnostics = load_corpus(REPO, reference=REFERENCE_DAY)
    assert not diagnostics.errors, diagnostics.format()
    return loaded


# --------------------------------------------------------------------------- reading pages


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


class Html(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.main_text: list[str] = []
        self._open: list[Element] = []
        self._main_depth: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        self._boundary(tag)
        if tag in VOID_TAGS:
            return
        self._open.append(element)
        if element.attrs.get("id") == "greffier-main":
            self._main_depth = len(self._open)

    def _boundary(self, tag: str) -> None:
        # Block elements separate words; inline ones (a, time, strong) do not.
        if tag in BLOCK_TAGS and self._main_depth is not None:
            self.main_text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self._boundary(tag)
        if tag in VOID_TAGS:
            return
        while self._open:
            element = self._open.pop()
            if self._main_depth is not None and len(self._open) < self._main_depth:
                self._main_depth = None
            if element.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data
        if self._main_depth is not None and not any("hidden" in e.attrs for e in self._open):
            self.main_text.append(data)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    @property
    def text(self) -> str:
        """The visible text of the generated content, whitespace collapsed."""
        return " ".join("".join(self.main_text).split())


def page(site: Path, url: str) -> Html:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    assert path.is_file(), f"{url} is not built"
    parsed = Html()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def squash(text: str) -> str:
    return " ".join(text.split())


def generated_html(site: Path) -> str:
    """Every page the plugin generated; the guide quotes example content on purpose."""
    guide = {site / "guide", site / "en"}
    return "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*.html"))
        if not guide.intersection(p.parents)
    )


def published_contributions(process: Process) -> list[str]:
    return [c.id for c in process.contributions if not c.data.draft]


def article_ids(html: Html) -> list[str]:
    return [e.attrs["id"] for e in html.find("article") if e.attrs.get("id")]


# --------------------------------------------------------------------------- every page kind

PAGE_KINDS = [
    "",
    "status/open/",
    "status/archived/",
    f"{TRAM}/",
    f"{TRAM}/meetings/",
    f"{TRAM}/meetings/2026-10-08-reunion-ouverture/",
    f"{TRAM}/minutes/",
    f"{TRAM}/minutes/2026-10-08-reunion-ouverture/",
    f"{TRAM}/documents/",
    f"{TRAM}/documents/synthese-intermediaire/",
    f"{TRAM}/documents/dossier-concertation-falc/",
    f"{TRAM}/contributions/",
    f"{TRAM}/contributions/theme/trace/",
    f"{TRAM}/contributions/channel/paper/",
    f"{TRAM}/contributions/answered/",
    f"{TRAM}/contributions/unanswered/",
    f"{TRAM}/contributions/c-0001/",
    f"{TRAM}/outcome/",
    f"{BUDGET}/",
    "mentions-legales/",
    "donnees-personnelles/",
    "accessibilite/",
    "schemas/",
    "search/",
]


@pytest.mark.parametrize("url", PAGE_KINDS)
def test_every_page_kind_is_published_with_one_heading(site_fr: Path, url: str) -> None:
    html = page(site_fr, url)
    assert html.find("html")[0].attrs["lang"] == "fr"
    headings = html.find("h1")
    assert len(headings) == 1, f"{url}: {len(headings)} <h1>"
    assert html.find("div", id="greffier-main"), "content is inside the skip link's target"
    assert html.find("a", href="#greffier-main"), "a skip link leads to the content"


def test_generated_headings_never_skip_a_level(site_fr: Path) -> None:
    for path in sorted(site_fr.rglob("index.html")):
        source = path.read_text(encoding="utf-8")
        start = source.find('id="greffier-main"')
        if start < 0:
            continue
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", source[start:])]
        for previous, current in itertools.pairwise(levels):
            assert current <= previous + 1, (
                f"{path.relative_to(site_fr)}: h{previous} -> h{current}"
            )


def test_tables_have_captions_and_header_scopes(site_fr: Path) -> None:
    for url in (f"{TRAM}/documents/", f"{TRAM}/meetings/2026-10-08-reunion-ouverture/", "schemas/"):
        html = page(site_fr, url)
        tables = html.find("table")
        assert tables and len(html.find("caption")) == len(tables), url
        assert all(th.attrs.get("scope") in ("col", "row") for th in html.find("th")), url


# --------------------------------------------------------------------------- home and overview


def test_home_lists_processes_with_status_dates_and_organiser(
    site_fr: Path, corpus: Corpus
) -> None:
    html = page(site_fr, "")
    text = html.text
    assert "Situation au jeudi 26 novembre 2026" in text
    for process in corpus.processes:
        assert squash(process.data.title) in text
        assert f"Organisé par {squash(process.data.organiser)}" in text
    # Open processes come first; statuses are words, not colours.
    assert text.index(corpus.process(TRAM).data.title) < text.index(
        corpus.process(BUDGET).data.title
    )
    assert "En cours" in text and "Terminé" in text
    assert "Du 1er octobre 2026 au 31 janvier 2027" in text


def test_status_filters_are_real_pages(site_fr: Path) -> None:
    home = page(site_fr, "")
    filters = {
        a.text.strip(): a.attrs["href"]
        for a in home.find("a")
        if "status/" in a.attrs.get("href", "")
    }
    assert filters == {
        "À venir (0)": "status/upcoming/",
        "En cours (1)": "status/open/",
        "Terminé (1)": "status/closed/",
        "Archivé (0)": "status/archived/",
    }
    assert "Tramway ligne B" in page(site_fr, "status/open/").text
    assert "Tramway ligne B" not in page(site_fr, "status/closed/").text
    assert "Aucun processus n’a ce statut pour le moment." in page(site_fr, "status/archived/").text


def test_overview_says_where_the_process_stands(site_fr: Path, corpus: Corpus) -> None:
    process = corpus.process(TRAM)
    html = page(site_fr, f"{TRAM}/")
    text = html.text
    assert "En cours (situation au jeudi 26 novembre 2026)" in text
    timeline = html.find("ol", class_="greffier-timeline")
    assert len(timeline) == 1
    steps = [e for e in html.find("li") if e.attrs.get("class", "").startswith("greffier-timeline")]
    assert [squash(s.text).split(" (")[0] for s in steps] == [p.title for p in process.data.phases]
    current = [s for s in steps if s.attrs.get("aria-current") == "step"]
    assert len(current) == 1 and "Concertation préalable (en cours)" in squash(current[0].text)
    # The next meeting is the soonest one, ranked by the new date of postponed ones: the workshop
    # postponed from 19 November to 10 December comes after the meeting of 3 December.
    assert "Prochaine réunion Réunion « Comment se passeraient les travaux ? »" in text
    assert "jeudi 3 décembre 2026, de 18 h 30 à 20 h 30" in text
    # Offline ways to take part come before online ones, then the contact.
    assert text.index("Sur papier, dans un registre") < text.index("En ligne Déposez")
    assert "01 99 00 12 34" in text and "Hôtel de Métropole" in text
    published = len(published_contributions(process))
    assert f"Contributions reçues {published}" in text
    assert "Derniers comptes rendus" in text and "Derniers documents" in text
    for guarantor in process.data.guarantors:
        assert squash(guarantor) in text
    assert html.find("h2", id="charte")
    # A newcomer first reads what the project is and how to take part; figures and charts follow.
    headings = [e.attrs.get("id") for e in html.find("h2")]
    assert headings.index("presentation") < headings.index("participer")
    assert headings.index("participer") < headings.index("prochaine-reunion")
    assert headings.index("prochaine-reunion") < headings.index("chiffres")
    assert text.index("Contributions reçues") > text.index("Sur papier, dans un registre")


# --------------------------------------------------------------------------- meetings and minutes


_TABLE_IN_REGION = re.compile(
    r'<div class="greffier-table-scroll" role="region" tabindex="0" aria-label="([^"]*)">'
    r"<table>"
)


def test_tables_of_texts_scroll_in_a_named_region_the_keyboard_reaches(
    site_fr: Path, site_en: Path
) -> None:
    """A wide table of minutes scrolls inside its region (WCAG 2.1.1) rather than breaking its
    cells letter by letter; the region is named by the table's columns, in the page's language."""
    url = f"{BUDGET}/minutes/2026-06-16-vote/index.html"
    for site, word in ((site_fr, "Tableau : "), (site_en, "Table: ")):
        html = (site / url).read_text(encoding="utf-8")
        tables = html.count("<table>")
        names = _TABLE_IN_REGION.findall(html)
        assert tables >= 1 and len(names) == tables, (tables, names)
        assert all(name.startswith(word) and len(name) > len(word) for name in names), names
    # The guide's tables too (MkDocs renders them), each region with its own name: regions are
    # landmarks, and the reference repeats the same columns table after table.
    guide = (site_fr / "guide" / "reference" / "index.html").read_text(encoding="utf-8")
    names = _TABLE_IN_REGION.findall(guide)
    assert len(names) == guide.count("<table>") > 3
    assert len(set(names)) == len(names), names


def test_meeting_page_gives_time_place_access_and_agenda(site_fr: Path, corpus: Corpus) -> None:
    meeting = next(
        m for m in corpus.process(TRAM).meetings if m.id == "2026-10-08-reunion-ouverture"
    )
    html = page(site_fr, f"{TRAM}/meetings/{meeting.id}/")
    text = html.text
    assert "jeudi 8 octobre 2026, de 18 h 30 à 21 h" in text
    assert html.find("time", datetime="2026-10-08T18:30:00+02:00")
    assert meeting.data.place is not None and meeting.data.place.address
    osm = "https://www.openstreetmap.org/search?query=" + quote_plus(meeting.data.place.address)
    assert html.find("a", href=osm)
    assert "Accessible en fauteuil roulant" in text
    assert "Boucle magnétique" in text
    rows = [th for th in html.find("th") if th.attrs.get("scope") == "row"]
    assert len(rows) == len(meeting.data.agenda)
    assert html.find("a", href=f"../../minutes/{meeting.id}/")
    assert not html.find("iframe"), "maps are links, never embedded"


def test_agenda_shows_only_what_it_has(site_fr: Path, corpus: Corpus) -> None:
    meetings = {m.id: m for m in corpus.process(TRAM).meetings}
    titles_only = meetings["2026-11-12-reunion-breval"]
    assert titles_only.data.agenda and all(isinstance(i, str) for i in titles_only.data.agenda)
    html = page(site_fr, f"{TRAM}/meetings/{titles_only.id}/")
    assert not html.find("table"), "no table of empty duration and speaker columns"
    items = [li.text for li in html.find("li") if li.text.strip() in titles_only.data.agenda]
    assert len(items) == len(titles_only.data.agenda)
    assert html.find("ol", class_="greffier-agenda")
    detailed = page(site_fr, f"{TRAM}/meetings/2026-10-08-reunion-ouverture/")
    headers = [th.text.strip() for th in detailed.find("th") if th.attrs.get("scope") == "col"]
    assert headers == ["Point", "Durée", "Intervenant·e"]


def test_meeting_says_when_its_minutes_will_come(site_fr: Path, site_en: Path) -> None:
    upcoming = page(site_fr, f"{TRAM}/meetings/2026-12-03-reunion-travaux/").text
    assert "Le compte rendu sera publié ici après la réunion." in upcoming
    assert "The minutes will be published here after the meeting." in (
        page(site_en, f"{TRAM}/meetings/2026-12-03-reunion-travaux/").text
    )
    cancelled = page(site_fr, f"{TRAM}/meetings/2026-11-05-balade-urbaine/")
    assert "Compte rendu" not in [h.text.strip() for h in cancelled.find("h2")]


def test_short_contribution_lists_say_what_and_who(site_fr: Path, corpus: Corpus) -> None:
    expressed = [
        c
        for c in corpus.process(TRAM).contributions
        if c.data.meeting == "2026-10-08-reunion-ouverture"
    ]
    assert expressed
    text = page(site_fr, f"{TRAM}/meetings/2026-10-08-reunion-ouverture/").text
    question = next(c for c in expressed if c.id == "c-0004")
    assert question.data.kind.value == "question" and question.data.author
    initials = " ".join(f"{word[0]}." for word in question.data.author.split())
    assert f"Contribution n° c-0004 – Question, {initials}" in text
    outcome = page(site_fr, f"{TRAM}/outcome/").text
    assert "Contribution n° c-0005 – Cahier d’acteur, Lys Nature" in outcome


def test_cancelled_and_postponed_meetings_say_so_with_reason(site_fr: Path, corpus: Corpus) -> None:
    changed = [
        m
        for m in corpus.process(TRAM).meetings
        if m.data.status.value in ("cancelled", "postponed")
    ]
    assert changed
    for meeting in changed:
        text = page(site_fr, f"{TRAM}/meetings/{meeting.id}/").text
        word = "annulée" if meeting.data.status.value == "cancelled" else "reportée"
        assert f"Cette réunion est {word}" in text
        assert meeting.data.status_reason and squash(meeting.data.status_reason) in text


def test_agenda_separates_upcoming_and_past(site_fr: Path, corpus: Corpus) -> None:
    text = page(site_fr, f"{TRAM}/meetings/").text
    upcoming, past = text.split("Réunions passées")
    assert "Réunion de clôture" in upcoming or "clôture" in upcoming
    assert "Réunion publique d'ouverture" in past


def test_minutes_pages_show_dates_attendees_and_authors(site_fr: Path, corpus: Corpus) -> None:
    for minutes in corpus.process(TRAM).minutes:
        text = page(site_fr, f"{TRAM}/minutes/{minutes.id}/").text
        if minutes.data.attendees is not None:
            assert f"Participants {minutes.data.attendees}" in text
        if minutes.data.approved is None:
            assert "Pas encore approuvé" in text
        for author in minutes.data.authors:
            assert squash(author) in text
    assert (
        "Approuvé le vendredi 30 octobre 2026"
        in page(site_fr, f"{TRAM}/minutes/2026-10-08-reunion-ouverture/").text
    )


# --------------------------------------------------------------------------- documents


def test_documents_table_matches_the_real_files(site_fr: Path, corpus: Corpus) -> None:
    process = corpus.process(TRAM)
    html = page(site_fr, f"{TRAM}/documents/")
    shown = [c.text for c in html.find("code", class_="greffier-sha")]
    for document in process.documents:
        source = REPO / "processes" / TRAM / document.data.file
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        assert digest in shown, document.id
        if not document.data.file.endswith(".md"):
            copied = site_fr / TRAM / document.data.file
            assert copied.read_bytes() == source.read_bytes()
    assert "Empreinte SHA-256 de Dossier de concertation (version 2) :" in html.text
    row = next(r for r in html.find("tr") if "Dossier de concertation (version 2)" in r.text)
    assert "PDF" in row.text and "15 octobre 2026" in row.text
    assert "Facile à lire et à comprendre (FALC)" in row.text
    assert re.search(r"\d+(,\d)?\s?(o|ko|Mo)\b", row.text), "size is written in French units"


def test_markdown_documents_and_alternatives_are_pages(site_fr: Path) -> None:
    falc = page(site_fr, f"{TRAM}/documents/dossier-concertation-falc/").text
    assert "Autre version de : Dossier de concertation (version 2)" in falc
    assert not (site_fr / TRAM / "documents" / "dossier-concertation-falc.md").exists()


def test_journal_entries_of_published_files_link_to_them(corpus: Corpus) -> None:
    """A PDF has no history page: its journal entries link to the file itself."""
    links = item_history_uris(corpus)
    pdf = f"processes/{BUDGET}/documents/reglement-budget-2026.pdf"
    assert links[pdf] == f"{BUDGET}/documents/reglement-budget-2026.pdf"
    assert links[f"processes/{TRAM}/index.md"] == f"{TRAM}/index.md"


def test_the_documents_table_gives_easier_versions_next_to_the_title(site_fr: Path) -> None:
    """On a phone the table scrolls sideways: an easy-read or audio version must not be in its
    last column, off screen."""
    html = (site_fr / TRAM / "documents" / "index.html").read_text(encoding="utf-8")
    table = html[html.index('class="greffier-table greffier-documents"') :]
    columns = re.findall(r'<th scope="col">(.*?)</th>', table[: table.index("</thead>")])
    french = Translator("fr")
    expected = [french.text(f"documents.col.{name}") for name in ("title", "alternatives")]
    assert columns[:2] == expected
    assert len(columns) == 7


# --------------------------------------------------------------------------- contributions


def test_the_processes_own_words_carry_their_language_on_the_english_site(site_en: Path) -> None:
    """WCAG 3.1.2: theme names and organisations of a French process, on English pages."""
    listing = (site_en / TRAM / "contributions" / "index.html").read_text(encoding="utf-8")
    filters = listing[listing.index("greffier-filters") :]
    themes = re.findall(r'<a href="[^"]*theme[^"]*"[^>]*>(.*?) \(', filters)
    assert themes and all(theme.startswith('<span lang="fr">') for theme in themes), themes
    card = (site_en / TRAM / "contributions" / "c-0005" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="fr">Lys Nature</span>' in card


def test_contribution_filters_have_the_right_counts(site_fr: Path, corpus: Corpus) -> None:
    process = corpus.process(TRAM)
    live = [c for c in process.contributions if not c.data.draft]
    for theme in process.data.themes:
        expected = sorted(c.id for c in live if theme.id in c.data.themes)
        html = page(site_fr, f"{TRAM}/contributions/theme/{theme.id}/")
        assert sorted(article_ids(html)) == expected, theme.id
    for channel in {c.data.channel for c in live}:
        expected = sorted(c.id for c in live if c.data.channel is channel)
        html = page(site_fr, f"{TRAM}/contributions/channel/{channel.value}/")
        assert sorted(article_ids(html)) == expected, channel
    answered = sorted(c.id for c in live if c.data.answer)
    assert sorted(article_ids(page(site_fr, f"{TRAM}/contributions/answered/"))) == answered
    assert sorted(article_ids(page(site_fr, f"{TRAM}/contributions/"))) == sorted(
        c.id for c in live
    )


def test_contribution_permalink_shows_answer_replies_and_commitments(site_fr: Path) -> None:
    html = page(site_fr, f"{TRAM}/contributions/c-0005/")
    text = html.text
    assert "Réponse de Mission tramway B, le mercredi 4 novembre 2026" in text
    assert "Suite donnée Prise en compte." in text
    assert "Réponses à cette contribution" in text and "Contribution n° c-0011" in text
    assert "Engagements Publier une étude sanitaire indépendante" in text
    reply = page(site_fr, f"{TRAM}/contributions/c-0011/")
    assert reply.find("a", href="../c-0005/")


def test_private_names_follow_author_display(site_fr: Path, corpus: Corpus) -> None:
    process = corpus.process(TRAM)
    assert process.data.author_display.value == "initials"
    contribution = next(c for c in process.contributions if c.id == "c-0001")
    assert contribution.data.author == "Martine Roussel"
    assert "Auteur M. R." in page(site_fr, f"{TRAM}/contributions/c-0001/").text
    budget = corpus.process(BUDGET)
    assert budget.data.author_display.value == "anonymous"
    named = [c for c in budget.contributions if c.data.author and not c.data.organisation]
    for item in named:
        assert (
            "Contributeur·rice anonyme" in page(site_fr, f"{BUDGET}/contributions/{item.id}/").text
        )
    everything = generated_html(site_fr)
    for process in corpus.processes:
        for item in process.contributions:
            if item.data.author:
                assert item.data.author not in everything, f"{item.id}: full name published"


def test_withdrawn_and_moderated_contributions_keep_no_text(site_fr: Path, corpus: Corpus) -> None:
    process = corpus.process(TRAM)
    withdrawn = [c for c in process.contributions if c.data.withdrawn]
    hidden = [c for c in process.contributions if c.data.moderation]
    assert withdrawn and hidden
    everything = generated_html(site_fr)
    for item in withdrawn + hidden:
        first_line = item.body.strip().splitlines()[0]
        assert first_line not in everything, f"{item.id}: text still published"
    assert (
        "Retirée par son auteur le lundi 2 novembre 2026."
        in page(site_fr, f"{TRAM}/contributions/{withdrawn[0].id}/").text
    )
    moderated = page(site_fr, f"{TRAM}/contributions/{hidden[0].id}/")
    assert hidden[0].data.moderation is not None
    assert squash(hidden[0].data.moderation.reason) in moderated.text
    assert moderated.find("a", href="../../#charte")


def test_drafts_are_not_published(site_fr: Path, corpus: Corpus) -> None:
    drafts = [c for p in corpus.processes for c in p.contributions if c.data.draft]
    assert drafts
    everything = generated_html(site_fr)
    for item in drafts:
        assert not (site_fr / TRAM / "contributions" / item.id).exists()
        assert f"/{item.id}/" not in everything
        assert item.body.strip().splitlines()[0] not in everything


def test_long_lists_paginate_with_linked_pages(site_long: Path, corpus: Corpus) -> None:
    total = len(published_contributions(corpus.process(TRAM))) + LONG_EXTRA_CONTRIBUTIONS
    pages = math.ceil(total / 50)
    base = f"{TRAM}/contributions/"
    urls = [base] + [f"{base}page/{n}/" for n in range(2, pages + 1)]
    assert not (site_long / base / "page" / str(pages + 1)).exists()
    seen: list[str] = []
    for number, url in enumerate(urls, start=1):
        html = page(site_long, url)
        ids = article_ids(html)
        assert len(ids) == (50 if number < pages else total - 50 * (pages - 1))
        seen += ids
        assert f"page {number} sur {pages}" in html.find("h1")[0].text
        nav = html.find("nav", class_="greffier-pagination")
        assert nav, url
        current = [a for a in html.find("a") if a.attrs.get("aria-current") == "page"]
        assert any(a.text.strip() == str(number) for a in current)
        links = {urljoin("/" + url, a.attrs["href"]) for a in html.find("a") if a.attrs.get("rel")}
        expected = set()
        if number > 1:
            expected.add("/" + urls[number - 2])
        if number < pages:
            expected.add("/" + urls[number])
        assert links == expected, url
    assert len(set(seen)) == total, "every contribution appears exactly once"
    # Filters paginate the same way.
    theme = page(site_long, f"{base}theme/stations/")
    assert theme.find("nav", class_="greffier-pagination")
    assert (site_long / base / "theme" / "stations" / "page" / "2" / "index.html").is_file()


# --------------------------------------------------------------------------- outcome and legal


def test_outcome_lists_commitments_with_status_and_updates(site_fr: Path, corpus: Corpus) -> None:
    html = page(site_fr, f"{TRAM}/outcome/")
    text = html.text
    for commitment in corpus.process(TRAM).commitments:
        assert html.find("article", id=commitment.id)
        assert squash(commitment.title) in text
    assert "État En cours" in text and "État Réalisé" in text and "État Prévu" in text
    assert "jeudi 8 octobre 2026 : Engagement pris en réunion publique d'ouverture." in text


def test_legal_pages_are_generated(site_fr: Path) -> None:
    notice = page(site_fr, "mentions-legales/").text
    assert "Association Greffier (démonstration)" in notice
    assert "Hébergeur de démonstration SAS" in notice
    privacy = page(site_fr, "donnees-personnelles/")
    assert "initiales seulement" in privacy.text and "aucun nom" in privacy.text
    assert privacy.find("a", href="mailto:concertation.tramb@valdelys.example.org")
    assert "CNIL" in privacy.text
    statement = page(site_fr, "accessibilite/").text
    assert "Ce site est non conforme" in statement
    assert "totalement conforme" not in statement
    assert "axe-core" in statement and "320 pixels" in statement
    assert "Défenseur des droits" in statement
    footer = page(site_fr, f"{TRAM}/").find("footer")[0].text
    assert "Accessibilité : non conforme" in squash(footer)


def test_json_schemas_are_published(site_fr: Path) -> None:
    expected = json_schemas("https://greffier.example.org/")
    for name, schema in expected.items():
        published = json.loads((site_fr / "schemas" / f"{name}.schema.json").read_text())
        assert published == schema
    html = page(site_fr, "schemas/")
    links = {a.attrs["href"] for a in html.find("a")}
    assert {f"{name}.schema.json" for name in expected} <= links
    assert "https://greffier.example.org/schemas/process.schema.json" in html.text
    assert "meetings/<id>.md" in html.text, "file patterns are text, not HTML tags"
    assert not html.find("id")


# --------------------------------------------------------------------------- navigation, privacy


def _nav_links(site: Path, url: str) -> list[str]:
    return [
        unquote(urljoin(url, a.attrs["href"]))
        for a in page(site, url.lstrip("/")).find("a")
        if "md-nav__link" in a.attrs.get("class", "")
    ]


def test_leaf_pages_stay_out_of_the_navigation(site_fr: Path) -> None:
    nav_links = _nav_links(site_fr, f"/{TRAM}/contributions/c-0001/")
    # Pruned (mkdocs.yml): the processes' section is one link, to the home page listing them.
    assert "/" in nav_links and "/search/" in nav_links and "/mentions-legales/" in nav_links
    leaf = re.compile(r"/(meetings|minutes|documents|contributions|outcome|status)/")
    assert not [link for link in nav_links if leaf.search(link)]
    # In the section, every process is listed after the home page.
    for url in ("/", f"/{TRAM}/"):
        links = _nav_links(site_fr, url)
        assert links.index("/") < links.index(f"/{TRAM}/") and f"/{BUDGET}/" in links, url


def test_no_third_party_request(site_fr: Path) -> None:
    fetched = re.compile(
        r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=\"(?:https?:)?//"
        r"|<link\b(?![^>]*rel=\"canonical\")[^>]*\bhref=\"(?:https?:)?//"
    )
    offenders = [
        str(path.relative_to(site_fr))
        for path in site_fr.rglob("*.html")
        if fetched.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders
    css = "\n".join(p.read_text(encoding="utf-8") for p in site_fr.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


# --------------------------------------------------------------------------- English, empty


def test_english_site_speaks_english_and_keeps_content_language(site_en: Path) -> None:
    html = page(site_en, f"{TRAM}/meetings/2026-10-08-reunion-ouverture/")
    assert html.find("html")[0].attrs["lang"] == "en"
    text = html.text
    assert "Thursday, October 8, 2026, 6:30 PM to 9:00 PM" in text
    assert "Wheelchair accessible" in text and "Agenda" in text
    assert html.find("h1")[0].attrs.get("lang") == "fr", "French content is marked as such"
    overview = page(site_en, f"{TRAM}/").text
    assert "Open (as of Thursday, November 26, 2026)" in overview
    assert "From October 1, 2026 to January 31, 2027" in overview
    assert "Situation au" not in overview
    home = page(site_en, "").text
    assert "Public participation" in home and "Organised by" in home
    statement = page(site_en, "accessibilite/").text
    assert "This site is not compliant" in statement
    contributions = page(site_en, f"{TRAM}/contributions/").text
    assert "Filter contributions" in contributions and "Anonymous contributor" in contributions
    # The process's own words inside English sentences keep their French `lang`.
    osm = next(a for a in html.find("a") if "openstreetmap" in a.attrs.get("href", ""))
    assert osm.text.startswith("View 5 rue du Marché")
    raw = (site_en / TRAM / "meetings" / "2026-10-08-reunion-ouverture" / "index.html").read_text()
    assert 'View <span lang="fr">5 rue du Marché' in raw
    assert 'Organised by <span lang="fr">' in (site_en / "index.html").read_text()


def test_empty_states_read_well(site_empty: Path) -> None:
    slug = "vide"
    assert (
        "Aucune réunion n’est annoncée pour le moment."
        in page(site_empty, f"{slug}/meetings/").text
    )
    assert (
        "Aucune contribution n’est publiée pour le moment."
        in page(site_empty, f"{slug}/contributions/").text
    )
    assert (
        "Aucun document n’est publié pour le moment." in page(site_empty, f"{slug}/documents/").text
    )
    outcome = page(site_empty, f"{slug}/outcome/").text
    assert "Le bilan n’est pas encore publié." in outcome
    assert "Aucun engagement n’est publié pour le moment." in outcome
    overview = page(site_empty, f"{slug}/").text
    assert "À venir (situation au jeudi 26 novembre 2026)" in overview
    assert "Aucune réunion à venir n’est annoncée pour le moment." in overview
    assert (
        "À partir du lundi 4 janvier 2027" in overview or "À partir du 4 janvier 2027" in overview
    )


# --------------------------------------------------------------------------- failures


def test_content_errors_fail_mkdocs_build_listing_every_problem(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = make_project(tmp_path)
    tram = tmp_path / "processes" / TRAM
    process = tram / "process.yml"
    process.write_text(
        process.read_text(encoding="utf-8").replace("opens: 2026-10-01", "opens: demain")
    )
    meeting = tram / "meetings" / "2026-10-08-reunion-ouverture.md"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("format: in-person", "format: radio")
    )
    with pytest.raises(Abort):
        build_project(config_file)
    logged = caplog.text
    assert f"processes/{TRAM}/process.yml:" in logged
    assert f"processes/{TRAM}/meetings/2026-10-08-reunion-ouverture.md:" in logged
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_docs_page_may_not_hide_a_generated_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = make_project(tmp_path)
    shutil.copy(REPO / "docs" / "guide" / "index.md", tmp_path / "docs" / "mentions-legales.md")
    with pytest.raises(Abort):
        build_project(config_file)
    assert "docs/mentions-legales.md cacherait la page produite" in caplog.text


def test_drafts_option_previews_drafts(tmp_path: Path, corpus: Corpus) -> None:
    drafts = [c for c in corpus.process(TRAM).contributions if c.data.draft]
    site = build_project(make_project(tmp_path, options={"drafts": True}))
    for item in drafts:
        assert (site / TRAM / "contributions" / item.id / "index.html").is_file()


def test_search_index_is_an_option(site_fr: Path, site_en: Path) -> None:
    assert (site_fr / "pagefind" / "pagefind.js").is_file()
    assert not (site_en / "pagefind").exists()


_TERM = re.compile(r"<dt\b[^>]*>(.*?)</dt>\s*<dd\b[^>]*>(.*?)</dd>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def _indexed(site: Path) -> dict[str, dict[str, Any]]:
    """Pagefind's record of each indexed page, by URL."""
    found = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        fragment = json.loads(data)
        found[fragment["url"]] = fragment
    return found


def test_search_records_name_type_and_process_and_keep_terms_apart(site_fr: Path) -> None:
    """Results show each page's type and process (Pagefind's meta), and excerpts never glue a
    term to its description ("TypeFacile à lire"): Pagefind reads `dt` and `dd` as inline."""
    indexed = _indexed(site_fr)
    assert len(indexed) > 50
    glued = []
    for url, fragment in indexed.items():
        assert fragment["meta"]["type"] == fragment["filters"]["type"][0], url
        if f"/{TRAM}/" in url:
            assert fragment["meta"]["process"].startswith("Tramway ligne B"), url
        html = (site_fr / unquote(url).lstrip("/") / "index.html").read_text(encoding="utf-8")
        for term, description in _TERM.findall(html):
            words = [
                html_text.unescape(_TAGS.sub(" ", part)).split() for part in (term, description)
            ]
            if words[0] and words[1]:
                together = words[0][-1] + words[1][0]
                if together in fragment["content"] and together not in html_text.unescape(html):
                    glued.append((url, together))
    assert not glued, glued[:5]


def _rewrite_config(config_file: Path, change: Callable[[dict[str, Any]], None]) -> None:
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    change(config)
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def _greffier_options(config: dict[str, Any]) -> dict[str, Any]:
    entry = next(e for e in config["plugins"] if isinstance(e, dict) and "greffier" in e)
    options: dict[str, Any] = entry["greffier"]
    return options


def test_french_is_the_default_language(tmp_path: Path) -> None:
    config_file = make_project(tmp_path)
    _rewrite_config(config_file, lambda config: config["theme"].pop("language"))
    site = build_project(config_file)
    html = page(site, f"{TRAM}/")
    assert html.find("html")[0].attrs["lang"] == "fr"
    assert "Comment participer" in html.text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda c: c["theme"].update(name="mkdocs"),
            "les pages de Greffier demandent `theme: name: material`",
        ),
        (lambda c: c["theme"].update(language="de"), "theme.language vaut « de »"),
        (lambda c: c["theme"].update(language="de"), "theme.language is 'de'"),
        (lambda c: _greffier_options(c).update(page_size=0), "page_size doit valoir au moins 1"),
        (
            lambda c: _greffier_options(c).update(audit_by="Cabinet A11y"),
            "audit_date, audit_by et audit_rate vont ensemble",
        ),
    ],
)
def test_impossible_configuration_fails_clearly(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    change: Callable[[dict[str, Any]], None],
    message: str,
) -> None:
    config_file = make_project(tmp_path)
    _rewrite_config(config_file, change)
    with pytest.raises(Abort):
        build_project(config_file)
    assert message in caplog.text


def test_an_audit_changes_the_declared_status(tmp_path: Path) -> None:
    config_file = make_project(tmp_path)
    _rewrite_config(
        config_file,
        lambda c: _greffier_options(c).update(
            audit_date=dt.date(2026, 9, 1), audit_by="Cabinet A11y", audit_rate=87.5
        ),
    )
    statement = page(build_project(config_file), "accessibilite/").text
    assert "Ce site est partiellement conforme" in statement
    assert "Un audit réalisé le mardi 1er septembre 2026 par Cabinet A11y" in statement
    assert "87,5" in statement


def test_untrusted_text_is_escaped_or_sanitised_everywhere(tmp_path: Path) -> None:
    config_file = make_project(tmp_path)
    tram = tmp_path / "processes" / TRAM
    meeting = tram / "meetings" / "2026-10-08-reunion-ouverture.md"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace(
            "title: Réunion publique d'ouverture",
            'title: "Réunion <img src=x onerror=alert(1)> d\'ouverture"',
        ),
        encoding="utf-8",
    )
    (tram / "contributions" / "c-9999.md").write_text(
        "---\n"
        "received: 2026-11-20\n"
        "channel: online\n"
        "author: \"<script>alert('auteur')</script>\"\n"
        "---\n"
        "Texte <script>alert('corps')</script> et [lien](javascript:alert(1)).\n",
        encoding="utf-8",
    )
    site = build_project(config_file)
    everything = generated_html(site)
    assert "<script>alert" not in everything
    assert "<img src=x onerror" not in everything
    assert "javascript:alert" not in everything
    meeting_page = page(site, f"{TRAM}/meetings/2026-10-08-reunion-ouverture/")
    assert "Réunion <img src=x onerror=alert(1)> d'ouverture" in meeting_page.find("h1")[0].text
    title = meeting_page.find("title")[0].text
    assert "<img" in title, "the browser tab shows the text as written, not as markup"
    assert "Texte" in page(site, f"{TRAM}/contributions/c-9999/").text


def test_generated_schemas_replace_copies_kept_in_docs(tmp_path: Path) -> None:
    config_file = make_project(tmp_path)
    (tmp_path / "docs" / "schemas").mkdir(exist_ok=True)
    (tmp_path / "docs" / "schemas" / "process.schema.json").write_text('{"stale": true}')
    site = build_project(config_file)
    published = json.loads((site / "schemas" / "process.schema.json").read_text())
    assert published == json_schemas("https://greffier.example.org/")["process"]


def test_every_link_of_every_page_leads_to_a_published_file(site_fr: Path) -> None:
    # Links of written pages are made relative after rendering, and cards are rendered once
    # for many pages: each must still lead where it says, from wherever it is shown.
    reference = re.compile(r'<[a-z]+\b[^>]*?\s(?:href|src)="([^"#?]*)[^"]*"')
    broken = []
    for path in site_fr.rglob("*.html"):
        url = "/" + path.relative_to(site_fr).as_posix()
        for target in reference.findall(path.read_text(encoding="utf-8")):
            if not target or re.match(r"[a-z][a-z0-9+.-]*:|//", target):
                continue  # An anchor, another site, mailto:, data:…
            found = site_fr / unquote(urljoin(url, target)).lstrip("/")
            if not (found.is_file() or (found / "index.html").is_file()):
                broken.append(f"{url} -> {target}")
    assert not broken, broken[:20]


def test_pages_in_another_language_say_so_in_the_navigation(site_fr: Path, site_en: Path) -> None:
    """WCAG 3.1.2: the site's own pages in the other language (the guides), and their section,
    carry their language in the navigation."""
    for site, other, section, guide in (
        (site_en, "fr", "Guide des organisateurs", "guide"),
        (site_fr, "en", "Organisers' guide (English)", "en/guide"),
    ):
        # Pruned elsewhere, the section shows as one link; inside it, its pages are listed.
        legal = html_text.unescape((site / "mentions-legales" / "index.html").read_text("utf-8"))
        assert f'<span lang="{other}">{section}</span>' in legal, section
        inside = html_text.unescape((site / guide / "index.html").read_text("utf-8"))
        spans = set(re.findall(rf'<span lang="{other}">\s*([^<]+?)\s*</span>', inside))
        assert section in spans
        assert len(spans - {section}) >= 8, spans  # the guide's pages
    # The site's own language is never marked.
    assert 'lang="fr">Mentions légales' not in (site_fr / "index.html").read_text("utf-8")
