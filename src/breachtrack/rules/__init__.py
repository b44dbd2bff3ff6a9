"""The rule engine's rules: one module per obligation, its docstring the legal citation.

Each module exposes ``assess(incident, config)``, which says whether the obligation applies,
its legal basis, its due time and when it was done. Rules see the incident as it stood at the
report's as-of time (later facts already removed), and never judge lateness themselves: the
engine turns due and done times into statuses the same way for every rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

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
    return f"in force from {since.day} {since:%B %Y}, after this incident ({day.day} {day:%B %Y})"


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
    dora,
    eprivacy,
    inform_subjects,
    nis2,
    notify_authority,
    notify_controller,
    remediation,
)

ALL_RULES: tuple[Rule, ...] = (
    notify_authority,
    delay_reasons,
    complement,
    notify_controller,
    inform_subjects,
    complaint,
    nis2,
    dora,
    eprivacy,
    cra,
    remediation,
)
