"""The ``negotrack`` command: the typer application and its entry point."""

from __future__ import annotations

import os
import signal
import sys
from typing import Annotated

import typer

from .. import __version__

app = typer.Typer(
    name="negotrack",
    help="Track what each party to a negotiation has said it wants: "
    "sourced, dated, verbatim positions in a plain-text YAML knowledge base.",
    epilog="Docs: README.md and docs/knowledge-base.md. Exit codes: 0 ok, "
    "1 invalid data or a check failed, 2 bad command line.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"negotrack {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Track what each party to a negotiation has said it wants."""


# Each module registers its commands on `app`.
from . import check, cite, curate, export, read  # noqa: E402, F401


def main() -> None:
    """Console-script entry point: never a traceback, quiet on a closed pipe."""
    if hasattr(signal, "SIGPIPE"):
        # Like any Unix filter: `negotrack filter ... | head` ends quietly.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app(prog_name="negotrack")
    except KeyboardInterrupt:
        sys.stderr.write("negotrack: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        _quiet_exit()
    except Exception as error:  # a bug, not a user mistake: say so, briefly
        if os.environ.get("NEGOTRACK_DEBUG"):
            raise
        sys.stderr.write(
            f"negotrack: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in negotrack; run with NEGOTRACK_DEBUG=1 for details.\n"
        )
        sys.exit(70)


def _quiet_exit() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)
