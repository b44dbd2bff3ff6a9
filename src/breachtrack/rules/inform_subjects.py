"""gdpr.art34.inform_subjects and uk.art34.inform_subjects: inform the people concerned when the
risk to them is high.

Legal basis: GDPR Art. 34(1): "When the personal data breach is likely to result in a high
risk to the rights and freedoms of natural persons, the controller shall communicate the
personal data breach to the data subject without undue delay." Art. 34(3) lifts the duty when
(a) the data were made unintelligible, such as by encryption, (b) later measures mean the high
risk is no longer likely to materialise, or (c) it would involve disproportionate effort, in
which case a public communication replaces it. Art. 34(4): "If the controller has not already
communicated the personal data breach to the data subject, the supervisory authority, having
considered the likelihood of the personal data breach resulting in a high risk, may require it
to do so or may decide that any of the conditions referred to in paragraph 3 are met."

In plain words: with ``risk: high``, or when the authority demands it, the people must be told.
The law says "without undue delay"; the due time is the register's policy target
``subject_notice_within`` (default 72 hours after ``aware_at``), unless the authority set a
deadline (``required_due``), which then governs. Claiming ``encrypted`` or ``mitigated`` makes
the duty exempt, unless the authority required the communication: that is the controller's own
assessment, which the authority may overturn. The authority's own decision that a condition is
met (``exempted_by_authority``, Art. 34(4) second limb) is shown apart, with its reference
(``decision``). ``disproportionate``, claimed or decided, does not remove the duty: Art. 34(3)(c)
itself asks for a public communication instead (``channel: public``), which fulfils it. The hours
never move off a weekend or a public holiday. Under UK GDPR (regime ``uk``), the same text with
"the Commissioner": ``uk.art34.inform_subjects``.

Applies (due 72 hours after awareness)::

    risk: high

Exempt::

    risk: high
    subject_notice: {exempted_by_authority: encrypted, decision: CNIL 2026-123}
"""

from __future__ import annotations

from breachtrack.i18n import N_, _
from breachtrack.model import Config, Incident
from breachtrack.rules import (
    Assessment,
    DataProtectionLaw,
    authority_of,
    data_protection_laws,
    displaced_by_telecom_rules,
    elapsed,
)

ABOUT = ("subject_notice", "sent_at")
"""The field this obligation is about: annotations point at its line."""
TITLE = N_("Inform the people concerned")
CONDITIONS = {
    "encrypted": ("34(3)(a)", N_("the data were unintelligible to anyone not authorised (encryption)")),
    "mitigated": ("34(3)(b)", N_("measures taken since mean the high risk is no longer likely to materialise")),
}


def assess(incident: Incident, config: Config) -> list[Assessment]:
    return [_assess(incident, config, law) for law in data_protection_laws(incident)]


def _assess(incident: Incident, config: Config, law: DataProtectionLaw) -> Assessment:
    rule_id, title = f"{law.regime}.art34.inform_subjects", _(TITLE)
    notice = incident.subject_notice
    required = bool(notice and notice.required_by_authority)
    decided = notice.exempted_by_authority if notice else None
    basis = law.article("34(4)") if required else law.article("34(1)")
    if displaced := displaced_by_telecom_rules(incident, law):
        return Assessment(rule_id, title, law.article("95"), "policy", "not_applicable", displaced, about=ABOUT)
    if incident.role == "processor":
        return Assessment(rule_id, title, basis, "policy", "not_applicable",
                          _("the controller, not the processor, informs the people concerned"), about=ABOUT)
    if incident.risk != "high" and not required:
        if incident.risk == "unlikely":
            why = _("risk 'unlikely' is not high and the authority has not required it")
        else:
            why = _("risk 'risk' is not high and the authority has not required it")
        return Assessment(rule_id, title, basis, "policy", "not_applicable", why, about=ABOUT)
    authority = authority_of(incident, law, config)
    decision = notice.decision if notice else None
    if decided in CONDITIONS:
        condition, why = CONDITIONS[decided]
        if decision:
            reason = _("{authority} decided under Art. 34(4) that the condition of Art. {condition} is met (decision "
                       "{decision}): {why}")
        else:
            reason = _("{authority} decided under Art. 34(4) that the condition of Art. {condition} is met: {why}")
        return Assessment(rule_id, title, f"{law.article('34(4)')}, {condition}", "law", "exempt",
                          reason.format(authority=authority, condition=condition, decision=decision, why=_(why)),
                          about=ABOUT)
    if notice and notice.exemption in CONDITIONS and not required:
        condition, why = CONDITIONS[notice.exemption]
        return Assessment(rule_id, title, law.article(condition), "law", "exempt",
                          _("exemption claimed under {basis}: {why}").format(basis=law.article(condition), why=_(why)),
                          about=ABOUT)

    if notice and notice.required_due:
        due, target = notice.required_due, "law"
        reason = _("the authority required the communication by the deadline it set")
    else:
        within = config.subject_notice_within
        due, target = elapsed(incident.aware_at, within.elapsed()), "policy"
        if required:
            reason = _("the authority required it: inform them without undue delay (policy target: {within} after "
                       "becoming aware)")
        else:
            reason = _("the risk to people is high: inform them without undue delay (policy target: {within} after "
                       "becoming aware)")
        reason = reason.format(within=str(within))

    disproportionate = notice is not None and "disproportionate" in (notice.exemption, decided)
    done_at = notice.sent_at if notice else None
    if done_at and notice.channel == "public" and not disproportionate:
        reason += _("; a public communication replaces individual notices only when informing each person would "
                    "involve disproportionate effort: claim that exemption (Art. 34(3)(c)) or inform people "
                    "individually")
        done_at = None
    elif decided == "disproportionate":
        basis = f"{law.article('34(4)')}, 34(3)(c)"
        if decision:
            decided_so = _("; {authority} decided under Art. 34(4) that individual notices would involve "
                           "disproportionate effort (decision {decision}), so a public communication fulfils it "
                           "(Art. 34(3)(c))")
        else:
            decided_so = _("; {authority} decided under Art. 34(4) that individual notices would involve "
                           "disproportionate effort, so a public communication fulfils it (Art. 34(3)(c))")
        reason += decided_so.format(authority=authority, decision=decision)
    elif disproportionate:
        reason += _("; individual notices would involve disproportionate effort, so a public communication fulfils "
                    "it (Art. 34(3)(c))")
    return Assessment(rule_id, title, basis, target, "applies", reason, due=due, done_at=done_at, about=ABOUT,
                      start=incident.aware_at)
