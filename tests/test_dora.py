"""DORA beyond its case file (tests/rules/dora.yaml): the reporting entity's Member State, its
legal time and holidays, as-of replay and ``record`` of the DORA facts."""

from __future__ import annotations

import importlib.resources
import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import holidays
import yaml

from breachtrack.engine import evaluate
from breachtrack.loader import load_bytes
from breachtrack.model import MEMBER_STATE_ZONES, Config
from conftest import ROOT, run_cli

PARIS = ZoneInfo("Europe/Paris")
BASE = {"id": "X-1", "title": "t", "regimes": ["dora"], "detected_at": "2025-11-04T08:00",
        "aware_at": "2025-11-04T08:00", "risk": "unlikely"}


def load(dora: dict, config: Config | None = None):
    text = yaml.safe_dump({**BASE, "dora": dora}, sort_keys=False)
    return load_bytes(text.encode(), "x.yaml", config or Config())


def test_each_member_states_legal_time_is_the_first_zone_the_tz_database_lists_for_it():
    zone_tab = importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    first: dict[str, str] = {}
    for line in zone_tab.splitlines():
        if line and not line.startswith("#"):
            country, _, zone, *_ = line.split("\t")
            first.setdefault(country, zone)
    assert {country: first[country] for country in MEMBER_STATE_ZONES} == MEMBER_STATE_ZONES
    assert len(MEMBER_STATE_ZONES) == 27 + 3  # the Union's Member States, and Iceland, Liechtenstein, Norway
    assert set(MEMBER_STATE_ZONES) <= set(holidays.list_supported_countries())


def test_a_country_that_is_not_a_member_state_is_an_error_at_its_line():
    [error] = load({"country": "US", "classified_major_at": "2025-11-04T08:00"}).errors
    assert str(error).startswith("x.yaml:9:12: dora.country: 'US' is not a valid value: expected AT, BE, BG,")


def test_the_registers_country_must_be_a_member_state_for_a_dora_incident_naming_none():
    config = Config(country="US")
    [error] = load({"classified_major_at": "2025-11-04T08:00"}, config).errors
    assert str(error) == (
        "x.yaml:9:3: dora: the reporting entity's Member State is US (country in breachtrack.toml), which is not "
        f"an EU or EEA Member State: write dora.country, one of {', '.join(MEMBER_STATE_ZONES)}")
    assert load({"country": "FR", "classified_major_at": "2025-11-04T08:00"}, config).errors == []
    text = yaml.safe_dump({**BASE, "regimes": ["gdpr"]}, sort_keys=False)
    assert load_bytes(text.encode(), "x.yaml", config).errors == []  # no DORA, no Member State needed


def test_later_dora_facts_are_unknown_as_of_before_them():
    loaded = load({"classified_major_at": "2025-11-04T08:00", "initial_at": "2025-11-04T10:00",
                   "intermediate_at": "2025-11-06T10:00", "recovered_at": "2025-11-12T15:00",
                   "updated_intermediate_at": "2025-11-12T15:00", "final_at": "2025-12-01T10:00",
                   "final_delay_notified_at": "2025-11-28T10:00"})
    assert loaded.errors == []
    before = {o.id: o for o in evaluate(loaded.incident, datetime(2025, 11, 12, 14, 0, tzinfo=PARIS)).obligations}
    assert "dora.updated_intermediate" not in before  # not recovered yet
    assert "dora.final.delay_notice" not in before
    assert before["dora.final"].due == datetime(2025, 12, 8, 12, 0, tzinfo=PARIS)  # 6 December is a Saturday
    recovered = {o.id: o for o in evaluate(loaded.incident, datetime(2025, 11, 12, 16, 0, tzinfo=PARIS)).obligations}
    assert recovered["dora.updated_intermediate"].status == "done"
    at_recovery = {o.id: o for o in evaluate(loaded.incident, datetime(2025, 11, 12, 15, 0, tzinfo=PARIS)).obligations}
    assert at_recovery["dora.updated_intermediate"].status == "done"  # sent at the recovery itself
    after = {o.id: o for o in evaluate(loaded.incident, datetime(2025, 12, 2, tzinfo=PARIS)).obligations}
    assert after["dora.final.delay_notice"].status == "done"


def test_record_writes_a_delay_notice_with_its_reasons_and_the_recovery(tmp_path):
    folder = tmp_path / "register"
    folder.mkdir()
    shutil.copy(ROOT / "incidents" / "2025-10-bank-dora.yaml", folder / "bank.yaml")
    result = run_cli("record", "BK-2025-10-CARDS", "dora-final-delay-notified", "--at", "2025-12-01T09:00",
                     "--delay-reasons", "root cause analysis pending", "--register", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[1:] == [
        "  dora.final_delay_notified_at: 2025-12-01T09:00",
        "  dora.delay_reasons: root cause analysis pending",
        "dora.final.delay_notice is now done: due 2025-12-03 18:00 +01:00, done 2025-12-01 09:00 +01:00",
    ]
    result = run_cli("record", "BK-2025-10-CARDS", "dora-updated-intermediate", "--at", "2025-11-05T10:00",
                     "--register", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    text = (folder / "bank.yaml").read_text(encoding="utf-8")
    assert "  updated_intermediate_at: 2025-11-05T10:00\n  final_at:" in text
    result = run_cli("record", "BK-2025-10-CARDS", "dora-recovered", "--at", "2025-11-05T09:00", "--force",
                     "--register", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == (
        "dora.updated_intermediate is now late: due 2025-11-05 09:00 +01:00, done 2025-11-05 10:00 +01:00 "
        "(done 1 h late)")
    result = run_cli("record", "BK-2025-10-CARDS", "dora-recovered", "--delay-reasons", "x", "--register", str(folder))
    assert result.returncode == 2
    assert "--delay-reasons goes with: notified, pecr-notified, dora-initial-delay-notified" in result.stdout + result.stderr
