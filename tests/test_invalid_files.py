"""Every kind of malformed file, run through the real CLI (check-jsonschema style).

Each file in examples/invalid/ states on its first line where its error must be reported
and a phrase of the message; it is checked beside the valid examples, which must still be
reported. Files that cannot carry such a comment (bad bytes) are made here.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, run_cli

INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))
VALID_COUNT = len(list((EXAMPLES / "valid").glob("*.yaml")))


def expectation(path: Path) -> tuple[str, str]:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    found = re.fullmatch(r"# expect: (\d+:\d+): (.+)", first_line)
    assert found, f"{path.name} lacks its '# expect: LINE:COLUMN: phrase' line"
    return found.group(1), found.group(2)


def test_at_least_fifteen_kinds_of_malformed_files():
    assert len(INVALID) >= 15


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_file_is_located_and_the_valid_ones_still_reported(path, tmp_path):
    position, phrase = expectation(path)
    register = tmp_path / "register"
    shutil.copytree(EXAMPLES / "valid", register)
    shutil.copy(path, register / path.name)
    result = run_cli("check", "--as-of", "2026-06-01", str(register))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    located = [line for line in result.stdout.splitlines() if line.startswith(f"{register / path.name}:")]
    assert located, result.stdout
    assert located[0].startswith(f"{register / path.name}:{position}: "), located
    assert phrase in located[0]
    assert f"{VALID_COUNT} incidents:" in result.stdout


def write_bytes_case(tmp_path: Path, name: str, data: bytes) -> Path:
    register = tmp_path / "register"
    shutil.copytree(EXAMPLES / "valid", register)
    (register / name).write_bytes(data)
    return register


MINIMAL = b"id: BYTES-1\ntitle: t\naware_at: 2026-01-05T10:00\nrisk: high\n"


@pytest.mark.parametrize(
    ("name", "data", "position", "phrase"),
    [
        ("nul-byte.yaml", b"id: BYTES-1\ntitle: t\x00x\n", "2:9", "control character"),
        ("latin-1.yaml", b"id: BYTES-1\ntitle: Donn\xe9es\n", "2:12", "not UTF-8"),
    ],
)
def test_bad_bytes_are_located(tmp_path, name, data, position, phrase):
    register = write_bytes_case(tmp_path, name, data)
    result = run_cli("check", "--as-of", "2026-06-01", str(register))
    assert result.returncode == 2
    line = next(x for x in result.stdout.splitlines() if x.startswith(f"{register / name}:"))
    assert line.startswith(f"{register / name}:{position}: ") and phrase in line, line
    assert f"{VALID_COUNT} incidents:" in result.stdout


@pytest.mark.parametrize(
    "data",
    [b"\xef\xbb\xbf" + MINIMAL, MINIMAL.replace(b"\n", b"\r\n")],
    ids=["utf8-bom", "crlf"],
)
def test_bom_and_crlf_are_accepted(tmp_path, data):
    register = write_bytes_case(tmp_path, "bytes.yaml", data)
    result = run_cli("check", "--as-of", "2026-01-05T11:00", str(register))
    assert result.returncode == 0, result.stdout
    assert f"{VALID_COUNT + 1} incidents:" in result.stdout


def test_duplicate_id_across_files_points_at_the_second_id(tmp_path):
    (tmp_path / "a.yaml").write_bytes(MINIMAL)
    (tmp_path / "b.yaml").write_bytes(b"# copy\n" + MINIMAL)
    result = run_cli("report", "--format", "json", "--as-of", "2026-01-06", str(tmp_path))
    assert result.returncode == 2
    errors = json.loads(result.stdout)["errors"]
    assert errors == [
        {
            "file": f"{tmp_path}/b.yaml",
            "line": 2,
            "column": 5,
            "message": f"id 'BYTES-1' is already used by {tmp_path}/a.yaml: every incident needs its own id",
        }
    ]


def test_hidden_files_folders_and_other_extensions_are_skipped(tmp_path):
    (tmp_path / "a.yml").write_bytes(MINIMAL)
    (tmp_path / ".draft.yaml").write_text("not: [valid")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.yaml").write_text("not: [valid")
    (tmp_path / "notes.txt").write_text("not: [valid")
    (tmp_path / "folder.yaml").mkdir()
    result = run_cli("check", "--as-of", "2026-01-05T11:00", str(tmp_path))
    assert result.returncode == 0, result.stdout
    assert "1 incident:" in result.stdout


def test_bad_configuration_is_located(tmp_path):
    (tmp_path / "a.yaml").write_bytes(MINIMAL)
    (tmp_path / "breachtrack.toml").write_text('timezone = "Europe/Paris"\nsubject_notice_within = "soon"\nfoo = 1\n')
    result = run_cli("check", "--as-of", "2026-01-05T11:00", str(tmp_path))
    assert result.returncode == 2
    assert f"{tmp_path}/breachtrack.toml:2:25: subject_notice_within: 'soon' is not a duration" in result.stdout
    assert f"{tmp_path}/breachtrack.toml:3:7: unknown setting 'foo'" in result.stdout
    assert "1 incident:" in result.stdout


def test_nis2_in_force_is_a_day_from_18_october_2024(tmp_path):
    (tmp_path / "a.yaml").write_bytes(MINIMAL)
    settings = tmp_path / "breachtrack.toml"
    settings.write_text("nis2_in_force = 2024-10-17\n")  # a TOML date
    result = run_cli("check", "--as-of", "2026-01-05T11:00", str(tmp_path))
    assert result.returncode == 2
    assert (f"{settings}:1:17: nis2_in_force: 2024-10-17 is before 18 October 2024, the day from which Member "
            "States apply their measures transposing NIS2") in result.stdout
    settings.write_text('nis2_in_force = "2026-10-01"\n')
    assert run_cli("check", "--as-of", "2026-01-05T11:00", str(tmp_path)).returncode == 0


def test_holiday_country_and_region_unknown_to_the_holidays_package_are_located(tmp_path):
    """Found in review: these reached the DORA rule and ended in an internal error."""
    dora = (ROOT / "incidents" / "2025-10-bank-dora.yaml").read_bytes()
    (tmp_path / "bank.yaml").write_bytes(dora)
    settings = tmp_path / "breachtrack.toml"
    settings.write_text('country = "XX"\n')
    result = run_cli("check", "--as-of", "2026-11-23T12:00", str(tmp_path))
    assert result.returncode == 2, result.stdout
    assert f"{settings}:1:11: country: the holidays package has no country 'XX'" in result.stdout
    assert "internal error" not in result.stdout + result.stderr

    settings.write_text('country = "FR"\nsubdivision = "67"\n')
    result = run_cli("check", "--as-of", "2026-11-23T12:00", str(tmp_path))
    assert result.returncode == 2, result.stdout
    assert f"{settings}:2:15: subdivision: FR has no subdivision '67'" in result.stdout
    assert "57, 6AE" in result.stdout

    settings.write_text('subdivision = "Alsace"\n')  # an alias the package knows, for 6AE
    result = run_cli("check", "--as-of", "2026-11-23T12:00", str(tmp_path))
    assert result.returncode == 0, result.stdout

def test_yaml_12_reading_keeps_text_as_text():
    from breachtrack.loader import load_file
    from breachtrack.model import Config

    loaded = load_file(EXAMPLES / "valid" / "yaml12-strings.yaml", Config())
    incident = loaded.incident.incident
    assert (incident.id, incident.title, incident.organisation) == ("NO", "on", "12:30")
    assert incident.subject_notice.channel == "yes"
