"""Penalty exposure, as-of replay and time arithmetic, with values worked out by hand."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from breachtrack.engine import build_report, evaluate, late_days
from breachtrack.loader import load_file, load_register
from breachtrack.model import Config

PARIS = ZoneInfo("Europe/Paris")
ROOT = Path(__file__).resolve().parent.parent


def incident(tmp_path: Path, config: Config | None = None, **fields):
    document = {"id": "X-1", "title": "t", "aware_at": "2025-06-01T10:00", "risk": "high", **fields}
    file = tmp_path / "x.yaml"
    file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    loaded = load_file(file, config or Config())
    assert loaded.errors == []
    return loaded.incident


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


def injunction(injunction_id, rate, *measures):
    return {"id": injunction_id, "astreinte_eur_per_day": rate, "measures": list(measures)}


def measure(measure_id, due, done_on=None):
    return {"id": measure_id, "title": measure_id, "due": due, **({"done_on": done_on} if done_on else {})}


def test_spec_example_ten_days_of_astreinte(tmp_path):
    # due 29 April, not done, as of 9 May: 30 April to 9 May = 10 days x 5,000 EUR
    sourced = incident(
        tmp_path,
        sanction={"injunctions": [injunction("security", 5000, "mfa")]},
        remediation=[measure("mfa", "2026-04-29")],
    )
    exposure = evaluate(sourced, at("2026-05-09T00:00")).exposure
    assert exposure.astreinte_accrued_eur == Decimal(50000)
    assert exposure.astreinte_daily_eur == Decimal(5000)


def test_two_measures_late_over_overlapping_days_count_each_day_once(tmp_path):
    # a: 30 April..5 May (6 days); b: 3 May..10 May (8 days); union 30 April..10 May = 11 days
    sourced = incident(
        tmp_path,
        sanction={"injunctions": [injunction("s", 5000, "a", "b")]},
        remediation=[measure("a", "2026-04-29", "2026-05-05"), measure("b", "2026-05-02", "2026-05-10")],
    )
    exposure = evaluate(sourced, at("2026-06-01T00:00")).exposure
    assert exposure.astreinte_accrued_eur == Decimal(55000)
    assert exposure.astreinte_daily_eur == 0  # both done: no further day accrues


def test_two_injunctions_add_up(tmp_path):
    # A: 6 days x 5,000 = 30,000; B: 8 days x 1,000 = 8,000
    sourced = incident(
        tmp_path,
        sanction={"injunctions": [injunction("A", 5000, "a"), injunction("B", 1000, "b")]},
        remediation=[measure("a", "2026-04-29", "2026-05-05"), measure("b", "2026-05-02", "2026-05-10")],
    )
    assert evaluate(sourced, at("2026-06-01T00:00")).exposure.astreinte_accrued_eur == Decimal(38000)
    # as of 8 May: A done (6 days), B overdue 3..8 May (6 days): 30,000 + 6,000, and 1,000 a day more
    replay = evaluate(sourced, at("2026-05-08T12:00")).exposure
    assert replay.astreinte_accrued_eur == Decimal(36000)
    assert replay.astreinte_daily_eur == Decimal(1000)


def test_measure_done_on_its_due_day_costs_nothing(tmp_path):
    sourced = incident(
        tmp_path,
        sanction={"injunctions": [injunction("s", 5000, "a")]},
        remediation=[measure("a", "2026-04-29", "2026-04-29")],
    )
    exposure = evaluate(sourced, at("2026-06-01T00:00")).exposure
    assert exposure.astreinte_accrued_eur == 0


def test_relative_due_counts_from_notification(tmp_path):
    # 3 months after 29 January 2026 = 29 April; as of 9 May: 10 days
    sourced = incident(
        tmp_path,
        sanction={"notified_on": "2026-01-29", "fine_eur": 5000000,
                  "injunctions": [injunction("s", 5000, "a")]},
        remediation=[measure("a", "3 months")],
    )
    exposure = evaluate(sourced, at("2026-05-09T00:00")).exposure
    assert exposure.astreinte_accrued_eur == Decimal(50000)
    assert exposure.fine_eur == Decimal(5000000)
    # before the decision was notified, it does not exist yet: no fine, no astreinte
    before = evaluate(sourced, at("2026-01-20T00:00")).exposure
    assert before.fine_eur is None and before.astreinte_accrued_eur == 0


def test_fine_ceiling_once_a_notification_duty_is_breached(tmp_path):
    late = {"submitted_at": "2026-02-06T15:00"}  # aware 2 Feb 09:00: 102 hours
    small = incident(tmp_path, aware_at="2026-02-02T09:00", risk="risk", turnover_eur=48_000_000, authority_notice=late)
    assert evaluate(small, at("2026-03-01T00:00")).exposure.fine_ceiling_eur == Decimal(10_000_000)
    large = incident(tmp_path, aware_at="2026-02-02T09:00", risk="risk", turnover_eur=1_000_000_000, authority_notice=late)
    assert evaluate(large, at("2026-03-01T00:00")).exposure.fine_ceiling_eur == Decimal(20_000_000)
    on_time = incident(tmp_path, aware_at="2026-02-02T09:00", risk="risk", turnover_eur=1_000_000_000,
                       authority_notice={"submitted_at": "2026-02-03T09:00"})
    assert evaluate(on_time, at("2026-03-01T00:00")).exposure.fine_ceiling_eur is None


def test_a_missed_policy_target_brings_no_ceiling(tmp_path):
    # notified on time; the complement (CNIL practice, 72 h after the notification) a week late, and the
    # people (policy target, 72 h after awareness) informed five days late: no duty of the law's is missed
    policy_only = incident(tmp_path, aware_at="2026-02-02T09:00", risk="high", turnover_eur=1_200_000_000,
                           authority_notice={"submitted_at": "2026-02-03T09:00", "complete": False,
                                             "complement_at": "2026-02-13T09:00"},
                           subject_notice={"sent_at": "2026-02-10T09:00"})
    report = evaluate(policy_only, at("2026-03-01T00:00"))
    statuses = {o.id: (o.target, o.status) for o in report.obligations}
    assert statuses["gdpr.art33.complement"] == ("policy", "late")
    assert statuses["gdpr.art34.inform_subjects"] == ("policy", "late")
    assert report.exposure.ceilings == () and report.exposure.fine_ceiling_eur is None


def test_gdpr_art_83_4_ceiling_names_its_basis_and_why(tmp_path):
    late = incident(tmp_path, aware_at="2026-02-02T09:00", risk="risk", turnover_eur=1_200_000_000,
                    authority_notice={"submitted_at": "2026-02-06T15:00"})  # 102 hours: notice and reasons late
    [ceiling] = evaluate(late, at("2026-03-01T00:00")).exposure.ceilings
    assert (ceiling.basis, ceiling.amount, ceiling.currency, ceiling.at_least) == (
        "GDPR Art. 83(4)(a)", Decimal(24_000_000), "EUR", False)  # 2 % of 1.2 bn
    assert ceiling.why == (
        "a GDPR Art. 33 or 34 duty missed (gdpr.art33.notify_authority late, gdpr.art33.delay_reasons overdue): "
        "the higher of 10,000,000 EUR and 2 % of the worldwide turnover")


ENJOINED = {"sanction": {"authority": "CNIL", "reference": "SAN-2026-003", "notified_on": "2026-01-29",
                         "injunctions": [injunction("security", 5000, "mfa")]}}


@pytest.mark.parametrize(("turnover", "ceiling"), [(1_200_000_000, 48_000_000), (300_000_000, 20_000_000)])
def test_an_enjoined_measure_overdue_is_non_compliance_with_an_order(tmp_path, turnover, ceiling):
    # 4 % of 1.2 bn = 48 M; 4 % of 300 M = 12 M, below 20 M
    overdue = incident(tmp_path, turnover_eur=turnover, **ENJOINED, remediation=[measure("mfa", "2026-04-29")],
                       authority_notice={"submitted_at": "2025-06-02T10:00"})
    exposure = evaluate(overdue, at("2026-05-09T00:00")).exposure
    [order] = exposure.ceilings
    assert (order.basis, order.amount, order.currency) == ("GDPR Art. 83(5)(e), 83(6)", Decimal(ceiling), "EUR")
    assert exposure.fine_ceiling_eur == Decimal(ceiling)
    assert order.why.startswith("non-compliance with an order of the supervisory authority under Art. 58(2) "
                                "(remediation.mfa overdue)")
    done_late = incident(tmp_path, turnover_eur=turnover, **ENJOINED, remediation=[measure("mfa", "2026-04-29", "2026-05-02")],
                         authority_notice={"submitted_at": "2025-06-02T10:00"})
    assert evaluate(done_late, at("2026-05-09T00:00")).exposure.fine_ceiling_eur == Decimal(ceiling)
    on_time = incident(tmp_path, turnover_eur=turnover, **ENJOINED, remediation=[measure("mfa", "2026-04-29", "2026-04-29")],
                       authority_notice={"submitted_at": "2025-06-02T10:00"})
    assert evaluate(on_time, at("2026-05-09T00:00")).exposure.ceilings == ()


def test_a_measure_of_the_organisations_own_plan_overdue_brings_no_ceiling(tmp_path):
    plan = incident(tmp_path, turnover_eur=1_200_000_000, remediation=[measure("mfa", "2026-04-29")],
                    authority_notice={"submitted_at": "2025-06-02T10:00"})
    report = evaluate(plan, at("2026-05-09T00:00"))
    assert {(o.id, o.target, o.status) for o in report.obligations if o.id == "remediation.mfa"} == {
        ("remediation.mfa", "policy", "overdue")}
    assert report.exposure.ceilings == ()


def test_the_highest_ceiling_first_when_a_duty_and_an_order_are_both_missed(tmp_path):
    # the communication the CNIL required by 1 March 12:00 was sent a day late: an order (Art. 58(2)(e)),
    # and an Art. 34 duty; 300 M turnover: 20 M (4 % is 12 M) and 10 M (2 % is 6 M)
    both = incident(tmp_path, aware_at="2026-02-02T09:00", turnover_eur=300_000_000,
                    authority_notice={"submitted_at": "2026-02-03T09:00"},
                    subject_notice={"required_by_authority": True, "required_due": "2026-03-01T12:00",
                                    "sent_at": "2026-03-02T12:00"})
    exposure = evaluate(both, at("2026-03-05T00:00")).exposure
    assert [(c.basis, c.amount) for c in exposure.ceilings] == [
        ("GDPR Art. 83(5)(e), 83(6)", Decimal(20_000_000)), ("GDPR Art. 83(4)(a)", Decimal(10_000_000))]
    assert exposure.highest("EUR").basis == "GDPR Art. 83(5)(e), 83(6)"
    assert exposure.highest("GBP") is None


NIS2_LAW = Config(nis2_in_force="2025-01-01")  # an illustrative day from which a national law applies


@pytest.mark.parametrize(("entity", "turnover", "basis", "ceiling"), [
    ("essential", 1_200_000_000, "NIS2 Art. 34(4)", 24_000_000),   # 2 % of 1.2 bn
    ("important", 1_200_000_000, "NIS2 Art. 34(5)", 16_800_000),   # 1.4 % of 1.2 bn
    ("important", 300_000_000, "NIS2 Art. 34(5)", 7_000_000),      # 1.4 % is 4.2 M
    ("trust_service", 300_000_000, "NIS2 Art. 34(4)", 10_000_000),  # the essential tier; 2 % is 6 M
])
def test_nis2_ceilings_are_minimum_maxima(tmp_path, entity, turnover, basis, ceiling):
    # detected 2 March 08:00, notification due 5 March 08:00 (4 March for a trust service provider), sent 6 March
    late = incident(tmp_path, NIS2_LAW, regimes=["nis2"], detected_at="2026-03-02T08:00", aware_at="2026-03-02T08:00",
                    risk="unlikely", turnover_eur=turnover,
                    nis2={"entity": entity, "significant": True, "early_warning_at": "2026-03-02T10:00",
                          "notification_at": "2026-03-06T08:00"})
    [nis2] = evaluate(late, at("2026-03-07T00:00")).exposure.ceilings
    assert (nis2.basis, nis2.amount, nis2.currency, nis2.at_least) == (basis, Decimal(ceiling), "EUR", True)
    assert "a maximum of at least" in nis2.why
    without_national_law = incident(tmp_path, regimes=["nis2"], detected_at="2026-03-02T08:00",
                                    aware_at="2026-03-02T08:00", risk="unlikely", turnover_eur=turnover,
                                    nis2={"entity": entity, "significant": True, "notification_at": "2026-03-06T08:00"})
    assert evaluate(without_national_law, at("2026-03-07T00:00")).exposure.ceilings == ()


UK_LATE = {"regimes": ["uk"], "aware_at": "2026-02-02T09:00", "risk": "risk",
           "authority_notice": {"authority": "ICO", "submitted_at": "2026-02-06T15:00"}}


@pytest.mark.parametrize(("turnover", "ceiling"), [(1_000_000_000, 20_000_000), (300_000_000, 8_700_000)])
def test_uk_standard_maximum_in_pounds(tmp_path, turnover, ceiling):
    # 2 % of 1 bn GBP = 20 M GBP; 2 % of 300 M GBP = 6 M, below 8.7 M
    late = incident(tmp_path, turnover_gbp=turnover, turnover_eur=1_200_000_000, **UK_LATE)
    exposure = evaluate(late, at("2026-03-01T00:00")).exposure
    [uk] = exposure.ceilings
    assert (uk.basis, uk.amount, uk.currency) == ("UK GDPR Art. 83(4); DPA 2018 s.157", Decimal(ceiling), "GBP")
    assert uk.why.startswith("a UK GDPR duty missed (uk.art33.notify_ico late")
    assert exposure.fine_ceiling_eur is None  # no conversion: pounds stay pounds
    assert exposure.highest("GBP") == uk
    only_euros = incident(tmp_path, turnover_eur=1_200_000_000, **UK_LATE)
    assert evaluate(only_euros, at("2026-03-01T00:00")).exposure.ceilings == ()


def test_uk_higher_maximum_for_an_order_of_the_commissioner(tmp_path):
    # 4 % of 300 M GBP = 12 M, below 17.5 M
    overdue = incident(tmp_path, regimes=["uk"], turnover_gbp=300_000_000,
                       sanction={"authority": "ICO", "notified_on": "2026-01-29",
                                 "injunctions": [injunction("security", 0, "mfa")]},
                       remediation=[measure("mfa", "2026-04-29")],
                       authority_notice={"authority": "ICO", "submitted_at": "2025-06-02T10:00"})
    [uk] = evaluate(overdue, at("2026-05-09T00:00")).exposure.ceilings
    assert (uk.basis, uk.amount, uk.currency) == ("UK GDPR Art. 83(5), (6); DPA 2018 s.157", Decimal(17_500_000), "GBP")


@pytest.mark.parametrize(("turnover", "ceiling"), [(1_200_000_000, 30_000_000), (300_000_000, 15_000_000)])
def test_cra_ceiling_once_a_report_is_missed(tmp_path, turnover, ceiling):
    # aware 24 October 2026 18:00: early warning and notification overdue on 30 October; 2.5 % of 1.2 bn = 30 M,
    # of 300 M = 7.5 M, below 15 M
    late = incident(tmp_path, regimes=["cra"], detected_at="2026-10-24T18:00", aware_at="2026-10-24T18:00",
                    risk="unlikely", turnover_eur=turnover, cra={"kind": "exploited_vulnerability"})
    [cra] = evaluate(late, at("2026-10-30T00:00")).exposure.ceilings
    assert (cra.basis, cra.amount, cra.currency) == ("CRA Art. 64(2)", Decimal(ceiling), "EUR")
    assert cra.why.startswith("a CRA Art. 14 report missed (cra.early_warning overdue, cra.notification overdue)")


def test_late_days_union():
    d = date
    assert late_days([]) == 0
    assert late_days([(d(2026, 4, 30), d(2026, 5, 9))]) == 10
    assert late_days([(d(2026, 5, 3), d(2026, 5, 10)), (d(2026, 4, 30), d(2026, 5, 5))]) == 11
    assert late_days([(d(2026, 1, 1), d(2026, 1, 2)), (d(2026, 1, 5), d(2026, 1, 5))]) == 3
    assert late_days([(d(2026, 1, 1), d(2026, 1, 10)), (d(2026, 1, 2), d(2026, 1, 3))]) == 10


def test_incident_not_yet_detected_is_not_in_the_replayed_register():
    register = load_register([ROOT / "incidents"])
    report = build_report(register, at("2025-01-01T00:00"))
    assert [i.id for i in report.incidents] == ["FT-2024-03"]


def test_sample_register_france_travail_figures():
    register = load_register([ROOT / "incidents"])
    report = build_report(register, at("2026-11-23T12:00"))
    ft = next(i for i in report.incidents if i.id == "FT-2024-03")
    # logging due 29 July, justified 10 August: 30 July..10 August = 12 days; access-review's
    # 30..31 July fall inside them: 12 x 5,000 = 60,000 EUR
    assert ft.exposure.astreinte_accrued_eur == Decimal(60000)
    assert ft.exposure.fine_eur == Decimal(5_000_000)
    kairos = next(i for i in report.incidents if i.id == "FT-2025-KAIROS")
    notify = next(o for o in kairos.obligations if o.id == "gdpr.art33.notify_authority")
    assert notify.due.isoformat() == "2025-07-15T10:00:00+02:00"
    assert notify.status == "done"
    assert report.summary.by_status["overdue"] == 1
    assert report.summary.astreinte_accrued_eur == Decimal(60000)


def test_as_of_must_be_aware():
    with pytest.raises(ValueError):
        build_report(load_register([ROOT / "incidents"]), datetime(2026, 1, 1))


def test_spec_complete_example_as_of_9_may_2026():
    # mfa: 3 months after notification on 29 January = 29 April, not done: 30 April..9 May,
    # 10 days x 5,000 = 50,000 EUR, and 5,000 EUR more each day. The complaint was filed on
    # 15 July at 11:00, one hour after detected_at + 72 h (10:00): late.
    register = load_register([ROOT / "tests" / "examples" / "valid" / "spec-complete-example.yaml"])
    report = build_report(register, at("2026-05-09T00:00"))
    [kairos] = report.incidents
    assert kairos.exposure.astreinte_accrued_eur == Decimal(50000)
    assert kairos.exposure.astreinte_daily_eur == Decimal(5000)
    assert kairos.exposure.fine_eur == Decimal(5_000_000)
    by_id = {o.id: o for o in kairos.obligations}
    assert (by_id["remediation.mfa"].due, by_id["remediation.mfa"].status) == (date(2026, 4, 29), "overdue")
    assert by_id["fr.complaint"].status == "late"
    assert by_id["remediation.logging"].status == "pending"


def test_parallel_loading_gives_the_serial_result_in_the_same_order(tmp_path, monkeypatch):
    import breachtrack.loader as loader

    for number in range(loader.PARALLEL_FROM + 20):
        (tmp_path / f"i{number:04d}.yaml").write_text(
            f"id: P-{number % 300}\ntitle: t\naware_at: 2026-01-05T10:00\nrisk: {'high' if number % 7 else 'severe'}\n"
        )
    parallel = load_register([tmp_path])
    monkeypatch.setattr(loader, "PARALLEL_FROM", 10**9)
    serial = load_register([tmp_path])
    assert [s.file for s in parallel.incidents] == [s.file for s in serial.incidents]
    assert [s.incident for s in parallel.incidents] == [s.incident for s in serial.incidents]
    assert parallel.errors == serial.errors
    assert any("already used by" in e.message for e in serial.errors)
