"""History in the built site: facts on every item page, history pages, version permalinks,
redirects for renamed files, and privacy of withdrawn texts and removed author names.

The project is a copy of the examples committed in three scripted commits (fixed dates) on top
of which the test builds a real site with `mkdocs build`.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from site_builds import REFERENCE_DAY, build_project, make_project, page, text_of

from greffier.enrich.history import BlobReader, read_history
from greffier.enrich.trace import trace_corpus
from greffier.load import load_corpus
from greffier.mkdocs.frames import MaterialFrames
from greffier.present.options import LegalInfo, RenderOptions
from greffier.render.pages import build_pages, built_history_uris
from greffier.render.versions import HistorySource

SLUG = "tramway-ligne-b"
BUDGET = "budget-2026-conseil-quartier"
MINUTES = "2026-10-08-reunion-ouverture"
ANSWERED = "c-0002"
WITHDRAWN = "c-0013"
RENAMED_FROM, RENAMED_TO = "c-0099", "c-0026"
SECRET_TEXT = "XQZWV-confidentiel"
SECRET_PHONE = "06 12 34 56 78"
REMOVED_AUTHOR = "Hortense Zyxwvut"
AUTHORLESS = "c-0003"
LATE_MEETING = "2026-03-10-lancement"


def git(root: Path, *args: str, date: str = "2026-10-16T10:00:00+00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Mission tramway B",
        "GIT_AUTHOR_EMAIL": "mission@example.org",
        "GIT_COMMITTER_NAME": "Mission tramway B",
        "GIT_COMMITTER_EMAIL": "mission@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    result = subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def commit(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A", date=date)
    git(root, "commit", "-q", "-m", message, date=date)


def without_block(text: str, key: str) -> str:
    """The front matter without the top-level `key` and its indented lines."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith(f"{key}:"):
            skipping = True
            continue
        if skipping and line.startswith((" ", "\t")):
            continue
        skipping = False
        kept.append(line)
    return "".join(kept)


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("history-site")
    config_file = make_project(root)
    folder = root / "processes" / SLUG
    minutes = folder / "minutes" / f"{MINUTES}.md"
    answered = folder / "contributions" / f"{ANSWERED}.md"
    withdrawn = folder / "contributions" / f"{WITHDRAWN}.md"
    authorless = folder / "contributions" / f"{AUTHORLESS}.md"
    late = root / "processes" / BUDGET / "meetings" / f"{LATE_MEETING}.md"
    final = {path: path.read_text(encoding="utf-8") for path in (minutes, answered, withdrawn)}
    final[authorless] = authorless.read_text(encoding="utf-8")
    git(root, "init", "-q", "-b", "main")

    # 1. First publication: minutes not yet approved, with an error; a contribution not yet
    # answered; one with a text later withdrawn, one signed by a name later removed.
    minutes.write_text(
        without_block(final[minutes], "approved").replace("190", "90"), encoding="utf-8"
    )
    answered.write_text(without_block(final[answered], "answer"), encoding="utf-8")
    withdrawn.write_text(
        without_block(final[withdrawn], "withdrawn").split("---\n")[0]
        + "---\n"
        + without_block(final[withdrawn], "withdrawn").split("---\n")[1]
        + f"---\nAppelez-moi au {SECRET_PHONE}, {SECRET_TEXT}.\n",
        encoding="utf-8",
    )
    authorless.write_text(
        final[authorless].replace("---\n", f"---\nauthor: {REMOVED_AUTHOR}\n", 1),
        encoding="utf-8",
    )
    renamed = folder / "contributions" / f"{RENAMED_TO}.md"
    renamed.rename(folder / "contributions" / f"{RENAMED_FROM}.md")
    commit(root, "Publication initiale\n\nPremière mise en ligne.", "2026-10-16T10:00:00+00:00")

    # 2. Minutes corrected and approved; the answer published; the author's name removed;
    # a file renamed.
    minutes.write_text(final[minutes], encoding="utf-8")
    answered.write_text(final[answered], encoding="utf-8")
    authorless.write_text(final[authorless], encoding="utf-8")
    (folder / "contributions" / f"{RENAMED_FROM}.md").rename(renamed)
    commit(root, "Compte rendu approuvé, réponse publiée", "2026-10-30T16:00:00+00:00")

    # 3. Minutes amended after their approval, a meeting of a closed process changed, and the
    # contribution withdrawn by its author.
    minutes.write_text(final[minutes] + "\nPrécision ajoutée le 20 novembre.\n", encoding="utf-8")
    late.write_text(late.read_text(encoding="utf-8") + "\nLieu précisé.\n", encoding="utf-8")
    withdrawn.write_text(final[withdrawn], encoding="utf-8")
    commit(root, "Précision <script>alert(1)</script> et retrait", "2026-11-20T09:00:00+00:00")
    return build_project(config_file)


