"""Serving built sites on 127.0.0.1 and opening their pages behind a network guard.

Every page opened through `OpenPage` runs in a context that refuses any request to another
host, and records it so that the test fails.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route
from sites import (
    EXAMPLE_PAGE_SIZE,
    FORGE_REPO,
    REPO,
    build,
    write_empty_processes,
    write_long_processes,
    write_project,
)

LOCAL_HOST = "127.0.0.1"

SITE_LANGUAGES = {"fr": "fr", "en": "en", "empty": "fr", "long": "fr", "forge": "fr"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A browser context closed mid-download resets the connection: not a test failure.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class Sites:
    """Builds and serves each site on first use, once per worker."""

    def __init__(self, workdir: Path) -> None:
        self._workdir = workdir
        self._urls: dict[str, str] = {}
        self._roots: dict[str, Path] = {}
        self._failures: dict[str, str] = {}
        self._servers: list[_Server] = []

    def url(self, name: str) -> str:
        if name in self._failures:
            pytest.fail(self._failures[name])
        if name not in self._urls:
            try:
                self._roots[name] = build(self._project(name))
                self._urls[name] = self._serve(self._roots[name])
            except RuntimeError as error:
                self._failures[name] = str(error)
                raise
        return self._urls[name]

    def root(self, name: str) -> Path:
        """The folder of the built site `name` (built and served on first use)."""
        self.url(name)
        return self._roots[name]

    def _project(self, name: str) -> Path:
        root = self._workdir / name
        language = SITE_LANGUAGES[name]
        if name in ("fr", "en"):
            return write_project(
                root,
                language=language,
                processes=REPO / "processes",
                page_size=EXAMPLE_PAGE_SIZE,
                committed=True,
                # The French site has the offline files: its downloads page is tested too.
                exports=name == "fr",
            )
        content = self._workdir / f"{name}-processes"
        content.mkdir()
        writers = {
            "empty": write_empty_processes,
            "long": write_long_processes,
            "forge": write_empty_processes,
        }
        writers[name](content)
        if name == "forge":
            # Committed, so that its pages link versions to their commits on the forge.
            return write_project(
                root, language=language, processes=content, committed=True, repo_url=FORGE_REPO
            )
        return write_project(root, language=language, processes=content)

    def _serve(self, site: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(site))
        server = _Server((LOCAL_HOST, 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self._servers.append(server)
        return f"http://{LOCAL_HOST}:{server.server_address[1]}"

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()


class OpenPage:
    """Opens URLs in fresh browser contexts that record, and block, requests to other hosts."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser
        self._contexts: list[BrowserContext] = []
        self.foreign: list[str] = []
        self.console_errors: list[str] = []
        """What pages wrote to the console as errors (and uncaught exceptions), with their URL."""

    def __call__(self, url: str, *, width: int = 1280, javascript: bool = True) -> Page:
        context = self._browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=javascript
        )
        self._contexts.append(context)
        context.route("**/*", self._guard)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                message.type == "error" and self.console_errors.append(f"{url}: {message.text}")
            ),
        )
        page.on("pageerror", lambda error: self.console_errors.append(f"{url}: {error}"))
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, f"{url}: not found"
        return page

    def _guard(self, route: Route, request: Request) -> None:
        if urlsplit(request.url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            self.foreign.append(request.url)
            route.abort()

    def close(self) -> None:
        for context in self._contexts:
            context.close()
