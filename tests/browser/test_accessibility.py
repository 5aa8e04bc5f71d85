"""Every kind of generated page, in headless Chromium: axe-core, reflow, keyboard, no JavaScript.

The pages come from four real builds (examples in French and English, an empty process, a long
one); any request leaving 127.0.0.1 fails the test that caused it (see conftest.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from harness import OpenPage, Sites
from playwright.sync_api import Page
from sites import EMPTY_PAGES, LONG_PAGES, PageKind, example_corpus, example_pages

pytestmark = pytest.mark.browser

_EXAMPLE_PAGES = example_pages(example_corpus())
_SLUG = _EXAMPLE_PAGES[2].path.strip("/")
PAGES = [
    *(("fr", kind) for kind in _EXAMPLE_PAGES),
    *(("en", kind) for kind in _EXAMPLE_PAGES),
    # Only the French example site is built with its offline files.
    ("fr", PageKind("downloads", f"/{_SLUG}/downloads/")),
    *(("empty", kind) for kind in EMPTY_PAGES),
    *(("long", kind) for kind in LONG_PAGES),
]
IDS = [f"{site}:{kind.kind}" for site, kind in PAGES]
# Pages and the one-file dossier, a document read on screen too (no site navigation to skip).
READ = [*PAGES, ("fr", PageKind("dossier", f"/{_SLUG}/downloads/{_SLUG}.html"))]
READ_IDS = [f"{site}:{kind.kind}" for site, kind in READ]
# axe and reflow walk every page of the two example sites (test_every_page.py): here, the
# sites built for their edge cases.
EDGES = [(site, kind) for site, kind in READ if site not in ("fr", "en")]
EDGE_IDS = [f"{site}:{kind.kind}" for site, kind in EDGES]

AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
NARROW = 320


def url(sites: Sites, site: str, kind: PageKind) -> str:
    return sites.url(site) + kind.path


@pytest.mark.parametrize(("site", "kind"), EDGES, ids=EDGE_IDS)
def test_no_axe_violation(sites: Sites, open_page: OpenPage, site: str, kind: PageKind) -> None:
    page = open_page(url(sites, site, kind))
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, f"{kind.kind} ({kind.path}, {site}):\n" + describe(violations)


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize(("site", "kind"), READ, ids=READ_IDS)
def test_no_console_error(sites: Sites, open_page: OpenPage, site: str, kind: PageKind) -> None:
    """Nothing a page loads or runs fails, including what scripts fetch once it is shown
    (Material fetched a sitemap.xml beside each journal's feed link)."""
    address = url(sites, site, kind)
    page = open_page(address)
    page.wait_for_load_state("networkidle")
    errors = [error for error in open_page.console_errors if error.startswith(address)]
    assert not errors, errors


@pytest.mark.parametrize(("site", "kind"), EDGES, ids=EDGE_IDS)
def test_reflows_at_320_px(sites: Sites, open_page: OpenPage, site: str, kind: PageKind) -> None:
    page = open_page(url(sites, site, kind), width=NARROW)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > NARROW + 1:
        wide = page.evaluate(
            """limit => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > limit)
                .slice(-5)
                .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                           + ' ' + (el.textContent || '').trim().slice(0, 60))""",
            NARROW + 1,
        )
        pytest.fail(f"{kind.path}: {width} px wide at {NARROW} px; overflowing: {wide}")


# Everything a keyboard user can reach, with the focus style each element shows unfocused.
_FOCUSABLE = """() => {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]),'
    + ' select:not([disabled]), textarea:not([disabled]), summary,'
    + ' [tabindex]:not([tabindex="-1"])';
  const shown = el => el.getClientRects().length > 0
    && getComputedStyle(el).visibility === 'visible' && !el.closest('[inert]');
  return [...document.querySelectorAll(selector)].filter(shown).map((el, index) => {
    el.dataset.kbd = index;
    const style = getComputedStyle(el);
    return {outline: style.outlineStyle + ' ' + style.outlineWidth, shadow: style.boxShadow,
            label: el.tagName.toLowerCase() + ' ' + (el.textContent || el.value || '').trim()
                   .slice(0, 50)};
  });
}"""
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el.dataset.kbd === undefined) return null;
  const style = getComputedStyle(el);
  return {index: Number(el.dataset.kbd), outline: style.outlineStyle + ' ' + style.outlineWidth,
          outlineStyle: style.outlineStyle, shadow: style.boxShadow};
}"""


@dataclass(frozen=True)
class KeyboardWalk:
    missed: list[str]
    """Focusable elements Tab never reached."""
    invisible: list[str]
    """Elements whose focus shows neither an outline nor a box-shadow."""


def walk_with_tab(page: Page) -> KeyboardWalk:
    """Tab through the page from the top, as a keyboard user would."""
    focusable = page.evaluate(_FOCUSABLE)
    reached: set[int] = set()
    invisible: list[str] = []
    for _ in range(len(focusable) + 10):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or focused["index"] in reached:
            break
        index = focused["index"]
        reached.add(index)
        before = focusable[index]
        shows_outline = (
            focused["outlineStyle"] != "none" and focused["outline"] != before["outline"]
        )
        if not shows_outline and focused["shadow"] == before["shadow"]:
            invisible.append(before["label"])
    missed = [item["label"] for i, item in enumerate(focusable) if i not in reached]
    return KeyboardWalk(missed, invisible)


@pytest.mark.parametrize(("site", "kind"), PAGES, ids=IDS)
def test_keyboard_reaches_everything_with_visible_focus(
    sites: Sites, open_page: OpenPage, site: str, kind: PageKind
) -> None:
    walk = walk_with_tab(open_page(url(sites, site, kind)))
    assert not walk.missed, f"{kind.path}: not reachable with Tab: {walk.missed[:10]}"
    assert not walk.invisible, f"{kind.path}: no visible focus on: {walk.invisible[:10]}"


# What lies between the skip link's target and the page title: nothing a Tab would stop at.
_SKIPPED_TO = """target => {
  const title = document.querySelector('h1');
  if (!title) return 'the page has no h1';
  const follows = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (!(target === title || target.contains(title) || follows(target, title)))
    return 'the title comes before the target';
  const stops = [...document.querySelectorAll('a[href], button, input, select, textarea')]
    .filter(el => el.getClientRects().length > 0 && follows(target, el) && follows(el, title)
                  && !el.contains(title));
  return stops.length ? 'controls before the title: ' + stops.length : 'the title';
}"""


@pytest.mark.parametrize(("site", "kind"), PAGES, ids=IDS)
def test_skip_link_moves_to_the_content(
    sites: Sites, open_page: OpenPage, site: str, kind: PageKind
) -> None:
    page = open_page(url(sites, site, kind))
    page.keyboard.press("Tab")
    skip = page.evaluate(
        """() => { const el = document.activeElement;
                   return el && el.tagName === 'A' ? el.getAttribute('href') : null; }"""
    )
    assert skip and skip.startswith("#") and len(skip) > 1, (
        f"{kind.path}: the first Tab must reach a skip link, got {skip!r}"
    )
    target = page.locator(f"[id='{skip[1:]}']")
    assert target.count() == 1, f"{kind.path}: skip link target {skip} does not exist"
    skipped_to = target.evaluate(_SKIPPED_TO)
    assert skipped_to == "the title", f"{kind.path}: skip link target {skip}: {skipped_to}"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after_target = page.evaluate(
        """id => { const target = document.getElementById(id);
                   const el = document.activeElement;
                   return !!el && el !== document.body && (target.contains(el)
                     || !!(target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
                 }""",
        skip[1:],
    )
    assert after_target, f"{kind.path}: after the skip link, Tab goes back before the content"


@pytest.mark.parametrize(("site", "kind"), PAGES, ids=IDS)
def test_content_reads_without_javascript(
    sites: Sites, open_page: OpenPage, site: str, kind: PageKind
) -> None:
    address = url(sites, site, kind)
    with_js = headings(open_page(address))
    without_js_page = open_page(address, javascript=False)
    without_js = headings(without_js_page)
    assert without_js_page.locator("h1").first.is_visible(), f"{kind.path}: no visible title"
    assert without_js == with_js, f"{kind.path}: the page differs without JavaScript"
    text = without_js_page.locator("main").inner_text()
    assert len(text.split()) >= 5, f"{kind.path}: main content is empty without JavaScript"


def headings(page: Page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator("main :is(h1, h2, h3)").all_inner_texts()]


def test_the_network_guard_catches_other_hosts(sites: Sites, open_page: OpenPage) -> None:
    """The guard every test relies on really sees, and blocks, third-party requests."""
    page = open_page(sites.url("empty") + "/")
    font = "https://fonts.googleapis.com/css?family=Roboto"
    loaded = page.evaluate(
        """src => new Promise(done => { const img = new Image();
             img.onload = () => done(true); img.onerror = () => done(false); img.src = src; })""",
        font,
    )
    assert not loaded
    assert open_page.foreign == [font]
    open_page.foreign.clear()  # seen on purpose: do not fail this test at teardown


# The checks above must be able to fail: each is shown a page with a fault planted in it.


def test_axe_sees_a_missing_alternative(sites: Sites, open_page: OpenPage) -> None:
    page = open_page(sites.url("empty") + "/")
    page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    assert "image-alt" in [v["id"] for v in violations]


def test_the_reflow_check_sees_a_wide_element(sites: Sites, open_page: OpenPage) -> None:
    page = open_page(sites.url("empty") + "/", width=NARROW)
    page.add_style_tag(content="main h1 { min-width: 600px; }")
    assert page.evaluate("document.documentElement.scrollWidth") > NARROW + 1


def test_the_keyboard_walk_sees_faults(sites: Sites, open_page: OpenPage) -> None:
    page = open_page(sites.url("empty") + "/")
    page.add_style_tag(
        content="article a:focus, article a:focus-visible { outline: none !important;"
        " box-shadow: none !important; }"
    )
    page.evaluate("() => document.querySelector('article a[href]').setAttribute('tabindex', '-1')")
    walk = walk_with_tab(page)
    assert len(walk.missed) == 1
    assert walk.invisible, "links in the article show no focus any more"
