"""The `greffier` command: check, build, serve, and write skeletons of new files.

Every command asks the core for the same site plan (`greffier.site.plan_site`): `check` without
its pages, `export` restricted to the offline files, `build` and `serve` hosted by MkDocs through
the `greffier` plugin, so `mkdocs build` gives the same site.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from .diagnostics import Diagnostics, GreffierError
from .i18n.command_help import speak as speak_help
from .i18n.wording import LANGUAGE_VARIABLE, LANGUAGES, Wording
from .mkdocs.config import DEFAULT_LANGUAGE
from .mkdocs.messages import translated
from .mkdocs.project import Project, locate
from .mkdocs.starter import starter_files
from .models import Channel, Corpus
from .present.software import DISTRIBUTION
from .skeletons import (
    Skeleton,
    contribution_skeleton,
    meeting_skeleton,
    minutes_skeleton,
    process_skeleton,
    write,
)

if TYPE_CHECKING:
    from .importers.common import ImportReport
    from .site import SitePlan

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


_WORDING = "greffier.wording"
"""Where `_open` leaves the site's language in `click.Context.meta`, shared by every command."""


def _open(config_file: Path) -> Project:
    """Read mkdocs.yml; from then on the CLI speaks the site's language."""
    project = locate(config_file)
    click.get_current_context().meta[_WORDING] = project.say
    return project


def _say(ctx: click.Context) -> Wording:
    """The site's language once mkdocs.yml is read, Greffier's default language before."""
    wording = ctx.meta.get(_WORDING)
    return wording if isinstance(wording, Wording) else Wording(DEFAULT_LANGUAGE)


class _Refusal(click.ClickException):
    """A `GreffierError`, shown the way Click shows errors but with its prefix translated."""

    def __init__(self, message: str, say: Wording) -> None:
        super().__init__(message)
        self.say = say

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.say("cli.error", message=self.format_message()), file=file, err=True)


class _Greffier(click.Group):
    """Turns every failure into a message an organiser can act on; tracebacks only for bugs.
    Speaks one language throughout, its help and Click's words included."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        speak_help(self, _language_of(arguments))
        return super().main(arguments, *rest, **options)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GreffierError as error:
            raise _Refusal(str(error), _say(ctx)) from error
        except click.ClickException as error:
            # MkDocs stops with its own words ("Aborted with a BuildError!"): the site's.
            error.message = translated(error.message, _say(ctx))
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except OSError as error:
            # The machine, not Greffier: a full or read-only disk, a refused permission, a file
            # where a folder should be. A build writes to a staging folder: the site is intact.
            if ctx.params.get("debug"):
                traceback.print_exc()
            say = _say(ctx)
            message = _system_failure(error, say)
            if ctx.invoked_subcommand == "build":
                message = f"{message} ({say('cli.site_unchanged')})"
            raise _Refusal(message, say) from error
        except Exception as error:
            if ctx.params.get("debug"):
                traceback.print_exc()
            else:
                message = _say(ctx)("cli.internal_error", kind=type(error).__name__, error=error)
                click.echo(message, err=True)
            ctx.exit(2)


_CAUSES = {
    errno.ENOSPC: "system.no_space",
    errno.EDQUOT: "system.no_space",
    errno.EROFS: "system.read_only",
    errno.EACCES: "system.denied",
    errno.EPERM: "system.denied",
    errno.ENOTDIR: "system.not_a_folder",
    errno.EISDIR: "system.a_folder",
    errno.ENOENT: "system.missing",
    errno.EEXIST: "system.file_in_the_way",
}
"""The failures an organiser can fix, in the site's language; others keep the system's words."""


def _system_failure(error: OSError, say: Wording) -> str:
    """What the system refused and where: the file named by the error, when it names one."""
    key = _CAUSES.get(error.errno) if error.errno is not None else None
    reason = say(key) if key else (error.strerror or str(error))
    path = error.filename
    if isinstance(path, str | bytes | os.PathLike):
        return say("system.failure", path=_display(Path(os.fsdecode(path))), reason=reason)
    return say("system.failure.unnamed", reason=reason)


def _language_of(arguments: list[str]) -> str:
    """The language of a run, known before Click reads anything (the help is in it too):
    `--lang`, else the site's (`theme.language` of the mkdocs.yml the command would read),
    else Greffier's default."""
    forced = _value_of(arguments, ("--lang",))
    if forced in LANGUAGES:
        return forced
    config = Path(_value_of(arguments, ("-f", "--config")) or "mkdocs.yml")
    try:
        return locate(config).language if config.is_file() else DEFAULT_LANGUAGE
    except (GreffierError, OSError):
        return DEFAULT_LANGUAGE


