"""Writing the report's files into a directory, never clobbering what is not ours.

A directory that holds anything is refused unless ``replace`` is given. Each
build leaves a manifest (``.negotrack-report``) naming the files it wrote; a
later build with ``replace`` removes the files of the earlier build that it no
longer writes (an actor dropped from the KB), and only those: anything else a
user put there stays. Every file is written atomically.
"""

from __future__ import annotations

import os
from pathlib import Path

from negotrack import atomic
from negotrack.errors import OutputExists, UsageError

MANIFEST = ".negotrack-report"


def write_site(
    pages: dict[str, str], directory: str | os.PathLike[str], *, replace: bool = False
) -> list[Path]:
    """Write ``pages`` (``{file name: text}``) into ``directory``; return the paths written."""
    if os.fspath(directory) == "":  # an unset shell variable: never the current folder
        raise UsageError("the output directory is empty: name a directory")
    directory = Path(directory)
    if os.path.lexists(directory) and (directory.is_symlink() or not directory.is_dir()):
        raise UsageError(f"{directory} is not a directory")
    if directory.is_dir():
        present = [p for p in directory.iterdir() if p.name != MANIFEST]
        if present and not replace:
            raise OutputExists(f"{directory} is not empty")
    else:
        try:
            directory.mkdir(parents=True)
        except OSError as error:
            raise atomic.WriteFailed(
                f"cannot create {directory}: {error.strerror or error}"
            ) from None
    earlier = _manifest(directory)
    written = []
    for name in sorted(pages):
        if "/" in name or name.startswith("."):
            raise ValueError(f"not a page name: {name!r}")  # pragma: no cover - names are ours
        path = directory / name
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise UsageError(f"{path} exists and is not a regular file; not replacing it")
        atomic.write_bytes(path, pages[name].encode("utf-8"))
        written.append(path)
    for name in sorted(earlier - set(pages)):
        stale = directory / name
        if stale.is_file() and not stale.is_symlink():
            stale.unlink()
    atomic.write_bytes(directory / MANIFEST, "".join(f"{n}\n" for n in sorted(pages)).encode())
    return written


def _manifest(directory: Path) -> set[str]:
    try:
        text = (directory / MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return {
        line for line in text.splitlines() if line and "/" not in line and not line.startswith(".")
    }
