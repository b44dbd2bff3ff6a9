"""The rule engine: incidents + rules + an as-of time -> a report.

Pure: it never reads the clock and never prints, so a report can be replayed for any moment
("as of 9 May, what was overdue?") and tested with hand-computed values.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Literal
from zoneinfo import ZoneInfo

from breachtrack.ceilings import ceilings
from breachtrack.loader import GroupIncident, Register
from breachtrack.model import (
    DUE_SOON,
    Config,
    STATUSES,
    Exposure,
    FileError,
    Incident,
    IncidentReport,
    Obligation,
    Report,
    SourcedIncident,
    Status,
    Summary,
    WORLD_SECTIONS,
    dated_facts,
)
from breachtrack.rules import ALL_RULES, Assessment, Rule, remediation


def build_report(register: Register, as_of: datetime, rules: Sequence[Rule] = ALL_RULES) -> Report:
    """Evaluate every incident of the register as it stood at ``as_of`` (an aware datetime)."""
    return assemble([judge(sourced, as_of, rules) for sourced in register.incidents], register.errors, as_of)


def judge(sourced: SourcedIncident, as_of: datetime, rules: Sequence[Rule] = ALL_RULES) -> IncidentReport | None:
    """One incident at ``as_of``, or None when it was not known yet (detected later)."""
    if as_of.tzinfo is None:
        raise ValueError("as_of must carry its time zone")
    if sourced.incident.detected_at > as_of:
        return None
    return evaluate(sourced, as_of, rules)


def assemble(judged: Iterable[IncidentReport | None], errors: Sequence[FileError], as_of: datetime) -> Report:
    """The report from incidents already judged at ``as_of`` (in worker processes, perhaps)."""
    reports = tuple(report for report in judged if report is not None)
    return Report(as_of, reports, tuple(errors), summarize(reports, len(errors)))


def evaluate(sourced: SourcedIncident, as_of: datetime, rules: Sequence[Rule] = ALL_RULES) -> IncidentReport:
    if sourced.config.entity is not None or isinstance(sourced, GroupIncident):
        return _evaluate_for_entities(sourced, as_of, rules)
    incident = known_at(sourced.incident, as_of)
    zone = incident.zone
    as_of_day = as_of.astimezone(zone).date()
    obligations = tuple(
        _judged(assessment, as_of, as_of_day, zone, sourced.position_of(assessment.about))
        for rule in rules
        for assessment in rule.assess(incident, sourced.config)
    )
    return IncidentReport(
        id=incident.id,
        title=incident.title,
        file=sourced.file,
        timezone=incident.timezone,
        obligations=obligations,
        exposure=exposure(incident, obligations, as_of_day),
        aware_at=incident.aware_at.astimezone(zone),
        # detected_at defaults to aware_at: only a time the file writes is a measured delay
        detected_at=incident.detected_at.astimezone(zone) if ("detected_at",) in sourced.positions else None,
        cause=sys.intern(incident.cause),
        risk=sys.intern(incident.risk),
        data=tuple(sys.intern(category) for category in incident.data),
    )


def entity_judgements(sourced: SourcedIncident, incident: Incident) -> list[tuple[str, Config, Incident]]:
    """Each entity the incident concerns, with its settings and the incident as that entity's
    clocks see it: its own folder's settings, with their entity (``entity`` in its
    breachtrack.toml) or none; then each entity it lists (``entities``), counted in that
    entity's time zone under its regimes. When it lists some, regimes the file writes keep, for
    each, only those the entity has (the loader refuses an entity left with none)."""
    home = sourced.config.entity
    listed = sourced.listed if isinstance(sourced, GroupIncident) else ()  # the loader left out its own entity
    written = ("regimes",) in sourced.positions
    if not listed:  # its own folder's entity alone: the incident as it is, under that entity's regimes
        if written or len(incident.regimes) == len(sourced.config.regimes):
            return [(home, sourced.config, incident)]
        return [(home, sourced.config, incident.model_copy(update={"regimes": list(sourced.config.regimes)}))]

    def regimes_of(config: Config) -> list[str]:
        if not written:  # the default regimes are every entity's: each keeps its own
            return list(config.regimes)
        return [regime for regime in incident.regimes if regime in config.regimes]

    judgements = []
    own = regimes_of(sourced.config)
    if home is not None or own:  # a folder that names no entity still has its settings' clocks
        judgements.append((home, sourced.config, incident.model_copy(update={"regimes": own})))
    for name, config in listed:
        judgements.append((name, config, incident.model_copy(update={"timezone": config.timezone,
                                                                      "regimes": regimes_of(config)})))
    return judgements


NOT_PER_ENTITY = (remediation,)
"""Rules that follow the incident, not an entity's regimes: judged once, with the first entity."""


