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

from conftest import ROOT, run_cli

MODELINE = "# yaml-language-server: $schema=./incident.schema.json"


def register(tmp_path: Path) -> Path:
    folder = tmp_path / "incidents"
    folder.mkdir()
    (folder / "breachtrack.toml").write_text('timezone = "America/New_York"\n')
    return folder


def test_with_options_writes_a_valid_file_that_opens_with_the_schema_line(tmp_path):
    folder = register(tmp_path)
    result = run_cli("new", str(folder), "--title", "Phishing: the clinic's mailbox", "--risk", "high",
                     "--aware-at", "2026-11-23T09:30", "--organisation", "Clinique Exemple")
    assert result.returncode == 0, result.stderr
    written = folder / "2026-11-phishing-clinic-mailbox.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    assert "id: 2026-11-PHISHING-CLINIC-MAILBOX\n" in text
    assert 'title: "Phishing: the clinic\'s mailbox"\n' in text and "aware_at: 2026-11-23T09:30\n" in text
    assert "# authority_notice:" in text  # the sections to fill in later, explained
    assert (folder / "incident.schema.json").read_text() == run_cli("schema").stdout
    assert run_cli("validate", str(written)).returncode == 0
    checked = subprocess.run([str(Path(sys.executable).with_name("check-jsonschema")), "--schemafile",
                              str(folder / "incident.schema.json"), str(written)], capture_output=True)
    assert checked.returncode == 0
    # the notification is due 72 h after 09:30 New York time
    report = run_cli("check", str(folder), "--as-of", "2026-11-24T09:30", "--format", "json")
    notify = report.stdout.split('"gdpr.art33.notify_authority"')[1]
    assert '"due": "2026-11-26T09:30:00-05:00"' in notify


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


def test_without_a_terminal_the_required_options_are_asked_for(tmp_path):
    result = run_cli("new", str(register(tmp_path)), "--risk", "high")
    assert result.returncode == 2 and "give --title and --risk" in result.stderr


def test_bad_answers_in_options_exit_2(tmp_path):
    folder = register(tmp_path)
    assert "expected one of" in run_cli("new", str(folder), "--title", "t", "--risk", "severe").stderr
    late = run_cli("new", str(folder), "--title", "t", "--risk", "high", "--aware-at", "2026-11-01T01:30")
    assert late.returncode == 2 and "happens twice in America/New_York" in late.stderr


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
        {"Title": "Ransomware on the file server", "Risk to people": "severe", "(unlikely / risk / high)": "high",
         "Aware of the breach at (America/New_York)": ""},
        cwd=ROOT,
    )
    assert code == 0, transcript
    assert "Please answer unlikely / risk / high." in transcript  # 'severe' was asked again
    [written] = folder.glob("*-ransomware-file-server.yaml")
    text = written.read_text(encoding="utf-8")
    assert text.startswith(MODELINE + "\n")
    aware = next(line for line in text.splitlines() if line.startswith("aware_at: ")).split(": ")[1]
    local = datetime.fromisoformat(aware).replace(tzinfo=ZoneInfo("America/New_York"))
    assert before - timedelta(minutes=1) <= local <= datetime.now(UTC)
    assert run_cli("validate", str(folder)).returncode == 0