def test_minutes_amended_twice_have_three_versions_with_diffs(history_site: Path) -> None:
    history = page(history_site, f"/{SLUG}/minutes/{MINUTES}/history/")
    versions = re.findall(r'<li id="v([0-9a-f]{10})">', history)
    assert len(versions) == 3
    text = text_of(history)
    # Newest first, dates written out in French.
    assert text.index("vendredi 20 novembre 2026") < text.index("vendredi 16 octobre 2026")
    assert "Version 3" in text and "Version 1" in text
    assert re.search(r"<ins><span class=\"greffier-sr\">\[début d’insertion\]</span>1", history)
    assert "<del>" in history and "[début de suppression]" in history
    assert "Précision ajoutée le 20 novembre." in text
    # Field names and values as the item page writes them, never YAML keys or ISO dates.
    assert "Approuvé le : ajout (vendredi 30 octobre 2026)" in text
    # The commit message is shown, escaped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in history
    assert "<script>alert(1)" not in history


def test_each_version_has_a_permalink_with_its_text(history_site: Path) -> None:
    history = page(history_site, f"/{SLUG}/minutes/{MINUTES}/history/")
    first = re.findall(r'<li id="v([0-9a-f]{10})">', history)[-1]
    version = page(history_site, f"/{SLUG}/minutes/{MINUTES}/history/{first}/")
    # The first version, with the error the second corrected.
    assert "(90 et non 90)" in text_of(version)
    assert "Précision ajoutée" not in version
    # Laid out as the item page: its labels, its values written out, the meeting it records
    # linked by its title; never the file's YAML.
    fields = " ".join(text_of(version).split())
    assert "Texte tel que publié le vendredi 16 octobre 2026 (version 1 sur 3)" in fields
    assert "Publié le vendredi 16 octobre 2026" in fields
    assert "Participants 184" in fields
    assert "Rédaction Mission tramway B, Claire Dumontel, garante CNDP" in fields
    assert re.search(r'<dt>Réunion</dt> <dd><a href="[^"]*/meetings/[^"]+/">', version)
    assert "meeting:" not in version and "attendees" not in fields
    full = re.search(rf"{first}[0-9a-f]{{30}}", version)
    assert full is not None


def test_item_page_shows_facts_and_late_change(history_site: Path) -> None:
    minutes = text_of(page(history_site, f"/{SLUG}/minutes/{MINUTES}/"))
    assert "Mis en ligne le vendredi 16 octobre 2026" in minutes
    assert "Dernière modification le vendredi 20 novembre 2026" in minutes
    assert "Version 3" in minutes
    assert "Voir l’historique" in minutes
    assert "après l’approbation du compte rendu le 30 octobre 2026" in minutes
    # The organiser's own dates stay, labelled.
    assert "Approuvé le" in minutes
    meeting = text_of(page(history_site, f"/{BUDGET}/meetings/{LATE_MEETING}/"))
    assert "après la clôture de la concertation le 15 mai 2026" in meeting


def test_answer_added_later(history_site: Path) -> None:
    text = text_of(page(history_site, f"/{SLUG}/contributions/{ANSWERED}/history/"))
    assert "Réponse : ajout" in text
    assert len(re.findall(r"Version \d+,", text)) == 2


def test_renamed_file_keeps_history_and_old_url_redirects(history_site: Path) -> None:
    history = page(history_site, f"/{SLUG}/contributions/{RENAMED_TO}/history/")
    assert len(re.findall(r'<li id="v', history)) == 2
    assert f"{SLUG}/contributions/{RENAMED_FROM}/" in history
    redirect = page(history_site, f"/{SLUG}/contributions/{RENAMED_FROM}/")
    assert 'http-equiv="refresh"' in redirect
    assert f'url=../{RENAMED_TO}/"' in redirect
    assert f'href="../{RENAMED_TO}/"' in redirect


