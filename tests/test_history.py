"""breachtrack history: who recorded each fact and when, from a throwaway git repository whose
commits are made at chosen dates by chosen authors. Expected values are worked out by hand."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import golden, run_cli
from gitrepo import CLAIRE, commit, git, new_repository

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BOB = ("Bob Durand", "bob@example.org")
MALLORY = ("Mallory", "mallory@example.org")

OPENED = """\
id: K-1
title: Kairos portal
aware_at: 2025-07-12T10:00
risk: high
"""
COMPLAINT = "complaint:\n  filed_at: 2025-07-14T11:00\n"
NOTIFIED = "authority_notice:\n  submitted_at: 2025-07-14T17:00\n"
BACKDATED = "authority_notice:\n  submitted_at: 2025-07-12T17:00\n"
MEASURE = "remediation:\n  - id: mfa\n    title: Two-factor authentication\n    due: 2025-08-31\n    done_on: 2025-07-27\n"


def register_with_history(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A register in git: the incident opened on time, its complaint on time, another incident, its notification
    recorded 10 days late (and authored on time: a rebase), the file renamed, the notification
    backdated by another author, a commit that breaks the YAML, one that mends it with a measure
    done, and a change not committed yet."""
    repo = new_repository(tmp_path / "repo")
    incidents = repo / "incidents"
    incidents.mkdir()
    (incidents / "breachtrack.toml").write_text('timezone = "Europe/Paris"\n')
    file = incidents / "kairos.yaml"
    commits = {}
    file.write_text(OPENED)
    commits["opened"] = commit(repo, "Open K-1", "2025-07-12T11:00:00+02:00")
    file.write_text(OPENED + COMPLAINT)
    commits["complaint"] = commit(repo, "Complaint filed", "2025-07-14T18:00:00+02:00")
    (incidents / "other.yaml").write_text("id: OTHER\ntitle: t\naware_at: 2025-07-20T10:00\nrisk: unlikely\n")
    commit(repo, "Another incident", "2025-07-20T11:00:00+02:00")  # the next commit's parent does not touch K-1
    file.write_text(OPENED + COMPLAINT + NOTIFIED)
    commits["notified"] = commit(repo, "CNIL notified", "2025-07-14T18:00:00+02:00", author=BOB,
                                 committed="2025-07-24T17:00:00+02:00", committer=CLAIRE)
    git(repo, "mv", "incidents/kairos.yaml", "incidents/2025-07-kairos.yaml")
    file = incidents / "2025-07-kairos.yaml"
    commits["renamed"] = commit(repo, "Name the file by month", "2025-07-25T09:00:00+02:00")
    file.write_text(OPENED + COMPLAINT + BACKDATED)
    commits["backdated"] = commit(repo, "Fix the notification time", "2025-07-26T09:00:00+02:00", author=MALLORY)
    file.write_text(OPENED + COMPLAINT + BACKDATED + "risk: [\n")
    commits["broken"] = commit(repo, "Oops", "2025-07-27T09:00:00+02:00")
    file.write_text(OPENED + COMPLAINT + BACKDATED + MEASURE)
    commits["measure"] = commit(repo, "MFA done", "2025-07-28T10:00:00+02:00")
    file.write_text(OPENED + COMPLAINT + BACKDATED + MEASURE + "subject_notice:\n  sent_at: 2025-07-28T12:00\n")
    return repo, commits


def history_json(repo: Path, *options: str) -> dict:
    result = run_cli("history", "K-1", "--register", "incidents", "--format", "json", *options, cwd=repo)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def changes_of(document: dict, fact: str) -> list[dict]:
    return next(found for found in document["facts"] if found["fact"] == fact)["changes"]


def test_each_fact_with_the_commit_that_wrote_it_its_author_and_its_time(tmp_path):
    repo, commits = register_with_history(tmp_path)
    document = history_json(repo)
    assert document["incident"] == "K-1" and document["file"] == "incidents/2025-07-kairos.yaml"
    assert document["head"] == commits["measure"] and document["shallow"] is False
    assert document["late_after_hours"] == 72 and document["commit_time"] == "committer"
    [aware] = changes_of(document, "aware_at")
    assert aware["commit"] == commits["opened"] and aware["after"] == "2025-07-12T10:00:00+02:00"
    assert aware["recorded_after_hours"] == 1 and not aware["late"]  # 10:00 stated, committed 11:00
    [complaint] = changes_of(document, "complaint.filed_at")
    assert complaint["recorded_after_hours"] == 7 and not complaint["late"]  # 11:00 stated, committed 18:00
    [risk] = changes_of(document, "risk")  # the broken version changed nothing, nor did its repair
    assert risk["commit"] == commits["opened"] and risk["after"] == "high"
    first = next(v for v in document["versions"] if v["commit"]["id"] == commits["opened"])["commit"]
    assert first["author"] == {"name": "Claire Martin", "email": "dpo@example.org", "date": "2025-07-12T11:00:00+02:00",
                               "date_credible": True}
    assert first["subject"] == "Open K-1"


