"""Pydantic models of an incident file, of a register's configuration and of a report.

Instants are stored in UTC: Python compares and subtracts two datetimes that share a
``ZoneInfo`` by their wall clocks, which is wrong across a daylight-saving change, so every
datetime is converted to UTC as it is read and back to the incident's zone only for display.
A naive time in a file is local time in the incident's ``timezone``; the loader passes that
zone in the validation context, since nested notices cannot see the incident's fields.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from breachtrack.i18n import LANGUAGES, N_, _, money, ngettext, number
from breachtrack.safetext import file_name, plain

DEFAULT_TIMEZONE = "Europe/Paris"
DEFAULT_COUNTRY = "FR"


# --- time values -----------------------------------------------------------------------------


NOT_ZONES = frozenset({"localtime", "posixrules", "posix/localtime", "right/localtime"})


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone called ``name``, or a ValueError a DPO can act on. ``localtime`` and
    ``posixrules`` are files of the system's zone folder, not zones: the same register would
    count its days differently on each machine."""
    try:
        if name in NOT_ZONES:
            raise ValueError(name)
        return ZoneInfo(name)
    except Exception:  # ZoneInfo raises several kinds for bad keys (paths, empty, unknown)
        raise ValueError(_("'{name}' is not a known time zone: use an IANA name such as Europe/Paris").format(
            name=name)) from None


def localize(naive: datetime, zone: ZoneInfo) -> datetime:
    """Attach ``zone`` to a wall-clock time, refusing times that daylight saving makes
    nonexistent (spring-forward gap) or ambiguous (autumn fold)."""
    earlier = naive.replace(tzinfo=zone, fold=0)
    later = naive.replace(tzinfo=zone, fold=1)
    if earlier.utcoffset() == later.utcoffset():
        return earlier
    round_trip = earlier.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip == naive:
        raise ValueError(_("{time} happens twice in {zone} (clocks go back that night): add the offset, e.g. "
                           "+02:00 for the first time or +01:00 for the second").format(
            time=f"{naive:%Y-%m-%d %H:%M}", zone=zone.key))
    raise ValueError(_("{time} does not exist in {zone} (clocks go forward that night): write the time with its "
                       "offset").format(time=f"{naive:%Y-%m-%d %H:%M}", zone=zone.key))


def _context_zone(info: ValidationInfo) -> ZoneInfo:
    context = info.context or {}
    return context.get("zone") or ZoneInfo(DEFAULT_TIMEZONE)


def _parse_instant(value: Any, info: ValidationInfo) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            moment = None
        if moment is None and re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
            raise PydanticCustomError("instant", _("'{text}' is not a real date and time"), {"text": text})
        if moment is None or len(text) <= 10:  # a date alone has no time of day
            raise PydanticCustomError(
                "instant",
                _("expected a date and time such as 2025-07-12T10:00 (optionally with an offset such as +02:00), "
                  "got '{text}'"),
                {"text": text},
            )
    else:
        raise PydanticCustomError(
            "instant", _("expected a date and time such as 2025-07-12T10:00"), {}
        )
    try:
        within_register_years(moment)
        if moment.tzinfo is None:
            moment = localize(moment, _context_zone(info))
    except ValueError as error:
        raise PydanticCustomError("instant", str(error), {}) from None
    return moment.astimezone(UTC)


def _parse_day(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    else:
        text = value.strip() if isinstance(value, str) else None
        if not text or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise PydanticCustomError(
                "day", _("expected a calendar date such as 2026-04-29, got '{value}'"), {"value": value}
            )
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise PydanticCustomError("day", _("{text} is not a real calendar date"), {"text": text}) from None
    try:
        return within_register_years(day)
    except ValueError as error:
        raise PydanticCustomError("day", str(error), {}) from None


FIRST_YEAR, LAST_YEAR = 1900, 9000
"""The years a date of the register may fall in. No fact of a breach register is older than
1900; and from a date up to 9000, every deadline computed from it (a month at most for a rule,
MAX_DURATION_YEARS for a duration) and every change of time zone stays far inside the years 1
to 9999 that Python's dates hold. Refusing other years where dates are read keeps all the date
arithmetic after it in range."""

Moment = TypeVar("Moment", date, datetime)


def within_register_years(moment: Moment) -> Moment:
    """``moment`` itself, or a ValueError that names the years allowed."""
    if FIRST_YEAR <= moment.year <= LAST_YEAR:
        return moment
    raise ValueError(_("{day} is outside the years {first} to {last} that a breach register's dates can take: check "
                       "the year").format(day=moment.isoformat()[:10], first=FIRST_YEAR, last=LAST_YEAR))


_CALENDAR_DAY = (  # years 1900 to 9000, month and day: a schema refuses 30 February (29 February always passes)
    r"(?:19\d\d|[2-8]\d{3}|9000)-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2\d))"
)
INSTANT_PATTERN = rf"^{_CALENDAR_DAY}[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:\d{{2}})?$"
DAY_PATTERN = rf"^{_CALENDAR_DAY}$"
RELATIVE_DUE_PATTERN = r"^\s*\d+\s*(d|days?|w|weeks?|months?)\s*$"

Instant = Annotated[
    datetime,
    BeforeValidator(_parse_instant),
    WithJsonSchema({"type": "string", "pattern": INSTANT_PATTERN}),
]
"""A moment in time, stored in UTC; naive input is local time in the incident's zone."""

Day = Annotated[
    date, BeforeValidator(_parse_day), WithJsonSchema({"type": "string", "format": "date", "pattern": DAY_PATTERN})
]
"""A calendar day in the incident's time zone."""

DURATION_PATTERN = re.compile(r"^\s*(\d+)\s*(h|hours?|d|days?|w|weeks?|months?)\s*$", re.IGNORECASE)
"""``72h``, ``36 hours``, ``5d``, ``5 days``, ``2w``, ``3 months``, in any case. No ``m``: minutes
or months?"""


@dataclass(frozen=True)
class Duration:
    """A length of time as written: ``72h``, ``3 days``, ``5d``, ``2w``, ``3 months``."""

    amount: int
    unit: Literal["hours", "days", "weeks", "months"]

    @classmethod
    def parse(cls, text: str, units: tuple[str, ...]) -> Duration:
        match = DURATION_PATTERN.match(text) if isinstance(text, str) else None
        unit = _unit_name(match.group(2)) if match else None
        if unit not in units:
            examples = {"hours": "72h", "days": "3 days, 3d", "weeks": "2 weeks, 2w", "months": "3 months"}
            raise ValueError(_("'{text}' is not a duration: write a number and a unit, such as {examples}").format(
                text=text, examples=", ".join(examples[u] for u in units)))
        digits = match.group(1).lstrip("0") or "0"
        if len(digits) > 7 or int(digits) > LONGEST[unit]:  # the length first: int() refuses 4,300 digits
            raise DurationTooLong(_("a duration of more than {years} years: write at most {most} {unit}").format(
                years=MAX_DURATION_YEARS, most=number(LONGEST[unit]), unit=unit))
        return cls(int(digits), unit)

    def elapsed(self) -> timedelta:
        """Real elapsed time: a day is 24 hours, whatever daylight saving does."""
        assert self.unit != "months", "months have no fixed length"
        return timedelta(**{self.unit: self.amount})

    def after_day(self, start: date) -> date:
        """The calendar day this long after ``start``, months as dateutil counts them."""
        return start + relativedelta(**{self.unit: self.amount})

    def __str__(self) -> str:
        """'72 h', '1 day', '3 days', '2 weeks', '1 month', « 3 jours »: a policy delay or a
        remediation period as people read it, in the language of the run."""
        count = self.amount
        if self.unit == "hours":
            return _("{count} h").format(count=count)
        if self.unit == "days":
            return ngettext("{count} day", "{count} days", count).format(count=count)
        if self.unit == "weeks":
            return ngettext("{count} week", "{count} weeks", count).format(count=count)
        return ngettext("{count} month", "{count} months", count).format(count=count)


MAX_DURATION_YEARS = 100
"""No deadline of a breach register is a century away; a longer one would carry a date beyond
what Python's dates hold (see LAST_YEAR)."""
LONGEST = {"hours": 876_600, "days": 36_525, "weeks": 5_217, "months": 1_200}
"""MAX_DURATION_YEARS in each unit."""


class DurationTooLong(ValueError):
    """A duration beyond MAX_DURATION_YEARS."""


def _unit_name(word: str) -> str:
    word = word.lower()
    return {"h": "hours", "d": "days", "w": "weeks"}[word[0]] if word[0] in "hdw" else "months"


def _parse_due(value: Any) -> date | Duration:
    if isinstance(value, str) and not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        try:
            return Duration.parse(value, ("days", "weeks", "months"))
        except DurationTooLong as error:
            raise PydanticCustomError("due", str(error), {}) from None
        except ValueError:
            raise PydanticCustomError(
                "due",
                _("expected a date such as 2026-07-29, or a time after the sanction's notification such as 30 days, "
                  "6 weeks or 3 months; got '{value}'"),
                {"value": value},
            ) from None
    return _parse_day(value)


DueSpec = Annotated[
    date | Duration,
    BeforeValidator(_parse_due),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date", "pattern": DAY_PATTERN},
                {"type": "string", "pattern": RELATIVE_DUE_PATTERN},
            ]
        }
    ),
]


def _check_zone(name: str) -> str:
    zone_named(name)
    return name


ZoneName = Annotated[str, AfterValidator(_check_zone)]
def in_currency(amount: Decimal, currency: str) -> str:
    """Money as a DPO reads it: '5,000 EUR', '12.50 EUR', '8,700,000 GBP', « 5 000 € »."""
    return money(amount, currency)


def euros(amount: Decimal) -> str:
    return in_currency(amount, "EUR")


Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]+$")]
MAX_EUROS = 10**15
"""A million billion euros, ten times the world's yearly output: no fine, penalty or turnover
comes near, and larger amounts are refused before a report tries to write them."""
Money = Annotated[
    Decimal, Field(ge=0, le=MAX_EUROS), WithJsonSchema({"type": "number", "minimum": 0, "maximum": MAX_EUROS})
]
MAX_COUNT = 10**12
"""A million million people or records: more than any breach has touched."""

# --- the incident file -----------------------------------------------------------------------


class Strict(BaseModel):
    """Unknown keys are errors: a typo must never silently drop a fact."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


DataCategory = Literal[
    "identity",
    "contact",
    "birth_date",
    "national_id",
    "account_id",
    "credentials",
    "financial",
    "health",
    "special_category",
    "location",
    "minors",
    "other",
]


COMPLEMENT_OF_AN_INCOMPLETE_NOTICE = {  # the schema's half of _regime_problems
    "if": {"required": ["complement_at"], "properties": {"complement_at": {"type": "string"}}},
    "then": {"required": ["complete"], "properties": {"complete": {"const": False}}},
}


class AuthorityNotice(Strict):
    """The notification to the supervisory authority (GDPR Art. 33)."""

    model_config = ConfigDict(json_schema_extra=COMPLEMENT_OF_AN_INCOMPLETE_NOTICE)

    authority: str | None = Field(
        None, description="The supervisory authority notified; default the CNIL, the ICO under the UK GDPR.",
        examples=["CNIL"],
    )
    submitted_at: Instant | None = Field(
        None, description="When the notification was submitted.", examples=["2024-03-08T11:00"]
    )
    reference: str | None = Field(
        None, description="The authority's reference for it.", examples=["CNIL-NV-2024-012345"]
    )
    delay_reasons: str | None = Field(
        None,
        description="Why it came after 72 hours (required then by GDPR Art. 33(1)).",
        examples=["The compromise of the backup server was only confirmed by the forensic report on day 4."],
    )
    complete: bool = Field(
        True,
        description="False when the notification was a first, incomplete one (GDPR Art. 33(4)): the CNIL "
        "then expects a complementary notification.",
        examples=[False],
    )
    complement_at: Instant | None = Field(
        None, description="When the complementary notification was submitted.", examples=["2024-03-11T16:00"]
    )


class SubjectNotice(Strict):
    """The communication to the people concerned (GDPR Art. 34)."""

    sent_at: Instant | None = Field(
        None, description="When the people concerned were informed.", examples=["2025-07-18T09:00"]
    )
    channel: str | None = Field(
        None, description="How: email, letter; `public` for a public communication.", examples=["email"]
    )
    exemption: Literal["encrypted", "mitigated", "disproportionate"] | None = Field(
        None,
        description="An Art. 34(3) exemption claimed: (a) encrypted, (b) mitigated, (c) disproportionate.",
        examples=["encrypted"],
    )
    required_by_authority: bool = Field(
        False, description="The authority required the communication (Art. 34(4)).", examples=[True]
    )
    required_due: Instant | None = Field(
        None, description="The deadline the authority set, if any.", examples=["2026-03-01T12:00"]
    )
    exempted_by_authority: Literal["encrypted", "mitigated", "disproportionate"] | None = Field(
        None,
        description="The authority decided that an Art. 34(3) condition is met (Art. 34(4)): (a) encrypted, "
        "(b) mitigated, (c) disproportionate.",
        examples=["encrypted"],
    )
    decision: str | None = Field(
        None, description="The reference of the authority's decision under Art. 34(4).", examples=["CNIL 2026-123"]
    )


class ControllerNotice(Strict):
    """A processor's notice to its controller (GDPR Art. 33(2))."""

    sent_at: Instant | None = Field(
        None, description="When the processor notified its controller.", examples=["2025-10-07T16:00"]
    )
    controller: str | None = Field(None, description="The controller notified.", examples=["Ville de Lyon"])


