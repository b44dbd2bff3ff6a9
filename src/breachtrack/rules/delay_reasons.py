"""gdpr.art33.delay_reasons and uk.art33.delay_reasons: give the reasons for a notification made
after 72 hours.

Legal basis: GDPR Art. 33(1), second sentence. "Where the notification to the supervisory
authority is not made within 72 hours, it shall be accompanied by reasons for the delay."

In plain words: this obligation exists only once a notification has been submitted late. It is
due with the notification itself, and done when ``authority_notice.delay_reasons`` says why (it
then counts as done at ``submitted_at``). A late notification without reasons stays overdue
until they are given. Nothing here moves off a weekend or a public holiday. Under UK GDPR
(regime ``uk``), the same: ``uk.art33.delay_reasons``.

Applies, done (notified 90 hours after awareness, with reasons)::

    aware_at: 2025-09-01T09:00
    authority_notice: {submitted_at: 2025-09-05T03:00, delay_reasons: "forensics needed to scope the breach"}

Does not appear (notified within 72 hours)::

    aware_at: 2025-09-01T09:00
    authority_notice: {submitted_at: 2025-09-03T09:00}
"""

from __future__ import annotations

from breachtrack.i18n import N_, _
from breachtrack.model import Config, Incident
from breachtrack.rules import Assessment, DataProtectionLaw, data_protection_laws, notify_authority

ABOUT = ("authority_notice", "delay_reasons")
"""The field this obligation is about: annotations point at its line."""
TITLE = N_("Give the reasons for the delay")


def assess(incident: Incident, config: Config) -> list[Assessment]:
    return [assessment for law in data_protection_laws(incident) for assessment in _assess(incident, law)]


def _assess(incident: Incident, law: DataProtectionLaw) -> list[Assessment]:
    submitted = notify_authority.submitted_at(incident)
    if not notify_authority.applies_to(incident, law) or submitted is None:
        return []
    if submitted <= notify_authority.due_of(incident):
        return []
    rule_id, title, basis = f"{law.regime}.art33.delay_reasons", _(TITLE), law.article("33(1)")
    reasons = " ".join((incident.authority_notice.delay_reasons or "").split())
    if reasons:
        return [Assessment(rule_id, title, basis, "law", "applies",
                           _("notified after the 72 hours; reasons given: {reasons}").format(reasons=reasons),
                           due=submitted, done_at=submitted, about=ABOUT, start=submitted)]
    return [Assessment(rule_id, title, basis, "law", "applies",
                       _("notified after the 72 hours without the reasons for the delay: send them to the authority "
                         "and record them in authority_notice.delay_reasons"),
                       due=submitted, about=ABOUT, start=submitted)]
