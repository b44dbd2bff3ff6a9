"""Who recorded each fact of an incident and when, as text, Markdown or JSON.

Pure: a ``History`` read from git in, a string out. Author names, e-mail addresses, commit
messages and file names come from whoever committed: they go through the safe-text layer.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from breachtrack.history import (
    MAX_READ_BYTES, Change, Commit, FactHistory, History, Person, Version, json_value,
)
from breachtrack.i18n import N_, _, ngettext
from breachtrack.model import FIRST_YEAR, LAST_YEAR
from breachtrack.reporters import shown, span
from breachtrack.safetext import code, json_text, markdown, plain

SHORT = 12
"""Hex digits of a commit id in text and Markdown: unambiguous in any register's repository."""


def _when(person: Person, zone: ZoneInfo) -> str:
    """The person's time in the incident's zone; one outside the register's years as it is, in UTC."""
    if person.at is None:
        return _("unreadable date")
    if not person.credible:
        return _("{when} (not credible: outside the years {first} to {last})").format(
            when=shown(person.at), first=FIRST_YEAR, last=LAST_YEAR)
    return shown(person.at.astimezone(zone))


def _value(value: object, zone: ZoneInfo) -> str:
    """A fact's value as people read it (still to be made safe for the output)."""
    if isinstance(value, datetime):
        return shown(value.astimezone(zone))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(_value(item, zone) for item in value) + "]"
    return str(value)


def _hours(delta: timedelta | None) -> float | None:
    return None if delta is None else round(delta.total_seconds() / 3600, 2)


def _person(person: Person) -> str:
    return f"{person.name} <{person.email}>" if person.email else person.name


def _what(change: Change, zone: ZoneInfo) -> str:
    """What the version did to the fact, in words (values not yet made safe)."""
    if change.before is None:
        return _("wrote {value}").format(value=_value(change.after, zone))
    if change.after is None:
        return _("removed {value}").format(value=_value(change.before, zone))
    return _("changed {before} to {after}").format(before=_value(change.before, zone),
                                                   after=_value(change.after, zone))


MOVED = {
    "earlier": N_("its stated time was moved earlier after it had been recorded"),
    "later": N_("its stated time was moved later after it had been recorded"),
    "removed": N_("its stated time was removed after it had been recorded"),
    "changed": N_("its stated time was replaced by a value that is not a time after it had been recorded"),
}


def _flags(change: Change, history: History) -> list[str]:
    flags = []
    if change.late:
        flags.append(_("recorded {span} after the time it states (more than {limit})").format(
            span=span(change.recorded_after), limit=span(history.late_after)))
    if change.moved:
        flags.append(_(MOVED[change.moved]))
    return flags


def _flagged(change: Change, history: History) -> str:
    """'wrote ... in commit ..., committed ... by ...: recorded 11 days after the time it states
    (more than 3 days)' (not yet made safe)."""
    flags = "; ".join(_flags(change, history))
    what = _what(change, history.zone)
    if change.version.commit is None:
        return _("{what}, not committed yet: {flags}").format(what=what, flags=flags)
    return _("{what} in commit {commit}: {flags}").format(
        what=what, commit=_commit_line(change.version, history.zone), flags=flags)


def _commit_line(version: Version, zone: ZoneInfo) -> str:
    """'1a2b3c4d5e6f, 2025-07-12 11:00 +02:00, Claire <dpo@example.org>' (not yet made safe), or
    'not committed yet'."""
    commit = version.commit
    if commit is None:
        return _("not committed yet")
    line = _("{commit}, committed {when} by {author}").format(
        commit=commit.id[:SHORT], when=_when(commit.committer, zone), author=_person(commit.author))
    if commit.author.at != commit.committer.at:
        line += " " + _("(authored {when})").format(when=_when(commit.author, zone))
    if _person(commit.committer) != _person(commit.author):
        line += " " + _("(committer {committer})").format(committer=_person(commit.committer))
    return line


