"""breachtrack draft: the notice to the authority and the letter to the people, in French and
English, with what is missing listed at the top."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime

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


# --- a generic notice for a regulator without a template (issue 15) ---------------------------

WORLD = """\
id: BR-2026-04-CRM
title: Customer database of the Brazilian subsidiary copied
organisation: Acme Brasil Ltda.
entities: [Acme Group SA]
timezone: America/Sao_Paulo
regimes: [lgpd]
cause: malicious
detected_at: 2026-04-01T08:00
aware_at: 2026-04-01T10:00
determined_at: 2026-04-01T15:30
residents: {BR: 5000, PT: 12}
description: An attacker used a leaked API key to export the CRM's customer table.
nature: [confidentiality]
subjects: 5012
subject_categories: {customers: 5000, employees: 12}
records: 5012
data: [identity, contact, national_id]
consequences: Fraud attempts using the CPF numbers; phishing.
measures_taken: The key was revoked and every API key rotated the same day.
measures_planned: Keys kept in a vault, with alerts on bulk exports.
advice_to_subjects: Be wary of calls that quote your CPF.
dpo: {name: "Ana Souza, DPO", email: "dpo@acme.com.br"}
risk: high
"""
FAKE = {  # a rule of a regime beyond Europe, as its module will say it in each language
    "en": ("Notify the ANPD", "relevant risk to the data subjects: notify within 3 working days"),
    "fr": ("Notifier l'ANPD", "risque pertinent pour les personnes concernées : notifier sous 3 jours ouvrables"),
}


class FakeAnpd:
    """Stands for rules/lgpd.py, written in parallel: what the generic notice needs of any rule."""

    def assess(self, incident, config):
        from breachtrack.i18n import language
        from breachtrack.rules import Assessment

        title, reason = FAKE[language()]
        due = datetime(2026, 4, 7, 3, 0, tzinfo=UTC)  # a fixed instant: the draft shows it, it does not compute it
        return [Assessment("lgpd.anpd", title, "Resolução CD/ANPD 15/2024 art. 6", "law", "applies", reason,
                           due=due, start=incident.aware_at)]


def _world_report(lang: str, text: str = WORLD):
    from breachtrack import i18n
    from breachtrack.engine import evaluate
    from breachtrack.loader import load_bytes
    from breachtrack.model import Config

    loaded = load_bytes(text.encode(), "incidents/br-crm.yaml", Config(timezone="America/Sao_Paulo"))
    assert loaded.incident is not None, loaded.errors
    with i18n.using(lang):
        report = evaluate(loaded.incident, datetime(2026, 4, 2, 12, 0, tzinfo=UTC), rules=[FakeAnpd()])
    return loaded.incident.incident, report


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_golden_generic_notice_for_an_obligation_of_a_regime_beyond_europe(lang):
    from breachtrack import i18n
    from breachtrack.reporters import draft

    incident, report = _world_report(lang)
    with i18n.using(lang):
        text = draft.render(incident, report, "lgpd.anpd", lang)
    golden(f"draft-BR-2026-04-CRM-lgpd.anpd.{lang}.md", text)
    assert "To complete before sending" not in text and "À compléter avant l'envoi" not in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_generic_notice_asks_for_what_the_file_lacks_residents_included(lang):
    from breachtrack import i18n
    from breachtrack.reporters import draft

    lacking = "\n".join(line for line in WORLD.splitlines()
                        if not line.startswith(("residents:", "records:", "dpo:", "consequences:"))) + "\n"
    incident, report = _world_report(lang, lacking)
    with i18n.using(lang):
        text = draft.render(incident, report, "lgpd.anpd", lang)
    assert re.findall(r"^- \[ \] `([a-z_.]+)`", text, re.MULTILINE) == ["records", "residents", "dpo", "consequences"]
    assert ("- People concerned per jurisdiction: …" if lang == "en" else
            "- Personnes concernées par juridiction : …") in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_golden_generic_notice_from_the_command_line(lang):
    result = run_cli("draft", "EN-2026-03-RANSOMWARE", "--to", "nis2.early_warning", "--lang", lang, "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    golden(f"draft-EN-2026-03-RANSOMWARE-nis2.early_warning.{lang}.md", result.stdout)
    # a European incident: the residents per jurisdiction are not asked for
    assert "`residents`" not in result.stdout


def test_an_obligation_the_incident_does_not_have_is_refused_with_the_ones_it_has():
    result = run_cli("draft", "EN-2026-03-RANSOMWARE", "--to", "hipaa.hhs", "--as-of", AS_OF)
    assert result.returncode == 2 and result.stdout == ""
    assert "--to hipaa.hhs: EN-2026-03-RANSOMWARE has no such obligation; expected one of: authority, subjects, " in (
        result.stderr)
    assert "nis2.early_warning" in result.stderr


def test_a_generic_notice_for_an_obligation_that_does_not_apply_says_so_and_warns():
    result = run_cli("draft", "BK-2025-10-CARDS", "--to", "fr.complaint", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert "> **Note:** according to the register, this obligation does not apply: " in result.stdout
    assert "warning: according to the register, fr.complaint does not apply to BK-2025-10-CARDS: " in result.stderr


@pytest.mark.parametrize(("lang", "due", "jurisdiction"), [
    ("en", "- Due: 11 March 2026, 17:30 (UTC-04:00)", "  - US-NY: 1,200"),
    ("fr", "- Échéance : 11 mars 2026 à 17 h 30 (UTC-04:00)", "  - US-NY : 1\u202f200"),
])
def test_a_generic_notice_for_a_real_rule_beyond_europe(tmp_path, lang, due, jurisdiction):
    (tmp_path / "listed.yaml").write_text(
        "id: SEC-1\ntitle: Ransomware at a listed insurer\ntimezone: America/New_York\nregimes: [sec]\n"
        "detected_at: 2026-03-02T08:00\naware_at: 2026-03-02T09:00\ndetermined_at: 2026-03-05T16:00\n"
        "residents: {US-NY: 1200}\nrisk: high\n", encoding="utf-8")
    result = run_cli("draft", "SEC-1", "--to", "sec.form8k", "--lang", lang, "--register", str(tmp_path),
                     "--as-of", "2026-03-06T12:00-05:00")
    assert result.returncode == 0, result.stderr
    # determined Thursday 5 March: SEC business days 6, 9, 10 and 11 March, 17:30 in New York (EDT)
    assert due in result.stdout.splitlines()
    assert jurisdiction in result.stdout.splitlines()
    assert "`residents`" not in result.stdout  # recorded: not on the checklist
