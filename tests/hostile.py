"""Hostile input for the tests of issue #9, and inspectors of everything a build publishes.

A *batch* is one small process (process.yml, a meeting, its minutes, a contribution, a Markdown
document, a commitment) whose texts, file names and commit messages are drawn from hostile
alphabets: controls, bidi and zero-width characters, noncharacters, lone CR, YAML syntax and
HTML/Markdown/ICS injections. Every injected handler calls `__pwned()` (the browser test defines
it), so a published script or attribute that carries the marker came from the content.

The inspectors read a built site the way a browser or a strict reader would: HTML with html5lib,
XML (Atom, sitemap, SVG, EPUB/DOCX/ODT parts) with a non-recovering lxml parser, ICS with
icalendar and by its raw lines, JSON with the standard parser; and they look for the personal
data that commit messages carry (phone, e-mail, IBAN, social security number) in every text.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import html5lib
import icalendar
import yaml
from click.testing import CliRunner, Result
from hypothesis import strategies as st
from lxml import etree

from greffier.cli import main

REPO = Path(__file__).resolve().parent.parent

MARKER = "__pwned"
"""What every injected script calls: in a published script or handler, it came from content."""

REFERENCE_EPOCH = 1_795_000_000
"""'Today' of every build (2026-11-18), after every commit the batches make."""

# --------------------------------------------------------------------------- alphabets

CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
BIDI = [
    "\u061c",
    "\u200e",
    "\u200f",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
]
INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u034f"]
NONCHARACTERS = ["\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"]
LINE_BREAKS = ["\r", "\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c"]
ODD = [
    "\u0301",
    "\u0130",
    "\u212a",
    "\ufb01",
    "ß",
    "\U0001f600",
    "\uff1c",
    "\uff1e",
    "\u2215",
    "\u00a0",
]
HOSTILE_CHARACTERS = sorted({*CONTROLS, *BIDI, *INVISIBLE, *NONCHARACTERS, *LINE_BREAKS, *ODD})

INJECTIONS = [
    f"<script>{MARKER}()</script>",
    f'<img src=x onerror="{MARKER}()">',
    f'<img/src="x"/onerror={MARKER}()>',
    f"<svg onload={MARKER}()>",
    f"<svg><script>{MARKER}()</script></svg>",
    f'{{: autofocus onfocus="{MARKER}()" }}',
    f"{{: autofocus=autofocus tabindex=0 onfocus={MARKER}() data-x=",
    f"{{: onmouseover={MARKER}() }}",
    f"{{ #x .y onclick={MARKER}() }}",
    f"[lien](javascript:{MARKER}())",
    f"[lien](JaVaScRiPt:{MARKER}%28%29)",
    f"[lien](java\tscript:{MARKER}())",
    f"<javascript:{MARKER}()>",
    "![image](data:text/html;base64,PHNjcmlwdD5fX3B3bmVkKCk8L3NjcmlwdD4=)",
    f'<a href="&#106;avascript:{MARKER}()">lien</a>',
    f'<a href="vbscript:{MARKER}()">lien</a>',
    f'<iframe src="javascript:{MARKER}()"></iframe>',
    f'<object data="javascript:{MARKER}()"></object>',
    f'<div markdown="1" onmouseover="{MARKER}()">**gras**</div>',
    f'<details open ontoggle="{MARKER}()">x</details>',
    f'<form action="javascript:{MARKER}()"><button>ok</button></form>',
    f'<button formaction="javascript:{MARKER}()">ok</button>',
    f'<meta http-equiv="refresh" content="0;url=javascript:{MARKER}()">',
    f'<base href="javascript:{MARKER}()//">',
    f'<math><mi xlink:href="javascript:{MARKER}()">x</mi></math>',
    f'<a href="x" style="background:url(javascript:{MARKER}())">x</a>',
    f'"><img src=x onerror={MARKER}()>',
    f"'><svg/onload={MARKER}()>",
    f"</title><script>{MARKER}()</script>",
    f"</textarea><script>{MARKER}()</script>",
    f"<!--<script>{MARKER}()</script>-->",
    f"<![CDATA[<script>{MARKER}()</script>]]>",
    "![plan](plan-introuvable.png)",
    '<img src="../../../.git/config" alt="x">',
    "![distant](https://example.org/suivi.png)",
    "![fichier](file:///etc/passwd)",
    "[config](../../.git/config)",
    "]]>",
    "{{ 7 * 7 }}",
    "{% raw %}",
    "{#",
    "${7*7}",
    "&",
    "&amp;",
    "&#0;",
    "&#x1;",
    "&#xFFFE;",
    "&#xD800;",
    "<",
    ">",
    "\\",
    "`",
    "```",
    "~~~",
    "<<",
    "---",
    "...",
    "+++",
    "# titre",
    "* ",
    "1. ",
    "| a | b |",
    "[^1]",
    "!!! note",
    "\nBEGIN:VEVENT\nSUMMARY:injecté\nEND:VEVENT\n",
    "\r\nEND:VCALENDAR\r\n",
    "\r\n",
    ";",
    ",",
    "\\n",
]

PERSONAL_DATA = [
    "06 12 34 56 78",
    "jean.dupont@example.org",
    "FR76 3000 6000 0112 3456 7890 189",
    "1 84 12 76 451 089 46",
]

YAML_SPECIALS = [
    ": ",
    " #",
    "- ",
    "&a ",
    "*a",
    "!!python/object/apply:os.system ['true']",
    "!!binary",
    "<<: *a",
    "{a: 1}",
    "[1, 2]",
    "|",
    ">",
    "%YAML 1.1",
    "@",
    "? ",
    "~",
    "null",
    "yes",
    "no",
    "on",
    "0x1f",
    "1e3",
    ".nan",
    "2026-01-01",
    "12:30",
    '"',
    "'",
    "\t",
]

WORDS = ["Essai", "réunion", "Château-d'Œx", "Zoë", "استشارة", "עברית", "漢字", "ǅ"]

URLS = [
    f"javascript:{MARKER}()",
    f" JavaScript:{MARKER}()",
    f"java\nscript:{MARKER}()",
    "data:text/html,<script>__pwned()</script>",
    "vbscript:msgbox",
    'https://example.org/"><script>__pwned()</script>',
    f"https://example.org/a b?<svg onload={MARKER}()>",
    "https://example.org/\x85",
    "https://exa\u202emple.org/",
    "//example.org/",
    "file:///etc/passwd",
    "https://example.org/ok",
]

NAME_ALPHABET = [c for c in HOSTILE_CHARACTERS if c not in "\x00/"] + list(
    "aZ09-_.~ #%&'()[]{}<>;:!?*$=\\\"`"
)
RESERVED_NAMES = [
    "journal",
    "feed.atom",
    "agenda",
    "agenda.ics",
    "x.ics",
    "index",
    "history",
    "downloads",
    "donnees",
    "page",
    "answered",
    "theme",
    "..",
    ".",
    ".git",
    "-x",
    "CON",
    "a" * 120,
]


def _chunks(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(pieces),
        st.text(st.sampled_from(HOSTILE_CHARACTERS), min_size=1, max_size=3),
        st.text(max_size=4),
    )


def hostile_text(pieces: list[str] | None = None) -> st.SearchStrategy[str]:
    """A few chunks of hostile text; the empty draw (the simplest) gives a plain word."""
    chosen = [*INJECTIONS, *YAML_SPECIALS, *PERSONAL_DATA] if pieces is None else pieces
    return st.lists(_chunks(chosen), max_size=5).map(lambda parts: "".join(parts) or "Essai")


def hostile_name() -> st.SearchStrategy[str]:
    """A file stem: anything a file system takes, reserved page names, or a plain id."""
    return st.one_of(
        st.just("essai"),
        st.sampled_from(RESERVED_NAMES),
        st.text(st.sampled_from(NAME_ALPHABET), min_size=1, max_size=30),
    )


def hostile_slug() -> st.SearchStrategy[str]:
    """A process folder name; never `.`, `..` or one git refuses to track (`.git`, `git~1`)."""
    return hostile_name().filter(
        lambda name: not name.startswith(".") and not name.lower().startswith("git~")
    )


def plausible_name() -> st.SearchStrategy[str]:
    """A stem that `check` may well accept: ids, reserved page names, case and dots."""
    return st.one_of(
        st.just("essai"),
        st.sampled_from([n for n in RESERVED_NAMES if n[0].isalnum()]),
        st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True),
    )


TEXT_FIELDS = (
    "title",
    "summary",
    "organiser",
    "kind",
    "territory",
    "legal_basis",
    "participate",
    "licence",
    "charter",
    "guarantor",
    "contact_name",
    "contact_address",
    "theme_title",
    "phase_title",
    "meeting_title",
    "place_name",
    "place_address",
    "place_access",
    "agenda_item",
    "registration",
    "meeting_body",
    "minutes_author",
    "minutes_body",
    "reference",
    "author",
    "organisation",
    "answer_by",
    "answer_text",
    "contribution_body",
    "document_title",
    "document_summary",
    "document_kind",
    "document_body",
    "commitment_title",
    "commitment_update",
)
URL_FIELDS = ("contact_url", "online", "recording", "source_url")
STYLES = ("quoted", "escaped", "json", "plain", "block")
"""How a value is written in YAML: double-quoted with raw characters; double-quoted with every
non-ASCII character escaped (the way to smuggle a C1 control past the reader); the same by JSON's
rules, whose surrogate pairs YAML reads as lone surrogates; as is; as a `|-` block."""

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "latin-1", "mixed")
"""`mixed`: UTF-8 with one Latin-1 byte, as an editor that guessed wrong leaves it."""

_LAUGHS = "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 9))
STRUCTURES = (
    "",
    "<<: {title: Fusion}",
    "base: &base {title: Fusion}\n<<: *base",
    "x: " + "[" * 400 + "]" * 400,
    "x: " + "{a: " * 300 + "1" + "}" * 300,
    "x: &a [*a]",
    "x: *nowhere",
    "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + _LAUGHS,
    "x: " + "a" * 300_000,
    "? [a, b]\n: c",
    "? {a: b}\n: c",
    "!!python/object/apply:os.system ['true']: x",
    "x: !!python/name:os.system",
    "x: !!binary aGVsbG8=",
    "x: !local 1",
    "title: Deuxième titre",
    "opens: 2026-02-30",
    "closes: 10000-01-01",
    "1: numérique",
    "null: nul",
    "x: |\n bloc\nmal indenté",
    "\t- tabulation",
    "%TAG ! tag:example.org,2026:",
    "---\nautre: document",
    "...",
)
"""YAML structure, appended to process.yml and to a front matter: merge keys, nesting, aliases
(recursive, undefined, a billion laughs), huge scalars, complex keys, tags, duplicates."""

COLLISIONS = (None, "upper", "nfd", "ics", "dotted")
"""A second contribution whose file name maps to the same page as the first's, or none."""

