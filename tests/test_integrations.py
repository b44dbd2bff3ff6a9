"""The shipped CI integrations run as their CI systems would run them, as far as this machine
can: the GitHub Action's shell steps, and the GitLab template's commands."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT


def _expand(script: str, values: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], script)


def test_the_github_action_installs_annotates_and_writes_the_job_summary(tmp_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert {"path", "fail-on", "version"} <= set(action["inputs"])
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    inputs.update({"path": "incidents", "as-of": "2026-11-23T12:00"})
    summary = tmp_path / "summary.md"
    environment = {**os.environ, "GITHUB_ACTION_PATH": str(ROOT), "RUNNER_TEMP": str(tmp_path),
                   "GITHUB_STEP_SUMMARY": str(summary)}
    codes, output = [], ""
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue  # actions/setup-python: this machine's Python stands in for it
        env = {**environment, **{key: _expand(str(value), inputs) for key, value in step.get("env", {}).items()}}
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _expand(step["run"], inputs)],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        codes.append(result.returncode)
        output += result.stdout
    assert codes == [0, 1]  # installed; the clinic's notice is overdue at that moment
    assert output.startswith("::error file=incidents/2026-11-clinic-mailbox.yaml,line=3,")
    assert summary.read_text(encoding="utf-8").startswith("# Breach register as of 2026-11-23 12:00 +01:00")


def test_the_project_workflow_runs_the_action_daily_with_a_fixed_moment():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "breachtrack.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # PyYAML reads the key `on` as YAML 1.1's true
    assert triggers["schedule"] and "pull_request" in triggers
    step = workflow["jobs"]["register"]["steps"][-1]
    assert step["uses"] == "./" and step["with"]["as-of"]


def test_the_gitlab_template_writes_both_reports_and_gates_on_the_last_command(tmp_path):
    template = yaml.safe_load((ROOT / "ci" / "breachtrack.gitlab-ci.yml").read_text(encoding="utf-8"))
    job = template["breachtrack"]
    assert {"junit", "codequality"} == set(job["artifacts"]["reports"])
    assert any(rule["if"] == '$CI_PIPELINE_SOURCE == "schedule"' for rule in job["rules"])
    shutil.copytree(ROOT / "incidents", tmp_path / "incidents")
    bin_folder = Path(sys.executable).parent
    env = {**os.environ, **template["variables"], "BREACHTRACK_OPTIONS": "--as-of 2026-11-23T12:00",
           "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}"}
    codes = []
    for line in job["script"]:
        if line.startswith("pip install"):
            continue  # installed already, from this checkout rather than PyPI
        codes.append(subprocess.run(["sh", "-c", line], cwd=tmp_path, env=env, capture_output=True, timeout=120).returncode)
    assert codes == [0, 0, 1]
    for report in job["artifacts"]["reports"].values():
        assert (tmp_path / report).stat().st_size > 0
