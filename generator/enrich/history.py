"""The repository's history, read in one pass: what each published file said, and when.

Publishing is committing, so the first-parent line of the published branch (HEAD) is the public
record. One `git log --first-parent --name-status -M -z` is parsed into commits and changes, then
replayed oldest first into one `FileHistory` per file, following renames so a moved file keeps
its history under its new path. Never one git process per file: on thousands of items that is
what makes history unaffordable. The parsed log is cached by HEAD, and file contents are read
lazily through a single `git cat-file --batch` process (`BlobReader`).

Committers appear by name only: e-mail addresses are never requested from git, and those written
in names or messages (trailers such as "Co-authored-by: Name <address>") are taken out, so none can
reach pages, feeds or the cache. Phone numbers, IBANs and social security numbers written there
are masked the same way, and each commit keeps what was masked for `greffier check` to report.

Nobody can fix a commit once it is published: messages, names, paths and old texts are cleaned of
the characters XML and HTML refuse as they are read (`characters.clean`), so no page, feed or
offline file gets one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Protocol

from ..diagnostics import Report, SourceLocation
from ..formats.characters import clean
from ..load.personal_data import Kind, find_personal_data, hide, mask

Runner = Callable[[Sequence[str], Path], bytes]
"""Runs `git <args>` in a folder and returns its standard output; raises
`subprocess.CalledProcessError` on failure and `OSError` when git cannot be started. Injectable
so tests can count and inspect git processes."""

SHORT_ID_LENGTH = 10
"""Fixed rather than git's `%h`, whose length depends on the local object database: the same
commit must give the same site on every clone."""

_CACHE_FORMAT = 2
_FIELD = "%x00"
# Names go through the mailmap (%aN, %cN); %ae/%ce are never asked for.
_FORMAT = _FIELD.join(["%H", "%P", "%aN", "%cN", "%ct", "%B"])
_HEADER_FIELDS = 6
_STATUS = re.compile(rb"[ACDMRTUXB][0-9]*")
_BRACKETED_EMAIL = re.compile(r"\s*<[^<>\s]+@[^<>\s]+>")
_EMAIL_SHOWN = "[e-mail]"


@dataclass(frozen=True)
class Masked:
    """Personal data that a commit message held, as the site shows it instead."""

    kind: Kind
    shown: str


class ChangeKind(StrEnum):
    added = "added"
    modified = "modified"
    deleted = "deleted"
    renamed = "renamed"


@dataclass(frozen=True)
class Commit:
    id: str
    short_id: str
    date: dt.datetime
    """Committer date, UTC: when the change reached the branch, not when it was written."""
    author: str
    committer: str
    message: str
    """Subject and body, trailing newlines removed."""
    parents: tuple[str, ...]
    personal_data: tuple[Masked, ...] = ()
    """What the message held of personal data (hidden in `message`), for `greffier check`."""

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]


@dataclass(frozen=True)
class Change:
    """One file touched by one commit on the first-parent line."""

    commit: Commit
    status: ChangeKind
    path: str
    """Relative to the history's root, POSIX; for a deletion, the path that disappeared."""
    old_path: str | None = None
    """The path before a rename."""


@dataclass(frozen=True)
class Version:
    """A state of a file's text: numbered from 1, oldest first."""

    number: int
    change: Change

    @property
    def commit(self) -> Commit:
        return self.change.commit

    @property
    def path(self) -> str:
        """Where the file was at this version (an earlier path before a rename)."""
        return self.change.path


@dataclass(frozen=True)
class FileHistory:
    path: str
    """The file's latest path: after a rename, history lives here."""
    versions: tuple[Version, ...]
    previous_paths: tuple[str, ...] = ()
    """Paths the file was renamed from, oldest first: their URLs redirect to `path`."""
    removed: Commit | None = None
    """The commit that deleted the file, when it is no longer in HEAD."""

    @property
    def first_published(self) -> Commit:
        return self.versions[0].commit

    @property
    def last_changed(self) -> Commit:
        return self.versions[-1].commit


