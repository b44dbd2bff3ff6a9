"""Dates, durations and numbers at the ends of what Python holds (issue 12, item 4): each is an
error located in its own file, or a usage error for an option, and every other file is still
checked; never "internal error" (the command line's catch-all for our own bugs).

The command line runs in this process, through its real entry point; a handful of registers
also go through a real subprocess.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breachtrack import cli
from breachtrack.model import WORLD_SECTIONS, Duration, dated_facts, within_register_years
from conftest import run_cli

NEIGHBOUR = "id: OK-1\ntitle: A valid neighbour\naware_at: 2026-01-05T10:00\nrisk: high\n"
BASE = "id: X-1\ntitle: t\naware_at: 2026-01-05T10:00\nrisk: high\n"  # lines 1 to 4
HEX = "0x" + "f" * 4000  # 16,000 bits: Python will not write it in decimal (4,300 digits at most)


def run(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["breachtrack", *args])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    captured = capsys.readouterr()
    return exited.value.code, captured.out + captured.err


def register(folder: Path, text: str, settings_text: str | None = None) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "ok.yaml").write_text(NEIGHBOUR, encoding="utf-8")
    (folder / "x.yaml").write_text(text, encoding="utf-8")
    if settings_text is not None:
        (folder / "breachtrack.toml").write_text(settings_text, encoding="utf-8")
    return folder


OUT_OF_RANGE = [
    ("id: X-1\ntitle: t\naware_at: 0001-01-01T00:00\nrisk: high\n",
     "3:11: aware_at: 0001-01-01 is outside the years 1900 to 9000 that a breach register's dates can take"),
    (BASE + "remediation:\n  - {id: m, title: t, due: 9999-12-31}\n",
     "6:28: remediation[0].due: 9999-12-31 is outside the years 1900 to 9000"),
    (BASE + "remediation:\n  - {id: m, title: t, due: 2026-06-01, done_on: 9999-12-31}\n",
     "6:49: remediation[0].done_on: 9999-12-31 is outside the years 1900 to 9000"),
    (BASE + "sanction: {notified_on: 2026-01-29}\nremediation:\n  - {id: m, title: t, due: 99999999 months}\n",
     "7:28: remediation[0].due: a duration of more than 100 years: write at most 1,200 months"),
    (BASE + "sanction: {notified_on: 2026-01-29}\nremediation:\n  - {id: m, title: t, due: 999999999999 days}\n",
     "7:28: remediation[0].due: a duration of more than 100 years: write at most 36,525 days"),
    (BASE + "subject_notice: {required_due: 9999-12-31T23:00}\n",
     "5:32: subject_notice.required_due: 9999-12-31 is outside the years 1900 to 9000"),
    (BASE + "regimes: [gdpr, nis2]\nnis2: {significant: true, notification_at: 9999-12-31T23:59}\n",
     "6:44: nis2.notification_at: 9999-12-31 is outside the years 1900 to 9000"),
    (BASE + "regimes: [dora]\ndora: {classified_major_at: 9999-12-31T23:59}\n",
     "6:29: dora.classified_major_at: 9999-12-31 is outside the years 1900 to 9000"),
    (BASE + f"subjects: {HEX}\n",
     "5:11: subjects: a number 4,002 characters long, far beyond any count or amount"),
    (BASE + f"sanction: {{fine_eur: {HEX}}}\n",
     "5:22: sanction.fine_eur: a number 4,002 characters long, far beyond any count or amount"),
    (BASE + "sanction: {fine_eur: '1e5000'}\n",
     "5:22: sanction.fine_eur: must be at most 1,000,000,000,000,000, got '1e5000'"),
    (BASE + "records: 1000000000001\n",
     "5:10: records: must be at most 1,000,000,000,000, got '1000000000001'"),
    (BASE + f"subjects: '{'9' * 5000}'\n",
     "5:11: subjects: expected a whole number, got '" + "9" * 60 + "...' (5,000 characters)"),
]


@pytest.mark.parametrize(("text", "expected"), OUT_OF_RANGE, ids=[e.split(": ")[1] + str(i) for i, (_, e) in enumerate(OUT_OF_RANGE)])
def test_a_value_beyond_the_calendar_or_any_count_is_located(text, expected, tmp_path, monkeypatch, capsys):
    folder = register(tmp_path / "register", text)
    for command in (["check"], ["report", "--format", "json"], ["calendar"]):
        code, output = run(monkeypatch, capsys, *command, str(folder), "--as-of", "2026-06-01")
        assert code == 2 and "internal error" not in output, output
        assert f"{folder}/x.yaml:{expected}" in output, output
    assert "1 incident:" in run(monkeypatch, capsys, "check", str(folder), "--as-of", "2026-06-01")[1]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--as-of", "0001-01-01"], "breachtrack: --as-of: 0001-01-01 is outside the years 1900 to 9000"),
        (["--as-of", "9999-12-31T23:59"], "breachtrack: --as-of: 9999-12-31 is outside the years 1900 to 9000"),
        (["--as-of", "2026-06-01", "--warn-within", "999999999999 days"],
         "breachtrack: --warn-within: a duration of more than 100 years: write at most 36,525 days"),
    ],
)
def test_options_beyond_the_calendar_are_usage_errors(options, message, tmp_path, monkeypatch, capsys):
    folder = register(tmp_path / "register", BASE)
    code, output = run(monkeypatch, capsys, "check", str(folder), *options)
    assert (code, output.splitlines()[-1]) == (2, message + " that a breach register's dates can take: check the year"
                                                  if "--as-of" in message else message)


def test_the_edges_of_the_register_years_are_accepted(tmp_path, monkeypatch, capsys):
    text = ("id: X-1\ntitle: t\ntimezone: Pacific/Kiritimati\naware_at: 9000-12-31T23:59\nrisk: high\n"
            "regimes: [gdpr, fr, nis2, cra]\nnis2: {significant: true, notification_at: 9000-12-31T23:59}\n"
            "cra: {kind: severe_incident, notification_at: 9000-12-31T23:59}\n"
            "sanction: {notified_on: 9000-12-31}\nremediation:\n  - {id: m, title: t, due: 1200 months}\n")
    folder = register(tmp_path / "register", text)
    (folder / "bank.yaml").write_text(  # a DORA financial entity does not report under NIS2: its own file
        "id: B-1\ntitle: t\ntimezone: Pacific/Kiritimati\naware_at: 9000-12-31T23:59\nrisk: high\nregimes: [dora]\n"
        "dora: {classified_major_at: 9000-12-31T23:59, initial_at: 9000-12-31T23:59, "
        "intermediate_at: 9000-12-31T23:59}\n", encoding="utf-8")
    code, output = run(monkeypatch, capsys, "report", str(folder), "--format", "json", "--as-of", "9000-12-31T23:59")
    assert code == 0, output
    late = next(i for i in json.loads(output)["incidents"] if i["id"] == "X-1")
    dues = {o["id"]: o["due"] for o in late["obligations"]}
    assert dues["remediation.m"] == "9100-12-31"  # 1,200 months after 31 December 9000
    assert dues["nis2.progress_report"] == "9001-01-31T23:59:00+14:00"  # a month after the notification
    assert dues["cra.final_report"] == "9001-01-31T23:59:00+14:00"
    code, _ = run(monkeypatch, capsys, "check", str(folder), "--as-of", "1900-01-01T00:00+14:00")
    assert code == 0  # no incident was known yet, in 1899 in UTC


SETTINGS = [
    ('warn_within = "99999999999 weeks"\n',
     "1:15: warn_within: a duration of more than 100 years: write at most 5,217 weeks"),
    ('subject_notice_within = "999999999 days"\n',
     "1:25: subject_notice_within: a duration of more than 100 years: write at most 36,525 days"),
    (f'complaint_within = "{"9" * 5000} hours"\n',
     "1:20: complaint_within: a duration of more than 100 years: write at most 876,600 hours"),
    ("timezone = 5\n", "1:12: timezone: expected text in quotes, got '5'"),
    ('regimes = "gdpr"\n', """1:11: regimes: expected a list such as ["gdpr", "fr"], got 'gdpr'"""),
    ('max_file_mb = "x"\n', "1:15: max_file_mb: expected a whole number, got 'x'"),
    ("max_file_mb = 100000\n", "1:15: max_file_mb: must be at most 10, got '100000'"),
    ("fail_on = {a=1}\n", "1:11: fail_on: '{'a': 1}' is not a list of statuses"),
    ("country = 12\n", "1:11: country: expected text in quotes, got '12'"),
    ('controller_notice_within = {hours = 24}\n',
     "1:28: controller_notice_within: '{'hours': 24}' is not a duration"),
    ('[policy]\n"ndb-au.oiac" = "48h"\n', "2:17: ndb-au.oiac: 'ndb-au.oiac' is not an obligation whose delay [policy] "
     "sets (did you mean ndb-au.oaic?)"),
    ('[policy]\n"pipeda.opc" = "forever"\n', "2:16: pipeda.opc: 'forever' is not a duration"),
    ('entity_type = "bank"\n', "1:15: entity_type: 'bank' is not one of critical_infrastructure, public_body or other"),
    (f"max_file_mb = {'9' * 5000}\n", "1:1: a number in the settings is too long to be read"),
    ("a = " + "[" * 5_000 + "\n", "1:1: the settings are nested too deeply to be read"),  # 10 KB, under the 16 KB cap
]


@pytest.mark.parametrize(("settings_text", "expected"), SETTINGS, ids=[e.split(": ")[1][:30] for _, e in SETTINGS])
def test_a_bad_setting_is_located_and_the_files_still_checked(settings_text, expected, tmp_path, monkeypatch, capsys):
    folder = register(tmp_path / "register", BASE, settings_text)
    code, output = run(monkeypatch, capsys, "check", str(folder), "--as-of", "2026-06-01")
    assert code == 2 and "internal error" not in output, output
    assert f"{folder}/breachtrack.toml:{expected}" in output, output
    assert "2 incidents:" in output  # with the default settings


def test_register_years_and_longest_durations():
    assert within_register_years(date(1900, 1, 1)) == date(1900, 1, 1)
    assert within_register_years(datetime(9000, 12, 31, 23, 59)) == datetime(9000, 12, 31, 23, 59)
    with pytest.raises(ValueError, match="1899-12-31 is outside the years 1900 to 9000"):
        within_register_years(date(1899, 12, 31))
    assert Duration.parse("1200 months", ("months",)) == Duration(1200, "months")
    assert Duration.parse("0005217 weeks", ("weeks",)) == Duration(5217, "weeks")
    with pytest.raises(ValueError, match="write at most 876,600 hours"):
        Duration.parse("876601h", ("hours",))


# --- generated: every date, number and duration field near the limits ------------------------

EDGE_MOMENTS = ["1900-01-01T00:00", "9000-12-31T23:59"]  # the first and last minutes a register may hold
INSTANTS = ["0001-01-01T00:00", "9999-12-31T23:59", "0001-01-01T00:00+14:00", "9999-12-31T23:59-12:00",
            "1899-12-31T23:59", "9001-01-01T00:00", *EDGE_MOMENTS]
DAYS = ["0001-01-01", "9999-12-31", "1899-12-31", "9001-01-01", "1900-01-01", "9000-12-31"]
NUMBERS = ["-1", "1000000000001", "1000000000000001", HEX, "9" * 5000, "'1e5000'", "'1e-999999999'", ".inf",
           ".nan", "1e308", "0x7fffffffffffffff", "0", "1000000000000"]
LONGEST = ["1200 months", "36525 days", "5217 weeks", "0 days"]  # as long as a duration may be
DURATIONS = ["1201 months", "99999999 months", "999999999999 days", "99999999999999999999 weeks",
             "9" * 5000 + " days", *LONGEST]
LONGEST_DELAYS = ["876600h", "36525 days", "5217 weeks"]
DELAYS = ["876601h", "999999999999 hours", "99999999999 weeks", "9" * 5000 + " days", *LONGEST_DELAYS]
EDGE_AS_OF = ["1900-01-01", "1900-01-01T00:00+14:00", "9000-12-31T23:59", "9000-12-31T23:59-12:00"]
AS_OF = ["0001-01-01", "9999-12-31T23:59", "1899-12-31T23:59", *EDGE_AS_OF]
ZONES = ["Europe/Paris", "Pacific/Kiritimati", "Etc/GMT+12", "UTC"]

SECTIONS = {  # every Instant, Day, DueSpec, int and Money field of an incident, by section
    "": ["detected_at", "aware_at", "determined_at", "ransom_paid_at", "subjects", "records", "turnover_eur",
         "turnover_gbp"],
    "residents": ["US-CA", "US-NY", "US-TX", "US-FL", "US-CO", "US-WA", "BR"],
    "authority_notice": ["submitted_at", "complement_at"],
    "subject_notice": ["sent_at", "required_due"],
    "controller_notice": ["sent_at"],
    "complaint": ["filed_at"],
    "risk_assessment": ["assessed_at"],
    "subject_categories": ["customers"],
    "nis2": ["early_warning_at", "notification_at", "intermediate_requested_at", "intermediate_due",
             "intermediate_at", "handled_at", "final_report_at", "progress_report_at"],
    "dora": ["classified_major_at", "initial_at", "intermediate_at", "recovered_at", "updated_intermediate_at",
             "final_at", "initial_delay_notified_at", "intermediate_delay_notified_at", "final_delay_notified_at"],
    "eprivacy": ["notified_at", "complement_at", "subscribers_informed_at", "protection_accepted_at"],
    "pecr": ["notified_at", "complement_at", "subscribers_informed_at", "protection_accepted_at"],
    "cra": ["aware_at", "early_warning_at", "notification_at", "fix_available_at", "final_report_at",
            "users_informed_at"],
    "sanction": ["decided_on", "notified_on", "fine_eur"],
    "injunction": ["astreinte_eur_per_day"],
    "measure": ["due", "done_on"],
    **{section: list(dated_facts(model)) for section, (_regime, _name, model) in WORLD_SECTIONS.items()},
}
NUMBER_FIELDS = {"subjects", "records", "turnover_eur", "turnover_gbp", "fine_eur", "astreinte_eur_per_day",
                 "customers", *SECTIONS["residents"]}
WORLD_REGIMES = sorted({regime for regime, _name, _model in WORLD_SECTIONS.values()})
DAY_FIELDS = {"decided_on", "notified_on", "done_on", "due"}
FIELDS = [(section, name) for section, names in SECTIONS.items() for name in names]


def incident_text(values: dict[tuple[str, str], str], zone: str, second_due: str) -> str:
    """An incident with every section and regime, and a second measure due ``second_due``."""
    section = {s: ", ".join(f"{n}: {values[(s, n)]}" for n in names) for s, names in SECTIONS.items()}
    return (
        f"id: GEN-1\ntitle: t\ntimezone: {zone}\ncause: malicious\nrisk: high\n"
        f"regimes: [gdpr, fr, nis2, dora, eprivacy, uk, pecr, cra, {', '.join(WORLD_REGIMES)}]\n"
        + "".join(f"{name}: {values[('', name)]}\n" for name in SECTIONS[""])
        + f"authority_notice: {{complete: false, {section['authority_notice']}}}\n"
        + f"subject_notice: {{required_by_authority: true, {section['subject_notice']}}}\n"
        + f"controller_notice: {{{section['controller_notice']}}}\ncomplaint: {{{section['complaint']}}}\n"
        + f"risk_assessment: {{{section['risk_assessment']}}}\nsubject_categories: {{{section['subject_categories']}}}\n"
        + f"nis2: {{significant: true, {section['nis2']}}}\ndora: {{{section['dora']}}}\n"
        + f"eprivacy: {{complete: false, adverse_effect: true, {section['eprivacy']}}}\n"
        + f"pecr: {{complete: false, adverse_effect: true, {section['pecr']}}}\n"
        + f"cra: {{kind: severe_incident, {section['cra']}}}\n"
        + f"sanction: {{{section['sanction']}, injunctions: [{{id: i, {section['injunction']}, measures: [a, b]}}]}}\n"
        + f"remediation:\n  - {{id: a, title: t, {section['measure']}}}\n  - {{id: b, title: t, due: {second_due}}}\n"
        + f"residents: {{{section['residents']}}}\n"
        + "".join(f"{name}: {{{section[name]}}}\n" for name in WORLD_SECTIONS)
    )


@st.composite
def registers(draw, beyond: bool) -> tuple[str, str]:
    """An incident whose every fact is at the first or last minute a register may hold (so that
    all its deadlines are computed there), with numbers and durations as large as allowed, and
    its settings; ``beyond``: some of its values, and its settings, at or past the limits."""
    moment = draw(st.sampled_from(EDGE_MOMENTS))
    values = {field: moment[:10] if field[1] in DAY_FIELDS else moment for field in FIELDS}
    values |= {field: draw(st.sampled_from(["0", "1000000000000"])) for field in FIELDS if field[1] in NUMBER_FIELDS}
    values[("subject_categories", "customers")] = values[("", "subjects")]  # no more in a category than in all
    second_due = draw(st.sampled_from(LONGEST))
    if beyond:
        for field in draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=6, unique=True)):
            values[field] = draw(edge_for(field))
        second_due = draw(st.sampled_from(DURATIONS))
    keys = draw(st.lists(st.sampled_from(["warn_within", "subject_notice_within", "controller_notice_within",
                                          "complaint_within"]), max_size=2, unique=True))
    delays = DELAYS if beyond else LONGEST_DELAYS
    settings_text = "".join(f'{key} = "{draw(st.sampled_from(delays))}"\n' for key in keys)
    return incident_text(values, draw(st.sampled_from(ZONES)), second_due), settings_text


def edge_for(field: tuple[str, str]) -> st.SearchStrategy[str]:
    name = field[1]
    if name in NUMBER_FIELDS:
        return st.sampled_from(NUMBERS)
    if name == "due":
        return st.sampled_from(DAYS + DURATIONS)
    return st.sampled_from(DAYS if name in DAY_FIELDS else INSTANTS)


GENERATED = settings(max_examples=100, derandomize=True, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@GENERATED
@given(register_texts=registers(beyond=False), as_of=st.sampled_from(EDGE_AS_OF))
def test_every_deadline_at_the_edge_of_the_years_is_computed(register_texts, as_of, tmp_path_factory,
                                                             monkeypatch, capsys):
    folder = register(tmp_path_factory.mktemp("register"), *register_texts)
    for command in (["check"], ["report", "--format", "json"], ["calendar"]):
        code, output = run(monkeypatch, capsys, *command, str(folder), "--as-of", as_of)
        assert code in (0, 1) and "internal error" not in output and "Traceback" not in output, output


@GENERATED
@given(register_texts=registers(beyond=True), as_of=st.sampled_from(AS_OF))
def test_any_value_beyond_the_limits(register_texts, as_of, tmp_path_factory, monkeypatch, capsys):
    folder = register(tmp_path_factory.mktemp("register"), *register_texts)
    for command in (["check"], ["report", "--format", "json"], ["calendar"]):
        code, output = run(monkeypatch, capsys, *command, str(folder), "--as-of", as_of)
        assert code in (0, 1, 2) and "internal error" not in output and "Traceback" not in output, output


@pytest.mark.parametrize("moment", ["1900-01-01T00:00", "9000-12-31T23:59", "9999-12-31T23:59"])
def test_limits_through_a_real_process(moment, tmp_path):
    edge = (f"id: EDGE-1\ntitle: t\ntimezone: Pacific/Kiritimati\nrisk: high\nregimes: [gdpr, fr, nis2, dora]\n"
            f"aware_at: {moment}\nnis2: {{significant: true, notification_at: {moment}, handled_at: {moment}}}\n"
            f"dora: {{classified_major_at: {moment}, initial_at: {moment}, intermediate_at: {moment}}}\n"
            f"sanction: {{notified_on: {moment[:10]}}}\nremediation:\n  - {{id: m, title: t, due: 1200 months}}\n")
    folder = register(tmp_path / "register", edge, 'warn_within = "5217 weeks"\n')
    (folder / "numbers.yaml").write_text(BASE.replace("X-1", "N-1") + f"subjects: {HEX}\nturnover_eur: '1e5000'\n")
    for command in (["check"], ["report", "--format", "json"], ["calendar"]):
        result = run_cli(*command, str(folder), "--as-of", moment)
        output = result.stdout + result.stderr
        assert result.returncode == 2 and "internal error" not in output and "Traceback" not in output, output
        assert "numbers.yaml:5:11: subjects: a number 4,002 characters long" in output or "--as-of" in output
