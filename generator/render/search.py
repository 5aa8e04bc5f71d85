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
  need no escaping), in a hidden element whose text is kept out of the searched content::

      <div hidden data-pagefind-ignore>
        <span data-pagefind-filter="type">{{ label of the page type }}</span>
        <span data-pagefind-filter="process">{{ process.title }}</span>
      </div>

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

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pagefind.service import get_executable

from generator.diagnostics import GreffierError

BUNDLE_DIR = "pagefind"
"""Where the index and Pagefind's interface are written, inside the site directory."""


def index_site(site_dir: Path, language: str) -> None:
    """Index the built site in `site_dir` into `site_dir/pagefind/`, replacing any old index.

    Runs the Pagefind binary shipped by the `pagefind_bin` wheel: nothing is downloaded.
    """
    executable = get_executable()
    if executable is None:
        raise GreffierError(
            "Pagefind is not installed: run `pip install 'pagefind[bin]'` to build the search index"
        )
    bundle = site_dir / BUNDLE_DIR
    # Files of a previous index would stay next to the new ones, named by other hashes.
    shutil.rmtree(bundle, ignore_errors=True)
    # Pagefind reads pagefind.yml from its working directory and PAGEFIND_* variables: neither
    # may change what a given commit publishes.
    env = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    command = [
        str(executable),
        "--site",
        str(site_dir.resolve()),
        "--output-subdir",
        BUNDLE_DIR,
        "--force-language",
        language,
        "--quiet",
    ]
    with tempfile.TemporaryDirectory(prefix="greffier-pagefind-") as empty_dir:
        try:
            result = subprocess.run(
                command, cwd=empty_dir, env=env, capture_output=True, text=True, check=False
            )
        except OSError as error:
            raise GreffierError(f"Pagefind could not run ({executable}): {error}") from error
    if result.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
        output = result.stderr.strip() or result.stdout.strip()
        raise GreffierError(f"Pagefind could not index {site_dir}:\n{output}")
