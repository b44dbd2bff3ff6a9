"""Found by an independent hostile review of the commands added with history, evidence, export
and stats: each test is a way a pull request's author could crash them, make them read a file
outside the repository, or forge or hide their output. Each failed before its fix."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli
from gitrepo import commit, git, new_repository

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

INCIDENT = """\
id: {id}
title: {title}
aware_at: 2025-07-12T10:00
risk: high
"""


def _register(tmp_path: Path) -> Path:
    repo = new_repository(tmp_path / "repo")
    (repo / "incidents").mkdir()
    (repo / "incidents" / "breachtrack.toml").write_text('timezone = "Europe/Paris"\n')
    (repo / "incidents" / "k.yaml").write_text(INCIDENT.format(id="K-1", title="Kairos"))
    commit(repo, "Open K-1", "2025-07-12T11:00:00+02:00")
    return repo


def test_a_commit_with_an_encoding_python_cannot_decode_with_replace_does_not_stop_the_run(tmp_path):
    """A commit header 'encoding undefined' (or idna, punycode) passes codecs.lookup but its decode
    raises UnicodeError even with errors='replace': history._text lets it through, and the run
    ends in 'internal error' for every file of report --history."""
    repo = _register(tmp_path)
    (repo / "incidents" / "k.yaml").write_text(INCIDENT.format(id="K-1", title="Kairos portal"))
    git(repo, "add", "-A")
    git(repo, "-c", "i18n.commitEncoding=undefined", "commit", "-q", "-m", "title")
    for arguments in (("report", "incidents", "--format", "json", "--history", "--as-of", "2025-08-01"),
                      ("history", "K-1", "--register", "incidents")):
        result = run_cli(*arguments, cwd=repo)
        assert "internal error" not in result.stderr, result.stderr
        assert result.returncode == 0, result.stderr


def test_a_commit_dated_at_the_end_of_year_9999_does_not_crash_history_or_evidence(tmp_path):
    """A committer date of 253402300799 (9999-12-31T23:59:59Z) passes git fsck and parses in
    history._moment, but shown in an incident zone east of UTC it is in year 10000: astimezone
    raises OverflowError in reporters/history.py, and history (text, md) and evidence end in
    'internal error'."""
    repo = new_repository(tmp_path / "repo")
    (repo / "incidents").mkdir()
    (repo / "incidents" / "breachtrack.toml").write_text('timezone = "Asia/Tokyo"\n')
    (repo / "incidents" / "k.yaml").write_text(INCIDENT.format(id="K-1", title="Kairos"))
    git(repo, "add", "-A")
    tree = git(repo, "write-tree")
    raw = f"tree {tree}\nauthor a <a@a> 253402300799 +0000\ncommitter a <a@a> 253402300799 +0000\n\nfuture\n"
    import subprocess

    from gitrepo import git_environment
    made = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=repo, input=raw, text=True,
                          capture_output=True, check=True, env=git_environment()).stdout.strip()
    git(repo, "update-ref", "HEAD", made)
    for arguments in (("history", "K-1", "--register", "incidents"),
                      ("history", "K-1", "--register", "incidents", "--format", "md"),
                      ("evidence", "K-1", "--register", "incidents", "--output", str(tmp_path / "b.zip"))):
        result = run_cli(*arguments, cwd=repo)
        assert "internal error" not in result.stderr, (arguments, result.stderr)
        assert result.returncode == 0, (arguments, result.stderr)


def test_a_gitattributes_ident_does_not_make_a_clean_checkout_look_uncommitted(tmp_path):
    """A pull request adds '*.yaml ident' to .gitattributes and '$Id$' in a comment: git expands
    it on checkout (built in, no driver needed), so the file on disk never equals its blob;
    git status is clean, but history says the file differs from its last commit and the
    evidence bundle's MANIFEST.json says uncommitted: true."""
    origin = new_repository(tmp_path / "origin")
    (origin / "incidents").mkdir()
    (origin / "incidents" / "breachtrack.toml").write_text('timezone = "Europe/Paris"\n')
    (origin / "incidents" / "k.yaml").write_text("# $Id$\n" + INCIDENT.format(id="K-1", title="Kairos"))
    (origin / ".gitattributes").write_text("*.yaml ident\n")
    commit(origin, "Open K-1", "2025-07-12T11:00:00+02:00")
    git(tmp_path, "clone", "-q", str(origin), "clone")
    repo = tmp_path / "clone"
    assert git(repo, "status", "--porcelain") == ""
    result = run_cli("evidence", "K-1", "--register", "incidents", "--output", str(tmp_path / "b.zip"), cwd=repo)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "b.zip") as bundle:
        manifest = json.loads(bundle.read("MANIFEST.json"))
    assert manifest["uncommitted"] is False


