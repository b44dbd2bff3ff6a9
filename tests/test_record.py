"""breachtrack record: one fact written into a commented file, nothing else touched, atomically."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from filelock import FileLock
from pydantic import BaseModel, ConfigDict, Field

from breachtrack import cli, files
from breachtrack.model import dated_fact
from conftest import EXAMPLES, ROOT, run_cli

SAMPLE = EXAMPLES / "record" / "commented.yaml"
ID = "CT-2026-11-PHISHING"


@pytest.fixture
def register(tmp_path) -> Path:
    folder = tmp_path / "register"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "clinic.yaml")
    return folder


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def record(register: Path, *args: str):
    return run_cli("record", ID, *args, "--register", str(register))


def test_a_new_section_is_inserted_and_every_other_byte_stays(register):
    before = lines_of(register / "clinic.yaml")
    result = record(register, "informed", "--at", "2026-11-22T09:00", "--channel", "letter")
    assert result.returncode == 0, result.stderr
    # by hand: after authority_notice and the comment that follows it, in the format's order
    at = before.index("complaint:\n")
    expected = before[:at] + ["subject_notice:\n", "  sent_at: 2026-11-22T09:00\n", "  channel: letter\n", "\n"] + before[at:]
    assert lines_of(register / "clinic.yaml") == expected
    assert result.stdout.splitlines() == [
        f"{(register / 'clinic.yaml').as_posix()}: recorded",
        "  subject_notice.sent_at: 2026-11-22T09:00",
        "  subject_notice.channel: letter",
        # due 72 h after 18 Nov 14:00; informed 19 hours after that
        "gdpr.art34.inform_subjects is now late: due 2026-11-21 14:00 +01:00, done 2026-11-22 09:00 +01:00 "
        "(done 19 h late)",
    ]


def test_replacing_a_fact_changes_that_line_only(register):
    before = lines_of(register / "clinic.yaml")
    refused = record(register, "notified", "--at", "2026-11-20T11:00")
    assert refused.returncode == 2 and "already has submitted_at: 2026-11-20T10:00; add --force" in refused.stderr
    assert lines_of(register / "clinic.yaml") == before
    assert record(register, "notified", "--at", "2026-11-20T11:00", "--force").returncode == 0
    after = lines_of(register / "clinic.yaml")
    changed = [i for i, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    assert changed == [before.index("  submitted_at: 2026-11-20T10:00\n")]
    assert after[changed[0]] == "  submitted_at: 2026-11-20T11:00\n"


def test_a_measure_done_and_details_at_the_end_of_a_mapping(register):
    before = lines_of(register / "clinic.yaml")
    result = record(register, "done", "webmail-mfa", "--at", "2026-11-22", "--evidence", "Ticket 4211")
    assert result.returncode == 0
    at = before.index("    due: 2027-03-31            # board decision\n") + 1
    assert lines_of(register / "clinic.yaml") == (
        before[:at] + ["    done_on: 2026-11-22\n", "    evidence: Ticket 4211\n"] + before[at:]
    )
    assert "remediation.webmail-mfa is now done: due 2027-03-31, done 2026-11-22" in result.stdout
    reasons = record(register, "notified", "--force", "--at", "2026-11-20T10:00", "--delay-reasons", "none")
    assert reasons.returncode == 0  # a key added after the last one keeps the comment on its line
    text = (register / "clinic.yaml").read_text()
    assert "  reference: NOTIF-2026-011877   # CNIL's reference\n  delay_reasons: none\n\n# people" in text


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (("informed", "--at", "2099-01-01T10:00"), "is in the future"),
        (("informed", "--at", "2026-11-22"), "give the time of day too"),
        (("informed", "--at", "2026-03-29T02:30"), "does not exist in Europe/Paris"),
        (("done", "nope", "--at", "2026-11-22"), "no remediation measure 'nope' in this incident"),
        (("informed", "--evidence", "x"), "--evidence goes with: done"),
        (("done",), "done takes the measure's id"),
    ],
)
def test_refused_edits_leave_the_file_byte_for_byte(register, args, phrase):
    before = (register / "clinic.yaml").read_bytes()
    result = record(register, *args)
    assert result.returncode == 2 and phrase in result.stderr and "Traceback" not in result.stderr
    assert (register / "clinic.yaml").read_bytes() == before


def test_an_invalid_file_is_refused_with_the_reason(register):
    path = register / "clinic.yaml"
    path.write_text(path.read_text().replace("risk: high", "risk: hihg"))
    before = path.read_bytes()
    result = record(register, "informed", "--at", "2026-11-22T09:00")
    assert result.returncode == 2
    assert "not changed, since the file is invalid; fix it first" in result.stderr
    assert "risk: 'hihg' is not a valid value" in result.stderr
    assert path.read_bytes() == before


def test_a_file_nested_3000_deep_is_refused_unedited(register):
    path = register / "clinic.yaml"
    path.write_text(path.read_text() + "description: " + "[" * 3000 + "]" * 3000 + "\n")
    before = path.read_bytes()
    result = record(register, "informed", "--at", "2026-11-22T09:00")
    assert result.returncode == 2 and "nested more than 40 levels deep" in result.stderr
    assert "internal error" not in result.stderr and path.read_bytes() == before


def test_an_edit_that_would_leave_the_file_invalid_is_refused_with_the_reason(register):
    before = (register / "clinic.yaml").read_bytes()
    result = record(register, "informed", "--at", "2026-11-01T09:00")  # before the breach was known
    assert result.returncode == 2
    assert "not changed, since the edit would make it invalid" in result.stderr
    assert "subject_notice.sent_at: 2026-11-01 09:00" in result.stderr
    assert (register / "clinic.yaml").read_bytes() == before


def test_an_unknown_measure_is_refused(register):
    before = (register / "clinic.yaml").read_bytes()
    result = record(register, "done", "no-such-measure", "--at", "2026-11-22")
    assert result.returncode == 2 and "no remediation measure 'no-such-measure'" in result.stderr
    assert (register / "clinic.yaml").read_bytes() == before


def test_a_layout_that_cannot_be_kept_is_refused(register):
    path = register / "clinic.yaml"
    path.write_text("id: CT-2026-11-PHISHING\ntitle: t\naware_at: 2026-11-18T14:00\nrisk: high\n"
                    "complaint:\n    filed_at: 2026-11-19T09:30\nsubject_notice:\n  channel: email\n")
    before = path.read_bytes()
    result = record(register, "informed", "--at", "2026-11-22T09:00")
    assert result.returncode == 2 and "record the fact by hand" in result.stderr
    assert path.read_bytes() == before


def test_crlf_bom_and_permissions_are_kept(register):
    path = register / "clinic.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    path.chmod(0o600)
    assert record(register, "informed", "--at", "2026-11-22T09:00").returncode == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\nsubject_notice:\r\n  sent_at: 2026-11-22T09:00\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_at_defaults_to_now_in_the_incidents_zone_without_seconds(register):
    path = register / "clinic.yaml"
    path.write_text(path.read_text().replace("cause: malicious", "timezone: Asia/Tokyo\ncause: malicious"))
    before = datetime.now(UTC)
    assert record(register, "informed").returncode == 0
    written = next(line for line in lines_of(path) if line.startswith("  sent_at: ")).split(": ")[1].strip()
    assert len(written) == len("2026-11-22T09:00")
    moment = datetime.fromisoformat(written).replace(tzinfo=ZoneInfo("Asia/Tokyo"))
    assert before - timedelta(minutes=1) <= moment <= datetime.now(UTC)


def test_an_unknown_id_is_named(register):
    result = run_cli("record", "NOPE", "informed", "--register", str(register))
    assert result.returncode == 2 and "no incident with id 'NOPE'" in result.stderr


class Interrupted(BaseException):
    """Stands for a crash or a kill in the middle of writing."""


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_an_interrupted_write_leaves_the_old_file_or_the_new_one(tmp_path, monkeypatch, step):
    path = tmp_path / "incident.yaml"
    path.write_bytes(SAMPLE.read_bytes())
    new = SAMPLE.read_bytes() + b"# appended\n"

    def crash(*args, **kwargs):
        raise Interrupted

    if step == "write":  # half the bytes reach the temporary file, then the process dies
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data):
                self.handle.write(data[: len(data) // 2])
                self.handle.flush()
                raise Interrupted

        monkeypatch.setattr(files.os, "fdopen", lambda fd, *a, **k: HalfWriter(real_fdopen(fd, *a, **k)))
    else:
        monkeypatch.setattr(files.os, step, crash)
    with pytest.raises(Interrupted):
        files.replace(path, new)
    monkeypatch.undo()
    assert path.read_bytes() == SAMPLE.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["incident.yaml"]  # no temporary file left behind
    files.replace(path, new)
    assert path.read_bytes() == new


def test_a_regime_fact_is_recorded_in_its_section(tmp_path):
    register = tmp_path / "register"
    register.mkdir()
    source = (EXAMPLES.parent.parent / "incidents" / "2026-03-energy-nis2.yaml").read_text(encoding="utf-8")
    path = register / "energy.yaml"
    path.write_text(source.replace("  final_report_at: 2026-04-02T10:00\n", ""), encoding="utf-8")
    before = lines_of(path)
    result = run_cli("record", "EN-2026-03-RANSOMWARE", "nis2-final", "--at", "2026-04-03T09:00",
                     "--register", str(register))
    assert result.returncode == 0, result.stderr
    end_of_section = before.index("\n", before.index("nis2:\n"))  # the blank line after it
    assert lines_of(path) == [*before[:end_of_section], "  final_report_at: 2026-04-03T09:00\n",
                              *before[end_of_section:]]
    # one month after the notification of 4 March 17:00 +01:00, at the same time of day
    assert "nis2.final_report is now done: due 2026-04-04 17:00 +02:00" in result.stdout


def test_a_uk_telecom_providers_late_notice_with_its_reasons_and_its_subscribers(tmp_path):
    register = tmp_path / "register"
    register.mkdir()
    path = register / "telecom.yaml"
    path.write_text("id: UK-TEL-1\ntitle: SIM-swap portal\ntimezone: Europe/London\nregimes: [uk, pecr]\n"
                    "aware_at: 2025-09-01T09:00\nrisk: high\npecr:\n  in_connection_with_service: true\n"
                    "  adverse_effect: true\n", encoding="utf-8")
    notified = run_cli("record", "UK-TEL-1", "pecr-notified", "--at", "2025-09-05T10:00", "--delay-reasons",
                       "logs recovered on day 4", "--register", str(register))
    assert notified.returncode == 0, notified.stderr
    # 1 September 09:00 +01:00 + 72 h = 4 September 09:00; notified a day later, with its reasons
    assert notified.stdout.splitlines()[1:] == [
        "  pecr.notified_at: 2025-09-05T10:00",
        "  pecr.delay_reasons: logs recovered on day 4",
        "pecr.notify_ico is now late: due 2025-09-04 09:00 +01:00, done 2025-09-05 10:00 +01:00 (done 1 day 1 h late)",
        "pecr.delay_reasons is now done: due 2025-09-05 10:00 +01:00, done 2025-09-05 10:00 +01:00",
    ]
    informed = run_cli("record", "UK-TEL-1", "pecr-subscribers-informed", "--at", "2025-09-03T12:00",
                       "--register", str(register))
    assert informed.returncode == 0, informed.stderr
    assert "pecr.inform_subscribers is now done: due 2025-09-04 09:00 +01:00, done 2025-09-03 12:00 +01:00" in (
        informed.stdout)
    assert path.read_text(encoding="utf-8").endswith(
        "  notified_at: 2025-09-05T10:00\n  adverse_effect: true\n  subscribers_informed_at: 2025-09-03T12:00\n"
        "  delay_reasons: logs recovered on day 4\n")


def test_cra_facts_are_recorded_in_their_section(tmp_path):
    register = tmp_path / "register"
    register.mkdir()
    path = register / "router.yaml"
    path.write_text("id: RT-2026-10\ntitle: Router firmware flaw exploited\nregimes: [gdpr, cra]\n"
                    "aware_at: 2026-10-24T18:00\nrisk: unlikely\n\ncra:\n  kind: exploited_vulnerability\n",
                    encoding="utf-8")
    before = lines_of(path)
    result = run_cli("record", "RT-2026-10", "cra-fix-available", "--at", "2026-11-03T17:00", "--register", str(register))
    assert result.returncode == 0, result.stderr
    assert lines_of(path) == before + ["  fix_available_at: 2026-11-03T17:00\n"]
    # R1: the final report 14 days after the fix, no clock change between (overdue or pending: it is now)
    assert "due 2026-11-17 17:00 +01:00" in result.stdout.splitlines()[-1]
    result = run_cli("record", "RT-2026-10", "cra-final", "--at", "2026-11-16T10:00", "--register", str(register))
    assert result.returncode == 0, result.stderr
    assert lines_of(path)[-1] == "  final_report_at: 2026-11-16T10:00\n"
    assert "cra.final_report is now done: due 2026-11-17 17:00 +01:00" in result.stdout
    for fact, key in (("cra-early-warning", "early_warning_at"), ("cra-notification", "notification_at"),
                      ("cra-users-informed", "users_informed_at")):
        result = run_cli("record", "RT-2026-10", fact, "--at", "2026-10-25T09:00", "--register", str(register))
        assert result.returncode == 0, result.stderr
        assert f"  cra.{key}: 2026-10-25T09:00" in result.stdout


def test_the_command_line_offers_exactly_the_facts_the_recorder_can_write():
    """The CLI takes its choices from the recorder, which lists them (every moment of a regime's
    section among them) without importing ruamel.yaml: start-up stays quick."""
    from breachtrack import recorder

    assert {choice.value for choice in cli.RecordWhat} == {*recorder.FACTS, recorder.RESIDENTS, recorder.DONE}
    code = "import sys, breachtrack.cli; print(any(name.startswith('ruamel') for name in sys.modules))"
    started = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert started.stdout == "False\n"



NEW_ID = "2026-11-PHISHING-CLINIC-WEBMAIL"


@pytest.fixture
def made_by_new(tmp_path) -> Path:
    """A file as ``breachtrack new`` writes it: every section not written yet commented out."""
    folder = tmp_path / "incidents"
    folder.mkdir()
    (folder / "breachtrack.toml").write_text('regimes = ["gdpr", "fr", "nis2"]  # a clinic: an essential entity\n')
    made = run_cli("new", str(folder), "--title", "Phishing on the clinic's webmail", "--risk", "high",
                   "--aware-at", "2026-11-20T10:00")
    assert made.returncode == 0, made.stderr
    return folder / "2026-11-phishing-clinic-webmail.yaml"


def record_in(path: Path, *args: str):
    return run_cli("record", NEW_ID, *args, "--register", str(path.parent))


def test_in_a_file_made_by_new_a_section_lands_as_one_block_above_its_example(made_by_new):
    before = lines_of(made_by_new)
    result = record_in(made_by_new, "notified", "--at", "2026-11-21T10:00")
    assert result.returncode == 0, result.stderr
    at = before.index("# authority_notice:\n")  # under the paragraph's heading
    assert lines_of(made_by_new) == (
        before[:at] + ["authority_notice:\n", "  submitted_at: 2026-11-21T10:00\n"] + before[at:]
    )


def test_in_a_file_made_by_new_each_fact_lands_where_a_person_would_write_it(made_by_new):
    for args in (("complaint", "--at", "2026-11-22T09:00", "--with", "police"),
                 ("nis2-early-warning", "--at", "2026-11-21T09:00"),  # last in the format: after every example
                 ("notified", "--at", "2026-11-21T10:00", "--reference", "CNIL-2026-0042"),
                 ("informed", "--at", "2026-11-21T16:00", "--channel", "email")):
        result = record_in(made_by_new, *args)
        assert result.returncode == 0, result.stderr
    expected = EXAMPLES / "record" / "new-recorded.yaml"
    assert made_by_new.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")


def test_a_section_without_an_example_goes_before_the_paragraph_of_the_next_example(made_by_new):
    made_by_new.write_text(made_by_new.read_text().replace("role: controller   ", "role: processor    "))
    before = lines_of(made_by_new)
    result = record_in(made_by_new, "controller-notified", "--at", "2026-11-20T15:00")
    assert result.returncode == 0, result.stderr
    # in the format, controller_notice comes after subject_notice and before complaint
    at = next(number for number, line in enumerate(before) if line.startswith("# --- Criminal complaint"))
    assert lines_of(made_by_new) == (
        before[:at] + ["controller_notice:\n", "  sent_at: 2026-11-20T15:00\n", "\n"] + before[at:]
    )


def test_details_without_at_are_added_to_a_fact_recorded_and_leave_its_time(register):
    path = register / "clinic.yaml"
    before = lines_of(path)
    result = record(register, "notified", "--delay-reasons", "the provider's forensic report came on day 4")
    assert result.returncode == 0, result.stderr
    at = before.index("  reference: NOTIF-2026-011877   # CNIL's reference\n") + 1
    assert lines_of(path) == before[:at] + ["  delay_reasons: the provider's forensic report came on day 4\n"] + before[at:]
    assert result.stdout.splitlines()[:2] == [
        f"{path.as_posix()}: recorded",
        "  authority_notice.delay_reasons: the provider's forensic report came on day 4",
    ]


def test_force_without_at_replaces_the_details_given_and_never_the_time(register):
    path = register / "clinic.yaml"
    before = lines_of(path)
    refused = record(register, "notified", "--reference", "NOTIF-2026-999999")
    assert refused.returncode == 2
    assert "authority_notice already has reference: NOTIF-2026-011877; add --force to replace it" in refused.stderr
    assert record(register, "notified", "--reference", "NOTIF-2026-999999", "--force").returncode == 0
    at = before.index("  reference: NOTIF-2026-011877   # CNIL's reference\n")
    replaced = before[:at] + ["  reference: NOTIF-2026-999999   # CNIL's reference\n"] + before[at + 1:]
    assert lines_of(path) == replaced
    for args in (("notified",), ("notified", "--force")):  # no time given, no detail: nothing to do
        result = record(register, *args)
        assert result.returncode == 2
        assert "authority_notice already has submitted_at: 2026-11-20T10:00; to replace it, give --at and --force" in (
            result.stderr)
    assert record(register, "done", "webmail-mfa", "--at", "2026-11-22").returncode == 0
    evidence = record(register, "done", "webmail-mfa", "--evidence", "Ticket 4211")
    assert evidence.returncode == 0 and "  remediation 'webmail-mfa' evidence: Ticket 4211" in evidence.stdout
    at = replaced.index("    due: 2027-03-31            # board decision\n") + 1
    assert lines_of(path) == replaced[:at] + ["    done_on: 2026-11-22\n", "    evidence: Ticket 4211\n"] + replaced[at:]


RACE = "id: RACE\ntitle: Two people record at once\ncause: malicious\naware_at: 2026-11-20T10:00\nrisk: high\n"
RACING_FACTS = {  # fact -> (its section and key, --at)
    "notified": (("authority_notice", "submitted_at"), "2026-11-21T10:00"),
    "complaint": (("complaint", "filed_at"), "2026-11-21T11:00"),
}
REFUSALS = ("another breachtrack record is writing", "changed while the fact was being recorded")


def test_two_records_at_once_both_land_or_one_is_refused_in_words(tmp_path):
    """Twenty pairs at a time, the two of a pair started together on one file, three rounds:
    a fact reported as recorded is in the file, and one refused is not."""
    landed_pairs = 0
    for round_number in range(3):
        pairs = []
        for pair in range(20):
            folder = tmp_path / f"{round_number}-{pair}"
            folder.mkdir()
            (folder / "race.yaml").write_text(RACE, encoding="utf-8")
            processes = [
                subprocess.Popen([sys.executable, "-m", "breachtrack", "record", "RACE", fact, "--at", at,
                                  "--register", str(folder)], cwd=ROOT, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
                for fact, (_, at) in RACING_FACTS.items()
            ]
            pairs.append((folder, processes))
        for folder, processes in pairs:
            ended = [(process.wait(60), process.communicate()[1]) for process in processes]
            document = yaml.safe_load((folder / "race.yaml").read_text(encoding="utf-8"))
            landed = [key in (document.get(section) or {}) for (section, key), _ in RACING_FACTS.values()]
            for (code, stderr), present in zip(ended, landed, strict=True):
                assert present == (code == 0), stderr
                assert code == 0 or (code == 2 and any(refusal in stderr for refusal in REFUSALS)), stderr
            assert any(landed)
            landed_pairs += all(landed)
            assert sorted(path.name for path in folder.iterdir()) == [".race.yaml.lock", "race.yaml"]
    assert landed_pairs == 60  # each read its file under the lock, after the other's write: none refused


def test_the_owner_group_and_mode_are_kept(register):
    path = register / "clinic.yaml"
    path.chmod(0o640)
    if os.geteuid() == 0:  # only root can give a file to someone else
        os.chown(path, 1234, 5678)
    assert record(register, "informed", "--at", "2026-11-22T09:00").returncode == 0
    status = path.stat()
    assert stat.S_IMODE(status.st_mode) == 0o640 and "subject_notice:" in path.read_text()
    if os.geteuid() == 0:
        assert (status.st_uid, status.st_gid) == (1234, 5678)


def test_a_link_is_followed_and_its_target_edited(register):
    # the target in a hidden folder, which the register does not walk: else link and target
    # are two files giving one id, which every command refuses
    (register / ".archive").mkdir()
    target = register / ".archive" / "clinic.yaml"
    (register / "clinic.yaml").rename(target)
    (register / "clinic.yaml").symlink_to(Path(".archive") / "clinic.yaml")
    before = lines_of(target)
    assert record(register, "informed", "--at", "2026-11-22T09:00").returncode == 0
    assert (register / "clinic.yaml").is_symlink()
    assert len(lines_of(target)) == len(before) + 3  # subject_notice, sent_at and a blank line
    assert sorted(p.name for p in (register / ".archive").iterdir()) == [".clinic.yaml.lock", "clinic.yaml"]


def test_a_read_only_file_is_refused_in_words(register):
    path = register / "clinic.yaml"
    path.chmod(0o444)  # as root, os.access says writable: the mode says no
    before = path.read_bytes()
    result = record(register, "informed", "--at", "2026-11-22T09:00")
    assert result.returncode == 2
    assert result.stderr == f"breachtrack: cannot write {path.as_posix()}: the file is read-only\n"
    assert path.read_bytes() == before


def run_with(patch: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point, with one module attribute replaced first: what cannot be timed
    from outside, such as an editor saving the file while record works on it."""
    code = f"from breachtrack import cli, files\n{patch}\ncli.main()"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_a_file_held_by_another_record_is_refused_after_the_wait(register):
    path = register / "clinic.yaml"
    before = path.read_bytes()
    with FileLock(register / ".clinic.yaml.lock"):
        result = run_with("files.LOCK_TIMEOUT = 0.2", "record", ID, "informed", "--at", "2026-11-22T09:00",
                          "--register", str(register))
    assert result.returncode == 2
    assert result.stderr == f"breachtrack: another breachtrack record is writing {path.as_posix()}; try again\n"
    assert path.read_bytes() == before


