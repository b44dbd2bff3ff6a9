"""Shared helpers: the real CLI in a subprocess, and incidents built from YAML text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "examples"
GOLDEN = ROOT / "tests" / "golden"
AS_OF = "2026-11-23T12:00"  # the clinic's people were due to be informed on 21 November, 14:00


def golden(name: str, actual: str) -> None:
    """Compare with a reviewed golden file; BREACHTRACK_UPDATE_GOLDEN=1 rewrites it for review."""
    path = GOLDEN / name
    if os.environ.get("BREACHTRACK_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m breachtrack`` as a user would, without colours."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "breachtrack", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def cli():
    return run_cli
