"""The greffier plugin's options: declared once, here, with their defaults and documentation.

MkDocs validates them when it loads mkdocs.yml; the `greffier` command validates the same
options through the same schema (`plugin_config`), and both turn them into the core's
`Settings` with `settings`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from ..diagnostics import ConfigurationError, SourceLocation
from ..i18n.wording import Wording, messages_language
from ..present.forge import PLACEHOLDER, ForgeError, forge_for
from ..present.options import Audit, LegalInfo
from ..site import Settings
from .messages import translated

DEFAULT_LANGUAGE = "fr"
"""Greffier's interface language when mkdocs.yml sets no `theme.language` (Material's is
English)."""


class GreffierConfig(base.Config):
    """Options of the `greffier` plugin in mkdocs.yml."""

    processes_dir = c.Type(str, default="processes")
    """Folder holding one sub-folder per process, relative to mkdocs.yml."""
    drafts = c.Type(bool, default=False)
    """Publish items marked `draft: true` too: for previews (`greffier serve --drafts`) only."""
    page_size = c.Type(int, default=50)
    """Contributions per page in the contributions lists and their filters."""
    history = c.Type(bool, default=True)
    """Read the git history: every item page then says when it was first put online and last
    changed, and links to its history page (each version, what changed, a permalink of its
    text). Outside a git repository pages say history is unavailable; files not yet committed
    are still built, marked as unpublished changes."""
    commit_url = c.Optional(c.Type(str))
    """Address of a commit on the forge, with `{commit}` where its full id goes (e.g.
    `https://git.example.org/ville/concertations/commit/{commit}`). Each version in the history
    pages, each journal entry and the footer's "built from commit" then link to it. Derived from
    `repo_url` on GitHub, GitLab (Framagit...), Gitea, Forgejo (Codeberg), SourceHut and
    Bitbucket; this option names any other forge, and overrides the derived address."""
    exports = c.Type(bool, default=True)
    """Make each process's offline files (tagged PDF dossier and its large-print variant, ODT,
    DOCX, EPUB, a single offline HTML file, a PDF per minutes and Markdown document, meeting
    notices and the paper contribution form) and its downloads page. Files are cached in
    `.cache/greffier/exports/` and made again only when their content changes; turn this off
    for quick previews (`greffier build --no-exports`)."""
    search_index = c.Type(bool, default=True)
    """Index the built site with Pagefind (the search page needs it)."""
    publisher = c.Type(str, default="")
    """Legal name of the body publishing the site (mentions légales, accessibility statement)."""
    publisher_address = c.Type(str, default="")
    """Postal address of the publisher."""
    publication_director = c.Type(str, default="")
    """Directeur ou directrice de la publication (name and role)."""
    contact_email = c.Type(str, default="")
    """E-mail for questions about the site, personal data and accessibility."""
    host = c.Type(str, default="")
    """Name of the hosting provider."""
    host_address = c.Type(str, default="")
    """Postal address (and phone) of the hosting provider."""
    audit_date = c.Optional(c.Type(dt.date))
    """Date of the RGAA audit of the site; without an audit the site is declared "non conforme"."""
    audit_by = c.Optional(c.Type(str))
    """Who carried out the RGAA audit."""
    audit_rate = c.Optional(c.Type((int, float)))
    """Share of RGAA criteria met according to the audit, in percent."""


def plugin_config(options: dict[str, Any], config_file: Path, say: Wording) -> GreffierConfig:
    """The plugin's options as written in mkdocs.yml, validated by the schema MkDocs uses (its
    problems said in `say`'s language)."""
    config = GreffierConfig(config_file_path=str(config_file))
    config.load_dict(options)
    errors, _ = config.validate()
    if errors:
        problems = "; ".join(f"{name}: {translated(str(error), say)}" for name, error in errors)
        raise ConfigurationError(f"{config_file}: plugins.greffier: {problems}")
    return config


def mkdocs_default(name: str) -> Any:
    """MkDocs' own default for a top-level setting of mkdocs.yml (`docs_dir`, `site_dir`…)."""
    return getattr(MkDocsConfig, name).default


def settings(
    options: GreffierConfig,
    *,
    config_file: Path,
    raw: dict[str, Any],
    language: str,
    site_dir: Path | None = None,
) -> Settings:
    """The core's settings from the plugin's validated options and mkdocs.yml's values (`raw`:
    the settings as MkDocs validated them, or as written in the file)."""
    root = config_file.parent

    def value(name: str) -> Any:
        written = raw.get(name)
        return mkdocs_default(name) if written is None else written

    say = Wording(messages_language(language))
    try:
        forge_for(raw.get("repo_url") or None, options.commit_url)
    except ForgeError as error:
        problem = say(f"forge.{error.problem}", pattern=error.pattern, placeholder=PLACEHOLDER)
        raise ConfigurationError(f"greffier: {problem}") from error
    if options.page_size < 1:
        raise ConfigurationError(f"greffier: {say('config.page_size')}")
    docs = Path(value("docs_dir"))
    site = site_dir if site_dir is not None else root / value("site_dir")
    return Settings(
        root=root,
        processes_dir=options.processes_dir,
        docs_dir=Path(os.path.relpath(root / docs, root)).as_posix(),
        site_dir=site,
        language=language,
        site_name=str(raw.get("site_name") or ""),
        site_url=_directory(str(raw.get("site_url") or "")) or None,
        repo_url=str(raw.get("repo_url") or "") or None,
        commit_url=options.commit_url,
        use_directory_urls=bool(value("use_directory_urls")),
        drafts=options.drafts,
        page_size=options.page_size,
        history=options.history,
        exports=options.exports,
        legal=_legal(options, say),
        options_at=_options_at(config_file),
    )


_PLUGINS = re.compile(r"plugins\s*:\s*(?:#.*)?")
_ENTRY = re.compile(r"\s*(?:-\s*)?greffier\s*(?::\s*)?(?:#.*)?")


def _options_at(config_file: Path) -> SourceLocation:
    """The line of mkdocs.yml naming the greffier plugin under `plugins:`; its first line when
    it is named elsewhere (a file it inherits from) or cannot be read."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    in_plugins = False
    for number, line in enumerate(lines, start=1):
        if _PLUGINS.fullmatch(line.rstrip()):
            in_plugins = True
        elif in_plugins and _ENTRY.fullmatch(line.rstrip()):
            return SourceLocation(config_file.name, number)
    return SourceLocation(config_file.name)


def _directory(url: str) -> str:
    # MkDocs' own rule for `site_url`: an address of a folder.
    return url if not url or url.endswith("/") else f"{url}/"


def _legal(options: GreffierConfig, say: Wording) -> LegalInfo:
    audit_fields = (options.audit_date, options.audit_by, options.audit_rate)
    if any(v is not None for v in audit_fields) and None in audit_fields:
        raise ConfigurationError(f"greffier: {say('config.audit_together')}")
    audit = None
    if options.audit_date is not None and options.audit_by and options.audit_rate is not None:
        audit = Audit(
            date=options.audit_date, auditor=options.audit_by, rate=float(options.audit_rate)
        )
    return LegalInfo(
        publisher=options.publisher,
        publisher_address=options.publisher_address,
        publication_director=options.publication_director,
        contact_email=options.contact_email,
        host=options.host,
        host_address=options.host_address,
        audit=audit,
    )
