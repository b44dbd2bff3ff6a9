"""Read a breach register: YAML files to validated incidents, or errors at FILE:LINE:COLUMN.

YAML is read as YAML 1.2 reads it (``NO``, ``on`` and ``12:30`` are text), with libyaml's C
parser when it is installed. The parser only builds the node tree; this module turns nodes
into plain values itself, so that it can remember where every key and value stands, refuse
duplicate keys and program-object tags, and stop an alias bomb before it expands.
"""

from __future__ import annotations

import operator
import os
import re
import signal
import stat
import tomllib
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from breachtrack import i18n
from breachtrack.i18n import N_, _, ngettext, number
from breachtrack.model import (
    Config,
    FileError,
    Incident,
    Location,
    SourcedIncident,
    consistency_problems,
    zone_named,
)

CONFIG_FILE = "breachtrack.toml"
MAX_DEPTH = 40
"""Nesting deeper than this is no incident file: refuse it rather than recurse."""
MAX_KEYS = 200
"""A mapping with more keys is no incident section (the widest has about 40 fields): refused
before its keys are validated one by one, which 300,000 of them made cost 20 s and 865 MB."""
MAX_ERRORS = 50
"""Errors shown for one file; more are counted in one last line."""


# --- YAML 1.2 core schema over libyaml ---------------------------------------------------------

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"

