"""Any input gives exit 0, 1 or 2 and never a traceback (hypothesis, fixed seed, bounded).

The command line runs in this process, as ``breachtrack check`` does, since a subprocess per
example would make the suite slow; its catch-all for our own bugs prints "internal error",
which no example may reach.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breachtrack import cli
from breachtrack.model import Incident
from conftest import ROOT

SETTINGS = settings(max_examples=200, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SAMPLES = sorted((ROOT / "incidents").glob("*.yaml"))
FIELDS = [info.alias or name for name, info in Incident.model_fields.items()]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["2026-11-23T10:00", "2026-02-30", "72h", "3 months", "high", "NO",
                                           "12:30", "2026-03-29T02:30", "2026-10-25T02:30+02:00", "~"]),
    st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
    st.dates(),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(FIELDS + ["submitted_at", "sent_at", "due", "done_on", "measures", "x"]), inner, max_size=4),
    max_leaves=12)
incidents = st.dictionaries(st.sampled_from(FIELDS + ["unknown"]), values, max_size=12)


def run(folder: Path, monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["breachtrack", "check", str(folder), "--as-of", "2026-11-23T12:00"])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    captured = capsys.readouterr()
    return exited.value.code, captured.out + captured.err


@SETTINGS
@given(document=incidents)
def test_any_generated_mapping(document, tmp_path_factory, monkeypatch, capsys):
    folder = tmp_path_factory.mktemp("register")
    (folder / "generated.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    code, output = run(folder, monkeypatch, capsys)
    assert code in (0, 1, 2) and "internal error" not in output and "Traceback" not in output, output


@SETTINGS
@given(
    sample=st.sampled_from(SAMPLES),
    where=st.floats(0, 1, exclude_max=True),
    mutation=st.sampled_from(["delete line", "change character", "insert character"]),
    character=st.characters(),
)
def test_mutated_valid_files(sample, where, mutation, character, tmp_path_factory, monkeypatch, capsys):
    text = sample.read_text(encoding="utf-8")
    if mutation == "delete line":
        lines = text.splitlines(keepends=True)
        del lines[int(where * len(lines))]
        text = "".join(lines)
    else:
        at = int(where * len(text))
        text = text[:at] + character + text[at + (mutation == "change character"):]
    folder = tmp_path_factory.mktemp("register")
    (folder / sample.name).write_text(text, encoding="utf-8", errors="surrogatepass")
    code, output = run(folder, monkeypatch, capsys)
    assert code in (0, 1, 2) and "internal error" not in output and "Traceback" not in output, output
