"""Printing a page of the site: headless Chromium in print media, then a real PDF of the page.

The navigation is hidden, link targets are written after the links (not for in-page anchors
nor navigation), tables keep their header on each sheet, and the page prints black on white.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from harness import OpenPage, Sites
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SLUG = "tramway-ligne-b"
EXTERNAL = 'article a[href^="http"]'
RELATIVE = 'article p a[href]:not([href^="http"]):not([href^="#"]):not([href*=":"])'


def after(page: Page, selector: str) -> str:
    content: str = page.locator(selector).first.evaluate(
        "a => getComputedStyle(a, '::after').content"
    )
    return content


def printed(page: Page) -> Page:
    page.emulate_media(media="print")
    return page


def test_print_hides_navigation_and_writes_link_targets(sites: Sites, open_page: OpenPage) -> None:
    page = open_page(f"{sites.url('fr')}/{SLUG}/")
    chrome = (".md-header", ".md-sidebar--primary", ".md-footer", ".greffier-sections")
    assert all(page.locator(part).first.is_visible() for part in chrome)
    assert after(page, EXTERNAL) in ("none", "normal")  # on screen, links stay as they are

    printed(page)
    for part in chrome:
        assert not page.locator(part).first.is_visible(), part
    assert page.locator("article h1").first.is_visible()
    for selector in (EXTERNAL, RELATIVE):
        href = page.locator(selector).first.get_attribute("href")
        assert after(page, selector) == f'" ({href})"', selector
    assert after(page, "article nav a[href]") in ("none", "normal")  # the breadcrumb


def test_print_skips_in_page_anchors(sites: Sites, open_page: OpenPage) -> None:
    page = printed(open_page(f"{sites.url('fr')}/{SLUG}/"))
    page.locator("article h1").evaluate(
        "h => h.insertAdjacentHTML('afterend', '<p><a id=\"probe\" href=\"#top\">haut</a></p>')"
    )
    assert after(page, "#probe") in ("none", "normal")


def test_printed_tables_repeat_their_header_and_keep_rows_whole(
    sites: Sites, open_page: OpenPage
) -> None:
    page = printed(open_page(f"{sites.url('fr')}/{SLUG}/documents/"))
    head = page.locator("article table thead").first
    assert head.evaluate("t => getComputedStyle(t).display") == "table-header-group"
    row = page.locator("article table tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).breakInside") == "avoid"
    scroll = page.locator("article table").first.evaluate(
        "t => [...(function* up(e) { while ((e = e.parentElement)) yield e; })(t)]"
        ".map(e => getComputedStyle(e).overflowX)"
    )
    assert "auto" not in scroll and "scroll" not in scroll
    colours = page.locator("article *").evaluate_all(
        "all => [...new Set(all.map(e => getComputedStyle(e).color))]"
    )
    assert colours == ["rgb(0, 0, 0)"]


def test_printed_page_is_a4_with_the_link_targets(
    sites: Sites, open_page: OpenPage, tmp_path: Path
) -> None:
    page = open_page(f"{sites.url('fr')}/{SLUG}/")
    external = page.locator(EXTERNAL).first.get_attribute("href")
    pdf = tmp_path / "overview.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert f"({external})" in "".join(text.split())
    assert "Guide des organisateurs" not in text  # the site navigation
