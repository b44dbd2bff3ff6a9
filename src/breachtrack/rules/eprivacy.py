"""eprivacy.notify_authority and eprivacy.complement; pecr.notify_ico, pecr.delay_reasons and
pecr.complement: a telecom provider's breach notification to its authority.

Legal basis, EU (regime ``eprivacy``): Directive 2002/58/EC (ePrivacy) Art. 4(3), and Commission
Regulation (EU) No 611/2013 Art. 2(2): "The provider shall notify the personal data breach to the
competent national authority no later than 24 hours after the detection of the personal data
breach, where feasible." Its third subparagraph: "The detection of a personal data breach shall
be deemed to have taken place when the provider has acquired sufficient awareness that a security
incident has occurred that led to personal data being compromised, in order to make a meaningful
notification as required under this Regulation." Art. 2(3): where not all the information is
available, the provider makes an initial notification within those 24 hours and a second one "as
soon as possible, and at the latest within three days following the initial notification".
611/2013 is a Commission act, so Regulation (EEC, Euratom) No 1182/71 counts its days: Art. 3(1)
"the day during which that event occurs [...] shall not be considered as falling within the
period"; Art. 3(2)(b) the period "shall end with the expiry of the last hour of the last day";
Art. 3(4) "where the last day of a period expressed otherwise than in hours is a public holiday,
Sunday or Saturday, the period shall end with the expiry of the last hour of the following
working day"; Art. 3(5) "Any period of two days or more shall include at least two working days".
Public holidays are those "in the Member State [...] in which action is to be taken" (Art. 2(1)):
the authority's.

Legal basis, UK (regime ``pecr``): the Privacy and Electronic Communications (EC Directive)
Regulations 2003 (PECR) reg. 5A(2) and 611/2013 as retained in UK law, to the ICO. The Data (Use
and Access) Act 2025 s.111, in force on 20 August 2025 (SI 2025/904 reg. 2(p)), added to reg.
5A(2) "and, where feasible, not later than 72 hours after having become aware of it", a new reg.
5A(3A): "Where notification under paragraph (2) is not made within 72 hours, it must be
accompanied by reasons for the delay", and replaced Art. 2(3) by: "To the extent that the
information set out in Annex 1 is not available to be included in the notification, it may be
provided in phases without undue further delay."

In plain words: the clock starts at ``aware_at``, when the provider knew that personal data were
compromised, not at ``detected_at``. EU: notify within 24 real hours; an incomplete first
notification (``eprivacy.complete: false``) is completed by the end of the third day after it,
moved to the end of the next working day when that day is a Saturday, a Sunday or a public
holiday of the register's ``country`` (national holidays only), and always leaving two working
days. UK: for awareness from 20 August 2025 (UK time), 72 real hours, reasons when later
(``pecr.delay_reasons``), and a complement without a fixed period (a policy target, 72 hours);
before that day, 24 hours and a complement within three days of the first notification.

Readings to know. The 24 hours run from the instant of awareness: 1182/71 Art. 3(1) would start
an hour period at the next full hour, later by under an hour. Art. 3(5) was read in consistent
secondary sources, not in the Official Journal itself; without it, example E2 below would end a
day earlier. Whether 1182/71 still counts the days of retained EU law in the UK after 2020 was
not verified, so the UK complement before 20 August 2025 is 72 real hours after the first
notification: never later than any day count. The regime in force at awareness governs a breach
whose awareness and notifications straddle 20 August 2025.

Applies (E2: first notification Thursday 30 April 2026 15:00 in Paris; 1 May is a holiday, 2 and 3
May a weekend, so the third day gives way to Monday 4 May, and two working days take the
complement to the end of Tuesday 5 May: due 2026-05-06T00:00+02:00)::

    regimes: [gdpr, eprivacy]
    aware_at: 2026-04-30T09:00
    eprivacy: {notified_at: 2026-04-30T15:00, complete: false}

Does not apply::

    regimes: [gdpr, fr]
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from breachtrack.i18n import N_, _
from breachtrack.model import Config, Incident
from breachtrack.rules import Assessment, days_after, elapsed

NOTIFY = "eprivacy.notify_authority"
COMPLEMENT = "eprivacy.complement"
NOTIFY_BASIS = N_("Regulation (EU) 611/2013 Art. 2(2); Directive 2002/58/EC Art. 4(3)")
COMPLEMENT_BASIS = N_("Regulation (EU) 611/2013 Art. 2(3); Regulation (EEC, Euratom) 1182/71 Art. 3")

PECR_NOTIFY = "pecr.notify_ico"
PECR_DELAY_REASONS = "pecr.delay_reasons"
PECR_COMPLEMENT = "pecr.complement"
DUAA_IN_FORCE = date(2025, 8, 20)
"""Data (Use and Access) Act 2025 s.111: 72 hours for awareness from this day, in UK time."""
UK_TIME = ZoneInfo("Europe/London")


def assess(incident: Incident, config: Config) -> list[Assessment]:
    assessments = []
    if "eprivacy" in incident.regimes:
        assessments += _eu(incident, config)
    if "pecr" in incident.regimes:
        assessments += _uk(incident)
    return assessments


def _eu(incident: Incident, config: Config) -> list[Assessment]:
    section = incident.eprivacy
    authority = section.authority if section else "CNIL"
    notified = section.notified_at if section else None
    assessments = [Assessment(NOTIFY, _("Notify the national authority ({authority})").format(authority=authority),
                              _(NOTIFY_BASIS), "law", "applies",
                              _("a telecom provider notifies within 24 hours of becoming aware that personal data "
                                "were compromised, where feasible"),
                              due=elapsed(incident.aware_at, timedelta(hours=24)), done_at=notified,
                              about=("eprivacy", "notified_at"), start=incident.aware_at)]
    if section is not None and not section.complete and notified is not None:
        assessments.append(Assessment(
            COMPLEMENT, _("Complete the notification"), _(COMPLEMENT_BASIS), "law", "applies",
            _("the initial notification was incomplete: complete it within three days, the day of the notification "
              "not counted, to the end of the third day; a Saturday, Sunday or public holiday ({country}) moves the "
              "end to the next working day, and the period holds two working days").format(country=config.country),
            due=days_after(notified, 3, incident.zone, config.country), done_at=section.complement_at,
            about=("eprivacy", "complement_at"), start=notified))
    return assessments


def _uk(incident: Incident) -> list[Assessment]:
    section = incident.pecr
    authority = section.authority if section else "ICO"
    notified = section.notified_at if section else None
    title = _("Notify the {authority}").format(authority=authority)
    about = ("pecr", "notified_at")
    if incident.aware_at.astimezone(UK_TIME).date() < DUAA_IN_FORCE:
        basis = _("PECR reg. 5A(2); Regulation (EU) 611/2013 Art. 2(2) as retained")
        assessments = [Assessment(PECR_NOTIFY, title, basis, "law", "applies",
                                  _("aware before 20 August 2025: notify within 24 hours of becoming aware that "
                                    "personal data were compromised, where feasible"),
                                  due=elapsed(incident.aware_at, timedelta(hours=24)), done_at=notified, about=about,
                                  start=incident.aware_at)]
        if section is not None and not section.complete and notified is not None:
            assessments.append(Assessment(
                PECR_COMPLEMENT, _("Complete the notification"), _("Regulation (EU) 611/2013 Art. 2(3) as retained"),
                "law", "applies",
                _("the initial notification was incomplete: complete it within three days of it (read as 72 hours, "
                  "never later than a count of days)"),
                due=elapsed(notified, timedelta(hours=72)), done_at=section.complement_at,
                about=("pecr", "complement_at"), start=notified))
        return assessments

    due = elapsed(incident.aware_at, timedelta(hours=72))
    assessments = [Assessment(PECR_NOTIFY, title, _("PECR reg. 5A(2); Data (Use and Access) Act 2025 s.111"), "law",
                              "applies", _("notify without undue delay and, where feasible, within 72 hours of "
                                           "becoming aware of the breach"),
                              due=due, done_at=notified, about=about, start=incident.aware_at)]
    if notified is not None and notified > due:
        reasons = " ".join((section.delay_reasons or "").split())
        if reasons:
            given = _("notified after the 72 hours; reasons given: {reasons}").format(reasons=reasons)
        else:
            given = _("notified after the 72 hours without the reasons for the delay: send them to the ICO and record "
                      "them in pecr.delay_reasons")
        assessments.append(Assessment(PECR_DELAY_REASONS, _("Give the reasons for the delay"), _("PECR reg. 5A(3A)"),
                                      "law", "applies", given, due=notified, done_at=notified if reasons else None,
                                      about=("pecr", "delay_reasons"), start=notified))
    if section is not None and not section.complete and notified is not None:
        assessments.append(Assessment(
            PECR_COMPLEMENT, _("Complete the notification"),
            _("Regulation (EU) 611/2013 Art. 2(3) as substituted by the Data (Use and Access) Act 2025 s.111"),
            "policy", "applies",
            _("the initial notification was incomplete: give the rest in phases without undue further delay (no fixed "
              "period since 20 August 2025; policy target: 72 h after the first notification)"),
            due=elapsed(notified, timedelta(hours=72)), done_at=section.complement_at,
            about=("pecr", "complement_at"), start=notified))
    return assessments
