"""Safe writes: a sidecar lock for read-modify-write cycles, and atomic replacement.

A file is never rewritten in place. The new content goes to a temporary file
``.<name>.<random>.tmp`` in the same directory, is flushed and fsynced, takes
the permission bits of the file it replaces, and is moved over it with
``os.replace``; the directory is then fsynced so the rename itself survives a
crash. If anything fails before the rename, the original is untouched and the
temporary file is removed.

Writers that read files, change one and write it back hold an exclusive lock on
a lock file for the whole cycle (``add`` uses one per KB: a sidecar
``.<name>.lock`` beside a file KB, ``.negotrack.lock`` inside a directory KB).
The lock is on the lock file, not on the data: ``os.replace`` gives a file a
new inode, so a lock held on the old one would not exclude a process that opens
the new one. The lock file is never deleted (deleting it would let two writers
lock two different files). It is created with the group and other permissions
of what it guards, and locked through a read-only descriptor (``flock`` needs
no write access), so that everyone who may edit a shared KB can take its lock.

A writer killed between creating its temporary file and the rename leaves the
temporary file behind; :func:`remove_stale_temporaries` removes those the next
writer finds, under the lock.

Only a regular file is ever replaced: a symbolic link, a FIFO, a device or a
socket at the path is refused (:class:`NotRegularFile`), checked before the
temporary file is made and again just before the rename. Renaming over
``/dev/null`` or a named pipe would silently put a regular file in its place.

The names start with ``.`` so that a directory KB never reads them as KB files.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from negotrack.errors import Field, NegotrackError, OutputExists, UsageError


class WriteFailed(NegotrackError):
    """A file could not be written (permissions, a full disk, a missing directory)."""


class NotRegularFile(UsageError):
    """The path to write names something other than a regular file or nothing."""


def check_replaceable(path: Path) -> None:
    """Raise :class:`NotRegularFile` unless ``path`` is a regular file or does not exist."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError:  # reported when the write itself fails, with its reason
        return
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(
            f"{path} is {_kind(info.st_mode)}, not a regular file; negotrack writes only "
            "regular files (name a new file, or '-' for standard output)"
        )


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"  # pragma: no cover - no other kinds on POSIX


def lock_path(path: Path) -> Path:
    """The sidecar lock file of a single file: ``.<name>.lock`` next to it."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(lock_file: Path, *, like: Path | None = None) -> Iterator[float]:
    """Hold an exclusive lock on ``lock_file`` for the duration of the block.

    Blocks until every other holder has released it, then yields the time the
    lock was taken (see :func:`remove_stale_temporaries`). A lock file this
    call creates gets the read and write permissions of ``like`` for group and
    others (the file or directory it guards), whatever the umask; it is opened
    read-only, so a lock file someone else created can be locked by anyone who
    can read it. Where ``fcntl`` does not exist (Windows), the block runs
    without a lock.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not a POSIX system
        yield time.time()
        return
    fd = _open_lock(lock_file, like)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield time.time()
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _open_lock(lock_file: Path, like: Path | None) -> int:
    try:
        fd = os.open(lock_file, os.O_RDONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError as error:
        raise WriteFailed(_why(f"cannot create the lock file {lock_file}", error)) from None
    else:
        try:
            shared = stat.S_IMODE(os.stat(like).st_mode) & 0o066 if like is not None else 0
            os.fchmod(fd, 0o600 | shared)
        except OSError:  # pragma: no cover - the file was just created by this process
            pass
        return fd
    try:
        return os.open(lock_file, os.O_RDONLY)
    except OSError as error:
        raise WriteFailed(_why(f"cannot open the lock file {lock_file}", error)) from None


#: How :func:`replacing` names its temporary files: ``.<name>.<8 hex digits>.tmp``.
TEMPORARY = re.compile(r"\.(?P<name>.+)\.[0-9a-f]{8}\.tmp")


def remove_stale_temporaries(path: Path, before: float) -> list[Path]:
    """Remove the temporary files a killed write of ``path`` left behind.

    Only files named as :func:`replacing` names its temporary files for
    ``path`` and last modified before ``before`` (the time the caller took the
    lock that every writer of ``path`` holds while it writes) are removed: a
    writer that made one then is gone. Returns what was removed; a file that
    cannot be removed is left.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        match = TEMPORARY.fullmatch(entry.name)
        if match is None or match["name"] != path.name:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < before:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


@contextlib.contextmanager
def replacing(
    path: Path, *, overwrite: bool = True, durable: bool = True, mode: int | None = None
) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on a clean exit, move it over ``path``.

    The caller writes the new content to the yielded path. On leaving the
    block the temporary file is fsynced, given the permission bits of the file
    it replaces (new files get the usual ``0666`` less the umask), and renamed
    over ``path``. With ``overwrite=False`` an existing ``path`` is never
    replaced: :class:`~negotrack.errors.OutputExists` is raised instead. On any
    error the temporary file is removed and ``path`` is left as it was. Only a
    regular file is replaced (see :func:`check_replaceable`). ``durable=False``
    skips the fsyncs, for files that may be lost in a crash (the parse cache);
    ``mode`` gives the new file these permission bits instead.
    """
    directory = path.parent
    check_replaceable(path)
    temporary = _create_temporary(path)
    try:
        yield temporary
        if durable:
            _fsync_file(temporary)
        if mode is None:
            try:
                mode = stat.S_IMODE(os.stat(path).st_mode)
            except FileNotFoundError:
                mode = None
        if mode is not None:
            os.chmod(temporary, mode)
        check_replaceable(path)
        if overwrite:
            os.replace(temporary, path)
        else:
            _create_from(temporary, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(error, OSError) and not isinstance(error, FileExistsError):
            raise WriteFailed(_why(f"cannot write {path}", error)) from None
        raise
    if durable:
        _fsync_directory(directory)


def write_bytes(
    path: Path,
    data: bytes,
    *,
    overwrite: bool = True,
    durable: bool = True,
    mode: int | None = None,
) -> None:
    """Atomically make ``data`` the content of ``path`` (see :func:`replacing`)."""
    with replacing(path, overwrite=overwrite, durable=durable, mode=mode) as temporary:
        temporary.write_bytes(data)


def _create_temporary(path: Path) -> Path:
    for _ in range(100):
        candidate = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise WriteFailed(_why(f"cannot write {path}", error)) from None
        os.close(fd)
        return candidate
    raise WriteFailed(f"cannot write {path}: no free temporary name")  # pragma: no cover


def _create_from(temporary: Path, path: Path) -> None:
    """Give ``temporary`` the name ``path`` only if nothing has that name yet.

    A hard link fails atomically when the name exists, so a file created by
    someone else in the meantime is never clobbered. Where hard links are not
    supported, fall back to checking first.
    """
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise OutputExists(
            f"{path} already exists; use ", Field("force"), " to replace it"
        ) from None
    except OSError:
        if os.path.lexists(path):
            raise OutputExists(
                f"{path} already exists; use ", Field("force"), " to replace it"
            ) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows cannot open a directory
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on directories
        pass
    finally:
        os.close(fd)


def _why(what: str, error: OSError) -> str:
    return f"{what}: {error.strerror or error}"
