"""Time the history layer on a generated repository of thousands of items and commits.

Usage: python bench/history.py [--items 2400] [--commits 1200] [--keep DIR]

The repository is written in one `git fast-import` stream (seconds, not the minutes a commit per
process would take). It has the shape of a busy consultation: an initial import, then commits
that publish contributions, amend long minutes, answer contributions, move and remove items, and
a few merges. Figures are printed; they go in the issue's closing notes, never in tests.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from greffier.enrich.diff import word_diff
from greffier.enrich.history import BlobReader, History, read_history

WORDS = [
    *("projet", "ligne", "tramway", "station", "quartier", "habitants", "stationnement"),
    *("arbres", "piste", "cyclable", "travaux", "bruit", "accessibilité", "école", "commerce"),
    *("marché", "parc", "sécurité", "horaires", "fréquence", "de", "la", "le", "les"),
]
START = 1_767_225_600  # 2026-01-01 UTC
PER_FILE_SAMPLE = 50
"""Files timed with their own `git log --follow`, to extrapolate what the single pass avoids."""
PROCESSES = ["tramway", "budget", "plu", "ecoles", "parcs"]


def prose(rng: random.Random, lines: int) -> list[str]:
    text = []
    for number in range(lines):
        words = (rng.choice(WORDS) for _ in range(rng.randint(6, 30)))
        text.append("" if number % 4 == 3 else " ".join(words))
    return text


class Stream:
    """A fast-import stream being written, one commit after another."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.mark = 0
        self.time = START

    def commit(
        self,
        message: str,
        files: dict[str, str | None],
        *,
        renames: dict[str, str] | None = None,
        branch: str = "main",
        start: int | None = None,
        merge: int | None = None,
    ) -> int:
        """Write files (None: delete) and renames on `branch`; returns the commit's mark."""
        self.mark += 1
        self.time += 3600
        body = message.encode()
        lines = [
            f"commit refs/heads/{branch}".encode(),
            f"mark :{self.mark}".encode(),
            f"committer Greffe <greffe@example.org> {self.time} +0000".encode(),
            f"data {len(body)}".encode(),
            body,
        ]
        if start is not None:
            lines.append(f"from :{start}".encode())
        if merge is not None:
            lines.append(f"merge :{merge}".encode())
        for old, new in (renames or {}).items():
            lines.append(f'R "{old}" "{new}"'.encode())
        for path, text in files.items():
            if text is None:
                lines.append(f"D {path}".encode())
            else:
                data = text.encode()
                lines += [f"M 100644 inline {path}".encode(), f"data {len(data)}".encode(), data]
        self.parts.append(b"\n".join(lines) + b"\n\n")
        return self.mark