def test_a_file_changed_by_someone_else_meanwhile_is_not_replaced(register):
    path = register / "clinic.yaml"
    saved = b"# saved by an editor meanwhile\n" + path.read_bytes()
    # the editor saves after record read the file and before it replaces it
    patch = f"files._bytes_of = lambda file: (file.write_bytes({saved!r}), {saved!r})[1]"
    result = run_with(patch, "record", ID, "informed", "--at", "2026-11-22T09:00", "--register", str(register))
    assert result.returncode == 2
    assert result.stderr == (
        f"breachtrack: {path.as_posix()} changed while the fact was being recorded (someone else edited it): "
        "not changed; run the command again\n"
    )
    assert path.read_bytes() == saved
    assert sorted(p.name for p in register.iterdir()) == [".clinic.yaml.lock", "clinic.yaml"]


# --- the trigger facts and the moments of the regimes beyond Europe (issue 15) -----------------


def test_trigger_facts_join_the_paragraph_of_aware_at_and_its_blank_line_follows_them(register):
    path = register / "clinic.yaml"
    before = lines_of(path)
    for args in (("residents", "--set", "US-CA=1200", "--set", "br=5000"),  # written BR, as ISO 3166 spells it
                 ("ransom-paid", "--at", "2026-11-19T11:00"),
                 ("determined", "--at", "2026-11-19T10:00")):
        result = record(register, *args)
        assert result.returncode == 0, result.stderr
    # by hand: the format's order is aware_at, determined_at, ransom_paid_at, residents; the
    # end-of-line comment stays on aware_at's line and the blank line now closes the paragraph
    at = before.index("aware_at: 2026-11-18T14:00    # confirmed by the IT provider\n") + 1
    assert lines_of(path) == before[:at] + [
        "determined_at: 2026-11-19T10:00\n", "ransom_paid_at: 2026-11-19T11:00\n",
        "residents:\n", "  US-CA: 1200\n", "  BR: 5000\n",
    ] + before[at:]
    assert result.stdout.splitlines()[:2] == [f"{path.as_posix()}: recorded", "  determined_at: 2026-11-19T10:00"]