def _evaluate_for_entities(sourced: SourcedIncident, as_of: datetime, rules: Sequence[Rule]) -> IncidentReport:
    """An incident of a group register: judged once for each entity it concerns, each time
    with that entity's settings; each obligation names its entity."""
    incident = known_at(sourced.incident, as_of)
    judgements = entity_judgements(sourced, incident)
    obligations: list[Obligation] = []
    for index, (name, config, seen) in enumerate(judgements):
        zone = seen.zone
        as_of_day = as_of.astimezone(zone).date()
        obligations += [
            _judged(assessment, as_of, as_of_day, zone, sourced.position_of(assessment.about), name)
            for rule in rules if not (index and rule in NOT_PER_ENTITY)
            for assessment in rule.assess(seen, config)
        ]
    first = judgements[0][2]
    zone = first.zone
    return IncidentReport(
        id=incident.id,
        title=incident.title,
        file=sourced.file,
        timezone=first.timezone,
        obligations=tuple(obligations),
        exposure=exposure(incident, obligations, as_of.astimezone(zone).date()),
        aware_at=incident.aware_at.astimezone(zone),
        detected_at=incident.detected_at.astimezone(zone) if ("detected_at",) in sourced.positions else None,
        cause=sys.intern(incident.cause),
        risk=sys.intern(incident.risk),
        data=tuple(sys.intern(category) for category in incident.data),
        entities=tuple(name for name, _config, _seen in judgements if name is not None),
    )


DATED_FACTS = (
    ("authority_notice", ("submitted_at", "complement_at")),
    ("subject_notice", ("sent_at",)),
    ("controller_notice", ("sent_at",)),
    ("complaint", ("filed_at",)),
    ("risk_assessment", ("assessed_at",)),
    ("nis2", ("early_warning_at", "notification_at", "intermediate_requested_at", "intermediate_at", "handled_at",
              "final_report_at", "progress_report_at")),
    ("dora", ("classified_major_at", "initial_at", "intermediate_at", "recovered_at", "updated_intermediate_at",
              "final_at", "initial_delay_notified_at", "intermediate_delay_notified_at", "final_delay_notified_at")),
    ("eprivacy", ("notified_at", "complement_at", "subscribers_informed_at", "protection_accepted_at")),
    ("pecr", ("notified_at", "complement_at", "subscribers_informed_at", "protection_accepted_at")),
    ("cra", ("early_warning_at", "notification_at", "fix_available_at", "final_report_at", "users_informed_at")),
    *((section, tuple(dated_facts(model))) for section, (_regime, _name, model) in WORLD_SECTIONS.items()),
)
TOP_LEVEL_FACTS = ("determined_at", "ransom_paid_at")
"""Dated facts written at the top of the file: the trigger facts of the regimes beyond Europe."""


def known_at(incident: Incident, as_of: datetime) -> Incident:
    """The incident as its register stood at ``as_of``: later facts have not happened yet.

    Undated facts (the risk, an exemption, the reasons for a delay) always count. An incident
    with no later fact, the usual case, is returned as it is.
    """
    day = as_of.astimezone(incident.zone).date()
    update: dict[str, object] = {
        name: None for name in TOP_LEVEL_FACTS if (when := getattr(incident, name)) is not None and when > as_of}
    for section, fields in DATED_FACTS:
        notice = getattr(incident, section)
        if notice is None:
            continue
        later = {field: None for field in fields if (when := getattr(notice, field)) is not None and when > as_of}
        if later:
            update[section] = notice.model_copy(update=later)
    sanction = incident.sanction
    if sanction and sanction.known_from and sanction.known_from > day:
        update["sanction"] = None
    if any(measure.done_on and measure.done_on > day for measure in incident.remediation):
        update["remediation"] = [
            measure.model_copy(update={"done_on": None}) if measure.done_on and measure.done_on > day else measure
            for measure in incident.remediation
        ]
    return incident.model_copy(update=update) if update else incident


