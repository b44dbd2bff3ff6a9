"""Who recorded each fact of an incident, and when: the register's own git history.

An IO layer beside the loader. It runs the git command line (the user's own tool, and their
own configuration) with an argument list, never a shell: one ``git rev-parse`` for the
repository, one ``git log`` of the register for the commits, the files they changed and how they
descend from one another, one ``git cat-file --batch`` for every version and commit object:
never one process per commit, nor per file. Each version is read with
the loader, as ``check`` reads a file; one that does not parse is kept as such.

The repository's content is hostile (a pull request writes its files, its commits, their
authors and messages). So nothing here lets it choose what git runs or shows:

- commits are read as raw objects and parsed here: no ``.mailmap`` rewrites an author, no
  pretty format meets a separator hidden in a name or a message;
- blobs are read as stored (``cat-file --batch``): no ``textconv`` or filter that a
  ``.gitattributes`` names runs (the one conversion asked for is ``hash-object --path``'s, to
  tell whether the file on disk is the one committed: see ``_unchanged``);
- ``safe.bareRepository=explicit``: a folder of the register that looks like a bare
  repository (its ``HEAD``, ``objects/`` and ``config`` written by a pull request) is never
  taken for the repository, so its ``config`` is never read;
- ``--literal-pathspecs``: a file name such as ``:(glob)*`` is a name, not a pattern;
- ``--no-replace-objects``: history is what the objects say, not what a replace ref shows;
- the variables that point git at another repository (``GIT_DIR``, ``GIT_INDEX_FILE``...,
  set in a hook) are dropped: the register's own repository is the one read.

The user's global and system configuration stay: they are theirs (``safe.directory`` in CI).
``git log`` and ``cat-file`` run no hook.

Commit times: each commit carries an author date (when the change was first written; kept by
rebase, amend and cherry-pick) and a committer date (when this commit was made: when the fact
entered this history). Lateness is measured on the committer date. Both are whatever the
committer's clock or environment said: git proves neither, only the hosting platform's record
of a push or a merge, or a signed timestamp, does. Commits are ordered by their parents,
never by these dates.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import subprocess
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from breachtrack.i18n import _
from breachtrack.loader import load_bytes, shown_name
from breachtrack.model import FIRST_YEAR, LAST_YEAR, Config, FileError, SourcedIncident, zone_named

GIT = (
    "git", "--no-pager", "--literal-pathspecs", "--no-replace-objects",
    "-c", "core.quotepath=off", "-c", "safe.bareRepository=explicit",
)
_REPOSITORY_VARIABLES = (  # `git rev-parse --local-env-vars`: what points git at a repository
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
    "GIT_OBJECT_DIRECTORY", "GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE",
    "GIT_INDEX_FILE", "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE", "GIT_PREFIX", "GIT_INTERNAL_SUPER_PREFIX",
    "GIT_SHALLOW_FILE", "GIT_COMMON_DIR",
)


class HistoryUnavailable(Exception):
    """No history can be read: git is missing, or the register is not in a git repository."""


# --- what the history holds --------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    at: datetime | None
    """None when the object's date cannot be read (out of range)."""
    credible: bool = False
    """``at`` is within the register's years; when it is not, ``at`` is in UTC and counts for nothing."""


@dataclass(frozen=True)
class Commit:
    id: str
    author: Person
    committer: Person
    subject: str


VersionState = Literal["valid", "invalid", "deleted", "not_a_file", "unreadable"]


@dataclass(frozen=True)
class Version:
    """The file as one commit left it; ``commit`` None: the file on disk, not committed yet."""

    commit: Commit | None
    parents: tuple[str, ...]
    path: str
    """The file's path in the repository at this version (it may have been renamed since)."""
    state: VersionState
    errors: tuple[FileError, ...] = ()
    facts: dict[str, object] | None = None
    zone: ZoneInfo | None = None


@dataclass(frozen=True)
class Change:
    """A fact written (``before`` None), changed, or removed (``after`` None) by a version."""

    version: Version
    before: object
    after: object
    recorded_after: timedelta | None = None
    """A dated value: how long after the time it states its commit was made (committer date)."""
    late: bool = False
    moved: Literal["earlier", "later", "removed", "changed"] | None = None
    """A stated time changed after it was first recorded."""


