"""The README tells the truth: its quickstart is what CI runs, and every console
example shows what the command really prints.

Machine output (JSON, CSV, YAML, BibTeX) must match byte for byte. A table is
rich's layout of negotrack's content, so it is compared by content: the text
around it, its headers, and each row's cells (see tests/tables.py)."""

from __future__ import annotations

import re
import shlex

import pytest

from tests import tables
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quickstart() -> list[str]:
    block = re.search(r"<!-- quickstart -->\n```sh\n(.*?)```\n<!-- /quickstart -->", README, re.S)
    assert block, "README has no quickstart block"
    return block.group(1).strip().splitlines()


def test_the_quickstart_is_two_lines_install_and_run_then_test() -> None:
    install, test = quickstart()
    assert install.startswith("python3 -m venv .venv && ")
    assert install.endswith("&& .venv/bin/negotrack show russia")
    assert "'.[test]'" in test and test.endswith("python -m pytest -q")


def test_ci_runs_the_readme_test_line() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- quickstart -->" in script and 'grep -F "[test]"' in script
    assert [line for line in quickstart() if "[test]" in line] == [quickstart()[1]]


def console_examples() -> list[tuple[str, str]]:
    """``(command line, expected output)`` for each ```console block of the README."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        lines = block.splitlines()
        assert re.match(r"\$ (COLUMNS=\d+ )?negotrack ", lines[0]), lines[0]
        examples.append((lines[0][2:], "\n".join(lines[1:]) + "\n"))
    return examples


@pytest.mark.parametrize(("command", "expected"), console_examples(), ids=lambda v: v[:40])
def test_readme_examples_are_real(
    command: str, expected: str, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")
    if command.startswith("COLUMNS="):  # an example at another width
        columns, _, command = command.partition(" ")
        monkeypatch.setenv("COLUMNS", columns.removeprefix("COLUMNS="))
    head = None
    if " | head -" in command:
        command, _, count = command.partition(" | head -")
        head = int(count)
    result = cli(*shlex.split(command)[1:])
    output = result.stdout
    if tables.has_table(expected):
        want, got = tables.read(expected), tables.read(output)
        if head is None:
            assert got == want
        else:  # the example stops after `head` lines, perhaps inside a row
            assert (got.before, got.headers) == (want.before, want.headers)
            shown = len(want.rows) - 1
            assert got.rows[:shown] == want.rows[:shown]
            last = zip(got.rows[shown], want.rows[shown], strict=True)
            assert all(cell.startswith(part) for cell, part in last)
        return
    if head is not None:
        output = "".join(output.splitlines(keepends=True)[:head])
    assert output == expected


def test_the_python_example_prints_what_the_readme_says(monkeypatch: pytest.MonkeyPatch) -> None:
    import contextlib
    import io

    block = re.search(
        r"<!-- python-example -->\n```python\n(.*?)```\n\nprints\n\n```text\n(.*?)```\n"
        r"<!-- /python-example -->",
        README,
        re.S,
    )
    assert block, "README has no Python example"
    code, expected = block.groups()
    monkeypatch.chdir(ROOT)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    assert printed.getvalue() == expected


def test_the_public_api_is_typed_and_cheap_to_import() -> None:
    import ast
    import subprocess
    import sys

    import negotrack

    source = ast.parse((ROOT / "negotrack" / "__init__.py").read_text(encoding="utf-8"))
    typed = {
        alias.asname or alias.name
        for node in ast.walk(source)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert set(negotrack.__all__) - {"__version__"} <= typed  # a type checker sees each
    for name in negotrack.__all__:
        assert getattr(negotrack, name) is not None
    code = "import negotrack, sys; print([m for m in sys.modules if m.startswith('negotrack')])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "['negotrack']"
