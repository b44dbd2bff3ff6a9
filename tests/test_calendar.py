"""breachtrack calendar: an iCalendar file that parses back, with stable UIDs and reminders."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from conftest import AS_OF, run_cli


def events(*args: str) -> dict[str, object]:
    result = run_cli("calendar", "incidents", *args)
    assert result.returncode == 0, result.stderr
    calendar = Calendar.from_ical(result.stdout)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_one_event_per_open_obligation_with_two_reminders():
    found = events("--as-of", AS_OF)
    # by hand: the clinic's overdue notice to its patients and its two pending measures
    assert sorted(found) == [
        "CT-2026-11-PHISHING/gdpr.art34.inform_subjects@breachtrack",
        "CT-2026-11-PHISHING/remediation.phishing-training@breachtrack",
        "CT-2026-11-PHISHING/remediation.webmail-mfa@breachtrack",
    ]
    notice = found["CT-2026-11-PHISHING/gdpr.art34.inform_subjects@breachtrack"]
    assert notice.decoded("DTEND") == datetime(2026, 11, 21, 13, 0, tzinfo=UTC)  # 14:00 in Paris
    assert str(notice["SUMMARY"]) == "OVERDUE: CT-2026-11-PHISHING: Inform the people concerned"
    description = str(notice["DESCRIPTION"])
    assert "gdpr.art34.inform_subjects" in description and "Legal basis: GDPR Art. 34(1)" in description
    assert "incidents/2026-11-clinic-mailbox.yaml" in description
    alarms = notice.walk("VALARM")
    assert [alarm.decoded("TRIGGER") for alarm in alarms] == [timedelta(hours=-24), timedelta(hours=-2)]
    assert all(alarm["TRIGGER"].params["RELATED"] == "END" for alarm in alarms)
    measure = found["CT-2026-11-PHISHING/remediation.webmail-mfa@breachtrack"]
    assert measure.decoded("DTSTART") == date(2027, 3, 31) and measure.decoded("DTEND") == date(2027, 4, 1)


def test_importing_twice_gives_the_same_uids():
    earlier = events("--as-of", "2026-11-21T12:00")
    later = events("--as-of", AS_OF)
    assert set(earlier) == set(later)
    uid = "CT-2026-11-PHISHING/gdpr.art34.inform_subjects@breachtrack"
    assert str(earlier[uid]["SUMMARY"]) != str(later[uid]["SUMMARY"])  # pending then, overdue now


def test_include_done_gives_the_whole_history_without_reminders(tmp_path):
    output = tmp_path / "deadlines.ics"
    result = run_cli("calendar", "incidents", "--as-of", AS_OF, "--include-done", "--output", str(output))
    assert result.returncode == 0 and result.stdout == ""
    found = {str(e["UID"]): e for e in Calendar.from_ical(output.read_bytes()).walk("VEVENT")}
    assert len(found) == 32  # 1 overdue + 2 pending + 6 late + 23 done, as the summary counts them
    logging = found["FT-2024-03/remediation.logging@breachtrack"]
    assert str(logging["SUMMARY"]).startswith("Done late: FT-2024-03") and not logging.walk("VALARM")
