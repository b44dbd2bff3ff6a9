"""us-ca.residents, us-ca.attorney_general, us-ny.residents, us-ny.regulators, us-ny.dfs,
us-tx.residents, us-tx.attorney_general, us-fl.residents, us-fl.attorney_general,
us-co.residents, us-co.attorney_general, us-wa.residents, us-wa.attorney_general: the breach
notices of six US states (regime ``us-states``), to their residents and, above each state's
threshold, to its attorney general (New York: its regulators).

Legal basis (docs/legal/beyond-europe.md §5; the conservative reading where a text leaves room):

- California, Civ. Code 1798.82 as amended by SB 446 (Stats. 2025, ch. 319), in force 1 January
  2026: (a)(2)(A) "The disclosure required by this subdivision shall be made within 30 calendar
  days of discovery or notification of the data breach"; (f) a business "required to issue a
  security breach notification to more than 500 California residents as a result of a single
  breach [...] shall electronically submit a single sample copy [...] to the Attorney General"
  "within 15 calendar days of notifying affected consumers". Before 2026: "in the most expedient
  time possible and without unreasonable delay", and the sample copy had no period. Confidence H.
- New York, GBL 899-aa as amended by S2659B (ch. 647 of 2024) and S804 (2025), in force 21
  December 2024 (some sources: 24 December; the earlier is used): (2) "in the most expedient time
  possible and without unreasonable delay, provided that such notification shall be made within
  thirty days after the breach has been discovered"; (8)(a) when New York residents are to be
  notified, the Attorney General, the Department of State and the Division of State Police, and
  (S804) the Department of Financial Services for a DFS covered entity, are notified "as to the
  timing, content and distribution of the notices and approximate number of affected persons".
  No period of their own. Confidence M.
- Texas, Bus. & Com. Code 521.053 (SB 768, 2023): (b) "not later than the 60th day after the
  date on which the person determines that the breach occurred"; (i) the attorney general "not
  later than the 30th day after the date on which the person determines that the breach
  occurred if the breach involves at least 250 residents of this state": 30 days from 1
  September 2023, 60 days before, from 1 January 2020 (HB 4390, whose enrolled text, read on
  legiscan.com, added both the residents' 60-day cap, replacing "as quickly as possible", and the
  attorney general's notice; its date from a secondary source: confidence M). Confidence H for
  the text.
- Florida, Fla. Stat. 501.171 (FIPA 2014, in force 1 July 2014): (3)(a) the Department of Legal
  Affairs, for a breach "affecting 500 or more individuals in this state", "no later than 30
  days after the determination of the breach or reason to believe a breach occurred"; (4)(a)
  each individual in Florida no later than 30 days after that determination, 15 more days
  "if good cause for delay is provided in writing to the department within 30 days". Confidence M.
- Colorado, C.R.S. 6-1-716 (HB18-1128, in force 1 September 2018): (2)(a) "not later than thirty
  days after the date of determination that a security breach occurred"; (2)(f) the attorney
  general, when "reasonably believed to have affected five hundred Colorado residents or more",
  within the same 30 days. Confidence M/H.
- Washington, RCW 19.255.010 (HB 1071, in force 1 March 2020): residents "in the most expedient
  time possible" and no more than 30 calendar days after the breach was discovered; "If a data
  breach affects more than 500 Washington residents", the Attorney General within the same 30
  days. Before 1 March 2020, 45 days for both (HB 1078, 2015). Confidence H.

In plain words: with regime ``us-states``, each state whose residents the breach concerns (its
code in ``residents``, or ``residents`` not recorded: then every state shows, its reason saying
the number is not recorded; or its section, ``us_ca`` ..., written) gets its notice to residents,
due at the end of the 30th calendar day (Texas 60) after the breach was discovered (``aware_at``:
California, New York, Washington) or determined (``determined_at``, else ``aware_at``: Texas,
Florida, Colorado), counted in the state's own time: California and Washington
America/Los_Angeles, New York and Florida America/New_York, Texas America/Chicago, Colorado
America/Denver. The attorney general's notice is due at the same end (Texas: 30 days),
above each state's threshold: California more than 500 residents, Texas 250 or more,
Florida 500 or more, Colorado 500 or more, Washington more than 500. California's sample copy
is due 15 days after the residents' notice (``us_ca.residents_notified_at``), counted from the
residents' due while it is not sent. New York's regulators (and DFS, for a DFS covered entity:
regime ``nydfs``) are due with the residents' notice, no later than its due. A last day on a
weekend or a holiday is not moved: the reason names the later day an interpretation statute
might allow. Encrypted data with a safe key (``encrypted: true``) exempt every notice; a
documented ``no_harm`` determination exempts the residents' notice in Colorado, Florida,
Washington and New York (and the notices that follow it), not in California or Texas. Not
covered: the law-enforcement delay, the notices to consumer reporting agencies, New York's
written no-harm determination to the Attorney General, the content of the notices.

Applies (California, aware 10 February 2026, 501 residents notified 5 March: residents due by
the end of 12 March, Pacific time; the sample copy by the end of 20 March)::

    regimes: [us-states]
    timezone: America/Los_Angeles
    aware_at: 2026-02-10T09:00
    residents: {US-CA: 501}
    us_ca: {residents_notified_at: 2026-03-05T10:00}

Does not apply (no resident of these states: no obligation shows; 500 Californians: no sample
copy)::

    regimes: [us-states]
    aware_at: 2026-02-10T09:00
    residents: {BR: 5000}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from breachtrack.i18n import N_, _, number
from breachtrack.model import Config, Incident, UsState
from breachtrack.rules import (
    NEW_YORK,
    Assessment,
    before_in_force,
    calendar_days_after,
    next_open_day,
    public_holidays,
    residents_at_most,
    residents_of,
    stated_day,
)

REGIME = "us-states"


@dataclass(frozen=True)
class State:
    code: str
    """ISO 3166-2, the key of ``residents``."""
    zone: ZoneInfo
    residents: str
    """'California residents', as a count names them (a message)."""
    lenient: str | None
    """The interpretation statute that would move a last day off a weekend or holiday (a message)."""
    harm_gate: bool
    """Whether a documented no-harm determination exempts the residents' notice."""

    @property
    def section(self) -> str:
        return self.code.lower().replace("-", "_")

    @property
    def prefix(self) -> str:
        return self.code.lower()


