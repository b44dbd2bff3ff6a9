"""gdpr.art33.notify_controller and uk.art33.notify_controller: a processor notifies its controller
without undue delay.

Legal basis: GDPR Art. 33(2). "The processor shall notify the controller without undue delay
after becoming aware of a personal data breach."

In plain words: when the organisation is the processor (``role: processor``), it tells the
controller of every breach, whatever the risk, so that the controller can meet its own 72
hours. The law sets no number of hours; the due time is the register's policy target
``controller_notice_within`` (default 24 hours after ``aware_at``), labelled as policy. The
hours never move off a weekend or a public holiday. Under UK GDPR (regime ``uk``), the same:
``uk.art33.notify_controller``.

Applies (due 24 hours after awareness)::

    role: processor
    aware_at: 2025-10-02T08:00

Does not apply::

    role: controller
"""

from __future__ import annotations

from breachtrack.i18n import N_, _
from breachtrack.model import Config, Incident
from breachtrack.rules import (
    Assessment,
    DataProtectionLaw,
    data_protection_laws,
    displaced_by_telecom_rules,
    elapsed,
)

ABOUT = ("controller_notice", "sent_at")
"""The field this obligation is about: annotations point at its line."""
TITLE = N_("Notify the controller")


def assess(incident: Incident, config: Config) -> list[Assessment]:
    return [_assess(incident, config, law) for law in data_protection_laws(incident)]


def _assess(incident: Incident, config: Config, law: DataProtectionLaw) -> Assessment:
    rule_id, title, basis = f"{law.regime}.art33.notify_controller", _(TITLE), law.article("33(2)")
    if displaced := displaced_by_telecom_rules(incident, law):
        return Assessment(rule_id, title, law.article("95"), "policy", "not_applicable", displaced, about=ABOUT)
    if incident.role != "processor":
        return Assessment(rule_id, title, basis, "policy", "not_applicable",
                          _("the organisation is the controller: only a processor owes this notice"), about=ABOUT)
    notice = incident.controller_notice
    within = config.controller_notice_within
    if notice and notice.controller:
        reason = _("as processor, notify {controller} without undue delay (policy target: {within} after becoming "
                   "aware)").format(controller=notice.controller, within=str(within))
    else:
        reason = _("as processor, notify the controller without undue delay (policy target: {within} after "
                   "becoming aware)").format(within=str(within))
    return Assessment(rule_id, title, basis, "policy", "applies", reason,
                      due=elapsed(incident.aware_at, within.elapsed()),
                      done_at=notice.sent_at if notice else None, about=ABOUT,
                      start=incident.aware_at)
