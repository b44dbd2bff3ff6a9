"""hipaa.individuals, hipaa.hhs, hipaa.hhs_annual, hipaa.media, hipaa.business_associate: the
HIPAA Breach Notification Rule's notices of a breach of unsecured protected health information.

Legal basis: 45 CFR Part 164 Subpart D (164.400-414), interim final rule of 24 August 2009 (74 FR
42740), in force from 23 September 2009 (the day from memory, consistent with the Federal
Register; confidence M), amended by the Omnibus Rule of 2013:

- 164.404(a)(2): "a breach shall be treated as discovered by a covered entity as of the first day
  on which such breach is known to the covered entity, or, by exercising reasonable diligence would
  have been known [...] to any person, other than the person committing the breach, who is a
  workforce member or agent"; HHS (2013): the period "begins when the incident is first known, not
  when the investigation of the incident is complete, even if it is initially unclear whether the
  incident constitutes a breach".
- 164.404(b), individuals: "without unreasonable delay and in no case later than 60 calendar days
  after discovery of a breach".
- 164.406, media: "For a breach of unsecured protected health information involving more than 500
  residents of a State or jurisdiction [...] notify prominent media outlets serving the State or
  jurisdiction", within the same 60 calendar days.
- 164.408(b), HHS, "500 or more individuals": "contemporaneously with the notice required by
  § 164.404(a)"; 164.408(c), "less than 500 individuals": a log, and "not later than 60 days after
  the end of each calendar year, provide the notification [...] for breaches discovered during the
  preceding calendar year".
- 164.410, a business associate notifies the covered entity "without unreasonable delay and in no
  case later than 60 calendar days after discovery".
- 164.412: a law enforcement official's statement that a notice would impede a criminal
  investigation delays it for the time the official specifies (30 days at most for an oral one).

All five are law targets; the 60 days are an outer limit ("it may be an unreasonable delay to wait
until the 60th day", HHS), which each reason says.

In plain words: with regime ``hipaa``, discovery is ``detected_at`` (not ``aware_at``). A covered
entity (``role: controller``) notifies each individual within 60 calendar days of discovery; HHS
with them when 500 or more people are concerned, else within 60 days after the end of the
calendar year (1 March, or 29 February in a leap year); and prominent media in each State or
jurisdiction with more than 500 residents concerned (``residents: {US-NY: 700}``), one obligation
``hipaa.media`` whose reason names the States, done by ``hipaa.media_at``. A business associate
(``role: processor``) notifies the covered entity within 60 days of its own discovery, and the
covered entity's notices are not its own.

Readings where the text leaves room, each the earlier deadline:

- Calendar days in the incident's zone (else the register's): the day of discovery is not
  counted; the period ends at midnight at the end of day 60, and a last day on a weekend or a
  holiday does not move (the text knows no such rule).
- HHS, for 500 or more: due at the notice to the individuals when that notice was sent before the
  60 days ran out ("contemporaneously"), else at the end of the 60 days.
- A number not recorded reaches every threshold: with no ``subjects`` or ``residents``, both HHS
  obligations show, each saying so; with no ``residents``, the media notice shows.
- ``hipaa.unsecured`` not recorded is read as unsecured; ``false`` (encrypted or destroyed as HHS's
  guidance says, or no PHI) means no notice is due.
- A law-enforcement delay (``hipaa.law_enforcement_delay_until``) moves a due time only when it
  ends later; the notice is due when it ends.
- "State or jurisdiction" (164.406, and "State" in 160.103): the ISO 3166-2 codes ``US-XX`` of
  ``residents``, and the territories' own codes PR, VI, GU, AS, MP.

Applies (discovery Tuesday 15 September 2026 10:00 in New York, 1,200 individuals, 700 of them in
New York: individuals, HHS and media all due 15 November 2026 00:00 EST, the end of Saturday 14
November, day 60)::

    regimes: [hipaa]
    timezone: America/New_York
    detected_at: 2026-09-15T10:00
    subjects: 1200
    residents: {US-NY: 700, US-NJ: 500}

Does not apply (the laptop's disk was encrypted as HHS's guidance says)::

    regimes: [hipaa]
    hipaa: {unsecured: false}
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from breachtrack.i18n import _, number
from breachtrack.model import Config, Hipaa, Incident
from breachtrack.rules import (
    Assessment,
    before_in_force,
    calendar_days_after,
    end_of_day,
    people_concerned,
    reaches,
    stated_day,
    stated_moment,
    unplaced,
)

INDIVIDUALS = "hipaa.individuals"
HHS = "hipaa.hhs"
HHS_ANNUAL = "hipaa.hhs_annual"
MEDIA = "hipaa.media"
BUSINESS_ASSOCIATE = "hipaa.business_associate"
IN_FORCE = date(2009, 9, 23)
"""74 FR 42740: the interim final rule took effect on 23 September 2009; discovery counts."""
PERIOD_DAYS = 60
HHS_THRESHOLD = 500
"""164.408(b): "500 or more individuals"; (c): "less than 500"."""
MEDIA_THRESHOLD = 500
"""164.406: "more than 500 residents of a State or jurisdiction"."""
TERRITORIES = frozenset({"PR", "VI", "GU", "AS", "MP"})
"""Jurisdictions with an ISO 3166-1 code of their own ("State" in 45 CFR 160.103)."""


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "hipaa" not in incident.regimes:
        return []
    section = incident.hipaa or Hipaa()
    zone = incident.zone
    discovery = incident.detected_at
    titles = {
        INDIVIDUALS: (_("Notify the individuals (HIPAA)"), _("45 CFR 164.404(b)")),
        HHS: (_("Notify the breach to HHS"), _("45 CFR 164.408(b)")),
        HHS_ANNUAL: (_("Report the logged breach to HHS after the year end"), _("45 CFR 164.408(c)")),
        MEDIA: (_("Notify prominent media in each State concerned"), _("45 CFR 164.406")),
        BUSINESS_ASSOCIATE: (_("Notify the covered entity"), _("45 CFR 164.410(b)")),
    }

    def not_applicable(obligation: str, reason: str, about: str) -> Assessment:
        title, basis = titles[obligation]
        return Assessment(obligation, title, basis, "law", "not_applicable", reason, about=("hipaa", about))

    if not_yet := before_in_force(IN_FORCE, discovery, zone):
        why = _("discovered before the Breach Notification Rule applied: it is {not_yet}").format(not_yet=not_yet)
        return [not_applicable(INDIVIDUALS, why, "individuals_at")]
    if section.unsecured is False:
        why = _("the protected health information was secured (hipaa.unsecured: false): rendered unusable, "
                "unreadable or indecipherable as HHS's guidance says, or not concerned at all, so the breach needs "
                "no notice (164.402)")
        return [not_applicable(obligation, why, "unsecured") for obligation in titles]
    if incident.role == "processor":
        why = _("a business associate (role: processor) notifies the covered entity (hipaa.business_associate), "
                "which gives this notice")
        found = [not_applicable(obligation, why, field) for obligation, field in (
            (INDIVIDUALS, "individuals_at"), (HHS, "hhs_at"), (HHS_ANNUAL, "hhs_annual_at"), (MEDIA, "media_at"))]
        return found + [_business_associate(section, discovery, zone, titles[BUSINESS_ASSOCIATE])]

    note = _notes(section, zone)
    limit = calendar_days_after(discovery, PERIOD_DAYS, zone)
    outer = _("60 calendar days after discovery (detected_at, {day}), an outer limit: the notice is due without "
              "unreasonable delay, and waiting until the 60th day may itself be unreasonable (HHS)").format(
        day=stated_day(discovery.astimezone(zone).date()))
    found = [
        _applies(INDIVIDUALS, titles, outer + note, _delayed(limit, section), section.individuals_at,
                 "individuals_at", discovery),
        *_hhs(incident, section, discovery, limit, titles, note),
        _media(incident, section, discovery, limit, titles, note),
        not_applicable(BUSINESS_ASSOCIATE, _("a covered entity (role: controller): its business associates notify "
                                             "it, and it notifies the individuals, HHS and the media"),
                       "covered_entity_notified_at"),
    ]
    return found


def _applies(obligation: str, titles: dict[str, tuple[str, str]], reason: str, due: datetime,
             done_at: datetime | None, field: str, start: datetime) -> Assessment:
    title, basis = titles[obligation]
    return Assessment(obligation, title, basis, "law", "applies", reason, due=due, done_at=done_at,
                      about=("hipaa", field), start=start)


def _notes(section: Hipaa, zone) -> str:
    """What every covered entity's reason adds: an unrecorded ``unsecured``, a law-enforcement delay."""
    note = ""
    if section.unsecured is None:
        note += _("; whether the information was secured is not recorded (hipaa.unsecured): read as unsecured")
    if section.law_enforcement_delay_until is not None:
        note += _("; a law enforcement official delayed the notices until {moment} (164.412): a notice due earlier "
                  "is due then").format(moment=stated_moment(section.law_enforcement_delay_until, zone))
    return note