RESIDENTS_FILE = """\
id: WORLD-1
title: A customer database copied
timezone: America/New_York
aware_at: 2026-03-02T09:00
residents:   # from the CRM export of 3 March
  US-CA: 1200    # billing addresses
  # Texas still being counted
  US-TX: 0
risk: high
"""


@pytest.fixture
def world(tmp_path) -> Path:
    folder = tmp_path / "world"
    folder.mkdir()
    (folder / "world.yaml").write_text(RESIDENTS_FILE, encoding="utf-8")
    return folder / "world.yaml"


def record_world(path: Path, *args: str):
    return run_cli("record", "WORLD-1", *args, "--register", str(path.parent))


def test_residents_keep_the_other_jurisdictions_their_comments_and_their_order(world):
    result = record_world(world, "residents", "--set", "BR=5000", "--set", "US-CA=1200")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == ["  residents.BR: 5000"]  # US-CA unchanged: not written again
    assert world.read_text() == RESIDENTS_FILE.replace("  US-TX: 0\n", "  US-TX: 0\n  BR: 5000\n")
    refused = record_world(world, "residents", "--set", "US-TX=300")
    assert refused.returncode == 2 and "residents already has US-TX: 0; add --force to replace it" in refused.stderr
    assert record_world(world, "residents", "--set", "US-TX=300", "--force").returncode == 0
    assert world.read_text() == RESIDENTS_FILE.replace("  US-TX: 0\n", "  US-TX: 300\n  BR: 5000\n")


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (("residents", "--set", "California=3"), "--set 'California=3': expected an ISO 3166 code"),
        (("residents", "--set", "US-CA=-3"), "expected an ISO 3166 code and a number of people"),
        (("residents", "--set", "US-AC=3"), "'US-AC' is not a subdivision of US (did you mean US-CA"),  # the model's check
        (("residents", "--set", "US-CA"), "such as US-CA=1200 or BR=5000"),
        (("residents", "--set", f"BR={10**13}"), "residents.BR: must be at most 1,000,000,000,000"),
        (("residents",), "residents takes the counts: record ID residents --set US-CA=1200"),
        (("residents", "--set", "BR=1", "--at", "2026-03-03T10:00"), "residents is a count, not a moment"),
        (("determined", "--set", "BR=1"), "--set goes with: residents"),
        (("determined", "--at", "2026-03-01T10:00"), "an incident cannot be determined material"),
        (("ransom-paid", "--at", "2026-03-01T10:00"), "no ransom is paid for an incident not yet detected"),
        (("determined", "--by", "Claire"), "--by goes with: assessed"),
        (("determind", "--at", "2026-03-03T10:00"), "'determind' is not a fact record writes: did you mean determined"),
        (("ransom", "--at", "2026-03-03T10:00"), "did you mean ransom-paid?"),
        (("xyz",), "'xyz' is not a fact record writes; breachtrack record --help lists them all"),
    ],
)
def test_wrong_trigger_facts_leave_the_file_byte_for_byte(world, args, phrase):
    before = world.read_bytes()
    result = record_world(world, *args)
    assert result.returncode == 2 and phrase in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert world.read_bytes() == before


