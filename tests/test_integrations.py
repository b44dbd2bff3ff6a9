"""The shipped CI integrations run as their CI systems would run them, as far as this machine
can: the GitHub Action's shell steps, and the GitLab template's commands. Until breachtrack is on
PyPI, both install it from its own repository at the release they come from."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _steps(document: dict) -> list[dict]:
    if "runs" in document:  # an action
        return document["runs"]["steps"]
    return [step for job in document["jobs"].values() for step in job["steps"]]


def _expand(text: str, values: dict[str, str]) -> str:
    """GitHub's `${{ ... }}` expressions, with the values the runner would give them."""
    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda m: values[m.group(1)], text)


def test_the_github_action_installs_from_its_own_copy_annotates_and_writes_the_job_summary(tmp_path):
    action = _load(ROOT / "action.yml")
    assert set(action["inputs"]) == {"path", "fail-on", "as-of"}  # no PyPI version: the ref is the version
    setup_python = action["runs"]["steps"][0]
    assert setup_python["uses"].startswith("actions/setup-python@")
    assert setup_python["with"]["update-environment"] is False  # the caller's PATH and Python stay as they were
    values = {f"inputs.{name}": spec.get("default", "") for name, spec in action["inputs"].items()}
    values.update({"inputs.path": "incidents", "inputs.as-of": "2026-11-23T12:00",
                   # actions/setup-python: this machine's Python stands in for the one it installs
                   f"steps.{setup_python['id']}.outputs.python-path": sys.executable})
    summary = tmp_path / "summary.md"
    # GITHUB_ACTION_PATH is where the runner checked the action out, at the ref the workflow uses
    environment = {**os.environ, "GITHUB_ACTION_PATH": str(ROOT), "RUNNER_TEMP": str(tmp_path),
                   "GITHUB_STEP_SUMMARY": str(summary)}
    codes, output = [], ""
    for step in action["runs"]["steps"][1:]:
        env = {**environment, **{key: _expand(str(value), values) for key, value in step.get("env", {}).items()}}
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        codes.append(result.returncode)
        output += result.stdout
    assert codes == [0, 1]  # installed; the clinic's notice is overdue at that moment
    assert output.startswith("::error file=incidents/2026-11-clinic-mailbox.yaml,line=3,")
    assert summary.read_text(encoding="utf-8").startswith("# Breach register as of 2026-11-23 12:00 +01:00")
    # a wheel built from the action's copy (an editable install would leave no package folder
    # here), with the French catalogue its build hook compiled
    site_packages = next((tmp_path / "breachtrack" / "lib").glob("python3*/site-packages"))
    assert (site_packages / "breachtrack" / "locale" / "fr" / "LC_MESSAGES" / "breachtrack.mo").is_file()


def test_no_expression_is_written_into_a_shell_script():
    """A `${{ }}` inside `run:` is pasted into the script before the shell reads it, so a branch
    name or an input could run as code; values reach scripts through `env:` instead."""
    for path in [ROOT / "action.yml", *WORKFLOWS]:
        for step in _steps(_load(path)):
            assert "${{" not in step.get("run", ""), (path.name, step)


def test_every_action_used_is_pinned_by_commit():
    """A tag can be moved to other code; a full commit id cannot (GitHub's security hardening guide)."""
    uses = [step["uses"] for path in [ROOT / "action.yml", *WORKFLOWS] for step in _steps(_load(path)) if "uses" in step]
    assert "pypa/gh-action-pypi-publish@dc37677b2e1c63e2034f94d8a5b11f265b73ba33" in uses
    for reference in uses:
        assert reference == "./" or re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", reference), reference