def status_of(assessment: Assessment, as_of: datetime, as_of_day: date) -> Status:
    """done / late / pending / overdue from the due and done times; a day is due by its end."""
    if assessment.applicability != "applies":
        return assessment.applicability
    due, done = assessment.due, assessment.done_at
    if done is not None:
        return "done" if done <= due else "late"
    now = as_of_day if isinstance(due, date) and not isinstance(due, datetime) else as_of
    return "overdue" if now > due else "pending"


def _shown(moment: datetime | date | None, zone: ZoneInfo) -> datetime | date | None:
    """Instants are shown in the incident's zone; calendar days stay as they are."""
    return moment.astimezone(zone) if isinstance(moment, datetime) else moment


def _judged(
    assessment: Assessment, as_of: datetime, as_of_day: date, zone: ZoneInfo, position: tuple[int, int],
    entity: str | None = None,
) -> Obligation:
    # Texts repeat from incident to incident; one shared copy of each keeps a large register's
    # report small in memory and cheap to send back from the worker process that judged it.
    return Obligation(
        id=sys.intern(assessment.id),
        title=sys.intern(assessment.title),
        basis=sys.intern(assessment.basis),
        target=assessment.target,
        status=status_of(assessment, as_of, as_of_day),
        reason=sys.intern(assessment.reason),
        due=_shown(assessment.due, zone),
        done_at=_shown(assessment.done_at, zone),
        line=position[0],
        column=position[1],
        start=_shown(assessment.start, zone),
        entity=entity,
    )


def late_days(spans: Iterable[tuple[date, date]]) -> int:
    """Number of calendar days covered by at least one of the inclusive ``spans``."""
    total = 0
    covered_until: date | None = None
    for first, last in sorted(spans):
        if covered_until is not None and first <= covered_until:
            first = covered_until + timedelta(days=1)
        if first <= last:
            total += (last - first).days + 1
            covered_until = last
    return total


def exposure(incident: Incident, obligations: Sequence[Obligation], as_of_day: date) -> Exposure:
    """What the incident may cost: the fine, the astreinte accrued and per further day, and
    the fine ceilings of the legal duties missed (ceilings.py)."""
    sanction = incident.sanction
    accrued = daily = Decimal(0)
    if sanction:
        measures = {measure.id: measure for measure in incident.remediation}
        for injunction in sanction.injunctions:
            spans = []
            overdue_now = False
            for measure_id in injunction.measures:
                measure = measures[measure_id]
                due = remediation.due_day(incident, measure)
                end = measure.done_on or as_of_day
                if due is not None and end > due:
                    spans.append((due + timedelta(days=1), end))
                    overdue_now |= measure.done_on is None
            accrued += injunction.astreinte_eur_per_day * late_days(spans)
            if overdue_now:
                daily += injunction.astreinte_eur_per_day
    return Exposure(
        fine_eur=sanction.fine_eur if sanction else None,
        astreinte_accrued_eur=accrued,
        astreinte_daily_eur=daily,
        ceilings=ceilings(incident, obligations),
    )


def in_period(report: Report, start: date | None, end: date | None) -> Report:
    """The report on the incidents whose awareness falls from ``start`` to ``end``, both days
    included, each counted on its own calendar day (an auditor's year, a DPO's quarter)."""
    kept = [incident for incident in report.incidents if incident.aware_at is not None
            and (start is None or incident.aware_at.date() >= start)
            and (end is None or incident.aware_at.date() <= end)]
    return assemble(kept, report.errors, report.as_of)


