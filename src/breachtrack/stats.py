"""Period statistics: what a DPO's annual report and a supervisory authority's questions need.

Pure: a judged report (``engine.build_report``, cut to a period by ``engine.in_period``) in,
``Stats`` out; ``reporters/stats.py`` writes them as Markdown, JSON, CSV or HTML. Every
obligation is counted as it stands at the report's as-of time.

Percentiles are nearest-rank: the P-th percentile of n delays in ascending order is the one at
rank ceil(P * n / 100), the smallest delay that at least P % of the incidents are at or under.
Each figure is then a delay an incident really had, and "90 % of the notifications were sent
within X hours" is true as written, which an interpolated percentile (Excel's PERCENTILE.INC,
``statistics.quantiles(method="inclusive")``) does not promise. By hand: 7 delays of 29, 44,
47, 54, 55, 65 and 102 hours have their median at rank ceil(3.5) = 4, 54 h, and their 90th
percentile at rank ceil(6.3) = 7, 102 h (interpolated: 65 + 0.4 * 37 = 79.8 h, which 1 of the
7 exceeds); one delay is its own median and 90th percentile.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeVar, get_args
from zoneinfo import ZoneInfo

from breachtrack.model import WORLD_SECTIONS, DataCategory, IncidentReport, Obligation, Regime, Report

CAUSES = ("malicious", "accidental", "unknown")
RISKS = ("high", "risk", "unlikely")
DATA_CATEGORIES: tuple[str, ...] = get_args(DataCategory)
REGIMES: tuple[str, ...] = get_args(Regime)
NOT_RECORDED = "not_recorded"
"""The data category of an incident whose file lists none."""
NO_REGIME = "none"
"""The regime of an incident to which no obligation applies (a processor's breach under a regime
that gives it no duty, say)."""

AUTHORITY_NOTIFICATIONS = frozenset({
    "gdpr.art33.notify_authority", "uk.art33.notify_ico", "eprivacy.notify_authority", "pecr.notify_ico",
    "hipaa.hhs", "lgpd.anpd", "pdpa-sg.pdpc", "ndb-au.oaic", "pipeda.opc", "nfadp.fdpic", "appi.preliminary",
    "pipa-kr.pipc", "dpdp-in.board_intimation", "pipl-cn.pipl_notice",
})
"""The notification of a personal-data breach to a data-protection authority, under each regime
that has one: the end of the awareness-to-notification delay."""

PERCENTILES = (50, 90)

T = TypeVar("T")


def nearest_rank(ordered: Sequence[T], percent: int) -> T | None:
    """The ``percent``-th percentile of values in ascending order, by the nearest-rank method
    (see the module's docstring); None for no value."""
    if not ordered:
        return None
    rank = max(1, -(-percent * len(ordered) // 100))  # ceil, in integers: no rounding error
    return ordered[rank - 1]


def is_notification(obligation_id: str) -> bool:
    """Whether an obligation is a duty to tell someone (an authority, the people, a controller,
    the police) by a deadline: every one but a remediation measure, which is a deed, and the
    register entry of Art. 33(5), which is written, not sent."""
    return not obligation_id.startswith("remediation.") and not obligation_id.endswith(".document")


SECTION_REGIMES = {section.replace("_", "-"): regime for section, (regime, _name, _model) in WORLD_SECTIONS.items()}
"""An obligation id's prefix beyond Europe and its regime: ``us-ca`` belongs to ``us-states``."""


def regime_of(obligation_id: str) -> str | None:
    """The regime an obligation comes from, by its id's prefix (``nis2.early_warning``: nis2;
    ``us-ca.residents``: us-states)."""
    prefix = obligation_id.split(".", 1)[0]
    return prefix if prefix in REGIMES else SECTION_REGIMES.get(prefix)


@dataclass(frozen=True)
class OnTime:
    """How often one notification duty was met on time. Done, late and overdue ones are
    judged; pending ones are counted apart; not applicable and exempt ones are left out."""

    obligation: str
    target: Literal["law", "policy"]
    title: str
    """The title of its first occurrence (it names an authority, which may differ between incidents)."""
    done: int
    late: int
    overdue: int
    pending: int

    @property
    def judged(self) -> int:
        return self.done + self.late + self.overdue

    @property
    def share(self) -> Fraction | None:
        """Done on time / (done + late + overdue); None when none is judged yet."""
        return Fraction(self.done, self.judged) if self.judged else None


@dataclass(frozen=True)
class Delays:
    """One delay per incident that has both facts, in ascending order."""

    values: tuple[timedelta, ...]
    unmeasured: int
    """Incidents of the period without the facts (not notified, detection time not written)."""

    @property
    def median(self) -> timedelta | None:
        return nearest_rank(self.values, 50)

    @property
    def p90(self) -> timedelta | None:
        return nearest_rank(self.values, 90)


@dataclass(frozen=True)
class Miss:
    """An obligation late (done after its due time) or overdue (open past it) as of the report."""

    incident: str
    obligation: Obligation
    by: timedelta
    """How long: exact for a clock; whole days for a due day (a remediation measure)."""

    @property
    def in_days(self) -> bool:
        return not isinstance(self.obligation.due, datetime)


@dataclass(frozen=True)
class Stats:
    as_of: datetime
    start: date | None
    end: date | None
    """The period, by awareness day, both days included; None: open on that side."""
    incidents: int
    invalid_files: int
    """Files left out because they are invalid: the figures do not cover them."""
    by_cause: dict[str, int]
    by_risk: dict[str, int]
    by_data: dict[str, int]
    """Every category, then ``not_recorded``: an incident counts once in each of its categories."""
    by_regime: dict[str, int]
    """Every regime, then ``none``: an incident counts in each regime with an obligation that
    applies to it (exempt included: the rule applies, an exemption is claimed)."""
    on_time: tuple[OnTime, ...]
    """Per notification duty and target (law before policy), regime by regime."""
    awareness_to_notification: Delays
    detection_to_awareness: Delays
    late: tuple[Miss, ...]
    overdue: tuple[Miss, ...]
    astreinte_accrued_eur: Decimal
    astreinte_daily_eur: Decimal
    by_entity: dict[str, int] = field(default_factory=dict)
    """In a group register, the incidents that concern each entity, in the order met; an incident
    counts once in each. Empty when no incident concerns a named entity."""


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time from ``start`` to ``end``: two times in one zone subtract as wall clocks in
    Python, an hour wrong across a daylight-saving change."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def _miss(incident: IncidentReport, obligation: Obligation, as_of: datetime) -> Miss:
    due, done = obligation.due, obligation.done_at
    if isinstance(due, datetime):
        return Miss(incident.id, obligation, elapsed(due, done if isinstance(done, datetime) else as_of))
    end = done if isinstance(done, date) else as_of.astimezone(ZoneInfo(incident.timezone)).date()
    return Miss(incident.id, obligation, timedelta(days=(end - due).days))


def _notified_at(incident: IncidentReport) -> datetime | None:
    """When a data-protection authority was first notified of the breach, if it was."""
    times = [o.done_at for o in incident.obligations if o.id in AUTHORITY_NOTIFICATIONS and o.done_at is not None]
    return min(times, default=None)


def compute(report: Report, start: date | None = None, end: date | None = None) -> Stats:
    """The figures of ``report``, whose incidents are those of the period ``start`` to ``end``."""
    causes: Counter[str] = Counter()
    risks: Counter[str | None] = Counter()
    data: Counter[str] = Counter()
    regimes: Counter[str] = Counter()
    duties: dict[tuple[str, Literal["law", "policy"]], Counter[str]] = {}
    titles: dict[tuple[str, Literal["law", "policy"]], str] = {}
    notification: list[timedelta] = []
    detection: list[timedelta] = []
    late: list[Miss] = []
    overdue: list[Miss] = []
    entities: Counter[str] = Counter()
    for incident in report.incidents:
        entities.update(incident.entities)
        causes[incident.cause] += 1
        risks[incident.risk] += 1
        data.update(set(incident.data) or {NOT_RECORDED})
        applying = {regime_of(o.id) for o in incident.obligations if o.status != "not_applicable"} - {None}
        regimes.update(applying or {NO_REGIME})
        for obligation in incident.obligations:
            if is_notification(obligation.id):
                key = (obligation.id, obligation.target)
                duties.setdefault(key, Counter())[obligation.status] += 1
                if obligation.status not in ("not_applicable", "exempt"):
                    titles.setdefault(key, obligation.title)
            if obligation.status == "late":
                late.append(_miss(incident, obligation, report.as_of))
            elif obligation.status == "overdue":
                overdue.append(_miss(incident, obligation, report.as_of))
        if (notified := _notified_at(incident)) is not None and incident.aware_at is not None:
            notification.append(elapsed(incident.aware_at, notified))
        if incident.detected_at is not None and incident.aware_at is not None:
            detection.append(elapsed(incident.detected_at, incident.aware_at))
    count = len(report.incidents)
    first_seen: dict[str, int] = {}  # the rules run in one order for every incident: near it
    for obligation_id, _ in duties:
        first_seen.setdefault(obligation_id, len(first_seen))
    on_time = sorted(
        (OnTime(*key, titles[key], statuses["done"], statuses["late"], statuses["overdue"], statuses["pending"])
         for key, statuses in duties.items() if key in titles),  # left out: duties only not applicable or exempt
        key=lambda duty: (_regime_rank(duty.obligation), first_seen[duty.obligation], duty.target == "policy"),
    )
    return Stats(
        as_of=report.as_of,
        start=start,
        end=end,
        incidents=count,
        invalid_files=len({error.file for error in report.errors}),
        by_cause={cause: causes[cause] for cause in CAUSES},
        by_risk={risk: risks[risk] for risk in RISKS},
        by_data={category: data[category] for category in (*DATA_CATEGORIES, NOT_RECORDED)},
        by_regime={regime: regimes[regime] for regime in (*REGIMES, NO_REGIME)},
        on_time=tuple(on_time),
        awareness_to_notification=Delays(tuple(sorted(notification)), count - len(notification)),
        detection_to_awareness=Delays(tuple(sorted(detection)), count - len(detection)),
        late=tuple(late),
        overdue=tuple(overdue),
        astreinte_accrued_eur=report.summary.astreinte_accrued_eur,
        astreinte_daily_eur=report.summary.astreinte_daily_eur,
        by_entity=dict(entities),
    )



def _regime_rank(obligation_id: str) -> int:
    regime = regime_of(obligation_id)
    return REGIMES.index(regime) if regime else len(REGIMES)
