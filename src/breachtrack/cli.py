"""The command line: the only place that reads the clock, prints, writes files and exits."""


import contextlib
import dataclasses
import enum
import functools
import gc
import importlib
import inspect
import json
import os
import re
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic_core import PydanticCustomError

from breachtrack import __version__, files, i18n
from breachtrack.engine import Gate, assemble, evaluate, failed, for_entity, in_period, judge, known_at
from breachtrack.i18n import N_, _, long_day, ngettext
from breachtrack.loader import (
    AmbiguousIncident,
    FileResult,
    Register,
    UnknownIncident,
    close_ids,
    config_folder,
    find_incident,
    ids_taken,
    in_group,
    is_incident_file,
    load_bytes,
    load_config,
    load_register,
    register_entities,
    shown_name,
)
from breachtrack.model import (
    LATE_RECORDING,
    Config,
    Duration,
    Incident,
    IncidentReport,
    Report,
    SourcedIncident,
    incident_json_schema,
    localize,
    parse_fail_on,
    within_register_years,
    zone_named,
)
from breachtrack.reporters import markdown, shown, text, time_to_due
from breachtrack.reporters import json as json_reporter
from breachtrack.safetext import file_name, plain
from breachtrack.scaffold import SCHEMA_FILE, incident_text, new_id

if TYPE_CHECKING:
    from breachtrack import history as history_module


class ReportFormat(str, enum.Enum):
    md = "md"
    json = "json"
    html = "html"


def report_renderer(choice: ReportFormat, warn_within: timedelta = Gate.warn_within) -> Callable[[Report], str]:
    """The renderer of a ``report --format``; HTML (Jinja2) is imported only when chosen. The
    page and the Markdown open with what is overdue or due within ``warn_within``."""
    if choice is ReportFormat.html:
        from breachtrack.reporters import html

        return functools.partial(html.render, warn_within=warn_within)
    if choice is ReportFormat.md:
        return functools.partial(markdown.render, warn_within=warn_within)
    return json_reporter.render


class CheckFormat(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"
    gitlab = "gitlab"


def check_reporter(choice: CheckFormat) -> Callable[[Report, Gate], str]:
    """The reporter of a ``check --format``, imported when chosen: start-up stays short."""
    if choice is CheckFormat.text:
        return lambda report, gate: text.render(report, gate, color=False)
    return importlib.import_module(f"breachtrack.reporters.{choice.value}").render

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Keep a personal-data breach register as YAML files and never miss a legal deadline.",
)


