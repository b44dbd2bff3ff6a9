"""pdpa-sg.assessment, pdpa-sg.pdpc, pdpa-sg.individuals and pdpa-sg.intermediary: assessing a
data breach and notifying it to the Personal Data Protection Commission (PDPC) and to the
affected individuals in Singapore.

Legal basis: Personal Data Protection Act 2012 Part 6A (ss. 26A-26E, inserted by the 2020
amendment) and the Personal Data Protection (Notification of Data Breaches) Regulations 2021,
for data breaches on or after 1 February 2021 (s.26C(1)). s.26B(1): a data breach is notifiable
if it "(a) results in, or is likely to result in, significant harm to an affected individual; or
(b) is, or is likely to be, of a significant scale"; Reg. 4: "the prescribed number of affected
individuals is 500" (not fewer than 500). s.26C(2): the organisation "must conduct, in a
reasonable and expeditious manner, an assessment of whether the data breach is a notifiable data
breach"; the PDPC's Advisory Guidelines (para 20.4): "organisations should generally do so within
30 calendar days". s.26C(3): a data intermediary notifies the organisation "without undue
delay". s.26D(1): the organisation "must notify the Commission as soon as is practicable, but in
any case no later than 3 calendar days after the day the organisation makes that assessment".
s.26D(2): "on or after notifying the Commission", it notifies each affected individual of a
breach under s.26B(1)(a); not when remedial action or a technological measure makes significant
harm unlikely (s.26D(5)), or the Commission directs so (s.26D(6)). s.26B(4): a breach "only
within an organisation" is deemed not notifiable. Reg. 3(1): significant harm is deemed where the
breach relates to the individual's name or identification number with a class of data of the
Schedule's Part 1 (read in part: financial items such as net worth, deposits, withdrawals and
advances; private keys; the protection of children and vulnerable adults), or to an account
identifier with its password or other access data. Confidence: high (laws.sg, sso.agc.gov.sg),
medium-high for the guideline, medium for the Schedule, read only in part.

In plain words: with regime ``pdpa-sg``, counted in Singapore time (Asia/Singapore) whatever the
file's zone:

- the organisation assesses whether the breach is notifiable; the PDPC expects it within 30
  calendar days of having reason to believe that a breach occurred (``detected_at``), a policy
  target. The end of the assessment, when it is decided whether to notify, is
  ``risk_assessment.assessed_at``: the same fact as the GDPR register's, "when the risk was
  assessed and the decision on notifying taken", not a second field;
- a notifiable breach (significant harm: ``risk: high``, a class of data the Regulations'
  Schedule prescribes, read as ``financial``, ``health``, ``special_category``, ``credentials`` or
  ``minors`` in ``data``, or ``pdpa_sg.significant_harm``; or 500 affected individuals or more,
  counted from ``subjects`` and ``residents``, all of them, not only Singapore's) is notified to
  the PDPC by the end of the third calendar day after the day of the assessment. Weekends and
  public holidays count and the last day does not move: "calendar days" is a contrary intention
  to the Interpretation Act's s.50(d), and whether s.50(b) would move a last day falling on a
  Sunday or a public holiday is open; the reason then names that later day;
- the individuals are notified, for significant harm only (not for the scale alone), on or after
  the PDPC notice; policy target: by the PDPC notice's time limit (``[policy] "pdpa-sg.individuals"``
  sets another delay after the assessment);
- a data intermediary (``role: processor``) notifies the organisation instead: policy target 24
  h after ``detected_at``.

Without ``risk_assessment.assessed_at`` the notice to the PDPC has no time limit yet: it says so
and the assessment's target shows instead. The mapping of the Schedule to ``data`` is
breachtrack's, broader than the text (it does not ask for the name or identification number to
be breached too): the earlier, conservative reading. A breach that stayed within the organisation
(``pdpa_sg.within_organisation: true``, s.26B(4)) is not notifiable.

Applies (assessed Friday 6 November 2026, 600 individuals; due 2026-11-10T00:00+08:00, Monday 9
November, Deepavali observed, included)::

    regimes: [pdpa-sg]
    aware_at: 2026-11-05T09:00
    risk: risk
    subjects: 600
    risk_assessment: {assessed_at: 2026-11-06T15:00}

Does not apply (499 individuals, no significant harm)::

    regimes: [pdpa-sg]
    aware_at: 2026-11-05T09:00
    risk: risk
    subjects: 499
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from breachtrack.i18n import N_, _, number
from breachtrack.model import Config, Duration, Incident, PdpaSg
from breachtrack.rules import (
    Assessment,
    before_in_force,
    calendar_days_after,
    elapsed,
    next_open_day,
    people_concerned,
    public_holidays,
    reaches,
    stated_day,
    stated_moment,
)

ASSESSMENT = "pdpa-sg.assessment"
PDPC = "pdpa-sg.pdpc"
INDIVIDUALS = "pdpa-sg.individuals"
INTERMEDIARY = "pdpa-sg.intermediary"
ZONE = ZoneInfo("Asia/Singapore")
IN_FORCE = date(2021, 2, 1)
"""s.26C(1): data breaches on or after 1 February 2021; detected_at, the earliest fact recorded, counts."""
THRESHOLD = 500
"""Reg. 4: not fewer than 500 affected individuals (>= 500)."""
ASSESSMENT_DAYS, PDPC_DAYS = 30, 3
INTERMEDIARY_DELAY = Duration(24, "hours")
POLICY_TARGETS = (ASSESSMENT, INDIVIDUALS, INTERMEDIARY)
"""The obligations whose delay ``[policy]`` in breachtrack.toml may set."""
PRESCRIBED = ("financial", "health", "special_category", "credentials", "minors")
"""The categories of ``data`` read as a class of the Regulations' Schedule (significant harm)."""
EXCEPTIONS = {
    "remedial_action": N_("remedial action made significant harm to the individuals unlikely (s.26D(5)(a))"),
    "technological_measure": N_("a technological measure made significant harm to the individuals unlikely "
                                "(s.26D(5)(b))"),
    "pdpc_direction": N_("the PDPC directed that the individuals not be notified (s.26D(6))"),
}