@dataclass(frozen=True)
class FactHistory:
    fact: str
    """Its path in the file: ``authority_notice.submitted_at``, ``remediation[mfa].done_on``."""
    dated: bool
    changes: tuple[Change, ...]

    @property
    def flagged(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.late or change.moved)


@dataclass(frozen=True)
class History:
    incident_id: str
    file: str
    head: str | None
    """The repository's HEAD commit, None before the first commit."""
    shallow: bool
    """A shallow clone: older commits are missing, and the first one shown is not the first."""
    late_after: timedelta
    zone: ZoneInfo
    versions: tuple[Version, ...]
    """Oldest first; the last is the file on disk when it differs from its last commit."""
    facts: tuple[FactHistory, ...]
    versions_left_out: int = 0
    """Older versions not read: MAX_VERSIONS were read, the newest."""
    read_limit_reached: bool = False
    """Some versions were not read: the run had read MAX_READ_BYTES already."""

    @property
    def uncommitted(self) -> bool:
        return bool(self.versions) and self.versions[-1].commit is None

    @property
    def flagged(self) -> tuple[tuple[FactHistory, Change], ...]:
        return tuple((fact, change) for fact in self.facts for change in fact.flagged)


# --- git -------------------------------------------------------------------------------------------


def _environment() -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key not in _REPOSITORY_VARIABLES}
    environment["GIT_OPTIONAL_LOCKS"] = "0"  # a reader never takes the index lock
    environment["GIT_TERMINAL_PROMPT"] = "0"
    return environment


