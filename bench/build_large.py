"""Build a generated site with many contributions and report time and peak memory.

Usage: python bench/build_large.py [--contributions 10000] [--keep DIR]

Speed and memory are measured here, never in the test suite. The generated process has the
shape of a real large consultation: many themes and channels, a tenth of the contributions
answered, some replies. The figures go in the closing notes of the issues that set targets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THEMES = ["mobilite", "logement", "environnement", "culture", "sante", "education"]
CHANNELS = ["online", "paper", "post", "email", "meeting", "phone", "workshop"]
WORDS = [
    "projet",
    "ligne",
    "tramway",
    "station",
    "quartier",
    "habitants",
    "stationnement",
    "arbres",
    "piste",
    "cyclable",
    "travaux",
    "bruit",
    "accessibilité",
    "école",
    "commerce",
    "marché",
    "parc",
    "sécurité",
    "horaires",
    "fréquence",
]


def write_process(root: Path, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    folder = root / "processes" / "grande-consultation"
    (folder / "contributions").mkdir(parents=True)
    themes = "\n".join(f"  - id: {t}\n    title: {t.capitalize()}" for t in THEMES)
    (folder / "process.yml").write_text(
        "title: Grande consultation générée\n"
        "summary: Processus généré pour mesurer le coût d'un grand volume.\n"
        "organiser: Métropole de démonstration\n"
        "opens: 2026-01-05\ncloses: 2026-12-20\n"
        f"themes:\n{themes}\n",
        encoding="utf-8",
    )
    start = dt.date(2026, 1, 5)
    for n in range(1, count + 1):
        received = start + dt.timedelta(days=rng.randrange(300))
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(20, 120)))
        answer = ""
        if n % 10 == 0:
            answer = (
                f"answer:\n  date: {received + dt.timedelta(days=20)}\n"
                "  by: Équipe projet\n  text: Merci, votre remarque est étudiée.\n"
            )
        parent = f"parent: c-{n - 1:05d}\n" if n % 25 == 0 else ""
        (folder / "contributions" / f"c-{n:05d}.md").write_text(
            f"---\nreceived: {received}\nchannel: {rng.choice(CHANNELS)}\n"
            f"themes: [{rng.choice(THEMES)}]\n{parent}{answer}---\n{text.capitalize()}.\n",
            encoding="utf-8",
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contributions", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build here and keep the result")
    parser.add_argument("--no-search", action="store_true", help="skip Pagefind indexing")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="greffier-bench-"))
    if work.exists() and any(work.iterdir()):
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if args.no_search:
        config = config.replace("  - greffier:\n", "  - greffier:\n      search_index: false\n")
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "docs", work / "docs")
    t0 = time.perf_counter()
    write_process(work, args.contributions)
    generated = time.perf_counter() - t0

    # The offline files are measured by bench/exports.py: this one times the site itself.
    command = [
        sys.executable,
        "-m",
        "greffier",
        "build",
        "--no-exports",
        "--config",
        str(work / "mkdocs.yml"),
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795651200"}
    t0 = time.perf_counter()
    result = subprocess.run(command, cwd=work, env=env, check=False)
    elapsed = time.perf_counter() - t0
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pages = sum(1 for _ in (work / "site").rglob("index.html")) if result.returncode == 0 else 0
    print(f"contributions: {args.contributions}")
    print(f"content generated in {generated:.1f} s")
    print(f"build exit code: {result.returncode}")
    per_page = 1000 * elapsed / max(pages, 1)
    print(f"build time: {elapsed:.1f} s for {pages} pages ({per_page:.1f} ms a page)")
    print(f"peak memory of the build: {peak_mib:.0f} MiB")
    if not args.keep:
        shutil.rmtree(work)
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
