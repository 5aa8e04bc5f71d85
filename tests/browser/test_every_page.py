"""Every page of the example sites, in French and in English, at 1280 and at 320 px: axe-core
finds nothing and nothing scrolls sideways on a phone.

Not one page per kind: a history page, a contribution or a journal day breaks on its own data
(a long word, a wide table, a language). Each page is loaded once, axe is injected once, and it
runs at both widths: the layout follows the viewport without a reload. Pages are shared between
the workers in shards, each walked in one browser context behind the network guard.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from harness import OpenPage, Sites
from playwright.sync_api import Page
from test_accessibility import AXE, AXE_OPTIONS, NARROW, describe

pytestmark = pytest.mark.browser

WIDE = 1280
SHARDS = 4
_NOT_PAGES = frozenset({"assets", "pagefind", "search"})
"""Files of the site that are not pages (`search/` is Pagefind's, tested on its own)."""

_OVERFLOW = """limit => {
  if (document.documentElement.scrollWidth <= limit) return null;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > limit)
    .slice(-3)
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
}"""


def site_pages(root: Path) -> list[str]:
    """The address of every HTML page of a built site, but the redirections that keep old
    addresses working (a renamed file, a history still one version long): they show nothing
    and send the browser on at once (tested in test_history_site.py)."""
    pages = []
    for path in root.rglob("*.html"):
        relative = path.relative_to(root)
        if relative.parts[0] in _NOT_PAGES or 'http-equiv="refresh"' in path.read_text("utf-8"):
            continue
        address = "/" + relative.as_posix()
        pages.append(address.removesuffix("index.html"))
    return sorted(pages)


def check(page: Page, path: str) -> list[str]:
    """What axe and the reflow check find on the page now loaded, at both widths."""
    problems = []
    page.evaluate(AXE.axe_script)
    for width in (WIDE, NARROW):
        page.set_viewport_size({"width": width, "height": 900})
        # Let the page's scripts follow the new width (Material makes a code block that now
        # scrolls focusable) before axe looks.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        violations = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
        if violations["violations"]:
            problems.append(f"{path} at {width} px:\n{describe(violations['violations'])}")
    overflowing = page.evaluate(_OVERFLOW, NARROW + 1)
    if overflowing is not None:
        problems.append(f"{path}: wider than {NARROW} px: {overflowing}")
    return problems


@pytest.mark.parametrize("shard", range(SHARDS))
@pytest.mark.parametrize("site", ["fr", "en"])
def test_every_page_at_both_widths(
    sites: Sites, open_page: OpenPage, site: str, shard: int
) -> None:
    base = sites.url(site)
    every = site_pages(sites.root(site))
    # The walk covers the site: processes, items, histories, versions, journals, downloads.
    assert len(every) > 100, every
    mine = every[shard::SHARDS]
    page = open_page(base + mine[0])
    problems = []
    for index, path in enumerate(mine):
        if index:
            response = page.goto(base + path, wait_until="load")
            assert response is not None and response.status == 200, path
        problems += check(page, path)
    assert not problems, f"{len(problems)} problems on {len(mine)} pages:\n" + "\n".join(problems)


def test_french_runs_of_the_english_site_say_so(sites: Sites) -> None:
    """WCAG 3.1.2 beyond what axe sees: the examples are French processes, committed with
    French messages, on an English site."""
    root = sites.root("en")
    home = (root / "index.html").read_text(encoding="utf-8")
    # Process titles in the navigation.
    assert re.search(r'md-typeset">\s*<span lang="fr">Tramway ligne B', home), "navigation"
    messages = [
        match
        for path in root.rglob("history/**/*.html")
        for match in re.findall(r'<pre class="greffier-message"[^>]*>', path.read_text("utf-8"))
    ]
    assert messages, "no commit message on the history pages"
    assert all('lang="fr"' in message for message in messages), set(messages)


def test_the_walk_sees_a_fault_at_either_width(sites: Sites, open_page: OpenPage) -> None:
    page = open_page(sites.url("empty") + "/")
    # An image without alternative, and a heading too wide for a phone only.
    page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    page.add_style_tag(content="@media (max-width: 400px) { main h1 { min-width: 600px; } }")
    problems = "\n".join(check(page, "/"))
    assert "image-alt" in problems
    assert f"wider than {NARROW} px" in problems
