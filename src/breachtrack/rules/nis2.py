"""nis2.early_warning, nis2.notification, nis2.intermediate_report, nis2.final_report and
nis2.progress_report: reporting a significant incident to the CSIRT or competent authority.

Legal basis: Directive (EU) 2022/2555 (NIS2) Art. 23(4): "(a) without undue delay and in any
event within 24 hours of becoming aware of the significant incident, an early warning [...];
(b) without undue delay and in any event within 72 hours of becoming aware of the significant
incident, an incident notification [...], except that a trust service provider shall [...]
notify the CSIRT or the competent authority without undue delay and in any event within 24
hours of becoming aware of the significant incident; (c) upon the request of a CSIRT or, where
relevant, the competent authority, an intermediate report on relevant status updates; (d) a
final report not later than one month after the submission of the incident notification [...];
(e) in the event of an ongoing incident at the time of the submission of the final report
referred to in point (d), Member States shall ensure that entities concerned provide a progress
report at that time and a final report within one month of their handling of the incident."
(France: loi n° 2025-… transposing NIS2; the ANSSI receives the reports.)

In plain words: with regime ``nis2`` and ``nis2.significant: true``, the clocks start at
``detected_at`` (when the entity became aware of the incident): early warning in 24 hours,
notification in 72 hours (24 for a trust service provider), an intermediate report only when
requested and by the date the request sets, and a final report one calendar month after the
notification, at the same time of day (one month after 31 January is 28 or 29 February). If
the incident is still being handled then, a progress report is due at that time, and the final
report one month after ``handled_at``. Hour deadlines never move off a weekend or holiday.

Applies (early warning due 2026-03-03T08:00+01:00)::

    regimes: [gdpr, fr, nis2]
    detected_at: 2026-03-02T08:00
    nis2: {entity: essential, significant: true}

Does not apply::

    regimes: [gdpr, fr, nis2]
    nis2: {significant: false}
"""

from __future__ import annotations

from datetime import timedelta

from breachtrack.model import Config, Incident
from breachtrack.rules import Assessment, elapsed, months_after

EARLY_WARNING = "nis2.early_warning"
NOTIFICATION = "nis2.notification"
INTERMEDIATE = "nis2.intermediate_report"
FINAL = "nis2.final_report"
PROGRESS = "nis2.progress_report"


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "nis2" not in incident.regimes:
        return []
    section = incident.nis2
    authority = section.authority if section else "ANSSI"
    early = f"Send the early warning ({authority})"
    notify = f"Notify the incident ({authority})"
    if section is None or not section.significant:
        reason = "not recorded as a significant incident (nis2.significant): NIS2 Art. 23 asks for reports only then"
        return [Assessment(EARLY_WARNING, early, "NIS2 Art. 23(4)(a)", "law", "not_applicable", reason,
                           about=("nis2", "significant")),
                Assessment(NOTIFICATION, notify, "NIS2 Art. 23(4)(b)", "law", "not_applicable", reason,
                           about=("nis2", "significant"))]
    aware = incident.detected_at
    trust = section.entity == "trust_service"
    assessments = [
        Assessment(EARLY_WARNING, early, "NIS2 Art. 23(4)(a)", "law", "applies",
                   "within 24 hours of becoming aware of the significant incident",
                   due=elapsed(aware, timedelta(hours=24)), done_at=section.early_warning_at,
                   about=("nis2", "early_warning_at"), start=aware),
        Assessment(NOTIFICATION, notify, "NIS2 Art. 23(4)(b)", "law", "applies",
                   "within 24 hours for a trust service provider" if trust
                   else "within 72 hours of becoming aware of the significant incident",
                   due=elapsed(aware, timedelta(hours=24 if trust else 72)), done_at=section.notification_at,
                   about=("nis2", "notification_at"), start=aware),
    ]
    if section.intermediate_requested_at is not None:
        if section.intermediate_due is None:
            assessments.append(Assessment(INTERMEDIATE, "Send the intermediate report", "NIS2 Art. 23(4)(c)", "law",
                                          "not_applicable", "requested: record the deadline the request set in "
                                          "nis2.intermediate_due", about=("nis2", "intermediate_due")))
        else:
            assessments.append(Assessment(INTERMEDIATE, "Send the intermediate report", "NIS2 Art. 23(4)(c)", "law",
                                          "applies", "requested by the authority, due as the request says",
                                          due=section.intermediate_due, done_at=section.intermediate_at,
                                          about=("nis2", "intermediate_at"), start=section.intermediate_requested_at))
    return assessments + _final(incident)


def _final(incident: Incident) -> list[Assessment]:
    section = incident.nis2
    notified = section.notification_at
    title = "Send the final report"
    if notified is None:
        return [Assessment(FINAL, title, "NIS2 Art. 23(4)(d)", "law", "not_applicable",
                           "due one month after the incident notification, which is not sent yet",
                           about=("nis2", "final_report_at"))]
    month_after = months_after(notified, 1, incident.zone)
    handled = section.handled_at
    if handled is not None and handled <= month_after:
        return [Assessment(FINAL, title, "NIS2 Art. 23(4)(d)", "law", "applies",
                           "one month after the incident notification, at the same time of day",
                           due=month_after, done_at=section.final_report_at, about=("nis2", "final_report_at"),
                           start=notified)]
    progress = Assessment(PROGRESS, "Send a progress report", "NIS2 Art. 23(4)(e)", "law", "applies",
                          "the incident was still being handled one month after the notification: a progress "
                          "report is due then", due=month_after, done_at=section.progress_report_at,
                          about=("nis2", "progress_report_at"), start=notified)
    if handled is None:
        final = Assessment(FINAL, title, "NIS2 Art. 23(4)(e)", "law", "not_applicable",
                           "due one month after the incident is handled (nis2.handled_at), not yet",
                           about=("nis2", "handled_at"))
    else:
        final = Assessment(FINAL, title, "NIS2 Art. 23(4)(e)", "law", "applies",
                           "one month after the incident was handled, at the same time of day",
                           due=months_after(handled, 1, incident.zone), done_at=section.final_report_at,
                           about=("nis2", "final_report_at"), start=handled)
    return [progress, final]