MEETING_STARTS = (
    "2026-12-08T18:30:00+01:00",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-12:00",
    "2026-12-08",
    "2026-12-08T18:30:00",
    "2026-02-30T18:30:00+01:00",
)


@dataclass(frozen=True)
class Batch:
    """One process's worth of hostile values."""

    texts: dict[str, str]
    styles: dict[str, str]
    urls: dict[str, str | None]
    slug: str = "essai"
    meeting: str = "reunion"
    contribution: str = "avis"
    document: str = "note"
    collision: str | None = None
    start: str = MEETING_STARTS[0]
    messages: tuple[str, ...] = ("Publication",)
    encoding: str = "utf-8"
    structure: str = ""
    earlier: str = ""
    """The structure of an earlier version of process.yml and the contribution, if any."""


NOT_IN_XML_OR_HTML = re.compile(
    "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ufdd0-\\ufdef"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(17))
    + "]"
)
"""What XML 1.0 or HTML text refuses: `check` may reject it, so plausible batches leave it out."""


def _publishable(text: str) -> str:
    return NOT_IN_XML_OR_HTML.sub("", text) or "Essai"


def publishable(batch: Batch) -> Batch:
    """The batch without the characters that XML or HTML refuse."""
    return replace(batch, texts={name: _publishable(v) for name, v in batch.texts.items()})


