"""The parse cache: each KB file's validated records, kept between runs.

Parsing YAML is nearly all the cost of reading a KB (PyYAML builds its events in
Python), and people run negotrack on an unchanged KB many times a day. So the
result of reading each file (its records, their lines, its problems) is kept in
the user's cache directory and reused while the file is unchanged; a directory
KB re-parses only the files that changed. The problems the cross-record rules
find are kept too, keyed by every file of the KB, and so is what ``validate``
printed (the counts and every problem), which it reuses while no file changed
without decoding a single record.

- Where: ``$NEGOTRACK_CACHE_DIR``, else ``$XDG_CACHE_HOME/negotrack``, else
  ``~/.cache/negotrack``. Deleting it is always safe.
- Key: the file's absolute path and the code that reads it (negotrack's
  version and the size and time of each of its modules, Python's, PyYAML's and
  pydantic's), with the file's status (size, modification and change times in
  ns, inode and device) and, as a second key, the SHA-256 of its bytes, so that
  an edit or an upgrade is never answered from the cache. While the status is
  unchanged the file is not even read: any write changes the change time, which
  no one can set back (``touch`` and ``utime`` set it to now). When only the
  status changed (a copy, a ``touch``) the bytes are read and hashed, and an
  entry for the same bytes is used and given the new status.
- Format: ``marshal`` of plain data (tuples, lists, dicts, strings, numbers,
  None), never ``pickle``: reading an entry cannot run code. Each entry starts
  with a magic string, its keys and the length and CRC-32 of the data, so that a
  truncated, corrupt or foreign entry is noticed, ignored and rebuilt.
- Writes go to a temporary file in the same directory that is then renamed over
  the entry (``os.replace``), so processes writing at once cannot corrupt it.
- Trust: a cache directory or entry that is not owned by the user, or that
  group or others may write (a shared ``XDG_CACHE_HOME``, a 1777 folder), is
  ignored with a warning (:class:`~negotrack.errors.NegotrackWarning`): someone
  else could plant an entry there and make a command print what is not in the
  KB. New directories are made ``0700`` and entries ``0600``.
- Size: at most :data:`MAX_BYTES` of entries (``$NEGOTRACK_CACHE_MAX_MB`` sets
  another limit); past that, the least recently used are deleted (an entry's
  modification time is renewed when it is read). The query index of a KB
  (:mod:`negotrack.load.kbindex`) is an entry too.
- Any failure to read or write the cache only means the KB is parsed afresh:
  the cache never changes results and never stops a command.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import operator
import os
import re
import stat
import sys
import time
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from negotrack import __version__
from negotrack.errors import NegotrackError, NegotrackWarning
from negotrack.load.parsed import FileResult
from negotrack.model.dates import PartialDate
from negotrack.model.problems import Problem
from negotrack.model.records import NESTED, ORIGIN_FIELDS, SECTIONS, KBFile, Term

if TYPE_CHECKING:
    from negotrack.model.kb import KnowledgeBase

ENV_DIR = "NEGOTRACK_CACHE_DIR"
ENV_MAX = "NEGOTRACK_CACHE_MAX_MB"

#: The most the entries may take together; least recently used ones go first. A KB
#: of 100,000 positions takes about 290 MB with its query index.
MAX_BYTES = 512 * 2**20
#: What an entry is called (see :meth:`Store.entry`), and a temporary file.
_ENTRY_NAME = re.compile(r"[0-9a-f]{40}\.(file|kb|summary|index)")
_TEMPORARY_NAME = re.compile(r"\..*\.tmp")
#: A temporary file older than this was left by a process that died.
_STALE_SECONDS = 3600

#: Starts every entry; the digit is the entry format, bumped when it changes.
MAGIC = b"negotrack-cache-2\n"
_KEY = 32  # SHA-256 digest
_HEADER = len(MAGIC) + 2 * _KEY + 8 + 4  # magic, two keys, payload length, payload CRC-32
_NO_KEY = bytes(_KEY)

#: Field names of each section, in the order a record's tuple holds them.
_FIELDS = {
    name: [f for f in cls.__dataclass_fields__ if f not in ORIGIN_FIELDS]
    for name, cls in SECTIONS.items()
}
#: Position of a person's ``terms`` in its tuple (after the line number).
_TERMS = _FIELDS["people"].index("terms")
#: Positions in those tuples (after the line number) that hold a PartialDate.
_DATE_FIELDS = {
    name: [i for i, f in enumerate(fields) if f in ("date", "published")]
    for name, fields in _FIELDS.items()
}
#: Positions in those tuples of lists of records (an issue's scale, a document's
#: provisions), with the class of their items.
_NESTED_FIELDS = {
    name: [(i, NESTED[(name, f)]) for i, f in enumerate(fields) if (name, f) in NESTED]
    for name, fields in _FIELDS.items()
}


def directory() -> Path | None:
    """Where the cache lives, or None when there is no home to put it in."""
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG spec says to ignore a relative path
        return Path(xdg) / "negotrack"
    try:
        return Path.home() / ".cache" / "negotrack"
    except (RuntimeError, KeyError):  # no HOME and no password entry
        return None


class Store:
    """The cache directory: entries for files and for whole KBs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._warned = False

    def status_key(self, path: Path, info: os.stat_result) -> bytes:
        """The key of one file by its status: where it is, its size, times and inode."""
        where = os.fsencode(os.path.abspath(path))
        stamp = f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{info.st_dev}"
        return _digest(code_stamp(), b"status", where, stamp.encode())

    def content_key(self, path: Path, raw: bytes) -> bytes:
        """The key of one file by its bytes: where it is and their SHA-256."""
        where = os.fsencode(os.path.abspath(path))
        return _digest(code_stamp(), b"content", where, hashlib.sha256(raw).digest())

    def get_file(
        self, path: Path, label: str, status: bytes, content: bytes | None = None
    ) -> FileResult | None:
        """The cached result of reading ``path``: by its status, or, given ``content``
        (the key of its bytes), by its bytes. The result's ``key`` is the content key."""
        name = self.entry(b"file", path)
        found = self._open(name)
        if found is None:
            return None
        keys, payload = found
        if keys[0] != status and (content is None or keys[1] != content):
            return None
        entry = _loads(payload)
        if entry is None:
            return None
        try:
            result = _decode(entry, label)
        except Exception:  # a well-formed entry of an unexpected shape: parse afresh
            return None
        result.key = keys[1]
        if keys[0] != status:  # the same bytes under a new status: answer by status next time
            self._write_payload(name, (status, keys[1]), payload)
        return result

    def put_file(self, path: Path, status: bytes, content: bytes, result: FileResult) -> None:
        try:
            entry = _encode(result)
        except (TypeError, ValueError):  # pragma: no cover - a value the codec does not know
            return
        self._write(self.entry(b"file", path), status, entry, content)

    def kb_problems(
        self, kb: KnowledgeBase, compute: Callable[[KnowledgeBase], list[Problem]]
    ) -> list[Problem]:
        """The cross-record problems of ``kb``: from the cache while no file changed."""
        assert kb.fingerprint is not None
        name = self.entry(b"kb", *kb.files)
        entry = self._read(name, kb.fingerprint)
        if entry is not None:
            try:
                return [Problem(*fields) for fields in entry]
            except Exception:  # an entry of an unexpected shape: compute afresh
                pass
        problems = compute(kb)
        self._write(
            name,
            kb.fingerprint,
            [(p.file, p.line, p.column, p.level, p.message, p.rule, p.field) for p in problems],
        )
        return problems

    def content_key_of(self, path: Path, status: bytes) -> bytes | None:
        """The content key of the file at ``path`` if its entry holds it with this
        status; only the entry's header is read."""
        entry = self.entry(b"file", path)
        try:
            with open(entry, "rb") as file:
                if untrusted(os.fstat(file.fileno())) is not None:
                    return None
                header = file.read(_HEADER)
        except OSError:
            return None
        start = len(MAGIC)
        if len(header) < _HEADER or not header.startswith(MAGIC):
            return None
        if header[start : start + _KEY] != status:
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # used now: the last to go when the cache is pruned
        return header[start + _KEY : start + 2 * _KEY]

    def get_summary(self, labels: list[str], fingerprint: bytes) -> Any:
        """What ``validate`` printed of this KB as it is now: (counts, problems), or None."""
        entry = self._read(self.entry(b"summary", *labels), fingerprint)
        try:
            counts, problems = entry
            return dict(counts), [Problem(*fields) for fields in problems]
        except Exception:  # no entry, or one of an unexpected shape
            return None

    def put_summary(
        self, labels: list[str], fingerprint: bytes, counts: dict[str, int], problems: list[Problem]
    ) -> None:
        rows = [(p.file, p.line, p.column, p.level, p.message, p.rule, p.field) for p in problems]
        self._write(self.entry(b"summary", *labels), fingerprint, (list(counts.items()), rows))

    def entry(self, kind: bytes, *paths: str | Path) -> Path:
        # One entry per place, so that a changed file replaces its entry rather
        # than adding one: a file's is named by its absolute path, a KB's by its
        # files as named (the cross-record messages name them).
        names = [os.fsencode(os.path.abspath(p)) for p in paths]
        if kind in (b"kb", b"summary", b"index"):
            names += [os.fsencode(p) for p in paths]
        name = hashlib.sha256(b"\0".join([kind, *names])).hexdigest()
        return self.root / f"{name[:40]}.{kind.decode()}"

    def trusted(self, path: Path) -> bool:
        """Whether the entry or directory at ``path`` exists and may be trusted (see
        :func:`untrusted`); the first one that may not is reported in a warning."""
        try:
            info = os.stat(path)
        except OSError:
            return False
        return self._trust(info)

    def _trust(self, info: os.stat_result) -> bool:
        """Whether an entry with this status may be trusted; the first that may not is
        reported in a warning."""
        distrust = untrusted(info)
        if distrust is not None and not self._warned:
            self._warned = True
            _warn(f"ignoring parse cache entries in {self.root}: {distrust}")
        return distrust is None

    def _read(self, entry: Path, key: bytes) -> Any:
        """The data of ``entry`` if its first key is ``key``, else None."""
        found = self._open(entry)
        if found is None or found[0][0] != key:
            return None
        return _loads(found[1])

    def _open(self, entry: Path) -> tuple[tuple[bytes, bytes], memoryview] | None:
        """The keys and the checked (not yet decoded) data of an entry, or None."""
        try:
            with open(entry, "rb") as file:
                if not self._trust(os.fstat(file.fileno())):
                    return None
                blob = file.read()
        except OSError:
            return None
        if len(blob) < _HEADER or not blob.startswith(MAGIC):
            return None
        start = len(MAGIC)
        keys = (blob[start : start + _KEY], blob[start + _KEY : start + 2 * _KEY])
        start += 2 * _KEY
        length = int.from_bytes(blob[start : start + 8], "little")
        crc = int.from_bytes(blob[start + 8 : _HEADER], "little")
        payload = memoryview(blob)[_HEADER:]
        if len(payload) != length or zlib.crc32(payload) != crc:
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # used now: the last to go when the cache is pruned
        return keys, payload

    def _write(self, entry: Path, key: bytes, data: Any, second: bytes = _NO_KEY) -> None:
        try:
            payload = marshal.dumps(data)
        except ValueError:  # pragma: no cover - only plain data is ever stored
            return
        self._write_payload(entry, (key, second), payload)

    def _write_payload(
        self, entry: Path, keys: tuple[bytes, bytes], payload: bytes | memoryview
    ) -> None:
        header = MAGIC + keys[0] + keys[1] + len(payload).to_bytes(8, "little")
        header += zlib.crc32(payload).to_bytes(4, "little")
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            if untrusted(os.stat(self.root)) is not None:  # made by someone else meanwhile
                return
            _replace_atomically(entry, header + payload)
            self.prune()
        except (OSError, NegotrackError):  # a read-only or full disk: run without the cache
            pass

    def prune(self, limit: int | None = None) -> None:
        """Delete the least recently used entries until they take at most ``limit``
        bytes (:data:`MAX_BYTES`), and temporary files a dead process left."""
        limit = max_bytes() if limit is None else limit
        entries: list[tuple[int, int, str]] = []
        total = 0
        now = time.time()
        with os.scandir(self.root) as found:
            for item in found:
                try:
                    info = item.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not stat.S_ISREG(info.st_mode):
                    continue
                if _TEMPORARY_NAME.fullmatch(item.name):
                    if now - info.st_mtime > _STALE_SECONDS:
                        with contextlib.suppress(OSError):
                            os.unlink(item.path)
                elif _ENTRY_NAME.fullmatch(item.name):
                    entries.append((info.st_mtime_ns, info.st_size, item.path))
                    total += info.st_size
        entries.sort()
        for _, size, path in entries:
            if total <= limit:
                break
            with contextlib.suppress(OSError):
                os.unlink(path)
                total -= size