def test_a_trigger_recorded_again_needs_force_and_its_line_alone_changes(world):
    assert record_world(world, "determined", "--at", "2026-03-03T16:00").returncode == 0
    refused = record_world(world, "determined", "--at", "2026-03-04T16:00")
    assert refused.returncode == 2
    assert "WORLD-1 already has determined_at: 2026-03-03T16:00; add --force to replace it" in refused.stderr
    assert record_world(world, "determined", "--at", "2026-03-04T16:00", "--force").returncode == 0
    assert world.read_text() == RESIDENTS_FILE.replace(
        "aware_at: 2026-03-02T09:00\n", "aware_at: 2026-03-02T09:00\ndetermined_at: 2026-03-04T16:00\n")


def test_the_end_of_an_assessment_and_who_made_it_say_what_they_changed(tmp_path):
    register = tmp_path / "register"
    register.mkdir()
    path = register / "laptop.yaml"
    path.write_text("id: LAPTOP-1\ntitle: Encrypted laptop stolen\ndescription: A laptop stolen from a car.\n"
                    "consequences: none, the disk is encrypted.\nmeasures_taken: Remote wipe.\n"
                    "aware_at: 2025-12-01T10:00\nrisk: unlikely\nrisk_assessment:\n"
                    "  reasoning: The key was never on the laptop.\n", encoding="utf-8")
    result = run_cli("record", "LAPTOP-1", "assessed", "--at", "2025-12-03T11:00", "--by", "Claire Martin, DPO",
                     "--register", str(register))
    assert result.returncode == 0, result.stderr
    assert path.read_text().endswith("  reasoning: The key was never on the laptop.\n  assessed_at: 2025-12-03T11:00\n"
                                     "  assessed_by: Claire Martin, DPO\n")
    # a trigger: record shows the obligations whose standing it changed; aware 1 December
    # 10:00 + 72 h = 4 December 10:00, and the decision dated 3 December 11:00
    assert result.stdout.splitlines()[1:] == [
        "  risk_assessment.assessed_at: 2025-12-03T11:00",
        "  risk_assessment.assessed_by: Claire Martin, DPO",
        "gdpr.art33.document is now done: due 2025-12-04 10:00 +01:00, done 2025-12-03 11:00 +01:00",
    ]