def batches(*, plausible: bool = False) -> st.SearchStrategy[Batch]:
    """Hostile batches. `plausible` ones are quoted YAML with plain ids, https URLs (with markup)
    and no personal data, so that `check` passes once the characters XML and HTML refuse are
    taken out (`publishable`): the build, with everything it publishes, is then exercised."""
    # Hostile batches keep about half their fields, ids and files plain: a broken file stops its
    # reading at the first fault, and what lies behind (merge keys, aliases…) must be reached.
    # `check` refuses personal data in files (not in commit messages, which it only warns about).
    text = (
        hostile_text([*INJECTIONS, *YAML_SPECIALS])
        if plausible
        else st.just("Essai") | hostile_text()
    )
    names = plausible_name() if plausible else st.just("essai") | hostile_name()
    styles = st.sampled_from(STYLES[:2] if plausible else ("quoted", *STYLES))
    links = [u for u in URLS if u.startswith("https://") and u.isascii()]
    urls = st.none() | st.sampled_from(links if plausible else URLS)
    return st.builds(
        Batch,
        texts=st.fixed_dictionaries({name: text for name in TEXT_FIELDS}),
        styles=st.fixed_dictionaries({name: styles for name in TEXT_FIELDS}),
        urls=st.fixed_dictionaries({name: urls for name in URL_FIELDS}),
        slug=st.just("essai") if plausible else st.just("essai") | hostile_slug(),
        meeting=names,
        contribution=names,
        document=names,
        collision=st.none() | st.sampled_from(COLLISIONS)
        if plausible
        else st.sampled_from(COLLISIONS),
        start=st.sampled_from(MEETING_STARTS[:1] if plausible else MEETING_STARTS),
        messages=st.lists(
            hostile_text([*INJECTIONS, *PERSONAL_DATA, "\x00", "\r", "\x0c", "\x1b[2J"]),
            min_size=1,
            max_size=3,
        ).map(tuple),
        encoding=st.just("utf-8") if plausible else st.just("utf-8") | st.sampled_from(ENCODINGS),
        structure=st.just("") if plausible else st.sampled_from(STRUCTURES),
        earlier=st.sampled_from(STRUCTURES),
    )


