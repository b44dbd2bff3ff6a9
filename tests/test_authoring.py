"""Authoring a person can live with: durations and statuses as people type them, counts in
words, the id a person meant, and a draft that says when the law does not ask for it."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from breachtrack.loader import close_ids
from breachtrack.model import Duration
from breachtrack.reporters import span
from conftest import AS_OF, ROOT, run_cli

BEFORE_DUE = "2026-11-19T10:00"
"""The clinic's notice to the CNIL and to its patients are both due 21 November at 14:00: 2 days
and 4 hours later (52 hours)."""


@pytest.mark.parametrize("within", ["5d", "5 d", "5days", "5 DAYS", "3d", "60h", "60 Hours", "2w", "1 W"])
def test_warn_within_as_people_write_it_lists_what_falls_inside(within):
    result = run_cli("check", "incidents", "--as-of", BEFORE_DUE, "--warn-within", within)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("due in 2 days 4 h") == 2  # 52 h is inside 60 h, 3 days, 5 days and a week


@pytest.mark.parametrize(("within", "shown"), [("2d", "2 days"), ("48H", "2 days"), ("36h", "1 day 12 h"),
                                               ("1 day", "1 day")])
def test_warn_within_that_ends_before_the_due_time_lists_nothing(within, shown):
    result = run_cli("check", "incidents", "--as-of", BEFORE_DUE, "--warn-within", within)
    assert f"Nothing overdue or due within {shown}.\n" in result.stdout


@pytest.mark.parametrize(("fail_on", "as_of", "code"), [
    ("LATE", "2026-11-21T12:00", 1),  # six obligations of the sample were done late
    ("LATE, Overdue", "2026-11-21T12:00", 1),
    (" Overdue ,LATE", "2024-03-01", 0),  # nothing was late yet on 1 March 2024
    ("Due Soon", BEFORE_DUE, 1),
    ("due-soon", BEFORE_DUE, 1),
    ("NONE", AS_OF, 0),
])
def test_fail_on_whatever_the_case_and_spaces(fail_on, as_of, code):
    result = run_cli("check", "incidents", "--as-of", as_of, "--fail-on", fail_on)
    assert result.returncode == code, result.stdout + result.stderr


def test_the_same_spellings_in_breachtrack_toml(tmp_path):
    register = tmp_path / "incidents"
    shutil.copytree(ROOT / "incidents", register)
    with (register / "breachtrack.toml").open("a", encoding="utf-8") as settings:
        settings.write('fail_on = "Overdue, DUE SOON"\nwarn_within = "3d"\n')
    result = run_cli("check", str(register), "--as-of", BEFORE_DUE)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.count("DUE SOON") == 2


def test_a_bad_option_value_names_the_option_with_exit_2():
    bad_format = run_cli("check", "incidents", "--format", "xyz")
    assert bad_format.returncode == 2 and "Invalid value for '--format'" in bad_format.stderr
    assert "'xyz' is not one of 'text', 'json', 'github', 'junit', 'gitlab'" in bad_format.stderr
    bad_duration = run_cli("check", "incidents", "--warn-within", "5 minutes")
    assert bad_duration.returncode == 2
    assert bad_duration.stderr == ("breachtrack: --warn-within: '5 minutes' is not a duration: write a number and a "
                                   "unit, such as 72h, 3 days, 3d, 2 weeks, 2w\n")


@pytest.mark.parametrize(("delta", "words"), [
    (timedelta(days=2, hours=4), "2 days 4 h"),  # was '2 day 4 h'
    (timedelta(days=1, hours=4), "1 day 4 h"),
    (timedelta(days=1), "1 day"),
    (timedelta(days=2), "2 days"),
    (timedelta(days=3, hours=5), "3 days"),
    (timedelta(hours=5, minutes=12), "5 h 12 min"),
    (timedelta(minutes=7), "7 min"),
])
def test_spans_count_in_words(delta, words):
    assert span(delta) == words


@pytest.mark.parametrize(("duration", "words"), [
    (Duration(1, "days"), "1 day"), (Duration(3, "days"), "3 days"), (Duration(1, "weeks"), "1 week"),
    (Duration(2, "weeks"), "2 weeks"), (Duration(1, "months"), "1 month"), (Duration(72, "hours"), "72 h"),
])
def test_durations_count_in_words(duration, words):
    assert str(duration) == words


def test_one_incident_and_one_error_in_the_singular(tmp_path):
    register = tmp_path / "incidents"
    register.mkdir()
    shutil.copy(ROOT / "incidents" / "2026-11-clinic-mailbox.yaml", register)
    (register / "bad.yaml").write_text("id: BAD\n")  # title, aware_at and risk missing: three errors
    result = run_cli("check", str(register), "--as-of", AS_OF)
    assert "Invalid files (3 errors)" in result.stdout
    # the clinic: the CNIL notified and the complaint filed in time (done), its patients not informed
    # (overdue), two measures due in 2027 (pending)
    assert "\n1 incident: 1 overdue, 0 late, 2 pending, 2 done; astreinte accrued 0 EUR; 3 errors in the files\n" in (
        result.stdout)
    (register / "bad.yaml").write_text("id: BAD\ntitle: t\naware_at: 2026-11-01T10:00\nrisk: severe\n")
    result = run_cli("check", str(register), "--as-of", AS_OF)
    assert "Invalid files (1 error)" in result.stdout and "; 1 error in the files\n" in result.stdout


@pytest.mark.parametrize(("command", "typed", "meant"), [
    ("show", "ft-2024-03", "did you mean 'FT-2024-03'?"),  # only the case differs
    ("draft", "KAIROS", "did you mean 'FT-2025-KAIROS'?"),  # part of an id
    ("record", "CT-2026-11-PHISH", "did you mean 'CT-2026-11-PHISHING'?"),
    # contains it: FT-2025-KAIROS; alike: FT-2024-03 shares 'FT-202' with it, 2 x 6 / (7 + 10) = 0.71,
    # FT-2025-KAIROS 'FT-2025', 2 x 7 / (7 + 14) = 0.67, within 0.1 of the best; BK-2025-10-CARDS only
    # '-2025', 2 x 5 / (7 + 16) = 0.43
    ("show", "FT-2025", "did you mean 'FT-2025-KAIROS' or 'FT-2024-03'?"),
])
def test_an_unknown_id_offers_the_ids_meant(command, typed, meant):
    arguments = {"show": (), "draft": ("--to", "authority"), "record": ("notified",)}[command]
    result = run_cli(command, typed, *arguments)
    assert result.returncode == 2
    assert result.stderr == f"breachtrack: no incident with id '{typed}' in incidents: {meant}\n"


def test_an_id_like_none_gets_no_guess():
    result = run_cli("show", "NOPE")
    assert result.returncode == 2 and result.stderr == "breachtrack: no incident with id 'NOPE' in incidents\n"


def test_close_ids_whatever_the_case_and_at_most_three():
    # 'ab-1' is 'AB-1' whatever the case (ratio 1); 'ab-2' shares 'ab-', 2 x 3 / 8 = 0.75, too far behind
    assert close_ids("ab-1", ["AB-1", "ab-2", "XY-9"]) == ["AB-1"]
    assert close_ids("ab-3", ["AB-1", "ab-2", "XY-9"]) == ["AB-1", "ab-2"]  # 0.75 each, 'xy-9' 2 x 1 / 8 = 0.25
    assert close_ids("2025", [f"X-2025-{n}" for n in range(5)]) == ["X-2025-0", "X-2025-1", "X-2025-2"]
    assert close_ids("A", []) == []


@pytest.mark.parametrize(("incident", "why"), [
    ("BK-2025-10-CARDS", "risk 'risk' is not high and the authority has not required it"),
    ("PC-2025-10-BUCKET", "the controller, not the processor, informs the people concerned"),
    ("CHVE-2025-09-BACKUP", "exemption claimed under GDPR Art. 34(3)(a): the data were unintelligible to anyone not "
                            "authorised (encryption)"),
])
def test_a_letter_to_people_the_law_does_not_ask_for_is_drafted_with_a_warning(tmp_path, incident, why):
    output = tmp_path / "letter.md"
    result = run_cli("draft", incident, "--to", "subjects", "--as-of", AS_OF, "--output", str(output))
    assert result.returncode == 0
    assert result.stderr == (f"breachtrack: warning: according to the register, the people concerned by {incident} "
                             f"do not have to be informed (Art. 34): {why}; the draft is written all the same\n")
    letter = output.read_text(encoding="utf-8")
    assert "> **Note:** according to the register, the people concerned do not have to be informed\n" in letter
    assert f"> (Art. 34): {why}.\n" in letter.replace("\\'", "'")  # the reason, as Markdown text
    french = run_cli("draft", incident, "--to", "subjects", "--lang", "fr", "--as-of", AS_OF)
    assert "> **Remarque :** d'après le registre, les personnes concernées n'ont pas à être informées\n" in french.stdout


@pytest.mark.parametrize(("incident", "french"), [
    ("BK-2025-10-CARDS", "> (art. 34.1) : le risque pour leurs droits et libertés n'est pas élevé."),
    ("PC-2025-10-BUCKET", "> (art. 34.1) : c'est le responsable du traitement, et non le sous-traitant, qui les informe."),
    ("CHVE-2025-09-BACKUP", "> (art. 34.3) : exception de l'art. 34.3.a, les données étaient incompréhensibles "
                            "(chiffrées)."),
])
def test_the_french_letter_says_why_in_french(incident, french):
    result = run_cli("draft", incident, "--to", "subjects", "--lang", "fr", "--as-of", AS_OF)
    assert french in result.stdout


def test_a_letter_the_law_asks_for_has_no_warning_and_the_authority_draft_warns_alike():
    letter = run_cli("draft", "CT-2026-11-PHISHING", "--to", "subjects", "--as-of", AS_OF)
    assert letter.returncode == 0 and letter.stderr == "" and "**Note:**" not in letter.stdout
    notice = run_cli("draft", "MX-2025-12-LAPTOP", "--to", "authority", "--as-of", AS_OF)
    assert notice.returncode == 0 and notice.stdout.startswith("# Personal data breach notification")
    assert notice.stderr.startswith("breachtrack: warning: according to the register, MX-2025-12-LAPTOP does not "
                                    "have to be notified to the authority (Art. 33): the breach is unlikely")
