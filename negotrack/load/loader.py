"""Find the knowledge base, read its file(s), and build a :class:`KnowledgeBase`.

The loader knows files, bytes and line numbers. It reports what is wrong with
each file as problems (syntax, encoding, schema) and hands back every record
that is valid, so that the cross-record rules can still run on them.

Which KB: the path given (``kb_path``), else ``NEGOTRACK_KB``; else, as git finds ``.git``, the
first folder from the current one upwards that holds a ``negotrack.yaml`` marker
(whose ``kb:`` names the KB, relative to it), a ``data/positions.yaml`` or a
``positions.yaml`` (``.yml`` as well); else the KB bundled with the package. A
directory KB is every ``*.yaml`` and ``*.yml`` file directly in it (hidden files
and the marker excepted), read in name order.

Unchanged files are read from the parse cache (:mod:`negotrack.load.cache`) when it
is allowed; their YAML is parsed again only if a field's line and column are
asked for.
"""

from __future__ import annotations

import codecs
import gc
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from negotrack.errors import Field, KBNotFound, UsageError
from negotrack.load.parsed import FileResult
from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem
from negotrack.model.records import SECTION_OF, SECTIONS, Record

if TYPE_CHECKING:
    from negotrack.load.cache import Store

ENV_KB = "NEGOTRACK_KB"
DEFAULT_KB = Path("data") / "positions.yaml"
#: The file that marks a folder as a KB's project and names the KB (``kb: PATH``).
MARKER = "negotrack.yaml"
#: What makes a folder a KB's project, in the order looked for in each folder.
PROJECT_FILES = (
    Path("data") / "positions.yaml",
    Path("data") / "positions.yml",
    Path("positions.yaml"),
    Path("positions.yml"),
)
#: The suffixes of the files of a directory KB.
SUFFIXES = (".yaml", ".yml")
SUPPORTED_VERSIONS = ("1",)

_BOM = b"\xef\xbb\xbf"

#: The most bytes one KB file may hold (and a position given as a file): more
#: than twice a KB of 100,000 positions, and a bound on what reading it costs.
MAX_FILE_BYTES = 128 * 2**20

#: ``progress(done, total)``: how far reading has gone, in bytes of the files
#: being parsed (``done`` is an estimate that grows as parsing and validation go).
Progress = Callable[[int, int], None]

#: Parsing takes about three quarters of the time of reading a file, validating the rest.
_PARSE_SHARE = 0.75


def bundled_kb() -> Path:
    """The KB shipped inside the package (``data/positions.yaml`` of the source tree).

    Read through :mod:`importlib.resources`, so it is found the same way in a
    wheel, an editable install and a source checkout.
    """
    from importlib.resources import files

    return Path(str(files("negotrack.bundled") / "positions.yaml"))


def locate(kb_path: str | os.PathLike[str] | None = None) -> Path:
    """The KB to use: the argument, ``$NEGOTRACK_KB``, the project found from the
    current folder upwards (see :func:`discover`), or the bundled KB."""
    return find_kb(kb_path)[0]


def find_kb(kb_path: str | os.PathLike[str] | None = None) -> tuple[Path, bool]:
    """:func:`locate`, and whether the KB is the bundled one because no other was
    found (a path that happens to be the bundled file is not "bundled").

    An empty path, given or in the environment, is a usage error rather than
    "no path": ``"$UNSET"`` must not quietly mean the default KB.
    """
    refuse_empty(kb_path)
    if kb_path is None:
        kb_path = os.environ.get(ENV_KB)
    if kb_path is not None:
        path = Path(kb_path)
        if not path.exists():
            raise KBNotFound(f"knowledge base not found: {path}")
        if not path.is_dir():
            _regular_file(path)
        return path, False
    found = discover()
    if found is not None:
        return found, False
    bundled = bundled_kb()
    if not bundled.is_file():
        raise KBNotFound(
            "no knowledge base: give ",
            Field("kb_path", value="PATH"),
            f" or set {ENV_KB} (no {DEFAULT_KB} here and none bundled with this installation)",
        )
    return bundled, True


