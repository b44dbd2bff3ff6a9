"""cra.early_warning, cra.notification, cra.final_report and cra.inform_users: a manufacturer's
reports on an actively exploited vulnerability or a severe incident in its product.

Legal basis: Regulation (EU) 2024/2847 (Cyber Resilience Act) Art. 14(1): "A manufacturer shall
notify any actively exploited vulnerability contained in the product with digital elements that
it becomes aware of simultaneously to the CSIRT designated as coordinator [...] and to ENISA [...]
via the single reporting platform established pursuant to Article 16." Art. 14(2): "(a) an early
warning notification of an actively exploited vulnerability, without undue delay and in any
event within 24 hours of the manufacturer becoming aware of it [...]; (b) unless the relevant
information has already been provided, a vulnerability notification, without undue delay and in
any event within 72 hours of the manufacturer becoming aware of the actively exploited
vulnerability [...]; (c) unless the relevant information has already been provided, a final
report, no later than 14 days after a corrective or mitigating measure is available [...]".
Art. 14(3) and (4): the same for "any severe incident having an impact on the security of the
product with digital elements": early warning "within 24 hours of the manufacturer becoming
aware of it", incident notification within 72 hours, and "a final report, within one month
after the submission of the incident notification under point (b)". Art. 14(8): "After becoming
aware of an actively exploited vulnerability or a severe incident, the manufacturer shall
inform the impacted users of the product with digital elements, and where appropriate all
users [...]. Where the manufacturer fails to inform the users [...] in a timely manner, the
notified CSIRTs designated as coordinators may provide such information to the users". Art.
71(2): "Article 14 shall apply from 11 September 2026"; Art. 69(3) extends it to products
placed on the market before 11 December 2027.

In plain words: with regime ``cra`` and ``cra.kind``, the clocks start when the manufacturer
became aware of the exploited vulnerability or of the severe incident (``cra.aware_at``, else
``detected_at``: awareness of the vulnerability in the product can come after the incident is
detected, as its cause is found, but not before): early warning in 24 hours, notification in 72
hours, elapsed, never moved off a weekend or holiday. The final report is due 14 days after a
corrective or mitigating measure is available (``fix_available_at``; a measure available before
awareness counts from awareness, when the duty arose) for a vulnerability, and one calendar
month after the notification, at the same time of day, for an incident. The 14 days are the
earlier of 336 elapsed hours and the same time of day 14 days later: the two differ by an hour
across a daylight-saving change, and Reg. 1182/71, which would end the period at midnight, is
not relied on. Informing the users has no legal period ("in a timely manner" is when the CSIRT
may step in), so its due time is the register's policy target ``cra_inform_users_within``. A
report that already gave the next one's information counts for both: record the same time.

Awareness before 11 September 2026 (uncertain: the text does not say): Art. 14(1) reaches "any
actively exploited vulnerability [...] that it becomes aware of", a continuing state, and Art.
69(3) brings products already on the market in, so the conservative reading is taken: a
vulnerability still actively exploited, or an incident still ongoing, on 11 September 2026 is
reported as if the manufacturer became aware of it at 00:00 that day, in the incident's zone
(R3: aware 10 September 12:00 +02:00, early warning due 12 September 00:00 +02:00). It stays so
until ``cra.ongoing_at_application: false`` says otherwise; then nothing is due, and the rule
says from when Art. 14 applies. Micro and small enterprises are not fined for a late early
warning (Art. 64(10)(a)); the deadline stays theirs all the same.

Applies (early warning due 2026-10-25T17:00+01:00: 24 hours across the autumn clock change)::

    regimes: [cra]
    detected_at: 2026-10-24T18:00
    cra: {kind: exploited_vulnerability}

Does not apply::

    regimes: [cra]
    cra: {}   # neither an exploited vulnerability nor a severe incident
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from breachtrack.i18n import N_, _
from breachtrack.model import Config, Cra, Incident, Location
from breachtrack.rules import Assessment, before_in_force, elapsed, months_after

EARLY_WARNING = "cra.early_warning"
NOTIFICATION = "cra.notification"
FINAL = "cra.final_report"
INFORM_USERS = "cra.inform_users"
IN_FORCE = date(2026, 9, 11)
"""Art. 71(2): Art. 14 applies from this day; the manufacturer's awareness counts."""
FINAL_AFTER_FIX = timedelta(days=14)
TRACKS = {
    "exploited_vulnerability": (
        "14(2)",
        N_("within 24 hours of becoming aware of the actively exploited vulnerability"),
        N_("within 72 hours of becoming aware of the actively exploited vulnerability"),
        N_("Art. 14 is {later}, and the actively exploited vulnerability had ended by then "
           "(cra.ongoing_at_application: false)")),
    "severe_incident": (
        "14(4)",
        N_("within 24 hours of becoming aware of the severe incident"),
        N_("within 72 hours of becoming aware of the severe incident"),
        N_("Art. 14 is {later}, and the severe incident had ended by then (cra.ongoing_at_application: false)")),
}
"""For each kind: the paragraph that lists its reports, the periods of the early warning and of the
notification, and why nothing is due when it had ended before Art. 14 applied."""