def open_store() -> Store | None:
    """The cache, or None when there is nowhere to keep it or its directory is not
    to be trusted (see :func:`untrusted`; a warning says so)."""
    root = directory()
    if root is None:
        return None
    try:
        info = os.stat(root)
    except OSError:  # not made yet (it will be, 0700), or unreachable: writes will fail
        info = None
    distrust = untrusted(info) if info is not None else None
    if distrust is not None:
        _warn(f"ignoring the parse cache {root}: {distrust}")
        return None
    # A size that cannot be read is said by every command that uses the cache, not
    # only by one that happens to write to it (a cold run, never a warm one).
    max_bytes()
    return Store(root)


def max_bytes() -> int:
    """How much the entries may take: ``$NEGOTRACK_CACHE_MAX_MB`` mebibytes (a KB of a
    million positions needs about 1.5 GiB), else :data:`MAX_BYTES`. A value that is
    not a whole number is ignored, with a warning."""
    given = os.environ.get(ENV_MAX)
    if not given:
        return MAX_BYTES
    if given.isascii() and given.isdigit():
        return int(given) * 2**20
    _warn(f"ignoring {ENV_MAX}={given!r}: give a whole number of MiB")
    return MAX_BYTES


def untrusted(info: os.stat_result) -> str | None:
    """Why a cache directory or entry with this status may not be trusted, or None:
    it must belong to the user and be writable by no one else."""
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return f"it belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return f"others may write to it (mode {stat.S_IMODE(info.st_mode):04o})"
    return None


