"""gdpr.art33.document and uk.art33.document: document a breach that is not notified, and why.

Legal basis: GDPR Art. 33(5): "The controller shall document any personal data breaches,
comprising the facts relating to the personal data breach, its effects and the remedial action
taken. That documentation shall enable the supervisory authority to verify compliance with this
Article." The EDPB adds that the controller should document the reasoning for the decisions it
takes in response to a breach, in particular, when a breach is not notified, why it considers
the breach unlikely to result in a risk (Guidelines 9/2022, section V, "Accountability and
record keeping", carried over from WP250rev.01). The ICO asks the same of a UK breach log (the
reasons for deciding whether or not to report), and UK GDPR Art. 33(5) has the same words.

In plain words: a breach judged ``risk: unlikely`` is not notified, so its file in this register
is its only record, and the authority will read it to check that decision. The entry is complete
when it holds the facts (``description``), the effects (``consequences``), the remedial action
taken (``measures_taken``, or a ``remediation`` measure), the reasons for not notifying
(``risk_assessment.reasoning``) and when that decision was taken (``risk_assessment.assessed_at``);
the obligation names what is missing. It is done at ``assessed_at``.

Due time: Art. 33(5) sets no period, but the decision not to notify is a decision on a 72-hour
duty: the breach had to be notified within 72 hours of awareness unless it was unlikely to result
in a risk, so that judgement, and the reasons for it, belong to those same 72 hours. The due time
is therefore ``aware_at`` + 72 hours, as a policy target: the law sets the duty, not this time.
A register entry written weeks later shows as late, which an auditor would ask about.

A breach that is notified is documented by the notification itself, whose content (Art. 33(3))
this register holds, and the CNIL accepts the summary of a notification as the documentation;
no separate obligation appears then, nor for a processor (the duty is the controller's), nor
where Art. 95 leaves a telecom provider's breach to the ePrivacy rules. Under UK GDPR (regime
``uk``), the same: ``uk.art33.document``, UK GDPR Art. 33(5).

Applies (due 2025-12-06T08:15+01:00, done at the decision)::

    aware_at: 2025-12-03T08:15
    risk: unlikely
    description: A laptop with an encrypted disk was lost on a train.
    consequences: None expected; the disk is encrypted.
    measures_taken: The account was disabled and its sessions closed.
    risk_assessment: {reasoning: the key was never on the laptop, assessed_at: 2025-12-03T11:00}

Does not appear (notified)::

    aware_at: 2025-12-03T08:15
    risk: high
"""

from __future__ import annotations

from datetime import timedelta

from breachtrack.i18n import _
from breachtrack.model import Config, Incident
from breachtrack.rules import (
    Assessment,
    DataProtectionLaw,
    data_protection_laws,
    displaced_by_telecom_rules,
    elapsed,
    notify_authority,
)

ABOUT = ("risk_assessment", "reasoning")
"""The field this obligation is about: annotations point at its line."""
DECISION_WITHIN = timedelta(hours=72)
"""The 72 hours of Art. 33(1), within which the decision not to notify falls."""


def assess(incident: Incident, config: Config) -> list[Assessment]:
    return [assessment for law in data_protection_laws(incident) for assessment in _assess(incident, law)]


def missing(incident: Incident) -> list[str]:
    """What the register entry of a breach not notified lacks, in Art. 33(5)'s words."""
    assessment = incident.risk_assessment
    lacks = [
        (_written(incident.description), _("the facts (description)")),
        (_written(incident.consequences), _("the effects (consequences)")),
        (_written(incident.measures_taken) or bool(incident.remediation),
         _("the remedial action taken (measures_taken)")),
        (assessment is not None and _written(assessment.reasoning),
         _("the reasons for not notifying (risk_assessment.reasoning)")),
        (assessment is not None and assessment.assessed_at is not None,
         _("when that decision was taken (risk_assessment.assessed_at)")),
    ]
    return [what for recorded, what in lacks if not recorded]


def _written(text: str | None) -> bool:
    return bool(text and text.strip())


def _assess(incident: Incident, law: DataProtectionLaw) -> list[Assessment]:
    if (incident.role != "controller" or incident.risk != "unlikely"
            or notify_authority.submitted_at(incident) is not None
            or displaced_by_telecom_rules(incident, law) is not None):
        return []
    rule_id = f"{law.regime}.art33.document"
    title = _("Document the breach and why it was not notified")
    basis = law.article("33(5)")
    due = elapsed(incident.aware_at, DECISION_WITHIN)
    lacking = missing(incident)
    if lacking:
        reason = _("risk 'unlikely': the breach is not notified, so this register is its only record; the entry "
                   "lacks {missing}").format(missing="; ".join(lacking))
        return [Assessment(rule_id, title, basis, "policy", "applies", reason, due=due, about=ABOUT,
                           start=incident.aware_at)]
    assessment = incident.risk_assessment
    reasoning = " ".join(assessment.reasoning.split())
    if assessment.assessed_by:
        reason = _("risk 'unlikely', not notified; reasons recorded by {who}: {reasoning}").format(
            who=" ".join(assessment.assessed_by.split()), reasoning=reasoning)
    else:
        reason = _("risk 'unlikely', not notified; reasons recorded: {reasoning}").format(reasoning=reasoning)
    return [Assessment(rule_id, title, basis, "policy", "applies", reason, due=due, done_at=assessment.assessed_at,
                       about=ABOUT, start=incident.aware_at)]
