"""Every rule against its YAML file of named cases (tests/rules/*.yaml), values worked out by hand.

Each case is an incident written to a real file and loaded by the real loader, so the time
rules of the format (local time, offsets) are part of what is tested.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from breachtrack.cli import parse_as_of
from breachtrack.engine import evaluate
from breachtrack.loader import load_file
from breachtrack.model import Config
from breachtrack.reporters.json import moment

CASES_DIR = Path(__file__).parent / "rules"


def _cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in document["cases"]:  # a case may name another rule of the same module
            yield pytest.param(case.get("rule", document["rule"]), case, id=f"{path.stem}:{case['name']}")


@pytest.mark.parametrize(("rule_id", "case"), list(_cases()))
def test_rule_case(rule_id, case, tmp_path):
    incident = {"id": "CASE-1", "title": case["name"], **case["incident"]}
    file = tmp_path / "incident.yaml"
    file.write_text(yaml.safe_dump(incident, sort_keys=False), encoding="utf-8")
    config = Config.model_validate(case.get("config", {}))
    loaded = load_file(file, config)
    assert loaded.errors == []

    as_of = parse_as_of(str(case["as_of"]), config.timezone)
    obligations = {o.id: o for o in evaluate(loaded.incident, as_of).obligations}
    expected = case["expect"]
    if expected == "absent":
        assert rule_id not in obligations
        return
    obligation = obligations[rule_id]
    for key, value in expected.items():
        if key == "reason_contains":
            assert value in obligation.reason
        elif key in ("due", "done_at"):
            assert moment(getattr(obligation, key)) == value, key
        else:
            assert getattr(obligation, key) == value, key


def test_every_rule_has_cases_where_it_applies_and_where_it_does_not():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        outcomes = {case["expect"] if case["expect"] == "absent" else case["expect"]["status"] for case in cases}
        assert outcomes & {"done", "late", "pending", "overdue"}, path.name
        assert outcomes & {"not_applicable", "exempt", "absent"}, path.name


def test_every_rule_module_has_a_case_file_and_a_docstring_with_its_basis():
    from breachtrack.rules import ALL_RULES

    for rule in ALL_RULES:
        name = rule.__name__.rsplit(".", 1)[1]
        assert (CASES_DIR / f"{name}.yaml").exists(), name
        assert rule.__doc__ and "Legal basis" in rule.__doc__ and "In plain words" in rule.__doc__, name


def test_the_settings_know_every_policy_target_of_the_rules():
    from breachtrack.model import POLICY_TARGETS as SETTABLE
    from breachtrack.rules import POLICY_TARGETS

    assert SETTABLE == POLICY_TARGETS
