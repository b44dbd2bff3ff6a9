"""A self-contained HTML page for the weekly review: summary figures, and per incident a
timeline drawn as inline SVG with the same facts in a table under it.

No network and no external asset (CSS and SVG are inline), so the file opens from an e-mail
attachment or a CI artifact; a print stylesheet lays it out on A4. Each incident has up to two
timelines, since one scale cannot show both a 72-hour clock and a two-year remediation
calendar: the legal clocks, in hours and days, and the remediation calendar, in months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from html import escape as escape_html
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from breachtrack.engine import Gate, findings, instant
from breachtrack.model import IncidentReport, Obligation, Report, euros
from breachtrack.reporters import ceiling_amount, shown, time_to_due
from breachtrack.safetext import plain

COLOURS = {"done": "#2e7d32", "late": "#ef6c00", "pending": "#1565c0", "overdue": "#c62828"}
LABEL_WIDTH, PLOT_WIDTH, ROW, TOP, BOTTOM = 230, 700, 26, 30, 28
HOUR_STEPS = [timedelta(hours=h) for h in (6, 12, 24, 48, 24 * 7, 24 * 14, 24 * 30, 24 * 61, 24 * 91, 24 * 182)]


def escape(value: object) -> str:
    """A value inside the SVG: plain text first (no control character in an XML document)."""
    return escape_html(plain(value))


def _plain_values(value: object) -> object:
    """Every ``{{ value }}`` of the page is made plain, then autoescaped; our SVG is Markup."""
    return plain(value) if isinstance(value, str) and not isinstance(value, Markup) else value


@dataclass(frozen=True)
class Panel:
    title: str
    svg: Markup


def _ticks(start: datetime, end: datetime, zone: ZoneInfo, months: bool) -> list[tuple[datetime, str]]:
    """Round tick marks, at most about eight: hours or days for the clocks, months otherwise."""
    ticks = []
    local = start.astimezone(zone)
    if months and end - start > timedelta(days=60):
        span_months = max(1, (end - start).days // 30)
        step = next((n for n in (1, 2, 3, 6, 12) if span_months / n <= 8), 24)
        first = local.year * 12 + local.month  # the month after the start, as a month count
        for count in range(first, first + 12 * 50, 1):
            year, month = divmod(count, 12)
            if month % step:
                continue
            moment = datetime(year, month + 1, 1, tzinfo=zone).astimezone(UTC)
            if moment > end:
                break
            ticks.append((moment, f"{moment.astimezone(zone):%b %Y}"))
        return ticks
    steps = [s for s in HOUR_STEPS if s >= timedelta(days=1)] if months else HOUR_STEPS  # days for a calendar
    step = next((s for s in steps if (end - start) / s <= 8), steps[-1])
    if step < timedelta(days=1):  # elapsed hours from local midnight
        moment = datetime.combine(local.date(), time(), tzinfo=zone).astimezone(UTC)
        while moment <= end:
            if moment >= start:
                ticks.append((moment, f"{moment.astimezone(zone):%d %b %H:%M}"))
            moment += step
        return ticks
    day = local.date()
    while True:  # local midnights, whatever daylight saving does
        moment = datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)
        if moment > end:
            return ticks
        if moment >= start:
            ticks.append((moment, f"{moment.astimezone(zone):%d %b}"))
        day += timedelta(days=step.days)


def _svg(rows: list[Obligation], incident: IncidentReport, as_of: datetime, calendar: bool, title: str) -> Markup:
    zone = ZoneInfo(incident.timezone)
    aware = incident.aware_at.astimezone(UTC) if incident.aware_at and not calendar else None
    points = [aware] if aware else []
    for o in rows:
        points += [instant(o.due, zone, end_of_day=True)]
        points += [instant(t, zone) for t in (o.start, o.done_at) if t is not None]
    start, end = min(points), max(points)
    natural = max(end - start, timedelta(hours=12))
    shows_as_of = start <= as_of <= end + natural
    if shows_as_of:
        end = max(end, as_of)
    pad = (end - start) * 0.04 or timedelta(hours=1)
    start, end = start - pad, end + pad
    scale = PLOT_WIDTH / (end - start).total_seconds()

    def x(moment: datetime) -> float:
        return round(LABEL_WIDTH + (moment - start).total_seconds() * scale, 1)

    height = TOP + ROW * max(len(rows), 1) + BOTTOM
    parts = [f'<svg viewBox="0 0 {LABEL_WIDTH + PLOT_WIDTH + 20} {height}" '
             f'role="img" class="timeline"><title>{escape(title)}</title>']
    for moment, label in _ticks(start, end, zone, months=calendar):
        parts.append(f'<line class="tick" x1="{x(moment)}" y1="{TOP - 6}" x2="{x(moment)}" y2="{height - BOTTOM}"/>'
                     f'<text class="tick-label" x="{x(moment)}" y="{height - 10}">{escape(label)}</text>')
    for index, o in enumerate(rows):
        y = TOP + ROW * index
        due = instant(o.due, zone, end_of_day=True)
        begin = instant(o.start, zone) if o.start is not None else due - (end - start) * 0.01
        colour = COLOURS.get(o.status, "#757575")
        parts.append(f'<text class="row-label" x="{LABEL_WIDTH - 8}" y="{y + 15}">{escape(o.id)}</text>')
        parts.append(f'<rect class="bar {o.status}" x="{x(begin)}" y="{y + 5}" width="{max(x(due) - x(begin), 2)}" '
                     f'height="12" rx="3" fill="{colour}"><title>{escape(o.title)}: due {escape(shown(o.due))}, '
                     f'{escape(o.status)}</title></rect>')
        done = instant(o.done_at, zone, end_of_day=calendar) if o.done_at is not None else None
        late_end = done or as_of
        if o.status in ("late", "overdue") and late_end > due:
            parts.append(f'<rect class="late-span" x="{x(due)}" y="{y + 3}" width="{round(x(min(late_end, end)) - x(due), 1)}" '
                         f'height="16" fill="{COLOURS["overdue"]}" fill-opacity="0.25"/>')
        if done is not None:
            parts.append(f'<circle class="done-marker" cx="{x(done)}" cy="{y + 11}" r="5" fill="#fff" '
                         f'stroke="{colour}" stroke-width="2.5"><title>done {escape(shown(o.done_at))}</title></circle>')
    if not rows:
        parts.append(f'<text class="row-label no-clock" x="{LABEL_WIDTH - 8}" y="{TOP + 15}">'
                     "no clock runs (see the table)</text>")
    if aware is not None:
        parts.append(f'<line class="aware" x1="{x(aware)}" y1="{TOP - 14}" x2="{x(aware)}" y2="{height - BOTTOM}"/>'
                     f'<text class="aware-label" x="{x(aware)}" y="{TOP - 18}">aware</text>')
    if shows_as_of:
        parts.append(f'<line class="as-of" x1="{x(as_of)}" y1="{TOP - 14}" x2="{x(as_of)}" y2="{height - BOTTOM}"/>'
                     f'<text class="as-of-label" x="{x(as_of)}" y="{TOP - 18}">as of</text>')
    else:
        parts.append(f'<text class="as-of-label later" x="{LABEL_WIDTH + PLOT_WIDTH}" y="{TOP - 18}">'
                     f'as of {escape(shown(as_of.astimezone(zone)))} →</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def panels(incident: IncidentReport, as_of: datetime) -> list[Panel]:
    drawn = [o for o in incident.obligations if o.due is not None and o.status not in ("not_applicable", "exempt")]
    clocks = [o for o in drawn if isinstance(o.due, datetime)]
    calendar = [o for o in drawn if not isinstance(o.due, datetime)]
    result = []
    if clocks or not calendar:  # the awareness mark at least, when no clock runs
        title = f"Legal clocks of {incident.id}"
        result.append(Panel("Legal clocks", _svg(clocks, incident, as_of, calendar=False, title=title)))
    if calendar:
        title = f"Remediation calendar of {incident.id}"
        result.append(Panel("Remediation calendar", _svg(calendar, incident, as_of, calendar=True, title=title)))
    return result


def render(report: Report) -> str:
    environment = Environment(loader=PackageLoader("breachtrack", "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, finalize=_plain_values)
    due_soon = sum(1 for finding in findings(report, Gate()) if finding.due_soon)
    return environment.get_template("report.html.j2").render(
        report=report,
        as_of=shown(report.as_of),
        due_soon=due_soon,
        euros=euros,
        ceiling_amount=ceiling_amount,
        shown=shown,
        panels=lambda incident: panels(incident, report.as_of.astimezone(UTC)),
        when=lambda o, incident: time_to_due(o, incident, report.as_of),
        colours=COLOURS,
    )
