"""The rule engine's rules: one module per obligation, its docstring the legal citation.

Each module exposes ``assess(incident, config)``, which says whether the obligation applies,
its legal basis, its due time and when it was done. Rules see the incident as it stood at the
report's as-of time (later facts already removed), and never judge lateness themselves: the
engine turns due and done times into statuses the same way for every rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from breachtrack.i18n import N_, _, language, long_day
from breachtrack.model import Config, Duration, Incident, Location

Applicability = Literal["applies", "not_applicable", "exempt"]


@dataclass(frozen=True)
class Assessment:
    """What a rule finds for one incident, before the engine gives it a status.

    ``due`` and ``done_at`` are UTC datetimes, or calendar days for a remediation measure.
    ``about`` is the field whose fact the obligation awaits (``("authority_notice",
    "submitted_at")``): reports point at its line, or at the nearest enclosing key written.
    """

    id: str
    title: str
    basis: str
    target: Literal["law", "policy"]
    applicability: Applicability
    reason: str
    due: datetime | date | None = None
    done_at: datetime | date | None = None
    about: Location = ()
    start: datetime | date | None = None
    """When the clock started (awareness, detection, the decision's notification)."""


@dataclass(frozen=True)
class DataProtectionLaw:
    """The GDPR or the UK GDPR: the same Art. 33 and 34 under two regimes, each with its own
    authority and its own ePrivacy rules (Art. 95)."""

    regime: str
    """The regime that brings it in, and the prefix of its obligation ids."""
    name: str
    """As a legal basis cites it, in English (a message of the catalogue: « RGPD »)."""
    authority: str
    """The supervisory authority named when ``authority_notice.authority`` is not written."""
    telecom: str
    """The regime, and the section, of the ePrivacy rules that displace its Art. 33 and 34."""
    displaced: str
    """Why Art. 33 and 34 add nothing when those rules govern the breach (a message)."""

    def article(self, number: str) -> str:
        """'GDPR Art. 33(1)', « RGPD art. 33(1) »."""
        return _("{law} Art. {number}").format(law=_(self.name), number=number)


GDPR = DataProtectionLaw(
    "gdpr", N_("GDPR"), "CNIL", "eprivacy",
    N_("{basis}: the breach occurred in connection with the provision of a publicly available electronic "
       "communications service, which Regulation (EU) 611/2013 (eprivacy.*) govern, so Art. 33 and 34 impose no "
       "additional obligation"))
UK_GDPR = DataProtectionLaw(
    "uk", N_("UK GDPR"), "ICO", "pecr",
    N_("{basis}: the breach occurred in connection with the provision of a publicly available electronic "
       "communications service, which PECR reg. 5A (pecr.*) govern, so Art. 33 and 34 impose no additional "
       "obligation"))


def data_protection_laws(incident: Incident) -> list[DataProtectionLaw]:
    """The GDPR, the UK GDPR, or both, as the incident's regimes say."""
    return [law for law in (GDPR, UK_GDPR) if law.regime in incident.regimes]


def authority_of(incident: Incident, law: DataProtectionLaw, config: Config | None = None) -> str:
    """The authority the notice names; else, under the GDPR, the entity's lead authority
    (``authority`` in its breachtrack.toml: a German subsidiary's BfDI or Land authority); else
    the law's own (the CNIL; the ICO, the one authority under the UK GDPR)."""
    notice = incident.authority_notice
    if notice and notice.authority:
        return notice.authority
    if config is not None and config.authority and law.regime == "gdpr":
        return config.authority
    return law.authority


def displaced_by_telecom_rules(incident: Incident, law: DataProtectionLaw) -> str | None:
    """Why Art. 33 and 34 of ``law`` add nothing for this breach (Art. 95), or None.

    A provider of a publicly available electronic communications service notifies a breach that
    occurred in connection with providing it under the ePrivacy rules (GDPR Art. 95: "shall not
    impose additional obligations [...] in relation to matters for which they are subject to
    specific obligations with the same objective"). UK GDPR Art. 95 keeps the rule with PECR in
    place of the Directive, and the ICO's guide to PECR says the PECR notice "takes the place of UK
    GDPR breach reporting obligations". Only an explicit ``in_connection_with_service: true`` says
    so: without it, both run, and the earlier deadlines stand."""
    section = getattr(incident, law.telecom)
    if law.telecom not in incident.regimes or section is None or not section.in_connection_with_service:
        return None
    return _(law.displaced).format(basis=law.article("95"))


class Rule(Protocol):
    def assess(self, incident: Incident, config: Config) -> Iterable[Assessment]: ...


def elapsed(start: datetime, delay: timedelta) -> datetime:
    """``delay`` of real time after ``start``: daylight saving never stretches a deadline."""
    return start.astimezone(UTC) + delay


def before_in_force(since: date, moment: datetime, zone: ZoneInfo) -> str | None:
    """Why a rule does not apply when ``moment`` (the fact that starts its clock) came before
    the day its text applied from, in words; None when the text was in force by then.

    Each rule that has such a date holds it as ``IN_FORCE`` and says which fact counts."""
    day = moment.astimezone(zone).date()
    if day >= since:
        return None
    return _("in force from {since}, after this incident ({day})").format(since=long_day(since), day=long_day(day))


def stated_day(day: date) -> str:
    """A day as a reason states it: '2025-11-03' in English, « 3 novembre 2025 » in French."""
    return day.isoformat() if language() == "en" else long_day(day)


def stated_moment(moment: datetime, zone: ZoneInfo) -> str:
    """A local time as a reason states it: '2025-11-01 01:00' in English, « 1er novembre 2025
    à 01 h 00 » in French."""
    local = moment.astimezone(zone)
    if language() == "en":
        return f"{local:%Y-%m-%d %H:%M}"
    return _("{day} at {hour:02d}:{minute:02d}").format(day=long_day(local.date()), hour=local.hour,
                                                         minute=local.minute)


def days_after(start: datetime, days: int, zone: ZoneInfo, country: str) -> datetime:
    """The end of a period of ``days`` days from the event at ``start``, as Regulation (EEC,
    Euratom) No 1182/71 counts periods of Union acts: the day of the event is not counted (Art.
    3(1)); the period ends with the last hour of its last day (Art. 3(2)(b)), at midnight in
    ``zone``; a last day that is a Saturday, a Sunday or a public holiday gives way to the next
    working day (Art. 3(4)); and a period of two days or more holds at least two working days
    (Art. 3(5)). Public holidays are the national ones of ``country`` (Art. 2(1): those of the
    Member State where the action is to be taken), without regional ones: fewer holidays, never
    a later end."""

    def working(day: date) -> bool:
        return working_day(day, country)

    first = start.astimezone(zone).date() + timedelta(days=1)
    last = first + timedelta(days=days - 1)
    while not working(last):
        last += timedelta(days=1)
    if days >= 2:
        while sum(working(first + timedelta(days=n)) for n in range((last - first).days + 1)) < 2:
            last += timedelta(days=1)
            while not working(last):
                last += timedelta(days=1)
    return datetime.combine(last + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)


@lru_cache(maxsize=128)
def public_holidays(country: str, year: int, subdivision: str | None = None) -> frozenset[date]:
    """The public holidays of ``country`` in ``year``, from the holidays package: the national
    ones, with those of ``subdivision`` (a state, a province) when given."""
    import holidays  # here: the package takes longer to import than the rest of a small check

    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year))


