"""The hostile and broken input corpus: every file in tests/bad_inputs/ must fail
validation with exactly the problems in its .expected file, exit 1, print no
traceback, and leave the file untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

BAD = Path(__file__).parent / "bad_inputs"
CASES = sorted(BAD.glob("*.yaml"))


def test_the_corpus_is_large_and_paired() -> None:
    assert len(CASES) >= 30
    for case in CASES:
        assert case.with_suffix(".expected").is_file(), case.name


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_bad_input(case: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    before = case.read_bytes()

    result = cli("validate", "--strict", "--kb", case.name)

    expected = case.with_suffix(".expected").read_text(encoding="utf-8")
    lines = result.stdout.splitlines()
    problems = [line for line in lines if not line.startswith(f"{case.name}: ")]
    assert "\n".join(problems) + "\n" == expected
    assert lines[-1].startswith(f"{case.name}: invalid: ")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert case.read_bytes() == before
