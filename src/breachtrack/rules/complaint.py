"""fr.complaint: file a criminal complaint (plainte) within 72 hours of a cyberattack.

Legal basis: French Code des assurances, art. L12-10-1 (created by the LOPMI, loi n° 2023-22 of
24 January 2023, in force since 24 April 2023): an insurer's payment for losses caused by an
attack on an automated data processing system (Code pénal art. 323-1 to 323-3-1) is conditional
on the victim filing a complaint with the competent authorities no later than 72 hours after
it learned of the attack. Without cyber-insurance the law sets no deadline, but the CNIL and
ANSSI recommend filing; the due time is then the register's policy target ``complaint_within``.

In plain words: when the breach is an attack (``cause: malicious``) and the organisation is
insured against cyber risks, file a plainte (with the police, the gendarmerie or the public
prosecutor) within 72 real hours of ``detected_at`` or lose the cover. A recorded decision not
to file (``complaint.waived``) makes the rule not applicable, and says why. The 72 hours never
move off a weekend or a public holiday.

Applies (due 2025-07-15T10:00+02:00, law)::

    cause: malicious
    detected_at: 2025-07-12T10:00
    cyber_insurance: true

Does not apply::

    cause: accidental
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from breachtrack.model import Config, Incident
from breachtrack.rules import Assessment, elapsed

ABOUT = ("complaint", "filed_at")
"""The field this obligation is about: annotations point at its line."""
ID = "fr.complaint"
TITLE = "File a criminal complaint (plainte)"
LAW = "Code des assurances art. L12-10-1"
LAW_IN_FORCE = datetime(2023, 4, 23, 22, 0, tzinfo=UTC)  # 24 April 2023, 00:00 in Paris
DEADLINE = timedelta(hours=72)


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "fr" not in incident.regimes:
        return []
    complaint = incident.complaint
    if incident.cause != "malicious":
        return [Assessment(ID, TITLE, LAW, "policy", "not_applicable",
                           f"cause is '{incident.cause}': no attack to report", about=ABOUT)]
    if complaint and complaint.waived:
        return [Assessment(ID, TITLE, LAW, "policy", "not_applicable",
                           f"decision not to file: {complaint.waived}", about=ABOUT)]
    filed_at = complaint.filed_at if complaint else None
    if incident.cyber_insurance and incident.detected_at >= LAW_IN_FORCE:
        return [Assessment(ID, TITLE, LAW, "law", "applies",
                           "an attack on an insured organisation: the insurer pays only if the complaint "
                           "is filed within 72 hours of learning of the attack",
                           due=elapsed(incident.detected_at, DEADLINE), done_at=filed_at, about=ABOUT,
                       start=incident.detected_at)]
    within = config.complaint_within
    why = ("no cyber-insurance" if not incident.cyber_insurance
           else "detected before L12-10-1 came into force on 24 April 2023")
    return [Assessment(ID, TITLE, "CNIL and ANSSI recommendation", "policy", "applies",
                       f"an attack ({why}): filing is recommended "
                       f"(policy target: {within} after detection)",
                       due=elapsed(incident.detected_at, within.elapsed()), done_at=filed_at, about=ABOUT,
                       start=incident.detected_at)]
