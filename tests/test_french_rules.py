"""The rule engine in French: titles, reasons and legal bases in the words of French law, written
here by hand; every message the engine can say has a French translation; and the worker
processes that judge a large register speak the language of the run that started them."""

from __future__ import annotations

import functools
import multiprocessing
import os
import string
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.mofile import read_mo
from conftest import ROOT

from breachtrack import i18n, loader
from breachtrack.cli import parse_as_of
from breachtrack.engine import build_report, judge
from breachtrack.loader import load_register
from breachtrack.model import Duration, IncidentReport, Obligation
from breachtrack.rules import GDPR, UK_GDPR, before_in_force, stated_moment

AS_OF = "2026-11-30T12:00+01:00"
SRC = ROOT / "src" / "breachtrack"
PARIS = ZoneInfo("Europe/Paris")
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
"""What marks a message: ``_``, ``ngettext`` (Babel's defaults) and ``N_`` (i18n.py)."""


def _sample_in(language: str) -> dict[str, IncidentReport]:
    with i18n.using(language):
        report = build_report(load_register([ROOT / "incidents"]), parse_as_of(AS_OF, "Europe/Paris"))
    return {incident.id: incident for incident in report.incidents}


@pytest.fixture(scope="module")
def french() -> dict[str, IncidentReport]:
    return _sample_in("fr")


def _obligation(incidents: dict[str, IncidentReport], incident_id: str, obligation_id: str) -> Obligation:
    return next(o for o in incidents[incident_id].obligations if o.id == obligation_id)


def test_notification_to_the_cnil_in_the_words_of_art_33(french):
    notify = _obligation(french, "FT-2024-03", "gdpr.art33.notify_authority")
    assert notify.title == "Notifier la violation à la CNIL"
    assert notify.basis == "RGPD art. 33(1)"
    assert notify.reason == ("risque élevé : notifier la violation à l'autorité de contrôle (CNIL) au plus tard 72 h "
                             "après en avoir pris connaissance")
    assert notify.status == "done"  # statuses are ids: the reporters translate them


def test_people_concerned_the_processor_and_the_reasons_for_a_delay(french):
    inform = _obligation(french, "CT-2026-11-PHISHING", "gdpr.art34.inform_subjects")
    assert (inform.title, inform.basis) == ("Informer les personnes concernées", "RGPD art. 34(1)")
    assert inform.reason == ("le risque pour les personnes est élevé : les informer dans les meilleurs délais "
                             "(objectif interne : 72 h après la prise de connaissance)")
    processor = _obligation(french, "PC-2025-10-BUCKET", "gdpr.art33.notify_controller")
    assert (processor.title, processor.basis) == ("Notifier la violation au responsable du traitement",
                                                  "RGPD art. 33(2)")
    assert processor.reason == ("en tant que sous-traitant, notifier la violation à Transports Exemple SA dans les "
                                "meilleurs délais (objectif interne : 24 h après la prise de connaissance)")
    not_notified = _obligation(french, "PC-2025-10-BUCKET", "gdpr.art33.notify_authority")
    assert not_notified.reason == ("un sous-traitant ne notifie pas la violation à l'autorité de contrôle : il la "
                                   "notifie au responsable du traitement (voir gdpr.art33.notify_controller)")
    reasons = _obligation(french, "BE-2026-02-STUFFING", "gdpr.art33.delay_reasons")
    assert (reasons.title, reasons.basis) == ("Indiquer les motifs du retard", "RGPD art. 33(1)")
    # the register's own words stay as written, whitespace folded
    assert reasons.reason == ("notification faite après les 72 h ; motifs indiqués : The attack was spread over many "
                              "IP addresses; scoping which accounts were taken over needed the hosting provider's "
                              "logs, received on 5 February.")


def test_plainte_astreinte_and_the_fine_ceiling(french):
    complaint = _obligation(french, "FT-2025-KAIROS", "fr.complaint")
    assert (complaint.title, complaint.basis) == ("Déposer plainte", "Code des assurances art. L12-10-1")
    assert complaint.reason == ("attaque contre un organisme assuré : l'assureur n'indemnise que si la plainte est "
                                "déposée au plus tard 72 h après la connaissance de l'atteinte")
    accident = _obligation(french, "MX-2025-12-LAPTOP", "fr.complaint")
    assert accident.reason == "origine accidentelle : aucune attaque à signaler"
    mfa = _obligation(french, "FT-2024-03", "remediation.mfa")
    assert mfa.basis == "CNIL SAN-2026-003, injonction « security »"
    # 5,000 EUR a day, as Babel writes it in French: narrow no-break space, no-break space before €
    assert mfa.reason == ("mesure ordonnée par la décision CNIL SAN-2026-003, injonction « security », sous astreinte "
                          "de 5\u202f000\u00a0€ par jour de retard")
    plan = _obligation(french, "CT-2026-11-PHISHING", "remediation.webmail-mfa")
    assert (plan.basis, plan.reason) == ("plan d'actions correctives", "mesure du plan d'actions correctives de "
                                         "l'organisme")
    # notified 102 hours after awareness; 2 % of 48,000,000 EUR = 960,000 EUR < 10,000,000 EUR: the fixed amount
    [ceiling] = french["BE-2026-02-STUFFING"].exposure.ceilings
    assert ceiling.basis == "RGPD art. 83(4)(a)"
    assert ceiling.why == ("une obligation des art. 33 ou 34 du RGPD manquée (gdpr.art33.notify_authority : fait en "
                           "retard) : 10\u202f000\u202f000\u00a0€ ou 2 % du chiffre d'affaires annuel mondial, le "
                           "montant le plus élevé étant retenu")


