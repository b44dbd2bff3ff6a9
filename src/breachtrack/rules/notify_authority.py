"""gdpr.art33.notify_authority and uk.art33.notify_ico: notify the supervisory authority within 72 hours.

Legal basis: GDPR (Regulation (EU) 2016/679) Art. 33(1). "In the case of a personal data breach,
the controller shall without undue delay and, where feasible, not later than 72 hours after
having become aware of it, notify the personal data breach to the supervisory authority [...],
unless the personal data breach is unlikely to result in a risk to the rights and freedoms of
natural persons."

In plain words: a controller has 72 real hours from ``aware_at`` to notify the authority (the
CNIL in France). Nights, weekends, holidays and clock changes do not stop the clock. A breach
unlikely to put people at risk is not notified, but stays in this register (Art. 33(5)). A
processor does not notify the authority: it tells its controller (Art. 33(2)).

Under UK GDPR (regime ``uk``, for a UK controller), the same duty is ``uk.art33.notify_ico``:
UK GDPR Art. 33(1), the same words with "the Commissioner", the Information Commissioner's Office
(ICO). A telecom provider's breach that occurred in connection with providing its service is
notified under the ePrivacy rules instead (Art. 95: see ``displaced_by_telecom_rules``).

Applies (due 2025-07-15T10:00+02:00)::

    aware_at: 2025-07-12T10:00
    risk: high

Does not apply::

    aware_at: 2025-07-12T10:00
    risk: unlikely
"""

from __future__ import annotations

from datetime import datetime, timedelta

from breachtrack.i18n import _
from breachtrack.model import Config, Incident
from breachtrack.rules import (
    Assessment,
    DataProtectionLaw,
    authority_of,
    data_protection_laws,
    displaced_by_telecom_rules,
    elapsed,
)

ABOUT = ("authority_notice", "submitted_at")
"""The field this obligation is about: annotations point at its line."""
IDS = {"gdpr": "gdpr.art33.notify_authority", "uk": "uk.art33.notify_ico"}
DEADLINE = timedelta(hours=72)


def due_of(incident: Incident) -> datetime:
    return elapsed(incident.aware_at, DEADLINE)


def submitted_at(incident: Incident) -> datetime | None:
    return incident.authority_notice.submitted_at if incident.authority_notice else None


def applies_to(incident: Incident, law: DataProtectionLaw) -> bool:
    return (incident.role == "controller" and incident.risk != "unlikely"
            and displaced_by_telecom_rules(incident, law) is None)


def assess(incident: Incident, config: Config) -> list[Assessment]:
    return [_assess(incident, law, config) for law in data_protection_laws(incident)]


def _assess(incident: Incident, law: DataProtectionLaw, config: Config | None = None) -> Assessment:
    authority = authority_of(incident, law, config)
    rule_id, title = IDS[law.regime], title_for(authority)
    if displaced := displaced_by_telecom_rules(incident, law):
        return Assessment(rule_id, title, law.article("95"), "law", "not_applicable", displaced, about=ABOUT)
    if incident.role == "processor":
        return Assessment(rule_id, title, law.article("33(2)"), "law", "not_applicable",
                          _("a processor does not notify the authority: it notifies its controller (see {rule})")
                          .format(rule=f"{law.regime}.art33.notify_controller"), about=ABOUT)
    if incident.risk == "unlikely":
        return Assessment(rule_id, title, law.article("33(1)"), "law", "not_applicable",
                          _("the breach is unlikely to result in a risk to people's rights and freedoms, so it is not "
                            "notified; it stays recorded in this register (Art. 33(5))"), about=ABOUT)
    if incident.risk == "high":
        reason = _("risk 'high': notify {authority} within 72 hours of becoming aware of the breach")
    else:
        reason = _("risk 'risk': notify {authority} within 72 hours of becoming aware of the breach")
    template, done_at = reason, submitted_at(incident)
    reason = template.format(authority=authority)
    if other := notified_elsewhere(incident, law, config):
        title, done_at = title_for(other), None
        reason = _("{reason}; the notice recorded went to {notified}, not to {authority}, this entity's authority, "
                   "and the processing is not recorded as cross-border with {notified} as lead authority: record "
                   "this entity's own notice in an incident file of its folder").format(
            reason=template.format(authority=other), notified=authority, authority=other)
    return Assessment(rule_id, title, law.article("33(1)"), "law", "applies", reason,
                      due=due_of(incident), done_at=done_at, about=ABOUT, start=incident.aware_at)


def notified_elsewhere(incident: Incident, law: DataProtectionLaw, config: Config | None) -> str | None:
    """In a group register, the entity's own authority when the notice recorded went to another
    one that is not the lead authority of cross-border processing (GDPR Art. 56(1)): one
    notice to the CNIL does not notify a German subsidiary's breach to the BfDI."""
    notice = incident.authority_notice
    own = config.authority if config is not None and config.authority and law.regime == "gdpr" else None
    if own is None or notice is None or not notice.authority or notice.authority.casefold() == own.casefold():
        return None
    lead = incident.lead_authority
    if incident.cross_border and lead and lead.casefold() == notice.authority.casefold():
        return None
    return own


def title_for(authority: str) -> str:
    """'Notify the supervisory authority (CNIL)': in French, « Notifier la violation à la CNIL »,
    the words of Art. 33(1) and of the CNIL."""
    if authority == "CNIL":
        return _("Notify the supervisory authority (CNIL)")
    return _("Notify the supervisory authority ({authority})").format(authority=authority)