DATES_NOTE = N_(
    "Times of commits are committer dates, when each commit was made: when the fact entered this history "
    "(the author date, kept by a rebase or an amend, is shown when it differs). Whoever commits can set "
    "both to anything: git proves neither; a signed commit or the hosting platform's record of the push "
    "or merge does."
)
SHALLOW_NOTE = N_(
    "This repository is a shallow clone: its older commits are missing, so the first commit shown is not "
    "the one that first recorded the facts. Fetch the whole history (git fetch --unshallow; in GitHub "
    "Actions, fetch-depth: 0) before relying on it."
)
LIMIT_NOTE = N_(
    "Some versions of the file were not read: this run had read {size} MB of history already, the most it "
    "reads. They are listed as not read below, and the facts they wrote are credited to the next version read."
)


def _notes(history: History) -> list[str]:
    """What the history leaves out, in sentences (not yet made safe: they hold no value from the file)."""
    notes = []
    if history.versions_left_out:
        notes.append(ngettext(
            "Only the newest {read} versions of the file were read: {count} older version is left out, so the first "
            "version shown is not the one that first recorded the facts.",
            "Only the newest {read} versions of the file were read: {count} older versions are left out, so the "
            "first version shown is not the one that first recorded the facts.",
            history.versions_left_out).format(read=sum(1 for version in history.versions if version.commit),
                                              count=history.versions_left_out))
    if history.read_limit_reached:
        notes.append(_(LIMIT_NOTE).format(size=MAX_READ_BYTES // 1_000_000))
    return notes


UNCOMMITTED_NOTE = N_("The file on disk differs from its last commit: its changes are shown as not committed yet.")


def _heading(history: History) -> str:
    if history.head is None:
        return _("File {file}, in a git repository with no commit yet; times in {zone}.").format(
            file=history.file, zone=history.zone.key)
    return _("File {file}, in the git repository at commit {head}; times in {zone}.").format(
        file=history.file, head=history.head[:SHORT], zone=history.zone.key)


def _current(fact: FactHistory) -> object:
    return fact.changes[-1].after


def render_text(history: History) -> str:
    """For a terminal or a CI log: every line starts with breachtrack's words, never a value."""
    zone = history.zone
    lines = [plain(_("History of {id}").format(id=history.incident_id)), plain(_heading(history)),
             _(DATES_NOTE)]
    if history.shallow:
        lines.append(_(SHALLOW_NOTE))
    lines += _notes(history)
    if history.uncommitted:
        lines.append(_(UNCOMMITTED_NOTE))
    lines.append("")
    flagged = history.flagged
    if flagged:
        lines.append(_("Flagged:"))
        lines += [plain(f"  {fact.fact}: {_flagged(change, history)}") for fact, change in flagged]
    else:
        lines.append(_("Nothing flagged: no fact recorded more than {limit} after the time it states, and no "
                       "stated time changed after it was recorded.").format(limit=span(history.late_after)))
    lines += ["", _("Facts, each with the commits that wrote and changed it:")]
    for fact in history.facts:
        current = _current(fact)
        now = _("(removed)") if current is None else _value(current, zone)
        lines.append(plain(f"  {fact.fact}: {now}"))
        for change in fact.changes:
            flags = "".join(" [" + flag + "]" for flag in _flags(change, history))
            lines.append(plain("    " + _("{commit}: {what}").format(commit=_commit_line(change.version, zone),
                                                                      what=_what(change, zone)) + flags))
    lines += ["", _("Versions of the file, oldest first (paths from the root of the repository):")]
    for version in history.versions:
        lines.append(plain(f"  {_commit_line(version, zone)}: {version.path}: {_state(version)}"))
        lines += [plain(f"    {error.file}:{error.line}:{error.column}: {error.message}") for error in version.errors]
    return "\n".join(lines) + "\n"


STATES = {
    "valid": N_("valid"),
    "invalid": N_("invalid, its facts are not read"),
    "deleted": N_("the file was deleted"),
    "not_a_file": N_("not a regular file (a symbolic link or a submodule), not read"),
    "unreadable": N_("not read"),
}


def _state(version: Version) -> str:
    state = _(STATES[version.state])
    if version.commit is not None and version.commit.subject:
        return _("{state}; message: {subject}").format(state=state, subject=version.commit.subject)
    return state


def _md_commit(version: Version) -> str:
    return code(version.commit.id[:SHORT]) if version.commit else _("not committed yet")


def render_markdown(history: History) -> str:
    zone = history.zone
    lines = ["# " + markdown(_("History of {id}").format(id=history.incident_id)), "",
             markdown(_heading(history)), "", _(DATES_NOTE)]
    if history.shallow:
        lines += ["", "**" + _(SHALLOW_NOTE) + "**"]
    lines += [line for note in _notes(history) for line in ("", "**" + note + "**")]
    if history.uncommitted:
        lines += ["", "**" + _(UNCOMMITTED_NOTE) + "**"]
    lines += ["", "## " + _("Flagged"), ""]
    if history.flagged:
        lines += [f"- {code(fact.fact)}: {markdown(_flagged(change, history))}" for fact, change in history.flagged]
    else:
        lines.append(markdown(_("Nothing flagged: no fact recorded more than {limit} after the time it states, "
                                "and no stated time changed after it was recorded.").format(
                                    limit=span(history.late_after))))
    header = [_("Fact"), _("Change"), _("Commit"), _("Committed"), _("Author"), _("Flag")]
    lines += ["", "## " + _("Facts"), "", "| " + " | ".join(header) + " |", "| --- " * len(header) + "|"]
    for fact in history.facts:
        for change in fact.changes:
            commit = change.version.commit
            cells = [code(fact.fact), markdown(_what(change, zone)), _md_commit(change.version),
                     markdown(_when(commit.committer, zone)) if commit else "",
                     markdown(_person(commit.author)) if commit else "",
                     markdown("; ".join(_flags(change, history)))]
            lines.append("| " + " | ".join(cells) + " |")
    header = [_("Commit"), _("Committed"), _("Authored"), _("Author"), _("Committer"), _("File"), _("State")]
    lines += ["", "## " + _("Versions of the file"), "", "| " + " | ".join(header) + " |",
              "| --- " * len(header) + "|"]
    for version in history.versions:
        commit = version.commit
        people = [markdown(_when(commit.committer, zone)), markdown(_when(commit.author, zone)),
                  markdown(_person(commit.author)), markdown(_person(commit.committer))] if commit else ["", "", "", ""]
        state = markdown(_state(version))
        if version.errors:
            state += "<br>" + "<br>".join(markdown(f"{e.file}:{e.line}:{e.column}: {e.message}")
                                         for e in version.errors)
        lines.append("| " + " | ".join([_md_commit(version), *people, markdown(version.path), state]) + " |")
    return "\n".join(lines) + "\n"


def _person_json(person: Person) -> dict[str, Any]:
    return {"name": person.name, "email": person.email, "date": person.at.isoformat() if person.at else None,
            "date_credible": person.credible}


def _commit_json(commit: Commit | None) -> dict[str, Any] | None:
    if commit is None:
        return None
    return {"id": commit.id, "author": _person_json(commit.author), "committer": _person_json(commit.committer),
            "subject": commit.subject}


def document(history: History) -> dict[str, Any]:
    """The history as JSON values: ``history --format json`` and ``report --format json --history``."""
    zone = history.zone

    def change(item: Change) -> dict[str, Any]:
        return {"commit": item.version.commit.id if item.version.commit else None,
                "before": json_value(item.before, zone), "after": json_value(item.after, zone),
                "recorded_after_hours": _hours(item.recorded_after), "late": item.late, "moved": item.moved}

    return {
        "incident": history.incident_id,
        "file": history.file,
        "head": history.head,
        "shallow": history.shallow,
        "uncommitted": history.uncommitted,
        "versions_left_out": history.versions_left_out,
        "read_limit_reached": history.read_limit_reached,
        "late_after_hours": _hours(history.late_after),
        "commit_time": "committer",
        "timezone": history.zone.key,
        "facts": [{"fact": fact.fact, "dated": fact.dated, "value": json_value(_current(fact), zone),
                   "changes": [change(item) for item in fact.changes]} for fact in history.facts],
        "versions": [{"commit": _commit_json(version.commit), "parents": list(version.parents), "path": version.path,
                      "state": version.state,
                      "errors": [{"file": e.file, "line": e.line, "column": e.column, "message": e.message}
                                 for e in version.errors]} for version in history.versions],
    }


def render_json(history: History) -> str:
    return json_text(json.dumps(document(history), indent=2, ensure_ascii=False)) + "\n"