def test_in_a_file_made_by_new_determined_goes_under_the_detected_at_example(made_by_new):
    before = lines_of(made_by_new)
    result = record_in(made_by_new, "determined", "--at", "2026-11-20T16:00")
    assert result.returncode == 0, result.stderr
    at = before.index("# detected_at: 2026-11-20T10:00   # when the security incident itself was first noticed, "
                      "if earlier\n") + 1
    assert lines_of(made_by_new) == before[:at] + ["determined_at: 2026-11-20T16:00\n"] + before[at:]


def test_trigger_facts_are_replayed_by_as_of(world):
    from breachtrack.engine import known_at
    from breachtrack.loader import load_register

    for args in (("determined", "--at", "2026-03-03T16:00"), ("ransom-paid", "--at", "2026-03-04T09:00"),
                 ("assessed", "--at", "2026-03-05T09:00")):
        assert record_world(world, *args).returncode == 0
    incident = load_register([world.parent]).incidents[0].incident
    new_york = ZoneInfo("America/New_York")
    earlier = known_at(incident, datetime(2026, 3, 3, 15, 59, tzinfo=new_york))
    assert (earlier.determined_at, earlier.ransom_paid_at, earlier.risk_assessment.assessed_at) == (None, None, None)
    between = known_at(incident, datetime(2026, 3, 4, 12, 0, tzinfo=new_york))
    assert between.determined_at == datetime(2026, 3, 3, 16, 0, tzinfo=new_york)
    assert between.ransom_paid_at == datetime(2026, 3, 4, 9, 0, tzinfo=new_york)
    assert between.risk_assessment.assessed_at is None
    assert known_at(incident, datetime(2026, 3, 5, 9, 0, tzinfo=new_york)) == incident