LOS_ANGELES = ZoneInfo("America/Los_Angeles")
CA = State("US-CA", LOS_ANGELES, N_("California residents"), N_("Code Civ. Proc. §12a"), False)
NY = State("US-NY", NEW_YORK, N_("New York residents"), N_("Gen. Constr. Law §25-a (not verified)"), True)
TX = State("US-TX", ZoneInfo("America/Chicago"), N_("Texas residents"), N_("Gov't Code §311.014(b)"), False)
FL = State("US-FL", NEW_YORK, N_("Florida residents"), None, True)
CO = State("US-CO", ZoneInfo("America/Denver"), N_("Colorado residents"), N_("C.R.S. 2-4-108 (not verified)"), True)
WA = State("US-WA", LOS_ANGELES, N_("Washington residents"), N_("RCW 1.12.040 (not verified)"), True)

CA_SB446 = date(2026, 1, 1)
NY_2024 = date(2024, 12, 21)
TX_HB4390 = date(2020, 1, 1)
TX_SB768 = date(2023, 9, 1)
FL_FIPA = date(2014, 7, 1)
CO_HB18_1128 = date(2018, 9, 1)
WA_HB1071 = date(2020, 3, 1)
NO_FACTS = UsState()
"""A state's section not written: nothing recorded yet."""


def _closed(day: date, state: State) -> bool:
    return day.weekday() >= 5 or day in public_holidays("US", day.year, state.code.removeprefix("US-"))


def _last_day_note(due: datetime, state: State) -> str:
    """When the last day is a Saturday, a Sunday or a state holiday: the later day the state's
    interpretation statute might allow, not applied (the conservative reading, §0.2)."""
    last = due.astimezone(state.zone).date() - timedelta(days=1)
    if not _closed(last, state) or state.lenient is None:
        return ""
    day = next_open_day(last, lambda day: _closed(day, state))
    return _("; the last day, {last}, is a weekend day or a holiday: {statute} might allow until the end of {day}, "
             "not applied here").format(last=stated_day(last), statute=_(state.lenient), day=stated_day(day))


