"""JUnit XML, as GitLab, Jenkins and Azure DevOps render test results.

Every value is made plain first: XML 1.0 has no way to write most control characters, and
a JUnit viewer prints what it reads to a log.

One test suite per incident file, one test case per obligation: a ``failure`` for an
obligation in a ``--fail-on`` status, ``skipped`` for one that does not apply or is exempt,
and one ``error`` test case per invalid file, listing its errors.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from breachtrack.engine import Gate, findings
from breachtrack.i18n import _, ngettext
from breachtrack.model import FileError, IncidentReport, Report
from breachtrack.reporters import explanation, headline, shown, status_value, target_value
from breachtrack.safetext import plain

SKIPPED = ("not_applicable", "exempt")


def _suite(root: ET.Element, name: str, as_of: str) -> ET.Element:
    suite = ET.SubElement(root, "testsuite", name=plain(name), tests="0", failures="0", errors="0", skipped="0")
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="as_of", value=as_of)
    return suite


def _count(element: ET.Element, key: str) -> None:
    element.set(key, str(int(element.get(key)) + 1))


def _incident_suite(root: ET.Element, incident: IncidentReport, report: Report, verdicts: dict) -> None:
    suite = _suite(root, incident.file, report.as_of.isoformat())
    for obligation in incident.obligations:
        name = f"{obligation.id}: {obligation.title}"
        if obligation.entity is not None:  # a group register: two entities may have the same duty
            name = f"{obligation.entity}: {name}"
        case = ET.SubElement(
            suite, "testcase", classname=plain(incident.id), name=plain(name),
            file=plain(incident.file), line=str(obligation.line),
        )
        _count(suite, "tests")
        finding = verdicts.get((incident.id, obligation.id, obligation.entity))
        detail = (
            _("status: {status}\nbasis: {basis} ({target})\ndue: {due}\ndone: {done}\n{reason}").format(
                status=status_value(obligation.status), basis=plain(obligation.basis),
                target=target_value(obligation.target), due=shown(obligation.due), done=shown(obligation.done_at),
                reason=plain(obligation.reason))
        )
        if finding is not None and finding.severity == "failure":
            failure = ET.SubElement(case, "failure", message=headline(finding), type=finding.state)
            failure.text = explanation(finding, report.as_of)
            _count(suite, "failures")
        elif obligation.status in SKIPPED:
            ET.SubElement(case, "skipped", message=plain(_("{status}: {reason}").format(
                status=status_value(obligation.status), reason=obligation.reason)))
            _count(suite, "skipped")
        if finding is not None and finding.severity == "warning":
            detail = _("warning: {headline}\n{detail}").format(headline=headline(finding), detail=detail)
        ET.SubElement(case, "system-out").text = detail


def _invalid_suite(root: ET.Element, file: str, errors: list[FileError], as_of: str) -> None:
    suite = _suite(root, file, as_of)
    case = ET.SubElement(suite, "testcase", classname=plain(file), name=_("valid incident file"), file=plain(file),
                         line=str(errors[0].line))
    count = ngettext("{count} error", "{count} errors", len(errors)).format(count=len(errors))
    error = ET.SubElement(case, "error", message=plain(_("{file} is invalid ({count})").format(file=file, count=count)),
                          type="invalid")
    error.text = "\n".join(str(e) for e in errors)
    suite.set("tests", "1")
    suite.set("errors", "1")


def render(report: Report, gate: Gate) -> str:
    root = ET.Element("testsuites", name="breachtrack check")
    verdicts = {(f.incident.id, f.obligation.id, f.obligation.entity): f for f in findings(report, gate)}
    as_of = report.as_of.isoformat()
    suites = [(incident.file, incident) for incident in report.incidents]
    errors_by_file: dict[str, list[FileError]] = {}
    for error in report.errors:
        errors_by_file.setdefault(error.file, []).append(error)
    suites += list(errors_by_file.items())
    for _name, content in sorted(suites, key=lambda item: item[0]):
        if isinstance(content, IncidentReport):
            _incident_suite(root, content, report, verdicts)
        else:
            _invalid_suite(root, content[0].file, content, as_of)
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(suite.get(key)) for suite in root)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