TRIGGER_RACE = {  # fact -> (its arguments, what the file then holds)
    "determined": (("determined", "--at", "2026-11-21T10:00"), lambda document: "determined_at" in document),
    "residents": (("residents", "--set", "US-CA=1200"), lambda document: (document.get("residents") or {}) == {
        "US-CA": 1200}),
}


def test_two_trigger_facts_recorded_at_once_both_land_or_one_is_refused_in_words(tmp_path):
    landed_pairs = 0
    pairs = []
    for pair in range(10):
        folder = tmp_path / str(pair)
        folder.mkdir()
        (folder / "race.yaml").write_text(RACE, encoding="utf-8")
        processes = [subprocess.Popen([sys.executable, "-m", "breachtrack", "record", "RACE", *args, "--register",
                                       str(folder)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for args, _ in TRIGGER_RACE.values()]
        pairs.append((folder, processes))
    for folder, processes in pairs:
        ended = [(process.wait(60), process.communicate()[1]) for process in processes]
        document = yaml.safe_load((folder / "race.yaml").read_text(encoding="utf-8"))
        landed = [holds(document) for _, holds in TRIGGER_RACE.values()]
        for (code, stderr), present in zip(ended, landed, strict=True):
            assert present == (code == 0), stderr
            assert code == 0 or (code == 2 and any(refusal in stderr for refusal in REFUSALS)), stderr
        landed_pairs += all(landed)
    assert landed_pairs == 10  # the lock makes them take turns: none refused, none lost


class Breach(BaseModel):
    """A regime's section as the regimes beyond Europe declare theirs."""

    model_config = ConfigDict(extra="forbid")
    individuals_at: datetime | None = dated_fact("xx.individuals", "Individuals notified.", "2026-03-12T10:00")
    regulator_report_at: datetime | None = dated_fact("xx.regulator", "Regulator told.", "2026-03-12T10:00")
    small_agent: bool = Field(False, description="Not a moment.", examples=[True])


class StateBreach(BaseModel):
    """One model for several sections (the US states): its ids name the regime, each section's
    obligations name the section."""

    model_config = ConfigDict(extra="forbid")
    residents_notified_at: datetime | None = dated_fact("us-states.residents", "Residents told.", "2026-03-12T10:00")


def test_every_dated_moment_of_a_regimes_section_is_offered_under_its_section_and_field(monkeypatch):
    from breachtrack import recorder

    monkeypatch.setattr(recorder, "WORLD_SECTIONS", {"xx": ("xx", "XX", Breach),
                                                     "us_zz": ("us-states", "US-ZZ", StateBreach),
                                                     "us_yy": ("us-states", "US-YY", StateBreach)})
    assert {name: (fact.section, fact.key, fact.obligation) for name, fact in recorder._world_facts().items()} == {
        "xx-individuals": ("xx", "individuals_at", "xx.individuals"),
        "xx-regulator-report": ("xx", "regulator_report_at", "xx.regulator"),
        "us-zz-residents-notified": ("us_zz", "residents_notified_at", "us-zz.residents"),
        "us-yy-residents-notified": ("us_yy", "residents_notified_at", "us-yy.residents"),
    }


def test_the_names_of_the_moments_beyond_europe_never_collide_with_the_others():
    from breachtrack import recorder
    from breachtrack.model import WORLD_SECTIONS

    european = {"nis2", "dora", "eprivacy", "pecr", "cra", "notified", "informed", "complaint", "controller",
                "complemented", "determined", "ransom", "assessed", "residents", "done"}
    prefixes = {section.replace("_", "-") for section in WORLD_SECTIONS}
    assert not any(name.split("-")[0] in european for name in prefixes)
    # no section's name is another's with a field's first word added: us-ca-x could not be us + ca-x
    assert not any(a != b and b.startswith(a + "-") for a in prefixes for b in prefixes)
    for name, fact in recorder.WORLD_FACTS.items():
        assert name == recorder.world_fact_name(fact.section, fact.key)


WORLD_FACT_NAMES = sorted(__import__("breachtrack.recorder").recorder.WORLD_FACTS)


def _world_file(name: str) -> str:
    from breachtrack import recorder
    from breachtrack.model import WORLD_SECTIONS

    regime = WORLD_SECTIONS[recorder.WORLD_FACTS[name].section][0]
    return (f"id: W-1\ntitle: t\ntimezone: UTC\nregimes: [{regime}]\ndetected_at: 2026-03-02T09:00\n"
            "aware_at: 2026-03-02T09:00\nrisk: high\n")


@pytest.mark.parametrize("name", WORLD_FACT_NAMES)
def test_each_moment_beyond_europe_is_written_in_its_section_replayed_and_kept_after_detection(name):
    """Whatever fields the regimes' sections declare: each lands in its section, --as-of before
    it leaves it out, and a moment before detection is refused (in process, as the command
    does it: the recorder's edit, then the loader's check)."""
    from breachtrack import recorder
    from breachtrack.engine import known_at
    from breachtrack.loader import load_bytes
    from breachtrack.model import Config

    fact = recorder.WORLD_FACTS[name]
    text = _world_file(name)
    early = recorder.record(text, name, "2026-03-01T09:00", {})
    errors = load_bytes(early.text.encode(), "world.yaml", Config()).errors
    assert [error.message for error in errors if "detected_at" in error.message], early.text
    recorded = recorder.record(text, name, "2026-03-03T09:00", {})
    assert recorded.text == text + f"{fact.section}:\n  {fact.key}: 2026-03-03T09:00\n"
    assert recorded.changes == (f"{fact.section}.{fact.key}: 2026-03-03T09:00",)
    loaded = load_bytes(recorded.text.encode(), "world.yaml", Config())
    assert not loaded.errors, loaded.errors
    incident = loaded.incident.incident
    before = getattr(known_at(incident, datetime(2026, 3, 3, 8, 59, tzinfo=UTC)), fact.section)
    assert before is None or getattr(before, fact.key) is None
    assert getattr(getattr(incident, fact.section), fact.key) == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


@pytest.mark.skipif(not WORLD_FACT_NAMES, reason="no regime beyond Europe declares a moment yet")
def test_a_moment_beyond_europe_from_the_command_line_says_where_its_obligation_stands(tmp_path):
    from breachtrack import recorder

    name = WORLD_FACT_NAMES[0]
    fact = recorder.WORLD_FACTS[name]
    (tmp_path / "world.yaml").write_text(_world_file(name), encoding="utf-8")
    result = run_cli("record", "W-1", name, "--at", "2026-03-03T09:00", "--register", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == f"  {fact.section}.{fact.key}: 2026-03-03T09:00"


def test_record_refuses_a_file_whose_sections_share_a_node(tmp_path):
    """``us_ny: *ca`` would make a New York notice California's too (an independent review's finding)."""
    register = tmp_path / "register"
    register.mkdir()
    text = ("id: A-1\ntitle: t\naware_at: 2026-03-10T10:00\nrisk: high\nregimes: [us-states]\n"
            "us_ca: &shared {}\nus_ny: *shared\n")
    (register / "a.yaml").write_text(text, encoding="utf-8")
    result = run_cli("record", "A-1", "us-ny-residents-notified", "--at", "2026-03-20T10:00", "--register",
                     str(register))
    assert result.returncode == 2 and "anchors and aliases" in result.stderr, result.stderr
    assert (register / "a.yaml").read_text(encoding="utf-8") == text


def test_residents_counts_are_plain_digits_and_each_jurisdiction_once(tmp_path):
    register = tmp_path / "register"
    register.mkdir()
    (register / "a.yaml").write_text("id: A-1\ntitle: t\naware_at: 2026-03-10T10:00\nrisk: high\n", encoding="utf-8")
    for sets in (["--set", "US-CA=²"], ["--set", "US-CA=5", "--set", "us-ca=6"]):
        result = run_cli("record", "A-1", "residents", *sets, "--register", str(register))
        assert result.returncode == 2 and "internal error" not in result.stderr, result.stderr
    assert "residents" not in (register / "a.yaml").read_text(encoding="utf-8")
