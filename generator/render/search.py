"""Full-text search: Pagefind indexes the built site, and the search page queries that index.

Pagefind reads the HTML pages MkDocs wrote, so the page templates decide what is searchable.
The templates follow this convention (Pagefind's own attributes):

* ``data-pagefind-body`` on the element holding the page's content, the page's ``<h1>``
  included (Pagefind takes the first heading as the result title). Once one page carries it,
  pages without it are left out of the index: listings, filter pages, pagination pages, the
  search page and the 404 page should not carry it, so each item is found once, on its own page.
* ``data-pagefind-ignore`` on parts of that element that are not content (pagination,
  "back to the list" links, the "situation au" line).
* Two filters, each captured from the text of its own element (so titles with commas or colons
  need no escaping), in a hidden element whose text is kept out of the searched content; the
  same elements are the results' metadata, which the search page shows with each result::

      <div hidden data-pagefind-ignore>
        <span data-pagefind-filter="type" data-pagefind-meta="type">{{ page type }}</span>
        <span data-pagefind-filter="process" data-pagefind-meta="process">{{ title }}</span>
      </div>
* A term and its description are written ``</dt> <dd>``, with a space: Pagefind reads ``dt``
  and ``dd`` as inline text and would glue them in excerpts ("TypeFacile à lire").

  Plain ``data-pagefind-ignore``, not ``data-pagefind-ignore="all"``: Pagefind 1.5 drops the
  filters inside an ``"all"`` element too, while ``hidden`` alone would index their text.
  ``type`` is the page type (process, meeting, minutes, document, contribution, outcome,
  legal). Pagefind's interface shows filter values as they are, so the value should be the
  label a reader understands in the site's language (« Réunion », « Compte rendu »…).
  ``process`` is the process title; pages belonging to no process (legal pages) have none.
  Both values go through `filter_value` (Jinja filter ``search_filter``): Pagefind's interface
  inserts filter values as HTML.

The whole site is indexed as one language, the site's (``theme.language``): Pagefind keeps one
index per language and the search page only loads its own language's, so a process written in
another language would otherwise be unfindable. Its words are then stemmed as the site
language's, which still finds them by prefix.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.service import get_executable

from ..diagnostics import GreffierError
from ..present.parallel import available_cores

BUNDLE_DIR = "pagefind"
"""Where the index and Pagefind's interface are written, inside the site directory."""
PARTS_SCRIPT = "greffier-parts.js"
"""In the bundle: sets `window.greffierSearchParts`, the folders (relative to the bundle) of the
index's further parts, which the search page merges into its search."""
PART_PAGES = 3000
"""Pages indexed by one run of Pagefind. Pagefind holds 35 to 70 KB a page while it indexes
(740 MB for the 10,460 pages of a 10,000-contribution corpus), whatever its threads: a site is
indexed in parts of at most this many pages, one run per core at a time, so that a build's
memory stays bounded at any size of site. The reader's browser searches the parts together
(Pagefind's `mergeIndex`), one more small request per part and word."""
MARKER = b"data-pagefind-body"


def index_site(site_dir: Path, language: str, part_pages: int = PART_PAGES) -> None:
    """Index the built site in `site_dir` into `site_dir/pagefind/`, replacing any old index.

    Only the pages holding content (`data-pagefind-body`) are given to Pagefind, in parts of at
    most `part_pages` (the first in `pagefind/`, the others in `pagefind/part-N/`), each part
    read from a folder of hard links to its pages. Runs the Pagefind binary shipped by the
    `pagefind_bin` wheel: nothing is downloaded.
    """
    executable = get_executable()
    if executable is None:
        raise GreffierError(
            "Pagefind is not installed: run `pip install 'pagefind[bin]'` to build the search index"
        )
    bundle = site_dir / BUNDLE_DIR
    # Files of a previous index would stay next to the new ones, named by other hashes.
    shutil.rmtree(bundle, ignore_errors=True)
    pages = searchable_pages(site_dir)
    parts = _parts(pages, part_pages, available_cores())
    folders = [f"part-{number}/" for number in range(2, len(parts) + 1)]
    outputs = [bundle, *(bundle / folder for folder in folders)]
    # Pagefind uses one core however many it is given: parts are indexed side by side.
    with ThreadPoolExecutor(max_workers=available_cores()) as pool:
        done = [
            pool.submit(_index_part, str(executable), site_dir, part, output, language)
            for part, output in zip(parts or [[]], outputs, strict=True)
        ]
        for future in done:
            future.result()
    (bundle / PARTS_SCRIPT).write_text(
        f"window.greffierSearchParts = {json.dumps(folders)};\n", encoding="utf-8"
    )


def _parts(pages: list[Path], most: int, cores: int) -> list[list[Path]]:
    """`pages` in parts of at most `most`, as many as a multiple of `cores` and of even sizes:
    the runs side by side then end together (3,000 + 3,000 then 3,000 + 1,460 pages left a core
    idle for half the last round)."""
    count = -(-len(pages) // most)
    if count > 1:
        count = -(-count // cores) * cores
    total = len(pages)
    return [pages[total * n // count : total * (n + 1) // count] for n in range(count)]


def searchable_pages(site_dir: Path) -> list[Path]:
    """The HTML pages of the site with content to index, relative to it, in path order (so a
    process's pages stay in the same part)."""
    found = []
    for folder, _, names in os.walk(site_dir):
        for name in names:
            if name.endswith(".html"):
                path = Path(folder, name)
                if MARKER in path.read_bytes():
                    found.append(path.relative_to(site_dir))
    return sorted(found)


def _index_part(
    executable: str, site_dir: Path, pages: list[Path], output: Path, language: str
) -> None:
    # Pagefind reads pagefind.yml from its working directory and PAGEFIND_* variables: neither
    # may change what a given commit publishes.
    env = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    with (
        tempfile.TemporaryDirectory(prefix=".greffier-search-", dir=site_dir) as part_dir,
        tempfile.TemporaryDirectory(prefix="greffier-pagefind-") as empty_dir,
    ):
        for page in pages:
            linked = Path(part_dir, page)
            linked.parent.mkdir(parents=True, exist_ok=True)
            # Pages keep their place, so Pagefind gives them their URLs in the site.
            try:
                os.link(site_dir / page, linked)
            except OSError:  # A file system without hard links.
                shutil.copyfile(site_dir / page, linked)
        command = [
            executable,
            "--site",
            part_dir,
            "--output-path",
            str(output.resolve()),
            "--force-language",
            language,
            "--quiet",
        ]
        try:
            result = subprocess.run(
                command, cwd=empty_dir, env=env, capture_output=True, text=True, check=False
            )
        except OSError as error:
            raise GreffierError(f"Pagefind could not run ({executable}): {error}") from error
    if result.returncode != 0 or not (output / "pagefind-entry.json").is_file():
        detail = result.stderr.strip() or result.stdout.strip()
        raise GreffierError(f"Pagefind could not index {site_dir}:\n{detail}")
