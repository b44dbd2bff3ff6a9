"""The register's content (GDPR Art. 33(5), 33(3)): the optional facts are validated at their
place, contradictions are located errors, and ``show`` displays them."""

from __future__ import annotations

from conftest import AS_OF, run_cli

BASE = "id: A-1\ntitle: t\naware_at: 2026-01-05T10:00\nrisk: unlikely\n"  # lines 1 to 4


def register(tmp_path, text: str):
    (tmp_path / "breachtrack.toml").write_text("")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_every_existing_kind_of_file_stays_valid_without_the_new_facts(tmp_path):
    result = run_cli("validate", str(register(tmp_path, BASE)))
    assert result.returncode == 0, result.stdout


def test_a_misspelt_category_or_nature_is_an_error_at_its_place(tmp_path):
    text = BASE + "nature: [confidentiality, secrecy]\nsubject_categories:\n  pateints: 3\n"
    result = run_cli("validate", str(register(tmp_path, text)))
    assert result.returncode == 2
    assert (f"{tmp_path}/a.yaml:5:27: nature[1]: 'secrecy' is not a valid value: expected confidentiality, integrity "
            "or availability") in result.stdout
    assert (f"{tmp_path}/a.yaml:7:3: unknown field 'subject_categories.pateints': did you mean 'patients'?"
            in result.stdout)


def test_facts_that_contradict_each_other_are_located(tmp_path):
    text = (BASE + "subjects: 100\nsubject_categories:\n  patients: 200\n  minors:\ncross_border: false\n"
            "lead_authority: CNIL\nrisk_assessment: {reasoning: x, assessed_at: 2026-01-05T09:59}\n")
    result = run_cli("validate", str(register(tmp_path, text)))
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert (f"{tmp_path}/a.yaml:7:13: subject_categories.patients: 200 patients is more than the 100 people "
            "concerned in all (subjects): check the numbers") in lines
    assert (f"{tmp_path}/a.yaml:10:17: lead_authority: a lead supervisory authority acts only for cross-border "
            "processing (Art. 56(1)), but cross_border is false: set cross_border: true, or remove lead_authority"
            ) in lines
    assert (f"{tmp_path}/a.yaml:11:46: risk_assessment.assessed_at: 2026-01-05 09:59 is before aware_at "
            "(2026-01-05 10:00): the risk of a breach cannot be assessed before the organisation is aware of it; "
            "check the date") in lines
    assert len(lines) == 4  # 'minors:' without a number is no error: concerned, number not known


def test_show_displays_the_register_content(tmp_path):
    text = (BASE + "subjects: 450\nnature: [confidentiality, availability]\nsubject_categories: {members: 450, "
            "minors: null}\ndata: [identity, birth_date]\ncross_border: true\nlead_authority: CNIL\n"
            "dpo: {name: Claire Martin, email: dpo@example.org}\n"
            'risk_assessment: {reasoning: "encrypted\\n::error::x", assessed_at: 2026-01-05T11:30, assessed_by: DPO}\n')
    result = run_cli("show", "A-1", "--register", str(register(tmp_path, text)), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "nature: confidentiality, availability · people: 450 members, minors · data: identity, birth date" in lines
    assert "cross-border · lead authority CNIL · contact: Claire Martin, dpo@example.org" in lines
    assert "risk assessed 2026-01-05 11:30 +01:00 by DPO: encrypted ::error::x" in lines  # on one line
