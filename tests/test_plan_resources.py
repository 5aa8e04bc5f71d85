"""What planning a large site must not cost: processes are loaded on every core with the same
result as one by one, and open data waits on disk (a spool) rather than in memory, for as long
as the plan lives and no longer (issue #12, memory)."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
from pathlib import Path

from greffier.load import load_corpus
from greffier.present.parallel import parallel_map
from greffier.site import Spool

REPO = Path(__file__).resolve().parents[1]


def test_processes_loaded_on_every_core_give_the_same_corpus_and_problems(
    tmp_path: Path,
) -> None:
    shutil.copytree(REPO / "processes", tmp_path / "processes")
    # Problems in both processes, and a folder refused before loading: all reported, in order.
    tram = tmp_path / "processes" / "tramway-ligne-b"
    (tram / "contributions" / "zz-broken.md").write_text("---\nauthor: [\n---\nTexte.\n")
    budget = tmp_path / "processes" / "budget-2026-conseil-quartier"
    (budget / "process.yml").write_text(
        (budget / "process.yml").read_text(encoding="utf-8") + "unknown_field: 1\n"
    )
    (tmp_path / "processes" / "aa-linked").symlink_to(tmp_path.parent)
    serial = load_corpus(tmp_path, language="fr")
    spread = load_corpus(tmp_path, language="fr", spread=parallel_map)
    assert [str(d) for d in spread[1]] == [str(d) for d in serial[1]]
    assert len(serial[1].errors) >= 3
    assert spread[0] == serial[0]


def test_a_spool_lives_as_long_as_its_plan_and_removes_what_killed_builds_left(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    dead = _finished_pid()  # A killed build's process: it no longer runs.
    orphan = cache / f"{Spool.PREFIX}{dead}-x"
    orphan.mkdir(parents=True)
    living = cache / f"{Spool.PREFIX}{os.getpid()}-y"
    living.mkdir()
    spool = Spool(cache)
    assert not orphan.exists() and living.exists()
    spool.write("donnees/contributions.csv", b"id\n1\n")
    spool.write("donnees/themes.csv", b"id\n")
    spool.write("donnees/contributions.csv", b"2\n")
    copies = spool.copies()
    assert [copy.src_uri for copy in copies] == ["donnees/contributions.csv", "donnees/themes.csv"]
    assert copies[0].source.read_bytes() == b"id\n1\n2\n"
    assert {copy.source.parent for copy in copies} == {spool.folder}
    folder = spool.folder
    del spool
    gc.collect()
    assert not folder.exists()


def _finished_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid
