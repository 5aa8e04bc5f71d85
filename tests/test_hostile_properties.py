"""Issue #9's property suite: untrusted input never executes, leaks or stops a publication.

Hypothesis writes small processes whose front matter, bodies, file names and commit messages come
from hostile alphabets (see hostile.py), into real git repositories, and runs the real CLI:

- `greffier check` ends without a traceback, every line `path:line: error|warning: message`;
- what `check` accepts builds, offline files included, and everything published is inert and
  well-formed: no content-made script, handler or `javascript:`/`data:` URL in any HTML page
  (html5lib), every Atom/SVG/sitemap/EPUB/DOCX/ODT part strict XML, every calendar parsed with
  exactly its events.

Reproducible and bounded: examples are derandomized with no database, so CI sees the same ones
every run; `check` takes ~0.2 s an example, a build with exports 5 to 10 s.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import html5lib
import pytest
from click.testing import Result
from hostile import (
    MARKER,
    PERSONAL_DATA,
    TEXT_FIELDS,
    URL_FIELDS,
    Batch,
    batches,
    element_findings,
    greffier,
    ics_findings,
    publishable,
    site_findings,
    write_project,
    xml_findings,
)
from hypothesis import HealthCheck, Phase, assume, given, settings

REPRODUCIBLE = settings(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
    # Shrinking a batch takes minutes; a failure prints the whole batch, reproducible as is.
    phases=[Phase.explicit, Phase.generate],
)
CHECK_EXAMPLES = 150
OUTPUT_EXAMPLES = 60
BUILD_EXAMPLES = 6
"""Builds with every offline file: the suite's slow part (about 6 s each on one core)."""

DIAGNOSTIC = re.compile(r"^\S.*:\d+: (error|warning): \S.*$")
TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def assert_no_traceback(result: Result) -> None:
    """Exit 0 or 1 with messages for organisers; 2 is the CLI's 'internal error'."""
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed and result.exit_code in (0, 1), result.output


def assert_organiser_lines(result: Result) -> None:
    """Every line but the summary is `path:line: error|warning: message`, printed safely."""
    *diagnostics, summary = result.output.splitlines() or [""]
    assert summary and not DIAGNOSTIC.match(summary), result.output
    for line in diagnostics:
        assert DIAGNOSTIC.match(line), f"not path:line: error: message: {line!r}"
    assert not TERMINAL_CONTROLS.search(result.output), "control characters reach the terminal"


def batch_of(**texts: str) -> Batch:
    """A plain batch with some texts replaced."""
    values = {name: "Essai" for name in TEXT_FIELDS} | texts
    return Batch(
        texts=values,
        styles={name: "escaped" for name in TEXT_FIELDS},
        urls=dict.fromkeys(URL_FIELDS),
    )


@settings(REPRODUCIBLE, max_examples=CHECK_EXAMPLES)
@given(batch=batches())
def test_check_never_crashes(tmp_path_factory: pytest.TempPathFactory, batch: Batch) -> None:
    config_file = write_project(tmp_path_factory.mktemp("check"), batch, exports=False)
    assert_no_traceback(greffier(config_file, "check"))


@settings(REPRODUCIBLE, max_examples=OUTPUT_EXAMPLES)
@given(batch=batches())
def test_check_prints_one_line_per_problem(
    tmp_path_factory: pytest.TempPathFactory, batch: Batch
) -> None:
    config_file = write_project(tmp_path_factory.mktemp("output"), batch, exports=False)
    assert_organiser_lines(greffier(config_file, "check"))


def accepted_project(factory: pytest.TempPathFactory, batch: Batch) -> Path | None:
    """A project of the batch that `check` accepts, if there is one.

    Characters that XML or HTML refuse are either cleaned (the batch is accepted as is) or
    refused by `check`; then the rest of the batch, without them, must still be published.
    """
    cleaned = publishable(batch)
    for candidate in [batch] if cleaned == batch else [batch, cleaned]:
        root = factory.mktemp("build")
        checked = greffier(write_project(root, candidate, exports=True), "check")
        assert_no_traceback(checked)
        if checked.exit_code == 0:
            return root
    return None


def build_and_inspect(root: Path) -> None:
    """Build the project in `root`, offline files included; everything it publishes is inert
    and well-formed, and every calendar holds the one meeting."""
    built = greffier(root / "mkdocs.yml", "build", "--site-dir", str(root / "site"))
    assert built.exit_code == 0, built.output
    assert site_findings(root / "site", events=1) == []


@settings(REPRODUCIBLE, max_examples=BUILD_EXAMPLES)
@given(batch=batches(plausible=True))
def test_what_check_accepts_builds_and_publishes_inert_well_formed_files(
    tmp_path_factory: pytest.TempPathFactory, batch: Batch
) -> None:
    root = accepted_project(tmp_path_factory, batch)
    assume(root is not None)
    build_and_inspect(root)


KNOWN_PAYLOADS = replace(
    batch_of(
        title=f'Titre {{: autofocus onfocus="{MARKER}()" }}',
        summary="Ligne un\rligne deux\n\nBEGIN:VEVENT",
        meeting_title="Réunion\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Fausse",
        place_address="1 rue; du, Port\\n",
        contribution_body=f"<img src=x onerror={MARKER}()> [lien](javascript:{MARKER}())",
        document_body=f"<svg onload={MARKER}()></svg> <details open ontoggle={MARKER}()>",
        charter=f'<div markdown="1" onmouseover="{MARKER}()">**x**</div>',
    ),
    messages=("Sujet\x0c avec\x00 NUL\x1b[2J", "Appeler le 06 12 34 56 78\r\rfin"),
)
"""One of each class the issue names, all of which `check` must accept (they are legal text)."""


def test_known_payloads_pass_check_and_publish_inert_files(tmp_path: Path) -> None:
    config_file = write_project(tmp_path, KNOWN_PAYLOADS, exports=True)
    checked = greffier(config_file, "check")
    assert checked.exit_code == 0, checked.output
    build_and_inspect(tmp_path)


def test_character_references_are_refused_or_published_clean(tmp_path: Path) -> None:
    """A numeric reference is plain ASCII in the file, and names a character XML refuses."""
    batch = batch_of(contribution_body="a &#xFFFE; b &#x1; c &#0; d", minutes_body="&#x0B;")
    checked = greffier(write_project(tmp_path, batch, exports=True), "check")
    assert_no_traceback(checked)
    if checked.exit_code == 0:
        build_and_inspect(tmp_path)
    else:
        assert "processes/essai/contributions/avis.md:" in checked.output, checked.output


def test_personal_data_in_commit_messages_is_masked_even_glued_to_a_word(tmp_path: Path) -> None:
    messages = tuple(
        f"{word}{item}" for word in ("Zoë", "IBAN", "استشارة") for item in PERSONAL_DATA
    )
    batch = replace(batch_of(), messages=messages)
    write_project(tmp_path, batch, exports=False)
    built = greffier(tmp_path / "mkdocs.yml", "build", "--site-dir", str(tmp_path / "site"))
    assert built.exit_code == 0, built.output
    assert [f for f in site_findings(tmp_path / "site", events=1) if "personal" in f] == []


# The inspectors above must see what they look for, or the properties would prove nothing.


@pytest.mark.parametrize(
    "html",
    [
        f'<p autofocus onfocus="{MARKER}()">x</p>',
        f'<img/src="x"/onerror={MARKER}()>',
        f'<a href=" java\tscript:{MARKER}()">x</a>',
        '<a href="DATA:text/html,x">x</a>',
        f'<svg><a xlink:href="javascript:{MARKER}()">x</a></svg>',
        f"<script>{MARKER}()</script>",
        '<iframe src="https://example.org/"></iframe>',
        f'<meta http-equiv="refresh" content="0;url=javascript:{MARKER}()">',
    ],
)
def test_html_inspector_sees_active_content(html: str) -> None:
    document = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    assert element_findings(document.iter())


def test_html_inspector_lets_inert_content_through() -> None:
    html = (
        '<script src="/assets/javascripts/bundle.js"></script>'
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt=""><a href="/essai/">x</a>'
        "<p>javascript:__pwned() &lt;img onerror&gt;</p>"
    )
    document = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    assert element_findings(document.iter()) == []


@pytest.mark.parametrize(
    "xml",
    [b"<feed>\x0c</feed>", b"<feed>&#x1;</feed>", "<feed>\ufffe</feed>".encode(), b"<a><b></a>"],
)
def test_xml_inspector_is_strict(xml: bytes) -> None:
    assert xml_findings("feed.atom", xml)


def test_ics_inspector_counts_injected_events(tmp_path: Path) -> None:
    event = "BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:{}\r\nEND:VEVENT\r\n"
    calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{}END:VCALENDAR\r\n"
    path = tmp_path / "agenda.ics"
    path.write_text(calendar.format(event.format("Réunion")), encoding="utf-8", newline="")
    assert ics_findings(path, events=1) == []
    injected = event.format("Réunion\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Faux")
    path.write_text(calendar.format(injected), encoding="utf-8", newline="")
    assert ics_findings(path, events=1)
