"""``breachtrack export``: the register for an auditor, as CSV or as an XLSX workbook.

Two tables. The incidents: one row each, with what GDPR Art. 33(5) asks the register to hold
(the facts, the effects, the remedial action) and what a notification carries (Art. 33(3)), in
the order of the EDPB's draft common notification template where it fits: who and when, the
nature of the breach, the people and data concerned, the consequences, the measures, the
notification and its delay, the people informed, the contact point, cross-border processing.
The obligations: one row each, with its legal basis, whether the law or a policy sets its time,
its status, due and done times, and how late it is, in hours or in days in a column of numbers.

Times are local times in each incident's zone, as every other report shows them: the ``Time
zone`` column names the zone. CSV writes them as ISO 8601 with their offset
(``2025-07-12T10:00+02:00``); XLSX as typed dates and times, which have no zone in Excel.

Every text that comes from a file goes through ``safetext.spreadsheet_cell``: no cell starts a
formula, a line of a CI log, or a terminal escape. Pure: report and incidents in, text or bytes
out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from breachtrack.i18n import _, number
from breachtrack.model import Config, Incident, IncidentReport, Obligation, Report
from breachtrack.reporters import status_value, target_value
from breachtrack.rules import authority_of, data_protection_laws
from breachtrack.safetext import spreadsheet_cell

Cell = str | int | float | bool | datetime | date | None
Kind = Literal["text", "count", "hours", "days", "moment", "yes_no"]


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind


def _text(value: str | None) -> str | None:
    """A text as written, without the line break that ends a folded YAML block; None when empty."""
    return value.strip() or None if value else None


def _joined(words: Sequence[str]) -> str | None:
    return ", ".join(word.replace("_", " ") for word in words) or None


def _local(moment: datetime | None, incident: Incident) -> datetime | None:
    return moment.astimezone(incident.zone) if moment is not None else None


def _hours(start: datetime, end: datetime) -> float:
    """Elapsed hours, to the minute: 55.0, 30.5."""
    return round((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 60) / 60


def incident_columns(configs: Mapping[str, Config] | None = None, grouped: bool = False,
                     ) -> list[tuple[Column, Callable[[Incident, IncidentReport], Cell]]]:
    """The incidents table: each column and how a row's value is found; ``configs``, the
    settings of each incident by id (the authority its entity names); ``grouped``, a group
    register's: the entities each incident concerns, in a column of their own."""
    configs = configs or {}

    def people(incident: Incident, _report: IncidentReport) -> str | None:
        """'patients: 18,000; minors: 2,100'; a category without its number, by its name alone."""
        listed = incident.subject_categories.listed() if incident.subject_categories else []
        named = [(name.replace("_", " "), count) for name, count in listed]
        return "; ".join(name if count is None else f"{name}: {number(count)}" for name, count in named) or None

    def authority(incident: Incident, _report: IncidentReport) -> str | None:
        notice = incident.authority_notice
        if notice is None or notice.submitted_at is None:
            return notice.authority if notice else None
        laws = data_protection_laws(incident)
        return authority_of(incident, laws[0], configs.get(incident.id)) if laws else notice.authority

    def notified_after(incident: Incident, _report: IncidentReport) -> float | None:
        notice = incident.authority_notice
        return _hours(incident.aware_at, notice.submitted_at) if notice and notice.submitted_at else None

    def decided(incident: Incident, _report: IncidentReport) -> str | None:
        notice = incident.subject_notice
        if notice is None or notice.exempted_by_authority is None:
            return None
        return notice.exempted_by_authority + (f", {notice.decision}" if notice.decision else "")

    def contact(incident: Incident, _report: IncidentReport) -> str | None:
        if incident.dpo is None:
            return None
        dpo = incident.dpo
        return _text(", ".join(part for part in (dpo.name, dpo.email, dpo.phone) if part))

    def assessment(field: str) -> Callable[[Incident, IncidentReport], Cell]:
        def value(incident: Incident, _report: IncidentReport) -> Cell:
            found = getattr(incident.risk_assessment, field) if incident.risk_assessment else None
            return _local(found, incident) if isinstance(found, datetime) else _text(found)
        return value

    def notice(section: str, field: str, kind: Kind = "text") -> Callable[[Incident, IncidentReport], Cell]:
        def value(incident: Incident, _report: IncidentReport) -> Cell:
            found = getattr(getattr(incident, section), field) if getattr(incident, section) else None
            return _local(found, incident) if kind == "moment" else _text(found)
        return value

    entities = [(Column(_("Entities"), "text"), lambda i, r: ", ".join(r.entities) or None)] if grouped else []
    return [
        (Column(_("Incident"), "text"), lambda i, r: i.id),
        *entities,
        (Column(_("Title"), "text"), lambda i, r: _text(i.title)),
        (Column(_("Organisation"), "text"), lambda i, r: _text(i.organisation)),
        (Column(_("Role"), "text"), lambda i, r: i.role),
        (Column(_("Time zone"), "text"), lambda i, r: i.timezone),
        (Column(_("Detected"), "moment"), lambda i, r: _local(i.detected_at, i)),
        (Column(_("Aware"), "moment"), lambda i, r: _local(i.aware_at, i)),
        (Column(_("Cause"), "text"), lambda i, r: i.cause),
        (Column(_("Nature of the breach"), "text"), lambda i, r: _joined(i.nature)),
        (Column(_("What happened"), "text"), lambda i, r: _text(i.description)),
        (Column(_("People concerned"), "count"), lambda i, r: i.subjects),
        (Column(_("People by category"), "text"), people),
        (Column(_("Records concerned"), "count"), lambda i, r: i.records),
        (Column(_("Data categories"), "text"), lambda i, r: _joined(i.data)),
        (Column(_("Likely consequences"), "text"), lambda i, r: _text(i.consequences)),
        (Column(_("Risk"), "text"), lambda i, r: i.risk),
        (Column(_("Reasons for the risk judged, and for not notifying"), "text"), assessment("reasoning")),
        (Column(_("Risk assessed"), "moment"), assessment("assessed_at")),
        (Column(_("Risk assessed by"), "text"), assessment("assessed_by")),
        (Column(_("Measures taken"), "text"), lambda i, r: _text(i.measures_taken)),
        (Column(_("Measures proposed"), "text"), lambda i, r: _text(i.measures_planned)),
        (Column(_("Supervisory authority"), "text"), authority),
        (Column(_("Notified"), "moment"), notice("authority_notice", "submitted_at", "moment")),
        (Column(_("Notified, hours after awareness"), "hours"), notified_after),
        (Column(_("Notification reference"), "text"), notice("authority_notice", "reference")),
        (Column(_("Reasons for the delay"), "text"), notice("authority_notice", "delay_reasons")),
        (Column(_("People informed"), "moment"), notice("subject_notice", "sent_at", "moment")),
        (Column(_("How people were informed"), "text"), notice("subject_notice", "channel")),
        (Column(_("Exemption claimed (Art. 34(3))"), "text"), notice("subject_notice", "exemption")),
        (Column(_("Exemption decided by the authority (Art. 34(4))"), "text"), decided),
        (Column(_("Contact point (DPO)"), "text"), contact),
        (Column(_("Cross-border"), "yes_no"), lambda i, r: i.cross_border),
        (Column(_("Lead supervisory authority"), "text"), lambda i, r: _text(i.lead_authority)),
        (Column(_("File"), "text"), lambda i, r: r.file),
    ]