class Complaint(Strict):
    """The criminal complaint (plainte) that keeps cyber-insurance cover (C. assur. L12-10-1)."""

    filed_at: Instant | None = Field(
        None, description="When the criminal complaint (plainte) was filed.", examples=["2025-07-13T15:00"]
    )
    with_: str | None = Field(
        None, alias="with", description="Where: police, gendarmerie, prosecutor.", examples=["police"]
    )
    reference: str | None = Field(None, description="The complaint's reference.", examples=["PV-2025-001234"])
    waived: str | None = Field(
        None,
        description="A decision not to file, with its reason.",
        examples=["No cyber-insurance and the attacker is unknown: the board decided not to file."],
    )


class Injunction(Strict):
    """A measure the authority ordered, with its penalty for each day of delay."""

    id: Identifier = Field(description="Identifies the injunction within the decision.", examples=["security"])
    title: str | None = Field(
        None, description="What the authority ordered.", examples=["Secure access to the job seekers' files"]
    )
    astreinte_eur_per_day: Money = Field(
        description="Penalty (astreinte) for each day of delay, in euros.", examples=[5000]
    )
    measures: list[Identifier] = Field(
        description="Remediation measures that carry out the injunction.", examples=[["mfa", "logging"]]
    )


class Sanction(Strict):
    """The supervisory authority's decision: fine and injunctions."""

    authority: str = Field("CNIL", description="The authority that decided.", examples=["CNIL"])
    reference: str | None = Field(
        None, description="The decision's reference, e.g. SAN-2026-003.", examples=["SAN-2026-003"]
    )
    decided_on: Day | None = Field(None, description="Date of the decision.", examples=["2026-01-22"])
    notified_on: Day | None = Field(
        None,
        description="Date the decision was notified; relative remediation deadlines count from it.",
        examples=["2026-01-29"],
    )
    fine_eur: Money | None = Field(None, description="The fine, in euros.", examples=[5000000])
    injunctions: list[Injunction] = Field(
        default=[],
        description="What the authority ordered, each under its astreinte.",
        examples=[[{"id": "security", "astreinte_eur_per_day": 5000, "measures": ["mfa"]}]],
    )

    @property
    def known_from(self) -> date | None:
        """The day the organisation knew of the decision, for as-of replays."""
        return self.notified_on or self.decided_on


class RemediationMeasure(Strict):
    """One step of the remediation calendar."""

    id: Identifier = Field(description="Unique within the file.", examples=["mfa"])
    title: str = Field(description="What is to be done.", examples=["Two-factor authentication for advisers"])
    due: DueSpec = Field(
        description="A date, or a time after sanction.notified_on (`30 days`, `6 weeks`, `3 months`).",
        examples=["2026-04-29", "3 months"],
    )
    done_on: Day | None = Field(
        None,
        description="Day it was done; under an injunction, the day completion was justified to the authority.",
        examples=["2026-04-20"],
    )
    evidence: str | None = Field(
        None, description="Where the proof of completion lives.", examples=["Letter to the CNIL of 2026-04-20"]
    )


Regime = Literal[
    "gdpr", "fr", "nis2", "dora", "eprivacy", "uk", "pecr", "cra",
    "hipaa", "sec", "nydfs", "us-states", "lgpd", "pdpa-sg", "ndb-au", "pipeda", "nfadp", "appi", "pipa-kr",
    "dpdp-in", "cert-in", "pipl-cn",
]
DEFAULT_REGIMES: tuple[Regime, ...] = ("gdpr", "fr")


class Nis2(Strict):
    """Reporting a significant incident under NIS2 (Directive (EU) 2022/2555, Art. 23)."""

    authority: str = Field("ANSSI", description="The CSIRT or competent authority notified.", examples=["ANSSI"])
    entity: Literal["essential", "important", "trust_service"] = Field(
        "important", description="The entity's category; a trust service provider notifies within 24 hours an "
        "incident that affects its trust services.",
        examples=["essential"],
    )
    impacts_trust_services: bool | None = Field(
        None, description="For a trust service provider: whether the incident affects the provision of its trust "
        "services (Art. 23(4), second subparagraph: 24 hours instead of 72). Not recorded: 24 hours.",
        examples=[True],
    )
    significant: bool = Field(
        False, description="Whether the incident is significant (Art. 23(3)): only then must it be reported.",
        examples=[True],
    )
    early_warning_at: Instant | None = Field(None, description="When the early warning was sent.",
                                             examples=["2026-03-02T08:00"])
    notification_at: Instant | None = Field(None, description="When the incident notification was sent.",
                                            examples=["2026-03-03T18:00"])
    intermediate_requested_at: Instant | None = Field(
        None, description="When the authority requested an intermediate report.", examples=["2026-03-10T09:00"])
    intermediate_due: Instant | None = Field(
        None, description="The deadline the request set for the intermediate report.", examples=["2026-03-17T18:00"])
    intermediate_at: Instant | None = Field(None, description="When the intermediate report was sent.",
                                            examples=["2026-03-16T12:00"])
    handled_at: Instant | None = Field(None, description="When the incident was handled (closed).",
                                       examples=["2026-03-20T17:00"])
    final_report_at: Instant | None = Field(None, description="When the final report was sent.",
                                            examples=["2026-04-02T10:00"])
    progress_report_at: Instant | None = Field(
        None, description="When the progress report was sent (incident still being handled, Art. 23(4)(e)).",
        examples=["2026-04-03T10:00"])


MEMBER_STATE_ZONES = {
    "AT": "Europe/Vienna", "BE": "Europe/Brussels", "BG": "Europe/Sofia", "CY": "Asia/Nicosia",
    "CZ": "Europe/Prague", "DE": "Europe/Berlin", "DK": "Europe/Copenhagen", "EE": "Europe/Tallinn",
    "ES": "Europe/Madrid", "FI": "Europe/Helsinki", "FR": "Europe/Paris", "GR": "Europe/Athens",
    "HR": "Europe/Zagreb", "HU": "Europe/Budapest", "IE": "Europe/Dublin", "IT": "Europe/Rome",
    "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg", "LV": "Europe/Riga", "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam", "PL": "Europe/Warsaw", "PT": "Europe/Lisbon", "RO": "Europe/Bucharest",
    "SE": "Europe/Stockholm", "SI": "Europe/Ljubljana", "SK": "Europe/Bratislava",
    "IS": "Atlantic/Reykjavik", "LI": "Europe/Vaduz", "NO": "Europe/Oslo",
}
"""The EU and EEA Member States (ISO 3166 codes, as the holidays package names them) and the
legal time in which DORA's "noon of the next working day" is read: the IANA zone that the tz
database's ``zone.tab`` lists first for the country, its mainland. The Canary Islands and the
Azores keep a clock an hour behind it, so the mainland's noon is the earlier deadline."""
MemberState = Literal[tuple(MEMBER_STATE_ZONES)]  # type: ignore[valid-type]


class Dora(Strict):
    """Reporting a major ICT-related incident under DORA (Regulation (EU) 2022/2554, Art. 19)."""

    authority: str = Field("ACPR", description="The competent authority notified.", examples=["ACPR"])
    country: MemberState | None = Field(  # type: ignore[valid-type]
        None, description="The reporting financial entity's Member State, whose weekends and national public "
        "holidays, in its legal time, can move a deadline (RTS 2025/301 Art. 5(4)); default: country in "
        "breachtrack.toml.", examples=["FR"])
    entity_type: Literal["credit_institution", "central_counterparty", "trading_venue", "other"] = Field(
        "other", description="The financial entity's type: the first three send the initial notification and the "
        "intermediate report on weekends and holidays too (Art. 5(5)).", examples=["credit_institution"],
    )
    nis2_identified: bool = Field(
        False, description="Whether national rules transposing NIS2 Art. 3 identify the entity as essential or "
        "important: it then sends the initial notification and the intermediate report on weekends and holidays "
        "too (Art. 5(5)).", examples=[True])
    classified_major_at: Instant | None = Field(
        None, description="When the incident was classified as major.", examples=["2025-10-31T20:00"])
    initial_at: Instant | None = Field(None, description="When the initial notification was sent.",
                                       examples=["2025-11-01T09:00"])
    intermediate_at: Instant | None = Field(None, description="When the (first) intermediate report was sent.",
                                            examples=["2025-11-04T09:00"])
    recovered_at: Instant | None = Field(None, description="When regular activities were recovered.",
                                         examples=["2025-11-05T15:00"])
    updated_intermediate_at: Instant | None = Field(
        None, description="When the latest updated intermediate report was sent.", examples=["2025-11-05T17:00"])
    final_at: Instant | None = Field(None, description="When the final report was sent.",
                                     examples=["2025-12-01T10:00"])
    initial_delay_notified_at: Instant | None = Field(
        None, description="When the authority was told that the initial notification would be late "
        "(Art. 5(3)).", examples=["2025-11-01T00:30"])
    intermediate_delay_notified_at: Instant | None = Field(
        None, description="When the authority was told that the intermediate report would be late (Art. 5(3)).",
        examples=["2025-11-04T08:00"])
    final_delay_notified_at: Instant | None = Field(
        None, description="When the authority was told that the final report would be late (Art. 5(3)).",
        examples=["2025-12-04T09:00"])
    delay_reasons: str | None = Field(
        None, description="The reasons given to the authority for a late report (Art. 5(3)).",
        examples=["The forensic analysis of the root cause is not finished."])

    @model_validator(mode="after")
    def _member_state(self, info: ValidationInfo) -> Dora:
        """The register's ``country`` when the file names none: it must then be a Member State."""
        if self.country is None:
            country = (info.context or {}).get("country", DEFAULT_COUNTRY)
            if country not in MEMBER_STATE_ZONES:
                raise ValueError(_("the reporting entity's Member State is {country} (country in breachtrack.toml), "
                                   "which is not an EU or EEA Member State: write dora.country, one of {states}").format(
                    country=country, states=", ".join(MEMBER_STATE_ZONES)))
            self.country = country
        return self

    @property
    def zone(self) -> ZoneInfo:
        """The Member State's legal time."""
        return ZoneInfo(MEMBER_STATE_ZONES[self.country])


