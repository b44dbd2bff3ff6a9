"""dora.initial, dora.intermediate, dora.updated_intermediate, dora.final and their delay notices
(dora.initial.delay_notice, dora.intermediate.delay_notice, dora.final.delay_notice): reporting
a major ICT-related incident to the competent authority.

Legal basis: Regulation (EU) 2022/2554 (DORA) Art. 19(4), applying from 17 January 2025 (Art.
64), and Commission Delegated Regulation (EU) 2025/301, in force from 12 March 2025, Art. 5:

(1) "(a) for the initial report: as early as possible, but in any case, within four hours from
the classification of the ICT-related incident as a major ICT-related incident and no later than
24 hours from the moment the financial entity has become aware of the ICT-related incident;
(b) for the intermediate report: at the latest within 72 hours from the submission of the
initial notification [...]. Financial entities shall submit an updated intermediate report
without undue delay, and in any case when the regular activities have been recovered; (c) for
the final report: no later than one month after either the submission of the intermediate
report, or, where applicable, after the latest updated intermediate report."
(2) "Where the financial entity has not classified an ICT-related incident as major within 24
hours from the moment the financial entity has become aware of the ICT-related incident but
classifies that ICT-related incident as major at a later stage, the financial entity shall
submit the initial notification within four hours from the classification [...]."
(3) "Financial entities that are unable to submit the initial notification, intermediate
report, or final report within the time limits set out in paragraph 1, shall inform the
competent authority thereof without undue delay, but no later than the respective time limit
for submission of the notification or report, and shall explain the reasons for the delay."
(4) "Where the time limit for the submission of an initial notification, intermediate report, or
a final report falls on a weekend day or a bank holiday in the Member State of the reporting
financial entity, the financial entity may submit the [...] report by noon of the next working
day." (5) (not read in the Official Journal; BaFin's FAQ of 13 May 2025): paragraph 4 does not
apply to credit institutions, central counterparties, operators of trading venues, and entities
identified as essential or important under national rules transposing NIS2 Art. 3.

In plain words: with regime ``dora`` and ``dora.classified_major_at``, the initial notification
is due 4 hours after classification and at most 24 hours after ``detected_at``; classified more
than 24 hours after ``detected_at``, 4 hours after classification. The intermediate report is
due 72 hours after the initial notification; an updated one when regular activities are
recovered (``recovered_at``); the final report one calendar month after the latest intermediate
report, first or updated. A time limit on a weekend day or a national public holiday of the
entity's Member State (``dora.country``, else the register's ``country``), in that State's legal
time, moves to noon of its next working day; not, for the first two reports, for the three
entity types above or an entity with ``dora.nis2_identified: true``. A report sent after its due
time calls for a notice of the delay, due at the report's time limit.

Readings where the text leaves room, each the earlier deadline unless said otherwise:

- Awareness of "the ICT-related incident" is ``detected_at`` ("when the security incident was
  first known"), not ``aware_at``, which is awareness of a personal-data breach and never earlier.
- The duty to report starts with the classification as major, so DORA applies to an incident
  classified on or after 17 January 2025 (in the entity's legal time), even if known before.
  Until 12 March 2025 the RTS was not in force and Art. 19 set no time limit: its limits are then
  shown as a policy target, with the same instants.
- Art. 5(4) names the reporting entity's Member State; the issue spoke of the competent
  authority's, the same State in practice. Its "bank holidays" are read as the holidays
  package's national public holidays (in France the same days; elsewhere a bank closing day that
  is no public holiday moves nothing), without ``subdivision``: a regional holiday
  (Alsace-Moselle) is not one "in the Member State", and fewer holidays move fewer deadlines.
  "Noon" is read in the mainland's legal time (model.MEMBER_STATE_ZONES), whatever the incident
  file's zone; an entity in an overseas region east of its capital (Réunion, Mayotte) would
  have an earlier noon.
- Art. 5(5), read only in secondary sources, withholds the relief from the initial notification
  and the intermediate report; the final report keeps it for everyone. That is the majority
  reading; on the stricter one, the listed entities would have no relief for the final report
  either. A competent authority's decision under Art. 5(6) withdrawing the relief from another
  significant entity is not recorded here.
- The updated intermediate report is due at ``recovered_at`` itself ("in any case when"), without
  weekend relief: the text gives it a moment, not a time limit that could fall on a weekend (read
  as an intermediate report's time limit, it could wait until noon of the next working day). It
  updates the first intermediate report, so it is not applicable when recovery came before that
  report, which then says so (a stricter reading would pull that report forward to the
  recovery). It is done by an ``updated_intermediate_at`` at or after the recovery.
- The notice of a delay is due at the Art. 5(1) time limit, not at the noon Art. 5(4) allows:
  Art. 5(4) keeps the time limit where it "falls" and lets the report, not the notice, come
  later (on the lenient reading, the noon would hold for both). It is called for once a report
  was sent after its (relieved) due time, or once a notice is recorded: a report sent within the
  relief needs none. Each report has its own notice (``dora.initial_delay_notified_at`` and so
  on); the updated intermediate report, due at the recovery itself, has none.

Applies (a payment institution aware on Friday 24 October 2025 20:00 and classifying on Saturday
08:00: the initial notification's time limit, Saturday 12:00, moves to Monday 27 October 12:00,
after the change to winter time; a credit institution's stays on Saturday 12:00)::

    regimes: [dora]
    detected_at: 2025-10-24T20:00
    dora: {classified_major_at: 2025-10-25T08:00}

Does not apply (not classified as major; or classified before 17 January 2025)::

    regimes: [dora]
    dora: {classified_major_at: 2025-01-10T09:00}
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from breachtrack.i18n import N_, _
from breachtrack.model import Config, Dora, Incident
from breachtrack.rules import Assessment, before_in_force, elapsed, months_after, stated_day, stated_moment, working_day

INITIAL = "dora.initial"
INTERMEDIATE = "dora.intermediate"
UPDATED_INTERMEDIATE = "dora.updated_intermediate"
FINAL = "dora.final"
DELAY_NOTICE = ".delay_notice"
"""Appended to a report's id: the notice of its delay (Art. 5(3))."""
IN_FORCE = date(2025, 1, 17)
"""DORA Art. 64: "It shall apply from 17 January 2025"; the classification as major counts."""
RTS_IN_FORCE = date(2025, 3, 12)
"""RTS (EU) 2025/301, published on 20 February 2025, in force on the twentieth day after."""
NO_RELIEF = {
    "credit_institution": N_("a credit institution"),
    "central_counterparty": N_("a central counterparty"),
    "trading_venue": N_("an operator of a trading venue"),
}
"""Art. 5(5): entity types that send the first two reports on weekends and holidays too."""
DELAY_NOTICES = {  # report id: (the notice's title, why after a late report, why once a delay was announced)
    INITIAL: (N_("Announce the delay of the initial notification ({authority})"),
              N_("the initial notification was sent after its due time: the authority is told, with the reasons, "
                 "no later than its time limit"),
              N_("a delay of the initial notification was announced")),
    INTERMEDIATE: (N_("Announce the delay of the intermediate report ({authority})"),
                   N_("the intermediate report was sent after its due time: the authority is told, with the "
                      "reasons, no later than its time limit"),
                   N_("a delay of the intermediate report was announced")),
    FINAL: (N_("Announce the delay of the final report ({authority})"),
            N_("the final report was sent after its due time: the authority is told, with the reasons, no later "
               "than its time limit"),
            N_("a delay of the final report was announced")),
}
"""Art. 5(3), for each report that has a time limit."""


