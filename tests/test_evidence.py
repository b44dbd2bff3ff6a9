"""breachtrack evidence: the zip handed over at a control, unzipped and checked member by member,
its hashes recomputed, SHA256SUMS read as sha256sum -c reads it, and two runs compared byte for byte."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from breachtrack import __version__
from conftest import ROOT, run_cli
from gitrepo import commit, new_repository

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

KAIROS = ROOT / "incidents" / "2025-07-france-travail-kairos.yaml"
DRAFTS = ["draft-authority-fr.md", "draft-authority-en.md", "draft-subjects-fr.md", "draft-subjects-en.md"]


def kairos_register(tmp_path: Path, name: str = "2025-07-kairos.yaml") -> tuple[Path, str]:
    """The sample's Kairos incident in a register of its own, committed the day after awareness."""
    repo = new_repository(tmp_path / "repo")
    (repo / "incidents").mkdir()
    (repo / "incidents" / "breachtrack.toml").write_text('timezone = "Europe/Paris"\n')
    (repo / "incidents" / name).write_bytes(KAIROS.read_bytes())
    return repo, commit(repo, "Kairos", "2025-07-23T10:00:00+02:00")


def bundle(repo: Path, output: Path, *options: str) -> bytes:
    result = run_cli("evidence", "FT-2025-KAIROS", "--register", "incidents", "--output", str(output),
                     "--as-of", "2025-08-01T12:00", *options, cwd=repo)
    assert result.returncode == 0, result.stderr
    return output.read_bytes()


def test_the_bundle_holds_every_member_with_its_hash(tmp_path):
    repo, head = kairos_register(tmp_path)
    data = bundle(repo, tmp_path / "kairos.zip")
    with zipfile.ZipFile(tmp_path / "kairos.zip") as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    assert list(members) == ["SHA256SUMS", "MANIFEST.json", "incident/2025-07-kairos.yaml", "history.md",
                             "history.json", "report.md", "report.json", *DRAFTS]
    assert members["incident/2025-07-kairos.yaml"] == KAIROS.read_bytes()  # the file as it is, comments and all
    manifest = json.loads(members["MANIFEST.json"])
    assert {key: manifest[key] for key in ("incident", "file", "as_of", "breachtrack", "repository_head",
                                           "uncommitted")} == {
        "incident": "FT-2025-KAIROS", "file": "incidents/2025-07-kairos.yaml", "as_of": "2025-08-01T12:00:00+02:00",
        "breachtrack": __version__, "repository_head": head, "uncommitted": False}
    listed = {entry["name"]: entry for entry in manifest["members"]}
    assert set(listed) == set(members) - {"SHA256SUMS", "MANIFEST.json"}
    for name, entry in listed.items():
        assert entry == {"name": name, "sha256": hashlib.sha256(members[name]).hexdigest(), "bytes": len(members[name])}
    sums = members["SHA256SUMS"].decode("ascii").splitlines()
    assert len(sums) == len(members) - 1  # every member but SHA256SUMS itself, MANIFEST.json included
    for line in sums:
        digest, name = re.fullmatch(r"([0-9a-f]{64})  (\S+)", line).groups()  # sha256sum's text-mode line
        assert hashlib.sha256(members[name]).hexdigest() == digest
    assert data[:4] == b"PK\x03\x04"


def test_the_members_are_what_the_other_commands_write(tmp_path):
    repo, head = kairos_register(tmp_path)
    bundle(repo, tmp_path / "kairos.zip")
    with zipfile.ZipFile(tmp_path / "kairos.zip") as archive:
        history = json.loads(archive.read("history.json"))
        report = json.loads(archive.read("report.json"))
        report_md = archive.read("report.md").decode()
        authority_fr = archive.read("draft-authority-fr.md").decode()
    assert [version["commit"]["id"] for version in history["versions"]] == [head]
    [aware] = next(fact for fact in history["facts"] if fact["fact"] == "aware_at")["changes"]
    assert aware["late"] and aware["recorded_after_hours"] == 264  # aware 12 July 10:00, committed 23 July 10:00: 11 days
    assert [incident["id"] for incident in report["incidents"]] == ["FT-2025-KAIROS"]
    assert report["as_of"] == "2025-08-01T12:00:00+02:00" and report["summary"]["incidents"] == 1
    assert report_md.startswith("# Breach register as of 2025-08-01 12:00 +02:00\n")
    draft = run_cli("draft", "FT-2025-KAIROS", "--to", "authority", "--lang", "fr", "--register", "incidents",
                    "--as-of", "2025-08-01T12:00", cwd=repo)
    assert authority_fr == draft.stdout


