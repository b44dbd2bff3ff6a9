#!/usr/bin/env python3
"""Fuzz breachtrack through its real command line, as a hostile pull request would.

Each case is a register folder: the sample register's ``breachtrack.toml`` (sometimes
mutated), a few mutated copies of sample incidents, under names that are sometimes hostile,
and two untouched samples. Every command runs on it as ``python -m breachtrack``, in a
subprocess with a timeout, and every run is checked: its exit code, no traceback or internal
error, safe output, reports that parse, and the untouched incidents still reported.

    python fuzz/fuzz_cli.py --seed 1 --files 300 --seconds 400 --keep /tmp/fuzz-fail

A case depends only on the seed and its number: the same seed builds the same registers.
See fuzz/README.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from icalendar import Calendar

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_REGISTER = ROOT / "incidents"
SEEDS = ROOT / "fuzz" / "seeds"
"""Incidents beside the sample register's: every regime beyond Europe in one file."""
REGISTER = "register"
"""The register folder's name inside each case's working folder, where the CLI runs."""
AS_OF = "2026-11-23T12:00"
"""Every sample incident is detected before this moment, so each one is in the report."""

# --- values a hostile author writes ------------------------------------------------------------

DATE_TIMES = [
    "0001-01-01T00:00", "9999-12-31T23:59", "0001-01-01T00:00+23:59", "9999-12-31T23:59-23:59",
    "9999-12-31T23:59:59.999999", "0001-01-01T00:00Z", "9999-12-31", "0001-01-01", "2023-02-29T10:00",
    "2100-02-29T10:00", "2026-11-20T10:00+23:59", "2026-11-20T10:00-00:00", "2026-11-20T10:00+24:00",
    "2025-03-30T02:30", "2025-03-30T02:00", "2025-10-26T02:30", "2025-10-26T02:30+01:00",
    "2025-03-30T02:30+01:00", "2026-11-20T24:00", "2026-13-01T10:00", "2026-11-20T10:00:60",
    "+12026-01-01T00:00", "2026-W47-1T10:00", "20261120T1000", "2026-11-20T10:00 Europe/Paris",
]
DAYS = ["0001-01-01", "9999-12-31", "2023-02-29", "2100-02-29", "2026-02-30", "0000-01-01", "9999-12-31T23:59",
        "2026-11-20T10:00+23:59"]
DURATIONS = ["99999999 months", "999999999 days", "99999999999999999999 weeks", "0 days", "-1 days",
             "1e400 days", "9999 months", "120000 months", "3652059 days", "521722 weeks"]
NUMBERS = ["0x" + "f" * 4000, "1e400", "-1e400", "-1", "-0", ".nan", ".inf", "-.inf", "1e-400", "9" * 4400,
           "0o777", "4.5", "1e308", "-0x1", "+5"]
WRONG_TYPES = ["[a, b]", "{x: 1}", "[]", "{}", "~", "true", '""', "[[[]]]", "{id: X, risk: high}",
               "!!binary aGVsbG8=", "!!python/object/apply:os.system [echo]", "!!timestamp 2026-01-01",
               "!!set {a}", "!!float 1", "!custom x", "'0'", "\n- a\n- b", "\na: b\nc: d", '"\\ud800"']
HOSTILE_PIECES = [  # YAML double-quoted source text: \e is ESC, \0 NUL, \N U+0085, \L U+2028
    r"\e[31m", r"\x9b2J", r"\0", r"\uFFFE", r"\uFFFF", r"\u202e", r"\n::error::forged", r"\r\n::warning::x",
    "##[error]x", "##vso[task.complete]", "::stop-commands::tok", "[/]", "[link=https://x]", "<details>",
    "</table>", "<!--", "`", "``", "|", "# ", "- ", "1. ", "> ", "*", "_", "&amp;", r"\\", r"\t", r"\a",
    r"\x7f", r"\N", r"\L", r"\u2066", r"\e]8;;https://evil.example\a", "%0A::error::x", "{{ 7*7 }}",
    "{% raw %}", "${x}", r"\U0001F4A5", "x",
]
HOSTILE_NAMES = [
    b"with space.yaml", b"::error::x.yaml", b"-leading.yaml", b"--help.yaml", b"bad\xff.yaml",
    b"x" * 245 + b".yaml", b"##[error]x.yaml", b"\x1b[31mred.yaml", b"new\nline.yaml", b"tab\t.yaml",
    b"%0A::error::x.yaml", b"a:b,c=d.yaml", b"\xc2\x9b2J.yaml", b"\xe2\x80\xaeevil.yaml", b"`|<b>.yaml",
    b"x.yml", b"::warning sub\xff/::error::x.yaml", b"-dir/-x.yaml",
]

