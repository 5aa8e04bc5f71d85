"""Links to commits on the forge: the address patterns, and a real site built with `repo_url`
whose versions, journal entries, feeds and footer point at their commits, and whose late
changes are flagged, with the day the record was settled, in its journals and feeds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort
from site_builds import build_project, make_project
from test_history_site import commit, git, page

from greffier.present.forge import Forge, ForgeError, forge_for

REPO_URL = "https://github.com/ville-saint-aubin/concertations"
SLUG = "budget-2026-conseil-quartier"
MINUTES = "2026-03-10-lancement"
CONTRIBUTION = "2026-03-10-city-stade"
ID = "0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize(
    ("repo_url", "expected"),
    [
        ("https://github.com/org/repo", f"https://github.com/org/repo/commit/{ID}"),
        ("https://github.com/org/repo.git/", f"https://github.com/org/repo/commit/{ID}"),
        ("https://gitlab.com/group/sub/repo/", f"https://gitlab.com/group/sub/repo/-/commit/{ID}"),
        ("https://framagit.org/ville/site", f"https://framagit.org/ville/site/-/commit/{ID}"),
        ("https://gitlab.ville.fr/dn/site", f"https://gitlab.ville.fr/dn/site/-/commit/{ID}"),
        ("https://codeberg.org/ville/site", f"https://codeberg.org/ville/site/commit/{ID}"),
        ("https://forgejo.ville.fr/dn/site", f"https://forgejo.ville.fr/dn/site/commit/{ID}"),
        ("https://git.sr.ht/~ville/site", f"https://git.sr.ht/~ville/site/commit/{ID}"),
        ("https://bitbucket.org/ville/site", f"https://bitbucket.org/ville/site/commits/{ID}"),
    ],
)
def test_commit_address_derived_from_repo_url(repo_url: str, expected: str) -> None:
    forge = forge_for(repo_url)
    assert forge is not None and forge.commit_url(ID) == expected


def test_unknown_forge_or_no_repository_links_nothing() -> None:
    assert forge_for("https://git.ville.fr/dn/site") is None
    assert forge_for(None) is None and forge_for("") is None


def test_commit_url_option_names_any_forge_and_wins() -> None:
    pattern = "https://git.ville.fr/dn/site/commit/{commit}?view=full"
    assert forge_for(None, pattern) == Forge(pattern, "git.ville.fr")
    forge = forge_for("https://github.com/org/repo", pattern)
    assert forge is not None
    assert forge.commit_url(ID) == f"https://git.ville.fr/dn/site/commit/{ID}?view=full"


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("https://git.ville.fr/dn/site/commit/", "placeholder"),
        ("git.ville.fr/{commit}", "scheme"),
        ("https://git.ville.fr/{commit}/{path}", "braces"),
    ],
)
def test_bad_commit_url_is_refused(pattern: str, problem: str) -> None:
    with pytest.raises(ForgeError) as refused:
        forge_for(None, pattern)
    assert (refused.value.problem, refused.value.pattern) == (problem, pattern)


def test_a_bad_commit_url_stops_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config_file = make_project(
        tmp_path, processes=False, options={"commit_url": "https://git.ville.fr/x"}
    )
    with pytest.raises(Abort):
        build_project(config_file)
    assert "greffier: commit_url doit contenir {commit}" in caplog.text


# ----------------------------------------------------------------- a site with repo_url


@pytest.fixture(scope="module")
def forge_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The council budget example, committed in three steps: published with approved minutes
    (24 March), the minutes amended after their approval, a contribution changed after the
    process closed (15 May)."""
    root = tmp_path_factory.mktemp("forge-site")
    config_file = make_project(root)
    for other in (root / "processes").iterdir():
        if other.name != SLUG:
            shutil.rmtree(other)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config_file.write_text(
        yaml.safe_dump({**config, "repo_url": REPO_URL}, allow_unicode=True), encoding="utf-8"
    )
    folder = root / "processes" / SLUG
    minutes = folder / "minutes" / f"{MINUTES}.md"
    contribution = folder / "contributions" / f"{CONTRIBUTION}.md"
    text = minutes.read_text(encoding="utf-8")
    minutes.write_text(text.replace("---\n", "---\napproved: 2026-03-24\n", 1), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commits = {}
    for name, date, change in (
        ("publish", "2026-03-25T10:00:00+00:00", None),
        ("after-approval", "2026-04-10T10:00:00+00:00", (minutes, "\nPrécision tardive.\n")),
        ("after-close", "2026-06-01T10:00:00+00:00", (contribution, "\nComplément.\n")),
    ):
        if change is not None:
            path, added = change
            path.write_text(path.read_text(encoding="utf-8") + added, encoding="utf-8")
        commit(root, f"Étape {name}", date)
        commits[name] = git(root, "rev-parse", "HEAD").strip()
    return build_project(config_file), commits


def commit_link(commit: str) -> str:
    return f'href="{REPO_URL}/commit/{commit}"'


def test_every_version_links_to_its_commit(forge_site: tuple[Path, dict[str, str]]) -> None:
    site, commits = forge_site
    history = page(site, f"/{SLUG}/minutes/{MINUTES}/history/")
    for name in ("publish", "after-approval"):
        link = f'{commit_link(commits[name])} class="greffier-commit"'
        assert f"{link}>Voir le commit {commits[name][:10]} sur github.com</a>" in history, name
    # Two versions, two links (the footer's link to the build's commit aside).
    assert history.count('class="greffier-commit"') == 2


def test_journal_entries_link_and_flag_late_changes(
    forge_site: tuple[Path, dict[str, str]],
) -> None:
    site, commits = forge_site
    for url in (f"/{SLUG}/journal/", "/journal/"):
        journal = page(site, url)
        assert all(commit_link(commits[name]) in journal for name in commits), url
        assert "modifié après l’approbation du compte rendu le 24 mars 2026" in journal
        assert "modifié après la clôture du 15 mai 2026" in journal
    for feed in (site / "feed.atom", site / SLUG / "feed.atom"):
        atom = feed.read_text(encoding="utf-8")
        assert "Étape after-close — modifié après la clôture du 15 mai 2026" in atom


def test_footer_links_the_build_commit(forge_site: tuple[Path, dict[str, str]]) -> None:
    site, commits = forge_site
    home = page(site, "/")
    head = commits["after-close"]
    assert re.search(rf'<a href="{REPO_URL}/commit/{head}">Site construit depuis le commit', home)


def test_repository_link_fetches_nothing(forge_site: tuple[Path, dict[str, str]]) -> None:
    """Material's source widget asks the GitHub API for stars when marked as a component: the
    marker must be gone from every page, the plain link to the repository kept."""
    site, _ = forge_site
    pages = list(site.rglob("*.html"))
    assert pages and not [p for p in pages if 'data-md-component="source"' in p.read_text("utf-8")]
    assert f'<a href="{REPO_URL}" title="Aller au dépôt" class="md-source">' in page(site, "/")
