"""The JSON report of cli.md: fixed keys, times with their offset, money as numbers."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from breachtrack.engine import Finding, Gate, findings
from breachtrack.model import IncidentReport, Obligation, Report


def money(amount: Decimal | None) -> int | float | None:
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def moment(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _obligation(obligation: Obligation) -> dict[str, Any]:
    return {
        "id": obligation.id,
        "title": obligation.title,
        "basis": obligation.basis,
        "due": moment(obligation.due),
        "done_at": moment(obligation.done_at),
        "status": obligation.status,
        "target": obligation.target,
        "reason": obligation.reason,
        "line": obligation.line,
        "column": obligation.column,
    }


def _incident(incident: IncidentReport) -> dict[str, Any]:
    exposure = incident.exposure
    return {
        "id": incident.id,
        "title": incident.title,
        "file": incident.file,
        "timezone": incident.timezone,
        "obligations": [_obligation(o) for o in incident.obligations],
        "exposure": {
            "fine_eur": money(exposure.fine_eur),
            "astreinte_accrued_eur": money(exposure.astreinte_accrued_eur),
            "astreinte_daily_eur": money(exposure.astreinte_daily_eur),
            "fine_ceiling_eur": money(exposure.fine_ceiling_eur),
        },
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "incident": finding.incident.id,
        "obligation": finding.obligation.id,
        "state": finding.state,
        "file": finding.incident.file,
        "line": finding.obligation.line,
        "column": finding.obligation.column,
    }


def render(report: Report, gate: Gate | None = None) -> str:
    """The report; for ``check`` (given its gate) also what fails the run and what warns."""
    summary = report.summary
    document = {
        "as_of": report.as_of.isoformat(),
        "incidents": [_incident(incident) for incident in report.incidents],
        "errors": [
            {"file": e.file, "line": e.line, "column": e.column, "message": e.message} for e in report.errors
        ],
        "summary": {
            "incidents": summary.incidents,
            **summary.by_status,
            "astreinte_accrued_eur": money(summary.astreinte_accrued_eur),
            "astreinte_daily_eur": money(summary.astreinte_daily_eur),
            "errors": summary.errors,
        },
    }
    if gate is not None:
        found = findings(report, gate)
        document["check"] = {
            "fail_on": sorted(gate.fail_on),
            "warn_within_hours": money(Decimal(gate.warn_within.total_seconds()) / 3600),
            "failures": [_finding(f) for f in found if f.severity == "failure"],
            "warnings": [_finding(f) for f in found if f.severity == "warning"],
        }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