def test_facts_on_every_item_page_kind(history_site: Path) -> None:
    for url in (
        f"/{SLUG}/",
        f"/{SLUG}/meetings/{MINUTES}/",
        f"/{SLUG}/minutes/{MINUTES}/",
        f"/{SLUG}/documents/synthese-intermediaire/",
        f"/{SLUG}/contributions/{ANSWERED}/",
        f"/{SLUG}/outcome/",
        f"/{BUDGET}/outcome/",
    ):
        html = page(history_site, url)
        assert "Mis en ligne le" in html, url
        # A history page, or the record of the only version on the page itself.
        assert 'href="history/"' in html or "/history/" in html or "Version unique" in html, url


def test_withdrawn_text_and_removed_author_appear_nowhere(history_site: Path) -> None:
    history = page(history_site, f"/{SLUG}/contributions/{WITHDRAWN}/history/")
    text = text_of(history)
    assert "retirée par son auteur" in text
    assert len(re.findall(r'<li id="v', history)) == 2
    folder = history_site / SLUG / "contributions" / WITHDRAWN / "history"
    assert [path.name for path in folder.iterdir()] == ["index.html"]
    for file in history_site.rglob("*"):
        if file.is_file():
            content = file.read_bytes()
            for secret in (SECRET_TEXT, SECRET_PHONE, REMOVED_AUTHOR, "Zyxwvut"):
                assert secret.encode() not in content, (secret, file)


def test_draft_has_no_history_page(history_site: Path) -> None:
    assert not (history_site / SLUG / "contributions" / "c-0015").exists()


def test_history_pages_stay_out_of_search_and_nav(history_site: Path) -> None:
    history = page(history_site, f"/{SLUG}/minutes/{MINUTES}/history/")
    assert "data-pagefind-body" not in history
    home = page(history_site, "/")
    assert "/history/" not in home


def test_without_git_pages_say_history_is_unavailable(site_fr: Path) -> None:
    text = text_of(page(site_fr, f"/{SLUG}/minutes/{MINUTES}/"))
    assert "Historique indisponible : le site n’a pas été produit depuis un dépôt git." in text
    assert not (site_fr / SLUG / "minutes" / MINUTES / "history").exists()


def test_uncommitted_changes_are_built_and_marked(tmp_path: Path) -> None:
    config_file = make_project(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "Publication", "2026-10-16T10:00:00+00:00")
    minutes = tmp_path / "processes" / SLUG / "minutes" / f"{MINUTES}.md"
    minutes.write_text(minutes.read_text(encoding="utf-8") + "\nAjout local.\n", "utf-8")
    site = build_project(config_file)
    text = text_of(page(site, f"/{SLUG}/minutes/{MINUTES}/"))
    assert "Ajout local." in text
    assert "Modifications non publiées" in text


def test_history_pages_are_indexed_by_item_file(history_site: Path) -> None:
    root = history_site.parent
    corpus, _ = load_corpus(root, reference=REFERENCE_DAY)
    history = read_history(root, paths=("processes",))
    with BlobReader(root) as blobs:
        source = HistorySource(trace_corpus(corpus, history, blobs=blobs), blobs.text)
        legal = LegalInfo("", "", "", "", "", "", None)
        options = RenderOptions("fr", "Site", False, 50, legal, False)
        specs = build_pages(corpus, options, history=source)
    found = built_history_uris(specs)
    minutes = f"processes/{SLUG}/minutes/{MINUTES}.md"
    assert found[minutes] == f"{SLUG}/minutes/{MINUTES}/history/index.md"
    assert f"processes/{SLUG}/contributions/{RENAMED_TO}.md" in found


def test_history_can_be_turned_off(history_site: Path, tmp_path: Path) -> None:
    config_file = make_project(tmp_path, options={"history": False})
    site = build_project(config_file)
    html = page(site, f"/{SLUG}/minutes/{MINUTES}/")
    assert "greffier-trace" not in html
    assert "Historique indisponible" not in html


