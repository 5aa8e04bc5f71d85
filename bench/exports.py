"""Time and size of every offline file: the bundled examples, then a process of 500 contributions.

Usage: python bench/exports.py [--contributions 500] [--keep DIR]

Two corpora: this repository's processes as they are (with their git history, for the dossier's
"last changed" line), then a copy of the project whose tram process holds `--contributions`
generated contributions (varied channels, themes, kinds, answers and dispositions; the copy
must load without errors), whose files alone are measured. For each, every planned file is
made once inline, one after the other and without a cache, so each file's time is its own; CPU
time counts this process and the pandoc children it waited for, which is what to compare on a
busy machine. Then the whole set is made the way `greffier build` makes it: `make_exports` on
two workers with an empty cache, then again with that cache. Figures are printed; they go in
the issue's closing notes, never in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from greffier.enrich.history import History, read_history
from greffier.export.bundle import ExportKind, ExportPlan, make_exports, plan_exports
from greffier.load import load_corpus

sys.path.insert(0, str(Path(__file__).resolve().parent))

# bench/ is not a package: build_large.py is found through the path set above.
from build_large import WORDS

ROOT = Path(__file__).resolve().parent.parent
PROCESS = "tramway-ligne-b"
SITE_URL = "https://greffier.example.org/"
REFERENCE = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
"""The examples' "today" (as in the tests): the tram consultation is open, with upcoming
meetings, so notices and the paper form are made too."""

CHANNELS = ("online", "paper", "meeting", "email", "post", "phone", "workshop")
THEMES = ("trace", "stations", "stationnement", "travaux", "environnement", "accessibilite")
KINDS = ("opinion", "opinion", "question", "proposal", "stakeholder-paper")
DISPOSITIONS = ("taken-into-account", "partially", "not-retained", "out-of-scope")
MEETINGS = (
    "2026-10-08-reunion-ouverture",
    "2026-10-22-atelier-stations",
    "2026-11-12-reunion-breval",
)
"""Held meetings of the tram process, where `meeting` contributions were made."""
REFERENCE_PREFIX = {"paper": "R", "post": "C", "phone": "T"}


def prose(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def contribution(rng: random.Random, number: int) -> str:
    """A valid contribution file, in the shape of processes/tramway-ligne-b/contributions/."""
    channel = CHANNELS[number % len(CHANNELS)]
    received = dt.datetime(2026, 10, 1, 8, tzinfo=dt.UTC) + dt.timedelta(
        minutes=rng.randrange(55 * 24 * 60)
    )
    themes = rng.sample(THEMES, rng.choice((1, 1, 2)))
    lines = ["---", f"received: {received.isoformat()}"]
    if channel in REFERENCE_PREFIX:
        lines.append(f"reference: {REFERENCE_PREFIX[channel]}-2026-{number:04d}")
    lines.append(f"channel: {channel}")
    if channel == "meeting":
        lines.append(f"meeting: {rng.choice(MEETINGS)}")
    if number % 17 == 0:
        lines.append(f"organisation: Association de quartier numéro {number}")
    else:
        lines.append(f"author: Personne Numéro{number}")
    lines += [f"kind: {rng.choice(KINDS)}", f"themes: [{', '.join(themes)}]"]
    answered = received.date() + dt.timedelta(days=rng.randrange(5, 30))
    if rng.random() < 0.6 and answered < REFERENCE.date():
        lines += ["answer:", f"  date: {answered.isoformat()}", "  by: Mission tramway B"]
        lines += ["  text: |"] + [
            f"    {prose(rng, rng.randrange(15, 60))}\n" for _ in range(rng.randrange(1, 3))
        ]
        if rng.random() < 0.4:
            lines += ["disposition:", f"  status: {rng.choice(DISPOSITIONS)}"]
            lines.append(f"  reason: {prose(rng, rng.randrange(6, 20))}")
    lines.append("---")
    body = [prose(rng, rng.randrange(20, 120)) for _ in range(rng.randrange(1, 4))]
    if rng.random() < 0.2:
        body.append("\n".join(f"- {prose(rng, rng.randrange(4, 12))}" for _ in range(3)))
    return "\n".join(lines) + "\n" + "\n\n".join(body) + "\n"


def generate(root: Path, count: int, seed: int = 1) -> int:
    """A copy of the project in `root` whose tram process holds `count` contributions (or its
    own, if more); returns how many were written."""
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "processes", root / "processes")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    folder = root / "processes" / PROCESS / "contributions"
    rng = random.Random(seed)
    wanted = max(0, count - sum(1 for _ in folder.glob("*.md")))
    for number in range(1, wanted + 1):
        (folder / f"bench-{number:04d}.md").write_text(contribution(rng, number), encoding="utf-8")
    return wanted


@dataclass
class Made:
    kind: ExportKind
    wall: float
    cpu: float
    size: int


def cpu_now() -> float:
    """CPU seconds of this process and of the children it waited for (pandoc)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def make_each(plans: Sequence[ExportPlan]) -> list[Made]:
    made = []
    for plan in plans:
        wall, cpu = time.perf_counter(), cpu_now()
        data = plan.make()
        made.append(Made(plan.kind, time.perf_counter() - wall, cpu_now() - cpu, len(data)))
    return made