class Eprivacy(Strict):
    """A telecom provider's breach notification (ePrivacy Directive 2002/58/EC Art. 4(3);
    Commission Regulation (EU) No 611/2013)."""

    model_config = ConfigDict(json_schema_extra=COMPLEMENT_OF_AN_INCOMPLETE_NOTICE)

    authority: str = Field("CNIL", description="The national authority notified.", examples=["CNIL"])
    in_connection_with_service: bool = Field(
        False, description="The breach occurred in connection with the provision of the publicly available "
        "electronic communications service: the GDPR's Art. 33 and 34 then add nothing (GDPR Art. 95).",
        examples=[True])
    notified_at: Instant | None = Field(None, description="When the initial notification was sent.",
                                        examples=["2026-05-04T10:00"])
    complete: bool = Field(True, description="False when the initial notification lacked information "
                           "(Regulation 611/2013 Art. 2(3)).", examples=[False])
    complement_at: Instant | None = Field(None, description="When the complementary notification was sent.",
                                          examples=["2026-05-06T10:00"])
    adverse_effect: bool = Field(
        False, description="The breach is likely to adversely affect the personal data or privacy of a subscriber "
        "or individual (Regulation 611/2013 Art. 3(1)): they are then notified too.", examples=[True])
    subscribers_informed_at: Instant | None = Field(
        None, description="When the subscribers or individuals concerned were notified.",
        examples=["2026-05-05T18:00"])
    protection_accepted_at: Instant | None = Field(
        None, description="When the authority accepted that technological protection measures made the data "
        "unintelligible (Regulation 611/2013 Art. 4(1)): subscribers then need not be notified.",
        examples=["2026-05-06T11:00"])


class Pecr(Eprivacy):
    """A UK telecom provider's breach notification to the ICO (the Privacy and Electronic
    Communications (EC Directive) Regulations 2003, reg. 5A; Regulation (EU) No 611/2013 as
    retained in UK law)."""

    authority: str = Field("ICO", description="The authority notified.", examples=["ICO"])
    in_connection_with_service: bool = Field(
        False, description="The breach occurred in connection with the provision of the public electronic "
        "communications service: the UK GDPR's Art. 33 and 34 then add nothing (UK GDPR Art. 95).",
        examples=[True])
    delay_reasons: str | None = Field(
        None, description="Why the notification came after 72 hours (PECR reg. 5A(3A), awareness from 20 August "
        "2025).", examples=["The compromised server was only identified on day 4."])
    protection_accepted_at: Instant | None = Field(
        None, description="When the ICO accepted that technological protection measures made the data "
        "unintelligible (PECR reg. 5A(6)): subscribers then need not be notified.",
        examples=["2026-05-06T11:00"])


class Cra(Strict):
    """A manufacturer's reports on its product with digital elements under the Cyber Resilience
    Act (Regulation (EU) 2024/2847, Art. 14)."""

    authority: str = Field("CSIRT coordinator / ENISA SRP",
                           description="Where the reports go: the CSIRT designated as coordinator of the Member "
                           "State of the main establishment, and ENISA, through the single reporting platform.",
                           examples=["CERT-FR / ENISA SRP"])
    kind: Literal["exploited_vulnerability", "severe_incident"] | None = Field(
        None, description="What is reported: an actively exploited vulnerability in the product (Art. 14(1)) or a "
        "severe incident having an impact on its security (Art. 14(3)). Not recorded: no report is due.",
        examples=["exploited_vulnerability"])
    aware_at: Instant | None = Field(
        None, description="When the manufacturer became aware of the actively exploited vulnerability or of the "
        "severe incident; the clocks start there. Default: detected_at.", examples=["2026-10-24T18:00"])
    ongoing_at_application: bool | None = Field(
        None, description="For awareness before 11 September 2026, when Art. 14 began to apply: whether the "
        "vulnerability was still actively exploited, or the incident still ongoing, that day. Not recorded: as if "
        "it were.", examples=[False])
    early_warning_at: Instant | None = Field(None, description="When the early warning was sent.",
                                             examples=["2026-10-25T09:00"])
    notification_at: Instant | None = Field(None, description="When the vulnerability or incident notification "
                                            "was sent.", examples=["2026-10-26T15:00"])
    fix_available_at: Instant | None = Field(
        None, description="When a corrective or mitigating measure became available (an exploited "
        "vulnerability's final report is due 14 days later).", examples=["2026-11-03T17:00"])
    final_report_at: Instant | None = Field(None, description="When the final report was sent.",
                                            examples=["2026-11-10T10:00"])
    users_informed_at: Instant | None = Field(None, description="When the impacted users were informed "
                                              "(Art. 14(8)).", examples=["2026-10-26T18:00"])


# --- the facts of the regimes beyond Europe (docs/legal/beyond-europe.md) ---------------------
# One section per regime, named as its regime with "_" for "-"; the US states have one section
# each. Every moment of these sections is declared with ``dated_fact``, which names the
# obligation it bears on: `record` offers it, `--as-of` replays it and the chronology check
# keeps it after detection, without another list to keep.


def dated_fact(obligation: str, description: str, example: str) -> Any:
    """A moment of a regime's section (a notice sent, an assessment ended) and the id of the
    obligation it fulfils or starts."""
    return Field(None, description=description, examples=[example], json_schema_extra={"x-obligation": obligation})


def dated_facts(model: type[BaseModel]) -> dict[str, str]:
    """The moments of a regime's section and the obligation each bears on."""
    return {name: info.json_schema_extra["x-obligation"] for name, info in model.model_fields.items()
            if isinstance(info.json_schema_extra, dict) and "x-obligation" in info.json_schema_extra}


class Hipaa(Strict):
    """A HIPAA covered entity's or business associate's breach notices (45 CFR 164.400-414).
    Discovery is ``detected_at``; a business associate is an incident with ``role: processor``."""

    unsecured: bool | None = Field(
        None, description="Whether the breach involves unsecured protected health information (45 CFR 164.402): "
        "false when the information was rendered unusable, unreadable or indecipherable as HHS's guidance says "
        "(encrypted, destroyed), or when no protected health information is concerned; no notice is then due. Not "
        "recorded: read as unsecured.", examples=[True])
    law_enforcement_delay_until: Instant | None = Field(
        None, description="The end of the delay a law enforcement official asked for (45 CFR 164.412): a notice "
        "due earlier is due then. An oral request holds 30 days at most unless confirmed in writing.",
        examples=["2026-11-30T00:00"])
    individuals_at: Instant | None = dated_fact(
        "hipaa.individuals", "When the individuals were notified (45 CFR 164.404).", "2026-10-02T16:00")
    hhs_at: Instant | None = dated_fact(
        "hipaa.hhs", "When the breach was reported to HHS on its portal, for 500 or more individuals "
        "(45 CFR 164.408(b)).", "2026-10-02T16:00")
    hhs_annual_at: Instant | None = dated_fact(
        "hipaa.hhs_annual", "When the breach, logged with fewer than 500 individuals, was reported to HHS after the "
        "end of the calendar year (45 CFR 164.408(c)).", "2027-02-15T10:00")
    media_at: Instant | None = dated_fact(
        "hipaa.media", "When prominent media outlets were notified in every State or jurisdiction with more than "
        "500 residents concerned (45 CFR 164.406).", "2026-10-02T16:00")
    covered_entity_notified_at: Instant | None = dated_fact(
        "hipaa.business_associate", "For a business associate (role: processor): when it notified the covered "
        "entity (45 CFR 164.410).", "2026-09-20T12:00")


class Sec(Strict):
    """A registrant's Form 8-K Item 1.05 on a material cybersecurity incident (SEC Release 33-11216).
    The materiality determination is ``determined_at``."""

    material: bool | None = Field(
        None, description="Whether the registrant determined the incident material (Item 1.05(a)); the moment is "
        "determined_at. false: no Item 1.05 filing. Not recorded: determined_at, when written, is read as the "
        "materiality determination.", examples=[True])
    smaller_reporting_company: bool = Field(
        False, description="Whether the registrant is a smaller reporting company: Item 1.05 applies to it from "
        "15 June 2024 (18 December 2023 for the others).", examples=[False])
    foreign_private_issuer: bool = Field(
        False, description="Whether the registrant is a foreign private issuer, which furnishes a Form 6-K instead "
        "of filing a Form 8-K.", examples=[False])
    ag_delay_until: Instant | None = Field(
        None, description="The end of the delay the US Attorney General asked for and notified to the Commission "
        "in writing (Item 1.05(c)): the filing is due then when that is later.", examples=["2027-01-04T17:30"])
    filed_at: Instant | None = dated_fact(
        "sec.form8k", "When the Form 8-K (Item 1.05) was filed on EDGAR; after 17:30 New York time it is filed the "
        "next business day.", "2026-12-01T16:00")


class Nydfs(Strict):
    """A New York DFS covered entity's notices to the Superintendent (23 NYCRR 500.17). The
    determination that a cybersecurity incident occurred is ``determined_at``; an extortion payment
    is ``ransom_paid_at``."""

    covered_entity: bool | None = Field(
        None, description="Whether the organisation is a covered entity (a licensee under the Banking, Insurance or "
        "Financial Services Law, 23 NYCRR 500.1). false: nothing is due. Not recorded: read as covered, since the "
        "regime nydfs is on.", examples=[True])
    cybersecurity_incident: bool | None = Field(
        None, description="Whether the incident is a cybersecurity incident (23 NYCRR 500.1(g)): it must be reported "
        "to a government body, is reasonably likely to materially harm normal operations, or deployed ransomware "
        "within a material part of the information systems. false: no 72-hour notice. Not recorded: read as one.",
        examples=[True])
    notified_at: Instant | None = dated_fact(
        "nydfs.notice", "When the Superintendent was notified on the DFS portal (500.17(a)).", "2026-03-09T12:00")
    extortion_notified_at: Instant | None = dated_fact(
        "nydfs.extortion_payment", "When the Superintendent was notified of the extortion payment (500.17(c)(1)).",
        "2026-03-14T18:00")
    extortion_explained_at: Instant | None = dated_fact(
        "nydfs.extortion_explanation", "When the written description of why the payment was necessary, the "
        "alternatives considered and the diligence performed (sanctions included) was sent (500.17(c)(2)).",
        "2026-04-10T10:00")


class UsState(Strict):
    """One US state's breach notices: to its residents and, above its threshold, to its attorney
    general (California, New York, Texas, Florida, Colorado, Washington)."""

    residents_notified_at: Instant | None = dated_fact(
        "us-states.residents", "When the state's residents concerned were notified (Texas: the individuals; "
        "Florida: the individuals in Florida).", "2026-03-05T10:00")
    attorney_general_notified_at: Instant | None = dated_fact(
        "us-states.attorney_general", "When the state's attorney general was notified: California, the sample "
        "copy of the notice; Florida, the Department of Legal Affairs; Texas, the online form.", "2026-03-06T10:00")
    regulators_notified_at: Instant | None = dated_fact(
        "us-states.regulators", "New York only: when the Attorney General, the Department of State and the "
        "Division of State Police were notified (GBL 899-aa(8)(a)).", "2026-03-05T10:00")
    dfs_notified_at: Instant | None = dated_fact(
        "us-states.dfs", "New York only: when the Department of Financial Services was notified of the residents' "
        "notice (GBL 899-aa(8)(a), a DFS covered entity: regime nydfs).", "2026-03-05T10:00")
    extension_requested_at: Instant | None = dated_fact(
        "us-states.residents", "Florida only: when good cause for a delay was given in writing to the Department "
        "of Legal Affairs, within the 30 days: 15 more days for the individuals' notice (501.171(4)(a)).",
        "2026-04-10T09:00")
    no_harm: str | None = Field(
        None, description="The documented determination, where the state's law allows one, that the breach is not "
        "reasonably likely to cause harm (Colorado: misuse; Florida: identity theft or financial harm; Washington: "
        "a risk of harm; New York: an inadvertent disclosure by authorised persons): the residents' notice is then "
        "exempt. California and Texas have no such exemption.",
        examples=["Forensic review: the laptop was recovered unopened; no misuse occurred or is likely."])
    encrypted: bool = Field(
        False, description="Whether the data were encrypted and the key was not compromised: no notice is due in "
        "any of these states.", examples=[True])


