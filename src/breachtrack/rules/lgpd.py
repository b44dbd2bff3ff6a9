"""lgpd.anpd, lgpd.complement, lgpd.subjects, lgpd.subjects_declaration and lgpd.delay_reasons:
communicating a security incident to the ANPD and to the data subjects in Brazil.

Legal basis: Lei 13.709/2018 (LGPD) art. 48 and the Regulation on the communication of security
incidents, Resolução CD/ANPD nº 15 of 24 April 2024, in force on its publication in the Diário
Oficial da União of 26 April 2024 (its art. 3). Annex art. 5: the incident "pode acarretar risco
ou dano relevante aos titulares quando puder afetar significativamente interesses e direitos
fundamentais dos titulares e, cumulativamente, envolver, pelo menos, um dos seguintes critérios:
I - dados pessoais sensíveis; II - dados de crianças, de adolescentes ou de idosos; III - dados
financeiros; IV - dados de autenticação em sistemas; V - dados protegidos por sigilo legal,
judicial ou profissional; ou VI - dados em larga escala". Art. 6: "A comunicação de incidente de
segurança à ANPD deverá ser realizada pelo controlador no prazo de três dias úteis, ressalvada a
existência de prazo para comunicação previsto em legislação específica"; §1: "O prazo [...] será
contado do conhecimento pelo controlador de que o incidente afetou dados pessoais"; §2 V: the
communication states "os motivos da demora"; §3: "As informações poderão ser complementadas, de
maneira fundamentada, no prazo de vinte dias úteis, a contar da data da comunicação"; §8: "Os
prazos constantes no caput e no § 3º deste artigo são contados em dobro para os agentes de
pequeno porte". Art. 9: the communication to the data subject "no prazo de três dias úteis
contados do conhecimento pelo controlador de que o incidente afetou dados pessoais"; §4: a
declaration to the ANPD "em até três dias úteis, contados do término do prazo de que trata o
caput"; §6: the art. 9 period "é contado em dobro para os agentes de pequeno porte". Counting:
Lei 9.784/1999 art. 66, "excluindo-se da contagem o dia do começo e incluindo-se o do
vencimento". Confidence: high for the text (a transcription of the DOU), medium for the small
agents' definition (Res. CD/ANPD 2/2022 art. 2-3, secondary sources).

In plain words: with regime ``lgpd``, a controller whose incident may bring relevant risk or harm
(``risk`` is ``risk`` or ``high``) and meets one criterion of art. 5 (read from ``data``:
``special_category`` or ``health`` is sensitive, ``financial``, ``credentials`` is
authentication, ``minors`` or ``subject_categories.minors``; or declared in ``lgpd.criteria``:
``secrecy``, ``large_scale``, ``minors_or_elderly`` for elderly people) communicates it to the
ANPD and to the data subjects within three Brazilian working days of ``aware_at``. A working day
is neither a Saturday, a Sunday nor a national holiday (the holidays package's Brazilian
calendar: 20 November, Consciência Negra, since 2024; 2 November; 21 April; Good Friday...);
state and municipal holidays and the *pontos facultativos* (Carnival, Corpus Christi, 24 and 31
December) count as working days, the earlier reading. The day of awareness is not counted, and a
period that starts on a closed day starts on the next working day. The time limit ends at
midnight after the last working day in Brasília time (America/Sao_Paulo, the ANPD's), whatever
the file's zone. A declared small processing agent (``lgpd.small_agent: true``) has six working
days, and forty for the complement; the declaration that the subjects were informed stays at
three working days after the end of their (doubled) period. A communication marked
``complete: false`` is complemented within 20 working days of its submission. A late
communication gives the reasons for the delay (``lgpd.delay_reasons``). Before 26 April 2024, art.
48 asked for a "prazo razoável": the same periods then stand as a policy target. The in-force
date is checked against ``aware_at`` for every obligation. The record of every incident (art. 10,
five years) is the register itself. A period set by a sector law (``lgpd.special_period``) is
named in the reason; breachtrack keeps Res. 15's.

Applies (aware Wednesday 18 November 2026: Friday 20 November is a national holiday; due
2026-11-25T00:00-03:00)::

    regimes: [lgpd]
    aware_at: 2026-11-18T10:00
    risk: high
    data: [financial]

Does not apply (no criterion of art. 5)::

    regimes: [lgpd]
    aware_at: 2026-11-18T10:00
    risk: high
    data: [contact]
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from breachtrack.i18n import N_, _
from breachtrack.model import Config, Incident, Lgpd
from breachtrack.rules import (
    Assessment,
    before_in_force,
    end_of_day,
    open_days_after,
    public_holidays,
    stated_day,
    working_day,
)

ANPD = "lgpd.anpd"
COMPLEMENT = "lgpd.complement"
SUBJECTS = "lgpd.subjects"
DECLARATION = "lgpd.subjects_declaration"
DELAY_REASONS = "lgpd.delay_reasons"
ZONE = ZoneInfo("America/Sao_Paulo")
"""Brasília time, the ANPD's; Fernando de Noronha's earlier midnight is not modelled."""
COUNTRY = "BR"
IN_FORCE = date(2024, 4, 26)
"""Res. CD/ANPD 15/2024 art. 3: in force on its publication (DOU of 26 April 2024); aware_at counts."""
DAYS, COMPLEMENT_DAYS, DECLARATION_DAYS = 3, 20, 3
CRITERIA = {  # Res. 15 art. 5, in its order
    "sensitive": N_("sensitive personal data"),
    "minors_or_elderly": N_("data of children, adolescents or elderly people"),
    "financial": N_("financial data"),
    "authentication": N_("authentication data"),
    "secrecy": N_("data under legal, judicial or professional secrecy"),
    "large_scale": N_("large-scale data"),
}
FROM_DATA = {"special_category": "sensitive", "health": "sensitive", "minors": "minors_or_elderly",
             "financial": "financial", "credentials": "authentication"}
"""The categories of ``data`` that meet a criterion of art. 5 by themselves."""


def criteria_met(incident: Incident, section: Lgpd) -> list[str]:
    """The criteria of art. 5 the incident meets, in the order of the text."""
    met = set(section.criteria) | {FROM_DATA[category] for category in incident.data if category in FROM_DATA}
    categories = incident.subject_categories
    if categories is not None and "minors" in categories.model_fields_set and categories.minors != 0:
        met.add("minors_or_elderly")
    return [criterion for criterion in CRITERIA if criterion in met]


def _open(day: date) -> bool:
    return working_day(day, COUNTRY)


def _period(start: datetime, days: int) -> tuple[datetime, date, list[date]]:
    """The end of ``days`` Brazilian working days after ``start`` (its day excluded), the last
    working day, and the national holidays on weekdays the count skipped."""
    first = start.astimezone(ZONE).date()
    last = open_days_after(start, days, ZONE, _open)
    skipped = [day for n in range(1, (last - first).days)
               if (day := first + timedelta(days=n)).weekday() < 5 and day in public_holidays(COUNTRY, day.year)]
    return end_of_day(last, ZONE), last, skipped


def _counted(days: int, after: str, last: date, skipped: list[date]) -> str:
    """How the period was counted, in words: '3 Brazilian working days after ..., counted ...'."""
    text = _("{days} Brazilian working days {after}, counted in Brasília time without Saturdays, Sundays and "
             "national holidays: last day {day}").format(days=days, after=after, day=stated_day(last))
    if skipped:
        text += _("; national holidays skipped: {days}").format(days=", ".join(stated_day(day) for day in skipped))
    return text


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "lgpd" not in incident.regimes:
        return []
    section = incident.lgpd or Lgpd()
    title, basis = _("Communicate the incident to the ANPD"), _("Resolução CD/ANPD 15/2024 art. 6")
    about = ("lgpd", "submitted_at")
    if incident.role == "processor":
        return [Assessment(ANPD, title, basis, "law", "not_applicable",
                           _("the controller communicates the incident to the ANPD and to the data subjects; a "
                             "processor (operador) tells its controller"), about=about)]
    if incident.risk == "unlikely":
        return [Assessment(ANPD, title, _("Resolução CD/ANPD 15/2024 art. 5"), "law", "not_applicable",
                           _("the incident is not likely to bring relevant risk or harm to the data subjects (risk "
                             "'unlikely'): no communication; it stays in the register of incidents (art. 10)"),
                           about=about)]
    met = criteria_met(incident, section)
    if not met:
        return [Assessment(ANPD, title, _("Resolução CD/ANPD 15/2024 art. 5"), "law", "not_applicable",
                           _("no criterion of art. 5 (sensitive, children's, adolescents' or elderly people's, "
                             "financial, authentication, secret or large-scale data; data, lgpd.criteria): no "
                             "communication; it stays in the register of incidents (art. 10)"),
                           about=("lgpd", "criteria"))]
    aware = incident.aware_at
    not_yet = before_in_force(IN_FORCE, aware, ZONE)
    target = "policy" if not_yet else "law"
    notes = ""
    if section.small_agent:
        notes += _("; doubled for a small processing agent (lgpd.small_agent): whether the exclusions of Resolução "
                   "CD/ANPD 2/2022 (high-risk processing, revenue, group) apply is for the controller to check, and "
                   "which incidents its art. 14 II, as amended, withdraws from the doubling was not verified")
    if section.special_period:
        notes += _("; a sector law sets its own period ({period}): check it, breachtrack keeps Res. 15's").format(
            period=" ".join(section.special_period.split()))
    if not_yet:
        notes += _("; Res. 15 is {not_yet}: LGPD art. 48 then asked for a reasonable period, and its periods stand "
                   "as a policy target").format(not_yet=not_yet)
    factor = 2 if section.small_agent else 1
    why = _("relevant risk and {criteria}").format(criteria=", ".join(_(CRITERIA[c]) for c in met))

    due, last, skipped = _period(aware, DAYS * factor)
    learning = _("after learning that personal data were affected (aware_at)")
    found = [Assessment(
        ANPD, title, _("Resolução CD/ANPD 15/2024 art. 6 §8") if factor == 2 else basis, target, "applies",
        _("{why}: communicate it within {counted}").format(
            why=why, counted=_counted(DAYS * factor, learning, last, skipped)) + notes,
        due=due, done_at=section.submitted_at, about=about, start=aware)]
    found += _delay_reasons(section, due, target)
    found += _complement(section, factor, target, notes)
    found += [Assessment(
        SUBJECTS, _("Communicate the incident to the data subjects"),
        _("Resolução CD/ANPD 15/2024 art. 9 §6") if factor == 2 else _("Resolução CD/ANPD 15/2024 art. 9"), target,
        "applies", _("{why}: inform the data subjects within {counted}").format(
            why=why, counted=_counted(DAYS * factor, learning, last, skipped)) + notes,
        due=due, done_at=section.subjects_informed_at, about=("lgpd", "subjects_informed_at"), start=aware)]
    declaration_due, declared_last, declared_skipped = _period(
        datetime.combine(last, time(12), tzinfo=ZONE), DECLARATION_DAYS)
    found.append(Assessment(
        DECLARATION, _("Declare to the ANPD that the data subjects were informed"),
        _("Resolução CD/ANPD 15/2024 art. 9 §4"), target, "applies",
        _("within {counted}; not doubled").format(counted=_counted(
            DECLARATION_DAYS, _("after the end of the data subjects' period ({end})").format(end=stated_day(last)),
            declared_last, declared_skipped))
        + (_("; Res. 15 is {not_yet}: its period stands as a policy target").format(not_yet=not_yet)
           if not_yet else ""),
        due=declaration_due, done_at=section.declaration_at, about=("lgpd", "declaration_at"), start=due))
    return found


def _delay_reasons(section: Lgpd, due: datetime, target: str) -> list[Assessment]:
    """Art. 6 §2 V: a communication after its time limit states the reasons for the delay."""
    submitted = section.submitted_at
    if submitted is None or submitted <= due:
        return []
    title, basis = _("Give the ANPD the reasons for the delay"), _("Resolução CD/ANPD 15/2024 art. 6 §2 V")
    reasons = " ".join((section.delay_reasons or "").split())
    if reasons:
        return [Assessment(DELAY_REASONS, title, basis, target, "applies",
                           _("communicated after its time limit; reasons given: {reasons}").format(reasons=reasons),
                           due=submitted, done_at=submitted, about=("lgpd", "delay_reasons"), start=submitted)]
    return [Assessment(DELAY_REASONS, title, basis, target, "applies",
                       _("communicated after its time limit without the reasons for the delay: send them to the ANPD "
                         "and record them in lgpd.delay_reasons"),
                       due=submitted, about=("lgpd", "delay_reasons"), start=submitted)]


def _complement(section: Lgpd, factor: int, target: str, notes: str) -> list[Assessment]:
    """Art. 6 §3 (§8: doubled): a communication marked incomplete is complemented within 20
    working days of its submission."""
    submitted = section.submitted_at
    if submitted is None:
        return []
    title = _("Complement the communication to the ANPD")
    basis = (_("Resolução CD/ANPD 15/2024 art. 6 §3, §8") if factor == 2
             else _("Resolução CD/ANPD 15/2024 art. 6 §3"))
    if section.complete and section.complement_at is None:
        return [Assessment(COMPLEMENT, title, basis, target, "not_applicable",
                           _("the communication was complete (lgpd.complete): nothing to complement"),
                           about=("lgpd", "complete"))]
    due, last, skipped = _period(submitted, COMPLEMENT_DAYS * factor)
    return [Assessment(COMPLEMENT, title, basis, target, "applies",
                       _("the communication was incomplete: complement it, with reasons, within {counted}").format(
                           counted=_counted(COMPLEMENT_DAYS * factor, _("after the communication was submitted"),
                                            last, skipped))
                       + notes,
                       due=due, done_at=section.complement_at, about=("lgpd", "complement_at"), start=submitted)]
