"""remediation.<measure id>: each measure of the remediation calendar, by the end of its due day.

Legal basis: for a measure that an injunction lists, the supervisory authority's decision (for
the CNIL, an injonction under loi n° 78-17 "Informatique et Libertés" art. 20, III, possibly with
an astreinte, a penalty of up to 100,000 EUR for each day of delay); otherwise the
organisation's own remediation plan (GDPR Art. 32 and Art. 33(3)(d), the measures taken or
proposed).

In plain words: every measure has a due day, written as a date or as a time after the day the
decision was notified (``3 months`` after ``sanction.notified_on``, months as calendar months).
It is done on time when ``done_on`` is on or before that day. For an enjoined measure,
``done_on`` is the day its completion was justified to the authority: the astreinte runs until
then (see the exposure in the report). A due day on a weekend or a public holiday stays where
the decision or the plan puts it.

Applies (due 2026-04-29, the end of that day)::

    sanction: {notified_on: 2026-01-29, injunctions: [{id: security, astreinte_eur_per_day: 5000, measures: [mfa]}]}
    remediation: [{id: mfa, title: Two-factor authentication, due: 3 months}]

Not applicable (as of a day before the sanction was notified)::

    remediation: [{id: mfa, title: Two-factor authentication, due: 3 months}]
"""

from __future__ import annotations

from datetime import date

from breachtrack.i18n import _
from breachtrack.model import Config, Duration, Incident, Injunction, RemediationMeasure, euros
from breachtrack.rules import Assessment

PREFIX = "remediation."


def due_day(incident: Incident, measure: RemediationMeasure) -> date | None:
    """The measure's due day, or None while the decision it counts from is not yet notified."""
    if isinstance(measure.due, Duration):
        if incident.sanction is None or incident.sanction.notified_on is None:
            return None
        return measure.due.after_day(incident.sanction.notified_on)
    return measure.due


def basis_of(incident: Incident, injunction: Injunction | None) -> str:
    if injunction is None:
        return _("remediation plan")
    sanction = incident.sanction
    decision = " ".join(part for part in (sanction.authority, sanction.reference) if part)
    return _("{decision}, injunction '{injunction}'").format(decision=decision, injunction=injunction.id)


def assess(incident: Incident, config: Config) -> list[Assessment]:
    assessments = []
    injunctions = incident.injunction_by_measure()
    for index, measure in enumerate(incident.remediation):
        about = ("remediation", index, "done_on")
        due = due_day(incident, measure)
        injunction = injunctions.get(measure.id)
        basis = basis_of(incident, injunction)
        target = "law" if injunction else "policy"
        if due is None:
            assessments.append(Assessment(PREFIX + measure.id, measure.title, basis, target, "not_applicable",
                                          _("due {period} after the sanction is notified, which had not happened yet")
                                          .format(period=str(measure.due)), about=about))
            continue
        if injunction:
            reason = _("ordered by {basis}, under an astreinte of {amount} for each day of delay").format(
                basis=basis, amount=euros(injunction.astreinte_eur_per_day))
        else:
            reason = _("a measure of the organisation's remediation plan")
        notified = incident.sanction.notified_on if incident.sanction else None
        assessments.append(Assessment(PREFIX + measure.id, measure.title, basis, target, "applies",
                                      reason, due=due, done_at=measure.done_on, about=about,
                                      start=notified if notified and notified <= due else None))
    return assessments
