"""Copies of this repository's site, built by a real `mkdocs build` with the greffier plugin.

Shared by the session fixtures (conftest.py) and the tests that build a variant of their own.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parent.parent

REFERENCE_DAY = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
"""The examples' "today": the tram consultation is open, the council budget closed."""

LONG_EXTRA_CONTRIBUTIONS = 260
"""Added to the tram process in `site_long`: six pages of 50, so pagination shows gaps."""


def make_project(
    root: Path,
    *,
    language: str = "fr",
    search_index: bool = False,
    exports: bool = False,
    options: dict[str, Any] | None = None,
    processes: bool = True,
) -> Path:
    """A copy of this repository's site in `root`; returns its mkdocs.yml.

    `options` are added to the greffier plugin's; `processes=False` gives an empty processes
    folder. Exports (PDF, ODT…) are off unless asked for: most tests do not look at them and
    they are the slowest part of a build.
    """
    shutil.copytree(REPO / "docs", root / "docs")
    if processes:
        shutil.copytree(REPO / "processes", root / "processes")
    else:
        (root / "processes").mkdir()
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["language"] = language
    plugin = {"search_index": search_index, "exports": exports, **(options or {})}
    config["plugins"] = [
        {"greffier": {**entry["greffier"], **plugin}}
        if isinstance(entry, dict) and "greffier" in entry
        else entry
        for entry in config["plugins"]
    ]
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config_file


def build_project(
    config_file: Path, site_dir: Path | None = None, *, today: dt.datetime | None = REFERENCE_DAY
) -> Path:
    """Run a real MkDocs build of the project, "today" pinned (None: as a build without
    SOURCE_DATE_EPOCH chooses it); returns the site folder (`site` beside mkdocs.yml unless
    `site_dir`)."""
    with pytest.MonkeyPatch.context() as patch:
        if today is None:
            patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            patch.setenv("SOURCE_DATE_EPOCH", str(int(today.timestamp())))
        site = site_dir or config_file.parent / "site"
        config = load_config(str(config_file), site_dir=str(site))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return Path(config.site_dir)


CHANNELS = ("online", "paper", "meeting", "email", "post", "phone", "workshop")
THEMES = ("trace", "stations", "stationnement", "travaux", "environnement", "accessibilite")


def write_contributions(process: Path, count: int) -> None:
    """`count` valid contributions, cycling through channels and themes; one in three answered."""
    start = dt.datetime(2026, 10, 2, 8, 0, tzinfo=dt.UTC)
    for number in range(1, count + 1):
        received = start + dt.timedelta(hours=5 * number)
        lines = [
            "---",
            f"received: {received.isoformat()}",
            f"channel: {CHANNELS[number % len(CHANNELS)]}",
            f"author: Personne Numéro{number}",
            f"themes: [{THEMES[number % len(THEMES)]}]",
        ]
        if number % 3 == 0:
            lines += [
                "answer:",
                "  date: 2026-11-20",
                "  by: Mission tramway B",
                f"  text: Réponse à la contribution générée {number}.",
            ]
        lines += ["---", f"Contribution générée numéro {number}.", ""]
        path = process / "contributions" / f"gen-{number:04d}.md"
        path.write_text("\n".join(lines), encoding="utf-8")


def page(site: Path, url: str) -> str:
    """The HTML of the page at `url` (a site path such as `/tram/minutes/`)."""
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """The page's text, tags removed and white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())
