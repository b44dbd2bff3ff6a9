"""pipa-kr.subjects, pipa-kr.pipc, pipa-kr.possible_breach: South Korea's notices of a personal
information breach to the data subjects and to the PIPC (or KISA), and, from 11 September 2026,
the notice of a possible breach.

Legal basis: Personal Information Protection Act (PIPA) art. 34 and its Enforcement Decree, as read
in law.go.kr through a repository note (Act 21445 of 10 March 2026 and Decree 36671 of 10
September 2026, both in force 11 September 2026). Act art. 34(1): "개인정보처리자는 개인정보가 유출등이
되었음을 알게 되었을 때에는 지체 없이 해당 정보주체에게 [...] 알려야 한다." Decree art. 39(1): "서면등의
방법으로 72시간 이내에" (within 72 hours, save urgent containment or force majeure). Decree art.
40(1): report within 72 hours to the PIPC or KISA "1. 1천명 이상의 정보주체에 관한 개인정보가 유출등이 된
경우 2. 민감정보 또는 고유식별정보가 유출등이 된 경우 3. [...] 외부로부터의 불법적인 접근에 의해 개인정보가
유출등이 된 경우", unless retrieval or deletion made the risk "현저히 낮아진" (markedly low). Decree
art. 39-2 (new): when a breach is only possible (unlawful access whose victims cannot be
identified, data offered by a third party), notify all the possibly affected subjects within 72
hours of knowing of the access. The 72 hours bind every processor since 15 September 2023 (before:
24 hours for online service providers, 5 days for others). The 2026 amendment applies to breaches
known from 11 September 2026 and makes tampering and destruction (ransomware) a breach ("유출등").

Law or policy: law, 72 real hours. Confidence: medium to high (the texts through a repository that
quotes law.go.kr; the 2023 date from the press).

In plain words: with regime ``pipa-kr``, every breach known (``aware_at``) from 15 September 2023
is notified to the people within 72 hours; it is reported to the PIPC or KISA within the same 72
hours when it concerns 1,000 people or more, sensitive or unique identifying data (derived from
``data``: health, special_category, national_id), or came from unlawful access from outside
(``cause: malicious``), unless ``pipa_kr.harm_reduced``. A breach that only alters or destroys
data (``nature: [integrity]``) counts from 11 September 2026. From that day, a possible breach
(``pipa_kr.possible_only``) is notified to the possibly affected people within 72 hours of knowing
of the access (``pipa_kr.access_known_at``, else ``detected_at``).

Applies (1,000 subjects, aware 10 September 2026 10:00 in Seoul: both notices by 13 September
10:00)::

    regimes: [pipa-kr]
    timezone: Asia/Seoul
    aware_at: 2026-09-10T10:00
    cause: accidental
    subjects: 1000

Does not apply (999 subjects, accidental, ordinary data: no report to the PIPC, the people are
still notified)::

    regimes: [pipa-kr]
    aware_at: 2026-09-10T10:00
    cause: accidental
    subjects: 999
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from breachtrack.i18n import _, number
from breachtrack.model import Config, Incident, PipaKr
from breachtrack.rules import Assessment, before_in_force, elapsed, people_concerned, reaches

SUBJECTS = "pipa-kr.subjects"
PIPC = "pipa-kr.pipc"
POSSIBLE = "pipa-kr.possible_breach"
SEOUL = ZoneInfo("Asia/Seoul")
IN_FORCE = date(2023, 9, 15)
"""72 hours for every personal information processor; knowing of the breach counts."""
AMENDMENT = date(2026, 9, 11)
"""Act 21445 and Decree 36671: tampering and destruction count, and the possibility notice."""
HOURS_72 = timedelta(hours=72)


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "pipa-kr" not in incident.regimes:
        return []
    section = incident.pipa_kr or PipaKr()
    return _breach(incident, section) + _possible(incident, section)


def _breach(incident: Incident, section: PipaKr) -> list[Assessment]:
    aware = incident.aware_at
    subjects_title, subjects_basis = _("Notify the data subjects (PIPA)"), _("PIPA art. 34(1); Decree art. 39(1)")
    pipc_title, pipc_basis = _("Report to the PIPC or KISA"), _("PIPA art. 34(3); Decree art. 40(1)")
    why_not = None
    not_yet = before_in_force(IN_FORCE, aware, SEOUL)
    if not_yet:
        why_not = _("the 72 hours for every processor are {not_yet} (before: 24 hours for online service providers, "
                    "5 days for others)").format(not_yet=not_yet)
    elif section.possible_only:
        why_not = _("only a possible breach is known (pipa_kr.possible_only): see pipa-kr.possible_breach")
    elif incident.nature == ["integrity"] and before_in_force(AMENDMENT, aware, SEOUL):
        why_not = _("tampering alone (nature: integrity) counts as a breach only for breaches known from 11 September "
                    "2026 (Act 21445)")
    if why_not:
        return [Assessment(SUBJECTS, subjects_title, subjects_basis, "law", "not_applicable", why_not,
                           about=("aware_at",)),
                Assessment(PIPC, pipc_title, pipc_basis, "law", "not_applicable", why_not, about=("aware_at",))]
    due = elapsed(aware, HOURS_72)
    found = [Assessment(SUBJECTS, subjects_title, subjects_basis, "law", "applies",
                        _("every breach: within 72 hours of knowing of it (aware_at)"), due=due,
                        done_at=section.subjects_notified_at, about=("pipa_kr", "subjects_notified_at"), start=aware)]
    people = people_concerned(incident)
    reasons = []
    if reaches(people, 1000):
        reasons.append(_("the number of people is not recorded, so 1,000 is taken as reached") if people is None else
                       _("{count} people, 1,000 or more").format(count=number(people)))
    sensitive = section.sensitive_or_unique_id
    if sensitive is None:
        sensitive = bool({"health", "special_category", "national_id"} & set(incident.data))
    if sensitive:
        reasons.append(_("sensitive or unique identifying information"))
    external = section.external_access
    if external is None and incident.cause == "unknown":
        reasons.append(_("whether there was unlawful access from outside is not recorded (pipa_kr.external_access) "
                         "and the cause is not known: conservative reading"))
    elif external or (external is None and incident.cause == "malicious"):
        reasons.append(_("unlawful access from outside"))
    if section.harm_reduced:
        found.append(Assessment(PIPC, pipc_title, pipc_basis, "law", "not_applicable",
                                _("the data were retrieved or deleted and the risk became markedly low "
                                  "(pipa_kr.harm_reduced)"), about=("pipa_kr", "harm_reduced")))
    elif not reasons:
        found.append(Assessment(PIPC, pipc_title, pipc_basis, "law", "not_applicable",
                                _("{count} people, fewer than 1,000, no sensitive or unique identifying information, "
                                  "no unlawful access from outside").format(count=number(people)),
                                about=("subjects",)))
    else:
        found.append(Assessment(PIPC, pipc_title, pipc_basis, "law", "applies",
                                "; ".join(reasons) + _(": within 72 hours of knowing of the breach (aware_at)"),
                                due=due, done_at=section.pipc_reported_at, about=("pipa_kr", "pipc_reported_at"),
                                start=aware))
    return found


def _possible(incident: Incident, section: PipaKr) -> list[Assessment]:
    if not section.possible_only:
        return []
    title, basis = _("Notify the possibly affected data subjects"), _("PIPA Decree art. 39-2")
    known = section.access_known_at or incident.detected_at
    not_yet = before_in_force(AMENDMENT, known, SEOUL)
    if not_yet:
        return [Assessment(POSSIBLE, title, basis, "law", "not_applicable",
                           _("the notice of a possible breach is {not_yet}").format(not_yet=not_yet),
                           about=("pipa_kr", "access_known_at"))]
    source = "pipa_kr.access_known_at" if section.access_known_at else "detected_at"
    return [Assessment(POSSIBLE, title, basis, "law", "applies",
                       _("a breach is possible: within 72 hours of knowing of the unlawful access ({source})").format(
                           source=source),
                       due=elapsed(known, HOURS_72), done_at=section.possible_notified_at,
                       about=("pipa_kr", "possible_notified_at"), start=known)]
