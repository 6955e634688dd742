"""The report in a real browser: pages load without errors and draw something."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser import chromium, png_pixels, screenshot
from tests.conftest import ROOT

# CI installs Chromium and sets NEGOTRACK_REQUIRE_BROWSER, so these never skip there.
pytestmark = [
    pytest.mark.skipif(
        chromium() is None and not os.environ.get("NEGOTRACK_REQUIRE_BROWSER"),
        reason="Chromium is not installed (CI installs it; elsewhere `apt-get install chromium`)",
    ),
]

ERRORS = ("Failed to load resource", "Uncaught", "net::ERR_", "Refused to")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from negotrack.cli.app import app

    folder = tmp_path_factory.mktemp("report") / "site"
    result = CliRunner().invoke(
        app, ["report", "--kb", str(ROOT / "data" / "positions.yaml"), "--output", str(folder)]
    )
    assert result.exit_code == 0, result.output
    return folder


@pytest.mark.parametrize("page", ["index.html", "timeline.html"])
def test_the_page_renders_and_is_not_blank(site: Path, tmp_path: Path, page: str) -> None:
    png = tmp_path / "shot.png"
    log = screenshot(site / page, png)
    assert png.is_file(), log
    for line in log.splitlines():
        assert not any(marker in line for marker in ERRORS), line
    width, height, pixels = png_pixels(png)
    assert (width, height) == (1200, 1400)
    # A blank page compresses to a handful of distinct bytes; a drawn one has many.
    assert len(set(pixels)) > 50
