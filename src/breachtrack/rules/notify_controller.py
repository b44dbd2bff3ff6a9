"""gdpr.art33.notify_controller: a processor notifies its controller without undue delay.

Legal basis: GDPR Art. 33(2). "The processor shall notify the controller without undue delay
after becoming aware of a personal data breach."

In plain words: when the organisation is the processor (``role: processor``), it tells the
controller of every breach, whatever the risk, so that the controller can meet its own 72
hours. The law sets no number of hours; the due time is the register's policy target
``controller_notice_within`` (default 24 hours after ``aware_at``), labelled as policy. The
hours never move off a weekend or a public holiday.

Applies (due 24 hours after awareness)::

    role: processor
    aware_at: 2025-10-02T08:00

Does not apply::

    role: controller
"""

from __future__ import annotations

from breachtrack.model import Config, Incident
from breachtrack.rules import Assessment, elapsed

ABOUT = ("controller_notice", "sent_at")
"""The field this obligation is about: annotations point at its line."""
ID = "gdpr.art33.notify_controller"
TITLE = "Notify the controller"
BASIS = "GDPR Art. 33(2)"


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "gdpr" not in incident.regimes:
        return []
    if incident.role != "processor":
        return [Assessment(ID, TITLE, BASIS, "policy", "not_applicable",
                           "the organisation is the controller: only a processor owes this notice", about=ABOUT)]
    notice = incident.controller_notice
    controller = notice.controller if notice and notice.controller else "the controller"
    within = config.controller_notice_within
    return [Assessment(ID, TITLE, BASIS, "policy", "applies",
                       f"as processor, notify {controller} without undue delay "
                       f"(policy target: {within} after becoming aware)",
                       due=elapsed(incident.aware_at, within.elapsed()),
                       done_at=notice.sent_at if notice else None, about=ABOUT,
                       start=incident.aware_at)]
