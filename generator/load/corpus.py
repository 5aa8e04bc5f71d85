"""Loading every process folder of a repository into one `Corpus`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..diagnostics import Diagnostics, SourceLocation
from ..enrich.status import reference_date
from ..models import Corpus, Process
from .finder import escapes, relative, report_escape
from .process import load_process
from .report import Report
from .wording import Wording


def load_corpus(
    root: Path,
    *,
    processes_dir: str = "processes",
    reference: dt.datetime | None = None,
    language: str = "en",
) -> tuple[Corpus, Diagnostics]:
    """Every process under `root/processes_dir`, drafts included, and every problem found.

    Nothing is raised for bad content: problems are collected (paths relative to `root`) and the
    caller decides; any error must stop a publication. Processes whose process.yml or folder name
    is unusable are left out of the corpus. Messages are in `language` (fr or en), the site's
    language for organisers.
    """
    root = Path(root)
    diagnostics = Report(say=Wording(language))
    base = root / processes_dir
    processes: list[Process] = []
    if not base.is_dir():
        diagnostics.error(
            SourceLocation(relative(base, root)),
            diagnostics.say("processes.missing"),
            diagnostics.say("processes.missing.hint", folder=processes_dir),
        )
    else:
        for folder in sorted(base.iterdir()):
            if folder.name.startswith(".") or not folder.is_dir():
                continue
            if escapes(folder, root.resolve()):
                report_escape(folder, root, diagnostics)
                continue
            process = load_process(folder, root, diagnostics)
            if process is not None:
                processes.append(process)
    today = reference if reference is not None else reference_date(root)
    return Corpus(processes=tuple(processes), reference_date=today), diagnostics