_NULLS = frozenset(("~", "null", "Null", "NULL", ""))
_BOOLS = frozenset(("true", "True", "TRUE", "false", "False", "FALSE"))
_NUMBER = re.compile(  # YAML 1.2 core schema: int, then float
    r"(?P<int>[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"
    r"|(?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_NUMBER_START = frozenset("-+.0123456789")


class Yaml12Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Resolves plain scalars by the YAML 1.2 core schema; everything else is text.

    libyaml calls ``resolve`` for every node; this one decides a scalar with a set lookup or
    one regular expression, instead of PyYAML's general resolver.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                if value[:1] in _NUMBER_START:
                    number = _NUMBER.match(value)
                    if number:
                        return _TAG + number.lastgroup
                elif value in _NULLS:
                    return _TAG + "null"
                elif value in _BOOLS:
                    return _TAG + "bool"
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    # PyYAML's path resolvers, which libyaml calls around every node, are not used here: a C
    # builtin that ignores its arguments costs far less than a Python method call.
    descend_resolver = staticmethod(operator.is_)
    ascend_resolver = staticmethod(tuple)


_KINDS = {_TAG + kind: kind for kind in ("str", "null", "bool", "int", "float")}


def _scalar_value(node: ScalarNode) -> Any:
    kind = _KINDS.get(node.tag)
    text = node.value
    if kind == "str":
        return text
    if kind == "null":
        return None
    if kind == "bool":
        return text.lower() == "true"
    if kind == "int":
        if len(text) > LONGEST_NUMBER:
            raise _HugeNumber(len(text))
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if kind == "float":
        special = text.lower().replace(".inf", "inf").replace(".nan", "nan")
        return float(special)
    raise _Refused(node.tag)


class _Refused(Exception):
    """A scalar whose tag this format does not accept."""


LONGEST_NUMBER = 30
"""More characters than this, and a whole number is refused unconverted: no count or amount of
an incident comes near, and Python cannot turn one of 4,300 digits into text, even to show it."""


class _HugeNumber(Exception):
    """A whole number longer than LONGEST_NUMBER."""

    def __init__(self, length: int) -> None:
        self.length = length


# --- nodes to values, with positions -----------------------------------------------------------


def _at(mark: Any) -> tuple[int, int]:
    """A parser mark as the 1-based line and column people read."""
    return mark.line + 1, mark.column + 1


@dataclass
class Positions:
    """Where each key and value stands in a file, by location (the path pydantic reports).

    The parser's marks are kept as they are and turned into lines and columns only when an
    error or a report needs one.
    """

    keys: dict[Location, Any] = field(default_factory=dict)
    values: dict[Location, Any] = field(default_factory=dict)
    kept: dict[Location, tuple[int, int]] = field(default_factory=dict)
    """What a valid incident carries to its reports: keys down to a notice's fields, list
    items at the second level, and the id's value."""

    def value_at(self, location: Location) -> tuple[int, int]:
        """The value at ``location``, or at the nearest enclosing one that exists."""
        for end in range(len(location), -1, -1):
            if location[:end] in self.values:
                return _at(self.values[location[:end]])
        return (1, 1)

    def key_at(self, location: Location) -> tuple[int, int]:
        mark = self.keys.get(location)
        return _at(mark) if mark is not None else self.value_at(location)


class _Converter:
    """Turns a node tree into plain values, collecting every problem on the way."""

    def __init__(self, file: str, node_budget: int) -> None:
        self.file = file
        self.budget = node_budget
        self.positions = Positions()
        self.errors: list[FileError] = []
        self.refused: set[Location] = set()
        self.open_nodes: set[int] = set()

    def error(self, node: Node, message: str) -> None:
        line, column = _at(node.start_mark)
        self.errors.append(FileError(self.file, line, column, message))

    def refuse(self, node: Node, location: Location) -> None:
        """A value whose tag is not allowed: reported once, and not again by the model."""
        self.error(node, _tag_message(node.tag))
        self.refused.add(location)

    def convert(self, node: Node, location: Location = ()) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooLarge(node)
        if len(location) > MAX_DEPTH:
            raise _TooDeep(node)
        self.positions.values[location] = node.start_mark
        if isinstance(node, ScalarNode):
            try:
                return _scalar_value(node)
            except (_Refused, ValueError):
                return self.refuse(node, location)
            except _HugeNumber as huge:
                self.error(node, _("{field}: a number {length} characters long, far beyond any count or amount: quote "
                                   "it if it is text such as a reference").format(field=_dotted(location),
                                                                                  length=number(huge.length)))
                self.refused.add(location)
                return None
        if node.tag not in (_MAP, _SEQ):
            return self.refuse(node, location)
        if id(node) in self.open_nodes:
            raise _SelfReference(node)
        self.open_nodes.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                if len(location) == 1:
                    for index, item in enumerate(node.value):
                        self.positions.kept[(*location, index)] = _at(item.start_mark)
                return [self.convert(item, (*location, index)) for index, item in enumerate(node.value)]
            return self.convert_mapping(node, location)
        finally:
            self.open_nodes.discard(id(node))

    def convert_mapping(self, node: MappingNode, location: Location) -> dict[str, Any]:
        if len(node.value) > MAX_KEYS:
            raise _TooWide(node)
        mapping: dict[str, Any] = {}
        keys, values, kept = self.positions.keys, self.positions.values, self.positions.kept
        shallow = len(location) < 3
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                self.error(key_node, _("a key must be a plain field name, not a list or a mapping"))
                continue
            key = key_node.value
            here = (*location, key)
            if here in keys:
                self.error(
                    key_node,
                    _("'{key}' is written twice in this mapping (first on line {line}): keep only one, so that no "
                      "fact silently replaces another").format(key=key, line=keys[here].line + 1),
                )
                continue
            keys[here] = key_node.start_mark
            if shallow:
                kept[here] = _at(key_node.start_mark)
            if value_node.__class__ is ScalarNode and value_node.tag == _STR:  # most values: text
                self.budget -= 1
                values[here] = value_node.start_mark
                mapping[key] = value_node.value
            else:
                mapping[key] = self.convert(value_node, here)
        return mapping


class _TooLarge(Exception):
    def __init__(self, node: Node) -> None:
        self.node = node


class _TooDeep(_TooLarge):
    pass


class _TooWide(_TooLarge):
    pass


class _SelfReference(_TooLarge):
    pass


def _tag_message(tag: str) -> str:
    if "python/" in tag:
        return _("the tag '{tag}' would build a program object: tags are not allowed here").format(
            tag=tag.replace(_TAG, "!!"))
    return _("the tag '{tag}' is not allowed here: write the plain value").format(tag=tag.replace(_TAG, "!!"))


# --- one file -------------------------------------------------------------------------------

NESTING_MARKS = 5000
"""More brackets, dashes and question marks than this, and the nesting is measured first."""


def _too_deep(text: str) -> Any:
    """Where nesting passes MAX_DEPTH, measured from the parser's events, one at a time.

    libyaml builds a node tree by recursion in C, which tens of thousands of nested ``[`` or
    ``- `` would overflow, killing the process. Only a file with that many such marks is
    measured: an incident file has a few dozen.
    """
    if sum(text.count(mark) for mark in "[{-?") <= NESTING_MARKS:
        return None
    loader = Yaml12Loader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        # libyaml 0.2.5 (PyYAML >= 6.0.3 wheels) stops at 1,000 flow levels while scanning
        # ahead, before the first event that would show our own limit
        if "nesting depth" in (error.problem or "") and error.problem_mark is not None:
            return error.problem_mark
        return None  # the parse proper reports it, at its place
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _id_before_error(text: str) -> str | None:
    """The top-level ``id`` of a file whose YAML breaks further down, read from the parser's
    events up to the error: its id stays taken while the file is being fixed."""
    loader = Yaml12Loader(text)
    depth, expecting_key, key = 0, True, None
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth == 1 and isinstance(event, yaml.SequenceStartEvent):
                    return None
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                value = None  # a list or a mapping, at the top level when depth is 1 now
            elif depth == 1 and isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
                value = getattr(event, "value", None)
            else:
                continue
            if depth == 1:
                if not expecting_key and key == "id" and isinstance(value, str):
                    return value
                key = value if expecting_key else None
                expecting_key = not expecting_key
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


@dataclass(frozen=True)
class FileResult:
    incident: SourcedIncident | None
    errors: list[FileError]
    written_id: str | None = None
    """The ``id`` the file gives, valid or not: how an incident is found, and an id kept taken."""


_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _line_column(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of the character at ``index``."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _decode(data: bytes, file: str) -> str | FileError:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8-sig", "replace")
        line, column = _line_column(before, len(before))
        return FileError(
            file,
            line,
            column,
            _("the file is not UTF-8 text (byte 0x{byte} here): save it with UTF-8 encoding").format(
                byte=f"{data[error.start]:02X}"),
        )


def _yaml_error_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or "unreadable YAML"  # the YAML parser's own words, quoted in the message
    if "expected a single document" in (error.context or "") or "single document" in problem:
        return _("the file holds more than one YAML document ('---'): keep one incident per file")
    if "nesting depth" in problem:
        return _too_deep_message()
    hint = _("check the indentation, the colons and the quotes around this point")
    if "tab" in problem:
        hint = _("YAML indents with spaces, never with tabs")
    elif "found undefined alias" in problem:
        hint = _("each *alias must refer to an &anchor defined before it")
    return _("this is not valid YAML: {problem} ({hint})").format(problem=problem, hint=hint)


def _too_deep_message() -> str:
    return _("the structure is nested more than {depth} levels deep: no incident field is").format(depth=MAX_DEPTH)


def shown_name(path: Path | str) -> str:
    """A file's name as errors and reports show it. A name on Linux may hold any bytes: those
    that are not UTF-8 are shown as ``\\xff``, so that no report ever fails to encode a name."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


_SPECIAL_FILES = {stat.S_IFIFO: N_("is not a regular file (a FIFO): not read"),
                  stat.S_IFCHR: N_("is not a regular file (a device): not read"),
                  stat.S_IFBLK: N_("is not a regular file (a device): not read"),
                  stat.S_IFSOCK: N_("is not a regular file (a socket): not read"),
                  stat.S_IFDIR: N_("is not a regular file (a folder): not read")}


OTHER_KIND = N_("is not a regular file: not read")


def _not_regular(file: str, mode: int) -> FileError:
    return FileError(file, 1, 1, _(_SPECIAL_FILES.get(stat.S_IFMT(mode), OTHER_KIND)))


NOT_BLOCKING = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # Windows has no FIFOs to block on
"""Opening a FIFO to read waits for a writer, for ever; this way it returns at once."""


def load_file(path: Path, config: Config, entities: dict[str, Config] | None = None) -> FileResult:
    """Validate one incident file; never raises for anything the file contains. ``entities``:
    a group register's entities, whose regimes an incident that lists them starts."""
    file = shown_name(path.as_posix())
    limit = config.max_file_mb * 1_000_000
    try:
        with open(os.open(path, NOT_BLOCKING), "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):  # made one since the register was listed
                return FileResult(None, [_not_regular(file, status.st_mode)])
            too_large = status.st_size > limit
            data = b"" if too_large else handle.read()  # a huge file is never read into memory
    except OSError as error:
        return FileResult(None, [FileError(file, 1, 1, _("cannot read the file: {error}").format(error=error.strerror or error))])
    if too_large:
        return FileResult(None, [FileError(
            file, 1, 1,
            _("the file is larger than {size} MB, far beyond any incident file: not read (max_file_mb in "
              "breachtrack.toml sets the limit)").format(size=config.max_file_mb),
        )])
    return load_bytes(data, file, config, path, entities)


def load_bytes(data: bytes, file: str, config: Config, path: Path | None = None,
               entities: dict[str, Config] | None = None) -> FileResult:
    """Validate the content of an incident file named ``file``, read from ``path`` (or a content
    not yet written); in a group register, its regimes default to those of every entity it
    concerns (``entities``: the register's, by name)."""
    text = _decode(data, file)
    if isinstance(text, FileError):
        return FileResult(None, [text])

    control = _CONTROL_CHARACTER.search(text)
    if control:
        line, column = _line_column(text, control.start())
        return FileResult(None, [FileError(
            file, line, column,
            _("the file contains a control character (U+{code}) that has no place in a text file: remove it").format(
                code=f"{ord(control.group()):04X}"),
        )])

    deep = _too_deep(text)
    if deep is not None:
        line, column = _at(deep)
        return FileResult(None, [FileError(file, line, column, _too_deep_message())])
    loader = Yaml12Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return FileResult(None, [FileError(file, line, column, _yaml_error_message(error))], _id_before_error(text))
    except (yaml.YAMLError, RecursionError) as error:
        message = _("nested too deeply") if isinstance(error, RecursionError) else str(error)
        return FileResult(None, [FileError(file, 1, 1, _("this is not valid YAML: {problem}").format(problem=message))])
    finally:
        loader.dispose()

    if root is None:
        return FileResult(
            None,
            [FileError(file, 1, 1, _("the file is empty: an incident needs at least id, title, aware_at and risk"))],
        )
    if not isinstance(root, MappingNode):
        converter = _Converter(file, 0)
        converter.error(
            root, _("an incident file must be a mapping of fields (id: ..., title: ..., aware_at: ..., risk: ...)")
        )
        return FileResult(None, converter.errors)

    converter = _Converter(file, node_budget=len(text) + 1000)
    try:
        raw = converter.convert(root)
    except _SelfReference as loop:
        converter.error(loop.node, _("an alias (*) refers to the very structure that contains it: write the values "
                                      "out"))
        return FileResult(None, converter.errors)
    except _TooDeep as too_deep:
        converter.error(too_deep.node, _too_deep_message())
        return FileResult(None, converter.errors)
    except _TooWide as too_wide:
        converter.error(too_wide.node, _("this mapping has {count} keys, far more than the {most} any incident "
                                         "section could hold: not read further").format(
            count=number(len(too_wide.node.value)), most=number(MAX_KEYS)))
        return FileResult(None, converter.errors)
    except _TooLarge:
        converter.error(
            root,
            _("the file's anchors and aliases (&, *) would expand far beyond the file's own size: refusing to "
              "expand them; write the values out"),
        )
        return FileResult(None, converter.errors)
    except RecursionError:
        converter.errors.append(FileError(file, 1, 1, _("the structure is nested too deeply")))
        return FileResult(None, converter.errors)

    positions = converter.positions
    errors = converter.errors
    written_id = raw["id"] if isinstance(raw.get("id"), str) else None
    zone = None
    if isinstance(raw.get("timezone"), str):
        try:
            zone = zone_named(raw["timezone"])
        except ValueError:
            pass  # reported by the model's own check of the field
    try:
        regimes = config.regimes
        if entities and isinstance(raw.get("entities"), list):
            regimes = _group_regimes(config, raw["entities"], entities)
        context = {"zone": zone or zone_named(config.timezone), "regimes": regimes, "country": config.country}
        incident = Incident.model_validate(raw, context=context)
    except pydantic.ValidationError as error:
        errors += [
            _located(file, positions, detail)
            for detail in error.errors(include_url=False)
            if tuple(detail["loc"]) not in converter.refused
        ]
        incident = None
    if incident is not None and not errors:
        for location, message in consistency_problems(incident):
            whole_section = len(location) == 1 and isinstance(raw.get(location[0]), dict)
            line, column = (positions.key_at if whole_section else positions.value_at)(location)  # its key, or value
            errors.append(FileError(file, line, column, _("{field}: {problem}").format(field=_dotted(location), problem=message)))
    errors.sort(key=lambda e: (e.line, e.column))
    if len(errors) > MAX_ERRORS:  # a file is fixed from its first errors; the rest would flood the log
        errors[MAX_ERRORS:] = [FileError(file, errors[MAX_ERRORS].line, errors[MAX_ERRORS].column,
                                         ngettext("and {count} more error in this file, not shown",
                                                  "and {count} more errors in this file, not shown",
                                                  len(errors) - MAX_ERRORS).format(
                                             count=number(len(errors) - MAX_ERRORS)))]
    if errors:
        return FileResult(None, errors, written_id)
    positions.kept[("id",)] = positions.value_at(("id",))
    return FileResult(SourcedIncident(file, incident, config, positions.kept, path), [], written_id)


def _group_regimes(config: Config, listed: list[Any], entities: dict[str, Config]) -> tuple[str, ...]:
    """The regimes of every entity an incident concerns, its own folder's first: its default
    regimes, so that it may hold the facts of each (the engine gives each entity its own)."""
    concerned = [config] if config.entity is not None else []
    concerned += [entities[name] for name in listed if isinstance(name, str) and name in entities]
    return tuple(dict.fromkeys(regime for settings in concerned for regime in settings.regimes)) or config.regimes


# --- pydantic errors in a DPO's words -------------------------------------------------------


def _dotted(location: Location) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _model_at(location: Location, root: type[pydantic.BaseModel]) -> type[pydantic.BaseModel] | None:
    """The model class that the mapping at ``location`` is validated against."""
    model: type[pydantic.BaseModel] | None = root
    for part in location:
        if isinstance(part, int):
            continue
        fields = {f.alias or name: f for name, f in model.model_fields.items()} if model else {}
        if part not in fields:
            return None
        model = _submodel(fields[part].annotation)
    return model


def _submodel(annotation: Any) -> type[pydantic.BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _submodel(argument)
        if found:
            return found
    return None


def _field_names(model: type[pydantic.BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


_TYPE_MESSAGES = {  # translated where shown
    "too_short": N_("must name at least one regime (gdpr, fr, nis2, ...): with none, no obligation would be computed"),
    "string_type": N_("expected text"),
    "int_type": N_("expected a whole number"),
    "int_parsing": N_("expected a whole number"),
    "int_from_float": N_("expected a whole number"),
    "bool_type": N_("expected true or false"),
    "bool_parsing": N_("expected true or false"),
    "decimal_type": N_("expected an amount in euros (a number)"),
    "decimal_parsing": N_("expected an amount in euros (a number)"),
    "list_type": N_("expected a list (lines starting with '- ', or [a, b])"),
    "model_type": N_("expected a mapping of fields (key: value lines)"),
    "model_attributes_type": N_("expected a mapping of fields (key: value lines)"),
    "dict_type": N_("expected a mapping of fields (key: value lines)"),
    "int_parsing_size": N_("expected a whole number"),
    "finite_number": N_("expected a finite number"),
    "greater_than_equal": N_("must be 0 or more"),
}


def _quoted(value: Any, longest: int = 60) -> str:
    """A value as a message quotes it, cut short when long: a message is read in a terminal."""
    text = str(value)
    if len(text) <= longest:
        return _("'{value}'").format(value=text)
    return _("'{start}...' ({count} characters)").format(start=text[:longest], count=number(len(text)))


def _got(expected: str, value: Any) -> str:
    """What was expected, and the value found instead."""
    if value is None:
        return _("{expected}, got nothing").format(expected=expected)
    return _("{expected}, got {value}").format(expected=expected, value=_quoted(value))


def _at_most(detail: dict[str, Any], value: Any) -> str:
    return _("must be at most {most}, got {value}").format(most=number(detail["ctx"]["le"]), value=_quoted(value))


def _or(choices: str) -> str:
    """pydantic's list of choices ('a', 'b' or 'c') with the language's word for 'or'."""
    return choices.replace(" or ", _(" or "))


def _located(file: str, positions: Positions, detail: dict[str, Any]) -> FileError:
    location: Location = tuple(detail["loc"])
    kind = detail["type"]
    value = detail.get("input")
    if kind == "missing":
        parent = location[:-1]
        line, column = positions.value_at(parent)
        model = _model_at(parent, Incident)
        field_info = model.model_fields.get(str(location[-1])) if model else None
        description = field_info.description if field_info else None
        if description and (i18n.language() == "en" or _(description) != description):  # English never leaks
            description = _(description)
            hint = _(" ({description})").format(description=description[0].lower() + description[1:].rstrip("."))
        else:
            hint = ""
        if parent:
            missing = _("required field '{field}' is missing in {section}").format(field=location[-1],
                                                                                   section=_dotted(parent))
        else:
            missing = _("required field '{field}' is missing").format(field=location[-1])
        return FileError(file, line, column, missing + hint)
    if kind == "extra_forbidden":
        line, column = positions.key_at(location)
        model = _model_at(location[:-1], Incident)
        names = _field_names(model) if model else []
        import difflib  # only for a misspelt field

        close = difflib.get_close_matches(str(location[-1]), names, n=1)
        if close:
            message = _("unknown field '{field}': did you mean '{close}'?").format(field=_dotted(location),
                                                                                  close=close[0])
        else:
            message = _("unknown field '{field}': expected one of: {names}").format(field=_dotted(location),
                                                                                   names=", ".join(names))
        return FileError(file, line, column, message)
    if location and location[-1] == "[key]":  # a mapping's key is wrong (residents: {us-ca: 3}): point at it
        location = location[:-1]
        line, column = positions.key_at(location)
    else:
        line, column = positions.value_at(location)
    if kind == "literal_error":
        expected = detail["ctx"]["expected"].replace("'", "")
        message = _("{value} is not a valid value: expected {expected}").format(value=_quoted(value),
                                                                                 expected=_or(expected))
    elif kind == "string_pattern_mismatch" and location[0] == "residents":
        message = _("{value} is not an ISO 3166 code: write a country (BR) or a country and its subdivision "
                    "(US-CA), in capital letters").format(value=_quoted(value))
    elif kind == "string_pattern_mismatch" and location[0] == "entities":
        message = _("{value} is not an entity name: words of letters and digits joined by one space, '.', '_' or "
                    "'-', at most 64 characters, as the entity's breachtrack.toml writes it").format(
            value=_quoted(value))
    elif kind == "string_pattern_mismatch":
        message = _("{value} is not a valid id: use only letters, digits, '.', '_' and '-'").format(
            value=_quoted(value))
    elif kind == "less_than_equal":
        message = _at_most(detail, value)
    elif kind in _TYPE_MESSAGES:
        message = _got(_(_TYPE_MESSAGES[kind]), value)
    else:
        message = detail["msg"].removeprefix("Value error, ")
    return FileError(file, line, column, _("{field}: {problem}").format(field=_dotted(location), problem=message))


# --- the register ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Register:
    incidents: list[Any]
    """The valid incidents (SourcedIncident), or what ``load_register``'s ``then`` made of them."""
    errors: list[FileError]
    config: Config
    """The first register's configuration: its time zone reads a bare ``--as-of``."""
    unregistered: list[Path] = field(default_factory=list)
    """Folders given that hold no incident file and no ``breachtrack.toml``: not a register,
    most likely a wrong path, which must not pass as an empty register."""
    entities: dict[str, Config] = field(default_factory=dict)
    """A group register's entities by name, each with the settings of the ``breachtrack.toml``
    that names it, in the order met; empty when none names one."""


def _shown_folder(path: Path, folder: Path) -> Path:
    """``folder`` written as relative as ``path`` was, so that errors name files as users do."""
    start = path if path.is_dir() else path.parent
    for ups, parent in enumerate((start.resolve(), *start.resolve().parents)):
        if parent == folder:
            return Path(os.path.normpath(start.joinpath(*[".."] * ups))) if ups else start
    return folder


MAX_CONFIG_BYTES = 16 * 1024
"""Larger settings files are refused unread: Python's TOML parser needs time and memory that
grow with the square of a dotted key's length (100,000 parts, 200 KB: 6 GB and minutes)."""


def load_config(root: Path, shown_as: Path | None = None) -> tuple[Config, list[FileError]]:
    """The register's ``breachtrack.toml``, or the defaults (and the errors) when it is bad."""
    path = root / CONFIG_FILE
    if path.is_symlink() and (outside := _leaves_repository(path)) is not None:
        return Config(), [FileError(shown_name(((shown_as or root) / CONFIG_FILE).as_posix()), 1, 1, _(
            "leads through a symbolic link out of its git repository, to {target}: not read, so that a pull "
            "request can never show a file of the machine that checks it").format(target=shown_name(outside)))]
    if not path.is_file():
        return Config(), []
    file = shown_name(((shown_as or root) / CONFIG_FILE).as_posix())
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            return Config(), [FileError(file, 1, 1, _("the settings file is larger than {size} KB, far beyond a "
                                                      "dozen settings: not read").format(size=MAX_CONFIG_BYTES // 1024))]
        text = data.decode("utf-8-sig")
        settings = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        return Config(), [FileError(file, 1, 1, _("cannot read the configuration: {error}").format(error=error))]
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+), column (\d+)", str(error))
        line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        return Config(), [FileError(file, line, column, _("this is not valid TOML: {problem}").format(problem=error))]
    except RecursionError:
        return Config(), [FileError(file, 1, 1, _("the settings are nested too deeply to be read: breachtrack.toml "
                                                  "holds plain keys, and lists of names"))]
    except ValueError:  # tomllib turns a number of 4,300 digits or more into an int, and fails
        return Config(), [FileError(file, 1, 1, _("a number in the settings is too long to be read"))]
    try:
        return Config.model_validate(settings), []
    except pydantic.ValidationError as error:
        errors = []
        for detail in error.errors(include_url=False):
            key = str(detail["loc"][0]) if detail["loc"] else ""
            if key == "policy" and len(detail["loc"]) > 1:  # a key of the [policy] table: point at it
                key = str(detail["loc"][1])
            line, column = _toml_key_position(text, key)
            if detail["type"] == "extra_forbidden":
                message = _("unknown setting '{key}': expected one of {names}").format(
                    key=key, names=", ".join(Config.model_fields))
            else:
                message = _("{field}: {problem}").format(field=key, problem=_setting_message(detail))
            errors.append(FileError(file, line, column, message))
        return Config(), errors


_SETTING_TYPES = {  # translated where shown
    "string_type": N_("expected text in quotes"),
    "int_type": N_("expected a whole number"),
    "int_parsing": N_("expected a whole number"),
    "int_from_float": N_("expected a whole number"),
    "finite_number": N_("expected a whole number"),
    "tuple_type": N_('expected a list such as ["gdpr", "fr"]'),
    "greater_than": N_("must be more than 0"),
}


def _setting_message(detail: dict[str, Any]) -> str:
    """A wrong setting in words, without quoting a value too large to show."""
    kind, value = detail["type"], detail.get("input")
    if kind in _SETTING_TYPES:
        return _got(_(_SETTING_TYPES[kind]), value)
    if kind == "too_short":
        return _(_TYPE_MESSAGES[kind])
    if kind == "less_than_equal":
        return _at_most(detail, value)
    if kind == "literal_error":
        expected = detail["ctx"]["expected"].replace("'", "")
        return _("{value} is not one of {expected}").format(value=_quoted(value), expected=_or(expected))
    return detail["msg"].removeprefix("Value error, ")


def _toml_key_position(text: str, key: str) -> tuple[int, int]:
    for number, line in enumerate(text.splitlines(), start=1):
        found = re.match(rf"\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=\s*", line)
        if found:
            return number, found.end() + 1
    return 1, 1


def incident_files(path: Path, problems: list[FileError] | None = None) -> Iterator[Path]:
    """Every ``*.yaml``/``*.yml`` under ``path``, sorted, skipping names that start with '.'.

    A symbolic link is read only when it leads to a file inside the register: one that leads
    outside could make a pull request print a runner's private file into a CI log, and one
    that loops leads nowhere. Both are reported in ``problems``. Linked folders are not
    walked: those inside the register are read where they are.
    """
    problems = [] if problems is None else problems
    if not path.is_dir():
        if _link_problem(path, config_folder(path), problems) is None and _regular(path, problems):
            yield path
        return
    for file, _governor in _walk(os.fspath(path), path.resolve(), problems):
        yield file


def is_incident_file(name: str) -> bool:
    """Whether the register reads a file of this name: YAML (``.yaml`` or ``.yml`` in any case,
    so that renaming a file ``a.YAML`` cannot hide it), and not hidden."""
    return name.lower().endswith((".yaml", ".yml")) and not name.startswith(".")


def _regular(path: Path, problems: list[FileError]) -> bool:
    """Whether ``path`` is a regular file, found without opening it: opening a FIFO waits for
    a writer, and opening a device may act on it. One that cannot be examined is tried, so
    that reading it says what is wrong."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return True
    if stat.S_ISREG(mode):
        return True
    problems.append(_not_regular(shown_name(path.as_posix()), mode))
    return False


def _walk(top: str, root: Path, problems: list[FileError],
          settings: list[str] | None = None) -> Iterator[tuple[Path, str | None]]:
    """A folder's files, then its subfolders', in name order, each with the folder below ``top``
    whose ``breachtrack.toml`` governs it (None: the one that governs ``top``); every such folder
    goes to ``settings`` too, in the order met, even one that holds no incident file.
    ``os.scandir`` tells links and regular files apart without a system call per file, which
    ``os.walk`` and ``Path`` checks would make. The folders still to list wait on a stack, not in
    recursive calls, which a tree a thousand folders deep would exhaust."""
    waiting: list[tuple[str, str | None]] = [(top, None)]
    while waiting:
        folder, governor = waiting.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted((entry for entry in listing if not entry.name.startswith(".")), key=lambda e: e.name)
        except OSError:
            continue  # a folder that cannot be listed, as os.walk does
        if folder != top and any(entry.name == CONFIG_FILE and _settings_file(entry) for entry in entries):
            governor = folder
            if settings is not None:
                settings.append(folder)
        subfolders = []
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:  # a link that loops
                is_folder = False
            if is_folder:
                if not entry.is_symlink():
                    subfolders.append(entry.path)
                else:
                    _link_problem(Path(entry.path), root, problems, folder=True)
            elif is_incident_file(entry.name):
                path = Path(entry.path)
                if entry.is_symlink() and _link_problem(path, root, problems) is not None:
                    continue
                if entry.is_file() or _regular(path, problems):
                    yield path, governor
        waiting += [(subfolder, governor) for subfolder in reversed(subfolders)]


def _settings_file(entry: os.DirEntry) -> bool:
    """Whether a folder's entry is a settings file that governs it: a regular file, as
    ``config_folder`` finds them (a link is followed there, and here too)."""
    try:
        return entry.is_file()
    except OSError:
        return False


def _link_problem(path: Path, root: Path, problems: list[FileError], folder: bool = False) -> FileError | None:
    """The problem with following ``path`` if it is a link that loops or leaves ``root``."""
    if not path.is_symlink():
        return None
    file = shown_name(path.as_posix())
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        problem = FileError(file, 1, 1, _("is a symbolic link that loops or leads nowhere: not read"))
    else:
        if target.is_relative_to(root):
            return None
        outside = (_("is a symbolic link to a folder outside the register ({target}): not read, so that no other "
                     "file is ever shown") if folder else
                   _("is a symbolic link to a file outside the register ({target}): not read, so that no other file "
                     "is ever shown"))
        problem = FileError(file, 1, 1, outside.format(target=shown_name(target)))
    problems.append(problem)
    return problem


PARALLEL_FROM = 500
"""Below this many files, starting worker processes costs more than it saves."""


@dataclass(frozen=True)
class _Loaded:
    """One file's outcome as it travels back from a worker: small, so cheap to send."""

    file: str
    payload: Any
    errors: list[FileError]
    incident_id: str | None = None
    id_position: tuple[int, int] = (1, 1)


@dataclass(frozen=True)
class GroupIncident(SourcedIncident):
    """An incident of a group register that lists entities under ``entities``: the settings of
    each, found by the loader, so that the engine judges it once for each with that entity's
    settings (its own folder's entity, ``config.entity``, comes first)."""

    listed: tuple[tuple[str, Config], ...] = ()


def in_group(sourced: SourcedIncident, entities: dict[str, Config]) -> SourcedIncident | list[FileError]:
    """The incident with the settings of the entities it lists, or the errors of its list: an
    entity that no ``breachtrack.toml`` names (with the names closest to it), and, when it
    concerns several entities, a regime written in ``regimes`` that none of them has, whose
    clocks would silently run for no one. An incident that lists none is returned as it is."""
    incident = sourced.incident
    if not incident.entities:
        return sourced
    problems = []
    for index, name in enumerate(incident.entities):
        if name not in entities:
            line, column = sourced.positions.get(("entities", index), sourced.position_of(("entities",)))
            message = _("entities[{index}]: no breachtrack.toml under the register names the entity '{name}'").format(
                index=index, name=name)
            close = close_ids(name, entities)
            if close:
                message = _("{message}: did you mean {choices}?").format(message=message, choices=_choices(close))
            elif entities:
                message = _("{message}; its entities: {names}").format(message=message, names=", ".join(entities))
            problems.append(FileError(sourced.file, line, column, message))
    if problems:
        return problems
    home = sourced.config.entity
    listed = tuple((name, entities[name]) for name in dict.fromkeys(incident.entities) if name != home)
    concerned = [sourced.config] + [config for _name, config in listed]
    if listed and ("regimes",) in sourced.positions:
        for name, config in ((home, sourced.config), *listed):
            if name is not None and not set(incident.regimes) & set(config.regimes):
                line, column = sourced.position_of(("regimes",))
                problems.append(FileError(sourced.file, line, column, _(
                    "regimes: none of the regimes written ({written}) is a regime of {entity} ({its}), so none of its "
                    "clocks would run: write one of its regimes, or do not list it under entities").format(
                    written=", ".join(incident.regimes), entity=name, its=", ".join(config.regimes))))
        held = {regime for config in concerned for regime in config.regimes}
        for index, regime in enumerate(incident.regimes):
            if regime not in held:
                line, column = sourced.positions.get(("regimes", index), sourced.position_of(("regimes",)))
                names = [name for name in (home, *(name for name, _config in listed)) if name is not None]
                problems.append(FileError(sourced.file, line, column, _(
                    "regimes[{index}]: {regime} is a regime of none of the entities this incident concerns ({names}): "
                    "each entity's clocks run under the regimes of its breachtrack.toml that the incident writes; add "
                    "{regime} to the regimes of the entity it binds, or remove it").format(
                    index=index, regime=regime, names=", ".join(names))))
        if problems:
            return problems
    return GroupIncident(sourced.file, incident, sourced.config, sourced.positions, sourced.path, listed)


def _choices(close: list[str]) -> str:
    quoted = [_("'{value}'").format(value=value) for value in close]
    return _("{ids} or {last}").format(ids=", ".join(quoted[:-1]), last=quoted[-1]) if quoted[1:] else quoted[0]


def _load_one(path: Path, config: Config, then: Callable[[SourcedIncident], Any] | None,
              entities: dict[str, Config] | None = None) -> _Loaded:
    result = load_file(path, config, entities)
    sourced = result.incident
    if sourced is None:
        return _Loaded(shown_name(path.as_posix()), None, result.errors)
    if sourced.incident.entities:
        grouped = in_group(sourced, entities or {})
        if isinstance(grouped, list):
            return _Loaded(sourced.file, None, grouped)
        sourced = grouped
    payload = then(sourced) if then else sourced
    return _Loaded(sourced.file, payload, [], sourced.incident.id, sourced.position_of(("id",)))


def _load_all(jobs: list[tuple[Path, Config]], then: Callable[[SourcedIncident], Any] | None,
              entities: dict[str, Config] | None = None) -> Iterator[_Loaded]:
    """Every file's outcome, in the jobs' order; in worker processes for a large register."""
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_FROM or workers < 2:
        return (_load_one(path, config, then, entities) for path, config in jobs)
    import multiprocessing  # only for a large register

    chunk = max(16, len(jobs) // (workers * 32))
    # Workers, and the pool's threads that start more, are made with Ctrl-C blocked: one that
    # arrived before a worker ignores it would run the parent's handler in the worker and kill it
    # mid-start, and the pool could then hang on terminating. The parent takes it once the pool
    # exists; leaving the block terminates the workers: the run stops at once, leaving none.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = multiprocessing.Pool(workers, initializer=_start_worker, initargs=(i18n.language(),))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    with pool:
        return iter(pool.starmap(_load_one, [(path, config, then, entities) for path, config in jobs],
                                 chunksize=chunk))


def _start_worker(language: str) -> None:
    """A worker speaks its parent's language, since it judges incidents (rules write reasons),
    and leaves Ctrl-C to the main process, which stops it: one message, no traceback from each
    worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by the parent until now
    i18n.speak(language)


def config_folder(path: Path) -> Path:
    """The folder whose ``breachtrack.toml`` governs ``path``: the nearest one above it,
    looking no higher than the repository's root (the folder holding ``.git``)."""
    start = (path if path.is_dir() else path.parent).resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
        if (folder / ".git").exists():
            break
    return start


def _leaves_repository(path: Path) -> Path | None:
    """Where ``path`` really leads, when that is outside the git repository that holds it: a
    register folder committed as a link (``incidents -> /home/runner``) would otherwise be read
    as the register, and its files' values quoted in errors. The repository is the nearest
    folder above ``path`` that holds ``.git`` and is not itself a link; outside a repository,
    a path given is the user's own choice."""
    absolute = Path(os.path.abspath(path))
    for folder in absolute.parents:
        if not folder.is_symlink() and (folder / ".git").exists():
            target = absolute.resolve()
            return None if target.is_relative_to(folder.resolve()) else target
    return None


def _files_and_settings(
    paths: Iterable[Path], errors: list[FileError], unregistered: list[Path] | None = None,
    configs: dict[Path, Config] | None = None, shown: dict[Path, str] | None = None,
) -> Iterator[tuple[Path, Config]]:
    """Every incident file under ``paths`` with the settings that govern it, those of the nearest
    ``breachtrack.toml`` above it; settings errors and unreadable links go to ``errors``, a folder
    that holds no incident file and has no ``breachtrack.toml`` to ``unregistered``, and the
    settings read to ``configs`` by folder, in the order met, with the settings file's name as
    errors show it in ``shown``: those under a path given are read even where no incident is."""
    configs = {} if configs is None else configs
    shown = {} if shown is None else shown

    def settings_of(folder: Path, shown_as: Path) -> Config:
        if folder not in configs:
            configs[folder], config_errors = load_config(folder, shown_as=shown_as)
            shown[folder] = shown_name((shown_as / CONFIG_FILE).as_posix())
            errors.extend(config_errors)
        return configs[folder]

    for path in paths:
        if (outside := _leaves_repository(path)) is not None:
            errors.append(FileError(shown_name(path.as_posix()), 1, 1, _(
                "leads through a symbolic link out of its git repository, to {target}: not read, so that a pull "
                "request can never show a file of the machine that checks it").format(target=shown_name(outside))))
            continue
        folder = config_folder(path)
        top = settings_of(folder, _shown_folder(path, folder))
        found = False
        below: list[str] = []
        if path.is_dir():
            files = _walk(os.fspath(path), path.resolve(), errors, below)
        else:
            files = ((file, None) for file in incident_files(path, errors))
        for file, governor in files:
            found = True
            yield file, top if governor is None else settings_of(Path(governor).resolve(), Path(governor))
        for governor in below:  # settings of folders that hold no incident file: their entities
            settings_of(Path(governor).resolve(), Path(governor))
        if not found and unregistered is not None and path.is_dir() and not (folder / CONFIG_FILE).is_file():
            unregistered.append(path)


def _entities(configs: dict[Path, Config], shown: dict[Path, str], errors: list[FileError]) -> dict[str, Config]:
    """The entities of a group register by name, from the settings read, in the order met; a
    name that a second ``breachtrack.toml`` gives again is an error there."""
    entities: dict[str, Config] = {}
    first: dict[str, tuple[str, Path]] = {}  # by the name folded: "ACME" and "Acme" read alike
    for folder, config in configs.items():
        name = config.entity
        if name is None:
            continue
        if name.casefold() in first:
            line, column = _settings_key_position(folder / CONFIG_FILE, "entity")
            earlier, where = first[name.casefold()]
            errors.append(FileError(shown[folder], line, column, _(
                "entity '{entity}' is already the entity of {file}: each entity of a group has one folder, and one "
                "breachtrack.toml that names it; give this one its own name").format(
                entity=earlier, file=shown[where])))
            continue
        entities[name] = config
        first[name.casefold()] = (name, folder)
    return entities


def _settings_key_position(path: Path, key: str) -> tuple[int, int]:
    try:
        text = path.read_bytes()[:MAX_CONFIG_BYTES].decode("utf-8-sig", "replace")
    except OSError:
        return 1, 1
    return _toml_key_position(text, key)


def _group_settings(paths: list[Path], configs: dict[Path, Config], shown: dict[Path, str],
                    errors: list[FileError]) -> None:
    """The settings of the whole group when a path given lies inside it (a file, an entity's
    folder, as a pre-commit hook gives them): the highest folder above with a
    ``breachtrack.toml``, below the repository's root, is the group's, and every settings file
    under it names an entity an incident may list."""
    for path in paths:
        start = (path if path.is_dir() else path.parent).resolve()
        group = None
        for folder in (start, *start.parents):
            if (folder / CONFIG_FILE).is_file():
                group = folder
            if (folder / ".git").exists():
                break
        if group is None or (group == start and path.is_dir()):
            continue  # the path given is the group: its settings are read already
        shown_group = _shown_folder(path, group)
        if group not in configs:
            configs[group], config_errors = load_config(group, shown_as=shown_group)
            shown[group] = shown_name((shown_group / CONFIG_FILE).as_posix())
            errors.extend(config_errors)
        below: list[str] = []
        for _file in _walk(os.fspath(group), group, [], below):  # a stack, not recursion: any depth
            pass
        for folder in below:
            key = Path(folder).resolve()
            if key not in configs:
                shown_as = shown_group / Path(folder).relative_to(group)
                configs[key], config_errors = load_config(key, shown_as=shown_as)
                shown[key] = shown_name((shown_as / CONFIG_FILE).as_posix())
                errors.extend(config_errors)


class UnknownIncident(LookupError):
    """No file of the register gives this id; the message offers the ids closest to it."""

    def __init__(self, incident_id: str, register: Path, ids: Iterable[str]) -> None:
        self.close = close_ids(incident_id, ids)
        message = _("no incident with id '{id}' in {register}").format(id=incident_id, register=register)
        if self.close:
            quoted = [_("'{value}'").format(value=close) for close in self.close]
            choices = _("{ids} or {last}").format(ids=", ".join(quoted[:-1]), last=quoted[-1]) if quoted[1:] else quoted[0]
            message = _("{message}: did you mean {choices}?").format(message=message, choices=choices)
        super().__init__(message)


def close_ids(incident_id: str, ids: Iterable[str], most: int = 3) -> list[str]:
    """The ids a person who typed ``incident_id`` may have meant, whatever the case: those that
    contain it first (``2026-02``, ``KAIROS``), the shortest first, then the most alike
    (difflib's ratio at least 0.6, and within 0.1 of the best: ids that share only a year look
    alike too)."""
    import difflib  # only for a mistyped id

    by_lower: dict[str, list[str]] = {}
    for known in sorted(set(ids)):
        by_lower.setdefault(known.lower(), []).append(known)
    typed = incident_id.lower()
    alike = {lower: difflib.SequenceMatcher(None, typed, lower).ratio() for lower in by_lower}
    best = max(alike.values(), default=0)
    nearest = sorted((lower for lower, ratio in alike.items() if ratio >= max(0.6, best - 0.1)),
                     key=lambda lower: -alike[lower])
    containing = sorted((lower for lower in by_lower if typed and typed in lower), key=len)
    chosen = dict.fromkeys([*containing, *nearest])
    return [known for lower in chosen for known in by_lower[lower]][:most]


class AmbiguousIncident(LookupError):
    """Several files give this id: which one a command acts on must never be a file's choice
    (a pull request adding ``0.yaml`` with an existing id would otherwise be bundled as evidence)."""

    def __init__(self, incident_id: str, files: list[Path]) -> None:
        super().__init__(_("{count} files give the id '{id}': {files}. An id names one incident: give the others "
                           "their own ids").format(count=len(files), id=incident_id,
                                                   files=", ".join(shown_name(file.as_posix()) for file in files)))


def find_incident(register: Path, incident_id: str) -> tuple[Path, Config, FileResult]:
    """The file whose ``id`` is ``incident_id``, read as ``check`` reads it (its size limit
    included), with its settings and what it holds; valid or not. UnknownIncident, with the
    closest ids, when no file gives it; AmbiguousIncident when several do."""
    seen: list[str] = []
    found: list[tuple[Path, Config, FileResult]] = []
    entities, jobs = _register_listing(register)
    for file, config in jobs:
        result = load_file(file, config, entities)
        if result.written_id == incident_id:
            found.append((file, config, result))
        elif result.written_id is not None:
            seen.append(result.written_id)
    if len(found) > 1:
        raise AmbiguousIncident(incident_id, [file for file, _config, _result in found])
    if not found:
        raise UnknownIncident(incident_id, register, seen)
    file, config, result = found[0]
    if result.incident is not None and result.incident.incident.entities:
        grouped = in_group(result.incident, entities)
        result = (FileResult(None, grouped, result.written_id) if isinstance(grouped, list)
                  else FileResult(grouped, [], result.written_id))
    return file, config, result


def _register_listing(register: Path) -> tuple[dict[str, Config], list[tuple[Path, Config]]]:
    """A register's entities, and its files with their settings."""
    configs: dict[Path, Config] = {}
    shown: dict[Path, str] = {}
    jobs = list(_files_and_settings([register], [], configs=configs, shown=shown))
    _group_settings([register], configs, shown, [])
    return _entities(configs, shown, []), jobs


def register_entities(register: Path) -> dict[str, Config]:
    """The entities of the group register that holds ``register`` (a folder or a file), by name."""
    return _register_listing(register)[0]


def ids_taken(register: Path) -> set[str]:
    """The ids that the register's files give, valid or not: a new incident needs another."""
    return {result.written_id for file, config in _files_and_settings([register], [])
            if (result := load_file(file, config)).written_id is not None}


def load_register(paths: Iterable[Path], then: Callable[[SourcedIncident], Any] | None = None) -> Register:
    """Load every incident under ``paths``; one bad file never hides the others.

    ``then``, when given, is applied to each valid incident where it was loaded, and the
    register holds its results instead: a large register is loaded in worker processes, and
    sending back a small result (a judged incident) costs far less than the incident itself.
    """
    paths = list(paths)
    errors: list[FileError] = []
    unregistered: list[Path] = []
    configs: dict[Path, Config] = {}
    shown: dict[Path, str] = {}
    jobs = list(_files_and_settings(paths, errors, unregistered, configs, shown))
    first_config = next(iter(configs.values()), Config())  # dicts keep their order
    _group_settings(paths, configs, shown, errors)
    entities = _entities(configs, shown, errors)
    incidents: list[Any] = []
    first_file_of_id: dict[str, str] = {}
    for loaded in _load_all(jobs, then, entities or None):
        errors += loaded.errors
        if loaded.incident_id is None:
            continue
        if loaded.incident_id in first_file_of_id:
            line, column = loaded.id_position
            errors.append(
                FileError(
                    loaded.file,
                    line,
                    column,
                    _("id '{id}' is already used by {file}: every incident needs its own id").format(
                        id=loaded.incident_id, file=first_file_of_id[loaded.incident_id]),
                )
            )
            continue
        first_file_of_id[loaded.incident_id] = loaded.file
        incidents.append(loaded.payload)
    return Register(incidents, errors, first_config, unregistered, entities)
