"""The command line in French: ``--lang fr`` and ``language = "fr"`` in breachtrack.toml make
every command speak French, errors included, at FILE:LINE:COLUMN; the option beats the
setting; JSON stays English whatever the language. The French is written here by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import AS_OF, ROOT, run_cli
from typer.testing import CliRunner

from breachtrack import i18n
from breachtrack.cli import app

BAD = ("id: A-1\n"
       "title: Test\n"
       "aware_at: 2026-11-23T09:30\n"
       "risk: hgh\n"  # line 4: the value starts at column 7, after 'risk: '
       "risque: x\n")  # line 5: the key at column 1


def _register(tmp_path: Path, setting: str | None, incident: str = BAD) -> Path:
    folder = tmp_path / "incidents"
    folder.mkdir()
    if setting is not None:
        (folder / "breachtrack.toml").write_text(setting, encoding="utf-8")
    (folder / "a.yaml").write_text(incident, encoding="utf-8")
    return folder


FRENCH_ERRORS = [
    "incidents/a.yaml:4:7: risk : « hgh » n'est pas une valeur admise : choisissez unlikely, risk ou high",
    "incidents/a.yaml:5:1: champ inconnu « risque » : vous vouliez dire « risk » ?",
]


def test_a_bad_file_in_french_with_the_setting(tmp_path):
    _register(tmp_path, 'language = "fr"\n')
    result = run_cli("validate", "incidents", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines() == [*FRENCH_ERRORS, "0 fichier d'incident valide, 1 fichier invalide"]


def test_a_bad_file_in_french_with_the_option(tmp_path):
    _register(tmp_path, None)
    result = run_cli("validate", "incidents", "--lang", "fr", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines()[:2] == FRENCH_ERRORS
    # check reports the same errors on standard error, in French too
    check = run_cli("check", "incidents", "--lang", "fr", "--as-of", AS_OF, cwd=tmp_path)
    assert check.returncode == 2
    assert all(line in check.stdout + check.stderr for line in FRENCH_ERRORS)


def test_the_option_beats_the_setting(tmp_path):
    _register(tmp_path, 'language = "fr"\n')
    result = run_cli("validate", "incidents", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        "incidents/a.yaml:4:7: risk: 'hgh' is not a valid value: expected unlikely, risk or high",
        "incidents/a.yaml:5:1: unknown field 'risque': did you mean 'risk'?",
        "0 valid incident files, 1 invalid file",
    ]


def test_a_wrong_language_setting_is_an_error_at_its_place(tmp_path):
    _register(tmp_path, 'timezone = "Europe/Paris"\nlanguage = "de"\n', incident=BAD.replace("hgh", "high")
              .replace("risque: x\n", ""))
    result = run_cli("validate", "incidents", "--lang", "fr", cwd=tmp_path)
    assert result.returncode == 2
    # line 2, the value after 'language = ' (11 characters): column 12
    assert result.stdout.splitlines() == [
        "incidents/breachtrack.toml:2:12: language : « de » ne fait pas partie des choix : en ou fr",
        "1 fichier d'incident valide, 1 fichier invalide",
    ]


def test_an_unknown_id_gets_vous_vouliez_dire(tmp_path):
    result = run_cli("show", "FT-2024-3", "--lang", "fr")
    assert result.returncode == 2
    assert result.stderr == ("breachtrack: aucun incident d'id « FT-2024-3 » dans incidents : "
                             "vous vouliez dire « FT-2024-03 » ?\n")


def test_a_usage_error_in_french():
    result = run_cli("stats", "--lang", "fr", "--from", "2026-12-01", "--to", "2026-01-01")
    assert result.returncode == 2
    assert result.stderr == ("breachtrack: --from 2026-12-01 est postérieur à --to 2026-01-01 : aucun jour ne peut "
                             "tomber entre les deux\n")


def test_new_asks_in_french(tmp_path):
    folder = tmp_path / "incidents"
    folder.mkdir()
    (folder / "breachtrack.toml").write_text('language = "fr"\ntimezone = "Europe/Paris"\n', encoding="utf-8")
    # the title, the organisation (Enter: none), the cause (Enter: unknown), the awareness (12/07/2025 is
    # refused with both readings), the detection (Enter: the same time), the risk, the description
    answers = "Rançongiciel\n\n\n12/07/2025 10:00\n2025-07-12T10:00\n\nHigh\n\n"
    result = subprocess.run([sys.executable, "-m", "breachtrack", "new", str(folder)], cwd=ROOT, input=answers,
                            env={**os.environ, "NO_COLOR": "1"}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "Titre (une ligne) : Organisme, le responsable du traitement (Entrée pour passer) : "
        "Cause (malicious : malveillante / accidental : accidentelle / unknown : inconnue) [unknown] : "
        "Prise de connaissance de la violation, date et heure (Europe/Paris) [")
    assert result.stderr == ("Prise de connaissance de la violation : « 12/07/2025 10:00 » peut être le 12 juillet "
                             "2025 (jour d'abord) ou le 7 décembre 2025 (mois d'abord) : écrivez 2025-07-12T10:00 ou "
                             "2025-12-07T10:00\n")
    assert "Risque pour les personnes (unlikely : improbable / risk : risque / high : élevé) : " in result.stdout
    assert result.stdout.endswith("écrit (id 2025-07-RANCONGICIEL) ; enregistrez-y chaque étape au fur et à "
                                  "mesure.\n")
    written = (folder / "2025-07-rancongiciel.yaml").read_text(encoding="utf-8")  # its comments in French too
    assert "\n# subjects: 1000                 # nombre approximatif de personnes concernées\n" in written
    assert "\n# --- Calendrier des mesures correctives ---" in written


def _json(*args: str) -> str:
    result = run_cli(*args, "--as-of", AS_OF)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def test_json_stays_english_under_french(tmp_path):
    for command in (("check", "--format", "json"), ("report", "--format", "json"), ("stats", "--format", "json")):
        english = _json(*command, "--lang", "en")
        assert _json(*command, "--lang", "fr") == english, command
    checked = json.loads(_json("check", "--format", "json", "--lang", "fr"))
    titles = {obligation["title"] for incident in checked["incidents"] for obligation in incident["obligations"]}
    assert "Notify the supervisory authority (CNIL)" in titles  # the rules' words, in English


def test_check_writes_english_json_and_lists_in_french(tmp_path):
    output = tmp_path / "report.json"
    english = _json("check", "--format", "json", "--lang", "en")
    result = run_cli("check", "--format", "json", "--output", str(output), "--lang", "fr", "--as-of", AS_OF)
    assert output.read_text(encoding="utf-8") == english
    # the listing for people, in French: the astreinte accrued on the sample, 60,000 EUR in English
    assert "60\u202f000\u00a0€" in result.stdout and "60,000 EUR" not in result.stdout


def test_a_run_in_process_leaves_the_language_as_it_was(tmp_path):
    _register(tmp_path, 'language = "fr"\n')
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "incidents")])
    assert "champ inconnu" in result.output
    assert i18n.language() == "en"
