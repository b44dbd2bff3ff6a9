"""The command line through its real entry point: exit codes, every format, golden files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from breachtrack import __version__
from breachtrack.cli import ReportFormat
from conftest import AS_OF, EXAMPLES, ROOT, golden, run_cli


def test_check_golden_and_exit_1_when_an_obligation_is_overdue():
    result = run_cli("check", "incidents", "--as-of", AS_OF)
    assert result.returncode == 1
    golden("check.txt", result.stdout)
    assert "CT-2026-11-PHISHING   gdpr.art34.inform_subjects" in result.stdout
    assert "1 day 22 h overdue" in result.stdout  # 21 Nov 14:00 to 23 Nov 12:00
    assert "astreinte accrued 60,000 EUR" in result.stdout


def test_check_exit_0_with_a_due_soon_warning():
    result = run_cli("check", "incidents", "--as-of", "2026-11-21T12:00")
    assert result.returncode == 0
    assert "due soon   CT-2026-11-PHISHING" in result.stdout
    assert "due in 2 h" in result.stdout


@pytest.mark.parametrize(
    ("fail_on", "as_of", "code"),
    [("late", "2026-11-21T12:00", 1), ("pending", "2026-11-21T12:00", 1), ("exempt", "2025-01-01", 0),
     ("overdue,late", "2024-03-01", 0)],
)
def test_fail_on(fail_on, as_of, code):
    assert run_cli("check", "incidents", "--as-of", as_of, "--fail-on", fail_on).returncode == code


def test_default_path_is_incidents():
    assert run_cli("check", "--as-of", AS_OF).stdout == run_cli("check", "incidents", "--as-of", AS_OF).stdout


def test_invalid_file_wins_over_overdue(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n")
    result = run_cli("check", "incidents", str(bad), "--as-of", AS_OF)
    assert result.returncode == 2
    assert f"{bad}:2:1: this is not valid YAML" in result.stdout
    assert "9 incidents:" in result.stdout


def test_report_markdown_golden():
    result = run_cli("report", "incidents", "--as-of", AS_OF, "--format", "md")
    assert result.returncode == 0
    golden("report.md", result.stdout)


def test_report_json_golden_and_spec_keys():
    result = run_cli("report", "incidents", "--as-of", AS_OF, "--format", "json")
    assert result.returncode == 0
    golden("report.json", result.stdout)
    document = json.loads(result.stdout)
    assert document["as_of"] == "2026-11-23T12:00:00+01:00"
    assert set(document) >= {"as_of", "incidents", "errors", "summary"}
    ft = next(i for i in document["incidents"] if i["id"] == "FT-2024-03")
    assert set(ft) >= {"id", "title", "file", "obligations", "exposure"}
    assert ft["file"] == "incidents/2024-03-france-travail.yaml"
    assert ft["exposure"] == {"fine_eur": 5000000, "astreinte_accrued_eur": 60000,
                              "astreinte_daily_eur": 0, "fine_ceiling_eur": None, "fine_ceiling_eur_basis": None,
                              "fine_ceiling_gbp": None, "fine_ceiling_gbp_basis": None, "ceilings": []}
    notify = ft["obligations"][0]
    assert set(notify) == {"id", "title", "basis", "due", "done_at", "status", "target", "reason", "line", "column",
                           "entity"}  # entity: null outside a group register
    assert (notify["due"], notify["done_at"], notify["status"]) == (
        "2024-03-08T18:00:00+01:00", "2024-03-08T11:00:00+01:00", "done")
    assert (notify["line"], notify["column"]) == (25, 3)  # authority_notice.submitted_at in the file
    logging = next(o for o in ft["obligations"] if o["id"] == "remediation.logging")
    assert (logging["due"], logging["done_at"], logging["status"]) == ("2026-07-29", "2026-08-10", "late")
    late = next(i for i in document["incidents"] if i["id"] == "BE-2026-02-STUFFING")
    assert late["exposure"]["fine_ceiling_eur"] == 10000000  # 2 % of 48 M is less
    assert late["exposure"]["fine_ceiling_eur_basis"] == "GDPR Art. 83(4)(a)"
    assert late["exposure"]["ceilings"] == [{
        "basis": "GDPR Art. 83(4)(a)", "amount": 10000000, "currency": "EUR", "at_least": False,
        "why": "a GDPR Art. 33 or 34 duty missed (gdpr.art33.notify_authority late): the higher of 10,000,000 EUR "
               "and 2 % of the worldwide turnover"}]
    assert document["summary"]["overdue"] == 1 and document["summary"]["astreinte_accrued_eur"] == 60000


EU_AND_UK = """\
id: MULTI-1
title: An EU and UK controller's customer file exposed
regimes: [gdpr, uk]
aware_at: 2026-02-02T09:00
risk: risk
turnover_eur: 1200000000
turnover_gbp: 1000000000
authority_notice: {submitted_at: 2026-02-06T15:00, delay_reasons: the logs came late}
sanction: {notified_on: 2026-01-29, injunctions: [{id: security, astreinte_eur_per_day: 5000, measures: [mfa]}]}
remediation: [{id: mfa, title: MFA, due: 2026-04-29}]
"""


def test_each_format_shows_the_highest_ceiling_in_each_currency_and_every_ceiling_with_why(tmp_path):
    # notified 102 hours after awareness and an enjoined measure overdue: GDPR 83(6) 4 % of 1.2 bn EUR = 48 M,
    # 83(4) 2 % = 24 M; UK higher maximum 4 % of 1 bn GBP = 40 M, standard 2 % = 20 M; euros and pounds apart
    (tmp_path / "breachtrack.toml").write_text("")
    (tmp_path / "multi.yaml").write_text(EU_AND_UK)
    common = (str(tmp_path), "--as-of", "2026-05-09")
    exposure = json.loads(run_cli("report", *common, "--format", "json").stdout)["incidents"][0]["exposure"]
    assert (exposure["fine_ceiling_eur"], exposure["fine_ceiling_eur_basis"]) == (48000000, "GDPR Art. 83(5)(e), 83(6)")
    assert (exposure["fine_ceiling_gbp"], exposure["fine_ceiling_gbp_basis"]) == (
        40000000, "UK GDPR Art. 83(5), (6); DPA 2018 s.157")
    assert [(c["amount"], c["currency"]) for c in exposure["ceilings"]] == [
        (48000000, "EUR"), (24000000, "EUR"), (40000000, "GBP"), (20000000, "GBP")]
    highest = ("fine ceiling 48,000,000 EUR (GDPR Art. 83(5)(e), 83(6)) and 40,000,000 GBP (UK GDPR Art. 83(5), "
               "(6); DPA 2018 s.157).")
    markdown = run_cli("report", *common, "--format", "md").stdout
    assert highest in markdown
    assert ("- UK GDPR Art. 83(4); DPA 2018 s.157: 20,000,000 GBP: a UK GDPR duty missed (uk.art33.notify\\_ico "
            "late): the higher of 8,700,000 GBP and 2 % of the worldwide turnover.") in markdown
    html = run_cli("report", *common, "--format", "html").stdout
    assert ("· fine ceiling 48,000,000 EUR (GDPR Art. 83(5)(e), 83(6)) · fine ceiling 40,000,000 GBP "
            "(UK GDPR Art. 83(5), (6); DPA 2018 s.157)</p>") in html
    assert html.count("<li>GDPR Art. 83") == 2 and html.count("<li>UK GDPR Art. 83") == 2
    shown = run_cli("show", "MULTI-1", "--register", str(tmp_path), "--as-of", "2026-05-09",
                    env={"COLUMNS": "400"}).stdout
    assert "· fine ceiling 48,000,000 EUR (GDPR Art. 83(5)(e), 83(6)) · fine ceiling 40,000,000 GBP" in shown
    assert "  ceiling 24,000,000 EUR, GDPR Art. 83(4)(a): a GDPR Art. 33 or 34 duty missed" in shown


@pytest.mark.parametrize("choice", list(ReportFormat), ids=lambda f: f.value)
def test_every_report_format_is_wired(choice, tmp_path):
    output = tmp_path / f"report.{choice.value}"
    result = run_cli("report", "incidents", "--as-of", AS_OF, "--format", choice.value, "--output", str(output))
    assert result.returncode == 0 and result.stdout == ""
    content = output.read_text(encoding="utf-8")
    if choice is ReportFormat.json:
        assert json.loads(content)["summary"]["incidents"] == 9
    elif choice is ReportFormat.html:
        assert content.startswith("<!DOCTYPE html>") and content.count('<article class="incident"') == 9
    else:
        assert content.startswith("# Breach register as of 2026-11-23 12:00 +01:00")
    assert content == run_cli("report", "incidents", "--as-of", AS_OF, "--format", choice.value).stdout


def test_report_with_an_invalid_file_exits_2_and_still_reports_the_rest(tmp_path):
    register = tmp_path / "register"
    register.mkdir()
    (register / "ok.yaml").write_text((EXAMPLES / "valid" / "minimal.yaml").read_text())
    (register / "bad.yaml").write_text("id: B\ntitle: t\naware_at: 2026-01-01T10:00\nrisk: severe\n")
    result = run_cli("report", str(register), "--format", "json", "--as-of", "2026-02-01")
    assert result.returncode == 2
    document = json.loads(result.stdout)
    assert [i["id"] for i in document["incidents"]] == ["MIN-1"]
    assert document["errors"][0]["line"] == 4 and document["errors"][0]["column"] == 7
    assert f"{register}/bad.yaml:4:7: risk:" in result.stderr


def test_as_of_date_alone_is_the_start_of_that_day_in_the_register_zone():
    document = json.loads(run_cli("report", "--format", "json", "--as-of", "2026-05-09").stdout)
    assert document["as_of"] == "2026-05-09T00:00:00+02:00"
    with_offset = json.loads(run_cli("report", "--format", "json", "--as-of", "2026-05-09T00:00Z").stdout)
    assert with_offset["as_of"] == "2026-05-09T00:00:00+00:00"


@pytest.mark.parametrize(
    "arguments",
    [
        ["check", "--as-of", "yesterday"],
        ["check", "--as-of", "2025-03-30T02:30"],  # does not exist in Paris
        ["check", "--fail-on", "overdo"],
        ["check", "no-such-folder"],
        ["report", "--format", "xml"],
        ["check", "--no-such-option"],
        ["frobnicate"],
    ],
)
def test_wrong_command_lines_exit_2_without_traceback(arguments):
    result = run_cli(*arguments)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.strip()


def test_no_colour_when_not_a_terminal():
    result = run_cli("check", "--as-of", AS_OF, env={"NO_COLOR": ""})
    assert "\x1b[" not in result.stdout


def test_version_and_console_script():
    assert run_cli("--version").stdout == f"breachtrack {__version__}\n"
    script = Path(sys.executable).parent / "breachtrack"
    result = subprocess.run([str(script), "check", "--as-of", AS_OF], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "9 incidents:" in result.stdout


def test_output_replaces_the_file_atomically_and_keeps_its_permissions(tmp_path):
    output = tmp_path / "weekly.md"
    output.write_text("last week's report\n")
    output.chmod(0o640)
    result = run_cli("report", "--as-of", AS_OF, "--output", str(output))
    assert result.returncode == 0
    assert output.read_text(encoding="utf-8").startswith("# Breach register as of 2026-11-23 12:00 +01:00")
    assert output.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["weekly.md"]  # no temporary file left behind