def _delayed(due: datetime, section: Hipaa) -> datetime:
    """164.412: a notice due before the end of a law-enforcement delay is due at its end."""
    delay = section.law_enforcement_delay_until
    return max(due, delay) if delay is not None else due


def _hhs(incident: Incident, section: Hipaa, discovery: datetime, limit: datetime,
         titles: dict[str, tuple[str, str]], note: str) -> list[Assessment]:
    """164.408(b) for 500 or more individuals, (c) for fewer; both when the number is not known."""
    zone = incident.zone
    count = people_concerned(incident)
    year = discovery.astimezone(zone).year
    found = []
    if reaches(count, HHS_THRESHOLD):
        if count is None:
            why = _("the number of individuals is not recorded (subjects, residents): counted as 500 or more, so HHS "
                    "is notified with the individuals, no later than 60 calendar days after discovery; with fewer "
                    "than 500, the annual report is due instead (hipaa.hhs_annual)")
        else:
            why = _("{count} individuals, 500 or more: HHS is notified contemporaneously with the individuals, no "
                    "later than 60 calendar days after discovery").format(count=number(count))
        due = _delayed(limit, section)
        sent = section.individuals_at
        if sent is not None and sent < due:
            due = sent
            why += _("; the individuals were notified on {moment}: HHS was due then").format(
                moment=stated_moment(sent, zone))
        found.append(_applies(HHS, titles, why + note, due, section.hhs_at, "hhs_at", discovery))
    else:
        found.append(Assessment(HHS, *titles[HHS], "law", "not_applicable",
                                _("{count} individuals, fewer than 500: the breach is logged and reported to HHS "
                                  "after the end of the year (hipaa.hhs_annual)").format(count=number(count)),
                                about=("hipaa", "hhs_at")))
    if count is None or count < HHS_THRESHOLD:
        if count is None:
            why = _("the number of individuals is not recorded (subjects, residents): with fewer than 500, the "
                    "breach is logged and reported to HHS no later than 60 days after the end of {year}, the "
                    "calendar year of discovery").format(year=year)
        else:
            why = _("{count} individuals, fewer than 500: the breach is logged and reported to HHS no later than 60 "
                    "days after the end of {year}, the calendar year of discovery").format(
                count=number(count), year=year)
        due = _delayed(end_of_day(date(year, 12, 31) + timedelta(days=PERIOD_DAYS), zone), section)
        found.append(_applies(HHS_ANNUAL, titles, why + note, due, section.hhs_annual_at, "hhs_annual_at",
                              discovery))
    else:
        found.append(Assessment(HHS_ANNUAL, *titles[HHS_ANNUAL], "law", "not_applicable",
                                _("{count} individuals, 500 or more: HHS is notified with the individuals "
                                  "(hipaa.hhs)").format(count=number(count)), about=("hipaa", "hhs_annual_at")))
    return found