def test_a_fact_recorded_late_and_then_backdated(tmp_path):
    repo, commits = register_with_history(tmp_path)
    written, backdated = changes_of(history_json(repo), "authority_notice.submitted_at")
    # stated 14 July 17:00; committed 24 July 17:00 (the author date, 14 July 18:00, is not the one used):
    # 10 days = 240 h > 72 h
    assert written == {"commit": commits["notified"], "before": None, "after": "2025-07-14T17:00:00+02:00",
                       "recorded_after_hours": 240, "late": True, "moved": None}
    # moved two days earlier by another author; stated 12 July 17:00, committed 26 July 09:00: 13 days 16 h = 328 h
    assert backdated == {"commit": commits["backdated"], "before": "2025-07-14T17:00:00+02:00",
                         "after": "2025-07-12T17:00:00+02:00", "recorded_after_hours": 328, "late": True,
                         "moved": "earlier"}


def test_a_day_counts_from_its_end_and_an_uncommitted_fact_has_no_commit(tmp_path):
    repo, commits = register_with_history(tmp_path)
    document = history_json(repo)
    [done] = changes_of(document, "remediation[mfa].done_on")
    # done on 27 July: the day ends 28 July 00:00 +02:00; committed 28 July 10:00: 10 h
    assert done["commit"] == commits["measure"] and done["after"] == "2025-07-27"
    assert done["recorded_after_hours"] == 10 and not done["late"]
    [sent] = changes_of(document, "subject_notice.sent_at")
    assert sent == {"commit": None, "before": None, "after": "2025-07-28T12:00:00+02:00",
                    "recorded_after_hours": None, "late": False, "moved": None}
    assert document["uncommitted"] is True


def test_versions_through_the_rename_with_the_one_that_does_not_parse(tmp_path):
    repo, commits = register_with_history(tmp_path)
    versions = history_json(repo)["versions"]
    order = ["opened", "complaint", "notified", "renamed", "backdated", "broken", "measure"]
    assert [v["commit"]["id"] if v["commit"] else None for v in versions] == [commits[name] for name in order] + [None]
    assert [v["path"] for v in versions] == ["incidents/kairos.yaml"] * 3 + ["incidents/2025-07-kairos.yaml"] * 5
    broken = versions[5]
    assert broken["state"] == "invalid"
    assert broken["errors"][0]["file"] == "incidents/2025-07-kairos.yaml"
    assert broken["errors"][0]["line"] == 10  # 4 + 2 + 2 lines, then "risk: [" on the 9th: the flow ends unclosed on the 10th
    notified = versions[2]["commit"]
    assert notified["author"]["name"] == "Bob Durand" and notified["committer"]["name"] == "Claire Martin"
    assert (notified["author"]["date"], notified["committer"]["date"]) == ("2025-07-14T18:00:00+02:00",
                                                                           "2025-07-24T17:00:00+02:00")


def test_late_after_moves_the_threshold(tmp_path):
    repo, _ = register_with_history(tmp_path)
    # 11 days = 264 h: the 240 h of the first recording pass, the 328 h of the backdating do not
    written, backdated = changes_of(history_json(repo, "--late-after", "11 days"), "authority_notice.submitted_at")
    assert not written["late"] and backdated["late"]
    bad = run_cli("history", "K-1", "--register", "incidents", "--late-after", "soon", cwd=repo)
    assert bad.returncode == 2 and "--late-after: 'soon' is not a duration" in bad.stderr


