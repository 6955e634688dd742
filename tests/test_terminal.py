"""The conventions of the tools analysts already know: a pager for long output, --color,
-V, shell completion, --as-of on every dated view, export to stdout, one error style."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import KBS, ROOT, agrees_with_rich

KB = KBS / "read.yaml"
ESC = "\x1b["
#: A colour (not bold or italic): NO_COLOR leaves the others.
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|38;5;\d+|9[0-7])m")


def env(**changes: str | None) -> dict[str, str]:
    """The test environment, changed; None removes a variable."""
    out = dict(os.environ)
    out.pop("NO_COLOR", None)
    out.update({"COLUMNS": "80", "LINES": "10", "TERM": "xterm-256color"})
    for name, value in changes.items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
    return out


def in_terminal(*args: str, **changes: str | None) -> str:
    """What ``negotrack ARGS`` prints when stdout is a terminal (a pseudo-terminal)."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "negotrack", *args],
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
        env=env(**changes),
        cwd=ROOT,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def piped(*args: str, **changes: str | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "negotrack", *args],
        capture_output=True,
        text=True,
        env=env(**changes),
        cwd=ROOT,
        check=False,
    )


PAGER = "sed s/^/PAGED:/"


def test_long_output_in_a_terminal_goes_through_the_pager() -> None:
    output = in_terminal("timeline", "--kb", str(KB), "--color", "never", PAGER=PAGER)
    assert output.startswith("PAGED:")
    assert "PAGED:KB: " in output


def test_no_pager_when_asked_or_when_piped_or_when_it_fits() -> None:
    asked = in_terminal("timeline", "--kb", str(KB), "--no-pager", PAGER=PAGER)
    assert "PAGED:" not in asked and "KB: " in asked
    assert "PAGED:" not in piped("timeline", "--kb", str(KB), PAGER=PAGER).stdout
    short = in_terminal("sources", "--kb", str(KB), LINES="200", PAGER=PAGER)
    assert "PAGED:" not in short and "2 sources." in short


def test_colour_follows_the_terminal_and_the_color_option() -> None:
    assert ESC in in_terminal("show", "north", "--kb", str(KB), "--no-pager")
    never = in_terminal("show", "north", "--kb", str(KB), "--no-pager", "--color", "never")
    assert ESC not in never and "Northland" in never
    no_color = in_terminal("show", "north", "--kb", str(KB), "--no-pager", NO_COLOR="1")
    assert not COLOUR.search(no_color) and COLOUR.search(
        in_terminal("show", "north", "--kb", str(KB), "--no-pager")
    )
    always = piped("show", "north", "--kb", str(KB), "--color", "always", NO_COLOR="1")
    assert COLOUR.search(always.stdout)
    assert ESC not in piped("show", "north", "--kb", str(KB)).stdout
    assert COLOUR.search(piped("show", "north", "--kb", str(KB), FORCE_COLOR="1").stdout)


def test_color_takes_auto_always_or_never(cli) -> None:
    result = cli("show", "north", "--kb", KB, "--color", "sometimes")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "negotrack: error: invalid value for '--color': unknown colour setting 'sometimes'"
    )
    assert COLOUR.search(cli("show", "north", "--kb", KB, "--color", "ALWAYS").stdout)


def test_short_version_option(cli) -> None:
    from negotrack import __version__

    assert cli("-V").stdout == cli("--version").stdout == f"negotrack {__version__}\n"


def test_shell_completion_script(cli) -> None:
    # The script is for the shell negotrack runs under, found from its parent
    # processes: run it from bash, whatever started the tests.
    import shlex
    import subprocess
    import sys

    # (the status line keeps bash from replacing itself with the command)
    command = f"{shlex.quote(sys.executable)} -m negotrack --show-completion; exit $?"
    result = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "negotrack" in result.stdout  # a script for this program; its words are typer's
    assert "--install-completion" in cli("--help").stdout


@pytest.mark.parametrize("command", ["filter", "timeline"])
def test_as_of_is_until_on_the_lists(cli, command) -> None:
    as_of = cli(command, "--as-of", "2025-03-15", "--kb", KB, "--format", "json")
    until = cli(command, "--until", "2025-03-15", "--kb", KB, "--format", "json")
    assert as_of.exit_code == 0
    assert as_of.stdout == until.stdout
    everything = cli(command, "--kb", KB, "--format", "json").stdout
    assert len(json.loads(as_of.stdout)) < len(json.loads(everything))


def test_format_names_are_case_insensitive(cli) -> None:
    assert (
        cli("filter", "-f", "JSON", "--kb", KB).stdout
        == cli("filter", "-f", "json", "--kb", KB).stdout
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("filter", "--bogus"), "no such option: --bogus"),
        (("show",), "missing argument 'ACTOR|PERSON'."),
        (("nope",), "no such command 'nope'."),
    ],
)
def test_command_line_mistakes_have_the_one_error_style(cli, args, message) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    command = "negotrack" if args[0] == "nope" else f"negotrack {args[0]}"
    assert result.stderr == f"negotrack: error: {message}\nhint: see '{command} --help'\n"
    assert result.stdout == ""


def test_the_error_style_is_the_same_from_the_installed_command(tmp_path: Path) -> None:
    result = piped("filter", "--bogus")
    assert (result.returncode, result.stderr) == (
        2,
        "negotrack: error: no such option: --bogus\nhint: see 'negotrack filter --help'\n",
    )


@pytest.mark.parametrize("columns", ["100", "0", "wide", None])
@pytest.mark.parametrize("color", ["auto", "never", "always"])
@pytest.mark.parametrize("force", [None, "1"])
@agrees_with_rich
def test_a_screen_is_the_console_rich_would_make(
    monkeypatch: pytest.MonkeyPatch, columns: str | None, color: str, force: str | None
) -> None:
    """Piped, the width and plainness are decided without rich's console: as rich decides."""
    from negotrack.render.page import Screen
    from negotrack.render.terminal import make_console

    for name, value in (("COLUMNS", columns), ("FORCE_COLOR", force), ("TTY_COMPATIBLE", None)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    screen, console = Screen(color), make_console(color)
    assert (screen.width, screen.plain) == (console.width, console.color_system is None)
    assert screen.console.width == console.width


#: Prints which of rich's drawing modules a command imported.
RICH_IMPORTED = """
import atexit, sys
drawing = ("rich.console", "rich.table", "rich.text")
atexit.register(lambda: print(sorted(m for m in sys.modules if m in drawing), file=sys.stderr))
sys.argv = ["negotrack", *sys.argv[1:]]
from negotrack.cli.root import main
main()
"""


@pytest.mark.slow
def test_show_piped_draws_its_page_without_rich() -> None:
    """Piped, ``show`` lays out its page itself (rich's console and table are much of
    its start-up); in colour rich draws it."""

    def imported(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", RICH_IMPORTED, *args],
            capture_output=True,
            text=True,
            env=env(FORCE_COLOR=None, TTY_COMPATIBLE=None),
            cwd=ROOT,
            timeout=60,
        )
        assert result.returncode == 0 and "Northland" in result.stdout, result.stderr
        return result.stderr.strip()

    assert imported("show", "north", "--kb", str(KB)) == "[]"
    assert imported("show", "north", "--history", "--kb", str(KB), "--color", "never") == "[]"
    assert "rich.console" in imported("show", "north", "--kb", str(KB), "--color", "always")