def _no_relief_for(section: Dora) -> str | None:
    """Who, under Art. 5(5), sends the first two reports on weekends and holidays too."""
    if section.entity_type in NO_RELIEF:
        return _(NO_RELIEF[section.entity_type])
    if section.nis2_identified:
        return _("an entity identified as essential or important under NIS2")
    return None


def _due(limit: datetime, section: Dora, withheld: str | None) -> tuple[datetime, str]:
    """The due instant of a time limit under Art. 5(4), unless the relief is ``withheld`` from
    the entity, and what happened to it, in words ('' on a working day)."""
    zone = section.zone
    local = limit.astimezone(zone)
    if working_day(local.date(), section.country):
        return limit, ""
    when = {"moment": stated_moment(limit, zone), "zone": zone.key, "country": section.country}
    if withheld:
        return limit, _("; the time limit, {moment} {zone}, falls on a weekend day or a public holiday in {country}, "
                        "but {withheld} gets no relief (Art. 5(5))").format(withheld=withheld, **when)
    day = local.date() + timedelta(days=1)
    while not working_day(day, section.country):
        day += timedelta(days=1)
    noon = datetime.combine(day, time(12), tzinfo=zone).astimezone(UTC)
    return noon, _("; the time limit, {moment} {zone}, falls on a weekend day or a public holiday in {country}: noon "
                   "of the next working day there (Art. 5(4))").format(**when)


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "dora" not in incident.regimes:
        return []
    section = incident.dora
    if section is None or section.classified_major_at is None:
        return [Assessment(INITIAL, _("Send the initial notification"), _("RTS (EU) 2025/301 Art. 5(1)(a)"), "law",
                           "not_applicable",
                           _("not classified as a major ICT-related incident (dora.classified_major_at)"),
                           about=("dora", "classified_major_at"))]
    classified = section.classified_major_at
    not_yet = before_in_force(IN_FORCE, classified, section.zone)
    if not_yet:
        return [Assessment(INITIAL, _("Send the initial notification"), _("DORA Art. 64"), "law", "not_applicable",
                           _("classified as major before DORA applied: its incident reporting is {not_yet}")
                           .format(not_yet=not_yet), about=("dora", "classified_major_at"))]
    rts_not_yet = before_in_force(RTS_IN_FORCE, classified, section.zone)
    target, before_rts = ("policy", _("; RTS 2025/301 is {not_yet}: its time limits stand as a policy target")
                          .format(not_yet=rts_not_yet)) if rts_not_yet else ("law", "")
    authority = section.authority
    no_relief_for = _no_relief_for(section)

    def report(report_id: str, title: str, basis: str, why: str, limit: datetime, done_at: datetime | None,
               field: str, start: datetime, withheld: str | None) -> list[Assessment]:
        """A report due at its time limit or at the noon Art. 5(4) allows (unless ``withheld``
        from the entity), and the notice of its delay."""
        due, moved = _due(limit, section, withheld)
        found = [Assessment(report_id, title.format(authority=authority), basis, target, "applies",
                            why + moved + before_rts, due=due, done_at=done_at, about=("dora", field), start=start)]
        return found + _delay_notice(report_id, limit, due, done_at, field.removesuffix("_at"), start, section,
                                     target)

    aware = incident.detected_at
    four_hours = elapsed(classified, timedelta(hours=4))
    initial = _("Send the initial notification ({authority})")
    if classified - aware > timedelta(hours=24):
        found = report(INITIAL, initial, _("RTS (EU) 2025/301 Art. 5(2); DORA Art. 19(4)(a)"),
                       _("4 hours after the classification as major, which came more than 24 hours after awareness "
                         "of the incident (detected_at)"), four_hours, section.initial_at, "initial_at", classified,
                       no_relief_for)
    else:
        found = report(INITIAL, initial, _("RTS (EU) 2025/301 Art. 5(1)(a); DORA Art. 19(4)(a)"),
                       _("4 hours after the classification as major, and no later than 24 hours after awareness of "
                         "the incident (detected_at)"), min(four_hours, elapsed(aware, timedelta(hours=24))),
                       section.initial_at, "initial_at", classified, no_relief_for)
    if section.initial_at is None:
        return found
    found += report(INTERMEDIATE, _("Send the intermediate report ({authority})"),
                    _("RTS (EU) 2025/301 Art. 5(1)(b); DORA Art. 19(4)(b)"),
                    _("72 hours after the initial notification"), elapsed(section.initial_at, timedelta(hours=72)),
                    section.intermediate_at, "intermediate_at", section.initial_at, no_relief_for)
    first = section.intermediate_at
    if first is None:
        return found
    found += _updated_intermediate(section, target, before_rts)
    latest = max(first, section.updated_intermediate_at or first)
    if latest > first:
        why = _("one calendar month after the latest updated intermediate report, at the same time of day in {zone}")
    else:
        why = _("one calendar month after the intermediate report, at the same time of day in {zone}")
    found += report(FINAL, _("Send the final report ({authority})"),
                    _("RTS (EU) 2025/301 Art. 5(1)(c); DORA Art. 19(4)(c)"), why.format(zone=section.zone.key),
                    months_after(latest, 1, section.zone), section.final_at, "final_at", latest,
                    withheld=None)  # Art. 5(5) leaves the final report its relief (majority reading)
    return found