class Lgpd(Strict):
    """Brazil: the communication of a security incident to the ANPD and to the data subjects
    (LGPD art. 48; Resolução CD/ANPD nº 15/2024)."""

    criteria: list[Literal["sensitive", "minors_or_elderly", "financial", "authentication", "secrecy",
                           "large_scale"]] = Field(
        default=[], description="The criteria of Res. 15 art. 5 the incident meets, besides those read from data "
        "and subject_categories (sensitive: special_category or health; minors_or_elderly: minors; financial; "
        "authentication: credentials): typically secrecy (data under legal, judicial or professional secrecy), "
        "large_scale, or minors_or_elderly for elderly people.", examples=[["large_scale"]])
    small_agent: bool = Field(
        False, description="The controller is a small processing agent (agente de pequeno porte, Res. CD/ANPD "
        "2/2022) and declares it: the periods to the ANPD, of the complement and to the data subjects are doubled "
        "(Res. 15 art. 6 §8, art. 9 §6).", examples=[True])
    special_period: str | None = Field(
        None, description="A period set by a sector law (legislação específica, art. 6 caput), shown in the "
        "reasons; breachtrack keeps the three working days.", examples=["Resolução BCB 85/2021: 24 h"])
    submitted_at: Instant | None = dated_fact(
        "lgpd.anpd", "When the communication of the incident was submitted to the ANPD.", "2026-11-23T15:00")
    complete: bool = Field(
        True, description="False when the communication lacked information to be complemented within 20 working "
        "days (art. 6 §3).", examples=[False])
    complement_at: Instant | None = dated_fact(
        "lgpd.complement", "When the complementary information was sent to the ANPD.", "2026-12-10T10:00")
    delay_reasons: str | None = Field(
        None, description="The reasons for a late communication, given in it (art. 6 §2 V).",
        examples=["The affected database was only identified by the forensic report."])
    subjects_informed_at: Instant | None = dated_fact(
        "lgpd.subjects", "When the data subjects were informed (art. 9).", "2026-11-24T09:00")
    declaration_at: Instant | None = dated_fact(
        "lgpd.subjects_declaration", "When the controller declared to the ANPD that the data subjects were "
        "informed (art. 9 §4).", "2026-11-26T11:00")


class PdpaSg(Strict):
    """Singapore: notifying a data breach to the PDPC and to the individuals (PDPA Part 6A).

    The end of the assessment (s.26D(1): "the day the organisation makes that assessment") is
    ``risk_assessment.assessed_at``, the time the risk was assessed and the decision on notifying
    taken: this section has no assessed_at of its own."""

    significant_harm: bool | None = Field(
        None, description="Whether the breach results, or is likely to result, in significant harm to an affected "
        "individual (s.26B(1)(a)). Not recorded: risk high, or a prescribed class of data in data (financial, "
        "health, special_category, credentials, minors).", examples=[True])
    within_organisation: bool = Field(
        False, description="The breach is an unauthorised access, collection, use, disclosure, copying or "
        "modification of personal data only within the organisation: it is deemed not notifiable (s.26B(4)).",
        examples=[True])
    pdpc_notified_at: Instant | None = dated_fact(
        "pdpa-sg.pdpc", "When the PDPC was notified (s.26D(1)).", "2026-11-09T10:00")
    individuals_notified_at: Instant | None = dated_fact(
        "pdpa-sg.individuals", "When the affected individuals were notified (s.26D(2)).", "2026-11-09T16:00")
    individuals_exception: Literal["remedial_action", "technological_measure", "pdpc_direction"] | None = Field(
        None, description="Why the individuals are not notified: remedial action made significant harm unlikely "
        "(s.26D(5)(a)), a technological measure made it unlikely (s.26D(5)(b)), or the PDPC directed not to "
        "(s.26D(6)).", examples=["technological_measure"])
    organisation_notified_at: Instant | None = dated_fact(
        "pdpa-sg.intermediary", "For a data intermediary (role: processor): when it notified the organisation it "
        "processes for (s.26C(3)).", "2026-10-08T18:00")


class NdbAu(Strict):
    """Australia: the Notifiable Data Breaches scheme (Privacy Act 1988 Part IIIC).

    The end of the assessment, when the entity has reasonable grounds to believe (or not) that
    there has been an eligible data breach, is ``risk_assessment.assessed_at``, the time the risk
    was assessed and the decision on notifying taken: this section has no assessed_at of its own."""

    serious_harm: bool | None = Field(
        None, description="Whether the breach is likely to result in serious harm to any of the individuals "
        "(s.26WE(2)), remedial action taken in time included (s.26WF). Not recorded: risk high.", examples=[True])
    oaic_at: Instant | None = dated_fact(
        "ndb-au.oaic", "When the statement was given to the Commissioner (OAIC) (s.26WK(2)).", "2026-03-22T10:00")
    individuals_notified_at: Instant | None = dated_fact(
        "ndb-au.individuals", "When the individuals were notified, or the statement published where notifying them "
        "is not practicable (s.26WL).", "2026-03-23T09:00")


class Pipeda(Strict):
    """Canada: reporting a breach of security safeguards (PIPEDA s.10.1-10.3)."""

    rrosh: bool | None = Field(
        None, description="Whether it is reasonable to believe that the breach creates a real risk of significant "
        "harm to an individual (s.10.1(1), (7)). Not recorded: risk high.", examples=[True])
    opc_reported_at: Instant | None = dated_fact(
        "pipeda.opc", "When the breach was reported to the Privacy Commissioner (OPC) (s.10.1(1)).",
        "2026-05-06T15:00")
    individuals_notified_at: Instant | None = dated_fact(
        "pipeda.individuals", "When the individuals were notified (s.10.1(3)).", "2026-05-06T18:00")
    third_parties: list[str] = Field(
        default=[], description="Organisations or government institutions that may be able to reduce the risk of "
        "harm or mitigate it, to be notified (s.10.2(1)).", examples=[["Visa Canada", "Equifax Canada"]])
    organisations_notified_at: Instant | None = dated_fact(
        "pipeda.organisations", "When those organisations were notified (s.10.2(1)).", "2026-05-06T18:00")


class Nfadp(Strict):
    """Switzerland: the FDPIC (FADP art. 24) and, for critical infrastructure, the NCSC (ISA art. 74b ff.)."""

    fdpic_notified_at: Instant | None = dated_fact(
        "nfadp.fdpic", "When the breach was notified to the FDPIC (FADP art. 24(1)).", "2026-03-30T10:00")
    subjects_required: bool | None = Field(
        None, description="Whether informing the data subjects is necessary for their protection, or the FDPIC "
        "asked for it (FADP art. 24(4)). Not recorded: as if it were when the risk is high.", examples=[True])
    subjects_informed_at: Instant | None = dated_fact(
        "nfadp.subjects", "When the data subjects were informed (FADP art. 24(4)).", "2026-03-31T09:00")
    controller_notified_at: Instant | None = dated_fact(
        "nfadp.controller", "For a processor: when it notified the controller (FADP art. 24(3)).",
        "2026-03-28T09:00")
    ncsc_reportable: bool | None = Field(
        None, description="For an operator of critical infrastructure: whether the cyberattack is one the "
        "Information Security Act makes reportable (it endangers the functioning of the infrastructure, led to "
        "manipulation or outflow of information, went undetected for a long time, or came with extortion, threat "
        "or coercion). Not recorded: as if it were, for an attack.", examples=[True])
    ncsc_reported_at: Instant | None = dated_fact(
        "nfadp.ncsc", "When the cyberattack was reported to the NCSC (BACS) (ISA art. 74b ff.).", "2026-10-25T10:00")
    ncsc_initial_complete: bool | None = Field(
        None, description="Whether the initial report to the NCSC gave all the information; if not, it is "
        "completed within 14 days. Not recorded: as if it did not.", examples=[False])
    ncsc_completed_at: Instant | None = dated_fact(
        "nfadp.ncsc_complement", "When the report to the NCSC was completed.", "2026-11-02T16:00")


class Appi(Strict):
    """Japan: the reports to the Personal Information Protection Commission (APPI art. 26)."""

    items: list[Literal["sensitive", "financial_harm", "wrongful_purpose", "over_1000"]] | None = Field(
        None, description="The reportable situations of the Enforcement Rules art. 7 the breach falls under: (i) "
        "sensitive personal information (要配慮個人情報), (ii) data whose misuse may cause financial harm, (iii) a "
        "breach that may have been committed for a wrongful purpose, (iv) more than 1,000 people. Not recorded: "
        "derived from data (health, special_category: i; financial, credentials: ii), cause (malicious: iii) and "
        "the number of people (iv).", examples=[["wrongful_purpose", "over_1000"]])
    encrypted: bool = Field(
        False, description="Whether the data were protected by high-level encryption or an equivalent measure, "
        "which takes the breach out of art. 7.", examples=[False])
    preliminary_at: Instant | None = dated_fact(
        "appi.preliminary", "When the preliminary report (速報) was sent to the PPC.", "2026-12-22T10:00")
    final_at: Instant | None = dated_fact(
        "appi.final", "When the final report (確報) was sent to the PPC.", "2027-01-15T10:00")
    individuals_notified_at: Instant | None = dated_fact(
        "appi.individuals", "When the individuals were notified (APPI art. 26(2)).", "2026-12-23T09:00")


class PipaKr(Strict):
    """South Korea: the notices of a personal information breach (PIPA art. 34)."""

    sensitive_or_unique_id: bool | None = Field(
        None, description="Whether sensitive information or unique identifying information (resident registration, "
        "passport, driver's licence or alien registration numbers) was breached (Decree art. 40(1)(ii)). Not "
        "recorded: derived from data (health, special_category, national_id).", examples=[False])
    external_access: bool | None = Field(
        None, description="Whether the breach came from unlawful access from outside (Decree art. 40(1)(iii)). "
        "Not recorded: derived from cause (malicious).", examples=[True])
    harm_reduced: bool = Field(
        False, description="Whether the data were retrieved or deleted before they could be seen, so the risk "
        "of harm became markedly low (Decree art. 40(1) proviso): no report to the PIPC is needed.",
        examples=[False])
    possible_only: bool = Field(
        False, description="Whether only the possibility of a breach is known (unlawful access whose victims cannot "
        "be identified, data offered by a third party): the 72-hour possibility notice of Decree art. 39-2 "
        "(from 11 September 2026).", examples=[False])
    access_known_at: Instant | None = dated_fact(
        "pipa-kr.possible_breach", "When the organisation knew of the unlawful access that makes a breach possible. "
        "Default: detected_at.", "2026-10-02T18:00")
    subjects_notified_at: Instant | None = dated_fact(
        "pipa-kr.subjects", "When the data subjects were notified (PIPA art. 34(1)).", "2026-09-12T10:00")
    pipc_reported_at: Instant | None = dated_fact(
        "pipa-kr.pipc", "When the breach was reported to the PIPC or KISA (PIPA art. 34(3)).", "2026-09-12T15:00")
    possible_notified_at: Instant | None = dated_fact(
        "pipa-kr.possible_breach", "When the possibly affected subjects were notified (Decree art. 39-2).",
        "2026-10-04T12:00")


class DpdpIn(Strict):
    """India: intimating a personal data breach to the Data Protection Board and to each data
    principal (DPDP Act s.8(6), DPDP Rules 2025 r.7)."""

    board_intimated_at: Instant | None = dated_fact(
        "dpdp-in.board_intimation", "When the breach was first described to the Data Protection Board "
        "(r.7(2)(a)).", "2027-05-13T18:00")
    board_reported_at: Instant | None = dated_fact(
        "dpdp-in.board_report", "When the detailed report reached the Board (r.7(2)(b)).", "2027-05-15T18:00")
    extension_until: Day | None = Field(
        None, description="The last day of a longer period the Board allowed on a written request (r.7(2)(b)).",
        examples=["2027-06-10"])
    principals_intimated_at: Instant | None = dated_fact(
        "dpdp-in.principals", "When each affected data principal was intimated (r.7(1)).", "2027-05-14T12:00")