def test_shallow_clone_warns_with_the_fix(
    history_site: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clone = tmp_path / "clone"
    source = history_site.parent
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{source}", str(clone))
    with caplog.at_level("WARNING", logger="mkdocs.plugins.greffier"):
        site = build_project(clone / "mkdocs.yml")
    assert any("fetch-depth: 0" in record.getMessage() for record in caplog.records)
    assert "Version 1" in text_of(page(site, f"/{SLUG}/minutes/{MINUTES}/"))


def test_the_site_publishes_its_journals_and_feeds(history_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    journal = text_of(page(history_site, f"/{SLUG}/journal/"))
    assert "vendredi 20 novembre 2026" in journal and "Modifié" in journal
    for feed in (history_site / "feed.atom", history_site / SLUG / "feed.atom"):
        root = ET.fromstring(feed.read_bytes())
        entries = list(root.iter(f"{atom}entry"))
        assert entries, feed
        assert all(e.find(f"{atom}link").get("href", "").startswith("https://") for e in entries)
    head = page(history_site, f"/{SLUG}/journal/")
    assert 'type="application/atom+xml"' in head


# --------------------------------------------------------------------------- frames, permalinks

SITE_NAV = 'class="md-sidebar md-sidebar--primary"'
BUDGET_ITEM = "2026-03-10-city-stade"


def _tree(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_every_page_keeps_the_whole_site_frame(history_site: Path) -> None:
    pages = [
        f"/{SLUG}/minutes/{MINUTES}/",
        f"/{SLUG}/minutes/{MINUTES}/history/",
        f"/{SLUG}/contributions/{ANSWERED}/history/",
        f"/{SLUG}/contributions/",
    ]
    versions = sorted((history_site / SLUG / "minutes" / MINUTES / "history").glob("*/index.html"))
    assert len(versions) == 3
    found = [(url, page(history_site, url)) for url in pages] + [
        ("/" + v.parent.relative_to(history_site).as_posix() + "/", v.read_text(encoding="utf-8"))
        for v in versions
    ]
    for url, html in found:
        assert SITE_NAV in html and 'class="md-header' in html and 'class="md-footer' in html
        links = {urljoin(url, href) for href in re.findall(r'href="([^"#]+)"', html)}
        assert {"/", "/search/", f"/{SLUG}/", "/mentions-legales/"} <= links, url
        assert html.count('greffier-footer"') == 1
        assert html.count("<h1") == 1 and "GreffierFrameTitle" not in html


def test_an_item_with_one_version_is_its_own_record(history_site: Path) -> None:
    item = page(history_site, f"/{BUDGET}/contributions/{BUDGET_ITEM}/")
    (full, short) = re.findall(r'<code title="([0-9a-f]{40})">([0-9a-f]+)</code>', item)[0]
    assert full.startswith(short)
    text = text_of(item)
    assert "Version unique, publiée par" in text and "Message de la publication" in text
    assert 'href="history/"' not in item, "no history page to link to"
    # Its history page and its version's permalink exist, and send to the item's page until a
    # second version is published.
    for url, back in (("history/", "../"), (f"history/{short}/", "../../")):
        redirect = page(history_site, f"/{BUDGET}/contributions/{BUDGET_ITEM}/{url}")
        assert f'<meta http-equiv="refresh" content="0; url={back}">' in redirect
        assert "Une seule version est publiée" in redirect and SITE_NAV not in redirect


def test_the_sitemap_lists_written_pages_but_not_the_record(history_site: Path) -> None:
    sitemap = (history_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locations) == len(set(locations))
    assert f"https://greffier.example.org/{SLUG}/minutes/{MINUTES}/" in locations
    assert f"https://greffier.example.org/{SLUG}/" in locations
    assert not [url for url in locations if "/history/" in url]
    ET.fromstring(sitemap.encode("utf-8"))


def test_a_shared_frame_is_the_frame_each_page_would_get(
    history_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages share a frame as deep as they are and as near the published files: rendering one
    frame for each page's own address instead must give the very same site."""
    config_file = history_site.parent / "mkdocs.yml"
    # Both built here: the fixture's site, beside the project, makes it look edited since.
    shared = _tree(build_project(config_file, tmp_path / "shared"))
    monkeypatch.setattr(MaterialFrames, "anchor", lambda self, folder: folder)
    alone = _tree(build_project(config_file, tmp_path / "alone"))
    assert shared.keys() == alone.keys()
    assert [name for name in shared if shared[name] != alone[name]] == []