@dataclass(frozen=True)
class History:
    available: bool
    reason: str | None = None
    """Why history is unavailable, in words for the organiser."""
    head: str | None = None
    shallow: bool = False
    commits: tuple[Commit, ...] = ()
    """The first-parent line touching the read paths, oldest first."""
    changes: tuple[Change, ...] = ()
    """Every change, oldest first: the material of the journal."""
    files: Mapping[str, FileHistory] = field(default_factory=dict)
    uncommitted: frozenset[str] = frozenset()
    """Files whose working-tree state differs from HEAD (modified, new, deleted)."""
    owners: Mapping[Change, str] = field(default_factory=dict, repr=False)
    """Change -> path of the file history it belongs to (see `file_for`)."""

    def changes_under(self, folder: str) -> tuple[Change, ...]:
        """The changes touching a file under `folder` (ending with "/") by its path, its path
        before a rename or its file's latest path, oldest first. Indexed once for all the
        folders asked: a journal per process scanning every change was quadratic."""
        return self._by_folder.get(folder, ())

    @cached_property
    def _by_folder(self) -> dict[str, tuple[Change, ...]]:
        found: dict[str, list[Change]] = {}
        for change in self.changes:
            file = self.file_for(change)
            paths = {change.path, change.old_path or "", file.path if file else change.path}
            folders = {path[: end + 1] for path in paths for end, c in enumerate(path) if c == "/"}
            for folder in folders:
                found.setdefault(folder, []).append(change)
        return {folder: tuple(changes) for folder, changes in found.items()}

    def file_for(self, change: Change) -> FileHistory | None:
        """The history a change belongs to, under the file's latest path: a journal entry for a
        file edited before being renamed must link to the history under its new name."""
        path = self.owners.get(change)
        return None if path is None else self.files.get(path)

    def redirects(self) -> dict[str, str]:
        """Old path -> current path, for every renamed-away path that no file occupies now."""
        live = {path for path, item in self.files.items() if item.removed is None}
        return {
            old: item.path
            for item in self.files.values()
            if item.removed is None
            for old in item.previous_paths
            if old not in live
        }


class TextReader(Protocol):
    """Reads old texts: `BlobReader`, or a wrapper that withholds some versions."""

    def text(self, version: Version) -> str | None: ...


def run_git(args: Sequence[str], cwd: Path) -> bytes:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, check=True, stdin=subprocess.DEVNULL
    ).stdout


def read_history(
    root: Path,
    *,
    paths: Sequence[str] = (),
    cache_dir: Path | None = None,
    runner: Runner = run_git,
) -> History:
    """The history of `paths` (relative to root; all of it when empty), first-parent line of HEAD.

    Paths in the result are relative to `root`, even when root is a subfolder of the repository.
    Never raises for a missing git, a folder outside any repository or a repository without
    commits: the result says `available=False` and why. With `cache_dir` (builds use the
    git-ignored `.cache/greffier`), the parsed log is stored there by HEAD and reused while HEAD
    stays the same; shallow clones are not cached, since deepening them changes the log without
    changing HEAD.
    """
    try:
        probe = runner(["rev-parse", "--show-prefix", "--is-shallow-repository"], root)
    except OSError:
        return History(available=False, reason="git is not installed")
    except subprocess.CalledProcessError as error:
        return History(available=False, reason=_refusal(error))
    # Two lines: the root's folder inside the repository ("" at the top, else "sub/"), then
    # whether the clone is shallow.
    prefix, shallow_flag, *_ = probe.decode("utf-8", "surrogateescape").split("\n")
    shallow = shallow_flag == "true"
    pathspec = ["--", *(paths or ["."])]
    try:
        uncommitted = _uncommitted(runner(_STATUS_ARGS + pathspec, root), prefix)
        head = _head(root, runner)
        if head is None:
            return History(available=False, reason="no commit yet", uncommitted=uncommitted)
        cache_file = None if shallow or cache_dir is None else _cache_file(cache_dir, head, paths)
        log = _load_cache(cache_file, head) if cache_file else None
        if log is None:
            log = parse_log(runner(_LOG_ARGS + pathspec, root))
            if cache_file:
                _store_cache(cache_file, head, log)
    except subprocess.CalledProcessError as error:
        return History(available=False, reason=_refusal(error))
    commits, changes = log
    files, owners = _follow(changes)
    return History(
        available=True,
        head=head,
        shallow=shallow,
        commits=commits,
        changes=changes,
        files=files,
        owners=owners,
        uncommitted=uncommitted,
    )


