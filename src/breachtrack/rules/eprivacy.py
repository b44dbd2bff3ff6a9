"""eprivacy.notify_authority and eprivacy.complement: a telecom provider's breach notification.

Legal basis: Directive 2002/58/EC (ePrivacy) Art. 4(3), and Commission Regulation (EU) No
611/2013 Art. 2(2): "The provider shall notify the personal data breach to the competent national
authority no later than 24 hours after the detection of the personal data breach, where
feasible." Art. 2(3): where not all the information is available, the provider makes an initial
notification within those 24 hours and a second notification "within three days following the
initial notification".

In plain words: with regime ``eprivacy``, notify within 24 hours of ``detected_at``; if the
first notification was incomplete (``eprivacy.complete: false``), complete it within 3 days
(72 elapsed hours) of it. Hour deadlines never move off a weekend or holiday.

Applies (due 2026-05-05T09:00+02:00)::

    regimes: [gdpr, eprivacy]
    detected_at: 2026-05-04T09:00

Does not apply::

    regimes: [gdpr, fr]
"""

from __future__ import annotations

from datetime import timedelta

from breachtrack.model import Config, Incident
from breachtrack.rules import Assessment, elapsed

NOTIFY = "eprivacy.notify_authority"
COMPLEMENT = "eprivacy.complement"
NOTIFY_BASIS = "Regulation (EU) 611/2013 Art. 2(2); Directive 2002/58/EC Art. 4(3)"
COMPLEMENT_BASIS = "Regulation (EU) 611/2013 Art. 2(3)"


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "eprivacy" not in incident.regimes:
        return []
    section = incident.eprivacy
    authority = section.authority if section else "CNIL"
    notified = section.notified_at if section else None
    assessments = [Assessment(NOTIFY, f"Notify the national authority ({authority})", NOTIFY_BASIS, "law", "applies",
                              "a telecom provider notifies within 24 hours of detecting the breach, where feasible",
                              due=elapsed(incident.detected_at, timedelta(hours=24)), done_at=notified,
                              about=("eprivacy", "notified_at"), start=incident.detected_at)]
    if section is not None and not section.complete and notified is not None:
        assessments.append(Assessment(COMPLEMENT, "Complete the notification", COMPLEMENT_BASIS, "law", "applies",
                                      "the initial notification was incomplete: complete it within 3 days",
                                      due=elapsed(notified, timedelta(days=3)), done_at=section.complement_at,
                                      about=("eprivacy", "complement_at"), start=notified))
    return assessments
