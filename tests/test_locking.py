"""``add`` on shared and directory KBs: one lock per KB for the whole cycle, lock files
others can take, read-only and hard-linked files refused, stale temporary files removed."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import negotrack
from negotrack import atomic
from tests.conftest import ROOT
from tests.test_add import APPENDED, OPTIONS, TALKS, files_in

ID = "putin-territory-2025-03-16"


def run_add(kb: Path, *extra: str, user: tuple[int, int] | None = None) -> subprocess.Popen[bytes]:
    """``negotrack add`` in its own process (as ``user``, a uid and gid, when given)."""
    env = {**os.environ, "NO_COLOR": "1", "NEGOTRACK_NO_CACHE": "1"}
    env.pop("NEGOTRACK_KB", None)
    if user is not None:
        env.update(HOME="/", PYTHONDONTWRITEBYTECODE="1", XDG_CACHE_HOME="/nonexistent")
    return subprocess.Popen(
        [sys.executable, "-m", "negotrack", "add", "--kb", str(kb), *OPTIONS, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )


def split_kb(directory: Path) -> None:
    """TALKS as a directory KB: records in one file, positions in two."""
    text = TALKS.read_text(encoding="utf-8")
    head, positions = text.split("positions:\n")
    directory.mkdir()
    (directory / "base.yaml").write_text(head, encoding="utf-8")
    (directory / "a.yaml").write_text("positions:\n" + positions, encoding="utf-8")
    (directory / "b.yaml").write_text("negotrack: 1\n", encoding="utf-8")


def test_concurrent_adds_to_different_files_of_a_directory_kb_all_land(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    split_kb(kb)
    processes = [run_add(kb, "--file", "a.yaml" if n % 2 else "b.yaml") for n in range(12)]
    outputs = [process.communicate(timeout=180) for process in processes]
    assert [p.returncode for p in processes] == [0] * 12, outputs[0][1]
    ids = sorted(out.decode().strip() for out, _ in outputs)
    assert ids == sorted([ID] + [f"{ID}-{n}" for n in range(2, 13)])
    report = negotrack.check(kb, cache=False)
    assert report.problems == []
    assert len(report.kb.positions) == 4 + 12
    assert files_in(kb) == [".negotrack.lock", "a.yaml", "b.yaml", "base.yaml"]


@pytest.mark.parametrize(("mode", "lock_mode"), [(0o666, 0o666), (0o640, 0o640), (0o600, 0o600)])
def test_the_lock_file_takes_the_kbs_group_and_other_permissions(
    cli, tmp_path: Path, mode: int, lock_mode: int
) -> None:
    kb = tmp_path / "talks.yaml"
    shutil.copyfile(TALKS, kb)
    kb.chmod(mode)
    old_umask = os.umask(0o077)
    try:
        assert cli("add", "--kb", kb, *OPTIONS).exit_code == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / ".talks.yaml.lock").stat().st_mode) == lock_mode
    assert stat.S_IMODE(kb.stat().st_mode) == mode


def test_a_directory_kbs_lock_takes_the_directorys_permissions(cli, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    split_kb(kb)
    kb.chmod(0o777)
    assert cli("add", "--kb", kb, *OPTIONS).exit_code == 0
    assert stat.S_IMODE((kb / ".negotrack.lock").stat().st_mode) == 0o666


def test_a_lock_file_that_cannot_be_written_can_still_be_locked(cli, tmp_path: Path) -> None:
    kb = tmp_path / "talks.yaml"
    shutil.copyfile(TALKS, kb)
    lock = tmp_path / ".talks.yaml.lock"
    lock.touch()
    lock.chmod(0o444)  # as another user's lock file looks to this one
    result = cli("add", "--kb", kb, *OPTIONS)
    assert result.exit_code == 0, result.stderr
    assert kb.read_text(encoding="utf-8").endswith(APPENDED)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A world-writable folder another user can reach (pytest's own are private)."""
    folder = Path(tempfile.mkdtemp(prefix="negotrack-shared-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def other_user() -> tuple[int, int]:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root, to run the second user's add as another uid (nobody)")
    import pwd

    try:
        entry = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no user 'nobody' to run the second add as")
    return entry.pw_uid, entry.pw_gid


def add_as(user: tuple[int, int], kb: Path) -> tuple[int, str, str]:
    """``negotrack add`` as another user: a forked child that drops to ``user`` with
    os.setuid, then runs the command in-process (everything it needs is imported
    already, so the other user need not be able to read the interpreter's files)."""
    from typer.testing import CliRunner

    from negotrack.cli.app import app

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 1
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(user[1])
            os.setuid(user[0])
            result = CliRunner().invoke(app, ["add", "--kb", str(kb), *OPTIONS])
            report = f"{result.exit_code}\0{result.stdout}\0{result.stderr}"
            os.write(write, report.encode())
            code = 0
        except BaseException as error:
            os.write(write, f"99\0\0{error!r}".encode())
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read().decode()
    os.waitpid(pid, 0)
    code, out, errors = data.split("\0")
    return int(code), out, errors


@pytest.mark.parametrize("shape", ["file", "directory"])
def test_two_users_share_a_kb(cli, shared_dir: Path, shape: str) -> None:
    nobody = other_user()
    if shape == "file":
        kb = shared_dir / "talks.yaml"
        shutil.copyfile(TALKS, kb)
        kb.chmod(0o666)
        lock = shared_dir / ".talks.yaml.lock"
    else:
        kb = shared_dir / "kb"
        split_kb(kb)
        kb.chmod(0o777)
        for file in kb.iterdir():
            file.chmod(0o666)
        lock = kb / ".negotrack.lock"
    old_umask = os.umask(0o022)  # the first user's lock file must not take this umask
    try:
        first = cli("add", "--kb", kb, *OPTIONS)
    finally:
        os.umask(old_umask)
    assert first.stdout == f"{ID}\n"
    assert (lock.stat().st_uid, stat.S_IMODE(lock.stat().st_mode)) == (0, 0o666)
    assert add_as(nobody, kb) == (0, f"{ID}-2\n", "")
    written = kb if shape == "file" else kb / "a.yaml"
    assert (written.stat().st_uid, stat.S_IMODE(written.stat().st_mode)) == (nobody[0], 0o666)
    assert cli("add", "--kb", kb, *OPTIONS).stdout == f"{ID}-3\n"
    report = negotrack.check(kb, cache=False)
    assert report.problems == []
    assert len(report.kb.positions) == 4 + 3


def test_another_users_old_lock_file_does_not_lock_anyone_out(cli, shared_dir: Path) -> None:
    nobody = other_user()
    kb = shared_dir / "talks.yaml"
    shutil.copyfile(TALKS, kb)
    kb.chmod(0o666)
    lock = shared_dir / ".talks.yaml.lock"
    lock.touch()
    lock.chmod(0o644)  # as the first user's add used to leave it: read-only to others
    assert add_as(nobody, kb) == (0, f"{ID}\n", "")


def test_a_read_only_kb_file_is_refused_not_replaced(cli, tmp_path: Path) -> None:
    kb = tmp_path / "talks.yaml"
    shutil.copyfile(TALKS, kb)
    kb.chmod(0o444)
    for extra in ((), ("--dry-run",)):
        result = cli("add", "--kb", kb, *OPTIONS, *extra)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            f"negotrack: error: cannot add to {kb}: the file is read-only; make it writable first\n"
        )
    assert kb.read_bytes() == TALKS.read_bytes()
    assert stat.S_IMODE(kb.stat().st_mode) == 0o444


