"""What ``check`` prints: what needs attention, then one summary line. Colour is optional."""

from __future__ import annotations

from io import StringIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from breachtrack.model import Report, euros
from breachtrack.engine import Gate, findings
from breachtrack.reporters import shown, span, time_to_due


def summary_line(report: Report) -> str:
    summary = report.summary
    counts = summary.by_status
    incidents = f"{summary.incidents} incident{'s' if summary.incidents != 1 else ''}"
    line = (
        f"{incidents}: {counts['overdue']} overdue, {counts['late']} late, {counts['pending']} pending, "
        f"{counts['done']} done; astreinte accrued {euros(summary.astreinte_accrued_eur)}"
    )
    if summary.astreinte_daily_eur:
        line += f" (+{euros(summary.astreinte_daily_eur)} a day)"
    if summary.errors:
        line += f"; {summary.errors} error{'s' if summary.errors != 1 else ''} in the files"
    return line


def render(report: Report, gate: Gate, color: bool, width: int) -> str:
    out = StringIO()
    console = Console(
        file=out, width=width, force_terminal=color, no_color=not color, color_system="standard" if color else None,
        highlight=False, emoji=False, legacy_windows=False,
    )
    console.print(f"breachtrack check as of {shown(report.as_of)}", style="bold")
    if report.errors:
        console.print()
        count = len(report.errors)
        console.print(f"Invalid files ({count} error{'s' if count != 1 else ''})", style="bold red")
        for error in report.errors:
            console.print(Text(str(error)), soft_wrap=True)
    attention = findings(report, gate)
    console.print()
    if attention:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
        for header in ("Status", "Incident", "Obligation", "Legal basis", "Due", "When"):
            table.add_column(header, no_wrap=header != "Legal basis")
        for finding in attention:
            incident, obligation = finding.incident, finding.obligation
            failing = finding.severity == "failure"
            label = finding.state.replace("_", " ")
            table.add_row(
                Text(label.upper() if failing else label, style="bold red" if failing else "yellow"),
                incident.id,
                obligation.id,
                obligation.basis,
                shown(obligation.due),
                Text(time_to_due(obligation, incident, report.as_of), style="red" if failing else "yellow"),
            )
        console.print(table)
    else:
        console.print(f"Nothing overdue or due within {span(gate.warn_within)}.")
    console.print()
    console.print(summary_line(report), soft_wrap=True)
    return out.getvalue()
