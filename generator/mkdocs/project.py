"""Where a Greffier project lives: its mkdocs.yml, its root and its processes folder.

The CLI reads mkdocs.yml itself (not through MkDocs' full validation) so that `greffier check`
and `greffier new` keep working, with a clear message, even when the theme or a plugin is broken.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import ConfigurationError
from ..i18n.wording import LANGUAGES, Wording, messages_language, unknown_language
from ..site import Settings
from .config import (
    DEFAULT_LANGUAGE,
    GreffierConfig,
    mkdocs_default,
    plugin_config,
    settings,
)

PLUGIN_NAME = "greffier"


@dataclass(frozen=True)
class Project:
    config_file: Path
    """Absolute path of mkdocs.yml."""
    raw_config: dict[str, Any]
    """mkdocs.yml as written (with `INHERIT` merged and `!ENV` resolved)."""

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def plugin_options(self) -> dict[str, Any]:
        """The options given to the greffier plugin in mkdocs.yml (empty when none)."""
        for name, options in _plugin_entries(self.raw_config.get("plugins")):
            if name == PLUGIN_NAME:
                return options
        return {}

    @property
    def uses_plugin(self) -> bool:
        return any(
            name == PLUGIN_NAME for name, _ in _plugin_entries(self.raw_config.get("plugins"))
        )

    @property
    def options(self) -> GreffierConfig:
        """The plugin's options, validated by the schema MkDocs uses, defaults filled in."""
        return plugin_config(self.plugin_options, self.config_file, self.say)

    @property
    def processes_dir(self) -> str:
        return self.options.processes_dir

    def setting(self, name: str) -> Any:
        """A top-level setting of mkdocs.yml, MkDocs' default when it is not written."""
        written = self.raw_config.get(name)
        return mkdocs_default(name) if written is None else written

    def settings(self, site_dir: Path | None = None, **options: Any) -> Settings:
        """The core's settings, as the plugin would make them (`options` override the plugin's
        options of mkdocs.yml, as `plugins_with` does for a build)."""
        return settings(
            plugin_config({**self.plugin_options, **options}, self.config_file, self.say),
            config_file=self.config_file,
            raw=self.raw_config,
            language=self.language,
            site_dir=site_dir,
        )

    @property
    def docs_dir(self) -> str:
        """The folder of the site's own pages (`docs_dir` of mkdocs.yml, `docs` by default)."""
        return str(self.setting("docs_dir"))

    @property
    def processes_path(self) -> Path:
        return self.root / self.processes_dir

    @property
    def schemas_path(self) -> Path:
        """Where the project keeps the JSON Schemas that skeletons' editor lines point to:
        `docs/schemas` (Greffier's own repository, which publishes them), else `schemas` (a
        repository made by `greffier init`)."""
        published = self.root / self.docs_dir / "schemas"
        return published if published.is_dir() else self.root / "schemas"

    @property
    def language(self) -> str:
        """The site's language (`theme.language`), in which organisers read every message."""
        theme = self.raw_config.get("theme")
        written = theme.get("language") if isinstance(theme, dict) else None
        language = DEFAULT_LANGUAGE if written is None else str(written)
        if language not in LANGUAGES:
            raise ConfigurationError(f"{self.config_file}: {unknown_language(language)}")
        return language

    @property
    def say(self) -> Wording:
        """Greffier's messages in the site's language (or the run's, `greffier --lang`)."""
        return Wording(messages_language(self.language))

    def plugins_with(self, **options: Any) -> dict[str, dict[str, Any]]:
        """The `plugins` of mkdocs.yml with extra options for the greffier plugin.

        Passed to `load_config(plugins=...)`, it overrides the file on every (re)load, which is
        how `greffier serve --drafts` keeps previewing drafts after each live reload. A mapping,
        not a list: MkDocs empties the list's items as it reads them.
        """
        self.require_plugin()
        return {
            name: {**current, **options} if name == PLUGIN_NAME else current
            for name, current in _plugin_entries(self.raw_config.get("plugins"))
        }

    def require_plugin(self) -> None:
        if not self.uses_plugin:
            raise ConfigurationError(
                f"{self.config_file}: {self.say('config.no_plugin', plugin=PLUGIN_NAME)}"
            )


def _plugin_entries(plugins: object) -> list[tuple[str, dict[str, Any]]]:
    """Normalise MkDocs' two spellings of `plugins:` (a list, or a mapping) to (name, options)."""
    if isinstance(plugins, dict):
        return [(str(name), dict(options or {})) for name, options in plugins.items()]
    entries: list[tuple[str, dict[str, Any]]] = []
    for item in plugins if isinstance(plugins, list) else []:
        if isinstance(item, str):
            entries.append((item, {}))
        elif isinstance(item, dict):
            entries.extend((str(name), dict(options or {})) for name, options in item.items())
    return entries


def locate(config_file: Path) -> Project:
    """Read mkdocs.yml; every failure names the file and says what to do.

    Until mkdocs.yml is read its `theme.language` is unknown: these failures are worded in
    Greffier's default language, the one of a site that sets none.
    """
    from mkdocs.exceptions import ConfigurationError as MkDocsConfigurationError
    from mkdocs.utils.yaml import yaml_load

    say = Wording(DEFAULT_LANGUAGE)
    path = config_file.expanduser().resolve()
    if not path.is_file():
        raise ConfigurationError(f"{config_file}: {say('config.missing')}")
    try:
        with path.open("rb") as stream:
            raw = yaml_load(stream)
    except MkDocsConfigurationError as error:
        raise ConfigurationError(
            f"{config_file}: {say('config.unusable', problem=error)}"
        ) from error
    except OSError as error:
        raise ConfigurationError(
            f"{config_file}: {say('file.unreadable', reason=error.strerror)}"
        ) from error
    if not isinstance(raw, dict):
        raise ConfigurationError(f"{config_file}: {say('config.not_settings')}")
    return Project(config_file=path, raw_config=raw)
