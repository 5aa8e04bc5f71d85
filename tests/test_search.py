"""Pagefind indexes a real MkDocs build: French stemming, filters, only marked content.

The site is a plain MkDocs + Material build of a few Markdown pages marked up the way Greffier's
templates mark theirs (see `greffier.render.search`), so these tests do not depend on the
plugin. Searches run Pagefind's own browser bundle (pagefind.js and its WebAssembly) in Node.
"""

from __future__ import annotations

import gzip
import html
import json
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from greffier.diagnostics import GreffierError
from greffier.present.templating import filter_value
from greffier.render.search import _parts, index_site

PAGES = {
    "reunion.md": """
        <article data-pagefind-body markdown="1">

        # Réunion publique du 12 mars

        <div hidden data-pagefind-ignore="index" markdown="0">
          <span data-pagefind-filter="type">Réunion</span>
          <span data-pagefind-filter="process">Concertation tramway, phase 2 : tracé</span>
        </div>

        Nous proposons des aménagements cyclables le long des chemins locaux ; nous finissions
        l’étude du tracé.

        </article>
        """,
    "contribution.md": """
        <article data-pagefind-body markdown="1">

        # Contribution 12

        <div hidden data-pagefind-ignore="index" markdown="0">
          <span data-pagefind-filter="type">Contribution</span>
          <span data-pagefind-filter="process">Budget participatif</span>
        </div>

        Les habitantes du quartier demandent des arbres.

        <p data-pagefind-ignore>Retour à la liste zéphyrine</p>

        </article>
        """,
    # A listing: it repeats its items, so it carries no data-pagefind-body.
    "index.md": """
        # Toutes les contributions

        Contribution 12 : les habitantes demandent des arbres. Mot unique : zygomatique.
        """,
}

NODE = shutil.which("node")

SEARCH_SCRIPT = """
import { readFile } from "node:fs/promises";
const [bundle, query, filters] = process.argv.slice(2);
// pagefind.js fetches its index and WebAssembly next to itself: serve them from disk.
globalThis.fetch = async (url) => new Response(await readFile(new URL(String(url).split("?")[0])));
const pagefind = await import(`${bundle}/pagefind.js`);
await pagefind.options({ basePath: `${bundle}/`, baseUrl: "/" });
// The further parts of the index, as the search page merges them.
globalThis.window = {};
await import(`${bundle}/greffier-parts.js`);
for (const part of globalThis.window.greffierSearchParts) {
  await pagefind.mergeIndex(`${bundle}/${part}`, { baseUrl: "/" });
}
const search = await pagefind.search(query, { filters: JSON.parse(filters) });
const urls = await Promise.all(search.results.map(async (r) => (await r.data()).url));
console.log(JSON.stringify(urls.sort()));
"""