def late_by(obligation: Obligation, report: IncidentReport, as_of: datetime) -> tuple[float | None, int | None]:
    """How late a late obligation was done, or how long an overdue one has been due: in hours
    for a due time, in calendar days for a due day (as the astreinte counts them)."""
    due, done = obligation.due, obligation.done_at
    if obligation.status not in ("late", "overdue") or due is None:
        return None, None
    if isinstance(due, datetime):
        return _hours(due, done if obligation.status == "late" else as_of), None
    end = done if obligation.status == "late" else as_of.astimezone(ZoneInfo(report.timezone)).date()
    return None, (end - due).days


def obligation_columns(as_of: datetime, grouped: bool = False,
                       ) -> list[tuple[Column, Callable[[Obligation, IncidentReport], Cell]]]:
    """The obligations table: each column and how a row's value is found. Due and done times
    are already in the incident's zone, or the entity's; a remediation measure's are calendar
    days. ``grouped``: a group register's, with the entity of each obligation."""
    entity = [(Column(_("Entity"), "text"), lambda o, r: o.entity)] if grouped else []
    zone_of = _entity_zone if grouped else lambda o, r: r.timezone
    return [
        (Column(_("Incident"), "text"), lambda o, r: r.id),
        *entity,
        (Column(_("Obligation"), "text"), lambda o, r: o.id),
        (Column(_("Title"), "text"), lambda o, r: _text(o.title)),
        (Column(_("Legal basis"), "text"), lambda o, r: o.basis),
        (Column(_("Law or policy"), "text"), lambda o, r: target_value(o.target)),
        (Column(_("Status"), "text"), lambda o, r: status_value(o.status)),
        (Column(_("Due"), "moment"), lambda o, r: o.due),
        (Column(_("Done"), "moment"), lambda o, r: o.done_at),
        (Column(_("Late or overdue by (hours)"), "hours"), lambda o, r: late_by(o, r, as_of)[0]),
        (Column(_("Late or overdue by (days)"), "days"), lambda o, r: late_by(o, r, as_of)[1]),
        (Column(_("Time zone"), "text"), zone_of),
        (Column(_("As of"), "moment"), lambda o, r: as_of.astimezone(ZoneInfo(zone_of(o, r)))),
        (Column(_("Why"), "text"), lambda o, r: _text(o.reason)),
    ]


