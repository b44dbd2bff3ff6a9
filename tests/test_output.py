"""--output writes where it is pointed and nowhere else: a file is replaced in one step, a
link's target rather than the link, a pipe or a device as it is; - is standard output."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import AS_OF, ROOT, run_cli

REPORT = ("report", "incidents", "--as-of", AS_OF)
CHECK_JSON = ("check", "incidents", "--as-of", AS_OF, "--format", "json")  # exit 1: an obligation is overdue


def printed(*args: str, code: int = 0) -> str:
    """What the command prints without --output."""
    result = run_cli(*args)
    assert result.returncode == code, result.stderr
    return result.stdout


def test_a_new_file_gets_the_mode_the_umask_allows(tmp_path):
    output = tmp_path / "register.md"
    result = run_cli(*REPORT, "--output", str(output))
    assert result.returncode == 0 and result.stdout == ""
    assert output.read_text(encoding="utf-8") == printed(*REPORT)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(output.stat().st_mode) == 0o666 & ~umask
    assert [path.name for path in tmp_path.iterdir()] == ["register.md"]  # no temporary file left


def test_an_existing_file_is_replaced_and_keeps_its_mode_and_owner(tmp_path):
    output = tmp_path / "deadlines.ics"
    output.write_text("old\n")
    output.chmod(0o640)
    if os.geteuid() == 0:  # only root can give a file to someone else
        os.chown(output, 1234, 5678)
    assert run_cli("calendar", "incidents", "--as-of", AS_OF, "--output", str(output)).returncode == 0
    assert output.read_text(encoding="utf-8") == printed("calendar", "incidents", "--as-of", AS_OF)
    status = output.stat()
    assert stat.S_IMODE(status.st_mode) == 0o640
    if os.geteuid() == 0:
        assert (status.st_uid, status.st_gid) == (1234, 5678)


def test_a_read_only_file_is_refused_not_replaced(tmp_path):
    output = tmp_path / "report.md"
    output.write_text("kept\n")
    output.chmod(0o444)  # as root, os.access says writable: the mode says no
    result = run_cli(*REPORT, "--output", str(output))
    assert result.returncode == 2
    assert result.stderr == f"breachtrack: cannot write {output}: the file is read-only\n"
    assert output.read_text() == "kept\n"


def test_a_link_is_followed_and_stays_a_link(tmp_path):
    (tmp_path / "reports").mkdir()
    target = tmp_path / "reports" / "2026-11-23.md"
    target.write_text("old\n")
    link = tmp_path / "latest.md"
    link.symlink_to(Path("reports") / "2026-11-23.md")
    assert run_cli("draft", "FT-2024-03", "--to", "authority", "--output", str(link)).returncode == 0
    assert link.is_symlink() and os.readlink(link) == "reports/2026-11-23.md"
    assert target.read_text(encoding="utf-8") == printed("draft", "FT-2024-03", "--to", "authority")
    assert sorted(path.name for path in (tmp_path / "reports").iterdir()) == ["2026-11-23.md"]


def test_a_pipe_is_written_in_place(tmp_path):
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_cli(*CHECK_JSON, "--output", str(fifo))
    reader.join(30)
    assert result.returncode == 1 and "CT-2026-11-PHISHING" in result.stdout  # the listing, at the terminal
    assert received == [printed(*CHECK_JSON, code=1).encode("utf-8")]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_dev_null_stays_the_device():
    before = os.stat("/dev/null")
    assert run_cli(*REPORT, "--output", "/dev/null").returncode == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_dev_stdout_redirected_to_a_file_appends_to_it_rather_than_replace_it(tmp_path):
    log = tmp_path / "log.md"
    log.write_text("earlier run\n")
    with log.open("a") as appended:  # the shell's >>
        subprocess.run([sys.executable, "-m", "breachtrack", *REPORT, "--output", "/dev/stdout"], cwd=ROOT,
                       stdout=appended, check=True)
    assert log.read_text(encoding="utf-8") == "earlier run\n" + printed(*REPORT)


def test_a_dash_is_standard_output():
    assert printed(*REPORT, "--output", "-") == printed(*REPORT)
    assert printed(*CHECK_JSON, "--output", "-", code=1) == printed(*CHECK_JSON, code=1)  # the format, no listing


@pytest.mark.parametrize("command", [REPORT, ("draft", "FT-2024-03", "--to", "authority")])
def test_a_missing_folder_is_a_usage_error_before_any_work(tmp_path, command):
    result = run_cli(*command, "--output", str(tmp_path / "missing" / "out.md"))
    assert result.returncode == 2
    assert f"Invalid value for '--output': no such folder: {tmp_path / 'missing'}" in result.stderr
    assert not (tmp_path / "missing").exists()
