"""The KB as it was at a revision of the git repository that holds it.

Read with ``git show REV:PATH`` (and ``git ls-tree`` for a directory KB), never
by checking anything out, so the working tree is untouched. Only git itself is
run, with arguments that cannot be read as options.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from negotrack.errors import NegotrackError, UsageError
from negotrack.load.loader import file_label, kb_files, merge, parse_bytes
from negotrack.load.parsed import FileResult
from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem


class NotInGit(UsageError):
    """The KB is not inside a git repository, or git is not installed."""


class UnknownRevision(UsageError):
    """The revision names no commit of the KB's repository."""


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise NotInGit("git is not installed, so no revision can be read") from None
    except subprocess.TimeoutExpired:
        raise NegotrackError(f"git {args[0]} did not answer within 60 seconds") from None
    if done.returncode != 0:
        raise _GitFailed(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


class _GitFailed(Exception):
    pass


def load_revision(kb_path: Path, revision: str) -> tuple[KnowledgeBase, list[Problem]]:
    """The KB at ``kb_path`` (a file or directory) as committed in ``revision``."""
    if revision.startswith("-") or not revision.strip():
        raise UnknownRevision(f"not a revision: {revision!r}")
    folder = (kb_path if kb_path.is_dir() else kb_path.parent).resolve()
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except _GitFailed:
        raise NotInGit(
            f"{kb_path} is not in a git repository: a brief by revision reads the KB "
            "as committed there"
        ) from None
    try:
        commit = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except _GitFailed:
        raise UnknownRevision(f"unknown revision {revision!r} in {top}") from None
    commit_id = commit.decode().strip()
    results: list[FileResult] = []
    root = kb_path.resolve()
    for path, label in _files_at(top, root, kb_path, commit_id):
        relative = path.relative_to(top).as_posix()
        try:
            raw = _git(top, "show", f"{commit_id}:{relative}")
        except _GitFailed:
            continue  # the file did not exist then: it holds nothing "before"
        results.append(parse_bytes(raw, f"{revision}:{label}"))
    return merge(results)


def _files_at(top: Path, root: Path, kb_path: Path, commit: str) -> list[tuple[Path, str]]:
    if not root.is_dir():
        return [(root, str(kb_path))]
    relative = root.relative_to(top).as_posix()
    try:
        listing = _git(
            top, "ls-tree", "--name-only", f"{commit}:{relative}" if relative != "." else commit
        )
    except _GitFailed:
        return []
    names = [n for n in listing.decode("utf-8", "replace").splitlines() if n]
    now = {p.name for p in kb_files(root)}
    found = []
    for name in sorted(set(names) | now):
        if name.startswith(".") or not name.endswith((".yaml", ".yml")):
            continue
        path = root / name
        found.append((path, file_label(kb_path, path)))
    return found
