"""gdpr.art33.notify_authority: notify the supervisory authority within 72 hours.

Legal basis: GDPR (Regulation (EU) 2016/679) Art. 33(1). "In the case of a personal data breach,
the controller shall without undue delay and, where feasible, not later than 72 hours after
having become aware of it, notify the personal data breach to the supervisory authority [...],
unless the personal data breach is unlikely to result in a risk to the rights and freedoms of
natural persons."

In plain words: a controller has 72 real hours from ``aware_at`` to notify the authority (the
CNIL in France). Nights, weekends, holidays and clock changes do not stop the clock. A breach
unlikely to put people at risk is not notified, but stays in this register (Art. 33(5)). A
processor does not notify the authority: it tells its controller (Art. 33(2)).

Under UK GDPR (regime ``uk``, for a UK controller), the same duty is
``uk.art33.notify_ico``: UK GDPR Art. 33(1), to the Information Commissioner's Office (ICO).

Applies (due 2025-07-15T10:00+02:00)::

    aware_at: 2025-07-12T10:00
    risk: high

Does not apply::

    aware_at: 2025-07-12T10:00
    risk: unlikely
"""

from __future__ import annotations

from datetime import datetime, timedelta

from breachtrack.model import Config, Incident
from breachtrack.rules import Assessment, elapsed

ABOUT = ("authority_notice", "submitted_at")
"""The field this obligation is about: annotations point at its line."""
ID = "gdpr.art33.notify_authority"
BASIS = "GDPR Art. 33(1)"
DEADLINE = timedelta(hours=72)


UK_ID = "uk.art33.notify_ico"
UK_BASIS = "UK GDPR Art. 33(1)"


def authority_of(incident: Incident, default: str = "CNIL") -> str:
    return incident.authority_notice.authority if incident.authority_notice else default


def due_of(incident: Incident) -> datetime:
    return elapsed(incident.aware_at, DEADLINE)


def submitted_at(incident: Incident) -> datetime | None:
    return incident.authority_notice.submitted_at if incident.authority_notice else None


def applies_to(incident: Incident) -> bool:
    return incident.role == "controller" and incident.risk != "unlikely"


def assess(incident: Incident, config: Config) -> list[Assessment]:
    assessments = []
    if "gdpr" in incident.regimes:
        assessments += _assess(incident, ID, BASIS, "GDPR Art. 33(2)", authority_of(incident))
    if "uk" in incident.regimes:
        assessments += _assess(incident, UK_ID, UK_BASIS, "UK GDPR Art. 33(2)", authority_of(incident, "ICO"))
    return assessments


def _assess(incident: Incident, rule_id: str, basis: str, processor_basis: str, authority: str) -> list[Assessment]:
    title = f"Notify the supervisory authority ({authority})"
    if incident.role == "processor":
        return [
            Assessment(rule_id, title, processor_basis, "law", "not_applicable",
                       "a processor does not notify the authority: it notifies its controller "
                       "(see gdpr.art33.notify_controller)", about=ABOUT)
        ]
    if incident.risk == "unlikely":
        return [
            Assessment(rule_id, title, basis, "law", "not_applicable",
                       "the breach is unlikely to result in a risk to people's rights and freedoms, "
                       "so it is not notified; it stays recorded in this register (Art. 33(5))", about=ABOUT)
        ]
    return [
        Assessment(rule_id, title, basis, "law", "applies",
                   f"risk '{incident.risk}': notify {authority} within 72 hours of becoming aware of the breach",
                   due=due_of(incident), done_at=submitted_at(incident), about=ABOUT,
                   start=incident.aware_at)
    ]