def test_sha256sum_accepts_the_sums(tmp_path):
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum is not installed")
    repo, _ = kairos_register(tmp_path)
    bundle(repo, tmp_path / "kairos.zip")
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(tmp_path / "kairos.zip") as archive:
        archive.extractall(unpacked)
    checked = subprocess.run(["sha256sum", "--strict", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stdout.count(": OK\n") == 11 - 1
    (unpacked / "report.md").write_text("tampered\n")
    assert subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True).returncode == 1


def test_the_same_register_gives_the_same_bytes(tmp_path):
    repo, _ = kairos_register(tmp_path)
    first = bundle(repo, tmp_path / "first.zip")
    second = bundle(repo, tmp_path / "second.zip")
    assert first == second
    with zipfile.ZipFile(tmp_path / "first.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {info.external_attr >> 16 for info in archive.infolist()} == {0o100644}
    assert bundle(repo, tmp_path / "later.zip", "--as-of", "2025-08-02") != first


def test_a_hostile_file_name_gives_a_safe_member_name(tmp_path):
    repo, _ = kairos_register(tmp_path, name="x..\\ $(x) \n::error::evil.yaml")
    bundle(repo, tmp_path / "kairos.zip")
    with zipfile.ZipFile(tmp_path / "kairos.zip") as archive:
        names = archive.namelist()
    assert "incident/x..____x_____error__evil.yaml" in names  # "\\ $(", ") \\n::" and "::" become "_"s
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)?", name) and ".." not in name.split("/")
               for name in names)


def test_the_zip_is_replaced_in_one_step_and_a_missing_folder_is_refused(tmp_path):
    repo, _ = kairos_register(tmp_path)
    output = tmp_path / "kairos.zip"
    output.write_bytes(b"old")
    bundle(repo, output)
    assert zipfile.is_zipfile(output)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".kairos.zip")] == []  # no temporary file left
    missing = run_cli("evidence", "FT-2025-KAIROS", "--register", "incidents", "--output",
                      str(tmp_path / "nowhere" / "k.zip"), cwd=repo)
    assert missing.returncode == 2 and "no such folder" in missing.stderr


def test_uncommitted_changes_are_bundled_and_said(tmp_path):
    repo, _ = kairos_register(tmp_path)
    file = repo / "incidents" / "2025-07-kairos.yaml"
    file.write_text(file.read_text().replace("reference: NOTIF-2025-000123", "reference: NOTIF-2025-000124"))
    result = run_cli("evidence", "FT-2025-KAIROS", "--register", "incidents", "--output", str(tmp_path / "k.zip"),
                     "--as-of", "2025-08-01T12:00", cwd=repo)
    assert result.returncode == 0
    assert "The incident file has changes not committed yet: its history says so." in result.stderr
    with zipfile.ZipFile(tmp_path / "k.zip") as archive:
        assert json.loads(archive.read("MANIFEST.json"))["uncommitted"] is True
        assert archive.read("incident/2025-07-kairos.yaml") == file.read_bytes()


def test_no_git_repository_no_bundle(tmp_path):
    (tmp_path / "incidents").mkdir()
    shutil.copy(KAIROS, tmp_path / "incidents" / "k.yaml")
    result = run_cli("evidence", "FT-2025-KAIROS", "--register", "incidents", "--output", str(tmp_path / "k.zip"),
                     cwd=tmp_path)
    assert result.returncode == 2 and "is not in a git repository" in result.stderr
    assert not (tmp_path / "k.zip").exists()


def test_the_zip_on_standard_output_is_the_same_zip(tmp_path):
    import os
    import sys

    repo, _ = kairos_register(tmp_path)
    on_disk = bundle(repo, tmp_path / "kairos.zip")
    piped = subprocess.run([sys.executable, "-m", "breachtrack", "evidence", "FT-2025-KAIROS", "--register", "incidents",
                            "--output", "-", "--as-of", "2025-08-01T12:00"], cwd=repo, capture_output=True,
                           env={**os.environ, "NO_COLOR": "1"}, timeout=120)
    assert piped.returncode == 0 and piped.stdout == on_disk and piped.stderr == b""


def test_an_invalid_incident_file_is_not_bundled(tmp_path):
    repo, _ = kairos_register(tmp_path)
    file = repo / "incidents" / "2025-07-kairos.yaml"
    file.write_text(file.read_text().replace("risk: high", "risk: very high"))
    result = run_cli("evidence", "FT-2025-KAIROS", "--register", "incidents", "--output", str(tmp_path / "k.zip"),
                     cwd=repo)
    assert result.returncode == 2 and "the incident file is invalid, fix it first:" in result.stderr
    assert "risk" in result.stderr and not (tmp_path / "k.zip").exists()


def test_a_zip_is_never_written_to_a_terminal(tmp_path):
    import os
    import pty
    import sys

    repo, _head = kairos_register(tmp_path)
    leader, follower = pty.openpty()
    process = subprocess.run([sys.executable, "-m", "breachtrack", "evidence", "FT-2025-KAIROS", "--register",
                              "incidents", "--output", "-"], stdout=follower, stderr=subprocess.PIPE, cwd=repo,
                             timeout=60)
    os.close(follower)
    os.close(leader)
    assert process.returncode == 2
    assert b"evidence writes a binary zip: give --output FILE.zip, or redirect the output" in process.stderr
