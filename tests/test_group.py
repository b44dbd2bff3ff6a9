"""One register for a group (issue 15, point 4), through the real entry point: each entity's
folder has its breachtrack.toml, an incident is judged once per entity it concerns with that
entity's settings, and check, report, export and stats group by entity and take --entity."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import ROOT, run_cli

SAMPLE = ROOT / "incidents-group"
ENTITIES = ["Acme Group SA", "Acme US Inc.", "Acme Brasil Ltda."]
AS_OF = "2026-05-01T12:00"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def group(tmp_path: Path) -> Path:
    """A parent in Paris (gdpr, fr) and a subsidiary in New York that the GDPR binds too (so that
    its clocks run on this branch, whatever the US rules say), each with one incident; the
    parent's second incident concerns both."""
    root = tmp_path / "group"
    write(root / "breachtrack.toml", 'entity = "Parent SA"\nregimes = ["gdpr", "fr"]\ntimezone = "Europe/Paris"\n')
    write(root / "sub" / "breachtrack.toml",
          'entity = "Sub Inc."\nregimes = ["gdpr"]\ntimezone = "America/New_York"\nauthority = "BfDI"\n')
    # the parent's own: notified in time, people informed late (overdue as of 20 March)
    write(root / "parent.yaml", """\
id: P-1
title: Parent only
aware_at: 2026-03-02T10:00
risk: high
cause: accidental
authority_notice: {submitted_at: 2026-03-03T10:00}
""")
    # both: the parent's folder, listing the subsidiary
    write(root / "shared.yaml", """\
id: SHARED-1
title: Shared platform
aware_at: 2026-03-10T09:00
risk: risk
cause: accidental
entities: [Sub Inc.]
authority_notice: {submitted_at: 2026-03-11T09:00}
""")
    # the subsidiary's own, all done
    write(root / "sub" / "sub.yaml", """\
id: S-1
title: Subsidiary only
aware_at: 2026-03-16T09:00
risk: risk
cause: accidental
authority_notice: {submitted_at: 2026-03-16T12:00}
""")
    return root


def report_json(*arguments: str) -> dict:
    result = run_cli("report", *arguments, "--format", "json", "--as-of", "2026-03-20T12:00")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_sample_group_register_is_valid_and_counts_per_entity():
    assert run_cli("validate", str(SAMPLE)).returncode == 0
    result = run_cli("check", str(SAMPLE), "--as-of", AS_OF)
    assert result.returncode in (0, 1), result.stderr
    summary_lines = result.stdout.splitlines()[-3:]
    assert [line.split(": ", 1)[0] for line in summary_lines] == ENTITIES
    document = json.loads(run_cli("report", str(SAMPLE), "--as-of", AS_OF, "--format", "json").stdout)
    assert list(document["summary"]["by_entity"]) == ENTITIES
    shared = next(i for i in document["incidents"] if i["id"] == "ACME-2026-03-HR-RANSOMWARE")
    assert shared["entities"] == ENTITIES
    gdpr = [o for o in shared["obligations"] if o["id"].startswith(("gdpr.", "fr."))]
    assert gdpr and {o["entity"] for o in gdpr} == {"Acme Group SA"}  # the GDPR binds the parent alone here
    assert {o["entity"] for o in shared["obligations"]} <= set(ENTITIES)
    brazil = next(i for i in document["incidents"] if i["id"] == "ACMEBR-2026-04-PAYROLL")
    assert brazil["entities"] == ["Acme Brasil Ltda."] and brazil["timezone"] == "America/Sao_Paulo"