# --------------------------------------------------------------------------- writing a batch


def _yaml_escape(character: str) -> str:
    code = ord(character)
    if 0x20 <= code < 0x7F:
        return "\\" + character if character in '"\\' else character
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def yaml_scalar(value: str, style: str, column: int) -> str:
    """`value` as the YAML text after a key or dash ending at `column` (line breaks included)."""
    if style == "quoted":
        return " " + json.dumps(value, ensure_ascii=False)
    if style == "escaped":
        return ' "' + "".join(map(_yaml_escape, value)) + '"'
    if style == "json":
        return " " + json.dumps(value, ensure_ascii=True)
    if style == "block":
        pad = " " * (column + 1)
        return " |-\n" + "\n".join(pad + line for line in value.split("\n"))
    return " " + value


@dataclass
class _Yaml:
    batch: Batch
    lines: list[str] = field(default_factory=list)

    def text(self, head: str, name: str) -> None:
        """`head` is the indented `key:` or `-` that the batch's value `name` follows."""
        value = self.batch.texts[name]
        self.lines.append(head + yaml_scalar(value, self.batch.styles[name], len(head)))

    def url(self, head: str, name: str) -> None:
        value = self.batch.urls[name]
        if value is not None:
            self.lines.append(f"{head} {json.dumps(value)}")

    def raw(self, line: str) -> None:
        self.lines.append(line)

    def __str__(self) -> str:
        return "\n".join(self.lines) + "\n"


def _process_yml(batch: Batch) -> str:
    y = _Yaml(batch)
    for key in ("title", "summary", "organiser", "kind", "territory", "legal_basis"):
        y.text(f"{key}:", key)
    for key in ("participate", "licence", "charter"):
        y.text(f"{key}:", key)
    y.raw("opens: 2026-10-01")
    y.raw("closes: 2027-01-31")
    y.raw("guarantors:")
    y.text("  -", "guarantor")
    y.raw("contact:")
    y.text("  name:", "contact_name")
    y.text("  address:", "contact_address")
    y.url("  url:", "contact_url")
    y.raw("themes:")
    y.raw("  - id: t")
    y.text("    title:", "theme_title")
    y.raw("phases:")
    y.text("  - title:", "phase_title")
    y.raw("    start: 2026-10-01")
    y.raw(batch.structure)
    return str(y)


def _front_matter(y: _Yaml, body: str) -> str:
    return "---\n" + str(y) + "---\n" + body + "\n"


def _meeting(batch: Batch) -> str:
    y = _Yaml(batch)
    y.text("title:", "meeting_title")
    y.raw(f"start: {batch.start}")
    y.raw("format: hybrid")
    y.raw("place:")
    y.text("  name:", "place_name")
    y.text("  address:", "place_address")
    y.text("  access:", "place_access")
    y.raw("agenda:")
    y.text("  - title:", "agenda_item")
    y.text("registration:", "registration")
    y.url("online:", "online")
    y.url("recording:", "recording")
    return _front_matter(y, batch.texts["meeting_body"])


