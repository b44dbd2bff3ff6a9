"""A GitLab Code Quality report: the merge request shows which problems are new or fixed.

Fingerprints name the incident, the obligation and its state (or the file and the message of
an invalid file), never a line or a time, so they stay the same from one run to the next.
"""

from __future__ import annotations

import hashlib
import json

from breachtrack.engine import Gate, findings
from breachtrack.i18n import _
from breachtrack.model import Report
from breachtrack.reporters import explanation, headline
from breachtrack.safetext import json_text


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(("breachtrack", *parts)).encode()).hexdigest()[:32]


def _issue(description: str, check_name: str, key: str, severity: str, path: str, line: int) -> dict:
    return {
        "description": description,
        "check_name": check_name,
        "fingerprint": key,
        "severity": severity,
        "location": {"path": path, "lines": {"begin": line}},
    }


def render(report: Report, gate: Gate) -> str:
    issues = [
        _issue(_("Invalid incident file: {message}").format(message=error.message), "breachtrack.invalid_file",
               fingerprint(error.file, error.message), "blocker", error.file, error.line)
        for error in report.errors
    ]
    for finding in findings(report, gate):
        incident, obligation = finding.incident, finding.obligation
        issues.append(
            _issue(
                _("{headline}. {explanation}").format(headline=headline(finding),
                                                      explanation=explanation(finding, report.as_of)),
                obligation.id,
                fingerprint(incident.id, obligation.id, finding.state,
                            *((obligation.entity,) if obligation.entity is not None else ())),
                "critical" if finding.severity == "failure" else "minor",
                incident.file,
                obligation.line,
            )
        )
    return json_text(json.dumps(issues, indent=2, ensure_ascii=False)) + "\n"