def refuse_empty(kb_path: str | os.PathLike[str] | None) -> None:
    """Raise :class:`~negotrack.errors.UsageError` for an empty KB path, given or
    in ``$NEGOTRACK_KB``: ``"$UNSET"`` must not quietly mean the default KB."""
    if kb_path is not None and os.fspath(kb_path) == "":
        raise UsageError("the knowledge base path is empty; name a KB file or directory")
    if kb_path is None and os.environ.get(ENV_KB) == "":
        raise UsageError(
            f"{ENV_KB} is set but empty; name a KB file or directory in it, or unset it"
        )


def discover(start: Path | None = None) -> Path | None:
    """The KB of the project the folder ``start`` (default: the current one) is in.

    Like git looking for ``.git``: ``start`` and then each parent folder in turn,
    the first that holds a :data:`MARKER` (the KB it names) or one of
    :data:`PROJECT_FILES`. The path is relative to the current folder
    (``../data/positions.yaml``) when it can be, as it is then shown in messages.
    """
    here = Path.cwd() if start is None else start
    folder = here.resolve()
    for candidate in (folder, *folder.parents):
        marker = candidate / MARKER
        if marker.is_file():
            return _relative(_marked(marker, str(_relative(marker, here))), here)
        for name in PROJECT_FILES:
            if (candidate / name).is_file():
                return _relative(candidate / name, here)
    return None


def _marked(marker: Path, label: str) -> Path:
    """The KB a marker file names: ``kb: PATH``, relative to the marker's folder."""
    from negotrack.load import yamltree

    raw, _ = read_regular(marker, label)
    try:
        tree, problems = yamltree.parse(raw.decode("utf-8"))
    except UnicodeDecodeError:
        tree, problems = None, []
    value = tree.get("kb") if isinstance(tree, dict) else None
    if problems or not isinstance(value, str) or not value.strip():
        raise KBNotFound(
            f"{label}: expected `kb: PATH`, the knowledge base this folder belongs to",
        )
    path = marker.parent / value
    if not path.exists():
        raise KBNotFound(f"knowledge base not found: {value} (named by {label})")
    return path


def _relative(path: Path, here: Path) -> Path:
    try:
        return Path(os.path.relpath(path, here.resolve()))
    except ValueError:  # another drive, on Windows
        return path


def kb_files(path: Path) -> list[Path]:
    """The YAML files that make up the KB at ``path``."""
    if path.is_dir():
        try:
            files = sorted(
                p
                for p in path.iterdir()
                if p.suffix in SUFFIXES and not p.name.startswith(".") and p.name != MARKER
            )
        except OSError as error:
            raise KBNotFound(f"cannot read {path}: {error.strerror or error}") from None
        if not files:
            raise KBNotFound(f"no *.yaml or *.yml files in directory {path}")
        for file in files:
            _regular_file(file)
        return files
    return [path]


def _regular_file(path: Path) -> None:
    """Refuse devices, pipes and sockets: reading /dev/zero or a FIFO never ends."""
    if not path.is_file():
        raise KBNotFound(f"not a regular file: {path}")


def read_regular(path: Path, label: str) -> tuple[bytes, int]:
    """The bytes and modification time of the regular file at ``path``.

    A device, pipe or socket is refused before anything is read (reading
    /dev/zero or a FIFO never ends; the file is opened without blocking, so a
    pipe put in its place meanwhile is refused too), and so is a file larger
    than :data:`MAX_FILE_BYTES`. ``label`` names the file in messages.
    """
    fd, info = _open_regular(path, label)
    return _read_open(fd, label), info.st_mtime_ns


