"""The register as GitHub-flavoured Markdown: for the weekly review and the merge request."""

from __future__ import annotations

from breachtrack.model import Exposure, IncidentReport, Obligation, Report, euros
from breachtrack.reporters import ceiling_amount, shown
from breachtrack.safetext import code, markdown

STATUS_LABELS = {
    "overdue": "🔴 **overdue**",
    "late": "🟠 late",
    "pending": "🔵 pending",
    "done": "✅ done",
    "exempt": "⚪ exempt",
    "not_applicable": "⚪ not applicable",
}


def _obligation_row(obligation: Obligation) -> str:
    due = shown(obligation.due)
    if obligation.due is not None and obligation.target == "policy":
        due += " (policy target)"
    return (
        f"| {markdown(obligation.title)}<br>{code(obligation.id)} | {markdown(obligation.basis)} | {due} "
        f"| {shown(obligation.done_at)} | {STATUS_LABELS[obligation.status]} | {markdown(obligation.reason)} |"
    )


def _exposure(exposure: Exposure) -> list[str]:
    """The figures in one sentence with the highest ceiling in each currency, then every ceiling
    and why it applies."""
    parts = [f"fine {euros(exposure.fine_eur)}" if exposure.fine_eur is not None else "no fine"]
    if exposure.astreinte_accrued_eur or exposure.astreinte_daily_eur:
        parts.append(f"astreinte accrued {euros(exposure.astreinte_accrued_eur)}")
        parts.append(f"{euros(exposure.astreinte_daily_eur)} more for each further day of delay")
    highest = [ceiling for ceiling in (exposure.highest("EUR"), exposure.highest("GBP")) if ceiling]
    if highest:
        parts.append("fine ceiling " + " and ".join(f"{ceiling_amount(c)} ({markdown(c.basis)})" for c in highest))
    lines = ["**Penalty exposure:** " + "; ".join(parts) + "."]
    if exposure.ceilings:
        lines += ["", "Fine ceilings, the highest first; they do not add up:", "",
                  *(f"- {markdown(c.basis)}: {ceiling_amount(c)}: {markdown(c.why)}." for c in exposure.ceilings)]
    return lines


REGIMES = {
    "gdpr": "GDPR (EU) 2016/679",
    "uk": "UK GDPR",
    "fr": "French law",
    "nis2": "NIS2 (EU) 2022/2555",
    "dora": "DORA (EU) 2022/2554",
    "eprivacy": "ePrivacy: Directive 2002/58/EC and Regulation 611/2013",
    "pecr": "UK PECR: reg. 5A and Regulation 611/2013 as retained",
    "cra": "Cyber Resilience Act (EU) 2024/2847",
    "remediation": "Remediation calendar",
}


def _incident(incident: IncidentReport) -> list[str]:
    """One table per regime, in the order the rules run: each regime has its own authority."""
    lines = [f"## {markdown(incident.id)}: {markdown(incident.title)}", "",
             f"File {code(incident.file)}; times in {markdown(incident.timezone)}.", ""]
    groups: dict[str, list[Obligation]] = {}
    for obligation in incident.obligations:
        groups.setdefault(obligation.id.split(".", 1)[0], []).append(obligation)
    for regime, obligations in groups.items():
        lines += [
            f"### {REGIMES.get(regime, regime)}",
            "",
            "| Obligation | Legal basis | Due | Done | Status | Why |",
            "| --- | --- | --- | --- | --- | --- |",
            *(_obligation_row(o) for o in obligations),
            "",
        ]
    return [*lines, *_exposure(incident.exposure), ""]


def render(report: Report) -> str:
    summary = report.summary
    counts = summary.by_status
    lines = [
        f"# Breach register as of {shown(report.as_of)}",
        "",
        "| Incidents | Overdue | Late | Pending | Done | Exempt | Not applicable | Astreinte accrued | Astreinte per further day |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {summary.incidents} | {counts['overdue']} | {counts['late']} | {counts['pending']} | {counts['done']} "
        f"| {counts['exempt']} | {counts['not_applicable']} | {euros(summary.astreinte_accrued_eur)} "
        f"| {euros(summary.astreinte_daily_eur)} |",
        "",
        "Exposure is not debt: an astreinte is owed only once the authority liquidates it, and it may lower it.",
        "",
    ]
    if report.errors:
        lines += ["## Invalid files", "",
                  *(f"- {code(f'{e.file}:{e.line}:{e.column}')}: {markdown(e.message)}" for e in report.errors), ""]
    for incident in report.incidents:
        lines += _incident(incident)
    return "\n".join(lines).rstrip("\n") + "\n"
