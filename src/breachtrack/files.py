"""Writing the user's files: never half a file, never a file that should not be replaced.

A regular file (or a new one) is replaced in one step: the bytes go to a temporary file
beside it, reach the disk, then take its name, with its owner, group and mode. A symbolic
link is followed and its target replaced, so the link stays a link. A pipe, a terminal or a
device such as ``/dev/null`` is written to as it is: a regular file in its place would break
whatever reads it (as root, the whole machine for ``/dev/null``). A file that is read, edited
and written back is locked meanwhile, and replaced only if it still holds the bytes read.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from breachtrack.i18n import _

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another process editing the same file: an edit takes a fraction of one."""


class Busy(Exception):
    """Another process held the file's lock for longer than LOCK_TIMEOUT."""


class Changed(Exception):
    """The file no longer holds the bytes the edit started from: replacing it would lose a change."""


def target(path: Path) -> Path:
    """The file ``path`` leads to, through any symbolic link: the one to edit."""
    return Path(os.path.realpath(path))


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold ``.NAME.lock`` beside the file, so that processes editing it take turns.

    The lock file stays: one removed could be locked by a process that opened it before, while
    the next one locks a new file of the same name. Its name starts with '.', which the
    register's walk skips. It gets the file's read and write bits, so that whoever may edit the
    file may lock it.
    """
    from filelock import FileLock, Timeout  # imported by the commands that edit a file only

    file = target(path)
    mode = file.stat().st_mode & 0o666 | 0o600
    lock = FileLock(file.parent / f".{file.name}.lock", timeout=LOCK_TIMEOUT, mode=mode)
    try:
        held = lock.acquire()
    except Timeout:
        raise Busy(str(file)) from None
    with held:
        yield


@contextlib.contextmanager
def synced_copy(path: Path, data: bytes) -> Iterator[Path]:
    """``data`` in a temporary file beside ``path``, on disk (fsync), removed afterwards unless
    it was moved into place: what a crash leaves behind is the old file, never half a new one."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        yield Path(temporary)
    finally:
        Path(temporary).unlink(missing_ok=True)


def replace(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace the file ``path`` leads to in one step, keeping its owner, group and mode.

    A read-only file is refused (PermissionError): its folder's permissions would let it be
    replaced, its own say no. With ``expected``, the file is replaced only if it still holds
    those bytes (else Changed): under ``locked``, only an editor outside breachtrack can have
    changed it, and its change must not be lost.
    """
    file = target(path)
    try:
        status = file.stat()
    except FileNotFoundError:
        status = None
    if status is not None and (not status.st_mode & 0o222 or not os.access(file, os.W_OK)):
        raise PermissionError(errno.EACCES, _("the file is read-only"), str(file))
    with synced_copy(file, data) as temporary:
        if status is None:
            os.chmod(temporary, 0o666 & ~_umask())
        else:
            _keep_owner(temporary, status)
            os.chmod(temporary, stat.S_IMODE(status.st_mode))  # after chown, which may clear set-id bits
        if expected is not None and _bytes_of(file) != expected:
            raise Changed(str(file))
        os.replace(temporary, file)
    _sync_folder(file.parent)


def write(path: Path, data: bytes) -> None:
    """Write ``data`` where ``path`` points: a file is replaced in one step (``replace``); a
    pipe, a terminal, a device or standard output (``/dev/stdout``) is written to in place."""
    if not _in_place(path):
        replace(path, data)
        return
    # O_APPEND: standard output redirected with >> to a file keeps what it held
    with open(os.open(path, os.O_WRONLY | os.O_APPEND), "wb") as handle:
        handle.write(data)


def create(path: Path, data: bytes) -> None:
    """Write a new file in one step; FileExistsError rather than replace one that exists."""
    with synced_copy(path, data) as temporary:
        os.chmod(temporary, 0o666 & ~_umask())
        os.link(temporary, path)  # fails when the name is taken, even by a dangling link
    _sync_folder(path.parent)


def _in_place(path: Path) -> bool:
    """Not a regular file, or one reached through a descriptor of this process (``/dev/stdout``,
    ``/dev/fd/1``): replacing the file would cut it from the descriptor the shell opened."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return True
    except FileNotFoundError:
        return False
    for _ in range(40):  # the kernel's limit on links followed
        folder = os.path.realpath(path.parent)
        if folder.startswith("/proc/") and folder.endswith("/fd"):
            return True
        if not path.is_symlink():
            return False
        path = Path(folder, os.readlink(path))
    return False


def _keep_owner(temporary: Path, status: os.stat_result) -> None:
    """The file stays its owner's and its group's: possible as root, or for a group of one's own."""
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except PermissionError:
        with contextlib.suppress(PermissionError):
            os.chown(temporary, -1, status.st_gid)


def _bytes_of(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except FileNotFoundError:
        return None


def _sync_folder(folder: Path) -> None:
    """The new name on disk too: after a crash, the folder lists the new file, not the old one.
    The file is in place already, so a file system that cannot sync a folder is no error."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
