"""nydfs.notice, nydfs.extortion_payment, nydfs.extortion_explanation: a New York DFS covered
entity's notices to the Superintendent of Financial Services.

Legal basis: 23 NYCRR Part 500 (in force 1 March 2017; its section 500.22 gave covered entities
180 days, to 28 August 2017, to comply with 500.17), as amended by the Second Amendment, effective
1 November 2023, whose 500.17 covered entities applied from 1 December 2023 (confidence M for both
dates):

- 500.17(a)(1): notify the superintendent "as promptly as possible but in no event later than 72
  hours after determining that a cybersecurity incident has occurred at the covered entity, its
  affiliates, or a third-party service provider". Before 1 December 2023: 72 hours from the
  determination that a reportable "cybersecurity event" occurred, the same clock.
- 500.1(g), cybersecurity incident: one that requires a notice to a government body, is reasonably
  likely to materially harm any material part of the normal operations, or results in the
  deployment of ransomware within a material part of the information systems.
- 500.17(c): "in the event of an extortion payment made in connection with a cybersecurity event
  involving the covered entity, [the covered entity] shall provide the superintendent
  electronically [...] (1) within 24 hours of the extortion payment, notice of the payment; and
  (2) within 30 days of the extortion payment, a written description of the reasons payment was
  necessary, a description of alternatives to payment considered, all diligence performed to find
  alternatives to payment, and all diligence performed to ensure compliance with applicable rules
  and regulations including those of the Office of Foreign Assets Control".

Law targets (a payment before 1 December 2023: the same instants as a policy target).

In plain words: with regime ``nydfs``, the Superintendent is notified within 72 hours of
``determined_at`` (the determination that a cybersecurity incident occurred; not recorded, its
detection, ``detected_at``: the determination is about the incident, not about personal data,
so it cannot come before detection and may come before awareness; the reason says so). An extortion payment (``ransom_paid_at``) is
notified within 24 hours, and explained in writing within 30 calendar days.

Readings where the text leaves room, each the earlier deadline:

- 72 and 24 hours are elapsed hours: a change of clocks does not stretch them.
- "30 days" are calendar days counted from the day of the payment in New York, which is not
  counted; the period ends at midnight at the end of day 30, even on a weekend or a holiday. New
  York's General Construction Law §25-a would move a last day on a Saturday, a Sunday or a public
  holiday to the next business day; whether it reaches a regulation was not verified, so the
  reason only names that later day.
- ``nydfs.covered_entity`` and ``nydfs.cybersecurity_incident`` not recorded are read as true (the
  regime is on); ``false`` means nothing is due, or no 72-hour notice.

Applies (determined Friday 6 March 2026 16:00 EST, 21:00Z; clocks go forward on Sunday 8 March:
due Monday 9 March 17:00 EDT, 21:00Z, 73 hours on the wall clock)::

    regimes: [nydfs]
    timezone: America/New_York
    determined_at: 2026-03-06T16:00

Does not apply (not a covered entity)::

    regimes: [nydfs]
    nydfs: {covered_entity: false}
"""

from __future__ import annotations

from datetime import date, timedelta

from breachtrack.i18n import _
from breachtrack.model import Config, Incident, Nydfs
from breachtrack.rules import (
    NEW_YORK,
    Assessment,
    before_in_force,
    calendar_days_after,
    elapsed,
    next_open_day,
    public_holidays,
    stated_day,
    stated_moment,
)

NOTICE = "nydfs.notice"
EXTORTION_PAYMENT = "nydfs.extortion_payment"
EXTORTION_EXPLANATION = "nydfs.extortion_explanation"
IN_FORCE = date(2017, 8, 28)
"""500.22(a): covered entities comply with Part 500, 500.17 included, 180 days after 1 March 2017."""
AMENDED = date(2023, 12, 1)
"""The Second Amendment (effective 1 November 2023) gave 30 days to comply with 500.17."""


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "nydfs" not in incident.regimes:
        return []
    section = incident.nydfs or Nydfs()
    titles = {
        NOTICE: (_("Notify the NYDFS Superintendent"), _("23 NYCRR 500.17(a)(1)")),
        EXTORTION_PAYMENT: (_("Notify the extortion payment to the NYDFS Superintendent"), _("23 NYCRR 500.17(c)(1)")),
        EXTORTION_EXPLANATION: (_("Explain the extortion payment to the NYDFS Superintendent"),
                                _("23 NYCRR 500.17(c)(2)")),
    }
    if section.covered_entity is False:
        why = _("not a covered entity of the Department of Financial Services (nydfs.covered_entity: false)")
        return [Assessment(obligation, *titles[obligation], "law", "not_applicable", why,
                           about=("nydfs", "covered_entity")) for obligation in titles]
    covered = _("; nydfs.covered_entity not recorded: read as a covered entity") if section.covered_entity is None \
        else ""
    return [_notice(incident, section, titles[NOTICE], covered),
            *_extortion(incident, section, titles, covered)]


