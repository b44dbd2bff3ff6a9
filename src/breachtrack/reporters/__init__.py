"""Reporters: pure functions from a report to a string. The CLI alone prints or writes them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from breachtrack.model import IncidentReport, Obligation, Report


def shown(moment: datetime | date | None) -> str:
    """A due or done time as people read it: '2024-03-08 18:00 +01:00', or a day."""
    if moment is None:
        return "-"
    if isinstance(moment, datetime):
        offset = moment.strftime("%z")
        return f"{moment:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"
    return moment.isoformat()


def deadline(obligation: Obligation, zone: str) -> datetime | None:
    """The instant an obligation falls due: a due day ends at midnight, in the incident's zone."""
    due = obligation.due
    if due is None or isinstance(due, datetime):
        return due
    return datetime.combine(due + timedelta(days=1), time(), tzinfo=ZoneInfo(zone))


def span(delta: timedelta) -> str:
    """A length of time in words: '3 days', '1 day 4 h', '5 h 12 min', '7 min'."""
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days >= 3 or (days and not hours):
        return f"{days} day{'s' if days > 1 else ''}"
    if days:
        return f"{days} day {hours} h"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def time_to_due(obligation: Obligation, incident: IncidentReport, as_of: datetime) -> str:
    """'due in 5 h 12 min' for an open obligation, '3 days overdue' for a missed one.

    A missed due day counts the calendar days since, as the astreinte does."""
    due = obligation.due
    if isinstance(due, date) and not isinstance(due, datetime):
        today = as_of.astimezone(ZoneInfo(incident.timezone)).date()
        if today > due:
            days = (today - due).days
            return f"{days} day{'s' if days > 1 else ''} overdue"
    end = deadline(obligation, incident.timezone)
    if end is None:
        return ""
    delta = end.astimezone(UTC) - as_of.astimezone(UTC)
    return f"due in {span(delta)}" if delta >= timedelta(0) else f"{span(-delta)} overdue"


def needs_attention(report: Report, warn_within: timedelta) -> list[tuple[IncidentReport, Obligation]]:
    """Overdue obligations, most overdue first, then those due within ``warn_within``, soonest first."""
    overdue, soon = [], []
    for incident in report.incidents:
        for obligation in incident.obligations:
            if obligation.status not in ("overdue", "pending"):
                continue
            end = deadline(obligation, incident.timezone).astimezone(UTC)
            if obligation.status == "overdue":
                overdue.append((end, incident, obligation))
            elif end - report.as_of.astimezone(UTC) <= warn_within:
                soon.append((end, incident, obligation))
    ordered = sorted(overdue, key=lambda item: item[0]) + sorted(soon, key=lambda item: item[0])
    return [(incident, obligation) for _, incident, obligation in ordered]