def test_the_text_and_markdown_say_what_is_flagged_and_by_whom(tmp_path):
    repo, commits = register_with_history(tmp_path)
    text = run_cli("history", "K-1", "--register", "incidents", cwd=repo)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == "History of K-1"
    assert lines[1] == (f"File incidents/2025-07-kairos.yaml, in the git repository at commit {commits['measure'][:12]}; "
                        "times in Europe/Paris.")
    assert "The file on disk differs from its last commit: its changes are shown as not committed yet." in lines
    assert ("  authority_notice.submitted_at: wrote 2025-07-14 17:00 +02:00 in commit "
            f"{commits['notified'][:12]}, committed 2025-07-24 17:00 +02:00 by Bob Durand <bob@example.org> (authored "
            "2025-07-14 18:00 +02:00) (committer Claire Martin <dpo@example.org>): recorded 10 days after the time it "
            "states (more than 3 days)") in lines
    assert ("  authority_notice.submitted_at: changed 2025-07-14 17:00 +02:00 to 2025-07-12 17:00 +02:00 in commit "
            f"{commits['backdated'][:12]}, committed 2025-07-26 09:00 +02:00 by Mallory <mallory@example.org>: "
            "recorded 13 days after the time it states (more than 3 days); its stated time was moved earlier after "
            "it had been recorded") in lines
    assert "    not committed yet: wrote 2025-07-28 12:00 +02:00" in lines
    assert "  not committed yet: incidents/2025-07-kairos.yaml: valid" in lines
    markdown = run_cli("history", "K-1", "--register", "incidents", "--format", "md", cwd=repo)
    assert markdown.returncode == 0
    assert markdown.stdout.startswith("# History of K-1\n")
    assert (f"| `authority_notice.submitted_at` | wrote 2025-07-14 17:00 +02:00 | `{commits['notified'][:12]}` | "
            "2025-07-24 17:00 +02:00 | Bob Durand \\<bob@example.org\\> | recorded 10 days after the time it states "
            "(more than 3 days) |") in markdown.stdout


def test_a_branch_merged_is_compared_with_its_parents_not_with_the_commit_before_it_in_time(tmp_path):
    repo = new_repository(tmp_path / "repo")
    (repo / "incidents").mkdir()
    file = repo / "incidents" / "k.yaml"
    file.write_text(OPENED)
    opened = commit(repo, "Open", "2025-07-12T11:00:00+02:00")
    git(repo, "checkout", "-q", "-b", "notify")
    file.write_text(OPENED + NOTIFIED)
    notified = commit(repo, "Notified", "2025-07-14T18:00:00+02:00", author=BOB)
    git(repo, "checkout", "-q", "main")
    file.write_text(OPENED.replace("risk: high", "risk: risk"))
    lowered = commit(repo, "Risk lowered", "2025-07-14T19:00:00+02:00")
    file.write_text(OPENED.replace("risk: high", "risk: risk") + NOTIFIED)
    git(repo, "merge", "-q", "-s", "ours", "--no-commit", "notify")
    file.write_text(OPENED.replace("risk: high", "risk: risk") + NOTIFIED)
    merged = commit(repo, "Merge notify", "2025-07-15T09:00:00+02:00")
    document = history_json(repo)
    # the notification was written once, on its branch; the merge brought both sides together and
    # changed nothing of its own; the lower risk came from main, and no fact was 'removed' on the way
    assert changes_of(document, "authority_notice.submitted_at") == [{
        "commit": notified, "before": None, "after": "2025-07-14T17:00:00+02:00", "recorded_after_hours": 1,
        "late": False, "moved": None}]
    assert [(c["commit"], c["after"]) for c in changes_of(document, "risk")] == [(opened, "high"), (lowered, "risk")]
    assert {v["commit"]["id"] for v in document["versions"]} == {opened, notified, lowered, merged}


def test_a_file_never_committed_and_a_repository_without_commits(tmp_path):
    repo = new_repository(tmp_path / "repo")
    (repo / "incidents").mkdir()
    (repo / "incidents" / "k.yaml").write_text(OPENED)
    document = history_json(repo)
    assert document["head"] is None and document["uncommitted"] is True
    assert [v["commit"] for v in document["versions"]] == [None]
    text = run_cli("history", "K-1", "--register", "incidents", cwd=repo).stdout
    assert "File incidents/k.yaml, in a git repository with no commit yet; times in Europe/Paris." in text


def test_a_shallow_clone_says_its_history_is_cut(tmp_path):
    repo, commits = register_with_history(tmp_path)
    git(repo, "checkout", "-q", "--", ".")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    document = history_json(clone)
    assert document["shallow"] is True
    assert [v["commit"]["id"] for v in document["versions"]] == [commits["measure"]]
    text = run_cli("history", "K-1", "--register", "incidents", cwd=clone).stdout
    assert "This repository is a shallow clone: its older commits are missing" in text


