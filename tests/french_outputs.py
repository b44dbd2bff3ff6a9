"""Every format that people read, rendered in French in-process: the register judged in French
as the CLI judges it, then each reporter inside ``i18n.using("fr")``. Shared by the English-leak
test and the hostile run of test_safe_output.py."""

from __future__ import annotations

import functools
from pathlib import Path

from breachtrack import cli, i18n
from breachtrack import stats as statistics
from breachtrack.engine import assemble, in_period
from breachtrack.loader import load_register
from breachtrack.model import Incident, Report
from breachtrack.reporters import draft, export, github, gitlab, html, ical, junit, markdown, show, stats, text


def french_outputs(register: Path, as_of: str) -> list[tuple[str, str, str]]:
    """(name, kind for test_safe_output.assert_safe, output) of each people format, in French."""
    with i18n.using("fr"):
        loaded, report = cli._evaluate([register], as_of)
        gate = cli.parse_gate(None, None, loaded)
        warn_within = loaded.config.warn_within.elapsed()
        figures = statistics.compute(in_period(report, None, None), None, None)
        built, facts = _with_facts(register, report)
        outputs = [
            ("check", "text", text.render(report, gate, color=False)),
            ("check github", "github", github.render(report, gate)),
            ("check junit", "junit", junit.render(report, gate)),
            ("check gitlab", "json", gitlab.render(report, gate)),
            ("report md", "md", markdown.render(report, warn_within)),
            ("report html", "html", html.render(report, warn_within)),
            ("calendar", "ical", ical.render(report, include_done=True, reminders=loaded.config.reminders)),
            ("stats md", "stats-md", stats.render_md(figures)),
            ("stats csv", "csv", stats.render_csv(figures)),
            ("stats html", "html", stats.render_html(figures)),
            ("export incidents", "csv", export.render_csv(built, facts, "incidents")),
            ("export obligations", "csv", export.render_csv(built, facts, "obligations")),
        ]
        for incident in report.incidents:
            sourced, judged, moment = cli._incident_at(incident.id, register, as_of)
            outputs.append((f"show {incident.id}", "text",
                            show.render(sourced.incident, judged, moment, color=False, width=160)))
            outputs += [(f"draft {incident.id} {to}", "text", draft.render(sourced.incident, judged, to, "fr"))
                        for to in draft.RECIPIENTS]
    return outputs


def _with_facts(register: Path, report: Report) -> tuple[Report, dict[str, Incident]]:
    """The report with each incident's facts, as ``export`` reads them."""
    pairs = [pair for pair in load_register([register], then=functools.partial(
        cli._judged_with_facts, as_of=report.as_of)).incidents if pair is not None]
    built = assemble([judged for _facts, judged in pairs], report.errors, report.as_of)
    return built, {incident.id: incident for incident, _judged in pairs}


def french_workbook(register: Path, as_of: str) -> bytes:
    """``export --format xlsx`` in French."""
    with i18n.using("fr"):
        return export.render_xlsx(*_with_facts(register, cli._evaluate([register], as_of)[1]))
