"""Rules between the fields of one incident (issue 12): the order of its facts, the facts of
regimes it does not have, and an injunction naming tens of thousands of measures."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
import yaml

from breachtrack.engine import evaluate
from breachtrack.loader import load_bytes
from breachtrack.model import CHRONOLOGY, REGIME_SECTIONS, Config, Incident, SourcedIncident, consistency_problems
from breachtrack.rules import remediation
from conftest import EXAMPLES, run_cli

BASE = {"id": "X-1", "title": "t", "detected_at": "2025-07-12T08:00", "aware_at": "2025-07-12T10:00", "risk": "high"}


def load(config: Config | None = None, **fields):
    text = yaml.safe_dump({**BASE, **fields}, sort_keys=False)
    return load_bytes(text.encode(), "x.yaml", config or Config())


def messages(**fields) -> list[str]:
    return [str(error) for error in load(**fields).errors]


def test_a_notification_a_day_before_awareness_is_an_error_not_a_deadline_met():
    assert messages(authority_notice={"submitted_at": "2025-07-11T10:00"}) == [
        "x.yaml:7:17: authority_notice.submitted_at: 2025-07-11 10:00 is before aware_at (2025-07-12 10:00): "
        "a notification cannot precede the awareness it reports; check the date"]
    at_awareness = load(authority_notice={"submitted_at": "2025-07-12T10:00"})
    notify = evaluate(at_awareness.incident, datetime(2025, 7, 20, tzinfo=UTC)).obligations[0]
    assert (notify.id, notify.status) == ("gdpr.art33.notify_authority", "done")


def test_facts_between_detection_and_awareness_are_fine_where_the_clock_starts_at_detection():
    loaded = load(cause="malicious", regimes=["gdpr", "fr", "nis2", "dora", "cra"],
                  complaint={"filed_at": "2025-07-12T09:00"},
                  nis2={"significant": True, "early_warning_at": "2025-07-12T09:00"},
                  dora={"classified_major_at": "2025-07-12T08:30", "initial_at": "2025-07-12T09:00",
                        "recovered_at": "2025-07-12T07:00"},  # recovery may come before the incident is known
                  cra={"aware_at": "2025-07-12T08:00", "early_warning_at": "2025-07-12T09:00",
                       "fix_available_at": "2025-07-01T10:00"})  # a fix may predate the exploitation found
    assert loaded.errors == []


@pytest.mark.parametrize("section", ["eprivacy", "pecr"])
def test_a_telecom_notification_between_detection_and_awareness_is_an_error(section):
    # the ePrivacy clock starts when personal data are known compromised (611/2013 Art. 2(2)), i.e. aware_at
    assert messages(regimes=[section], **{section: {"notified_at": "2025-07-12T09:00"}}) == [
        f"x.yaml:9:16: {section}.notified_at: 2025-07-12 09:00 is before aware_at (2025-07-12 10:00): "
        "a notification cannot precede the awareness it reports; check the date"]


def test_times_are_shown_in_the_incidents_zone():
    assert messages(timezone="Asia/Kolkata", complaint={"filed_at": "2025-07-12T02:00Z"}) == [
        "x.yaml:8:13: complaint.filed_at: 2025-07-12 07:30 is before detected_at (2025-07-12 08:00): "
        "a complaint cannot precede the detection of the attack it reports; check the date"]


def test_each_fact_is_reported_once_for_the_first_order_it_breaks():
    # before awareness and before the notification it completes: the first is said
    assert messages(authority_notice={"submitted_at": "2025-07-13T10:00", "complete": False,
                                      "complement_at": "2025-07-12T09:00"}) == [
        "x.yaml:9:18: authority_notice.complement_at: 2025-07-12 09:00 is before aware_at (2025-07-12 10:00): "
        "a notification cannot precede the awareness it reports; check the date"]


EARLIER = {"aware_at": "2025-07-12T09:00", "detected_at": "2025-07-12T07:00"}  # an hour before each


@pytest.mark.parametrize(
    ("section", "fact", "follows", "why"),
    [(section, *order) for section, orders in CHRONOLOGY.items() for order in orders],
)
def test_every_order_is_checked(section, fact, follows, why):
    regimes = ["gdpr", "fr", REGIME_SECTIONS[section][0]] if section in REGIME_SECTIONS else ["gdpr", "fr"]
    notice: dict = {"complete": False} if section in ("authority_notice", "eprivacy", "pecr") else {}
    if "." in follows:  # a fact of the same section, at 11:00; this one half an hour before
        notice |= {follows.split(".")[1]: "2025-07-12T11:00", fact: "2025-07-12T10:30"}
        dates = "2025-07-12 10:30", "2025-07-12 11:00"
    else:
        notice[fact] = EARLIER[follows]
        dates = EARLIER[follows].replace("T", " "), BASE[follows].replace("T", " ")
    [error] = load(regimes=regimes, **{section: notice}).errors
    assert error.message == f"{section}.{fact}: {dates[0]} is before {follows} ({dates[1]}): {why}; check the date"


@pytest.mark.parametrize("section", ["nis2", "dora", "eprivacy", "pecr", "cra"])
def test_a_regime_section_needs_its_regime_from_the_file_or_the_register(section):
    [error] = load(**{section: {}}).errors
    name = {"nis2": "NIS2", "dora": "DORA", "eprivacy": "ePrivacy", "pecr": "PECR", "cra": "CRA"}[section]
    assert str(error) == (f"x.yaml:6:1: {section}: {name} facts, but {section} is not among the incident's regimes "
                          f"(gdpr, fr), so no {name} deadline is checked: add {section} to regimes, or remove the "
                          f"{section} section")
    assert load(regimes=["gdpr", section], **{section: {}}).errors == []
    assert load(Config(regimes=("gdpr", section)), **{section: {}}).errors == []


def test_an_eprivacy_complement_needs_an_incomplete_first_notification():
    assert messages(regimes=["gdpr", "eprivacy"],
                    eprivacy={"notified_at": "2025-07-12T11:00", "complement_at": "2025-07-13T09:00"}) == [
        "x.yaml:11:18: eprivacy.complement_at: a complementary notification is recorded, but the first one is not "
        "marked incomplete: add complete: false to eprivacy, or remove complement_at"]


def test_the_authority_cannot_both_require_the_communication_and_exempt_it():
    assert messages(subject_notice={"required_by_authority": True, "exempted_by_authority": "encrypted"}) == [
        "x.yaml:8:26: subject_notice.exempted_by_authority: the authority either requires the communication or "
        "decides that an Art. 34(3) condition is met (Art. 34(4)), not both: keep the decision it made, "
        "required_by_authority or exempted_by_authority"]


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


def test_record_refuses_a_nis2_report_for_an_incident_outside_nis2(tmp_path):
    register = tmp_path / "register"
    register.mkdir()
    before = (EXAMPLES / "record" / "commented.yaml").read_bytes()  # regimes: the defaults, gdpr and fr
    (register / "clinic.yaml").write_bytes(before)
    result = run_cli("record", "CT-2026-11-PHISHING", "nis2-early-warning", "--at", "2026-11-19T10:00",
                     "--register", str(register))
    assert result.returncode == 2
    assert "add nis2 to regimes, or remove the nis2 section" in result.stderr
    assert (register / "clinic.yaml").read_bytes() == before
