"""The ``negotrack`` command: the typer application, and the entry point that loads
only the command it runs.

Building typer's command tree costs time for every command registered, and
negotrack is run dozens of times a day, so :func:`main` imports just the module
of the command on its command line (all of them for ``--help``, no command, or
a name it does not know, which typer then reports). :mod:`negotrack.cli.app`
is the application with every command, for tests and for embedding.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from negotrack import __version__


class Group(TyperGroup):
    """The command group, reporting command-line mistakes as every other error is
    reported: ``negotrack: error: …`` and a ``hint:`` line on stderr, exit 2.

    typer would draw a box around click's message; one style is easier to read
    and to grep.
    """

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        exceptions = _click_exceptions()
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        except exceptions.NoArgsIsHelpError as error:
            error.show()
            sys.exit(error.exit_code)
        except exceptions.ClickException as error:
            usage_error(error)
            sys.exit(error.exit_code)
        except typer.Abort:
            sys.stderr.write("negotrack: interrupted\n")
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


def _click_exceptions() -> Any:
    """click's exceptions: vendored inside typer since 0.27, click itself before."""
    try:
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - older typer
        from click import exceptions  # type: ignore[no-redef,import-not-found,unused-ignore]
    return exceptions


def usage_error(error: Any) -> None:
    """``negotrack: error: no such option: --bogus`` and where to find the usage."""
    message = error.format_message()
    message = message[:1].lower() + message[1:]
    sys.stderr.write(f"negotrack: error: {message}\n")
    context = getattr(error, "ctx", None)
    path = context.command_path if context is not None else "negotrack"
    sys.stderr.write(f"hint: see '{path} --help'\n")


app = typer.Typer(
    cls=Group,
    name="negotrack",
    help="Track what each party to a negotiation has said it wants: "
    "sourced, dated, verbatim positions in a plain-text YAML knowledge base.",
    epilog="Docs: README.md and docs/knowledge-base.md. Exit codes: 0 ok, "
    "1 invalid data or a check failed, 2 bad command line.",
    no_args_is_help=True,
    add_completion=True,
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
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Track what each party to a negotiation has said it wants."""


#: Which module registers each command; also the order of `negotrack --help`.
COMMAND_MODULES = {
    "show": "read",
    "filter": "read",
    "diff": "read",
    "timeline": "read",
    "matrix": "read",
    "zone": "scales",
    "plans": "scales",
    "plan": "scales",
    "sources": "cite",
    "cite": "cite",
    "add": "curate",
    "export": "export",
    "report": "report",
    "brief": "report",
    "validate": "check",
    "schema": "check",
    "verify-quotes": "check",
    "info": "info",
}


def register(command: str | None = None) -> None:
    """Register ``command``'s module on :data:`app`, or every module."""
    import importlib

    module = COMMAND_MODULES.get(command or "")
    modules = [module] if module else list(dict.fromkeys(COMMAND_MODULES.values()))
    for name in modules:
        importlib.import_module(f"{__package__}.{name}")


@contextlib.contextmanager
def only(command: str | None) -> Iterator[None]:
    """While the block runs, :data:`app` has just ``command`` if it is registered.

    typer builds a click command, with every option converted, for each command
    registered, and a module registers several; the command that runs is the
    only one needed. The others come back afterwards.
    """
    registered = app.registered_commands
    kept = [info for info in registered if command is not None and _name(info) == command]
    app.registered_commands = kept or registered
    try:
        yield
    finally:
        app.registered_commands = registered


def _name(info: Any) -> str:
    """A registered command's name, as typer derives it when none is given."""
    return info.name or info.callback.__name__.lower().replace("_", "-")


def main() -> None:
    """Console-script entry point: never a traceback, quiet on a closed pipe."""
    if hasattr(signal, "SIGPIPE"):
        # Like any Unix filter: `negotrack filter ... | head` ends quietly.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if sys.stderr is None:  # started with stderr closed: keep the exit codes, lose the words
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    if sys.stdout is None:
        sys.stderr.write("negotrack: error: standard output is closed\n")
        sys.exit(1)
    try:
        try:
            # The root takes no option with a value, so the first word is the command.
            words = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
            register(words[0] if words else None)
            with only(words[0] if words else None):
                app(prog_name="negotrack")
        finally:
            sys.stdout.flush()  # a write error surfaces here, not as noise at exit
    except KeyboardInterrupt:
        sys.stderr.write("negotrack: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        _quiet_exit()
    except OSError as error:  # writing the output failed: a full disk, a bad descriptor
        sys.stderr.write(f"negotrack: error: cannot write the output: {error.strerror or error}\n")
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
    """Exit 1 without Python reporting the unwritable stdout again at shutdown."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(1)
