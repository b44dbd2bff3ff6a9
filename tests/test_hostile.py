"""Whatever a careless or hostile contributor puts in a register: a located error or a
message, never a traceback, a crash, a hang or unbounded memory; every other file still checked."""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest

from breachtrack import loader
from breachtrack.model import Config
from conftest import EXAMPLES, run_cli

VALID = "id: OK-1\ntitle: A valid neighbour\naware_at: 2026-01-05T10:00\nrisk: high\n"


@pytest.fixture
def register(tmp_path) -> Path:
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "ok.yaml").write_text(VALID)
    return folder


def validate(*paths: Path):
    result = run_cli("validate", *map(str, paths))
    assert "Traceback" not in result.stderr and result.returncode in (0, 2), result.stderr
    return result


@pytest.mark.parametrize("levels", [30_000, 200_000])
@pytest.mark.parametrize("shape", ["flow", "compact"])
def test_nesting_that_would_overflow_libyaml_is_refused_in_time(register, levels, shape):
    # tens of thousands of levels overflow the C stack of libyaml's tree builder (a crash, exit 139)
    data = "[" * levels + "]" * levels if shape == "flow" else "\n  " + "- " * levels + "x"
    (register / "deep.yaml").write_text(VALID.replace("OK-1", "DEEP") + f"data: {data}\n")
    result = validate(register)
    assert result.returncode == 2
    assert "deep.yaml:5:" in result.stdout or "deep.yaml:6:" in result.stdout
    assert "nested more than 40 levels deep" in result.stdout
    assert "1 valid incident file, 1 invalid file" in result.stdout


def test_a_large_file_is_refused_unread_and_the_limit_is_a_setting_of_at_most_10_mb(register):
    big = register / "big.yaml"
    big.write_text(VALID.replace("OK-1", "BIG") + "description: " + "x" * 7_000_000 + "\n")
    refused = validate(register)
    assert refused.returncode == 2
    assert f"{big.as_posix()}:1:1: the file is larger than 5 MB" in refused.stdout
    (register / "breachtrack.toml").write_text("max_file_mb = 10\n")
    assert validate(register).stdout.endswith("2 valid incident files\n")


def test_a_symbolic_link_loop_is_reported(register):
    (register / "a.yaml").symlink_to(register / "b.yaml")
    (register / "b.yaml").symlink_to(register / "a.yaml")
    result = validate(register)
    assert result.returncode == 2
    assert f"{(register / 'a.yaml').as_posix()}:1:1: is a symbolic link that loops" in result.stdout
    assert "1 valid incident file" in result.stdout


def test_a_link_out_of_the_register_is_never_read(register, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("api_token: s3cr3t-value\n")
    (register / "evil.yaml").symlink_to(secret)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.yaml").write_text("token: s3cr3t-value\n")
    (register / "linked-folder").symlink_to(outside)
    result = validate(register)
    assert result.returncode == 2
    assert "s3cr3t" not in result.stdout + result.stderr
    assert "evil.yaml:1:1: is a symbolic link to a file outside the register" in result.stdout
    assert "linked-folder:1:1: is a symbolic link to a folder outside the register" in result.stdout


def test_links_inside_the_register_are_read_once(register):
    (register / "again.yaml").symlink_to(register / "ok.yaml")  # a second name for one file
    (register / "sub").mkdir()
    (register / "alias-folder").symlink_to(register / "sub")
    result = validate(register)
    assert "already used by" in result.stdout  # the same incident under two names: a duplicate id
    assert "alias-folder" not in result.stdout


def test_a_folder_named_like_a_file_is_walked(register):
    (register / "x.yaml").mkdir()
    (register / "x.yaml" / "inner.yaml").write_text(VALID.replace("OK-1", "INNER"))
    assert validate(register).stdout == "2 valid incident files\n"


def test_an_unreadable_file_is_reported(register, monkeypatch):
    # as root, permissions do not stop reading: the refusal the system gives is simulated
    real_open = os.open

    def refusing_open(path, *args, **kwargs):
        if Path(path).name == "locked.yaml":
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    (register / "locked.yaml").write_text(VALID.replace("OK-1", "LOCKED"))
    monkeypatch.setattr(os, "open", refusing_open)
    result = loader.load_register([register])
    assert [str(e) for e in result.errors] == [f"{(register / 'locked.yaml').as_posix()}:1:1: cannot read the file: Permission denied"]
    assert [i.incident.id for i in result.incidents] == ["OK-1"]


def test_a_file_that_vanishes_while_the_register_is_read(register, monkeypatch):
    real_open = os.open
    (register / "vanishing.yaml").write_text(VALID.replace("OK-1", "GONE"))

    def open_after_deletion(path, *args, **kwargs):
        if Path(path).name == "vanishing.yaml":
            os.unlink(path)  # listed a moment ago, gone now
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_after_deletion)
    result = loader.load_register([register])
    assert [e.message for e in result.errors] == ["cannot read the file: No such file or directory"]
    assert len(result.incidents) == 1