def _value_of(arguments: list[str], names: tuple[str, ...]) -> str | None:
    for index, argument in enumerate(arguments):
        name, equals, value = argument.partition("=")
        if name in names:
            if equals:
                return value
            return arguments[index + 1] if index + 1 < len(arguments) else None
    return None


@click.group(
    cls=_Greffier,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option("--debug", is_flag=True, help="Print the traceback of internal errors.")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help="Language of this run's help and messages (default: the site's, theme.language).",
)
@click.version_option(package_name=DISTRIBUTION)
def main(debug: bool, lang: str | None) -> None:
    """Publish participatory processes as an accessible static site."""
    if lang is not None:
        # Read by every part of the run that speaks, MkDocs' lines included (`messages_language`).
        os.environ[LANGUAGE_VARIABLE] = lang
    _show_mkdocs_messages(logging.DEBUG if debug else logging.INFO)


@main.command(short_help="Validate every process and list every problem.")
@_CONFIG_OPTION
def check(config_file: Path) -> None:
    """Validate every process and print every problem, as `path:line: error: message`."""
    project = _open(config_file)
    plan = _plan(project, exports=False)
    _report(plan.diagnostics, project.say, corpus=plan.corpus)
    if not plan.publishable:
        raise click.exceptions.Exit(1)


@main.command(short_help="Check, build the site and publish it in one step.")
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
    help="Build even if nothing changed since the site was published (every build starts from "
    "an empty folder).",
)
@click.option(
    "--no-exports",
    is_flag=True,
    help="Skip the offline files (PDF, ODT, DOCX, EPUB, notices, forms): for quick previews.",
)
def build(
    config_file: Path, site_dir: Path | None, drafts: bool, clean: bool, no_exports: bool
) -> None:
    """Check the processes, then build the site and publish it in one step.

    If anything fails, the previous site stays in place, complete.
    """
    from .mkdocs.build import build_site

    project = _open(config_file)
    _require_processes(project)
    built = build_site(
        project,
        site_dir=site_dir,
        drafts=drafts,
        exports=not no_exports,
        check=partial(_refuse_errors, say=project.say),
        force=clean,
    )
    say = project.say
    key = "cli.unchanged" if built.unchanged else "cli.built"
    click.echo(say(key, folder=_display(built.site_dir), pages=say.count("page", built.pages)))


@main.command(short_help="Preview the site, reloaded on every change.")
@_CONFIG_OPTION
@_DRAFTS_OPTION
@click.option(
    "-a", "--dev-addr", metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000)."
)
@click.option(
    "--exports",
    is_flag=True,
    help="Also make the offline files on every rebuild (off by default: previews stay quick).",
)
def serve(config_file: Path, drafts: bool, dev_addr: str | None, exports: bool) -> None:
    """Preview the site, rebuilt and reloaded on every change (processes/ included)."""
    from .mkdocs.build import serve_site

    project = _open(config_file)
    project.require_plugin()
    _refuse_errors(_plan(project, exports=False), project.say)
    try:
        serve_site(project, drafts=drafts, exports=exports, dev_addr=dev_addr)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        say = project.say
        address = (
            say("cli.address", address=dev_addr) if dev_addr else say("cli.configured_address")
        )
        raise GreffierError(say("cli.address_in_use", address=address)) from error


@main.command(short_help="Create a content repository of your own.")
@click.argument(
    "directory", default=".", type=click.Path(file_okay=False, path_type=Path), metavar="[DIR]"
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(["fr", "en"]),
    default=DEFAULT_LANGUAGE,
    help="Language of the site and of its messages.",
)
@click.option("--name", "site_name", help="Name of the site (default: the folder's name).")
@click.option("--process", "slug", default="ma-demarche", help="Address of the first process.")
def init(directory: Path, language: str, site_name: str | None, slug: str) -> None:
    """Create a content repository in DIR: mkdocs.yml with every option as a comment, a first
    process (a draft), the JSON Schemas its editor lines use, and CI files for GitHub and
    GitLab."""
    say = Wording(language)
    click.get_current_context().meta[_WORDING] = say
    root = directory.absolute()
    files = starter_files(
        _display(root),
        language=language,
        site_name=site_name or root.name,
        slug=slug,
        today=dt.date.today(),
        say=say,
    )
    write(files, say)
    click.echo(say("init.created", path=_display(root), count=len(files)))
    click.echo(say("init.next", slug=slug))