def test_a_hard_linked_kb_file_is_refused_not_unlinked(cli, tmp_path: Path) -> None:
    kb = tmp_path / "talks.yaml"
    shutil.copyfile(TALKS, kb)
    other = tmp_path / "copy.yaml"
    os.link(kb, other)
    result = cli("add", "--kb", kb, *OPTIONS)
    assert result.exit_code == 1
    assert result.stderr == (
        f"negotrack: error: cannot add to {kb}: it has 2 hard links, which writing it safely "
        "(a new file renamed over it) would break; add to a copy, or replace the hard links "
        "with symbolic links\n"
    )
    assert os.path.samefile(kb, other)
    assert kb.read_bytes() == TALKS.read_bytes()


def test_temporary_files_of_a_killed_add_are_removed_by_the_next(cli, tmp_path: Path) -> None:
    kb = tmp_path / "talks.yaml"
    shutil.copyfile(TALKS, kb)
    stale = tmp_path / ".talks.yaml.0123abcd.tmp"
    stale.write_bytes(TALKS.read_bytes())  # a full-size copy, as a SIGKILL leaves it
    os.utime(stale, (1, 1))
    kept = {
        ".talks.yaml.notmine.tmp": 1,  # not negotrack's pattern
        ".other.yaml.0123abcd.tmp": 1,  # another file's
        ".talks.yaml.89abcdef.tmp": 4_000_000_000,  # newer than the lock: a live writer's
        "talks.yaml.0123abcd.tmp": 1,  # not hidden: not negotrack's
    }
    for name, when in kept.items():
        (tmp_path / name).write_text("x")
        os.utime(tmp_path / name, (when, when))
    assert cli("add", "--kb", kb, *OPTIONS).exit_code == 0
    assert files_in(tmp_path) == sorted([".talks.yaml.lock", "talks.yaml", *kept])


