"""dora.initial, dora.intermediate and dora.final: reporting a major ICT-related incident.

Legal basis: Regulation (EU) 2022/2554 (DORA) Art. 19(4), and Commission Delegated Regulation
(EU) 2025/301 (RTS on the content and time limits of reporting) Art. 5: "(1)(a) the initial
notification, within 4 hours from the moment of classification of the ICT-related incident as
major, but no later than 24 hours from the moment the financial entity has become aware of
the ICT-related incident; (b) the intermediate report, within 72 hours from the submission of
the initial notification [...]; (c) the final report, no later than one month from the latest
updated intermediate report." Art. 5(4): where a time limit falls on a weekend day or a bank
holiday in the Member State of the reporting entity, the report may be submitted by 12:00 of
the next working day. Art. 5(5): this does not apply to the initial notification and the
intermediate report of credit institutions, central counterparties, trading venues, and
entities identified as essential or important under NIS2.

In plain words: with regime ``dora`` and ``dora.classified_major_at``, the initial notification
is due 4 hours after classification, and never later than 24 hours after ``detected_at``; the
intermediate report 72 hours after the initial notification; the final report one calendar month
after the latest intermediate report. A deadline on a Saturday, a Sunday or a public holiday of
the register's ``country`` (and ``subdivision``), from the holidays package, moves to noon of the
next working day, except, for the first two reports, for the three named entity types and for an
incident that also falls under NIS2.

Applies (initial due Saturday 1 November 2025 at 01:00, moved to Monday 3 November 12:00: 1 and
2 November are a Saturday and All Saints' Day, and a Sunday)::

    regimes: [dora]
    detected_at: 2025-10-31T21:00
    dora: {classified_major_at: 2025-10-31T21:00}

Does not apply::

    regimes: [dora]
    dora: {}   # not classified as major
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from breachtrack.model import Config, Incident
from breachtrack.rules import Assessment, elapsed, months_after

INITIAL = "dora.initial"
INTERMEDIATE = "dora.intermediate"
FINAL = "dora.final"
ALWAYS_ON_TIME = ("credit_institution", "central_counterparty", "trading_venue")


@lru_cache(maxsize=64)
def _holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    # imported here: the package takes longer to import than the rest of a small check
    import holidays

    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year))


def working_day_noon(due: datetime, incident: Incident, config: Config) -> datetime:
    """``due``, or noon of the next working day when it falls on a weekend or public holiday."""
    local = due.astimezone(incident.zone)

    def off(day: date) -> bool:
        return day.weekday() >= 5 or day in _holidays(config.country, config.subdivision, day.year)

    if not off(local.date()):
        return due
    day = local.date() + timedelta(days=1)
    while off(day):
        day += timedelta(days=1)
    return datetime.combine(day, time(12), tzinfo=incident.zone).astimezone(UTC)


def assess(incident: Incident, config: Config) -> list[Assessment]:
    section = incident.dora
    if "dora" not in incident.regimes or section is None or section.classified_major_at is None:
        if "dora" in incident.regimes:
            return [Assessment(INITIAL, "Send the initial notification", "RTS (EU) 2025/301 Art. 5(1)(a)", "law",
                               "not_applicable", "not classified as a major ICT-related incident "
                               "(dora.classified_major_at)", about=("dora", "classified_major_at"))]
        return []
    authority = section.authority
    exempt_from_weekends = section.entity_type in ALWAYS_ON_TIME or "nis2" in incident.regimes
    moved = "" if exempt_from_weekends else "; a weekend or holiday moves it to noon of the next working day"

    def first_two(due: datetime) -> datetime:
        return due if exempt_from_weekends else working_day_noon(due, incident, config)

    classified = section.classified_major_at
    initial_due = min(elapsed(classified, timedelta(hours=4)), elapsed(incident.detected_at, timedelta(hours=24)))
    assessments = [Assessment(INITIAL, f"Send the initial notification ({authority})",
                              "RTS (EU) 2025/301 Art. 5(1)(a); DORA Art. 19(4)(a)", "law", "applies",
                              "4 hours after classification as major, at most 24 hours after awareness" + moved,
                              due=first_two(initial_due), done_at=section.initial_at,
                              about=("dora", "initial_at"), start=classified)]
    if section.initial_at is None:
        return assessments
    assessments.append(Assessment(INTERMEDIATE, f"Send the intermediate report ({authority})",
                                  "RTS (EU) 2025/301 Art. 5(1)(b); DORA Art. 19(4)(b)", "law", "applies",
                                  "72 hours after the initial notification" + moved,
                                  due=first_two(elapsed(section.initial_at, timedelta(hours=72))),
                                  done_at=section.intermediate_at, about=("dora", "intermediate_at"),
                                  start=section.initial_at))
    if section.intermediate_at is None:
        return assessments
    final_due = working_day_noon(months_after(section.intermediate_at, 1, incident.zone), incident, config)
    assessments.append(Assessment(FINAL, f"Send the final report ({authority})",
                                  "RTS (EU) 2025/301 Art. 5(1)(c); DORA Art. 19(4)(c)", "law", "applies",
                                  "one month after the latest intermediate report; a weekend or holiday moves it to "
                                  "noon of the next working day", due=final_due, done_at=section.final_at,
                                  about=("dora", "final_at"), start=section.intermediate_at))
    return assessments
