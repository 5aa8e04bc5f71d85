"""Work spread over the machine's cores (two on a small CI runner), by forking.

Forked children inherit the parent's memory: the work (closures over a parsed corpus, rendered
HTML) reaches them without being pickled, and only results travel back. Where fork does not
exist, or there is nothing to share, the same work runs in the calling process with the same
result, so callers never need a second code path.

`parallel_map` runs a function over items on a pool of children (`parallel_in_order` hands out
the results as they come, in order). `BackgroundJob` runs one job in a child while the parent
goes on with something else; with `Chunks`, made before the fork, both processes then share
what is left of one list of work.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import pairwise
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


class ChildError(RuntimeError):
    """A child's exception that could not be sent back as it was (not picklable): its type
    and message, as text."""


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def running(pid: int) -> bool:
    """Whether a process `pid` runs (a build that left a folder behind may still be at work)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # Someone else's process: it runs.
        return True
    return True


def available_cores() -> int:
    """The cores this process may run on (a container's share, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class _Work(Generic[_Item, _Result]):
    function: Callable[[_Item], _Result]
    items: Sequence[_Item]


# The work of the running call, set only while it runs: the children forked by that call find
# it here, since a closure cannot be pickled to them.
_current: _Work[Any, Any] | None = None
_busy = threading.Lock()
_PR_SET_PDEATHSIG = 1


def parallel_map(
    function: Callable[[_Item], _Result],
    items: Sequence[_Item],
    *,
    workers: int | None = None,
) -> list[_Result]:
    """`[function(item) for item in items]`, computed on `workers` forked processes (every
    available core by default). The first exception raised in a child is raised here."""
    return list(parallel_in_order(function, items, workers=workers))


def parallel_in_order(
    function: Callable[[_Item], _Result],
    items: Sequence[_Item],
    *,
    workers: int | None = None,
) -> Iterator[_Result]:
    """`function(item)` for each item in order, as soon as it and those before it are done:
    only the results done ahead of their turn are held, never every result at once."""
    ahead: dict[int, _Result] = {}
    turn = 0
    for index, result in parallel_results(function, items, workers=workers):
        ahead[index] = result
        while turn in ahead:
            yield ahead.pop(turn)
            turn += 1


def parallel_results(
    function: Callable[[_Item], _Result],
    items: Sequence[_Item],
    *,
    workers: int | None = None,
) -> Iterator[tuple[int, _Result]]:
    """`(index, function(items[index]))` for every item, as each is done (not in order): a
    caller can show progress or keep each result at once. Items are started in their order,
    so the costliest first keeps every core busy to the end.

    Runs in this process with one worker, without fork, for fewer than two items, and inside
    a child or another thread's call (never more processes than cores)."""
    global _current
    count = min(available_cores() if workers is None else workers, len(items))
    if count < 2 or not can_fork() or not _busy.acquire(blocking=False):
        for index, item in enumerate(items):
            yield index, function(item)
        return
    try:
        _current = _Work(function, items)
        yield from _forked(len(items), count)
    finally:
        _current = None
        _busy.release()


def _forked(total: int, workers: int) -> Iterator[tuple[int, Any]]:
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: set[Future[tuple[int, Any]]] = {pool.submit(_call, i) for i in range(total)}
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in done:
                    yield future.result()
        finally:
            # A failure (or a caller that stops early) leaves nothing running behind it.
            for future in pending:
                future.cancel()


def _call(index: int) -> tuple[int, Any]:
    work = _current
    if work is None:  # Not forked from `parallel_results`: nothing inherited.
        raise ChildError("parallel work reached a process that did not inherit it")
    # The child never forks again: `_busy` is held, so nested calls run inline in it.
    try:
        return index, work.function(work.items[index])
    except Exception as error:
        try:
            pickle.dumps(error)
        except Exception:
            raise ChildError(f"{type(error).__name__}: {error}") from None
        raise


class Chunks:
    """Hands out indexes of `count` pieces of work a chunk at a time to every process that
    asks, each once: processes sharing one (forked after it is made) share the work, and
    whichever is free takes the next chunk, so neither waits for the other.

    Chunks hold at most `size` pieces and never span two groups: `starts` are the indexes
    where groups of related work start (a process's pages, which render the same texts: one
    process doing them all renders each once)."""

    def __init__(self, count: int, size: int = 25, starts: Sequence[int] = ()) -> None:
        self.count = count
        bounds = sorted({0, *(s for s in starts if 0 < s < count), count})
        self.ranges: list[range] = [
            range(piece, min(piece + size, end))
            for start, end in pairwise(bounds)
            for piece in range(start, end, size)
        ]
        """The chunks, in the order they are handed out."""
        self._next = multiprocessing.Value("i", 0)

    def __iter__(self) -> Iterator[int]:
        while True:
            with self._next.get_lock():
                taken = self._next.value
                self._next.value = taken + 1
            if taken >= len(self.ranges):
                return
            yield from self.ranges[taken]


class BackgroundJob:
    """Runs one job in a forked child while the parent goes on; `join` waits and reports its
    failure. Where fork does not exist the job runs inline, in `join`, with the same result.
    `name` says what the job is in the error of a child that died without a word."""

    def __init__(self, name: str = "the background job") -> None:
        self.name = name
        self._process: multiprocessing.process.BaseProcess | None = None
        self._results: Connection | None = None
        self._job: Callable[[], None] | None = None

    def start(self, job: Callable[[], None]) -> None:
        if not can_fork():
            self._job = job
            return
        context = multiprocessing.get_context("fork")
        self._results, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(job, sender, os.getpid()), daemon=True)
        self._process.start()
        sender.close()

    def join(self, share: Callable[[], None] | None = None) -> None:
        """Wait for the job, running `share` meanwhile (the parent's part of the same work,
        e.g. the job itself over shared `Chunks`); raises RuntimeError with the child's error
        if it failed."""
        job, self._job = self._job, None
        if job is not None:
            job()
            return
        if share is not None and self._process is not None:
            share()
        process, results = self._process, self._results
        self._process = self._results = None
        if process is None or results is None:
            return
        try:
            error = results.recv()
        except EOFError:  # Died without a word: the exit code says how.
            error = None
        process.join()
        results.close()
        if error is None and process.exitcode != 0:
            error = f"{self.name} stopped with exit code {process.exitcode}"
        if error is not None:
            raise RuntimeError(error)

    def cancel(self) -> None:
        """Stop the job (the parent failed: nothing more may be done)."""
        self._job = None
        if self._process is not None:
            self._process.kill()
            self._process.join()
        if self._results is not None:
            self._results.close()
        self._process = self._results = None


def _die_with(parent: int) -> None:
    """End this child when `parent` ends, however it ends: a build killed mid-way must not
    leave a child writing pages into a folder the next build removes (Linux only: elsewhere a
    killed parent's child finishes its work)."""
    prctl = getattr(ctypes.CDLL(None), "prctl", None) if sys.platform == "linux" else None
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # The parent ended before the request was made.
        os._exit(1)


def _run(job: Callable[[], None], results: Connection, parent: int) -> None:
    _die_with(parent)
    try:
        job()
    except BaseException as error:  # Reported to the parent, which raises it.
        results.send(f"{type(error).__name__}: {error}")
    else:
        results.send(None)
    finally:
        results.close()
        # Skip the interpreter's exit handlers: they belong to the parent (MkDocs' and
        # pytest's among them) and must not run twice.
        os._exit(0)
