"""What ``breachtrack new`` writes: a commented incident file with a fresh id.

Pure text work; the command line asks the questions and writes the file.
"""

from __future__ import annotations

import json
import re
import unicodedata

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
    """The file's text: the fields given filled, every other section commented out, explained."""
    quoted_title = json.dumps(title, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar
    organisation_line = (
        f"organisation: {json.dumps(organisation, ensure_ascii=False)}"
        if organisation
        else "# organisation: Example SA      # the controller (or the processor, with role: processor)"
    )
    detected_line = (
        f"detected_at: {detected_at}   # when the security incident itself was first noticed"
        if detected_at
        else f"# detected_at: {aware_at}   # when the security incident itself was first noticed, if earlier"
    )
    description_line = (
        f"description: {json.dumps(description, ensure_ascii=False)}"
        if description
        else "# description: What happened, in a few sentences (GDPR Art. 33(3)(a))."
    )
    return f"""\
# yaml-language-server: $schema=./{SCHEMA_FILE}
# One personal-data breach. Every field is explained in docs/incident-format.md;
# `breachtrack validate` checks this file, `breachtrack check` lists its deadlines.
id: {incident_id}
title: {quoted_title}
{description_line}
{organisation_line}
role: controller                 # controller | processor (a processor notifies its controller, Art. 33(2))
cause: {cause:<26}# malicious | accidental | unknown (an attack calls for a complaint, the plainte)

# When the organisation became aware that personal data were breached: the 72-hour clock
# of GDPR Art. 33 starts here. A time without an offset is in the register's time zone.
aware_at: {aware_at}
{detected_line}

# Risk to people's rights and freedoms: unlikely (no notification), risk (notify the
# authority, Art. 33) or high (also inform the people concerned, Art. 34).
risk: {risk}
# risk_assessment:               # why this risk; for a breach not notified, required (GDPR Art. 33(5))
#   reasoning: ...
#   assessed_at: {aware_at}
#   assessed_by: ...
# subjects: 1000                 # approximate number of people concerned
# records: 1000                  # approximate number of records concerned
# data: [identity, contact]      # categories of personal data concerned
# consequences: ...              # the likely consequences for the people concerned (Art. 33(3)(c))
# measures_taken: ...            # what was done to address the breach and limit its effects (Art. 33(3)(d))

# --- Notification to the supervisory authority (GDPR Art. 33), within 72 hours ---------
# authority_notice:
#   authority: CNIL
#   submitted_at: 2026-01-01T10:00
#   reference: CNIL-NV-...
#   delay_reasons: ...           # required when notified after 72 hours

# --- Communication to the people concerned (GDPR Art. 34), when the risk is high -------
# subject_notice:
#   sent_at: 2026-01-02T09:00
#   channel: email               # email | letter | public (public needs exemption: disproportionate)
#   exemption: encrypted         # encrypted | mitigated | disproportionate (Art. 34(3))

# --- Criminal complaint (plainte) within 72 hours, to keep cyber-insurance cover ---------
# cyber_insurance: true
# complaint:
#   filed_at: 2026-01-02T15:00
#   with: police

# --- Remediation calendar -------------------------------------------------------------
# remediation:
#   - id: mfa
#     title: Two-factor authentication for every remote access
#     due: 2026-03-31
"""