ERAS = [  # (a date and time, its day): one era for every date of a file keeps their order valid
    ("0001-01-01T00:00", "0001-01-01"), ("9999-12-31T23:59", "9999-12-31"), ("0001-01-01T00:00+23:59", "0001-01-01"),
    ("9999-12-31T23:59-23:59", "9999-12-31"), ("2025-10-26T02:30+01:00", "2025-10-26"),
    ("2024-02-29T00:00-00:00", "2024-02-29"),
]
DATE_TIME_KEYS = re.compile(r".*_at$|required_due$|intermediate_due$")
DAY_KEYS = {"decided_on", "notified_on", "done_on"}
NUMBER_KEYS = {"subjects", "records", "fine_eur", "turnover_eur", "astreinte_eur_per_day"}
FREE_TEXT_KEYS = {"title", "organisation", "description", "consequences", "reference", "delay_reasons", "channel",
                  "with", "waived", "authority", "evidence", "name", "email", "phone", "measures_taken",
                  "measures_planned", "advice_to_subjects", "controller"}
"""Fields that take any text: a hostile value there keeps the file valid, and reaches every report."""
FIELD_LINE = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[A-Za-z_]+):(?P<value>[ \t].*)?$")


def hostile_text(rng: random.Random) -> str:
    """A YAML value made of escapes, controls and markup: quoted, plain, or a block scalar."""
    pieces = "".join(rng.choice(HOSTILE_PIECES) for _ in range(rng.randint(1, 6)))
    shape = rng.random()
    if shape < 0.7:
        return f'"{pieces}"'
    if shape < 0.85:
        return "|\n" + "\n".join(rng.choice(["::error::forged", "##[error]x", "# heading", "- item", "`x`", "ok"])
                                 for _ in range(3))
    return rng.choice(["x ##[error]y", "a | b", "<script>x</script>", "x [/] y", "x `code` y", "a" * 100_000])


def value_for(rng: random.Random, key: str, wrong_kind: float = 0.25) -> str:
    """A value for ``key``: mostly an extreme one of its own kind, sometimes of the wrong kind."""
    if rng.random() < wrong_kind:
        return rng.choice([*WRONG_TYPES, *NUMBERS, *DATE_TIMES, hostile_text(rng)])
    if DATE_TIME_KEYS.match(key):
        return rng.choice(DATE_TIMES)
    if key in DAY_KEYS:
        return rng.choice(DAYS)
    if key == "due":
        return rng.choice([*DAYS, *DURATIONS])
    if key in NUMBER_KEYS:
        return rng.choice(NUMBERS)
    return hostile_text(rng) if rng.random() < 0.8 else rng.choice(WRONG_TYPES)


# --- incident mutations ------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """A ``key: value`` line of an incident file; ``span`` lines with its block scalar."""

    line: int
    span: int
    indent: str
    key: str


def fields_of(lines: list[str]) -> list[Field]:
    """The lines that hold a value (not those that open a mapping or a list)."""
    found = []
    for number, line in enumerate(lines):
        match = FIELD_LINE.match(line)
        if not match or not (match["value"] or "").strip() or match["value"].strip().startswith("#"):
            continue
        span = 1
        if match["value"].strip()[:1] in (">", "|"):  # a block scalar: its lines are indented deeper
            depth = len(match["indent"])
            while number + span < len(lines) and _indented_deeper(lines[number + span], depth):
                span += 1
        found.append(Field(number, span, match["indent"], match["key"]))
    return found


def _indented_deeper(line: str, depth: int) -> bool:
    return not line.strip() or len(line) - len(line.lstrip()) > depth


def with_value(lines: list[str], place: Field, value: str) -> list[str]:
    """``lines`` with the value at ``place`` replaced; a value's later lines are indented under it."""
    first, *rest = value.split("\n")
    indent = " " * (len(place.indent) + 2)
    new = [f"{place.indent}{place.key}: {first}".rstrip(), *(indent + line for line in rest)]
    return lines[: place.line] + new + lines[place.line + place.span:]


def _replace_fields(text: str, new_value: Callable[[Field], str | None], label: str) -> tuple[str, str]:
    """``text`` with each field's value replaced by ``new_value`` of it (None: kept)."""
    lines = text.split("\n")
    changes = []
    for place in reversed(fields_of(lines)):  # from the end: earlier line numbers stay right
        value = new_value(place)
        if value is not None:
            lines = with_value(lines, place, value)
            changes.append(f"{place.key}: {value[:40]!r}")
    return "\n".join(lines), f"{label}: " + ", ".join(reversed(changes))


