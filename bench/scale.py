"""Greffier against stock MkDocs + Material (and Hugo) on the issue-12 corpus: time, memory, size,
incremental rebuilds and the live preview.

Usage: python bench/scale.py [--processes 20] [--contributions 500] [--meetings 10] [--repeat 3]
[--quick] [--serve] [--keep DIR] [--gen PATH] [--timeout 120]

The corpus is made by the shared generator (`--gen`, by default ../shared/bench/gen_corpus.py
beside this checkout): a Greffier project (this checkout's mkdocs.yml, docs/ and themes/ beside
the generated processes/, committed once with fixed dates so that every build of it gives the same
site) and the same pages as a stock MkDocs + Material site; a minimal Hugo site of those pages
too when `hugo` is on the PATH. Each site is built in a fresh process, interleaved, `--repeat`
times, into an empty folder and with an empty cache; medians are printed.

Wall time is what a build takes; CPU time (user + system of the build and of every process it
waited for, Pagefind and the workers included) is what it costs, and what to compare on a busy
machine. Peak RSS is the largest single process of the build (from `wait4`, which covers the
waited-for descendants); "tree" is the largest sum of the RSS of every live process of the
build, sampled from /proc every 0.1 s (shared pages are counted once per process, so it is an
upper bound). Size is the apparent size of the output (MB are 10^6 bytes), its search index
part apart.

Then Greffier's incremental rebuilds, after the last cold build into the same folder with the
same cache: nothing changed, and one minutes file amended and committed, with the number of
output files each rebuild changed (Pagefind's folder left out). `--serve` starts
`greffier serve`, edits a minutes file and measures until the page shows the edit, then what a
browser sees of an invalid front matter, then the recovery. `--quick` is a tiny corpus for a
smoke test. Figures are printed; they go in the issue's closing notes, never in tests.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
PROJECT_FILES = ("mkdocs.yml", "docs", "themes")
COMMIT_DATE = "2026-11-26T12:00:00+00:00"
AMEND_DATE = "2026-11-26T13:00:00+00:00"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MB = 1_000_000
# This checkout's package, whatever is installed.
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
}
HUGO_PAGE = (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
    "</head><body><main>{{ .Content }}</main>{{ range .Pages }}"
    '<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</body></html>\n'
)


@dataclass(frozen=True)
class Output:
    size: int
    index: int
    """Bytes of the search index (Pagefind's folder, MkDocs' search/)."""
    pages: int


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    rss: int
    """Peak RSS of the largest single process, bytes."""
    tree: int
    """Largest sampled sum of the RSS of the build's live processes, bytes."""
    output: Output


@dataclass(frozen=True)
class Builder:
    name: str
    command: list[str]
    cwd: Path
    site: Path
    index_dir: str | None
    before: Callable[[], None] = lambda: None


def git(project: Path, *args: str, date: str = COMMIT_DATE) -> None:
    identity = {"GIT_AUTHOR_NAME": "Banc d'essai", "GIT_AUTHOR_EMAIL": "bench@example.org"}
    env = {
        **os.environ,
        **identity,
        "GIT_COMMITTER_NAME": identity["GIT_AUTHOR_NAME"],
        "GIT_COMMITTER_EMAIL": identity["GIT_AUTHOR_EMAIL"],
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    command = ["git", "-c", "commit.gpgsign=false", *args]
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)


def generate(base: Path, gen: Path, args: argparse.Namespace) -> tuple[Path, Path]:
    """The Greffier project and the stock MkDocs site, both under `base`."""
    project, stock = base / "project", base / "stock"
    sizes = ["--processes", str(args.processes), "--contributions", str(args.contributions)]
    sizes += ["--meetings", str(args.meetings)]
    subprocess.run(
        [sys.executable, str(gen), str(project / "processes"), *sizes, "--stock", str(stock)],
        check=True,
    )
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy2(source, project / name)
    (project / ".gitignore").write_text("/site/\n.cache/\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Corpus du banc d'essai")
    return project, stock


def hugo_site(base: Path, stock: Path) -> Path:
    """The stock site's pages as a minimal Hugo site (one template, no theme)."""
    site = base / "hugo"
    shutil.copytree(stock / "docs", site / "content")
    # Hugo's section pages are _index.md; an index.md would turn its folder into one page.
    for index in (site / "content").rglob("index.md"):
        index.rename(index.with_name("_index.md"))
    (site / "hugo.toml").write_text(
        'baseURL = "https://bench.example.org/"\nlanguageCode = "fr"\ntitle = "Bench"\n',
        encoding="utf-8",
    )
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(HUGO_PAGE, encoding="utf-8")
    return site