def _minutes(batch: Batch) -> str:
    y = _Yaml(batch)
    y.raw(f"meeting: {json.dumps(batch.meeting)}")
    y.raw("published: 2026-12-10")
    y.raw("authors:")
    y.text("  -", "minutes_author")
    return _front_matter(y, batch.texts["minutes_body"])


def _contribution(batch: Batch) -> str:
    y = _Yaml(batch)
    y.raw("received: 2026-10-02T10:00:00+02:00")
    y.raw("channel: email")
    y.text("reference:", "reference")
    y.text("author:", "author")
    y.text("organisation:", "organisation")
    y.raw("themes: [t]")
    y.raw(f"meeting: {json.dumps(batch.meeting)}")
    y.raw("source:")
    y.raw("  platform: decidim")
    y.raw("  id: '1'")
    y.url("  url:", "source_url")
    y.raw("answer:")
    y.raw("  date: 2026-11-02")
    y.text("  by:", "answer_by")
    y.text("  text:", "answer_text")
    y.raw(batch.structure)
    return _front_matter(y, batch.texts["contribution_body"])


def _documents_yml(batch: Batch) -> str:
    y = _Yaml(batch)
    y.raw(f"- file: {json.dumps('documents/' + batch.document + '.md')}")
    y.text("  title:", "document_title")
    y.text("  summary:", "document_summary")
    y.text("  kind:", "document_kind")
    y.raw("  date: 2026-10-05")
    return str(y)


def _commitments_yml(batch: Batch) -> str:
    y = _Yaml(batch)
    y.raw("- id: engagement")
    y.text("  title:", "commitment_title")
    y.raw(f"  contributions: [{json.dumps(batch.contribution)}]")
    y.raw("  updates:")
    y.raw("    - date: 2026-11-03")
    y.text("      text:", "commitment_update")
    return str(y)


def colliding_name(name: str, collision: str | None) -> str | None:
    """Another stem that may publish at the same address as `name`."""
    if collision == "upper":
        return name.upper() if name.upper() != name else name.lower()
    if collision == "nfd":
        return unicodedata.normalize("NFD", name + "é")
    if collision == "ics":
        return name + ".ics"
    if collision == "dotted":
        return name + "."
    return None


def write_batch(processes: Path, batch: Batch) -> Path:
    """The batch as a process folder under `processes`; returns that folder."""
    folder = processes / batch.slug
    for sub in ("meetings", "minutes", "contributions", "documents"):
        (folder / sub).mkdir(parents=True, exist_ok=True)

    def write(path: Path, text: str) -> None:
        if batch.encoding == "mixed":
            path.write_bytes(text.encode().replace(b"\xc3\xa9", b"\xe9", 1) + b"\xe9\n")
        else:
            path.write_bytes(text.encode(batch.encoding, errors="replace"))

    write(folder / "process.yml", _process_yml(batch))
    write(folder / "meetings" / f"{batch.meeting}.md", _meeting(batch))
    write(folder / "minutes" / f"{batch.meeting}.md", _minutes(batch))
    contribution = _contribution(batch)
    write(folder / "contributions" / f"{batch.contribution}.md", contribution)
    twin = colliding_name(batch.contribution, batch.collision)
    if twin is not None:
        write(folder / "contributions" / f"{twin}.md", contribution)
    write(folder / "documents" / f"{batch.document}.md", batch.texts["document_body"] + "\n")
    write(folder / "documents.yml", _documents_yml(batch))
    write(folder / "commitments.yml", _commitments_yml(batch))
    return folder


# --------------------------------------------------------------------------- git


