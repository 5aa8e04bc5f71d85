"""Time a whole `greffier build` with and without the history layer, on a generated repository.

Usage: python bench/history_build.py [--processes 5] [--items 2100] [--commits 1100] [--repeat 3]
[--keep DIR]

The repository holds valid process folders (meetings, long minutes, contributions) written in
one `git fast-import` stream (see bench/history.py): an initial import, then commits that
publish contributions, answer them, amend minutes, rename and remove a few. The site is built
with the real CLI, in a fresh process each time: `history: false`, then `history: true` with an
empty cache (one `git log`), then with the cache of that HEAD; that round `--repeat` times, and
the medians are printed (a shared machine's noise is as large as what is measured). Wall time
is what a build takes; CPU time (the build's processes, git's included) what it costs. Pagefind
and the offline files are off in every build: they would dominate the figures. Figures are
printed; they go in the issue's closing notes, never in tests.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

# bench/ is not a package: its history.py is found through the path set above.
from history import Stream, prose

MEETINGS = 10
"""Meetings per process, each with its minutes."""
MINUTES_LINES = 200


def process_yml(number: int) -> str:
    return (
        f"title: Concertation générée numéro {number}\n"
        "summary: Processus généré pour mesurer le coût de l'historique.\n"
        "organiser: Métropole de démonstration\n"
        "opens: 2026-01-01\ncloses: 2026-12-31\n"
        "timezone: Europe/Paris\n"
        "themes:\n  - id: trace\n    title: Tracé\n  - id: travaux\n    title: Travaux\n"
    )


def meeting_md(day: int) -> str:
    return (
        f"---\ntitle: Réunion publique {day}\nstart: 2026-01-{day:02d}T18:30:00+01:00\n"
        "format: online\nstatus: held\n---\nRéunion d'information.\n"
    )


def minutes_md(meeting: str, lines: list[str]) -> str:
    return f"---\nmeeting: {meeting}\n---\n" + "\n".join(lines) + "\n"


def contribution_md(lines: list[str], answer: str | None = None) -> str:
    answered = (
        f"answer:\n  date: 2026-01-20\n  by: Équipe projet\n  text: {answer}\n" if answer else ""
    )
    body = "\n".join(line for line in lines if line) or "Avis."
    return (
        "---\nreceived: 2026-01-02\nchannel: online\nauthor: Personne Générée\n"
        f"themes: [trace]\n{answered}---\n{body}\n"
    )


def config(history: bool) -> dict[str, object]:
    """mkdocs.yml of the generated site; Pagefind off (see the module's docstring)."""
    # The offline files are measured by bench/exports.py.
    plugin = {
        "processes_dir": "processes",
        "search_index": False,
        "exports": False,
        "history": history,
    }
    return {
        "site_name": "Banc d'essai de l'historique",
        "site_url": "https://bench.example.org/",
        "theme": {"name": "material", "language": "fr", "font": False},
        "plugins": [{"greffier": plugin}],
    }


def generate(root: Path, processes: int, items: int, commits: int, seed: int = 1) -> int:
    """Write the repository in `root`; returns the number of items in HEAD."""
    rng = random.Random(seed)
    stream = Stream()
    slugs = [f"concertation-{n}" for n in range(1, processes + 1)]
    minutes: dict[str, list[str]] = {}
    files: dict[str, str | None] = {
        ".gitignore": "/site/\n.cache/\n/mkdocs-*.yml\n",
        "mkdocs.yml": yaml.safe_dump(config(history=True), allow_unicode=True),
        "docs/.gitkeep": "",
    }
    for number, slug in enumerate(slugs, start=1):
        folder = f"processes/{slug}"
        files[f"{folder}/process.yml"] = process_yml(number)
        for day in range(1, MEETINGS + 1):
            meeting = f"2026-01-{day:02d}-reunion"
            files[f"{folder}/meetings/{meeting}.md"] = meeting_md(day)
            path = f"{folder}/minutes/{meeting}.md"
            minutes[path] = prose(rng, MINUTES_LINES)
            files[path] = minutes_md(meeting, minutes[path])
    fixed = len(slugs) * (1 + 2 * MEETINGS)
    wanted = max(0, items - fixed)
    contributions: dict[str, list[str]] = {}

    def new_contribution(number: int) -> str:
        path = f"processes/{slugs[number % len(slugs)]}/contributions/c-{number:05d}.md"
        contributions[path] = prose(rng, 4)
        return path

    for number in range(wanted // 2):
        path = new_contribution(number)
        files[path] = contribution_md(contributions[path])
    stream.commit("Import initial", files)
    next_number = wanted // 2
    # Half the commits publish contributions: enough per commit to reach `items`.
    per_commit = max(1, -(-(wanted - next_number) // max(1, commits // 2)))
    answered: set[str] = set()
    for number in range(1, commits):
        kind = number % 10
        files = {}
        if kind in (0, 1, 2, 3, 4) and next_number < wanted:
            for _ in range(min(per_commit, wanted - next_number)):
                path = new_contribution(next_number)
                files[path] = contribution_md(contributions[path])
                next_number += 1
        elif kind in (5, 6):
            path = rng.choice(sorted(set(contributions) - answered))
            answered.add(path)
            files[path] = contribution_md(contributions[path], "Merci, c'est noté.")
        elif kind == 7 and number % 50 == 7:
            path = rng.choice(sorted(set(contributions) - answered))
            del contributions[path]
            files[path] = None
        elif kind == 8 and number % 50 == 8:
            path = rng.choice(sorted(set(contributions) - answered))
            new = path.replace("/c-", "/renomme-c-")
            contributions[new] = contributions.pop(path)
            stream.commit(f"Renomme {path}", {}, renames={path: new})
            continue
        else:
            path = rng.choice(sorted(minutes))
            text = minutes[path]
            for _ in range(5):
                line = rng.randrange(len(text))
                text[line] = f"{text[line]} amendé".strip()
            meeting = path.rsplit("/", 1)[1].removesuffix(".md")
            files[path] = minutes_md(meeting, text)
        stream.commit(f"Commit {number}", files)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=root, input=b"".join(stream.parts), check=True
    )
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)
    return fixed + len(contributions)


def build(root: Path, history: bool) -> tuple[float, float, int]:
    """Wall and CPU seconds of one `greffier build` in a fresh process, and the HTML pages
    written. CPU time (user + system of the child) is what to compare on a busy machine."""
    # Beside mkdocs.yml (paths in it are relative to it) and git-ignored, so the working tree
    # stays as committed.
    config_file = root / f"mkdocs-{'history' if history else 'plain'}.yml"
    config_file.write_text(yaml.safe_dump(config(history), allow_unicode=True), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "greffier", "build", "-f", str(config_file), "-d", "site"],
        cwd=root,
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, sum(1 for _ in (root / "site").rglob("*.html"))


def _median(runs: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    """Median wall time, median CPU time, pages."""
    return (
        statistics.median(run[0] for run in runs),
        statistics.median(run[1] for run in runs),
        runs[0][2],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=5)
    parser.add_argument("--items", type=int, default=2100)
    parser.add_argument("--commits", type=int, default=1100)
    parser.add_argument("--keep", type=Path, help="generate the repository here and keep it")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind (median)")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="greffier-history-build-"))
    root = base / "repo"
    try:
        started = time.perf_counter()
        count = generate(root, args.processes, args.items, args.commits)
        generation = time.perf_counter() - started
        log = subprocess.run(
            ["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True, text=True
        )
        print(f"repository generated in {generation:.1f} s: {count} items in HEAD, ", end="")
        print(f"{log.stdout.strip()} commits")
        runs: dict[str, list[tuple[float, float, int]]] = {"plain": [], "cold": [], "warm": []}
        # Interleaved, so that a busy moment of the machine weighs on every configuration.
        for _ in range(args.repeat):
            runs["plain"].append(build(root, history=False))
            shutil.rmtree(root / ".cache" / "greffier", ignore_errors=True)
            runs["cold"].append(build(root, history=True))
            runs["warm"].append(build(root, history=True))
        plain, plain_cpu, plain_pages = _median(runs["plain"])
        print(f"median of {args.repeat} run(s) each")
        print(f"{'':<28}{'wall':>8}{'CPU':>9}   pages   overhead (wall, CPU)")
        print(f"{'history: false':<28}{plain:7.1f}s{plain_cpu:8.1f}s  {plain_pages:6}")
        for label, key in (
            ("history: true, cold cache", "cold"),
            ("history: true, cached", "warm"),
        ):
            seconds, cpu, pages = _median(runs[key])
            wall = (seconds - plain) / plain * 100
            used = (cpu - plain_cpu) / plain_cpu * 100
            figures = f"{seconds:7.1f}s{cpu:8.1f}s  {pages:6}"
            print(f"{label:<28}{figures}   {wall:+.0f} %, {used:+.0f} %")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
