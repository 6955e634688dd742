"""Shared test fixtures: a CLI runner with a pinned console, and the fixture KBs."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from negotrack.cli.app import app

TESTS = Path(__file__).parent
KBS = TESTS / "kbs"
ROOT = TESTS.parent


@pytest.fixture(autouse=True)
def _isolated_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No KB from the environment, no colour, a fixed console width, a private cache."""
    monkeypatch.delenv("NEGOTRACK_KB", raising=False)
    monkeypatch.delenv("NEGOTRACK_CACHE_DIR", raising=False)
    monkeypatch.delenv("NEGOTRACK_NO_CACHE", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    # Outside tmp_path, so that tests listing their own folder do not see it.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def cli():
    """Run negotrack in-process: ``cli("validate", "--kb", path)`` -> click Result."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run