def _media(incident: Incident, section: Hipaa, discovery: datetime, limit: datetime,
           titles: dict[str, tuple[str, str]], note: str) -> Assessment:
    """164.406: one obligation for every State or jurisdiction with more than 500 residents concerned."""
    rest = unplaced(incident, "US")
    if rest is None or reaches(rest, MEDIA_THRESHOLD, strictly=True):
        why = (_("the residents per State are not recorded (residents)") if rest is None else
               _("the residence of {count} people concerned is not recorded (residents)").format(count=number(rest)))
        why += _(": prominent media are notified in each State or jurisdiction with more than 500 residents "
                 "concerned, within 60 calendar days after discovery")
        return _applies(MEDIA, titles, why + note, _delayed(limit, section), section.media_at, "media_at", discovery)
    counts = {code: count for code, count in (incident.residents or {}).items()
              if code.startswith("US-") or code in TERRITORIES}
    above = sorted(code for code, count in counts.items() if reaches(count, MEDIA_THRESHOLD, strictly=True))
    if not above and incident.residents is None:
        return Assessment(MEDIA, *titles[MEDIA], "law", "not_applicable", _(
            "{count} people concerned in all: no State can have more than 500 of them").format(count=number(rest)),
            about=("hipaa", "media_at"))
    if not above:
        if counts:
            largest = max(counts, key=lambda code: (counts[code], code))
            why = _("no State or jurisdiction has more than 500 residents concerned (the most: {count} in "
                    "{state})").format(count=number(counts[largest]), state=largest)
        else:
            why = _("no resident of a State or jurisdiction of the United States is recorded (residents)")
        return Assessment(MEDIA, *titles[MEDIA], "law", "not_applicable", why, about=("hipaa", "media_at"))
    states = ", ".join(f"{code} ({number(counts[code])})" for code in above)
    why = _("more than 500 residents concerned in {states}: prominent media outlets serving each are notified within "
            "60 calendar days after discovery").format(states=states)
    return _applies(MEDIA, titles, why + note, _delayed(limit, section), section.media_at, "media_at", discovery)


def _business_associate(section: Hipaa, discovery: datetime, zone, title: tuple[str, str]) -> Assessment:
    why = _("a business associate (role: processor) notifies the covered entity without unreasonable delay and no "
            "later than 60 calendar days after discovering the breach (detected_at, {day})").format(
        day=stated_day(discovery.astimezone(zone).date()))
    return Assessment(BUSINESS_ASSOCIATE, *title, "law", "applies", why + _notes(section, zone),
                      due=_delayed(calendar_days_after(discovery, PERIOD_DAYS, zone), section),
                      done_at=section.covered_entity_notified_at, about=("hipaa", "covered_entity_notified_at"),
                      start=discovery)
