"""Nothing a pull request writes in an incident file or its name can forge or hide output:
no new line, heading, list item, raw HTML or CI workflow command, no terminal escape, and
JUnit and iCalendar files that still parse. Fixed hostile files through the real CLI, then
generated strings through every format in-process (hypothesis, fixed seed)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from typer.testing import CliRunner

from breachtrack.cli import UsageError, app
from breachtrack.safetext import code, file_name, markdown, plain, spreadsheet_cell
from conftest import run_cli

AS_OF = "2026-11-23T12:00"
FORGED_COMMAND = re.compile(r"^\s*::|##(vso)?\[", re.MULTILINE)
FOLDED_BLOCK = re.compile(r"^(<details><summary>\d+ obligations? (do(es)? not apply|sans objet)</summary>|</details>)$",
                          re.MULTILINE)
"""The only lines of raw HTML in the Markdown report, in English or French: no value from a file is in them."""
TERMINAL_CONTROL = re.compile("[\x1b\x9b\x07\x00\u202e]")

PIECES = [
    "\n", "\r", "\r\n", "\x1b[31m", "\x9b2J", "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x1b]52;c;Y2xpcA==\x07", "\x85", "\u2028", "\u202e", "\ufeff", "\x00", "\x7f", "[/]", "[link=https://x]", "[bold]",
    "::error file=a,line=1::forged", "::stop-commands::tok", "##[error]forged", "##vso[task.complete]", "<details>",
    "</table>", "<!--", "`", "``", "|", "# ", "- ", "1. ", "> ", "*", "_", "&amp;", "\\", "%0A", ":", ",", "x",
]


def hostile_incident(value: str) -> str:
    """An incident whose every text field holds ``value`` (JSON escapes: valid YAML), and the
    register's content with ``value`` after a formula's first character."""
    text = json.dumps(value)
    formula = json.dumps("=" + value)
    return f"""\
id: HOSTILE-1
title: {text}
organisation: {text}
measures_taken: {formula}
measures_planned: {json.dumps("@" + value)}
lead_authority: {json.dumps("-" + value)}
dpo: {{name: {formula}, email: {text}, phone: {json.dumps("+" + value)}}}
risk_assessment: {{reasoning: {text}, assessed_by: {json.dumps(chr(9) + "=" + value)}}}
aware_at: 2026-11-20T10:00
risk: high
turnover_eur: 300000000
description: {text}
consequences: {text}
authority_notice:
  authority: {text}
  reference: {text}
complaint:
  waived: {text}
sanction:
  authority: {text}
  reference: {text}
  notified_on: 2026-11-21
  injunctions:
    - id: order
      title: {text}
      astreinte_eur_per_day: 100
      measures: [fix]
remediation:
  - id: fix
    title: {text}
    due: 2026-11-22
    evidence: {text}
