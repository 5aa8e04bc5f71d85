"""The `greffier` command: check, build, serve, and write skeletons of new files.

The CLI adds friendly messages and an atomic output folder around MkDocs; the pages themselves
come from the `greffier` MkDocs plugin, so `mkdocs build` gives the same site.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import traceback
from pathlib import Path
from typing import Any

import click

from .diagnostics import Diagnostics, GreffierError
from .load.wording import Wording
from .models import Channel, Corpus
from .project import Project, locate
from .skeletons import (
    Skeleton,
    contribution_skeleton,
    meeting_skeleton,
    minutes_skeleton,
    process_skeleton,
    write,
)

_CONFIG_OPTION = click.option(
    "-f",
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The site's MkDocs configuration, which enables the greffier plugin.",
)
_DRAFTS_OPTION = click.option(
    "--drafts",
    is_flag=True,
    help="Also publish items marked `draft: true`: for a private preview, never the public site.",
)


class _Greffier(click.Group):
    """Turns every failure into a message an organiser can act on; tracebacks only for bugs."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GreffierError as error:
            raise click.ClickException(str(error)) from error
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:
            if ctx.params.get("debug"):
                traceback.print_exc()
            else:
                click.echo(
                    f"internal error, please report it: {type(error).__name__}: {error}\n"
                    "(run again with `greffier --debug …` to include the traceback in the report)",
                    err=True,
                )
            ctx.exit(2)


@click.group(cls=_Greffier, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Print the traceback of internal errors.")
@click.version_option(package_name="greffier")
def main(debug: bool) -> None:
    """Publish participatory processes as an accessible static site."""
    _show_mkdocs_messages(logging.DEBUG if debug else logging.INFO)


@main.command()
@_CONFIG_OPTION
def check(config_file: Path) -> None:
    """Validate every process and print every problem, as `path:line: error: message`."""
    project = locate(config_file)
    corpus, diagnostics = _load(project)
    _report(diagnostics, Wording(project.language), corpus=corpus)
    if diagnostics.errors:
        raise click.exceptions.Exit(1)


@main.command()
@_CONFIG_OPTION
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where to publish the site (default: site_dir of mkdocs.yml).",
)
@_DRAFTS_OPTION
@click.option(
    "--clean",
    is_flag=True,
    help="Accepted for MkDocs compatibility: every greffier build starts from an empty folder.",
)
def build(config_file: Path, site_dir: Path | None, drafts: bool, clean: bool) -> None:
    """Check the processes, then build the site and publish it in one step.

    If anything fails, the previous site stays in place, complete.
    """
    from .build import build_site

    project = locate(config_file)
    _check_before_building(project)
    built = build_site(project, site_dir=site_dir, drafts=drafts)
    click.echo(f"Site built in {_display(built.site_dir)}: {built.pages} pages.")