def test_not_a_git_repository_is_said_in_one_sentence(tmp_path):
    (tmp_path / "incidents").mkdir()
    (tmp_path / "incidents" / "k.yaml").write_text(OPENED)
    result = run_cli("history", "K-1", "--register", "incidents", cwd=tmp_path,
                     env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("breachtrack: incidents/k.yaml is not in a git repository: the history of an incident "
                           "comes from the commits of its register (git says: not a git repository")


def test_git_missing_is_said_in_one_sentence(tmp_path):
    repo, _ = register_with_history(tmp_path)
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    result = run_cli("history", "K-1", "--register", "incidents", cwd=repo, env={"PATH": str(empty)})
    assert result.returncode == 2
    assert result.stderr == ("breachtrack: git is not installed (or not on the PATH): the history of an incident "
                             "comes from its register's git repository\n")


def test_an_unknown_id_and_the_incident_found_by_its_parsed_id(tmp_path):
    repo, _ = register_with_history(tmp_path)
    (repo / "incidents" / "decoy.yaml").write_text("id: DECOY\ntitle: 'id: K-1'\naware_at: 2025-07-12T10:00\nrisk: low\n")
    assert run_cli("history", "K-2", "--register", "incidents", cwd=repo).returncode == 2
    assert history_json(repo)["file"] == "incidents/2025-07-kairos.yaml"


def test_report_json_gains_the_history_under_its_own_key_only_when_asked(tmp_path):
    repo, commits = register_with_history(tmp_path)
    git(repo, "checkout", "-q", "--", ".")
    plain = run_cli("report", "incidents", "--format", "json", "--as-of", "2025-08-01", cwd=repo)
    with_history = run_cli("report", "incidents", "--format", "json", "--as-of", "2025-08-01", "--history", cwd=repo)
    assert plain.returncode == 0 and with_history.returncode == 0, with_history.stderr
    before, after = json.loads(plain.stdout), json.loads(with_history.stdout)
    assert [{key: value for key, value in incident.items() if key != "history"} for incident in after["incidents"]] \
        == before["incidents"]
    assert all("history" not in incident for incident in before["incidents"])
    kairos, other = sorted(after["incidents"], key=lambda incident: incident["id"])
    assert kairos["history"] == history_json(repo)
    assert [version["commit"]["subject"] for version in other["history"]["versions"]] == ["Another incident"]
    refused = run_cli("report", "incidents", "--format", "md", "--history", cwd=repo)
    assert refused.returncode == 2 and "--history goes with --format json" in refused.stderr


def test_a_repository_planted_in_the_register_is_never_read(tmp_path):
    """A pull request can commit HEAD, objects/, refs/ and a config (core.worktree = .) into the
    register's folder: git would take that folder for a repository of its own and read the
    history the pull request forged in it. safe.bareRepository=explicit refuses it."""
    repo, _ = register_with_history(tmp_path)
    forged = tmp_path / "forged.git"
    git(tmp_path, "init", "-q", "--bare", str(forged))
    work = tmp_path / "forged-work"
    work.mkdir()
    shutil.copy(repo / "incidents" / "2025-07-kairos.yaml", work / "2025-07-kairos.yaml")
    git(work, "add", "-A", GIT_DIR=str(forged), GIT_WORK_TREE=str(work))
    git(work, "commit", "-q", "-m", "forged", GIT_DIR=str(forged), GIT_WORK_TREE=str(work), GIT_AUTHOR_NAME="Forger",
        GIT_AUTHOR_DATE="2025-07-12T11:00:00+02:00", GIT_COMMITTER_DATE="2025-07-12T11:00:00+02:00")
    for name in ("HEAD", "objects", "refs"):
        shutil.copytree(forged / name, repo / "incidents" / name) if (forged / name).is_dir() else \
            shutil.copy(forged / name, repo / "incidents" / name)
    (repo / "incidents" / "config").write_text("[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n")
    planted = git(repo / "incidents", "rev-parse", "--show-toplevel")
    assert Path(planted) == (repo / "incidents").resolve()  # what git alone would read
    result = run_cli("history", "K-1", "--register", "incidents", cwd=repo)
    assert result.returncode == 2 and "Forger" not in result.stdout
    assert "is not in a git repository" in result.stderr and "cannot use bare repository" in result.stderr


def test_text_and_markdown_golden(tmp_path):
    repo, _ = register_with_history(tmp_path)  # fixed dates, authors and contents: fixed commit ids
    for kind, name in (("text", "history.txt"), ("md", "history.md")):
        result = run_cli("history", "K-1", "--register", "incidents", "--format", kind, cwd=repo)
        assert result.returncode == 0
        golden(name, result.stdout)


def test_a_commit_encoding_that_raises_even_with_replace_falls_back_to_utf8():
    """'undefined' raises UnicodeError on any byte; 'idna' and 'punycode' too on these; base64 is
    not a text codec. 'Clé' in UTF-8 is b'Cl\\xc3\\xa9', which falls back to 'Clé'."""
    from breachtrack.history import parse_commit

    for encoding in (b"undefined", b"idna", b"punycode", b"base64", b"no-such-codec", b"utf\x00-8"):
        raw = (b"tree 0\nauthor Cl\xc3\xa9 <c@e> 1752310800 +0200\ncommitter Cl\xc3\xa9 <c@e> 1752310800 +0200\n"
               b"encoding " + encoding + b"\n\nCl\xc3\xa9 \xff\n")
        found = parse_commit("c", raw)
        assert (found.author.name, found.subject) == ("Clé", "Clé \ufffd"), encoding
    latin = parse_commit("c", b"tree 0\nauthor Cl\xe9 <c@e> 1752310800 +0200\nencoding latin-1\n\nx\n")
    assert latin.author.name == "Clé"


def test_commit_times_outside_the_register_years_are_shown_in_utc_as_not_credible():
    """253402300799 s = 9999-12-31T23:59:59Z: in Tokyo (+09:00) that is year 10000, which Python
    cannot hold, so it stays in UTC and is not credible; -2208988801 s = 1899-12-31T23:59:59Z
    (1900-01-01 is 25567 days = 2208988800 s before 1970). 1752310800 s = 2025-07-12T09:00Z,
    11:00 at +02:00: credible."""
    from breachtrack.history import parse_commit
    from breachtrack.reporters.history import _when

    tokyo = ZoneInfo("Asia/Tokyo")
    for seconds, expected in ((b"253402300799", "9999-12-31 23:59 +00:00"), (b"-2208988801", "1899-12-31 23:59 +00:00")):
        person = parse_commit("c", b"tree 0\ncommitter a <a@a> " + seconds + b" +0900\n\nm\n").committer
        assert not person.credible and person.at.utcoffset() == timedelta(0)
        assert _when(person, tokyo) == f"{expected} (not credible: outside the years 1900 to 9000)"
    person = parse_commit("c", b"tree 0\ncommitter a <a@a> 1752310800 +0200\n\nm\n").committer
    assert person.credible and person.at == datetime(2025, 7, 12, 11, tzinfo=timezone(timedelta(hours=2)))
    assert _when(person, tokyo) == "2025-07-12 18:00 +09:00"


def test_a_time_before_1000_or_with_an_offset_in_seconds_is_written_whole():
    """Year 1 with four digits; Paris in 1905 was at Paris mean time, +00:09:21."""
    from breachtrack.reporters import shown

    assert shown(datetime(1, 1, 1, 12, 37, tzinfo=timezone(timedelta(hours=12, minutes=37, seconds=12)))) == \
        "0001-01-01 12:37 +12:37:12"
    assert shown(datetime(1905, 1, 1, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))) == "1905-01-01 12:00 +00:09:21"


