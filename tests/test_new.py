"""breachtrack new: at a terminal (a real pseudo-terminal) and with options in scripts."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT, run_cli

MODELINE = "# yaml-language-server: $schema=./incident.schema.json"


def register(tmp_path: Path) -> Path:
    folder = tmp_path / "incidents"
    folder.mkdir()
    (folder / "breachtrack.toml").write_text('timezone = "America/New_York"\n')
    return folder


def new(folder: Path, *options: str, answers: str | None = "") -> subprocess.CompletedProcess[str]:
    """``breachtrack new`` through the real entry point, ``answers`` on its standard input
    (None: no input at all)."""
    return subprocess.run([sys.executable, "-m", "breachtrack", "new", str(folder), *options], cwd=ROOT,
                          input=answers, stdin=subprocess.DEVNULL if answers is None else None,
                          env={**os.environ, "NO_COLOR": "1"}, capture_output=True, text=True, timeout=60)


def test_with_options_writes_a_valid_file_that_opens_with_the_schema_line(tmp_path):
    folder = register(tmp_path)
    result = new(folder, "--title", "Phishing: the clinic's mailbox", "--risk", " High ", "--cause", "MALICIOUS",
                 "--aware-at", "2026-11-23T09:30", "--detected-at", "2026-11-22 18:05", "--organisation",
                 "Clinique Exemple", "--description", "A nurse's password was phished.", answers=None)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # nothing asked: --title and --risk were given
    written = folder / "2026-11-phishing-clinic-mailbox.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    assert "id: 2026-11-PHISHING-CLINIC-MAILBOX\n" in text
    assert 'title: "Phishing: the clinic\'s mailbox"\n' in text and "aware_at: 2026-11-23T09:30\n" in text
    assert "\nrisk: high\n" in text and "\ncause: malicious " in text  # as the format spells them
    assert "\ndetected_at: 2026-11-22T18:05   #" in text  # the ISO spelling, with its T
    assert 'description: "A nurse\'s password was phished."\n' in text
    assert "# authority_notice:" in text  # the sections to fill in later, explained
    assert (folder / "incident.schema.json").read_text() == run_cli("schema").stdout
    assert run_cli("validate", str(written)).returncode == 0
    checked = subprocess.run([str(Path(sys.executable).with_name("check-jsonschema")), "--schemafile",
                              str(folder / "incident.schema.json"), str(written)], capture_output=True)
    assert checked.returncode == 0
    # the notification is due 72 h after 09:30 New York time; the complaint (cause malicious) 72 h
    # after the detection: 2026-11-22 18:05 + 72 h = 2026-11-25 18:05
    report = run_cli("check", str(folder), "--as-of", "2026-11-24T09:30", "--format", "json")
    notify = report.stdout.split('"gdpr.art33.notify_authority"')[1]
    assert '"due": "2026-11-26T09:30:00-05:00"' in notify
    complaint = report.stdout.split('"fr.complaint"')[1]
    assert '"due": "2026-11-25T18:05:00-05:00"' in complaint


def test_ids_stay_unique_and_nothing_is_overwritten(tmp_path):
    folder = register(tmp_path)
    (folder / "old.yaml").write_text("id: 2026-11-LOST-LAPTOP\ntitle: [broken\n")  # an invalid file's id counts too
    options = ("--title", "Lost laptop", "--risk", "unlikely", "--aware-at", "2026-11-02T08:00")
    first = run_cli("new", str(folder), *options)
    assert first.returncode == 0 and "id 2026-11-LOST-LAPTOP-2" in first.stdout
    second = run_cli("new", str(folder), *options)
    assert "id 2026-11-LOST-LAPTOP-3" in second.stdout
    taken = run_cli("new", str(folder), *options, "--id", "2026-11-LOST-LAPTOP")
    assert taken.returncode == 2 and "already used" in taken.stderr
    (folder / "custom.yaml").write_text("# mine\n")
    clash = run_cli("new", str(folder), *options, "--id", "CUSTOM")
    assert clash.returncode == 2 and "already exists: not overwriting" in clash.stderr
    assert (folder / "custom.yaml").read_text() == "# mine\n"
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []  # no temporary left


ANSWERS = [  # (answer, what it says on standard error)
    ("Ransomware on the file server", None),
    ("  Clinique Exemple ", None),
    (" MALICIOUS", None),
    ("12/07/2025", "Aware of the breach at: '12/07/2025' could be 12 July 2025 (day first) or 7 December 2025 "
                   "(month first): write 2025-07-12T… or 2025-12-07T…, with the time of day after the T (e.g. T14:30)"),
    ("12/07/2025 10:00", "Aware of the breach at: '12/07/2025 10:00' could be 12 July 2025 (day first) or 7 December "
                         "2025 (month first): write 2025-07-12T10:00 or 2025-12-07T10:00"),
    ("2025-07-12T10:00", None),
    ("2025-07-12T11:00", "Security incident first noticed at: 2025-07-12T11:00 is after the awareness time, "
                         "2025-07-12T10:00: the security incident is noticed before, or when, the organisation "
                         "becomes aware of the breach"),
    ("2025-07-12T08:30", None),
    ("severe", "Risk to people: 'severe' is not one of unlikely, risk, high"),
    (" High ", None),
    ("The file server's shares were encrypted overnight.", None),
]


def test_answers_read_from_a_pipe_are_asked_again_until_right(tmp_path):
    folder = register(tmp_path)
    result = new(folder, answers="".join(answer + "\n" for answer, _ in ANSWERS))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [said for _, said in ANSWERS if said]
    [written] = folder.glob("*.yaml")
    assert written.name == "2025-07-ransomware-file-server.yaml"  # the month of awareness, the title's words
    text = written.read_text(encoding="utf-8")
    for line in ('title: "Ransomware on the file server"', 'organisation: "Clinique Exemple"', "cause: malicious ",
                 "aware_at: 2025-07-12T10:00", "detected_at: 2025-07-12T08:30 ", "risk: high",
                 'description: "The file server\'s shares were encrypted overnight."'):
        assert "\n" + line in text
    assert run_cli("validate", str(folder)).returncode == 0


def test_only_what_the_options_leave_out_is_asked(tmp_path):
    folder = register(tmp_path)
    # --title and --organisation given: asked the cause (Enter: unknown), the awareness, the
    # detection (Enter: the same time), the risk and the description (Enter: none)
    result = new(folder, "--title", "Lost laptop", "--organisation", "Example SA",
                 answers="\n2026-01-05T09:00\n\nrisk\n\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Cause (malicious / accidental / unknown) [unknown]: Aware of the breach at "
                                    "(America/New_York)")
    text = (folder / "2026-01-lost-laptop.yaml").read_text(encoding="utf-8")
    assert "\ncause: unknown " in text and "\n# detected_at: 2026-01-05T09:00 " in text
    assert "\n# description: " in text and '\norganisation: "Example SA"\n' in text and "\nrisk: risk\n" in text


def test_a_pipe_that_keeps_answering_wrong_or_runs_dry_stops_with_exit_2(tmp_path):
    folder = register(tmp_path)
    wrong = new(folder, "--title", "t", "--organisation", "", answers="hack\n" * 1000)
    assert wrong.returncode == 2
    assert wrong.stderr.splitlines() == ["Cause: 'hack' is not one of malicious, accidental, unknown"] * 3 + [
        "breachtrack: Cause: 3 answers refused; give --cause"]
    dry = new(folder, "--risk", "high", answers=None)
    assert dry.returncode == 2
    assert dry.stderr == "breachtrack: Title: no answer, the input ended (with --title given, nothing is asked)\n"
    halfway = new(folder, answers="A title\n")
    assert halfway.returncode == 2
    assert halfway.stderr == ("breachtrack: Organisation: no answer, the input ended (with --title and --risk given, "
                              "nothing is asked)\n")
    assert list(folder.glob("*.yaml")) == []


@pytest.mark.parametrize(("options", "message"), [
    (("--risk", "severe"), "--risk: 'severe' is not one of unlikely, risk, high"),
    (("--risk", "high", "--cause", "attack"), "--cause: 'attack' is not one of malicious, accidental, unknown"),
    (("--risk", "high", "--aware-at", "13/07/2025 14h30"), "--aware-at: '13/07/2025 14h30' is 13 July 2025: write it "
                                                          "2025-07-13T14:30"),
    (("--risk", "high", "--aware-at", "2025-07-13"), "--aware-at: '2025-07-13' has no time of day: write "
                                                    "2025-07-13T…, with the time of day after the T (e.g. T14:30)"),
    (("--risk", "high", "--detected-at", "12/07/2025"), "--detected-at: '12/07/2025' could be 12 July 2025"),
    (("--risk", "high", "--aware-at", "2026-11-01T01:30"), "--aware-at: 2026-11-01 01:30 happens twice in "
                                                          "America/New_York"),
    (("--risk", "high", "--aware-at", "2026-11-02T09:00", "--detected-at", "2026-11-02T09:01"),
     "--detected-at: 2026-11-02T09:01 is after the awareness time, 2026-11-02T09:00"),
    (("--risk", "high", "--id", "A B"), "--id 'A B': write it with letters, digits, '.', '_' and '-' only"),
])
def test_a_bad_option_is_named_as_it_was_given(tmp_path, options, message):
    folder = register(tmp_path)
    result = new(folder, "--title", "t", *options, answers=None)
    assert result.returncode == 2 and result.stderr.startswith(f"breachtrack: {message}")
    assert list(folder.glob("*.yaml")) == []


@pytest.mark.parametrize(("written", "hint"), [
    ("12/07/2025", "could be 12 July 2025 (day first) or 7 December 2025 (month first): write 2025-07-12T… or "
                   "2025-12-07T…"),
    ("07.12.2025 9:05", "could be 7 December 2025 (day first) or 12 July 2025 (month first): write 2025-12-07T09:05 "
                        "or 2025-07-12T09:05"),
    ("12/12/2025", "is 12 December 2025: write it 2025-12-12T…"),  # both readings are the same day
    ("7/13/2025", "is 13 July 2025: write it 2025-07-13T…"),  # there is no 13th month
    ("2025/07/12 14:30", "is 12 July 2025: write it 2025-07-12T14:30"),  # year first: no doubt
])
def test_a_date_spelt_another_way_gets_its_iso_spelling_without_a_guess(written, hint):
    from breachtrack.cli import _spelling_hint

    assert _spelling_hint(written) == f"'{written}' {hint}" + ("" if ":" in written else
                                                              ", with the time of day after the T (e.g. T14:30)")


@pytest.mark.parametrize("written", ["31/02/2025", "12/07/25", "yesterday", "12/07/2025 25h", "12/07/2025 24:00"])
def test_no_iso_spelling_is_offered_for_what_is_no_date(written):
    from breachtrack.cli import _spelling_hint

    assert _spelling_hint(written) is None


def _converse(command: list[str], answers: dict[str, str], cwd: Path) -> tuple[int, str]:
    """Run ``command`` on a pseudo-terminal, answering each prompt that contains a key."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower, cwd=cwd,
                               env={**os.environ, "NO_COLOR": "1"}, close_fds=True)
    os.close(follower)
    seen, pending = "", dict(answers)
    try:
        while True:
            ready, _, _ = select.select([leader], [], [], 30)
            if not ready:
                raise AssertionError(f"no prompt within 30 s; so far: {seen!r}")
            try:
                chunk = os.read(leader, 4096).decode()
            except OSError:  # the terminal closed: the program ended
                break
            if not chunk:
                break
            seen += chunk
            for prompt in list(pending):
                if prompt in seen.rsplit("\n", 1)[-1]:
                    os.write(leader, (pending.pop(prompt) + "\n").encode())
    finally:
        os.close(leader)
    return process.wait(timeout=30), seen


