"""The JSON report of cli.md: fixed keys, times with their offset, money as numbers."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

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


def render(report: Report) -> str:
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
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