def _open_regular(path: Path, label: str) -> tuple[int, os.stat_result]:
    """An open descriptor of the regular file at ``path`` and its status (see
    :func:`read_regular`)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise KBNotFound(f"cannot read {label}: {error.strerror or error}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise KBNotFound(f"not a regular file: {label}")
    return fd, info


def _read_open(fd: int, label: str) -> bytes:
    """Read an open descriptor to its end (and close it)."""
    with os.fdopen(fd, "rb") as file:
        try:
            return read_bounded(file, label)
        except OSError as error:
            raise KBNotFound(f"cannot read {label}: {error.strerror or error}") from None


def read_bounded(stream: BinaryIO, label: str) -> bytes:
    """Read ``stream`` to its end, refusing more than :data:`MAX_FILE_BYTES`."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise KBNotFound(
            f"cannot read {label}: larger than {MAX_FILE_BYTES // 2**20} MiB, "
            "the most a knowledge base file may hold"
        )
    return data


def read_file(path: Path, label: str | None = None) -> FileResult:
    """Read, parse and validate one KB file against the format."""
    label = label if label is not None else str(path)
    raw, _ = read_regular(path, label)
    return parse_bytes(raw, label)


def parse_bytes(
    raw: bytes, label: str, *, progress: Callable[[float], None] | None = None
) -> FileResult:
    """Parse and validate the bytes of one KB file.

    ``progress``, if given, is called with the fraction of the work done. The
    result keeps ``raw`` to find the places of fields if they are asked for
    (see :class:`_SourceMap`).
    """
    result = _parse(raw, label, progress)
    result.reread = lambda: raw
    if progress is not None:
        progress(1.0)
    return result


def _parse(raw: bytes, label: str, progress: Callable[[float], None] | None) -> FileResult:
    result = FileResult(label, None)
    text = _decode(raw, result)  # UTF-8 bytes, which the parser reads without a copy
    if text is None:
        return result

    from negotrack.load import yamltree

    on_event = None
    if progress is not None and text:
        length = len(text)  # bytes, not characters: the fraction may stay a little low

        def on_event(index: int) -> None:
            progress(_PARSE_SHARE * index / length)

    # The places of the records only: those of other nodes are found, by
    # reading the text again, only for a problem to report (see places).
    tree, yaml_problems = yamltree.parse(text, progress=on_event, places=False)
    for yp in yaml_problems:
        result.problems.append(_problem(label, yp.line, yp.column, yp.message, "yaml"))
    if any(yp.fatal for yp in yaml_problems):
        return result
    result.tree = tree
    places = _Places(tree, lambda: text)

    if tree is None:
        result.problems.append(
            _problem(
                label,
                0,
                0,
                "empty file: a KB file is a mapping with keys such as "
                "'negotrack: 1', 'actors:' and 'positions:'",
                "structure",
            )
        )
        return result
    if not isinstance(tree, dict):
        line, column = places.mark(()) or (0, 0)
        result.problems.append(
            _problem(
                label,
                line,
                column,
                "the top level of a KB file must be a mapping (negotrack:, actors:, issues:, "
                f"sources:, positions: ...), not {_kind(tree)}",
                "structure",
            )
        )
        return result
    if not _version_ok(tree, result, places):
        return result

    from negotrack.load.schema import validate_tree

    data, schema_problems, result.salvage = validate_tree(tree)
    for sp in schema_problems:
        line, column = places.mark(sp.path, key=sp.at_key) or (0, 0)
        field = sp.path[2] if len(sp.path) > 2 and isinstance(sp.path[2], str) else None
        result.problems.append(_problem(label, line, column, sp.message, "schema", field))
    if places.whole is not None:  # parsed with every place: keep it for the rules' problems
        result.tree = tree = places.whole
    for section in SECTIONS:
        items = tree.get(section)
        if items is None:  # no records in this section
            continue
        for index, record in enumerate(getattr(data, section)):
            if record is not None:
                record.file = label
                record.line = items.marks[2 + 2 * index] + 1
    result.data = data
    return result


def load(
    kb_path: str | os.PathLike[str] | None = None,
    *,
    cache: bool = True,
    progress: Progress | None = None,
) -> tuple[KnowledgeBase, list[Problem]]:
    """Read every file of the KB; return the merged KB and the per-file problems.

    ``cache`` allows reusing the result of an earlier read of unchanged files
    (see :mod:`negotrack.load.cache`); it never changes the result. ``progress`` is
    told how far parsing has gone (see :data:`Progress`); it is called only
    when some file has to be parsed.

    Cross-record checks are not run here: see :func:`negotrack.checks.validate.check`.
    """
    root, bundled = find_kb(kb_path)
    store = None
    if cache:
        from negotrack.load.cache import open_store

        store = open_store()
    files = [(path, file_label(root, path)) for path in kb_files(root)]
    with bulk():
        return merge(_read_all(files, store, progress), path=str(root), bundled=bundled)


