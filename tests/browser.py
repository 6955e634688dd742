"""Headless Chromium for the report's browser tests and the README's screenshots.

``python -m tests.browser`` rebuilds ``docs/report-index.png`` and
``docs/report-timeline.png`` from the bundled KB with the same code the tests use.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)


def chromium() -> str | None:
    """The Chromium executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(page: Path, png: Path, width: int = 1200, height: int = 1400) -> str:
    """Render ``page`` to ``png``; return what the browser logged (stderr)."""
    binary = chromium()
    assert binary is not None
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                binary,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                f"--screenshot={png}",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    return done.stderr


def png_pixels(png: Path) -> tuple[int, int, bytes]:
    """Width, height and the decompressed (filtered) scanlines of a PNG."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, width, height, idat = 8, 0, 0, b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    return width, height, zlib.decompress(idat)


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "negotrack",
                "report",
                "--kb",
                "data/positions.yaml",
                "--output",
                str(site),
            ],
            check=True,
            cwd=root,
        )
        screenshot(site / "index.html", root / "docs" / "report-index.png", 1100, 1300)
        screenshot(site / "timeline.html", root / "docs" / "report-timeline.png", 1150, 1300)


if __name__ == "__main__":
    main()
