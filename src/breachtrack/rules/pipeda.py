"""pipeda.opc, pipeda.individuals, pipeda.organisations and pipeda.record: reporting a breach of
security safeguards in Canada, and keeping its record.

Legal basis: Personal Information Protection and Electronic Documents Act (PIPEDA) s.10.1-10.3,
in force with the Breach of Security Safeguards Regulations (SOR/2018-64) from 1 November 2018.
s.10.1(1)-(2): an organisation reports to the Commissioner "any breach of security safeguards
involving personal information under its control if it is reasonable in the circumstances to
believe that the breach creates a real risk of significant harm to an individual [...] as soon
as feasible after the organization determines that the breach has occurred"; s.10.1(3), (6): it
notifies the individual, "as soon as feasible after the organization determines that the breach
has occurred"; s.10.2(1): it notifies any other organisation or government institution that may
be able to reduce or mitigate the risk of harm; s.10.3(1) and Regulations s.6: it keeps a record
of every breach of security safeguards "for a minimum of 24 months after the day on which the
organization determines that the breach has occurred". Confidence: high for s.10.1 (Justice
Laws), medium for s.10.2 and the Regulations (secondary sources, the Gazette's text truncated).

In plain words: with regime ``pipeda``, the clocks start at ``determined_at``, when the
organisation determined that the breach occurred; not recorded, ``aware_at`` counts, which is
never later (the reason says so). A real risk of significant harm (``risk: high``, or
``pipeda.rrosh``) is reported to the Office of the Privacy Commissioner (OPC) and the individuals
are notified "as soon as feasible": policy targets, 72 hours by default (``[policy] "pipeda.opc"``,
``"pipeda.individuals"``, ``"pipeda.organisations"``), and the organisations listed in
``pipeda.third_parties`` likewise. Every breach, reported or not, is recorded: this register's
entry is the record, kept at least until 24 calendar months after the determination, at the same
time of day in the file's zone when it is Canadian, else America/Toronto (29 February gives 28
February). That obligation is shown done, its due time the day until which the record is kept.
An organisation acting for another (``role: processor``) has none of these duties: the
organisation in control of the information has them.

Applies (determined 4 May 2026 10:00 in Toronto; OPC due 2026-05-07T10:00-04:00; record kept until
2028-05-04)::

    regimes: [pipeda]
    timezone: America/Toronto
    aware_at: 2026-05-04T09:00
    determined_at: 2026-05-04T10:00
    risk: high

Does not apply (determined before 1 November 2018)::

    regimes: [pipeda]
    timezone: America/Toronto
    aware_at: 2018-10-15T10:00
    risk: high
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from breachtrack.i18n import _
from breachtrack.model import Config, Duration, Incident, Pipeda
from breachtrack.rules import Assessment, before_in_force, elapsed, months_after, policy_delay, stated_day

OPC = "pipeda.opc"
INDIVIDUALS = "pipeda.individuals"
ORGANISATIONS = "pipeda.organisations"
RECORD = "pipeda.record"
TORONTO = ZoneInfo("America/Toronto")
IN_FORCE = date(2018, 11, 1)
"""SOR/2018-64 and PIPEDA s.10.1-10.3 in force; the determination (else awareness) counts."""
DEFAULT_DELAY = Duration(72, "hours")
"""breachtrack's choice for "as soon as feasible": the OPC sets no number."""
POLICY_TARGETS = (OPC, INDIVIDUALS, ORGANISATIONS)
"""The obligations whose delay ``[policy]`` in breachtrack.toml may set."""
RECORD_MONTHS = 24
CANADIAN_ZONES = frozenset({
    "America/St_Johns", "America/Halifax", "America/Glace_Bay", "America/Moncton", "America/Goose_Bay",
    "America/Blanc-Sablon", "America/Toronto", "America/Montreal", "America/Nipigon", "America/Thunder_Bay",
    "America/Iqaluit", "America/Pangnirtung", "America/Atikokan", "America/Winnipeg", "America/Rainy_River",
    "America/Resolute", "America/Rankin_Inlet", "America/Regina", "America/Swift_Current", "America/Edmonton",
    "America/Cambridge_Bay", "America/Yellowknife", "America/Inuvik", "America/Creston", "America/Dawson_Creek",
    "America/Fort_Nelson", "America/Whitehorse", "America/Dawson", "America/Vancouver",
})
"""The tz database's zones for Canada (zone.tab, CA), with their older links."""


