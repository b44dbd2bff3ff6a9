"""The README's Quick start is what CI runs: two commands, the second one in .ci/run."""

from __future__ import annotations

import re

from conftest import ROOT


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Quick start", 1)[1]
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_second():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "breachtrack check incidents/" in commands[0]
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci_script[-1] == commands[1]


def test_every_obligation_id_of_the_rules_is_in_the_readme_table():
    """Each obligation a rule's cases name has its row (or its place in a row) in the README."""
    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ids = set()
    for path in (ROOT / "tests" / "rules").glob("*.yaml"):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        ids |= {document["rule"], *(case["rule"] for case in document["cases"] if "rule" in case)}
    missing = sorted(rule for rule in ids if f"`{rule}`" not in readme and not rule.startswith("remediation."))
    assert missing == []
