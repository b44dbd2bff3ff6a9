"""The JSON Schema of an incident file: generated from the models, committed, and checked
against the sample register and the malformed files with check-jsonschema itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from breachtrack.model import RELATIVE_DUE_PATTERN
from conftest import EXAMPLES, ROOT, run_cli

COMMITTED = ROOT / "schema" / "incident.schema.json"

BEYOND_SCHEMA = {
    "autumn-fold": "whether a local time happens twice depends on the time zone's rules",
    "spring-gap": "whether a local time exists depends on the time zone's rules",
    "bad-timezone": "the list of IANA zones changes with tzdata, so the schema does not freeze it",
    "detected-after-aware": "compares two fields",
    "duplicate-measure-id": "compares items of a list by one field",
    "unknown-measure": "refers from one part of the file to another",
    "duration-of-centuries": "the longest duration (100 years) is a different number in each unit",
    "notification-before-awareness": "compares two fields",
    "letter-before-awareness": "compares two fields, each in its time zone",
    "complement-before-notification": "compares two fields",
    "report-before-detection": "compares two fields",
    "section-without-its-regime": "the regimes may come from the register's breachtrack.toml",
    "determined-before-detection": "compares two fields",
    "resident-state-typo": "the subdivisions come from the holidays package's data, which the schema does not freeze",
    "resident-unknown-country": "the countries come from Babel's data, which the schema does not freeze",
}
"""Malformed files that only breachtrack itself can refuse, and why JSON Schema cannot."""


CRASHES_CHECK_JSONSCHEMA = {"self-alias", "huge-number"}
"""check-jsonschema 0.39 stops with a traceback on an alias inside itself (RecursionError) and
on a number too long for Python to write (ValueError): a rejection all the same (exit code 1),
but with no report to read."""


def run_check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    executable = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run(
        [str(executable), "--schemafile", str(COMMITTED), "-o", "json", *map(str, files)],
        capture_output=True, text=True, timeout=120,
    )


def check_jsonschema(*files: Path) -> dict:
    return json.loads(run_check_jsonschema(*files).stdout)


def test_committed_schema_is_what_the_command_prints():
    result = run_cli("schema")
    assert result.returncode == 0
    assert result.stdout == COMMITTED.read_text(encoding="utf-8"), (
        "schema/incident.schema.json is out of date: run `breachtrack schema > schema/incident.schema.json`"
    )


def _properties(schema: dict):
    yield from schema["properties"].items()
    for definition in schema["$defs"].values():
        yield from definition["properties"].items()


def test_every_field_has_a_description_and_an_example():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for name, definition in _properties(schema):
        assert definition.get("description") and definition.get("examples"), name


def test_enums_patterns_and_closed_mappings():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert schema["properties"]["risk"]["enum"] == ["unlikely", "risk", "high"]
    assert schema["required"] == ["id", "title", "aware_at", "risk"]
    due = schema["$defs"]["RemediationMeasure"]["properties"]["due"]
    assert {"type": "string", "pattern": RELATIVE_DUE_PATTERN} in due["anyOf"]
    assert all(d.get("additionalProperties") is False for d in [schema, *schema["$defs"].values()])


def test_check_jsonschema_accepts_the_sample_register_and_the_valid_examples():
    files = [*sorted((ROOT / "incidents").glob("*.yaml")), *sorted((EXAMPLES / "valid").glob("*.yaml"))]
    assert check_jsonschema(*files)["status"] == "ok"


def test_check_jsonschema_rejects_the_malformed_files_it_can_see(tmp_path):
    invalid = sorted((EXAMPLES / "invalid").glob("*.yaml"))
    result = check_jsonschema(*(path for path in invalid if path.stem not in CRASHES_CHECK_JSONSCHEMA))
    rejected = {Path(e["filename"]).stem for e in result["errors"] + result["parse_errors"]}
    assert rejected == {path.stem for path in invalid} - set(BEYOND_SCHEMA) - CRASHES_CHECK_JSONSCHEMA
    assert set(BEYOND_SCHEMA) | CRASHES_CHECK_JSONSCHEMA <= {path.stem for path in invalid}
    for stem in CRASHES_CHECK_JSONSCHEMA:
        assert run_check_jsonschema(EXAMPLES / "invalid" / f"{stem}.yaml").returncode != 0
    bad_bytes = tmp_path / "latin1.yaml"
    bad_bytes.write_bytes("id: X\ntitle: Données\naware_at: 2026-01-01T10:00\nrisk: high\n".encode("latin-1"))
    assert check_jsonschema(bad_bytes)["status"] == "fail"
