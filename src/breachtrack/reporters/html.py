"""A self-contained HTML page for the weekly review: what needs action, the summary figures,
and per incident its timelines drawn as inline SVG with the same facts in a table under them.

No network and no external asset (CSS and SVG are inline), so the file opens from an e-mail
attachment or a CI artifact. It prints on A4 (no table row split across pages, no date broken
in the middle, table headers repeated) and reads on a 600-pixel screen: the timelines scale
and their text grows as they shrink. Each incident has up to two timelines, since one scale
cannot show both a 72-hour clock and a two-year remediation calendar: the legal clocks, in
hours and days, and the remediation calendar, in months, with any legal clock longer than a
quarter (then titled "Longer periods"). Each row is labelled with the duty's
title above its bar, so the bar has the whole width; the duty's id is its tooltip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from html import escape as escape_html
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from breachtrack.engine import Gate, instant
from breachtrack.i18n import _, language, ngettext
from breachtrack.model import IncidentReport, Obligation, Report, euros
from breachtrack.reporters import (
    FOLDED,
    ceiling_amount,
    needs_action,
    shown,
    shown_parts,
    span,
    status_word,
    time_to_due,
)
from breachtrack.safetext import plain

COLOURS = {"done": "#2e7d32", "late": "#ef6c00", "pending": "#1565c0", "overdue": "#c62828"}
WIDTH, LEFT, RIGHT, ROW, TOP, BOTTOM, LABEL_X = 960, 60, 60, 42, 34, 30, 6
"""The SVG's coordinates: tick labels need LEFT and RIGHT, a row holds its label over its bar."""
PLOT_WIDTH = WIDTH - LEFT - RIGHT
LABEL_CHARACTERS = 80
"""A duty's title longer than this is cut with '…' (its tooltip and the table have it whole):
the label must fit the width when a narrow screen enlarges the text."""
HOUR_STEPS = [timedelta(hours=h) for h in (6, 12, 24, 48, 24 * 7, 24 * 14, 24 * 30, 24 * 61, 24 * 91, 24 * 182)]


def escape(value: object) -> str:
    """A value inside the SVG: plain text first (no control character in an XML document)."""
    return escape_html(plain(value))


def _plain_values(value: object) -> object:
    """Every ``{{ value }}`` of the page is made plain, then autoescaped; our SVG is Markup."""
    return plain(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def day_and_hour(value: datetime | date | None) -> Markup:
    """A due or done time that a line may break between its day and its hour, never inside
    either: '2024-03-08' over '18:00 +01:00' in a narrow column."""
    day, hour = shown_parts(value) if value is not None else (shown(value), "")
    parts = [f'<span class="nowrap">{escape_html(day)}</span>']
    if hour:
        parts.append(f'<span class="nowrap">{escape_html(hour)}</span>')
    return Markup(" ".join(parts))


DAY_IN_TEXT = re.compile(r"\d{4}-\d\d-\d\d(?: \d\d:\d\d)?")


def unbroken_days(text: str) -> Markup:
    """Free text (a title, a reason, a legal basis) in which a line never breaks inside a day
    or a day and its hour: browsers break after a hyphen, even in '2025-11-01'."""
    escaped = str(Markup.escape(plain(text)))
    escaped = escaped.replace("« ", "«\u00a0").replace(" »", "\u00a0»")  # French quotes stay with their words
    return Markup(DAY_IN_TEXT.sub(lambda day: f'<span class="nowrap">{day.group()}</span>', escaped))


@dataclass(frozen=True)
class Panel:
    title: str
    svg: Markup


TICK_PATTERNS = {"month": ("%b %Y", "MMM y"), "hour": ("%d %b %H:%M", "d MMM HH:mm"), "day": ("%d %b", "d MMM")}
"""A tick's label: the C locale's abbreviations in English, as the page always wrote them
('03 Mar'); Babel's in French, the day unpadded as French writes it (« 3 mars », « nov. 2026 »)."""


def _tick(moment: datetime, kind: str) -> str:
    english, babel = TICK_PATTERNS[kind]
    if language() == "en":
        return moment.strftime(english)
    from babel.dates import format_datetime

    return format_datetime(moment, babel, tzinfo=moment.tzinfo, locale="fr_FR")


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
            ticks.append((moment, _tick(moment.astimezone(zone), "month")))
        return ticks
    steps = [s for s in HOUR_STEPS if s >= timedelta(days=1)] if months else HOUR_STEPS  # days for a calendar
    step = next((s for s in steps if (end - start) / s <= 8), steps[-1])
    if step < timedelta(days=1):  # elapsed hours from local midnight
        moment = datetime.combine(local.date(), time(), tzinfo=zone).astimezone(UTC)
        while moment <= end:
            if moment >= start:
                ticks.append((moment, _tick(moment.astimezone(zone), "hour")))
            moment += step
        return ticks
    day = local.date()
    while True:  # local midnights, whatever daylight saving does
        moment = datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)
        if moment > end:
            return ticks
        if moment >= start:
            ticks.append((moment, _tick(moment.astimezone(zone), "day")))
        day += timedelta(days=step.days)


