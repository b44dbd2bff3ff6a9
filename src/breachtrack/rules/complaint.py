"""fr.complaint: file a criminal complaint (plainte) within 72 hours of a cyberattack.

Legal basis: French Code des assurances, art. L12-10-1 (created by the LOPMI, loi n° 2023-22 of
24 January 2023, art. 5 I): "Le versement d'une somme en application de la clause d'un contrat
d'assurance visant à indemniser un assuré des pertes et dommages causés par une atteinte à un
système de traitement automatisé de données mentionnée aux articles 323-1 à 323-3-1 du code
pénal est subordonné au dépôt d'une plainte de la victime auprès des autorités compétentes au
plus tard soixante-douze heures après la connaissance de l'atteinte par la victime. Le présent
article s'applique uniquement aux personnes morales et aux personnes physiques dans le cadre de
leur activité professionnelle." In force from 24 April 2023: art. 5 II puts it into force three
months after the promulgation of 24 January 2023 (Légifrance: "en vigueur depuis le 24 avril
2023").

In plain words: when the breach is an attack (``cause: malicious``) and the organisation is
insured against cyber risks, file a plainte (with the police, the gendarmerie or the public
prosecutor) within 72 real hours of ``detected_at`` or lose the cover. A recorded decision not
to file (``complaint.waived``) makes the rule not applicable, and says why. The 72 hours never
move off a weekend or a public holiday. Without cyber-insurance the law sets no deadline, but
the CNIL and ANSSI recommend filing: the due time is the register's policy target
``complaint_within``.

Before 24 April 2023 (the day ``detected_at`` falls on, in the incident's zone) the article did
not exist, so no legal deadline runs; the obligation stays, as a policy target, rather than
becoming not applicable: an insured organisation then stood where an uninsured one stands
today, with no legal deadline and the same recommendation to file, and showing it nothing to do
would tell it less than an uninsured organisation is told.

Applies (due 2025-07-15T10:00+02:00, law)::

    cause: malicious
    detected_at: 2025-07-12T10:00
    cyber_insurance: true

Does not apply::

    cause: accidental
"""

from __future__ import annotations

from datetime import date, timedelta

from breachtrack.i18n import N_, _
from breachtrack.model import Config, Incident
from breachtrack.rules import Assessment, before_in_force, elapsed

ABOUT = ("complaint", "filed_at")
"""The field this obligation is about: annotations point at its line."""
ID = "fr.complaint"
TITLE = N_("File a criminal complaint (plainte)")
LAW = "Code des assurances art. L12-10-1"
"""French law, cited alike in every language."""
IN_FORCE = date(2023, 4, 24)
"""L12-10-1 applies to attacks learned of from this day; ``detected_at`` counts."""
DEADLINE = timedelta(hours=72)


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "fr" not in incident.regimes:
        return []
    complaint, title = incident.complaint, _(TITLE)
    if incident.cause != "malicious":
        if incident.cause == "accidental":
            why = _("cause is 'accidental': no attack to report")
        else:
            why = _("cause is 'unknown': no attack to report")
        return [Assessment(ID, title, LAW, "policy", "not_applicable", why, about=ABOUT)]
    if complaint and complaint.waived:
        return [Assessment(ID, title, LAW, "policy", "not_applicable",
                           _("decision not to file: {decision}").format(decision=complaint.waived), about=ABOUT)]
    filed_at = complaint.filed_at if complaint else None
    not_yet_law = before_in_force(IN_FORCE, incident.detected_at, incident.zone)
    if incident.cyber_insurance and not_yet_law is None:
        return [Assessment(ID, title, LAW, "law", "applies",
                           _("an attack on an insured organisation: the insurer pays only if the complaint is filed "
                             "within 72 hours of learning of the attack"),
                           due=elapsed(incident.detected_at, DEADLINE), done_at=filed_at, about=ABOUT,
                           start=incident.detected_at)]
    within = config.complaint_within
    if incident.cyber_insurance:
        reason = _("an attack on an insured organisation, but {law} is {not_yet_law}: no legal deadline, and filing "
                   "is recommended (policy target: {within} after detection)")
    else:
        reason = _("an attack (no cyber-insurance): filing is recommended (policy target: {within} after detection)")
    return [Assessment(ID, title, _("CNIL and ANSSI recommendation"), "policy", "applies",
                       reason.format(law=LAW, not_yet_law=not_yet_law, within=str(within)),
                       due=elapsed(incident.detected_at, within.elapsed()), done_at=filed_at, about=ABOUT,
                       start=incident.detected_at)]