def test_one_file_of_the_group_is_read_with_the_whole_group_as_a_pre_commit_hook_gives_it():
    result = run_cli("validate", str(SAMPLE / "2026-03-hr-platform-ransomware.yaml"), str(SAMPLE / "us"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_each_entity_gets_its_own_clocks_zone_and_authority(tmp_path):
    document = report_json(str(group(tmp_path)))
    shared = next(i for i in document["incidents"] if i["id"] == "SHARED-1")
    assert shared["entities"] == ["Parent SA", "Sub Inc."]
    notify = {o["entity"]: o for o in shared["obligations"] if o["id"] == "gdpr.art33.notify_authority"}
    # aware 10 March 09:00 Paris (08:00 UTC) + 72 h = 13 March 08:00 UTC: 09:00 in Paris (CET),
    # 04:00 in New York (EDT from 8 March)
    assert notify["Parent SA"]["due"] == "2026-03-13T09:00:00+01:00"
    assert notify["Sub Inc."]["due"] == "2026-03-13T04:00:00-04:00"
    assert notify["Parent SA"]["title"] == "Notify the supervisory authority (CNIL)"
    assert notify["Sub Inc."]["title"] == "Notify the supervisory authority (BfDI)"  # authority in its toml
    assert [o["id"] for o in shared["obligations"] if o["entity"] == "Sub Inc." and o["id"].startswith("fr.")] == []
    own = next(i for i in document["incidents"] if i["id"] == "S-1")  # nearest breachtrack.toml: sub's
    assert own["timezone"] == "America/New_York" and own["entities"] == ["Sub Inc."]


def test_the_summary_counts_per_entity_in_json_and_in_the_listing(tmp_path):
    root = group(tmp_path)
    summary = report_json(str(root))["summary"]
    # P-1: notified (done), people not informed by 5 March 10:00 (overdue); SHARED-1 for each of
    # the two: notified (done), risk not high (not applicable); S-1: notified (done)
    assert summary["incidents"] == 3
    assert summary["by_entity"]["Parent SA"]["incidents"] == 2
    assert summary["by_entity"]["Sub Inc."]["incidents"] == 2
    assert summary["by_entity"]["Parent SA"]["overdue"] == 1 and summary["by_entity"]["Parent SA"]["done"] == 2
    assert summary["by_entity"]["Sub Inc."]["overdue"] == 0 and summary["by_entity"]["Sub Inc."]["done"] == 2
    listing = run_cli("check", str(root), "--as-of", "2026-03-20T12:00")
    assert listing.returncode == 1
    assert "Parent SA: 2 incidents, 1 overdue, 0 late, 0 pending, 2 done" in listing.stdout
    assert "Sub Inc.: 2 incidents, 0 overdue, 0 late, 0 pending, 2 done" in listing.stdout
    assert "Entity" in listing.stdout.splitlines()[2]


def test_entity_keeps_its_incidents_and_obligations_and_the_gate_counts_only_those(tmp_path):
    root = group(tmp_path)
    sub = run_cli("check", str(root), "--as-of", "2026-03-20T12:00", "--entity", "Sub Inc.")
    assert sub.returncode == 0, sub.stdout  # the parent's overdue duty is not the subsidiary's
    assert "2 incidents: 0 overdue" in sub.stdout
    parent = run_cli("check", str(root), "--as-of", "2026-03-20T12:00", "--entity", "Parent SA")
    assert parent.returncode == 1
    document = report_json(str(root), "--entity", "Sub Inc.")
    assert [i["id"] for i in document["incidents"]] == ["SHARED-1", "S-1"]
    assert {o["entity"] for i in document["incidents"] for o in i["obligations"]} == {"Sub Inc."}
    assert list(document["summary"]["by_entity"]) == ["Sub Inc."]
    exported = run_cli("export", str(root), "--format", "csv", "--what", "obligations", "--entity", "Sub Inc.",
                       "--as-of", "2026-03-20T12:00")
    rows = list(csv.DictReader(io.StringIO(exported.stdout.removeprefix("\ufeff"))))
    assert exported.returncode == 0 and rows and {row["Entity"] for row in rows} == {"Sub Inc."}
    assert {row["Time zone"] for row in rows if row["Due"]} == {"America/New_York"}  # the entity's clocks
    assert {row["As of"] for row in rows if row["Due"]} == {"2026-03-20T07:00-04:00"}
    stats = run_cli("stats", str(root), "--format", "json", "--as-of", "2026-03-20T12:00")
    assert json.loads(stats.stdout)["by_entity"] == {"Parent SA": 2, "Sub Inc.": 2}
    only = run_cli("stats", str(root), "--format", "json", "--as-of", "2026-03-20T12:00", "--entity", "Parent SA")
    assert json.loads(only.stdout)["incidents"] == 2


def test_an_unknown_entity_option_is_a_usage_error_with_the_closest_names(tmp_path):
    for command in (["check"], ["report"], ["stats"], ["export", "--format", "csv"]):
        result = run_cli(*command, str(SAMPLE), "--entity", "Acme US")
        assert result.returncode == 2 and result.stdout == "", (command, result.stdout)
        assert "--entity 'Acme US': no breachtrack.toml of the register names this entity: did you mean " \
               "'Acme US Inc.'" in result.stderr
    plain = run_cli("check", str(ROOT / "incidents"), "--entity", "Acme US Inc.")
    assert plain.returncode == 2 and "none names one" in plain.stderr


def test_an_incident_that_lists_an_unknown_entity_is_an_invalid_file_and_the_others_are_checked(tmp_path):
    root = group(tmp_path)
    write(root / "wrong.yaml", "id: W-1\ntitle: t\naware_at: 2026-03-10T09:00\nrisk: risk\n"
                               "entities:\n  - Sub Inc.\n  - Sub Inc\n")
    result = run_cli("check", str(root), "--as-of", "2026-03-20T12:00", "--format", "json")
    assert result.returncode == 2
    document = json.loads(result.stdout)
    assert document["errors"] == [{
        "file": f"{root.as_posix()}/wrong.yaml", "line": 7, "column": 5,
        "message": "entities[1]: no breachtrack.toml under the register names the entity 'Sub Inc': did you mean "
                   "'Sub Inc.'?"}]
    assert {i["id"] for i in document["incidents"]} == {"P-1", "SHARED-1", "S-1"}


def test_two_folders_naming_the_same_entity_is_an_error_at_the_second(tmp_path):
    root = group(tmp_path)
    write(root / "zz" / "breachtrack.toml", '# a copy\nregimes = ["gdpr"]\nentity = "Sub Inc."\n')
    result = run_cli("validate", str(root))
    assert result.returncode == 2
    assert (f"{root.as_posix()}/zz/breachtrack.toml:3:10: entity 'Sub Inc.' is already the entity of "
            f"{root.as_posix()}/sub/breachtrack.toml") in result.stdout


def test_regimes_written_keep_for_each_entity_only_its_own_and_one_for_no_one_is_refused(tmp_path):
    root = group(tmp_path)
    write(root / "shared.yaml", (root / "shared.yaml").read_text() + "regimes: [gdpr]\n")
    shared = next(i for i in report_json(str(root))["incidents"] if i["id"] == "SHARED-1")
    assert {(o["entity"], o["id"].split(".")[0]) for o in shared["obligations"]} == {
        ("Parent SA", "gdpr"), ("Sub Inc.", "gdpr")}  # no fr.complaint: fr is not written
    text = (root / "shared.yaml").read_text().replace("regimes: [gdpr]", "regimes: [gdpr, nis2]")
    write(root / "shared.yaml", text + "nis2: {entity: important}\n")
    result = run_cli("validate", str(root))
    assert result.returncode == 2
    assert "shared.yaml:8:17: regimes[1]: nis2 is a regime of none of the entities this incident concerns " \
           "(Parent SA, Sub Inc.)" in result.stdout


def test_a_register_without_entities_reports_as_before():
    document = json.loads(run_cli("report", str(ROOT / "incidents"), "--as-of", AS_OF, "--format", "json").stdout)
    assert document["summary"]["by_entity"] == {}
    assert all(i["entities"] == [] and all(o["entity"] is None for o in i["obligations"])
               for i in document["incidents"])
    listing = run_cli("check", str(ROOT / "incidents"), "--as-of", AS_OF).stdout
    assert "Entity" not in listing


def test_an_incident_holds_the_facts_of_a_regime_that_only_a_listed_entity_has(tmp_path):
    root = group(tmp_path)
    write(root / "sub" / "breachtrack.toml",
          'entity = "Sub Inc."\nregimes = ["gdpr", "nis2"]\ntimezone = "America/New_York"\n')
    write(root / "shared.yaml", (root / "shared.yaml").read_text() + "nis2: {entity: important}\n")
    assert run_cli("validate", str(root)).returncode == 0  # the parent's regimes alone would refuse nis2
    shared = next(i for i in report_json(str(root))["incidents"] if i["id"] == "SHARED-1")
    assert {o["entity"] for o in shared["obligations"] if o["id"].startswith("nis2.")} == {"Sub Inc."}
    recorded = run_cli("record", "SHARED-1", "nis2-early-warning", "--at", "2026-03-10T20:00", "--register", str(root))
    assert recorded.returncode == 0, recorded.stderr
    assert "nis2.early_warning (Sub Inc.) is now" in recorded.stdout
    assert "early_warning_at: 2026-03-10T20:00" in (root / "shared.yaml").read_text()
    assert run_cli("validate", str(root / "shared.yaml")).returncode == 0  # a file alone: with its group


def test_every_regime_and_every_prefix_of_an_obligation_id_has_its_words():
    """A regime's obligations get a heading in Markdown and a label in the statistics."""
    from typing import get_args

    from breachtrack.model import WORLD_SECTIONS, Regime
    from breachtrack.reporters.markdown import REGIMES as HEADINGS
    from breachtrack.reporters.stats import REGIME_LABELS
    from breachtrack.stats import regime_of

    assert set(get_args(Regime)) <= set(REGIME_LABELS)
    for section, (regime, _name, _model) in WORLD_SECTIONS.items():
        prefix = section.replace("_", "-")
        assert prefix in HEADINGS, prefix
        assert regime_of(f"{prefix}.some_notice") == regime


def test_the_group_sample_through_stats_and_the_markdown_report():
    for fmt in ("md", "json", "csv", "html"):
        result = run_cli("stats", str(SAMPLE), "--as-of", AS_OF, "--format", fmt)
        assert result.returncode == 0 and "internal error" not in result.stderr, result.stderr
    by_regime = json.loads(run_cli("stats", str(SAMPLE), "--as-of", AS_OF, "--format", "json").stdout)["by_regime"]
    assert by_regime["us-states"] == 2 and by_regime["lgpd"] == 2 and by_regime["hipaa"] == 2
    markdown = run_cli("report", str(SAMPLE), "--as-of", AS_OF, "--format", "md").stdout
    assert "### Acme US Inc.: HIPAA Breach Notification Rule, 45 CFR 164.400-414" in markdown
    assert "### Acme US Inc.: California: Civ. Code 1798.82" in markdown
    assert "### Acme Brasil Ltda.: Brazil: LGPD and ANPD Resolution 15/2024" in markdown


# --- what an independent hostile review found (each failed before its fix) -------------------


def test_a_group_a_thousand_folders_deep_is_still_read(tmp_path):
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root / "reg" / "breachtrack.toml", 'entity = "Root"\n')
    write(root / "reg" / "a" / "breachtrack.toml", 'entity = "A"\n')
    write(root / "reg" / "a" / "inc.yaml", "id: A-1\ntitle: t\naware_at: 2026-03-10T10:00\nrisk: high\n")
    levels = [root / "reg"]
    for _level in range(1200):  # one level at a time: Path.mkdir(parents=True) recurses too
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()
    try:
        result = run_cli("check", str(root / "reg" / "a" / "inc.yaml"), "--as-of", "2026-03-11T12:00")
        assert result.returncode == 0 and "internal error" not in result.stderr, result.stderr
    finally:  # bottom up: pytest's own clean-up recurses, and would fail on the next run
        for level in reversed(levels[1:]):
            level.rmdir()


def test_listing_an_entity_keeps_the_clocks_of_a_folder_that_names_none(tmp_path):
    root = tmp_path / "group"
    write(root / "breachtrack.toml", 'regimes = ["gdpr", "fr"]\n')
    write(root / "us" / "breachtrack.toml", 'entity = "US"\nregimes = ["sec"]\ntimezone = "America/New_York"\n')
    write(root / "inc.yaml", "id: G-1\ntitle: t\naware_at: 2026-03-10T10:00\nrisk: high\ncause: malicious\n"
          "entities: [US]\n")
    document = report_json(str(root))
    ids = {(o["entity"], o["id"]) for o in document["incidents"][0]["obligations"]}
    assert (None, "gdpr.art33.notify_authority") in ids and (None, "fr.complaint") in ids
    assert run_cli("check", str(root), "--as-of", "2026-03-20T12:00").returncode == 1


def test_written_regimes_that_leave_a_listed_entity_no_clock_are_an_error(tmp_path):
    root = tmp_path / "group"
    write(root / "breachtrack.toml", 'entity = "Parent"\nregimes = ["gdpr"]\n')
    write(root / "us" / "breachtrack.toml", 'entity = "US Sub"\nregimes = ["us-states", "hipaa"]\n')
    write(root / "inc.yaml", "id: G-1\ntitle: t\naware_at: 2026-03-10T10:00\nrisk: high\n"
          "entities: [US Sub]\nregimes: [gdpr]\n")
    result = run_cli("check", str(root), "--as-of", "2026-03-20T12:00")
    assert result.returncode == 2
    assert "inc.yaml:6:1: regimes: none of the regimes written (gdpr) is a regime of US Sub (us-states, hipaa)" \
        in result.stdout, result.stdout


def test_a_notice_to_another_authority_does_not_notify_the_entitys_own(tmp_path):
    root = group(tmp_path)
    shared = (root / "shared.yaml").read_text().replace("{submitted_at: 2026-03-11T09:00}",
                                                          "{submitted_at: 2026-03-11T09:00, authority: CNIL}")
    write(root / "shared.yaml", shared)
    notices = {o["entity"]: o for i in report_json(str(root))["incidents"] if i["id"] == "SHARED-1"
               for o in i["obligations"] if o["id"] == "gdpr.art33.notify_authority"}
    assert notices["Parent SA"]["status"] == "done"
    assert notices["Sub Inc."]["status"] == "overdue" and notices["Sub Inc."]["title"].endswith("(BfDI)")
    # cross-border processing with the CNIL as lead authority: one notice serves both (Art. 56(1))
    write(root / "shared.yaml", shared + "cross_border: true\nlead_authority: CNIL\n")
    notices = {o["entity"]: o for i in report_json(str(root))["incidents"] if i["id"] == "SHARED-1"
               for o in i["obligations"] if o["id"] == "gdpr.art33.notify_authority"}
    assert {o["status"] for o in notices.values()} == {"done"}


def test_people_recorded_in_the_united_states_without_a_state_may_live_in_any(tmp_path):
    root = tmp_path / "reg"
    write(root / "breachtrack.toml", 'regimes = ["us-states", "hipaa"]\ntimezone = "America/New_York"\n')
    write(root / "inc.yaml", "id: U-1\ntitle: t\naware_at: 2026-03-10T10:00\nrisk: high\nsubjects: 60000\n"
          "residents: {US: 60000}\n")
    obligations = {o["id"]: o for o in report_json(str(root))["incidents"][0]["obligations"]}
    # as of 20 March: California's notice is due at the end of 9 April in Los Angeles (10 March + 30 days),
    # 10 April 00:00 PDT = 03:00 in New York; its sample copy to the attorney general 15 days later; the state
    # of the 60,000 is not recorded, so both are owed
    assert obligations["us-ca.residents"]["due"] == "2026-04-10T03:00:00-04:00"
    assert obligations["us-ca.attorney_general"]["status"] == "pending"
    assert "not recorded" in obligations["us-ca.attorney_general"]["reason"]
    assert obligations["hipaa.media"]["status"] == "pending"


def test_more_than_a_hundred_entities_in_one_incident_is_an_error(tmp_path):
    root = group(tmp_path)
    names = ", ".join(f"E{n}" for n in range(101))
    write(root / "many.yaml", f"id: M-1\ntitle: t\naware_at: 2026-03-10T10:00\nrisk: high\nentities: [{names}]\n")
    result = run_cli("check", str(root), "--as-of", "2026-03-20T12:00")
    assert result.returncode == 2 and "many.yaml:5:" in result.stdout, result.stdout


def test_entity_names_that_differ_only_by_case_are_one_name(tmp_path):
    root = group(tmp_path)
    write(root / "other" / "breachtrack.toml", 'entity = "SUB INC."\n')
    result = run_cli("check", str(root), "--as-of", "2026-03-20T12:00")
    assert result.returncode == 2 and "entity 'Sub Inc.' is already the entity of" in result.stdout, result.stdout
    write(root / "other" / "breachtrack.toml", 'entity = "Sub Inc. "\n')
    assert run_cli("check", str(root), "--as-of", "2026-03-20T12:00").returncode == 2


def test_a_settings_file_linked_out_of_the_repository_is_not_read(tmp_path):
    outside = write(tmp_path / "outside" / "secret.toml", 'timezone = "Secret/LeakedValue"\n')
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root / "reg" / "a" / "inc.yaml", "id: A-1\ntitle: t\naware_at: 2026-03-10T10:00\nrisk: high\n")
    (root / "reg" / "a" / "breachtrack.toml").symlink_to(outside)
    result = run_cli("check", str(root / "reg"), "--as-of", "2026-03-20T12:00")
    assert result.returncode == 2 and "LeakedValue" not in result.stdout + result.stderr
    assert "out of its git repository" in result.stdout, result.stdout


