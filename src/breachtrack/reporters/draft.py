"""Drafts of the notification to the supervisory authority (GDPR Art. 33(3)) and of the
communication to the people concerned (Art. 34(2)), in French or English; and, for any other
obligation of the incident (an HHS notice, a report to the ANPD or to the PDPC), a generic notice
to its recipient: the obligation, its legal basis and due time, and the facts Art. 33(3) asks for
that the register holds (what happened, the people and records concerned with their numbers per
jurisdiction, the likely consequences, the measures, the contact point).

Filled from the incident file; what the law asks for and the file lacks is listed at the top
as a checklist, so a draft is never sent with a gap nobody saw. The wording lives in Jinja2
templates in ``breachtrack/templates``, one per recipient and language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined

from breachtrack.i18n import _, long_day, ngettext, using
from breachtrack.model import WORLD_SECTIONS, Incident, IncidentReport, Obligation
from breachtrack.safetext import code, markdown

RECIPIENTS = ("authority", "subjects")
LANGUAGES = ("fr", "en")

CATEGORIES = {
    "en": {"identity": "identity (name, first name)", "contact": "contact details", "birth_date": "date of birth",
           "national_id": "national identification number", "account_id": "account identifiers",
           "credentials": "passwords or other credentials", "financial": "bank or payment details",
           "health": "health data", "special_category": "special-category data (GDPR Art. 9)",
           "location": "location data", "minors": "data about children", "other": "other data"},
    "fr": {"identity": "identité (nom, prénom)", "contact": "coordonnées", "birth_date": "date de naissance",
           "national_id": "numéro d'identification national", "account_id": "identifiants de compte",
           "credentials": "mots de passe ou autres moyens d'authentification", "financial": "données bancaires",
           "health": "données de santé", "special_category": "données sensibles (art. 9 du RGPD)",
           "location": "données de localisation", "minors": "données concernant des mineurs",
           "other": "autres données"},
}
WHY_NEEDED = {
    "en": {
        "organisation": "the controller's name",
        "description": "the nature of the breach, in a few sentences (Art. 33(3)(a))",
        "data": "the categories of personal data concerned (Art. 33(3)(a))",
        "subjects": "the approximate number of people concerned (Art. 33(3)(a))",
        "records": "the approximate number of records concerned (Art. 33(3)(a))",
        "dpo": "the name and e-mail or telephone of the DPO or another contact point (Art. 33(3)(b))",
        "consequences": "the likely consequences of the breach (Art. 33(3)(c))",
        "measures_taken": "the measures taken or proposed, including to mitigate its effects (Art. 33(3)(d))",
        "authority_notice.delay_reasons": "the reasons for notifying after 72 hours (Art. 33(1))",
        "advice_to_subjects": "what people can do to protect themselves (recommended by the EDPB, "
                              "Guidelines 9/2022)",
    },
    "fr": {
        "organisation": "le nom du responsable du traitement",
        "description": "la nature de la violation, en quelques phrases (art. 33.3.a)",
        "data": "les catégories de données concernées (art. 33.3.a)",
        "subjects": "le nombre approximatif de personnes concernées (art. 33.3.a)",
        "records": "le nombre approximatif d'enregistrements concernés (art. 33.3.a)",
        "dpo": "le nom et l'adresse électronique ou le téléphone du DPO ou d'un autre point de contact "
               "(art. 33.3.b)",
        "consequences": "les conséquences probables de la violation (art. 33.3.c)",
        "measures_taken": "les mesures prises ou envisagées, y compris pour en atténuer les effets (art. 33.3.d)",
        "authority_notice.delay_reasons": "les motifs du retard de notification au-delà de 72 heures (art. 33.1)",
        "advice_to_subjects": "ce que les personnes peuvent faire pour se protéger (recommandé par le CEPD, "
                              "lignes directrices 9/2022)",
    },
}
REQUIRED = {
    "authority": ("organisation", "description", "data", "subjects", "records", "dpo", "consequences",
                  "measures_taken"),
    "subjects": ("organisation", "description", "dpo", "consequences", "measures_taken", "advice_to_subjects"),
}


GENERIC = "generic"
"""The template of a notice for an obligation without a template of its own (``templates/drafts``)."""
GENERIC_NEEDS = {
    "en": {
        "organisation": "the organisation's name",
        "description": "what happened, in a few sentences",
        "data": "the categories of personal data concerned",
        "subjects": "the approximate number of people concerned",
        "records": "the approximate number of records concerned",
        "residents": "the number of people concerned per jurisdiction (residents), which decides the thresholds",
        "dpo": "the name and e-mail or telephone of a contact point",
        "consequences": "the likely consequences for the people concerned",
        "measures_taken": "the measures taken or proposed to address the incident and limit its effects",
    },
    "fr": {
        "organisation": "le nom de l'organisme",
        "description": "ce qui s'est passé, en quelques phrases",
        "data": "les catégories de données concernées",
        "subjects": "le nombre approximatif de personnes concernées",
        "records": "le nombre approximatif d'enregistrements concernés",
        "residents": "le nombre de personnes concernées par juridiction (residents), dont dépendent les seuils",
        "dpo": "le nom et l'adresse électronique ou le téléphone d'un point de contact",
        "consequences": "les conséquences probables pour les personnes concernées",
        "measures_taken": "les mesures prises ou envisagées pour remédier à l'incident et en limiter les effets",
    },
}
NATURES = {
    "en": {"confidentiality": "confidentiality (unauthorised disclosure of, or access to, data)",
           "integrity": "integrity (unauthorised alteration of data)",
           "availability": "availability (loss or destruction of data, or of access to them)"},
    "fr": {"confidentiality": "confidentialité (divulgation ou accès non autorisés)",
           "integrity": "intégrité (altération non autorisée des données)",
           "availability": "disponibilité (perte ou destruction des données, ou de l'accès à celles-ci)"},
}
PEOPLE = {
    "en": {name: name.replace("_", " ") for name in ("customers", "users", "members", "employees", "job_applicants",
                                                     "job_seekers", "patients", "students", "minors",
                                                     "vulnerable_people")} | {"other": "other people"},
    "fr": {"customers": "clients", "users": "utilisateurs", "members": "adhérents", "employees": "salariés",
           "job_applicants": "candidats à un emploi", "job_seekers": "demandeurs d'emploi", "patients": "patients",
           "students": "élèves et étudiants", "minors": "mineurs", "vulnerable_people": "personnes vulnérables",
           "other": "autres personnes"},
}


@dataclass(frozen=True)
class Missing:
    field: str
    why: str


def _has(incident: Incident, field: str) -> bool:
    if field == "residents":
        return incident.residents is not None
    if field == "measures_taken":
        return bool(incident.measures_taken or incident.measures_planned)
    if field == "dpo":
        return bool(incident.dpo and incident.dpo.name and (incident.dpo.email or incident.dpo.phone))
    if field == "authority_notice.delay_reasons":
        return bool(incident.authority_notice and incident.authority_notice.delay_reasons)
    value = getattr(incident, field)
    return value is not None and value != [] and value != ""


DUTIES = {"authority": ".art33.notify_authority", "subjects": ".art34.inform_subjects"}
"""The obligation that asks for each draft, under the GDPR or the UK GDPR."""


def duty(evaluated: IncidentReport, to: str) -> Obligation | None:
    """The obligation that asks for the draft to ``to``: one that applies when there is one,
    else the first, whose reason says why it does not apply; None without a data protection regime."""
    duties = [o for o in evaluated.obligations if o.id.endswith(DUTIES[to])]
    return next((o for o in duties if o.status not in ("not_applicable", "exempt")), duties[0] if duties else None)


def notified_late(evaluated: IncidentReport) -> bool:
    return any(o.id == "gdpr.art33.notify_authority" and o.status in ("late", "overdue") for o in evaluated.obligations)


def missing(incident: Incident, evaluated: IncidentReport, to: str, lang: str) -> list[Missing]:
    """What the recipient must be told and the file does not say yet."""
    fields = list(REQUIRED[to])
    if to == "authority" and notified_late(evaluated):
        fields.append("authority_notice.delay_reasons")
    return [Missing(field, WHY_NEEDED[lang][field]) for field in fields if not _has(incident, field)]


def obligation(evaluated: IncidentReport, obligation_id: str) -> Obligation | None:
    """The incident's obligation ``obligation_id``, whatever its regime."""
    return next((o for o in evaluated.obligations if o.id == obligation_id), None)


