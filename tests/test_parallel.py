"""The one way Greffier spreads work over cores: forked children, ordered results, errors kept."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from greffier.present import parallel
from greffier.present.parallel import (
    BackgroundJob,
    ChildError,
    Chunks,
    parallel_map,
    parallel_results,
)

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="fork is not available")


def _square_with_pid(value: int) -> tuple[int, int]:
    return value * value, os.getpid()


@needs_fork
def test_work_is_done_in_children_and_results_come_back_in_order() -> None:
    items = list(range(40))
    results = parallel_map(_square_with_pid, items, workers=2)
    assert [square for square, _ in results] == [value * value for value in items]
    assert os.getpid() not in {pid for _, pid in results}


@needs_fork
def test_closures_reach_the_children_without_pickling() -> None:
    offset = 7

    def shifted(value: int) -> int:  # A local closure: pickle cannot send it.
        return value + offset

    assert parallel_map(shifted, [1, 2, 3], workers=2) == [8, 9, 10]


@needs_fork
def test_results_arrive_with_their_index() -> None:
    found = dict(parallel_results(lambda value: value * 3, [5, 6, 7, 8], workers=2))
    assert found == {0: 15, 1: 18, 2: 21, 3: 24}


def _fails_on_three(value: int) -> int:
    if value == 3:
        raise ValueError(f"cannot handle {value}")
    return value


@needs_fork
def test_an_exception_in_a_child_is_raised_in_the_parent_with_its_message() -> None:
    with pytest.raises(ValueError, match="cannot handle 3"):
        parallel_map(_fails_on_three, list(range(6)), workers=2)


class _Unpicklable(Exception):
    def __init__(self, message: str, handle: Callable[[], None]) -> None:
        super().__init__(message)
        self.handle = handle

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("not picklable")


@needs_fork
def test_an_exception_that_cannot_travel_still_brings_its_message() -> None:
    def fails(value: int) -> int:
        raise _Unpicklable(f"broken {value}", lambda: None)

    with pytest.raises(ChildError, match=r"_Unpicklable: broken [12]$"):
        parallel_map(fails, [1, 2], workers=2)


def test_runs_inline_with_one_worker_or_one_item() -> None:
    assert [pid for _, pid in parallel_map(_square_with_pid, [1, 2, 3], workers=1)] == [
        os.getpid()
    ] * 3
    assert parallel_map(_square_with_pid, [4], workers=2) == [(16, os.getpid())]
    assert parallel_map(_square_with_pid, [], workers=2) == []


def test_runs_inline_without_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    results = parallel_map(_square_with_pid, [1, 2, 3], workers=2)
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
    with pytest.raises(ValueError, match="cannot handle 3"):
        parallel_map(_fails_on_three, [1, 3], workers=2)


def _nested(value: int) -> list[int]:
    # Inside a child the helper runs inline: the children never fork children of their own.
    return [pid for _, pid in parallel_map(_square_with_pid, [value, value], workers=2)]


@needs_fork
def test_a_nested_call_runs_inline_in_the_child() -> None:
    for pids in parallel_map(_nested, [1, 2], workers=2):
        assert pids[0] == pids[1] != os.getpid()


@needs_fork
def test_a_background_job_and_the_parent_share_the_chunks(tmp_path: Path) -> None:
    chunks = Chunks(100, size=3)
    folder = str(tmp_path)

    def work() -> None:
        with open(os.path.join(folder, str(os.getpid())), "a", encoding="utf-8") as out:
            for index in chunks:
                out.write(f"{index}\n")

    job = BackgroundJob("the test job")
    job.start(work)
    job.join(share=work)
    done: list[int] = []
    for name in os.listdir(folder):
        with open(os.path.join(folder, name), encoding="utf-8") as written:
            done += [int(line) for line in written]
    assert sorted(done) == list(range(100))  # Each index once, by one process or the other.


def test_chunks_never_span_two_groups() -> None:
    chunks = Chunks(10, size=3, starts=[4, 5, 0, 12])
    assert [list(r) for r in chunks.ranges] == [[0, 1, 2], [3], [4], [5, 6, 7], [8, 9]]
    assert list(chunks) == list(range(10))
    assert list(chunks) == [], "each index is handed out once"


@needs_fork
def test_a_background_job_reports_its_failure() -> None:
    def fails() -> None:
        raise OSError("disk full")

    job = BackgroundJob()
    job.start(fails)
    with pytest.raises(RuntimeError, match="OSError: disk full"):
        job.join()


@needs_fork
def test_a_background_job_that_dies_is_named_in_the_error() -> None:
    job = BackgroundJob("the page writer")
    job.start(lambda: os._exit(3))
    with pytest.raises(RuntimeError, match="the page writer stopped with exit code 3"):
        job.join()


def test_a_background_job_runs_inline_without_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    ran: list[int] = []
    job = BackgroundJob()
    job.start(lambda: ran.append(os.getpid()))
    assert ran == []  # Deferred to `join`.
    job.join()
    assert ran == [os.getpid()]
