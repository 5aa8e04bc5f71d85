"""`greffier check` never crashes and reports everything in one run; past versions are bounded
like current files; system failures are plain messages (issue #9, items 7 to 10).

Hostile files go into a copy of tests/fixtures/validation, one class of input per case; the
builds use a small project (that one process) with exports off.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import time
from pathlib import Path

import mkdocs.utils
import pytest
import yaml
from click.testing import CliRunner, Result
from site_builds import make_project

from greffier.cli import main
from greffier.formats.yaml_data import BoundsExceeded, read_yaml_data
from greffier.formats.yaml_lines import MAX_CHARACTERS, MAX_DEPTH, MAX_VALUES
from greffier.load import load_corpus

FIXTURE = Path(__file__).parent / "fixtures" / "validation" / "processes" / "demo"
P = "processes/demo"
MEETING = "meetings/2026-03-12-reunion.md"
CONTRIBUTION = "contributions/c-002.md"


def alias_bomb(levels: int) -> str:
    """A "billion laughs": nine times more values at each level, written in a few lines."""
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / P)
    return tmp_path


def problems(root: Path) -> list[str]:
    return [str(d) for d in load_corpus(root)[1]]


def write(root: Path, name: str, data: bytes) -> None:
    """`data` as the YAML of `name`: the whole file, or the front matter of a Markdown file."""
    if name.endswith(".md"):
        data = b"---\n" + data + b"\n---\nTexte.\n"
    (root / P / name).write_bytes(data)


# --------------------------------------------------------------------------- no traceback

HOSTILE: dict[str, bytes] = {
    "merge key": b"base: &base {title: T}\nother:\n  <<: *base\n",
    "merge key at the top": b"base: &base\n  title: T\n<<: *base\n",
    "nested lists": b"x: " + b"[" * 1000 + b"]" * 1000,
    "nested mappings": b"x: " + b"{a: " * 1000 + b"1" + b"}" * 1000,
    "nested blocks": b"".join(b"  " * i + b"a:\n" for i in range(300)) + b"  " * 300 + b"b: 1",
    "compact nested lists": b"x:\n" + b"- " * 500 + b"y",
    "huge scalar": b"title: " + b"a" * (MAX_CHARACTERS + 10),
    "huge key": b"? " + b"k" * (MAX_CHARACTERS + 10) + b"\n: 1",
    "alias bomb": alias_bomb(7).encode(),
    "recursive alias": b"a: &a [*a]",
    "empty": b"",
    "only a fence": b"---",
    "a list": b"- a\n- b",
    "a scalar": b"bonjour",
    "two documents": b"title: a\n---\ntitle: b",
    "python tag": b"title: !!python/object/apply:os.system [ls]",
    "binary tag": b"title: !!binary aGVsbG8=",
    "set tag": b"title: !!set {a, b}",
    "ordered map tag": b"title: !!omap [a: 1]",
    "anchor on a key": b"&k title: x",
    "mapping as key": b"? {a: 1}\n: x",
    "list as key": b"? [a]\n: x",
    "non-text keys": b"1: a\nnull: b\ntrue: c\n2026-01-01: d\n1.5: e",
    "duplicate key": b"title: a\ntitle: b",
    "integer too long": b"title: 1" + b"0" * 5000,
    "value that does not fit its tag": b"title: !!int abc\nsummary: !!bool maybe",
    "mapping inside a key": b"? [a, {b: c}]\n: x",
    "long key twice": b"? " + b"k" * 400_000 + b"\n: 1\n? " + b"k" * 400_000 + b"\n: 2",
    "long unknown key": b"? " + b"k" * 900_000 + b"\n: 1",
    "reused anchor": b"title: &t a\nsummary: &t b\norganiser: *t",
    "escape naming no character": b'title: "\\U0011FFFF"',
    "lone surrogate escape": b'title: "\\ud800"',
    "NUL byte": b"title: a\x00b",
    "lone CR line ends": b"title: a\rsummary: b\r",
    "UTF-16 with BOM": "title: été".encode("utf-16"),
    "UTF-16 without BOM": "title: été".encode("utf-16-le"),
    "UTF-32": "title: été".encode("utf-32"),
    "Latin-1": "title: été".encode("latin-1"),
    "mixed encodings": "title: été\n".encode() + "summary: été".encode("latin-1"),
    "binary garbage": bytes(range(256)) * 8,
}

FILES = ("process.yml", CONTRIBUTION, "documents.yml")
"""A YAML file, a front matter, a list file: every file kind is read by one of these paths."""
LISTS = ("documents.yml",)
EMPTY = ("empty", "only a fence")
"""Valid in a list file: no documents, no commitments."""


@pytest.mark.parametrize("case", HOSTILE)
@pytest.mark.parametrize("name", FILES)
def test_hostile_yaml_is_an_error_at_a_line_of_its_file(repo: Path, name: str, case: str) -> None:
    write(repo, name, HOSTILE[case])
    started = time.monotonic()
    found = problems(repo)
    assert time.monotonic() - started < 10
    errors = [line for line in found if line.startswith(f"{P}/{name}:") and ": error: " in line]
    assert bool(errors) != (name in LISTS and case in EMPTY), found
    assert all(len(line) < 1000 for line in found)  # What was written is quoted, shortened.


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "merge key",
            "4: error: invalid YAML: merge keys ('<<:') are not supported (write every field "
            "out instead of merging it from an alias)",
        ),
        (
            "nested lists",
            f"2: error: invalid YAML: lists and mappings nested more than {MAX_DEPTH} levels "
            "deep (no field needs more than a few levels: check the brackets '[' and braces "
            "'{' on this line)",
        ),
        (
            "nested blocks",
            f"{MAX_DEPTH + 1}: error: invalid YAML: lists and mappings nested more than "
            f"{MAX_DEPTH} levels deep (no field needs more than a few levels: check the "
            "brackets '[' and braces '{' on this line)",
        ),
        (
            "huge scalar",
            f"2: error: the YAML part is over {MAX_CHARACTERS} characters from this line on "
            "(keep long texts in the Markdown body, or split the file)",
        ),
        (
            "alias bomb",
            f"2: error: the file holds more than {MAX_VALUES} values (aliases?) (write the "
            "values out instead of repeating them through aliases ('*name'))",
        ),
        (
            "binary tag",
            "2: error: invalid YAML: the tag '!!binary' is not supported (check the "
            "indentation and quote values containing ': ' or starting with a symbol)",
        ),
        (
            "integer too long",
            f"2: error: invalid YAML: '1{'0' * 56}...' cannot be read as a value (put it in "
            "quotes if it is meant as text)",
        ),
        (
            "UTF-16 without BOM",
            "1: error: not UTF-8: the file looks like UTF-16 (without byte order mark) (open "
            "it in your editor and save it with the encoding UTF-8)",
        ),
        (
            "escape naming no character",
            "2: error: invalid YAML: a '\\…' escape between quotes names no character (check "
            "the indentation and quote values containing ': ' or starting with a symbol)",
        ),
    ],
)
def test_each_bound_has_its_own_message_and_line(repo: Path, case: str, expected: str) -> None:
    write(repo, CONTRIBUTION, HOSTILE[case])
    assert problems(repo) == [f"{P}/{CONTRIBUTION}:{expected}"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A site (English messages) whose only process is the validation fixture."""
    config = make_project(tmp_path, language="en", processes=False)
    shutil.copytree(FIXTURE, tmp_path / P)
    return config


