"""What ``breachtrack record`` does to an incident file: set one fact, keep everything else.

ruamel.yaml edits the document in place, so comments, key order, quoting and blank lines
stay. A file is edited only if ruamel.yaml gives it back byte for byte when nothing changes
(its indentation is detected for that); otherwise the edit is refused rather than reformat
lines the user did not ask to change. Pure text in, text out: the command line reads, checks
and writes the file.

The facts it knows are listed here without importing ruamel.yaml (the command line offers them
at start-up): the sections' facts of the European regimes, the trigger facts written at the top
of the file (``determined``, ``ransom-paid``, ``residents``) or in the risk assessment
(``assessed``), and every moment a regime beyond Europe declares with ``model.dated_fact``,
named after its section and field (``hipaa.individuals_at`` is ``hipaa-individuals``), so that a
field added to a section is offered without another list to keep.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from breachtrack.i18n import _
from breachtrack.model import (
    WORLD_SECTIONS,
    AuthorityNotice,
    Complaint,
    ControllerNotice,
    Cra,
    Dora,
    Eprivacy,
    Incident,
    Nis2,
    Pecr,
    RemediationMeasure,
    RiskAssessment,
    SubjectNotice,
    dated_facts,
)

if TYPE_CHECKING:  # ruamel.yaml is imported when a file is edited, not when the facts are listed
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.tokens import CommentToken


@dataclass(frozen=True)
class Fact:
    """A fact ``record`` can write: the section and key of its moment, and the obligation it
    fulfils."""

    section: str | None
    """None: a key at the top of the file (``determined_at``)."""
    key: str
    obligation: str | None
    """None: a trigger, which starts clocks rather than fulfils one (``record`` then shows the
    obligations whose standing it changed)."""
    model: type
    details: tuple[str, ...] = ()
    """Other keys of the section that options may set (``--reference`` sets ``reference``)."""
    also: tuple[str, ...] = ()
    """Other obligations the fact bears on: the same duty under the UK GDPR, the reasons for a delay."""


FACTS = {
    "notified": Fact("authority_notice", "submitted_at", "gdpr.art33.notify_authority", AuthorityNotice,
                     ("reference", "delay_reasons"),
                     also=("gdpr.art33.delay_reasons", "uk.art33.notify_ico", "uk.art33.delay_reasons")),
    "informed": Fact("subject_notice", "sent_at", "gdpr.art34.inform_subjects", SubjectNotice, ("channel",),
                     also=("uk.art34.inform_subjects",)),
    "complaint": Fact("complaint", "filed_at", "fr.complaint", Complaint, ("with", "reference")),
    "controller-notified": Fact("controller_notice", "sent_at", "gdpr.art33.notify_controller", ControllerNotice,
                                also=("uk.art33.notify_controller",)),
    "complemented": Fact("authority_notice", "complement_at", "gdpr.art33.complement", AuthorityNotice,
                         also=("uk.art33.complement",)),
    "nis2-early-warning": Fact("nis2", "early_warning_at", "nis2.early_warning", Nis2),
    "nis2-notification": Fact("nis2", "notification_at", "nis2.notification", Nis2),
    "nis2-intermediate": Fact("nis2", "intermediate_at", "nis2.intermediate_report", Nis2),
    "nis2-progress": Fact("nis2", "progress_report_at", "nis2.progress_report", Nis2),
    "nis2-handled": Fact("nis2", "handled_at", "nis2.final_report", Nis2),
    "nis2-final": Fact("nis2", "final_report_at", "nis2.final_report", Nis2),
    "dora-classified": Fact("dora", "classified_major_at", "dora.initial", Dora),
    "dora-initial": Fact("dora", "initial_at", "dora.initial", Dora),
    "dora-intermediate": Fact("dora", "intermediate_at", "dora.intermediate", Dora),
    "dora-recovered": Fact("dora", "recovered_at", "dora.updated_intermediate", Dora),
    "dora-updated-intermediate": Fact("dora", "updated_intermediate_at", "dora.updated_intermediate", Dora),
    "dora-final": Fact("dora", "final_at", "dora.final", Dora),
    "dora-initial-delay-notified": Fact("dora", "initial_delay_notified_at", "dora.initial.delay_notice", Dora,
                                        ("delay_reasons",)),
    "dora-intermediate-delay-notified": Fact("dora", "intermediate_delay_notified_at",
                                             "dora.intermediate.delay_notice", Dora, ("delay_reasons",)),
    "dora-final-delay-notified": Fact("dora", "final_delay_notified_at", "dora.final.delay_notice", Dora,
                                      ("delay_reasons",)),
    "eprivacy-notified": Fact("eprivacy", "notified_at", "eprivacy.notify_authority", Eprivacy),
    "eprivacy-complemented": Fact("eprivacy", "complement_at", "eprivacy.complement", Eprivacy),
    "eprivacy-subscribers-informed": Fact("eprivacy", "subscribers_informed_at", "eprivacy.inform_subscribers",
                                          Eprivacy),
    "eprivacy-protection-accepted": Fact("eprivacy", "protection_accepted_at", "eprivacy.inform_subscribers",
                                         Eprivacy),
    "pecr-notified": Fact("pecr", "notified_at", "pecr.notify_ico", Pecr, ("delay_reasons",),
                          also=("pecr.delay_reasons",)),
    "pecr-complemented": Fact("pecr", "complement_at", "pecr.complement", Pecr),
    "pecr-subscribers-informed": Fact("pecr", "subscribers_informed_at", "pecr.inform_subscribers", Pecr),
    "pecr-protection-accepted": Fact("pecr", "protection_accepted_at", "pecr.inform_subscribers", Pecr),
    "cra-early-warning": Fact("cra", "early_warning_at", "cra.early_warning", Cra),
    "cra-notification": Fact("cra", "notification_at", "cra.notification", Cra),
    "cra-fix-available": Fact("cra", "fix_available_at", "cra.final_report", Cra),
    "cra-final": Fact("cra", "final_report_at", "cra.final_report", Cra),
    "cra-users-informed": Fact("cra", "users_informed_at", "cra.inform_users", Cra),
}
TRIGGERS = {
    "determined": Fact(None, "determined_at", None, Incident),
    "ransom-paid": Fact(None, "ransom_paid_at", None, Incident),
    "assessed": Fact("risk_assessment", "assessed_at", None, RiskAssessment, ("assessed_by",)),
}
"""The trigger facts of the regimes beyond Europe: the determination that an incident is
material or reportable, an extortion payment, the end of the assessment of a breach."""


def world_fact_name(section: str, key: str) -> str:
    """The name ``record`` gives a regime's moment: its section and its field, with dashes and
    without the ``_at`` every moment ends with (``us_ca.residents_notified_at`` is
    ``us-ca-residents-notified``)."""
    return f"{section}-{key.removesuffix('_at')}".replace("_", "-")


def _world_facts() -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    for section, (regime_of_section, _name, model) in WORLD_SECTIONS.items():
        for field, obligation in dated_facts(model).items():
            key = model.model_fields[field].alias or field
            name = world_fact_name(section, key)
            regime, _dot, duty = obligation.partition(".")
            own = section.replace("_", "-")
            if regime == regime_of_section != own:  # one model for several sections, each with its own ids:
                obligation = f"{own}.{duty}"  # us-states.residents in section us_ca is us-ca.residents
            if name in facts or name in FACTS or name in TRIGGERS:  # a test keeps this from ever happening
                raise ValueError(f"two facts named {name}")
            facts[name] = Fact(section, key, obligation, model)
    return facts


WORLD_FACTS = _world_facts()
"""Every moment the regimes beyond Europe declare with ``model.dated_fact``."""
FACTS.update(TRIGGERS)
FACTS.update(WORLD_FACTS)
RESIDENTS = "residents"
"""``residents --set US-CA=1200``: the number of people concerned per jurisdiction."""
DONE = "done"
"""``done MEASURE``: a remediation measure's ``done_on`` (a day), with ``--evidence``."""