def zone_of(incident: Incident) -> ZoneInfo:
    """The entity's zone when the file's is Canadian, else Toronto's."""
    key = incident.zone.key
    return incident.zone if key in CANADIAN_ZONES or key.startswith("Canada/") else TORONTO


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "pipeda" not in incident.regimes:
        return []
    section = incident.pipeda or Pipeda()
    zone = zone_of(incident)
    record_title, record_basis = _("Keep a record of the breach (24 months)"), _("PIPEDA s.10.3; SOR/2018-64 s.6")
    opc_title, opc_basis = _("Report the breach to the Privacy Commissioner (OPC)"), _("PIPEDA s.10.1(1), (2)")
    if incident.role == "processor":
        why = _("the organisation in control of the personal information reports, notifies and keeps the record; an "
                "organisation processing it on its behalf tells it")
        return [Assessment(OPC, opc_title, opc_basis, "law", "not_applicable", why,
                           about=("pipeda", "opc_reported_at")),
                Assessment(RECORD, record_title, record_basis, "law", "not_applicable", why, about=("pipeda",))]
    start: datetime = incident.determined_at or incident.aware_at
    fallback = "" if incident.determined_at else _(
        "; the determination that the breach occurred is not recorded (determined_at): awareness (aware_at) counts, "
        "never later")
    not_yet = before_in_force(IN_FORCE, start, zone)
    if not_yet:
        why = _("the breach reporting duties of PIPEDA are {not_yet}").format(not_yet=not_yet) + fallback
        return [Assessment(OPC, opc_title, opc_basis, "law", "not_applicable", why,
                           about=("pipeda", "opc_reported_at")),
                Assessment(RECORD, record_title, record_basis, "law", "not_applicable", why, about=("pipeda",))]
    keep_until = months_after(start, RECORD_MONTHS, zone)
    found = [Assessment(
        RECORD, record_title, record_basis, "law", "applies",
        _("every breach of security safeguards, reported or not: this register's entry is its record, to be kept at "
          "least until {day}, 24 months after the determination that the breach occurred").format(
            day=stated_day(keep_until.astimezone(zone).date())) + fallback,
        due=keep_until, done_at=start, about=("pipeda",), start=start)]
    if section.rrosh is not None:
        rrosh = section.rrosh
        why = _("a real risk of significant harm (pipeda.rrosh)") if rrosh else _(
            "no real risk of significant harm (pipeda.rrosh: false): not reported; the record is kept (pipeda.record)")
    else:
        rrosh = incident.risk == "high"
        why = _("a real risk of significant harm (risk 'high')") if rrosh else _(
            "no real risk of significant harm (risk '{risk}'): not reported; the record is kept "
            "(pipeda.record)").format(risk=incident.risk)
    individuals_title, individuals_basis = _("Notify the individuals (PIPEDA)"), _("PIPEDA s.10.1(3), (6)")
    if not rrosh:
        return found + [
            Assessment(OPC, opc_title, opc_basis, "law", "not_applicable", why, about=("pipeda", "rrosh")),
            Assessment(INDIVIDUALS, individuals_title, individuals_basis, "law", "not_applicable", why,
                       about=("pipeda", "rrosh")),
        ]

    def feasible(rule_id: str, title: str, basis: str, message: str, done_at: datetime | None, field: str,
                 **names: str) -> Assessment:
        delay = policy_delay(config, rule_id, DEFAULT_DELAY)
        return Assessment(rule_id, title, basis, "policy", "applies",
                          message.format(why=why, within=str(delay), **names) + fallback,
                          due=elapsed(start, delay.elapsed()), done_at=done_at, about=("pipeda", field), start=start)

    found.append(feasible(
        OPC, opc_title, opc_basis, _("{why}: report it to the Commissioner as soon as feasible after determining that "
                                     "the breach occurred; policy target: {within}"),
        section.opc_reported_at, "opc_reported_at"))
    found.append(feasible(
        INDIVIDUALS, individuals_title, individuals_basis,
        _("{why}: notify the individuals as soon as feasible after determining that the breach occurred; policy "
          "target: {within}"), section.individuals_notified_at, "individuals_notified_at"))
    if section.third_parties:
        found.append(feasible(
            ORGANISATIONS, _("Notify the organisations that can reduce the harm (PIPEDA)"), _("PIPEDA s.10.2(1)"),
            _("{why}: notify {names}, who may be able to reduce the risk of harm or mitigate it, as soon as feasible "
              "after determining that the breach occurred; policy target: {within}"),
            section.organisations_notified_at, "organisations_notified_at",
            names=", ".join(" ".join(name.split()) for name in section.third_parties)))
    return found
