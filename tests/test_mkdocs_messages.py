"""MkDocs' own messages in the site's language (issue #14: one language per run).

The messages are MkDocs 1.6's, as its code writes them; the end-to-end check, with a real
build, is `test_mkdocs_lines_speak_the_site_language` in test_cli.py."""

from __future__ import annotations

import re

import pytest

from greffier.i18n.wording import Wording
from greffier.mkdocs.messages import translated

MESSAGES = [
    "Cleaning site directory",
    "Documentation built in 4.80 seconds",
    "Serving on http://127.0.0.1:8000/ and opening it in a browser",
    "An error happened during the rebuild. The server will appear stuck until build errors are "
    "resolved.",
    "Doc file 'a/notes.md' contains a link '../b.md', but the target 'b.md' is not found among "
    "documentation files. Did you mean 'c.md'?",
    "Doc file 'notes.md' contains a link 'x/', but the target is not found among documentation "
    "files.",
    "Doc file 'notes.md' contains an unrecognized relative link 'annexes', it was left as is.",
    "Doc file 'notes.md' contains an absolute link '/budget/', it was left as is.",
    "Doc file 'notes.md' contains a link to 'brouillon.md' which is excluded from the built site.",
    "Doc file 'notes.md' contains a link '#fn:1', but there is no such anchor on this page. "
    "This seems to be a footnote that is never referenced.",
    "Doc file 'notes.md' contains a link 'b.md#vote', but the doc 'b.md' does not contain an "
    "anchor '#vote'.",
    'The following pages exist in the docs directory, but are not included in the "nav" '
    "configuration:\n  - a.md\n  - b.md",
    "A reference to 'absent.md' is included in the 'nav' configuration, which is not found in "
    "the documentation files.",
    "A reference to 'brouillon.md' is included in the 'nav' configuration, but this file is "
    "excluded from the built site.",
    "An absolute path to '/guide/' is included in the 'nav' configuration, which presumably "
    "points to an external resource.",
    "Excluding 'README.md' from the site because it conflicts with 'index.md'.",
    "Config value 'plugins': Plugin 'greffier' option 'page_size': Expected type: <class 'int'> "
    "but received: <class 'str'>\nPlugin 'greffier' option 'drafts': Expected type: <class "
    "'bool'> but received: <class 'str'>",
    "Config value 'docs_dir': The path 'pages' isn't an existing directory.",
    "Config value 'site_name': Required configuration not provided.",
    "Config value 'mot': Unrecognised configuration name: mot",
    "Config file 'ailleurs.yml' does not exist.",
    "Config value 'theme': Unrecognised theme name: 'materiel'. The available installed themes "
    "are: material, mkdocs, readthedocs",
    "Config value 'theme': The path set in custom_dir ('/site/surcharges') does not exist.",
]
ENGLISH = re.compile(
    r"\b(?:Doc file|contains|link to|but|the target|not found|nav' configuration|Excluding|"
    r"Config value|Plugin|Expected|Unrecognised|Required|isn't|seconds|Serving|happened|"
    r"available|does not exist)\b"
)


@pytest.mark.parametrize("message", MESSAGES)
def test_french_says_it_all_in_french(message: str) -> None:
    french = translated(message, Wording("fr"))
    assert ENGLISH.search(french) is None, french
    # What the organiser must find again is kept: file names, links, option names.
    for quoted in re.findall(r"'([^' ]+)'", message):
        if not quoted.startswith("<"):
            assert quoted in french, (quoted, french)


@pytest.mark.parametrize("message", MESSAGES)
def test_english_is_mkdocs_own_words(message: str) -> None:
    assert translated(message, Wording("en")) == message


def test_numbers_are_written_the_language_s_way() -> None:
    assert translated("Documentation built in 4.80 seconds", Wording("fr")) == (
        "Site construit en 4,80 secondes"
    )


def test_a_message_greffier_does_not_know_is_left_as_written() -> None:
    message = "Some theme says something."
    assert translated(message, Wording("fr")) == message
