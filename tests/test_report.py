"""report --format md reads as a DPO reads it: what needs action first, the most overdue first,
then what is due soon; the obligations that do not apply folded under each incident."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import AS_OF, run_cli

INCIDENT = """\
id: {id}
title: {title}
aware_at: {aware}
risk: {risk}
cause: accidental
"""


def register(folder: Path, settings: str = "") -> Path:
    """Five incidents in Europe/Paris (+01:00 in November), their files in an order unlike the
    one expected, and a sixth with a remediation measure only."""
    folder.mkdir()
    (folder / "breachtrack.toml").write_text(settings)
    for name, incident_id, aware, extra in [
        ("a.yaml", "SOON-1", "2026-11-22T12:00", ""),
        ("b.yaml", "OLD-1", "2026-11-01T12:00", ""),
        ("c.yaml", "DONE-1", "2026-11-20T12:00", "authority_notice: {submitted_at: 2026-11-21T12:00}\n"),
        ("d.yaml", "SOONER-1", "2026-11-21T18:00", ""),
        ("e.yaml", "NEWER-1", "2026-11-15T12:00", ""),
    ]:
        (folder / name).write_text(INCIDENT.format(id=incident_id, title=f"Title of {incident_id}", aware=aware,
                                                   risk="risk") + extra)
    (folder / "f.yaml").write_text(INCIDENT.format(id="LATER-1", title="Title of LATER-1", aware="2026-11-20T12:00",
                                                   risk="unlikely")
                                   + "remediation: [{id: wipe, title: Wipe the spare laptops, due: 2026-11-30}]\n")
    return folder


def section(report: str, heading: str) -> list[str]:
    """The lines under a '## ' heading, up to the next one."""
    lines = report.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start:end]


def rows(lines: list[str]) -> list[list[str]]:
    """The body rows of the first table among ``lines``, as cells."""
    table = [line for line in lines if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in table[2:]]


def test_the_report_opens_with_what_is_overdue_then_due_soon(tmp_path):
    report = run_cli("report", str(register(tmp_path / "register")), "--as-of", AS_OF, "--format", "md").stdout
    lines = report.splitlines()
    assert lines[:3] == ["# Breach register as of 2026-11-23 12:00 +01:00", "", "## Needs action"]
    # Art. 33(1): 72 hours after awareness. As of 23 November 12:00:
    # OLD-1 due 4 Nov 12:00, 19 days past; NEWER-1 due 18 Nov 12:00, 5 days past;
    # SOONER-1 due 24 Nov 18:00, in 30 h; SOON-1 due 25 Nov 12:00, in 48 h (within the default 72 h);
    # DONE-1 notified in time; LATER-1's measure is due at the end of 30 November, in 7 days 12 h.
    notify = "Notify the supervisory authority (CNIL) (GDPR Art. 33(1))"
    assert rows(section(report, "## Needs action")) == [
        ["🔴 **overdue**", "OLD-1: Title of OLD-1", notify, "2026-11-04 12:00 +01:00", "19 days overdue"],
        ["🔴 **overdue**", "NEWER-1: Title of NEWER-1", notify, "2026-11-18 12:00 +01:00", "5 days overdue"],
        ["🟡 due soon", "SOONER-1: Title of SOONER-1", notify, "2026-11-24 18:00 +01:00", "due in 1 day 6 h"],
        ["🟡 due soon", "SOON-1: Title of SOON-1", notify, "2026-11-25 12:00 +01:00", "due in 2 days"],
    ]
    assert lines.index("## Summary") < lines.index("## DONE-1: Title of DONE-1")


def test_due_soon_follows_warn_within_of_the_settings(tmp_path):
    folder = register(tmp_path / "register", settings='warn_within = "8 days"\n')
    report = run_cli("report", str(folder), "--as-of", AS_OF, "--format", "md").stdout
    listed = rows(section(report, "## Needs action"))
    assert [row[1].split(":")[0] for row in listed] == ["OLD-1", "NEWER-1", "SOONER-1", "SOON-1", "LATER-1"]
    # the end of 30 November, 1 December 00:00, is 7 days 12 h after 23 November 12:00
    assert listed[-1] == ["🟡 due soon", "LATER-1: Title of LATER-1", "Wipe the spare laptops (remediation plan)",
                          "2026-11-30 (policy target)", "due in 7 days"]
    html = run_cli("report", str(folder), "--as-of", AS_OF, "--format", "html").stdout
    assert "<dt>Due within 8 days</dt><dd>3</dd>" in html  # SOONER-1, SOON-1 and LATER-1


def test_when_nothing_needs_action_one_line_says_so(tmp_path):
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "breachtrack.toml").write_text('warn_within = "2 days"\n')
    (folder / "done.yaml").write_text(INCIDENT.format(id="DONE-1", title="t", aware="2026-11-20T12:00", risk="risk")
                                      + "authority_notice: {submitted_at: 2026-11-21T12:00}\n")
    report = run_cli("report", str(folder), "--as-of", AS_OF, "--format", "md").stdout
    assert section(report, "## Needs action") == ["", "Nothing overdue or due within 2 days.", ""]


def test_obligations_that_do_not_apply_are_folded_under_each_incident():
    report = run_cli("report", "incidents", "--as-of", AS_OF, "--format", "md").stdout
    assert "not applicable |" not in report  # no status cell says it: the rows are folded
    laptop = section(report, "## MX-2025-12-LAPTOP: Encrypted laptop lost on a train")
    assert not any(line.startswith("### ") for line in laptop)  # all four rules do not apply: no table of its own
    start = laptop.index("<details><summary>4 obligations do not apply</summary>")
    end = laptop.index("</details>")
    assert laptop[start + 1] == "" and laptop[end - 1] == ""  # GitHub and GitLab render the table only so
    assert laptop[start + 2] == "| Obligation | Legal basis | Why it does not apply |"
    assert [row[0] for row in rows(laptop[start:end])] == [
        "Notify the supervisory authority (CNIL)<br>`gdpr.art33.notify_authority`",
        "Notify the controller<br>`gdpr.art33.notify_controller`",
        "Inform the people concerned<br>`gdpr.art34.inform_subjects`",
        "File a criminal complaint (plainte)<br>`fr.complaint`"]
    assert "the breach is unlikely to result in a risk" in laptop[start + 4]  # the Art. 33(5) reasoning, kept
    backup = section(report, "## CHVE-2025-09-BACKUP: Encrypted backup disk stolen from the records office")
    exempt = next(line for line in backup if "`gdpr.art34.inform_subjects`" in line)
    folded = backup.index("<details><summary>1 obligation does not apply</summary>")
    assert "⚪ exempt" in exempt and backup.index(exempt) < folded  # an exemption stays in sight
    assert report.count("<details><summary>") == report.count("</details>") == 9  # each incident has one


def test_a_value_can_neither_close_nor_open_a_fold(tmp_path):
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "breachtrack.toml").write_text("")
    (folder / "x.yaml").write_text('id: X-1\ntitle: "</details> <details open>"\naware_at: 2026-11-20T10:00\n'
                                   'risk: unlikely\ncause: malicious\n'
                                   'complaint: {waived: "</details>\\n<details><summary>forged</summary>"}\n')
    report = run_cli("report", str(folder), "--as-of", AS_OF, "--format", "md").stdout
    html_lines = [line for line in report.splitlines() if re.match(r"</?details", line)]
    assert html_lines == ["<details><summary>4 obligations do not apply</summary>", "</details>"]
    assert r"\</details\> \<details\>\<summary\>forged\</summary\>" in report  # the complaint's reason, escaped
    page = run_cli("report", str(folder), "--as-of", AS_OF, "--format", "html").stdout
    assert page.count("<details") == page.count("</details>") == 1
    assert "&lt;/details&gt; &lt;details open&gt;" in page
