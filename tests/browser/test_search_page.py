"""The search page at work in headless Chromium: Pagefind's interface over the real examples.

The accessibility suite checks the page as it loads; these tests type a query, use the filters
and check what a reader gets, in French and in English, with and without JavaScript.
"""

from __future__ import annotations

import re

import pytest
from harness import OpenPage, Sites
from playwright.sync_api import Page, Route, expect
from test_accessibility import AXE, AXE_OPTIONS, describe

pytestmark = pytest.mark.browser

RESULT = ".pagefind-ui__result-link"


def search(page: Page, label: str, query: str) -> list[str]:
    page.get_by_label(label, exact=True).fill(query)
    page.locator(RESULT).first.wait_for()
    return result_urls(page)


def result_urls(page: Page) -> list[str]:
    urls: list[str] = page.locator(RESULT).evaluate_all("links => links.map(a => a.pathname)")
    return urls


def open_filters(page: Page) -> None:
    page.locator(".pagefind-ui__filter-block").evaluate_all(
        "blocks => blocks.forEach(block => { block.open = true; })"
    )


def test_french_search_with_filters(sites: Sites, open_page: OpenPage) -> None:
    base = sites.url("fr")
    page = open_page(base + "/search/")
    urls = search(page, "Mots à rechercher", "réunions")
    assert any("/meetings/" in url for url in urls), urls
    # Pagefind renders its message and filters after the results: expect() waits for them.
    expect(page.locator(".pagefind-ui__message")).to_have_text(re.compile("pour « réunions »$"))
    # Pagefind titles filters with their keys; the page shows the reader's words.
    # Pagefind loads each filter's values on its own: slow on a busy machine.
    expect(page.locator(".pagefind-ui__filter-name")).to_have_text(
        ["Processus", "Type de page"], timeout=20_000
    )
    # Each result says what kind of page it is and which process it belongs to.
    first_result = page.locator(".pagefind-ui__result").first
    expect(first_result.locator('[data-pagefind-ui-meta="Type de page"]')).to_have_count(1)
    expect(first_result.locator('[data-pagefind-ui-meta="Processus"]')).to_contain_text(
        "Processus: "
    )
    # Pagefind's own French says « Nettoyer »: Greffier's words replace all of its strings.
    expect(page.locator(".pagefind-ui__search-clear")).to_have_text("Effacer")
    open_filters(page)
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, describe(violations)
    page.get_by_label("Réunion (", exact=False).check()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.pagefind-ui__result-link')]"
        ".every(a => a.pathname.includes('/meetings/'))"
    )
    first = page.locator(RESULT).first
    first.click()
    page.wait_for_load_state()
    assert "/meetings/" in page.url
    assert page.locator("h1").count() == 1


def test_english_search(sites: Sites, open_page: OpenPage) -> None:
    page = open_page(sites.url("en") + "/search/")
    urls = search(page, "Words to search for", "tramway")
    assert urls
    expect(page.locator(".pagefind-ui__message")).to_contain_text(" results for “tramway”")
    expect(page.locator(".pagefind-ui__filter-name")).to_have_text(
        ["Process", "Type of page"], timeout=20_000
    )
    first_result = page.locator(".pagefind-ui__result").first
    expect(first_result.locator('[data-pagefind-ui-meta="Type of page"]')).to_have_count(1)


def test_filters_complete_when_a_search_beats_their_loading(
    sites: Sites, open_page: OpenPage
) -> None:
    # Pagefind loads each filter's values from its own file; hold one back until the first
    # results are shown, as a slow link would.
    page = open_page(sites.url("en") + "/search/")
    held: list[Route] = []
    page.context.route(
        "**/pagefind/filter/*", lambda route: held.append(route) if not held else route.continue_()
    )
    search(page, "Words to search for", "tramway")
    expect(page.locator(".pagefind-ui__message")).to_contain_text(" results for “tramway”")
    assert len(held) == 1
    held[0].continue_()
    expect(page.locator(".pagefind-ui__filter-name")).to_have_text(["Process", "Type of page"])


def test_a_link_can_carry_the_query(sites: Sites, open_page: OpenPage) -> None:
    page = open_page(sites.url("fr") + "/search/?q=tramway")
    page.locator(RESULT).first.wait_for()
    assert page.get_by_label("Mots à rechercher", exact=True).input_value() == "tramway"


def test_without_javascript_the_page_points_to_the_listings(
    sites: Sites, open_page: OpenPage
) -> None:
    page = open_page(sites.url("fr") + "/search/", javascript=False)
    message = page.locator("noscript p")
    assert "La recherche a besoin de JavaScript" in message.inner_text()
    assert message.locator("a").get_attribute("href") == "../"
    assert not page.locator("#greffier-search").is_visible()