@pytest.mark.parametrize("name", ["alias-bomb", "self-alias", "python-tag", "duplicate-key", "deep-nesting"])
def test_the_hostile_examples_are_refused_with_their_place(register, name):
    shutil.copy(EXAMPLES / "invalid" / f"{name}.yaml", register)
    result = validate(register)
    assert result.returncode == 2 and f"{name}.yaml:" in result.stdout
    assert "1 valid incident file, 1 invalid file" in result.stdout


def test_a_fifo_is_reported_unopened_in_a_folder_and_given_alone(register):
    # opening a FIFO to read waits for a writer: the check would hang for ever
    os.mkfifo(register / "pipe.yaml")
    result = run_cli("check", "--as-of", "2026-01-05T11:00", str(register))
    assert result.returncode == 2
    assert f"{(register / 'pipe.yaml').as_posix()}:1:1: is not a regular file (a FIFO): not read" in result.stdout
    assert "1 incident:" in result.stdout
    alone = validate(register / "pipe.yaml", register / "ok.yaml")
    assert alone.stdout.splitlines() == [f"{(register / 'pipe.yaml').as_posix()}:1:1: is not a regular file (a FIFO): "
                                         "not read", "1 valid incident file, 1 invalid file"]


def test_a_file_made_a_fifo_after_the_listing_is_not_waited_on(register):
    (register / "late.yaml").write_text(VALID.replace("OK-1", "LATE"))
    listed = list(loader.incident_files(register))
    (register / "late.yaml").unlink()
    os.mkfifo(register / "late.yaml")
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("reading waited on the FIFO"))
    signal.alarm(10)
    try:
        results = [loader.load_file(path, Config()) for path in listed]
    finally:
        signal.alarm(0)
    assert [str(e) for r in results for e in r.errors] == [
        f"{(register / 'late.yaml').as_posix()}:1:1: is not a regular file (a FIFO): not read"]


def test_a_file_name_that_is_not_utf8_is_shown_with_escapes_in_every_report(register, tmp_path):
    (register / os.fsdecode(b"bad\xff.yaml")).write_text(VALID.replace("OK-1", "BAD"))
    (register / os.fsdecode(b"worse\xfe.yaml")).write_text("id: [\n")
    shown = f"{register.as_posix()}/worse\\xfe.yaml"
    for command in (["check"], ["check", "--format", "junit"], ["check", "--format", "github"], ["validate"],
                    ["report", "--format", "md"], ["report", "--format", "html"], ["calendar"]):
        result = run_cli(*command, *(["--as-of", "2026-01-05T11:00"] if command != ["validate"] else []), str(register))
        assert result.returncode == 2 and "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert shown in result.stdout + result.stderr, command
    output = tmp_path / "out.json"
    result = run_cli("check", "--format", "json", "--output", str(output), "--as-of", "2026-01-05T11:00", str(register))
    assert result.returncode == 2, result.stderr
    report = json.loads(output.read_text(encoding="utf-8"))
    assert [e["file"] for e in report["errors"]] == [shown]
    result = run_cli("report", "--format", "json", "--as-of", "2026-01-05T11:00", str(register))
    assert {i["file"] for i in json.loads(result.stdout)["incidents"]} == {
        f"{register.as_posix()}/bad\\xff.yaml", f"{register.as_posix()}/ok.yaml"}


