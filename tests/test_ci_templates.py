"""The CI templates organisers copy check every change and publish main with its whole history,
and the publishing chapter of the guide points at them, in both languages."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

DOCS = Path(__file__).resolve().parent.parent / "docs"
GITHUB = DOCS / "ci" / "github-pages.yml"
GITLAB = DOCS / "ci" / "gitlab-pages.yml"
GUIDES = {"fr": DOCS / "guide" / "publier.md", "en": DOCS / "en" / "guide" / "publishing.md"}

ON_MAIN = "github.ref == 'refs/heads/main'"
CRON = re.compile(r"^(\S+ ){4}\S+$")


def _load(path: Path) -> dict[Any, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


@pytest.fixture(scope="module")
def github() -> dict[Any, Any]:
    return _load(GITHUB)


@pytest.fixture(scope="module")
def gitlab() -> dict[Any, Any]:
    return _load(GITLAB)


def _step(job: dict[str, Any], action: str) -> dict[str, Any]:
    """The one step of `job` that uses `action` (e.g. "actions/checkout")."""
    (step,) = [s for s in job["steps"] if s.get("uses", "").split("@")[0] == action]
    return step


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def _python_version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:2])


def test_github_runs_on_pull_requests_main_and_every_day(github: dict[Any, Any]) -> None:
    # PyYAML reads the key `on` as the boolean true (YAML 1.1); GitHub reads it as "on".
    triggers = github[True]
    assert set(triggers) >= {"pull_request", "push", "schedule"}
    assert triggers["push"]["branches"] == ["main"]
    (schedule,) = triggers["schedule"]
    assert CRON.match(schedule["cron"])


def test_github_checks_then_builds_with_full_history(github: dict[Any, Any]) -> None:
    build = github["jobs"]["build"]
    assert "if" not in build, "pull requests must be checked and built too"
    assert _step(build, "actions/checkout")["with"]["fetch-depth"] == 0
    python = _step(build, "actions/setup-python")["with"]
    assert _python_version(python["python-version"]) >= (3, 11)
    assert python["cache"] == "pip"
    runs = [step.get("run", "") for step in build["steps"]]
    install = next(i for i, run in enumerate(runs) if "pip install" in run)
    check = next(i for i, run in enumerate(runs) if run.strip() == "greffier check")
    site = next(i for i, run in enumerate(runs) if "greffier build" in run)
    assert install < check < site
    assert "SOURCE_DATE_EPOCH" in runs[site], "the nightly rebuild must use the real date"


def test_github_deploys_main_only_to_pages(github: dict[Any, Any]) -> None:
    build, deploy = github["jobs"]["build"], github["jobs"]["deploy"]
    upload = _step(build, "actions/upload-pages-artifact")
    assert upload["if"] == ON_MAIN
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["if"] == ON_MAIN
    assert deploy["permissions"]["pages"] == "write"
    assert deploy["permissions"]["id-token"] == "write"
    assert deploy["environment"]["name"] == "github-pages"
    assert _step(deploy, "actions/deploy-pages")["id"] == "deployment"
    assert github["permissions"] == {"contents": "read"}


def test_github_deployments_never_race(github: dict[Any, Any]) -> None:
    concurrency = github["concurrency"]
    assert "'pages'" in concurrency["group"]
    # Pull requests replace their own older checks; deployments are never cancelled half-way.
    assert concurrency["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_github_actions_are_pinned_to_a_major_version(github: dict[Any, Any]) -> None:
    uses = [
        step["uses"] for job in github["jobs"].values() for step in job["steps"] if "uses" in step
    ]
    assert {use.split("@")[0] for use in uses} == {
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    }
    assert all(re.fullmatch(r"actions/[a-z-]+@v\d+", use) for use in uses), uses


def test_gitlab_runs_on_merge_requests_main_and_schedules(gitlab: dict[Any, Any]) -> None:
    rules = [rule["if"] for rule in gitlab["workflow"]["rules"]]
    assert '$CI_PIPELINE_SOURCE == "merge_request_event"' in rules
    for source in ("push", "schedule"):
        assert (
            f'$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "{source}"' in rules
        )


def test_gitlab_checks_merge_requests(gitlab: dict[Any, Any]) -> None:
    check = gitlab["check"]
    assert [rule["if"] for rule in check["rules"]] == [
        '$CI_PIPELINE_SOURCE == "merge_request_event"'
    ]
    assert check["script"][0] == "greffier check"
    assert "greffier build" in check["script"]


def test_gitlab_publishes_main_with_full_history(gitlab: dict[Any, Any]) -> None:
    assert str(gitlab["variables"]["GIT_DEPTH"]) == "0"
    pages = gitlab["pages"]
    assert [rule["if"] for rule in pages["rules"]] == ["$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"]
    assert pages["script"][-1] == "greffier build --site-dir public"
    assert any("SOURCE_DATE_EPOCH" in line for line in pages["script"])
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["resource_group"] == "pages"


def test_gitlab_installs_greffier_with_python_and_git(gitlab: dict[Any, Any]) -> None:
    default = gitlab["default"]
    image = default["image"]
    assert image.startswith("python:") and _python_version(image.split(":")[1]) >= (3, 11)
    assert "slim" not in image and "alpine" not in image, "the build needs git"
    assert any("pip install" in line for line in default["before_script"])
    assert gitlab["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    assert default["cache"]["paths"] == [".cache/pip"]


@pytest.mark.parametrize("template", [GITHUB, GITLAB], ids=lambda p: p.stem)
def test_templates_need_no_secret_and_say_how_to_pin(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    assert "secrets." not in text
    assert re.search(r'^  GREFFIER_PACKAGE: "\."$', text, re.MULTILINE)
    assert '#   GREFFIER_PACKAGE: "greffier==' in text
    assert 'pip install "$GREFFIER_PACKAGE"' in text


@pytest.mark.parametrize("lang", GUIDES)
def test_guide_links_to_both_templates(lang: str) -> None:
    guide = GUIDES[lang]
    text = guide.read_text(encoding="utf-8")
    assert text.startswith(f"---\nlang: {lang}\n---\n")
    targets = {
        (guide.parent / link).resolve() for link in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text)
    }
    assert {GITHUB, GITLAB} <= targets
    assert all(target.exists() for target in targets), sorted(map(str, targets))
    for phrase in ("fetch-depth: 0", 'GIT_DEPTH: "0"', "greffier check", "greffier serve"):
        assert phrase in text


@pytest.mark.parametrize("lang", GUIDES)
def test_guide_headings_are_in_order(lang: str) -> None:
    text = re.sub(r"```.*?```", "", GUIDES[lang].read_text(encoding="utf-8"), flags=re.DOTALL)
    levels = [len(hashes) for hashes in re.findall(r"^(#+) ", text, re.MULTILINE)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))
