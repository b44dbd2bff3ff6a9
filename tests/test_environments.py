"""Interrupts, odd environments and wrong folders: a clear line and an exit code, never an
internal error, a worker's traceback, an orphaned process or a silently green run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import AS_OF, ROOT, run_cli

BREACHTRACK = [sys.executable, "-m", "breachtrack"]


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(child) for child in found]


def test_ctrl_c_during_a_parallel_check_exits_130_at_once_and_leaves_no_worker(tmp_path):
    register = tmp_path / "large"
    register.mkdir()
    (register / "breachtrack.toml").write_text("")
    shape = (ROOT / "incidents" / "2025-07-france-travail-kairos.yaml").read_text(encoding="utf-8")
    for number in range(1500):  # beyond loader.PARALLEL_FROM: worker processes load it
        (register / f"g{number}.yaml").write_text(shape.replace("id: FT-2025-KAIROS", f"id: G-{number}"))
    process = subprocess.Popen([*BREACHTRACK, "check", str(register), "--as-of", AS_OF], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 30
    while len(workers := _children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(workers) >= 2, "the check never started its workers"
    interrupted_at = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole foreground group
    out, err = process.communicate(timeout=30)
    assert time.monotonic() - interrupted_at < 5
    assert process.returncode == 130
    assert err.decode() == "breachtrack: interrupted\n"
    time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()
                and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()]


def test_a_closed_stdout_or_stdin_and_a_narrow_encoding_are_no_internal_error(tmp_path):
    closed_stdout = subprocess.run([*BREACHTRACK, "check", "incidents", "--as-of", AS_OF], cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                   pass_fds=(), preexec_fn=lambda: os.close(1))
    assert closed_stdout.returncode == 1 and closed_stdout.stderr == ""  # the gate's verdict stands
    latin = run_cli("check", "incidents", "--as-of", AS_OF, env={"PYTHONIOENCODING": "latin-1"})
    assert latin.returncode == 1 and "internal error" not in latin.stderr
    register = tmp_path / "register"
    register.mkdir()
    closed_stdin = subprocess.run(
        [*BREACHTRACK, "new", str(register), "--title", "Lost laptop", "--risk", "high", "--aware-at",
         "2026-11-20T10:00"], cwd=ROOT, capture_output=True, text=True, preexec_fn=lambda: os.close(0))
    assert closed_stdin.returncode == 0, closed_stdin.stderr
    asked = subprocess.run([*BREACHTRACK, "new", str(register), "--risk", "high"], cwd=ROOT,
                           capture_output=True, text=True, preexec_fn=lambda: os.close(0))
    assert asked.returncode == 2 and "give --title and --risk" in asked.stderr


def test_a_reader_that_goes_away_is_no_error_message():
    process = subprocess.Popen([*BREACHTRACK, "report", "incidents", "--as-of", AS_OF, "--format", "html"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(10)
    process.stdout.close()  # like `| head -c 10`
    err = process.stderr.read().decode()
    process.wait(timeout=30)
    assert "internal error" not in err and "Traceback" not in err and "Exception ignored" not in err


def test_a_folder_that_is_no_register_fails_and_an_empty_register_passes(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notes.md").write_text("# not a register\n")
    for command in ("check", "validate", "report"):
        result = run_cli(command, str(docs))
        assert result.returncode == 2, command
        assert f"no incident files under {docs.as_posix()}/" in result.stderr
    (docs / "breachtrack.toml").write_text("# an organisation with no breach yet\n")
    checked = run_cli("check", str(docs), "--as-of", AS_OF)
    assert checked.returncode == 0 and "The register holds no incident." in checked.stdout
    assert run_cli("validate", str(docs)).stdout == "0 valid incident files (the register is empty)\n"


def test_new_refuses_an_id_that_would_make_a_hidden_file(tmp_path):
    (tmp_path / "breachtrack.toml").write_text("")
    result = run_cli("new", str(tmp_path), "--title", "t", "--risk", "high", "--id", ".hidden")
    assert result.returncode == 2 and "would be hidden" in result.stderr
    assert list(tmp_path.glob(".hidden*")) == []


def test_an_incident_is_found_by_its_parsed_id_never_by_a_decoy(tmp_path):
    register = tmp_path / "register"
    shutil.copytree(ROOT / "incidents", register)
    # sorted before the real file, and its raw text holds a line 'id: FT-2025-KAIROS'
    (register / "0-decoy.yaml").write_text('id: DECOY\ntitle: "decoy\nid: FT-2025-KAIROS"\n'
                                           "aware_at: 2026-01-05T10:00\nrisk: high\n")
    shown = run_cli("show", "FT-2025-KAIROS", "--register", str(register), "--as-of", AS_OF)
    assert shown.returncode == 0 and "2025-07-france-travail-kairos.yaml" in shown.stdout
    with (register / "1-huge.yaml").open("wb") as huge:  # 3 GB, sparse: never read
        huge.write(b"id: HUGE\n")
        huge.truncate(3_000_000_000)
    started = time.monotonic()
    missing = run_cli("show", "HUGE", "--register", str(register), "--as-of", AS_OF)
    assert missing.returncode == 2 and "no incident with id 'HUGE'" in missing.stderr
    assert time.monotonic() - started < 10


def test_new_in_a_folder_the_user_cannot_write_says_so(tmp_path):
    # as root every folder is writable: run as nobody, the way a user without the right would
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if os.geteuid() != 0 or shutil.which("setpriv") is None or subprocess.run(
            [*as_nobody, *BREACHTRACK, "--version"], cwd=ROOT, capture_output=True).returncode != 0:
        import pytest

        pytest.skip("needs root, setpriv, and a checkout that another user can read")
    folder = Path("/tmp") / f"breachtrack-read-only-{os.getpid()}"
    folder.mkdir(mode=0o755)
    try:
        (folder / "breachtrack.toml").write_text("")
        folder.chmod(0o555)
        result = subprocess.run(
            [*as_nobody, *BREACHTRACK, "new", str(folder),
             "--title", "t", "--risk", "high", "--aware-at", "2026-11-20T10:00"],
            cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert result.returncode == 2
        assert result.stderr == f"breachtrack: cannot write {folder}/2026-11-incident.yaml: Permission denied\n"
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
