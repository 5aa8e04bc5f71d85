"""What Greffier needs of Material for MkDocs, its host theme: checked, extended, imitated."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils.yaml import yaml_load

from ..i18n.translator import LANGUAGES
from ..i18n.wording import Wording, messages_language, unknown_language
from ..present.theme import theme_dir
from .config import DEFAULT_LANGUAGE
from .messages import speak

log = logging.getLogger("mkdocs.plugins.greffier")

STYLESHEET = "assets/greffier.css"
_MATERIAL_STYLESHEETS = ("assets/stylesheets/main.", "assets/stylesheets/palette.")


def check_theme(config: MkDocsConfig) -> str:
    """Refuse a theme Greffier's pages cannot live in; returns the site's language."""
    language = interface_language(config)
    if language not in LANGUAGES:
        raise PluginError(f"greffier: {unknown_language(language)}")
    say = Wording(messages_language(language))
    if config.theme.name != "material":
        raise PluginError(f"greffier: {say('config.theme', theme=config.theme.name)}")
    # From here on MkDocs' lines too are in the site's language, these warnings included.
    speak(say.language)
    for lunr in ("search", "material/search"):
        if lunr in config.plugins:
            log.warning(say("config.lunr", plugin=lunr))
    if not config.site_url:
        log.warning(say("config.no_site_url"))
    return language


def add_greffier_theme(config: MkDocsConfig) -> None:
    """Greffier's templates and stylesheet, where the organiser's own still win."""
    # Right after the organiser's custom_dir, so their overrides still win over ours.
    # (Checked first: `mkdocs serve` may hand the same config to a second build.)
    dirs = config.theme.dirs
    if str(theme_dir()) not in dirs:
        custom = config.theme.custom_dir
        position = 1 if custom and dirs and Path(dirs[0]) == Path(custom) else 0
        dirs.insert(position, str(theme_dir()))
    # First, so the organiser's own extra_css can override it.
    if STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, STYLESHEET)


def interface_language(config: MkDocsConfig) -> str:
    """theme.language as written in mkdocs.yml, French when it is not.

    Material defaults to English; Greffier's default is French, so an unset language is set here
    for Material's own strings too.
    """
    if written_language(config.config_file_path) is None:
        config.theme["language"] = DEFAULT_LANGUAGE
    return str(config.theme["language"])


def written_language(config_file_path: str | None) -> str | None:
    """theme.language as mkdocs.yml writes it, if it does."""
    if not config_file_path or not Path(config_file_path).is_file():
        return None
    with open(config_file_path, "rb") as file:
        raw = yaml_load(file) or {}
    theme = raw.get("theme") if isinstance(raw, dict) else None
    written = theme.get("language") if isinstance(theme, dict) else None
    return str(written) if written is not None else None
