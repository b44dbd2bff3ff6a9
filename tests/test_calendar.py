"""breachtrack calendar: an iCalendar file that parses back, with stable UIDs and reminders."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from conftest import AS_OF, ROOT, run_cli


def events_of(register, *args: str) -> dict[str, object]:
    result = run_cli("calendar", str(register), *args)
    assert result.returncode == 0, result.stderr
    calendar = Calendar.from_ical(result.stdout)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def events(*args: str) -> dict[str, object]:
    return events_of("incidents", *args)


def test_one_event_per_open_obligation_and_a_timed_deadline_reminded_24_and_2_hours_before():
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


def _rings(event) -> list[datetime]:
    """When each reminder of ``event`` rings: its trigger added to the start or the end it is
    related to (an all-day event's start is midnight of its day, in the calendar's own zone)."""
    def moment(value):
        return value if isinstance(value, datetime) else datetime.combine(value, datetime.min.time())

    rings = []
    for alarm in event.walk("VALARM"):
        related = alarm["TRIGGER"].params.get("RELATED", "START")
        rings.append(moment(event.decoded("DTEND" if related == "END" else "DTSTART")) + alarm.decoded("TRIGGER"))
    return rings


def test_an_all_day_deadline_is_reminded_30_7_and_1_days_before_at_nine():
    measure = events("--as-of", AS_OF)["CT-2026-11-PHISHING/remediation.webmail-mfa@breachtrack"]
    # due 2027-03-31: 30 days before is 1 March (March has 31 days: 31 - 30 = 1), 7 days before
    # is 24 March, 1 day before is 30 March, each at 09:00
    assert _rings(measure) == [datetime(2027, 3, 1, 9), datetime(2027, 3, 24, 9), datetime(2027, 3, 30, 9)]
    assert [str(alarm["TRIGGER"].to_ical(), "ascii") for alarm in measure.walk("VALARM")] == [
        "-P29DT15H", "-P6DT15H", "-PT15H"]  # 30 days less 9 hours before midnight of the due day, and so on


def test_reminders_in_breachtrack_toml(tmp_path):
    register = tmp_path / "incidents"
    shutil.copytree(ROOT / "incidents", register)
    with (register / "breachtrack.toml").open("a", encoding="utf-8") as settings:
        settings.write('reminders = ["2w", "3 Days", "14 days"]\n')  # 2 weeks and 14 days are one reminder
    result = run_cli("calendar", str(register), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    found = {str(e["UID"]): e for e in Calendar.from_ical(result.stdout).walk("VEVENT")}
    training = found["CT-2026-11-PHISHING/remediation.phishing-training@breachtrack"]
    # due 2027-06-30: 14 days before is 16 June, 3 days before is 27 June
    assert _rings(training) == [datetime(2027, 6, 16, 9), datetime(2027, 6, 27, 9)]
    notice = found["CT-2026-11-PHISHING/gdpr.art34.inform_subjects@breachtrack"]
    assert [alarm.decoded("TRIGGER") for alarm in notice.walk("VALARM")] == [timedelta(hours=-24), timedelta(hours=-2)]


def test_a_month_long_timed_deadline_gets_the_reminders_that_fall_inside_its_clock(tmp_path):
    register = tmp_path / "incidents"
    register.mkdir()
    shutil.copy(ROOT / "incidents" / "breachtrack.toml", register)
    source = (ROOT / "incidents" / "2026-03-energy-nis2.yaml").read_text(encoding="utf-8")
    (register / "energy.yaml").write_text(source.replace("  final_report_at: 2026-04-02T10:00\n", ""))
    found = events_of(register, "--as-of", "2026-03-20T12:00")
    assert list(found) == ["EN-2026-03-RANSOMWARE/nis2.progress_report@breachtrack"]
    progress = found["EN-2026-03-RANSOMWARE/nis2.progress_report@breachtrack"]
    # notified 2026-03-04 17:00 +01:00 (16:00 UTC); a progress report one month later, 2026-04-04
    # 17:00 +02:00 (15:00 UTC). 30 days before it, 2026-03-05 15:00 UTC, is after the notification:
    # every default reminder falls inside the clock, then 24 h and 2 h before as for any timed deadline
    assert progress.decoded("DTEND") == datetime(2026, 4, 4, 15, tzinfo=UTC)
    assert _rings(progress) == [datetime(2026, 3, 5, 15, tzinfo=UTC), datetime(2026, 3, 28, 15, tzinfo=UTC),
                                datetime(2026, 4, 3, 15, tzinfo=UTC), datetime(2026, 4, 4, 13, tzinfo=UTC)]


def test_a_bad_reminder_is_located(tmp_path):
    register = tmp_path / "incidents"
    shutil.copytree(ROOT / "incidents", register)
    with (register / "breachtrack.toml").open("a", encoding="utf-8") as settings:
        settings.write('reminders = ["7 days", "0 days"]\n')
    result = run_cli("calendar", str(register), "--as-of", AS_OF)
    assert result.returncode == 2
    assert (f"{register.as_posix()}/breachtrack.toml:6:13: reminders: a reminder comes at least 1 day before the "
            "due day, not 0") in result.stderr


# --- the regimes beyond Europe (issue 15): nothing in the calendar or the timelines is keyed on
# a list of ids or regimes, so an obligation of a new regime gets its event and its bar --------

WORLD = """\
id: US-2026-03-EXFIL
title: Customer records exfiltrated
timezone: America/New_York
regimes: [sec, pipeda]
detected_at: 2026-03-02T08:00
aware_at: 2026-03-02T09:00
determined_at: 2026-03-05T16:00
risk: high
"""


class FakeWorldRules:
    """Stands for rules/sec.py and rules/pipeda.py, written in parallel: ids, due times and a done
    notice as those modules give them; the calendar only reads what the engine judged."""

    def assess(self, incident, config):
        from breachtrack.rules import Assessment

        return [
            # 5 March (Thursday) + 4 SEC business days = Wednesday 11 March, 17:30 EDT (21:30 UTC)
            Assessment("sec.form8k", "File Form 8-K Item 1.05 (SEC)", "Form 8-K Item 1.05", "law", "applies",
                       "material incident", due=datetime(2026, 3, 11, 21, 30, tzinfo=UTC),
                       start=incident.determined_at),
            # the record of the breach, kept 24 months from the determination
            Assessment("pipeda.record", "Keep a record of the breach (PIPEDA)", "PIPEDA s.10.3", "law", "applies",
                       "every breach is recorded", due=datetime(2028, 3, 6, 5, 0, tzinfo=UTC),
                       start=incident.determined_at),
            Assessment("pipeda.opc", "Report the breach to the OPC", "PIPEDA s.10.1(1)", "policy", "applies",
                       "real risk of significant harm", due=datetime(2026, 3, 8, 21, 0, tzinfo=UTC),
                       done_at=datetime(2026, 3, 7, 15, 0, tzinfo=UTC), start=incident.determined_at),
        ]


def _world_report(as_of: datetime):
    from breachtrack.engine import assemble, evaluate
    from breachtrack.loader import load_bytes
    from breachtrack.model import Config

    loaded = load_bytes(WORLD.encode(), "incidents/us-exfil.yaml", Config(timezone="America/New_York"))
    assert loaded.incident is not None, loaded.errors
    return assemble([evaluate(loaded.incident, as_of, rules=[FakeWorldRules()])], [], as_of)


def test_obligations_of_a_new_regime_get_their_events_and_reminders():
    from breachtrack.reporters import ical

    report = _world_report(datetime(2026, 3, 9, 12, 0, tzinfo=UTC))
    found = {str(e["UID"]): e for e in Calendar.from_ical(ical.render(report, include_done=True)).walk("VEVENT")}
    assert sorted(found) == ["US-2026-03-EXFIL/pipeda.opc@breachtrack", "US-2026-03-EXFIL/pipeda.record@breachtrack",
                             "US-2026-03-EXFIL/sec.form8k@breachtrack"]
    form = found["US-2026-03-EXFIL/sec.form8k@breachtrack"]
    assert form.decoded("DTEND") == datetime(2026, 3, 11, 21, 30, tzinfo=UTC)
    assert str(form["SUMMARY"]) == "US-2026-03-EXFIL: File Form 8-K Item 1.05 (SEC)"
    assert "Legal basis: Form 8-K Item 1.05 (law)" in str(form["DESCRIPTION"])
    # determined 5 March 16:00 EST (21:00 UTC), due 6 days 30 minutes later: 24 h and 2 h before
    # it, and the 1-day default reminder, which falls inside the clock (24 h again: one alarm)
    assert _rings(form) == [datetime(2026, 3, 10, 21, 30, tzinfo=UTC), datetime(2026, 3, 11, 19, 30, tzinfo=UTC)]
    record = found["US-2026-03-EXFIL/pipeda.record@breachtrack"]
    # two years long: the 30-, 7- and 1-day reminders before 6 March 2028 05:00 UTC, then 2 h before
    assert _rings(record) == [datetime(2028, 2, 5, 5, tzinfo=UTC), datetime(2028, 2, 28, 5, tzinfo=UTC),
                              datetime(2028, 3, 5, 5, tzinfo=UTC), datetime(2028, 3, 6, 3, tzinfo=UTC)]
    done = found["US-2026-03-EXFIL/pipeda.opc@breachtrack"]
    assert str(done["SUMMARY"]).startswith("Done: US-2026-03-EXFIL") and not done.walk("VALARM")
    assert "US-2026-03-EXFIL/pipeda.opc@breachtrack" not in ical.render(report)  # open obligations only, by default


def test_obligations_of_a_new_regime_are_drawn_on_the_timelines():
    from breachtrack.reporters import html

    as_of = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
    report = _world_report(as_of)
    panels = html.panels(report.incidents[0], as_of)
    drawn = "".join(str(panel.svg) for panel in panels)
    for obligation_id in ("sec.form8k", "pipeda.record", "pipeda.opc"):
        assert f"({obligation_id}): due" in drawn
    assert drawn.count('class="bar ') == 3


def test_the_real_sec_and_nydfs_clocks_follow_the_trigger_facts_record_writes(tmp_path):
    (tmp_path / "listed.yaml").write_text("id: SEC-1\ntitle: Ransomware at a listed insurer\ntimezone: America/New_York\n"
                                          "regimes: [sec, nydfs]\ndetected_at: 2026-03-02T08:00\n"
                                          "aware_at: 2026-03-02T09:00\nrisk: high\n", encoding="utf-8")
    for args in (("determined", "--at", "2026-03-05T16:00"), ("ransom-paid", "--at", "2026-03-06T10:00")):
        result = run_cli("record", "SEC-1", *args, "--register", str(tmp_path))
        assert result.returncode == 0, result.stderr
    due = {uid.split("/")[1].split("@")[0]: event.decoded("DTEND")
           for uid, event in events_of(tmp_path, "--as-of", "2026-03-06T12:00-05:00").items()}
    assert due == {
        # determined Thursday 5 March, 16:00 EST: SEC business days Fri 6, Mon 9, Tue 10, Wed 11
        # (no federal holiday); 17:30 in New York, on daylight time from Sunday 8 March: 21:30 UTC
        "sec.form8k": datetime(2026, 3, 11, 21, 30, tzinfo=UTC),
        # 5 March 21:00 UTC + 72 h
        "nydfs.notice": datetime(2026, 3, 8, 21, 0, tzinfo=UTC),
        # paid 6 March 10:00 EST (15:00 UTC) + 24 h
        "nydfs.extortion_payment": datetime(2026, 3, 7, 15, 0, tzinfo=UTC),
        # 6 March + 30 calendar days = 5 April; due at the end of it, 6 April 00:00 EDT
        "nydfs.extortion_explanation": datetime(2026, 4, 6, 4, 0, tzinfo=UTC),
    }
    # replayed before the determination and the payment: no Form 8-K clock, and the NYDFS
    # notice counts from detection (2 March 08:00 EST + 72 h = 5 March 13:00 UTC), overdue then
    before = {uid.split("/")[1].split("@")[0]: event
              for uid, event in events_of(tmp_path, "--as-of", "2026-03-05T15:00-05:00").items()}
    assert sorted(before) == ["nydfs.notice"]
    assert before["nydfs.notice"].decoded("DTEND") == datetime(2026, 3, 5, 13, 0, tzinfo=UTC)
    assert str(before["nydfs.notice"]["SUMMARY"]).startswith("OVERDUE: SEC-1")