class CertIn(Strict):
    """India: reporting a cyber security incident to CERT-In (Directions of 28 April 2022)."""

    incident_type: Literal[
        "targeted_scanning", "critical_system_compromise", "unauthorised_access", "website_defacement",
        "malicious_code", "server_or_network_device_attack", "identity_theft_spoofing_phishing", "dos_ddos",
        "critical_infrastructure_scada_ot", "application_attack", "data_breach", "data_leak", "iot",
        "digital_payment", "malicious_mobile_app", "fake_mobile_app", "social_media_account", "cloud",
        "emerging_technology", "ai_ml", "other",
    ] | None = Field(
        None, description="The Annex I type of the cyber security incident, or other when it is none of them (a "
        "lost paper file). Not recorded: the report is shown as due, since a personal-data breach is usually a "
        "data breach or data leak of Annex I.", examples=["malicious_code"])
    reported_at: Instant | None = dated_fact(
        "cert-in.report", "When the incident was reported to CERT-In (Directions of 28 April 2022, (ii)).",
        "2026-11-14T02:00")


class PiplCn(Strict):
    """China: reporting a network-security incident (CAC measures of 2025) and a personal
    information leak (PIPL art. 57)."""

    grade: Literal["particularly_major", "major", "relatively_major", "ordinary"] | None = Field(
        None, description="The incident's grade under the annex of the 2025 measures (网络安全事件分级指南): "
        "特别重大, 重大, 较大 or 一般. Reports are due from relatively major (较大) up; a leak of the personal "
        "information of 1,000,000 people or more is at least relatively major. Not recorded: the report is shown "
        "as due, the conservative reading.", examples=["relatively_major"])
    cac_reported_at: Instant | None = dated_fact(
        "pipl-cn.cac_report", "When the incident was reported (art. 4 of the 2025 measures).", "2026-11-13T10:00")
    closed_at: Instant | None = dated_fact(
        "pipl-cn.summary_report", "When the handling of the incident ended: the summary report is due within 30 "
        "days (art. 8).", "2026-12-10T18:00")
    summary_reported_at: Instant | None = dated_fact(
        "pipl-cn.summary_report", "When the summary report was sent (art. 8).", "2026-12-20T10:00")
    pipl_notified_at: Instant | None = dated_fact(
        "pipl-cn.pipl_notice", "When the personal-information protection authority and the individuals were "
        "notified (PIPL art. 57).", "2026-11-13T20:00")


WORLD_SECTIONS: dict[str, tuple[str, str, type[BaseModel]]] = {
    # section: (regime, name shown, model)
    "hipaa": ("hipaa", "HIPAA", Hipaa),
    "sec": ("sec", "SEC", Sec),
    "nydfs": ("nydfs", "NYDFS", Nydfs),
    **{f"us_{state.lower()}": ("us-states", f"US-{state}", UsState) for state in ("CA", "NY", "TX", "FL", "CO", "WA")},
    "lgpd": ("lgpd", "LGPD", Lgpd),
    "pdpa_sg": ("pdpa-sg", "PDPA", PdpaSg),
    "ndb_au": ("ndb-au", "NDB", NdbAu),
    "pipeda": ("pipeda", "PIPEDA", Pipeda),
    "nfadp": ("nfadp", "FADP", Nfadp),
    "appi": ("appi", "APPI", Appi),
    "pipa_kr": ("pipa-kr", "PIPA", PipaKr),
    "dpdp_in": ("dpdp-in", "DPDP", DpdpIn),
    "cert_in": ("cert-in", "CERT-In", CertIn),
    "pipl_cn": ("pipl-cn", "PIPL", PiplCn),
}
"""Each regime's section of an incident file, the regime it belongs to and its model."""

RESIDENCE_PATTERN = r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"
"""An ISO 3166-1 country code (BR) or ISO 3166-2 subdivision code (US-CA)."""


@lru_cache(maxsize=1)
def _jurisdictions() -> tuple[frozenset[str], dict[str, list[str]]]:
    """The ISO 3166-1 countries (Babel's territories) and the subdivisions the holidays package
    knows, by country."""
    import holidays
    from babel import Locale

    countries = frozenset(code for code in Locale("en").territories if len(code) == 2 and code not in PSEUDO_TERRITORIES)
    return countries, holidays.list_supported_countries()


PSEUDO_TERRITORIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
"""Two-letter codes Babel names that are no country (the EU, the euro area, the UN, pseudo-locales)."""


def _known_residence(code: str) -> str:
    """A jurisdiction that exists: a typo (US-AC for US-CA) would otherwise count nobody in
    California, and drop its duties."""
    countries, subdivisions = _jurisdictions()
    country, _dash, subdivision = code.partition("-")
    if country not in countries:
        raise PydanticCustomError("residence", _("'{code}' is not an ISO 3166 country code{hint}"), {
            "code": code, "hint": _did_you_mean(country, countries)})
    if subdivision and country in subdivisions and subdivisions[country] and subdivision not in subdivisions[country]:
        raise PydanticCustomError("residence", _("'{code}' is not a subdivision of {country}{hint}"), {
            "code": code, "country": country,
            "hint": _did_you_mean(subdivision, subdivisions[country], f"{country}-")})
    return code


def _did_you_mean(wrong: str, known: Iterable[str], prefix: str = "") -> str:
    swapped = [code for code in sorted(known) if sorted(code) == sorted(wrong)]  # US-AC for US-CA
    close = list(dict.fromkeys(swapped + difflib.get_close_matches(wrong, sorted(known), n=3, cutoff=0.5)))[:3]
    return _(" (did you mean {choices}?)").format(choices=", ".join(prefix + c for c in close)) if close else ""


Residence = Annotated[str, Field(pattern=RESIDENCE_PATTERN), AfterValidator(_known_residence)]
EntityName = Annotated[str, Field(pattern=r"^[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*\.?$", max_length=64)]
"""An entity of a group register, as its breachtrack.toml names it: words of letters and digits
joined by one space, '.', '_' or '-' ("Acme US Inc."), so that two names never differ by a space."""
MAX_ENTITIES = 100
"""An incident concerns a handful of a group's entities; a list without bound costs every check."""


Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]

BreachNature = Literal["confidentiality", "integrity", "availability"]
"""The three kinds of personal data breach the EDPB names after the security principles
(Guidelines 9/2022, section I.B.2): unauthorised or accidental disclosure of, or access to,
personal data; their alteration; their loss or destruction, or the loss of access to them."""


class SubjectCategories(Strict):
    """The categories of people concerned, each with its approximate number (GDPR Art.
    33(3)(a): "the categories and approximate number of data subjects concerned").

    A category written without a number (``patients:``) is concerned, its number not known.
    The EDPB's draft common notification template (adopted 10 June 2026, in consultation until 5
    August 2026) asks for the data subjects concerned from predefined answers; its text and those
    answers were not found (only law firms' summaries of its sections: hayes-solicitors.ie,
    matheson.com, bratby.law, pinsentmasons.com), nor the CNIL form's list. This list is
    breachtrack's own, the groups a French register meets most, and ``other``.
    """

    customers: Count | None = Field(None, description="Customers, prospective customers included.",
                                    examples=[12000])
    users: Count | None = Field(None, description="Users of a service, a website or an application; "
                                "subscribers.", examples=[50000])
    members: Count | None = Field(None, description="Members of an association, a mutual insurer or a "
                                  "trade union.", examples=[450])
    employees: Count | None = Field(None, description="Staff, former staff and interns.", examples=[300])
    job_applicants: Count | None = Field(None, description="People who applied for a job.", examples=[80])
    job_seekers: Count | None = Field(None, description="People registered as seeking work.",
                                      examples=[340000])
    patients: Count | None = Field(None, description="Patients, and people cared for.", examples=[640])
    students: Count | None = Field(None, description="Pupils and students.", examples=[2500])
    minors: Count | None = Field(None, description="Children under 18, whatever their other category.",
                                 examples=[120])
    vulnerable_people: Count | None = Field(None, description="Other vulnerable people: elderly, disabled, "
                                            "protected adults.", examples=[30])
    other: Count | None = Field(None, description="Anyone else; say who in the description.", examples=[10])

    def listed(self) -> list[tuple[str, int | None]]:
        """The categories written in the file, in this order, each with its number or None."""
        return [(name, getattr(self, name)) for name in type(self).model_fields if name in self.model_fields_set]


class RiskAssessment(Strict):
    """Why the risk was judged as it was: for a breach not notified, the documented reasoning
    behind that decision (GDPR Art. 33(5); the EDPB asks for the reasoning behind decisions taken
    in response to a breach, in particular why one was not notified, Guidelines 9/2022, section V)."""

    reasoning: str | None = Field(
        None, description="Why the breach is, or is not, likely to result in a risk to people's rights and "
        "freedoms: for a breach not notified, the reasons for not notifying it.",
        examples=["Full-disk encryption (AES-256) with a key that was never on the laptop; the device was locked."],
    )
    assessed_at: Instant | None = Field(
        None, description="When the risk was assessed and the decision on notifying taken.",
        examples=["2025-12-03T11:00"],
    )
    assessed_by: str | None = Field(
        None, description="Who assessed it and decided.", examples=["Claire Martin, DPO"]
    )


class Contact(Strict):
    """The data protection officer, or another contact point (GDPR Art. 33(3)(b))."""

    name: str | None = Field(None, description="Name, or the team's name.", examples=["Claire Martin, DPO"])
    email: str | None = Field(None, description="E-mail address.", examples=["dpo@example.org"])
    phone: str | None = Field(None, description="Telephone number.", examples=["+33 1 23 45 67 89"])


