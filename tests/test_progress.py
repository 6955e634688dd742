"""Progress while a KB is parsed: the loader reports it, the CLI draws it on
stderr in a terminal only, and only for a large KB."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import negotrack
from benchmarks import gen_kb
from negotrack.cli.progress import parsing_progress
from tests.conftest import KBS

MINIMAL = KBS / "minimal.yaml"


def recorder() -> tuple[list[tuple[int, int]], object]:
    calls: list[tuple[int, int]] = []
    return calls, lambda done, total: calls.append((done, total))


def test_the_loader_reports_bytes_parsed(tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    gen_kb.write(1000, 1, kb)
    size = kb.stat().st_size
    calls, progress = recorder()

    negotrack.check(kb, progress=progress)

    assert calls[0] == (0, size)
    assert calls[-1] == (size, size)
    assert {total for _, total in calls} == {size}
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert len(set(done)) > 5  # it moves while the parser goes, not only at the ends


def test_nothing_is_reported_when_nothing_is_parsed(tmp_path: Path) -> None:
    negotrack.check(MINIMAL)
    calls, progress = recorder()
    negotrack.check(MINIMAL, progress=progress)
    assert calls == []


def test_only_the_files_to_parse_count(tmp_path: Path) -> None:
    head, positions = MINIMAL.read_text().split("positions:\n")
    (tmp_path / "a.yaml").write_text(head)
    (tmp_path / "b.yaml").write_text("positions:\n" + positions)
    negotrack.check(tmp_path)
    (tmp_path / "b.yaml").write_text("positions:\n" + positions.replace("red-line", "firm"))
    calls, progress = recorder()

    negotrack.check(tmp_path, progress=progress)

    size = (tmp_path / "b.yaml").stat().st_size
    assert calls[0] == (0, size) and calls[-1] == (size, size)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    monkeypatch.setenv("TERM", "xterm-256color")
    return Terminal()


def test_a_bar_is_drawn_in_a_terminal_for_a_large_kb(terminal: Terminal) -> None:
    with parsing_progress(terminal, threshold=100) as progress:
        assert progress is not None
        progress(0, 1000)
        progress(500, 1000)
        progress(1000, 1000)
    assert "reading the knowledge base" in terminal.getvalue()


def test_no_bar_for_a_small_kb(terminal: Terminal) -> None:
    with parsing_progress(terminal, threshold=10_000) as progress:
        progress(0, 1000)
        progress(1000, 1000)
    assert terminal.getvalue() == ""


def test_no_bar_outside_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    with parsing_progress(io.StringIO(), threshold=0) as progress:
        assert progress is None


def test_no_bar_on_a_dumb_terminal(terminal: Terminal, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    with parsing_progress(terminal, threshold=0) as progress:
        assert progress is None


@pytest.mark.slow
def test_validate_draws_the_bar_on_a_terminal_stderr_only(tmp_path: Path) -> None:
    kb = tmp_path / "large.yaml"
    gen_kb.write(8000, 1, kb)
    assert kb.stat().st_size > 4 * 1024 * 1024
    controller, terminal = pty.openpty()
    drawn = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal was closed
                return
            if not chunk:
                return
            drawn.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    env = {**os.environ, "TERM": "xterm-256color", "NEGOTRACK_CACHE_DIR": str(tmp_path / "c")}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "negotrack", "validate", "--kb", str(kb)],
            stdout=subprocess.PIPE,
            stderr=terminal,
            env=env,
            timeout=300,
        )
    finally:
        os.close(terminal)
        reader.join(timeout=10)
        os.close(controller)
    assert result.returncode == 0
    assert result.stdout.decode().startswith(f"{kb}: valid (")
    assert b"reading the knowledge base" in drawn
