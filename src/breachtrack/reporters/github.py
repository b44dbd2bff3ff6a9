"""GitHub Actions workflow commands: each problem becomes an annotation on its file and line.

``::error`` for an invalid file and for an obligation in a ``--fail-on`` status, ``::warning``
for one overdue or due soon that does not fail the run. GitHub shows only a few annotations per
step, so the action also writes the Markdown report to the job summary.
"""

from __future__ import annotations

from breachtrack.engine import Gate, findings
from breachtrack.i18n import _
from breachtrack.model import Report
from breachtrack.reporters import GATE_OFF, explanation, headline
from breachtrack.reporters.text import summary_line
from breachtrack.safetext import plain


def escape_data(text: str) -> str:
    """A message: '%', CR and LF would end or corrupt the command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: also ':' and ',', which separate the properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, file: str, line: int, column: int, title: str, message: str) -> str:
    """One annotation; its values are made plain first: an escape in it would restyle the log."""
    properties = ",".join(
        f"{name}={escape_property(plain(value))}"
        for name, value in (("file", file), ("line", line), ("col", column), ("title", title))
    )
    return f"::{kind} {properties}::{escape_data(plain(message))}"


def render(report: Report, gate: Gate) -> str:
    lines = [
        command("error", error.file, error.line, error.column, _("Invalid incident file"), error.message)
        for error in report.errors
    ]
    for finding in findings(report, gate):
        obligation = finding.obligation
        lines.append(
            command(
                "error" if finding.severity == "failure" else "warning",
                finding.incident.file,
                obligation.line,
                obligation.column,
                headline(finding),
                explanation(finding, report.as_of),
            )
        )
    if not gate.fail_on:
        lines.append(f"::warning title=breachtrack gate off::{escape_data(_(GATE_OFF))}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