def _git(arguments: Sequence[str], folder: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run([*GIT, *arguments], cwd=folder, env=_environment(), capture_output=True,
                              stdin=subprocess.DEVNULL, check=False)
    except FileNotFoundError:
        raise HistoryUnavailable(_("git is not installed (or not on the PATH): the history of an incident comes "
                                   "from its register's git repository")) from None


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    """git's first line of complaint, without its 'fatal: '."""
    line = next((line for line in result.stderr.decode("utf-8", "replace").splitlines() if line.strip()), "")
    return re.sub(r"^(fatal|error): ", "", line.strip()) or f"exit code {result.returncode}"


@dataclass(frozen=True)
class Repository:
    root: Path
    head: str | None
    shallow: bool


def repository(folder: Path, shown: str) -> Repository:
    """The git repository ``folder`` (where the file ``shown`` is) is in, its HEAD commit and
    whether it is a shallow clone."""
    result = _git(["rev-parse", "--show-toplevel", "--is-shallow-repository", "--verify", "-q", "HEAD^{commit}"],
                  folder)
    lines = os.fsdecode(result.stdout).split("\n")
    if result.returncode not in (0, 1) or len(lines) < 3:
        raise HistoryUnavailable(_("{file} is not in a git repository: the history of an incident comes from the "
                                   "commits of its register (git says: {said})").format(file=shown, said=_said(result)))
    head = lines[-2] if result.returncode == 0 else None  # the output ends with a new line
    shallow_line = lines[-3] if head else lines[-2]
    root = "\n".join(lines[:-3] if head else lines[:-2])
    return Repository(Path(os.path.realpath(root)), head, shallow_line == "true")


@dataclass(frozen=True)
class _Touch:
    """One file a commit changed, from ``git log --raw``: its blob and mode after the commit."""

    status: str
    """A (added), M, D, R (renamed from ``old_path``), T (type changed)..."""
    old_path: str
    path: str
    blob: str
    mode: str


@dataclass(frozen=True)
class _Logged:
    """One commit of the register's history: its parents (as history simplification rewrites
    them: the nearest that changed the register too) and the files it changed."""

    commit: str
    parents: tuple[str, ...]
    touched: list[_Touch]


@dataclass(frozen=True)
class _Entry:
    """One commit that changed the file: the file's blob after it, and its path then."""

    commit: str
    status: str
    path: str
    blob: str
    mode: str
    parents: tuple[str, ...] = ()
    """The nearest commits before it that changed the file too: its parents in the file's history."""


def _register_log(root: Path, scope: Sequence[str], shown: str) -> list[_Logged]:
    """Every commit that changed the register (the paths ``scope``, in the repository at ``root``),
    children before parents, with the files each changed and their renames: one process for
    every file of the register, whatever the number of commits."""
    result = _git(["log", "--topo-order", "--parents", "--raw", "-z", "--no-abbrev", "-M", "--no-color",
                   "--diff-merges=first-parent", "--no-ext-diff", "--no-textconv", "--no-show-signature",
                   "--format=%x00commit %H %P", "HEAD", "--", *scope], root)
    if result.returncode != 0:
        raise HistoryUnavailable(_("git log failed on {file} (git says: {said})").format(file=shown,
                                                                                        said=_said(result)))
    logged: list[_Logged] = []
    tokens = result.stdout.split(b"\0")
    position = 0
    while position < len(tokens):  # a token's place says what it is: a path is never read as a commit
        token = tokens[position].lstrip(b"\n")
        position += 1
        if token.startswith(b"commit "):
            commit, *parents = token.decode("ascii").split()[1:]
            logged.append(_Logged(commit, tuple(parents), []))
        elif token.startswith(b":") and logged:
            _old_mode, mode, _old_blob, blob, status = token[1:].decode("ascii").split()
            paths = [os.fsdecode(path) for path in tokens[position:position + (2 if status[0] in "RC" else 1)]]
            position += len(paths)
            logged[-1].touched.append(_Touch(status[0], paths[0], paths[-1], blob, mode))
    return logged


@dataclass
class _RegisterLog:
    """The register's commits, and where each path was touched: read once, asked for each file."""

    logged: list[_Logged]

    def __post_init__(self) -> None:
        self.position = {commit.commit: index for index, commit in enumerate(self.logged)}
        self.by_path: dict[str, list[tuple[int, _Touch]]] = {}
        for index, commit in enumerate(self.logged):
            for touch in commit.touched:
                self.by_path.setdefault(touch.path, []).append((index, touch))

    def entries(self, path: str) -> list[_Entry]:
        """The commits that changed the file now at ``path``, through its renames, children before
        parents, each with its nearest ancestors that changed it too (first parent first)."""
        found: dict[int, _Entry] = {}
        name: str | None = path
        older_than = -1
        while name is not None:
            following, name = name, None
            for index, touch in self.by_path.get(following, ()):
                if index <= older_than:
                    continue
                found[index] = _Entry(self.logged[index].commit, touch.status, touch.path, touch.blob, touch.mode)
                if touch.status == "R":  # before this commit, the file had its old name
                    name, older_than = touch.old_path, index
                    break
        oldest = max(found, default=-1)
        nearest = self._nearest(found, oldest)
        return [replace(found[index], parents=nearest[index]) for index in sorted(found)]

    def _nearest(self, found: dict[int, _Entry], oldest: int) -> list[tuple[str, ...]]:
        """For each commit up to ``oldest`` (the file's first version), the first commit in
        ``found`` on each line of its ancestors, first parent's line first: computed once for
        every commit, parents before children (the log lists children first), so each merge
        reuses its parents' answers instead of walking back through them again."""
        nearest: list[tuple[str, ...]] = [()] * (oldest + 1)
        for index in range(oldest, -1, -1):
            lines = []
            for parent in self.logged[index].parents:
                place = self.position.get(parent)
                if place is not None and place <= oldest:  # else outside the register's log, or older than the file
                    lines.append((parent,) if place in found else nearest[place])
            # one line: its tuple is shared, not copied, so a long chain costs no more memory than its commits
            nearest[index] = lines[0] if len(lines) == 1 else tuple(dict.fromkeys(c for line in lines for c in line))
        return nearest


@dataclass
class _Budget:
    """The bytes of objects one run may still read (MAX_READ_BYTES at first)."""

    left: int
    spent: bool = False
    """An object was left unread because the budget was spent."""


def _objects(folder: Path, ids: Iterable[str], limit: int,
             budget: _Budget) -> Iterator[tuple[str, bytes | None, bool]]:
    """Each object, its content and whether the budget was spent before it, in the order asked,
    by one ``git cat-file --batch``. The content is None for one missing, larger than ``limit``
    bytes or beyond the budget: skipped unread. Given one at a time, so the caller keeps what it
    draws from each and never holds them all."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return
    try:
        process = subprocess.Popen([*GIT, "cat-file", "--batch"], cwd=folder, env=_environment(),
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except FileNotFoundError:
        raise HistoryUnavailable(_("git is not installed (or not on the PATH): the history of an incident comes "
                                   "from its register's git repository")) from None

    def ask() -> None:  # in a thread: the answers are read meanwhile, so no pipe fills up
        try:
            process.stdin.write("".join(f"{object_id}\n" for object_id in wanted).encode("ascii"))
            process.stdin.close()
        except BrokenPipeError:
            pass

    asking = threading.Thread(target=ask, daemon=True)
    asking.start()
    try:
        for _request in wanted:
            header = process.stdout.readline().decode("ascii", "replace").split()
            if len(header) != 3:  # '<id> missing', or git stopped
                if header:
                    yield header[0], None, False
                    continue
                break
            object_id, size = header[0], int(header[2])
            if size > limit:
                _skip(process.stdout, size + 1)
                yield object_id, None, False
            elif budget.spent or size > budget.left:  # once spent, nothing more: the newest are read, not the smallest
                _skip(process.stdout, size + 1)
                budget.spent = True
                yield object_id, None, True
            else:
                budget.left -= size
                data = process.stdout.read(size)
                process.stdout.read(1)  # the new line after the content
                yield object_id, data, False
    finally:
        process.stdout.close()
        process.wait()
        asking.join()


def _skip(stream, count: int) -> None:
    while count > 0:
        read = len(stream.read(min(count, 1 << 20)) or b"")
        if not read:
            return
        count -= read


# --- commit objects ------------------------------------------------------------------------------

_IDENTITY = re.compile(rb"(?P<name>[^<]*)<(?P<email>.*)>\s*(?P<seconds>-?\d+)\s+(?P<offset>[+-]\d{4})\s*$")


def _text(raw: bytes, encoding: str) -> str:
    """Some codecs raise even with errors='replace' (``undefined``, ``idna``, ``punycode``): a
    commit's ``encoding`` header chooses one, so whatever it says falls back to UTF-8."""
    try:
        return raw.decode(encoding, "replace")
    except (LookupError, UnicodeError):
        return raw.decode("utf-8", "replace")


def _text_encoding(name: str) -> str:
    """``name`` when it is a codec of text (not base64, zlib...), else UTF-8."""
    try:
        return name if codecs.lookup(name)._is_text_encoding else "utf-8"
    except (LookupError, ValueError):  # unknown, or a NUL in the name
        return "utf-8"


def _moment(seconds: bytes, offset: bytes) -> tuple[datetime | None, bool]:
    """The time a commit states, and whether it is credible: one outside the register's years
    (FIRST_YEAR to LAST_YEAR) is kept in UTC only, as shifting it to another zone could leave
    the years Python's dates hold."""
    try:
        sign = -1 if offset[:1] == b"-" else 1
        zone = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])))
        moment = datetime.fromtimestamp(int(seconds), timezone.utc)
    except (ValueError, OverflowError, OSError):
        return None, False
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        return moment, False
    return moment.astimezone(zone), True


