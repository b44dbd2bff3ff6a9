"""Rules between the fields of one incident: an injunction naming tens of thousands of measures."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from breachtrack.engine import evaluate
from breachtrack.model import Config, Incident, SourcedIncident, consistency_problems
from breachtrack.rules import remediation

BASE = {"id": "X-1", "title": "t", "detected_at": "2025-07-12T08:00", "aware_at": "2025-07-12T10:00", "risk": "high"}


# --- an injunction naming 20,000 measures -----------------------------------------------------

COUNT = 20_000


def sanctioned(measure_ids: list[str]) -> Incident:
    return Incident.model_validate({
        **BASE,
        "sanction": {"reference": "SAN-1", "notified_on": "2026-01-01",
                     "injunctions": [{"id": "all", "astreinte_eur_per_day": 10, "measures": measure_ids}]},
        "remediation": [{"id": f"m{n:05d}", "title": "t", "due": "2026-01-01"} for n in range(COUNT)],
    })


def test_an_injunction_naming_20000_measures_is_linked_once(monkeypatch):
    incident = sanctioned([f"m{n:05d}" for n in range(COUNT)])
    builds = []
    real = Incident.injunction_by_measure
    monkeypatch.setattr(Incident, "injunction_by_measure", lambda self: builds.append(1) or real(self))
    assessments = remediation.assess(incident, Config())
    assert len(builds) == 1  # one map for the 20,000 measures, not a scan of the list for each
    assert {a.basis for a in assessments} == {"CNIL SAN-1, injunction 'all'"}
    assert {a.target for a in assessments} == {"law"}
    # every measure due 1 January and none done: 10 EUR for each of the 10 days 2 to 11 January
    sourced = SourcedIncident("x.yaml", incident, Config())
    exposure = evaluate(sourced, datetime(2026, 1, 11, 12, tzinfo=UTC)).exposure
    assert (exposure.astreinte_accrued_eur, exposure.astreinte_daily_eur) == (Decimal(100), Decimal(10))


def test_20000_unknown_measures_each_name_a_short_list_of_the_known_ones():
    incident = sanctioned([f"u{n:05d}" for n in range(COUNT)])
    problems = consistency_problems(incident)
    assert len(problems) == COUNT
    assert problems[-1] == (
        ("sanction", "injunctions", 0, "measures", COUNT - 1),
        "injunction 'all' names measure 'u19999', but no remediation measure has that id (known: m00000, m00001, "
        "m00002, m00003, m00004, m00005, m00006, m00007, m00008, m00009 and 19,990 more)")