class TreeSampler(threading.Thread):
    """Largest sum of the RSS of `pid` and its descendants, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak: int | None = None
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.1):
            total = tree_rss(self.pid)
            if total is not None:
                self.peak = max(self.peak or 0, total)


def tree_rss(root: int) -> int | None:
    # /proc/PID/task/TID/children is not built into every kernel: parents come from stat.
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            statm = Path(entry.path, "statm").read_text()
        except OSError:
            continue
        # The command name, in parentheses, may hold spaces: fields are counted after it.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
        rss[int(entry.name)] = int(statm.split()[1]) * PAGE_SIZE
    if root not in rss:
        return None
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def measure_output(site: Path, index_dir: str | None) -> Output:
    size = index = pages = 0
    for folder, _, files in os.walk(site):
        inside_index = index_dir is not None and Path(folder).relative_to(site).parts[:1] == (
            index_dir,
        )
        for name in files:
            bytes_ = os.lstat(os.path.join(folder, name)).st_size
            size += bytes_
            index += bytes_ if inside_index else 0
            pages += name == "index.html"
    return Output(size, index, pages)


def run(builder: Builder, logs: Path) -> Run:
    """One build in a fresh process, into an empty folder."""
    shutil.rmtree(builder.site, ignore_errors=True)
    builder.before()
    log = logs / f"{builder.name}.log"
    with log.open("wb") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(
            builder.command, cwd=builder.cwd, stdout=sink, stderr=subprocess.STDOUT, env=ENV
        )
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        sampler.done.set()
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(errors="replace").splitlines()[-30:]
        sys.exit(f"{builder.name} failed ({process.returncode}):\n" + "\n".join(tail))
    sampler.join()
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        # Linux gives ru_maxrss in KiB.
        rss=usage.ru_maxrss * 1024,
        # The largest process at its peak is part of the tree's peak (and a build shorter than
        # one sample has no other figure).
        tree=max(sampler.peak or 0, usage.ru_maxrss * 1024),
        output=measure_output(builder.site, builder.index_dir),
    )


def median(runs: list[Run]) -> Run:
    return Run(
        wall=statistics.median(run.wall for run in runs),
        cpu=statistics.median(run.cpu for run in runs),
        rss=int(statistics.median(run.rss for run in runs)),
        tree=int(statistics.median(run.tree for run in runs)),
        output=runs[-1].output,
    )


def megabytes(value: int) -> str:
    return f"{value / MB:.0f}"


def print_table(results: dict[str, Run], repeat: int) -> None:
    print(f"\nmedian of {repeat} cold build(s) each (MB = 10^6 bytes)")
    header = ("", "wall s", "CPU s", "RSS MB", "tree MB", "out MB", "out bytes", "index MB")
    print(f"{header[0]:<10}" + "".join(f"{cell:>11}" for cell in header[1:]) + "      pages")
    for name, result in results.items():
        cells = (
            f"{result.wall:.1f}",
            f"{result.cpu:.1f}",
            megabytes(result.rss),
            megabytes(result.tree),
            megabytes(result.output.size),
            str(result.output.size),
            megabytes(result.output.index),
        )
        print(
            f"{name:<10}" + "".join(f"{cell:>11}" for cell in cells) + f"{result.output.pages:>11}"
        )
    greffier = results["greffier"]
    for name in results:
        if name == "greffier":
            continue
        peer = results[name]
        ratios = {
            "wall": greffier.wall / peer.wall,
            "CPU": greffier.cpu / peer.cpu,
            "RSS": greffier.rss / peer.rss,
            "tree RSS": greffier.tree / peer.tree,
            "size": greffier.output.size / peer.output.size,
        }
        print(f"greffier/{name}: " + ", ".join(f"{k} {v:.2f}x" for k, v in ratios.items()))


def tree_hashes(site: Path) -> dict[str, str]:
    """Digest of every output file but Pagefind's (its fragments are named by content)."""
    digests = {}
    for path in site.rglob("*"):
        relative = path.relative_to(site)
        if relative.parts[0] == "pagefind" or not path.is_file():
            continue
        with path.open("rb") as stream:
            digests[relative.as_posix()] = hashlib.file_digest(stream, "sha1").hexdigest()
    return digests


def changed(before: dict[str, str], after: dict[str, str]) -> str:
    modified = {name for name in before.keys() & after.keys() if before[name] != after[name]}
    added, removed = after.keys() - before.keys(), before.keys() - after.keys()
    summary = f"{len(modified)} changed, {len(added)} added, {len(removed)} removed"
    # Where the changes are says why (a footer on every page, a list, a feed): folders are
    # counted with every process folder as one.
    where = Counter(
        "/".join(re.sub(r"^processus-\d+", "*", name).split("/")[:2])
        for name in modified | added | removed
    )
    top = ", ".join(f"{folder} {count}" for folder, count in where.most_common(8))
    return f"{summary} of {len(after)} files" + (f"\n      ({top})" if top else "")


