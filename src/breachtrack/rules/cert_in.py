"""cert-in.report: reporting a cyber security incident to CERT-In, India's computer emergency
response team.

Legal basis: CERT-In Directions No. 20(3)/2022-CERT-In of 28 April 2022 under the Information
Technology Act 2000 s.70B(6), direction (ii): service providers, intermediaries, data centres,
body corporates and government organisations "shall mandatorily report cyber incidents as
mentioned in Annexure I to CERT-In within 6 hours of noticing such incidents or being brought to
notice about such incidents". Annex I lists, among others: targeted scanning of critical networks,
compromise of critical systems, unauthorised access to IT systems or data, website defacement,
malicious code (virus, ransomware, spyware), attacks on servers and network devices, identity
theft, spoofing and phishing, DoS and DDoS, attacks on critical infrastructure, SCADA and OT,
attacks on applications, data breaches, data leaks, IoT, digital payment systems, malicious and
fake mobile apps, social media accounts, cloud, emerging technologies (big data, blockchain,
virtual assets, drones...), AI and ML. The Directions took effect 60 days after their issue: 27
June 2022 on one source, 28 June on two others; the earlier day is taken. Foreign entities serving
users in India are covered too (CERT-In FAQ, Q.26). There is no size threshold.

Law or policy: law, 6 real hours. Confidence: medium (several secondary sources agree on the 6
hours and the trigger; the Directions' own text and the Annex list were not read in the Gazette).

In plain words: with regime ``cert-in``, a cyber security incident of an Annex I type noticed on or
after 27 June 2022 (``detected_at``) is reported to CERT-In within 6 hours. Without
``cert_in.incident_type`` the report is shown as due: a personal-data breach is, in most cases, a
"data breach" or "data leak" of Annex I. ``incident_type: other`` (a lost paper file) takes it out.

Applies (noticed 13 November 2026 22:30 in India, ransomware: due 14 November 04:30)::

    regimes: [cert-in]
    timezone: Asia/Kolkata
    detected_at: 2026-11-13T22:30
    cert_in: {incident_type: malicious_code}

Does not apply (noticed before 27 June 2022; or not an Annex I incident)::

    regimes: [cert-in]
    detected_at: 2022-06-20T10:00
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from breachtrack.i18n import _
from breachtrack.model import CertIn, Config, Incident
from breachtrack.rules import Assessment, before_in_force, elapsed

REPORT = "cert-in.report"
KOLKATA = ZoneInfo("Asia/Kolkata")
IN_FORCE = date(2022, 6, 27)
"""60 days after 28 April 2022: 27 June on one source, 28 June on others; the earlier day."""


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "cert-in" not in incident.regimes:
        return []
    section = incident.cert_in or CertIn()
    title, basis = _("Report the incident to CERT-In"), _("CERT-In Directions of 28 April 2022, (ii)")
    about = ("cert_in", "reported_at")
    noticed = incident.detected_at
    not_yet = before_in_force(IN_FORCE, noticed, KOLKATA)
    if not_yet:
        return [Assessment(REPORT, title, basis, "law", "not_applicable",
                           _("the CERT-In Directions are {not_yet}").format(not_yet=not_yet), about=about)]
    if section.incident_type == "other":
        return [Assessment(REPORT, title, basis, "law", "not_applicable",
                           _("not one of the cyber security incidents of Annex I (cert_in.incident_type: other)"),
                           about=("cert_in", "incident_type"))]
    if section.incident_type is None:
        why = _("applies if the incident is one of the Annex I types, as a data breach or data leak usually is: the "
                "type is not recorded (cert_in.incident_type)")
    else:
        why = _("an Annex I incident ({kind})").format(kind=section.incident_type)
    why += _("; within 6 hours of noticing it (detected_at)")
    return [Assessment(REPORT, title, basis, "law", "applies", why, due=elapsed(noticed, timedelta(hours=6)),
                       done_at=section.reported_at, about=about, start=noticed)]
