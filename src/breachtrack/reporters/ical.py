"""An iCalendar file of the deadlines, for the calendars people live in.

One event per open obligation (pending or overdue), ending at its due time, with reminders
24 hours and 2 hours before. UIDs are the incident's id and the obligation's id, so a calendar
subscribed to the file updates its events rather than duplicating them. A remediation
measure's due day is an all-day event.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from breachtrack.model import IncidentReport, Obligation, Report
from breachtrack.safetext import calendar_text

OPEN = ("pending", "overdue")
REMINDERS = (timedelta(hours=24), timedelta(hours=2))
TIMED_EVENT = timedelta(minutes=30)
"""A deadline at a time of day is shown as the half hour that ends at it."""


def uid(incident: IncidentReport, obligation: Obligation) -> str:
    return f"{incident.id}/{obligation.id}@breachtrack"


def _event(incident: IncidentReport, obligation: Obligation, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", calendar_text(uid(incident, obligation)))
    event.add("dtstamp", stamp)
    label = {"overdue": "OVERDUE: ", "done": "Done: ", "late": "Done late: "}.get(obligation.status, "")
    event.add("summary", calendar_text(f"{label}{incident.id}: {obligation.title}"))
    target = "law" if obligation.target == "law" else "policy target"
    event.add(
        "description",
        "\n".join(calendar_text(line) for line in (
            f"{incident.title} ({incident.id}, {incident.file})",
            f"{obligation.id}: {obligation.title}",
            f"Legal basis: {obligation.basis} ({target})",
            f"Status: {obligation.status}",
            obligation.reason,
        )),
    )
    event.add("categories", ["breachtrack", obligation.status])
    if isinstance(obligation.due, datetime):
        end = obligation.due.astimezone(UTC)
        event.add("dtstart", end - TIMED_EVENT)
        event.add("dtend", end)
    else:
        event.add("dtstart", obligation.due)
        event.add("dtend", obligation.due + timedelta(days=1))
    if obligation.status in OPEN:
        for before in REMINDERS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", calendar_text(f"{incident.id}: {obligation.title} is due"))
            alarm.add("trigger", -before, parameters={"RELATED": "END"})
            event.add_component(alarm)
    return event


def render(report: Report, include_done: bool = False) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//breachtrack//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Breach register deadlines")
    stamp = report.as_of.astimezone(UTC)
    shown = OPEN + (("done", "late") if include_done else ())
    for incident in report.incidents:
        for obligation in incident.obligations:
            if obligation.status in shown and obligation.due is not None:
                calendar.add_component(_event(incident, obligation, stamp))
    return calendar.to_ical().decode("utf-8")
