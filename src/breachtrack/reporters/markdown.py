"""The register as GitHub-flavoured Markdown: for the weekly review and the merge request.

It opens with what needs action; per incident, the obligations that do not apply are folded
into a ``<details>`` block (GitHub and GitLab render it) whose summary holds no value from the
files, so that nothing written in an incident can open or close it.
"""

from __future__ import annotations

from datetime import timedelta

from breachtrack.engine import Finding, Gate
from breachtrack.i18n import N_, _, ngettext
from breachtrack.model import Exposure, IncidentReport, Obligation, Report, euros
from breachtrack.reporters import FOLDED, ceiling_amount, needs_action, shown, span, time_to_due
from breachtrack.safetext import code, markdown

STATUS_LABELS = {
    "overdue": N_("🔴 **overdue**"),
    "late": N_("🟠 late"),
    "pending": N_("🔵 pending"),
    "done": N_("✅ done"),
    "exempt": N_("⚪ exempt"),
    "not_applicable": N_("⚪ not applicable"),
}


def _due(obligation: Obligation) -> str:
    due = shown(obligation.due)
    if obligation.due is not None and obligation.target == "policy":
        due = _("{due} (policy target)").format(due=due)
    return due


def _obligation_row(obligation: Obligation) -> str:
    return (
        f"| {markdown(obligation.title)}<br>{code(obligation.id)} | {markdown(obligation.basis)} | {_due(obligation)} "
        f"| {shown(obligation.done_at)} | {_(STATUS_LABELS[obligation.status])} | {markdown(obligation.reason)} |"
    )


def _action_row(finding: Finding, report: Report) -> str:
    incident, obligation = finding.incident, finding.obligation
    state = _("🟡 due soon") if finding.due_soon else _(STATUS_LABELS[obligation.status])
    entity = f"<br>{markdown(obligation.entity)}" if obligation.entity is not None else ""
    return (
        f"| {state} | {markdown(incident.id)}: {markdown(incident.title)}{entity} "
        f"| {markdown(obligation.title)} ({markdown(obligation.basis)}) | {_due(obligation)} "
        f"| {time_to_due(obligation, incident, report.as_of)} |"
    )


def _needs_action(report: Report, warn_within: timedelta) -> list[str]:
    """Overdue obligations, the most overdue first, then those due soon, the soonest first."""
    attention = needs_action(report, warn_within)
    lines = ["## " + _("Needs action"), ""]
    if not attention:
        return [*lines, _("Nothing overdue or due within {span}.").format(span=span(warn_within)), ""]
    return [
        *lines,
        "| | {} | {} | {} | {} |".format(_("Incident"), _("Duty"), _("Due"), _("Time left or past")),
        "| --- | --- | --- | --- | --- |",
        *(_action_row(finding, report) for finding in attention),
        "",
    ]


def _exposure(exposure: Exposure) -> list[str]:
    """The figures in one sentence with the highest ceiling in each currency, then every ceiling
    and why it applies."""
    parts = [_("fine {amount}").format(amount=euros(exposure.fine_eur)) if exposure.fine_eur is not None
             else _("no fine")]
    if exposure.astreinte_accrued_eur or exposure.astreinte_daily_eur:
        parts.append(_("astreinte accrued {amount}").format(amount=euros(exposure.astreinte_accrued_eur)))
        parts.append(_("{amount} more for each further day of delay").format(
            amount=euros(exposure.astreinte_daily_eur)))
    highest = [ceiling for ceiling in (exposure.highest("EUR"), exposure.highest("GBP")) if ceiling]
    if highest:
        amounts = [f"{ceiling_amount(c)} ({markdown(c.basis)})" for c in highest]
        parts.append(_("fine ceiling {amount}").format(amount=amounts[0]) if len(amounts) == 1 else
                     _("fine ceiling {euros} and {pounds}").format(euros=amounts[0], pounds=amounts[1]))
    lines = [_("**Penalty exposure:** {parts}.").format(parts=_("; ").join(parts))]
    if exposure.ceilings:
        lines += ["", _("Fine ceilings, the highest first; they do not add up:"), "",
                  *("- " + _("{basis}: {amount}: {why}.").format(basis=markdown(c.basis), amount=ceiling_amount(c),
                                                                 why=markdown(c.why)) for c in exposure.ceilings)]
    return lines


REGIMES = {
    "gdpr": N_("GDPR (EU) 2016/679"),
    "uk": N_("UK GDPR"),
    "fr": N_("French law"),
    "nis2": N_("NIS2 (EU) 2022/2555"),
    "dora": N_("DORA (EU) 2022/2554"),
    "eprivacy": N_("ePrivacy: Directive 2002/58/EC and Regulation 611/2013"),
    "pecr": N_("UK PECR: reg. 5A and Regulation 611/2013 as retained"),
    "cra": N_("Cyber Resilience Act (EU) 2024/2847"),
    "hipaa": N_("HIPAA Breach Notification Rule, 45 CFR 164.400-414"),
    "sec": N_("SEC Form 8-K Item 1.05"),
    "nydfs": N_("New York DFS: 23 NYCRR 500.17"),
    "us-ca": N_("California: Civ. Code 1798.82"),
    "us-ny": N_("New York: GBL 899-aa"),
    "us-tx": N_("Texas: Bus. & Com. Code 521.053"),
    "us-fl": N_("Florida: Fla. Stat. 501.171"),
    "us-co": N_("Colorado: C.R.S. 6-1-716"),
    "us-wa": N_("Washington: RCW 19.255.010"),
    "lgpd": N_("Brazil: LGPD and ANPD Resolution 15/2024"),
    "pdpa-sg": N_("Singapore: PDPA Part 6A"),
    "ndb-au": N_("Australia: Privacy Act 1988 Part IIIC"),
    "pipeda": N_("Canada: PIPEDA"),
    "nfadp": N_("Switzerland: FADP and Information Security Act"),
    "appi": N_("Japan: APPI"),
    "pipa-kr": N_("South Korea: PIPA"),
    "dpdp-in": N_("India: DPDP Act and Rules 2025"),
    "cert-in": N_("India: CERT-In Directions 2022"),
    "pipl-cn": N_("China: CAC incident measures 2025 and PIPL"),
    "remediation": N_("Remediation calendar"),
}


