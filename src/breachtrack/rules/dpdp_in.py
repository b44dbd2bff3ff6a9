"""dpdp-in.board_intimation, dpdp-in.board_report, dpdp-in.principals: India's intimation of a
personal data breach to the Data Protection Board and to each affected data principal.

Legal basis: Digital Personal Data Protection Act 2023 s.8(6) and the DPDP Rules 2025 r.7
(egazette.gov.in 267650, published 13 November 2025, read through repositories quoting it). r.7(1):
on becoming aware of a breach, the Data Fiduciary intimates each affected Data Principal "without
delay". r.7(2)(a): the Board, "without delay, a description of the breach"; r.7(2)(b): "within
seventy-two hours of becoming aware of the breach, or within such longer period as the Board may
allow on a request made in writing in this behalf", the detailed report. There is no threshold:
every personal data breach. Rule 7 commences eighteen months after publication: 13 May 2027 on
most sources (one says 14 May; the earlier day is taken).

Law or policy: the 72 hours are law, in real hours; "without delay" is a policy target (defaults:
24 hours for the Board's first intimation, 72 hours for the data principals; ``[policy]`` overrides
them by id). Confidence: the text high to medium; the commencement date medium.

In plain words: with regime ``dpdp-in``, a breach known (``aware_at``, date in India) on or after
13 May 2027 is described to the Board at once (target 24 hours), reported in detail within 72
hours, or by the end of the day the Board allowed (``dpdp_in.extension_until``), and intimated to
each affected person (target 72 hours). Before 13 May 2027 rule 7 does not apply yet, and the
reason says from when it does: no duty is shown before the rule commences (the Act's s.8(6) has
no force without it).

Applies (aware 13 May 2027 09:00 in India: the report by 16 May 09:00)::

    regimes: [dpdp-in]
    timezone: Asia/Kolkata
    aware_at: 2027-05-13T09:00

Does not apply (aware one hour before rule 7 commences)::

    regimes: [dpdp-in]
    timezone: Asia/Kolkata
    aware_at: 2027-05-12T23:00
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from breachtrack.i18n import _
from breachtrack.model import Config, DpdpIn, Duration, Incident
from breachtrack.rules import Assessment, before_in_force, elapsed, end_of_day, policy_delay, stated_day

INTIMATION = "dpdp-in.board_intimation"
REPORT = "dpdp-in.board_report"
PRINCIPALS = "dpdp-in.principals"
KOLKATA = ZoneInfo("Asia/Kolkata")
IN_FORCE = date(2027, 5, 13)
"""DPDP Rules r.7 commence 18 months after publication on 13 November 2025 (14 May on one source)."""
DEFAULTS = {INTIMATION: Duration(24, "hours"), PRINCIPALS: Duration(72, "hours")}
POLICY_TARGETS = tuple(DEFAULTS)
"""The obligations whose delay ``[policy]`` in breachtrack.toml may set."""


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "dpdp-in" not in incident.regimes:
        return []
    section = incident.dpdp_in or DpdpIn()
    aware = incident.aware_at
    obligations = (
        (INTIMATION, _("Intimate the breach to the Data Protection Board"), _("DPDP Rules 2025 r.7(2)(a)"),
         "board_intimated_at"),
        (REPORT, _("Report the breach to the Data Protection Board"), _("DPDP Rules 2025 r.7(2)(b)"),
         "board_reported_at"),
        (PRINCIPALS, _("Intimate each affected data principal"), _("DPDP Rules 2025 r.7(1)"),
         "principals_intimated_at"),
    )
    not_yet = before_in_force(IN_FORCE, aware, KOLKATA)
    if not_yet:
        why = _("DPDP Rules r.7 is {not_yet}: 18 months after its publication on 13 November 2025 (one source "
                "says 14 May 2027; the earlier day is taken)").format(not_yet=not_yet)
        return [Assessment(obligation, title, basis, "law", "not_applicable", why, about=("aware_at",))
                for obligation, title, basis, _field in obligations]
    found = []
    for obligation, title, basis, field in obligations:
        about = ("dpdp_in", field)
        done = getattr(section, field)
        if obligation == REPORT:
            if section.extension_until is not None:
                due = end_of_day(section.extension_until, KOLKATA)
                why = _("every breach; the Board allowed a longer period, to the end of {day} (r.7(2)(b) proviso, "
                        "dpdp_in.extension_until)").format(day=stated_day(section.extension_until))
            else:
                due = elapsed(aware, timedelta(hours=72))
                why = _("every breach: within 72 hours of becoming aware of it (aware_at), unless the Board allows "
                        "longer on a written request")
            found.append(Assessment(obligation, title, basis, "law", "applies", why, due=due, done_at=done,
                                    about=about, start=aware))
            continue
        delay = policy_delay(config, obligation, DEFAULTS[obligation])
        found.append(Assessment(
            obligation, title, basis, "policy", "applies",
            _("every breach, \"without delay\": policy target {delay} after aware_at").format(delay=str(delay)),
            due=elapsed(aware, delay.elapsed()), done_at=done, about=about, start=aware))
    return found
