"""A progress bar on stderr while a large KB is parsed, drawn only in a terminal.

The loader reports how far it has gone (``progress(done, total)`` in bytes, see
:data:`negotrack.load.loader.Progress`); this draws it with rich. Nothing is drawn
when stderr is not a terminal (a pipe, a log file, CI), when ``TERM=dumb``, or
when less than :data:`THRESHOLD` bytes have to be parsed (a cached or small KB
loads faster than a bar could be seen). rich is imported only to draw.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from negotrack.load.loader import Progress

#: Parsing this much YAML takes a few seconds: enough to deserve a bar.
THRESHOLD = 4 * 1024 * 1024


@contextmanager
def parsing_progress(
    stream: IO[str] | None = None, *, threshold: int = THRESHOLD
) -> Iterator[Progress | None]:
    """A ``progress`` callback for the loader (None when nothing may be drawn);
    the bar, if one was drawn, is removed on leaving."""
    stream = stream if stream is not None else sys.stderr
    if not _is_terminal(stream):
        yield None
        return
    bar = _Bar(stream, threshold)
    try:
        yield bar
    finally:
        bar.close()


def _is_terminal(stream: IO[str]) -> bool:
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class _Bar:
    """Starts a rich progress bar on the first report of a large enough parse."""

    def __init__(self, stream: IO[str], threshold: int) -> None:
        self.stream = stream
        self.threshold = threshold
        self.shown: Any = None
        self.task: Any = None
        self.declined = False

    def __call__(self, done: int, total: int) -> None:
        if self.declined:
            return
        if self.shown is None:
            if total < self.threshold:
                self.declined = True
                return
            self._start(total)
        self.shown.update(self.task, completed=done, total=total)

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        console = Console(file=self.stream, highlight=False)
        self.shown = Progress(
            TextColumn("reading the knowledge base"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self.shown.start()
        self.task = self.shown.add_task("parse", total=total)

    def close(self) -> None:
        if self.shown is not None:
            self.shown.stop()
            self.shown = None