def _entity_note(obligation: Obligation) -> str:
    """The entity of an obligation in a group register, under its id; nothing otherwise."""
    return "" if obligation.entity is None else f"<br>{markdown(obligation.entity)}"


def _folded(obligations: list[Obligation]) -> list[str]:
    """The obligations that do not apply, in a block a reader opens. Blank lines around the
    table let GitHub and GitLab render it as Markdown inside the HTML block."""
    if not obligations:
        return []
    count = len(obligations)
    summary = ngettext("{count} obligation does not apply", "{count} obligations do not apply", count)
    return [
        f"<details><summary>{summary.format(count=count)}</summary>",
        "",
        "| {} | {} | {} |".format(_("Obligation"), _("Legal basis"), _("Why it does not apply")),
        "| --- | --- | --- |",
        *(f"| {markdown(o.title)}<br>{code(o.id)}{_entity_note(o)} | {markdown(o.basis)} | {markdown(o.reason)} |"
          for o in obligations),
        "",
        "</details>",
        "",
    ]


def _incident(incident: IncidentReport) -> list[str]:
    """One table per regime, in the order the rules run: each regime has its own authority;
    in a group register, per entity and regime, each entity's clocks its own; then, folded, what
    does not apply."""
    lines = [f"## {markdown(incident.id)}: {markdown(incident.title)}", "",
             _("File {file}; times in {zone}.").format(file=code(incident.file), zone=markdown(incident.timezone)), ""]
    if incident.entities:  # a group register: whose clocks these are
        lines += [_("Entities concerned: {names}").format(names=", ".join(markdown(name) for name in incident.entities)),
                  ""]
    groups: dict[tuple[str | None, str], list[Obligation]] = {}
    for obligation in incident.obligations:
        if obligation.status not in FOLDED:
            groups.setdefault((obligation.entity, obligation.id.split(".", 1)[0]), []).append(obligation)
    headers = (_("Obligation"), _("Legal basis"), _("Due"), _("Done"), _("Status"), _("Why"))
    for (entity, regime), obligations in groups.items():
        heading = _(REGIMES[regime]) if regime in REGIMES else markdown(regime)
        if entity is not None:
            heading = _("{entity}: {regime}").format(entity=markdown(entity), regime=heading)
        lines += [
            f"### {heading}",
            "",
            "| " + " | ".join(headers) + " |",
            "| --- | --- | --- | --- | --- | --- |",
            *(_obligation_row(o) for o in obligations),
            "",
        ]
    lines += _folded([o for o in incident.obligations if o.status in FOLDED])
    return [*lines, *_exposure(incident.exposure), ""]


def render(report: Report, warn_within: timedelta = Gate.warn_within) -> str:
    """The whole register; ``warn_within`` is how near its due time an open obligation needs
    action (``warn_within`` in breachtrack.toml)."""
    summary = report.summary
    counts = summary.by_status
    headers = (_("Incidents"), _("Overdue"), _("Late"), _("Pending"), _("Done"), _("Exempt"), _("Not applicable"),
               _("Astreinte accrued"), _("Astreinte per further day"))
    lines = [
        "# " + _("Breach register as of {moment}").format(moment=shown(report.as_of)),
        "",
        *_needs_action(report, warn_within),
        "## " + _("Summary"),
        "",
        "| " + " | ".join(headers) + " |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {summary.incidents} | {counts['overdue']} | {counts['late']} | {counts['pending']} | {counts['done']} "
        f"| {counts['exempt']} | {counts['not_applicable']} | {euros(summary.astreinte_accrued_eur)} "
        f"| {euros(summary.astreinte_daily_eur)} |",
        "",
        _("Exposure is not debt: an astreinte is owed only once the authority liquidates it, and it may lower it."),
        "",
    ]
    if summary.by_entity:  # a group register
        lines += [
            "### " + _("By entity"), "",
            "| " + " | ".join((_("Entity"), *headers[:7])) + " |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            *(f"| {markdown(name)} | {c['incidents']} | {c['overdue']} | {c['late']} | {c['pending']} | {c['done']} "
              f"| {c['exempt']} | {c['not_applicable']} |" for name, c in summary.by_entity.items()),
            "",
        ]
    if report.errors:
        lines += ["## " + _("Invalid files"), "",
                  *(f"- {code(f'{e.file}:{e.line}:{e.column}')}: {markdown(e.message)}" for e in report.errors), ""]
    for incident in report.incidents:
        lines += _incident(incident)
    return "\n".join(lines).rstrip("\n") + "\n"