@main.group(short_help="Write a commented skeleton (a draft).")
@_CONFIG_OPTION
@click.pass_context
def new(ctx: click.Context, config_file: Path) -> None:
    """Write a commented skeleton: a process, a meeting, minutes or a contribution.

    Every skeleton passes `greffier check` and starts as a draft, never published until you
    remove its `draft: true` line.
    """
    ctx.obj = _open(config_file)


@new.command("process", short_help="A process folder.")
@click.argument("slug")
@click.option("--title", help="Title of the process (you can change it in process.yml).")
@click.pass_obj
def new_process(project: Project, slug: str, title: str | None) -> None:
    """A process folder: SLUG becomes its address, e.g. tramway-ligne-b."""
    _write(
        project,
        process_skeleton(
            _display(project.processes_path),
            slug,
            title=title or slug.replace("-", " ").capitalize(),
            opens=dt.date.today(),
            schemas=project.schemas_path,
            language=project.language,
            say=project.say,
        ),
    )


@new.command("meeting", short_help="A meeting of a process.")
@click.argument("slug")
@click.argument("id_or_title", metavar="ID_OR_TITLE")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Day of the meeting (default: the date in the id, else today).",
)
@click.pass_obj
def new_meeting(project: Project, slug: str, id_or_title: str, day: dt.datetime | None) -> None:
    """A meeting of process SLUG, given its id (2026-03-12-reunion) or its title."""
    _write(
        project,
        [
            meeting_skeleton(
                _display(project.processes_path),
                slug,
                id_or_title,
                day=day.date() if day else None,
                today=dt.date.today(),
                language=project.language,
                say=project.say,
            )
        ],
    )


@new.command("minutes", short_help="The minutes of a meeting.")
@click.argument("slug")
@click.option("--meeting", required=True, help="Id of the meeting (its file name without .md).")
@click.pass_obj
def new_minutes(project: Project, slug: str, meeting: str) -> None:
    """The minutes of a meeting of process SLUG."""
    _write(
        project,
        [
            minutes_skeleton(
                _display(project.processes_path),
                slug,
                meeting,
                today=dt.date.today(),
                language=project.language,
                say=project.say,
            )
        ],
    )


@new.command("contribution", short_help="A contribution, e.g. received on paper.")
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
        project,
        [
            contribution_skeleton(
                _display(project.processes_path),
                slug,
                channel=Channel(channel),
                today=dt.date.today(),
                contribution_id=contribution_id,
                language=project.language,
                say=project.say,
            )
        ],
    )


@main.group("import", short_help="Import a Decidim export, a CSV form, minutes.")
@_CONFIG_OPTION
@click.pass_context
def import_group(ctx: click.Context, config_file: Path) -> None:
    """Import into a process what was written elsewhere: a Decidim export, a form, minutes.

    Re-running a Decidim or CSV import updates what came from the source and keeps what
    organisers added (answers, dispositions, themes, moderation, replies).
    """
    ctx.obj = _open(config_file)


@import_group.command("decidim", short_help="A Decidim open-data export.")
@click.argument("export", type=click.Path(path_type=Path))
@click.option("--process", "slug", required=True, help="Slug of the process to import into.")
@click.pass_obj
def import_decidim(project: Project, export: Path, slug: str) -> None:
    """A Decidim open-data export: a folder or a .zip of its CSV files."""
    from .importers.common import open_target
    from .importers.decidim import import_decidim as run

    target = open_target(project.processes_path, slug, project.say)
    _contributions_report(run(export, target, project.say), export, project.say)


@import_group.command("csv", short_help="A form export in CSV.")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--process", "slug", required=True, help="Slug of the process to import into.")
@click.option(
    "--map",
    "mapping",
    required=True,
    type=click.Path(path_type=Path),
    help="YAML file mapping contribution fields to the CSV's columns or to fixed values.",
)
@click.option("--encoding", help="The file's encoding (default: detected: UTF-8, UTF-16, cp1252).")
@click.option("--delimiter", help="The column separator (default: detected).")
@click.pass_obj
def import_csv(
    project: Project,
    file: Path,
    slug: str,
    mapping: Path,
    encoding: str | None,
    delimiter: str | None,
) -> None:
    """A form export in CSV, read through a column mapping."""
    from .importers.common import open_target
    from .importers.csv_form import import_csv as run

    target = open_target(project.processes_path, slug, project.say)
    report = run(file, mapping, target, project.say, encoding=encoding, delimiter=delimiter)
    _contributions_report(report, file, project.say)