class RecordRefused(Exception):
    """The edit cannot be made as asked; the file must stay as it is."""


@dataclass(frozen=True)
class Recorded:
    text: str
    changes: tuple[str, ...]
    """What changed, one line each: 'authority_notice.submitted_at: 2026-11-24T10:00'."""


def _field_order(model: type) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _layouts(text: str) -> list[tuple[int, int, int]]:
    """Indentations to try (mapping, sequence, offset), the file's own first."""
    mapping = next((len(line) - len(line.lstrip(" ")) for line in text.splitlines()
                    if line.startswith(" ") and not line.lstrip().startswith(("-", "#"))), 2)
    candidates = [(mapping, 2, 0), (mapping, 4, 2), (mapping, mapping + 2, mapping)]
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if stripped.startswith("- "):
            dash = len(line) - len(stripped)
            candidates.insert(0, (mapping, dash + 2, dash))
            break
    return list(dict.fromkeys(candidates))


def _round_tripper(text: str) -> tuple[YAML, CommentedMap]:
    """A ruamel.yaml instance that writes ``text`` back unchanged, and the document."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import YAMLError

    for mapping, sequence, offset in _layouts(text):
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        try:
            document = yaml.load(text)
        except YAMLError as error:
            raise RecordRefused(_("the file is not valid YAML ({problem}): fix it first (breachtrack validate)").format(
                problem=error)) from None
        if not isinstance(document, CommentedMap):
            raise RecordRefused(_("the file is not an incident (a mapping of fields)"))
        if _dumped(yaml, document) == text:
            return yaml, document
    raise RecordRefused(_("this file's layout cannot be rewritten without changing lines you did not ask to change: "
                          "record the fact by hand"))


def _dumped(yaml: YAML, document: CommentedMap) -> str:
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _put(mapping: CommentedMap, key: str, value: object, order: list[str]) -> None:
    """Set ``key``, placing a new one where the format's field order puts it."""
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key)
    position = sum(1 for existing in mapping if existing in order and order.index(existing) < rank)
    previous_last = list(mapping)[-1] if position == len(mapping) and len(mapping) else None
    mapping.insert(position, key, value)
    if previous_last is not None:
        _move_trailing_lines(mapping, previous_last, key)


