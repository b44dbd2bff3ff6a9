"""Reporters: pure functions from a report to a string. The CLI alone prints or writes them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from breachtrack.engine import Finding, Gate, deadline, findings
from breachtrack.i18n import N_, _, language, ngettext
from breachtrack.model import (
    Ceiling,
    IncidentReport,
    Obligation,
    Report,
    Summary,
    in_currency,
)
from breachtrack.safetext import plain


def shown_parts(moment: datetime | date, offset: bool = True) -> tuple[str, str]:
    """The day and the hour of a due or done time, which a line may break between and never
    inside: ('2024-03-08', '18:00 +01:00') in English, (« 8 mars 2024 », « 18:00 +01:00 »)
    in French, whose tables write the month so that no day reads two ways; the hour is empty
    for a day."""
    if language() == "en":
        day = moment.date().isoformat() if isinstance(moment, datetime) else moment.isoformat()
    else:
        from babel.dates import format_date

        day = format_date(moment.date() if isinstance(moment, datetime) else moment, "d MMM y", locale="fr_FR")
    if not isinstance(moment, datetime):
        return day, ""
    # isoformat: an offset's seconds too (Paris in 1905 was +00:09:21)
    rest = moment.replace(second=0, microsecond=0).isoformat().partition("T")[2]
    return day, rest[:5] + (f" {rest[8:]}" if offset else "")


def shown(moment: datetime | date | None, offset: bool = True) -> str:
    """A due or done time as people read it: '2024-03-08 18:00 +01:00', « 8 mars 2024 18:00
    +01:00 », or a day; without its offset where the page names the zone."""
    if moment is None:
        return "-"
    return " ".join(part for part in shown_parts(moment, offset) if part)


STATUS_WORDS = {"overdue": N_("overdue"), "late": N_("late"), "pending": N_("pending"), "done": N_("done"),
                "exempt": N_("exempt"), "not_applicable": N_("not applicable"), "due_soon": N_("due soon")}
"""A status as people read it: « en retard », « fait en retard », « à faire », « fait »..."""


TARGETS = {"law": N_("law"), "policy": N_("policy target")}
"""Who sets a due time: the law, or the register's own target where the law says « dans les
meilleurs délais »."""


def status_word(status: str) -> str:
    """'not applicable' for ``not_applicable``, in the language of the run."""
    return _(STATUS_WORDS[status]) if status in STATUS_WORDS else status.replace("_", " ")


def status_value(status: str) -> str:
    """A status where English shows its id (a CSV cell, a JUnit or calendar field): the id, as
    the JSON report writes it, in English; its word in another language (« sans objet »)."""
    return status if language() == "en" else status_word(status)


def target_value(target: str) -> str:
    """``law`` or ``policy`` where English shows the id; « loi » or « objectif interne »."""
    return target if language() == "en" else _(TARGETS[target])


def ceiling_amount(ceiling: Ceiling) -> str:
    """'24,000,000 EUR', or 'at least 10,000,000 EUR' for a minimum maximum."""
    amount = in_currency(ceiling.amount, ceiling.currency)
    return _("at least {amount}").format(amount=amount) if ceiling.at_least else amount


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
    """'1 day', '2 days' (the message str(Duration) gives too)."""
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


GATE_OFF = N_("fail_on is none (in breachtrack.toml or --fail-on): no obligation can fail this run, "
              "only an invalid file")
"""Said by every check format when the gate is off, which a settings file can do (``_(GATE_OFF)``)."""


def headline(finding: Finding) -> str:
    """'CT-2026-11-PHISHING: gdpr.art34.inform_subjects is overdue', as plain text; in a group
    register, with the entity whose obligation it is: 'ACME-1 (Acme US Inc.): sec.form_8k ...'."""
    state = status_word("due_soon" if finding.due_soon else finding.obligation.status)
    incident = finding.incident.id
    if finding.obligation.entity is not None:
        incident = _("{incident} ({entity})").format(incident=incident, entity=finding.obligation.entity)
    return plain(_("{incident}: {obligation} is {state}").format(
        incident=incident, obligation=finding.obligation.id, state=state))


def entity_counts(summary: Summary) -> list[tuple[str, str]]:
    """Each entity of a group register and its share of the summary in words, as plain text:
    ('Acme US Inc.', '2 incidents, 1 overdue, 0 late, 3 pending, 0 done'); none otherwise."""
    lines = []
    for name, counts in summary.by_entity.items():
        incidents = ngettext("{count} incident", "{count} incidents", counts["incidents"]).format(
            count=counts["incidents"])
        lines.append((plain(name), _("{incidents}, {overdue} overdue, {late} late, {pending} pending, {done} done").format(
            incidents=incidents, overdue=counts["overdue"], late=counts["late"], pending=counts["pending"],
            done=counts["done"])))
    return lines


def explanation(finding: Finding, as_of: datetime) -> str:
    """The obligation, its basis, its due time and how far it is, and the rule's reason, as
    plain text (the title, basis and reason quote values from the file)."""
    obligation = finding.obligation
    when = _("due {due}").format(due=shown(obligation.due))
    if timing := time_to_due(obligation, finding.incident, as_of):
        when = _("due {due}, {timing}").format(due=shown(obligation.due), timing=timing)
    basis = obligation.basis
    if obligation.target == "policy":
        basis = _("{basis}; a policy target").format(basis=basis)
    reason = obligation.reason[:1].upper() + obligation.reason[1:]
    return plain(_("{title} ({basis}): {when}. {reason}.").format(title=obligation.title, basis=basis, when=when,
                                                                reason=reason))


FOLDED = ("not_applicable",)
"""Statuses that the Markdown and HTML reports fold away under each incident: a rule that does
not apply says why, and that is all. An exemption stays in sight: it is the controller's claim
(Art. 34(3)), which an authority may contest."""


def needs_action(report: Report, warn_within: timedelta) -> list[Finding]:
    """What a report opens with: the overdue obligations, the most overdue first, then those due
    within ``warn_within`` (``warn_within`` in breachtrack.toml), the soonest first."""
    return findings(report, Gate(fail_on=frozenset(), warn_within=warn_within))