def _warn(message: str) -> None:
    warnings.warn(NegotrackWarning(message), stacklevel=3)


def fingerprint(labels: list[str], keys: list[bytes]) -> bytes:
    """The key of a whole KB: each file as named and as read."""
    return _digest(b"kb", *(os.fsencode(label) for label in labels), *keys)


def _loads(payload: memoryview) -> Any:
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def _replace_atomically(path: Path, data: bytes) -> None:
    # Not fsynced: a cache entry lost in a crash is only parsed again.
    from negotrack.atomic import write_bytes

    write_bytes(path, data, durable=False, mode=0o600)


def _digest(*parts: bytes) -> bytes:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.digest()


_STAMP: list[bytes] = []


def code_stamp() -> bytes:
    """What identifies the code that reads a KB: any change to it may change results.

    negotrack's version and the size and time of each of its modules (so that
    an edited checkout does not answer from an older cache), Python's version,
    and the installed PyYAML, pydantic and pydantic-core (found, not imported).
    """
    if _STAMP:
        return _STAMP[0]
    from importlib.machinery import PathFinder

    parts = [MAGIC, __version__.encode(), sys.version.encode(), str(marshal.version).encode()]
    package = Path(__file__).parent.parent
    # The stages that turn YAML into records and problems; rendering never reaches the cache.
    folders = [package / name for name in ("model", "load", "checks", "checks/rules")]
    for folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for item in entries:
            if item.name.endswith(".py"):
                parts.append(_stat_stamp(item.path, item.name))
    for name in ("yaml", "pydantic", "pydantic_core"):
        spec = PathFinder.find_spec(name)
        origin = spec.origin if spec is not None else None
        parts.append(_stat_stamp(origin, name) if origin else name.encode())
    _STAMP.append(_digest(*parts))
    return _STAMP[0]