def _refusal(error: subprocess.CalledProcessError) -> str:
    """Why git would not answer, in a line: "not a git repository" is the usual case, but CI
    containers also meet "detected dubious ownership", which needs `safe.directory`."""
    stderr = error.stderr if isinstance(error.stderr, bytes) else b""
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    if not lines or "not a git repository" in lines[0]:
        return "not a git repository"
    return f"git failed: {lines[0].removeprefix('fatal: ')}"


def _head(root: Path, runner: Runner) -> str | None:
    try:
        return runner(["rev-parse", "-q", "--verify", "HEAD^{commit}"], root).decode().strip()
    except subprocess.CalledProcessError as error:
        if error.returncode == 1:  # -q --verify: HEAD is unborn, nothing committed yet.
            return None
        raise


_LOG_ARGS = [
    "log",
    "--first-parent",
    # Explicit, so a merge lists what it brought to the branch whatever the git version.
    "--diff-merges=first-parent",
    "--root",
    "--name-status",
    "-M",
    "-z",
    "--relative",
    # Neutralise user configuration that would change the output's shape.
    "--no-color",
    "--no-ext-diff",
    "--no-show-signature",
    "--encoding=UTF-8",
    f"--format={_FORMAT}",
    "HEAD",
]
_STATUS_ARGS = ["status", "--porcelain", "-z", "--no-renames", "--untracked-files=all"]


def _uncommitted(output: bytes, prefix: str) -> frozenset[str]:
    """Paths from `git status --porcelain -z`, which are relative to the top of the repository."""
    found = set()
    for entry in output.split(b"\0"):
        if len(entry) > 3:
            path = _decode_path(entry[3:])
            found.add(path.removeprefix(prefix))
    return frozenset(found)


def parse_log(output: bytes) -> tuple[tuple[Commit, ...], tuple[Change, ...]]:
    """Commits and changes, oldest first, from the output of `_LOG_ARGS` (newest first).

    Each commit is its header fields followed by `status NUL path NUL [path NUL]` entries; the
    git-generated message separator puts a newline before the first status.
    """
    tokens = output.split(b"\0")
    commits: list[Commit] = []
    changes: list[Change] = []
    index = 0
    while index + _HEADER_FIELDS <= len(tokens):
        sha, parents, author, committer, epoch, message = tokens[index : index + _HEADER_FIELDS]
        index += _HEADER_FIELDS
        shown, masked = without_personal_data(_text(message).rstrip("\n"))
        commit = Commit(
            id=sha.decode(),
            short_id=sha.decode()[:SHORT_ID_LENGTH],
            date=dt.datetime.fromtimestamp(int(epoch), dt.UTC),
            author=without_personal_data(_text(author))[0],
            committer=without_personal_data(_text(committer))[0],
            message=shown,
            parents=tuple(parents.decode().split()),
            personal_data=masked,
        )
        own: list[Change] = []
        while index < len(tokens) and _STATUS.fullmatch(status := tokens[index].lstrip(b"\n")):
            letter = status[:1]
            if letter in (b"R", b"C"):
                old, new = _decode_path(tokens[index + 1]), _decode_path(tokens[index + 2])
                index += 3
                # A copy (only under a user's diff.renames=copies) is a new file for us.
                kind = ChangeKind.renamed if letter == b"R" else ChangeKind.added
                own.append(Change(commit, kind, new, old if kind is ChangeKind.renamed else None))
            else:
                kind = {b"A": ChangeKind.added, b"D": ChangeKind.deleted}.get(
                    letter, ChangeKind.modified
                )
                own.append(Change(commit, kind, _decode_path(tokens[index + 1])))
                index += 2
        commits.append(commit)
        changes.extend(reversed(own))
    commits.reverse()
    changes.reverse()
    return tuple(commits), tuple(changes)


