"""pipl-cn.cac_report, pipl-cn.summary_report, pipl-cn.pipl_notice: China's report of a
network-security incident, its summary report, and the PIPL notice of a personal-information leak.

Legal basis: 国家网络安全事件报告管理办法 (Measures for the Administration of National Network Security
Incident Reporting, CAC, published 15 September 2025, art. 14: "本办法自2025年11月1日起施行", in force 1
November 2025), read through a repository note quoting cac.gov.cn. Art. 4: a network operator
"在发现或获知涉及本单位的网络安全事件时，应当按照《网络安全事件分级指南》（见附件）进行研判，属于较大以上网络安全
事件的，按以下程序报告": for critical information infrastructure "第一时间向保护工作部门、公安机关报告，最迟不得
超过1小时"; for "中央和国家机关各部门及其直属单位" (central and state bodies) "及时向本部门网信工作机构报告，最
迟不得超过2小时"; other operators "及时向属地省级网信部门报告，最迟不得超过4小时". Art. 8: after the handling
ends, a summary report "应当于30日内" by the same channel. Annex (grading guide): leaking the
personal information of 1,000,000 people or more ("泄露100万人以上公民个人信息") is relatively major
(较大), 10 million major (重大), 100 million particularly major (特别重大); "以上" includes the number
itself. Personal Information Protection Law art. 57 (in force 1 November 2021): "发生或者可能发生个人
信息泄露、篡改、丢失的，个人信息处理者应当立即采取补救措施，并通知履行个人信息保护职责的部门和个人"; the
individuals need not be notified when the measures effectively avoid harm (the authority may still
require it).

Law or policy: the 1, 2 and 4 hours and the 30 days are law; "立即" (immediately) in PIPL art. 57
is a policy target, default 24 hours (``[policy] "pipl-cn.pipl_notice"``). Confidence: medium to
high (the texts through a repository that quotes the official pages).

Readings where the text leaves room, each the earlier deadline:

- The clock starts when the incident is found or learnt of (``detected_at``), not when the grading
  (研判) ends.
- The period comes from the register's ``entity_type``: ``critical_infrastructure`` 1 hour,
  ``public_body`` (a central or state body or a unit under it) 2 hours, ``other`` 4 hours. A
  register that declares no type gets 1 hour, the shortest, until it does.
- Reporting is due from "relatively major" up. 1,000,000 people or more (``subjects``, the larger
  with ``residents``) make an incident at least relatively major whatever ``pipl_cn.grade`` says.
  Below that, the guide's other criteria may still make it relatively major, which breachtrack
  cannot judge: without a grade, the report is shown as due, and the reason says it depends on
  the grade. ``grade: ordinary`` (一般) takes it out.

In plain words: with regime ``pipl-cn``, an incident graded relatively major or above and found
on or after 1 November 2025 is reported within 1, 2 or 4 hours of its discovery, by entity type;
30 calendar days (Shanghai) after the handling ends (``pipl_cn.closed_at``), a summary report. Any
leak, tampering or loss of personal information, or its possibility, is notified at once to the
authority and the individuals (target 24 hours after ``aware_at``).

Applies (found 13 November 2026 09:20 in Shanghai, 1,000,000 people, another operator: report by
13:20)::

    regimes: [pipl-cn]
    timezone: Asia/Shanghai
    aware_at: 2026-11-13T09:20
    subjects: 1000000

Does not apply (graded ordinary, 999,999 people; or found before 1 November 2025: only the PIPL
notice)::

    regimes: [pipl-cn]
    aware_at: 2026-11-13T09:20
    subjects: 999999
    pipl_cn: {grade: ordinary}
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from breachtrack.i18n import N_, _, number
from breachtrack.model import Config, Duration, Incident, PiplCn
from breachtrack.rules import (
    Assessment,
    before_in_force,
    calendar_days_after,
    elapsed,
    people_concerned,
    policy_delay,
)

CAC_REPORT = "pipl-cn.cac_report"
SUMMARY_REPORT = "pipl-cn.summary_report"
PIPL_NOTICE = "pipl-cn.pipl_notice"
SHANGHAI = ZoneInfo("Asia/Shanghai")
IN_FORCE = date(2025, 11, 1)
"""The 2025 measures, art. 14; discovery of the incident counts."""
PIPL_IN_FORCE = date(2021, 11, 1)
PIPL_DEFAULT = Duration(24, "hours")
POLICY_TARGETS = (PIPL_NOTICE,)
"""The obligations whose delay ``[policy]`` in breachtrack.toml may set."""
CHANNELS = {
    "critical_infrastructure": (1, N_("critical information infrastructure: the protection-work department and "
                                      "the public security organ, within 1 hour")),
    "public_body": (2, N_("a central or state body: its own cyber affairs unit, within 2 hours")),
    "other": (4, N_("another network operator: the provincial cyberspace administration, within 4 hours")),
}
GRADES = {"relatively_major": N_("relatively major (较大)"), "major": N_("major (重大)"),
          "particularly_major": N_("particularly major (特别重大)"), "ordinary": N_("ordinary (一般)")}
MILLION = 1_000_000


def assess(incident: Incident, config: Config) -> list[Assessment]:
    if "pipl-cn" not in incident.regimes:
        return []
    section = incident.pipl_cn or PiplCn()
    return _reports(incident, config, section) + [_pipl_notice(incident, config, section)]


def _graded(incident: Incident, section: PiplCn) -> tuple[bool, str]:
    """Whether the incident is relatively major or above, and why, in words."""
    people = people_concerned(incident)
    if people is not None and people >= MILLION:
        return True, _("{count} people, 1,000,000 or more: at least relatively major").format(count=number(people))
    if section.grade in ("relatively_major", "major", "particularly_major"):
        return True, _("graded {grade} (pipl_cn.grade)").format(grade=_(GRADES[section.grade]))
    if section.grade == "ordinary":
        return False, _("graded ordinary (pipl_cn.grade), below relatively major")
    if people is None:
        return True, _("the number of people is not recorded and the grade neither (pipl_cn.grade): conservative "
                       "reading")
    return True, _("applies if graded relatively major or above: the grade is not recorded (pipl_cn.grade), and "
                   "{count} people are fewer than 1,000,000").format(count=number(people))


def _reports(incident: Incident, config: Config, section: PiplCn) -> list[Assessment]:
    title, basis = _("Report the network-security incident"), _("CAC Measures 2025 art. 4")
    about = ("pipl_cn", "cac_reported_at")
    detected = incident.detected_at
    not_yet = before_in_force(IN_FORCE, detected, SHANGHAI)
    if not_yet:
        return [Assessment(CAC_REPORT, title, basis, "law", "not_applicable",
                           _("the CAC's incident reporting measures are {not_yet}").format(not_yet=not_yet),
                           about=about)]
    graded, why = _graded(incident, section)
    if not graded:
        return [Assessment(CAC_REPORT, title, basis, "law", "not_applicable", why, about=("pipl_cn", "grade"))]
    kind = config.entity_type or "critical_infrastructure"
    hours, channel = CHANNELS[kind]
    declared = (_(" of its discovery (detected_at; entity_type: {kind})").format(kind=kind) if config.entity_type
                else _(" of its discovery (detected_at): entity_type is not declared in breachtrack.toml, so the "
                       "shortest period applies"))
    found = [Assessment(CAC_REPORT, title, basis, "law", "applies",
                        why + "; " + _(channel) + declared,
                        due=elapsed(detected, timedelta(hours=hours)), done_at=section.cac_reported_at, about=about,
                        start=detected)]
    if section.closed_at is not None:
        found.append(Assessment(
            SUMMARY_REPORT, _("Send the summary report on the incident"), _("CAC Measures 2025 art. 8"), "law",
            "applies", why + _("; within 30 days after the handling ended (pipl_cn.closed_at), calendar days in "
                               "Shanghai"),
            due=calendar_days_after(section.closed_at, 30, SHANGHAI), done_at=section.summary_reported_at,
            about=("pipl_cn", "summary_reported_at"), start=section.closed_at))
    return found


def _pipl_notice(incident: Incident, config: Config, section: PiplCn) -> Assessment:
    title, basis = _("Notify the PI protection authority and the individuals"), _("PIPL art. 57")
    about = ("pipl_cn", "pipl_notified_at")
    aware = incident.aware_at
    not_yet = before_in_force(PIPL_IN_FORCE, aware, SHANGHAI)
    if not_yet:
        return Assessment(PIPL_NOTICE, title, basis, "policy", "not_applicable",
                          _("the PIPL is {not_yet}").format(not_yet=not_yet), about=about)
    delay = policy_delay(config, PIPL_NOTICE, PIPL_DEFAULT)
    return Assessment(PIPL_NOTICE, title, basis, "policy", "applies",
                      _("a leak, tampering or loss of personal information, or its possibility: \"immediately\" (立即), "
                        "no period in the text: policy target {delay} after aware_at").format(delay=str(delay)),
                      due=elapsed(aware, delay.elapsed()), done_at=section.pipl_notified_at, about=about, start=aware)