def _stat_stamp(path: str, name: str) -> bytes:
    try:
        info = os.stat(path)
    except OSError:
        return name.encode()
    return f"{name}:{info.st_size}:{info.st_mtime_ns}".encode()


# -- what an entry holds ------------------------------------------------------
#
# A file's entry: (problems, records, salvage). problems: (line, column, level,
# message, rule, field) tuples; the file's label is added back on reading, as a KB may
# be named differently from one run to the next. records: None when the file
# could not be read as a KB, else one tuple per section (in SECTIONS order) of
# None (an invalid record) or (line, field values...) with dates as text.
# salvage: None or (complete, {section: [plain mappings of invalid records]}).


def _encode(result: FileResult) -> tuple[Any, ...]:
    problems = tuple(
        (p.line, p.column, p.level, p.message, p.rule, p.field) for p in result.problems
    )
    records = None
    if result.data is not None:
        # Equal strings as one object: marshal then writes each once and refers
        # back to it, which halves an entry and makes reading it faster.
        same: dict[str, str] = {}
        records = tuple(
            tuple(
                None if record is None else record_row(section, record, same)
                for record in getattr(result.data, section)
            )
            for section in SECTIONS
        )
    salvage = None
    if result.salvage is not None and (result.salvage.broken or not result.salvage.complete):
        broken = {
            section: [_plain(item) for item in items]
            for section, items in result.salvage.broken.items()
        }
        salvage = (result.salvage.complete, broken)
    return (problems, records, salvage)


