"""gdpr.art33.complement and uk.art33.complement: complete an incomplete notification.

Legal basis: GDPR Art. 33(4): "Where, and in so far as, it is not possible to provide the
information at the same time, the information may be provided in phases without undue further
delay." The CNIL's practice is a first notification within 72 hours and a complementary one
within 72 hours after it (CNIL, "Notifier une violation de données personnelles"). The law sets no
hour, so the due time is a policy target and labelled so.

In plain words: when ``authority_notice.complete`` is false, send the complement and record
``complement_at``; target 72 hours after ``submitted_at``. Hour deadlines never move off a
weekend. Under UK GDPR (regime ``uk``), ``uk.art33.complement``: the same text and the same
target, which is then the register's policy alone.

Applies (due 2026-03-05T10:00+01:00)::

    authority_notice: {submitted_at: 2026-03-02T10:00, complete: false}

Does not apply::

    authority_notice: {submitted_at: 2026-03-02T10:00}
"""

from __future__ import annotations

from datetime import timedelta

from breachtrack.i18n import N_, _
from breachtrack.model import Config, Incident
from breachtrack.rules import Assessment, DataProtectionLaw, data_protection_laws, displaced_by_telecom_rules, elapsed

ABOUT = ("authority_notice", "complement_at")
TITLE = N_("Complete the notification (complementary notification)")
TARGET = timedelta(hours=72)


def assess(incident: Incident, config: Config) -> list[Assessment]:
    notice = incident.authority_notice
    if notice is None or notice.complete or notice.submitted_at is None:
        return []
    return [_assess(incident, law) for law in data_protection_laws(incident)]


def _assess(incident: Incident, law: DataProtectionLaw) -> Assessment:
    notice = incident.authority_notice
    rule_id, title, basis = f"{law.regime}.art33.complement", _(TITLE), law.article("33(4)")
    if law.regime == "gdpr":
        basis = _("{basis}; CNIL practice").format(basis=basis)
    if displaced := displaced_by_telecom_rules(incident, law):
        return Assessment(rule_id, title, law.article("95"), "policy", "not_applicable", displaced, about=ABOUT)
    return Assessment(rule_id, title, basis, "policy", "applies",
                      _("the first notification was incomplete: send the complement without undue further delay "
                        "(policy target: 72 h after the first notification)"),
                      due=elapsed(notice.submitted_at, TARGET), done_at=notice.complement_at, about=ABOUT,
                      start=notice.submitted_at)
