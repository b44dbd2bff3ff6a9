"""nis2.early_warning, nis2.notification, nis2.intermediate_report, nis2.final_report and
nis2.progress_report: reporting a significant incident to the CSIRT or competent authority.

Legal basis: Directive (EU) 2022/2555 (NIS2) Art. 23(4), first subparagraph: "(a) without undue
delay and in any event within 24 hours of becoming aware of the significant incident, an early
warning [...]; (b) without undue delay and in any event within 72 hours of becoming aware of the
significant incident, an incident notification [...]; (c) upon the request of a CSIRT or, where
relevant, the competent authority, an intermediate report on relevant status updates; (d) a
final report not later than one month after the submission of the incident notification [...];
(e) in the event of an ongoing incident at the time of the submission of the final report
referred to in point (d), Member States shall ensure that entities concerned provide a progress
report at that time and a final report within one month of their handling of the incident."
Second subparagraph: "By way of derogation from the first subparagraph, point (b), a trust
service provider shall, with regard to significant incidents that have an impact on the
provision of its trust services, notify the CSIRT or, where applicable, the competent
authority, without undue delay and in any event within 24 hours of becoming aware of the
significant incident."

When it binds: a directive binds an entity only through the national law that transposes it
(Art. 41(1): Member States apply their measures from 18 October 2024). France had not completed
its transposition when this rule was written (the bill on the resilience of critical
infrastructure and cybersecurity was adopted by the Senate on 12 March 2025; no promulgation
found). The register's ``nis2_in_force`` setting is the day the national law applies: before
it, no NIS2 deadline runs; without it, the deadlines are the Directive's, kept by the
organisation's own choice, and shown as policy targets.

Financial entities: "Where sector-specific Union legal acts require essential or important
entities [...] to notify significant incidents and where those requirements are at least
equivalent in effect to the obligations laid down in this Directive, the relevant provisions of
this Directive [...] shall not apply to such entities" (NIS2 Art. 4(1)); DORA (Regulation (EU)
2022/2554) "shall be considered a sector-specific Union legal act for the purposes of Article 4
of that Directive" (DORA Art. 1(2)) and "constitutes lex specialis with regard to Directive (EU)
2022/2555" (DORA recital 16). A financial entity reports under DORA Art. 19 instead.

In plain words: with regime ``nis2`` and ``nis2.significant: true``, the clocks start at
``detected_at`` (when the entity became aware of the incident): early warning in 24 hours,
notification in 72 hours (24 for a trust service provider whose trust services the incident
affects; 24 too while ``impacts_trust_services`` is not recorded, the stricter reading), an
intermediate report only when requested and by the date the request sets, and a final report
one calendar month after the notification, at the same time of day (one month after 31 January
is 28 or 29 February). If the incident is still being handled then, a progress report is due at
that time, and the final report one month after ``handled_at``. Hour deadlines never move off a
weekend or holiday. An incident that also has regime ``dora`` is not reported under NIS2.

Applies (early warning due 2026-03-03T08:00+01:00; law with ``nis2_in_force`` on or before 2
March 2026, a policy target without it)::

    regimes: [gdpr, fr, nis2]
    detected_at: 2026-03-02T08:00
    nis2: {entity: essential, significant: true}

Does not apply::

    regimes: [gdpr, fr, nis2]
    nis2: {significant: false}
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from breachtrack.i18n import N_, _
from breachtrack.model import Config, Incident, Location
from breachtrack.rules import Assessment, before_in_force, elapsed, months_after

EARLY_WARNING = "nis2.early_warning"
NOTIFICATION = "nis2.notification"
INTERMEDIATE = "nis2.intermediate_report"
FINAL = "nis2.final_report"
PROGRESS = "nis2.progress_report"
UNDER_DORA = N_("a financial entity under DORA reports under DORA Art. 19 instead (DORA Art. 1(2), recital 16; "
                 "NIS2 Art. 4(1))")
NATIONAL_LAW_PENDING = N_("; national law pending (nis2_in_force not set): the Directive's period, kept by the "
                          "organisation's choice")


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "nis2" not in incident.regimes:
        return []
    section = incident.nis2
    authority = section.authority if section else "ANSSI"
    aware = incident.detected_at

    early_warning = _("Send the early warning ({authority})").format(authority=authority)
    notify = _("Notify the incident ({authority})").format(authority=authority)

    def not_applicable(reason: str, about: Location) -> list[Assessment]:
        return [Assessment(EARLY_WARNING, early_warning, _("NIS2 Art. 23(4)(a)"), "law", "not_applicable", reason,
                           about=about),
                Assessment(NOTIFICATION, notify, _("NIS2 Art. 23(4)(b)"), "law", "not_applicable", reason,
                           about=about)]

    if "dora" in incident.regimes:
        return not_applicable(_(UNDER_DORA), ("regimes",))
    in_force = config.nis2_in_force
    if in_force is not None and (later := before_in_force(in_force, aware, incident.zone)):
        return not_applicable(_("the national law transposing NIS2 is {later}").format(later=later), ("detected_at",))
    if section is None or not section.significant:
        return not_applicable(_("not recorded as a significant incident (nis2.significant): NIS2 Art. 23 asks for "
                                "reports only then"), ("nis2", "significant"))
    target: Literal["law", "policy"] = "law" if in_force else "policy"
    pending = "" if in_force else _(NATIONAL_LAW_PENDING)
    notification_basis, notification_hours, notification_reason = _notification_period(incident)
    assessments = [
        Assessment(EARLY_WARNING, early_warning, _("NIS2 Art. 23(4)(a)"), target, "applies",
                   _("within 24 hours of becoming aware of the significant incident") + pending,
                   due=elapsed(aware, timedelta(hours=24)), done_at=section.early_warning_at,
                   about=("nis2", "early_warning_at"), start=aware),
        Assessment(NOTIFICATION, notify, notification_basis, target, "applies",
                   notification_reason + pending, due=elapsed(aware, timedelta(hours=notification_hours)),
                   done_at=section.notification_at, about=("nis2", "notification_at"), start=aware),
    ]
    if section.intermediate_requested_at is not None:
        intermediate, basis = _("Send the intermediate report"), _("NIS2 Art. 23(4)(c)")
        if section.intermediate_due is None:
            assessments.append(Assessment(INTERMEDIATE, intermediate, basis, target, "not_applicable",
                                          _("requested: record the deadline the request set in nis2.intermediate_due"),
                                          about=("nis2", "intermediate_due")))
        else:
            assessments.append(Assessment(INTERMEDIATE, intermediate, basis, target, "applies",
                                          _("requested by the authority, due as the request says") + pending,
                                          due=section.intermediate_due, done_at=section.intermediate_at,
                                          about=("nis2", "intermediate_at"), start=section.intermediate_requested_at))
    return assessments + _final(incident, target, pending)


def _notification_period(incident: Incident) -> tuple[str, int, str]:
    """The basis, the hours and the reason of the incident notification: 24 hours for a trust
    service provider unless the incident is recorded as leaving its trust services unaffected."""
    section = incident.nis2
    if section.entity != "trust_service" or section.impacts_trust_services is False:
        if section.entity == "trust_service":
            reason = _("within 72 hours of becoming aware of the significant incident (a trust service provider, but "
                       "its trust services are not affected)")
        else:
            reason = _("within 72 hours of becoming aware of the significant incident")
        return _("NIS2 Art. 23(4)(b)"), 72, reason
    if section.impacts_trust_services:
        reason = _("within 24 hours: a trust service provider, and the incident affects the provision of its trust "
                   "services")
    else:
        reason = _("within 24 hours: a trust service provider, and nis2.impacts_trust_services is not recorded (the "
                   "stricter reading; 72 hours if the incident leaves its trust services unaffected)")
    return _("NIS2 Art. 23(4), second subparagraph"), 24, reason


def _final(incident: Incident, target: Literal["law", "policy"], pending: str) -> list[Assessment]:
    section = incident.nis2
    notified = section.notification_at
    title = _("Send the final report")
    if notified is None:
        return [Assessment(FINAL, title, _("NIS2 Art. 23(4)(d)"), target, "not_applicable",
                           _("due one month after the incident notification, which is not sent yet"),
                           about=("nis2", "final_report_at"))]
    month_after = months_after(notified, 1, incident.zone)
    handled = section.handled_at
    if handled is not None and handled <= month_after:
        return [Assessment(FINAL, title, _("NIS2 Art. 23(4)(d)"), target, "applies",
                           _("one month after the incident notification, at the same time of day") + pending,
                           due=month_after, done_at=section.final_report_at, about=("nis2", "final_report_at"),
                           start=notified)]
    progress = Assessment(PROGRESS, _("Send a progress report"), _("NIS2 Art. 23(4)(e)"), target, "applies",
                          _("the incident was still being handled one month after the notification: a progress "
                            "report is due then") + pending, due=month_after, done_at=section.progress_report_at,
                          about=("nis2", "progress_report_at"), start=notified)
    if handled is None:
        final = Assessment(FINAL, title, _("NIS2 Art. 23(4)(e)"), target, "not_applicable",
                           _("due one month after the incident is handled (nis2.handled_at), not yet"),
                           about=("nis2", "handled_at"))
    else:
        final = Assessment(FINAL, title, _("NIS2 Art. 23(4)(e)"), target, "applies",
                           _("one month after the incident was handled, at the same time of day") + pending,
                           due=months_after(handled, 1, incident.zone), done_at=section.final_report_at,
                           about=("nis2", "final_report_at"), start=handled)
    return [progress, final]