def _nested_tuple(record: Any, same: dict[str, str]) -> tuple[Any, ...]:
    """A record inside a record (a scale option, a provision): its field values, dates
    as text."""
    values = []
    for name in record.__dataclass_fields__:
        value = getattr(record, name)
        if isinstance(value, str):
            value = same.setdefault(str(value), str(value))
        elif value is not None and not isinstance(value, (int, list, tuple)):
            value = str(value)  # a PartialDate
        values.append(value)
    return tuple(values)


def _nested_record(cls: Any, row: tuple[Any, ...], dates: dict[str, Any]) -> Any:
    names = list(cls.__dataclass_fields__)
    values = dict(zip(names, row, strict=True))
    for name, spec in cls.__dataclass_fields__.items():
        if "PartialDate" in str(spec.type) and values[name] is not None:
            text = values[name]
            values[name] = dates.get(text) or dates.setdefault(text, PartialDate.parse(text))
    return cls(**values)


def record_row(section: str, record: Any, same: dict[str, str] | None = None) -> tuple[Any, ...]:
    """A record of ``section`` as plain data, as an entry holds it: its line, then its
    field values (each read at once), dates as text, records inside it (a scale's
    options, a document's provisions) as tuples, a person's terms as (role, from,
    until); see :func:`build_record`. ``same`` makes equal strings one object across
    records: marshal then writes each once and refers back to it."""
    values = list(_GETTERS[section](record))
    for index in _DATE_FIELDS[section]:
        if values[index] is not None:
            values[index] = str(values[index])
    if same is not None:
        for index, value in enumerate(values):
            if type(value) is str:
                values[index] = same.setdefault(value, value)
            elif type(value) is list:
                values[index] = [same.setdefault(v, v) if type(v) is str else v for v in value]
    for index, _ in _NESTED_FIELDS[section]:
        values[index] = [
            _nested_tuple(item, {} if same is None else same) for item in values[index]
        ]
    if section == "people":
        values[_TERMS] = [
            (t.role, str(t.start), None if t.until is None else str(t.until))
            for t in values[_TERMS]
        ]
    return (record.line, *values)


#: Reads the fields of a record of each section, in ``_FIELDS`` order.
_GETTERS = {section: operator.attrgetter(*fields) for section, fields in _FIELDS.items()}


def build_record(section: str, row: tuple[Any, ...], label: str, dates: dict[str, Any]) -> Any:
    """The record of ``section`` that :func:`record_row` made ``row`` of, read from the
    file ``label``. ``dates`` shares equal dates between records."""
    values = list(row[1:])
    for index, nested in _NESTED_FIELDS[section]:
        values[index] = [_nested_record(nested, item, dates) for item in values[index]]
    for index in _DATE_FIELDS[section]:
        text = values[index]
        if text is not None:
            date = dates.get(text)
            if date is None:
                date = dates[text] = PartialDate.parse(text)
            values[index] = date
    if section == "people":
        values[_TERMS] = [
            Term(role, PartialDate.parse(start), None if end is None else PartialDate.parse(end))
            for role, start, end in values[_TERMS]
        ]
    record = SECTIONS[section](*values)
    record.file = label
    record.line = row[0]
    return record


def _plain(value: Any) -> Any:
    """A YAML tree node as plain dicts and lists (marshal takes no subclasses)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _decode(entry: Any, label: str) -> FileResult:
    problems, records, salvage = entry
    result = FileResult(label, None)
    result.problems = [Problem(label, *fields) for fields in problems]
    if salvage is not None:
        from negotrack.load.schema import Salvage

        result.salvage = Salvage(broken=salvage[1], complete=salvage[0])
    if records is None:
        return result
    dates: dict[str, PartialDate] = {}
    data = KBFile()
    for section, rows in zip(SECTIONS, records, strict=True):
        setattr(
            data,
            section,
            [None if row is None else build_record(section, row, label, dates) for row in rows],
        )
    result.data = data
    return result