def unchanged(
    store: Store, kb_path: str | os.PathLike[str] | None = None
) -> tuple[list[str], bytes] | None:
    """The files of the KB as named and its cache fingerprint, if the cache holds
    every file with its status now (none was written to since); else None.

    Nothing is parsed or decoded: each file is opened (so that one that cannot be
    read is reported as :func:`load` would) and the header of its entry read.
    """
    from negotrack.load.cache import fingerprint

    root, _ = find_kb(kb_path)
    labels, keys = [], []
    for path in kb_files(root):
        label = file_label(root, path)
        fd, info = _open_regular(path, label)
        os.close(fd)
        key = store.content_key_of(path, store.status_key(path, info))
        if key is None:
            return None
        labels.append(label)
        keys.append(key)
    return labels, fingerprint(labels, keys)


@contextmanager
def bulk() -> Iterator[None]:
    """Pause the cycle collector while a KB is built.

    Reading a large KB creates millions of objects and no reference cycles; the
    collector would walk them all again and again (about half the time of
    reading a KB from the cache). Anything left is collected once at the end.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_all(
    files: list[tuple[Path, str]], store: Any, progress: Progress | None
) -> list[FileResult]:
    """Each file's result: from the cache where it holds the file as it is now.

    A file whose status (size, times, inode) is the cached one is not read at
    all; one whose status changed is read, and its bytes decide.
    """
    entries: list[_Pending | FileResult] = []
    for path, label in files:
        fd, info = _open_regular(path, label)
        cached = None
        status = store.status_key(path, info) if store is not None else b""
        if store is not None:
            cached = store.get_file(path, label, status)
        if cached is not None:
            os.close(fd)
        else:
            raw = _read_open(fd, label)
            content = store.content_key(path, raw) if store is not None else None
            if store is not None:
                cached = store.get_file(path, label, status, content)
            if cached is None:
                entries.append(_Pending(path, label, raw, status, content, info))
                continue
        cached.reread = _rereader(path, label, store, cached.key)
        entries.append(cached)
    total = sum(len(e.raw) for e in entries if isinstance(e, _Pending))
    done = 0
    results = []
    for index, entry in enumerate(entries):
        if isinstance(entry, _Pending):
            size = len(entry.raw)
            tracker = _tracker(progress, done, size, total)
            result = parse_bytes(entry.raw, entry.label, progress=tracker)
            entries[index] = result  # the bytes are not kept: the file is read again if needed
            done += size
            if store is not None and entry.content is not None:
                store.put_file(entry.path, entry.status, entry.content, result)
                result.key = entry.content
                result.reread = _rereader(entry.path, entry.label, store, entry.content)
            else:
                result.reread = _unchanged_rereader(entry.path, entry.label, entry.info)
        else:
            result = entry
        results.append(result)
    return results


@dataclass
class _Pending:
    """A file to parse: its bytes and cache keys (of the status it was read with)."""

    path: Path
    label: str
    raw: bytes
    status: bytes
    content: bytes | None
    #: The file's status when it was read, to tell whether it changed since.
    info: os.stat_result


def _rereader(path: Path, label: str, store: Any, key: bytes | None) -> Callable[[], bytes | None]:
    """Reads the file again for a field's place, if it still holds the bytes cached."""

    def reread() -> bytes | None:
        try:
            raw, _ = read_regular(path, label)
        except KBNotFound:
            return None
        return raw if store.content_key(path, raw) == key else None

    return reread