def test_at_a_terminal_it_asks_and_defaults_awareness_to_now_in_the_registers_zone(tmp_path):
    folder = register(tmp_path)
    before = datetime.now(UTC)
    code, transcript = _converse(
        [sys.executable, "-m", "breachtrack", "new", str(folder)],
        {"Title": "Ransomware on the file server", "Organisation": "", "Cause": "", "Risk to people": "severe",
         "(unlikely / risk / high)": "High", "Aware of the breach at (America/New_York)": "", "first noticed": "",
         "What happened": ""},
        cwd=ROOT,
    )
    assert code == 0, transcript
    assert "Risk to people: 'severe' is not one of unlikely, risk, high" in transcript  # asked again
    [written] = folder.glob("*-ransomware-file-server.yaml")
    text = written.read_text(encoding="utf-8")
    assert text.startswith(MODELINE + "\n")
    assert "\nrisk: high\n" in text and "\ncause: unknown " in text and "\n# organisation: " in text
    aware = next(line for line in text.splitlines() if line.startswith("aware_at: ")).split(": ")[1]
    local = datetime.fromisoformat(aware).replace(tzinfo=ZoneInfo("America/New_York"))
    assert before - timedelta(minutes=1) <= local <= datetime.now(UTC)
    assert f"\n# detected_at: {aware} " in text  # Enter: at the same time, left as the comment
    assert run_cli("validate", str(folder)).returncode == 0


def test_a_breach_not_notified_finds_in_its_new_file_what_its_register_entry_needs(tmp_path):
    folder = register(tmp_path)
    result = new(folder, "--title", "Lost USB key", "--risk", "unlikely", "--aware-at", "2026-11-20T10:00",
                 "--description", "An encrypted USB key was lost on a train.", answers=None)
    assert result.returncode == 0, result.stderr
    path = folder / "2026-11-lost-usb-key.yaml"
    text = path.read_text(encoding="utf-8")
    missing = run_cli("report", str(folder), "--as-of", "2026-11-21T10:00", "--format", "json").stdout
    assert "the entry lacks the effects (consequences); the remedial action taken (measures_taken)" in missing
    for section in ("risk_assessment:", "  reasoning:", "  assessed_at:", "  assessed_by:", "consequences:",
                    "measures_taken:"):  # a person uncomments the examples and writes over the dots
        text = text.replace(f"\n# {section}", f"\n{section}", 1)
    path.write_text(text, encoding="utf-8")
    documented = run_cli("report", str(folder), "--as-of", "2026-11-21T10:00", "--format", "json").stdout
    document = documented.split('"gdpr.art33.document"')[1]
    assert '"status": "done"' in document.split("}")[0], document