def test_show_names_each_obligations_entity_and_its_times_with_their_offsets():
    result = run_cli("show", "ACME-2026-03-HR-RANSOMWARE", "--register", str(SAMPLE), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # HIPAA counts in New York: detected 9 March 2026 22:40 in Paris = 17:40 EDT the same day (the US changed
    # its clocks on 8 March); 9 March + 60 days = 8 May, due at its end, 9 May 00:00 -04:00
    assert any("Acme US Inc." in line and "hipaa.individuals" in line and "2026-05-09 00:00 -04:00" in line
               for line in lines), result.stdout
    assert any("Acme Group SA" in line and "gdpr.art33.notify_authority" in line and "2026-03-13 09:00 +01:00" in line
               for line in lines), result.stdout


def test_draft_takes_the_entity_whose_notice_it_writes():
    arguments = ("draft", "ACME-2026-03-HR-RANSOMWARE", "--register", str(SAMPLE), "--as-of", AS_OF, "--to", "lgpd.anpd")
    brazil = run_cli(*arguments, "--entity", "Acme Brasil Ltda.")
    assert brazil.returncode == 0 and "lgpd.anpd" in brazil.stdout, brazil.stderr
    assert run_cli(*arguments, "--entity", "Acme US Inc.").returncode == 2  # no LGPD clock runs for it
    unknown = run_cli(*arguments, "--entity", "Acme")
    assert unknown.returncode == 2 and "does not concern this entity" in unknown.stderr, unknown.stderr
