"""The shipped pre-commit hook, installed by pre-commit itself from this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    executable = Path(sys.executable).with_name("pre-commit")
    return subprocess.run([str(executable), *args], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PRE_COMMIT_HOME": str(home)})


def test_try_repo_passes_on_the_sample_register_and_fails_on_a_broken_file(tmp_path):
    home = tmp_path / "pre-commit-home"
    passed = pre_commit("try-repo", str(ROOT), "breachtrack-validate", "--all-files", cwd=ROOT, home=home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "breachtrack validate" in passed.stdout and "Passed" in passed.stdout

    project = tmp_path / "project"
    shutil.copytree(ROOT / "incidents", project / "incidents")
    (project / "incidents" / "broken.yaml").write_text("id: B\ntitle: t\naware_at: 2026-01-01T10:00\nrisk: hihg\n")
    (project / "notes.yaml").write_text("not: [an incident\n")  # outside the register: not checked
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    failed = pre_commit("try-repo", str(ROOT), "breachtrack-validate", "--all-files", cwd=project, home=home)
    assert failed.returncode == 1
    assert "incidents/broken.yaml:4:7: risk: 'hihg' is not a valid value" in failed.stdout
    assert "notes.yaml" not in failed.stdout
