"""An iCalendar file of the deadlines, for the calendars people live in.

One event per open obligation (pending or overdue), ending at its due time. UIDs are the
incident's id and the obligation's id (and the entity's name in a group register), so a calendar subscribed to the file updates its events
rather than duplicating them.

Reminders: a remediation measure's due day is an all-day event, and a measure is work of
weeks, so it is reminded the register's ``reminders`` before (default 30, 7 and 1 days), at
09:00 on each of those days, the hour calendars give an all-day reminder. A deadline at a time
of day (72 hours to notify, 24 hours for an early warning) keeps its reminders 24 hours and 2
hours before: its clock runs in hours, and a reminder days before it would come before the
clock started. A longer timed deadline (a final report a month after the notification) also
gets each of the register's reminders that falls after its clock started.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from breachtrack.i18n import N_, _
from breachtrack.model import DEFAULT_REMINDERS, Duration, IncidentReport, Obligation, Report
from breachtrack.reporters import TARGETS, status_value
from breachtrack.safetext import calendar_text

OPEN = ("pending", "overdue")
SUMMARIES = {"overdue": N_("OVERDUE: {incident}: {title}"), "done": N_("Done: {incident}: {title}"),
             "late": N_("Done late: {incident}: {title}")}
"""An event's title by status; an open obligation's is its incident and title alone."""
TIMED_REMINDERS = (timedelta(hours=24), timedelta(hours=2))
"""Before a deadline at a time of day, counted back from it."""
ALL_DAY_REMINDER_HOUR = 9
"""An all-day deadline is reminded at this hour, that many days before its day."""
TIMED_EVENT = timedelta(minutes=30)
"""A deadline at a time of day is shown as the half hour that ends at it."""


def uid(incident: IncidentReport, obligation: Obligation) -> str:
    """In a group register, the entity too: each entity's clock is its own event."""
    if obligation.entity is None:
        return f"{incident.id}/{obligation.id}@breachtrack"
    return f"{incident.id}/{obligation.id}/{obligation.entity.replace(' ', '_')}@breachtrack"


def triggers(obligation: Obligation, reminders: tuple[Duration, ...]) -> list[tuple[timedelta, str]]:
    """Each reminder of an open obligation: how long before its event's start (``START``) or end
    (``END``) it rings, the earliest first."""
    befores = [reminder.elapsed() for reminder in reminders]
    if isinstance(obligation.due, datetime):
        start = obligation.start if isinstance(obligation.start, datetime) else None
        longer = [before for before in befores if start is not None and obligation.due - before > start]
        return [(-before, "END") for before in sorted({*TIMED_REMINDERS, *longer}, reverse=True)]
    # the event starts at midnight of the due day: N days before at 09:00 is N days less 9 hours before it
    return [(-before + timedelta(hours=ALL_DAY_REMINDER_HOUR), "START") for before in sorted(set(befores), reverse=True)]


def _event(incident: IncidentReport, obligation: Obligation, stamp: datetime, reminders: tuple[Duration, ...]) -> Event:
    event = Event()
    event.add("uid", calendar_text(uid(incident, obligation)))
    event.add("dtstamp", stamp)
    summary = _(SUMMARIES[obligation.status]) if obligation.status in SUMMARIES else "{incident}: {title}"
    title = obligation.title if obligation.entity is None else f"{obligation.title} ({obligation.entity})"
    event.add("summary", calendar_text(summary.format(incident=incident.id, title=title)))
    event.add(
        "description",
        "\n".join(calendar_text(line) for line in (
            f"{incident.title} ({incident.id}, {incident.file})",
            f"{obligation.id}: {obligation.title}",
            _("Legal basis: {basis} ({target})").format(basis=obligation.basis, target=_(TARGETS[obligation.target])),
            _("Status: {status}").format(status=status_value(obligation.status)),
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
        for trigger, related in triggers(obligation, reminders):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            due = _("{incident}: {title} is due").format(incident=incident.id, title=obligation.title)
            alarm.add("description", calendar_text(due))
            alarm.add("trigger", trigger, parameters={"RELATED": related})
            event.add_component(alarm)
    return event


def render(report: Report, include_done: bool = False, reminders: tuple[Duration, ...] = DEFAULT_REMINDERS) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//breachtrack//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Breach register deadlines"))
    stamp = report.as_of.astimezone(UTC)
    shown = OPEN + (("done", "late") if include_done else ())
    for incident in report.incidents:
        for obligation in incident.obligations:
            if obligation.status in shown and obligation.due is not None:
                calendar.add_component(_event(incident, obligation, stamp, reminders))
    return calendar.to_ical().decode("utf-8")
