"""``breachtrack show ID``: one incident at a terminal, its facts and a timeline of each clock.

Each obligation's bar runs from the start of its clock to its due time: filled as far as the
as-of time has gone, ``●`` where it was done, and red beyond the due time while it is late or
overdue. The time left or past is written beside it.
"""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table
from rich.text import Text

from breachtrack.engine import instant
from breachtrack.i18n import N_, _, language, number
from breachtrack.model import Incident, IncidentReport, Obligation, euros
from breachtrack.reporters import ceiling_amount, shown, status_word, time_to_due
from breachtrack.safetext import file_name, plain

BAR = 20
STYLES = {"done": "green", "late": "dark_orange", "pending": "blue", "overdue": "bold red"}


def bar(obligation: Obligation, zone: ZoneInfo, as_of: datetime) -> Text:
    """The clock from its start to its due time, filled up to now; red past the due time."""
    if obligation.due is None or obligation.status in ("not_applicable", "exempt"):
        return Text("")
    due = instant(obligation.due, zone, end_of_day=True)
    start = instant(obligation.start, zone) if obligation.start is not None else due
    length = max((due - start).total_seconds(), 1.0)
    until = instant(obligation.done_at, zone, end_of_day=True) if obligation.done_at is not None else as_of

    def cells(moment: datetime) -> int:
        return round((moment - start).total_seconds() / length * BAR)

    text = Text()
    filled = max(0, min(BAR, cells(until)))
    text.append("━" * filled, style=STYLES.get(obligation.status, ""))
    text.append("─" * (BAR - filled), style="grey50")
    text.append("│", style="bold")
    if until > due:
        text.append("━" * min(12, max(1, cells(until) - BAR)), style="red")
    if obligation.done_at is not None:
        text.append(" ●", style=STYLES.get(obligation.status, ""))
    return text


def _local(moment: datetime | date | None, offset: bool = False) -> str:
    """A time in the incident's zone, which the header names: '2026-11-21 14:00'; with its
    offset in a group's incident, whose entities each count in their own zone."""
    return shown(moment, offset=offset)


ROLES = {"controller": N_("controller"), "processor": N_("processor")}
CAUSES = {"malicious": N_("malicious"), "accidental": N_("accidental"), "unknown": N_("unknown")}
RISKS = {"high": N_("high"), "risk": N_("to people's rights and freedoms"), "unlikely": N_("unlikely")}
NATURES = {"confidentiality": N_("confidentiality"), "integrity": N_("integrity"), "availability": N_("availability")}
PEOPLE = {"customers": N_("customers"), "users": N_("users"), "members": N_("members"), "employees": N_("employees"),
          "job_applicants": N_("job applicants"), "job_seekers": N_("job seekers"), "patients": N_("patients"),
          "students": N_("students"), "minors": N_("minors"), "vulnerable_people": N_("vulnerable people"),
          "other": N_("other people")}
DATA = {"identity": N_("identity"), "contact": N_("contact details"), "birth_date": N_("date of birth"),
        "national_id": N_("national identification number"), "account_id": N_("account identifiers"),
        "credentials": N_("passwords and credentials"), "financial": N_("financial data"),
        "health": N_("health data"), "special_category": N_("other special categories (Art. 9)"),
        "location": N_("location data"), "minors": N_("minors' data"), "other": N_("other data")}
"""The words of the file's values in another language than English; English shows the names
the user types, '_' read as a space (``birth_date``: 'birth date')."""


def _word(name: str, words: dict[str, str]) -> str:
    return name.replace("_", " ") if language() == "en" or name not in words else _(words[name])


def register_facts(incident: Incident) -> list[str]:
    """The register's content (GDPR Art. 33(5), 33(3)) that the file records, one plain line
    each: what was breached and whose, where, who to contact, and why the risk is what it is."""
    zone = incident.zone
    lines = []
    breach = []
    if incident.nature:
        breach.append(_("nature: {kinds}").format(kinds=", ".join(_word(kind, NATURES) for kind in incident.nature)))
    if incident.subject_categories is not None and incident.subject_categories.listed():
        people = [_word(name, PEOPLE) if count is None else f"{number(count)} {_word(name, PEOPLE)}"
                  for name, count in incident.subject_categories.listed()]
        breach.append(_("people: {categories}").format(categories=", ".join(people)))
    if incident.data:
        breach.append(_("data: {categories}").format(categories=", ".join(_word(d, DATA) for d in incident.data)))
    if breach:
        lines.append(" · ".join(breach))
    where = []
    if incident.cross_border is not None:
        where.append(_("cross-border") if incident.cross_border else _("not cross-border"))
    if incident.lead_authority:
        where.append(_("lead authority {authority}").format(authority=plain(incident.lead_authority)))
    contact = incident.dpo
    parts = [plain(part) for part in (contact.name, contact.email, contact.phone) if part] if contact else []
    if parts:
        where.append(_("contact: {contact}").format(contact=", ".join(parts)))
    if where:
        lines.append(" · ".join(where))
    assessment = incident.risk_assessment
    if assessment is not None:
        when = shown(assessment.assessed_at.astimezone(zone)) if assessment.assessed_at is not None else None
        who = plain(assessment.assessed_by) if assessment.assessed_by else None
        said = (_("risk assessed {when} by {who}") if when and who else _("risk assessed {when}") if when
                else _("risk assessed by {who}") if who else _("risk assessed")).format(when=when, who=who)
        if assessment.reasoning:
            said = _("{assessed}: {reasoning}").format(assessed=said,
                                                      reasoning=plain(" ".join(assessment.reasoning.split())))
        lines.append(said)
    return lines