def _notice(incident: Incident, section: Nydfs, title: tuple[str, str], covered: str) -> Assessment:
    if section.cybersecurity_incident is False:
        return Assessment(NOTICE, *title, "law", "not_applicable",
                          _("not a cybersecurity incident (nydfs.cybersecurity_incident: false): neither reportable "
                            "to a government body, nor reasonably likely to materially harm normal operations, nor "
                            "ransomware within a material part of the information systems (500.1(g))"),
                          about=("nydfs", "cybersecurity_incident"))
    determined = incident.determined_at
    if determined is None:
        start = incident.detected_at
        why = _("72 hours after determining that a cybersecurity incident occurred; that determination is not "
                "recorded (determined_at), so the incident's detection (detected_at), the earliest it can be, counts")
    else:
        start = determined
        why = _("72 hours after determining that a cybersecurity incident occurred (determined_at)")
    if not_yet := before_in_force(IN_FORCE, start, NEW_YORK):
        return Assessment(NOTICE, *title, "law", "not_applicable",
                          _("determined before covered entities had to comply with 500.17: it is {not_yet}").format(
                              not_yet=not_yet), about=("nydfs", "notified_at"))
    if before_in_force(AMENDED, start, NEW_YORK):
        why += _("; before 1 December 2023, the 2017 wording: 72 hours after determining that a reportable "
                 "cybersecurity event occurred")
    if section.cybersecurity_incident is None:
        why += _("; nydfs.cybersecurity_incident not recorded: read as a cybersecurity incident")
    return Assessment(NOTICE, *title, "law", "applies", why + covered, due=elapsed(start, timedelta(hours=72)),
                      done_at=section.notified_at, about=("nydfs", "notified_at"), start=start)


def _extortion(incident: Incident, section: Nydfs, titles: dict[str, tuple[str, str]],
               covered: str) -> list[Assessment]:
    paid = incident.ransom_paid_at
    if paid is None:
        why = _("no extortion payment is recorded (ransom_paid_at)")
        return [Assessment(obligation, *titles[obligation], "law", "not_applicable", why, about=("ransom_paid_at",))
                for obligation in (EXTORTION_PAYMENT, EXTORTION_EXPLANATION)]
    target, before = "law", ""
    if not_yet := before_in_force(AMENDED, paid, NEW_YORK):
        target = "policy"
        before = _("; 500.17(c) is {not_yet}: its periods stand as a policy target").format(not_yet=not_yet)
    due = calendar_days_after(paid, 30, NEW_YORK)
    explain = _("30 calendar days after the extortion payment ({day} in New York), the day of the payment not "
                "counted").format(day=stated_day(paid.astimezone(NEW_YORK).date()))
    last = due.astimezone(NEW_YORK).date() - timedelta(days=1)
    if not _business_day(last):
        lenient = next_open_day(last, lambda day: not _business_day(day))
        explain += _("; the last day, {last}, is a Saturday, a Sunday or a public holiday: New York's General "
                     "Construction Law §25-a might allow the end of {lenient}, not verified for a regulation, so "
                     "the earlier day stands").format(last=stated_day(last), lenient=stated_day(lenient))
    return [
        Assessment(EXTORTION_PAYMENT, *titles[EXTORTION_PAYMENT], target, "applies",
                   _("24 hours after the extortion payment ({moment} in New York)").format(
                       moment=stated_moment(paid, NEW_YORK)) + before + covered,
                   due=elapsed(paid, timedelta(hours=24)), done_at=section.extortion_notified_at,
                   about=("nydfs", "extortion_notified_at"), start=paid),
        Assessment(EXTORTION_EXPLANATION, *titles[EXTORTION_EXPLANATION], target, "applies",
                   explain + before + covered, due=due, done_at=section.extortion_explained_at,
                   about=("nydfs", "extortion_explained_at"), start=paid),
    ]


def _business_day(day: date) -> bool:
    """Neither a Saturday, a Sunday nor a public holiday in New York (only to word the lenient day)."""
    return day.weekday() < 5 and day not in public_holidays("US", day.year, "NY")
