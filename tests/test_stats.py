"""``breachtrack stats`` through the real CLI: every figure of the sample register worked out by
hand, the period filter, an empty and a one-incident register, invalid files, every format."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import timedelta

import pytest

from breachtrack.cli import StatsFormat
from breachtrack.stats import nearest_rank
from conftest import ROOT, golden, run_cli

AS_OF = "2026-11-30T12:00+01:00"


def stats_json(*arguments: str) -> dict:
    result = run_cli("stats", *arguments, "--as-of", AS_OF, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_nearest_rank_by_hand():
    ten = list(range(1, 11))
    assert nearest_rank(ten, 50) == 5  # rank ceil(50 * 10 / 100) = 5
    assert nearest_rank(ten, 90) == 9  # rank ceil(90 * 10 / 100) = 9
    assert nearest_rank([29, 44, 47, 54, 55, 65, 102], 90) == 102  # rank ceil(6.3) = 7
    assert nearest_rank([29, 44, 47, 54, 55, 65, 102], 50) == 54  # rank ceil(3.5) = 4
    assert nearest_rank([7], 50) == nearest_rank([7], 90) == 7  # rank ceil(0.5) = ceil(0.9) = 1
    assert nearest_rank([], 50) is None
    assert nearest_rank(list(range(1, 31)), 90) == 27  # 90 * 30 / 100 = 27 exactly, no float ceil to 28


def test_every_figure_of_the_sample_register_by_hand():
    document = stats_json("incidents")
    assert document["as_of"] == "2026-11-30T12:00:00+01:00"
    assert document["period"] == {"from": None, "to": None}
    assert document["incidents"] == 9 and document["invalid_files"] == 0
    # malicious: FT-2024-03, KAIROS, CHVE backup disk, BE stuffing, EN ransomware, CT phishing;
    # accidental: BK cards, PC bucket, MX laptop
    assert document["by_cause"] == {"malicious": 6, "accidental": 3, "unknown": 0}
    # high: FT, KAIROS, CHVE, PC, CT; risk: BK, BE, EN; unlikely: MX
    assert document["by_risk"] == {"high": 5, "risk": 3, "unlikely": 1}
    # identity in all 9 files; contact: FT, KAIROS, MX, BE, EN, CT; account_id: FT, KAIROS, EN;
    # financial: BK, PC, BE; health: CHVE, MX, CT; birth_date: FT, KAIROS; national_id: FT, PC
    assert {k: v for k, v in document["by_data"].items() if v} == {
        "identity": 9, "contact": 6, "birth_date": 2, "national_id": 2, "account_id": 3, "financial": 3, "health": 3}
    assert set(document["by_data"]) >= {"credentials", "minors", "special_category", "not_recorded"}
    # gdpr: every incident but MX (unlikely: every obligation not applicable), PC by its notice to
    # the controller; fr (the complaint): FT, KAIROS, CHVE, EN, CT (not BK, PC, BE: not malicious
    # or not applicable); nis2: EN; dora: BK; none: MX
    assert {k: v for k, v in document["by_regime"].items() if v} == {"gdpr": 8, "fr": 5, "nis2": 1, "dora": 1,
                                                                      "none": 1}
    on_time = {(d["obligation"], d["target"]): (d["done"], d["late"], d["overdue"], d["pending"], d["share"])
               for d in document["on_time"]}
    assert on_time == {
        # FT, KAIROS, CHVE, BK, EN, CT within 72 h; BE 102 h after awareness: late; 6 / 7 = 0.8571
        ("gdpr.art33.notify_authority", "law"): (6, 1, 0, 0, 0.8571),
        ("gdpr.art33.notify_controller", "policy"): (0, 1, 0, 0, 0),  # PC: due 7 Oct 09:00, sent 15:00
        # FT (13 March, due 8 March) and KAIROS (22 July, due 15 July) late; CT (due 21 November) open
        ("gdpr.art34.inform_subjects", "policy"): (0, 2, 1, 0, 0),
        ("gdpr.art33.delay_reasons", "law"): (1, 0, 0, 0, 1),  # BE gave them with its notification
        ("fr.complaint", "law"): (4, 0, 0, 0, 1),  # KAIROS, CHVE, EN, CT: insured, within 72 h of detection
        ("fr.complaint", "policy"): (1, 0, 0, 0, 1),  # FT: not insured
        ("nis2.early_warning", "policy"): (1, 0, 0, 0, 1), ("nis2.notification", "policy"): (1, 0, 0, 0, 1),
        ("nis2.intermediate_report", "policy"): (1, 0, 0, 0, 1), ("nis2.final_report", "policy"): (1, 0, 0, 0, 1),
        ("dora.initial", "law"): (1, 0, 0, 0, 1), ("dora.intermediate", "law"): (1, 0, 0, 0, 1),
        ("dora.final", "law"): (1, 0, 0, 0, 1),
    }  # CHVE's Art. 34 (exempt) and dora.updated_intermediate (not applicable) are left out
    assert [d["obligation"] for d in document["on_time"]][:4] == [
        "gdpr.art33.notify_authority", "gdpr.art33.notify_controller", "gdpr.art34.inform_subjects",
        "gdpr.art33.delay_reasons"]  # regime by regime, in the order the rules run
    delays = document["delays_hours"]
    assert delays["percentile_method"] == "nearest-rank"
    # Awareness to notification of the CNIL:
    #   FT      5 March 18:00 -> 8 March 11:00 (+01:00)      = 72 - 7  =  65 h
    #   KAIROS  12 July 10:00 -> 14 July 17:00 (+02:00)      = 48 + 7  =  55 h
    #   CHVE    15 Sept 11:00 -> 16 Sept 16:00               = 24 + 5  =  29 h
    #   BK      1 Nov 09:00 -> 3 Nov 15:00 (+01:00)          = 48 + 6  =  54 h
    #   BE      2 Feb 09:00 -> 6 Feb 15:00                   = 96 + 6  = 102 h
    #   EN      3 March 10:00 -> 5 March 09:00               = 48 - 1  =  47 h
    #   CT      18 Nov 14:00 -> 20 Nov 10:00                 = 48 - 4  =  44 h
    # sorted 29 44 47 54 55 65 102: median rank ceil(3.5) = 4: 54 h; 90th rank ceil(6.3) = 7: 102 h.
    # PC (a processor) and MX (unlikely) were not notified.
    assert delays["awareness_to_notification"] == {"incidents": 7, "median": 54, "p90": 102, "unmeasured": 2}
    # Detection to awareness, for the files that write detected_at:
    #   FT      29 Feb 2024 16:00 -> 5 March 18:00           = 5 days 2 h = 122 h (2024 is a leap year)
    #   KAIROS, BE, CT: detected when aware                   = 0 h
    #   CHVE    07:30 -> 11:00                                = 3.5 h
    #   BK      31 Oct 20:00 -> 1 Nov 09:00 (both +01:00)     = 13 h
    #   EN      2 March 06:30 -> 3 March 10:00                = 27.5 h
    # sorted 0 0 0 3.5 13 27.5 122: median rank 4: 3.5 h; 90th rank 7: 122 h. PC and MX do not write it.
    assert delays["detection_to_awareness"] == {"incidents": 7, "median": 3.5, "p90": 122, "unmeasured": 2}
    late = [(m["incident"], m["obligation"], m["by_hours"], m["by_days"]) for m in document["late"]["obligations"]]
    assert document["late"]["count"] == 6
    assert late == [
        ("FT-2024-03", "gdpr.art34.inform_subjects", 111, None),  # due 8 March 18:00, done 13 March 09:00: 4 d 15 h
        ("FT-2024-03", "remediation.logging", None, 12),  # due 29 July 2026, done 10 August
        ("FT-2024-03", "remediation.access-review", None, 2),  # due 29 July, done 31 July
        ("FT-2025-KAIROS", "gdpr.art34.inform_subjects", 167, None),  # 15 July 10:00 -> 22 July 09:00: 7 d - 1 h
        ("PC-2025-10-BUCKET", "gdpr.art33.notify_controller", 6, None),  # 09:00 -> 15:00
        ("BE-2026-02-STUFFING", "gdpr.art33.notify_authority", 30, None),  # 5 Feb 09:00 -> 6 Feb 15:00
    ]
    # CT: people due 21 November 14:00, still not informed on 30 November 12:00: 8 days 22 h = 214 h
    assert document["overdue"] == {"count": 1, "obligations": [{
        "incident": "CT-2026-11-PHISHING", "obligation": "gdpr.art34.inform_subjects", "target": "policy",
        "due": "2026-11-21T14:00:00+01:00", "done_at": None, "by_hours": 214, "by_days": None}]}
    # FT's injunction, 5,000 EUR a day: logging late 30 July to 10 August = 12 days (access-review's
    # 30-31 July already counted) = 60,000 EUR; every enjoined measure is done: nothing runs now
    assert document["astreinte"] == {"accrued_eur": 60000, "daily_eur": 0}


def test_markdown_golden_and_its_words():
    result = run_cli("stats", "incidents", "--as-of", AS_OF)  # md is the default
    assert result.returncode == 0
    golden("stats.md", result.stdout)
    assert "| malicious (an attack) | 6 | 66.7% |" in result.stdout  # 6 / 9
    assert "| law | 6 of 7 (85.7%) | 6 | 1 | 0 | 0 |" in result.stdout
    assert "| Awareness to notification of the authority | 7 | 54 h | 102 h |" in result.stdout
    assert "| Detection to awareness | 7 | 3.5 h | 122 h |" in result.stdout
    assert "nearest-rank method" in result.stdout
    assert "Accrued: 60,000 EUR; running now: 0 EUR a day." in result.stdout
    assert "As of 30 November 2026, 12:00 +01:00" in result.stdout


def test_json_golden():
    result = run_cli("stats", "incidents", "--as-of", AS_OF, "--format", "json")
    golden("stats.json", result.stdout)


@pytest.mark.parametrize("choice", list(StatsFormat))
def test_every_format_is_wired_through_the_real_cli(choice, tmp_path):
    output = tmp_path / f"stats.{choice.value}"
    result = run_cli("stats", "incidents", "--as-of", AS_OF, "--format", choice.value, "--output", str(output))
    assert result.returncode == 0 and result.stdout == ""
    text = output.read_bytes().decode("utf-8")  # as written: CSV lines end with CRLF
    printed = run_cli("stats", "incidents", "--as-of", AS_OF, "--format", choice.value).stdout
    assert text.replace("\r\n", "\n") == printed  # (read in text mode, which turns CRLF into LF)
    if choice is StatsFormat.md:
        assert text.startswith("# Breach statistics\n")
    elif choice is StatsFormat.json:
        assert json.loads(text)["incidents"] == 9
    elif choice is StatsFormat.csv:
        assert text.startswith("\ufeffSection,") and text.count("\r\n") == text.count("\n")
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
        assert rows[0] == ["Section", "Incident", "Item", "Deadline set by", "Measure", "Value"]
        assert ["incidents", "", "all", "", "incidents", "9"] in rows
        assert ["awareness_to_notification", "", "nearest-rank", "", "median_hours", "54"] in rows
        assert ["overdue", "CT-2026-11-PHISHING", "gdpr.art34.inform_subjects", "policy", "hours", "214"] in rows
        assert ["late", "FT-2024-03", "remediation.logging", "law", "days", "12"] in rows
        assert ["on_time", "", "gdpr.art33.notify_authority", "law", "share", "0.8571"] in rows
        assert ["astreinte", "", "accrued", "", "eur", "60000"] in rows
    else:
        assert text.startswith("<!DOCTYPE html>")
        assert "<script" not in text and "http://" not in text and "https://" not in text  # nothing fetched or run
        # a bar for each row: 3 causes + 3 risks + 7 categories + 5 regimes + 2 x 5 delay bins + 13 duties
        assert text.count('<svg class="bar"') == 3 + 3 + 7 + 5 + 10 + 13
        # malicious: 6 / 9 of the track; notify_authority: 6 on time then 1 late, of 7
        assert '<rect x="0" y="0" width="66.67" height="10" fill="var(--bar)"/>' in text
        assert 'width="85.71" height="10" fill="#2e7d32"/><rect x="85.71" y="0" width="14.29"' in text
        assert "gdpr.<wbr>art33.<wbr>notify_authority" in text


def test_a_period_by_awareness_day():
    document = stats_json("incidents", "--from", "2025-01-01", "--to", "2025-12-31")
    assert document["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    # aware in 2025: KAIROS (12 July), CHVE (15 Sept), PC (6 Oct), BK (1 Nov), MX (3 Dec)
    assert document["incidents"] == 5
    assert document["by_cause"] == {"malicious": 2, "accidental": 3, "unknown": 0}
    # notified: CHVE 29 h, BK 54 h, KAIROS 55 h: median rank ceil(1.5) = 2: 54 h; 90th ceil(2.7) = 3: 55 h
    assert document["delays_hours"]["awareness_to_notification"] == {"incidents": 3, "median": 54, "p90": 55,
                                                                     "unmeasured": 2}
    # KAIROS 0 h, CHVE 3.5 h, BK 13 h
    assert document["delays_hours"]["detection_to_awareness"] == {"incidents": 3, "median": 3.5, "p90": 13,
                                                                  "unmeasured": 2}
    assert [m["incident"] for m in document["late"]["obligations"]] == ["FT-2025-KAIROS", "PC-2025-10-BUCKET"]
    assert document["overdue"]["count"] == 0 and document["astreinte"]["accrued_eur"] == 0
    since = stats_json("incidents", "--from", "2026-01-01")  # BE (2 Feb), EN (3 March), CT (18 Nov)
    assert since["incidents"] == 3 and since["period"] == {"from": "2026-01-01", "to": None}
    markdown = run_cli("stats", "incidents", "--as-of", AS_OF, "--from", "2025-01-01", "--to", "2025-12-31").stdout
    assert "from 1 January 2025 to 31 December 2025, both days included." in markdown


@pytest.mark.parametrize(("arguments", "message"), [
    (["--from", "2026-01-01", "--to", "2025-01-01"], "--from 2026-01-01 comes after --to 2025-01-01"),
    (["--from", "31/12/2025"], "--from '31/12/2025' is not a day"),
])
def test_a_wrong_period_is_refused(arguments, message):
    result = run_cli("stats", "incidents", "--as-of", AS_OF, *arguments)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_an_empty_register(tmp_path):
    (tmp_path / "breachtrack.toml").write_text("")
    document = stats_json(str(tmp_path))
    assert document["incidents"] == 0 and document["on_time"] == []
    assert document["delays_hours"]["awareness_to_notification"] == {"incidents": 0, "median": None, "p90": None,
                                                                     "unmeasured": 0}
    assert document["late"] == document["overdue"] == {"count": 0, "obligations": []}
    for choice in StatsFormat:
        result = run_cli("stats", str(tmp_path), "--as-of", AS_OF, "--format", choice.value)
        assert result.returncode == 0 and result.stderr == ""
    markdown = run_cli("stats", str(tmp_path), "--as-of", AS_OF).stdout
    assert "No notification duty applies to the incidents of the period." in markdown
    assert "\n\nAn incident counts once in each of its categories.\n\nNo incident in the period.\n" in markdown
    assert "| Awareness to notification of the authority | 0 | - | - |" in markdown


def test_one_incident_is_its_own_median_and_90th_percentile_across_a_clock_change(tmp_path):
    (tmp_path / "breachtrack.toml").write_text("")
    # Paris moves from +01:00 to +02:00 at 02:00 on 29 March 2026: 28 March 10:00 to 30 March
    # 10:00 is 47 real hours, not 48; detected 27 March 22:00 -> aware 28 March 10:00: 12 h
    (tmp_path / "one.yaml").write_text("id: ONE\ntitle: t\ncause: accidental\ndetected_at: 2026-03-27T22:00\n"
                                       "aware_at: 2026-03-28T10:00\nrisk: risk\ndata: [minors]\n"
                                       "authority_notice: {submitted_at: 2026-03-30T10:00}\n")
    document = stats_json(str(tmp_path))
    assert document["delays_hours"]["awareness_to_notification"] == {"incidents": 1, "median": 47, "p90": 47,
                                                                     "unmeasured": 0}
    assert document["delays_hours"]["detection_to_awareness"] == {"incidents": 1, "median": 12, "p90": 12,
                                                                  "unmeasured": 0}
    assert document["by_data"]["minors"] == 1 and document["by_regime"]["gdpr"] == 1
    # due 28 March 10:00 + 72 h = 31 March 11:00 +02:00: notified in time; no complaint (accidental)
    assert document["on_time"] == [{"obligation": "gdpr.art33.notify_authority", "target": "law",
                                    "title": "Notify the supervisory authority (CNIL)", "done": 1, "late": 0,
                                    "overdue": 0, "pending": 0, "share": 1}]


def test_invalid_files_exit_2_and_the_figures_say_they_leave_them_out(tmp_path):
    register = tmp_path / "register"
    shutil.copytree(ROOT / "incidents", register)
    (register / "bad.yaml").write_text("id: BAD\ntitle: t\naware_at: 2026-11-20T10:00\nrisk: severe\n")
    result = run_cli("stats", str(register), "--as-of", AS_OF)
    assert result.returncode == 2
    assert re.search(r"bad\.yaml:4:7: .*severe", result.stderr), result.stderr
    assert "## Incidents: 9" in result.stdout  # the valid files are still counted
    assert "**1 invalid file is left out of these figures (its errors are on standard error).**" in result.stdout
    document = json.loads(run_cli("stats", str(register), "--as-of", AS_OF, "--format", "json").stdout)
    assert document["invalid_files"] == 1 and document["incidents"] == 9


def test_a_missing_register_folder_is_an_error():
    result = run_cli("stats", "no-such-folder", "--as-of", AS_OF)
    assert result.returncode == 2 and "no such file or folder: no-such-folder" in result.stderr


def test_hours_are_exact_for_minutes():
    """A delay of 10 minutes is 0.17 h in JSON (two decimals), 0.2 h for people (one)."""
    from breachtrack.reporters.stats import _hours_text, _json_hours

    assert _json_hours(timedelta(minutes=10)) == 0.17 and _hours_text(timedelta(minutes=10)) == "0.2 h"
    assert _json_hours(timedelta(hours=54)) == 54
