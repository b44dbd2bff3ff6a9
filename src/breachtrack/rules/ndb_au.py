"""ndb-au.assessment, ndb-au.oaic and ndb-au.individuals: the Notifiable Data Breaches scheme in
Australia.

Legal basis: Privacy Act 1988 (Cth) Part IIIC, inserted by the Privacy Amendment (Notifiable Data
Breaches) Act 2016, in force from 22 February 2018 (a date read from memory and consistent
secondary sources: medium confidence). s.26WH(2): an entity aware of "reasonable grounds to
suspect that there may have been an eligible data breach" must "carry out a reasonable and
expeditious assessment" and "take all reasonable steps to ensure that the assessment is completed
within 30 days after the entity becomes aware". s.26WK(2): once aware of reasonable grounds to
believe that there has been an eligible data breach (likely to result in serious harm, s.26WE),
it prepares a statement and gives a copy to the Commissioner "as soon as practicable after the
entity becomes so aware". s.26WL(3): it notifies the individuals "as soon as practicable after
the completion of the preparation of the statement" (or publishes it, s.26WL(2)(c)).
Confidence: high for the text; no OAIC figure for "as soon as practicable" was found.

In plain words: with regime ``ndb-au``, the entity completes its assessment within 30 days of
the grounds to suspect (``detected_at``): a law period, though its duty is one of reasonable
steps. The day of suspicion is not counted, weekends and holidays are, and the last day does not
move (the Acts Interpretation Act s.36(2), read from memory, may move a last day on a Saturday,
Sunday or holiday: the reason then names that later day). Days are counted in the file's zone
when it is Australian, else in Australia/Sydney. The end of the assessment, the grounds to
believe (or not), is ``risk_assessment.assessed_at``: the same fact as the GDPR register's, "when
the risk was assessed and the decision on notifying taken", not a second field. An eligible data
breach (``risk: high``, or ``ndb_au.serious_harm: true``; ``false`` when remedial action removed
the likelihood of serious harm, s.26WF) is notified to the OAIC as soon as practicable: policy
target 72 hours after ``assessed_at`` (``[policy] "ndb-au.oaic"``), and to the individuals with
it by default (``[policy] "ndb-au.individuals"``). Without ``assessed_at`` the notices have no
time limit yet: they say so, and the assessment's 30 days show instead.

Applies (suspicion Monday 2 March 2026 09:00 in Sydney; assessment due 2026-04-02T00:00+11:00)::

    regimes: [ndb-au]
    timezone: Australia/Sydney
    aware_at: 2026-03-02T09:00
    risk: high

Does not apply (detected before 22 February 2018)::

    regimes: [ndb-au]
    timezone: Australia/Sydney
    aware_at: 2018-02-01T09:00
    risk: high
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from breachtrack.i18n import _
from breachtrack.model import Config, Duration, Incident, NdbAu
from breachtrack.rules import (
    Assessment,
    before_in_force,
    calendar_days_after,
    elapsed,
    next_open_day,
    policy_delay,
    public_holidays,
    stated_day,
    stated_moment,
)

ASSESSMENT = "ndb-au.assessment"
OAIC = "ndb-au.oaic"
INDIVIDUALS = "ndb-au.individuals"
SYDNEY = ZoneInfo("Australia/Sydney")
IN_FORCE = date(2018, 2, 22)
"""Commencement of the Privacy Amendment (Notifiable Data Breaches) Act 2016; detected_at counts."""
ASSESSMENT_DAYS = 30
DEFAULT_DELAY = Duration(72, "hours")
"""breachtrack's choice for "as soon as practicable": the OAIC sets no number."""
POLICY_TARGETS = (OAIC, INDIVIDUALS)
"""The obligations whose delay ``[policy]`` in breachtrack.toml may set."""
STATES = {"Sydney": "NSW", "Canberra": "ACT", "ACT": "ACT", "NSW": "NSW", "Melbourne": "VIC", "Victoria": "VIC",
          "Brisbane": "QLD", "Queensland": "QLD", "Lindeman": "QLD", "Adelaide": "SA", "South": "SA",
          "Broken_Hill": "NSW", "Yancowinna": "NSW", "Perth": "WA", "West": "WA", "Eucla": "WA", "Hobart": "TAS",
          "Tasmania": "TAS", "Currie": "TAS", "Darwin": "NT", "North": "NT", "Lord_Howe": "NSW", "LHI": "NSW"}
"""The state or territory whose holidays word the lenient reading, by the zone's city."""


def zone_of(incident: Incident) -> ZoneInfo:
    """The entity's zone when the file's is Australian, else Sydney's."""
    return incident.zone if incident.zone.key.startswith("Australia/") else SYDNEY