LABEL_GROWTH = 17 * 0.6
"""A top label's largest width per character, in the SVG's units: its text grows to 17px on a
narrow screen (the page's style sheet), and a character is about 0.6 of its size."""


def _anchored(x: float, label: str) -> str:
    """The style that keeps a label centred on its line inside the drawing: a long label (French
    « prise de connaissance ») near an edge starts or ends at its line instead."""
    half = len(label) * LABEL_GROWTH / 2
    if x - half < 0:
        return ' style="text-anchor: start"'
    if x + half > WIDTH:
        return ' style="text-anchor: end"'
    return ""


def _label(title: str) -> str:
    return title if len(title) <= LABEL_CHARACTERS else title[:LABEL_CHARACTERS - 1].rstrip() + "…"


def _svg(rows: list[Obligation], incident: IncidentReport, as_of: datetime, calendar: bool, title: str) -> Markup:
    zone = ZoneInfo(incident.timezone)
    aware = incident.aware_at.astimezone(UTC) if incident.aware_at and not calendar else None
    points = [aware] if aware else []
    for o in rows:
        points += [instant(o.due, zone, end_of_day=True)]
        points += [instant(t, zone) for t in (o.start, o.done_at) if t is not None]
    start, end = min(points), max(points)
    natural = max(end - start, timedelta(hours=12))
    # an open obligation is drawn with the as-of line, however far: how far it is is the point
    shows_as_of = start <= as_of <= end + natural or any(o.status in ("pending", "overdue") for o in rows)
    if shows_as_of:
        start, end = min(start, as_of), max(end, as_of)
    pad = (end - start) * 0.03 or timedelta(hours=1)
    start, end = start - pad, end + pad
    scale = PLOT_WIDTH / (end - start).total_seconds()

    def x(moment: datetime) -> float:
        return round(LEFT + (moment - start).total_seconds() * scale, 1)

    height = TOP + ROW * max(len(rows), 1) + BOTTOM
    parts = [f'<svg viewBox="0 0 {WIDTH} {height}" role="img" class="timeline"><title>{escape(title)}</title>']
    for index in range(0, len(rows), 2):  # a light band every other row ties a label to its bar
        parts.append(f'<rect class="band" x="0" y="{TOP + ROW * index}" width="{WIDTH}" height="{ROW}"/>')
    ticks = _ticks(start, end, zone, months=calendar)
    for index, (moment, label) in enumerate(ticks):
        alternate = " alternate" if index % 2 and len(ticks) > 4 else ""  # hidden where the text grows
        parts.append(f'<line class="tick" x1="{x(moment)}" y1="{TOP - 6}" x2="{x(moment)}" y2="{height - BOTTOM}"/>'
                     f'<text class="tick-label{alternate}" x="{x(moment)}" y="{height - 10}">{escape(label)}</text>')
    labels = []  # drawn last, over the aware and as-of lines, each with a halo
    for index, o in enumerate(rows):
        y = TOP + ROW * index
        due = instant(o.due, zone, end_of_day=True)
        begin = instant(o.start, zone) if o.start is not None else due - (end - start) * 0.01
        colour = COLOURS.get(o.status, "#757575")
        tooltip = _("{title} ({id}): due {due}, {status}").format(
            title=o.title, id=o.id, due=shown(o.due), status=status_word(o.status))
        tip = f"<title>{escape(tooltip)}</title>"
        labels.append(f'<text class="row-label" x="{LABEL_X}" y="{y + 16}">{tip}{escape(_label(o.title))}</text>')
        parts.append(f'<rect class="bar {o.status}" x="{x(begin)}" y="{y + 24}" '
                     f'width="{max(round(x(due) - x(begin), 1), 2)}" height="12" rx="3" fill="{colour}">{tip}</rect>')
        done = instant(o.done_at, zone, end_of_day=calendar) if o.done_at is not None else None
        late_end = done or as_of
        if o.status in ("late", "overdue") and late_end > due:
            parts.append(f'<rect class="late-span" x="{x(due)}" y="{y + 22}" '
                         f'width="{round(x(min(late_end, end)) - x(due), 1)}" '
                         f'height="16" fill="{COLOURS["overdue"]}" fill-opacity="0.25"/>')
        if done is not None:
            done_tip = _("done {moment}").format(moment=shown(o.done_at))
            parts.append(f'<circle class="done-marker" cx="{x(done)}" cy="{y + 30}" r="5" fill="#fff" '
                         f'stroke="{colour}" stroke-width="2.5"><title>{escape(done_tip)}</title></circle>')
    if not rows:
        no_clock = _("no clock runs (see why below)")
        labels.append(f'<text class="row-label no-clock" x="{LABEL_X}" y="{TOP + 16}">{escape(no_clock)}</text>')
    if aware is not None:
        label = _("aware")
        parts.append(f'<line class="aware" x1="{x(aware)}" y1="{TOP - 14}" x2="{x(aware)}" y2="{height - BOTTOM}"/>'
                     f'<text class="aware-label" x="{x(aware)}" y="{TOP - 18}"{_anchored(x(aware), label)}>'
                     f'{escape(label)}</text>')
    if shows_as_of:
        label = _("as of")
        parts.append(f'<line class="as-of" x1="{x(as_of)}" y1="{TOP - 14}" x2="{x(as_of)}" y2="{height - BOTTOM}"/>'
                     f'<text class="as-of-label" x="{x(as_of)}" y="{TOP - 18}"{_anchored(x(as_of), label)}>'
                     f'{escape(label)}</text>')
    else:
        later = _("as of {moment} →").format(moment=shown(as_of.astimezone(zone)))
        parts.append(f'<text class="as-of-label later" x="{WIDTH - 8}" y="{TOP - 18}">{escape(later)}</text>')
    parts += labels
    parts.append("</svg>")
    return Markup("".join(parts))


