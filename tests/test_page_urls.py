"""The core computes page addresses itself (for the pages it writes and its redirects): they
must be the very ones MkDocs gives the pages it hosts, or links between the two would break."""

from __future__ import annotations

import itertools

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from greffier import paths

SOURCES = (
    "index.md",
    "tram/index.md",
    "tram/meetings/2026-03-12-lancement.md",
    "tram/history/contributions/c-0001.md",
    "tram/documents/étude d’impact.md",
    "tram/documents/plan.pdf",
    "agenda.ics",
    "schemas/process.schema.json",
)
URLS = ("", ".", "./", "tram/", "tram/x/", "tram/x/y.html", "a.ics", "a/../b/", "/a/b", "a.b/c/")


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("src_uri", SOURCES)
def test_urls_and_destinations_are_mkdocs_own(src_uri: str, directory_urls: bool) -> None:
    file = File(src_uri, src_dir=None, dest_dir="/site", use_directory_urls=directory_urls)
    assert paths.url(src_uri, directory_urls) == file.url
    assert paths.dest_path(src_uri, directory_urls) == file.dest_uri


def test_relative_urls_are_mkdocs_own() -> None:
    for url, other in itertools.product(URLS, URLS):
        assert paths.relative_url(url, other) == get_relative_url(url, other), (url, other)