def amend(path: Path, marker: str) -> str:
    """The minutes file with one more paragraph holding `marker`."""
    text = path.read_text(encoding="utf-8")
    return text.rstrip("\n") + f"\n\nParagraphe ajouté par le banc d'essai : {marker}.\n"


def share(wall: float, cold: float) -> str:
    return f"{wall:7.1f} s  {wall / cold * 100:5.0f} % of cold"


def incremental(builder: Builder, project: Path, cold: float, logs: Path) -> None:
    print("\nincremental (greffier, same site folder and cache as the last cold build)")
    before = tree_hashes(builder.site)
    same = dataclasses.replace(builder, before=lambda: None)
    result = rebuild(same, logs)
    after = tree_hashes(builder.site)
    print(f"  nothing changed   {share(result, cold)}; {changed(before, after)}")
    minutes = sorted((project / "processes").glob("*/minutes/*.md"))[0]
    minutes.write_text(amend(minutes, "amendement incrémental"), encoding="utf-8")
    git(project, "commit", "-q", "-am", "Compte rendu amendé", date=AMEND_DATE)
    name = minutes.relative_to(project).as_posix()
    print(f"  ({name} amended and committed, HEAD one hour later:)")
    result = rebuild(same, logs)
    again = tree_hashes(builder.site)
    print(f"  one minutes file  {share(result, cold)}; {changed(after, again)}")


def rebuild(builder: Builder, logs: Path) -> float:
    """Wall seconds of a build into the existing site folder."""
    started = time.perf_counter()
    with (logs / f"{builder.name}-incremental.log").open("wb") as sink:
        subprocess.run(
            builder.command,
            cwd=builder.cwd,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=ENV,
            check=True,
        )
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Answer:
    status: int | None
    body: str
    hung: bool
    """No answer before the timeout (the server holds requests while it rebuilds)."""

    def __str__(self) -> str:
        if self.status is not None:
            return f"status {self.status}"
        return "request hung, no answer" if self.hung else "connection refused"