class UsageError(Exception):
    """A wrong command line: exit code 2, with a message and no traceback; ``details`` are
    printed under it, one per line (the errors of a file, say)."""

    def __init__(self, message: str, details: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.details = details


class Language(str, enum.Enum):
    fr = "fr"
    en = "en"


Lang = Annotated[
    Language | None,
    typer.Option("--lang", help="fr or en: the language of what is written for people (JSON stays English). "
                 "Default: language in breachtrack.toml, else en.", show_default=False),
]


def speaking(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` with a ``--lang`` option, run in its language from start to end, so that the
    loader's errors, the rules and the reporters speak it: the option, else ``language`` in the
    breachtrack.toml of the register (its first path, or ``--register``), else English."""
    signature = inspect.signature(command)

    @functools.wraps(command)
    def run(*args: object, lang: Language | None = None, **kwargs: object) -> None:
        if lang is None:
            paths = kwargs.get("paths")
            where = paths[0] if paths else kwargs.get("register", Path("incidents"))
            config = load_config(config_folder(where))[0]  # its errors are told in the language, when loaded
            language = config.language
        else:
            language = lang.value
        with i18n.using(language):
            command(*args, **kwargs)

    parameter = inspect.Parameter("lang", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Lang)
    run.__signature__ = signature.replace(parameters=[*signature.parameters.values(), parameter])  # type: ignore[attr-defined]
    run.__annotations__ = {**command.__annotations__, "lang": Lang}
    return run


def machine(chosen: bool) -> contextlib.AbstractContextManager[None]:
    """English, when the output ``chosen`` is for a program (JSON): its words are a contract."""
    return i18n.using("en") if chosen else contextlib.nullcontext()


def parse_as_of(value: str | None, zone_name: str) -> datetime:
    """``--as-of``: a date alone is the start of that day, a time without offset is local
    time in the register's zone; without the option, now."""
    if value is None:
        return datetime.now(UTC).astimezone(zone_named(zone_name))
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(_("--as-of '{value}' is not a date or a date and time: write 2026-05-09, 2026-05-09T14:00 "
                           "or 2026-05-09T14:00+02:00").format(value=value)) from None
    if len(value.strip()) <= 10:
        moment = datetime.combine(moment.date(), time())
    try:
        within_register_years(moment)
        if moment.tzinfo is None:
            moment = localize(moment, zone_named(zone_name))
    except ValueError as error:
        raise UsageError(_("{option}: {problem}").format(option="--as-of", problem=error)) from None
    return moment


def parse_gate(fail_on: str | None, warn_within: str | None, register: Register) -> Gate:
    """The command line's gate; what it leaves out comes from ``breachtrack.toml``."""
    config = register.config
    try:
        failing = parse_fail_on(fail_on) if fail_on is not None else config.fail_on
    except PydanticCustomError as error:
        raise UsageError(_("{option}: {problem}").format(option="--fail-on", problem=error.message())) from None
    try:
        within = Duration.parse(warn_within, ("hours", "days", "weeks")) if warn_within else config.warn_within
    except ValueError as error:
        raise UsageError(_("{option}: {problem}").format(option="--warn-within", problem=error)) from None
    return Gate(failing, within.elapsed())


def parse_period(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """``--from`` and ``--to``: calendar days, both included."""
    days = []
    for option, value in (("--from", start), ("--to", end)):
        try:
            day = date.fromisoformat(value.strip()) if value else None
        except ValueError:
            raise UsageError(_("{option} '{value}' is not a day: write it as 2026-01-31").format(
                option=option, value=value)) from None
        try:
            days.append(within_register_years(day) if day else None)
        except ValueError as error:
            raise UsageError(_("{option}: {problem}").format(option=option, problem=error)) from None
    if days[0] and days[1] and days[0] > days[1]:
        raise UsageError(_("--from {start} comes after --to {end}: nothing can fall between them").format(
            start=days[0], end=days[1]))
    return days[0], days[1]


FromDay = Annotated[str | None, typer.Option("--from", help="Only incidents the organisation became aware of "
                                             "on or after this day (2026-01-01).", show_default=False)]
ToDay = Annotated[str | None, typer.Option("--to", help="Only incidents the organisation became aware of on or "
                                           "before this day (2026-12-31).", show_default=False)]


def _existing(paths: list[Path] | None) -> list[Path]:
    paths = paths or [Path("incidents")]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise UsageError(_("no such file or folder: {paths}").format(paths=", ".join(missing)))
    return paths


def _registered(register: Register) -> Register:
    """The register, unless a folder given is none: a CI job pointed at the wrong folder must
    fail, not pass on an empty register. A register with no incident yet has its settings."""
    if register.unregistered:
        folders = ", ".join(file_name(f"{folder.as_posix().rstrip('/')}/") for folder in register.unregistered)
        raise UsageError(_("no incident files under {folders}, and no breachtrack.toml there: not a register (give "
                           "the register's folder; an empty register needs its breachtrack.toml)").format(
            folders=folders))
    return register


def _loaded(paths: list[Path] | None) -> Register:
    return _registered(load_register(_existing(paths)))


def _judged(paths: list[Path] | None, as_of: str | None, judging: Callable = judge) -> tuple[Register, datetime]:
    """The register whose incidents are what ``judging`` makes of each at the as-of time, in
    the worker that loaded it for a large register; and that time."""
    paths = _existing(paths)
    moment = parse_as_of(as_of, load_config(config_folder(paths[0]))[0].timezone)
    return _registered(load_register(paths, then=functools.partial(judging, as_of=moment))), moment


def _evaluate(paths: list[Path] | None, as_of: str | None, entity: str | None = None) -> tuple[Register, Report]:
    """Load and judge every incident; with ``entity``, keep that entity's share alone."""
    register, moment = _judged(paths, as_of)
    return register, _of_entity(register, assemble(register.incidents, register.errors, moment), entity)


def _of_entity(register: Register, report: Report, entity: str | None) -> Report:
    """``--entity``: the incidents that concern the entity, with its obligations only; a name no
    breachtrack.toml of the register gives is a usage error that offers the closest."""
    if entity is None:
        return report
    if entity not in register.entities:
        message = _("--entity '{name}': no breachtrack.toml of the register names this entity").format(name=entity)
        close = close_ids(entity, register.entities)
        if close:
            quoted = [_("'{value}'").format(value=name) for name in close]
            choices = _("{ids} or {last}").format(ids=", ".join(quoted[:-1]), last=quoted[-1]) if quoted[1:] else quoted[0]
            message = _("{message}: did you mean {choices}?").format(message=message, choices=choices)
        elif register.entities:
            message = _("{message}; its entities: {names}").format(message=message, names=", ".join(register.entities))
        else:
            message = _("{message}; none names one (entity = \"...\" in each entity's breachtrack.toml)").format(
                message=message)
        raise UsageError(message)
    return for_entity(report, entity)


EntityOption = Annotated[
    str | None,
    typer.Option("--entity", help="In a group register, only the incidents that concern this entity (its name in "
                 "its breachtrack.toml), and only its obligations.", show_default=False),
]


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


def _output_path(value: Path | None) -> Path | None:
    """``--output``: ``-`` is standard output; a file in a missing folder is refused before any work."""
    if value is None or str(value) == "-":
        return None
    if not value.parent.is_dir():
        raise typer.BadParameter(_("no such folder: {folder}").format(folder=value.parent))
    return value


Output = Annotated[
    Path | None,
    typer.Option("--output", help="Write the report to this file (- for standard output). A file is replaced "
                 "in one step; a pipe or a device is written to as it is.", callback=_output_path,
                 show_default=False),
]


def _write(output: Path, content: str) -> None:
    _write_bytes(output, content.encode("utf-8"))


def _write_bytes(output: Path, content: bytes) -> None:
    try:
        files.write(output, content)
    except OSError as error:
        raise _cannot_write(output, error) from None


def _cannot_write(path: Path, error: OSError) -> UsageError:
    return UsageError(_("cannot write {file}: {error}").format(file=path.as_posix(), error=error.strerror or error))


def _cannot_read(path: Path, error: OSError) -> UsageError:
    return UsageError(_("cannot read {file}: {error}").format(file=path.as_posix(), error=error.strerror or error))


def _color() -> bool:
    """Colours at a terminal, unless NO_COLOR is set (no-color.org) or the terminal is dumb."""
    return (sys.stdout is not None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
            and os.environ.get("TERM") != "dumb")


def _emit(rendered: str, output: Path | None) -> None:
    """Print ``rendered``, or write it to ``output``."""
    if output is None:
        typer.echo(rendered, nl=False)
    else:
        _write(output, rendered)


def _fail_on_invalid_files(built: Report) -> None:
    """A report covers the valid files; the invalid ones go to stderr, and the exit code is 2."""
    for error in built.errors:
        typer.echo(str(error), err=True)
    if built.errors:
        raise typer.Exit(2)


@app.command()
@speaking
def check(
    paths: Paths = None,
    as_of: AsOf = None,
    format: Annotated[
        CheckFormat, typer.Option("--format", help="text, json, github (annotations), junit or gitlab (Code Quality).")
    ] = CheckFormat.text,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Statuses that fail the run, separated by commas, or due_soon, or none (validation only). "
            "Default: fail_on in breachtrack.toml, else overdue.",
            show_default=False,
        ),
    ] = None,
    warn_within: Annotated[
        str | None,
        typer.Option(
            "--warn-within",
            help="How close to its due time an open obligation counts as due soon: 72h, 2 days. "
            "Default: warn_within in breachtrack.toml, else 72h.",
            show_default=False,
        ),
    ] = None,
    output: Output = None,
    entity: EntityOption = None,
) -> None:
    """Validate the register and list what needs attention: the CI gate.

    Exit 0: all files valid and no obligation in a --fail-on status; 1: some obligation is;
    2: a file is invalid or the command line is wrong. With --output, the report goes to the
    file and the text listing to the terminal.
    """
    for_programs = format in (CheckFormat.json, CheckFormat.gitlab)
    with machine(for_programs):
        register, report = _evaluate(paths, as_of, entity)
        gate = parse_gate(fail_on, warn_within, register)
        chosen = check_reporter(format)(report, gate)
    if for_programs and output is not None and i18n.language() != "en":  # the listing for people: in their words
        register, report = _evaluate(paths, as_of, entity)
    color = _color()
    if output is not None:
        _write(output, chosen)
    if output is not None or format is CheckFormat.text:
        typer.echo(text.render(report, gate, color=color), nl=False, color=color)
    else:
        typer.echo(chosen, nl=False)
    if report.errors:
        raise typer.Exit(2)
    if failed(report, gate):
        raise typer.Exit(1)


@app.command()
@speaking
def report(
    paths: Paths = None,
    as_of: AsOf = None,
    format: Annotated[
        ReportFormat, typer.Option("--format", help="md, json, or html (a self-contained page with timelines).")
    ] = ReportFormat.md,
    output: Output = None,
    history: Annotated[
        bool, typer.Option("--history", help="With --format json: each incident's history from git, under the key "
                           "history (see breachtrack history).")
    ] = False,
    entity: EntityOption = None,
) -> None:
    """The whole register: every incident, its obligations, their legal basis and status, and
    the penalty exposure. Exit 0, or 2 when a file is invalid (the report still covers the rest)."""
    if history and format is not ReportFormat.json:
        raise UsageError(_("--history goes with --format json"))
    with machine(format is ReportFormat.json):
        _report(paths, as_of, format, output, history, entity)


def _report(paths: list[Path] | None, as_of: str | None, format: ReportFormat, output: Path | None,
            history: bool, entity: str | None = None) -> None:
    if history:
        from breachtrack.reporters import history as history_reporter

        # each file's history is read from the path the loader read, never from its shown name,
        # which two files can share (a byte 0xff, and the four characters \xff)
        register, moment = _judged(paths, as_of, _judged_with_path)
        judged = [(path, incident, config) for path, incident, config in register.incidents if incident is not None]
        built = _of_entity(register, assemble([incident for _path, incident, _config in judged], register.errors,
                                              moment), entity)
        judged = [(path, incident, config) for path, incident, config in judged
                  if entity is None or entity in incident.entities]
        files = [(path, incident.file, incident.id, config) for path, incident, config in judged]
        found = _histories(files, _existing(paths), LATE_RECORDING.elapsed()) if files else {}
        documents = {incident.file: history_reporter.document(found[path]) for path, incident, _config in judged}
        _emit(json_reporter.render(built, histories=documents), output)
    else:
        register, built = _evaluate(paths, as_of, entity)
        _emit(report_renderer(format, register.config.warn_within.elapsed())(built), output)
    _fail_on_invalid_files(built)


class StatsFormat(str, enum.Enum):
    md = "md"
    json = "json"
    csv = "csv"
    html = "html"


@app.command()
@speaking
def stats(
    paths: Paths = None,
    from_: FromDay = None,
    to: ToDay = None,
    as_of: AsOf = None,
    format: Annotated[
        StatsFormat, typer.Option("--format", help="md, json, csv (one figure a row) or html (a page with bar charts).")
    ] = StatsFormat.md,
    output: Output = None,
    entity: EntityOption = None,
) -> None:
    """Figures for an annual report: incidents by cause, risk, data category and regime; each
    notification duty's share met on time; the median and 90th percentile of the delays; the
    obligations late or overdue; the astreinte accrued. Exit 0, or 2 when a file is invalid
    (the figures then cover the valid ones and say so)."""
    from breachtrack import stats as statistics
    from breachtrack.reporters import stats as stats_reporter

    start, end = parse_period(from_, to)
    render = {StatsFormat.md: stats_reporter.render_md, StatsFormat.json: stats_reporter.render_json,
              StatsFormat.csv: stats_reporter.render_csv, StatsFormat.html: stats_reporter.render_html}[format]
    with machine(format is StatsFormat.json):
        built = _evaluate(paths, as_of, entity)[1]
        figures = statistics.compute(in_period(built, start, end), start, end)
        rendered = render(figures)
    _emit(rendered, output)
    _fail_on_invalid_files(built)


@app.command()
@speaking
def validate(paths: Paths = None) -> None:
    """Validate incident files only, without the clock: the pre-commit hook and the editor loop.

    Exit 0 when every file is valid, 2 otherwise, with each error at FILE:LINE:COLUMN.
    """
    register = _loaded(paths)
    for error in register.errors:
        typer.echo(str(error))
    valid = len(register.incidents)
    invalid = len({error.file for error in register.errors})
    if not valid and not invalid:
        summary = _("0 valid incident files (the register is empty)")
    else:
        summary = ngettext("{count} valid incident file", "{count} valid incident files", valid).format(count=valid)
    if invalid:
        summary += ngettext(", {count} invalid file", ", {count} invalid files", invalid).format(count=invalid)
    typer.echo(summary)
    if register.errors:
        raise typer.Exit(2)


@app.command()
def schema() -> None:
    """Print the JSON Schema of an incident file (draft 2020-12), for editors and check-jsonschema."""
    typer.echo(schema_text(), nl=False)


def schema_text() -> str:
    return json.dumps(incident_json_schema(), indent=2, ensure_ascii=False) + "\n"


RISKS = ("unlikely", "risk", "high")
CAUSES = ("malicious", "accidental", "unknown")
MAX_ANSWERS = 3
"""Refused answers to one question read from a pipe or a file before ``new`` gives up: a
script that feeds wrong answers must stop, not loop."""


def _choice(text: str, choices: tuple[str, ...]) -> str:
    """One of ``choices``, whatever the case and the spaces around it: ``High`` is ``high``."""
    answer = text.strip().lower()
    if answer not in choices:
        raise ValueError(_("'{answer}' is not one of {choices}").format(answer=text.strip(), choices=", ".join(choices)))
    return answer


DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:h](\d{2}))?", re.IGNORECASE)
YEAR_MONTH_DAY = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T,]+(\d{1,2})[:h](\d{2}))?", re.IGNORECASE)


def _spelling_hint(text: str) -> str | None:
    """What to write instead of a date spelt another way than ISO 8601, or None.

    ``12/07/2025`` is 12 July in France and 7 December in the United States: both readings are
    offered, and neither is taken. A legal clock never starts on a guess."""
    readings: list[date] = []
    if match := YEAR_MONTH_DAY.fullmatch(text):
        year, month, day, hour, minute = match.groups()
        orders = ((int(year), int(month), int(day)),)
    elif match := DAY_MONTH_YEAR.fullmatch(text):
        first, second, year, hour, minute = match.groups()
        orders = ((int(year), int(second), int(first)), (int(year), int(first), int(second)))
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return _("'{text}' has no time of day: write {text}T…, with the time of day after the T (e.g. T14:30)").format(
            text=text)
    else:
        return None
    for year, month, day in orders:
        with contextlib.suppress(ValueError):
            if (reading := date(year, month, day)) not in readings:
                readings.append(reading)
    if not readings or (hour is not None and (int(hour) > 23 or int(minute) > 59)):
        return None
    clock = f"{int(hour):02}:{minute}" if hour is not None else "…"
    spelt = [f"{reading.isoformat()}T{clock}" for reading in readings]
    days = [long_day(reading) for reading in readings]
    if len(readings) == 2:
        hint = _("'{text}' could be {first_day} (day first) or {second_day} (month first): write {first} or {second}")
        hint = hint.format(text=text, first_day=days[0], second_day=days[1], first=spelt[0], second=spelt[1])
    else:
        hint = _("'{text}' is {day}: write it {spelt}").format(text=text, day=days[0], spelt=spelt[0])
    if hour is None:
        hint += _(", with the time of day after the T (e.g. T14:30)")
    return hint


def _moment(text: str, zone_name: str) -> tuple[str, datetime]:
    """A date and time as ``new`` writes it (``2026-11-23T09:30``, an offset kept) and the
    moment it means, local times in the register's zone; a ValueError that shows the
    spelling expected."""
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or len(text) <= 10:
        raise ValueError(_spelling_hint(text) or _(
            "'{text}' is not a date and time: write it as 2026-11-23T14:30, or with an offset, 2026-11-23T14:30+01:00"
        ).format(text=text))
    within_register_years(moment)
    written = moment.isoformat(timespec="seconds" if moment.second else "minutes")
    return written, moment if moment.tzinfo else localize(moment, zone_named(zone_name))


@dataclasses.dataclass(frozen=True)
class Question:
    """One question of ``new``: its words at the prompt, the name a refusal gives it, the
    option that answers it on the command line, and how an answer is read."""

    label: str
    name: str
    option: str
    read: Callable[[str], str] = str.strip
    default: str = ""


@dataclasses.dataclass(frozen=True)
class Interview:
    """The questions ``new`` asks: at a terminal, a refused answer is asked again until it is
    right; from a pipe MAX_ANSWERS times. The end of the input is a usage error that names the
    ``required`` options, with which nothing is asked."""

    at_terminal: bool
    required: str

    def ask(self, question: Question) -> str:
        refused = 0
        while True:
            try:
                answer = typer.prompt(question.label, default=question.default, show_default=bool(question.default),
                                      prompt_suffix=_(": "))
            except typer.Abort:  # the end of the input (Ctrl-D, or a pipe that ran dry)
                typer.echo()  # ends the prompt's line
                raise UsageError(_("{question}: no answer, the input ended (with {required} given, nothing is "
                                   "asked)").format(question=question.name, required=self.required)) from None
            try:
                return question.read(answer)
            except ValueError as error:
                typer.echo(plain(_("{question}: {problem}").format(question=question.name, problem=error)), err=True)
            refused += 1
            if not self.at_terminal and refused >= MAX_ANSWERS:
                raise UsageError(ngettext("{question}: {count} answer refused; give {option}",
                                          "{question}: {count} answers refused; give {option}", refused).format(
                    question=question.name, count=refused, option=question.option))


def _given(option: str, value: str | None, read: Callable[[str], str]) -> str | None:
    """An option's value as ``read`` reads it; a refusal names the option."""
    if value is None:
        return None
    try:
        return read(value)
    except ValueError as error:
        raise UsageError(_("{option}: {problem}").format(option=option, problem=error)) from None


def _text(value: str) -> str:
    """A required line of text."""
    if not value.strip():
        raise ValueError(_("nothing was written"))
    return value.strip()


@app.command()
@speaking
def new(
    register: Annotated[
        Path, typer.Argument(help="The register folder the file goes into.", show_default=True)
    ] = Path("incidents"),
    title: Annotated[str | None, typer.Option("--title", help="One line.", show_default=False)] = None,
    risk: Annotated[
        str | None, typer.Option("--risk", help="unlikely, risk or high.", show_default=False)
    ] = None,
    aware_at: Annotated[
        str | None,
        typer.Option(
            "--aware-at",
            help="When the organisation became aware of the breach, e.g. 2026-11-23T09:30. Default: now.",
            show_default=False,
        ),
    ] = None,
    detected_at: Annotated[
        str | None,
        typer.Option("--detected-at", help="When the security incident was first noticed, if earlier. "
                     "Default: the awareness time.", show_default=False),
    ] = None,
    cause: Annotated[
        str | None, typer.Option("--cause", help="malicious, accidental or unknown. Default: unknown.",
                                 show_default=False)
    ] = None,
    incident_id: Annotated[
        str | None, typer.Option("--id", help="Default: month and title, e.g. 2026-11-PHISHING-MAILBOX.")
    ] = None,
    organisation: Annotated[
        str | None, typer.Option("--organisation", help="The controller (or the processor).", show_default=False)
    ] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="What happened, in a few sentences.", show_default=False)
    ] = None,
) -> None:
    """Start an incident file: asks for what the options leave out (the title, the
    organisation, the cause, the awareness and detection times, the risk and a description),
    unless --title and --risk are both given, as in a script; then writes a commented file and
    validates it. A wrong answer is asked again."""
    if not register.is_dir():
        raise UsageError(_("no such register folder: {register}").format(register=register))
    config = load_config(config_folder(register))[0]
    zone = config.timezone
    title = _given("--title", title, _text)
    risk = _given("--risk", risk, lambda value: _choice(value, RISKS))
    cause = _given("--cause", cause, lambda value: _choice(value, CAUSES))
    aware_at = _given("--aware-at", aware_at, lambda value: _moment(value, zone)[0])
    detected_at = _given("--detected-at", detected_at, lambda value: _moment(value, zone)[0])
    if incident_id is not None and not re.fullmatch(r"[A-Za-z0-9._-]+", incident_id):
        raise UsageError(_("--id '{id}': write it with letters, digits, '.', '_' and '-' only").format(id=incident_id))
    if title is None or risk is None:
        if sys.stdin is None:
            raise UsageError(_("give --title and --risk (there is no input to read answers from)"))
        interview = Interview(sys.stdin.isatty(), "--risk" if title else "--title" if risk else _("--title and --risk"))
        now = datetime.now(UTC).astimezone(zone_named(zone)).strftime("%Y-%m-%dT%H:%M")
        title = title or interview.ask(Question(_("Title (one line)"), _("Title"), "--title", _text))
        if organisation is None:
            organisation = interview.ask(Question(_("Organisation, the controller (Enter to leave it out)"),
                                                  _("Organisation"), "--organisation"))
        cause = cause or interview.ask(Question(_("Cause (malicious / accidental / unknown)"), _("Cause"), "--cause",
                                                lambda value: _choice(value, CAUSES), default="unknown"))
        aware_at = aware_at or interview.ask(Question(_("Aware of the breach at ({zone})").format(zone=zone),
                                                      _("Aware of the breach at"), "--aware-at",
                                                      lambda value: _moment(value, zone)[0], default=now))
        detected_at = detected_at or interview.ask(Question(
            _("Security incident first noticed at ({zone}; Enter if at the same time)").format(zone=zone),
            _("Security incident first noticed at"), "--detected-at",
            lambda value: _noticed(_moment(value, zone), _moment(aware_at, zone)), default=aware_at))
        risk = risk or interview.ask(Question(_("Risk to people (unlikely / risk / high)"), _("Risk to people"),
                                              "--risk", lambda value: _choice(value, RISKS)))
        if description is None:
            description = interview.ask(Question(_("What happened, in a sentence or two (Enter to leave it out)"),
                                                 _("What happened"), "--description"))
    aware_at = aware_at or datetime.now(UTC).astimezone(zone_named(zone)).strftime("%Y-%m-%dT%H:%M")
    if detected_at is not None:
        try:
            _noticed(_moment(detected_at, zone), _moment(aware_at, zone))
        except ValueError as error:
            raise UsageError(_("--detected-at: {problem}").format(problem=error)) from None
    taken = ids_taken(register)
    if incident_id is not None and incident_id in taken:
        raise UsageError(_("id '{id}' is already used in {register}").format(id=incident_id, register=register))
    incident_id = incident_id or new_id(title, aware_at, taken)
    path = register / f"{incident_id.lower()}.yaml"
    if not is_incident_file(path.name):
        raise UsageError(_("--id '{id}': its file {file} would be hidden, and the register skips hidden files: "
                           "start the id with a letter or a digit").format(id=incident_id, file=path.name))
    content = incident_text(incident_id, title, risk, aware_at, organisation or None, cause=cause or "unknown",
                            detected_at=None if detected_at == aware_at else detected_at,
                            description=description or None)
    _create(path, content, config)
    schema_file = register / SCHEMA_FILE
    if not schema_file.is_file() or schema_file.read_text(encoding="utf-8") != schema_text():
        _write(schema_file, schema_text())
    typer.echo(_("Wrote {file} (id {id}); record each step in it as it happens.").format(
        file=file_name(path.as_posix()), id=plain(incident_id)))


def _noticed(detected: tuple[str, datetime], aware: tuple[str, datetime]) -> str:
    """The detection time, refused after the awareness time."""
    if detected[1] > aware[1]:
        raise ValueError(_("{detected} is after the awareness time, {aware}: the security incident is noticed "
                           "before, or when, the organisation becomes aware of the breach").format(
            detected=detected[0], aware=aware[0]))
    return detected[0]


def _create(path: Path, content: str, config: Config) -> None:
    """Write a new file in one step after validating its content, refusing to replace one."""
    data = content.encode("utf-8")
    result = load_bytes(data, path.as_posix(), config)
    if result.errors:
        raise UsageError(_("the new file would be invalid:"), tuple(error.message for error in result.errors))
    try:
        files.create(path, data)
    except FileExistsError:
        raise UsageError(_("{file} already exists: not overwriting it").format(file=path.as_posix())) from None
    except OSError as error:
        raise _cannot_write(path, error) from None


@app.command()
@speaking
def calendar(
    paths: Paths = None,
    as_of: AsOf = None,
    output: Output = None,
    include_done: Annotated[
        bool, typer.Option("--include-done", help="Also the obligations done or done late, for a full history.")
    ] = False,
) -> None:
    """An iCalendar file with one event per open obligation at its due time; subscribe to it and
    the events update rather than duplicate. A deadline at a time of day is reminded 24 and 2
    hours before; an all-day one (a remediation measure) at 09:00 the days before that
    reminders in breachtrack.toml gives (default 30, 7 and 1 days)."""
    from breachtrack.reporters import ical  # icalendar: imported by this command only

    register, built = _evaluate(paths, as_of)
    _emit(ical.render(built, include_done, register.config.reminders), output)
    _fail_on_invalid_files(built)


class ExportFormat(str, enum.Enum):
    csv = "csv"
    xlsx = "xlsx"


class ExportTable(str, enum.Enum):
    incidents = "incidents"
    obligations = "obligations"


def _judged_with_path(sourced: SourcedIncident, as_of: datetime) -> tuple[Path, IncidentReport | None, Config]:
    """An incident judged at ``as_of`` with the path it was read from and its settings."""
    return sourced.path, judge(sourced, as_of), sourced.config


def _judged_with_facts(sourced: SourcedIncident, as_of: datetime) -> tuple[Incident, IncidentReport] | None:
    """An incident's facts as they stood at ``as_of`` and its judged obligations, or None when
    it was not known yet; in the worker that loaded it, for a large register."""
    judged = judge(sourced, as_of)
    return None if judged is None else (known_at(sourced.incident, as_of), judged)


def _judged_with_settings(sourced: SourcedIncident, as_of: datetime) -> tuple[Incident, IncidentReport, Config] | None:
    """``_judged_with_facts`` and the incident's settings (the authority its entity names)."""
    judged = _judged_with_facts(sourced, as_of)
    return None if judged is None else (*judged, sourced.config)


@app.command()
@speaking
def export(
    paths: Paths = None,
    format: Annotated[ExportFormat, typer.Option("--format", help="csv (one table) or xlsx (a workbook with both).",
                                                 show_default=False)] = ...,
    what: Annotated[
        ExportTable | None,
        typer.Option("--what", help="csv: incidents (one row each, the default) or obligations (one row each).",
                     show_default=False),
    ] = None,
    output: Output = None,
    start: FromDay = None,
    end: ToDay = None,
    as_of: AsOf = None,
    entity: EntityOption = None,
) -> None:
    """The register for an auditor: one row per incident with what GDPR Art. 33(5) asks the
    register to hold, and one row per obligation with its basis, due and done times and how
    late. Exit 0, or 2 when a file is invalid (the export still covers the rest)."""
    from breachtrack.reporters import export as export_reporter  # openpyxl: imported by this command only

    if format is ExportFormat.xlsx and what is not None:
        raise UsageError(_("--what chooses the table of a CSV export: an XLSX workbook holds both, one sheet each"))
    if format is ExportFormat.xlsx and output is None and sys.stdout is not None and sys.stdout.isatty():
        raise UsageError(_("--format xlsx writes a binary workbook: give --output FILE.xlsx, or redirect the output"))
    first, last = parse_period(start, end)
    register, moment = _judged(paths, as_of, _judged_with_settings)
    known = [pair for pair in register.incidents if pair is not None]
    built = in_period(_of_entity(register, assemble([judged for _facts, judged, _config in known], register.errors,
                                                    moment), entity), first, last)
    facts = {incident.id: incident for incident, _judged, _config in known}
    configs = {incident.id: config for incident, _judged, config in known}
    if format is ExportFormat.csv:
        table = (what or ExportTable.incidents).value
        content = export_reporter.render_csv(built, facts, table, configs).encode("utf-8")
    else:
        content = export_reporter.render_xlsx(built, facts, configs)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        _write_bytes(output, content)
    _fail_on_invalid_files(built)


@app.command()
@speaking
def show(
    incident_id: Annotated[str, typer.Argument(metavar="ID", help="The incident's id.", show_default=False)],
    as_of: AsOf = None,
    register: Annotated[Path, typer.Option("--register", help="The register folder.")] = Path("incidents"),
) -> None:
    """One incident at the terminal: its facts, and each obligation with its clock drawn from
    start to due time and the time left or past."""
    from breachtrack.reporters import show as show_reporter  # rich: imported by this command only

    sourced, evaluated, moment = _incident_at(incident_id, register, as_of)
    color = _color()
    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 160
    typer.echo(show_reporter.render(sourced.incident, evaluated, moment, color, width), nl=False, color=color)


class Recipient(str, enum.Enum):
    authority = "authority"
    subjects = "subjects"


@app.command()
@speaking
def draft(
    incident_id: Annotated[str, typer.Argument(metavar="ID", help="The incident's id.", show_default=False)],
    to: Annotated[
        str,
        typer.Option("--to", metavar="authority|subjects|OBLIGATION",
                     help="authority (GDPR Art. 33(3)), subjects (the people concerned, Art. 34(2)), or the id of "
                     "any other obligation of the incident (hipaa.hhs, lgpd.anpd): a generic notice to its recipient.",
                     show_default=False),
    ],
    output: Output = None,
    as_of: AsOf = None,
    register: Annotated[Path, typer.Option("--register", help="The register folder.")] = Path("incidents"),
    entity: EntityOption = None,
) -> None:
    """A Markdown draft of the notice to the authority or of the letter to the people, filled
    from the incident; what is missing is listed at the top as a checklist. For any other
    obligation, a generic notice: its legal basis and due time, and the facts the register holds.
    In a group's incident, ``--entity`` drafts that entity's notice (default: the first's)."""
    from breachtrack.reporters import draft as draft_reporter  # Jinja2: imported by this command only

    sourced, evaluated, moment = _incident_at(incident_id, register, as_of)
    if entity is not None:
        if entity not in evaluated.entities:
            raise UsageError(_("--entity '{name}': {id} does not concern this entity; it concerns: {names}").format(
                name=entity, id=evaluated.id, names=", ".join(evaluated.entities) or _("none")))
        evaluated = dataclasses.replace(
            evaluated, obligations=tuple(o for o in evaluated.obligations if o.entity == entity), entities=(entity,))
    if to not in draft_reporter.RECIPIENTS:
        duty = draft_reporter.obligation(evaluated, to)
        if duty is None:
            known = ", ".join(["authority", "subjects", *dict.fromkeys(o.id for o in evaluated.obligations)])
            raise UsageError(_("--to {to}: {id} has no such obligation; expected one of: {known}").format(
                to=to, id=evaluated.id, known=known))
        _emit(draft_reporter.render_generic(sourced.incident, evaluated, duty, i18n.language()), output)
        if duty.status in ("not_applicable", "exempt"):  # the draft says so too, at its top
            _complain(_("warning: according to the register, {obligation} does not apply to {id}: {why}; the draft "
                        "is written all the same").format(obligation=duty.id, id=evaluated.id, why=duty.reason))
        return
    _emit(draft_reporter.render(sourced.incident, evaluated, to, i18n.language()), output)
    duty = draft_reporter.duty(evaluated, to)
    if duty is None or duty.status in ("not_applicable", "exempt"):  # the draft says so too, at its top
        why = duty.reason if duty else _("no data protection regime of the incident asks for it")
        _complain((_("warning: according to the register, {id} does not have to be notified to the authority "
                     "(Art. 33): {why}; the draft is written all the same") if to == Recipient.authority.value else
                   _("warning: according to the register, the people concerned by {id} do not have to be informed "
                     "(Art. 34): {why}; the draft is written all the same")).format(id=evaluated.id, why=why))


class HistoryFormat(str, enum.Enum):
    text = "text"
    md = "md"
    json = "json"


def _histories(files: list[tuple[Path, str, str, Config]], scope: list[Path],
               late_after: timedelta) -> "dict[Path, history_module.History]":
    """The git history of each incident file in the register ``scope``; no git, or no repository,
    is a usage error."""
    from breachtrack.history import HistoryUnavailable, read_histories

    try:
        return read_histories(files, scope, late_after)
    except HistoryUnavailable as error:
        raise UsageError(str(error)) from None


def _parse_late_after(value: str) -> timedelta:
    try:
        return Duration.parse(value, ("hours", "days", "weeks")).elapsed()
    except ValueError as error:
        raise UsageError(_("--late-after: {error}").format(error=error)) from None


@app.command("history")
@speaking
def history_command(
    incident_id: Annotated[str, typer.Argument(metavar="ID", help="The incident's id.", show_default=False)],
    register: Annotated[Path, typer.Option("--register", help="The register folder.")] = Path("incidents"),
    late_after: Annotated[
        str, typer.Option("--late-after", help="Flag a fact committed longer than this after the time it states: "
                          "72h, 3 days.")
    ] = str(LATE_RECORDING).replace(" ", ""),
    format: Annotated[HistoryFormat, typer.Option("--format", help="text, md or json.")] = HistoryFormat.text,
) -> None:
    """Who recorded each fact of the incident and when, from the register's git history: the
    commit that first wrote it, its author and time, and each later change. Flags a fact
    committed long after the time it states, and a stated time changed after it was recorded."""
    from breachtrack.reporters import history as history_reporter

    limit = _parse_late_after(late_after)
    path, config, _found = _incident_file(incident_id, register)
    found = _histories([(path, shown_name(path.as_posix()), incident_id, config)], [register], limit)[path]
    renderer = {HistoryFormat.text: history_reporter.render_text, HistoryFormat.md: history_reporter.render_markdown,
                HistoryFormat.json: history_reporter.render_json}[format]
    with machine(format is HistoryFormat.json):
        _emit(renderer(found), None)


@app.command()
@speaking
def evidence(
    incident_id: Annotated[str, typer.Argument(metavar="ID", help="The incident's id.", show_default=False)],
    output: Annotated[
        Path, typer.Option("--output", help="The zip file to write (replaced in one step), or - for standard "
                           "output.", show_default=False)
    ],
    register: Annotated[Path, typer.Option("--register", help="The register folder.")] = Path("incidents"),
    as_of: AsOf = None,
) -> None:
    """A zip for a supervisory authority's control: the incident file as it is, its history
    from git, the report, the drafts to the authority and to the people (French and English),
    and a manifest with the SHA-256 of every member (SHA256SUMS: check it with sha256sum -c)."""
    from breachtrack.reporters import draft as draft_reporter
    from breachtrack.reporters import evidence as evidence_reporter
    from breachtrack.reporters import history as history_reporter

    if str(output) == "-" and sys.stdout is not None and sys.stdout.isatty():  # a zip's bytes would garble it
        raise UsageError(_("evidence writes a binary zip: give --output FILE.zip, or redirect the output"))
    if not output.parent.is_dir():
        raise UsageError(_("no such folder: {folder}").format(folder=output.parent))
    path, config, _as_found = _incident_file(incident_id, register)
    try:
        content = path.read_bytes()  # read once: the file bundled is the one the report and drafts come from
    except OSError as error:
        raise _cannot_read(path, error) from None
    entities = register_entities(register)
    loaded = load_bytes(content, shown_name(path.as_posix()), config, entities=entities)
    if loaded.incident is None:
        raise UsageError(_("the incident file is invalid, fix it first:"), tuple(loaded.errors))
    sourced = in_group(loaded.incident, entities)
    if isinstance(sourced, list):
        raise UsageError(_("the incident file is invalid, fix it first:"), tuple(sourced))
    moment = parse_as_of(as_of, config.timezone)
    evaluated = evaluate(sourced, max(moment, sourced.incident.detected_at))
    found = _histories([(path, sourced.file, incident_id, config)], [register], LATE_RECORDING.elapsed())[path]
    report = assemble([evaluated], (), moment)
    members = {
        evidence_reporter.incident_member(path.name): content,
        "history.md": history_reporter.render_markdown(found).encode("utf-8"),
        "history.json": history_reporter.render_json(found).encode("utf-8"),
        "report.md": report_renderer(ReportFormat.md, config.warn_within.elapsed())(report).encode("utf-8"),
        "report.json": json_reporter.render(report).encode("utf-8"),
        **{f"draft-{to}-{lang}.md": draft_reporter.render(sourced.incident, evaluated, to, lang).encode("utf-8")
           for to in ("authority", "subjects") for lang in ("fr", "en")},
    }
    about = {"incident": incident_id, "file": sourced.file, "as_of": moment.isoformat(), "breachtrack": __version__,
             "repository_head": found.head, "uncommitted": found.uncommitted}
    bundle = evidence_reporter.render(members, about)
    if str(output) == "-":  # to a pipe: gpg --sign, an upload
        sys.stdout.buffer.write(bundle)
    else:
        _write_bytes(output, bundle)
        typer.echo(_("Wrote {output}: {count} files and their SHA-256 in MANIFEST.json and SHA256SUMS.").format(
            output=file_name(output.as_posix()), count=len(members)))
    if found.uncommitted:
        typer.echo(_("The incident file has changes not committed yet: its history says so."), err=True)


def _record_choices() -> tuple[str, ...]:
    """The facts recorder.FACTS knows (every moment a regime's section declares among them),
    residents, and done MEASURE; the recorder lists them without importing ruamel.yaml."""
    from breachtrack import recorder

    return (*recorder.FACTS, recorder.RESIDENTS, recorder.DONE)


RecordWhat = enum.Enum("RecordWhat", {name.replace("-", "_"): name for name in _record_choices()}, type=str)


def _world_facts_help() -> str:
    """The moments of the regimes beyond Europe, for ``record --help``."""
    from breachtrack import recorder

    return ", ".join(recorder.WORLD_FACTS) or "-"


def _record_what(given: str) -> RecordWhat:
    """``WHAT`` as ``record`` knows it; else the nearest names, rather than the hundred it knows."""
    import difflib

    try:
        return RecordWhat(given)
    except ValueError:
        close = difflib.get_close_matches(given, [choice.value for choice in RecordWhat], n=3, cutoff=0.6)
        if close:
            raise UsageError(_("'{what}' is not a fact record writes: did you mean {close}? (breachtrack record --help "
                               "lists them all)").format(what=given, close=", ".join(close))) from None
        raise UsageError(_("'{what}' is not a fact record writes; breachtrack record --help lists them all").format(
            what=given)) from None


DETAIL_OPTIONS = {  # option -> (key written, the facts it belongs to)
    "--reference": ("reference", ("notified", "complaint")),
    "--delay-reasons": ("delay_reasons", ("notified", "pecr-notified", "dora-initial-delay-notified",
                                          "dora-intermediate-delay-notified", "dora-final-delay-notified")),
    "--channel": ("channel", ("informed",)),
    "--with": ("with", ("complaint",)),
    "--evidence": ("evidence", ("done",)),
    "--by": ("assessed_by", ("assessed",)),
}


@app.command()
@speaking
def record(
    incident_id: Annotated[str, typer.Argument(metavar="ID", help="The incident's id.", show_default=False)],
    what: Annotated[
        str,
        typer.Argument(metavar="WHAT", help="notified (the authority), informed (the people), complaint, "
                       "controller-notified, complemented, the nis2-*, dora-*, eprivacy-*, pecr-* and cra-* facts; "
                       "determined (the determination that the incident is material or reportable), ransom-paid, "
                       "assessed (the risk assessment's end), residents (with --set); the moments of the regimes "
                       "beyond Europe, named after their section and field (hipaa-individuals for "
                       f"hipaa.individuals_at): {_world_facts_help()}; or done MEASURE (a remediation measure).",
                       show_default=False),
    ],
    measure: Annotated[
        str | None, typer.Argument(metavar="[MEASURE]", help="With done: the measure's id.", show_default=False)
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", help="When it happened: 2026-11-24T10:00 (the incident's time zone) or with an "
                     "offset; a day for done. Default: now, for a fact not recorded yet.", show_default=False),
    ] = None,
    reference: Annotated[str | None, typer.Option("--reference", help="notified, complaint: the reference.")] = None,
    delay_reasons: Annotated[
        str | None, typer.Option("--delay-reasons", help="notified, pecr-notified: why after 72 hours (Art. 33(1)); "
                                 "dora-*-delay-notified: why the DORA report is late (RTS 2025/301 Art. 5(3)).")
    ] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="informed: email, letter, public...")] = None,
    with_: Annotated[str | None, typer.Option("--with", help="complaint: police, gendarmerie, prosecutor.")] = None,
    evidence: Annotated[str | None, typer.Option("--evidence", help="done: where the proof lives.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="assessed: who assessed the risk and decided.")] = None,
    counts: Annotated[
        list[str] | None,
        typer.Option("--set", metavar="CODE=COUNT", help="residents: the people concerned in a jurisdiction, by ISO "
                     "3166 code (US-CA=1200, BR=5000); repeat it for each. A jurisdiction not given keeps its count.",
                     show_default=False),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a time or a detail already recorded; a time only when --at gives one.")
    ] = False,
    register: Annotated[Path, typer.Option("--register", help="The register folder.")] = Path("incidents"),
) -> None:
    """Write a fact into the incident's file, keeping its comments and layout, and say what
    it changed and where the obligation now stands.

    Without --at, on a fact already recorded, the details given (--reference, --delay-reasons,
    --channel, --with, --evidence, --by) are added to it and its time stays as it is.
    """
    from breachtrack import recorder  # ruamel.yaml: imported when a file is edited only

    what = _record_what(what)
    given = {"--reference": reference, "--delay-reasons": delay_reasons, "--channel": channel,
             "--with": with_, "--evidence": evidence, "--by": by}
    details = {}
    for option, value in given.items():
        if value is None:
            continue
        key, facts = DETAIL_OPTIONS[option]
        if what.value not in facts:
            raise UsageError(_("{option} goes with: {facts}").format(option=option, facts=", ".join(facts)))
        details[key] = value
    if (what is RecordWhat.done) != (measure is not None):
        raise UsageError(_("done takes the measure's id (record ID done MEASURE); the other facts take none"))
    residents = what.value == recorder.RESIDENTS
    if residents:
        if not counts:
            raise UsageError(_("residents takes the counts: record ID residents --set US-CA=1200 --set BR=5000"))
        if at is not None:
            raise UsageError(_("residents is a count, not a moment: it takes no --at"))
        details = _resident_counts(counts)
    elif counts:
        raise UsageError(_("{option} goes with: {facts}").format(option="--set", facts=recorder.RESIDENTS))
    path, config = _incident_file(incident_id, register)[:2]
    entities = register_entities(register)  # a group's: an incident that lists entities holds their facts
    with _editing(path):
        try:
            data = path.read_bytes()  # under the lock: a record running meanwhile has written its fact
        except OSError as error:
            raise _cannot_read(path, error) from None
        loaded = load_bytes(data, path.as_posix(), config, entities=entities)
        if loaded.incident is None:  # a fact cannot mend it, and a hostile file stays away from ruamel
            raise UsageError(_("{file}: not changed, since the file is invalid; fix it first:").format(
                file=path.as_posix()), tuple(loaded.errors))
        when = None if residents else _when(at, loaded.incident.incident.zone, day=what is RecordWhat.done)
        bom = data.startswith(b"\xef\xbb\xbf")
        original = data.decode("utf-8-sig")
        crlf = "\r\n" in original
        try:
            recorded = recorder.record(original.replace("\r\n", "\n"), what.value, when, details, force, measure,
                                       at_given=at is not None)
        except recorder.RecordRefused as refusal:
            raise UsageError(_("{file}: not changed: {refusal}").format(file=path.as_posix(), refusal=refusal)) from None
        text = recorded.text.replace("\n", "\r\n") if crlf else recorded.text
        new_data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
        check = load_bytes(new_data, path.as_posix(), config, entities=entities)
        if check.errors:
            raise UsageError(_("{file}: not changed, since the edit would make it invalid:").format(
                file=path.as_posix()), tuple(check.errors))
        if not recorded.changes:
            typer.echo(_("{file}: already recorded, nothing changed.").format(file=file_name(path.as_posix())))
            return
        files.replace(path, new_data, expected=data)
    typer.echo(_("{file}: recorded").format(file=file_name(path.as_posix())))
    for change in recorded.changes:
        typer.echo(f"  {plain(change)}")
    fact = recorder.FACTS.get(what.value)
    now = datetime.now(UTC)

    def judged(sourced: SourcedIncident) -> IncidentReport:
        grouped = in_group(sourced, entities)
        return evaluate(sourced if isinstance(grouped, list) else grouped, now)

    incident = judged(check.incident)
    if measure:
        obligation_ids = {"remediation." + measure}
    elif fact is not None and what.value not in recorder.TRIGGERS and what.value not in recorder.WORLD_FACTS:
        obligation_ids = {fact.obligation, *fact.also}
    else:  # a trigger starts clocks: the obligations whose standing it changed, and the one a moment fulfils
        before = {(o.entity, o.id): (o.status, o.due, o.done_at) for o in judged(loaded.incident).obligations}
        obligation_ids = {o.id for o in incident.obligations
                          if before.get((o.entity, o.id)) != (o.status, o.due, o.done_at)}
        obligation_ids |= {fact.obligation} if fact is not None and fact.obligation else set()
    for obligation in incident.obligations:
        if obligation.id in obligation_ids:
            named = obligation.id if obligation.entity is None else f"{obligation.id} ({obligation.entity})"
            typer.echo(plain(_(NOW_STATUS[obligation.status]).format(id=named,
                                                                     standing=_standing(obligation, incident, now))))


def _resident_counts(counts: list[str]) -> dict[str, int]:
    """``--set US-CA=1200`` as {"US-CA": 1200}: the code's form as the model writes it, and a
    number; the model checks the count's bounds once the edit is made, with the file's other facts."""
    from breachtrack.model import RESIDENCE_PATTERN

    parsed: dict[str, int] = {}
    for given in counts:
        code, equals, count = given.partition("=")
        code, count = code.strip().upper(), count.strip().replace("_", "")
        if not equals or not re.fullmatch(RESIDENCE_PATTERN, code) or not (count.isascii() and count.isdigit()):
            raise UsageError(_("--set '{given}': expected an ISO 3166 code and a number of people, such as "
                               "US-CA=1200 or BR=5000").format(given=given))
        if code in parsed:
            raise UsageError(_("--set {code} is given twice: give each jurisdiction once").format(code=code))
        parsed[code] = int(count)
    return parsed


NOW_STATUS = {  # translated where shown
    "done": N_("{id} is now done: {standing}"),
    "late": N_("{id} is now late: {standing}"),
    "pending": N_("{id} is now pending: {standing}"),
    "overdue": N_("{id} is now overdue: {standing}"),
    "not_applicable": N_("{id} is now not applicable: {standing}"),
    "exempt": N_("{id} is now exempt: {standing}"),
}
"""What ``record`` says of an obligation it changed, by its status."""


@contextlib.contextmanager
def _editing(path: Path) -> Iterator[None]:
    """The incident file locked while a fact is recorded into it, and what can stop the
    writing, in words; the file is then as it was."""
    try:
        with files.locked(path):
            yield
    except files.Busy:
        raise UsageError(_("another breachtrack record is writing {file}; try again").format(
            file=path.as_posix())) from None
    except files.Changed:
        raise UsageError(_("{file} changed while the fact was being recorded (someone else edited it): not changed; "
                           "run the command again").format(file=path.as_posix())) from None
    except OSError as error:
        raise _cannot_write(path, error) from None


def _standing(obligation, incident, now: datetime) -> str:
    if obligation.status in ("not_applicable", "exempt"):
        return obligation.reason
    if obligation.done_at is None:
        when = _("due {due}").format(due=shown(obligation.due))
    else:
        when = _("due {due}, done {done}").format(due=shown(obligation.due), done=shown(obligation.done_at))
    if timing := time_to_due(obligation, incident, now):
        when = _("{when} ({timing})").format(when=when, timing=timing)
    return when


def _incident_file(incident_id: str, register: Path) -> tuple[Path, Config, FileResult]:
    """The file whose parsed ``id`` is ``incident_id``, its register's settings and what it holds."""
    if not register.exists():
        raise UsageError(_("no such register folder: {register}").format(register=register))
    try:
        return find_incident(register, incident_id)
    except (UnknownIncident, AmbiguousIncident) as not_one:
        raise UsageError(str(not_one)) from None


def _incident_at(incident_id: str, register: Path, as_of: str | None) -> tuple[SourcedIncident, IncidentReport, datetime]:
    """One valid incident judged at ``as_of`` (or at its detection, when that came later)."""
    config, loaded = _incident_file(incident_id, register)[1:]
    if loaded.incident is None:
        raise UsageError(_("the incident file is invalid, fix it first:"), tuple(loaded.errors))
    moment = parse_as_of(as_of, config.timezone)
    return loaded.incident, evaluate(loaded.incident, max(moment, loaded.incident.incident.detected_at)), moment


def _when(at: str | None, zone, day: bool):
    """``--at`` as it will be written: a local time without seconds, or a day for a measure."""
    if at is None:
        now = datetime.now(UTC).astimezone(zone)
        return now.date() if day else now.strftime("%Y-%m-%dT%H:%M")
    text = at.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(_("--at '{at}' is not a date and time such as 2026-11-24T10:00").format(at=at)) from None
    now = datetime.now(UTC).astimezone(zone)
    if day:
        done_on = moment.astimezone(zone).date() if moment.tzinfo else moment.date()
        if done_on > now.date():
            raise UsageError(_("--at {day} is in the future: record a measure once it is done").format(day=done_on))
        return done_on
    if len(text) <= 10:
        raise UsageError(_("--at '{at}': give the time of day too, e.g. {day}T10:00 (a 72-hour deadline needs "
                           "it)").format(at=at, day=text))
    try:
        aware = moment if moment.tzinfo else localize(moment, zone)
    except ValueError as error:
        raise UsageError(_("{option}: {problem}").format(option="--at", problem=error)) from None
    if aware > now + timedelta(minutes=5):
        raise UsageError(_("--at {time} is in the future: record a fact once it has happened").format(time=text))
    return text


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


class Interrupted(BaseException):
    """Ctrl-C. Not a KeyboardInterrupt, which click turns into 'Aborted!' and exit code 1."""


def _interrupt(signal_number: int, frame: object) -> None:
    raise Interrupted


def _complain(message: str, details: tuple[object, ...] = ()) -> None:
    """A message on standard error, one line each, made plain: a value quoted in it is text."""
    if sys.stderr is not None:
        lines = [f"breachtrack: {plain(message)}", *(f"  {plain(detail)}" for detail in details)]
        sys.stderr.write("\n".join(lines) + "\n")


def main() -> None:
    """Entry point: exit codes 0, 1 and 2 as cli.md fixes them, 130 on Ctrl-C, never a traceback."""
    # A run keeps every judged incident to the end and makes little cyclic garbage, so the
    # collector's default pace (every 700 new objects) only re-walks live ones: 7 % of a
    # 10,000-file check. mypy runs its collector at the same pace, for the same reason.
    gc.set_threshold(200_000, 30, 30)  # worker processes inherit it
    signal.signal(signal.SIGINT, _interrupt)
    for stream in (sys.stdout, sys.stderr):  # a character the terminal's encoding lacks is escaped
        if stream is not None:
            stream.reconfigure(errors="backslashreplace")
    try:
        app()  # exits by itself; typer reports a wrong command line with exit code 2
    except UsageError as error:
        _complain(str(error), error.details)
        sys.exit(2)
    except Interrupted:
        _complain("interrupted")
        sys.exit(130)
    except BrokenPipeError:  # the reader went away (| head): nothing more to say to it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        sys.exit(2)
    except OSError as error:  # a file or folder the system refuses: say which, and why
        where = f" {file_name(os.fsdecode(error.filename))}" if error.filename is not None else ""
        _complain(f"cannot use{where}: {error.strerror or error}")
        sys.exit(2)
    except Exception as error:  # a bug of ours: say so in one line rather than dump a traceback
        _complain(f"internal error ({type(error).__name__}: {error}); please report it")
        sys.exit(2)