def _counted(days: int, event: str, start: datetime, state: State) -> str:
    """'30 calendar days after the discovery of the breach on 2026-02-10 (aware_at), counted in
    America/Los_Angeles'; ``event`` holds a {day} to fill."""
    return _("{days} calendar days after {event}, counted in {zone}").format(
        days=days, event=event.format(day=stated_day(start.astimezone(state.zone).date())), zone=state.zone.key)


def _joined(first: str, then: str) -> str:
    """Two parts of a reason: 'x; y', « x ; y »."""
    return _("{said}; {added}").format(said=first, added=then)


def _discovery(incident: Incident) -> tuple[datetime, str]:
    return incident.aware_at, _("the discovery of the breach on {day} (aware_at)")


def _determination(incident: Incident) -> tuple[datetime, str]:
    if incident.determined_at is not None:
        return incident.determined_at, _("the determination that the breach occurred on {day} (determined_at)")
    return incident.aware_at, _("awareness of the breach on {day} (aware_at), no determination being recorded "
                                "(determined_at)")


def _count(count: int | None, state: State) -> str:
    if count is None:
        return _("the number of {residents} is not recorded (residents): shown in case").format(
            residents=_(state.residents))
    return _("{count} {residents}").format(count=number(count), residents=_(state.residents))


def _threshold(count: int | None, bound: int | None, state: State, threshold: int,
               strictly: bool) -> tuple[bool, str]:
    """Whether ``count`` reaches the threshold, and the reason's words for it; a count not known
    reaches it unless its ``bound`` (the people whose residence is not recorded) cannot."""
    values = {"count": number(count or 0), "residents": _(state.residents), "threshold": number(threshold),
              "bound": number(bound or 0)}
    if count is None and bound is not None and not (bound > threshold if strictly else bound >= threshold):
        return False, _("the number of {residents} is not recorded (residents), but at most {bound} people concerned "
                        "could be: below the threshold ({threshold})").format(**values)
    if count is None:
        return True, _("the number of {residents} is not recorded (residents): the threshold ({threshold}) counts "
                       "as reached").format(**values)
    if strictly:
        if count > threshold:
            return True, _("{count} {residents}, more than {threshold}").format(**values)
        return False, _("{count} {residents}, not more than {threshold}").format(**values)
    if count >= threshold:
        return True, _("{count} {residents}, {threshold} or more").format(**values)
    return False, _("{count} {residents}, fewer than {threshold}").format(**values)


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if REGIME not in incident.regimes:
        return []
    found: list[Assessment] = []
    for state, obligations in ((CA, _california), (NY, _new_york), (TX, _texas), (FL, _florida),
                               (CO, _colorado), (WA, _washington)):
        count = residents_of(incident, state.code)
        section = getattr(incident, state.section)
        if count == 0 and section is None:
            continue  # residents recorded, none of this state's
        found += obligations(incident, section or NO_FACTS, count, residents_at_most(incident, state.code))
    return found


def _exempt(state: State, ids: list[tuple[str, str, str]], why: str) -> list[Assessment]:
    return [Assessment(f"{state.prefix}.{suffix}", title, basis, "law", "exempt", why,
                       about=(state.section, "encrypted")) for suffix, title, basis in ids]


def _encrypted(state: State, section: UsState, ids: list[tuple[str, str, str]]) -> list[Assessment] | None:
    if not section.encrypted:
        return None
    return _exempt(state, ids, _("the data were encrypted and the key was not compromised (encrypted): the state's "
                                 "law requires no notice"))


def _residents(state: State, section: UsState, title: str, basis: str, days: int, start: tuple[datetime, str],
               count: int | None, since: date | None, before: str, extra: str = "") -> Assessment:
    """The notice to the residents: ``days`` calendar days after ``start``; before ``since``
    (when given), a policy target at the same instant, ``before`` saying why."""
    moment, event = start
    due = calendar_days_after(moment, days, state.zone)
    ident = f"{state.prefix}.residents"
    if state.harm_gate and section.no_harm:
        return Assessment(ident, title, basis, "law", "exempt",
                          _("{count}; a documented determination that the breach is not likely to cause harm "
                            "exempts the notice (no_harm): {why}").format(
                              count=_count(count, state), why=" ".join(section.no_harm.split())),
                          about=(state.section, "no_harm"), start=moment)
    target, why = "law", _joined(_count(count, state), _counted(days, event, moment, state)) + extra
    not_yet = before_in_force(since, moment, state.zone) if since else None
    if not_yet:
        target, why = "policy", _joined(why, _(before).format(not_yet=not_yet))
    if section.no_harm and not state.harm_gate:
        why += _("; this state's law has no exemption for a breach unlikely to cause harm: no_harm changes nothing")
    return Assessment(ident, title, basis, target, "applies", why + _last_day_note(due, state), due=due,
                      done_at=section.residents_notified_at, about=(state.section, "residents_notified_at"),
                      start=moment)


