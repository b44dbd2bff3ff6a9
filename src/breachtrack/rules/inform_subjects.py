"""gdpr.art34.inform_subjects: inform the people concerned when the risk to them is high.

Legal basis: GDPR Art. 34(1): "When the personal data breach is likely to result in a high
risk to the rights and freedoms of natural persons, the controller shall communicate the
personal data breach to the data subject without undue delay." Art. 34(3) lifts the duty when
(a) the data were made unintelligible, such as by encryption, (b) later measures mean the high
risk is no longer likely to materialise, or (c) it would involve disproportionate effort, in
which case a public communication replaces it. Art. 34(4): the authority may require it.

In plain words: with ``risk: high``, or when the authority demands it, the people must be told.
The law says "without undue delay"; the due time is the register's policy target
``subject_notice_within`` (default 72 hours after ``aware_at``), unless the authority set a
deadline (``required_due``), which then governs. Claiming ``encrypted`` or ``mitigated`` makes
the duty exempt, unless the authority required the communication. ``disproportionate`` does not
remove the duty: a public communication (``channel: public``) fulfils it. The hours never move
off a weekend or a public holiday.

Applies (due 72 hours after awareness)::

    risk: high

Exempt::

    risk: high
    subject_notice: {exemption: encrypted}
"""

from __future__ import annotations

from breachtrack.model import Config, Incident
from breachtrack.rules import Assessment, elapsed

ABOUT = ("subject_notice", "sent_at")
"""The field this obligation is about: annotations point at its line."""
ID = "gdpr.art34.inform_subjects"
TITLE = "Inform the people concerned"
EXEMPTIONS = {
    "encrypted": ("GDPR Art. 34(3)(a)", "the data were unintelligible to anyone not authorised (encryption)"),
    "mitigated": ("GDPR Art. 34(3)(b)", "measures taken since mean the high risk is no longer likely to materialise"),
}


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "gdpr" not in incident.regimes:
        return []
    notice = incident.subject_notice
    required = bool(notice and notice.required_by_authority)
    basis = "GDPR Art. 34(4)" if required else "GDPR Art. 34(1)"
    if incident.role == "processor":
        return [Assessment(ID, TITLE, basis, "policy", "not_applicable",
                           "the controller, not the processor, informs the people concerned", about=ABOUT)]
    if incident.risk != "high" and not required:
        return [Assessment(ID, TITLE, basis, "policy", "not_applicable",
                           f"risk '{incident.risk}' is not high and the authority has not required it", about=ABOUT)]
    if notice and notice.exemption in EXEMPTIONS and not required:
        exemption_basis, why = EXEMPTIONS[notice.exemption]
        return [Assessment(ID, TITLE, exemption_basis, "law", "exempt",
                           f"exemption claimed under {exemption_basis}: {why}", about=ABOUT)]

    if notice and notice.required_due:
        due, target = notice.required_due, "law"
        reason = "the authority required the communication by the deadline it set"
    else:
        within = config.subject_notice_within
        due, target = elapsed(incident.aware_at, within.elapsed()), "policy"
        cause = "the authority required it" if required else "the risk to people is high"
        reason = f"{cause}: inform them without undue delay (policy target: {within} after becoming aware)"

    done_at = notice.sent_at if notice else None
    if done_at and notice.channel == "public" and notice.exemption != "disproportionate":
        reason += ("; a public communication replaces individual notices only when informing each "
                   "person would involve disproportionate effort: claim that exemption "
                   "(Art. 34(3)(c)) or inform people individually")
        done_at = None
    elif notice and notice.exemption == "disproportionate":
        reason += "; individual notices would involve disproportionate effort, so a public communication fulfils it (Art. 34(3)(c))"
    return [Assessment(ID, TITLE, basis, target, "applies", reason, due=due, done_at=done_at, about=ABOUT,
                       start=incident.aware_at)]