def greffier(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_check_reports_every_hostile_file_in_one_run(project: Path) -> None:
    root = project.parent
    cases = ("merge key", "nested lists", "alias bomb", "UTF-16 with BOM", "set tag")
    for index, case in enumerate(cases):
        write(root, f"contributions/c-9{index}.md", HOSTILE[case])
    result = greffier("check", "--config", str(project))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # Not a traceback.
    assert "internal error" not in result.output
    reported = {line.split(":")[0] for line in result.output.splitlines() if ": error: " in line}
    assert reported == {f"{P}/contributions/c-9{index}.md" for index in range(len(cases))}


# --------------------------------------------------------------------------- partial process.yml


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / P / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


UNKNOWN_THEME = (
    f"{P}/contributions/c-001.md:5: error: unknown theme 'arbre' (did you mean 'arbres'?)"
)


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ("opens: 2026-03-01", "opens: 2026-03-32", "process.yml:4: error: '2026-03-32' is not"),
        ("title: Concertation sur la place du Marché\n", "", "error: missing required field"),
        ("organiser: Ville", "organiser: [Ville", "process.yml:4: error: invalid YAML"),
        ("  - id: arbres\n    title: Arbres et ombre", "  - id: arbres\n    title: ''", "empty"),
        ("kind: concertation-prealable", "kind: [a, b]", "process.yml:6: error: expected text"),
    ],
    ids=["bad date", "missing title", "bad YAML", "bad theme", "bad kind"],
)
def test_errors_in_process_file_hide_no_other_problem(
    repo: Path, old: str, new: str, error: str
) -> None:
    edit(repo, "process.yml", old, new)
    edit(repo, "contributions/c-001.md", "  - arbres", "  - arbre")
    edit(repo, "contributions/c-002.md", "parent: c-001", "parent: c-009")
    found = problems(repo)
    assert any(line.startswith(f"{P}/") and error in line for line in found), found
    assert f"{P}/contributions/c-002.md:5: error: unknown contribution 'c-009'" in "\n".join(found)
    # Themes are checked whenever process.yml's list of themes could be read.
    assert (UNKNOWN_THEME in found) == (new != "organiser: [Ville"), found


