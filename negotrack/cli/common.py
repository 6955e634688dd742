"""What every command shares: the --kb and --format options, loading the KB,
printing diagnostics, and turning library errors into exit codes.

The CLI is the only layer that prints or exits. Library errors
(:class:`~negotrack.errors.NegotrackError`) become a one-line message on
stderr and exit 1 (bad data) or 2 (bad command line); never a traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

from negotrack.errors import InvalidKB, NegotrackError
from negotrack.model.safetext import visible

F = TypeVar("F", bound=Callable[..., Any])

KbOption = Annotated[
    str | None,
    typer.Option(
        "--kb",
        envvar="NEGOTRACK_KB",
        metavar="PATH",
        help="Knowledge base: a YAML file or a directory of them. "
        "Default: ./data/positions.yaml if present, else the bundled KB.",
        show_default=False,
    ),
]

NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        envvar="NEGOTRACK_NO_CACHE",
        help="Parse the KB afresh instead of using the parse cache.",
        show_default=False,
    ),
]

CsvRawOption = Annotated[
    bool,
    typer.Option(
        "--csv-raw",
        help="CSV: write cells as they are. By default a cell that begins with =, +, -, @, "
        "a tab or a carriage return gets a leading ' so that a spreadsheet shows it as text "
        "instead of running it as a formula.",
        show_default=False,
    ),
]

#: How many errors a read command lists before pointing at `negotrack validate`.
MAX_SHOWN = 20


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table (for reading in a terminal), json, csv or markdown (to paste in a report).",
    ),
]


def emit(format: Format, view: Any, renderer: Any, *, csv_raw: bool = False) -> None:
    """Write ``view`` to stdout in ``format`` with a renderer module of
    :mod:`negotrack.render` (``to_table``, ``to_json``, ``to_csv``, ``to_markdown``);
    ``csv_raw`` leaves CSV cells that look like formulas as they are."""
    if format is Format.table:
        from negotrack.render.terminal import make_console

        text = renderer.to_table(view, make_console())
    elif format is Format.csv:
        text = renderer.to_csv(view, raw=csv_raw)
    else:
        text = getattr(renderer, f"to_{format.value}")(view)
    sys.stdout.write(text)


def handle_errors(command: F) -> F:
    """Run a command body; print library errors as messages and exit with their code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InvalidKB as error:
            shown = [p for p in error.problems if p.level == "error"]
            for problem in shown[:MAX_SHOWN]:
                err(str(problem))
            if len(shown) > MAX_SHOWN:
                err(f"... and {len(shown) - MAX_SHOWN} more")
            err(f"negotrack: error: {error.message}; `negotrack validate` lists them all")
            raise typer.Exit(error.exit_code) from None
        except NegotrackError as error:
            err(f"negotrack: error: {error.message}")
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


def err(text: str) -> None:
    """Write one diagnostic line to stderr, control characters made visible."""
    sys.stderr.write(visible(text) + "\n")


def out(text: str) -> None:
    """Write text to stdout, control characters made visible."""
    sys.stdout.write(visible(text) + "\n")


def load(kb: str | None, *, no_cache: bool = False) -> Any:
    """The checked KB for a read command (raises InvalidKB on errors); a
    progress bar on stderr while a large KB is parsed in a terminal."""
    from negotrack.checks.validate import open_kb
    from negotrack.cli.progress import parsing_progress

    with parsing_progress() as progress:
        return open_kb(kb, cache=not no_cache, progress=progress)
