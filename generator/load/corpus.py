"""Loading every process folder of a repository into one `Corpus`."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Protocol, TypeVar

from ..diagnostics import Diagnostics, Report, SourceLocation
from ..i18n.wording import Wording
from ..models import Corpus, Process
from .collisions import check_output_paths
from .finder import refusal, relative, report_refusal
from .process import load_process
from .today import build_today

_T = TypeVar("_T")


class Spread(Protocol):
    """`[function(item) for item in items]`, computed however the caller likes: in this
    process, or on every core (`present.parallel.parallel_map`, which the loader may not import).
    """

    def __call__(self, function: Callable[[Path], _T], items: Sequence[Path], /) -> list[_T]: ...


def one_by_one(function: Callable[[Path], _T], items: Sequence[Path], /) -> list[_T]:
    return [function(item) for item in items]


def load_corpus(
    root: Path,
    *,
    processes_dir: str = "processes",
    reference: dt.datetime | None = None,
    language: str = "en",
    docs_dir: str | None = None,
    spread: Spread = one_by_one,
) -> tuple[Corpus, Diagnostics]:
    """Every process under `root/processes_dir`, drafts included, and every problem found.

    Nothing is raised for bad content: problems are collected (paths relative to `root`) and the
    caller decides; any error must stop a publication. Processes whose process.yml or folder name
    is unusable are left out of the corpus. Messages are in `language` (fr or en), the site's
    language for organisers. `docs_dir` (relative to `root`) holds the site's own pages, whose
    addresses no process may take. Process folders are read through `spread`, each on its own.
    """
    root = Path(root)
    today = reference if reference is not None else build_today(root).moment
    site_pages = _site_pages(root / docs_dir) if docs_dir is not None else ()
    return _load(root, processes_dir, language, today, site_pages, spread)


def _site_pages(docs: Path) -> tuple[str, ...]:
    """The files MkDocs publishes from `docs`, as its `src_uri`s (hidden names are left out,
    as MkDocs leaves them out)."""
    found = []
    for folder, folders, files in os.walk(docs):
        folders[:] = [name for name in folders if not name.startswith(".")]
        base = Path(folder).relative_to(docs)
        found += [(base / name).as_posix() for name in files if not name.startswith(".")]
    return tuple(sorted(found))


def _load(
    root: Path,
    processes_dir: str,
    language: str,
    today: dt.datetime,
    site_pages: tuple[str, ...],
    spread: Spread,
) -> tuple[Corpus, Diagnostics]:
    diagnostics = Report(say=Wording(language))
    base = root / processes_dir
    processes: list[Process] = []
    if not base.is_dir():
        diagnostics.error(
            SourceLocation(relative(base, root)),
            diagnostics.say("processes.missing"),
            diagnostics.say("processes.missing.hint", folder=processes_dir),
        )
    elif (problem := refusal(base, root.resolve())) is not None:
        report_refusal(base, problem, root, diagnostics)
    else:
        folders = [f for f in sorted(base.iterdir()) if not f.name.startswith(".") and f.is_dir()]
        for process, found in spread(partial(_load_folder, root=root, language=language), folders):
            diagnostics.extend(found)
            if process is not None:
                processes.append(process)
        check_output_paths(processes, diagnostics, site_pages)
    return Corpus(processes=tuple(processes), reference_date=today), diagnostics


def _load_folder(folder: Path, *, root: Path, language: str) -> tuple[Process | None, Diagnostics]:
    """One process folder, with its own problems (plain `Diagnostics`: they may be sent back
    from another process)."""
    diagnostics = Report(say=Wording(language))
    # A linked process folder may come from elsewhere in the repository, never from outside
    # it nor from a hidden folder such as .git.
    problem = refusal(folder, root.resolve())
    if problem is not None:
        report_refusal(folder, problem, root, diagnostics)
        return None, Diagnostics(diagnostics.items)
    return load_process(folder, root, diagnostics), Diagnostics(diagnostics.items)