def test_process_file_with_errors_still_lends_its_themes_and_contact(repo: Path) -> None:
    edit(repo, "process.yml", "opens: 2026-03-01", "opens: demain")
    edit(repo, "process.yml", "    title: Mobilité", "    title: ''")
    contact = "concertation@saint-exemple.example"
    edit(repo, "contributions/c-001.md", "  - arbres", "  - mobilite\n  - arbre")
    edit(repo, "contributions/c-002.md", "D'accord", f"Écrire à {contact}. D'accord")
    found = problems(repo)
    assert [line.split(" error: ")[0] for line in found] == [
        f"{P}/contributions/c-001.md:6:",  # `arbre`; `mobilite` is written, in an invalid entry
        f"{P}/process.yml:4:",
        f"{P}/process.yml:9:",
    ], found


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("name", "old", "new", "line", "value"),
    [
        (MEETING, "T18:30:00+01:00", "", 3, "2026-03-12"),
        (MEETING, "T20:30:00+01:00", "T20:30", 4, "2026-03-12T20:30"),
        (MEETING, "hybrid", "hybrid\npostponed_to: 2026-04-01 18:00", 6, "2026-04-01 18:00"),
        (CONTRIBUTION, "T09:00:00+01:00", "T09:00:00", 2, "2026-03-14T09:00:00"),
    ],
)
def test_date_time_without_time_or_offset_is_an_error(
    repo: Path, name: str, old: str, new: str, line: int, value: str
) -> None:
    edit(repo, name, old, new)
    assert problems(repo) == [
        f"{P}/{name}:{line}: error: '{value}' lacks the time or its UTC offset (expected "
        "YYYY-MM-DDTHH:MM with an offset, e.g. 2026-03-12T18:30:00+01:00)"
    ]


@pytest.mark.parametrize(
    ("name", "old", "value", "line"),
    [
        (MEETING, "2026-03-12T18:30:00+01:00", "0001-01-01T00:00:00+14:00", 3),
        (MEETING, "2026-03-12T20:30:00+01:00", "9999-12-31T23:59:59-12:00", 4),
        (CONTRIBUTION, "2026-03-14T09:00:00+01:00", "9999-12-31T23:59:59-12:00", 2),
        ("contributions/c-001.md", "2026-03-13", "0001-01-01", 2),
        ("process.yml", "2026-03-01", "1899-12-31", 4),
        ("process.yml", "2026-04-30", "2201-01-01", 5),
        ("documents.yml", "2026-03-01", "0001-01-01", 3),
    ],
)
def test_date_outside_plausible_years_is_an_error(
    repo: Path, name: str, old: str, value: str, line: int
) -> None:
    edit(repo, name, old, value)
    assert problems(repo) == [
        f"{P}/{name}:{line}: error: '{value}' falls outside the years 1900 to 2200 (check the year)"
    ]


# --------------------------------------------------------------------------- past versions


def test_past_versions_are_read_within_the_same_bounds() -> None:
    for text, message in [
        (alias_bomb(9), f"more than {MAX_VALUES} values"),
        ("x: " + "[" * 100_000 + "]" * 100_000, f"more than {MAX_DEPTH} levels"),
        ("x:\n" + "- " * 200 + "y", f"more than {MAX_DEPTH} levels"),
        ("a: &a [*a]", f"more than {MAX_DEPTH} levels"),
        ("title: " + "a" * (MAX_CHARACTERS + 1), f"over {MAX_CHARACTERS} characters"),
    ]:
        with pytest.raises(BoundsExceeded, match=message):
            read_yaml_data(text)
    for text in ("a: 1" + "0" * 5000, "a: 2026-02-30", "a: !!timestamp x", "a: \ud800"):
        with pytest.raises(yaml.YAMLError):
            read_yaml_data(text)
    assert read_yaml_data("a: [1, {b: c}]\nd: yes") == {"a": [1, {"b": "c"}], "d": "yes"}


