"""Links to commits on the forge hosting the site's repository, so that anyone can check a
version against the public record.

The address of a commit is derived from MkDocs' `repo_url` on the forges whose layout is known
(GitHub, GitLab and its instances such as Framagit, Gitea, Forgejo and Codeberg, SourceHut,
Bitbucket); any other forge is named by the plugin's `commit_url` pattern, which also overrides
the derived one. Only links: nothing here makes the site ask the forge anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

PLACEHOLDER: Final = "{commit}"

_COMMIT_PATHS: Final = (
    # (how the host is recognised, path of a commit under the repository), first match wins.
    (("github",), "/commit/"),
    (("gitlab", "framagit.org"), "/-/commit/"),
    (("codeberg.org", "gitea", "forgejo", "git.sr.ht"), "/commit/"),
    (("bitbucket.org",), "/commits/"),
)


class ForgeError(ValueError):
    """A `commit_url` pattern that cannot make commit addresses; `problem` names it in the
    catalogues (`forge.<problem>`)."""

    def __init__(self, problem: str, pattern: str) -> None:
        super().__init__(f"commit_url {pattern!r}: {problem}")
        self.problem = problem
        self.pattern = pattern


@dataclass(frozen=True)
class Forge:
    pattern: str
    """A commit's address with `{commit}` where its full id goes."""
    host: str
    """The forge's host name, to say in words where a link leads."""

    def commit_url(self, commit: str) -> str:
        return self.pattern.replace(PLACEHOLDER, commit)


def forge_for(repo_url: str | None, commit_url: str | None = None) -> Forge | None:
    """The forge of a site: from its `commit_url` pattern when given, else derived from its
    `repo_url` on a known forge; None when commits cannot be linked."""
    if commit_url:
        return Forge(_checked(commit_url), _host(commit_url))
    if not repo_url:
        return None
    host = _host(repo_url)
    repository = repo_url.rstrip("/").removesuffix(".git").rstrip("/")
    for markers, path in _COMMIT_PATHS:
        if any(marker in host for marker in markers):
            return Forge(f"{repository}{path}{PLACEHOLDER}", host)
    return None


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _checked(pattern: str) -> str:
    parts = urlsplit(pattern)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ForgeError("scheme", pattern)
    if PLACEHOLDER not in pattern:
        raise ForgeError("placeholder", pattern)
    rest = pattern.replace(PLACEHOLDER, "")
    if "{" in rest or "}" in rest:
        raise ForgeError("braces", pattern)
    return pattern
