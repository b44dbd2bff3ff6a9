"""The rule engine's rules: one module per obligation, its docstring the legal citation.

Each module exposes ``assess(incident, config)``, which says whether the obligation applies,
its legal basis, its due time and when it was done. Rules see the incident as it stood at the
report's as-of time (later facts already removed), and never judge lateness themselves: the
engine turns due and done times into statuses the same way for every rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from breachtrack.i18n import N_, _, language, long_day
from breachtrack.model import Config, Incident, Location

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


def authority_of(incident: Incident, law: DataProtectionLaw) -> str:
    notice = incident.authority_notice
    return notice.authority if notice and notice.authority else law.authority


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


@lru_cache(maxsize=64)
def public_holidays(country: str, year: int) -> frozenset[date]:
    """The national public holidays of ``country`` in ``year``, from the holidays package."""
    import holidays  # here: the package takes longer to import than the rest of a small check

    return frozenset(holidays.country_holidays(country, years=year))


def working_day(day: date, country: str) -> bool:
    """Neither a Saturday, a Sunday nor a national public holiday of ``country``: the working
    days of Regulation 1182/71 and of DORA's RTS 2025/301 Art. 5(4) alike."""
    return day.weekday() < 5 and day not in public_holidays(country, day.year)


def months_after(start: datetime, months: int, zone: ZoneInfo) -> datetime:
    """The same time of day ``months`` calendar months later, in ``zone`` (python-dateutil: one
    month after 31 January is the last day of February). A wall-clock time that daylight saving
    skips that day is read with the offset before the change, i.e. an hour later."""
    local = start.astimezone(zone).replace(tzinfo=None) + relativedelta(months=months)
    return local.replace(tzinfo=zone).astimezone(UTC)


from breachtrack.rules import (  # noqa: E402  (the rules use the helpers above)
    complaint,
    complement,
    cra,
    delay_reasons,
    document,
    dora,
    eprivacy,
    inform_subjects,
    inform_subscribers,
    nis2,
    notify_authority,
    notify_controller,
    remediation,
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
    remediation,
)