def size(count: int) -> str:
    return f"{count / 1024:,.0f} KiB" if count < 1024 * 1024 else f"{count / 1024**2:.1f} MiB"


def report(
    label: str, root: Path, history: History | None, cache: Path, only: str | None = None
) -> None:
    started = time.perf_counter()
    corpus, diagnostics = load_corpus(root, reference=REFERENCE)
    if diagnostics.errors:
        for diagnostic in diagnostics.errors:
            print(diagnostic, file=sys.stderr)
        raise SystemExit(f"{label}: the corpus does not load")
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    plans = plan_exports(
        corpus, root=root, language="fr", site_url=SITE_URL, history=history, only=only
    )
    planned = time.perf_counter() - started
    counts = ", ".join(
        f"{p.slug}: {len(p.contributions)}"
        for p in corpus.processes
        if only is None or p.slug == only
    )
    print(f"\n## {label}\ncontributions: {counts}")
    print(f"loaded in {loaded:.1f} s; {len(plans)} files planned (print HTML) in {planned:.1f} s")

    made = make_each(plans)
    print("\nmade one by one, inline, no cache (wall and CPU are totals for the format)")
    print(f"{'format':<13}{'files':>6}{'size':>12}{'wall':>9}{'CPU':>9}{'CPU a file':>12}")
    for kind in ExportKind:
        rows = [row for row in made if row.kind == kind]
        if not rows:
            continue
        cpu = sum(row.cpu for row in rows)
        print(
            f"{kind.value:<13}{len(rows):>6}{size(sum(row.size for row in rows)):>12}"
            f"{sum(row.wall for row in rows):8.1f}s{cpu:8.1f}s{cpu / len(rows):11.2f}s"
        )
    total_wall, total_cpu = sum(row.wall for row in made), sum(row.cpu for row in made)
    total_size = size(sum(row.size for row in made))
    print(f"{'total':<13}{len(made):>6}{total_size:>12}{total_wall:8.1f}s{total_cpu:8.1f}s")

    print("\nmake_exports(workers=2), as `greffier build` runs it")
    for run in ("cold cache", "warm cache"):
        wall, cpu = time.perf_counter(), cpu_now()
        make_exports(plans, cache_dir=cache, workers=2, progress=False)
        print(f"{run:<13}{time.perf_counter() - wall:8.2f}s wall{cpu_now() - cpu:8.2f}s CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contributions", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="generate the copy here and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="greffier-bench-exports-"))
    try:
        history = read_history(ROOT, paths=("processes",), cache_dir=base / "history-cache")
        report(
            "bundled examples",
            ROOT,
            history if history.available else None,
            base / "cache-examples",
        )
        copy = base / "project"
        written = generate(copy, args.contributions)
        print(f"\n({written} contributions generated into a copy of {PROCESS})")
        report(
            f"{PROCESS} with {args.contributions} contributions",
            copy,
            None,
            base / "cache-large",
            only=PROCESS,
        )
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