class Incident(Strict):
    """One personal-data breach: its facts, and what was done about it."""

    model_config = ConfigDict(
        json_schema_extra={  # a due written as a duration counts from the sanction's notification
            "if": {
                "required": ["remediation"],
                "properties": {
                    "remediation": {
                        "contains": {"required": ["due"], "properties": {"due": {"pattern": RELATIVE_DUE_PATTERN}}}
                    }
                },
            },
            "then": {"required": ["sanction"], "properties": {"sanction": {"required": ["notified_on"]}}},
        }
    )

    id: Identifier = Field(description="Unique across the register.", examples=["FT-2025-KAIROS"])
    title: str = Field(description="One line.", examples=["Kairos portal: a training organisation's account hijacked"])
    organisation: str | None = Field(
        None, description="The controller, or the processor when role is processor.", examples=["France Travail"]
    )
    role: Literal["controller", "processor"] = Field(
        "controller", description="The organisation's role for the breached processing.", examples=["controller"]
    )
    timezone: ZoneName | None = Field(
        None, description="IANA zone for times written without an offset.", examples=["Europe/Paris"]
    )
    cause: Literal["malicious", "accidental", "unknown"] = Field(
        "unknown", description="Whether the breach comes from an attack.", examples=["malicious"]
    )
    regimes: Annotated[list[Regime], Field(min_length=1)] | None = Field(
        None,
        description="The legal regimes whose clocks this incident starts; default: regimes in breachtrack.toml, "
        "else gdpr and fr. uk replaces gdpr for a UK controller.",
        examples=[["gdpr", "fr", "nis2"]],
    )
    detected_at: Instant | None = Field(
        None, description="When the security incident was first known.", examples=["2025-07-12T08:30"]
    )
    aware_at: Instant = Field(
        description="When the organisation became aware that personal data were breached.",
        examples=["2025-07-12T10:00"],
    )
    determined_at: Instant | None = Field(
        None, description="When the organisation determined that the incident is material (SEC), that a "
        "cybersecurity incident or a breach occurred (NYDFS; Texas, Florida, Colorado; PIPEDA). Not recorded: "
        "aware_at counts, except for the SEC, which needs a materiality determination.",
        examples=["2026-03-12T16:00"],
    )
    ransom_paid_at: Instant | None = Field(
        None, description="When an extortion payment was made (NYDFS 500.17(c)).", examples=["2026-03-14T09:00"]
    )
    residents: dict[Residence, Count] | None = Field(
        None, description="The number of people concerned per jurisdiction, by ISO 3166 code: a country (BR) or a "
        "subdivision (US-CA). It decides the thresholds of the US states, HIPAA's media notice and others. Not "
        "recorded: not known, and every threshold counts as reached; recorded: a jurisdiction not listed has none, "
        "unless subjects counts more people than residents places, who may live anywhere.",
        examples=[{"US-CA": 1200, "US-TX": 300, "BR": 5000}],
    )
    entities: list[EntityName] = Field(
        default=[], max_length=MAX_ENTITIES, description="In a group register, the entities this incident concerns besides the one whose "
        "folder holds the file, by the entity names of their breachtrack.toml: each gets its own clocks and "
        "authorities.", examples=[["Acme US Inc.", "Acme Brasil Ltda."]],
    )
    description: str | None = Field(
        None, description="What happened, in a few sentences.", examples=["An infostealer gave attackers the account."]
    )
    consequences: str | None = Field(
        None, description="Likely consequences for the people concerned.", examples=["Targeted phishing."]
    )
    subjects: int | None = Field(
        None, ge=0, le=MAX_COUNT, description="Approximate number of people concerned.", examples=[340000]
    )
    records: int | None = Field(
        None, ge=0, le=MAX_COUNT, description="Approximate number of records concerned.", examples=[340000]
    )
    data: list[DataCategory] = Field(
        default=[], description="Categories of personal data concerned.", examples=[["identity", "contact"]]
    )
    risk: Literal["unlikely", "risk", "high"] = Field(
        description="Risk to people's rights and freedoms.", examples=["high"]
    )
    # The register's content (GDPR Art. 33(5), 33(3)). The EDPB's draft common notification
    # template (10 June 2026; about 120 questions in 7 sections: the type of notification; the
    # controller, the reporting person and the DPO; the nature of the breach with its dates,
    # the people and data concerned and the safeguards in place; its likely consequences; the
    # measures taken and planned; the communication to the people) was found only through law
    # firms' summaries (hayes-solicitors.ie, matheson.com, bratby.law, pinsentmasons.com). Its
    # cross-border questions (is the processing cross-border, which lead authority) are read
    # from a form that Malta's IDPC appears to be preparing on it (register-idpc.stagingcloud2.co).
    nature: list[BreachNature] = Field(
        default=[],
        description="The nature of the breach: confidentiality (disclosure or access), integrity (alteration), "
        "availability (loss or destruction); one or more.",
        examples=[["confidentiality"]],
    )
    subject_categories: SubjectCategories | None = Field(
        None,
        description="The categories of people concerned, each with its approximate number (Art. 33(3)(a)).",
        examples=[{"job_seekers": 340000}],
    )
    risk_assessment: RiskAssessment | None = Field(
        None,
        description="The reasoning behind the risk judged, when and by whom: for a breach not notified, why "
        "(Art. 33(5)).",
        examples=[{"reasoning": "The disk is encrypted and the key was not lost.", "assessed_at": "2025-12-03T11:00",
                   "assessed_by": "Claire Martin, DPO"}],
    )
    cross_border: bool | None = Field(
        None,
        description="Whether the breach concerns cross-border processing (Art. 4(23)): establishments in more than "
        "one Member State, or people substantially affected in more than one.",
        examples=[False],
    )
    lead_authority: str | None = Field(
        None,
        description="For cross-border processing, the lead supervisory authority, that of the main establishment "
        "(Art. 56(1)).",
        examples=["CNIL"],
    )
    dpo: Contact | None = Field(
        None,
        description="Who the authority and the people can contact: the DPO or another contact point.",
        examples=[{"name": "Claire Martin, DPO", "email": "dpo@example.org"}],
    )
    measures_taken: str | None = Field(
        None,
        description="Measures taken to address the breach and to mitigate its effects (Art. 33(3)(d)).",
        examples=["The account was disabled and every partner password reset within the hour."],
    )
    measures_planned: str | None = Field(
        None,
        description="Measures proposed, not yet taken (Art. 33(3)(d)).",
        examples=["Two-factor authentication for every partner account by the end of the quarter."],
    )
    advice_to_subjects: str | None = Field(
        None,
        description="What the people concerned can do to protect themselves, in plain words.",
        examples=["Be wary of messages that ask for your bank details, even if they quote your file."],
    )
    turnover_eur: Money | None = Field(
        None, description="Worldwide turnover of the preceding financial year, in euros: gives the GDPR, NIS2 and "
        "CRA fine ceilings.", examples=[1200000000]
    )
    turnover_gbp: Money | None = Field(
        None, description="Worldwide turnover of the preceding financial year, in pounds: gives the UK GDPR fine "
        "ceilings (regime uk).", examples=[950000000]
    )
    cyber_insurance: bool = Field(
        True, description="Whether a cyber-insurance policy covers the loss (L12-10-1 plainte).", examples=[True]
    )
    authority_notice: AuthorityNotice | None = Field(
        None,
        description="The notification to the supervisory authority (GDPR Art. 33).",
        examples=[{"authority": "CNIL", "submitted_at": "2025-07-14T18:00"}],
    )
    subject_notice: SubjectNotice | None = Field(
        None,
        description="The communication to the people concerned (GDPR Art. 34).",
        examples=[{"sent_at": "2025-07-18T09:00", "channel": "email"}],
    )
    controller_notice: ControllerNotice | None = Field(
        None,
        description="For a processor: its notice to the controller (GDPR Art. 33(2)).",
        examples=[{"sent_at": "2025-10-07T16:00", "controller": "Ville de Lyon"}],
    )
    complaint: Complaint | None = Field(
        None,
        description="The criminal complaint (plainte), or the decision not to file.",
        examples=[{"filed_at": "2025-07-13T15:00", "with": "police"}],
    )
    sanction: Sanction | None = Field(
        None,
        description="The supervisory authority's decision, if any.",
        examples=[{"authority": "CNIL", "reference": "SAN-2026-003", "notified_on": "2026-01-29"}],
    )
    remediation: list[RemediationMeasure] = Field(
        default=[],
        description="The remediation calendar.",
        examples=[[{"id": "mfa", "title": "Two-factor authentication", "due": "3 months"}]],
    )
    nis2: Nis2 | None = Field(None, description="NIS2 reporting (regime nis2).",
                              examples=[{"entity": "essential", "significant": True}])
    dora: Dora | None = Field(None, description="DORA reporting (regime dora).",
                              examples=[{"entity_type": "credit_institution", "classified_major_at": "2025-10-31T20:00"}])
    eprivacy: Eprivacy | None = Field(None, description="A telecom provider's notification (regime eprivacy).",
                                      examples=[{"notified_at": "2026-05-04T10:00"}])
    pecr: Pecr | None = Field(None, description="A UK telecom provider's notification to the ICO (regime pecr).",
                              examples=[{"notified_at": "2026-05-04T10:00"}])
    cra: Cra | None = Field(None, description="A manufacturer's reports under the Cyber Resilience Act (regime cra).",
                            examples=[{"kind": "exploited_vulnerability", "early_warning_at": "2026-10-25T09:00"}])
    hipaa: Hipaa | None = Field(None, description='HIPAA breach notices (regime hipaa).', examples=[{"unsecured": True, "individuals_at": "2026-10-02T16:00", "hhs_at": "2026-10-02T16:00"}])
    sec: Sec | None = Field(None, description="The SEC's Form 8-K Item 1.05 (regime sec).", examples=[{"material": True, "filed_at": "2026-12-01T16:00"}])
    nydfs: Nydfs | None = Field(None, description='Notices to the New York DFS Superintendent (regime nydfs).', examples=[{"covered_entity": True, "notified_at": "2026-03-09T12:00"}])
    us_ca: UsState | None = Field(None, description="California's notices (regime us-states).",
                                  examples=[{"residents_notified_at": "2026-03-05T10:00",
                                             "attorney_general_notified_at": "2026-03-06T10:00"}])
    us_ny: UsState | None = Field(None, description="New York's notices (regime us-states).",
                                  examples=[{"residents_notified_at": "2026-03-05T10:00",
                                             "regulators_notified_at": "2026-03-05T10:00"}])
    us_tx: UsState | None = Field(None, description="Texas's notices (regime us-states).",
                                  examples=[{"attorney_general_notified_at": "2026-03-20T10:00"}])
    us_fl: UsState | None = Field(None, description="Florida's notices (regime us-states).",
                                  examples=[{"extension_requested_at": "2026-04-10T09:00"}])
    us_co: UsState | None = Field(None, description="Colorado's notices (regime us-states).",
                                  examples=[{"no_harm": "The laptop was recovered unopened; misuse is not likely."}])
    us_wa: UsState | None = Field(None, description="Washington's notices (regime us-states).",
                                  examples=[{"residents_notified_at": "2026-05-20T10:00"}])
    lgpd: Lgpd | None = Field(None, description="Brazil's communications to the ANPD and the data subjects (regime lgpd).", examples=[{"small_agent": True, "submitted_at": "2026-11-23T15:00"}])
    pdpa_sg: PdpaSg | None = Field(None, description="Singapore's notices to the PDPC and the individuals (regime pdpa-sg).", examples=[{"pdpc_notified_at": "2026-11-09T10:00"}])
    ndb_au: NdbAu | None = Field(None, description="Australia's notifiable data breach (regime ndb-au).", examples=[{"oaic_at": "2026-03-22T10:00"}])
    pipeda: Pipeda | None = Field(None, description="Canada's reports to the OPC and the individuals (regime pipeda).", examples=[{"rrosh": True, "opc_reported_at": "2026-05-06T15:00"}])
    nfadp: Nfadp | None = Field(None, description="Switzerland's notices to the FDPIC and the NCSC (regime nfadp).",
                                examples=[{"fdpic_notified_at": "2026-03-30T10:00", "ncsc_reportable": True}])
    appi: Appi | None = Field(None, description="Japan's reports to the PPC (regime appi).",
                              examples=[{"items": ["wrongful_purpose"], "preliminary_at": "2026-12-22T10:00"}])
    pipa_kr: PipaKr | None = Field(None, description="South Korea's notices (regime pipa-kr).",
                                   examples=[{"external_access": True, "pipc_reported_at": "2026-09-12T15:00"}])
    dpdp_in: DpdpIn | None = Field(None, description="India's intimations to the Data Protection Board and the data "
                                   "principals (regime dpdp-in).", examples=[{"board_reported_at": "2027-05-15T18:00"}])
    cert_in: CertIn | None = Field(None, description="India's report to CERT-In (regime cert-in).",
                                   examples=[{"incident_type": "malicious_code", "reported_at": "2026-11-14T02:00"}])
    pipl_cn: PiplCn | None = Field(None, description="China's incident reports and PIPL notice (regime pipl-cn).",
                                   examples=[{"grade": "relatively_major", "cac_reported_at": "2026-11-13T10:00"}])

    @model_validator(mode="after")
    def _fill_defaults(self, info: ValidationInfo) -> Incident:
        # defaults that depend on another field, or on the register's configuration
        if self.timezone is None:
            self.timezone = _context_zone(info).key
        if self.detected_at is None:
            self.detected_at = self.aware_at
        if self.regimes is None:
            self.regimes = list((info.context or {}).get("regimes", DEFAULT_REGIMES))
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def injunction_by_measure(self) -> dict[str, Injunction]:
        """Each enjoined measure's injunction (the first that names it), in one pass: looking
        measures up in it keeps a file whose injunction lists 100,000 measures linear."""
        found: dict[str, Injunction] = {}
        for injunction in self.sanction.injunctions if self.sanction else ():
            for measure_id in injunction.measures:
                found.setdefault(measure_id, injunction)
        return found


Location = tuple[str | int, ...]