"""


def assert_safe(output: str, kind: str) -> None:
    assert not TERMINAL_CONTROL.search(output), (kind, output)
    if kind == "github":
        commands = [line for line in output.splitlines() if line.lstrip().startswith("::")]
        assert all(re.match(r"::(error|warning) (file=[^:]*,line=\d+,col=\d+,title=[^:]*|title=breachtrack gate off)::",
                            c) for c in commands)
        assert "##[" not in output and "##vso[" not in output
    else:
        assert not FORGED_COMMAND.search(output), (kind, output)
    if kind == "junit":
        ET.fromstring(output.encode("utf-8"))
    if kind == "ical":
        Calendar.from_ical(output)
    if kind == "md":
        for line in output.splitlines():
            assert re.match(r"(# Breach register|## Invalid files|## Needs action$|## Summary$|## (HOSTILE-1|NAMED|GROUP-1): |"
                            r"Entities concerned: |Entités concernées : |"
                            r"### |\| |- `+|File `+|\*\*Penalty|Exposure is not|Fine ceilings, |"
                            r"- (GDPR|NIS2|UK GDPR|CRA) Art\. |Nothing overdue or due within |"
                            # the same lines in French
                            r"# Registre des violations|## Fichiers invalides|## À traiter$|## Synthèse$|Fichier `+|"
                            r"\*\*Sanctions encourues|Ces montants ne sont pas|Plafonds de l'amende|"
                            r"- (RGPD|NIS 2|RGPD britannique|CRA) art\. |Rien en retard ni à échéance |$)", line) or \
                FOLDED_BLOCK.fullmatch(line), line
        # no raw HTML but our line breaks and the folded blocks' own lines
        assert not re.search(r"(?<!\\)<(?!br>)", FOLDED_BLOCK.sub("", output))
    if kind == "stats-md":
        for line in output.splitlines():
            assert re.match(r"(# Breach statistics|Period: |As of |\*\*\d+ invalid files? |#{2,3} |\| |An incident counts |"
                            r"On time: |Percentiles by |\d+ (incidents? (was|were|has|have) |overdue )|Accrued: |"
                            r"Exposure is not|No notification duty |No incident |"
                            # the same lines in French
                            r"# Statistiques des violations|Période : |Situation au |\*\*\d+ fichiers? invalides? |"
                            r"Un incident compte |Dans les délais : |Centiles par |\d+ (incidents? n'(a|ont) |en retard )|"
                            r"Échue : |Ces montants ne sont pas|Aucune obligation de notification |Aucun incident |$)",
                            line), line
        assert not re.search(r"(?<!\\)<(?!br>)", output)  # no raw HTML but our line breaks
    if kind == "csv":
        cells = [cell for row in csv.reader(io.StringIO(output.removeprefix("\ufeff"), newline="")) for cell in row]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]  # no formula
    if kind == "html":
        assert "<details>" not in output and "<!--" not in output  # values are text, not markup
    if kind == "json":
        json.loads(output)
    if kind == "csv":
        for row in csv.reader(io.StringIO(output.removeprefix("\ufeff"), newline="")):
            assert not [cell for cell in row if cell.lstrip(" ").startswith(FORMULA)], row


FORMULA = ("=", "+", "-", "@", "\t", "\r")


def assert_safe_workbook(path: Path) -> None:
    """No cell of the workbook is a formula, or a text a spreadsheet would read as one."""
    import openpyxl

    for sheet in openpyxl.load_workbook(path):
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                assert not (isinstance(cell.value, str) and cell.value.lstrip(" ").startswith(FORMULA)), cell.value


FORMATS = [
    ("text", ["check", "--format", "text"]), ("json", ["check", "--format", "json"]),
    ("github", ["check", "--format", "github"]), ("junit", ["check", "--format", "junit"]),
    ("json", ["check", "--format", "gitlab"]), ("md", ["report", "--format", "md"]),
    ("json", ["report", "--format", "json"]), ("html", ["report", "--format", "html"]),
    ("ical", ["calendar", "--include-done"]), ("text", ["validate"]), ("stats-md", ["stats", "--format", "md"]),
    ("json", ["stats", "--format", "json"]), ("csv", ["stats", "--format", "csv"]), ("html", ["stats", "--format", "html"]),
    ("csv", ["export", "--format", "csv"]), ("csv", ["export", "--format", "csv", "--what", "obligations"]),
]


def test_the_layer_escapes_what_would_start_a_line_or_a_command():
    assert plain('high\n::stop-commands::x') == "high\\n::stop-commands::x"
    assert plain("\x1b[31mred\x1b[0m \x9b \u202eevil") == "\\x1b[31mred\\x1b[0m \\x9b \\u202eevil"
    assert plain("  ::warning::x") == "  :\\:warning::x"
    assert plain("a ##[error]b ##vso[x]") == "a ##\\[error]b ##vso\\[x]"
    assert file_name("::error::x.yaml") == "./::error::x.yaml"
    assert file_name("bad\udcff.yaml") == "bad\\xff.yaml"  # a byte that is not UTF-8, as os.fsdecode keeps it
    assert markdown("# <details> | x\ny") == "\\# \\<details\\> \\| x y"
    assert markdown("- item") == "\\- item" and markdown("12. item") == "12\\. item"
    assert code("a`b") == "``a`b``" and code("`x") == "`` `x ``"
    for formula in ("=1+1", "+33 1", "-2", "@SUM(A1)", "\t=1", "\r=1", "  =cmd|' /C calc'!A0"):
        assert spreadsheet_cell(formula).startswith("'"), formula
    assert spreadsheet_cell("a\n=1\r\n::error::x") == "a =1 ::error::x"  # one line, nothing at a line's start
    assert spreadsheet_cell("\x1b[31m Zoé ##[x]") == "\\x1b[31m Zoé ##\\[x]"


def _hostile_register(register: Path) -> None:
    """Every value hostile, a hostile file name, and an invalid file quoting a hostile value."""
    register.mkdir()
    value = "".join(PIECES)
    (register / "hostile.yaml").write_text(hostile_incident(value), encoding="utf-8")
    (register / "::error file=x::forged name.yaml").write_text("id: NAMED\ntitle: t\naware_at: 2026-11-20T10:00\nrisk: high\n")
    (register / "broken.yaml").write_text(f"id: BROKEN\ntitle: t\naware_at: 2026-11-20T10:00\nrisk: {json.dumps(value)}\n")
    # a group register: entity names as hostile as their pattern lets them be (a list's start, emphasis)
    (register / "breachtrack.toml").write_text(f"entity = {json.dumps(HOSTILE_ENTITIES[0])}\n")
    (register / "sub").mkdir()
    (register / "sub" / "breachtrack.toml").write_text(f"entity = {json.dumps(HOSTILE_ENTITIES[1])}\n")
    (register / "group.yaml").write_text(f"id: GROUP-1\ntitle: t\naware_at: 2026-11-20T10:00\nrisk: high\n"
                                         f"entities: [{json.dumps(HOSTILE_ENTITIES[1])}]\n")


HOSTILE_ENTITIES = ("A_b_c-1.Evil_x_y", "0.Sub_z_y.")


def test_a_hostile_register_through_every_command_of_the_real_cli(tmp_path):
    register = tmp_path / "register"
    _hostile_register(register)
    for kind, arguments in FORMATS:
        result = run_cli(*arguments, str(register), *([] if arguments[0] == "validate" else ["--as-of", AS_OF]))
        assert result.returncode == 2 and "internal error" not in result.stderr, (arguments, result.stderr)
        assert_safe(result.stdout, kind)
        assert_safe(result.stderr, "text")
    for arguments in (["show", "HOSTILE-1"], ["draft", "HOSTILE-1", "--to", "authority"],
                      ["draft", "HOSTILE-1", "--to", "subjects", "--lang", "fr"], ["show", "BROKEN"]):
        result = run_cli(*arguments, "--register", str(register), "--as-of", AS_OF)
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        assert_safe(result.stdout, "text")
        assert_safe(result.stderr, "text")
    workbook = tmp_path / "register.xlsx"
    result = run_cli("export", str(register), "--format", "xlsx", "--output", str(workbook), "--as-of", AS_OF)
    assert result.returncode == 2 and "internal error" not in result.stderr, result.stderr
    assert_safe_workbook(workbook)
    for name in HOSTILE_ENTITIES:  # one entity's share, and its name through the listing and the summary lines
        for kind, arguments in (("text", ["check"]), ("md", ["report"]), ("json", ["report", "--format", "json"])):
            result = run_cli(*arguments, str(register), "--as-of", AS_OF, "--entity", name)
            assert result.returncode == 2 and "internal error" not in result.stderr, (arguments, result.stderr)
            assert_safe(result.stdout, kind)
    report = json.loads(run_cli("report", str(register), "--as-of", AS_OF, "--format", "json").stdout)
    assert list(report["summary"]["by_entity"]) == list(HOSTILE_ENTITIES)  # exact in JSON
    shown = run_cli("show", "HOSTILE-1", "--register", str(register), "--as-of", AS_OF, env={"TERM": "xterm"})
    assert "[/][link=https://x][bold]" in shown.stdout  # rich markup in a value prints as the text it is


def test_a_hostile_register_through_every_people_format_in_french(tmp_path):
    """The same register, each format that people read rendered in French in-process (the CLI's
    run above is English): French labels around the values change nothing of their safety."""
    from french_outputs import french_outputs, french_workbook

    register = tmp_path / "register"
    _hostile_register(register)
    outputs = french_outputs(register, AS_OF)
    assert {name for name, _kind, _output in outputs} >= {"check", "report md", "stats md", "show HOSTILE-1"}
    for _name, kind, output in outputs:
        assert_safe(output, kind)
    assert any("Registre des violations" in output for _name, _kind, output in outputs)  # French indeed
    workbook = tmp_path / "register.fr.xlsx"
    workbook.write_bytes(french_workbook(register, AS_OF))
    assert_safe_workbook(workbook)


def test_an_error_message_quotes_a_value_without_starting_a_line(tmp_path):
    (tmp_path / "breachtrack.toml").write_text("")
    (tmp_path / "a.yaml").write_text('id: A\ntitle: t\naware_at: 2026-11-20T10:00\nrisk: "high\\n::stop-commands::x"\n')
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 2
    assert "'high\\n::stop-commands::x' is not a valid value" in result.stdout
    assert not FORGED_COMMAND.search(result.stdout)


@settings(max_examples=25, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(value=st.lists(st.sampled_from(PIECES) | st.text(max_size=3), min_size=1, max_size=8).map("".join))
def test_generated_values_through_every_format(tmp_path, value):
    register = tmp_path / "generated"
    register.mkdir(exist_ok=True)
    (register / "breachtrack.toml").write_text("")
    path = register / "hostile.yaml"
    path.write_text(hostile_incident(value), encoding="utf-8")
    runner = CliRunner()
    for kind, arguments in FORMATS:
        as_of = [] if arguments[0] == "validate" else ["--as-of", AS_OF]
        result = runner.invoke(app, [*arguments, str(register), *as_of])
        assert result.exception is None or isinstance(result.exception, SystemExit), (arguments, result.exception)
        assert result.exit_code in (0, 1, 2)
        assert_safe(result.stdout, kind)
    for arguments in (["show", "HOSTILE-1"], ["draft", "HOSTILE-1", "--to", "authority"]):
        result = runner.invoke(app, [*arguments, "--register", str(register), "--as-of", AS_OF])
        assert result.exception is None or isinstance(result.exception, SystemExit | UsageError), result.exception
        assert_safe(result.stdout, "text")


@pytest.mark.parametrize("environment", [{"TERM": "dumb"}, {"NO_COLOR": "1"}])
def test_no_colour_for_a_dumb_terminal_or_no_color(environment):
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "TERM")}
    process = subprocess.run([sys.executable, "-m", "breachtrack", "check", "incidents", "--as-of", AS_OF],
                             stdout=follower, stderr=subprocess.PIPE, env={**env, **environment},
                             cwd=Path(__file__).resolve().parent.parent, timeout=60)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.returncode == 1 and b"CT-2026-11-PHISHING" in output and b"\x1b[" not in output


def test_show_never_wraps_a_value_onto_a_line_of_its_own(tmp_path):
    (tmp_path / "breachtrack.toml").write_text("")
    title = "x " * 77 + "::error file=a.yaml,line=1,title=Forged::FORGED"
    (tmp_path / "a.yaml").write_text(f"id: A-1\ntitle: {json.dumps(title)}\norganisation: {json.dumps(title)}\n"
                                     "aware_at: 2025-01-01T10:00\nrisk: high\n")
    result = run_cli("show", "A-1", "--register", str(tmp_path), "--as-of", AS_OF)
    assert result.returncode == 0 and "FORGED" in result.stdout
    assert_safe(result.stdout, "text")


@pytest.mark.parametrize("padding", range(0, 80, 7))
def test_a_folded_calendar_line_never_starts_a_workflow_command(tmp_path, padding):
    (tmp_path / "breachtrack.toml").write_text("")
    title = "y" * padding + "::error::FORGED ##[error]x"
    (tmp_path / "a.yaml").write_text(f"id: A-1\ntitle: t\naware_at: 2026-11-20T10:00\nrisk: unlikely\n"
                                     f"remediation: [{{id: m, title: {json.dumps(title)}, due: 2026-12-31}}]\n")
    result = run_cli("calendar", str(tmp_path), "--as-of", AS_OF)
    assert result.returncode == 0 and "FORGED" in result.stdout.replace("\r\n ", "")
    assert_safe(result.stdout, "ical")


def test_a_gate_turned_off_by_the_settings_says_so_in_every_listing(tmp_path):
    (tmp_path / "breachtrack.toml").write_text('fail_on = "none"\n')
    (tmp_path / "a.yaml").write_text("id: A-1\ntitle: t\naware_at: 2026-11-20T10:00\nrisk: high\n")
    text = run_cli("check", str(tmp_path), "--as-of", AS_OF)
    assert text.returncode == 0 and "fail_on is none (in breachtrack.toml or --fail-on)" in text.stdout
    github = run_cli("check", str(tmp_path), "--as-of", AS_OF, "--format", "github")
    assert "::warning title=breachtrack gate off::fail_on is none" in github.stdout


HOSTILE_PERSON = "Eve \x1b[31m::error file=a::forged ##[error]x <details> | \u202e \xc2\x9b"
HOSTILE_SUBJECT = "::error file=x::forged subject \x1b[2J ##vso[task.complete] | <script> `"


def _hostile_commit(repo: Path, parent: str | None, seconds: int) -> str:
    """A commit object written byte for byte: an author, a committer and a message no `git commit`
    would let through (escapes, workflow commands, a byte that is not UTF-8)."""
    import subprocess

    from gitrepo import git, git_environment

    tree = git(repo, "write-tree")
    person = HOSTILE_PERSON.encode("utf-8").replace(b"\xc3\x82\xc2\x9b", b"\xff\x9b")
    lines = [b"tree " + tree.encode(), *([b"parent " + parent.encode()] if parent else []),
             b"author " + person + b" <e\x1b]8;;x\x07@evil> " + str(seconds).encode() + b" +0200",
             b"committer " + person + b" <::error::c@evil> " + str(seconds).encode() + b" +0200", b"",
             HOSTILE_SUBJECT.encode("utf-8"), b"", b"::error::second line", b""]
    made = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--literally", "--stdin"], cwd=repo,
                          input=b"\n".join(lines), capture_output=True, env=git_environment(), check=True)
    commit = made.stdout.decode().strip()
    git(repo, "update-ref", "HEAD", commit)
    return commit


def _assert_history_markdown_safe(output: str) -> None:
    assert not TERMINAL_CONTROL.search(output) and not FORGED_COMMAND.search(output), output
    for line in output.splitlines():
        assert re.match(r"(# History of |File |Times of commits |\*\*|## |- `|\| |Nothing flagged|$)", line), line
    assert not re.search(r"(?<!\\)<(?!br>)", output)


def test_hostile_commits_and_file_names_cannot_forge_the_history_or_the_evidence(tmp_path):
    import shutil
    import zipfile

    from gitrepo import git, new_repository

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = new_repository(tmp_path / "repo")
    register = repo / "incidents"
    register.mkdir()
    (register / "breachtrack.toml").write_text("")
    file = register / "::error file=x::forged name.yaml"
    value = "".join(PIECES)
    file.write_text(hostile_incident(value).replace("aware_at: 2026-11-20T10:00", "aware_at: 2026-11-10T10:00"),
                    encoding="utf-8")
    git(repo, "add", "-A")
    first = _hostile_commit(repo, None, 1_794_301_200)  # 10 November 2026 09:00 UTC: 20,767 days and 9 h after 1970
    file.write_text(hostile_incident(value) + "authority_notice_extra: [\n", encoding="utf-8")
    git(repo, "add", "-A")
    second = _hostile_commit(repo, first, 1_795_510_800)  # 14 days (1,209,600 s) later: the YAML is broken
    file.write_text(hostile_incident(value), encoding="utf-8")  # aware_at moved later, not committed yet
    outputs = {}
    for kind in ("text", "md", "json"):
        result = run_cli("history", "HOSTILE-1", "--register", "incidents", "--format", kind, cwd=repo)
        assert result.returncode == 0 and not result.stderr, result.stderr
        outputs[kind] = result.stdout
    assert_safe(outputs["text"], "text")
    assert HOSTILE_SUBJECT.split("\x1b")[0][2:] in outputs["text"]  # the message is shown, made harmless
    _assert_history_markdown_safe(outputs["md"])
    assert_safe(outputs["json"], "json")
    document = json.loads(outputs["json"])
    assert [v["commit"]["id"] if v["commit"] else None for v in document["versions"]] == [first, second, None]
    assert document["versions"][0]["commit"]["author"]["name"] == "Eve \x1b[31m::error file=a::forged ##[error]x"
    assert document["versions"][0]["commit"]["subject"] == HOSTILE_SUBJECT
    report = run_cli("report", "incidents", "--format", "json", "--history", "--as-of", AS_OF, cwd=repo)
    assert report.returncode == 0, report.stderr
    assert_safe(report.stdout, "json")
    evidence = run_cli("evidence", "HOSTILE-1", "--register", "incidents", "--output", str(tmp_path / "e.zip"),
                       "--as-of", AS_OF, cwd=repo)
    assert evidence.returncode == 0, evidence.stderr
    assert_safe(evidence.stdout, "text")
    assert_safe(evidence.stderr, "text")
    with zipfile.ZipFile(tmp_path / "e.zip") as archive:
        assert archive.namelist()[2] == "incident/__error_file_x__forged_name.yaml"
        _assert_history_markdown_safe(archive.read("history.md").decode())
        assert_safe(archive.read("history.json").decode(), "json")
        assert_safe(archive.read("MANIFEST.json").decode(), "json")
        assert_safe(archive.read("report.md").decode(), "md")


def test_a_suggested_id_and_a_draft_warning_quote_hostile_values_safely(tmp_path):
    value = "".join(PIECES)
    (tmp_path / "breachtrack.toml").write_text("")
    (tmp_path / "a.yaml").write_text(f"id: {json.dumps('HOSTILE' + value)}\ntitle: t\n")  # invalid: its id is offered
    exempt = hostile_incident(value).replace("id: HOSTILE-1", "id: EXEMPT") + (
        f"subject_notice:\n  exempted_by_authority: encrypted\n  decision: {json.dumps(value)}\n")
    (tmp_path / "b.yaml").write_text(exempt, encoding="utf-8")
    unknown = run_cli("show", "HOSTILE", "--register", str(tmp_path))
    assert unknown.returncode == 2 and "did you mean 'HOSTILE" in unknown.stderr
    assert_safe(unknown.stderr, "text")
    letter = run_cli("draft", "EXEMPT", "--to", "subjects", "--register", str(tmp_path), "--as-of", AS_OF)
    assert letter.returncode == 0 and "breachtrack: warning: " in letter.stderr, letter.stderr
    assert len(letter.stderr.splitlines()) == 1  # the decision's line breaks are written out
    assert_safe(letter.stderr, "text")
    assert_safe(letter.stdout, "text")