def build_site(root: Path) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    for name, text in PAGES.items():
        (docs / name).write_text(textwrap.dedent(text), encoding="utf-8")
    config = {
        "site_name": "Essai",
        "docs_dir": str(docs),
        "site_dir": str(root / "site"),
        "theme": {"name": "material", "language": "fr", "font": False},
        "plugins": [],
        "markdown_extensions": ["md_in_html"],
    }
    config_file = root / "mkdocs.yml"
    config_file.write_text(json.dumps(config), encoding="utf-8")
    build(load_config(str(config_file)))
    return root / "site"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site, not indexed: tests that index copy it first."""
    return build_site(tmp_path_factory.mktemp("search-build"))


def indexed_copy(built: Path, destination: Path, language: str) -> Path:
    site = destination / "site"
    shutil.copytree(built, site)
    index_site(site, language)
    return site


@pytest.fixture(scope="module")
def site(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return indexed_copy(built, tmp_path_factory.mktemp("search-fr"), "fr")


def read_pagefind(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return data[len(b"pagefind_dcd") :]


def fragments(site: Path) -> dict[str, dict[str, Any]]:
    """The indexed pages by URL, as Pagefind stored them."""
    found = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        fragment = json.loads(read_pagefind(path))
        found[fragment["url"]] = fragment
    return found


def search(site: Path, query: str, tmp_path: Path, **filters: str) -> list[str]:
    if NODE is None:
        pytest.skip("Node.js is needed to run Pagefind's search bundle")
    script = tmp_path / "search.mjs"
    script.write_text(SEARCH_SCRIPT, encoding="utf-8")
    bundle = (site / "pagefind").as_uri()
    result = subprocess.run(
        [NODE, str(script), bundle, query, json.dumps(filters)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    urls: list[str] = json.loads(result.stdout)
    return urls


def test_index_is_one_french_index_of_the_marked_pages(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fr"]
    assert entry["languages"]["fr"]["page_count"] == 2
    assert sorted(fragments(site)) == ["/contribution/", "/reunion/"]


def test_pages_carry_their_type_and_process_filters(site: Path) -> None:
    assert {url: f["filters"] for url, f in fragments(site).items()} == {
        "/reunion/": {"type": ["Réunion"], "process": ["Concertation tramway, phase 2 : tracé"]},
        "/contribution/": {"type": ["Contribution"], "process": ["Budget participatif"]},
    }
    filter_files = [read_pagefind(p) for p in (site / "pagefind" / "filter").iterdir()]
    for name in ("type", "process"):
        assert any(name.encode() in data for data in filter_files)


def test_result_title_is_the_page_heading_and_ignored_parts_are_not_searched(site: Path) -> None:
    contribution = fragments(site)["/contribution/"]
    assert contribution["meta"]["title"] == "Contribution 12"
    assert "zéphyrine" not in contribution["content"]
    assert "Concertation tramway" not in fragments(site)["/reunion/"]["content"]


def test_the_search_interface_is_served_from_the_site(site: Path) -> None:
    bundle = site / "pagefind"
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "wasm.fr.pagefind"):
        assert (bundle / name).is_file(), name


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # French stems: none of these words is a prefix of the one on the page.
        ("proposer", ["/reunion/"]),
        ("local", ["/reunion/"]),
        ("finir", ["/reunion/"]),
        ("habitante", ["/contribution/"]),
        # Words only on an unmarked listing, or in an ignored part, are not found.
        ("zygomatique", []),
        ("zéphyrine", []),
    ],
)
def test_french_search(site: Path, tmp_path: Path, query: str, expected: list[str]) -> None:
    assert search(site, query, tmp_path) == expected


def test_search_by_filter(site: Path, tmp_path: Path) -> None:
    assert search(site, "des", tmp_path) == ["/contribution/", "/reunion/"]
    assert search(site, "des", tmp_path, type="Réunion") == ["/reunion/"]
    assert search(site, "des", tmp_path, process="Budget participatif") == ["/contribution/"]
    assert search(site, "proposer", tmp_path, type="Contribution") == []


def test_a_large_site_is_indexed_in_parts_searched_together(built: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site)
    index_site(site, "fr", part_pages=1)
    # One page a part: the first in pagefind/, the other in pagefind/part-2/.
    assert len(fragments(site)) == 1
    parts = (site / "pagefind" / "greffier-parts.js").read_text(encoding="utf-8")
    assert parts == 'window.greffierSearchParts = ["part-2/"];\n'
    assert (site / "pagefind" / "part-2" / "pagefind-entry.json").is_file()
    assert not list(site.glob(".greffier-search-*")), "the folders of links are removed"
    assert search(site, "arbres", tmp_path) == ["/contribution/"]
    assert search(site, "tracé", tmp_path) == ["/reunion/"]
    assert search(site, "des", tmp_path) == ["/contribution/", "/reunion/"]
    assert search(site, "des", tmp_path, process="Budget participatif") == ["/contribution/"]
    assert search(site, "des", tmp_path, type="Réunion") == ["/reunion/"]


def test_parts_are_even_and_as_many_as_a_multiple_of_the_cores() -> None:
    pages = [Path(f"p{number}/index.html") for number in range(10_460)]
    parts = _parts(pages, 3000, 2)
    assert [len(part) for part in parts] == [2615] * 4
    assert [page for part in parts for page in part] == pages
    assert [len(part) for part in _parts(pages[:6001], 3000, 2)] == [1500, 1500, 1500, 1501]
    assert [len(part) for part in _parts(pages[:3000], 3000, 2)] == [3000]
    assert _parts([], 3000, 2) == []


def test_language_decides_the_stemming(built: Path, tmp_path: Path) -> None:
    english = indexed_copy(built, tmp_path, "en")
    entry = json.loads((english / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]
    # Only French stemming relates "locaux" to "local" and "finissions" to "finir".
    assert search(english, "local", tmp_path) == []
    assert search(english, "finir", tmp_path) == []


def test_reindexing_replaces_the_old_index(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    stale = copy / "pagefind" / "fragment" / "fr_stale.pf_fragment"
    stale.write_bytes(b"")
    index_site(copy, "fr")
    assert not stale.exists()
    # Pagefind names fragments by their content: the same pages give the same fragments.
    # (Its filter and metadata files are not yet stable between runs: Pagefind/pagefind#638.)
    assert sorted(p.name for p in (copy / "pagefind" / "fragment").iterdir()) == sorted(
        p.name for p in (site / "pagefind" / "fragment").iterdir()
    )


def test_environment_cannot_change_the_index(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_ROOT_SELECTOR", "nav")
    monkeypatch.setenv("PAGEFIND_FORCE_LANGUAGE", "de")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pagefind.yml").write_text("exclude_selectors: ['p']\n", encoding="utf-8")
    site = indexed_copy(built, tmp_path, "fr")
    assert sorted(fragments(site)) == ["/contribution/", "/reunion/"]
    assert "aménagements" in fragments(site)["/reunion/"]["content"]


def test_a_site_without_pages_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GreffierError, match="Pagefind could not index"):
        index_site(tmp_path, "fr")


HOSTILE_TITLE = '<img src=x onerror="alert(1)"> &lt;b&gt; Tram & co'


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        # Escaped once, as Jinja does: Pagefind decodes it back into markup for its interface.
        (HOSTILE_TITLE, '<img src=x onerror="alert(1)"> <b> Tram & co'),
        (filter_value(HOSTILE_TITLE), '‹img src=x onerror="alert(1)"› ‹b› Tram & co'),
    ],
)
def test_filter_values_carry_no_markup_to_the_search_page(
    tmp_path: Path, value: str, stored: str
) -> None:
    page = tmp_path / "site" / "page" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<!doctype html><html lang="fr"><head><title>t</title></head><body>'
        "<main data-pagefind-body><h1>Titre</h1><div hidden data-pagefind-ignore>"
        f'<span data-pagefind-filter="process">{html.escape(value)}</span></div></main>'
        "</body></html>",
        encoding="utf-8",
    )
    index_site(page.parents[1], "fr")
    assert fragments(page.parents[1])["/page/"]["filters"] == {"process": [stored]}


def test_filter_value_keeps_ordinary_titles() -> None:
    assert filter_value("Concertation « tramway », phase 2 : tracé") == (
        "Concertation « tramway », phase 2 : tracé"
    )