LONG_CLOCK = timedelta(days=92)
"""A clock longer than a quarter (HIPAA's report after the year end, PIPEDA's 24-month record)
is drawn on the calendar's scale: on the hours' scale it would shrink a 1-hour or a 72-hour bar
to a few pixels."""


def _long(obligation: Obligation, incident: IncidentReport) -> bool:
    start = obligation.start if isinstance(obligation.start, datetime) else incident.aware_at
    return isinstance(obligation.due, datetime) and start is not None and obligation.due - start > LONG_CLOCK


def panels(incident: IncidentReport, as_of: datetime) -> list[Panel]:
    drawn = [o for o in incident.obligations if o.due is not None and o.status not in ("not_applicable", "exempt")]
    clocks = [o for o in drawn if isinstance(o.due, datetime) and not _long(o, incident)]
    calendar = [o for o in drawn if not isinstance(o.due, datetime) or _long(o, incident)]
    result = []
    if clocks or not calendar:  # the awareness mark at least, when no clock runs
        title = _("Legal clocks of {id}").format(id=incident.id)
        result.append(Panel(_("Legal clocks"), _svg(clocks, incident, as_of, calendar=False, title=title)))
    if calendar:
        if all(isinstance(o.due, date) and not isinstance(o.due, datetime) for o in calendar):
            name, title = _("Remediation calendar"), _("Remediation calendar of {id}").format(id=incident.id)
        else:
            name, title = _("Longer periods"), _("Longer periods of {id}").format(id=incident.id)
        result.append(Panel(name, _svg(calendar, incident, as_of, calendar=True, title=title)))
    return result


def render(report: Report, warn_within: timedelta = Gate.warn_within) -> str:
    """The page; ``warn_within`` is how near its due time an open obligation needs action
    (``warn_within`` in breachtrack.toml)."""
    environment = Environment(loader=PackageLoader("breachtrack", "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, finalize=_plain_values)
    environment.globals.update(_=_, ngettext=ngettext)
    attention = needs_action(report, warn_within)
    return environment.get_template("report.html.j2").render(
        report=report,
        language=language(),
        as_of=shown(report.as_of),
        attention=attention,
        due_soon=sum(1 for finding in attention if finding.due_soon),
        warn_within=span(warn_within),
        folded=FOLDED,
        euros=euros,
        ceiling_amount=ceiling_amount,
        day_and_hour=day_and_hour,
        text=unbroken_days,
        panels=lambda incident: panels(incident, report.as_of.astimezone(UTC)),
        when=lambda o, incident: time_to_due(o, incident, report.as_of),
        colours=COLOURS,
        status_word=status_word,
    )
