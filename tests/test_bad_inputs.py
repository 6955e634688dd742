"""The hostile and broken input corpus: every file in tests/bad_inputs/ must fail
validation with exactly the problems in its .expected file, exit 1, print no
traceback, and leave the file untouched.

Where a message quotes the YAML parser, its words are PyYAML's, not negotrack's:
they differ between libyaml and the pure-Python parser and between releases. The
.expected file then writes ``<parser's words>`` in their place, and the runner
checks the rest: the file, line and column, that it is a syntax error, and what
negotrack adds (such as where an unclosed bracket started).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from negotrack.load import yamltree

BAD = Path(__file__).parent / "bad_inputs"
CASES = sorted(BAD.glob("*.yaml"))
PARSER_WORDS = "<parser's words>"


def expected_pattern(expected: str) -> re.Pattern[str]:
    """The .expected text as a pattern: literal, except for the parser's words."""
    parts = [re.escape(part) for part in expected.split(PARSER_WORDS)]
    return re.compile(r"[^\n]+?".join(parts))


def problems_of(case: Path, cli) -> tuple[list[str], object]:
    result = cli("validate", "--strict", "--kb", case.name)
    lines = result.stdout.splitlines()
    assert lines[-1].startswith(f"{case.name}: invalid: ")
    return [line for line in lines if not line.startswith(f"{case.name}: ")], result


def test_the_corpus_is_large_and_paired() -> None:
    assert len(CASES) >= 30
    for case in CASES:
        assert case.with_suffix(".expected").is_file(), case.name


def test_only_syntax_errors_leave_words_to_the_parser() -> None:
    for case in CASES:
        for line in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
            if PARSER_WORDS in line:
                assert ": error: YAML syntax error: " + PARSER_WORDS in line, case.name


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_bad_input(case: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    before = case.read_bytes()

    problems, result = problems_of(case, cli)

    expected = case.with_suffix(".expected").read_text(encoding="utf-8")
    assert expected_pattern(expected).fullmatch("\n".join(problems) + "\n"), (
        "\n".join(problems) + "\n"
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert case.read_bytes() == before


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.stem.startswith("syntax-")], ids=lambda p: p.stem
)
def test_syntax_errors_are_placed_alike_by_the_pure_python_parser(
    case: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The suite normally runs with libyaml; here the same file goes through
    # PyYAML's own parser, which words its messages differently.
    monkeypatch.setattr(yamltree, "_Loader", yaml.SafeLoader)
    monkeypatch.chdir(BAD)
    problems, result = problems_of(case, cli)
    expected = case.with_suffix(".expected").read_text(encoding="utf-8")
    assert expected_pattern(expected).fullmatch("\n".join(problems) + "\n")
    assert result.exit_code == 1