def _attorney_general(state: State, section: UsState, title: str, basis: str, days: int,
                      start: tuple[datetime, str], count: int | None, bound: int | None, threshold: int, strictly: bool,
                      extra: str = "", target: str = "law") -> Assessment:
    """The notice to the attorney general above the state's threshold, ``days`` after ``start``."""
    ident = f"{state.prefix}.attorney_general"
    reached, words = _threshold(count, bound, state, threshold, strictly)
    if not reached:
        return Assessment(ident, title, basis, "law", "not_applicable", words,
                          about=(state.section, "attorney_general_notified_at"))
    if state.harm_gate and section.no_harm and state is not FL:
        return Assessment(ident, title, basis, "law", "exempt",
                          _("{count}; no residents' notice is required (no_harm), and the attorney general's "
                            "notice depends on it").format(count=words), about=(state.section, "no_harm"))
    moment, event = start
    due = calendar_days_after(moment, days, state.zone)
    why = _joined(words, _counted(days, event, moment, state)) + extra
    return Assessment(ident, title, basis, target, "applies", why + _last_day_note(due, state), due=due,
                      done_at=section.attorney_general_notified_at,
                      about=(state.section, "attorney_general_notified_at"), start=moment)


# --- California ---------------------------------------------------------------------------------

def _california(incident: Incident, section: UsState, count: int | None,
        bound: int | None) -> list[Assessment]:
    residents_title = _("Notify the California residents concerned")
    ag_title = _("Send a sample copy of the notice to the California Attorney General")
    residents_basis, ag_basis = _("Cal. Civ. Code 1798.82(a)(2)(A)"), _("Cal. Civ. Code 1798.82(f)")
    exempt = _encrypted(CA, section, [("residents", residents_title, residents_basis),
                                      ("attorney_general", ag_title, ag_basis)])
    if exempt:
        return exempt
    residents = _residents(CA, section, residents_title, residents_basis, 30, _discovery(incident), count, CA_SB446,
                           N_("SB 446, which set the 30 days, is {not_yet}: before it the text asked for notice in the "
                              "most expedient time possible and without unreasonable delay, so the 30 days stand as a "
                              "policy target (a court might apply them to a notice still owed on 1 January 2026)"))
    notified = section.residents_notified_at
    if notified is not None:
        start = (notified, _("the residents' notice on {day} (us_ca.residents_notified_at)"))
        extra = ""
    else:  # the latest notice the law allows: the last instant of the residents' last day
        start = (residents.due - timedelta(microseconds=1),
                 _("the residents' last day, {day}, their notice not being recorded"))
        extra = _("; once the residents' notice is recorded, 15 days after it")
    target = "law"
    if before_in_force(CA_SB446, notified or incident.aware_at, CA.zone):
        target = "policy"
        extra += _("; before SB 446 (1 January 2026) the sample copy had no period: the 15 days stand as a policy "
                   "target")
    if residents.applicability != "applies":
        return [residents]
    return [residents, _attorney_general(CA, section, ag_title, ag_basis, 15, start, count, bound, 500, True, extra,
                                         target)]


# --- New York -----------------------------------------------------------------------------------

