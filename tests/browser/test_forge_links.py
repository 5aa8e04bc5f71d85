"""A site with `repo_url` on GitHub, in headless Chromium: Material's repository widget would ask
GitHub's API for stars and forks; Greffier's keeps a plain link, and versions and journal entries
link to their commits. Any request leaving 127.0.0.1 fails the test (see conftest.py)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from harness import OpenPage, Sites
from sites import EMPTY_SLUG, FORGE_REPO
from test_accessibility import AXE_OPTIONS, describe

pytestmark = pytest.mark.browser

PAGES = ["/", f"/{EMPTY_SLUG}/", f"/{EMPTY_SLUG}/journal/"]
"""Pages in Material's frame, whose header shows the repository (history pages have their own,
lighter frame: see generator/render/writer.py)."""


@pytest.mark.parametrize("path", PAGES)
def test_repository_link_without_requests_to_the_forge(
    sites: Sites, open_page: OpenPage, path: str
) -> None:
    page = open_page(sites.url("forge") + path)
    page.wait_for_load_state("networkidle")
    source = page.locator(f'header a.md-source[href="{FORGE_REPO}"]')
    assert source.count() == 1 and source.is_visible()
    # Material writes the facts it fetched (stars, forks) into the widget: none may appear.
    assert page.locator(".md-source__facts").count() == 0


def test_versions_and_entries_link_to_their_commit(sites: Sites, open_page: OpenPage) -> None:
    url = sites.url("forge")
    for path in (f"/{EMPTY_SLUG}/history/", f"/{EMPTY_SLUG}/journal/", "/"):
        page = open_page(url + path)
        links = page.locator(f'a[href^="{FORGE_REPO}/commit/"]')
        assert links.count() >= 1, path
        commit = links.first.get_attribute("href") or ""
        assert len(commit.rsplit("/", 1)[1]) == 40, commit


def test_history_page_with_forge_links_has_no_axe_violation(
    sites: Sites, open_page: OpenPage
) -> None:
    page = open_page(sites.url("forge") + f"/{EMPTY_SLUG}/history/")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, describe(violations)
