"""The command-line contract: exit codes, streams, --kb resolution, help, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

import negotrack
from negotrack.cli.app import app, main
from negotrack.cli.common import ReadOptions, bundled
from tests.conftest import KBS, ROOT

MINIMAL = KBS / "minimal.yaml"


def run_module(*args: str, cwd: Path | None = None, env: dict | None = None):
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("NEGOTRACK_KB", None)
    return subprocess.run(
        [sys.executable, "-m", "negotrack", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=60,
    )


def test_version(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"negotrack {negotrack.__version__}\n"


def test_validate_a_valid_kb(cli) -> None:
    result = cli("validate", "--kb", MINIMAL)
    assert result.exit_code == 0
    assert result.stdout == (
        f"{MINIMAL}: valid (1 actor, 1 person, 1 issue, 1 source, 1 event, 1 position)\n"
    )


def test_validate_json(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "tests" / "bad_inputs")
    result = cli("validate", "--kb", "date-after-source.yaml", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "valid": False,
        "files": ["date-after-source.yaml"],
        "counts": {
            "actors": 2,
            "people": 1,
            "issues": 1,
            "sources": 1,
            "events": 0,
            "positions": 2,
            "documents": 0,
        },
        "errors": 1,
        "warnings": 0,
        "problems": [
            {
                "file": "date-after-source.yaml",
                "line": 29,
                "column": 11,
                "level": "error",
                "rule": "date-after-source",
                "message": "dated 2025-04-01, after its source 'paper' was published (2025-03)",
            }
        ],
    }


def test_warnings_pass_unless_strict(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "tests" / "bad_inputs")
    result = cli("validate", "--kb", "warnings-strict.yaml")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "warnings-strict.yaml: valid with 3 warnings "
        "(2 actors, 1 person, 1 issue, 2 sources, 0 events, 1 position)"
    )
    assert cli("validate", "--strict", "--kb", "warnings-strict.yaml").exit_code == 1


def test_kb_from_the_environment(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEGOTRACK_KB", str(MINIMAL))
    result = cli("validate")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{MINIMAL}: valid")


def test_a_missing_kb_is_a_one_line_error(cli, tmp_path: Path) -> None:
    result = cli("validate", "--kb", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        result.stderr == f"negotrack: error: knowledge base not found: {tmp_path / 'nope.yaml'}\n"
    )


def test_an_unreadable_kb_is_a_one_line_error(cli, tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("negotrack: 1\n")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read anything")
        result = cli("validate", "--kb", path)
    finally:
        path.chmod(0o600)
    assert result.exit_code == 2
    assert result.stderr == f"negotrack: error: cannot read {path}: Permission denied\n"


def test_a_bad_option_is_a_usage_error(cli) -> None:
    # The words are click's; negotrack promises exit 2 and the option named.
    result = cli("validate", "--no-such-option")
    assert result.exit_code == 2
    assert "--no-such-option" in result.stderr
    assert result.stdout == ""


def test_the_bundled_kb_is_used_from_any_folder(tmp_path: Path) -> None:
    result = run_module("validate", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(negotrack.load.loader.bundled_kb()) + ": valid (")
    assert result.stderr == ""


@pytest.mark.slow
def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    # Enough problems to overflow a pipe buffer several times over.
    records = "".join(f"  - id: a{i}\n    name: A\n    bogus: x\n" for i in range(5000))
    kb = tmp_path / "many.yaml"
    kb.write_text("actors:\n" + records)
    process = subprocess.Popen(
        [sys.executable, "-m", "negotrack", "validate", "--kb", str(kb)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    process.wait(timeout=60)
    assert first.startswith(str(kb).encode() + b":4:5: error: unknown field in actor")
    assert stderr == b""


def test_hostile_yaml_never_shows_a_traceback(tmp_path: Path) -> None:
    kb = tmp_path / "evil.yaml"
    kb.write_text("negotrack: !!python/object/apply:os.system ['touch pwned']\n")
    result = run_module("validate", "--kb", str(kb), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{kb}:1:12: error: YAML tag '!!python/object/apply:os.system'")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "pwned").exists()


def test_an_internal_error_is_reported_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(kb=None, **options):
        raise RuntimeError("boom")

    monkeypatch.setattr("negotrack.checks.validate.check", broken)
    monkeypatch.setattr(sys, "argv", ["negotrack", "validate", "--kb", str(MINIMAL)])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 70
    assert capsys.readouterr().err == (
        "negotrack: internal error: RuntimeError: boom\n"
        "This is a bug in negotrack; run with NEGOTRACK_DEBUG=1 for details.\n"
    )


def test_schema_is_json_schema_of_the_format(cli) -> None:
    result = cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert schema["properties"]["negotrack"] == {
        "const": 1,
        "description": "Format version of this file.",
    }
    position = schema["$defs"]["Position"]
    assert position["required"] == [
        "id",
        "actor",
        "issue",
        "stance",
        "summary",
        "source",
        "evidence",
    ]
    assert position["properties"]["stance"]["enum"] == [
        "support",
        "oppose",
        "conditional",
        "ambiguous",
    ]
    for definition in schema["$defs"].values():
        assert not {"file", "line", "when", "as_reported"} & set(definition["properties"])


def commands() -> list[str]:
    return [c.name or c.callback.__name__ for c in app.registered_commands]


@pytest.mark.parametrize("command", commands())
def test_every_command_has_help_with_an_example(cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"negotrack {command}" in result.stdout


def test_help_lists_every_command(cli) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    for command in commands():
        assert command in result.stdout


def test_no_arguments_shows_help(cli) -> None:
    result = cli()
    assert "Usage: negotrack" in result.output


def test_python_m_negotrack_works() -> None:
    result = run_module("--version")
    assert result.returncode == 0
    assert result.stdout == f"negotrack {negotrack.__version__}\n"


def test_typer_exit_is_typers_own() -> None:
    # typer bundles its own click: only its exceptions are handled without a traceback.
    assert typer.Exit.__module__.startswith("typer")


def test_every_command_is_mapped_to_the_module_that_registers_it() -> None:
    from negotrack.cli.root import COMMAND_MODULES

    registered = {}
    for info in app.registered_commands:
        name = info.name or info.callback.__name__.replace("_", "-")
        registered[name] = info.callback.__module__.rsplit(".", 1)[-1]
    for group in app.registered_groups:  # a command with subcommands (plans compare)
        callback = group.typer_instance.registered_callback.callback
        registered[group.name] = callback.__module__.rsplit(".", 1)[-1]
    assert registered == COMMAND_MODULES


def test_the_entry_point_loads_only_the_command_it_runs() -> None:
    code = (
        "import sys; sys.argv = ['negotrack', 'sources', '--format', 'json']\n"
        "from negotrack.cli.root import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('negotrack.cli.'))\n"
        "print(loaded, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.stderr.strip() == (
        "['negotrack.cli.cite', 'negotrack.cli.common', 'negotrack.cli.progress', "
        "'negotrack.cli.root']"
    )


def shell(command: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with ``negotrack`` meaning this checkout's module."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    env.pop("NEGOTRACK_KB", None)
    negotrack = f"{sys.executable} -m negotrack"
    return subprocess.run(
        command.replace("negotrack", negotrack, 1),
        shell=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )


def test_a_closed_stdout_is_an_error_not_a_crash(tmp_path: Path) -> None:
    result = shell(f"negotrack validate --kb {MINIMAL} >&-", tmp_path)
    assert result.returncode == 1
    assert result.stderr == "negotrack: error: standard output is closed\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_an_error_not_a_crash(tmp_path: Path) -> None:
    result = shell(f"negotrack filter --kb {MINIMAL} --format json > /dev/full", tmp_path)
    assert result.returncode == 1
    assert result.stderr == "negotrack: error: cannot write the output: No space left on device\n"


def test_a_closed_stderr_keeps_the_exit_code(tmp_path: Path) -> None:
    assert shell(f"negotrack show nobody --kb {MINIMAL} 2>&-", tmp_path).returncode == 2


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_not_read_as_a_kb(cli) -> None:
    result = cli("validate", "--kb", "/dev/zero")
    assert result.exit_code == 2
    assert result.stderr == "negotrack: error: not a regular file: /dev/zero\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_in_a_directory_kb_is_refused(cli, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(MINIMAL.read_bytes())
    os.mkfifo(tmp_path / "b.yaml")
    result = cli("validate", "--kb", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"negotrack: error: not a regular file: {tmp_path / 'b.yaml'}\n"


def test_a_zero_width_terminal_still_gets_a_table(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "0")
    result = cli("matrix", "--kb", MINIMAL)
    assert result.exit_code == 0
    assert "Legend: ✓ support" in result.stdout
    # The KB's path is never broken, like a URL: it may be longer.
    lines = [line for line in result.stdout.splitlines() if not line.startswith("KB: ")]
    assert 30 < max(len(line) for line in lines) <= 40


def test_schema_accepts_kb_like_every_command(cli) -> None:
    assert cli("schema", "--kb", MINIMAL).stdout == cli("schema").stdout


KB_COMMANDS = (
    ("validate",),
    ("show", "russia"),
    ("filter",),
    ("diff", "russia", "ukraine"),
    ("timeline",),
    ("matrix",),
    ("sources",),
    ("cite", "kyivpost-2025-03-16"),
    ("export", "--output", "-"),
    ("verify-quotes", "--archive", "."),
    ("schema",),
    ("add", "--actor", "russia", "--issue", "territory", "--stance", "support", "--summary",
     "S.", "--source", "kyivpost-2025-03-16", "--evidence", "paraphrase"),
)  # fmt: skip


@pytest.mark.parametrize("command", KB_COMMANDS, ids=lambda c: c[0])
def test_an_empty_kb_is_a_usage_error_not_the_default(
    cli, command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # where ./data/positions.yaml would be the default
    result = cli(*command, "--kb", "")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "negotrack: error: the knowledge base path is empty; name a KB file or directory\n"
    )
    monkeypatch.setenv("NEGOTRACK_KB", "")
    result = cli(*command)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "negotrack: error: NEGOTRACK_KB is set but empty; name a KB file or directory in it, "
        "or unset it\n"
    )


def test_format_names_are_matched_in_any_case(cli) -> None:
    for command in (["filter"], ["validate"], ["export", "-o", "-"]):
        lower = cli(*command, "--kb", MINIMAL, "-f", "json")
        upper = cli(*command, "--kb", MINIMAL, "-f", "JSON")
        assert upper.exit_code == lower.exit_code == 0
        assert upper.stdout == lower.stdout
    assert cli("cite", "paper-2025-03", "-s", "BibTeX", "--kb", MINIMAL).stdout.startswith(
        "@online{paper-2025-03,"
    )


def test_an_unknown_format_names_the_choices(cli) -> None:
    result = cli("show", "russia", "--kb", MINIMAL, "-f", "xml")
    assert result.exit_code == 2
    assert "unknown format 'xml'" in result.output


def test_every_read_command_takes_the_read_options() -> None:
    probe = typer.Typer(add_completion=False)

    @probe.command()
    @bundled
    def only_the_bundle(*, read: ReadOptions) -> None:
        """Takes nothing but the read options."""

    wanted = {o for p in typer.main.get_command(probe).params for o in p.opts}
    assert {"--format", "--kb", "--no-cache"} <= wanted
    command = typer.main.get_command(app)
    for name in ("show", "filter", "diff", "timeline", "matrix", "sources"):
        options = {o for p in command.commands[name].params for o in p.opts}
        assert wanted <= options, name