def without_personal_data(text: str) -> tuple[str, tuple[Masked, ...]]:
    """The text as the site may show it, and what it held of personal data, masked.

    Messages carry e-mail addresses in trailers ("Co-authored-by: Name <address>", which forges
    add to merges), and a misconfigured `user.name` can be one: the name stays, the address never
    shows. Other personal data is masked where it was written (see `personal_data.hide`).
    """
    bare = _BRACKETED_EMAIL.sub("", text)
    found = find_personal_data(text)
    if not found:
        return bare, ()
    shown, _ = hide(bare, email=_EMAIL_SHOWN)
    # The "@" too: what is kept must not look like an address to anything that looks for one.
    masked = (Masked(item.kind, mask(item.text).replace("@", "•")) for item in found)
    return shown, tuple(dict.fromkeys(masked))


def report_personal_data(history: History, diagnostics: Report) -> None:
    """A warning for each piece of personal data in a commit message, at the first file the
    commit changed: the site masks it, but only rewriting the history takes it out of git."""
    changed: dict[str, str] = {}
    for change in history.changes:
        changed.setdefault(change.commit.id, change.path)
    say = diagnostics.say
    for commit in history.commits:
        for masked in commit.personal_data:
            diagnostics.warning(
                SourceLocation(changed.get(commit.id, ".")),
                say(
                    "personal_data.commit",
                    commit=commit.short_id,
                    what=say(f"personal_data.{masked.kind}"),
                    value=masked.shown,
                ),
                say("personal_data.commit.hint"),
            )


def _text(raw: bytes) -> str:
    """A message, a name or an old version as pages and feeds may show it: nobody can fix them
    here, so a character XML or HTML refuse (a form feed in a subject) is cleaned out, and bytes
    that are not UTF-8 become U+FFFD."""
    return clean(raw.decode("utf-8", "replace"))


def _decode_path(raw: bytes) -> str:
    # A path is text for journals and feeds too (a removed file is named by it), so it is
    # cleaned like one. Only names no current file can have change (the loader refuses them):
    # the old texts of such a removed file are then unreadable, and shown so.
    return _text(raw)


@dataclass
class _Lineage:
    """A file's history while the log is being replayed."""

    path: str
    versions: list[Version] = field(default_factory=list)
    previous_paths: list[str] = field(default_factory=list)
    removed: Commit | None = None

    def add(self, change: Change) -> None:
        self.versions.append(Version(len(self.versions) + 1, change))
        self.removed = None

    def freeze(self) -> FileHistory:
        return FileHistory(
            path=self.path,
            versions=tuple(self.versions),
            previous_paths=tuple(self.previous_paths),
            removed=self.removed,
        )


def _follow(changes: Sequence[Change]) -> tuple[dict[str, FileHistory], dict[Change, str]]:
    """One history per file, keyed by its latest path, renames followed; and each change's file.

    A file re-created at a deleted path continues that path's history (same URL, "removed then
    re-added"). Renames move the whole lineage to the new path; a deleted history already at the
    new path is then dropped from the files (its changes stay in `History.changes`, with no
    owner): the URL belongs to the moved file now.
    """
    lineages: dict[str, _Lineage] = {}
    touched: list[tuple[Change, _Lineage]] = []
    for change in changes:
        if change.status is ChangeKind.deleted:
            if (gone := lineages.get(change.path)) is not None:
                gone.removed = change.commit
                touched.append((change, gone))
            continue
        if change.status is ChangeKind.renamed and change.old_path is not None:
            lineage = lineages.pop(change.old_path, None) or _Lineage(change.path)
            lineage.previous_paths.append(change.old_path)
            lineage.path = change.path
        else:
            lineage = lineages.get(change.path) or _Lineage(change.path)
        lineages[change.path] = lineage
        lineage.add(change)
        touched.append((change, lineage))
    files = {path: lineage.freeze() for path, lineage in sorted(lineages.items())}
    owners = {
        change: lineage.path for change, lineage in touched if lineages[lineage.path] is lineage
    }
    return files, owners