def summarize(reports: Sequence[IncidentReport], error_count: int) -> Summary:
    counts: dict[Status, int] = dict.fromkeys(STATUSES, 0)
    by_entity: dict[str, dict[str, int]] = {}
    for report in reports:
        for obligation in report.obligations:
            counts[obligation.status] += 1
        if report.entities:
            for name in report.entities:
                if name not in by_entity:
                    by_entity[name] = {"incidents": 0, **dict.fromkeys(STATUSES, 0)}
                by_entity[name]["incidents"] += 1
            for obligation in report.obligations:
                if obligation.entity is not None:
                    by_entity[obligation.entity][obligation.status] += 1
    return Summary(
        incidents=len(reports),
        by_status=counts,
        astreinte_accrued_eur=sum((r.exposure.astreinte_accrued_eur for r in reports), Decimal(0)),
        astreinte_daily_eur=sum((r.exposure.astreinte_daily_eur for r in reports), Decimal(0)),
        errors=error_count,
        by_entity=by_entity,
    )


def for_entity(report: Report, name: str) -> Report:
    """The report on the incidents that concern the entity ``name``, each with that entity's
    obligations only (``--entity``): its summary, and the exit gate, count nothing else."""
    kept = [replace(incident, obligations=tuple(o for o in incident.obligations if o.entity == name), entities=(name,))
            for incident in report.incidents if name in incident.entities]
    return assemble(kept, report.errors, report.as_of)


# --- the CI gate ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Gate:
    """What fails a ``check`` run (statuses, and ``due_soon``) and how near counts as due soon."""

    fail_on: frozenset[str] = frozenset({"overdue"})
    warn_within: timedelta = timedelta(hours=72)


@dataclass(frozen=True)
class Finding:
    """An obligation that ``check`` reports: a failure of the run, or a warning."""

    incident: IncidentReport
    obligation: Obligation
    severity: Literal["failure", "warning"]
    due_soon: bool

    @property
    def state(self) -> str:
        """``due_soon`` for an open obligation close to its due time, else its status."""
        return DUE_SOON if self.due_soon else self.obligation.status


def instant(moment: datetime | date, zone: ZoneInfo, end_of_day: bool = False) -> datetime:
    """A due, done or start value as a UTC instant: a calendar day is the midnight that begins
    it in ``zone``, or the midnight that ends it (``end_of_day``, as for a due day)."""
    if isinstance(moment, datetime):
        return moment.astimezone(UTC)
    day = moment + timedelta(days=1) if end_of_day else moment
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


def deadline(obligation: Obligation, zone: str) -> datetime | None:
    """The instant an obligation falls due: a due day ends at midnight, in the incident's zone."""
    return None if obligation.due is None else instant(obligation.due, ZoneInfo(zone), end_of_day=True)


def _unordered_findings(report: Report, gate: Gate) -> Iterator[tuple[tuple, Finding]]:
    """Each finding with its sort key, in the register's order."""
    as_of = report.as_of.astimezone(UTC)
    for incident in report.incidents:
        for obligation in incident.obligations:
            status = obligation.status
            if status not in gate.fail_on and status not in ("overdue", "pending"):
                continue
            end = deadline(obligation, incident.timezone) or as_of  # None: not_applicable or exempt
            due_soon = status == "pending" and end - as_of <= gate.warn_within
            if status in gate.fail_on or (due_soon and DUE_SOON in gate.fail_on):
                severity = "failure"
            elif status == "overdue" or due_soon:
                severity = "warning"
            else:
                continue
            yield (severity != "failure", status != "overdue", end), Finding(incident, obligation, severity, due_soon)


def findings(report: Report, gate: Gate) -> list[Finding]:
    """Failures first, then warnings (overdue or due soon without failing); overdue first in
    each group, then by due time."""
    return [finding for _, finding in sorted(_unordered_findings(report, gate), key=lambda item: item[0])]


def failed(report: Report, gate: Gate) -> bool:
    """Whether the run fails: stops at the first failure, with nothing to sort."""
    return any(finding.severity == "failure" for _, finding in _unordered_findings(report, gate))
