"""gdpr.art33.complement: complete an incomplete notification to the CNIL.

Legal basis: GDPR Art. 33(4): "Where, and in so far as, it is not possible to provide the
information at the same time, the information may be provided in phases without undue further
delay." The CNIL's practice is a first notification within 72 hours and a complementary one
within 72 hours after it (CNIL, "Notifier une violation de données personnelles"). The law sets no
hour, so the due time is a policy target and labelled so.

In plain words: when ``authority_notice.complete`` is false, send the complement and record
``complement_at``; target 72 hours after ``submitted_at``. Hour deadlines never move off a
weekend.

Applies (due 2026-03-05T10:00+01:00)::

    authority_notice: {submitted_at: 2026-03-02T10:00, complete: false}

Does not apply::

    authority_notice: {submitted_at: 2026-03-02T10:00}
"""

from __future__ import annotations

from datetime import timedelta

from breachtrack.model import Config, Incident
from breachtrack.rules import Assessment, elapsed

ABOUT = ("authority_notice", "complement_at")
ID = "gdpr.art33.complement"
TITLE = "Complete the notification (complementary notification)"
BASIS = "GDPR Art. 33(4); CNIL practice"
TARGET = timedelta(hours=72)


def assess(incident: Incident, config: Config) -> list[Assessment]:
    notice = incident.authority_notice
    if "gdpr" not in incident.regimes or notice is None or notice.complete or notice.submitted_at is None:
        return []
    return [Assessment(ID, TITLE, BASIS, "policy", "applies",
                       "the first notification was incomplete: send the complement without undue further delay "
                       "(policy target: 72 h after the first notification)",
                       due=elapsed(notice.submitted_at, TARGET), done_at=notice.complement_at, about=ABOUT,
                       start=notice.submitted_at)]