def incident_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an incident file, for editors and check-jsonschema."""
    schema = Incident.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "breachtrack incident file",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def consistency_problems(incident: Incident) -> list[tuple[Location, str]]:
    """Rules that tie fields together, each with the location of the field to fix."""
    problems: list[tuple[Location, str]] = []
    if incident.detected_at > incident.aware_at:
        problems.append(
            (
                ("detected_at",),
                _("detected_at is after aware_at: the security incident is detected before, or when, the "
                  "organisation becomes aware that personal data were breached"),
            )
        )
    seen: set[str] = set()
    for index, measure in enumerate(incident.remediation):
        if measure.id in seen:
            problems.append(
                (("remediation", index, "id"), _("remediation id '{id}' is used twice in this file").format(
                    id=measure.id))
            )
        seen.add(measure.id)
        if isinstance(measure.due, Duration) and (
            incident.sanction is None or incident.sanction.notified_on is None
        ):
            problems.append(
                (
                    ("remediation", index, "due"),
                    _("'{due}' counts from the sanction's notification, but sanction.notified_on is not given: add "
                      "it, or write the due date itself").format(due=measure.due),
                )
            )
    known = None
    for i, injunction in enumerate(incident.sanction.injunctions if incident.sanction else ()):
        for j, measure_id in enumerate(injunction.measures):
            if measure_id not in seen:
                known = known or _some(sorted(seen))
                problems.append(
                    (
                        ("sanction", "injunctions", i, "measures", j),
                        _("injunction '{injunction}' names measure '{measure}', but no remediation measure has that "
                          "id (known: {known})").format(injunction=injunction.id, measure=measure_id, known=known),
                    )
                )
    for name in ("determined_at", "ransom_paid_at"):
        when = getattr(incident, name)
        if when is not None and when < incident.detected_at:
            zone = incident.zone
            problems.append(((name,), _("{time} is before detected_at ({then}): {why}; check the date").format(
                time=f"{when.astimezone(zone):%Y-%m-%d %H:%M}", then=f"{incident.detected_at.astimezone(zone):%Y-%m-%d %H:%M}",
                why=_(_NOTICE_TOP[name]))))
    problems += _regime_problems(incident)
    problems += _chronology_problems(incident)
    problems += _register_content_problems(incident)
    notice = incident.subject_notice
    if notice and notice.required_by_authority and notice.exempted_by_authority:
        problems.append(
            (
                ("subject_notice", "exempted_by_authority"),
                _("the authority either requires the communication or decides that an Art. 34(3) condition is met "
                  "(Art. 34(4)), not both: keep the decision it made, required_by_authority or "
                  "exempted_by_authority"),
            )
        )
    return problems


def _register_content_problems(incident: Incident) -> list[tuple[Location, str]]:
    """Facts of the register's content that contradict each other."""
    problems: list[tuple[Location, str]] = []
    if incident.lead_authority is not None and incident.cross_border is False:
        problems.append((("lead_authority",), _(
            "a lead supervisory authority acts only for cross-border processing (Art. 56(1)), but cross_border is "
            "false: set cross_border: true, or remove lead_authority")))
    categories = incident.subject_categories
    if categories is not None and incident.subjects is not None:
        for name, count in categories.listed():
            if count is not None and count > incident.subjects:
                problems.append((("subject_categories", name), _(
                    "{count} {category} is more than the {subjects} people concerned in all (subjects): check the "
                    "numbers").format(count=number(count), category=name, subjects=number(incident.subjects))))
    return problems


def _some(names: list[str], shown: int = 10) -> str:
    """The first ``shown`` names, and how many more: a message stays short whatever the file holds."""
    if not names:
        return _("none")
    if len(names) > shown:
        return _("{names} and {count} more").format(names=", ".join(names[:shown]), count=number(len(names) - shown))
    return ", ".join(names)


REGIME_SECTIONS: dict[str, tuple[str, str]] = {
    "nis2": ("nis2", "NIS2"), "dora": ("dora", "DORA"), "eprivacy": ("eprivacy", "ePrivacy"), "pecr": ("pecr", "PECR"),
    "cra": ("cra", "CRA"), **{section: (regime, name) for section, (regime, name, _model) in WORLD_SECTIONS.items()},
}
"""Each section that belongs to a regime: (its regime, its name)."""


def _regime_problems(incident: Incident) -> list[tuple[Location, str]]:
    """Facts that start no clock: a regime's section without the regime, a complement of a
    notification that was complete."""
    problems: list[tuple[Location, str]] = []
    for section, (regime, name) in REGIME_SECTIONS.items():
        if getattr(incident, section) is not None and regime not in incident.regimes:
            problems.append(
                (
                    (section,),
                    _("{name} facts, but {regime} is not among the incident's regimes ({regimes}), so no {name} "
                      "deadline is checked: add {regime} to regimes, or remove the {section} section").format(
                        name=name, regime=regime, section=section, regimes=", ".join(incident.regimes)),
                )
            )
    for section in ("authority_notice", "eprivacy", "pecr"):
        notice = getattr(incident, section)
        if notice is not None and notice.complete and notice.complement_at is not None:
            problems.append(
                (
                    (section, "complement_at"),
                    _("a complementary notification is recorded, but the first one is not marked incomplete: add "
                      "complete: false to {section}, or remove complement_at").format(section=section),
                )
            )
    return problems


_REPORT = N_("a report cannot precede the detection of the incident it reports")
_NOTICE_TOP = {
    "determined_at": N_("an incident cannot be determined material, or a breach found to have occurred, before it "
                        "is detected"),
    "ransom_paid_at": N_("no ransom is paid for an incident not yet detected"),
}
_NOTICE = N_("a notice or an assessment cannot precede the detection of the incident it is about")
_DELAY = N_("a report's delay cannot be announced before the incident it reports is detected")
CHRONOLOGY: dict[str, tuple[tuple[str, str, str], ...]] = {
    # section: (a fact, a fact it cannot precede, why), the weightier first; each fact is
    # reported once. NIS2 and DORA clocks start at detection, CRA's at cra.aware_at (at the
    # earliest detection); the GDPR's and ePrivacy's at awareness that personal data were breached.
    "authority_notice": (
        ("submitted_at", "aware_at", N_("a notification cannot precede the awareness it reports")),
        ("complement_at", "aware_at", N_("a notification cannot precede the awareness it reports")),
        ("complement_at", "authority_notice.submitted_at", N_("a complement cannot precede the notification it completes")),
    ),
    "subject_notice": (
        ("sent_at", "aware_at", N_("people cannot be told of a breach before the organisation is aware of it")),
    ),
    "controller_notice": (
        ("sent_at", "aware_at", N_("a controller cannot be told of a breach before its processor is aware of it")),
    ),
    "complaint": (
        ("filed_at", "detected_at", N_("a complaint cannot precede the detection of the attack it reports")),
    ),
    "risk_assessment": (
        ("assessed_at", "aware_at", N_("the risk of a breach cannot be assessed before the organisation is aware of it")),
    ),
    "nis2": (
        ("early_warning_at", "detected_at", _REPORT),
        ("notification_at", "detected_at", _REPORT),
        ("intermediate_requested_at", "detected_at", N_("no report on an incident can be requested before it is detected")),
        ("intermediate_at", "detected_at", _REPORT),
        ("handled_at", "detected_at", N_("an incident cannot be handled before it is detected")),
        ("final_report_at", "detected_at", _REPORT),
        ("final_report_at", "nis2.notification_at", N_("the final report cannot precede the notification it concludes")),
        ("progress_report_at", "detected_at", _REPORT),
    ),
    "dora": (
        ("classified_major_at", "detected_at", N_("an incident cannot be classified before it is detected")),
        ("initial_at", "detected_at", _REPORT),
        ("intermediate_at", "detected_at", _REPORT),
        ("intermediate_at", "dora.initial_at", N_("the intermediate report cannot precede the initial notification")),
        ("updated_intermediate_at", "detected_at", _REPORT),
        ("updated_intermediate_at", "dora.intermediate_at",
         N_("an updated intermediate report cannot precede the first intermediate report")),
        ("final_at", "detected_at", _REPORT),
        ("final_at", "dora.intermediate_at", N_("the final report cannot precede the intermediate report")),
        ("final_at", "dora.updated_intermediate_at",
         N_("the final report cannot precede the latest updated intermediate report")),
        ("initial_delay_notified_at", "detected_at", _DELAY),
        ("intermediate_delay_notified_at", "detected_at", _DELAY),
        ("intermediate_delay_notified_at", "dora.initial_at",
         N_("the intermediate report's clock starts at the initial notification: a delay cannot be announced before")),
        ("final_delay_notified_at", "detected_at", _DELAY),
        ("final_delay_notified_at", "dora.intermediate_at",
         N_("the final report's clock starts at the intermediate report: a delay cannot be announced before")),
    ),
    **{section: (
        ("notified_at", "aware_at", N_("a notification cannot precede the awareness it reports")),
        ("complement_at", "aware_at", N_("a notification cannot precede the awareness it reports")),
        ("complement_at", f"{section}.notified_at", N_("a complement cannot precede the notification it completes")),
        ("subscribers_informed_at", "aware_at",
         N_("subscribers cannot be told of a breach before the provider is aware of it")),
        ("protection_accepted_at", "aware_at",
         N_("the authority cannot accept protection measures for a breach before the provider is aware of it")),
    ) for section in ("eprivacy", "pecr")},
    "cra": (
        ("aware_at", "detected_at", N_("the manufacturer cannot become aware of it before the incident is detected")),
        ("early_warning_at", "detected_at", _REPORT),
        ("notification_at", "detected_at", _REPORT),
        ("final_report_at", "detected_at", _REPORT),
        ("final_report_at", "cra.notification_at", N_("the final report cannot precede the notification it concludes")),
        ("users_informed_at", "detected_at", N_("users cannot be told of an incident before it is detected")),
    ),
    **{section: tuple((fact, "detected_at", _NOTICE) for fact in dated_facts(model))
       for section, (_regime, _name, model) in WORLD_SECTIONS.items()},
}


def _chronology_problems(incident: Incident) -> list[tuple[Location, str]]:
    """Facts dated before what they follow: a typo there can turn a missed deadline into a met
    one. Each date is shown in the incident's zone."""
    problems: list[tuple[Location, str]] = []
    for section, orderings in CHRONOLOGY.items():
        notice = getattr(incident, section)
        if notice is None:
            continue
        wrong: set[str] = set()
        for fact, follows, why in orderings:
            when = getattr(notice, fact)
            if when is None or fact in wrong:
                continue
            *within, name = follows.split(".")
            then = getattr(notice if within else incident, name)
            if then is not None and when < then:
                wrong.add(fact)
                zone = incident.zone
                problems.append(
                    (
                        (section, fact),
                        _("{time} is before {follows} ({then}): {why}; check the date").format(
                            time=f"{when.astimezone(zone):%Y-%m-%d %H:%M}", follows=follows,
                            then=f"{then.astimezone(zone):%Y-%m-%d %H:%M}", why=_(why)),
                    )
                )
    return problems


# --- the register's configuration ---------------------------------------------------------


