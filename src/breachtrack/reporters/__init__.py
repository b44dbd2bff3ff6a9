"""Reporters: pure functions from a report to a string. The CLI alone prints or writes them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from breachtrack.engine import Finding, Gate, deadline, findings
from breachtrack.i18n import _, ngettext
from breachtrack.model import Ceiling, IncidentReport, Obligation, Report, in_currency
from breachtrack.safetext import plain


def shown(moment: datetime | date | None) -> str:
    """A due or done time as people read it: '2024-03-08 18:00 +01:00', or a day."""
    if moment is None:
        return "-"
    if isinstance(moment, datetime):  # isoformat: four digits of year before 1000, and an offset's seconds
        day, _sep, rest = moment.replace(second=0, microsecond=0).isoformat().partition("T")
        return f"{day} {rest[:5]} {rest[8:]}"
    return moment.isoformat()


def ceiling_amount(ceiling: Ceiling) -> str:
    """'24,000,000 EUR', or 'at least 10,000,000 EUR' for a minimum maximum."""
    return ("at least " if ceiling.at_least else "") + in_currency(ceiling.amount, ceiling.currency)


def span(delta: timedelta) -> str:
    """A length of time in words: '3 days', '1 day 4 h', '2 days 4 h', '5 h 12 min', '7 min'."""
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days >= 3 or (days and not hours):
        return _days(days)
    if days:
        return ngettext("{count} day {hours} h", "{count} days {hours} h", days).format(count=days, hours=hours)
    if hours:
        return (_("{hours} h {minutes} min") if minutes else _("{hours} h")).format(hours=hours, minutes=minutes)
    return _("{minutes} min").format(minutes=minutes)


def _days(count: int) -> str:
    """'1 day', '2 days' (the message Duration and rules.spoken give too)."""
    return ngettext("{count} day", "{count} days", count).format(count=count)


def time_to_due(obligation: Obligation, incident: IncidentReport, as_of: datetime) -> str:
    """'due in 5 h 12 min' for an open obligation, '3 days overdue' for a missed one, '30 h
    late' for one done after its due time.

    A missed due day counts the calendar days since, as the astreinte does. Nothing for an
    obligation done in time or without a clock: the reporters show its status alone."""
    if obligation.status not in ("pending", "overdue", "late"):
        return ""
    due, done = obligation.due, obligation.done_at
    if obligation.status == "late":
        if isinstance(done, datetime):
            return _("done {span} late").format(span=span(done.astimezone(UTC) - due.astimezone(UTC)))
        return _("done {span} late").format(span=_days((done - due).days))
    if isinstance(due, date) and not isinstance(due, datetime):
        today = as_of.astimezone(ZoneInfo(incident.timezone)).date()
        if today > due:
            return _("{span} overdue").format(span=_days((today - due).days))
    end = deadline(obligation, incident.timezone)
    if end is None:
        return ""
    delta = end.astimezone(UTC) - as_of.astimezone(UTC)
    return (_("due in {span}") if delta >= timedelta(0) else _("{span} overdue")).format(span=span(abs(delta)))


GATE_OFF = ("fail_on is none (in breachtrack.toml or --fail-on): no obligation can fail this run, "
            "only an invalid file")
"""Said by every check format when the gate is off, which a settings file can do."""


def headline(finding: Finding) -> str:
    """'CT-2026-11-PHISHING: gdpr.art34.inform_subjects is overdue', as plain text."""
    state = "due soon" if finding.due_soon else finding.obligation.status.replace("_", " ")
    return plain(f"{finding.incident.id}: {finding.obligation.id} is {state}")


def explanation(finding: Finding, as_of: datetime) -> str:
    """The obligation, its basis, its due time and how far it is, and the rule's reason, as
    plain text (the title, basis and reason quote values from the file)."""
    obligation = finding.obligation
    when = f"due {shown(obligation.due)}"
    if timing := time_to_due(obligation, finding.incident, as_of):
        when += f", {timing}"
    basis = obligation.basis + ("; a policy target" if obligation.target == "policy" else "")
    reason = obligation.reason[:1].upper() + obligation.reason[1:]
    return plain(f"{obligation.title} ({basis}): {when}. {reason}.")


FOLDED = ("not_applicable",)
"""Statuses that the Markdown and HTML reports fold away under each incident: a rule that does
not apply says why, and that is all. An exemption stays in sight: it is the controller's claim
(Art. 34(3)), which an authority may contest."""


def needs_action(report: Report, warn_within: timedelta) -> list[Finding]:
    """What a report opens with: the overdue obligations, the most overdue first, then those due
    within ``warn_within`` (``warn_within`` in breachtrack.toml), the soonest first."""
    return findings(report, Gate(fail_on=frozenset(), warn_within=warn_within))
