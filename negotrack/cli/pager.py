"""A pager for long terminal output, as git and man use one.

A table longer than the terminal is written through ``$NEGOTRACK_PAGER``,
``$PAGER`` or, without either, ``less -FRX`` (quit if it fits on one screen, keep
colours, leave the text on the screen). Only when stdout is a terminal: piped or
redirected output is never paged. A pager that cannot be started, or one set to
``cat`` or to nothing, means the text is printed as it is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

DEFAULT_PAGER = "less -FRX"


def pager_command() -> str | None:
    """The pager to run, or None for none."""
    for name in ("NEGOTRACK_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            value = value.strip()
            return None if value in ("", "cat") else value
    return DEFAULT_PAGER if shutil.which("less") else None


def page(text: str) -> None:
    """Write ``text`` to stdout, through the pager when it is longer than the terminal."""
    command = pager_command()
    height = shutil.get_terminal_size().lines
    if command is None or not _is_terminal() or text.count("\n") < height:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    env = dict(os.environ)
    # As git does: less keeps colours and quits when the text fits.
    env.setdefault("LESS", "FRX")
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        sys.stdout.write(text)
        return
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end
        pass
    process.wait()
    if process.returncode == 127:  # the shell could not find the pager
        sys.stdout.write(text)


def _is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
