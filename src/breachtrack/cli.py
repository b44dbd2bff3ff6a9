"""The command line: the only place that reads the clock, prints, writes files and exits."""

from __future__ import annotations

import enum
import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Annotated

import typer

from breachtrack import __version__
from breachtrack.engine import build_report
from breachtrack.loader import Register, load_register
from breachtrack.model import STATUSES, Report, localize, zone_named
from breachtrack.reporters import json as json_reporter
from breachtrack.reporters import markdown, text

DUE_SOON = timedelta(hours=72)


class ReportFormat(str, enum.Enum):
    md = "md"
    json = "json"


REPORTERS = {ReportFormat.md: markdown.render, ReportFormat.json: json_reporter.render}

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Keep a personal-data breach register as YAML files and never miss a legal deadline.",
)


class UsageError(Exception):
    """A wrong command line: exit code 2, with a message and no traceback."""


def parse_as_of(value: str | None, zone_name: str) -> datetime:
    """``--as-of``: a date alone is the start of that day, a time without offset is local
    time in the register's zone; without the option, now."""
    if value is None:
        return datetime.now(UTC).astimezone(zone_named(zone_name))
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"--as-of '{value}' is not a date or a date and time: write 2026-05-09, 2026-05-09T14:00 "
            "or 2026-05-09T14:00+02:00"
        ) from None
    if len(value.strip()) <= 10:
        moment = datetime.combine(moment.date(), time())
    if moment.tzinfo is None:
        try:
            moment = localize(moment, zone_named(zone_name))
        except ValueError as error:
            raise UsageError(f"--as-of: {error}") from None
    return moment


def parse_fail_on(value: str) -> set[str]:
    statuses = {part.strip() for part in value.split(",") if part.strip()}
    unknown = statuses - set(STATUSES)
    if unknown or not statuses:
        raise UsageError(
            f"--fail-on '{value}': expected statuses separated by commas, among: " + ", ".join(STATUSES)
        )
    return statuses


def write_atomically(path: Path, content: str) -> None:
    """Replace ``path`` in one step: a crash leaves the old file or the new one, never half."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _evaluate(paths: list[Path] | None, as_of: str | None) -> tuple[Register, Report]:
    paths = paths or [Path("incidents")]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise UsageError("no such file or folder: " + ", ".join(missing))
    register = load_register(paths)
    return register, build_report(register, parse_as_of(as_of, register.config.timezone))


Paths = Annotated[
    list[Path] | None,
    typer.Argument(help="Incident files or register folders (default: incidents/).", show_default=False),
]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Evaluate the register at this moment instead of now: 2026-05-09, 2026-05-09T14:00, "
        "or with an offset. A time without offset is in the register's time zone.",
        show_default=False,
    ),
]


@app.command()
def check(
    paths: Paths = None,
    as_of: AsOf = None,
    fail_on: Annotated[
        str, typer.Option("--fail-on", help="Statuses that fail the run, separated by commas.")
    ] = "overdue",
) -> None:
    """Validate the register and list what needs attention: the CI gate.

    Exit 0: all files valid and no obligation in a --fail-on status; 1: some obligation is;
    2: a file is invalid or the command line is wrong.
    """
    failing = parse_fail_on(fail_on)
    register, report = _evaluate(paths, as_of)
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 160
    typer.echo(text.render(report, DUE_SOON, color=color, width=width), nl=False, color=color)
    if report.errors:
        raise typer.Exit(2)
    if any(o.status in failing for incident in report.incidents for o in incident.obligations):
        raise typer.Exit(1)


@app.command()
def report(
    paths: Paths = None,
    as_of: AsOf = None,
    format: Annotated[ReportFormat, typer.Option("--format", help="md or json.")] = ReportFormat.md,
    output: Annotated[
        Path | None, typer.Option("--output", help="Write the report to this file.", show_default=False)
    ] = None,
) -> None:
    """The whole register: every incident, its obligations, their legal basis and status, and
    the penalty exposure. Exit 0, or 2 when a file is invalid (the report still covers the rest)."""
    register, built = _evaluate(paths, as_of)
    rendered = REPORTERS[format](built)
    if output is None:
        typer.echo(rendered, nl=False)
    else:
        try:
            write_atomically(output, rendered)
        except OSError as error:
            raise UsageError(f"cannot write {output}: {error.strerror or error}") from None
    for error in built.errors:
        typer.echo(str(error), err=True)
    if built.errors:
        raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"breachtrack {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Keep a personal-data breach register as YAML files and never miss a legal deadline."""


def main() -> None:
    """Entry point: exit codes 0, 1 and 2 as cli.md fixes them, and never a traceback."""
    try:
        app()  # exits by itself; typer reports a wrong command line with exit code 2
    except UsageError as error:
        typer.echo(f"breachtrack: {error}", err=True)
        sys.exit(2)
    except Exception as error:  # a bug of ours: say so in one line rather than dump a traceback
        typer.echo(f"breachtrack: internal error ({type(error).__name__}: {error}); please report it", err=True)
        sys.exit(2)