def _move_trailing_lines(mapping: CommentedMap, before: str, after: str) -> None:
    """Blank lines and comment lines that closed the mapping after ``before`` now follow
    ``after``, its new last key, and what it holds; an end-of-line comment stays on its line."""
    source, target = _last_entry(mapping, before), _last_entry(mapping, after)
    token = source[0].ca.items.get(source[1], [None, None, None, None])[2] if source else None
    if token is None or target is None or "\n" not in token.value:
        return
    line_end = token.value.index("\n") + 1
    head, tail = token.value[:line_end], token.value[line_end:]
    if not tail:
        return
    token.value = head
    _follow(target, tail)


def _last_entry(mapping: CommentedMap, key: object) -> tuple[CommentedMap, object] | None:
    """The mapping and key written last under ``key``: the lines after them hold its trailing comments."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    value = mapping[key]
    while isinstance(value, CommentedMap | CommentedSeq) and len(value):
        if isinstance(value, CommentedSeq):
            value = value[-1]
            if not isinstance(value, CommentedMap):
                return None  # a list of scalars keeps its comments apart
            continue
        mapping, key = value, list(value)[-1]
        value = mapping[key]
    return mapping, key


def _follow(entry: tuple[CommentedMap, object], lines: str) -> None:
    """``lines`` (whole comment or blank lines) right after ``entry``'s line."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    mapping, key = entry
    mapping.ca.items[key] = [None, None, CommentToken("\n" + lines, CommentMark(0), None), None]


_EXAMPLE = re.compile(r"(?<=\n)# ?(\w+):")
"""A commented-out top-level field, as ``breachtrack new`` leaves every section not written
yet: '# complaint:' (its own fields are indented: '#   filed_at:')."""