def _updated_intermediate(section: Dora, target: str, before_rts: str) -> list[Assessment]:
    """Due when regular activities are recovered, after the first intermediate report."""
    recovered, first, latest = section.recovered_at, section.intermediate_at, section.updated_intermediate_at
    if recovered is None:
        return []
    title = _("Send the updated intermediate report ({authority})").format(authority=section.authority)
    basis = _("RTS (EU) 2025/301 Art. 5(1)(b)")
    if recovered <= first:
        return [Assessment(UPDATED_INTERMEDIATE, title, basis, target, "not_applicable",
                           _("regular activities were recovered before the intermediate report, which reports it"),
                           about=("dora", "recovered_at"))]
    why = _("when regular activities were recovered (dora.recovered_at): the text sets no period after it")
    if latest is not None and latest < recovered:
        why += _("; the latest update recorded came before the recovery")
    return [Assessment(UPDATED_INTERMEDIATE, title, basis, target, "applies", why + before_rts, due=recovered,
                       done_at=latest if latest is not None and latest >= recovered else None,
                       about=("dora", "updated_intermediate_at"), start=recovered)]


def _delay_notice(report_id: str, limit: datetime, due: datetime, sent: datetime | None, name: str,
                  start: datetime, section: Dora, target: str) -> list[Assessment]:
    """Art. 5(3), recorded in ``dora.<name>_delay_notified_at``: called for once the report was
    sent after its due time, or once a notice is recorded."""
    field = f"{name}_delay_notified_at"
    notified = getattr(section, field)
    late = sent is not None and sent > due
    if not late and notified is None:
        return []
    title, after_late, announced = DELAY_NOTICES[report_id]
    why = _(after_late) if late else _(announced)
    if due != limit:
        why += _("; conservative reading: the notice is due at the time limit itself, not at the noon of {day} that "
                 "Art. 5(4) allows the report").format(day=stated_day(due.astimezone(section.zone).date()))
    reasons = " ".join((section.delay_reasons or "").split())
    if reasons:
        why += _("; reasons given: {reasons}").format(reasons=reasons)
    else:
        why += _("; reasons not recorded (dora.delay_reasons)")
    return [Assessment(report_id + DELAY_NOTICE, _(title).format(authority=section.authority),
                       _("RTS (EU) 2025/301 Art. 5(3)"), target, "applies", why, due=limit, done_at=notified,
                       about=("dora", field), start=start)]
