"""Period statistics (``breachtrack stats``) in each format: one pure function per format,
``Stats -> str``. Markdown for an annual report, JSON for tools (fixed English keys), CSV for a
spreadsheet (one figure a row), HTML with the figures drawn as inline SVG bars (no network,
no script; it prints on A4).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

from breachtrack.i18n import N_, _, language, money, ngettext, number
from breachtrack.i18n import moment as moment_words
from breachtrack.i18n import long_day
from breachtrack.reporters import shown
from breachtrack.safetext import code, json_text, markdown, spreadsheet_cell
from breachtrack.stats import Delays, Miss, OnTime, Stats

CAUSE_LABELS = {"malicious": N_("malicious (an attack)"), "accidental": N_("accidental"),
                "unknown": N_("cause not known")}
RISK_LABELS = {"high": N_("high risk"), "risk": N_("a risk, not high"), "unlikely": N_("risk unlikely")}
DATA_LABELS = {
    "identity": N_("identity"), "contact": N_("contact details"), "birth_date": N_("date of birth"),
    "national_id": N_("national identification number"), "account_id": N_("account identifiers"),
    "credentials": N_("passwords and credentials"), "financial": N_("financial data"), "health": N_("health data"),
    "special_category": N_("other special categories (Art. 9)"), "location": N_("location data"),
    "minors": N_("minors' data"), "other": N_("other data"), "not_recorded": N_("categories not recorded"),
}
REGIME_LABELS = {
    "gdpr": N_("GDPR"), "fr": N_("French law"), "nis2": N_("NIS2"), "dora": N_("DORA"), "eprivacy": N_("ePrivacy"),
    "uk": N_("UK GDPR"), "pecr": N_("UK PECR"), "cra": N_("Cyber Resilience Act"),
    "hipaa": N_("HIPAA"), "sec": N_("SEC"), "nydfs": N_("NYDFS"), "us-states": N_("US states"),
    "lgpd": N_("LGPD (Brazil)"), "pdpa-sg": N_("PDPA (Singapore)"), "ndb-au": N_("NDB (Australia)"),
    "pipeda": N_("PIPEDA (Canada)"), "nfadp": N_("FADP (Switzerland)"), "appi": N_("APPI (Japan)"),
    "pipa-kr": N_("PIPA (South Korea)"), "dpdp-in": N_("DPDP (India)"), "cert-in": N_("CERT-In (India)"),
    "pipl-cn": N_("China (CAC, PIPL)"),
    "none": N_("no obligation applies"),
}
TARGET_LABELS = {"law": N_("law"), "policy": N_("policy target")}
MISS_LABELS = {"late": N_("late"), "overdue": N_("overdue")}
PERCENTILE_METHOD = "nearest-rank"


def hours(delta: timedelta) -> float:
    return delta / timedelta(hours=1)


def _hours_text(delta: timedelta | None) -> str:
    return "-" if delta is None else _("{hours} h").format(hours=number(hours(delta), 1))


def _percent(share: Fraction | None) -> str:
    return "-" if share is None else _("{percent}%").format(percent=number(float(share * 100), 1))


def _share(count: int, whole: int) -> str:
    return _percent(Fraction(count, whole) if whole else None)


def _by(miss: Miss) -> str:
    """How late or how long overdue: days for a due day, hours for a clock."""
    if miss.in_days:
        return ngettext("{count} day", "{count} days", miss.by.days).format(count=miss.by.days)
    return _hours_text(miss.by)


def _period(stats: Stats) -> str:
    start, end = (long_day(day) if day else None for day in (stats.start, stats.end))
    if start and end:
        return _("Period: the incidents the organisation became aware of from {start} to {end}, both days "
                 "included.").format(start=start, end=end)
    if start:
        return _("Period: the incidents the organisation became aware of on or after {start}.").format(start=start)
    if end:
        return _("Period: the incidents the organisation became aware of on or before {end}.").format(end=end)
    return _("Period: every incident in the register.")


def _as_of(stats: Stats) -> str:
    return _("As of {moment}: each obligation as it stood then.").format(moment=moment_words(stats.as_of))


def _invalid(stats: Stats) -> str:
    return ngettext("{count} invalid file is left out of these figures (its errors are on standard error).",
                    "{count} invalid files are left out of these figures (their errors are on standard error).",
                    stats.invalid_files).format(count=stats.invalid_files)


def _shown_counts(counts: dict[str, int], labels: dict[str, str], keep_zero: bool) -> list[tuple[str, int]]:
    """(label, count), the largest first for categories and regimes; causes and risks in their order."""
    rows = [(_(labels[key]), count) for key, count in counts.items() if count or keep_zero]
    return rows if keep_zero else sorted(rows, key=lambda row: -row[1])


def _breakdowns(stats: Stats, markup: Callable[[str], str] = str) -> list[tuple[str, str, str | None, list[tuple[str, int]]]]:
    """Each breakdown of the incidents: its title, what it counts by, a note on how, its rows;
    ``markup`` writes a name from the files (an entity's) for the format."""
    return [
        (_("By cause"), _("Cause"), None, _shown_counts(stats.by_cause, CAUSE_LABELS, keep_zero=True)),
        (_("By risk to people"), _("Risk"), None, _shown_counts(stats.by_risk, RISK_LABELS, keep_zero=True)),
        (_("By category of data"), _("Category"), _("An incident counts once in each of its categories."),
         _shown_counts(stats.by_data, DATA_LABELS, keep_zero=False)),
        (_("By regime"), _("Regime"), _("An incident counts in each regime that brings at least one obligation that "
                                         "applies to it (an exempt one included)."),
         _shown_counts(stats.by_regime, REGIME_LABELS, keep_zero=False)),
        *([(_("By entity"), _("Entity"), _("An incident counts in each entity of the group it concerns."),
            [(markup(name), count) for name, count in stats.by_entity.items()])] if stats.by_entity else []),
    ]


def _delays(stats: Stats) -> list[tuple[str, Delays, str]]:
    """Each delay: its name, its values, and which incidents it leaves out."""
    notification, detection = stats.awareness_to_notification, stats.detection_to_awareness
    return [
        (_("Awareness to notification of the authority"), notification,
         ngettext("{count} incident was not notified to a data-protection authority.",
                  "{count} incidents were not notified to a data-protection authority.",
                  notification.unmeasured).format(count=notification.unmeasured)),
        (_("Detection to awareness"), detection,
         ngettext("{count} incident has no detection time (detected_at) in its file.",
                  "{count} incidents have no detection time (detected_at) in their files.",
                  detection.unmeasured).format(count=detection.unmeasured)),
    ]


def _percentile_note() -> str:
    return _("Percentiles by the nearest-rank method: the median is the smallest delay that at least half of the "
             "incidents measured are at or under, the 90th percentile the smallest that at least 90 % of them are at "
             "or under; so each is a delay an incident really had. Notification: the first notification of the breach "
             "to a data-protection authority (GDPR or UK GDPR Art. 33, ePrivacy, PECR).")


ON_TIME_NOTE = N_("On time: done by the due time, out of those done, late or overdue. Pending ones are counted apart; "
                  "not applicable and exempt ones are left out. Law: a deadline the law sets; policy target: the "
                  "register's own target where the law says \"without undue delay\".")
NO_INCIDENT = N_("No incident in the period.")
EXPOSURE_NOTE = N_("Exposure is not debt: an astreinte is owed only once the authority liquidates it, and it may "
                   "lower it.")


# --- Markdown ----------------------------------------------------------------------------------


def _md_duty(duty: OnTime) -> str:
    on_time = _("{done} of {judged} ({percent})").format(done=duty.done, judged=duty.judged,
                                                         percent=_percent(duty.share))
    return (f"| {markdown(duty.title)}<br>{code(duty.obligation)} | {_(TARGET_LABELS[duty.target])} | {on_time} "
            f"| {duty.done} | {duty.late} | {duty.overdue} | {duty.pending} |")


def _md_miss(miss: Miss) -> str:
    o = miss.obligation
    entity = f"<br>{markdown(o.entity)}" if o.entity is not None else ""
    return (f"| {code(miss.incident)}{entity} | {markdown(o.title)}<br>{code(o.id)} | {_(TARGET_LABELS[o.target])} "
            f"| {shown(o.due)} | {shown(o.done_at)} | {_(MISS_LABELS[o.status])} | {_by(miss)} |")


def _row(*cells: str) -> str:
    """A Markdown table row (messages stay out of f-strings, where extraction cannot see them)."""
    return "| " + " | ".join(cells) + " |"


def render_md(stats: Stats) -> str:
    lines = ["# " + _("Breach statistics"), "", _period(stats), _as_of(stats), ""]
    if stats.invalid_files:
        lines += [f"**{_invalid(stats)}**", ""]
    lines += ["## " + _("Incidents: {count}").format(count=number(stats.incidents)), ""]
    for title, dimension, note, rows in _breakdowns(stats, markdown):
        lines += [f"### {title}", ""] + ([note, ""] if note else [])
        if rows:
            lines += [_row(dimension, _("Incidents"), _("Share of incidents")), "| --- | ---: | ---: |",
                      *(f"| {label} | {number(count)} | {_share(count, stats.incidents)} |" for label, count in rows)]
        else:
            lines.append(_(NO_INCIDENT))
        lines.append("")
    lines += ["## " + _("Notification duties met on time"), "", _(ON_TIME_NOTE), ""]
    if stats.on_time:
        lines += [_row(_("Duty"), _("Deadline set by"), _("On time"), _("Done"), _("Late"), _("Overdue"), _("Pending")),
                  "| --- | --- | ---: | ---: | ---: | ---: | ---: |", *(_md_duty(duty) for duty in stats.on_time)]
    else:
        lines.append(_("No notification duty applies to the incidents of the period."))
    lines += ["", "## " + _("Delays"), "",
              _row(_("Delay"), _("Incidents measured"), _("Median"), _("90th percentile")),
              "| --- | ---: | ---: | ---: |"]
    delays = _delays(stats)
    lines += [f"| {name} | {number(len(values.values))} | {_hours_text(values.median)} | {_hours_text(values.p90)} |"
              for name, values, _left_out in delays]
    lines += ["", _percentile_note(), *(left_out for _name, values, left_out in delays if values.unmeasured), ""]
    lines += ["## " + _("Obligations late or overdue"), "",
              _("{overdue} overdue (still open past their due time), {late} late (done after it).").format(
                  overdue=len(stats.overdue), late=len(stats.late)), ""]
    if stats.overdue or stats.late:
        lines += [_row(_("Incident"), _("Obligation"), _("Deadline set by"), _("Due"), _("Done"), _("Status"), _("By")),
                  "| --- | --- | --- | --- | --- | --- | ---: |",
                  *(_md_miss(miss) for miss in (*stats.overdue, *stats.late)), ""]
    lines += ["## " + _("Astreinte"), "",
              _("Accrued: {accrued}; running now: {daily} a day.").format(
                  accrued=money(stats.astreinte_accrued_eur), daily=money(stats.astreinte_daily_eur)),
              "", _(EXPOSURE_NOTE)]
    return "\n".join(lines) + "\n"


# --- JSON --------------------------------------------------------------------------------------


def _number(value: float | Fraction, digits: int) -> int | float:
    rounded = round(float(value), digits)
    return int(rounded) if rounded == int(rounded) else rounded


def _json_hours(delta: timedelta | None) -> int | float | None:
    return None if delta is None else _number(hours(delta), 2)


def _json_time(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def _json_miss(miss: Miss) -> dict[str, Any]:
    o = miss.obligation
    return {"incident": miss.incident, "obligation": o.id, "target": o.target, "due": _json_time(o.due),
            "done_at": _json_time(o.done_at), "by_hours": None if miss.in_days else _json_hours(miss.by),
            "by_days": miss.by.days if miss.in_days else None,
            **({"entity": o.entity} if o.entity is not None else {})}


def _json_delays(delays: Delays) -> dict[str, Any]:
    return {"incidents": len(delays.values), "median": _json_hours(delays.median), "p90": _json_hours(delays.p90),
            "unmeasured": delays.unmeasured}


def render_json(stats: Stats) -> str:
    document = {
        "as_of": stats.as_of.isoformat(),
        "period": {"from": _json_time(stats.start), "to": _json_time(stats.end)},
        "incidents": stats.incidents,
        "invalid_files": stats.invalid_files,
        "by_cause": stats.by_cause,
        "by_risk": stats.by_risk,
        "by_data": stats.by_data,
        "by_regime": stats.by_regime,
        "by_entity": stats.by_entity,
        "on_time": [{"obligation": d.obligation, "target": d.target, "title": d.title, "done": d.done, "late": d.late,
                     "overdue": d.overdue, "pending": d.pending,
                     "share": None if d.share is None else _number(d.share, 4)} for d in stats.on_time],
        "delays_hours": {
            "percentile_method": PERCENTILE_METHOD,
            "awareness_to_notification": _json_delays(stats.awareness_to_notification),
            "detection_to_awareness": _json_delays(stats.detection_to_awareness),
        },
        "late": {"count": len(stats.late), "obligations": [_json_miss(m) for m in stats.late]},
        "overdue": {"count": len(stats.overdue), "obligations": [_json_miss(m) for m in stats.overdue]},
        "astreinte": {"accrued_eur": _number(stats.astreinte_accrued_eur, 2),
                      "daily_eur": _number(stats.astreinte_daily_eur, 2)},
    }
    return json_text(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


# --- CSV ---------------------------------------------------------------------------------------

def _csv_rows(stats: Stats) -> list[tuple[object, ...]]:
    """(section, incident, item, target, measure, value): the JSON document's figures, one a row."""
    rows: list[tuple[object, ...]] = [
        ("period", "", "from", "", "day", _json_time(stats.start) or ""),
        ("period", "", "to", "", "day", _json_time(stats.end) or ""),
        ("period", "", "as_of", "", "time", stats.as_of.isoformat()),
        ("incidents", "", "all", "", "incidents", stats.incidents),
        ("invalid_files", "", "all", "", "files", stats.invalid_files),
    ]
    for section in ("by_cause", "by_risk", "by_data", "by_regime", "by_entity"):
        rows += [(section, "", key, "", "incidents", count) for key, count in getattr(stats, section).items()]
    for d in stats.on_time:
        rows += [("on_time", "", d.obligation, d.target, measure, value) for measure, value in
                 (("done", d.done), ("late", d.late), ("overdue", d.overdue), ("pending", d.pending),
                  ("share", "" if d.share is None else _number(d.share, 4)))]
    for section, delays in (("awareness_to_notification", stats.awareness_to_notification),
                            ("detection_to_awareness", stats.detection_to_awareness)):
        rows += [(section, "", PERCENTILE_METHOD, "", measure, "" if value is None else value) for measure, value in
                 (("incidents", len(delays.values)), ("median_hours", _json_hours(delays.median)),
                  ("p90_hours", _json_hours(delays.p90)), ("unmeasured", delays.unmeasured))]
    for section, misses in (("overdue", stats.overdue), ("late", stats.late)):
        rows += [(section, m.incident, m.obligation.id, m.obligation.target, "days" if m.in_days else "hours",
                  m.by.days if m.in_days else _json_hours(m.by)) for m in misses]
    rows += [("astreinte", "", "accrued", "", "eur", _number(stats.astreinte_accrued_eur, 2)),
             ("astreinte", "", "daily", "", "eur", _number(stats.astreinte_daily_eur, 2))]
    return rows


def render_csv(stats: Stats) -> str:
    """RFC 4180 (CRLF line ends), UTF-8 with a byte-order mark so that Excel reads accents."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("Section"), _("Incident"), _("Item"), _("Deadline set by"), _("Measure"), _("Value")])
    writer.writerows([spreadsheet_cell(value) if isinstance(value, str) else value for value in row]
                    for row in _csv_rows(stats))
    return "\ufeff" + out.getvalue()


# --- HTML --------------------------------------------------------------------------------------

DELAY_BINS = ((24, N_("within 24 h")), (48, N_("24 to 48 h")), (72, N_("48 to 72 h")), (168, N_("72 h to 7 days")),
              (None, N_("over 7 days")))
"""Upper bounds, in hours, included: a notification at 72 hours is on time."""


BAR = "var(--bar)"
"""The colour of a count (the page's style sheet sets it)."""


def _binned(delays: Delays, past_72_hours: str = BAR) -> list[tuple[str, int, str]]:
    """(label, count, colour) of each bin; the bins past 72 hours in ``past_72_hours``."""
    counts = [0] * len(DELAY_BINS)
    for value in delays.values:
        counts[next(i for i, (upper, _label) in enumerate(DELAY_BINS) if upper is None or hours(value) <= upper)] += 1
    return [(_(label), count, BAR if upper is not None and upper <= 72 else past_72_hours)
            for (upper, label), count in zip(DELAY_BINS, counts, strict=True)]


def render_html(stats: Stats) -> str:
    from jinja2 import Environment, PackageLoader  # imported by this format only: start-up stays short
    from markupsafe import Markup

    from breachtrack.reporters.html import COLOURS
    from breachtrack.safetext import plain

    def bar(segments: list[tuple[int, str]], whole: int) -> Markup:
        """One bar as inline SVG: segments (count, colour) laid end to end on a track of ``whole``."""
        parts, x = [], 0.0
        for count, colour in segments:
            width = 100 * count / whole if whole else 0
            if width:
                parts.append(f'<rect x="{x:.4g}" y="0" width="{width:.4g}" height="10" fill="{colour}"/>')
            x += width
        return Markup('<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">'
                      '<rect class="track" x="0" y="0" width="100" height="10"/>' + "".join(parts) + "</svg>")

    def breakable(identifier: str) -> Markup:
        """An id that a narrow column may break after a dot, never inside a word."""
        return Markup(".<wbr>").join(plain(part) for part in identifier.split("."))  # each part escaped

    notification, detection = _delays(stats)
    environment = Environment(loader=PackageLoader("breachtrack", "templates"), autoescape=True, trim_blocks=True,
                              lstrip_blocks=True,
                              finalize=lambda v: plain(v) if isinstance(v, str) and not isinstance(v, Markup) else v)
    environment.globals.update(_=_, ngettext=ngettext)
    return environment.get_template("stats.html.j2").render(
        number=number, money=money, shown=shown, bar=bar, breakable=breakable, share=_share,
        hours=_hours_text, by=_by, percent=_percent,
        stats=stats, period=_period(stats), as_of=_as_of(stats), invalid=_invalid(stats) if stats.invalid_files else "",
        breakdowns=_breakdowns(stats), percentile_note=_percentile_note(),
        delay_charts=[(*notification, _binned(notification[1], past_72_hours=COLOURS["late"])),  # Art. 33(1)
                      (*detection, _binned(detection[1]))],
        on_time_note=_(ON_TIME_NOTE), exposure_note=_(EXPOSURE_NOTE), target_labels=TARGET_LABELS,
        miss_labels=MISS_LABELS, colours=COLOURS, language=language(), no_incident=_(NO_INCIDENT),
        bar_colour=BAR,
    )
