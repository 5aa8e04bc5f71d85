"""The site of a process imported from the real Decidim export passes axe-core in Chromium.

Hundreds of threaded replies, HTML turned into Markdown, themes added by the import: the pages
an import produces must be as accessible as the ones organisers write.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator

import pytest
from decidim_export import EXPORT as DECIDIM_EXPORT
from decidim_export import SLUG, needs_export, new_project, run_import
from harness import OpenPage
from site_builds import build_project
from test_accessibility import AXE, AXE_OPTIONS, describe

pytestmark = [pytest.mark.browser, needs_export]

PAGES = [
    f"/{SLUG}/",
    f"/{SLUG}/contributions/",
    f"/{SLUG}/contributions/decidim-debate-30/",
    f"/{SLUG}/contributions/decidim-proposal-418/",
    f"/{SLUG}/contributions/theme/transition-ecologique/",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    config = new_project(tmp_path_factory.mktemp("imported"))
    run_import(config, DECIDIM_EXPORT)
    site = build_project(config)
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violation(imported_site: str, open_page: OpenPage, path: str) -> None:
    page = open_page(imported_site + path)
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, f"{path}:\n" + describe(violations)