def _insert_section(document: CommentedMap, name: str, section: CommentedMap, text: str) -> None:
    """Place a new section where a person would write it.

    Among commented examples, it goes just before its own ('# authority_notice:', under the
    paragraph's heading), else before the paragraph of the first example the format's order
    puts after it, else after them all. In a file without examples, where the format's order
    puts it, and the comments that closed the file still close it.
    """
    order = _field_order(Incident)
    rank = order.index(name)
    for top_key in document:
        if top_key in order and order.index(top_key) > rank:
            break  # a section written after it: the format's order places it
        for token in _comments_after(document, top_key):
            later = next(((field, at) for field, at in _examples(token, order) if order.index(field) >= rank), None)
            if later is not None:
                field, at = later
                if field != name:  # before the later example's paragraph, heading included
                    at = max(token.value.rfind("\n\n", 0, at) + 2, token.value.index("\n") + 1)
                token.value, tail = token.value[:at], token.value[at:]
                document.insert(list(document).index(top_key) + 1, name, section)
                _follow(_last_entry(document, name), ("\n" if token.value.endswith("\n\n") else "") + tail)
                return
    else:  # no section written after it
        ending = list(_comments_after(document, list(document)[-1])) if document else []
        if ending and any(_examples(ending[-1], order)):  # the file ends with examples
            if "\n\n" in text:
                ending[-1].value += "\n"
            document.insert(len(document), name, section)
            return
    _put(document, name, section, order)
    keys = list(document)
    if "\n\n" in text and len(keys) > 1:  # a blank line between it and the next section, or the one before
        _blank_line_after(_last_entry(document, name if keys[-1] != name else keys[-2]))


def _blank_line_after(entry: tuple[CommentedMap, object] | None) -> None:
    if entry is None:
        return
    mapping, key = entry
    token = mapping.ca.items.get(key, [None, None, None, None])[2]
    if token is None:
        _follow(entry, "\n")
    else:
        token.value += "\n"


def _examples(token: CommentToken, order: list[str]) -> Iterator[tuple[str, int]]:
    """The fields commented out in ``token``, each with where its line starts."""
    for found in _EXAMPLE.finditer(token.value):
        if found.group(1) in order:
            yield found.group(1), found.start()


def _comments_after(node: CommentedMap | CommentedSeq, key: object) -> Iterator[CommentToken]:
    """The comment tokens after ``key``'s line and inside its value, in the file's order."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.tokens import CommentToken

    for slot in node.ca.items.get(key, ()):
        for token in slot if isinstance(slot, list) else [slot]:
            if isinstance(token, CommentToken):
                yield token
    value = node[key]
    if isinstance(value, CommentedMap | CommentedSeq):
        for inner in value if isinstance(value, CommentedMap) else range(len(value)):
            yield from _comments_after(value, inner)


def _shown(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _aliased(text: str) -> bool:
    """Whether the document shares a node between places (``us_ny: *ca``)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=loader))


def record(text: str, what: str, when: str | date | None, details: dict[str, object], force: bool = False,
           measure: str | None = None, at_given: bool = True) -> Recorded:
    """Set the fact ``what`` (a key of FACTS, RESIDENTS, or DONE with ``measure``) at ``when``,
    with ``details``.

    ``when`` is written as given: a local time without seconds, or a day for DONE. A time or a
    detail already recorded is replaced only with ``force``, and a time only when the user gave
    one (``at_given``), not when ``when`` is the default: recording details on a fact already
    recorded adds them and leaves its time alone. For RESIDENTS, ``details`` holds the counts by
    jurisdiction (``{"US-CA": 1200}``) and ``when`` is not used: a count already recorded is
    replaced only with ``force``, the other jurisdictions and their comments stay.
    """
    from ruamel.yaml.comments import CommentedMap

    if _aliased(text):
        raise RecordRefused(_("the file uses YAML anchors and aliases (&name, *name): a fact written where one "
                              "points would change every place that shares it; write the values out first"))
    yaml, document = _round_tripper(text)
    created = None
    if what == RESIDENTS:
        return _record_residents(yaml, document, details, force)
    if what == DONE:
        section, key, model = _measure(document, measure), "done_on", RemediationMeasure
        where = f"remediation '{measure}'"
    elif FACTS[what].section is None:
        fact = FACTS[what]
        section, key, model, where = document, fact.key, fact.model, str(document.get("id"))
    else:
        fact = FACTS[what]
        existing = document.get(fact.section)
        if existing is not None and not isinstance(existing, CommentedMap):
            raise RecordRefused(_("{section} is not a mapping of fields: fix it first").format(section=fact.section))
        if existing is None:
            existing = created = CommentedMap()
        section, key, model, where = existing, fact.key, fact.model, fact.section
    previous = section.get(key)
    wanted = {key: when, **details} if previous is None or at_given else details
    if not wanted:
        raise RecordRefused(_("{where} already has {key}: {value}; to replace it, give --at and --force").format(
            where=where, key=key, value=_shown(previous)))
    order = _field_order(model)
    changes = []
    for name, value in wanted.items():
        current = section.get(name)
        if current == value:
            continue
        if current is not None and not force:
            raise RecordRefused(_("{where} already has {key}: {value}; add --force to replace it").format(
                where=where, key=name, value=_shown(current)))
        if section is document:
            _put_top(document, name, value)
            changes.append(f"{name}: {_shown(value)}")
            continue
        _put(section, name, value, order)
        changes.append(f"{where}.{name}: {_shown(value)}" if what != DONE else f"{where} {name}: {_shown(value)}")
    if created is not None:
        _insert_section(document, fact.section, created, text)
    return Recorded(_dumped(yaml, document), tuple(changes))


