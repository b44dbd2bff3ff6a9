"""The JSON report of cli.md: fixed keys, times with their offset, money as numbers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from breachtrack.engine import Finding, Gate, findings
from breachtrack.model import Exposure, IncidentReport, Obligation, Report
from breachtrack.safetext import json_text


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
        "entity": obligation.entity,
    }


def _exposure(exposure: Exposure) -> dict[str, Any]:
    """cli.md's four keys, then the highest ceiling in each currency with its basis, and every
    ceiling with why it applies (pounds are never converted)."""
    euro, pound = exposure.highest("EUR"), exposure.highest("GBP")
    return {
        "fine_eur": money(exposure.fine_eur),
        "astreinte_accrued_eur": money(exposure.astreinte_accrued_eur),
        "astreinte_daily_eur": money(exposure.astreinte_daily_eur),
        "fine_ceiling_eur": money(exposure.fine_ceiling_eur),
        "fine_ceiling_eur_basis": euro.basis if euro else None,
        "fine_ceiling_gbp": money(pound.amount) if pound else None,
        "fine_ceiling_gbp_basis": pound.basis if pound else None,
        "ceilings": [{"basis": c.basis, "amount": money(c.amount), "currency": c.currency, "at_least": c.at_least,
                      "why": c.why} for c in exposure.ceilings],
    }


def _incident(incident: IncidentReport, history: dict[str, Any] | None = None) -> dict[str, Any]:
    found = {
        "id": incident.id,
        "title": incident.title,
        "file": incident.file,
        "timezone": incident.timezone,
        "entities": list(incident.entities),
        "obligations": [_obligation(o) for o in incident.obligations],
        "exposure": _exposure(incident.exposure),
    }
    if history is not None:
        found["history"] = history
    return found


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "incident": finding.incident.id,
        "obligation": finding.obligation.id,
        "state": finding.state,
        "file": finding.incident.file,
        "line": finding.obligation.line,
        "column": finding.obligation.column,
        **({"entity": finding.obligation.entity} if finding.obligation.entity is not None else {}),
    }


def render(report: Report, gate: Gate | None = None, histories: Mapping[str, dict[str, Any]] | None = None) -> str:
    """The report; for ``check`` (given its gate) also what fails the run and what warns; with
    ``histories`` (by file), each incident's git history under ``history``."""
    summary = report.summary
    document: dict[str, Framed] = {
        "as_of": _nested(report.as_of.isoformat(), 1),
        "incidents": [_nested(_incident(incident, (histories or {}).get(incident.file)), 2)
                      for incident in report.incidents],
        "errors": [_nested({"file": e.file, "line": e.line, "column": e.column, "message": e.message}, 2)
                   for e in report.errors],
        "summary": _nested({
            "incidents": summary.incidents,
            **summary.by_status,
            "astreinte_accrued_eur": money(summary.astreinte_accrued_eur),
            "astreinte_daily_eur": money(summary.astreinte_daily_eur),
            "errors": summary.errors,
            "by_entity": summary.by_entity,
        }, 1),
    }
    if gate is not None:
        found = findings(report, gate)
        document["check"] = {
            "fail_on": _nested(sorted(gate.fail_on), 2),
            "warn_within_hours": _nested(money(Decimal(gate.warn_within.total_seconds()) / 3600), 2),
            "failures": [_nested(_finding(f), 3) for f in found if f.severity == "failure"],
            "warnings": [_nested(_finding(f), 3) for f in found if f.severity == "warning"],
        }
    pieces: list[str] = []
    _frame(document, 0, pieces)
    pieces.append("\n")
    return "".join(pieces)


# The text is exactly what ``json.dumps(document, indent=2)`` writes, but each list item is
# encoded on its own and the whole is joined once: with indentation, json's encoder is pure
# Python and keeps every small piece of the text to the end, 2.2 GB for 100,000 incidents.

Framed = str | list[str] | dict[str, "Framed"]
"""JSON text; a list of the texts of its items; an object of such values."""


def _nested(value: Any, depth: int) -> str:
    """``value`` as JSON, indented for ``depth`` levels of nesting."""
    return json_text(json.dumps(value, indent=2, ensure_ascii=False)).replace("\n", "\n" + "  " * depth)


def _frame(value: Framed, depth: int, pieces: list[str]) -> None:
    if isinstance(value, str):
        pieces.append(value)
        return
    if not value:  # an empty list: every object here has keys
        pieces.append("[]")
        return
    opening, closing = ("[", "]") if isinstance(value, list) else ("{", "}")
    inner = "\n" + "  " * (depth + 1)
    pieces.append(opening)
    if isinstance(value, list):
        for number, text in enumerate(value):
            pieces += ["," if number else "", inner, text]
    else:
        for number, (key, item) in enumerate(value.items()):
            pieces += ["," if number else "", inner, json.dumps(key), ": "]
            _frame(item, depth + 1, pieces)
    pieces += ["\n", "  " * depth, closing]