def test_nis2_and_dora_reports(french):
    early = _obligation(french, "EN-2026-03-RANSOMWARE", "nis2.early_warning")
    assert (early.title, early.basis) == ("Transmettre l'alerte précoce (ANSSI)", "NIS 2 art. 23(4)(a)")
    assert early.reason == ("dans les 24 h après avoir eu connaissance de l'incident important ; loi nationale de "
                            "transposition en attente (nis2_in_force non renseigné) : délai de la directive, appliqué "
                            "par choix de l'organisme")
    # classified at 21:00 on Friday 31 October 2025: 4 hours later is 01:00 on Saturday 1 November (Toussaint);
    # a credit institution gets no relief, so the time limit stays there
    initial = _obligation(french, "BK-2025-10-CARDS", "dora.initial")
    assert (initial.title, initial.basis) == ("Transmettre la notification initiale (ACPR)",
                                              "règlement délégué (UE) 2025/301 art. 5(1)(a) ; DORA art. 19(4)(a)")
    assert initial.reason == ("4 h après la classification comme incident majeur, et au plus tard 24 h après la prise "
                              "de connaissance de l'incident (detected_at) ; le délai expire le 1er novembre 2025 à "
                              "01 h 00 (Europe/Paris), un jour de week-end ou un jour férié (FR), mais un établissement "
                              "de crédit ne bénéficie pas du report (art. 5(5))")
    final = _obligation(french, "BK-2025-10-CARDS", "dora.final")
    assert final.reason == "un mois civil après le rapport intermédiaire, à la même heure (Europe/Paris)"


def test_english_is_the_source_and_speaks_as_before():
    english = _sample_in("en")
    notify = _obligation(english, "FT-2024-03", "gdpr.art33.notify_authority")
    assert (notify.title, notify.basis) == ("Notify the supervisory authority (CNIL)", "GDPR Art. 33(1)")
    initial = _obligation(english, "BK-2025-10-CARDS", "dora.initial")
    assert "the time limit, 2025-11-01 01:00 Europe/Paris, falls on a weekend day" in initial.reason


def test_laws_days_and_durations_in_each_language():
    accepted = datetime(2026, 5, 5, 11, 0, tzinfo=PARIS)
    assert (GDPR.article("33(1)"), UK_GDPR.article("33(1)")) == ("GDPR Art. 33(1)", "UK GDPR Art. 33(1)")
    assert [str(Duration(n, unit)) for n, unit in ((72, "hours"), (1, "days"), (3, "weeks"), (1, "months"))] == [
        "72 h", "1 day", "3 weeks", "1 month"]
    assert stated_moment(accepted, PARIS) == "2026-05-05 11:00"
    assert before_in_force(date(2023, 4, 24), datetime(2023, 4, 1, 10, tzinfo=PARIS), PARIS) == (
        "in force from 24 April 2023, after this incident (1 April 2023)")
    with i18n.using("fr"):
        assert (GDPR.article("33(1)"), UK_GDPR.article("33(1)")) == ("RGPD art. 33(1)", "RGPD britannique art. 33(1)")
        assert [str(Duration(n, unit)) for n, unit in ((72, "hours"), (1, "days"), (3, "days"), (3, "weeks"),
                                                           (3, "months"))] == [
            "72 h", "1 jour", "3 jours", "3 semaines", "3 mois"]
        assert stated_moment(accepted, PARIS) == "5 mai 2026 à 11 h 00"
        assert before_in_force(date(2023, 4, 24), datetime(2023, 4, 1, 10, tzinfo=PARIS), PARIS) == (
            "applicable à compter du 24 avril 2023, soit après cet incident (1er avril 2023)")


# --- every message has its French --------------------------------------------------------------


EXTRACTORS = {".py": "python", ".j2": "jinja2"}
"""How each kind of file marks its messages: ``_()`` in Python, ``{{ _("...") }}`` in a Jinja
template (babel.cfg's two sections)."""


