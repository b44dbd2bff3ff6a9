"""appi.preliminary, appi.final, appi.individuals: Japan's reports of a personal-data breach to
the Personal Information Protection Commission (PPC), and the notice to the individuals.

Legal basis: Act on the Protection of Personal Information (APPI) art. 26, and its Enforcement
Rules (個人情報の保護に関する法律施行規則), in force 1 April 2022 (art. 7(iii) extended to data being
acquired on 1 April 2024). Art. 7 lists the reportable situations: "(i) 要配慮個人情報" (sensitive
personal information), "(ii) 不正に利用されることにより財産的被害が生じるおそれがある個人データの漏えい等"
(financial harm), "(iii) 不正の目的をもって行われたおそれがある [...] 行為による個人データ [...] の漏えい等"
(a wrongful purpose), "(iv) 個人データに係る本人の数が千人を超える漏えい等" (more than 1,000
people), each "or likely". Art. 8(1): "前条各号に定める事態を知った後、速やかに" (promptly after knowing, a
preliminary report); art. 8(2): "当該事態を知った日から三十日以内（当該事態が前条第三号に定めるものである場合
にあっては、六十日以内）" (a final report within 30 days of the day of knowing, 60 for item (iii)).
The PPC's guidelines, 3-5-3-3: "「速やか」の日数の目安については、個別の事案によるものの、[...] 当該事態を知っ
た時点から概ね3～5日以内である"; 3-5-3-4 (read through two repositories citing it, not read
directly): the day of knowing is day 1, and a last day on a Saturday, Sunday, public holiday or 29
December to 3 January moves to the next open day.

Law or policy: the final report's 30 or 60 days are law, counted in calendar days in Tokyo with the
day of knowing as day 1; the last day is not moved (the earlier reading): the reason names the
later day the guidelines allow. "速やかに" (promptly) is a policy target: breachtrack's default is
72 hours, the lower end of the guidelines' "about 3 to 5 days" (the issue said 5 days, the upper
end: the conservative end is kept; ``[policy] "appi.preliminary" = "5 days"`` restores it). The
notice to the individuals ("状況に応じて速やかに") defaults to the same 72 hours. Confidence: the
texts high; the counting from the guidelines medium.

In plain words: with regime ``appi``, a breach of sensitive data, of data whose misuse may cause
financial harm, a possibly malicious breach (``cause: malicious``), or one of more than 1,000
people, goes to the PPC: a preliminary report within about 3 days of ``aware_at``, a final report
by the end of the 30th day counting the day of knowing as the first (60 days when the malicious
purpose is the only reason to report), and a notice to the people. Data under high-level
encryption (``appi.encrypted``) need no report.

Applies (aware Sunday 20 December 2026 14:00 in Tokyo, 2,300 people, an attack: the final report
is due at the end of Monday 18 January 2027, the 30th day; the preliminary report by 23 December
14:00)::

    regimes: [appi]
    timezone: Asia/Tokyo
    aware_at: 2026-12-20T14:00
    cause: malicious
    subjects: 2300

Does not apply (1,000 people exactly, accidental, no sensitive or financial data: not "more than
1,000")::

    regimes: [appi]
    aware_at: 2026-11-30T10:00
    cause: accidental
    subjects: 1000
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from breachtrack.i18n import N_, _, number
from breachtrack.model import Appi, Config, Duration, Incident
from breachtrack.rules import (
    Assessment,
    before_in_force,
    days_counting_first,
    elapsed,
    next_open_day,
    people_concerned,
    policy_delay,
    public_holidays,
    reaches,
    stated_day,
)

PRELIMINARY = "appi.preliminary"
FINAL = "appi.final"
INDIVIDUALS = "appi.individuals"
TOKYO = ZoneInfo("Asia/Tokyo")
IN_FORCE = date(2022, 4, 1)
"""The amended APPI and its Enforcement Rules apply from 1 April 2022; knowing of the breach counts."""
DEFAULTS = {PRELIMINARY: Duration(72, "hours"), INDIVIDUALS: Duration(72, "hours")}
POLICY_TARGETS = tuple(DEFAULTS)
"""The obligations whose delay ``[policy]`` in breachtrack.toml may set."""
ITEMS = {
    "sensitive": N_("(i) sensitive personal information"),
    "financial_harm": N_("(ii) data whose misuse may cause financial harm"),
    "wrongful_purpose": N_("(iii) possibly for a wrongful purpose"),
    "over_1000": N_("(iv) more than 1,000 people"),
}


def _items(incident: Incident, section: Appi) -> tuple[list[str], str]:
    """The art. 7 items the breach falls under, and how they were known."""
    if section.items is not None:
        return [item for item in ITEMS if item in section.items], _("as recorded (appi.items)")
    found = []
    if {"health", "special_category"} & set(incident.data):
        found.append("sensitive")
    if {"financial", "credentials"} & set(incident.data):
        found.append("financial_harm")
    if incident.cause != "accidental":  # (iii) reads "may have been" (おそれ): an unknown cause cannot rule it out
        found.append("wrongful_purpose")
    people = people_concerned(incident)
    if reaches(people, 1000, strictly=True):
        found.append("over_1000")
    if people is None:
        how = _("derived from data, cause and people; the number of people is not recorded, so item (iv) is taken "
                "as met")
    else:
        how = _("derived from data, cause and people ({count})").format(count=number(people))
    if incident.cause == "unknown":
        how += _("; the cause is not known (cause: unknown), so a wrongful purpose cannot be ruled out (item (iii))")
    return found, how


@lru_cache(maxsize=16)
def _closed_days(year: int) -> frozenset[date]:
    year_end = {date(year, 12, day) for day in (29, 30, 31)} | {date(year, 1, day) for day in (1, 2, 3)}
    return public_holidays("JP", year) | year_end


def _lenient(last: date) -> date:
    """The next open day of the administrative organs (行政機関の休日に関する法律 art. 1)."""
    return next_open_day(last, lambda day: day.weekday() >= 5 or day in _closed_days(day.year))


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "appi" not in incident.regimes:
        return []
    section = incident.appi or Appi()
    aware = incident.aware_at
    final_title, final_basis = _("Send the final report to the PPC"), _("APPI art. 26(1); Enforcement Rules art. 8(2)")
    about = ("appi", "final_at")
    not_yet = before_in_force(IN_FORCE, aware, TOKYO)
    if not_yet:
        return [Assessment(FINAL, final_title, final_basis, "law", "not_applicable",
                           _("the duty to report is {not_yet}; before, only an effort to report").format(
                               not_yet=not_yet), about=about)]
    if section.encrypted:
        return [Assessment(FINAL, final_title, final_basis, "law", "not_applicable",
                           _("the data were protected by high-level encryption (appi.encrypted): not a reportable "
                             "situation"), about=("appi", "encrypted"))]
    items, how = _items(incident, section)
    if not items:
        return [Assessment(FINAL, final_title, final_basis, "law", "not_applicable",
                           _("none of the reportable situations of Enforcement Rules art. 7 ({how}): no sensitive "
                             "data, no financial harm, no wrongful purpose, not more than 1,000 people").format(
                               how=how),
                           about=("appi", "items"))]
    listed = "; ".join(_(ITEMS[item]) for item in items)
    why = _("Enforcement Rules art. 7 {items}, {how}").format(items=listed, how=how)
    found = []
    for obligation, title, basis, field, words in (
            (PRELIMINARY, _("Send the preliminary report to the PPC"),
             _("APPI art. 26(1); Enforcement Rules art. 8(1)"),
             "preliminary_at", _("; \"promptly\" (速やかに), about 3 to 5 days in the PPC's guidelines: policy target "
                                 "{delay} after aware_at (default 72 h, the lower end)")),
            (INDIVIDUALS, _("Notify the individuals (APPI)"), _("APPI art. 26(2); Enforcement Rules art. 10"),
             "individuals_notified_at",
             _("; \"promptly, as the situation requires\" (状況に応じて速やかに): policy target {delay} after "
               "aware_at (default 72 h, with the preliminary report)"))):
        delay = policy_delay(config, obligation, DEFAULTS[obligation])
        found.append(Assessment(
            obligation, title, basis, "policy", "applies", why + words.format(delay=str(delay)),
            due=elapsed(aware, delay.elapsed()), done_at=getattr(section, field), about=("appi", field), start=aware))
    days = 60 if items == ["wrongful_purpose"] and incident.cause == "malicious" else 30
    due = days_counting_first(aware, days, TOKYO)
    last = aware.astimezone(TOKYO).date() + timedelta(days=days - 1)
    if days == 60:
        period = _("60 days, the wrongful purpose being the only reason to report, the day of knowing counting as "
                   "day 1")
    elif items == ["wrongful_purpose"]:
        period = _("30 days, the day of knowing counting as day 1: the 60 days of item (iii) hold only for a breach "
                   "known to be an attack (cause: malicious; conservative reading)")
    elif "wrongful_purpose" in items:
        period = _("30 days, the day of knowing counting as day 1: the 60 days of item (iii) do not hold when "
                   "another item also applies (conservative reading)")
    else:
        period = _("30 days, the day of knowing counting as day 1")
    period += _("; calendar days in Tokyo: last day {day}").format(day=stated_day(last))
    lenient = _lenient(last)
    if lenient != last:
        period += _("; the PPC's guidelines let a last day on a weekend, a holiday or 29 December to 3 January move "
                    "to {day}, not taken").format(day=stated_day(lenient))
    found.append(Assessment(FINAL, final_title, final_basis, "law", "applies", why + "; " + period, due=due,
                            done_at=section.final_at, about=about, start=aware))
    return found