def _unchanged_rereader(path: Path, label: str, info: os.stat_result) -> Callable[[], bytes | None]:
    """Reads the file again for a field's place, if its status (size, times,
    inode) is still the one it was read with: then so are its bytes."""
    stamp = _stamp(info)

    def reread() -> bytes | None:
        try:
            fd, now = _open_regular(path, label)
        except KBNotFound:
            return None
        if _stamp(now) != stamp:
            os.close(fd)
            return None
        try:
            return _read_open(fd, label)
        except KBNotFound:
            return None

    return reread


def _stamp(info: os.stat_result) -> tuple[int, ...]:
    """What changes with every write to a file (ctime cannot be set back)."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _tracker(
    progress: Progress | None, start: int, size: int, total: int
) -> Callable[[float], None] | None:
    """Turn one file's fraction done into the loader's bytes done."""
    if progress is None:
        return None
    report: Progress = progress
    report(start, total)

    def track(fraction: float) -> None:
        report(start + int(size * fraction), total)

    return track


def merge(
    results: list[FileResult], *, path: str = "", bundled: bool = False
) -> tuple[KnowledgeBase, list[Problem]]:
    """Merge per-file results into one KB (records in file order), found at ``path``
    (the bundled KB when ``bundled``)."""
    # Any: each list goes to the KnowledgeBase field of its section's name.
    records: dict[str, Any] = {section: [] for section in SECTIONS}
    files: list[str] = []
    broken: dict[str, list[dict[str, Any]]] = {}
    complete = True
    problems: list[Problem] = []
    maps: dict[str, _SourceMap] = {}
    for result in results:
        files.append(result.label)
        problems.extend(result.problems)
        if result.salvage is not None:
            complete = complete and result.salvage.complete
            for section, items in result.salvage.broken.items():
                broken.setdefault(section, []).extend(items)
        if result.data is None:
            complete = False
            continue
        maps[result.label] = _SourceMap(result)
        for section in SECTIONS:
            records[section].extend(r for r in getattr(result.data, section) if r)

    def locator(record: Record, path: tuple[Any, ...], key: bool) -> tuple[int, int]:
        source_map = maps.get(record.file)
        if source_map is None:
            return record.line, 1
        return source_map.locate(record, path, key)

    keys = [result.key for result in results]
    stamp = None
    if results and all(keys):
        from negotrack.load.cache import fingerprint

        stamp = fingerprint(files, keys)  # type: ignore[arg-type]
    base = KnowledgeBase(
        actors=records["actors"],
        people=records["people"],
        issues=records["issues"],
        sources=records["sources"],
        events=records["events"],
        positions=records["positions"],
        documents=records["documents"],
        files=files,
        path=path,
        bundled=bundled,
        complete=complete,
        broken=broken,
        fingerprint=stamp,
        locator=locator,
    )
    sources = base.by_id("sources")
    for position in base.positions:
        if position.date is not None:
            position.when = position.date
        else:
            source = sources.get(position.source)
            if source is not None:
                position.when = source.published
                position.as_reported = True
    return base, problems


class _SourceMap:
    """Finds the line and column of a field of a record in one file's tree."""

    def __init__(self, result: FileResult) -> None:
        # A tree with the places of the records only is not kept, only where its
        # records start: the file is read again when a field's place is asked for.
        reread = result.reread
        self.places = None if reread is None else _Places(result.tree, lambda: _reread(reread))
        self.data = result.data
        self._index: dict[int, int] = {}

    def locate(self, record: Record, path: tuple[Any, ...], key: bool) -> tuple[int, int]:
        section = SECTION_OF[type(record)]
        if not self._index:
            for name in SECTIONS:
                for i, r in enumerate(getattr(self.data, name)):
                    if r is not None:
                        self._index[id(r)] = i
        index = self._index.get(id(record))
        if index is None or self.places is None:
            return record.line, 1
        found = self.places.mark((section, index, *path), key=key)
        return (found[0] + 1, found[1] + 1) if found else (record.line, 1)


