"""sec.form8k: a registrant's Form 8-K, Item 1.05, on a material cybersecurity incident.

Legal basis: Form 8-K General Instruction B.1 and Item 1.05, as adopted by SEC Release 33-11216
(88 FR 51896, 4 August 2023), compliance from 18 December 2023, and from 15 June 2024 for a
smaller reporting company:

- General Instruction B.1: "A report pursuant to Item 1.05 is to be filed within four business
  days after the registrant determines that it has experienced a material cybersecurity
  incident." and "If the event occurs on a Saturday, Sunday or holiday on which the Commission is
  not open for business, then the four business day period shall begin to run on, and include,
  the first business day thereafter."
- Item 1.05, Instruction 1: the materiality determination is made "without unreasonable delay
  after discovery of the incident".
- 17 CFR 201.104: the Commission is open "each day, except Saturdays, Sundays, and Federal legal
  holidays [...] and any other day appointed as a holiday in Washington, D.C. by the President or
  the Congress"; the SEC treats a day the federal government is closed by executive order "as a
  federal holiday for filing purposes" (5 December 2018, 24 December 2020, 9 January 2025).
- Regulation S-T Rule 13(a)(2) (17 CFR 232.13): a filing submitted "after 5:30 p.m. Eastern
  [...] shall be deemed filed as of the next business day".
- Item 1.05(c): if the US Attorney General notifies the Commission in writing that disclosure
  poses a substantial risk to national security or public safety, "the registrant may delay
  providing the disclosure [...] for a time period specified by the Attorney General, up to 30
  days following the date when the disclosure [...] was otherwise required to be provided",
  extensible by 30 and then 60 days.

A law target; confidence H for the text, M for the list of executive-order closures: the SEC's
treatment of 24 December 2024 and 24 and 26 December 2025 was not verified, so those days count as
business days (``rules.CONFIRMED_SEC_CLOSURES``), the earlier due time.

In plain words: with regime ``sec``, the Form 8-K is due at 17:30 New York time on the fourth SEC
business day after ``determined_at``, the materiality determination. Business days exclude
Saturdays, Sundays, the federal legal holidays with their observed days and the executive-order
closures (the holidays package's ``government`` calendar, not the NYSE's: the SEC is closed on
Columbus Day and Veterans Day, open on Good Friday). A determination on a closed day counts from
the next business day, which is day 1, exactly as a determination on an open day does.

Readings where the text leaves room, each the earlier deadline unless said otherwise:

- No fallback: without ``determined_at``, Item 1.05 is not triggered and nothing is due, whatever
  ``aware_at`` says; the reason recalls that the determination itself is due without
  unreasonable delay after discovery. ``sec.material: false`` also means nothing is due; not
  recorded, ``determined_at`` is read as the materiality determination.
- The date of the determination is its date in New York, whatever the incident's zone; the
  filing cut-off is 17:30, not EDGAR's 22:00 for other filings.
- A half-day closing leaves the Commission open: a business day. An executive-order closure
  enters the package only once ordered: a due time computed before is earlier, never later.
- Item 1.05(c): the filing is due when the Attorney General's delay (``sec.ag_delay_until``) ends,
  if later. The legal specification said the fourth business day after that date: the text lets
  the registrant delay the disclosure "for a time period", at the end of which it is due.
- A foreign private issuer (``sec.foreign_private_issuer``) furnishes a Form 6-K, which has no
  fixed period: no Form 8-K is due.

Applies (determined on Thanksgiving, Thursday 26 November 2026: Friday 27 is day 1, Monday 30 day
2, Tuesday 1 December day 3, Wednesday 2 December day 4: due 2026-12-02 17:30 EST)::

    regimes: [sec]
    determined_at: 2026-11-26T10:00-05:00

Does not apply (determined on 30 November 2023, before Item 1.05 applied)::

    regimes: [sec]
    determined_at: 2023-11-30T10:00-05:00
"""

from __future__ import annotations

from datetime import date

from breachtrack.i18n import _
from breachtrack.model import Config, Incident, Sec
from breachtrack.rules import NEW_YORK, Assessment, before_in_force, sec_business_days_after, stated_moment

FORM_8K = "sec.form8k"
IN_FORCE = date(2023, 12, 18)
"""Release 33-11216: Item 1.05 from 18 December 2023; the determination counts."""
SMALLER_IN_FORCE = date(2024, 6, 15)
"""Smaller reporting companies: 180 days later, 15 June 2024."""
BUSINESS_DAYS = 4


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "sec" not in incident.regimes:
        return []
    section = incident.sec or Sec()
    title = _("File Form 8-K Item 1.05 with the SEC")
    basis = _("Form 8-K Item 1.05, General Instruction B.1")

    def not_applicable(reason: str, about: tuple[str, ...]) -> list[Assessment]:
        return [Assessment(FORM_8K, title, basis, "law", "not_applicable", reason, about=about)]

    if section.foreign_private_issuer:
        return not_applicable(_("a foreign private issuer (sec.foreign_private_issuer) furnishes a Form 6-K, which "
                                "sets no period, instead of a Form 8-K"), ("sec", "foreign_private_issuer"))
    if section.material is False:
        return not_applicable(_("the registrant determined the incident not material (sec.material: false): Item "
                                "1.05 asks for no filing"), ("sec", "material"))
    determined = incident.determined_at
    if determined is None and section.material:
        return not_applicable(_("the incident is recorded as material (sec.material: true), but not when it was "
                                "determined so (determined_at): write it, the four business days count from it, not "
                                "from awareness (aware_at)"), ("determined_at",))
    if determined is None:
        return not_applicable(_("no materiality determination is recorded (determined_at): Item 1.05 counts from "
                                "it, not from awareness (aware_at); the determination itself is due without "
                                "unreasonable delay after discovery"), ("determined_at",))
    since = SMALLER_IN_FORCE if section.smaller_reporting_company else IN_FORCE
    if not_yet := before_in_force(since, determined, NEW_YORK):
        return not_applicable(_("determined material before Item 1.05 applied to the registrant: it is {not_yet}")
                              .format(not_yet=not_yet), ("determined_at",))
    due = sec_business_days_after(determined, BUSINESS_DAYS)
    why = _("4 SEC business days after the materiality determination ({moment} in New York), at 17:30 New York time "
            "(Regulation S-T Rule 13(a)(2)); Saturdays, Sundays, federal holidays and executive-order closures are "
            "not counted, and a determination on a closed day counts from the next business day").format(
        moment=stated_moment(determined, NEW_YORK))
    if section.material is None:
        why += _("; determined_at is read as the materiality determination (sec.material not recorded)")
    delay = section.ag_delay_until
    if delay is not None and delay > due:
        due = delay
        why += _("; the Attorney General's delay (Item 1.05(c)) runs until {moment} New York time: due then").format(
            moment=stated_moment(delay, NEW_YORK))
    elif delay is not None:
        why += _("; the Attorney General's delay recorded (sec.ag_delay_until) ends before the four business days "
                 "do: it moves nothing")
    return [Assessment(FORM_8K, title, basis, "law", "applies", why, due=due, done_at=section.filed_at,
                       about=("sec", "filed_at"), start=determined)]