def test_each_version_is_compared_with_the_nearest_versions_on_each_line_first_parent_first():
    """M merges A (which did not touch the file; its parent C did) and B (which did); both lines go
    back to O. By hand: M's nearest versions are C (first parent's line) then B; B's and C's are O;
    O has none. A is not a version of the file."""
    from breachtrack.history import _Logged, _RegisterLog, _Touch

    def touched(commit: str, *parents: str) -> _Logged:
        return _Logged(commit, parents, [_Touch("M", "k.yaml", "k.yaml", "b" + commit, "100644")])

    log = _RegisterLog([touched("M", "A", "B"), _Logged("A", ("C",), []), touched("B", "O"), touched("C", "O"),
                        touched("O")])
    assert {entry.commit: entry.parents for entry in log.entries("k.yaml")} == {
        "M": ("C", "B"), "B": ("O",), "C": ("O",), "O": ()}


def test_the_versions_read_are_capped_by_number_and_by_bytes_and_the_history_says_so(tmp_path, monkeypatch):
    """Five commits of K-1 (titles 1 to 5); at most 3 versions read, so the 2 oldest are left out,
    and the oldest read (title 3) is credited with every fact. Then a budget that pays for the
    newest commit and version only."""
    from breachtrack import history as history_module
    from breachtrack.model import Config
    from breachtrack.reporters.history import document, render_markdown, render_text

    repo = new_repository(tmp_path / "repo")
    (repo / "incidents").mkdir()
    file = repo / "incidents" / "k.yaml"
    made = []
    for number in range(1, 6):
        file.write_text(OPENED.replace("Kairos portal", f"title {number}"))
        made.append(commit(repo, f"Title {number}", f"2025-07-1{number}T11:00:00+02:00"))
    config = Config()
    monkeypatch.setattr(history_module, "MAX_VERSIONS", 3)
    found = history_module.read_histories([(file, "incidents/k.yaml", "K-1", config)], [repo / "incidents"],
                                          timedelta(hours=72))[file]
    assert [version.commit.id for version in found.versions] == made[2:]
    assert found.versions_left_out == 2 and not found.read_limit_reached
    [title] = [fact for fact in found.facts if fact.fact == "title"]
    assert [(change.version.commit.id, change.after) for change in title.changes] == [
        (made[2], "title 3"), (made[3], "title 4"), (made[4], "title 5")]
    sentence = ("Only the newest 3 versions of the file were read: 2 older versions are left out, so the first "
                "version shown is not the one that first recorded the facts.")
    assert sentence in render_text(found) and sentence in render_markdown(found)
    assert document(found)["versions_left_out"] == 2

    # the newest first: commit 5, its blob, commit 4... By hand, commit 5 is "tree <40>\n" 46 + "parent <40>\n" 48
    # + "author Claire Martin <dpo@example.org> <10 digits> +0200\n" 56 + the same "committer" line 59 + "\n" 1
    # + "Title 5\n" 8 = 218 bytes; its blob "id: K-1\n" 8 + "title: title 5\n" 15 + "aware_at: ...10:00\n" 27
    # + "risk: high\n" 11 = 61. A budget of 300 pays for both (82, then 21 left), not for commit 4: nothing after.
    assert (git(repo, "cat-file", "-s", made[4]), git(repo, "cat-file", "-s", made[4] + ":incidents/k.yaml")) == (
        "218", "61")
    monkeypatch.setattr(history_module, "MAX_READ_BYTES", 300)
    found = history_module.read_histories([(file, "incidents/k.yaml", "K-1", config)], [repo / "incidents"],
                                          timedelta(hours=72))[file]
    assert [version.state for version in found.versions] == ["unreadable", "unreadable", "valid"]
    assert found.read_limit_reached and found.versions[0].commit.author.name == ""  # commit 3 not read either
    assert found.versions[0].errors[0].message.startswith("not read: this run has read 0 MB of history already")
    [title] = [fact for fact in found.facts if fact.fact == "title"]
    assert [(change.version.commit.id, change.after) for change in title.changes] == [(made[4], "title 5")]
    assert "Some versions of the file were not read" in render_text(found)
    assert document(found)["read_limit_reached"] is True


