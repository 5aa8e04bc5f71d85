"""The loader's collection of problems, written in the site's language."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostics
from .wording import Wording


@dataclass
class Report(Diagnostics):
    """`Diagnostics` whose messages the loader words with `say`, in the organisers' language."""

    say: Wording = field(default_factory=Wording)
