"""What a site calls upcoming: never a meeting that was held or whose minutes are out, and, when
no clean commit dates the build, a footer that says which moment "today" is and why."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from site_builds import build_project, make_project, page, text_of
from test_history import Repo, no_enclosing_repository  # noqa: F401 (autouse fixture)

PROCESS_YML = """\
title: {title}
summary: Une démarche pour essayer.
organiser: Ville d'Essai
opens: 2026-09-01
"""
MEETING = """\
---
title: {title}
start: {start}
format: online
online: https://visio.example.org/quartier
status: {status}
---
"""
MINUTES = """\
---
meeting: {meeting}
published: 2026-11-20
---
La réunion a eu lieu.
"""


def write_process(root: Path, slug: str, meetings: dict[str, tuple[str, str]]) -> None:
    """A process whose meetings are `id: (title, status)`, each on the day its id says."""
    folder = root / "processes" / slug
    (folder / "meetings").mkdir(parents=True)
    (folder / "process.yml").write_text(PROCESS_YML.format(title=slug.capitalize()), "utf-8")
    for meeting, (title, status) in meetings.items():
        start = f"{meeting[:10]}T18:30:00+01:00"
        text = MEETING.format(title=title, start=start, status=status)
        (folder / "meetings" / f"{meeting}.md").write_text(text, encoding="utf-8")


def write_minutes(root: Path, slug: str, meeting: str) -> None:
    minutes = root / "processes" / slug / "minutes"
    minutes.mkdir(exist_ok=True)
    (minutes / f"{meeting}.md").write_text(MINUTES.format(meeting=meeting), encoding="utf-8")


def next_meeting(site: Path, slug: str) -> str:
    """The text of the "Prochaine réunion" section of a process's overview."""
    html = page(site, f"/{slug}/")
    section = re.search(r'<h2 id="prochaine-reunion">.*?</h2>(.*?)<h2', html, re.DOTALL)
    assert section, html
    return text_of(section.group(1))


def upcoming_list(site: Path, slug: str) -> str:
    html = page(site, f"/{slug}/meetings/")
    return text_of("<h2" + html.split("<h2", 2)[1])


def test_a_held_or_reported_meeting_is_never_upcoming(tmp_path: Path) -> None:
    # The examples' "today" is 2026-11-26: every meeting here is dated after it.
    config_file = make_project(tmp_path, processes=False)
    write_process(
        tmp_path,
        "quartier",
        {
            "2026-12-01-tenue": ("Réunion déjà tenue", "held"),
            "2026-12-02-rapportee": ("Réunion au compte rendu publié", "scheduled"),
            "2026-12-10-prochaine": ("Réunion vraiment à venir", "scheduled"),
        },
    )
    write_minutes(tmp_path, "quartier", "2026-12-02-rapportee")
    write_process(tmp_path, "bilan", {"2026-12-03-tenue": ("Dernière réunion", "held")})
    site = build_project(config_file)

    said = next_meeting(site, "quartier")
    assert "Réunion vraiment à venir" in said
    assert "déjà tenue" not in said and "compte rendu publié" not in said
    listed = upcoming_list(site, "quartier")
    assert listed.startswith("Réunions à venir") and "Réunion vraiment à venir" in listed
    assert "déjà tenue" not in listed and "compte rendu publié" not in listed
    assert next_meeting(site, "bilan").startswith("Aucune réunion à venir")
    assert "Dernière réunion" not in upcoming_list(site, "bilan")


def test_an_uncommitted_preview_says_which_day_is_today(tmp_path: Path) -> None:
    config_file = make_project(tmp_path, processes=False)
    write_process(tmp_path, "quartier", {"2026-11-25-atelier": ("Atelier", "scheduled")})
    repo = Repo(tmp_path)
    repo.commit("Annonce l'atelier", dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC))
    # Held since, minutes written, nothing committed: "today" is still the last commit's time.
    write_minutes(tmp_path, "quartier", "2026-11-25-atelier")
    site = build_project(config_file, today=None)

    footer = text_of(page(site, "/quartier/"))
    assert "Attention : modifications non enregistrées" in footer
    assert (
        "« Aujourd’hui » est pour ce site le vendredi 20 novembre 2026, à 10 h, date du dernier "
        "commit, car les modifications non enregistrées n’ont pas de date : statuts et réunions à "
        "venir sont établis à ce moment-là."
    ) in footer.replace("\u00a0", " ")
    # Its minutes are out: the workshop is over, whatever that date says.
    assert next_meeting(site, "quartier").startswith("Aucune réunion à venir")


def test_a_repository_without_commits_says_so(tmp_path: Path) -> None:
    config_file = make_project(tmp_path, processes=False)
    write_process(tmp_path, "quartier", {})
    Repo(tmp_path)
    site = build_project(config_file, today=None)

    footer = text_of(page(site, "/"))
    assert (
        "Site construit dans un dépôt git qui n’a encore aucun commit : sa provenance ne peut "
        "pas être vérifiée."
    ) in footer
    assert "hors dépôt git" not in footer
    assert "moment de sa construction, faute de commit pour le dater" in footer