def _parse_policy_delay(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    try:
        return Duration.parse(value, ("hours", "days", "weeks"))
    except ValueError as error:
        raise PydanticCustomError("duration", str(error), {}) from None


PolicyDelay = Annotated[Duration, BeforeValidator(_parse_policy_delay)]


def _parse_reminder(value: Any) -> Duration:
    try:
        reminder = Duration.parse(value, ("days", "weeks"))
    except DurationTooLong as error:
        raise PydanticCustomError("reminder", str(error), {}) from None
    except ValueError:
        raise PydanticCustomError("reminder", _(
            "'{value}' is not a reminder: a reminder before an all-day deadline is a number of days or weeks, "
            "such as 7 days, 7d, 2 weeks or 2w"), {"value": value}) from None
    if reminder.amount == 0:
        raise PydanticCustomError("reminder", _("a reminder comes at least 1 day before the due day, not 0"), {})
    return reminder


def _parse_reminders(value: Any) -> tuple[Duration, ...]:
    if isinstance(value, tuple):
        return value
    if not isinstance(value, list):
        raise PydanticCustomError("reminders", _(
            "expected a list such as [\"30 days\", \"7 days\", \"1 day\"], got '{value}'"), {"value": value})
    if len(value) > MAX_REMINDERS:
        raise PydanticCustomError("reminders", _("at most {most} reminders, not {count}"),
                                  {"most": MAX_REMINDERS, "count": len(value)})
    return tuple(_parse_reminder(item) for item in value)


Reminders = Annotated[tuple[Duration, ...], BeforeValidator(_parse_reminders)]
"""How long before an all-day deadline a calendar reminds: days or weeks, never 0, a handful."""
MAX_REMINDERS = 5
DEFAULT_REMINDERS = (Duration(30, "days"), Duration(7, "days"), Duration(1, "days"))
"""A remediation measure is work of weeks (a rollout, a training, a contract): 30 days leaves
time to do it, 7 days to chase what is late, 1 day to send the proof of completion."""

DUE_SOON = "due_soon"
"""Not a status: a pending obligation due within ``warn_within``; ``check`` can fail on it."""


def parse_fail_on(value: Any) -> frozenset[str]:
    """``overdue,late``, a TOML list of statuses, or ``none`` (validation only). Case, spaces
    around a name and a space or hyphen for the underscore do not matter: ``LATE, Due soon``."""
    if isinstance(value, frozenset):
        return value
    choices = (*STATUSES, DUE_SOON)
    problem = PydanticCustomError(
        "fail_on",
        _("'{value}' is not a list of statuses: use statuses separated by commas among {choices}, or none"),
        {"value": value, "choices": ", ".join(choices)},
    )
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list) and all(isinstance(part, str) for part in value):
        parts = value
    else:
        raise problem
    names = {re.sub(r"[\s-]+", "_", part.strip().lower()) for part in parts if part.strip()}
    if names == {"none"} or value == []:
        return frozenset()
    if not names or not names <= set(choices):
        raise problem
    return frozenset(names)


FailOn = Annotated[frozenset[str], BeforeValidator(parse_fail_on)]


NIS2_APPLIES_FROM = date(2024, 10, 18)
"""NIS2 Art. 41(1): Member States "shall apply those measures from 18 October 2024"."""


Language = Literal[LANGUAGES]  # type: ignore[valid-type]
"""A language breachtrack speaks (i18n.LANGUAGES)."""


EntityType = Literal["critical_infrastructure", "public_body", "other"]
"""An operator of critical (information) infrastructure, a central or state body, or another
organisation: China's 2025 measures give each its own period (1, 2 or 4 hours), and Switzerland's
Information Security Act binds only the first."""


LATE_RECORDING = Duration(72, "hours")
"""How long after the time it states a fact may be committed before ``history`` flags it: the
72 hours of Art. 33, in which a notification is made and should be recorded."""


POLICY_TARGETS = frozenset({
    "appi.individuals", "appi.preliminary", "dpdp-in.board_intimation", "dpdp-in.principals", "ndb-au.individuals",
    "ndb-au.oaic", "nfadp.controller", "nfadp.fdpic", "nfadp.subjects", "pdpa-sg.assessment", "pdpa-sg.individuals",
    "pdpa-sg.intermediary", "pipeda.individuals", "pipeda.opc", "pipeda.organisations", "pipl-cn.pipl_notice",
})
"""The obligations whose delay ``[policy]`` may set: those whose text says "as soon as
practicable" (each rule module lists its own; a test keeps the two the same)."""


def _policy_target(obligation: str) -> str:
    """A key of ``[policy]``: a typo would silently keep the default."""
    if obligation not in POLICY_TARGETS:
        close = difflib.get_close_matches(obligation, sorted(POLICY_TARGETS), n=1)
        raise PydanticCustomError("policy_target", _(
            "'{obligation}' is not an obligation whose delay [policy] sets{hint}; those are: {known}"), {
            "obligation": obligation,
            "hint": _(" (did you mean {choices}?)").format(choices=close[0]) if close else "",
            "known": ", ".join(sorted(POLICY_TARGETS))})
    return obligation


class Config(BaseModel):
    """``breachtrack.toml`` at the root of a register."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timezone: ZoneName = DEFAULT_TIMEZONE
    subject_notice_within: PolicyDelay = Duration(72, "hours")
    subscriber_notice_within: PolicyDelay = Duration(72, "hours")
    controller_notice_within: PolicyDelay = Duration(24, "hours")
    complaint_within: PolicyDelay = Duration(72, "hours")
    cra_inform_users_within: PolicyDelay = Duration(72, "hours")
    """Policy target for informing a product's users (CRA Art. 14(8) sets no period)."""
    fail_on: FailOn = frozenset({"overdue"})
    warn_within: PolicyDelay = Duration(72, "hours")
    reminders: Reminders = DEFAULT_REMINDERS
    """Calendar reminders before an all-day deadline (``calendar``), at 09:00 that many days before."""
    max_file_mb: int = Field(5, gt=0, le=10)
    """Larger files are refused unread: an incident file is a few kilobytes."""
    regimes: Annotated[tuple[Regime, ...], Field(min_length=1)] = DEFAULT_REGIMES
    country: str = DEFAULT_COUNTRY
    """The holidays package's code of the country whose public holidays count; for DORA, the
    reporting entity's Member State when an incident names none (``dora.country``)."""
    subdivision: str | None = None
    """A region with its own holidays, such as Moselle (FR: 57) or Alsace (FR: 6AE). DORA ignores
    it: its relief counts national holidays only (see rules/dora.py)."""
    language: Language = "en"
    """The language of what breachtrack writes for people (``--lang`` overrides it); JSON stays English."""
    nis2_in_force: Day | None = None
    """The day the national law transposing NIS2 applies to the register's entities. Without it
    the NIS2 deadlines are the Directive's, kept by the organisation's own choice (policy targets)."""
    policy: dict[Annotated[str, AfterValidator(_policy_target)], PolicyDelay] = {}
    """Policy targets of the regimes beyond Europe, by obligation id (``"ndb-au.oaic" = "72h"``),
    where the text says "as soon as practicable"; each rule has its default."""
    entity: EntityName | None = None
    """In a group register, the name of the entity whose incidents this folder holds; an
    incident elsewhere lists it under ``entities`` to get its clocks."""
    authority: str | None = None
    """The entity's lead data-protection authority, named when a notice does not say (CNIL, ICO,
    BfDI); default: the one of each regime."""
    entity_type: EntityType | None = None
    """What the entity is, for the regimes whose periods depend on it (pipl-cn, nfadp). Not
    declared: the rules that need it take the strictest reading (critical infrastructure)."""

    @field_validator("country")
    @classmethod
    def _known_country(cls, country: str) -> str:
        """Refused here, at the setting, rather than when a DORA deadline first needs it.
        Only a written setting is checked: the holidays package is slow to import."""
        _holidays_of(country, None)
        return country

    @field_validator("nis2_in_force")
    @classmethod
    def _after_nis2_application(cls, day: date | None) -> date | None:
        if day is not None and day < NIS2_APPLIES_FROM:
            raise ValueError(_("{day} is before 18 October 2024, the day from which Member States apply their "
                               "measures transposing NIS2 (Directive (EU) 2022/2555 Art. 41(1)): check the date").format(
                day=day))
        return day

    @field_validator("subdivision")
    @classmethod
    def _known_subdivision(cls, subdivision: str | None, info: ValidationInfo) -> str | None:
        if subdivision is not None and "country" in info.data:
            _holidays_of(info.data["country"], subdivision)
        return subdivision


def _holidays_of(country: str, subdivision: str | None) -> None:
    import holidays

    try:
        holidays.country_holidays(country, subdiv=subdivision)
    except NotImplementedError:
        if subdivision is None:
            raise ValueError(_("the holidays package has no country '{country}': use a code such as FR, DE or "
                               "BE").format(country=country)) from None
        known = ", ".join(holidays.list_supported_countries()[country])
        raise ValueError(_("{country} has no subdivision '{subdivision}' in the holidays package: expected one of "
                           "{known}").format(country=country, subdivision=subdivision, known=known)) from None


# --- results -------------------------------------------------------------------------------

Status = Literal["done", "late", "pending", "overdue", "not_applicable", "exempt"]
STATUSES: tuple[Status, ...] = ("done", "late", "pending", "overdue", "not_applicable", "exempt")


@dataclass(frozen=True)
class SourcedIncident:
    """A valid incident with the file it came from and the register settings that apply."""

    file: str
    incident: Incident
    config: Config
    positions: dict[Location, tuple[int, int]] = field(default_factory=dict, compare=False)
    """Line and column of the keys written in the file (top levels only), and of list items."""
    path: Path | None = field(default=None, compare=False)
    """The file as the system names it: ``file`` is its name made safe to show, which two files
    can share; None for content not read from a file."""

    def position_of(self, about: Location) -> tuple[int, int]:
        """Where the field ``about`` is written, else its nearest enclosing key, else the id."""
        for end in range(len(about), 0, -1):
            if about[:end] in self.positions:
                return self.positions[about[:end]]
        return self.positions.get(("id",), (1, 1))


@dataclass(frozen=True)
class FileError:
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{file_name(self.file)}:{self.line}:{self.column}: {plain(self.message)}"


@dataclass(frozen=True)
class Obligation:
    """One legal or policy step for one incident, as evaluated at the report's as-of time.

    ``due`` and ``done_at`` are datetimes in the incident's zone, or calendar days for a
    remediation measure (due by the end of that day).
    """

    id: str
    title: str
    basis: str
    target: Literal["law", "policy"]
    status: Status
    reason: str
    due: datetime | date | None = None
    done_at: datetime | date | None = None
    line: int = 1
    column: int = 1
    """Where in the incident file the obligation's fact is written, or would be."""
    start: datetime | date | None = None
    """When its clock started, shown like ``due``."""
    entity: str | None = None
    """In a group register, the entity whose clocks and authorities these are; None otherwise."""


@dataclass(frozen=True)
class Ceiling:
    """The most a fine may be for one kind of infringement the incident shows (see ceilings.py)."""

    basis: str
    amount: Decimal
    currency: Literal["EUR", "GBP"]
    why: str
    at_least: bool = False
    """A minimum maximum (NIS2 Art. 34): national law may set a higher ceiling."""


@dataclass(frozen=True)
class Exposure:
    fine_eur: Decimal | None
    astreinte_accrued_eur: Decimal
    astreinte_daily_eur: Decimal
    ceilings: tuple[Ceiling, ...]
    """The highest first in each currency, euros first; they do not add up."""

    def highest(self, currency: Literal["EUR", "GBP"]) -> Ceiling | None:
        return next((ceiling for ceiling in self.ceilings if ceiling.currency == currency), None)

    @property
    def fine_ceiling_eur(self) -> Decimal | None:
        """The highest ceiling in euros: null when only a ceiling in pounds applies."""
        highest = self.highest("EUR")
        return highest.amount if highest else None


@dataclass(frozen=True)
class IncidentReport:
    id: str
    title: str
    file: str
    timezone: str
    obligations: tuple[Obligation, ...]
    exposure: Exposure
    aware_at: datetime | None = None
    """When the organisation became aware of the breach, in the incident's zone."""
    detected_at: datetime | None = None
    """When the security incident was first known, in the incident's zone; None when the file
    does not say (the incident then counts as detected on awareness)."""
    cause: Literal["malicious", "accidental", "unknown"] = "unknown"
    risk: Literal["unlikely", "risk", "high"] | None = None
    data: tuple[DataCategory, ...] = ()
    """The incident's facts that period statistics count (stats.py)."""
    entities: tuple[str, ...] = ()
    """In a group register, the entities the incident concerns, each judged with its own settings."""


@dataclass(frozen=True)
class Summary:
    incidents: int
    by_status: dict[Status, int]
    astreinte_accrued_eur: Decimal
    astreinte_daily_eur: Decimal
    errors: int
    by_entity: dict[str, dict[str, int]] = field(default_factory=dict)
    """In a group register, per entity: ``incidents`` (those that concern it), then its obligations
    by status; empty when no incident concerns a named entity."""


@dataclass(frozen=True)
class Report:
    as_of: datetime
    incidents: tuple[IncidentReport, ...]
    errors: tuple[FileError, ...]
    summary: Summary