def _entity_zone(obligation: Obligation, report: IncidentReport) -> str:
    """The zone an obligation's times are shown in: in a group register, its entity's, which its
    due time carries (the engine shows it there); else, and for a due day, the incident's."""
    zone = getattr(obligation.due, "tzinfo", None)
    return zone.key if isinstance(zone, ZoneInfo) and zone.key else report.timezone


Table = tuple[list[Column], list[list[Cell]]]


def grouped(report: Report) -> bool:
    """Whether the report is a group register's: an incident concerns a named entity."""
    return any(incident.entities for incident in report.incidents)


def incidents_table(report: Report, incidents: Mapping[str, Incident],
                    configs: Mapping[str, Config] | None = None) -> Table:
    columns = incident_columns(configs, grouped(report))
    rows = [[find(incidents[judged.id], judged) for _column, find in columns] for judged in report.incidents]
    return [column for column, _find in columns], rows


def obligations_table(report: Report) -> Table:
    columns = obligation_columns(report.as_of, grouped(report))
    rows = [[find(obligation, judged) for _column, find in columns]
            for judged in report.incidents for obligation in judged.obligations]
    return [column for column, _find in columns], rows


# --- CSV ---------------------------------------------------------------------------------


def _csv_value(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return str(value)
    return spreadsheet_cell(value)


def render_csv(report: Report, incidents: Mapping[str, Incident], what: Literal["incidents", "obligations"],
               configs: Mapping[str, Config] | None = None) -> str:
    """One table as RFC 4180 CSV: comma-separated, CRLF line ends, quoted where needed, with a
    UTF-8 byte order mark first so that Excel reads the accents as UTF-8."""
    columns, rows = incidents_table(report, incidents, configs) if what == "incidents" else obligations_table(report)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(column.header) for column in columns])
    writer.writerows([_csv_value(value) for value in row] for row in rows)
    return "\ufeff" + out.getvalue()


# --- XLSX --------------------------------------------------------------------------------

MAX_CELL = 32_767
"""The most characters an Excel cell holds; a longer text would make the workbook unreadable."""
FORMATS = {"count": "#,##0", "hours": "#,##0.00", "days": "#,##0"}
WIDEST = 60
"""Characters: a wider column of prose is harder to read than a narrower one scrolled."""


def _xlsx_value(value: Cell) -> Cell:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel has no time zones: the local time, the zone in its column
    if isinstance(value, str):
        cell = spreadsheet_cell(value)
        if len(cell) > MAX_CELL:
            cut = _("... (cut: {count} characters in the file)").format(count=number(len(cell)))
            cell = cell[:MAX_CELL - len(cut)] + cut
        return cell
    return value


def _width(value: Cell) -> int:
    """How many characters a value takes in its column."""
    if isinstance(value, datetime):
        return 16
    if isinstance(value, str):
        return len(value)
    return len(_csv_value(value))


def _sheet(workbook, title: str, table: Table) -> None:
    """One table as a streamed sheet (openpyxl's write-only mode: half the time of a full
    worksheet on a large register): widths, frozen header and filters set before the rows."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns, rows = table
    values = [[_xlsx_value(value) for value in row] for row in rows]
    sheet = workbook.create_sheet(title)
    for index, column in enumerate(columns):
        widest = max((_width(row[index]) for row in values), default=0)
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(widest, len(column.header)), WIDEST) + 2
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=spreadsheet_cell(column.header))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats = [FORMATS.get(column.kind) for column in columns]
    for row in values:
        sheet.append([_typed(sheet, value, number_format) for value, number_format in zip(row, formats)])


def _typed(sheet, value: Cell, number_format: str | None):
    """A text or an empty cell as it is; a date, a time or a number in a cell with its format."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, datetime):
        number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        number_format = "yyyy-mm-dd"
    elif isinstance(value, bool) or not isinstance(value, int | float):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format
    return cell


def render_xlsx(report: Report, incidents: Mapping[str, Incident], configs: Mapping[str, Config] | None = None) -> bytes:
    """A workbook: the incidents, the obligations, and what the export is (as of when, in
    which times), each table with a bold header row that stays in view and filters."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    workbook.properties.created = report.as_of.astimezone(UTC).replace(tzinfo=None)
    _sheet(workbook, _("Incidents"), incidents_table(report, incidents, configs))
    _sheet(workbook, _("Obligations"), obligations_table(report))
    about = workbook.create_sheet(_("About"))
    for line in (
        _("Breach register as of {moment}.").format(moment=report.as_of.isoformat(timespec="minutes")),
        _("Times are local times in each incident's time zone (column Time zone): Excel has no time zones."),
        _("Statuses, and how late an overdue obligation is, are as of that moment."),
        _("Each incident's obligations are in the sheet Obligations, joined by the incident's id."),
    ):
        about.append([line])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