@main.command()
@_CONFIG_OPTION
@_DRAFTS_OPTION
@click.option(
    "-a", "--dev-addr", metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000)."
)
def serve(config_file: Path, drafts: bool, dev_addr: str | None) -> None:
    """Preview the site, rebuilt and reloaded on every change (processes/ included)."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    project = locate(config_file)
    project.require_plugin()
    _check_before_building(project)
    overrides: dict[str, Any] = {"dev_addr": dev_addr}
    if drafts:
        overrides["plugins"] = project.plugins_with(drafts=True)
    try:
        mkdocs_serve(
            str(project.config_file),
            livereload=True,
            watch=[str(project.processes_path)],
            **overrides,
        )
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        raise click.ClickException(
            f"{dev_addr or 'the address in mkdocs.yml (dev_addr)'} is already in use: stop the "
            "other server, or choose another address with --dev-addr 127.0.0.1:8001"
        ) from error


@main.group()
@_CONFIG_OPTION
@click.pass_context
def new(ctx: click.Context, config_file: Path) -> None:
    """Write a commented skeleton: a process, a meeting, minutes or a contribution.

    Every skeleton passes `greffier check` and starts as a draft, never published until you
    remove its `draft: true` line.
    """
    ctx.obj = locate(config_file)


@new.command("process")
@click.argument("slug")
@click.option("--title", help="Title of the process (you can change it in process.yml).")
@click.pass_obj
def new_process(project: Project, slug: str, title: str | None) -> None:
    """A process folder: SLUG becomes its address, e.g. tramway-ligne-b."""
    _write(
        process_skeleton(
            _display(project.processes_path),
            slug,
            title=title or slug.replace("-", " ").capitalize(),
            opens=dt.date.today(),
            schemas=project.root / "docs" / "schemas",
        )
    )


@new.command("meeting")
@click.argument("slug")
@click.argument("id_or_title", metavar="ID_OR_TITLE")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Day of the meeting, YYYY-MM-DD (default: the date in the id, else today).",
)
@click.pass_obj
def new_meeting(project: Project, slug: str, id_or_title: str, day: dt.datetime | None) -> None:
    """A meeting of process SLUG, given its id (2026-03-12-reunion) or its title."""
    _write(
        [
            meeting_skeleton(
                _display(project.processes_path),
                slug,
                id_or_title,
                day=day.date() if day else None,
                today=dt.date.today(),
            )
        ]
    )


@new.command("minutes")
@click.argument("slug")
@click.option("--meeting", required=True, help="Id of the meeting (its file name without .md).")
@click.pass_obj
def new_minutes(project: Project, slug: str, meeting: str) -> None:
    """The minutes of a meeting of process SLUG."""
    _write(
        [minutes_skeleton(_display(project.processes_path), slug, meeting, today=dt.date.today())]
    )


@new.command("contribution")
@click.argument("slug")
@click.option(
    "--channel",
    type=click.Choice([channel.value for channel in Channel]),
    default=Channel.online.value,
    show_default=True,
    help="How the contribution was received.",
)
@click.option("--id", "contribution_id", help="Its id (default: the next free c-NNNN).")
@click.pass_obj
def new_contribution(
    project: Project, slug: str, channel: str, contribution_id: str | None
) -> None:
    """A contribution to process SLUG, e.g. one received on paper, to transcribe."""
    _write(
        [
            contribution_skeleton(
                _display(project.processes_path),
                slug,
                channel=Channel(channel),
                today=dt.date.today(),
                contribution_id=contribution_id,
            )
        ]
    )


def _load(project: Project) -> tuple[Corpus, Diagnostics]:
    from .load import load_corpus

    if not project.processes_path.is_dir():
        raise GreffierError(
            f"{_display(project.processes_path)}/: no such folder; "
            "create a first process with `greffier new process <slug>`"
        )
    return load_corpus(project.root, processes_dir=project.processes_dir, language=project.language)


def _check_before_building(project: Project) -> None:
    """Refuse to build on any content error, with the same report as `greffier check`.

    Warnings are left to the plugin, which logs them during the build itself.
    """
    _, diagnostics = _load(project)
    if diagnostics.errors:
        _report(diagnostics, Wording(project.language), err=True)
        raise click.exceptions.Exit(1)


def _report(
    diagnostics: Diagnostics, say: Wording, *, corpus: Corpus | None = None, err: bool = False
) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=err)
    totals = ", ".join(
        [
            say.count("error", len(diagnostics.errors)),
            say.count("warning", len(diagnostics.warnings)),
        ]
    )
    if corpus is None:
        click.echo(say("summary.fix", totals=totals), err=err)
        return
    processes = corpus.processes
    checked = ", ".join(
        [
            say.count("process", len(processes)),
            say.count("meeting", sum(len(p.meetings) for p in processes)),
            say.count("minutes", sum(len(p.minutes) for p in processes)),
            say.count("document", sum(len(p.documents) for p in processes)),
            say.count("contribution", sum(len(p.contributions) for p in processes)),
        ]
    )
    click.echo(say("summary.checked", checked=checked, totals=totals), err=err)


def _display(path: Path) -> Path:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _show_mkdocs_messages(level: int) -> None:
    # MkDocs logs its progress and its warnings; without a handler they would be lost.
    logger = logging.getLogger("mkdocs")
    logger.setLevel(level)
    if not any(isinstance(handler, _EchoHandler) for handler in logger.handlers):
        handler = _EchoHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)


class _EchoHandler(logging.Handler):
    """Writes to the standard error of the moment (click's test runner swaps it)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


def _write(skeletons: list[Skeleton]) -> None:
    write(skeletons)
    for skeleton in skeletons:
        click.echo(f"Created {_display(skeleton.path)}")
    them = "it" if len(skeletons) == 1 else "them"
    click.echo(
        f"Fill {them} in, then run `greffier check`; "
        "remove the `draft: true` line when ready to publish."
    )