def _lenient(last: date, zone: ZoneInfo) -> date:
    """Acts Interpretation Act s.36(2): a last day on a Saturday, a Sunday or a holiday moves on."""
    state = STATES.get(zone.key.removeprefix("Australia/"))
    return next_open_day(last, lambda day: day.weekday() >= 5 or day in public_holidays("AU", day.year, state))


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "ndb-au" not in incident.regimes:
        return []
    section = incident.ndb_au or NdbAu()
    zone = zone_of(incident)
    detected = incident.detected_at
    assessment_title, assessment_basis = _("Assess the suspected eligible data breach"), _("Privacy Act 1988 s.26WH")
    not_yet = before_in_force(IN_FORCE, detected, zone)
    if not_yet:
        return [Assessment(ASSESSMENT, assessment_title, assessment_basis, "law", "not_applicable",
                           _("the Notifiable Data Breaches scheme (Privacy Act Part IIIC) is {not_yet}").format(
                               not_yet=not_yet), about=("ndb_au",))]
    assessed = incident.risk_assessment.assessed_at if incident.risk_assessment else None
    last = detected.astimezone(zone).date() + timedelta(days=ASSESSMENT_DAYS)
    reason = _("reasonable grounds to suspect an eligible data breach (detected_at): take all reasonable steps to "
               "complete the assessment within 30 days, counted in {zone}: last day {day}; it ends with the decision "
               "on notifying (risk_assessment.assessed_at)").format(zone=zone.key, day=stated_day(last))
    if (lenient := _lenient(last, zone)) != last:
        reason += _("; that day is a Saturday, a Sunday or a holiday: the Acts Interpretation Act s.36(2) may allow "
                    "{day}, a reading breachtrack does not take").format(day=stated_day(lenient))
    found = [Assessment(ASSESSMENT, assessment_title, assessment_basis, "law", "applies", reason,
                        due=calendar_days_after(detected, ASSESSMENT_DAYS, zone), done_at=assessed,
                        about=("risk_assessment", "assessed_at"), start=detected)]
    oaic_title, oaic_basis = _("Give the statement to the Commissioner (OAIC)"), _("Privacy Act 1988 s.26WK")
    individuals_title, individuals_basis = _("Notify the individuals (NDB)"), _("Privacy Act 1988 s.26WL")
    if section.serious_harm is not None:
        eligible = section.serious_harm
        why = _("serious harm likely (ndb_au.serious_harm)") if eligible else _(
            "not an eligible data breach: serious harm is not likely (ndb_au.serious_harm: false)")
    else:
        eligible = incident.risk == "high"
        why = _("serious harm likely (risk 'high')") if eligible else _(
            "not an eligible data breach: serious harm is not likely (risk '{risk}')").format(risk=incident.risk)
    if not eligible:
        return found + [
            Assessment(OAIC, oaic_title, _("Privacy Act 1988 s.26WE"), "law", "not_applicable", why,
                       about=("ndb_au", "oaic_at")),
            Assessment(INDIVIDUALS, individuals_title, _("Privacy Act 1988 s.26WE"), "law", "not_applicable", why,
                       about=("ndb_au", "individuals_notified_at")),
        ]
    if assessed is None:
        waiting = _("{why}: notified as soon as practicable after the assessment gives reasonable grounds to believe "
                    "there was an eligible data breach, not recorded yet (risk_assessment.assessed_at); see "
                    "ndb-au.assessment").format(why=why)
        return found + [
            Assessment(OAIC, oaic_title, oaic_basis, "policy", "not_applicable", waiting, about=("ndb_au", "oaic_at")),
            Assessment(INDIVIDUALS, individuals_title, individuals_basis, "policy", "not_applicable", waiting,
                       about=("ndb_au", "individuals_notified_at")),
        ]
    oaic_delay = policy_delay(config, OAIC, DEFAULT_DELAY)
    individuals_delay = policy_delay(config, INDIVIDUALS, oaic_delay)
    when = stated_moment(assessed, zone)
    found.append(Assessment(
        OAIC, oaic_title, oaic_basis, "policy", "applies",
        _("{why}: give the Commissioner a statement as soon as practicable after the assessment ({when}, "
          "risk_assessment.assessed_at); policy target: {within}").format(why=why, when=when, within=str(oaic_delay)),
        due=elapsed(assessed, oaic_delay.elapsed()), done_at=section.oaic_at, about=("ndb_au", "oaic_at"),
        start=assessed))
    found.append(Assessment(
        INDIVIDUALS, individuals_title, individuals_basis, "policy", "applies",
        _("{why}: notify the individuals at risk, or all of them, or publish the statement where neither is "
          "practicable, as soon as practicable after preparing the statement; policy target: {within} after the "
          "assessment ({when})").format(why=why, within=str(individuals_delay), when=when),
        due=elapsed(assessed, individuals_delay.elapsed()), done_at=section.individuals_notified_at,
        about=("ndb_au", "individuals_notified_at"), start=assessed))
    return found