def test_report_history_reads_the_history_of_the_file_itself_not_of_its_shown_name(tmp_path):
    """report --history finds each file again from its shown name (Path(incident.file)); a name
    that is not UTF-8 is shown as '\\xff', so its history is read from the file literally named
    '\\xff' (a decoy the same pull request adds), or is empty when there is none."""
    repo = _register(tmp_path)
    incidents = os.fsencode(repo / "incidents")
    with open(incidents + b"/\xff.yaml", "w") as real:
        real.write(INCIDENT.format(id="REAL", title="The real one"))
    (repo / "incidents" / "\\xff.yaml").write_text(INCIDENT.format(id="DECOY", title="Decoy"))
    commit(repo, "Two incidents", "2025-07-13T11:00:00+02:00")
    result = run_cli("report", "incidents", "--format", "json", "--history", "--as-of", "2025-08-01", cwd=repo)
    document = json.loads(result.stdout)
    real_history = next(item["history"] for item in document["incidents"] if item["id"] == "REAL")
    written = {fact["fact"]: fact["changes"][-1]["after"] for fact in real_history["facts"]}
    assert written.get("id") == "REAL", written
    assert real_history["versions"], "the file's committed history is hidden"



def test_every_command_that_takes_an_id_refuses_one_that_two_files_give(tmp_path):
    """A pull request adds 0.yaml with the id of an existing incident: evidence, history, draft
    and show would take the first file in name order, so the bundle for the authority would hold
    the attacker's file. Which file an id names is never a file's choice."""
    repo = _register(tmp_path)
    (repo / "incidents" / "0.yaml").write_text(INCIDENT.format(id="K-1", title="Forged"))
    commit(repo, "Forge", "2025-07-13T11:00:00+02:00")
    for command in (["evidence", "K-1", "--output", str(tmp_path / "bundle.zip")], ["history", "K-1"],
                    ["show", "K-1"], ["draft", "K-1", "--to", "authority"]):
        result = run_cli(*command, "--register", "incidents", cwd=repo)
        assert result.returncode == 2, command
        assert "2 files give the id 'K-1': incidents/0.yaml, incidents/k.yaml" in result.stderr, command
    assert not (tmp_path / "bundle.zip").exists()


def test_a_register_folder_that_is_a_link_out_of_the_repository_is_not_read(tmp_path):
    """A pull request can replace the register folder itself by a symbolic link (incidents ->
    ../outside): its target's files would count as the register's, and an error message quotes
    the value it refuses. The link is reported and nothing behind it is read, in every command."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "breachtrack.toml").write_text('timezone = "Europe/Paris"\n')
    (outside / "creds.yaml").write_text("id: X\ntitle: t\naware_at: 2025-07-12T10:00\nrisk: sk_live_SECRET\n")
    repo = new_repository(tmp_path / "repo")
    (repo / "incidents").symlink_to("../outside")
    commit(repo, "Register", "2025-07-12T11:00:00+02:00")
    for command in (["export", "incidents", "--format", "csv"], ["check", "incidents"], ["stats", "incidents"],
                    ["report", "incidents", "--format", "md"]):
        result = run_cli(*command, "--as-of", "2026-01-01", cwd=repo)
        assert "sk_live_SECRET" not in result.stdout + result.stderr, command
        assert result.returncode == 2, command
        assert "incidents:1:1: leads through a symbolic link out of its git repository" in result.stdout + result.stderr


def test_a_link_that_stays_inside_the_repository_is_read(tmp_path):
    repo = _register(tmp_path)
    (repo / "register").symlink_to("incidents")
    result = run_cli("check", "register", "--as-of", "2025-07-12T12:00", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