def render(incident: Incident, report: IncidentReport, as_of: datetime, color: bool, width: int) -> str:
    out = StringIO()
    # markup off: '[/]' or '[link=...]' in a value is text, never a style or a crash; soft wrap:
    # a long line is never broken, so no part of a value ever starts a line of its own
    console = Console(file=out, width=width, force_terminal=color, no_color=not color, soft_wrap=True,
                      color_system="standard" if color else None, highlight=False, emoji=False, markup=False)
    zone = incident.zone
    console.print(Text.assemble((incident.id, "bold"), "  ", plain(incident.title)))
    # the role, cause and risk are the file's values, as the user types them
    facts = [file_name(report.file), plain(incident.organisation or ""), _word(incident.role, ROLES),
             _("cause {cause}").format(cause=_word(incident.cause, CAUSES)),
             _("risk {risk}").format(risk=_word(incident.risk, RISKS))]
    if incident.subjects is not None:
        facts.append(_("{count} people").format(count=number(incident.subjects)))
    console.print(" · ".join(fact for fact in facts if fact), style="grey50")
    console.print(_("detected {detected} · aware {aware} · as of {as_of} · times in {zone}").format(
        detected=shown(incident.detected_at.astimezone(zone)), aware=shown(incident.aware_at.astimezone(zone)),
        as_of=shown(as_of.astimezone(zone)), zone=incident.timezone))
    for line in register_facts(incident):
        console.print(line, style="grey50")
    exposure = report.exposure
    money = [_(label).format(amount=euros(amount)) for label, amount in (
        (N_("fine {amount}"), exposure.fine_eur),
        (N_("astreinte accrued {amount}"), exposure.astreinte_accrued_eur or None),
        (N_("astreinte a further day {amount}"), exposure.astreinte_daily_eur or None)) if amount is not None]
    money += [_("fine ceiling {amount} ({basis})").format(amount=ceiling_amount(ceiling), basis=ceiling.basis)
              for ceiling in (exposure.highest("EUR"), exposure.highest("GBP")) if ceiling]
    if money:
        console.print(" · ".join(money))
    for ceiling in exposure.ceilings:
        console.print("  " + _("ceiling {amount}, {basis}: {why}").format(
            amount=ceiling_amount(ceiling), basis=ceiling.basis, why=plain(ceiling.why)), style="grey50")
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    grouped = any(obligation.entity is not None for obligation in report.obligations)  # a group's incident
    headers = (_("Status"), *([_("Entity")] if grouped else []), _("Obligation"), _("Due"), _("Done"), _("When"),
               _("Clock: start → due │ past due"))
    kept = {_("Status"): max((len(status_word(o.status)) for o in report.obligations), default=0),
            _("Obligation"): max((len(plain(o.id)) for o in report.obligations), default=0),
            _("Due"): max((len(_local(o.due, grouped)) for o in report.obligations), default=0),
            _("Done"): max((len(_local(o.done_at, grouped)) for o in report.obligations), default=0)}
    for header in headers:  # a status, an id, a due or a done time is never cut: the clock's bar gives way
        table.add_column(header, no_wrap=True, min_width=kept.get(header))
    for obligation in report.obligations:
        status = status_word(obligation.status)
        table.add_row(
            Text(status.upper() if obligation.status == "overdue" else status, style=STYLES.get(obligation.status, "grey50")),
            *([plain(obligation.entity or "")] if grouped else []),
            plain(obligation.id),
            _local(obligation.due, grouped),
            _local(obligation.done_at, grouped),
            time_to_due(obligation, report, as_of),
            bar(obligation, zone, as_of),
        )
    console.print()
    console.print(table)
    return out.getvalue()