WORLD_REGIMES = frozenset(regime for regime, _name, _model in WORLD_SECTIONS.values())
"""The regimes beyond Europe, whose thresholds count the people concerned per jurisdiction."""


def generic_missing(incident: Incident, lang: str) -> list[Missing]:
    """What a notice to any regulator is expected to say and the file does not say yet; the
    residents per jurisdiction when a regime beyond Europe counts them."""
    fields = [field for field in GENERIC_NEEDS[lang] if field != "residents" or WORLD_REGIMES & set(incident.regimes)]
    return [Missing(field, GENERIC_NEEDS[lang][field]) for field in fields if not _has(incident, field)]


class Code(str):
    """A value the template shows as a Markdown code span, already fenced by ``code``."""


def _markdown_values(value: object) -> object:
    """Every ``{{ value }}`` of a draft is inline Markdown that shows exactly as written."""
    return value if isinstance(value, Code) else markdown(value)


def _environment(lang: str, zone: ZoneInfo) -> Environment:
    environment = Environment(
        loader=PackageLoader("breachtrack", "templates"),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        finalize=_markdown_values,
    )

    def moment(value: datetime | date | None) -> str:
        if value is None:
            return "…"
        if not isinstance(value, datetime):
            return _day(value, lang)
        local = value.astimezone(zone)
        offset = local.strftime("%z")
        clock = f"{local:%H} h {local:%M}" if lang == "fr" else f"{local:%H:%M}"
        joiner = " à " if lang == "fr" else ", "
        return f"{_day(local.date(), lang)}{joiner}{clock} (UTC{offset[:3]}:{offset[3:]})"

    def number(value: int | None) -> str:
        if value is None:
            return "…"
        return f"{value:,}".replace(",", "\u202f" if lang == "fr" else ",")

    environment.globals.update(_=_, ngettext=ngettext)  # as every template of the package: {{ _("...") }}
    environment.filters["code"] = lambda text: Code(code(text))
    environment.filters["first_upper"] = lambda text: text[:1].upper() + text[1:]
    environment.filters["moment"] = moment
    environment.filters["number"] = number
    environment.filters["categories"] = lambda values: ", ".join(CATEGORIES[lang][v] for v in values) or "…"
    environment.filters["natures"] = lambda values: ", ".join(NATURES[lang][v] for v in values) or "…"
    environment.filters["people"] = lambda name: PEOPLE[lang][name]
    return environment


