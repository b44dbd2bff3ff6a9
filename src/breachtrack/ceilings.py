"""The fine ceilings an incident exposes its organisation to, each with the article that sets it.

A ceiling is the most an authority may fine for one kind of infringement. Only a duty the law
itself fixes counts: an obligation with ``target: law`` that is late or overdue. A policy target
missed (the CNIL-practice 72 hours for a complement, the targets standing in for "without undue
delay") is no infringement on its own, and brings no ceiling. Each ceiling needs the turnover it
is a share of (``turnover_eur``, or ``turnover_gbp`` for the UK ones): without it none is given,
since for an undertaking the fixed amount is only the lower of two bounds. Ceilings of one
incident do not add up (GDPR Art. 83(3): for linked infringements the total stays within the
gravest's ceiling); the report gives each, and the highest in each currency. Pounds are never
converted to euros.

GDPR (Regulation (EU) 2016/679) Art. 83(4): "Infringements of the following provisions shall
[...] be subject to administrative fines up to 10 000 000 EUR, or in the case of an undertaking,
up to 2 % of the total worldwide annual turnover of the preceding financial year, whichever is
higher: (a) the obligations of the controller and the processor pursuant to Articles 8, 11, 25
to 39 and 42 and 43". Art. 83(5): "[...] up to 20 000 000 EUR, or in the case of an undertaking,
up to 4 % [...]: (e) non-compliance with an order or a temporary or definitive limitation on
processing or the suspension of data flows by the supervisory authority pursuant to Article
58(2) [...]". Art. 83(6): "Non-compliance with an order by the supervisory authority as referred
to in Article 58(2) shall [...] be subject to administrative fines up to 20 000 000 EUR, or in
the case of an undertaking, up to 4 % [...], whichever is higher." Orders here: a measure an
injunction of the sanction lists (a CNIL injonction under loi n° 78-17 art. 20 III is the French
vehicle of Art. 58(2)(d), "to order the controller [...] to bring processing operations into
compliance [...] within a specified period": the scheme of art. 20, no CNIL decision read), and
a communication to the people the authority required by a deadline (Art. 34(4), the power of
Art. 58(2)(e) "to order the controller to communicate a personal data breach to the data
subject"). The late or overdue measure or communication is the non-compliance.

NIS2 (Directive (EU) 2022/2555) Art. 34(4): essential entities infringing Art. 21 or 23 are
subject to "administrative fines of a maximum of at least EUR 10 000 000 or of a maximum of at
least 2 % of the total worldwide annual turnover in the preceding financial year of the
undertaking to which the essential entity belongs, whichever is higher"; Art. 34(5): important
entities, "at least EUR 7 000 000 or [...] at least 1,4 %". Minimum maxima, which national law
may raise: shown "at least". A trust service provider is taken as an essential entity, the
higher tier (qualified ones are, whatever their size). NIS2 reports that are policy targets
(no national law in force, see rules/nis2.py) bring no ceiling.

UK GDPR Art. 83 with the Data Protection Act 2018 s.157: the standard maximum, 8,700,000 GBP or
2 % of the total annual worldwide turnover in the preceding financial year, whichever is higher,
for the Art. 33 and 34 duties (Art. 83(4)); the higher maximum, 17,500,000 GBP or 4 %, for
non-compliance with an order of the Commissioner (Art. 83(5), (6); an enforcement notice). (M:
consistent secondary sources and the ICO's guidance; s.157 not read verbatim.) Every obligation
whose id starts with ``uk.`` and whose due time is the law's counts for the standard maximum.

Cyber Resilience Act (Regulation (EU) 2024/2847) Art. 64(2): "Non-compliance with the essential
cybersecurity requirements set out in Annex I and the obligations set out in Articles 13 and 14
shall be subject to administrative fines of up to EUR 15 000 000 or, if the offender is an
undertaking, up to 2,5 % of [...] its total worldwide annual turnover for the preceding
financial year, whichever is higher." Micro and small enterprises are not fined for a late
early warning (Art. 64(10)(a)): not applied, the size of the enterprise being unrecorded.

In plain words: a GDPR notification sent late with a turnover of 1.2 bn EUR gives 24,000,000 EUR
(Art. 83(4)); an enjoined measure overdue with that turnover gives 48,000,000 EUR (Art. 83(6)),
and with a turnover of 300 M EUR, 20,000,000 EUR, the fixed amount being higher than 4 %.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from breachtrack.i18n import N_, _, ngettext, number
from breachtrack.model import Ceiling, Incident, Obligation, in_currency


@dataclass(frozen=True)
class Tier:
    """A ceiling as the text sets it: the higher of a fixed amount and a share of the turnover."""

    basis: str
    """A message: translated where a ceiling is given."""
    fixed: Decimal
    share: Decimal
    currency: Literal["EUR", "GBP"]
    at_least: bool = False

    def explained(self) -> str:
        if self.at_least:
            words = _("a maximum of at least the higher of {fixed} and {share} of the worldwide turnover")
        else:
            words = _("the higher of {fixed} and {share} of the worldwide turnover")
        share = f"{number(self.share * 100, digits=3)} %"  # outside the message: '% o' would read as a %-format
        return words.format(fixed=in_currency(self.fixed, self.currency), share=share)


GDPR_DUTY = Tier(N_("GDPR Art. 83(4)(a)"), Decimal(10_000_000), Decimal("0.02"), "EUR")
GDPR_ORDER = Tier(N_("GDPR Art. 83(5)(e), 83(6)"), Decimal(20_000_000), Decimal("0.04"), "EUR")
NIS2_ESSENTIAL = Tier(N_("NIS2 Art. 34(4)"), Decimal(10_000_000), Decimal("0.02"), "EUR", at_least=True)
NIS2_IMPORTANT = Tier(N_("NIS2 Art. 34(5)"), Decimal(7_000_000), Decimal("0.014"), "EUR", at_least=True)
UK_STANDARD = Tier(N_("UK GDPR Art. 83(4); DPA 2018 s.157"), Decimal(8_700_000), Decimal("0.02"), "GBP")
UK_HIGHER = Tier(N_("UK GDPR Art. 83(5), (6); DPA 2018 s.157"), Decimal(17_500_000), Decimal("0.04"), "GBP")
CRA = Tier(N_("CRA Art. 64(2)"), Decimal(15_000_000), Decimal("0.025"), "EUR")
CENT = Decimal("0.01")
ORDERED_COMMUNICATIONS = ("gdpr.art34.inform_subjects", "uk.art34.inform_subjects")
MISSED = {"late": N_("late"), "overdue": N_("overdue")}
"""The statuses of a missed duty, as a ceiling names them (« fait en retard », « en retard »)."""
EVENTS = {  # what each ceiling punishes
    "gdpr_duty": N_("a GDPR Art. 33 or 34 duty missed"),
    "uk_duty": N_("a UK GDPR duty missed"),
    "cra": N_("a CRA Art. 14 report missed"),
    "gdpr_order": N_("non-compliance with an order of the supervisory authority under Art. 58(2)"),
    "uk_order": N_("non-compliance with an order of the Information Commissioner"),
    "essential": N_("a NIS2 Art. 23 report missed by an essential entity"),
    "important": N_("a NIS2 Art. 23 report missed by an important entity"),
    "trust_service": N_("a NIS2 Art. 23 report missed by a trust service provider, taken as an essential entity"),
}


def ceilings(incident: Incident, obligations: Sequence[Obligation]) -> tuple[Ceiling, ...]:
    """Every ceiling the incident's missed legal duties bring, the highest first in each
    currency (euros first)."""
    missed = [o for o in obligations if o.target == "law" and o.status in ("late", "overdue")]
    if not missed:
        return ()
    orders = [o for o in missed if _is_order(o, incident)]
    gdpr_duties = [o for o in missed if o.id.startswith(("gdpr.art33.", "gdpr.art34."))]
    found = [
        _ceiling(GDPR_DUTY, incident.turnover_eur, gdpr_duties, EVENTS["gdpr_duty"]),
        _ceiling(UK_STANDARD, incident.turnover_gbp, [o for o in missed if o.id.startswith("uk.")], EVENTS["uk_duty"]),
        _ceiling(CRA, incident.turnover_eur, [o for o in missed if o.id.startswith("cra.")], EVENTS["cra"]),
    ]
    if "gdpr" in incident.regimes:
        found.append(_ceiling(GDPR_ORDER, incident.turnover_eur, [o for o in orders if not o.id.startswith("uk.")],
                              EVENTS["gdpr_order"]))
    if "uk" in incident.regimes:
        found.append(_ceiling(UK_HIGHER, incident.turnover_gbp, [o for o in orders if not o.id.startswith("gdpr.")],
                              EVENTS["uk_order"]))
    nis2 = [o for o in missed if o.id.startswith("nis2.")]
    if nis2:
        entity = incident.nis2.entity if incident.nis2 else "important"
        tier = NIS2_IMPORTANT if entity == "important" else NIS2_ESSENTIAL
        found.append(_ceiling(tier, incident.turnover_eur, nis2, EVENTS[entity]))
    return tuple(sorted((c for c in found if c is not None),
                        key=lambda c: (c.currency != "EUR", -c.amount, not c.at_least)))


def _is_order(obligation: Obligation, incident: Incident) -> bool:
    """A measure an injunction lists, or a communication to the people the authority required."""
    if obligation.id.startswith("remediation."):
        return True  # a due time of the law's, for a measure: an injunction lists it
    notice = incident.subject_notice
    return obligation.id in ORDERED_COMMUNICATIONS and notice is not None and notice.required_by_authority


def _ceiling(tier: Tier, turnover: Decimal | None, breaches: list[Obligation], event: str) -> Ceiling | None:
    """``event`` is a message of EVENTS."""
    if turnover is None or not breaches:
        return None
    named = ", ".join(_("{obligation} {status}").format(obligation=o.id, status=_(MISSED[o.status]))
                      for o in breaches[:3])
    if len(breaches) > 3:
        more = len(breaches) - 3
        named = ngettext("{named} and {count} more", "{named} and {count} more", more).format(
            named=named, count=number(more))
    amount = max(tier.fixed, (tier.share * turnover).quantize(CENT))
    return Ceiling(_(tier.basis), amount, tier.currency,
                   _("{event} ({named}): {explained}").format(event=_(event), named=named, explained=tier.explained()),
                   tier.at_least)