def _lenient(last: date) -> date:
    """Interpretation Act s.50(b): a last day on a Sunday or a public holiday moves to the next day."""
    return next_open_day(last, lambda day: day.weekday() == 6 or day in public_holidays("SG", day.year))


def significant_harm(incident: Incident, section: PdpaSg) -> str | None:
    """Why the breach is likely to cause significant harm (s.26B(1)(a)), or None."""
    if section.significant_harm is not None:
        return _("significant harm (pdpa_sg.significant_harm)") if section.significant_harm else None
    if incident.risk == "high":
        return _("significant harm (risk 'high')")
    prescribed = [category for category in PRESCRIBED if category in incident.data]
    if prescribed:
        return _("significant harm (prescribed data: {data})").format(data=", ".join(prescribed))
    return None


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "pdpa-sg" not in incident.regimes:
        return []
    section = incident.pdpa_sg or PdpaSg()
    detected = incident.detected_at
    pdpc_title, pdpc_basis = _("Notify the PDPC"), _("PDPA s.26D(1)")
    not_yet = before_in_force(IN_FORCE, detected, ZONE)
    if not_yet:
        return [Assessment(PDPC, pdpc_title, _("PDPA s.26C(1)"), "law", "not_applicable",
                           _("PDPA Part 6A is {not_yet}: no duty to assess or notify").format(not_yet=not_yet),
                           about=("pdpa_sg",))]
    if incident.role == "processor":
        return _intermediary(incident, section, config, pdpc_title, pdpc_basis)
    found = [_assessment(incident, config)]
    assessed = incident.risk_assessment.assessed_at if incident.risk_assessment else None
    if section.within_organisation:
        found.append(Assessment(PDPC, pdpc_title, _("PDPA s.26B(4)"), "law", "not_applicable",
                                _("the breach stayed within the organisation (pdpa_sg.within_organisation): deemed not "
                                  "a notifiable data breach"), about=("pdpa_sg", "within_organisation")))
        return found
    harm = significant_harm(incident, section)
    count = people_concerned(incident)
    if reaches(count, THRESHOLD):
        scale = (_("{count} affected individuals, 500 or more").format(count=number(count)) if count is not None else
                 _("the number of affected individuals is not recorded (subjects, residents): counted as 500 or more"))
    else:
        scale = None
    if harm is None and scale is None:
        found.append(Assessment(PDPC, pdpc_title, _("PDPA s.26B(1); Notification Regulations 2021 reg. 4"), "law",
                                "not_applicable",
                                _("not a notifiable data breach: {count} affected individuals, fewer than 500, and no "
                                  "significant harm (risk '{risk}', no prescribed data)").format(
                                    count=number(count), risk=incident.risk),
                                about=("subjects",)))
        return found
    why = _("{harm}; {scale}").format(harm=harm, scale=scale) if harm and scale else harm or scale
    if assessed is None:
        found.append(Assessment(PDPC, pdpc_title, pdpc_basis, "law", "not_applicable",
                                _("{why}: due 3 calendar days after the day of the assessment, not recorded yet "
                                  "(risk_assessment.assessed_at); see pdpa-sg.assessment").format(why=why),
                                about=("risk_assessment", "assessed_at")))
        return found
    due = calendar_days_after(assessed, PDPC_DAYS, ZONE)
    last = assessed.astimezone(ZONE).date() + timedelta(days=PDPC_DAYS)
    reason = _("{why}: notify the PDPC no later than 3 calendar days after the day of the assessment ({assessed}, "
               "risk_assessment.assessed_at), Singapore time: last day {day}").format(
        why=why, assessed=stated_moment(assessed, ZONE), day=stated_day(last))
    if (lenient := _lenient(last)) != last:
        reason += _("; that day is a Sunday or a public holiday: the Interpretation Act s.50(b) may allow the next "
                    "day, {day}, a reading breachtrack does not take").format(day=stated_day(lenient))
    found.append(Assessment(PDPC, pdpc_title, pdpc_basis, "law", "applies", reason, due=due,
                            done_at=section.pdpc_notified_at, about=("pdpa_sg", "pdpc_notified_at"), start=assessed))
    found.append(_individuals(section, config, harm, assessed, due))
    return found


