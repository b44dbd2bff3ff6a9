"""breachtrack draft: the notice to the authority and the letter to the people, in French and
English, with what is missing listed at the top."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import AS_OF, ROOT, golden, run_cli

CASES = [(incident, to, lang) for incident in ("FT-2024-03", "FT-2025-KAIROS")
         for to in ("authority", "subjects") for lang in ("fr", "en")]


@pytest.mark.parametrize(("incident", "to", "lang"), CASES, ids=lambda v: v)
def test_golden_drafts_of_the_france_travail_cases(incident, to, lang):
    result = run_cli("draft", incident, "--to", to, "--lang", lang, "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    golden(f"draft-{incident}-{to}.{lang}.md", result.stdout)


def test_the_authority_notice_carries_every_element_of_art_33_3():
    text = run_cli("draft", "FT-2025-KAIROS", "--to", "authority", "--as-of", AS_OF).stdout
    for heading in ("(Art. 33(3)(a))", "(Art. 33(3)(b))", "(Art. 33(3)(c))", "(Art. 33(3)(d))"):
        assert heading in text
    assert "People concerned (approximate number): 340,000" in text
    assert "Aware of the personal data breach: 12 July 2025, 10:00 (UTC+02:00)" in text
    assert "Due within 72 hours of becoming aware of the breach: 15 July 2025, 10:00 (UTC+02:00)" in text
    assert "To complete before sending" not in text  # the Kairos file has everything an authority needs


def test_french_figures_and_dates():
    text = run_cli("draft", "FT-2025-KAIROS", "--to", "authority", "--lang", "fr", "--as-of", AS_OF).stdout
    assert "Personnes concernées (nombre approximatif) : 340\u202f000" in text
    assert "Connaissance de la violation de données le : 12 juillet 2025 à 10 h 00 (UTC+02:00)" in text


@pytest.fixture
def register(tmp_path):
    folder = tmp_path / "incidents"
    shutil.copytree(ROOT / "incidents", folder)
    return folder


def _remove(path, *keys: str) -> None:
    """Delete top-level keys with their folded or nested lines."""
    kept, skipping = [], False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if re.match(r"[a-z_]+:", line):
            skipping = line.split(":")[0] in keys
        elif line.strip() and not line.startswith(" "):
            skipping = False
        if not skipping:
            kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_removed_fields_are_listed_as_missing(register, lang):
    _remove(register / "2025-07-france-travail-kairos.yaml", "dpo", "consequences", "advice_to_subjects", "subjects")
    authority = run_cli("draft", "FT-2025-KAIROS", "--to", "authority", "--lang", lang, "--register", str(register))
    assert authority.returncode == 0
    checklist = re.findall(r"^- \[ \] `([a-z_.]+)`", authority.stdout, re.MULTILINE)
    assert checklist == ["subjects", "dpo", "consequences"]
    subjects = run_cli("draft", "FT-2025-KAIROS", "--to", "subjects", "--lang", lang, "--register", str(register))
    assert re.findall(r"^- \[ \] `([a-z_.]+)`", subjects.stdout, re.MULTILINE) == [
        "dpo", "consequences", "advice_to_subjects"]


def test_late_notification_without_reasons_asks_for_them(register):
    path = register / "2026-02-late-notification.yaml"
    path.write_text("".join(line for line in path.read_text().splitlines(keepends=True)
                            if "delay_reasons" not in line and not line.startswith("    ")), encoding="utf-8")
    result = run_cli("draft", "BE-2026-02-STUFFING", "--to", "authority", "--register", str(register), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert "- [ ] `authority_notice.delay_reasons`: the reasons for notifying after 72 hours (Art. 33(1))" in result.stdout
    assert "This notification comes after 72 hours. Reasons for the delay: …" in result.stdout


def test_output_file_and_unknown_incident(tmp_path):
    output = tmp_path / "notice.md"
    assert run_cli("draft", "FT-2024-03", "--to", "authority", "--output", str(output)).returncode == 0
    assert output.read_text(encoding="utf-8").startswith("# Personal data breach notification to the CNIL")
    unknown = run_cli("draft", "NOPE", "--to", "subjects")
    assert unknown.returncode == 2 and "no incident with id 'NOPE'" in unknown.stderr


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "No individual communication: the CNIL decided under Art. 34(4) that the condition of Art. 34(3)(a) is "
           "met, the data were unintelligible (encrypted) (decision CNIL 2025-0917)."),
    ("fr", "Pas de communication individuelle : la CNIL a décidé, en application de l'art. 34.4, que la condition "
           "de l'art. 34.3.a est remplie, les données étaient incompréhensibles (chiffrées) "
           "(décision CNIL 2025-0917)."),
])
def test_an_exemption_the_authority_decided_is_told_as_its_decision(register, lang, expected):
    path = register / "2025-09-hospital-backup-disk.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  exemption: encrypted", "  exempted_by_authority: encrypted\n  decision: CNIL 2025-0917"), encoding="utf-8")
    result = run_cli("draft", "CHVE-2025-09-BACKUP", "--to", "authority", "--lang", lang, "--register", str(register))
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