def git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Mairie",
        "GIT_AUTHOR_EMAIL": "mairie@example.org",
        "GIT_COMMITTER_NAME": "Mairie",
        "GIT_COMMITTER_EMAIL": "mairie@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_alias_bomb_in_an_earlier_commit_does_not_stop_the_build(project: Path) -> None:
    root = project.parent
    path = root / P / CONTRIBUTION
    fixed = path.read_text(encoding="utf-8")
    # Extreme but plausible dates go through every later stage too.
    edit(root, MEETING, "2026-03-12T20:30:00+01:00", "2200-12-31T23:59:59-12:00")
    edit(root, "contributions/c-001.md", "2026-03-13", "1900-01-01T00:00:00+14:00")
    path.write_text(fixed.replace("channel: online\n", "channel: online\n" + alias_bomb(9)))
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Contribution reçue")
    path.write_text(fixed + "Complété.\n", encoding="utf-8")
    git(root, "commit", "-q", "-a", "-m", "Contribution corrigée")
    started = time.monotonic()
    result = greffier("build", "--config", str(project), "--no-exports")
    # A guard against the hang, not a speed target: walking the bomb's 9⁹ values took over
    # ten minutes; bounded, the build takes seconds.
    assert time.monotonic() - started < 300
    assert result.exit_code == 0, result.output
    history = root / "site" / "demo" / "contributions" / "c-002" / "history" / "index.html"
    page = history.read_text(encoding="utf-8")
    assert "Contribution corrigée" in page
    # The bomb's version is listed as unreadable, and the next one is not compared with it.
    assert page.count("Unreadable version") == 1
    assert "Version after an unreadable one" in page


# --------------------------------------------------------------------------- system failures


def test_site_folder_under_a_file_is_a_plain_error(project: Path) -> None:
    blocker = project.parent / "blocker"
    blocker.write_text("not a folder")
    result = greffier("build", "--config", str(project), "--no-exports", "-d", f"{blocker}/site")
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert f"Error: {blocker}: a file already has this name, where a folder is expected" in (
        result.output
    )


def test_cache_folder_under_a_file_is_a_plain_error(project: Path) -> None:
    (project.parent / ".cache").write_text("not a folder")
    result = greffier("export", "--config", str(project))
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert ".cache/greffier/exports: part of this path is a file, not a folder" in result.output


def test_full_disk_leaves_the_previous_site(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = project.parent / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site")

    def full_disk(content: bytes, path: str) -> None:
        # As a write() on a full disk fails: errno ENOSPC, and no file name.
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(mkdocs.utils, "write_file", full_disk)
    result = greffier("build", "--config", str(project), "--no-exports")
    assert result.exit_code == 1, result.output
    assert f"Error: {site}: the disk is full (or the quota reached) (the site already " in (
        result.output
    )
    assert (site / "index.html").read_text() == "previous site"
    assert [p.name for p in project.parent.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.parametrize(
    ("code", "cause"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "the disk is read-only"),
        (errno.ENOSPC, "the disk is full (or the quota reached)"),
    ],
)
def test_refused_staging_folder_is_a_plain_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, code: int, cause: str
) -> None:
    def refused(**kwargs: str) -> str:
        raise OSError(code, os.strerror(code), kwargs["dir"])

    monkeypatch.setattr("greffier.mkdocs.build.tempfile.mkdtemp", refused)
    result = greffier("build", "--config", str(project), "--no-exports")
    assert result.exit_code == 1, result.output
    assert f"Error: {project.parent}: {cause} (the site already published is unchanged)" in (
        result.output
    )


def test_unreadable_process_file_hides_no_other_problem(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_bytes = Path.read_bytes

    def refused(path: Path) -> bytes:
        if path.name == "process.yml":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    edit(repo, "contributions/c-002.md", "parent: c-001", "parent: c-009")
    assert problems(repo) == [
        f"{P}/contributions/c-002.md:5: error: unknown contribution 'c-009' (did you mean "
        "'c-002'?)",
        f"{P}/process.yml:1: error: cannot be read (Permission denied)",
    ]


def test_export_replaces_a_file_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from greffier.cli import _replace

    published = tmp_path / "site" / "demo" / "dossier.pdf"
    published.parent.mkdir(parents=True)
    published.write_bytes(b"previous")
    write_bytes = Path.write_bytes

    def full_disk(path: Path, data: bytes) -> int:
        write_bytes(path, data[:3])  # Cut short, as on a full disk.
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(OSError) as raised:
        _replace(published, b"new version")
    assert raised.value.filename == str(published)
    assert published.read_bytes() == b"previous"
    assert [p.name for p in published.parent.iterdir()] == ["dossier.pdf"]
