"""eprivacy.inform_subscribers and pecr.inform_subscribers: a telecom provider tells the
subscribers or individuals whose data or privacy the breach is likely to harm.

Legal basis: Commission Regulation (EU) No 611/2013 Art. 3(1): "When the personal data breach is
likely to adversely affect the personal data or privacy of a subscriber or individual, the
provider shall, in addition to the notification referred to in Article 2, also notify the
subscriber or individual of the breach." Art. 3(3): "The notification to the subscriber or
individual shall be made without undue delay after the detection of the personal data breach
[...]. This shall not be dependent on the notification of the personal data breach to the
competent national authority". Art. 4(1): that notification "shall not be required if the
provider has demonstrated to the satisfaction of the competent national authority that it has
implemented appropriate technological protection measures, and that those measures were applied
to the data concerned by the security breach. Such technological protection measures shall
render the data unintelligible to any person who is not authorised to access it." In the UK
(regime ``pecr``), PECR reg. 5A(3) and 5A(6), the same duty and exemption "to the satisfaction of
the Information Commissioner". (Wording as the legal file §3.1 gives it, matching the official
German text and the published summaries; the Official Journal was not read.)

In plain words: when the provider has found the breach likely to adversely affect subscribers or
individuals (``adverse_effect: true`` in the ``eprivacy`` or ``pecr`` section), it tells them
"without undue delay": the law sets no hour, so the due time is the register's policy target
``subscriber_notice_within`` (default 72 hours after ``aware_at``), labelled as policy. Unlike
GDPR Art. 34(3)(a), encryption exempts only once the authority has accepted the provider's
demonstration (``protection_accepted_at``): the provider's own claim is not enough, and until that
acceptance the duty runs. The hours never move off a weekend or a public holiday.

Applies (due 2026-05-07T09:00+02:00)::

    regimes: [eprivacy]
    aware_at: 2026-05-04T09:00
    eprivacy: {adverse_effect: true}

Exempt::

    regimes: [eprivacy]
    eprivacy: {adverse_effect: true, protection_accepted_at: 2026-05-05T11:00}
"""

from __future__ import annotations

from breachtrack.i18n import N_, _
from breachtrack.model import Config, Eprivacy, Incident
from breachtrack.rules import Assessment, elapsed, stated_moment

TITLE = N_("Inform the subscribers and individuals concerned")
BASES = {  # regime: (the duty, the exemption)
    "eprivacy": (N_("Regulation (EU) 611/2013 Art. 3(1), (3); Directive 2002/58/EC Art. 4(3)"),
                 N_("Regulation (EU) 611/2013 Art. 4(1)")),
    "pecr": (N_("PECR reg. 5A(3)"), N_("PECR reg. 5A(6)")),
}


def assess(incident: Incident, config: Config) -> list[Assessment]:
    return [_assess(incident, config, regime) for regime in BASES if regime in incident.regimes]


def _assess(incident: Incident, config: Config, regime: str) -> Assessment:
    section: Eprivacy | None = getattr(incident, regime)
    rule_id, about, title = f"{regime}.inform_subscribers", (regime, "subscribers_informed_at"), _(TITLE)
    duty, exemption = (_(basis) for basis in BASES[regime])
    if section is None or not section.adverse_effect:
        return Assessment(rule_id, title, duty, "policy", "not_applicable",
                          _("not recorded as likely to adversely affect the personal data or privacy of a subscriber "
                            "or individual ({field})").format(field=f"{regime}.adverse_effect"), about=about)
    if section.protection_accepted_at is not None:
        return Assessment(rule_id, title, exemption, "law", "exempt",
                          _("{authority} accepted on {moment} that technological protection measures made the data "
                            "unintelligible to anyone not authorised")
                          .format(authority=section.authority,
                                  moment=stated_moment(section.protection_accepted_at, incident.zone)), about=about)
    within = config.subscriber_notice_within
    return Assessment(rule_id, title, duty, "policy", "applies",
                      _("likely to adversely affect subscribers or individuals: notify them without undue delay "
                        "(policy target: {within} after becoming aware); only the authority's acceptance of "
                        "protection measures would lift it").format(within=str(within)),
                      due=elapsed(incident.aware_at, within.elapsed()), done_at=section.subscribers_informed_at,
                      about=about, start=incident.aware_at)
