"""MkDocs' own lines in the site's language, so that one run speaks one language.

MkDocs logs its progress in English ("Cleaning site directory", "Documentation built in 1.2
seconds") between Greffier's French messages. A logging filter on MkDocs' loggers rewrites the
lines it knows, and the level of every line, before any handler shows them: under `greffier`
and under `mkdocs build` or `mkdocs serve` alike. A line it does not know (a theme's warning)
keeps its words, under a translated level.
"""

from __future__ import annotations

import logging
import re

from ..i18n.wording import Wording

_KNOWN = (
    (re.compile(r"Cleaning site directory"), "mkdocs.cleaning"),
    (re.compile(r"Building documentation to directory: (?P<folder>.*)"), "mkdocs.building_to"),
    (re.compile(r"Building documentation\.\.\."), "mkdocs.building"),
    (re.compile(r"Documentation built in (?P<seconds>[\d.]+) seconds"), "mkdocs.built"),
    (re.compile(r"Serving on (?P<url>\S+)"), "mkdocs.serving"),
    (re.compile(r"Watching paths for changes: (?P<paths>.*)"), "mkdocs.watching"),
    (re.compile(r"Detected file changes"), "mkdocs.changes"),
    (re.compile(r"Reloading browsers"), "mkdocs.reloading"),
    (re.compile(r"Browser connected: (?P<url>\S+)"), "mkdocs.browser"),
    (re.compile(r"Shutting down\.\.\."), "mkdocs.shutting_down"),
    (re.compile(r"Aborted with a BuildError!"), "mkdocs.aborted_build"),
    (re.compile(r"Aborted with a configuration error!"), "mkdocs.aborted_config"),
)
_LOGGERS = (
    "mkdocs",
    "mkdocs.commands.build",
    "mkdocs.commands.serve",
    "mkdocs.livereload",
    "mkdocs.plugins.greffier",
)
"""A filter applies to the records of its own logger only, not to those of its children."""


class MkDocsWords(logging.Filter):
    def __init__(self, say: Wording) -> None:
        super().__init__()
        self.say = say

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = _in_words(record.getMessage(), self.say), ()
        if f"level.{record.levelname}" in self.say:
            record.levelname = self.say(f"level.{record.levelname}")
        return True


def speak(language: str) -> None:
    """From now on, MkDocs' lines in `language` (the last call wins: `serve` rebuilds)."""
    words = MkDocsWords(Wording(language))
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, MkDocsWords)]:
            logger.removeFilter(old)
        logger.addFilter(words)


def translated(message: str, language: str) -> str:
    """One of MkDocs' messages (an `Abort`'s), in `language` when it is known."""
    return _in_words(message, Wording(language))


def _in_words(message: str, say: Wording) -> str:
    for pattern, key in _KNOWN:
        found = pattern.fullmatch(message)
        if found is not None:
            return say(key, **found.groupdict())
    return message