def marked_messages(paths: Iterable[Path]) -> dict[str | tuple[str, str], list[str]]:
    """Every message marked in the Python files and Jinja templates of ``paths`` (files or
    folders), with where it is: a string, or (singular, plural) for ngettext."""
    files = sorted({file for path in paths for file in ([path] if path.is_file() else path.rglob("*"))
                    if file.suffix in EXTRACTORS})
    found: dict[str | tuple[str, str], list[str]] = {}
    for file in files:
        shown = file.relative_to(ROOT) if file.is_relative_to(ROOT) else file
        for line, message, _comments, _context in extract_from_file(EXTRACTORS[file.suffix], file,
                                                                    keywords=KEYWORDS):
            found.setdefault(message, []).append(f"{shown}:{line}")
    return found


def untranslated(paths: Iterable[Path], language: str = "fr", compiled: Path | None = None) -> list[str]:
    """The messages of ``paths`` that the compiled catalogue of ``language`` (or ``compiled``)
    leaves without a translation, or whose translation names a placeholder the message does not
    give (``.format`` would fail on it)."""
    compiled = compiled or i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    with compiled.open("rb") as file:
        catalogue = read_mo(file)
    problems = []
    for message, where in marked_messages(paths).items():
        entry = catalogue.get(message[0] if isinstance(message, tuple) else message)
        forms = entry.string if entry else ""
        forms = list(forms) if isinstance(forms, (list, tuple)) else [forms]
        if not all(forms):
            problems.append(f"{where[0]}: no {language} translation of {message!r}")
            continue
        given = set().union(*(_fields(part) for part in (message if isinstance(message, tuple) else (message,))))
        for form in forms:
            if extra := _fields(form) - given:
                problems.append(f"{where[0]}: the {language} translation of {message!r} names {sorted(extra)}")
    return problems


def _fields(text: str) -> set[str]:
    """The names a str.format template asks for."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


RULE_ENGINE = [SRC / "rules", SRC / "engine.py", SRC / "ceilings.py"]


def test_the_rule_engine_has_a_french_translation_of_every_message():
    assert len(marked_messages(RULE_ENGINE)) > 150  # the extraction does see the rules' messages
    assert untranslated(RULE_ENGINE) == []


def test_every_message_of_the_package_has_a_french_translation():
    messages = marked_messages([SRC])
    assert len(messages) > 700  # the extraction sees the whole package
    assert "Needs action" in messages and "Obligations of {id}" in messages  # a Python file's and a template's
    assert untranslated([SRC]) == []


def test_a_missing_or_broken_translation_is_found(tmp_path):
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    source = tmp_path / "speaks.py"
    source.write_text('from breachtrack.i18n import N_, _, ngettext\n'
                      '_("Notify {authority}")\n'
                      'N_("A sentence nobody translated")\n'
                      'ngettext("{count} day", "{count} days", 2)\n')
    catalogue = Catalog(locale="fr")
    catalogue.add("Notify {authority}", "Notifier {autorité}")
    compiled = tmp_path / "fr.mo"
    with compiled.open("wb") as file:
        write_mo(file, catalogue)
    assert untranslated([source], compiled=compiled) == [
        f"{source}:2: the fr translation of 'Notify {{authority}}' names ['autorité']",
        f"{source}:3: no fr translation of 'A sentence nobody translated'",
        f"{source}:4: no fr translation of ('{{count}} day', '{{count}} days')",
    ]


# --- worker processes --------------------------------------------------------------------------


def judged_where(sourced, as_of):
    """The process that judged the incident, and its judgement."""
    return os.getpid(), judge(sourced, as_of)


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_worker_processes_judge_in_the_language_of_the_run(tmp_path, monkeypatch, start_method):
    # spawn starts a fresh interpreter, which inherits nothing of the parent's language: the
    # pool's initializer must pass it on (fork would copy it, and so would hide a missing one)
    monkeypatch.setattr(multiprocessing, "Pool", multiprocessing.get_context(start_method).Pool)
    monkeypatch.setattr(loader.os, "cpu_count", lambda: 2)
    shape = (ROOT / "incidents" / "2025-07-france-travail-kairos.yaml").read_text(encoding="utf-8")
    for number in range(loader.PARALLEL_FROM + 4):  # a large register: loaded and judged by workers
        (tmp_path / f"k{number:04d}.yaml").write_text(shape.replace("id: FT-2025-KAIROS", f"id: K-{number}"),
                                                      encoding="utf-8")
    as_of = parse_as_of(AS_OF, "Europe/Paris")
    with i18n.using("fr"):
        register = load_register([tmp_path], then=functools.partial(judged_where, as_of=as_of))
    assert register.errors == [] and len(register.incidents) == loader.PARALLEL_FROM + 4
    assert os.getpid() not in {pid for pid, _ in register.incidents}
    titles = {obligation.title for _, judged in register.incidents for obligation in judged.obligations}
    assert titles == {"Notifier la violation à la CNIL", "Notifier la violation au responsable du traitement",
                      "Informer les personnes concernées", "Déposer plainte"}
