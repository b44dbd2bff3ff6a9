"""The one safe-text layer: what a value or a file name may look like in each kind of output.

Whoever opens a pull request writes every byte of the incident files, of their names and of
``breachtrack.toml``, and breachtrack prints those values into CI logs, annotations, merge
requests, terminals and documents. A value must never start a line, a heading, a list item or
a CI workflow command, restyle a terminal or hide text from the reader. So every output passes
its values and file names through one of these functions, chosen by the kind of output:

- ``plain``: terminals and CI logs (check, validate, show, error messages) and JUnit XML
  (whose parser refuses the control characters ``plain`` writes out);
- ``calendar_text``: iCalendar, whose long lines are folded at any point of a value;
- ``file_name``: a file name at the start of a line (``FILE:LINE:COLUMN: message``);
- ``markdown`` and ``code``: Markdown reports and drafts;
- ``json_text``: JSON documents, which keep values exact but must not carry a raw C1 control
  or direction mark to a terminal;
- ``spreadsheet_cell``: a text cell of a CSV or XLSX export, which a spreadsheet must never
  read as a formula.

Escapes are visible (``\\x1b``, ``\\n``, ``\\u202e``): a reader sees that something odd was
written rather than its effect.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0 and C1 controls, DEL: new lines, terminal escapes (ESC, CSI, OSC)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # direction marks that reorder what is shown
    "\u2028\u2029\ufeff\ufffe\uffff"  # line and paragraph separators, BOM, non-characters
    "\ud800-\udfff]"  # lone surrogates: bytes of a file name that is not UTF-8
    r"|##(?:vso)?\["  # GitHub's (and Azure's) legacy workflow commands, matched anywhere in a line
    r"|^\s*::"  # a GitHub workflow command, at the start of a line
)


def _escape(match: re.Match[str]) -> str:
    found = match.group()
    if found.endswith("["):
        return found[:-1] + "\\["
    if found.endswith("::"):
        return found[:-1] + "\\:"
    if found in _NAMED:
        return _NAMED[found]
    code = ord(found)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def plain(text: object) -> str:
    """``text`` as one line of printable text: controls, direction marks and CI commands
    written out, so that it can neither start a line nor change how a line is shown."""
    return _UNSAFE.sub(_escape, str(text))


def calendar_text(text: object) -> str:
    """``plain``, and every ``::`` broken as ``:\\:``: iCalendar folds a line every 75 octets,
    so any point of a value may start a line of the file (after one space)."""
    return plain(text).replace("::", ":\\:")


def file_name(name: str) -> str:
    """A file name that may start a line: ``plain``, and a name that would read as a workflow
    command gets ``./`` before it (the same file)."""
    if name.lstrip().startswith("::"):
        name = "./" + name
    return plain(name)


_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~&#!$])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([-+=>:])|^(\s*\d+)([.)])")  # a list, a heading, a quote
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def markdown(text: object) -> str:
    """``text`` as inline Markdown that shows exactly as written: no heading, list, table cell
    break, link, emphasis or raw HTML; a line break becomes a space, as Markdown renders it."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", plain(_LINE_BREAK.sub(" ", str(text))))
    return _MARKDOWN_LINE_START.sub(lambda m: "\\".join(part for part in m.groups() if part is not None), escaped)


def code(text: object) -> str:
    """``text`` as a Markdown code span that it cannot close early: the fence is longer than
    any run of backticks inside (CommonMark 6.1)."""
    content = plain(text)  # (not for a table cell, which ends at any '|', even in a code span)
    longest = max((len(run) for run in re.findall("`+", content)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{fence}{pad}{content}{pad}{fence}"


_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
    r"|(?<=##)\[|(?<=##vso)\["
)


def json_text(encoded: str) -> str:
    """A JSON document with what ``json.dumps(ensure_ascii=False)`` leaves raw and a terminal or
    a CI log would act on (C1 controls, direction marks, the '[' of a legacy workflow command)
    written as ``\\uXXXX`` escapes: the values parse back unchanged."""
    if encoded.isascii() and "##" not in encoded:  # most documents, at memory speed
        return encoded
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: object) -> str:
    """``text`` as a text cell of a CSV file or an XLSX sheet: one line (a line break becomes a
    space, as in Markdown), controls, direction marks and CI commands written out as ``plain``
    writes them, and never a formula. A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
    or a carriage return, even after spaces, would be read by Excel or LibreOffice as a formula
    (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``): it gets an apostrophe in front, which shows
    and is kept, as the OWASP advice on CSV injection recommends. One line, because a CSV file
    printed to a CI log must not start a line with a value."""
    raw = str(text)
    cell = plain(_LINE_BREAK.sub(" ", raw))
    if raw.lstrip(" ").startswith(_FORMULA_START) or cell.lstrip(" ").startswith(_FORMULA_START):
        return "'" + cell
    return cell