#: A writer of the KB that stops half-way: under the KB's lock, as ``add`` writes, it
#: writes half of the new content to its temporary file, prints the file's name, and
#: waits on its standard input, which never says anything, until it is killed.
HALF_WRITTEN = """\
import sys
from pathlib import Path

from negotrack import atomic

kb = Path(sys.argv[1])
with atomic.locked(atomic.lock_path(kb), like=kb), atomic.replacing(kb) as temporary:
    with temporary.open("wb") as out:
        out.write(kb.read_bytes()[: kb.stat().st_size // 2])
        out.flush()
        print(temporary.name, flush=True)
        sys.stdin.read()
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this system")
def test_a_writer_killed_mid_write_leaves_the_kb_whole_and_the_next_add_cleans_up(
    cli, tmp_path: Path
) -> None:
    """A real SIGKILL, in the middle of writing the temporary file: the KB is as it was,
    the lock is free again, and the next ``add`` removes the torn temporary file."""
    import select

    kb = tmp_path / "talks.yaml"
    shutil.copyfile(TALKS, kb)
    original = kb.read_bytes()
    writer = subprocess.Popen(
        [sys.executable, "-c", HALF_WRITTEN, str(kb)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        assert writer.stdout is not None
        # Wait, with a generous limit, until the writer says it is half-way.
        ready, _, _ = select.select([writer.stdout], [], [], 120)
        assert ready, "the writer never got half-way"
        name = writer.stdout.readline().decode().strip()
        assert name, writer.communicate(timeout=60)[1].decode()
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(timeout=60)
        for stream in (writer.stdin, writer.stdout, writer.stderr):
            if stream is not None:
                stream.close()
    assert writer.returncode == -signal.SIGKILL
    torn = tmp_path / name
    assert atomic.TEMPORARY.fullmatch(name)
    assert torn.read_bytes() == original[: len(original) // 2]
    assert kb.read_bytes() == original
    assert files_in(tmp_path) == sorted([".talks.yaml.lock", "talks.yaml", name])

    result = cli("add", "--kb", kb, *OPTIONS)
    assert result.exit_code == 0, result.stderr
    assert files_in(tmp_path) == [".talks.yaml.lock", "talks.yaml"]
    assert kb.read_bytes() == original + APPENDED.encode()
    report = negotrack.check(kb, cache=False)
    assert report.problems == []
    assert report.kb.position(ID) is not None


def test_a_dry_run_removes_nothing_and_creates_no_lock(cli, tmp_path: Path) -> None:
    kb = tmp_path / "talks.yaml"
    shutil.copyfile(TALKS, kb)
    stale = tmp_path / ".talks.yaml.0123abcd.tmp"
    stale.write_text("x")
    os.utime(stale, (1, 1))
    assert cli("add", "--kb", kb, *OPTIONS, "--dry-run").exit_code == 0
    assert files_in(tmp_path) == [".talks.yaml.0123abcd.tmp", "talks.yaml"]


def test_the_temporary_pattern_is_the_one_writes_use(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    with atomic.replacing(target) as temporary:
        match = atomic.TEMPORARY.fullmatch(temporary.name)
        assert match is not None and match["name"] == "x.yaml"
        temporary.write_text("y")
    assert target.read_text() == "y"