def _record_residents(yaml: YAML, document: CommentedMap, counts: dict[str, object], force: bool) -> Recorded:
    """Each count of ``counts`` under ``residents``, a jurisdiction not named left as it is."""
    from ruamel.yaml.comments import CommentedMap

    existing = document.get(RESIDENTS)
    if existing is not None and not isinstance(existing, CommentedMap):
        raise RecordRefused(_("{section} is not a mapping of fields: fix it first").format(section=RESIDENTS))
    created = existing is None
    mapping = CommentedMap() if created else existing
    changes = []
    for code, count in counts.items():
        current = mapping.get(code)
        if current == count:
            continue
        if current is not None and not force:
            raise RecordRefused(_("{where} already has {key}: {value}; add --force to replace it").format(
                where=RESIDENTS, key=code, value=_shown(current)))
        _put(mapping, code, count, [*mapping, *(c for c in counts if c not in mapping)])
        changes.append(f"{RESIDENTS}.{code}: {_shown(count)}")
    if created and changes:
        _put_top(document, RESIDENTS, mapping)
    return Recorded(_dumped(yaml, document), tuple(changes))


def _put_top(document: CommentedMap, key: str, value: object) -> None:
    """Set a key at the top of the file, a new one right after the last key the format puts
    before it, in that key's paragraph: the blank line and the comments that followed it (the
    next paragraph's heading) now follow the new key; a commented-out example of a field that
    comes before it (``# detected_at: ...``) stays above it."""
    if key in document:
        document[key] = value
        return
    order = _field_order(Incident)
    rank = order.index(key)
    keys = list(document)
    before = [index for index, existing in enumerate(keys) if existing in order and order.index(existing) < rank]
    position = before[-1] + 1 if before else 0
    document.insert(position, key, value)
    if not position:
        return
    source, target = _last_entry(document, keys[position - 1]), _last_entry(document, key)
    token = source[0].ca.items.get(source[1], [None, None, None, None])[2] if source else None
    if token is None or target is None or "\n" not in token.value:
        return
    lines = token.value.splitlines(keepends=True)
    kept = 1  # the end-of-line comment, or the line's end
    while kept < len(lines) and _example_before(lines[kept], lines[kept - 1], order, rank, kept > 1):
        kept += 1
    head, tail = "".join(lines[:kept]), "".join(lines[kept:])
    if not tail:
        return
    token.value = head
    _follow(target, tail)


def _example_before(line: str, above: str, order: list[str], rank: int, after_example: bool) -> bool:
    """Whether ``line``, under a key, is a commented-out example of a field the format puts
    before ``rank`` (or its continuation), which a new key then follows."""
    found = re.match(r"# ?(\w+):", line)
    if found:
        return found.group(1) in order and order.index(found.group(1)) < rank
    return after_example and line.startswith("#  ") and above.startswith("#")


def _measure(document: CommentedMap, measure: str | None) -> CommentedMap:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    listed = document.get("remediation")
    items = [item for item in listed if isinstance(item, CommentedMap)] if isinstance(listed, CommentedSeq) else []
    for item in items:
        if str(item.get("id")) == measure:
            return item
    known = ", ".join(str(item.get("id")) for item in items) or _("none")
    raise RecordRefused(_("no remediation measure '{measure}' in this incident (measures: {known})").format(
        measure=measure, known=known))
