"""MkDocs' own lines in the site's language, so that one run speaks one language.

MkDocs logs its progress in English ("Cleaning site directory", "Documentation built in 1.2
seconds") between Greffier's French messages. A logging filter on MkDocs' loggers rewrites the
lines it knows, and the level of every line, before any handler shows them: under `greffier`
and under `mkdocs build` or `mkdocs serve` alike. It knows MkDocs' progress lines and what an
organiser's own pages and `mkdocs.yml` can make MkDocs say (broken links and anchors, the `nav`,
configuration values); a line it does not know (another plugin's or a theme's warning) keeps its
words, under a translated level.
"""

from __future__ import annotations

import logging
import re

from babel.numbers import format_decimal

from ..i18n.wording import Wording

_KNOWN = (
    (re.compile(r"Cleaning site directory"), "mkdocs.cleaning"),
    (re.compile(r"Building documentation to directory: (?P<folder>.*)"), "mkdocs.building_to"),
    (re.compile(r"Building documentation\.\.\."), "mkdocs.building"),
    (re.compile(r"Documentation built in (?P<seconds>[\d.]+) seconds"), "mkdocs.built"),
    (re.compile(r"Serving on (?P<url>\S+)"), "mkdocs.serving"),
    (re.compile(r"Serving on (?P<url>\S+) and opening it in a browser"), "mkdocs.serving_open"),
    (re.compile(r"Watching paths for changes: (?P<paths>.*)"), "mkdocs.watching"),
    (re.compile(r"Detected file changes"), "mkdocs.changes"),
    (re.compile(r"Reloading browsers"), "mkdocs.reloading"),
    (re.compile(r"Browser connected: (?P<url>\S+)"), "mkdocs.browser"),
    (re.compile(r"Shutting down\.\.\."), "mkdocs.shutting_down"),
    (re.compile(r"Aborted with a BuildError!"), "mkdocs.aborted_build"),
    (re.compile(r"Aborted with a configuration error!"), "mkdocs.aborted_config"),
    (
        re.compile(
            r"An error happened during the rebuild\. The server will appear stuck until build "
            r"errors are resolved\."
        ),
        "mkdocs.rebuild_failed",
    ),
    # What an organiser's own pages and mkdocs.yml can make MkDocs say (mkdocs/structure/ and
    # mkdocs/config/ in MkDocs 1.6).
    (
        re.compile(
            r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but the target "
            r"'(?P<target>.+?)' is not found among documentation files\."
        ),
        "mkdocs.link_not_found",
    ),
    (
        re.compile(
            r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but the target is not "
            r"found among documentation files\."
        ),
        "mkdocs.link_missing",
    ),
    (
        re.compile(
            r"Doc file '(?P<page>.+?)' contains an unrecognized relative link '(?P<link>.+?)', "
            r"it was left as is\."
        ),
        "mkdocs.link_unrecognized",
    ),
    (
        re.compile(
            r"Doc file '(?P<page>.+?)' contains an absolute link '(?P<link>.+?)', it was left as "
            r"is\."
        ),
        "mkdocs.link_absolute",
    ),
    (
        re.compile(
            r"Doc file '(?P<page>.+?)' contains a link to '(?P<target>.+?)' which is excluded "
            r"from the built site\."
        ),
        "mkdocs.link_excluded",
    ),
    (
        re.compile(
            r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but there is no such "
            r"anchor on this page\."
        ),
        "mkdocs.anchor_missing_here",
    ),
    (
        re.compile(
            r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but there is no such "
            r"anchor on this page\. This seems to be a footnote that is never referenced\."
        ),
        "mkdocs.footnote_missing",
    ),
    (
        re.compile(
            r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but the doc "
            r"'(?P<target>.+?)' does not contain an anchor '#(?P<anchor>.+?)'\."
        ),
        "mkdocs.anchor_missing",
    ),
    (
        re.compile(
            r"The following pages exist in the docs directory, but are not included in the "
            r'"nav" configuration:\n(?P<pages>.*)',
            re.DOTALL,
        ),
        "mkdocs.nav_omitted",
    ),
    (
        re.compile(
            r"A reference to '(?P<target>.+?)' is included in the 'nav' configuration, which is "
            r"not found in the documentation files\."
        ),
        "mkdocs.nav_not_found",
    ),
    (
        re.compile(
            r"A reference to '(?P<target>.+?)' is included in the 'nav' configuration, but this "
            r"file is excluded from the built site\."
        ),
        "mkdocs.nav_excluded",
    ),
    (
        re.compile(
            r"An absolute path to '(?P<target>.+?)' is included in the 'nav' configuration, "
            r"which presumably points to an external resource\."
        ),
        "mkdocs.nav_absolute",
    ),
    (
        re.compile(
            r"Excluding '(?P<page>.+?)' from the site because it conflicts with '(?P<other>.+?)'\."
        ),
        "mkdocs.conflict",
    ),
    (re.compile(r"Config value '(?P<name>.+?)': (?P<problem>.*)", re.DOTALL), "mkdocs.config"),
    (
        re.compile(r"Plugin '(?P<plugin>.+?)' option '(?P<option>.+?)': (?P<problem>.*)"),
        "mkdocs.plugin_option",
    ),
    (
        re.compile(r"Expected type: (?P<expected>.+?) but received: (?P<received>.+)"),
        "mkdocs.expected_type",
    ),
    (
        re.compile(r"Expected one of: (?P<expected>.+?) but received: (?P<received>.+)"),
        "mkdocs.expected_one_of",
    ),
    (re.compile(r"Unrecognised configuration name: (?P<name>.*)"), "mkdocs.config_unknown"),
    (re.compile(r"Required configuration not provided\."), "mkdocs.config_required"),
    (
        re.compile(r"The path '(?P<path>.+?)' isn't an existing (?P<kind>file|directory)\."),
        "mkdocs.config_no_path",
    ),
    (re.compile(r"Config file '(?P<path>.+?)' does not exist\."), "mkdocs.config_no_file"),
    (
        re.compile(
            r"Unrecognised theme name: '(?P<name>.+?)'\. The available installed themes are: "
            r"(?P<themes>.*)"
        ),
        "mkdocs.theme_unknown",
    ),
    (
        re.compile(r"The path set in custom_dir \('(?P<path>.+?)'\) does not exist\."),
        "mkdocs.custom_dir_missing",
    ),
)
_SUGGESTION = re.compile(r"(?P<message>.*) Did you mean '(?P<suggestion>.+?)'\?", re.DOTALL)
"""MkDocs adds its guess of the intended target to a broken link's message."""
_NESTED = frozenset({"problem"})
"""Parts of a message that are themselves one of MkDocs' messages (a config value's problem)."""
_LOGGERS = (
    "mkdocs",
    "mkdocs.commands.build",
    "mkdocs.commands.serve",
    "mkdocs.config",
    "mkdocs.livereload",
    "mkdocs.structure.files",
    "mkdocs.structure.nav",
    "mkdocs.structure.pages",
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


def translated(message: str, say: Wording) -> str:
    """One of MkDocs' messages (an `Abort`'s, a config option's problem), in `say`'s language
    when it is known."""
    return _in_words(message, say)


def _in_words(message: str, say: Wording) -> str:
    suggested = _SUGGESTION.fullmatch(message)
    if suggested is not None:
        known = _in_words(suggested["message"], say)
        if known != suggested["message"]:
            return f"{known} {say('mkdocs.did_you_mean', suggestion=suggested['suggestion'])}"
    for pattern, key in _KNOWN:
        found = pattern.fullmatch(message)
        if found is not None:
            values = found.groupdict()
            if "seconds" in values:
                values["seconds"] = _decimal(values["seconds"], say.language)
            for name in _NESTED & values.keys():
                # A plugin's problems come a line each.
                values[name] = "\n".join(_in_words(line, say) for line in values[name].split("\n"))
            if "kind" in values:
                values["kind"] = say(f"mkdocs.kind.{values['kind']}")
            return say(key, **values)
    return message


def _decimal(written: str, language: str) -> str:
    """A number MkDocs wrote ("4.80"), with as many decimals, the language's way ("4,80")."""
    decimals = len(written.partition(".")[2])
    pattern = "0." + "0" * decimals if decimals else "0"
    return format_decimal(float(written), pattern, locale=language)