def _day(value: date, lang: str) -> str:
    """'1 November 2025', « 1er novembre 2025 » (i18n.long_day, in the draft's language)."""
    with using(lang):
        return long_day(value)


def render(incident: Incident, evaluated: IncidentReport, to: str, lang: str) -> str:
    """The draft to ``to``: one of RECIPIENTS, or the id of any obligation of the incident, which
    gets the generic notice (``render_generic``)."""
    if to not in RECIPIENTS:
        found = obligation(evaluated, to)
        if found is None:
            raise KeyError(to)
        return render_generic(incident, evaluated, found, lang)
    environment = _environment(lang, incident.zone)
    template = environment.get_template(f"{to}.{lang}.md.j2")
    return template.render(
        incident=incident,
        file=evaluated.file,
        missing=missing(incident, evaluated, to, lang),
        notify=duty(evaluated, "authority"),
        inform=duty(evaluated, "subjects"),
        late=notified_late(evaluated),
        authority=(incident.authority_notice and incident.authority_notice.authority) or "CNIL",
    )


def render_generic(incident: Incident, evaluated: IncidentReport, duty: Obligation, lang: str) -> str:
    """A notice for ``duty`` to its recipient, from a template shared by every regulator
    without one of its own."""
    environment = _environment(lang, incident.zone)
    template = environment.get_template(f"drafts/{GENERIC}.{lang}.md.j2")
    return template.render(
        incident=incident,
        file=evaluated.file,
        missing=generic_missing(incident, lang),
        duty=duty,
        categories=incident.subject_categories.listed() if incident.subject_categories else [],
        residents=list((incident.residents or {}).items()),
    )
