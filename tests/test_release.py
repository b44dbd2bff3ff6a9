"""The release workflow: trusted publishing to PyPI from a tag, of files built once, checked and
tested before the upload. Its check step runs here on distributions made for the purpose."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
JOBS = WORKFLOW["jobs"]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
CATALOGUE = "breachtrack/locale/fr/LC_MESSAGES/breachtrack"


def test_only_a_pushed_version_tag_starts_a_release():
    assert WORKFLOW[True] == {"push": {"tags": ["v*"]}}  # PyYAML reads the key `on` as true


def test_only_the_publish_job_may_ask_for_an_upload_token_and_no_secret_is_used():
    assert WORKFLOW["permissions"] == {"contents": "read"}
    publish = JOBS["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert all("id-token" not in job.get("permissions", {}) for name, job in JOBS.items() if name != "publish")
    assert publish["environment"]["name"] == "pypi"  # the environment the trusted publisher names on PyPI
    assert sorted(publish["needs"]) == ["build", "test"]
    upload = publish["steps"][-1]
    assert upload["uses"].startswith("pypa/gh-action-pypi-publish@") and "with" not in upload  # no token, no password
    assert "secrets." not in (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")


def test_the_files_tested_are_the_files_published():
    built = JOBS["build"]["steps"]
    assert any("python -m build" in step.get("run", "") for step in built)
    artifact = next(step for step in built if step.get("uses", "").startswith("actions/upload-artifact@"))["with"]["name"]
    for name in ("test", "publish"):
        downloads = [step for step in JOBS[name]["steps"] if step.get("uses", "").startswith("actions/download-artifact@")]
        assert [step["with"]["name"] for step in downloads] == [artifact]
    assert JOBS["test"]["needs"] == "build"
    test_run = JOBS["test"]["steps"][-1]["run"]
    assert '"${wheel[0]}[test]"' in test_run and "-m pytest" in test_run
    assert "-e " not in test_run  # the wheel itself, not an editable install of the checkout


def _check_step() -> str:
    step = next(step for step in JOBS["build"]["steps"] if step.get("shell") == "python")
    assert step["name"].startswith("Check the tag against the version")
    return step["run"]


def _distributions(folder: Path, version: str = VERSION, *, sdist_files: tuple[str, ...] | None = None,
                   wheel_files: tuple[str, ...] | None = None) -> None:
    """A wheel and an sdist as `python -m build` lays them out, holding only the files the check reads."""
    dist = folder / "dist"
    dist.mkdir()
    if sdist_files is None:
        sdist_files = ("pyproject.toml", "hatch_build.py", f"src/{CATALOGUE}.po")
    if wheel_files is None:
        wheel_files = ("breachtrack/__init__.py", f"{CATALOGUE}.mo")
    with zipfile.ZipFile(dist / f"breachtrack-{version}-py3-none-any.whl", "w") as wheel:
        for name in wheel_files:
            wheel.writestr(name, "")
        wheel.writestr(f"breachtrack-{version}.dist-info/METADATA", f"Metadata-Version: 2.4\nName: breachtrack\nVersion: {version}\n")
    with tarfile.open(dist / f"breachtrack-{version}.tar.gz", "w:gz") as sdist:
        for name in sdist_files:
            sdist.addfile(tarfile.TarInfo(f"breachtrack-{version}/{name}"), io.BytesIO(b""))


def _run_check(folder: Path, tag: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _check_step()], cwd=folder, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "GITHUB_REF_NAME": tag})


def test_the_check_passes_distributions_of_the_tagged_version_with_their_catalogues(tmp_path):
    _distributions(tmp_path)
    checked = _run_check(tmp_path, f"v{VERSION}")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == f"breachtrack {VERSION}: breachtrack-{VERSION}-py3-none-any.whl and breachtrack-{VERSION}.tar.gz, 1 catalogue(s) compiled\n"


@pytest.mark.parametrize(("tag", "layout", "error"), [
    ("v9.9.9", {}, f"the tag is v9.9.9 but the package version is {VERSION}: tag v{VERSION}, or set the version in pyproject.toml"),
    (VERSION, {}, f"the tag is {VERSION} but the package version is {VERSION}"),
    (f"v{VERSION}", {"sdist_files": ("pyproject.toml", f"src/{CATALOGUE}.po")}, "the sdist lacks ['hatch_build.py']"),
    (f"v{VERSION}", {"sdist_files": ("pyproject.toml", "hatch_build.py")},
     f"the sdist lacks ['src/{CATALOGUE}.po']"),
    (f"v{VERSION}", {"wheel_files": ("breachtrack/__init__.py",)}, f"the wheel lacks the compiled catalogues ['{CATALOGUE}.mo']"),
])
def test_the_check_stops_the_release(tmp_path, tag, layout, error):
    _distributions(tmp_path, **layout)
    checked = _run_check(tmp_path, tag)
    assert checked.returncode == 1
    assert checked.stdout.startswith(f"::error title=release::{error}")


def test_the_check_wants_exactly_one_wheel_and_one_sdist(tmp_path):
    _distributions(tmp_path)
    (tmp_path / "dist" / "breachtrack-0.0.1-py3-none-any.whl").write_bytes(b"")
    checked = _run_check(tmp_path, f"v{VERSION}")
    assert checked.returncode == 1 and "dist/ should hold one wheel and one sdist" in checked.stdout