def commit_with_messages(root: Path, messages: tuple[str, ...]) -> None:
    """One commit per message on top of the repository in `root` (made if there is none), each
    adding its share of the files, so that every message is in some item's history.

    The commits are written as raw objects, so a message may hold anything a pushed commit can,
    NUL and lone CR included (`git commit` refuses NUL).
    """
    # Literal pathspecs: a file named `:(glob)*` or `*.md` is a name, not a pattern.
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_LITERAL_PATHSPECS": "1",
    }

    def git(*args: str, data: bytes | None = None, check: bool = True) -> str:
        done = subprocess.run(
            ["git", *args], cwd=root, env=env, input=data, capture_output=True, check=check
        )
        return done.stdout.decode().strip()

    git("init", "-q", "-b", "main")
    files = sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and ".git" not in p.parts
    )
    parent = git("rev-parse", "-q", "--verify", "HEAD", check=False) or None
    day = int(git("rev-list", "--count", "HEAD")) if parent else 0
    for number, message in enumerate(messages, start=1):
        share = files[: len(files) * number // len(messages)]
        if share:
            git("add", "-f", "--", *share)
        tree = git("write-tree")
        stamp = f"{REFERENCE_EPOCH - 86_400 * (10 - day - number)} +0000"
        header = f"tree {tree}\n" + (f"parent {parent}\n" if parent else "")
        header += f"author Greffe <greffe@example.org> {stamp}\n"
        header += f"committer Greffe <greffe@example.org> {stamp}\n\n"
        raw = header.encode() + message.encode()
        parent = git("hash-object", "-t", "commit", "-w", "--stdin", "--literally", data=raw)
    assert parent is not None
    git("update-ref", "refs/heads/main", parent)


def write_project(root: Path, batch: Batch, *, exports: bool) -> Path:
    """A project in `root`: the repository's mkdocs.yml (its Markdown extensions included) with
    one page of its own, the batch committed with its messages; returns its mkdocs.yml."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    del config["nav"]
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "greffier" in entry:
            entry["greffier"].update(search_index=False, exports=exports)
    root.mkdir(parents=True, exist_ok=True)
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "a-propos.md").write_text("# À propos\n", encoding="utf-8")
    if batch.earlier:
        # An earlier version, replaced since: the history must bound it like a current file.
        write_batch(root / "processes", replace(batch, structure=batch.earlier))
        commit_with_messages(root, ("Version précédente",))
    write_batch(root / "processes", batch)
    commit_with_messages(root, batch.messages)
    return config_file


def greffier(config_file: Path, *args: str) -> Result:
    """The real CLI, in this process, at the batches' 'today'."""
    return CliRunner().invoke(
        main,
        [*args, "--config", str(config_file)],
        env={"SOURCE_DATE_EPOCH": str(REFERENCE_EPOCH)},
    )


# --------------------------------------------------------------------------- inspecting a site

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "ping",
    "srcset",
    "xlink:href",
    "codebase",
    "manifest",
}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
INERT_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp|avif)[;,]")
"""Raster images inline in `<img src>`: inert, whoever wrote them (the single-file HTML export
embeds its images so)."""
FOREIGN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}


XHTML = "http://www.w3.org/1999/xhtml"
SCRIPTABLE = {"", XHTML, "http://www.w3.org/2000/svg", "http://www.w3.org/1998/Math/MathML"}
"""Namespaces whose elements can carry handlers and scripts: HTML (none, in html5lib's tree),
XHTML, SVG and MathML; ODF and OOXML parts have elements named `frame` that are nothing of it."""


def _split(name: str) -> tuple[str, str]:
    """`{namespace}name` → (namespace, name); xlink attributes keep the prefix authors write."""
    namespace, _, local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
    if namespace == "http://www.w3.org/1999/xlink":
        return "", "xlink:" + local
    return namespace, local.lower()


def _scheme_of(url: str) -> str:
    # What a browser does before it reads the scheme: strip C0 controls and spaces around,
    # drop tabs and newlines anywhere.
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))
    return cleaned.lower()


def _dangerous_url(element: str, attribute: str, value: str) -> bool:
    scheme = _scheme_of(value)
    if not scheme.startswith(DANGEROUS_SCHEMES):
        return False
    return not (element == "img" and attribute == "src" and INERT_DATA_IMAGE.match(scheme))


def element_findings(elements: Iterable[Any]) -> list[str]:
    """What in these elements (of an html5lib or lxml tree) could run script from content."""
    found = []
    for element in elements:
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        namespace, name = _split(element.tag)
        if namespace not in SCRIPTABLE:
            continue
        attributes = dict(_attribute(key, value) for key, value in element.attrib.items())
        html = namespace in ("", XHTML)
        if html and name in FOREIGN_ELEMENTS:
            found.append(f"<{name}> element {attributes}")
        if name == "script" and MARKER in (element.text or "") + attributes.get("src", ""):
            found.append(f"content script: {element.text!r}")
        if html and name == "meta" and "refresh" in attributes.get("http-equiv", "").lower():
            target = attributes.get("content", "").partition("=")[2]
            if _dangerous_url(name, "content", target):
                found.append(f"meta refresh to {target!r}")
        for attribute, value in attributes.items():
            if attribute.startswith("on") or (
                attribute in URL_ATTRIBUTES and _dangerous_url(name, attribute, value)
            ):
                found.append(f"<{name} {attribute}={value!r}>")
    return found