def extreme_dates(rng: random.Random, text: str) -> tuple[str, str]:
    """Every date at an extreme: one era for all, the facts after awareness only, each its own, or
    only the remediation ``due`` (huge durations after a real sanction)."""
    style = rng.choice(["one era", "later facts", "each its own", "due only"])
    moment, day = rng.choice(ERAS)

    def new_value(place: Field) -> str | None:
        if not (DATE_TIME_KEYS.match(place.key) or place.key in DAY_KEYS or place.key == "due"):
            return None
        if style == "each its own":
            return value_for(rng, place.key, wrong_kind=0)
        if style == "due only":
            return rng.choice([*DURATIONS, day]) if place.key == "due" else None
        if style == "later facts" and place.key in ("detected_at", "aware_at"):
            return None
        if place.key == "due":
            return rng.choice([day, *DURATIONS])
        return day if place.key in DAY_KEYS else moment
    return _replace_fields(text, new_value, f"extreme dates ({style}, {moment})")


def extreme_numbers(rng: random.Random, text: str) -> tuple[str, str]:
    return _replace_fields(text, lambda place: rng.choice(NUMBERS) if place.key in NUMBER_KEYS else None,
                           "extreme numbers")


def hostile_texts(rng: random.Random, text: str) -> tuple[str, str]:
    return _replace_fields(text, lambda place: hostile_text(rng) if place.key in FREE_TEXT_KEYS else None,
                           "hostile texts")


def random_fields(rng: random.Random, text: str) -> tuple[str, str]:
    return _replace_fields(text, lambda place: value_for(rng, place.key) if rng.random() < 0.2 else None,
                           "random fields")