class _Places:
    """The places of the nodes of one file's tree: from the tree if it holds them,
    else from the text ``read()`` gives (see :class:`negotrack.load.yamltree.Placer`).
    A tree without places is not kept, only where its records start."""

    def __init__(self, tree: Any, read: Callable[[], bytes | None]) -> None:
        self._tree: Any = None
        self._placer: Any = None
        self._read = read
        self._records: Any = {}
        if tree is not None:  # else read from the cache: PyYAML is not imported yet
            from negotrack.load import yamltree

            if yamltree.has_places(tree):
                self._tree = tree
            else:
                self._records = yamltree.outline(tree)

    def mark(self, path: tuple[Any, ...], *, key: bool = False) -> tuple[int, int] | None:
        from negotrack.load import yamltree

        if self._tree is not None:
            return yamltree.mark(self._tree, path, key=key)
        if self._placer is None:
            self._placer = yamltree.Placer(self._read, self._records)
        found: tuple[int, int] | None = self._placer.mark(path, key=key)
        return found

    @property
    def whole(self) -> Any:
        """The tree with every place, if the whole text was parsed to place something."""
        return None if self._placer is None else self._placer.tree


def _reread(reread: Callable[[], bytes | None]) -> bytes | None:
    """The file's bytes again, as the parser reads them (None if they cannot be)."""
    raw = reread()
    return _decode(raw, FileResult("", None)) if raw is not None else None


def file_label(root: Path, path: Path) -> str:
    """How a file is named in messages: as the user gave it, joined with the file's name."""
    if path == root:
        return str(path)
    return str(root / path.name)


def _decode(raw: bytes, result: FileResult) -> bytes | None:
    """The file's bytes without a byte order mark, if they are UTF-8 text (YAML
    reads them as they are); else None, with the problem in ``result``."""
    label = result.label
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        result.problems.append(
            _problem(label, 0, 0, "the file is UTF-16; save it as UTF-8", "encoding")
        )
        return None
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    nul = raw.find(b"\0")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        result.problems.append(
            _problem(
                label, line, column, "NUL byte: this is not a text file (binary data?)", "encoding"
            )
        )
        return None
    if raw.isascii() or _is_utf8(raw):
        return raw
    try:
        raw.decode("utf-8")  # (to find where it is not)
        return raw  # pragma: no cover - _is_utf8 said it is not UTF-8
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        result.problems.append(
            _problem(
                label,
                line,
                column,
                f"invalid UTF-8 (byte 0x{raw[error.start]:02x}); a KB file must be UTF-8 text",
                "encoding",
            )
        )
        return None


#: How many bytes :func:`_is_utf8` decodes at once.
_DECODE_AT_ONCE = 2**20


def _is_utf8(raw: bytes) -> bool:
    """Whether ``raw`` is UTF-8, checked a slice at a time: decoding a large file
    whole would hold a second copy of it for a moment, the peak of a run that
    places a problem."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(raw)
    try:
        for start in range(0, len(raw), _DECODE_AT_ONCE):
            decoder.decode(view[start : start + _DECODE_AT_ONCE])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """0-based line and character column of a byte offset."""
    line = raw.count(b"\n", 0, offset)
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, len(raw[start:offset].decode("utf-8", errors="replace"))


def _version_ok(tree: dict[str, Any], result: FileResult, places: _Places) -> bool:
    """Whether the file's format version is one this negotrack reads (``places``
    places the problem if not)."""
    if "negotrack" not in tree:
        return True
    version = tree["negotrack"]
    if version in SUPPORTED_VERSIONS:
        return True
    line, column = places.mark(("negotrack",)) or (0, 0)
    if isinstance(version, str) and version.isdigit():
        message = (
            f"format version {version} is not supported: this negotrack reads version "
            f"{', '.join(SUPPORTED_VERSIONS)}; upgrade negotrack to read this file"
        )
    else:
        shown = repr(version) if isinstance(version, str) else _kind(version)
        message = f"negotrack: the format version must be 1, got {shown}"
    result.problems.append(_problem(result.label, line, column, message, "version"))
    return False


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "null"
    return f"the text {value!r}"


def _problem(
    label: str, line: int, column: int, message: str, rule: str, field: str | None = None
) -> Problem:
    """A file-level problem from 0-based parser coordinates."""
    return Problem(label, line + 1, column + 1, "error", message, rule, field)