def _attribute(key: str, value: str) -> tuple[str, str]:
    return _split(key)[1], value


def html_findings(path: Path) -> list[str]:
    """Active content, and characters that HTML counts as parse errors (see NOT_IN_XML_OR_HTML)."""
    data = path.read_bytes()
    # The standard library's tree takes any character: those are reported below, not raised.
    document = html5lib.parse(data, treebuilder="etree", namespaceHTMLElements=False)
    return element_findings(document.iter()) + refused_characters(data.decode("utf-8"))


def refused_characters(text: str) -> list[str]:
    return [
        f"U+{ord(match.group()):04X} in {text[max(match.start() - 40, 0) : match.end()]!r}"
        for match in NOT_IN_XML_OR_HTML.finditer(text)
    ][:3]


STRICT_XML = etree.XMLParser(
    recover=False, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)
XML_SUFFIXES = (".xml", ".atom", ".rss", ".svg", ".xhtml", ".opf", ".ncx", ".rels", ".xsl")
ZIP_SUFFIXES = (".epub", ".docx", ".odt", ".zip")


def xml_findings(name: str, data: bytes) -> list[str]:
    """`data` must be well-formed XML; if it is (X)HTML or SVG, nothing active from content."""
    try:
        root = etree.fromstring(data, STRICT_XML)
    except etree.XMLSyntaxError as error:
        return [f"{name}: not well-formed XML: {error}"]
    return [f"{name}: {finding}" for finding in element_findings(root.iter())]


def zip_findings(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            broken = archive.testzip()
            if broken is not None:
                return [f"{path.name}: corrupt member {broken}"]
            found = []
            for member in archive.namelist():
                where, data = f"{path.name}!{member}", archive.read(member)
                if member.endswith((*XML_SUFFIXES, ".html")):
                    found += xml_findings(where, data)
                found += [f"{where}: {leak}" for leak in personal_data(data)]
            return found
    except zipfile.BadZipFile as error:
        return [f"{path.name}: {error}"]


ICS_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def ics_findings(path: Path, events: int) -> list[str]:
    """Parses, has `events` events, and every content line is CRLF-ended and free of controls."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [f"not UTF-8: {error}"]
    found = []
    lines = text.split("\r\n")
    if lines[-1] != "":
        found.append("does not end with CRLF")
    for line in lines:
        if ICS_CONTROL.search(line):
            found.append(f"control character in line {line!r}")
    raw_events = sum(1 for line in lines if line == "BEGIN:VEVENT")
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as error:
        return [*found, f"icalendar refuses it: {error}"]
    parsed = len(calendar.walk("VEVENT"))
    if not parsed == raw_events == events:
        found.append(f"{parsed} events parsed, {raw_events} BEGIN:VEVENT lines, {events} expected")
    return found


def personal_data(data: bytes) -> list[str]:
    """The batches' personal data, published as written (commit messages carry it)."""
    text = data.decode("utf-8", errors="replace")
    return [f"personal data published: {item!r}" for item in PERSONAL_DATA if item in text]


TEXT_SUFFIXES = (".html", ".ics", ".json", ".csv", ".txt", ".md", *XML_SUFFIXES)


def site_findings(site: Path, *, events: int) -> list[str]:
    """Every problem in a built site; each calendar must hold `events` events."""
    found: list[str] = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        where = str(path.relative_to(site))
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            found += [f"{where}: {leak}" for leak in personal_data(path.read_bytes())]
        if suffix == ".html":
            problems = html_findings(path)
        elif suffix in XML_SUFFIXES:
            problems = xml_findings(where, path.read_bytes())
        elif suffix in ZIP_SUFFIXES:
            problems = zip_findings(path)
        elif suffix == ".ics":
            problems = ics_findings(path, events)
        elif suffix == ".json":
            try:
                json.loads(path.read_bytes())
                problems = []
            except ValueError as error:
                problems = [f"invalid JSON: {error}"]
        else:
            continue
        found += [f"{where}: {problem}" for problem in problems]
    return found