def _person(line: bytes, encoding: str) -> Person:
    match = _IDENTITY.match(line)
    if match is None:
        return Person(_text(line, encoding), "", None)
    return Person(_text(match["name"].strip(), encoding), _text(match["email"].strip(), encoding),
                  *_moment(match["seconds"], match["offset"]))


def parse_commit(object_id: str, raw: bytes | None) -> Commit:
    """A commit object as stored: headers, a blank line, the message."""
    if raw is None:
        unknown = Person("", "", None)
        return Commit(object_id, unknown, unknown, "")
    head, _blank, message = raw.partition(b"\n\n")
    headers: dict[bytes, bytes] = {}
    for line in head.split(b"\n"):
        if not line.startswith(b" "):  # a line that starts with a space continues a signature
            key, _space, value = line.partition(b" ")
            headers.setdefault(key, value)
    encoding = _text_encoding(headers.get(b"encoding", b"utf-8").decode("ascii", "replace"))
    subject = message.strip().split(b"\n", 1)[0] if message.strip() else b""
    return Commit(object_id, _person(headers.get(b"author", b""), encoding),
                  _person(headers.get(b"committer", b""), encoding), _text(subject, encoding).strip())


# --- facts ---------------------------------------------------------------------------------------


def facts_of(sourced: SourcedIncident) -> dict[str, object]:
    """Every value the file writes, by its path: ``risk``, ``authority_notice.submitted_at``,
    ``remediation[mfa].done_on``. The defaults the model fills in are not facts anyone wrote."""
    incident = sourced.incident
    written = {location[0] for location in sourced.positions if len(location) == 1}
    found: dict[str, object] = {}
    for name, info in type(incident).model_fields.items():
        key = info.alias or name
        if key in written:
            _leaf(key, getattr(incident, name), found)
    return found