def _new_york(incident: Incident, section: UsState, count: int | None,
        bound: int | None) -> list[Assessment]:
    residents_title = _("Notify the New York residents concerned")
    regulators_title = _("Notify the New York Attorney General, Department of State and State Police")
    dfs_title = _("Notify the New York Department of Financial Services of the residents' notice")
    residents_basis, regulators_basis = _("N.Y. GBL 899-aa(2)"), _("N.Y. GBL 899-aa(8)(a)")
    exempt = _encrypted(NY, section, [("residents", residents_title, residents_basis),
                                      ("regulators", regulators_title, regulators_basis),
                                      ("dfs", dfs_title, regulators_basis)])
    if exempt:
        return exempt
    residents = _residents(NY, section, residents_title, residents_basis, 30, _discovery(incident), count, NY_2024,
                           N_("the 30 days of the 2024 amendment are {not_yet}: before it the text asked for notice in "
                              "the most expedient time possible and without unreasonable delay, so the 30 days stand "
                              "as a policy target"))
    if residents.applicability != "applies":
        return [residents, *(Assessment(f"us-ny.{suffix}", title, regulators_basis, "law", "exempt",
                                        _("no residents' notice is required (no_harm), and this notice goes with it"),
                                        about=("us_ny", "no_harm"))
                             for suffix, title in (("regulators", regulators_title), ("dfs", dfs_title)))]
    notified = section.residents_notified_at
    if notified is not None:
        due, target = notified, "law"
        why = _("with the residents' notice (us_ny.residents_notified_at, {day}): the text sets no period of its own")
        why = why.format(day=stated_day(notified.astimezone(NY.zone).date()))
    else:
        due, target = residents.due, residents.target
        why = _("with the residents' notice, not yet recorded: no later than its due (the text sets no period of its "
                "own)")
    found = [residents, Assessment("us-ny.regulators", regulators_title, regulators_basis, target, "applies",
                                   _joined(_count(count, NY), why), due=due, done_at=section.regulators_notified_at,
                                   about=("us_ny", "regulators_notified_at"), start=notified or incident.aware_at)]
    dfs_basis = _("N.Y. GBL 899-aa(8)(a), as amended by S804 (2025)")
    if "nydfs" not in incident.regimes:
        found.append(Assessment("us-ny.dfs", dfs_title, dfs_basis, "law", "not_applicable",
                                _("not a DFS covered entity (regime nydfs not among the incident's regimes)"),
                                about=("us_ny", "dfs_notified_at")))
    elif incident.nydfs is not None and incident.nydfs.covered_entity is False:
        found.append(Assessment("us-ny.dfs", dfs_title, dfs_basis, "law", "not_applicable",
                                _("not a DFS covered entity (nydfs.covered_entity: false)"),
                                about=("nydfs", "covered_entity")))
    elif before_in_force(NY_2024, notified or incident.aware_at, NY.zone):
        found.append(Assessment("us-ny.dfs", dfs_title, dfs_basis, "law", "not_applicable",
                                _("the notice to DFS was added on 21 December 2024, after this residents' notice or "
                                  "this breach"), about=("us_ny", "dfs_notified_at")))
    else:
        found.append(Assessment("us-ny.dfs", dfs_title, dfs_basis, target, "applies",
                                _joined(_count(count, NY), why) + _("; a DFS covered entity (regime nydfs), which also "
                                                                   "owes its 72-hour notice under 23 NYCRR 500.17"),
                                due=due, done_at=section.dfs_notified_at, about=("us_ny", "dfs_notified_at"),
                                start=notified or incident.aware_at))
    return found


# --- Texas --------------------------------------------------------------------------------------

def _texas(incident: Incident, section: UsState, count: int | None,
        bound: int | None) -> list[Assessment]:
    residents_title = _("Notify the individuals concerned (Texas)")
    ag_title = _("Notify the Texas Attorney General")
    residents_basis, ag_basis = _("Tex. Bus. & Com. Code 521.053(b)"), _("Tex. Bus. & Com. Code 521.053(i)")
    exempt = _encrypted(TX, section, [("residents", residents_title, residents_basis),
                                      ("attorney_general", ag_title, ag_basis)])
    if exempt:
        return exempt
    start = _determination(incident)
    found = [_residents(TX, section, residents_title, residents_basis, 60, start, count, TX_HB4390,
                        N_("the 60-day cap (HB 4390) is {not_yet}: before it the text asked for notice as quickly "
                           "as possible, so the 60 days stand as a policy target"))]
    not_yet = before_in_force(TX_HB4390, start[0], TX.zone)
    if not_yet:
        return [*found, Assessment("us-tx.attorney_general", ag_title, ag_basis, "law", "not_applicable",
                                   _("the notice to the attorney general (HB 4390) is {not_yet}")
                                   .format(not_yet=not_yet), about=("us_tx", "attorney_general_notified_at"))]
    days, extra = 30, ""
    if before_in_force(TX_SB768, start[0], TX.zone):
        days, extra = 60, _("; determined before 1 September 2023, when SB 768 shortened the period from 60 days to 30")
    return [*found, _attorney_general(TX, section, ag_title, ag_basis, days, start, count, bound, 250, False, extra)]


