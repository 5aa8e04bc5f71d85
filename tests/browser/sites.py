"""The sites the browser suite opens: the examples in French and English, an empty and a long one.

Each is a project folder written in tmp and built with the real `greffier build`; the pages to
visit are derived from the content, so the suite follows the examples as they evolve.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from mkdocs.utils.yaml import yaml_load

from greffier.cli import main
from greffier.load import load_corpus
from greffier.models import Corpus, Process

REPO = Path(__file__).resolve().parents[2]
REFERENCE = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
"""'Today' for every build: the examples' main process is then open, with past and future dates."""

EXAMPLE_PAGE_SIZE = 10
"""Contributions per page in the example sites, so that they paginate in both languages."""
EMPTY_SLUG = "consultation-vide"
LONG_SLUG = "consultation-tres-frequentee"
LONG_CONTRIBUTIONS = 120
FORGE_REPO = "https://github.com/ville-saint-aubin/concertations"
"""`repo_url` of the "forge" site: Material would ask GitHub's API about it, were it let."""


@dataclass(frozen=True)
class PageKind:
    kind: str
    path: str


def write_project(
    root: Path,
    *,
    language: str,
    processes: Path,
    page_size: int | None = None,
    committed: bool = False,
    repo_url: str | None = None,
    exports: bool = False,
) -> Path:
    """A project using the repository's mkdocs.yml and guide, with the given processes.

    `committed` makes it a git repository with two commits, the second amending every minutes
    and process file, so that the site has history pages (an item with a single version has
    none: its page is its record), version pages and journals.
    """
    root.mkdir(parents=True)
    with (REPO / "mkdocs.yml").open("rb") as stream:
        config: dict[str, Any] = yaml_load(stream)
    config["theme"]["language"] = language
    if repo_url is not None:
        config["repo_url"] = repo_url
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "greffier" in entry:
            entry["greffier"]["exports"] = exports
            if page_size is not None:
                entry["greffier"]["page_size"] = page_size
    (root / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    (root / "docs").symlink_to(REPO / "docs")
    shutil.copytree(processes, root / "processes")
    if committed:
        _commit_everything(root)
    return root


def _commit_everything(root: Path) -> None:
    identity = ["-c", "user.name=Greffe", "-c", "user.email=greffe@example.org"]

    def commit(message: str, before: int) -> None:
        stamp = f"{int(REFERENCE.timestamp()) - before} +0000"
        env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        for command in (["add", "-A"], ["commit", "-q", "-m", message]):
            subprocess.run(["git", *identity, *command], cwd=root, env=env, check=True)

    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    commit("Publication", 86_400)
    for minutes in (root / "processes").glob("*/minutes/*.md"):
        text = minutes.read_text(encoding="utf-8")
        minutes.write_text(text + "\nRelu et complété par le greffe.\n", encoding="utf-8")
    for process in (root / "processes").glob("*/process.yml"):
        text = process.read_text(encoding="utf-8")
        process.write_text(text + "# Relu par le greffe.\n", encoding="utf-8")
    commit("Relecture", 3_600)


def build(root: Path) -> Path:
    """The real `greffier build`, at a fixed 'today'."""
    site = root / "site"
    result = CliRunner().invoke(
        main,
        ["build", "--config", str(root / "mkdocs.yml"), "--site-dir", str(site)],
        env={"SOURCE_DATE_EPOCH": str(int(REFERENCE.timestamp()))},
    )
    if result.exit_code != 0:
        raise RuntimeError(f"greffier build failed in {root}:\n{result.output}")
    return site


def example_corpus() -> Corpus:
    corpus, diagnostics = load_corpus(REPO, reference=REFERENCE)
    assert not diagnostics.errors, diagnostics.format()
    return corpus


def example_pages(corpus: Corpus) -> list[PageKind]:
    """One page of every kind the examples produce."""
    process = max(corpus.processes, key=lambda p: len(p.contributions))
    slug = process.slug
    contributions = [
        c for c in process.contributions if not c.data.draft and c.data.moderation is None
    ]
    withdrawn = next(c for c in contributions if c.data.withdrawn)
    moderated = next(c for c in process.contributions if c.data.moderation and not c.data.draft)
    cited = {i for commitment in process.commitments for i in commitment.contributions}
    parents = {c.data.parent for c in contributions}
    # A whole story: answered, with an outcome, cited by a commitment, with replies.
    story = next(
        c
        for c in contributions
        if c.data.answer and c.data.disposition and c.id in cited and c.id in parents
    )
    answered = next(c for c in contributions if c.data.answer and not c.data.withdrawn)
    theme = next(t for c in contributions for t in c.data.themes)
    minutes = next(m for m in process.minutes if not m.data.draft)
    md_document = next(d for d in process.documents if d.data.file.endswith(".md"))
    channel = next(c.data.channel.value for c in contributions if c.data.channel.value != "online")
    status = "open"
    assert len(contributions) > EXAMPLE_PAGE_SIZE, "the examples must fill two pages"
    return [
        PageKind("home", "/"),
        PageKind("status filter", f"/status/{status}/"),
        PageKind("overview", f"/{slug}/"),
        PageKind("overview (other process)", f"/{_other(corpus, process).slug}/"),
        PageKind("agenda", f"/{slug}/meetings/"),
        PageKind("meeting", f"/{slug}/meetings/{minutes.data.meeting}/"),
        PageKind("minutes list", f"/{slug}/minutes/"),
        PageKind("minutes", f"/{slug}/minutes/{minutes.id}/"),
        PageKind("documents", f"/{slug}/documents/"),
        PageKind("markdown document", f"/{slug}/documents/{md_document.id}/"),
        PageKind("contributions", f"/{slug}/contributions/"),
        PageKind("theme filter", f"/{slug}/contributions/theme/{theme}/"),
        PageKind("channel filter", f"/{slug}/contributions/channel/{channel}/"),
        PageKind("answered filter", f"/{slug}/contributions/answered/"),
        PageKind("contributions page 2", f"/{slug}/contributions/page/2/"),
        PageKind("contribution", f"/{slug}/contributions/{answered.id}/"),
        PageKind("withdrawn contribution", f"/{slug}/contributions/{withdrawn.id}/"),
        PageKind("moderated contribution", f"/{slug}/contributions/{moderated.id}/"),
        PageKind("contribution story", f"/{slug}/contributions/{story.id}/"),
        PageKind("unanswered filter", f"/{slug}/contributions/unanswered/"),
        PageKind("outcome", f"/{slug}/outcome/"),
        PageKind("history", f"/{slug}/minutes/{minutes.id}/history/"),
        PageKind("journal", f"/{slug}/journal/"),
        PageKind("site journal", "/journal/"),
        PageKind("legal notice", "/mentions-legales/"),
        PageKind("privacy notice", "/donnees-personnelles/"),
        PageKind("accessibility statement", "/accessibilite/"),
        PageKind("search", "/search/"),
        PageKind("guide", "/guide/"),
        PageKind("guide reference", "/guide/reference/"),
        PageKind("schemas", "/schemas/"),
    ]


def _other(corpus: Corpus, process: Process) -> Process:
    return next(p for p in corpus.processes if p.slug != process.slug)


# --------------------------------------------------------------------------- empty


def write_empty_processes(folder: Path) -> None:
    """One upcoming process with nothing yet: no meeting, minutes, document or contribution."""
    process = folder / EMPTY_SLUG
    process.mkdir(parents=True)
    (process / "process.yml").write_text(
        "title: Aménagement de la place du Marché\n"
        "summary: La commune prépare la rénovation de la place et vous consultera au printemps.\n"
        "organiser: Commune de Saint-Aubin-sur-Lys\n"
        "opens: 2027-03-01\n"
        "closes: 2027-04-30\n",
        encoding="utf-8",
    )


EMPTY_PAGES = [
    PageKind("home", "/"),
    PageKind("empty status filter", "/status/closed/"),
    PageKind("overview", f"/{EMPTY_SLUG}/"),
    PageKind("agenda", f"/{EMPTY_SLUG}/meetings/"),
    PageKind("minutes list", f"/{EMPTY_SLUG}/minutes/"),
    PageKind("documents", f"/{EMPTY_SLUG}/documents/"),
    PageKind("contributions", f"/{EMPTY_SLUG}/contributions/"),
    PageKind("search", "/search/"),
]


# --------------------------------------------------------------------------- long

_LONG_WORDS = (
    "Réaménagement intercommunal de l'avenue Jean-Jaurès, de ses carrefours, de ses trottoirs "
    "et de ses pistes cyclables bidirectionnelles entre la gare et le campus des Prés"
)
_CHANNELS = ["online", "paper", "meeting", "email", "post", "phone", "workshop"]
_THEMES = [
    ("mobilite", "Mobilités actives, transports en commun et partage de l'espace public"),
    ("environnement", "Environnement, îlots de fraîcheur, arbres d'alignement et biodiversité"),
    ("commerces", "Commerces de proximité, marchés forains et livraisons pendant les travaux"),
]


def write_long_processes(folder: Path) -> None:
    """A process with many items and long texts: pagination, wrapping and big tables."""
    process = folder / LONG_SLUG
    (process / "contributions").mkdir(parents=True)
    (process / "meetings").mkdir()
    (process / "documents").mkdir()
    themes = "".join(f"  - id: {i}\n    title: {t}\n" for i, t in _THEMES)
    (process / "process.yml").write_text(
        f"title: {_LONG_WORDS}\n"
        f"summary: {_LONG_WORDS}, avec un très long résumé pour éprouver la mise en page.\n"
        "organiser: Établissement public territorial de coopération intercommunale du Val-de-Lys\n"
        "opens: 2026-09-01\n"
        "closes: 2027-02-28\n"
        f"themes:\n{themes}",
        encoding="utf-8",
    )
    for number in range(1, 13):
        day = dt.date(2026, 9, 1) + dt.timedelta(days=14 * number)
        (process / "meetings" / f"{day.isoformat()}-reunion-{number}.md").write_text(
            "---\n"
            f"title: Réunion publique n° {number} — {_LONG_WORDS}\n"
            f"start: {day.isoformat()}T18:30:00+01:00\n"
            "place:\n"
            "  name: Salle polyvalente du groupe scolaire Jacqueline-Auriol\n"
            "  address: 124 boulevard du Maréchal-de-Lattre-de-Tassigny, 62999 Saint-Aubin\n"
            "---\n"
            "Réunion d'information et d'échanges.\n",
            encoding="utf-8",
        )
    entries = []
    for number in range(1, 9):
        name = f"documents/etude-{number}.pdf"
        (process / name).write_bytes(b"%PDF-1.4\n%%EOF\n")
        entries.append(
            f"- file: {name}\n"
            f"  title: Étude n° {number} — {_LONG_WORDS}\n"
            f"  date: 2026-09-0{number}\n"
        )
    (process / "documents.yml").write_text("".join(entries), encoding="utf-8")
    for number in range(1, LONG_CONTRIBUTIONS + 1):
        theme = _THEMES[number % len(_THEMES)][0]
        answer = (
            "answer:\n  date: 2026-11-10\n  by: Mission mobilités\n  text: Merci, c'est noté.\n"
            if number % 3 == 0
            else ""
        )
        (process / "contributions" / f"c-{number:04d}.md").write_text(
            "---\n"
            f"received: 2026-10-{1 + number % 28:02d}\n"
            f"channel: {_CHANNELS[number % len(_CHANNELS)]}\n"
            f"author: Marie-Amélie de La Tour-Dupont-Vasseur n° {number}\n"
            f"themes: [{theme}]\n"
            f"{answer}"
            "---\n"
            f"{_LONG_WORDS} : voir https://participer.valdelys.example.org/"
            "concertations/tramway-ligne-b/contributions/suggestions-des-habitants-du-quartier"
            "-de-la-gare-pour-le-trace-definitif\n",
            encoding="utf-8",
        )


LONG_PAGES = [
    PageKind("home", "/"),
    PageKind("overview", f"/{LONG_SLUG}/"),
    PageKind("agenda", f"/{LONG_SLUG}/meetings/"),
    PageKind("meeting", f"/{LONG_SLUG}/meetings/2026-09-15-reunion-1/"),
    PageKind("documents", f"/{LONG_SLUG}/documents/"),
    PageKind("contributions", f"/{LONG_SLUG}/contributions/"),
    PageKind("contributions page 2", f"/{LONG_SLUG}/contributions/page/2/"),
    PageKind("contributions last page", f"/{LONG_SLUG}/contributions/page/3/"),
    PageKind("theme filter", f"/{LONG_SLUG}/contributions/theme/mobilite/"),
    PageKind("unanswered filter page 2", f"/{LONG_SLUG}/contributions/unanswered/page/2/"),
    PageKind("contribution", f"/{LONG_SLUG}/contributions/c-0042/"),
]