def test_a_register_1200_folders_deep_is_walked(register):
    folders = [register]
    for _ in range(1200):
        folders.append(folders[-1] / "d")
        folders[-1].mkdir()
    (folders[-1] / "deep.yaml").write_text(VALID.replace("OK-1", "DEEP"))
    try:
        result = loader.load_register([register])
        assert result.errors == []
        assert [i.incident.id for i in result.incidents] == ["OK-1", "DEEP"]
    finally:  # from the deepest up: shutil.rmtree, which pytest cleans up with, recurses per level
        (folders[-1] / "deep.yaml").unlink()
        for folder in reversed(folders[1:]):
            folder.rmdir()


def test_a_folders_files_come_before_its_subfolders_in_name_order(register):
    for name in ("b/z.yaml", "b/a/y.yaml", "a/x.yaml", "z.yaml", "b/a/a/w.yaml", "b/c/v.yaml"):
        (register / name).parent.mkdir(parents=True, exist_ok=True)
        (register / name).write_text("")
    assert [p.relative_to(register).as_posix() for p in loader.incident_files(register)] == [
        "ok.yaml", "z.yaml", "a/x.yaml", "b/z.yaml", "b/a/y.yaml", "b/a/a/w.yaml", "b/c/v.yaml"]


def test_a_settings_file_beyond_16_kb_is_refused_unread(register):
    # a dotted key of 100,000 parts would cost Python's TOML parser 6 GB and minutes
    (register / "breachtrack.toml").write_text("a." * 100_000 + "a = 1\n")
    result = validate(register)
    assert result.returncode == 2
    assert "breachtrack.toml:1:1: the settings file is larger than 16 KB" in result.stdout
    assert result.stdout.endswith("1 valid incident file, 1 invalid file\n")


def test_a_mapping_wider_than_any_section_is_refused_before_validation(register):
    keys = "".join(f"k{number}: {number}\n" for number in range(300_000))  # 4.6 MB, under the size limit
    (register / "wide.yaml").write_text(VALID.replace("OK-1", "WIDE") + keys)
    result = validate(register)
    assert result.returncode == 2
    assert "wide.yaml:1:1: this mapping has 300,004 keys, far more than the 200 any incident section" in result.stdout
    assert result.stdout.endswith("1 valid incident file, 1 invalid file\n")


def test_errors_beyond_fifty_in_one_file_are_counted_not_listed(register):
    keys = "".join(f"k{number}: {number}\n" for number in range(150))
    (register / "typos.yaml").write_text(VALID.replace("OK-1", "TYPOS") + keys)
    lines = validate(register).stdout.splitlines()
    assert len([line for line in lines if "typos.yaml" in line]) == 51
    assert lines[-2].endswith("typos.yaml:55:1: and 100 more errors in this file, not shown")


@pytest.mark.parametrize("name", ["a.YAML", "b.Yml"])
def test_an_upper_case_extension_is_read_not_skipped(register, name):
    (register / name).write_text(VALID.replace("OK-1", "UPPER"))
    assert validate(register).stdout == "2 valid incident files\n"


@pytest.mark.parametrize("where", ["file", "settings"])
def test_no_regime_at_all_is_an_error_not_a_silent_pass(register, where):
    if where == "file":
        (register / "ok.yaml").write_text(VALID + "regimes: []\n")
    else:
        (register / "breachtrack.toml").write_text("regimes = []\n")
    result = validate(register)
    assert result.returncode == 2 and "regimes: must name at least one regime" in result.stdout