# --- Florida ------------------------------------------------------------------------------------

def _florida(incident: Incident, section: UsState, count: int | None,
        bound: int | None) -> list[Assessment]:
    residents_title = _("Notify the individuals concerned in Florida")
    ag_title = _("Notify the Florida Department of Legal Affairs")
    residents_basis, ag_basis = _("Fla. Stat. 501.171(4)(a)"), _("Fla. Stat. 501.171(3)(a)")
    exempt = _encrypted(FL, section, [("residents", residents_title, residents_basis),
                                      ("attorney_general", ag_title, ag_basis)])
    if exempt:
        return exempt
    start = _determination(incident)
    days, extra = 30, ""
    asked = section.extension_requested_at
    if asked is not None:
        if asked < calendar_days_after(start[0], 30, FL.zone):
            days = 45
            extra = _("; good cause for delay given in writing to the Department on {day}, within the 30 days: 15 "
                      "more days").format(day=stated_day(asked.astimezone(FL.zone).date()))
        else:
            extra = _("; good cause for delay was given on {day}, after the 30 days: no extension").format(
                day=stated_day(asked.astimezone(FL.zone).date()))
    before = N_("FIPA (501.171) is {not_yet}: its 30 days stand as a policy target")
    found = [_residents(FL, section, residents_title, residents_basis, days, start, count, FL_FIPA, before, extra)]
    ag_extra = ""
    if section.no_harm:
        ag_extra = _("; the residents' notice is exempt (no_harm), but the notice to the Department is not, and the "
                     "written determination goes to it within 30 days (501.171(4)(c))")
    target = "policy" if before_in_force(FL_FIPA, start[0], FL.zone) else "law"
    return [*found, _attorney_general(FL, section, ag_title, ag_basis, 30, start, count, bound, 500, False, ag_extra,
                                      target)]


# --- Colorado -----------------------------------------------------------------------------------

def _colorado(incident: Incident, section: UsState, count: int | None,
        bound: int | None) -> list[Assessment]:
    residents_title = _("Notify the Colorado residents concerned")
    ag_title = _("Notify the Colorado Attorney General")
    residents_basis, ag_basis = _("C.R.S. 6-1-716(2)(a)"), _("C.R.S. 6-1-716(2)(f)")
    exempt = _encrypted(CO, section, [("residents", residents_title, residents_basis),
                                      ("attorney_general", ag_title, ag_basis)])
    if exempt:
        return exempt
    start = _determination(incident)
    found = [_residents(CO, section, residents_title, residents_basis, 30, start, count, CO_HB18_1128,
                        N_("the 30 days of HB18-1128 are {not_yet}: they stand as a policy target"))]
    not_yet = before_in_force(CO_HB18_1128, start[0], CO.zone)
    if not_yet:
        return [*found, Assessment("us-co.attorney_general", ag_title, ag_basis, "law", "not_applicable",
                                   _("the notice to the attorney general (HB18-1128) is {not_yet}").format(
                                       not_yet=not_yet), about=("us_co", "attorney_general_notified_at"))]
    return [*found, _attorney_general(CO, section, ag_title, ag_basis, 30, start, count, bound, 500, False)]


# --- Washington ---------------------------------------------------------------------------------

def _washington(incident: Incident, section: UsState, count: int | None,
        bound: int | None) -> list[Assessment]:
    residents_title = _("Notify the Washington residents concerned")
    ag_title = _("Notify the Washington Attorney General")
    residents_basis, ag_basis = _("RCW 19.255.010(8)"), _("RCW 19.255.010(7)")
    exempt = _encrypted(WA, section, [("residents", residents_title, residents_basis),
                                      ("attorney_general", ag_title, ag_basis)])
    if exempt:
        return exempt
    start = _discovery(incident)
    days, extra = 30, ""
    if before_in_force(WA_HB1071, start[0], WA.zone):
        days, extra = 45, _("; discovered before 1 March 2020, when HB 1071 shortened the period from 45 days to 30")
    found = [_residents(WA, section, residents_title, residents_basis, days, start, count, None, "", extra)]
    return [*found, _attorney_general(WA, section, ag_title, ag_basis, days, start, count, bound, 500, True, extra)]
