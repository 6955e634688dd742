"""ruff and mypy are clean, as CI checks them (.ci/run).

They run here too when the versions pinned in the dev extra are installed
(``pip install -e '.[test,dev]'``), so that the test suite catches what CI
would; with other versions, or none, these tests are skipped.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest

from tests.conftest import ROOT
from tests.test_packaging import PROJECT, specifiers

PINNED = {
    name: pairs[0][1] for name, pairs in specifiers(PROJECT["optional-dependencies"]["dev"]).items()
}


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [("ruff", "check", "."), ("ruff", "format", "--check", "."), ("mypy",)],
    ids=" ".join,
)
def test_clean(command: tuple[str, ...]) -> None:
    tool = command[0]
    try:
        installed = metadata.version(tool)
    except metadata.PackageNotFoundError:
        pytest.skip(f"{tool} is not installed (pip install -e '.[test,dev]')")
    if installed != PINNED[tool]:
        pytest.skip(f"{tool} {installed} is installed; the dev extra pins {PINNED[tool]}")
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