def _cache_file(cache_dir: Path, head: str, paths: Sequence[str]) -> Path:
    scope = hashlib.sha256("\0".join(paths).encode()).hexdigest()[:12]
    return cache_dir / f"history-{head}-{scope}.json"


def _store_cache(
    cache_file: Path, head: str, log: tuple[tuple[Commit, ...], tuple[Change, ...]]
) -> None:
    commits, changes = log
    position = {commit.id: index for index, commit in enumerate(commits)}
    data = {
        "format": _CACHE_FORMAT,
        "head": head,
        "commits": [
            [
                c.id,
                list(c.parents),
                c.author,
                c.committer,
                int(c.date.timestamp()),
                c.message,
                [[item.kind.value, item.shown] for item in c.personal_data],
            ]
            for c in commits
        ],
        "changes": [
            [position[ch.commit.id], ch.status.value, ch.path, ch.old_path] for ch in changes
        ],
    }
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        # Written aside then renamed, so a parallel build never reads half a file.
        partial = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.tmp")
        partial.write_text(
            json.dumps(data, ensure_ascii=False), encoding="utf-8", errors="surrogateescape"
        )
        os.replace(partial, cache_file)
    except OSError:
        pass  # A cache that cannot be written only costs the next build a git log.


def _load_cache(
    cache_file: Path, head: str
) -> tuple[tuple[Commit, ...], tuple[Change, ...]] | None:
    try:
        data: Any = json.loads(cache_file.read_text(encoding="utf-8", errors="surrogateescape"))
        if data["format"] != _CACHE_FORMAT or data["head"] != head:
            return None
        commits = tuple(
            Commit(
                id=sha,
                short_id=sha[:SHORT_ID_LENGTH],
                date=dt.datetime.fromtimestamp(epoch, dt.UTC),
                author=author,
                committer=committer,
                message=message,
                parents=tuple(parents),
                personal_data=tuple(Masked(Kind(kind), shown) for kind, shown in masked),
            )
            for sha, parents, author, committer, epoch, message, masked in data["commits"]
        )
        changes = tuple(
            Change(commits[index], ChangeKind(status), path, old_path)
            for index, status, path, old_path in data["changes"]
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None  # Missing, stale or damaged: read git again.
    return commits, changes


class BlobReader:
    """File contents at any commit through one long-lived `git cat-file --batch` process.

    Started on first use; use as a context manager so the process is always reaped.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._process: subprocess.Popen[bytes] | None = None

    def read(self, commit: str, path: str) -> bytes | None:
        """The file's bytes at `commit`, `path` relative to root; None if it is not there."""
        process = self._start()
        stdin, stdout = _pipes(process)
        # `./` makes the path relative to root even when root is a subfolder of the repository;
        # -z lets paths contain newlines.
        stdin.write(f"{commit}:./{path}".encode("utf-8", "surrogateescape") + b"\0")
        stdin.flush()
        header = stdout.readline().rstrip(b"\n").split(b" ")
        # "<id> <type> <size>" when found; otherwise "<commit>:<path> missing" (or ambiguous),
        # told apart by the colon that an object id never has.
        if len(header) != 3 or b":" in header[0] or not header[2].isdigit():
            return None
        content = stdout.read(int(header[2]))
        stdout.read(1)  # The newline git writes after each object.
        return content if header[1] == b"blob" else None  # A folder or submodule: not a file.

    def text(self, version: Version) -> str | None:
        content = self.read(version.commit.id, version.path)
        return None if content is None else _text(content)

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            self._process = subprocess.Popen(
                ["git", "cat-file", "--batch", "-z"],
                cwd=self.root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        return self._process

    def close(self) -> None:
        if self._process is not None:
            stdin, _ = _pipes(self._process)
            stdin.close()
            self._process.wait()
            self._process = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _pipes(process: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes]]:
    assert process.stdin is not None and process.stdout is not None
    return process.stdin, process.stdout