def cra_article(number: str) -> str:
    """'CRA Art. 14(2)(a)', « CRA art. 14(2)(a) »."""
    return _("CRA Art. {number}").format(number=number)


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "cra" not in incident.regimes:
        return []
    section = incident.cra or Cra()
    authority = section.authority
    early_title = _("Send the early warning ({authority})").format(authority=authority)
    if section.kind == "exploited_vulnerability":
        notify_title = _("Notify the vulnerability ({authority})").format(authority=authority)
    else:
        notify_title = _("Notify the incident ({authority})").format(authority=authority)

    def not_applicable(reason: str, about: Location) -> list[Assessment]:
        return [Assessment(EARLY_WARNING, early_title, cra_article("14(2)(a), 14(4)(a)"), "law", "not_applicable",
                           reason, about=about),
                Assessment(NOTIFICATION, notify_title, cra_article("14(2)(b), 14(4)(b)"), "law", "not_applicable",
                           reason, about=about)]

    if section.kind is None:
        return not_applicable(_("neither an actively exploited vulnerability nor a severe incident is recorded "
                                "(cra.kind): Art. 14 asks for reports only then"), ("cra", "kind"))
    paragraph, early_why, notify_why, ended = TRACKS[section.kind]
    start = section.aware_at or incident.detected_at
    note = ""
    if later := before_in_force(IN_FORCE, start, incident.zone):
        if section.ongoing_at_application is False:
            return not_applicable(_(ended).format(later=later), ("cra", "ongoing_at_application"))
        start = datetime.combine(IN_FORCE, time(), tzinfo=incident.zone).astimezone(UTC)
        if section.ongoing_at_application:
            note = _("; known before Art. 14 applied and still going on 11 September 2026 (as recorded): counted "
                     "from that day 00:00, the conservative reading")
        else:
            note = _("; known before Art. 14 applied and still going on 11 September 2026 "
                     "(cra.ongoing_at_application not recorded): counted from that day 00:00, the conservative reading")
    return [
        Assessment(EARLY_WARNING, early_title, cra_article(f"{paragraph}(a)"), "law", "applies", _(early_why) + note,
                   due=elapsed(start, timedelta(hours=24)), done_at=section.early_warning_at,
                   about=("cra", "early_warning_at"), start=start),
        Assessment(NOTIFICATION, notify_title, cra_article(f"{paragraph}(b)"), "law", "applies", _(notify_why) + note,
                   due=elapsed(start, timedelta(hours=72)), done_at=section.notification_at,
                   about=("cra", "notification_at"), start=start),
        _final(incident, section, start, _("Send the final report ({authority})").format(authority=authority),
               cra_article(f"{paragraph}(c)")),
        Assessment(INFORM_USERS, _("Inform the impacted users"), cra_article("14(8)"), "policy", "applies",
                   _("Art. 14(8) sets no period (the CSIRT may inform them if the manufacturer fails to 'in a timely "
                     "manner'): policy target {within} after becoming aware")
                   .format(within=str(config.cra_inform_users_within)) + note,
                   due=elapsed(start, config.cra_inform_users_within.elapsed()), done_at=section.users_informed_at,
                   about=("cra", "users_informed_at"), start=start),
    ]


def _final(incident: Incident, section: Cra, start: datetime, title: str, basis: str) -> Assessment:
    if section.kind == "severe_incident":
        notified = section.notification_at
        if notified is None:
            return Assessment(FINAL, title, basis, "law", "not_applicable",
                              _("due one month after the incident notification, which is not sent yet"),
                              about=("cra", "final_report_at"))
        return Assessment(FINAL, title, basis, "law", "applies",
                          _("one month after the incident notification, at the same time of day"),
                          due=months_after(notified, 1, incident.zone), done_at=section.final_report_at,
                          about=("cra", "final_report_at"), start=notified)
    fixed = section.fix_available_at
    if fixed is None:
        return Assessment(FINAL, title, basis, "law", "not_applicable",
                          _("due 14 days after a corrective or mitigating measure is available (cra.fix_available_at), "
                            "not yet"), about=("cra", "fix_available_at"))
    reason = _("14 days after a corrective or mitigating measure became available")
    if fixed < start:
        fixed = start
        reason = _("14 days from the start of the clock: the corrective or mitigating measure was already available "
                   "then")
    return Assessment(FINAL, title, basis, "law", "applies", reason,
                      due=_fourteen_days_after(fixed, incident.zone), done_at=section.final_report_at,
                      about=("cra", "final_report_at"), start=fixed)


def _fourteen_days_after(start: datetime, zone: ZoneInfo) -> datetime:
    """The earlier of 336 elapsed hours and the same time of day 14 calendar days later (a time
    daylight saving skips that day is read with the offset before the change)."""
    local = start.astimezone(zone).replace(tzinfo=None) + FINAL_AFTER_FIX
    return min(elapsed(start, FINAL_AFTER_FIX), local.replace(tzinfo=zone).astimezone(UTC))