@import_group.command("minutes", short_help="Minutes from a word processor.")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--process", "slug", required=True, help="Slug of the process.")
@click.option("--meeting", help="Id of the meeting (its file name without .md).")
@click.option(
    "--create-meeting",
    is_flag=True,
    help="Write the meeting too, as a held draft, when it does not exist yet.",
)
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="With --create-meeting: its day (default: the date the id or the file's name starts "
    "with).",
)
@click.option(
    "--title",
    help="With --create-meeting: its title (default: the words after the date in the id or the "
    "file's name).",
)
@click.option(
    "--force", is_flag=True, help="Replace the text of minutes that exist, keeping their header."
)
@click.pass_obj
def import_minutes(
    project: Project,
    file: Path,
    slug: str,
    meeting: str | None,
    create_meeting: bool,
    day: dt.datetime | None,
    title: str | None,
    force: bool,
) -> None:
    """Minutes written in a word processor (.docx, .odt) or as .html, .rst or .md.

    They are written as a draft, to read through before publishing; images go to documents/.
    Personal data found in them is listed: exit status 1 until it is removed.
    """
    from .importers.common import open_target
    from .importers.minutes import import_minutes as run
    from .importers.minutes_meeting import choose_meeting

    target = open_target(project.processes_path, slug, project.say)
    chosen = choose_meeting(
        file,
        target,
        project.say,
        language=project.language,
        meeting=meeting,
        create=create_meeting,
        day=day.date() if day else None,
        title=title,
    )
    result = run(
        file,
        target,
        chosen.id,
        project.say,
        today=dt.date.today(),
        force=force,
        new_meeting=chosen.new,
    )
    _import_report(result.lines(project.say, _display))
    if result.personal_data:
        raise click.exceptions.Exit(1)


def _import_report(lines: list[str]) -> None:
    for line in lines:
        click.echo(line)


def _contributions_report(report: ImportReport, source: Path, say: Wording) -> None:
    """The report; an import that could write nothing at all failed (exit status 1)."""
    _import_report(report.lines(say))
    if report.nothing_imported:
        hint = f" ({report.hint})" if report.hint else ""
        raise GreffierError(f"{source}: {say('import.nothing')}{hint}")


@main.command("export", short_help="Make the offline files without the site.")
@_CONFIG_OPTION
@click.argument("slug", required=False)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write the files in (default: the site folder, where the site links them).",
)
def export(config_file: Path, slug: str | None, out: Path | None) -> None:
    """Make the offline files of every process, or of the process SLUG, without the site.

    The dossier as tagged PDF (and large print), ODT, DOCX, EPUB and one offline HTML file, a
    PDF per minutes and Markdown document, meeting notices and the paper form.
    """
    project = _open(config_file)
    say = project.say
    known = _plan(project, exports=False, history=False)
    _refuse_errors(known, say)
    slugs = {process.slug for process in known.corpus.processes}
    if slug is not None and slug not in slugs:
        raise GreffierError(say("cli.export.unknown", slug=slug, known=", ".join(sorted(slugs))))
    # The build's own offline files: the same plan, restricted to them.
    made = _plan(project, exports=True, process=slug).files
    config = project.raw_config
    target = out if out is not None else project.root / str(config.get("site_dir") or "site")
    for path, data in made.items():
        _replace(target / path, data)
    click.echo(say("cli.exported", count=say.count("file", len(made)), folder=_display(target)))


def _replace(destination: Path, data: bytes) -> None:
    """Write `data` at `destination` whole or not at all: on a full disk, the published file
    stays as it was instead of being cut short."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, destination)
    except OSError as error:
        partial.unlink(missing_ok=True)
        if error.filename is None:
            error.filename = str(destination)
        raise


def _require_processes(project: Project) -> None:
    if not project.processes_path.is_dir():
        say, folder = project.say, _display(project.processes_path)
        hint = say("processes.missing.hint", folder=folder)
        raise GreffierError(f"{folder}/: {say('processes.missing')} ({hint})")


def _plan(project: Project, *, process: str | None = None, **options: Any) -> SitePlan:
    """The site plan without its pages: the checked corpus, with its offline files when asked
    (`options` override the plugin's options of mkdocs.yml)."""
    from .site import plan_site

    _require_processes(project)
    return plan_site(project.settings(**options), pages=False, process=process)


def _refuse_errors(plan: SitePlan, say: Wording) -> None:
    """Refuse to go on with any content error, with the same report as `greffier check`.

    Warnings are left to the build, which logs them itself.
    """
    if not plan.publishable:
        _report(plan.diagnostics, say, err=True)
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


def _write(project: Project, skeletons: list[Skeleton]) -> None:
    say = project.say
    write(skeletons, say)
    for skeleton in skeletons:
        click.echo(say("new.created", path=_display(skeleton.path)))
    click.echo(say("new.next.one" if len(skeletons) == 1 else "new.next.other"))
