"""What ``breachtrack new`` writes: a commented incident file with a fresh id.

Pure text work; the command line asks the questions and writes the file.
"""

from __future__ import annotations

import json
import re
import unicodedata

from breachtrack.i18n import _

SCHEMA_FILE = "incident.schema.json"
"""Written beside the incident files, so that editors complete and check fields offline."""

_MINOR_WORDS = {"the", "and", "for", "with", "from", "des", "les", "une", "sur", "par", "dans", "aux"}


def new_id(title: str, aware_at: str, taken: set[str]) -> str:
    """'2026-11-PHISHING-CLINIC-MAILBOX': the month of awareness and the title's first words,
    numbered (-2, -3 ...) when that id is taken."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[A-Za-z0-9]+", ascii_title) if len(w) > 2 and w.lower() not in _MINOR_WORDS]
    base = f"{aware_at[:7]}-{'-'.join(words[:3]).upper() or 'INCIDENT'}"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def incident_text(incident_id: str, title: str, risk: str, aware_at: str, organisation: str | None, *,
                  cause: str = "unknown", detected_at: str | None = None, description: str | None = None) -> str:
    """The file's text: the fields given filled, every other section commented out, explained,
    in the language of the run: the file is the user's own document."""
    quoted_title = json.dumps(title, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar
    organisation_line = (
        f"organisation: {json.dumps(organisation, ensure_ascii=False)}"
        if organisation
        else "# organisation: Example SA      # " + _("the controller (or the processor, with role: processor)")
    )
    detected_line = (
        f"detected_at: {detected_at}   # " + _("when the security incident itself was first noticed")
        if detected_at
        else f"# detected_at: {aware_at}   # "
        + _("when the security incident itself was first noticed, if earlier")
    )
    description_line = (
        f"description: {json.dumps(description, ensure_ascii=False)}"
        if description
        else "# description: " + _("What happened, in a few sentences (GDPR Art. 33(3)(a)).")
    )
    about = _block(_("One personal-data breach. Every field is explained in docs/incident-format.md;\n"
                     "`breachtrack validate` checks this file, `breachtrack check` lists its deadlines."))
    awareness = _block(_("When the organisation became aware that personal data were breached: the 72-hour clock\n"
                         "of GDPR Art. 33 starts here. A time without an offset is in the register's time zone."))
    risks = _block(_("Risk to people's rights and freedoms: unlikely (no notification), risk (notify the\n"
                     "authority, Art. 33) or high (also inform the people concerned, Art. 34)."))
    role_note = _("controller | processor (a processor notifies its controller, Art. 33(2))")
    cause_note = _("malicious | accidental | unknown (an attack calls for a complaint, the plainte)")
    assessment_note = _("why this risk; for a breach not notified, required (GDPR Art. 33(5))")
    subjects_note = _("approximate number of people concerned")
    records_note = _("approximate number of records concerned")
    data_note = _("categories of personal data concerned")
    consequences_note = _("the likely consequences for the people concerned (Art. 33(3)(c))")
    measures_note = _("what was done to address the breach and limit its effects (Art. 33(3)(d))")
    delay_note = _("required when notified after 72 hours")
    channel_note = _("email | letter | public (public needs exemption: disproportionate)")
    exemption_note = _("encrypted | mitigated | disproportionate (Art. 34(3))")
    example_measure = _("Two-factor authentication for every remote access")
    authority_heading = "# " + _("--- Notification to the supervisory authority (GDPR Art. 33), within 72 hours ---------")
    people_heading = "# " + _("--- Communication to the people concerned (GDPR Art. 34), when the risk is high -------")
    complaint_heading = "# " + _("--- Criminal complaint (plainte) within 72 hours, to keep cyber-insurance cover ---------")
    remediation_heading = "# " + _("--- Remediation calendar -------------------------------------------------------------")
    return f"""\
# yaml-language-server: $schema=./{SCHEMA_FILE}
{about}
id: {incident_id}
title: {quoted_title}
{description_line}
{organisation_line}
role: controller                 # {role_note}
cause: {cause:<26}# {cause_note}

{awareness}
aware_at: {aware_at}
{detected_line}

{risks}
risk: {risk}
# risk_assessment:               # {assessment_note}
#   reasoning: ...
#   assessed_at: {aware_at}
#   assessed_by: ...
# subjects: 1000                 # {subjects_note}
# records: 1000                  # {records_note}
# data: [identity, contact]      # {data_note}
# consequences: ...              # {consequences_note}
# measures_taken: ...            # {measures_note}

{authority_heading}
# authority_notice:
#   authority: CNIL
#   submitted_at: 2026-01-01T10:00
#   reference: CNIL-NV-...
#   delay_reasons: ...           # {delay_note}

{people_heading}
# subject_notice:
#   sent_at: 2026-01-02T09:00
#   channel: email               # {channel_note}
#   exemption: encrypted         # {exemption_note}

{complaint_heading}
# cyber_insurance: true
# complaint:
#   filed_at: 2026-01-02T15:00
#   with: police

{remediation_heading}
# remediation:
#   - id: mfa
#     title: {example_measure}
#     due: 2026-03-31
"""


def _block(text: str) -> str:
    """Lines of explanation as YAML comments."""
    return "\n".join("# " + line for line in text.split("\n"))
