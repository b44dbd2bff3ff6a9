"""check as a CI gate: GitHub annotations, JUnit XML, GitLab Code Quality, JSON, the gate's
options and settings, and validate; all through the real command line."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from breachtrack.cli import CheckFormat
from breachtrack.reporters.github import escape_data, escape_property
from conftest import AS_OF, ROOT, golden, run_cli

FAILING = ("--fail-on", "overdue,late")
"""The goldens fail on late too, so that they hold several problems on several lines."""

WORKFLOW_COMMAND = re.compile(
    r"^::(error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>[^:]+)::(?P<message>.+)$"
)


def test_github_golden_and_each_annotation_on_the_line_of_its_fact():
    result = run_cli("check", "incidents", "--as-of", AS_OF, "--format", "github", *FAILING)
    assert result.returncode == 1
    golden("check-github.txt", result.stdout)
    *commands, summary = result.stdout.splitlines()
    assert summary.startswith("9 incidents: 1 overdue, 6 late")
    found = [WORKFLOW_COMMAND.match(line) for line in commands]
    assert all(found), commands
    # by hand, from the files: the key the obligation awaits, else the incident's id
    expected = {
        ("incidents/2026-11-clinic-mailbox.yaml", "gdpr.art34.inform_subjects"): "id: CT-2026-11-PHISHING",
        ("incidents/2026-02-late-notification.yaml", "gdpr.art33.notify_authority"): "submitted_at:",
        ("incidents/2025-10-payroll-processor.yaml", "gdpr.art33.notify_controller"): "sent_at:",
        ("incidents/2024-03-france-travail.yaml", "gdpr.art34.inform_subjects"): "sent_at:",
        ("incidents/2025-07-france-travail-kairos.yaml", "gdpr.art34.inform_subjects"): "sent_at:",
        ("incidents/2024-03-france-travail.yaml", "remediation.logging"): "done_on: 2026-08-10",
        ("incidents/2024-03-france-travail.yaml", "remediation.access-review"): "done_on: 2026-07-31",
    }
    seen = {}
    for match in found:
        assert match["title"].count("%3A") == 1 and "%2C" not in match["title"]
        obligation = match["title"].split("%3A ")[1].split(" is ")[0]
        text = (ROOT / match["file"]).read_text(encoding="utf-8").splitlines()[int(match["line"]) - 1]
        seen[(match["file"], obligation)] = text.strip()
    assert set(seen) == set(expected)
    for key, start in expected.items():
        assert seen[key].startswith(start), (key, seen[key])
    assert found[0]["title"] == "CT-2026-11-PHISHING%3A gdpr.art34.inform_subjects is overdue"  # overdue first
    assert "1 day 22 h overdue" in found[0]["message"]


def test_github_warning_for_due_soon_and_error_for_an_invalid_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: X\ntitle: t\naware_at: 2026-01-01T10:00\nrisk: hihg\n")
    result = run_cli("check", "incidents", str(bad), "--as-of", "2026-11-21T12:00", "--format", "github")
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"::error file={escape_property(bad.as_posix())},line=4,col=7,title=Invalid incident file::"
        "risk: 'hihg' is not a valid value: expected unlikely, risk or high"
    )
    assert lines[1].startswith(
        "::warning file=incidents/2026-11-clinic-mailbox.yaml,line=3,col=5,"
        "title=CT-2026-11-PHISHING%3A gdpr.art34.inform_subjects is due soon::"
    )
    assert "due in 2 h" in lines[1]


def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a: b, c%") == "a%3A b%2C c%25"


def test_junit_golden_parses_and_counts_failures_as_the_report_does():
    result = run_cli("check", "incidents", "--as-of", AS_OF, "--format", "junit", *FAILING)
    assert result.returncode == 1
    golden("check-junit.xml", result.stdout)
    root = ET.fromstring(result.stdout)
    report = json.loads(run_cli("report", "incidents", "--as-of", AS_OF, "--format", "json").stdout)
    statuses = [o["status"] for incident in report["incidents"] for o in incident["obligations"]]
    assert len(root.findall(".//failure")) == int(root.get("failures")) == 7  # 1 overdue + 6 late, by hand
    assert int(root.get("failures")) == sum(status in ("overdue", "late") for status in statuses)
    assert int(root.get("skipped")) == sum(status in ("not_applicable", "exempt") for status in statuses)
    assert int(root.get("tests")) == len(statuses) and root.get("errors") == "0"
    assert [suite.get("name") for suite in root] == sorted(f"incidents/{p.name}" for p in (ROOT / "incidents").glob("*.yaml"))
    overdue = root.find(".//testcase[@classname='CT-2026-11-PHISHING']/failure")
    assert overdue.get("type") == "overdue"


def test_junit_error_testcase_per_invalid_file(tmp_path):
    register = tmp_path / "register"
    shutil.copytree(ROOT / "incidents", register)
    (register / "broken.yaml").write_text("id: [\n")
    (register / "unknown.yaml").write_text("id: U\ntitle: t\naware_at: 2026-01-01T10:00\nrisk: high\nrisque: high\n")
    result = run_cli("check", str(register), "--as-of", AS_OF, "--format", "junit")
    assert result.returncode == 2
    root = ET.fromstring(result.stdout)
    errors = root.findall(".//testcase/error")
    assert root.get("errors") == "2" and len(errors) == 2
    assert "unknown field 'risque': did you mean 'risk'?" in errors[1].text
    assert root.get("failures") == "1"  # the default gate: overdue only


def test_gitlab_golden_and_fingerprints_stable_across_runs():
    result = run_cli("check", "incidents", "--as-of", AS_OF, "--format", "gitlab", *FAILING)
    assert result.returncode == 1
    golden("check-gitlab.json", result.stdout)
    issues = json.loads(result.stdout)
    assert len(issues) == 7
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] == "critical" and issue["location"]["lines"]["begin"] >= 1
    assert len({issue["fingerprint"] for issue in issues}) == 7
    later = run_cli("check", "incidents", "--as-of", "2026-11-24T09:00", "--format", "gitlab", *FAILING)
    assert {i["fingerprint"] for i in json.loads(later.stdout)} == {i["fingerprint"] for i in issues}
    assert json.loads(later.stdout)[0]["description"] != issues[0]["description"]  # the time past moved on


def test_json_adds_what_fails_and_what_warns():
    result = run_cli("check", "incidents", "--as-of", "2026-11-21T12:00", "--format", "json", "--fail-on", "late")
    assert result.returncode == 1
    check = json.loads(result.stdout)["check"]
    assert check["fail_on"] == ["late"] and check["warn_within_hours"] == 72
    assert len(check["failures"]) == 6
    assert check["warnings"] == [{
        "incident": "CT-2026-11-PHISHING", "obligation": "gdpr.art34.inform_subjects", "state": "due_soon",
        "file": "incidents/2026-11-clinic-mailbox.yaml", "line": 3, "column": 5,
    }]


def test_json_is_laid_out_as_the_standard_encoder_lays_it_out(tmp_path):
    """The reporter writes list items one by one to keep a large report small in memory; the
    text must still be exactly ``json.dumps(..., indent=2)``, empty lists and errors included."""
    shutil.copytree(ROOT / "incidents", tmp_path / "register")
    (tmp_path / "register" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    for arguments in (("check", "--format", "json", "--fail-on", "late"), ("report", "--format", "json")):
        result = run_cli(*arguments, str(tmp_path / "register"), "--as-of", "2026-11-21T12:00")
        document = json.loads(result.stdout)
        assert document["errors"] and document["incidents"]
        assert result.stdout == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "breachtrack.toml").write_text("")  # a register with no incident yet
    empty = run_cli("report", str(tmp_path / "empty"), "--format", "json", "--as-of", "2026-11-21T12:00")
    assert empty.stdout == json.dumps(json.loads(empty.stdout), indent=2, ensure_ascii=False) + "\n"
    assert '"incidents": [],' in empty.stdout


@pytest.mark.parametrize("choice", list(CheckFormat), ids=lambda f: f.value)
def test_every_check_format_is_wired(choice, tmp_path):
    output = tmp_path / "out"
    result = run_cli("check", "incidents", "--as-of", AS_OF, "--format", choice.value, "--output", str(output))
    assert result.returncode == 1
    assert "CT-2026-11-PHISHING" in result.stdout and "astreinte accrued 60,000 EUR" in result.stdout
    content = output.read_text(encoding="utf-8")
    parse = {
        CheckFormat.text: lambda text: text.startswith("breachtrack check as of"),
        CheckFormat.json: lambda text: json.loads(text)["check"]["failures"],
        CheckFormat.github: lambda text: text.startswith("::error "),
        CheckFormat.junit: lambda text: ET.fromstring(text).get("failures") == "1",
        CheckFormat.gitlab: lambda text: len(json.loads(text)) == 1,
    }
    assert parse[choice](content)


@pytest.mark.parametrize(
    ("options", "as_of", "code", "phrase"),
    [
        ((), "2026-11-21T12:00", 0, "due soon"),
        (("--warn-within", "1h"), "2026-11-21T12:00", 0, "Nothing overdue or due within 1 h."),
        (("--warn-within", "2 days"), "2026-11-19T15:00", 0, "due in 1 day 23 h"),
        (("--warn-within", "1 day"), "2026-11-19T15:00", 0, "Nothing overdue or due within 1 day."),
        (("--fail-on", "due_soon"), "2026-11-21T12:00", 1, "DUE SOON"),
        (("--fail-on", "none"), AS_OF, 0, "overdue   CT-2026-11-PHISHING"),
        (("--fail-on", "overdue"), AS_OF, 1, "OVERDUE   CT-2026-11-PHISHING"),
    ],
)
def test_warn_within_and_fail_on(options, as_of, code, phrase):
    result = run_cli("check", "incidents", "--as-of", as_of, *options)
    assert result.returncode == code, result.stdout + result.stderr
    assert phrase in result.stdout


def test_fail_on_none_still_fails_on_an_invalid_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: no id\n")
    assert run_cli("check", "incidents", str(bad), "--fail-on", "none", "--as-of", AS_OF).returncode == 2


@pytest.mark.parametrize("options", [("--warn-within", "soon"), ("--warn-within", "3 months"), ("--fail-on", "due")])
def test_bad_gate_options_exit_2(options):
    result = run_cli("check", "incidents", *options)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"breachtrack: {options[0]}")


def _register_with_settings(tmp_path, settings: str):
    register = tmp_path / "register"
    shutil.copytree(ROOT / "incidents", register)
    with (register / "breachtrack.toml").open("a", encoding="utf-8") as handle:
        handle.write(settings)
    return register


def test_settings_in_breachtrack_toml_and_the_command_line_wins(tmp_path):
    register = _register_with_settings(tmp_path, 'fail_on = ["overdue", "late"]\nwarn_within = "1h"\n')
    before = "2026-11-21T12:00"  # nothing overdue, six obligations late, the clinic due in 2 h
    settled = run_cli("check", str(register), "--as-of", before)
    assert settled.returncode == 1 and "Nothing overdue" not in settled.stdout and "due soon" not in settled.stdout
    overridden = run_cli("check", str(register), "--as-of", before, "--fail-on", "overdue", "--warn-within", "72h")
    assert overridden.returncode == 0 and "due soon" in overridden.stdout


def test_a_bad_setting_is_located(tmp_path):
    register = _register_with_settings(tmp_path, 'fail_on = "overdue,soon"\n')
    result = run_cli("check", str(register), "--as-of", AS_OF)
    assert result.returncode == 2
    assert f"{register.as_posix()}/breachtrack.toml:6:11: fail_on: 'overdue,soon' is not a list of statuses" in result.stdout


def test_validate_exits_0_without_judging_deadlines():
    result = run_cli("validate", "incidents")
    assert (result.returncode, result.stdout) == (0, "9 valid incident files\n")


def test_validate_lists_errors_and_exits_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: B\ntitle: t\naware_at: 2026-01-01\nrisk: high\n")
    result = run_cli("validate", "incidents/2025-12-lost-laptop.yaml", str(bad))
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        f"{bad.as_posix()}:3:11: aware_at: expected a date and time such as 2025-07-12T10:00 (optionally "
        "with an offset such as +02:00), got '2026-01-01'",
        "1 valid incident file, 1 invalid file",
    ]


def test_a_file_in_a_subfolder_uses_the_registers_settings(tmp_path):
    register = tmp_path / "register"
    (register / "2026").mkdir(parents=True)
    (register / "breachtrack.toml").write_text('timezone = "America/New_York"\n')
    (register / "2026" / "a.yaml").write_text("id: A\ntitle: t\naware_at: 2026-11-01T01:30\nrisk: high\n")
    result = run_cli("validate", str(register / "2026" / "a.yaml"))
    assert result.returncode == 2  # 1:30 happens twice in New York that night, not in Paris
    assert "happens twice in America/New_York" in result.stdout


def test_an_obligation_done_in_time_shows_no_time_left_or_past():
    """Found in review: with --fail-on done, the listing said '994 days overdue' beside the
    complaint France Travail filed on time."""
    result = run_cli("check", "incidents", "--as-of", AS_OF, "--fail-on", "done")
    assert result.returncode == 1
    done_rows = [line for line in result.stdout.splitlines() if line.startswith("DONE ")]
    assert len(done_rows) == 23  # the sample register's done obligations (the laptop's entry: gdpr.art33.document)
    assert not [row for row in done_rows if row.endswith(("overdue", "late")) or "due in" in row]
    assert any(row.startswith("DONE      FT-2024-03") and row.endswith("2024-03-03 16:00 +01:00") for row in done_rows)
