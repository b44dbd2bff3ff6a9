"""``breachtrack export`` through the real command line: the CSV read back with Python's ``csv``
and the XLSX with openpyxl, their columns and values checked against expectations worked out
by hand on the sample register (the arithmetic in the comments)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from conftest import AS_OF, GOLDEN, ROOT

INCIDENT_COLUMNS = [
    "Incident", "Title", "Organisation", "Role", "Time zone", "Detected", "Aware", "Cause", "Nature of the breach",
    "What happened", "People concerned", "People by category", "Records concerned", "Data categories",
    "Likely consequences", "Risk", "Reasons for the risk judged, and for not notifying", "Risk assessed",
    "Risk assessed by", "Measures taken", "Measures proposed", "Supervisory authority", "Notified",
    "Notified, hours after awareness", "Notification reference", "Reasons for the delay", "People informed",
    "How people were informed", "Exemption claimed (Art. 34(3))", "Exemption decided by the authority (Art. 34(4))",
    "Contact point (DPO)", "Cross-border", "Lead supervisory authority", "File",
]
OBLIGATION_COLUMNS = [
    "Incident", "Obligation", "Title", "Legal basis", "Law or policy", "Status", "Due", "Done",
    "Late or overdue by (hours)", "Late or overdue by (days)", "Time zone", "As of", "Why",
]
SAMPLE_IDS = ["FT-2024-03", "FT-2025-KAIROS", "CHVE-2025-09-BACKUP", "BK-2025-10-CARDS", "PC-2025-10-BUCKET",
              "MX-2025-12-LAPTOP", "BE-2026-02-STUFFING", "EN-2026-03-RANSOMWARE", "CT-2026-11-PHISHING"]


def export(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    """``python -m breachtrack export ...`` as a user runs it; its output as bytes."""
    return subprocess.run([sys.executable, "-m", "breachtrack", "export", *args], cwd=cwd, capture_output=True,
                          timeout=120, env={**os.environ, "NO_COLOR": "1"})


def rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def header(content: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_csv_incidents_of_the_sample_register():
    result = export("incidents", "--format", "csv", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    content = result.stdout
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then reads the file as UTF-8
    assert content.count(b"\r\n") == content.count(b"\n") == 10  # CRLF ends: a header and 9 incidents
    assert header(content) == INCIDENT_COLUMNS
    table = {row["Incident"]: row for row in rows(content)}
    assert list(table) == SAMPLE_IDS  # the register's order: by file name
    kairos = table["FT-2025-KAIROS"]
    assert kairos["Aware"] == "2025-07-12T10:00+02:00"  # summer time in Paris
    assert kairos["Notified"] == "2025-07-14T17:00+02:00"
    assert kairos["Notified, hours after awareness"] == "55"  # 12 July 10:00 + 48 h = 14 July 10:00, + 7 h
    assert kairos["People concerned"] == "340000"
    assert kairos["People by category"] == "job seekers: 340,000"
    assert kairos["Nature of the breach"] == "confidentiality"
    assert kairos["Data categories"] == "identity, birth date, contact, account id"
    assert kairos["Supervisory authority"] == "CNIL"
    assert kairos["Notification reference"] == "NOTIF-2025-000123"
    assert (kairos["People informed"], kairos["How people were informed"]) == ("2025-07-22T09:00+02:00", "email")
    assert kairos["Contact point (DPO)"] == "Data protection officer, France Travail, dpo@example.org"
    assert kairos["Cross-border"] == "no"
    assert kairos["File"] == "incidents/2025-07-france-travail-kairos.yaml"
    assert kairos["Time zone"] == "Europe/Paris"
    late = table["BE-2026-02-STUFFING"]
    assert late["Notified, hours after awareness"] == "102"  # 2 February 09:00 to 6 February 15:00: 4 × 24 + 6
    assert late["Reasons for the delay"].startswith("The attack was spread over many IP addresses;")
    laptop = table["MX-2025-12-LAPTOP"]
    assert (laptop["Risk"], laptop["Notified"], laptop["Supervisory authority"]) == ("unlikely", "", "")
    assert laptop["Reasons for the risk judged, and for not notifying"].startswith("The disk is encrypted (BitLocker")
    assert (laptop["Risk assessed"], laptop["Risk assessed by"]) == ("2025-12-03T11:30+01:00", "Claire Martin, DPO")
    assert laptop["People by category"] == "members: 450"
    backup = table["CHVE-2025-09-BACKUP"]
    assert backup["Exemption claimed (Art. 34(3))"] == "encrypted"
    assert backup["People by category"] == "patients: 18,000; minors: 2,100"
    assert backup["Supervisory authority"] == "CNIL"  # not written in the file: the GDPR's default
    bank = table["BK-2025-10-CARDS"]
    assert (bank["Cross-border"], bank["Lead supervisory authority"]) == ("yes", "CNIL")
    assert table["PC-2025-10-BUCKET"]["Role"] == "processor"
    assert table["EN-2026-03-RANSOMWARE"]["Nature of the breach"] == "confidentiality, availability"


def test_csv_obligations_of_the_sample_register():
    result = export("incidents", "--format", "csv", "--what", "obligations", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert header(result.stdout) == OBLIGATION_COLUMNS
    table = rows(result.stdout)
    assert len(table) == 53  # 1 overdue, 6 late, 2 pending, 23 done, 1 exempt, 20 not applicable (report.md)
    found = {(row["Incident"], row["Obligation"]): row for row in table}
    notify = found["FT-2025-KAIROS", "gdpr.art33.notify_authority"]
    assert (notify["Due"], notify["Done"], notify["Status"]) == (
        "2025-07-15T10:00+02:00", "2025-07-14T17:00+02:00", "done")  # 72 h after 12 July 10:00; 55 h: on time
    assert (notify["Legal basis"], notify["Law or policy"]) == ("GDPR Art. 33(1)", "law")
    assert notify["Late or overdue by (hours)"] == notify["Late or overdue by (days)"] == ""
    inform = found["FT-2025-KAIROS", "gdpr.art34.inform_subjects"]
    assert (inform["Status"], inform["Law or policy"]) == ("late", "policy")
    assert inform["Late or overdue by (hours)"] == "167"  # 15 July 10:00 to 22 July 09:00: 7 × 24 − 1
    controller = found["PC-2025-10-BUCKET", "gdpr.art33.notify_controller"]
    assert controller["Late or overdue by (hours)"] == "6"  # due 7 October 09:00, sent 15:00
    clinic = found["CT-2026-11-PHISHING", "gdpr.art34.inform_subjects"]
    assert clinic["Status"] == "overdue"
    assert clinic["Late or overdue by (hours)"] == "46"  # due 21 November 14:00, as of 23 November 12:00
    assert clinic["As of"] == "2026-11-23T12:00+01:00"
    logging = found["FT-2024-03", "remediation.logging"]
    assert (logging["Due"], logging["Done"], logging["Status"]) == ("2026-07-29", "2026-08-10", "late")
    late = (logging["Late or overdue by (hours)"], logging["Late or overdue by (days)"])
    assert late == ("", "12")  # 29 July to 10 August
    assert logging["Legal basis"] == "CNIL SAN-2026-003, injunction 'security'"
    laptop = found["MX-2025-12-LAPTOP", "gdpr.art33.document"]
    assert (laptop["Status"], laptop["Due"], laptop["Done"]) == (
        "done", "2025-12-06T08:15+01:00", "2025-12-03T11:30+01:00")  # 3 December 08:15 + 72 h


def test_csv_golden_files():
    """The whole export of the sample, byte for byte (BOM, CRLF), reviewed by hand."""
    for what in ("incidents", "obligations"):
        result = export("incidents", "--format", "csv", "--what", what, "--as-of", AS_OF)
        path = GOLDEN / f"export-{what}.csv"
        if os.environ.get("BREACHTRACK_UPDATE_GOLDEN"):
            path.write_bytes(result.stdout)
        assert result.stdout == path.read_bytes()


def test_xlsx_of_the_sample_register(tmp_path):
    workbook_path = tmp_path / "register.xlsx"
    result = export("incidents", "--format", "xlsx", "--as-of", AS_OF, "--output", str(workbook_path))
    assert (result.returncode, result.stdout) == (0, b""), result.stderr
    workbook = openpyxl.load_workbook(workbook_path)
    assert workbook.sheetnames == ["Incidents", "Obligations", "About"]
    incidents = workbook["Incidents"]
    assert [cell.value for cell in incidents[1]] == INCIDENT_COLUMNS
    assert all(cell.font.bold for cell in incidents[1])
    assert incidents.freeze_panes == "A2"
    assert incidents.auto_filter.ref == "A1:AH10"  # 34 columns (A to AH), a header and 9 incidents
    assert incidents.max_row == 10
    row = {name: cell for name, cell in zip(INCIDENT_COLUMNS, incidents[3], strict=True)}  # Kairos, second
    assert row["Incident"].value == "FT-2025-KAIROS"
    assert row["Aware"].value == datetime(2025, 7, 12, 10, 0)  # local time; the zone in its own column
    assert row["Aware"].number_format == "yyyy-mm-dd hh:mm"
    assert row["Notified"].value == datetime(2025, 7, 14, 17, 0)
    assert (row["Notified, hours after awareness"].value, row["Notified, hours after awareness"].data_type) == (55, "n")
    assert (row["People concerned"].value, row["People concerned"].number_format) == (340000, "#,##0")
    assert row["Records concerned"].value == 340000
    assert row["Cross-border"].value is False
    assert row["Time zone"].value == "Europe/Paris"
    assert row["Contact point (DPO)"].value == "Data protection officer, France Travail, dpo@example.org"
    widths = {name: incidents.column_dimensions[cell.column_letter].width for name, cell in row.items()}
    assert widths["What happened"] == 62 and widths["Role"] == 12  # prose capped at 60, short words narrow
    obligations = workbook["Obligations"]
    assert [cell.value for cell in obligations[1]] == OBLIGATION_COLUMNS
    assert obligations.freeze_panes == "A2" and obligations.auto_filter.ref == "A1:M54"  # 53 obligations
    found = {(r[0].value, r[1].value): r for r in obligations.iter_rows(min_row=2)}
    inform = found["FT-2025-KAIROS", "gdpr.art34.inform_subjects"]
    assert (inform[5].value, inform[8].value, inform[9].value) == ("late", 167, None)
    logging = found["FT-2024-03", "remediation.logging"]
    assert logging[6].value == datetime(2026, 7, 29) and logging[6].number_format == "yyyy-mm-dd"  # a day
    assert (logging[8].value, logging[9].value) == (None, 12)
    about = [line for (line,) in workbook["About"].values]
    assert about[0] == "Breach register as of 2026-11-23T12:00+01:00."


def test_the_period_keeps_incidents_whose_awareness_falls_in_it(tmp_path):
    # aware in the second half of 2025: Kairos (12 July), the backup disk (15 September), the payroll
    # bucket (6 October), the bank (1 November; detected on 31 October) and the laptop (3 December)
    result = export("incidents", "--format", "csv", "--from", "2025-07-01", "--to", "2025-12-31", "--as-of", AS_OF)
    assert result.returncode == 0
    assert [row["Incident"] for row in rows(result.stdout)] == [
        "FT-2025-KAIROS", "CHVE-2025-09-BACKUP", "BK-2025-10-CARDS", "PC-2025-10-BUCKET", "MX-2025-12-LAPTOP"]
    one_day = export("incidents", "--format", "csv", "--what", "obligations", "--from", "2025-07-12", "--to",
                     "2025-07-12", "--as-of", AS_OF)
    assert {row["Incident"] for row in rows(one_day.stdout)} == {"FT-2025-KAIROS"}  # both ends included
    workbook_path = tmp_path / "h1.xlsx"
    export("incidents", "--format", "xlsx", "--to", "2025-06-30", "--as-of", AS_OF, "--output", str(workbook_path))
    sheet = openpyxl.load_workbook(workbook_path)["Incidents"]
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == ["FT-2024-03"]  # the only one aware before July 2025


def test_as_of_replays_the_register(tmp_path):
    # on 14 July 2025 at 12:00 the Kairos breach was not notified yet (17:00) and the clinic's was unknown
    result = export("incidents", "--format", "csv", "--as-of", "2025-07-14T12:00")
    table = {row["Incident"]: row for row in rows(result.stdout)}
    assert list(table) == ["FT-2024-03", "FT-2025-KAIROS"]
    assert (table["FT-2025-KAIROS"]["Notified"], table["FT-2025-KAIROS"]["Notified, hours after awareness"]) == ("", "")


HOSTILE = """\
id: X-1
title: "=HYPERLINK(\\"https://evil.example\\",\\"click\\")"
organisation: "+33 1 23 45 67 89"
aware_at: 2026-03-02T10:00
risk: high
description: "-2+3"
consequences: "@SUM(A1:A2)"
measures_taken: "\\t=1+1"
measures_planned: "  =cmd|' /C calc'!A0"
advice_to_subjects: "\\r=2"
dpo: {name: "Zoé Lefèvre, déléguée", email: "dpo@hôpital.example"}
"""
INJECTIONS = {"Title": "'=HYPERLINK(\"https://evil.example\",\"click\")", "Organisation": "'+33 1 23 45 67 89",
              "What happened": "'-2+3", "Likely consequences": "'@SUM(A1:A2)", "Measures taken": "'=1+1",
              "Measures proposed": "'=cmd|' /C calc'!A0"}  # (the spaces around a text are not kept)


def test_formula_injection_is_neutralised_and_accents_kept(tmp_path):
    (tmp_path / "breachtrack.toml").write_text("")
    (tmp_path / "x.yaml").write_text(HOSTILE, encoding="utf-8")
    result = export(str(tmp_path), "--format", "csv", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    (row,) = rows(result.stdout)
    assert {name: row[name] for name in INJECTIONS} == INJECTIONS  # an apostrophe first: text, never a formula
    assert row["Contact point (DPO)"] == "Zoé Lefèvre, déléguée, dpo@hôpital.example"
    assert "Zoé Lefèvre".encode() in result.stdout  # UTF-8, after its BOM
    workbook_path = tmp_path / "x.xlsx"
    assert export(str(tmp_path), "--format", "xlsx", "--as-of", AS_OF, "--output", str(workbook_path)).returncode == 0
    sheet = openpyxl.load_workbook(workbook_path)["Incidents"]
    cells = {name: cell for name, cell in zip(INCIDENT_COLUMNS, sheet[2], strict=True)}
    assert {name: cells[name].value for name in INJECTIONS} == INJECTIONS
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)  # no formula anywhere
    assert cells["Contact point (DPO)"].value == "Zoé Lefèvre, déléguée, dpo@hôpital.example"


def test_an_invalid_file_exits_2_and_the_export_still_lists_the_valid_ones(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: BAD\ntitle: t\naware_at: 2026-01-01T10:00\nrisk: huge\n")
    result = export("incidents", str(bad), "--format", "csv", "--as-of", AS_OF)
    assert result.returncode == 2
    assert f"{bad}:4:7: risk: 'huge' is not a valid value".encode() in result.stderr
    assert [row["Incident"] for row in rows(result.stdout)] == SAMPLE_IDS


@pytest.mark.parametrize(("options", "message"), [
    (["--format", "pdf"], b"'pdf' is not one of 'csv', 'xlsx'"),
    (["--format", "csv", "--what", "measures"], b"'measures' is not one of 'incidents', 'obligations'"),
    (["--format", "xlsx", "--what", "obligations", "--output", "x.xlsx"],
     b"--what chooses the table of a CSV export: an XLSX workbook holds both, one sheet each"),
    (["--format", "csv", "--from", "2026-13-01"], b"--from '2026-13-01' is not a day: write it as 2026-01-31"),
    (["--format", "csv", "--from", "2026-02-01", "--to", "2026-01-31"],
     b"--from 2026-02-01 comes after --to 2026-01-31"),
    (["--format", "csv", "--as-of", "tomorrow"], b"--as-of 'tomorrow' is not a date"),
    (["--format", "csv", "--output", "no/such/folder/x.csv"], b"no such folder: no/such/folder"),
    ([], b"Missing option '--format'"),
])
def test_bad_options_are_usage_errors(options, message, tmp_path):
    result = export("incidents", *options, cwd=ROOT)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert not (ROOT / "x.xlsx").exists()


def test_an_xlsx_workbook_is_never_written_to_a_terminal():
    import pty

    leader, follower = pty.openpty()
    process = subprocess.run([sys.executable, "-m", "breachtrack", "export", "incidents", "--format", "xlsx",
                              "--as-of", AS_OF], stdout=follower, stderr=subprocess.PIPE, cwd=ROOT, timeout=60)
    os.close(follower)
    os.close(leader)
    assert process.returncode == 2
    assert b"--format xlsx writes a binary workbook: give --output FILE.xlsx, or redirect the output" in process.stderr


def test_output_writes_the_file_in_one_step(tmp_path):
    target = tmp_path / "register.csv"
    target.write_text("old")
    result = export("incidents", "--format", "csv", "--as-of", AS_OF, "--output", str(target))
    assert (result.returncode, result.stdout) == (0, b"")
    assert target.read_bytes() == export("incidents", "--format", "csv", "--as-of", AS_OF).stdout
