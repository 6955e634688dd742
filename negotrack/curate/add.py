"""Add a position to a KB file: validated as a whole, appended byte for byte, written atomically.

The cycle, under an exclusive lock on the KB (one lock file per KB, see
:func:`lock_file` and :mod:`negotrack.atomic`) so that concurrent ``add``\\ s,
to one file or to different files of a directory KB, queue rather than
overwrite each other or check against a stale copy:

1. read every file of the KB under the lock (temporary files a killed
   ``add`` left are removed then);
2. resolve the entry's names and generate its id against the KB as it is now;
3. insert the entry's text after the last item of ``positions:`` (and a new
   source after the last of ``sources:``), every other byte unchanged;
4. validate the KB as it would be after the write, with every check of
   ``negotrack validate``, and check that the old text still reads exactly as
   before and the new entry as given;
5. with no error, write the new bytes atomically. Otherwise write nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from negotrack import atomic
from negotrack.checks import rules
from negotrack.curate import insertion, yamlemit
from negotrack.curate.entry import Entry, generate_id, resolve_names
from negotrack.errors import Field, InvalidKB, UsageError
from negotrack.load import loader
from negotrack.load.parsed import FileResult
from negotrack.model.problems import Level, Problem

_BOM = "\ufeff"


@dataclass(frozen=True)
class EntryProblem:
    """A problem in the new entry: about one of its fields, not a place in a file."""

    #: ``positions``, or ``sources`` for the new source.
    section: str
    field: str
    level: Level
    #: As validation words it (``stance: expected ...`` or ``missing required field ...``).
    message: str
    rule: str


@dataclass
class AddResult:
    """What ``add`` did or would do."""

    id: str
    #: The file the entry goes to, as named in messages.
    file: str
    #: ``(section, text)`` for each item inserted, with any new section header.
    inserted: list[tuple[str, str]]
    #: Every error (nothing is written if there is one) and the warnings about the new entry.
    problems: list[Problem | EntryProblem] = field(default_factory=list)
    written: bool = False

    @property
    def errors(self) -> list[Problem | EntryProblem]:
        return [p for p in self.problems if p.level == "error"]


def add(
    entry: Entry,
    kb_path: str | os.PathLike[str] | None = None,
    *,
    file: str | None = None,
    dry_run: bool = False,
) -> AddResult:
    """Append ``entry`` to the KB at ``kb_path`` (for a directory, to ``file`` or the
    file holding the most positions), unless the KB would then have an error."""
    if kb_path is None and loader.ENV_KB not in os.environ and loader.discover() is None:
        raise UsageError(
            "no knowledge base to add to: give ",
            Field("kb_path", value="PATH"),
            " or set NEGOTRACK_KB (the knowledge base bundled with negotrack is never edited)",
        )
    root = loader.locate(kb_path)
    real_root = Path(os.path.realpath(root))
    _outside_the_package(real_root, str(root))
    # A dry run writes nothing, not even the lock file.
    with contextlib.nullcontext() if dry_run else _locked(real_root) as acquired:
        paths = loader.kb_files(root)
        raws: dict[str, bytes] = {}
        results: dict[str, FileResult] = {}
        for path in paths:
            name = loader.file_label(root, path)
            raws[name] = loader.read_regular(path, name)[0]
            results[name] = loader.parse_bytes(raws[name], name)
        target = _target(root, paths, results, file)
        label = loader.file_label(root, target)
        real = Path(os.path.realpath(target))
        _outside_the_package(real, label)
        _replaceable(real, label)
        if acquired is not None:
            for path in paths:
                atomic.remove_stale_temporaries(Path(os.path.realpath(path)), acquired)
        raw, before = raws[label], results[label]
        if before.tree is None and any(p.rule != "structure" for p in before.problems):
            # Not YAML, or not UTF-8: there is nowhere safe to append. (An empty
            # file is fine: the entry makes it a KB file.)
            raise InvalidKB(sorted(before.problems))
        current, _ = loader.merge(list(results.values()))
        resolve_names(current, entry)
        if entry.position.get("id") is None:
            entry.position["id"] = generate_id(current, entry.position)
        edit = _Edit(raw, label)
        if entry.source is not None:
            edit.append("sources", entry.source)
        edit.append("positions", entry.position)
        after = loader.parse_bytes(edit.raw(), label)
        results[label] = after
        edit.check_reads_back(before.tree, after.tree)
        merged, problems = loader.merge(list(results.values()))
        if merged.complete:
            problems = problems + rules.run(merged)
        shown = _shown(sorted(problems), edit)
        result = AddResult(str(entry.position["id"]), label, edit.texts(), shown)
        if not result.errors and not dry_run:
            atomic.write_bytes(real, edit.raw())
            result.written = True
    return result


def _target(
    root: Path, paths: list[Path], results: dict[str, FileResult], file: str | None
) -> Path:
    """The file an entry goes to: ``file``, else the one holding the most positions."""
    if file is not None:
        for path in paths:
            if file in (path.name, str(path), loader.file_label(root, path)) or Path(file) == path:
                return path
        names = ", ".join(p.name for p in paths)
        raise UsageError(
            Field("file", value=file), f": not a file of the knowledge base (its files: {names})"
        )
    if len(paths) == 1:
        return paths[0]

    def positions(path: Path) -> int:
        data = results[loader.file_label(root, path)].data
        return len(data.positions) if data is not None else 0

    return max(paths, key=positions)  # the first of equals, in name order


#: The lock file inside a directory KB (its name starts with ``.``, so it is never read).
DIRECTORY_LOCK = ".negotrack.lock"


def lock_file(real_root: Path) -> Path:
    """The one lock file of the KB at ``real_root`` (links resolved): ``.<name>.lock``
    beside a file KB, :data:`DIRECTORY_LOCK` inside a directory KB."""
    if real_root.is_dir():
        return real_root / DIRECTORY_LOCK
    return atomic.lock_path(real_root)


def _locked(real_root: Path) -> contextlib.AbstractContextManager[float]:
    """The KB's lock, held from reading its files to writing one: concurrent adds,
    to one file or to different files of a directory KB, queue and each sees the
    KB as the one before left it, so no check is made against a stale copy."""
    return atomic.locked(lock_file(real_root), like=real_root)


def _replaceable(real: Path, label: str) -> None:
    """Refuse a file that ``add`` could write only by going around what it says.

    A read-only file would be replaced all the same (the rename needs only the
    directory to be writable), and a file with other hard links would lose them
    (the new file is a new inode); neither is done behind the user's back.
    """
    try:
        info = os.stat(real)
    except OSError:  # reported when the file is read
        return
    if not info.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise atomic.WriteFailed(
            f"cannot add to {label}: the file is read-only; make it writable first"
        )
    if info.st_nlink > 1:
        raise atomic.WriteFailed(
            f"cannot add to {label}: it has {info.st_nlink} hard links, which writing "
            "it safely (a new file renamed over it) would break; add to a copy, or "
            "replace the hard links with symbolic links"
        )


def package_dir() -> Path:
    """Where negotrack is installed (its files are never edited)."""
    return Path(os.path.realpath(Path(__file__).parent.parent))


def _outside_the_package(real: Path, label: str) -> None:
    """Refuse to edit a file inside the installed package (the bundled KB, say).

    ``real`` has its links resolved: in a source checkout the bundled KB is a
    link to the repository's ``data/positions.yaml``, which may be edited.
    """
    if real.is_relative_to(package_dir()):
        raise UsageError(
            f"{label} is part of the installed negotrack package and is never edited; "
            "copy it elsewhere and add to the copy"
        )


@dataclass
class _Inserted:
    section: str
    record: dict[str, Any]
    #: Where the inserted text starts in the current text; it is ``prefix`` then the item.
    start: int
    prefix: str
    item: yamlemit.Emitted

    @property
    def text(self) -> str:
        return self.prefix + self.item.text


class _Edit:
    """The file's text with items inserted, and where each one landed."""

    def __init__(self, raw: bytes, label: str) -> None:
        self.label = label
        self.bom = raw.startswith(_BOM.encode())
        self.text = raw.decode("utf-8")[1 if self.bom else 0 :]
        self.inserted: list[_Inserted] = []

    def append(self, section: str, record: dict[str, Any]) -> None:
        place = insertion.find(self.text, section, self.label)
        new = _Inserted(
            section, record, place.offset, place.prefix, yamlemit.item(record, place.style)
        )
        self.text = self.text[: new.start] + new.text + self.text[new.start :]
        for old in self.inserted:
            if old.start >= new.start:
                old.start += len(new.text)
        self.inserted.append(new)
        self.inserted.sort(key=lambda item: item.start)

    def raw(self) -> bytes:
        return ((_BOM if self.bom else "") + self.text).encode("utf-8")

    def texts(self) -> list[tuple[str, str]]:
        return [(item.section, item.text) for item in self.inserted]

    def field_at(self, line: int) -> tuple[str, str] | None:
        """``(section, field)`` of the new item written on 1-based ``line``, if any."""
        for item in self.inserted:
            first = self.text.count("\n", 0, item.start + len(item.prefix)) + 1
            for name, (low, high) in item.item.lines.items():
                if first + low <= line <= first + high:
                    return item.section, name
        return None

    def old_line(self, line: int) -> int:
        """Which line of the file as it is now is line ``line`` of the new text."""
        shift = 0
        for item in self.inserted:
            added = item.text.count("\n")
            if self.text.count("\n", 0, item.start) + added < line:
                shift += added
        return line - shift

    def check_reads_back(self, before: Any, after: Any) -> None:
        """The old text must read exactly as before, and each new item as given."""
        expected = dict(before) if isinstance(before, dict) else {}
        for item in self.inserted:
            kept = {k: v for k, v in item.record.items() if v not in (None, [], {})}
            expected[item.section] = [*(expected.get(item.section) or []), kept]
        if after != expected:
            raise insertion.NotAppendable(
                f"{self.label}: cannot append here without changing how the existing text "
                "reads; add the entry by hand"
            )


def _shown(problems: list[Problem], edit: _Edit) -> list[Problem | EntryProblem]:
    """Errors, and the warnings about the new entry; those in it name their field."""
    in_entry: list[Problem | EntryProblem] = []
    elsewhere: list[Problem | EntryProblem] = []
    for problem in problems:
        place = edit.field_at(problem.line) if problem.file == edit.label else None
        if place is None:
            if problem.level == "error":
                if problem.file == edit.label and problem.line:
                    problem = dataclasses.replace(problem, line=edit.old_line(problem.line))
                elsewhere.append(problem)
            continue
        section, name = place
        # A missing field is reported where its record starts: the problem knows which.
        field = problem.field or name
        in_entry.append(EntryProblem(section, field, problem.level, problem.message, problem.rule))
    return in_entry + elsewhere