def _fields(model: BaseModel, prefix: str, found: dict[str, object]) -> None:
    for name, info in type(model).model_fields.items():
        if name in model.model_fields_set:
            _leaf(f"{prefix}{info.alias or name}", getattr(model, name), found)


def _leaf(path: str, value: object, found: dict[str, object]) -> None:
    if value is None:
        return
    if isinstance(value, BaseModel):
        _fields(value, path + ".", found)
    elif isinstance(value, list) and value and all(isinstance(item, BaseModel) for item in value):
        for index, item in enumerate(value):
            _fields(item, f"{path}[{getattr(item, 'id', None) or index}].", found)
    else:
        found[path] = tuple(value) if isinstance(value, list) else value


def is_dated(value: object) -> bool:
    return isinstance(value, date)


def stated_time(value: date, zone: ZoneInfo) -> datetime:
    """The moment a dated value states: a time itself; a day, its end (the latest moment it can mean)."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value + timedelta(days=1), time(), tzinfo=zone)


# --- the history ---------------------------------------------------------------------------------


MAX_READ_BYTES = 200_000_000
"""The most bytes of versions and commits one run reads, for all its files: past it, older
versions are listed unread, and the history says so."""
MAX_VERSIONS = 1_000
"""The most versions of one file read, the newest: its older ones are left out, and the history
says so (each commit of a file is a version; a register's file rarely has a hundred)."""
REGULAR_FILE = ("100644", "100755")


def _read(data: bytes | None, over_budget: bool, path: str, config: Config) -> Version:
    """A version of the file from its content, not yet given its commit and parents: all that is
    kept of the content is what the loader drew from it."""
    if data is None:
        message = _("not read: this run has read {size} MB of history already, the most it reads").format(
            size=MAX_READ_BYTES // 1_000_000) if over_budget else _(
            "larger than {size} MB, or missing from the repository: not read").format(size=config.max_file_mb)
        return Version(None, (), path, "unreadable", (FileError(path, 1, 1, message),))
    loaded = load_bytes(data, path, config)
    if loaded.incident is None:
        return Version(None, (), path, "invalid", tuple(loaded.errors))
    return Version(None, (), path, "valid", facts=facts_of(loaded.incident), zone=loaded.incident.incident.zone)


def _committed(entry: _Entry, commit: Commit, read: dict[tuple[str, str], Version], config: Config) -> Version:
    if entry.status == "D":
        return Version(commit, entry.parents, entry.path, "deleted", facts={})
    if entry.mode not in REGULAR_FILE:
        return Version(commit, entry.parents, entry.path, "not_a_file", facts={})
    version = read.get((entry.blob, entry.path)) or _read(None, False, entry.path, config)  # git stopped before it
    return replace(version, commit=commit, parents=entry.parents)


def _blob_id(data: bytes, length: int) -> str:
    """The id git gives ``data`` stored as it is: SHA-1, or SHA-256 in a repository whose ids are
    ``length`` = 64 digits long."""
    digest = hashlib.sha256() if length == 64 else hashlib.sha1(usedforsecurity=False)
    digest.update(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()


def _unchanged(data: bytes, blob: str | None, root: Path, path: str) -> bool:
    """The file on disk holds the version committed as ``blob``.

    The same bytes, or the same once git's conversions on commit are made: ``git hash-object
    --path`` converts as ``git add`` would, by the attributes of ``path`` (the ``ident`` keyword
    collapsed, line endings, ``working-tree-encoding``), so a clean checkout of such a file is
    not taken for a change. It runs only when the bytes differ. A ``filter`` attribute only names
    a driver: its command comes from the user's own configuration (``filter.<name>.clean``),
    which no file of the repository writes, and that ``git status`` or ``git add`` of the same
    file would run too; a driver named but not configured is ignored. ``--no-filters`` would
    undo the built-in conversions as well, the very ones needed here. When git fails, the file
    counts as changed."""
    if blob is None:
        return False
    if _blob_id(data, len(blob)) == blob:
        return True
    try:
        result = subprocess.run([*GIT, "hash-object", f"--path={path}", "--stdin"], cwd=root, env=_environment(),
                                input=data, capture_output=True, check=False)
    except FileNotFoundError:
        return False
    return result.returncode == 0 and result.stdout.decode("ascii", "replace").strip() == blob


@dataclass(frozen=True)
class _Located:
    """An incident file, where it is in its repository, and what the history is read for."""

    file: Path
    real: Path
    shown: str
    incident_id: str
    config: Config
    repository: Repository
    path: str
    """The file's path in the repository, '/'-separated."""


def read_histories(files: Sequence[tuple[Path, str, str, Config]], scope: Sequence[Path],
                   late_after: timedelta) -> dict[Path, History]:
    """The history of each (file, its name as reports show it, its incident's id, its settings),
    from the commits that changed the register: the files and folders ``scope``.

    One ``git log`` per repository for all its files (see ``_register_log``), then one ``git
    cat-file --batch`` for every version and commit of every file, each parsed as it arrives;
    at most MAX_VERSIONS versions of a file, and MAX_READ_BYTES in all, the newest of every
    file first."""
    if not files:  # nothing to read: a register with no incident needs no repository
        return {}
    repositories: dict[Path, Repository] = {}  # by folder: one rev-parse for a folder of incidents

    def repository_of(folder: Path, shown: str) -> Repository:
        if folder not in repositories:
            repositories[folder] = repository(folder, shown)
        return repositories[folder]

    located = []
    for file, shown, incident_id, config in files:
        real = Path(os.path.realpath(file))
        found = repository_of(real.parent, shown)
        located.append(_Located(file, real, shown, incident_id, config, found, real.relative_to(found.root).as_posix()))
    scopes: dict[Path, set[str]] = {}
    for place in scope:
        real = Path(os.path.realpath(place))
        found = repository_of(real if real.is_dir() else real.parent, shown_name(place.as_posix()))
        scopes.setdefault(found.root, set()).add(real.relative_to(found.root).as_posix())  # '.' for the root
    logs: dict[Path, _RegisterLog] = {}
    for item in located:
        root = item.repository.root
        if root not in logs:
            folders = scopes.get(root) or {PurePosixPath(other.path).parent.as_posix() for other in located
                                           if other.repository.root == root}
            logs[root] = _RegisterLog(_register_log(root, sorted(folders), item.shown) if item.repository.head else [])
    every = {item.file: logs[item.repository.root].entries(item.path) for item in located}
    entries = {file: found[:MAX_VERSIONS] for file, found in every.items()}  # the newest
    commits: dict[str, Commit] = {}
    read: dict[tuple[str, str], Version] = {}  # by blob and path in the repository
    budget = _Budget(MAX_READ_BYTES)
    limit = max(item.config.max_file_mb for item in located) * 1_000_000
    for root in dict.fromkeys(item.repository.root for item in located):
        here = [item for item in located if item.repository.root == root]
        wanted: dict[str, list[tuple[str, Config]]] = {}  # each object, and each path and settings it is read with
        for rank in range(max(len(entries[item.file]) for item in here)):  # every file's newest versions first
            for item in here:
                if rank < len(entries[item.file]):
                    entry = entries[item.file][rank]
                    wanted.setdefault(entry.commit, [])
                    if entry.status != "D" and entry.mode in REGULAR_FILE:
                        wanted.setdefault(entry.blob, []).append((entry.path, item.config))
        for object_id, data, over_budget in _objects(root, wanted, limit, budget):
            readers = wanted.get(object_id)
            if readers is None:
                continue
            if not readers:  # a commit
                commits[object_id] = parse_commit(object_id, data)
            for path, config in readers:
                if (object_id, path) not in read:  # the same content at the same path: one reading
                    read[object_id, path] = _read(data, over_budget, path, config)
    return {item.file: _history(item, entries[item.file], len(every[item.file]) - len(entries[item.file]), commits,
                                read, budget.spent, late_after) for item in located}


def _history(item: _Located, entries: list[_Entry], left_out: int, commits: dict[str, Commit],
             read: dict[tuple[str, str], Version], budget_spent: bool, late_after: timedelta) -> History:
    config = item.config
    versions = [_committed(entry, commits.get(entry.commit) or parse_commit(entry.commit, None), read, config)
                for entry in reversed(entries)]
    try:
        on_disk = item.real.read_bytes()
    except OSError:
        on_disk = None
    last = entries[0] if entries and entries[0].status != "D" and entries[0].mode in REGULAR_FILE else None
    if on_disk is not None and not _unchanged(on_disk, last and last.blob, item.repository.root, item.path):
        parents = (entries[0].commit,) if entries else ()
        versions.append(replace(_read(on_disk, False, item.path, config), parents=parents))
    zone = next((v.zone for v in reversed(versions) if v.zone is not None), None) or zone_named(config.timezone)
    unread = budget_spent and any(v.state == "unreadable" and v.commit is not None for v in versions)
    return History(item.incident_id, item.shown, item.repository.head, item.repository.shallow, late_after, zone,
                   tuple(versions), _fact_histories(versions, late_after), left_out, unread)


def _fact_histories(versions: Sequence[Version], late_after: timedelta) -> tuple[FactHistory, ...]:
    """Each fact's changes, a version compared with its parents (not with whatever commit came
    before it in time: branches interleave). A version that does not parse changes nothing: the
    next one that does is compared with the last that did."""
    state: dict[str | None, dict[str, object]] = {}
    changes: dict[str, list[Change]] = {}
    for version in versions:
        key = version.commit.id if version.commit else None
        parents = [state[parent] for parent in version.parents if parent in state] or [{}]
        if version.facts is None:
            state[key] = parents[0]
            continue
        state[key] = version.facts
        zone = version.zone or ZoneInfo("UTC")
        for fact in [*version.facts, *(f for f in parents[0] if f not in version.facts)]:
            after = version.facts.get(fact)
            if any(parent.get(fact) == after for parent in parents):
                continue
            before = parents[0].get(fact)
            changes.setdefault(fact, []).append(_change(version, before, after, zone, late_after))
    return tuple(FactHistory(fact, any(is_dated(c.after) or is_dated(c.before) for c in found), tuple(found))
                 for fact, found in changes.items())


def _change(version: Version, before: object, after: object, zone: ZoneInfo, late_after: timedelta) -> Change:
    """``after`` judged against the version's committer date, and against ``before``: a stated time
    that was recorded already and now says another moment (or none) has moved."""
    recorded_after = None
    committed = version.commit.committer.at if version.commit and version.commit.committer.credible else None
    if is_dated(after) and committed is not None:
        recorded_after = committed - stated_time(after, zone)
    moved = None
    if is_dated(before):
        if after is None:
            moved = "removed"
        elif not is_dated(after):
            moved = "changed"
        else:
            old, new = stated_time(before, zone), stated_time(after, zone)
            moved = "earlier" if new < old else "later" if new > old else None
    late = recorded_after is not None and recorded_after > late_after
    return Change(version, before, after, recorded_after, late, moved)


def json_value(value: object, zone: ZoneInfo) -> object:
    """A fact's value in JSON: times with their offset in the incident's zone, amounts as numbers."""
    if isinstance(value, datetime):
        return value.astimezone(zone).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple):
        return [json_value(item, zone) for item in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)