def generate(root: Path, items: int, commits: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    stream = Stream()
    live: dict[str, list[str]] = {}
    minutes = [f"processes/{p}/minutes/seance-{n:02d}.md" for p in PROCESSES for n in range(12)]

    def contribution(number: int) -> str:
        process = PROCESSES[number % len(PROCESSES)]
        return f"processes/{process}/contributions/c-{number:05d}.md"

    initial = {path: prose(rng, 300) for path in minutes}
    initial |= {contribution(n): prose(rng, 6) for n in range(items // 2)}
    live.update(initial)
    stream.commit("Import initial", {p: "\n".join(t) for p, t in initial.items()})
    next_item = items // 2
    for number in range(1, commits):
        files: dict[str, str | None] = {}
        kind = number % 10
        answerable = sorted(p for p in live if "/contributions/" in p)
        if kind == 9:
            path = rng.choice(answerable)
            new = path.replace("/c-", "/renomme-c-")
            if new not in live:
                live[new] = live.pop(path)
                stream.commit(f"Renomme {path}", {}, renames={path: new})
                continue
        if kind in (0, 1, 2, 3) and next_item < items:
            for _ in range(4):
                live[contribution(next_item)] = prose(rng, 6)
                files[contribution(next_item)] = "\n".join(live[contribution(next_item)])
                next_item += 1
        elif kind in (6, 7):
            path = rng.choice(answerable)
            live[path] = [*live[path], "", f"Réponse : {' '.join(rng.sample(WORDS, 8))}"]
            files[path] = "\n".join(live[path])
        elif kind == 8 and number % 20 == 8:
            path = rng.choice(answerable)
            del live[path]
            files[path] = None
        else:
            # Everything else amends long minutes, where diffs cost the most.
            path = rng.choice(minutes)
            text = live[path]
            for _ in range(5):
                line = rng.randrange(len(text))
                text[line] = text[line] + " amendé"
            files[path] = "\n".join(text)
        if number % 100 == 50:
            # A reviewed branch merged with --no-ff: its own commits stay off the first-parent line.
            side = stream.commit("Relecture", files, branch="relecture", start=stream.mark)
            # fast-import takes trees as given: the merge restates what the branch brought.
            stream.commit(f"Fusionne la relecture {number}", files, merge=side)
            continue
        stream.commit(f"Commit {number}", files)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=root, input=b"".join(stream.parts), check=True
    )
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)


def timed(action: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    """Median wall time in seconds, and the last result."""
    times = []
    result: object = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2400)
    parser.add_argument("--commits", type=int, default=1200)
    parser.add_argument("--keep", type=Path, help="generate the repository here and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="greffier-history-bench-"))
    root = base / "repo"
    try:
        started = time.perf_counter()
        generate(root, args.items, args.commits)
        generation = time.perf_counter() - started
        cache = base / "cache"
        cold, history = timed(lambda: read_history(root, paths=["processes"]))
        assert isinstance(history, History) and history.available
        read_history(root, paths=["processes"], cache_dir=cache)
        cached, _ = timed(lambda: read_history(root, paths=["processes"], cache_dir=cache))
        versions = [v for item in history.files.values() for v in item.versions]
        latest = [item.versions[-1] for item in history.files.values() if not item.removed]

        def read_all() -> list[str | None]:
            with BlobReader(root) as blobs:
                return [blobs.text(v) for v in versions]

        reading, texts = timed(read_all, repeat=1)
        assert isinstance(texts, list)
        text_of = dict(zip(versions, texts, strict=True))

        def diff_all() -> int:
            count = 0
            for item in history.files.values():
                for before, after in zip(item.versions, item.versions[1:], strict=False):
                    word_diff(text_of[before] or "", text_of[after] or "")
                    count += 1
            return count

        diffing, pairs = timed(diff_all, repeat=1)
        longest = max(len((t or "").splitlines()) for t in texts)
        sample = sorted(history.files)[:: max(1, len(history.files) // PER_FILE_SAMPLE)]

        def per_file() -> None:
            for path in sample:
                subprocess.run(
                    ["git", "log", "--follow", "--format=%H", "--", path],
                    cwd=root,
                    capture_output=True,
                    check=True,
                )

        per_file_time, _ = timed(per_file, repeat=1)
        per_file_total = per_file_time / len(sample) * len(history.files)

        rng = random.Random(2)
        long_old = prose(rng, 5000)
        long_new = list(long_old)
        for line in rng.sample(range(5000), 80):
            long_new[line] += " amendé"
        del long_new[1000:1010]
        long_diff, _ = timed(lambda: word_diff("\n".join(long_old), "\n".join(long_new)))

        figures = [
            ("history read, cold (one git log)", cold, ""),
            ("history read, cached by HEAD", cached, ""),
            ("every version's text (one cat-file)", reading, f"{len(versions)} blobs"),
            ("word diff of every version pair", diffing, f"{pairs} pairs, up to {longest} lines"),
            ("word diff of 5,000-line minutes", long_diff, "80 lines amended, 10 removed"),
            ("for comparison: one git log per file", per_file_total, f"from {len(sample)} files"),
        ]
        removed = sum(1 for item in history.files.values() if item.removed)
        print(f"repository generated in {generation:.1f} s: {len(history.commits)} commits,")
        print(f"  {len(history.files)} files ({len(latest)} in HEAD, ", end="")
        print(f"{len(history.redirects())} renamed, {removed} removed), {len(versions)} versions")
        for label, seconds, note in figures:
            print(f"{label:<40}{seconds * 1000:9.0f} ms  {note}")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
