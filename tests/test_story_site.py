"""What became of each contribution, and the process's figures, on the built example sites.

Expected values are computed here from the example folders (loaded with the real loader), never
copied from the HTML.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from lxml import html as lxml_html
from site_builds import REFERENCE_DAY, REPO

from greffier.i18n.translator import Translator
from greffier.load import load_corpus
from greffier.models import Channel, Contribution, Corpus, Process

TRAM = "tramway-ligne-b"


@pytest.fixture(scope="module")
def tram() -> Process:
    corpus: Corpus
    corpus, diagnostics = load_corpus(REPO, reference=REFERENCE_DAY)
    assert not diagnostics.errors, diagnostics.format()
    return corpus.process(TRAM)


def live(process: Process) -> list[Contribution]:
    return [c for c in process.contributions if not c.data.draft]


def load(site: Path, url: str) -> Any:
    return lxml_html.parse(str(site / url / "index.html")).getroot()


def text(element: Any) -> str:
    return " ".join(element.text_content().split())


def received_day(c: Contribution, zone: str) -> dt.date:
    received = c.data.received
    if isinstance(received, dt.datetime):
        return received.astimezone(ZoneInfo(zone)).date()
    return received


# --------------------------------------------------------------------------- the story


def test_contribution_page_tells_one_story_in_order(site_fr: Path, tram: Process) -> None:
    item = next(c for c in live(tram) if c.id == "c-0005")
    answer, disposition = item.data.answer, item.data.disposition
    assert answer is not None and disposition is not None
    root = load(site_fr, f"{TRAM}/contributions/{item.id}")
    story = root.get_element_by_id("greffier-story-title").getparent()
    steps = [text(step.find("h3")) for step in story.iterfind("./ol/li")]
    assert steps == ["Réception", "Réponse", "Suite donnée", "Engagements"]
    said = text(story)
    delay = (answer.date - received_day(item, tram.data.timezone)).days
    assert f"{delay} jours après sa réception." in said
    assert "Réponse de Mission tramway B, le mercredi 4 novembre 2026." in said
    assert "Prise en compte." in said and " ".join(disposition.reason.split()) in said
    citing = [c for c in tram.commitments if item.id in c.contributions]
    assert citing
    for commitment in citing:
        link = story.xpath(f'.//a[@href="../../outcome/#{commitment.id}"]')
        assert link and text(link[0]) == commitment.title
    assert "En cours" in said, "each commitment says where it stands"
    # Replies come after the story, threaded: each reply is an article inside the thread.
    replies = [c.id for c in live(tram) if c.data.parent == item.id]
    thread = root.xpath('//ol[contains(@class, "greffier-thread")]/li/article/@id')
    assert replies and thread == sorted(replies)
    page_text = text(root.get_element_by_id("greffier-main"))
    assert page_text.index("Engagements") < page_text.index("Réponses à cette contribution")


def test_unanswered_contribution_says_when_its_answer_is_due(site_fr: Path, tram: Process) -> None:
    waiting = next(
        c
        for c in live(tram)
        if c.data.answer is None and not c.data.withdrawn and not c.data.moderation
    )
    root = load(site_fr, f"{TRAM}/contributions/{waiting.id}")
    story = text(root.get_element_by_id("greffier-story-title").getparent())
    assert "Pas encore de réponse. Réponse attendue avant le mercredi 31 mars 2027." in story
    assert "en retard" not in story, "the deadline is still ahead on the reference day"


def test_withdrawn_and_hidden_stories_keep_no_text(site_fr: Path, tram: Process) -> None:
    withdrawn = next(c for c in live(tram) if c.data.withdrawn)
    hidden = next(c for c in live(tram) if c.data.moderation)
    story = text(
        load(site_fr, f"{TRAM}/contributions/{withdrawn.id}").get_element_by_id("greffier-main")
    )
    assert "Retrait Retirée par son auteur le lundi 2 novembre 2026." in story
    assert withdrawn.body.strip().splitlines()[0] not in story
    root = load(site_fr, f"{TRAM}/contributions/{hidden.id}")
    assert "Modération Masquée par la modération." in text(root)
    charter = root.xpath('//a[@href="../../#charte"]')
    assert charter, "the reason links to the charter"
    assert load(site_fr, TRAM).get_element_by_id("charte") is not None


def test_each_commitment_lists_the_contributions_behind_it(site_fr: Path, tram: Process) -> None:
    root = load(site_fr, f"{TRAM}/outcome")
    for commitment in tram.commitments:
        card = root.get_element_by_id(commitment.id)
        links = card.xpath(".//a/@href")
        assert links == [f"../contributions/{c}/" for c in commitment.contributions]


# --------------------------------------------------------------------------- the figures


def figures(root: Any) -> dict[str, str]:
    heading = root.get_element_by_id("reponses")
    table = heading.getnext()
    return {text(row.find("dt")): text(row.find("dd")) for row in table.iterfind("div")}


def test_process_page_says_how_contributions_are_answered(site_fr: Path, tram: Process) -> None:
    items = live(tram)
    answered = [c for c in items if c.data.answer]
    owed = [c for c in items if not (c.data.answer or c.data.withdrawn or c.data.moderation)]
    delays = [
        (c.data.answer.date - received_day(c, tram.data.timezone)).days
        for c in answered
        if c.data.answer
    ]
    shown = figures(load(site_fr, TRAM))
    share = Translator("fr").percent(round(100 * len(answered) / (len(answered) + len(owed)), 1))
    label = (
        "Part des contributions ayant reçu une réponse (hors contributions retirées ou masquées)"
    )
    expected = f"{share} ({len(answered)} sur {len(answered) + len(owed)})"
    assert shown[label] == " ".join(expected.split())
    median = statistics.median(delays)
    days = Translator("fr").days(median)
    assert shown["Délai médian de réponse (de la réception à la réponse)"] == " ".join(days.split())
    assert median == int(median), "the example's median is a whole number of days"
    assert shown["Contributions encore sans réponse"] == (
        f"{len(owed)} – Voir les contributions sans réponse"
    )
    assert shown["Contributions sans réponse après l’échéance du 31 mars 2027"] == "0"
    assert shown["Contributions retirées par leur auteur"] == str(
        sum(bool(c.data.withdrawn) for c in items)
    )
    assert shown["Contributions masquées par la modération"] == str(
        sum(bool(c.data.moderation) for c in items)
    )
    unanswered = load(site_fr, f"{TRAM}/contributions/unanswered")
    assert len(unanswered.xpath('//ol[@class="greffier-contributions"]/li')) == min(len(owed), 50)
    key = load(site_fr, TRAM).xpath(
        '//dl[@class="greffier-figures"]/div[dt="Contributions reçues"]'
    )
    assert text(key[0].find("dd")) == str(len(items)), "withdrawn and hidden count"


def charts(root: Any) -> dict[str, tuple[Any, Any]]:
    """Chart key -> (svg, table)."""
    found = {}
    for figure in root.xpath('//figure[@class="greffier-chart-figure"]'):
        svg = figure.find(".//svg")
        found[svg.get("id").removeprefix("greffier-chart-")] = (svg, figure.find(".//table"))
    return found


def rows(table: Any) -> dict[str, int]:
    return {
        text(row.find("th")): int(text(row.find("td")))
        for row in table.iterfind(".//tbody/tr")
        if row.find("td") is not None
    }


def test_charts_are_accessible_and_match_their_tables(site_fr: Path, tram: Process) -> None:
    t = Translator("fr")
    items = live(tram)
    found = charts(load(site_fr, TRAM))
    assert sorted(found) == ["channels", "themes", "time"]
    for svg, table in found.values():
        assert svg.get("role") == "img" and svg.get("viewbox", svg.get("viewBox"))
        title, desc = svg.find("title"), svg.find("desc")
        assert svg.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
        assert text(desc) and text(table.find("caption")) == text(title)
        assert all(th.get("scope") for th in table.iter("th"))
        values = [text(v) for v in svg.xpath('.//text[@class="greffier-chart__value"]')]
        assert values == [str(n) for n in rows(table).values()], "picture and table agree"
    channels = Counter(c.data.channel for c in items)
    assert rows(found["channels"][1]) == {
        t.label(ch): channels[ch] for ch in Channel if channels[ch]
    }
    themes = Counter(theme for c in items for theme in c.data.themes)
    expected = {theme.title: themes[theme.id] for theme in tram.data.themes}
    if any(not c.data.themes for c in items):
        expected["Sans thème"] = sum(not c.data.themes for c in items)
    assert rows(found["themes"][1]) == expected
    assert sum(rows(found["time"][1]).values()) == len(items)
    digital = sum(channels[ch] for ch in (Channel.online, Channel.email))
    assert f"dont {digital} par un moyen numérique" in text(found["channels"][0].find("desc"))


def test_english_site_tells_the_story_and_figures_in_english(site_en: Path, tram: Process) -> None:
    root = load(site_en, f"{TRAM}/contributions/c-0005")
    story = text(root.get_element_by_id("greffier-story-title").getparent())
    assert story.startswith("What became of this contribution Received Received on Monday")
    assert "days after it was received." in story
    overview = load(site_en, TRAM)
    assert "Median time to answer (from receipt to answer)" in figures(overview)
    titles = [text(svg.find("title")) for svg, _ in charts(overview).values()]
    assert titles == [
        "Contributions by channel",
        "Contributions by theme",
        "Contributions received per week",
    ]
    weeks = rows(charts(overview)["time"][1])
    assert next(iter(weeks)).startswith("Week of ")