def test_the_action_workflows_and_template_follow_their_ci_systems_schemas(tmp_path):
    """SchemaStore's schemas, vendored in check-jsonschema (no network): a misspelt key fails here."""
    checker = str(Path(sys.executable).with_name("check-jsonschema"))
    # the GitLab template is two YAML documents (the spec header, then the jobs): one file each
    for number, document in enumerate(yaml.safe_load_all((ROOT / "ci" / "breachtrack.gitlab-ci.yml").read_text(encoding="utf-8"))):
        (tmp_path / f"gitlab-{number}.json").write_text(json.dumps(document), encoding="utf-8")
    for schema, files in [("vendor.github-actions", [ROOT / "action.yml"]),
                          ("vendor.github-workflows", WORKFLOWS),
                          ("vendor.gitlab-ci", sorted(tmp_path.glob("gitlab-*.json")))]:
        checked = subprocess.run([checker, "--builtin-schema", schema, *map(str, files)],
                                 capture_output=True, text=True, timeout=120)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_project_workflows_read_only_and_run_the_action_daily_with_a_fixed_moment():
    for path in WORKFLOWS:
        assert _load(path)["permissions"] == {"contents": "read"}, path.name
    workflow = _load(ROOT / ".github" / "workflows" / "breachtrack.yml")
    triggers = workflow[True]  # PyYAML reads the key `on` as YAML 1.1's true
    assert triggers["schedule"] and "pull_request" in triggers
    step = workflow["jobs"]["register"]["steps"][-1]
    assert step["uses"] == "./" and step["with"]["as-of"]


def _gitlab_template() -> tuple[dict, dict]:
    spec, jobs = yaml.safe_load_all((ROOT / "ci" / "breachtrack.gitlab-ci.yml").read_text(encoding="utf-8"))
    return spec["spec"]["inputs"], jobs


def _interpolate(value: str, inputs: dict[str, str]) -> str:
    """GitLab's `$[[ inputs.name ]]`, replaced when the file is included."""
    return re.sub(r"\$\[\[\s*inputs\.([\w-]+)\s*\]\]", lambda m: inputs[m.group(1)], value)


def test_the_gitlab_template_installs_breachtrack_from_git_at_its_own_release(tmp_path):
    inputs, jobs = _gitlab_template()
    assert "default" not in inputs["repository"]  # mandatory: GitLab refuses the include without it
    assert inputs["ref"]["default"] == f"v{VERSION}"  # the template at tag vX installs vX
    job = jobs["breachtrack"]
    assert job["script"][0] == 'pip install -q "git+${BREACHTRACK_REPOSITORY}@${BREACHTRACK_REF}"'
    # every input reaches the script as a variable, never pasted into a command
    assert not any("$[[" in line for line in job["script"])
    # a copy of this repository with the release tag stands in for the remote one
    repository = tmp_path / "breachtrack"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(repository)], check=True, timeout=60)
    subprocess.run(["git", "-C", str(repository), "tag", f"v{VERSION}"], check=True)
    values = {"repository": f"file://{repository}", **{name: spec["default"] for name, spec in inputs.items() if "default" in spec}}
    env = {**os.environ, **{key: _interpolate(str(value), values) for key, value in job["variables"].items()},
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    # fetch and build what would be installed, without installing it here
    command = job["script"][0].replace("pip install -q", "pip install --dry-run --no-deps --ignore-installed")
    installed = subprocess.run(["sh", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert f"Would install breachtrack-{VERSION}" in installed.stdout


def test_the_gitlab_template_writes_both_reports_and_gates_on_the_last_command(tmp_path):
    inputs, jobs = _gitlab_template()
    job = jobs["breachtrack"]
    assert job["stage"] == "$[[ inputs.stage ]]" and inputs["stage"]["default"] == "test"
    assert {"junit", "codequality"} == set(job["artifacts"]["reports"])
    assert any(rule["if"] == '$CI_PIPELINE_SOURCE == "schedule"' for rule in job["rules"])
    shutil.copytree(ROOT / "incidents", tmp_path / "incidents")
    values = {"repository": "unused", **{name: spec["default"] for name, spec in inputs.items() if "default" in spec},
              "options": "--as-of 2026-11-23T12:00"}
    env = {**os.environ, **{key: _interpolate(str(value), values) for key, value in job["variables"].items()},
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    codes = []
    for line in job["script"][1:]:  # installed already, from this checkout (tested above)
        codes.append(subprocess.run(["sh", "-c", line], cwd=tmp_path, env=env, capture_output=True, timeout=120).returncode)
    assert codes == [0, 0, 1]
    for report in job["artifacts"]["reports"].values():
        assert (tmp_path / report).stat().st_size > 0
