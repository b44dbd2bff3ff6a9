"""nfadp.fdpic, nfadp.subjects, nfadp.controller, nfadp.ncsc, nfadp.ncsc_complement: Switzerland's
notice of a breach of data security to the FDPIC, and a critical-infrastructure operator's report
of a cyberattack to the National Cyber Security Centre (NCSC, now BACS).

Legal basis: Federal Act on Data Protection (FADP, DSG) of 25 September 2020, in force 1 September
2023, art. 24: "(1) Der Verantwortliche meldet dem EDÖB so rasch als möglich eine Verletzung der
Datensicherheit, die voraussichtlich zu einem hohen Risiko für die Persönlichkeit oder die
Grundrechte der betroffenen Person führt." "(3) Der Auftragsbearbeiter meldet dem Verantwortlichen
so rasch als möglich eine Verletzung der Datensicherheit." "(4) Der Verantwortliche informiert die
betroffene Person, wenn es zu ihrem Schutz erforderlich ist oder der EDÖB es verlangt." Information
Security Act (ISA, ISG) art. 74b ff., in force 1 April 2025 (fines from 1 October 2025): operators
of critical infrastructure report a cyberattack "innert 24 Stunden nach der Entdeckung" to the
NCSC; "Falls bei der Erstmeldung [...] noch nicht alle Angaben gemacht werden konnten, muss die
Meldung innert 14 Tagen vervollständigt werden."

Law or policy: "so rasch als möglich" (as soon as possible) sets no period, so the FDPIC notice,
the information of the data subjects and a processor's notice to its controller are policy targets
(defaults 72 h, 72 h and 24 h; ``[policy]`` in breachtrack.toml overrides them by id). The NCSC's
24 hours and 14 days are law. Confidence: FADP art. 24 high (German text read); the ISA's 24 hours
medium (the Federal Council's release, not the article itself: whether 74d or 74e states it is not
verified), and the start of the 14 days low: counted from discovery, the earlier reading (the text
may count from the initial report).

In plain words: with regime ``nfadp``, a breach likely to bring a high risk (``risk: high``, a
higher bar than the GDPR's "risk") is notified to the FDPIC as soon as possible (target: 72 hours
after ``aware_at``); the people are informed when their protection requires it
(``nfadp.subjects_required``), even when the risk is not high. A register whose ``entity_type``
is ``critical_infrastructure`` or ``public_body`` (ISA art. 74b(1) lists the federal, cantonal and
communal authorities among the operators bound), or is not declared, also reports a reportable cyberattack to the NCSC within 24 real hours of its discovery
(``detected_at``) and completes an incomplete report within 14 calendar days, counted in Zurich.

Applies (aware on Friday 27 March 2026 22:00 in Zurich, the summer-time change on Sunday: the
FDPIC target is Monday 30 March 23:00 +02:00, 72 real hours later)::

    regimes: [nfadp]
    timezone: Europe/Zurich
    aware_at: 2026-03-27T22:00
    risk: high

Does not apply (the risk is not high: no FDPIC notice; and the NCSC report only binds critical
infrastructure, from 1 April 2025)::

    regimes: [nfadp]
    aware_at: 2026-03-27T22:00
    risk: risk
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from breachtrack.i18n import _
from breachtrack.model import Config, Duration, Incident, Nfadp
from breachtrack.rules import Assessment, before_in_force, calendar_days_after, elapsed, policy_delay

FDPIC = "nfadp.fdpic"
SUBJECTS = "nfadp.subjects"
CONTROLLER = "nfadp.controller"
NCSC = "nfadp.ncsc"
NCSC_COMPLEMENT = "nfadp.ncsc_complement"
ZURICH = ZoneInfo("Europe/Zurich")
IN_FORCE = date(2023, 9, 1)
"""The revised FADP applies from 1 September 2023; awareness of the breach counts."""
ISA_IN_FORCE = date(2025, 4, 1)
"""ISA art. 74b ff. apply from 1 April 2025; discovery of the attack counts."""
ISA_FINES = date(2025, 10, 1)
DEFAULTS = {FDPIC: Duration(72, "hours"), SUBJECTS: Duration(72, "hours"), CONTROLLER: Duration(24, "hours")}
POLICY_TARGETS = tuple(DEFAULTS)
"""The obligations whose delay ``[policy]`` in breachtrack.toml may set."""


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "nfadp" not in incident.regimes:
        return []
    section = incident.nfadp or Nfadp()
    return _fadp(incident, config, section) + _ncsc(incident, config, section)


def _policy(config: Config, obligation: str) -> tuple[timedelta, str]:
    delay = policy_delay(config, obligation, DEFAULTS[obligation])
    return delay.elapsed(), str(delay)


def _fadp(incident: Incident, config: Config, section: Nfadp) -> list[Assessment]:
    aware = incident.aware_at
    fdpic_title = _("Notify the FDPIC")
    basis = _("FADP art. 24(1)")
    not_yet = before_in_force(IN_FORCE, aware, ZURICH)
    if not_yet:
        return [Assessment(FDPIC, fdpic_title, basis, "law", "not_applicable",
                           _("the revised FADP's breach notice is {not_yet}").format(not_yet=not_yet),
                           about=("nfadp", "fdpic_notified_at"))]
    found = []
    if incident.role == "processor":
        delay, words = _policy(config, CONTROLLER)
        found.append(Assessment(
            CONTROLLER, _("Notify the controller (FADP)"), _("FADP art. 24(3)"), "policy", "applies",
            _("a processor notifies the controller of every breach of data security \"as soon as possible\": policy "
              "target {delay} after detected_at").format(delay=words),
            due=elapsed(incident.detected_at, delay), done_at=section.controller_notified_at,
            about=("nfadp", "controller_notified_at"), start=incident.detected_at))
        return found  # the controller notifies the FDPIC and informs the people
    if incident.risk != "high":
        why = _("the breach is not likely to result in a high risk (risk: {risk}): art. 24(1) asks for a notice to "
                "the FDPIC only then").format(risk=incident.risk)
        found.append(Assessment(FDPIC, fdpic_title, basis, "policy", "not_applicable", why, about=("risk",)))
        if section.subjects_required:  # art. 24(4) stands on its own: protection, or the FDPIC's request
            return found + [_subjects(incident, config, section)]
        return found + [Assessment(SUBJECTS, _("Inform the data subjects (FADP)"), _("FADP art. 24(4)"), "policy",
                                   "not_applicable", why, about=("risk",))]
    delay, words = _policy(config, FDPIC)
    found.append(Assessment(
        FDPIC, fdpic_title, basis, "policy", "applies",
        _("likely high risk: the FDPIC is notified \"as soon as possible\" (so rasch als möglich), no period in the "
          "text: policy target {delay} after aware_at").format(delay=words),
        due=elapsed(aware, delay), done_at=section.fdpic_notified_at, about=("nfadp", "fdpic_notified_at"),
        start=aware))
    found.append(_subjects(incident, config, section))
    return found


def _subjects(incident: Incident, config: Config, section: Nfadp) -> Assessment:
    """Art. 24(4): the people are informed when their protection requires it or the FDPIC asks."""
    subjects_title, subjects_basis = _("Inform the data subjects (FADP)"), _("FADP art. 24(4)")
    if section.subjects_required is False:
        return Assessment(SUBJECTS, subjects_title, subjects_basis, "policy", "not_applicable",
                          _("informing the data subjects is not necessary for their protection and the FDPIC "
                            "did not ask for it (nfadp.subjects_required)"), about=("nfadp", "subjects_required"))
    delay, words = _policy(config, SUBJECTS)
    why = (_("their protection requires it, or the FDPIC asked (nfadp.subjects_required)")
           if section.subjects_required else
           _("high risk, and whether their protection requires it is not recorded (nfadp.subjects_required): "
             "conservative reading"))
    return Assessment(
        SUBJECTS, subjects_title, subjects_basis, "policy", "applies",
        why + _("; no period in the text: policy target {delay} after aware_at").format(delay=words),
        due=elapsed(incident.aware_at, delay), done_at=section.subjects_informed_at,
        about=("nfadp", "subjects_informed_at"), start=incident.aware_at)


def _ncsc(incident: Incident, config: Config, section: Nfadp) -> list[Assessment]:
    title, basis = _("Report the cyberattack to the NCSC (BACS)"), _("ISA art. 74b ff.")
    about = ("nfadp", "ncsc_reported_at")
    if config.entity_type == "other":
        return [Assessment(NCSC, title, basis, "law", "not_applicable",
                           _("the duty binds operators of critical infrastructure and public authorities only (ISA "
                             "art. 74b(1)), and the register's entity_type is other"), about=about)]
    detected = incident.detected_at
    not_yet = before_in_force(ISA_IN_FORCE, detected, ZURICH)
    if not_yet:
        return [Assessment(NCSC, title, basis, "law", "not_applicable",
                           _("the Information Security Act's reporting duty is {not_yet}").format(not_yet=not_yet),
                           about=about)]
    if section.ncsc_reportable is False:
        return [Assessment(NCSC, title, basis, "law", "not_applicable",
                           _("not a reportable cyberattack (nfadp.ncsc_reportable)"),
                           about=("nfadp", "ncsc_reportable"))]
    if section.ncsc_reportable is None and incident.cause == "accidental":
        return [Assessment(NCSC, title, basis, "law", "not_applicable",
                           _("an accidental breach is no cyberattack (cause: accidental)"), about=("cause",))]
    why = (_("a reportable cyberattack on critical infrastructure (nfadp.ncsc_reportable)")
           if section.ncsc_reportable else
           _("critical infrastructure, and whether the attack is reportable is not recorded "
             "(nfadp.ncsc_reportable): conservative reading"))
    if config.entity_type is None:
        why += _("; entity_type is not declared in breachtrack.toml, so the register counts as critical "
                 "infrastructure until it says otherwise")
    why += _("; within 24 hours of its discovery (detected_at)")
    if detected.astimezone(ZURICH).date() < ISA_FINES:
        why += _("; no fine for a late report before 1 October 2025")
    found = [Assessment(NCSC, title, basis, "law", "applies", why, due=elapsed(detected, timedelta(hours=24)),
                        done_at=section.ncsc_reported_at, about=about, start=detected)]
    complement_title = _("Complete the report to the NCSC (BACS)")
    if section.ncsc_initial_complete:
        found.append(Assessment(NCSC_COMPLEMENT, complement_title, basis, "law", "not_applicable",
                                _("the initial report gave all the information (nfadp.ncsc_initial_complete)"),
                                about=("nfadp", "ncsc_initial_complete")))
    else:
        found.append(Assessment(
            NCSC_COMPLEMENT, complement_title, basis, "law", "applies",
            _("an initial report without all the information is completed within 14 days, counted from the "
              "discovery (the earlier reading: the text may count from the initial report), calendar days in "
              "Zurich; not needed if the initial report was complete (nfadp.ncsc_initial_complete)"),
            due=calendar_days_after(detected, 14, ZURICH), done_at=section.ncsc_completed_at,
            about=("nfadp", "ncsc_completed_at"), start=detected))
    return found
