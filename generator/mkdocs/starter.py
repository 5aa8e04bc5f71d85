"""`greffier init`: a content repository of its own, which builds as soon as it is written.

What an organiser starting from nothing needs and cannot guess: an `mkdocs.yml` that enables
the plugin, with every option present as a comment that says what it does (from the one schema,
see `reference`); one process to fill in (the `greffier new process` skeleton, a draft); the
JSON Schemas its files' editor lines point to, in the repository itself; the CI files that
check and publish the site on GitHub or GitLab, pinned to the installed Greffier.
"""

from __future__ import annotations

import datetime as dt
from importlib.metadata import version
from pathlib import Path

from ..export.schemas import json_schemas, schema_filename, schema_text
from ..i18n.wording import Wording
from ..present.theme import ci_templates_dir
from ..skeletons import Skeleton, SkeletonError, process_skeleton
from .reference import commented_options, wrapped

SCHEMAS = "schemas"
"""Folder of the JSON Schemas in a content repository (`docs/schemas` in Greffier's own)."""
CI_FILES = {
    "github-pages.yml": ".github/workflows/greffier.yml",
    "gitlab-pages.yml": ".gitlab-ci.yml",
}
"""Greffier's CI template -> where a content repository keeps it."""
_PACKAGE_LINE = 'GREFFIER_PACKAGE: "."'
"""The templates install Greffier from its own checkout; a content repository installs it."""
_IGNORED = "# Built by greffier build, and its caches\nsite/\n.cache/\n"


def starter_files(
    root: Path, *, language: str, site_name: str, slug: str, today: dt.date, say: Wording
) -> list[Skeleton]:
    """Every file of a new content repository in `root`, refused where one already exists."""
    if (root / "mkdocs.yml").exists():
        raise SkeletonError(f"{root / 'mkdocs.yml'}: {say('init.exists')}")
    process = process_skeleton(
        root / "processes",
        slug,
        title=say("init.process_title"),
        opens=today,
        schemas=root / SCHEMAS,
        language=language,
        say=say,
    )
    schemas = [
        Skeleton(root / SCHEMAS / schema_filename(name), schema_text(schema))
        for name, schema in json_schemas().items()
    ]
    return [
        Skeleton(root / "mkdocs.yml", mkdocs_yml(language, site_name, say)),
        Skeleton(root / ".gitignore", _IGNORED),
        # MkDocs refuses a missing docs folder and git keeps no empty one; MkDocs ignores files
        # whose names start with a dot.
        Skeleton(root / "docs" / ".gitkeep", ""),
        *process,
        *schemas,
        *ci_files(root),
    ]


def mkdocs_yml(language: str, site_name: str, say: Wording) -> str:
    intro = [f"# {line}" for line in wrapped(say("init.mkdocs_intro"), 96)]
    return "\n".join(
        [
            *intro,
            f"site_name: {_quoted(site_name)}",
            f"# {say('init.site_url')}",
            "# site_url: https://concertation.example.org/",
            "# repo_url: https://git.example.org/ville/concertations",
            "",
            "theme:",
            "  name: material",
            f"  # {say('init.language')}",
            f"  language: {language}",
            "  features: [navigation.prune]",
            "",
            "plugins:",
            "  - greffier:",
            commented_options(language),
            "",
        ]
    )


def ci_files(root: Path) -> list[Skeleton]:
    pinned = f'GREFFIER_PACKAGE: "greffier=={version("greffier")}"'
    templates = ci_templates_dir()
    return [
        Skeleton(root / target, _pinned((templates / name).read_text("utf-8"), pinned))
        for name, target in CI_FILES.items()
    ]


def _pinned(template: str, package_line: str) -> str:
    if _PACKAGE_LINE not in template:
        raise ValueError(f"the CI template no longer has the line {_PACKAGE_LINE}")
    return template.replace(_PACKAGE_LINE, package_line)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
