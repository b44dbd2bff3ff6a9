"""What ``check`` prints: what needs attention, then one summary line, and one per entity in a
group register. Colour is optional.

Plain aligned columns with a few ANSI colours: a table library lays out thousands of rows in
seconds, and importing one costs every run of ``check`` its start-up time.
"""

from __future__ import annotations

from breachtrack.engine import Finding, Gate, findings
from breachtrack.i18n import N_, _, ngettext
from breachtrack.model import Report, euros
from breachtrack.reporters import (
    GATE_OFF,
    entity_counts,
    shown,
    span,
    status_word,
    time_to_due,
)
from breachtrack.safetext import plain

STYLES = {"bold": "1", "bold red": "1;31", "red": "31", "yellow": "33"}


def summary_line(report: Report) -> str:
    summary = report.summary
    counts = summary.by_status
    incidents = ngettext("{count} incident", "{count} incidents", summary.incidents).format(
        count=summary.incidents)
    line = _("{incidents}: {overdue} overdue, {late} late, {pending} pending, {done} done; astreinte accrued "
             "{accrued}").format(incidents=incidents, overdue=counts["overdue"], late=counts["late"],
                                 pending=counts["pending"], done=counts["done"],
                                 accrued=euros(summary.astreinte_accrued_eur))
    if summary.astreinte_daily_eur:
        line += _(" (+{amount} a day)").format(amount=euros(summary.astreinte_daily_eur))
    if summary.errors:
        line += "; " + ngettext("{count} error in the files", "{count} errors in the files", summary.errors).format(
            count=summary.errors)
    for name, counts in entity_counts(summary):  # a group register: one more line per entity
        line += "\n" + _("{entity}: {counts}").format(entity=name, counts=counts)
    return line


HEADERS = (N_("Status"), N_("Incident"), N_("Obligation"), N_("Legal basis"), N_("Due"), N_("When"))
GAP = "   "


def _styled(text: str, style: str, color: bool) -> str:
    return f"\x1b[{STYLES[style]}m{text}\x1b[0m" if color and style else text


def _table(report: Report, attention: list[Finding], color: bool) -> list[str]:
    rows = []
    grouped = any(finding.obligation.entity is not None for finding in attention)  # a group register
    for finding in attention:
        incident, obligation = finding.incident, finding.obligation
        failing = finding.severity == "failure"
        label = status_word(finding.state)
        rows.append((
            (label.upper() if failing else label, "bold red" if failing else "yellow"),
            (plain(incident.id), ""),
            *([(plain(obligation.entity or "-"), "")] if grouped else []),
            (plain(obligation.id), ""),
            (plain(obligation.basis), ""),
            (shown(obligation.due), ""),
            (time_to_due(obligation, incident, report.as_of), "red" if failing else "yellow"),
        ))
    headers = [_(header) for header in HEADERS]
    if grouped:
        headers.insert(2, _("Entity"))
    widths = [max(len(header), *(len(row[i][0]) for row in rows)) for i, header in enumerate(headers)]
    lines = [
        _styled(GAP.join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(), "bold", color),
        "─" * (sum(widths) + len(GAP) * (len(widths) - 1)),
    ]
    for row in rows:
        cells = [_styled(cell.ljust(width), style, color) for (cell, style), width in zip(row[:-1], widths, strict=False)]
        lines.append(GAP.join([*cells, _styled(*row[-1], color)]).rstrip())
    return lines


def render(report: Report, gate: Gate, color: bool) -> str:
    lines = [_styled(_("breachtrack check as of {moment}").format(moment=shown(report.as_of)), "bold", color)]
    if report.errors:
        count = len(report.errors)
        heading = ngettext("Invalid files ({count} error)", "Invalid files ({count} errors)", count).format(count=count)
        lines += ["", _styled(heading, "bold red", color)]
        lines += [str(error) for error in report.errors]
    attention = findings(report, gate)
    lines.append("")
    if attention:
        lines += _table(report, attention, color)
    elif not report.incidents and not report.errors:
        lines.append(_("The register holds no incident."))
    else:
        lines.append(_("Nothing overdue or due within {span}.").format(span=span(gate.warn_within)))
    if not gate.fail_on:
        lines += ["", _styled(_(GATE_OFF), "yellow", color)]
    lines += ["", summary_line(report)]
    return "\n".join(lines) + "\n"