def _assessment(incident: Incident, config: Config) -> Assessment:
    """s.26C(2) and the PDPC's 30 calendar days (a policy target), from detected_at."""
    detected = incident.detected_at
    delay = config.policy.get(ASSESSMENT)
    if delay is None:
        due = calendar_days_after(detected, ASSESSMENT_DAYS, ZONE)
        within = _("the PDPC expects it within 30 calendar days")
    else:
        due = elapsed(detected, delay.elapsed())
        within = _("the register's policy: within {within}").format(within=str(delay))
    return Assessment(
        ASSESSMENT, _("Assess whether the breach is notifiable (PDPA)"),
        _("PDPA s.26C(2); PDPC Advisory Guidelines para 20.4"), "policy", "applies",
        _("assess in a reasonable and expeditious manner whether the breach is notifiable; {within} of having reason "
          "to believe it occurred (detected_at), a policy target; the assessment ends with the decision on notifying "
          "(risk_assessment.assessed_at)").format(within=within),
        due=due, done_at=incident.risk_assessment.assessed_at if incident.risk_assessment else None,
        about=("risk_assessment", "assessed_at"), start=detected)


def _individuals(section: PdpaSg, config: Config, harm: str | None, assessed: datetime,
                 pdpc_due: datetime) -> Assessment:
    """s.26D(2): significant harm only, on or after the PDPC notice."""
    title, basis = _("Notify the affected individuals (PDPA)"), _("PDPA s.26D(2)")
    about = ("pdpa_sg", "individuals_notified_at")
    if harm is None:
        return Assessment(INDIVIDUALS, title, _("PDPA s.26D(2), s.26B(1)(a)"), "law", "not_applicable",
                          _("notifiable for its scale only: the individuals are notified of a breach likely to cause "
                            "them significant harm"), about=about)
    if section.individuals_exception is not None:
        return Assessment(INDIVIDUALS, title, _("PDPA s.26D(5), (6)"), "law", "exempt",
                          _(EXCEPTIONS[section.individuals_exception]), about=("pdpa_sg", "individuals_exception"))
    delay = config.policy.get(INDIVIDUALS)
    if delay is None:
        due, target = pdpc_due, _("policy target: with the PDPC notice, by its time limit")
    else:
        due, target = elapsed(assessed, delay.elapsed()), _("policy target: {within} after the assessment").format(
            within=str(delay))
    return Assessment(INDIVIDUALS, title, basis, "policy", "applies",
                      _("{harm}: notify each affected individual as soon as practicable, on or after notifying the "
                        "PDPC; {target}").format(harm=harm, target=target),
                      due=due, done_at=section.individuals_notified_at, about=about, start=assessed)


def _intermediary(incident: Incident, section: PdpaSg, config: Config, pdpc_title: str,
                  pdpc_basis: str) -> list[Assessment]:
    """s.26C(3): a data intermediary notifies the organisation; the organisation assesses and notifies."""
    delay = config.policy.get(INTERMEDIARY, INTERMEDIARY_DELAY)
    sent = section.organisation_notified_at
    if sent is None and incident.controller_notice is not None:
        sent = incident.controller_notice.sent_at
    return [
        Assessment(INTERMEDIARY, _("Notify the organisation (PDPA data intermediary)"), _("PDPA s.26C(3)"), "policy",
                   "applies",
                   _("a data intermediary notifies the organisation it processes for without undue delay from having "
                     "credible grounds to believe a breach occurred (detected_at); policy target: {within}").format(
                       within=str(delay)),
                   due=elapsed(incident.detected_at, delay.elapsed()), done_at=sent,
                   about=("pdpa_sg", "organisation_notified_at"), start=incident.detected_at),
        Assessment(PDPC, pdpc_title, pdpc_basis, "law", "not_applicable",
                   _("a data intermediary does not notify the PDPC: the organisation it processes for assesses and "
                     "notifies (see pdpa-sg.intermediary)"), about=("pdpa_sg", "pdpc_notified_at")),
    ]