def fetch(url: str, timeout: float) -> Answer:
    """What a browser gets."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return Answer(response.status, response.read().decode("utf-8", "replace"), False)
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read().decode("utf-8", "replace"), False)
    except urllib.error.URLError as error:
        return Answer(None, "", isinstance(error.reason, TimeoutError))
    except TimeoutError:
        return Answer(None, "", True)
    except OSError:
        return Answer(None, "", False)


def poll(url: str, done: Callable[[Answer], bool], timeout: float) -> tuple[float | None, Answer]:
    """Seconds until `done(answer)`, None on timeout; and the last answer."""
    started = time.perf_counter()
    answer = Answer(None, "", False)
    while (left := timeout - (time.perf_counter() - started)) > 0:
        # A request may wait for the rebuild: it is given all the time left.
        answer = fetch(url, max(1.0, left))
        if done(answer):
            return time.perf_counter() - started, answer
        time.sleep(0.2)
    return None, answer


class LogWatch(threading.Thread):
    """The first line matching `pattern` the server writes from now on, and when."""

    def __init__(self, log: Path, pattern: re.Pattern[str]) -> None:
        super().__init__(daemon=True)
        self.log, self.pattern = log, pattern
        self.offset = log.stat().st_size
        self.started = time.perf_counter()
        self.line: str | None = None
        self.after: float | None = None
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            with self.log.open("rb") as stream:
                stream.seek(self.offset)
                text = stream.read().decode("utf-8", "replace")
            found = next((line for line in text.splitlines() if self.pattern.search(line)), None)
            if found is not None:
                self.line, self.after = found.strip(), time.perf_counter() - self.started
                return


def seconds(value: float | None) -> str:
    return "timeout" if value is None else f"{value:.1f} s"


def serve_probe(project: Path, logs: Path, timeout: float, startup: float) -> None:
    print(f"\nserve (greffier serve, live reload; at most {timeout:.0f} s per step)")
    minutes = sorted((project / "processes").glob("*/minutes/*.md"))[-1]
    slug = minutes.parent.parent.name
    address = f"127.0.0.1:{free_port()}"
    page = f"http://{address}/{slug}/minutes/{minutes.stem}/"
    original = minutes.read_text(encoding="utf-8")
    log = logs / "serve.log"
    command = [sys.executable, "-m", "greffier", "serve", "--dev-addr", address]
    with log.open("wb") as sink:
        server = subprocess.Popen(
            command,
            cwd=project,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=ENV,
            start_new_session=True,
        )
    try:
        waited, answer = poll(f"http://{address}/", lambda got: got.status == 200, startup)
        print(f"  home page answers after   {seconds(waited)}  ({answer})")
        if waited is None:
            print(f"  server log: {log}")
            return
        print(f"  probed page: {page}")
        edited = amend(minutes, "sonde du serveur")
        minutes.write_text(edited, encoding="utf-8")
        waited, answer = poll(page, lambda got: "sonde du serveur" in got.body, timeout)
        print(f"  edit shown after          {seconds(waited)}  ({answer})")
        where = re.compile(re.escape(f"{minutes.name}:") + r"\d+")
        watch = LogWatch(log, where)
        watch.start()
        broken = re.sub(r"^meeting: .*$", "meeting: [unclosed", edited, count=1, flags=re.M)
        minutes.write_text(broken, encoding="utf-8")
        waited, answer = poll(
            page,
            lambda got: got.status not in (None, 200) or bool(where.search(got.body)),
            timeout,
        )
        watch.done.set()
        watch.join()
        print("  invalid front matter (`meeting: [unclosed`):")
        print(f"    terminal shows path:line after {seconds(watch.after)}: {watch.line}")
        shown = "shows" if where.search(answer.body) else "does not show"
        page_text = "the edited page" if "sonde du serveur" in answer.body else "no edited page"
        print(f"    browser: error after {seconds(waited)}; last answer: {answer}, ", end="")
        print(f"body {shown} `{minutes.name}:LINE` ({page_text})")
        restored = edited.replace("sonde du serveur", "sonde du serveur, rétabli")
        minutes.write_text(restored, encoding="utf-8")
        waited, answer = poll(
            page, lambda got: got.status == 200 and "rétabli" in got.body, timeout
        )
        print(f"  fixed file shown after    {seconds(waited)}  ({answer})")
    finally:
        minutes.write_text(original, encoding="utf-8")
        stop(server)


def stop(server: subprocess.Popen[bytes]) -> None:
    for sent in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(server.pid, sent)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=20)
    parser.add_argument("--contributions", type=int, default=500, help="per process")
    parser.add_argument("--meetings", type=int, default=10, help="per process (and minutes)")
    parser.add_argument("--repeat", type=int, default=3, help="cold builds of each site (median)")
    parser.add_argument("--quick", action="store_true", help="2 x 20 x 2 corpus, one build")
    parser.add_argument("--serve", action="store_true", help="also probe greffier serve")
    parser.add_argument("--timeout", type=float, default=120, help="per serve step, seconds")
    parser.add_argument("--startup", type=float, default=600, help="serve's first build, seconds")
    parser.add_argument("--gen", type=Path, default=GENERATOR, help="gen_corpus.py")
    parser.add_argument("--keep", type=Path, help="generate the sites here and keep them")
    args = parser.parse_args()
    if args.quick:
        args.processes, args.contributions, args.meetings, args.repeat = 2, 20, 2, 1
    if args.keep:
        args.keep.mkdir(parents=True)
    base = args.keep or Path(tempfile.mkdtemp(prefix="greffier-scale-"))
    logs = base / "logs"
    try:
        started = time.perf_counter()
        project, stock = generate(base, args.gen, args)
        logs.mkdir()
        items = args.processes * (2 * args.meetings + args.contributions)
        print(f"corpus: {args.processes} processes x ({args.meetings} meetings, ", end="")
        print(
            f"{args.meetings} minutes, {args.contributions} contributions) = {items} items, ",
            end="",
        )
        print(f"generated in {time.perf_counter() - started:.1f} s under {base}")
        out = base / "out"
        cache = project / ".cache" / "greffier"
        builders = [
            Builder(
                "greffier",
                [
                    sys.executable,
                    "-m",
                    "greffier",
                    "build",
                    "--no-exports",
                    "--site-dir",
                    str(out / "greffier"),
                ],
                project,
                out / "greffier",
                "pagefind",
                lambda: shutil.rmtree(cache, ignore_errors=True),
            ),
            Builder(
                "mkdocs",
                [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out / "mkdocs")],
                stock,
                out / "mkdocs",
                "search",
            ),
        ]
        hugo = shutil.which("hugo")
        if hugo:
            site = hugo_site(base, stock)
            command = [hugo, "--quiet", "--destination", str(out / "hugo")]
            builders.append(Builder("hugo", command, site, out / "hugo", None))
        else:
            print("hugo: not installed")
        runs: dict[str, list[Run]] = {builder.name: [] for builder in builders}
        # Interleaved, so that a busy moment of the machine weighs on every site.
        for _ in range(args.repeat):
            for builder in builders:
                runs[builder.name].append(run(builder, logs))
        results = {name: median(measured) for name, measured in runs.items()}
        print_table(results, args.repeat)
        incremental(builders[0], project, results["greffier"].wall, logs)
        if args.serve:
            serve_probe(project, logs, args.timeout, args.startup)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