def next_open_day(day: date, closed: Callable[[date], bool]) -> date:
    """``day``, or the first day after it that is not ``closed``: where an interpretation act
    moves a last day off a weekend or a holiday (the rules name that later day, never take it)."""
    while closed(day):
        day += timedelta(days=1)
    return day


def working_day(day: date, country: str) -> bool:
    """Neither a Saturday, a Sunday nor a national public holiday of ``country``: the working
    days of Regulation 1182/71 and of DORA's RTS 2025/301 Art. 5(4) alike."""
    return day.weekday() < 5 and day not in public_holidays(country, day.year)


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """Midnight at the end of ``day`` in ``zone``: the last instant a period ending that day allows."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)


def calendar_days_after(start: datetime, days: int, zone: ZoneInfo) -> datetime:
    """The end of the ``days``-th calendar day after the day of ``start`` in ``zone``: the day of
    the event is not counted, weekends and holidays are, and a last day on a closed day does not
    move (the conservative reading of "within 30 days" in the US states, HIPAA, Singapore and
    Australia, whose interpretation acts might allow a later day: each rule names it)."""
    return end_of_day(start.astimezone(zone).date() + timedelta(days=days), zone)


def days_counting_first(start: datetime, days: int, zone: ZoneInfo) -> datetime:
    """The end of day ``days`` when the day of the event is day 1 (Japan's PPC counts "within 30
    days of the day it knew" so)."""
    return end_of_day(start.astimezone(zone).date() + timedelta(days=days - 1), zone)


def open_days_after(start: datetime, days: int, zone: ZoneInfo, is_open: Callable[[date], bool]) -> date:
    """The ``days``-th open day after the day of ``start`` in ``zone``. When the event falls on a
    closed day, the first open day after it is day 1 all the same: a period "begins to run on, and
    includes, the first business day thereafter" (Form 8-K General Instruction B.1)."""
    day, counted = start.astimezone(zone).date(), 0
    while counted < days:
        day += timedelta(days=1)
        counted += is_open(day)
    return day


def working_days_after(start: datetime, days: int, zone: ZoneInfo, country: str) -> datetime:
    """The end of the ``days``-th working day after the day of ``start``: neither a Saturday, a
    Sunday nor a national public holiday of ``country`` (the holidays package's calendar)."""
    return end_of_day(open_days_after(start, days, zone, lambda day: working_day(day, country)), zone)


NEW_YORK = ZoneInfo("America/New_York")
SEC_FILING_CUTOFF = time(17, 30)
"""Regulation S-T Rule 13(a)(2): a filing submitted by 5:30 p.m. Eastern time is filed that day."""


CONFIRMED_SEC_CLOSURES = frozenset({date(2018, 12, 5), date(2020, 12, 24), date(2025, 1, 9)})
"""Executive-order closures the SEC was found to treat "as a federal holiday for filing purposes"
(docs/legal/beyond-europe.md §3.2). Another closure the holidays package lists (24 December
2018, 2019 and 2024; 24 and 26 December 2025) counts as a business day until confirmed: the
earlier due time."""


@lru_cache(maxsize=64)
def federal_closures(year: int) -> frozenset[date]:
    """The days in ``year`` the SEC is closed besides weekends: federal legal holidays (5 U.S.C.
    6103) with their observed days, from the holidays package, and the executive-order closures
    confirmed for the SEC (``CONFIRMED_SEC_CLOSURES``; the package's ``government`` category
    lists them). A half-day closing leaves the Commission open: a business day. Not the NYSE's
    calendar, which opens on Columbus Day and Veterans Day and closes on Good Friday."""
    import holidays

    legal = holidays.US(years=year)
    closures = holidays.US(years=year, categories=("government",))
    return frozenset(day for day, name in closures.items()
                     if "half-day" not in name.lower() and (day in legal or day in CONFIRMED_SEC_CLOSURES))


def sec_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in federal_closures(day.year)


def sec_business_days_after(start: datetime, days: int) -> datetime:
    """5:30 p.m. New York time on the ``days``-th SEC business day after ``start``."""
    last = open_days_after(start, days, NEW_YORK, sec_business_day)
    return datetime.combine(last, SEC_FILING_CUTOFF, tzinfo=NEW_YORK).astimezone(UTC)


def unplaced(incident: Incident, country: str | None = None) -> int | None:
    """The people concerned whose residence is not recorded: all of them when ``residents`` is
    not, those ``subjects`` counts beyond the sum of ``residents`` when it is; with ``country``
    (US), also those recorded in that country without a subdivision (``US: 60000`` places
    nobody in a State). None when the total is not known either."""
    total = people_concerned(incident)
    if total is None or incident.residents is None:
        return total
    in_country = incident.residents.get(country, 0) if country else 0
    return total - sum(incident.residents.values()) + in_country


def residents_of(incident: Incident, code: str) -> int | None:
    """The people concerned who live in ``code`` (US-CA, BR): the number ``residents`` records
    for it; 0 when it does not list it and places everyone elsewhere; None (not known) when some
    people's residence is not recorded, for they may live there."""
    if incident.residents is not None and code in incident.residents:
        return incident.residents[code]
    return 0 if unplaced(incident, _country_of(code)) == 0 else None


def residents_at_most(incident: Incident, code: str) -> int | None:
    """The most people concerned who may live in ``code``: its count when known, else those whose
    residence is not recorded (100 people in all cannot be 501 Californians); None: no bound."""
    count = residents_of(incident, code)
    return count if count is not None else unplaced(incident, _country_of(code))


def _country_of(code: str) -> str | None:
    """US for US-CA: the people recorded in the country alone may live in the subdivision."""
    country, dash, _subdivision = code.partition("-")
    return country if dash else None


def people_concerned(incident: Incident) -> int | None:
    """All the people concerned: the larger of ``subjects`` and the sum of ``residents``, None
    when neither is recorded."""
    known = [count for count in (incident.subjects,
                                 sum(incident.residents.values()) if incident.residents is not None else None)
             if count is not None]
    return max(known) if known else None


def reaches(count: int | None, threshold: int, *, strictly: bool = False) -> bool:
    """Whether ``count`` reaches ``threshold`` (``strictly``: exceeds it). A count not known
    reaches every threshold: a duty is never dropped for want of a number."""
    if count is None:
        return True
    return count > threshold if strictly else count >= threshold


def policy_delay(config: Config, obligation: str, default: Duration) -> Duration:
    """A policy target's delay: ``[policy]`` in breachtrack.toml by obligation id, else ``default``."""
    return config.policy.get(obligation, default)


def months_after(start: datetime, months: int, zone: ZoneInfo) -> datetime:
    """The same time of day ``months`` calendar months later, in ``zone`` (python-dateutil: one
    month after 31 January is the last day of February). A wall-clock time that daylight saving
    skips that day is read with the offset before the change, i.e. an hour later."""
    local = start.astimezone(zone).replace(tzinfo=None) + relativedelta(months=months)
    return local.replace(tzinfo=zone).astimezone(UTC)


from breachtrack.rules import (  # noqa: E402  (the rules use the helpers above)
    appi,
    cert_in,
    complaint,
    complement,
    cra,
    delay_reasons,
    document,
    dora,
    dpdp_in,
    eprivacy,
    hipaa,
    inform_subjects,
    inform_subscribers,
    lgpd,
    ndb_au,
    nfadp,
    nis2,
    notify_authority,
    notify_controller,
    nydfs,
    pdpa_sg,
    pipa_kr,
    pipeda,
    pipl_cn,
    remediation,
    sec,
    us_states,
)

ALL_RULES: tuple[Rule, ...] = (
    notify_authority,
    delay_reasons,
    document,
    complement,
    notify_controller,
    inform_subjects,
    complaint,
    nis2,
    dora,
    eprivacy,
    cra,
    inform_subscribers,
    hipaa,
    sec,
    nydfs,
    us_states,
    lgpd,
    pdpa_sg,
    ndb_au,
    pipeda,
    nfadp,
    appi,
    pipa_kr,
    dpdp_in,
    cert_in,
    pipl_cn,
    remediation,
)
POLICY_TARGETS = frozenset(target for rule in ALL_RULES for target in getattr(rule, "POLICY_TARGETS", ()))
"""The obligation ids ``[policy]`` in breachtrack.toml may give a delay (a rule module lists its own)."""
