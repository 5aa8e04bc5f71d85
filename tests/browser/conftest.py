"""Session fixtures of the browser suite: the built sites, one headless Chromium per worker,
and `open_page`, which fails any test whose page requests another host than 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from harness import OpenPage, Sites
from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    served = Sites(tmp_path_factory.mktemp("sites"))
    yield served
    served.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Browser) -> Iterator[OpenPage]:
    """Any request leaving 127.0.0.1 fails the test, whatever it was checking."""
    opener = OpenPage(browser)
    yield opener
    opener.close()
    assert not opener.foreign, "requests to other hosts than 127.0.0.1:\n" + "\n".join(
        opener.foreign
    )