def delete_lines(rng: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    gone = sorted(rng.sample(range(len(lines)), min(len(lines), rng.randint(1, 3))))
    return "\n".join(line for number, line in enumerate(lines) if number not in gone), f"deleted lines {gone}"


def duplicate_key(rng: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    place = rng.choice(fields_of(lines))
    copy = with_value(lines, place, value_for(rng, place.key))[place.line]
    lines.insert(place.line + place.span, copy)
    return "\n".join(lines), f"duplicated key {place.key!r} on line {place.line + 1}"


def deep_nesting(rng: random.Random, text: str) -> tuple[str, str]:
    depth = rng.choice([41, 200, 1001, 5001, 100_000])
    value = rng.choice([
        "[" * depth + "]" * depth, "{a: " * depth + "1" + "}" * depth, "[" * depth,
        "\n" + "- " * min(depth, 20_000) + "x", "\n" + "\n".join(" " * (2 * i) + "a:" for i in range(min(depth, 300))),
    ])
    lines = text.split("\n")
    place = rng.choice(fields_of(lines))
    return "\n".join(with_value(lines, place, value)), f"nesting {depth} deep at {place.key!r}"


def aliases(rng: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    place = rng.choice(fields_of(lines))
    kind = rng.choice(["bomb", "self", "mapping as text", "undefined", "alias key", "merge key"])
    if kind == "bomb":
        levels = rng.randint(3, 9)
        bomb = ["lol0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        bomb += [f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, levels + 1)]
        lines = bomb + lines
    elif kind == "self":
        lines = with_value(lines, place, rng.choice(["&s [*s]", "&s {a: *s}", "&s [a, [b, *s]]"]))
    elif kind == "mapping as text":
        lines = ["base: &m {name: x, list: [1, 2]}"] + with_value(lines, place, "*m")
    elif kind == "undefined":
        lines = with_value(lines, place, "*nope")
    elif kind == "alias key":
        lines = ["&k title: first"] + lines + ["*k : second"]
    else:
        lines = ["base: &m {title: merged}", "<<: *m"] + lines
    return "\n".join(lines), f"aliases ({kind}) at {place.key!r}"


def documents(rng: random.Random, text: str) -> tuple[str, str]:
    kind = rng.randrange(5)
    shaped = [
        f"---\n{text}\n---\n{text}", f"{text}\n...\n", f"%YAML 1.1\n---\n{text}", f"%YAML 9.9\n---\n{text}",
        f"%TAG !e! tag:yaml.org,2002:python/\n---\n{text}\nextra: !e!object/apply:os.system [echo]\n",
    ][kind]
    return shaped, f"documents (shape {kind})"


def truncate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    cut = rng.randrange(len(data) + 1)
    return data[:cut], f"truncated at byte {cut}"


def insert_byte(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    where, byte = rng.randrange(len(data) + 1), rng.randrange(256)
    return data[:where] + bytes([byte]) + data[where:], f"byte 0x{byte:02x} inserted at {where}"


def line_breaks(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    kind = rng.choice(["crlf", "cr", "bom", "bom twice", "nel", "line separator"])
    changed = {
        "crlf": data.replace(b"\n", b"\r\n"), "cr": data.replace(b"\n", b"\r"), "bom": b"\xef\xbb\xbf" + data,
        "bom twice": b"\xef\xbb\xbf\xef\xbb\xbf" + data, "nel": data.replace(b"\n", b"\xc2\x85"),
        "line separator": data.replace(b"\n", b"\xe2\x80\xa8"),
    }[kind]
    return changed, f"line breaks: {kind}"


TEXT_MUTATIONS = [extreme_dates, extreme_numbers, hostile_texts, random_fields, delete_lines, duplicate_key,
                  deep_nesting, aliases, documents]
TEXT_WEIGHTS = [4, 3, 4, 4, 1, 1, 1, 1, 1]
BYTE_MUTATIONS = [truncate, insert_byte, line_breaks]


def mutated_incident(rng: random.Random, text: str) -> tuple[bytes, list[str]]:
    """``text`` after one to three mutations of its values and structure, and what they were."""
    done = []
    for mutation in rng.choices(TEXT_MUTATIONS, TEXT_WEIGHTS, k=rng.randint(1, 3)):
        text, description = mutation(rng, text)
        done.append(description)
    data = text.encode("utf-8")
    if rng.random() < 0.2:
        data, description = rng.choice(BYTE_MUTATIONS)(rng, data)
        done.append(description)
    return data, done


# --- breachtrack.toml mutations ----------------------------------------------------------------

TOML_LINES = [
    # wrong types
    "timezone = 5", "warn_within = [1, 2]", 'max_file_mb = "5"', "fail_on = { a = 1 }", 'regimes = "gdpr"',
    "max_file_mb = true", "country = 1", "subdivision = []", "subject_notice_within = 1979-05-27T07:32:00Z",
    "complaint_within = 72", 'timezone = ""', "regimes = [[[]]]", "fail_on = []",
    # unknown keys
    'colour = "red"', "[section]\nx = 1", '"\\u001b[31m" = 1', '"::error::x" = 1', '"##[error]x" = 1',
    '"\\u202e" = 1', "[[incidents]]\nid = 1",
    # huge or odd values
    'warn_within = "99999999999 weeks"', 'subject_notice_within = "999999999999999h"',
    'complaint_within = "1e400 days"', "max_file_mb = 99999999999999999999999", 'controller_notice_within = "-1h"',
    "max_file_mb = 1e400", "max_file_mb = inf", "max_file_mb = nan", 'warn_within = "0h"',
    'subject_notice_within = "2147483648 days"', 'complaint_within = "999999999 days"',
    'controller_notice_within = "99999999999 weeks"', 'fail_on = "overdue,late,pending,done,exempt,not_applicable"',
    # hostile values
    'timezone = "\\u001b[31m"', 'timezone = "../../../etc/passwd"', 'timezone = "::error::x"',
    'country = "\\n::error::forged"', 'subdivision = "##[error]"', 'fail_on = "\\u202e"', 'regimes = ["\\u001b"]',
    'timezone = "Etc/GMT+12"', 'timezone = "Pacific/Kiritimati"', 'country = "XX"', 'timezone = "/etc/localtime"',
    'timezone = "Europe/Paris\\u0000"', 'subdivision = "57"', 'country = "US"\nsubdivision = "\\u001b"',
]


BROKEN_TOML_ENDINGS = [
    (b'timezone = "Europe/Paris\n', "an unterminated string"), (b"\xff\xfe = 1\n", "bytes that are not UTF-8"),
    (b'timezone = "UTC"\n', "a key written twice"), (b"x = \x00\n", "a NUL byte"), (b"= 1\n", "a key missing"),
    (b"[a]\n[a]\n", "a table written twice"),
]


def mutated_config(rng: random.Random, text: str) -> tuple[bytes, str]:
    """The sample ``breachtrack.toml`` with a wrong, unknown, huge, deep or broken setting."""
    kind = rng.choice(["setting", "setting", "setting", "deep nesting", "broken"])
    if kind == "setting":
        setting = rng.choice(TOML_LINES)
        key = setting.split(" =")[0]
        kept = [line for line in text.split("\n") if not line.startswith(key + " ")]
        return "\n".join([*kept, setting, ""]).encode("utf-8"), f"breachtrack.toml: {setting!r}"
    if kind == "deep nesting":
        depth = rng.choice([100, 1000, 100_000])
        style, nested = rng.choice([
            ("arrays", "x = " + "[" * depth + "]" * depth), ("unclosed arrays", "x = " + "[" * depth),
            ("inline tables", "x = " + "{a = " * depth + "1" + "}" * depth),
            ("a dotted key", "a" + ".a" * depth + " = 1"),
        ])
        return (text + nested + "\n").encode("utf-8"), f"breachtrack.toml: {style} nested {depth} deep"
    data = text.encode("utf-8")
    if rng.random() < 0.5:
        broken, description = rng.choice([truncate, insert_byte])(rng, data)
    else:
        ending, description = rng.choice(BROKEN_TOML_ENDINGS)
        broken = data + ending
    return broken, f"breachtrack.toml: {description}"


# --- cases ----------------------------------------------------------------------------------


@dataclass
class Sample:
    """An incident file of the sample register."""

    name: str
    text: str
    id: str


def sample_incidents() -> list[Sample]:
    samples = []
    for path in [*sorted(SAMPLE_REGISTER.glob("*.yaml")), *sorted(SEEDS.glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        samples.append(Sample(path.name, text, re.search(r"^id: (\S+)", text, re.MULTILINE)[1]))
    return samples


@dataclass
class Case:
    """One register folder to run every command on, and how it was made."""

    number: int
    files: dict[bytes, bytes]
    """Path inside the register folder -> content; ``breachtrack.toml`` among them."""
    mutations: list[str]
    mutated_ids: list[str]
    untouched_ids: list[str]
    commands: list[Command] = field(default_factory=list)

    @property
    def mutated_files(self) -> int:
        return len(self.mutated_ids)


def build_case(number: int, seed: int, samples: list[Sample], most_files: int) -> Case:
    """Case ``number`` of ``seed``: the same register every time."""
    rng = random.Random(f"{seed}:{number}")
    chosen = rng.sample(samples, len(samples))
    mutated = chosen[: min(most_files, rng.randint(1, 4))]
    untouched = chosen[len(chosen) - 2:]
    config = (SAMPLE_REGISTER / "breachtrack.toml").read_text(encoding="utf-8")
    files: dict[bytes, bytes] = {}
    mutations = []
    if rng.random() < 0.4:
        files[b"breachtrack.toml"], description = mutated_config(rng, config)
        mutations.append(description)
    else:
        files[b"breachtrack.toml"] = config.encode("utf-8")
    for sample in untouched:
        files[sample.name.encode()] = sample.text.encode("utf-8")
    for sample in mutated:
        name = sample.name.encode()
        if rng.random() < 0.35:
            name = rng.choice(HOSTILE_NAMES)
        if name in files:
            name = b"m-" + name.replace(b"/", b"-")[-200:]
        files[name], done = mutated_incident(rng, sample.text)
        mutations.append(f"{name!r} (from {sample.name}): " + "; ".join(done))
    case = Case(number, files, mutations, [s.id for s in mutated], [s.id for s in untouched])
    case.commands = commands_for(rng, case)
    return case


def write_register(case: Case, folder: Path) -> None:
    """The case's files under ``folder``, with names given as bytes (not always UTF-8)."""
    root = os.fsencode(folder)
    for name, content in case.files.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(content)


# --- commands -------------------------------------------------------------------------------

EXTREME_AS_OF = ["0001-01-01", "0001-01-01T00:00", "9999-12-31T23:59", "9999-12-31T23:59:59.999999",
                 "9999-12-31T23:59-23:59", "0001-01-01T00:00+23:59", "9999-12-31", "2025-03-30T02:30",
                 "2025-10-26T02:30", "2026-02-29", " 2026-11-23 ", "2026-11-23T12:00+24:00"]
HUGE_WARN_WITHIN = ["99999999999 weeks", "999999999999h", "1e400 days", "-1h", "0h", "99999999 days",
                    "2147483648 hours", "521722 weeks"]


@dataclass(frozen=True)
class Command:
    """One CLI run and what its output must be."""

    arguments: tuple[str, ...]
    output: str
    """What stdout is: text, github, json, junit, ical, md, html (a draft is checked as text)."""
    must_report: bool = False
    """Run at AS_OF on the register: it prints a report whatever the files hold."""
    untouched_ids: tuple[str, ...] = ()
    """Incidents it must show: the untouched ones (a JSON report of the register, show, draft)."""

    @property
    def label(self) -> str:
        """The command without its values: how failures are grouped."""
        shown = [self.arguments[0]]
        for option in ("--format", "--to", "--include-done", "--lang"):
            if option in self.arguments:
                at = self.arguments.index(option)
                shown += self.arguments[at: at + (1 if option == "--include-done" else 2)]
        if "--as-of" in self.arguments and self.arguments[self.arguments.index("--as-of") + 1] != AS_OF:
            shown.append("--as-of EXTREME")
        if "--warn-within" in self.arguments:
            shown.append("--warn-within HUGE")
        return " ".join(shown)


CHECK_FORMATS = {"text": "text", "json": "json", "github": "github", "junit": "junit", "gitlab": "json"}


def commands_for(rng: random.Random, case: Case) -> list[Command]:
    """Every command on the case's register; a few with an extreme --as-of or --warn-within."""
    at = ("--as-of", AS_OF)
    commands = [Command(("check", REGISTER, *at, "--format", name), output, must_report=True)
                for name, output in CHECK_FORMATS.items()]
    commands += [Command(("report", REGISTER, *at, "--format", name), name, must_report=True,
                         untouched_ids=tuple(case.untouched_ids) if name == "json" else ())
                 for name in ("md", "json", "html")]
    commands.append(Command(("calendar", REGISTER, *at, *(["--include-done"] if rng.random() < 0.5 else [])),
                            "ical", must_report=True))
    commands.append(Command(("validate", REGISTER), "text", must_report=True))
    commands.append(Command(("export", REGISTER, *at, "--format", "csv", "--what",
                             rng.choice(["incidents", "obligations"])), "csv", must_report=True))
    stats_format = rng.choice(["json", "csv"])
    commands.append(Command(("stats", REGISTER, *at, "--format", stats_format), stats_format, must_report=True))
    commands.append(Command(("check", REGISTER, *at, "--lang", "fr"), "text", must_report=True))
    mutated_id, untouched_id = rng.choice(case.mutated_ids), rng.choice(case.untouched_ids)
    for incident_id, must_show in ((mutated_id, ()), (untouched_id, (untouched_id,))):
        commands.append(Command(("show", incident_id, "--register", REGISTER, *at), "text",
                                untouched_ids=must_show))
        commands.append(Command(("draft", incident_id, "--to", "authority", "--register", REGISTER, *at), "text",
                                untouched_ids=must_show))
    if rng.random() < 0.5:
        extreme = ("--as-of", rng.choice(EXTREME_AS_OF))
        commands.append(rng.choice([
            Command(("check", REGISTER, *extreme), "text"),
            Command(("check", REGISTER, *extreme, "--format", "json"), "json"),
            Command(("report", REGISTER, *extreme, "--format", "json"), "json"),
            Command(("report", REGISTER, *extreme, "--format", "md"), "md"),
            Command(("calendar", REGISTER, *extreme, "--include-done"), "ical"),
            Command(("show", untouched_id, "--register", REGISTER, *extreme), "text"),
            Command(("draft", untouched_id, "--to", "subjects", "--register", REGISTER, *extreme), "text"),
        ]))
    if rng.random() < 0.3:
        commands.append(Command(("check", REGISTER, *at, "--warn-within", rng.choice(HUGE_WARN_WITHIN)), "text"))
    return commands


# --- checks ---------------------------------------------------------------------------------

KINDS = {"traceback": "tracebacks", "internal error": "internal errors", "hang": "hangs (timeouts)",
         "exit code": "unexpected exit codes", "malformed report": "malformed reports",
         "unsafe output": "unsafe output", "lost incident": "lost incidents"}
"""Failure kinds, and how the figures name them."""

TERMINAL_CONTROL = re.compile("[\x1b\x9b\x07\x00\u202e]")  # as tests/test_safe_output.py
FORGED_COMMAND = re.compile(r"^\s*::.*|.*##(vso)?\[.*", re.MULTILINE)
LEGACY_COMMAND = re.compile(r"##(vso)?\[")
ANNOTATION = re.compile(r"::(error|warning) file=[^:]*,line=\d+,col=\d+,title=[^:]*::")
FOLDED_BLOCK = re.compile(r"^(<details><summary>\d+ obligations? do(es)? not apply</summary>|</details>)$", re.MULTILINE)
"""The Markdown report's only lines of raw HTML (as tests/test_safe_output.py): no value is in them."""
MARKDOWN_LINE = re.compile(r"(# Breach register|## Invalid files|## Needs action$|## Summary$|## [\w.\\-]+: |### |\| |"
                           r"- `+|File `+|\*\*Penalty|Exposure is not|Fine ceilings, |- (GDPR|NIS2|UK GDPR|CRA) Art\. |"
                           r"Nothing overdue or due within |$)")
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # as tests/test_safe_output.py
RAW_HTML = re.compile(r"(?<!\\)<(?!br>)")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")


@dataclass(frozen=True)
class Failure:
    kind: str
    summary: str
    """What went wrong, without the values of this case: failures with one summary are grouped."""
    example: str = ""


def unsafe(text: str, output: str) -> list[Failure]:
    """What in ``text``, printed as ``output``, could restyle a terminal or forge a line."""
    found = []
    if control := TERMINAL_CONTROL.search(text):
        found.append(Failure("unsafe output", f"raw U+{ord(control.group()):04X}", _around(text, control.start())))
    if output == "github":
        for line in text.splitlines():
            if line.lstrip().startswith("::") and not ANNOTATION.match(line):
                found.append(Failure("unsafe output", "a '::' line that is not our annotation", line[:160]))
        if legacy := LEGACY_COMMAND.search(text):
            found.append(Failure("unsafe output", "a legacy workflow command '##['", _around(text, legacy.start())))
    elif forged := FORGED_COMMAND.search(text):
        found.append(Failure("unsafe output", "a workflow command ('::' line start or '##[')", forged.group()[:160]))
    if output == "csv":
        for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")):
            if formula := next((cell for cell in row if cell.lstrip(" ").startswith(FORMULA)), None):
                found.append(Failure("unsafe output", "a CSV cell a spreadsheet reads as a formula", formula[:160]))
                break
    if output == "md":
        for line in text.splitlines():
            if not MARKDOWN_LINE.match(line) and not FOLDED_BLOCK.fullmatch(line):
                found.append(Failure("unsafe output", "a Markdown line that starts a block of its own", line[:160]))
                break
        outside_code = FOLDED_BLOCK.sub("", CODE_SPAN.sub("", text))
        if html := RAW_HTML.search(outside_code):
            found.append(Failure("unsafe output", "raw HTML in Markdown", _around(outside_code, html.start())))
    return found


def _around(text: str, index: int) -> str:
    return repr(text[max(0, index - 60): index + 60])


def malformed(text: str, output: str) -> Failure | None:
    """A parse error of a machine-readable report."""
    try:
        if output == "json":
            json.loads(text)
        elif output == "junit":
            ElementTree.fromstring(text.encode("utf-8"))
        elif output == "ical":
            Calendar.from_ical(text)
    except Exception as error:  # each parser has its own errors; any of them means a broken report
        return Failure("malformed report", f"{output} does not parse: {type(error).__name__}", str(error)[:200])
    return None


def lost_incidents(command: Command, returncode: int, stdout: str, stderr: str) -> Failure | None:
    """An untouched incident that the command does not show: one file hid another."""
    if command.arguments[0] in ("show", "draft"):
        if returncode != 0 or not stdout:
            return Failure("lost incident", f"{command.arguments[0]} of an untouched incident exited {returncode}",
                           stderr.strip()[:200])
        return None
    try:
        reported = {incident["id"] for incident in json.loads(stdout)["incidents"]}
    except Exception:  # a report that does not parse is already counted as malformed
        return None
    missing = [incident_id for incident_id in command.untouched_ids if incident_id not in reported]
    if missing:
        return Failure("lost incident", "an untouched incident is missing from the JSON report", ", ".join(missing))
    return None


def failures_of(command: Command, returncode: int, out: bytes, err: bytes) -> list[Failure]:
    """Everything wrong with one finished run."""
    found = []
    streams = {}
    for stream, data in (("stdout", out), ("stderr", err)):
        try:
            streams[stream] = data.decode("utf-8")
        except UnicodeDecodeError as error:
            around = repr(data[max(0, error.start - 40): error.end + 40])
            found.append(Failure("unsafe output", f"{stream} is not UTF-8", around))
            streams[stream] = data.decode("utf-8", "replace")
    stdout, stderr = streams["stdout"], streams["stderr"]
    allowed = (0, 1, 2) if command.arguments[0] == "check" else (0, 2)
    if returncode not in allowed:
        found.append(Failure("exit code", f"exit code {returncode}", stderr.strip()[-200:]))
    if "Traceback (most recent call last)" in stderr:
        found.append(Failure("traceback", _general(stderr.strip().splitlines()[-1]), stderr.strip()[-300:]))
    if "internal error" in stderr:
        line = next(line for line in stderr.splitlines() if "internal error" in line)
        found.append(Failure("internal error", _general(line), line[:300]))
    found += unsafe(stdout, command.output) + unsafe(stderr, "text")
    if stdout and (problem := malformed(stdout, command.output)):
        found.append(problem)
    crashed = any(failure.kind in ("traceback", "internal error", "exit code") for failure in found)
    if crashed:  # what is missing then is the crash's doing: not counted twice
        return found
    if command.must_report and not stdout:
        found.append(Failure("malformed report", "no report printed", stderr.strip()[:200]))
    if command.untouched_ids and (problem := lost_incidents(command, returncode, stdout, stderr)):
        found.append(problem)
    return found


def _general(message: str) -> str:
    """A message without this case's numbers, quoted values and file names."""
    message = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", message)
    return re.sub(r"\d+", "N", message)[:160]


# --- running ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one case's runs found."""

    case: Case
    runs: int = 0
    failures: list[tuple[Command, Failure]] = field(default_factory=list)


def run_case(case: Case, deadline: float, timeout: float, keep: Path | None) -> Outcome:
    """Every command on the case's register, until the deadline; failing cases kept in ``keep``."""
    outcome = Outcome(case)
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "160"}
    outputs = []
    with tempfile.TemporaryDirectory(prefix="breachtrack-fuzz-") as work:
        write_register(case, Path(work) / REGISTER)
        for command in case.commands:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            argv = [sys.executable, "-m", "breachtrack", *command.arguments]
            try:
                finished = subprocess.run(argv, check=False, cwd=work, env=environment, capture_output=True,
                                          timeout=min(timeout, left))
            except subprocess.TimeoutExpired as expired:
                if left < timeout:
                    break  # stopped by the budget, not by the command
                found = [Failure("hang", f"no exit within {timeout:g} s")]
                out, err = expired.stdout or b"", expired.stderr or b""
            else:
                found = failures_of(command, finished.returncode, finished.stdout, finished.stderr)
                out, err = finished.stdout, finished.stderr
            outcome.runs += 1
            outcome.failures += [(command, failure) for failure in found]
            if found:
                outputs.append((command, found, out, err))
        if outputs and keep is not None:
            keep_case(keep, case, Path(work) / REGISTER, outputs)
    return outcome


def keep_case(keep: Path, case: Case, register: Path, outputs: list) -> None:
    """The register, the failing commands as a script, their output and how the case was made."""
    folder = keep / f"case-{case.number:05d}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(register, folder / REGISTER)
    script = ["#!/bin/sh", "# Reproduce: run from this folder with the breachtrack under test installed.",
              'cd "$(dirname "$0")"']
    for number, (command, found, out, err) in enumerate(outputs, start=1):
        script += ["", *(f"# {f.kind}: {f.summary}" for f in found),
                   shlex.join(["python", "-m", "breachtrack", *command.arguments])]
        (folder / f"run-{number:02d}.stdout").write_bytes(out)
        (folder / f"run-{number:02d}.stderr").write_bytes(err)
    (folder / "commands.sh").write_text("\n".join(script) + "\n", encoding="utf-8")
    (folder / "commands.sh").chmod(0o755)
    (folder / "mutations.txt").write_text("\n".join(case.mutations) + "\n", encoding="utf-8")


@dataclass
class Group:
    """Failures of one kind and summary: in how many runs, which cases and which commands."""

    example: str
    runs: int = 0
    cases: set[int] = field(default_factory=set)
    commands: set[str] = field(default_factory=set)


@dataclass
class Figures:
    files: int = 0
    cases: int = 0
    runs: int = 0
    failing_runs: Counter = field(default_factory=Counter)
    """Kind -> runs with at least one failure of that kind."""
    groups: dict[tuple[str, str], Group] = field(default_factory=dict)
    """(kind, summary) -> where it happened."""

    def add(self, outcome: Outcome) -> None:
        self.cases += 1
        self.files += outcome.case.mutated_files
        self.runs += outcome.runs
        seen_runs: set[tuple[int, str]] = set()
        for command, failure in outcome.failures:
            if (id(command), failure.kind) not in seen_runs:
                seen_runs.add((id(command), failure.kind))
                self.failing_runs[failure.kind] += 1
            group = self.groups.setdefault((failure.kind, failure.summary), Group(failure.example))
            group.runs += 1
            group.cases.add(outcome.case.number)
            group.commands.add(command.label)

    def print(self, seed: int, seconds: float) -> None:
        print(f"breachtrack fuzz, seed {seed}: {self.files} files tried in {self.cases} registers, "
              f"{self.runs} CLI runs in {seconds:.0f} s")
        for kind, name in KINDS.items():
            print(f"  {name:<22} {self.failing_runs[kind]}")
        if self.groups:
            print("distinct failures:")
        for (kind, summary), group in sorted(self.groups.items()):
            cases = sorted(group.cases)
            print(f"  {kind}: {summary}\n      {group.runs} runs in {len(cases)} cases "
                  f"(first: {', '.join(map(str, cases[:5]))}); {'; '.join(sorted(group.commands))}")
            if group.example:
                print(f"      e.g. {group.example[:240]}")


def limit_memory(megabytes: int) -> None:
    """Cap the address space of this process and of every run it starts: a run that would
    exhaust the machine's memory fails with MemoryError instead."""
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="the same seed builds the same registers (default 0)")
    parser.add_argument("--files", type=int, default=100, help="mutated incident files to try (default 100)")
    parser.add_argument("--seconds", type=float, default=300, help="time budget: no run starts after it (default 300)")
    parser.add_argument("--timeout", type=float, default=60, help="a run taking longer is a hang (default 60)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="registers run at once (default: CPUs)")
    parser.add_argument("--memory-mb", type=int, default=4096, help="address-space cap of each run (default 4096)")
    parser.add_argument("--keep", type=Path, help="keep each failing case here: register, commands.sh, outputs")
    return parser.parse_args()


def main() -> int:
    options = arguments()
    limit_memory(options.memory_mb)
    samples = sample_incidents()
    started = time.monotonic()
    deadline = started + options.seconds
    figures = Figures()
    planned_files = 0
    number = 0
    running: set[Future[Outcome]] = set()
    with ThreadPoolExecutor(max_workers=options.jobs) as pool:
        while planned_files < options.files and time.monotonic() < deadline:
            case = build_case(number, options.seed, samples, options.files - planned_files)
            planned_files += case.mutated_files
            number += 1
            running.add(pool.submit(run_case, case, deadline, options.timeout, options.keep))
            if len(running) >= 2 * options.jobs:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    figures.add(future.result())
        for future in wait(running).done:
            figures.add(future.result())
    figures.print(options.seed, time.monotonic() - started)
    return 1 if sum(figures.failing_runs.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