def test_report_history_of_an_empty_register_outside_git_is_an_empty_report(tmp_path):
    """No incident, so no history to read, and no repository needed: the report's list is empty."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "breachtrack.toml").write_text("")
    result = run_cli("report", "empty", "--format", "json", "--history", "--as-of", "2025-08-01", cwd=tmp_path,
                     env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["incidents"] == []


def test_a_working_tree_encoding_checkout_is_not_taken_for_a_change(tmp_path):
    """'*.yaml working-tree-encoding=ISO-8859-1': git stores 'é' as UTF-8 (C3 A9) and checks it out
    as Latin-1 (E9), so the bytes differ while git status is clean; a real edit still shows."""
    from breachtrack import history as history_module
    from breachtrack.model import Config

    origin = new_repository(tmp_path / "origin")
    (origin / "incidents").mkdir()
    (origin / ".gitattributes").write_text("*.yaml working-tree-encoding=ISO-8859-1\n")
    (origin / "incidents" / "k.yaml").write_bytes(OPENED.replace("Kairos portal", "Clé").encode("latin-1"))
    commit(origin, "Open K-1", "2025-07-12T11:00:00+02:00")
    git(tmp_path, "clone", "-q", str(origin), "clone")
    file = tmp_path / "clone" / "incidents" / "k.yaml"
    assert b"Cl\xe9" in file.read_bytes() and git(tmp_path / "clone", "status", "--porcelain") == ""

    def read() -> history_module.History:
        return history_module.read_histories([(file, "incidents/k.yaml", "K-1", Config())],
                                             [file.parent], timedelta(hours=72))[file]

    assert not read().uncommitted
    file.write_bytes(file.read_bytes() + b"# edited\n")
    assert read().uncommitted
