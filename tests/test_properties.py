"""Properties that must hold for any time zone, instant and calendar (hypothesis, fixed seed)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from breachtrack.engine import evaluate
from breachtrack.model import Config, Incident, SourcedIncident

ZONES = ["Europe/Paris", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata",
         "America/Santiago", "Pacific/Chatham", "UTC"]
PROPERTY_SETTINGS = settings(max_examples=200, derandomize=True, deadline=None)


def sourced(document: dict, zone: str = "Europe/Paris") -> SourcedIncident:
    incident = Incident.model_validate(
        {"id": "P-1", "title": "property", **document}, context={"zone": ZoneInfo(zone)}
    )
    return SourcedIncident("p.yaml", incident, Config())


@PROPERTY_SETTINGS
@given(
    zone=st.sampled_from(ZONES),
    aware=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)),
)
def test_72_hours_are_72_elapsed_hours_in_any_zone(zone, aware):
    local = aware.astimezone(ZoneInfo(zone))
    report = evaluate(sourced({"aware_at": local.isoformat(), "risk": "high"}, zone), aware)
    notify = next(o for o in report.obligations if o.id == "gdpr.art33.notify_authority")
    assert notify.due.astimezone(UTC) - aware == timedelta(hours=72)
    assert notify.due.tzinfo.key == zone  # shown in the incident's own zone


@PROPERTY_SETTINGS
@given(
    rate=st.integers(min_value=0, max_value=100_000),
    dues=st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=4),
    delays=st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=200)), min_size=4, max_size=4),
    horizon=st.integers(min_value=0, max_value=800),
)
def test_astreinte_never_decreases_and_never_exceeds_rate_times_days(rate, dues, delays, horizon):
    start = date(2026, 1, 1)
    measures = [
        {"id": f"m{i}", "title": "m", "due": (start + timedelta(days=due)).isoformat(),
         **({"done_on": (start + timedelta(days=due + delays[i])).isoformat()} if delays[i] is not None else {})}
        for i, due in enumerate(dues)
    ]
    incident = sourced({
        "aware_at": "2025-06-01T10:00", "risk": "high", "remediation": measures,
        "sanction": {"injunctions": [{"id": "s", "astreinte_eur_per_day": rate, "measures": [m["id"] for m in measures]}]},
    })
    first_due = start + timedelta(days=min(dues))
    previous = Decimal(0)
    for offset in range(0, horizon + 1, 37):
        day = start + timedelta(days=offset)
        as_of = datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("Europe/Paris"))
        accrued = evaluate(incident, as_of).exposure.astreinte_accrued_eur
        assert accrued >= previous
        assert accrued <= rate * max(0, (day - first_due).days)
        previous = accrued
