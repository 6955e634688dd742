"""Hostile input too large to keep in tests/bad_inputs/: it is generated here.

Huge files and alias bombs run in a child process that reports its own peak
memory, so that one test's memory cannot hide in another's. The bounds are
generous on purpose: they catch a blow-up (an expanded alias bomb needs
gigabytes), never a slow machine. How fast the bomb is refused is measured by
``benchmarks/run.py``, not here: no test asserts a time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import negotrack
from benchmarks.run import alias_bomb
from negotrack.model.dates import PartialDate
from negotrack.model.values import parse_flag
from tests.conftest import KBS

MINIMAL = KBS / "minimal.yaml"
MB = 1024 * 1024

CHILD = """
import json, resource, sys
import negotrack
report = negotrack.check(sys.argv[1], cache=False)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
peak_mb = peak / (1024 * 1024 if sys.platform == "darwin" else 1024)
print(json.dumps({"problems": [str(p) for p in report.problems], "peak_mb": peak_mb,
                  "counts": report.kb.counts()}))
"""


def check_in_child(path: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def with_position_field(line: str) -> str:
    """The minimal KB with one more field on its position."""
    return MINIMAL.read_text() + f"    {line}\n"


def test_a_one_megabyte_summary_is_refused_with_its_length(tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    summary = "Putin said the occupied regions are part of Russia."
    kb.write_text(MINIMAL.read_text().replace(summary, "a" * MB))
    assert [str(p) for p in negotrack.check(kb).problems] == [
        f"{kb}:34:14: error: summary: too long: 1,048,576 characters, at most 2,000 allowed "
        "here (schema)"
    ]


def test_a_long_quote_is_allowed_up_to_its_limit(tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    text = MINIMAL.read_text().replace("evidence: quote", "evidence: paraphrase")
    kb.write_text(text.replace("These regions are ours [sic].", "x" * 20_000))
    assert negotrack.check(kb).problems == []
    kb.write_text(text.replace("These regions are ours [sic].", "x" * 20_001))
    assert [str(p) for p in negotrack.check(kb).problems] == [
        f"{kb}:37:12: error: quote: too long: 20,001 characters, at most 20,000 allowed here "
        "(schema)"
    ]


@pytest.mark.slow
def test_a_50_mb_value_fails_cleanly_in_bounded_memory(tmp_path: Path) -> None:
    kb = tmp_path / "huge-value.yaml"
    kb.write_text(with_position_field('note: "' + "x" * (50 * MB) + '"'))
    outcome = check_in_child(kb)
    assert outcome["problems"] == [
        f"{kb}:41:11: error: note: too long: 52,428,800 characters, at most 20,000 allowed here "
        "(schema)"
    ]
    assert outcome["peak_mb"] < 1500


@pytest.mark.slow
def test_a_50_mb_file_validates_in_bounded_memory(tmp_path: Path) -> None:
    kb = tmp_path / "huge-file.yaml"
    line = "# " + "a comment that pads the file " * 3 + "\n"
    with kb.open("w") as file:
        file.write(MINIMAL.read_text())
        file.write(line * (50 * MB // len(line) + 1))
    assert kb.stat().st_size > 50 * MB
    outcome = check_in_child(kb)
    assert outcome["problems"] == []
    assert outcome["counts"]["positions"] == 1
    assert outcome["peak_mb"] < 1500


@pytest.mark.slow
def test_an_alias_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    kb = tmp_path / "bomb.yaml"
    kb.write_text(alias_bomb(levels=30, width=10))  # 10**30 strings, expanded
    outcome = check_in_child(kb)
    anchor = (
        "error: YAML anchor '&l{}' is not allowed: write each value out in full "
        "(anchors, aliases and merge keys are not supported) (yaml)"
    )
    assert outcome["problems"] == [
        f"{kb}:{level + 2}:{5 if level < 10 else 6}: {anchor.format(level)}" for level in range(30)
    ]
    assert outcome["peak_mb"] < 500


@pytest.mark.slow
@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch pwned']",
        "!!python/object/new:os.system ['touch pwned']",
        "!!python/object:subprocess.Popen {args: ['touch', 'pwned']}",
        "!!python/name:os.system",
        "!!python/module:os",
    ],
)
def test_unsafe_tags_are_never_constructed(tmp_path: Path, tag: str) -> None:
    kb = tmp_path / "evil.yaml"
    kb.write_text(f"negotrack: 1\nactors:\n  - id: {tag}\n    name: Evil\n")
    result = subprocess.run(
        [sys.executable, "-m", "negotrack", "validate", "--no-cache", "--kb", kb.name],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
    )
    assert result.returncode == 1
    shown = tag.split(" ")[0]
    assert result.stdout.startswith(
        f"evil.yaml:3:9: error: YAML tag '{shown}' is not allowed (yaml)\n"
    )
    assert result.stderr == ""
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("written", ["2025", "2025-03", "2025-03-14"])
@pytest.mark.parametrize("quote", ["", "'", '"'])
def test_a_date_loads_the_same_quoted_or_not(tmp_path: Path, written: str, quote: str) -> None:
    kb = tmp_path / "kb.yaml"
    text = MINIMAL.read_text().replace("date: 2025-03-14", f"date: {quote}{written}{quote}")
    kb.write_text(text.replace("published: 2025-03", "published: 2025-12"))
    (position,) = negotrack.open_kb(kb).positions
    assert position.date == PartialDate.parse(written)
    assert str(position.date) == written
    assert position.date.precision == {4: "year", 7: "month", 10: "day"}[len(written)]


@pytest.mark.parametrize(
    ("written", "value"),
    [("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False)],
)
def test_booleans_are_true_and_false(written: str, value: bool) -> None:
    assert parse_flag(written) is value


@pytest.mark.parametrize("written", ["yes", "no", "on", "off", "y", "n", "1", "0", "", "tru"])
def test_yaml_1_1_booleans_are_refused(written: str) -> None:
    with pytest.raises(ValueError, match=f"expected true or false, got {written!r}"):
        parse_flag(written)


def test_markup_and_brackets_are_ordinary_text() -> None:
    kb = negotrack.open_kb(KBS / "markup-text.yaml")
    assert [p.quote for p in kb.positions] == [
        "Ukraine will never recognize the occupied territories [as part of Russia].",
        "[bold red]boom[/] and [/] and [link=file:///etc/passwd]x[/link] :smile: [sic]",
        "A backslash-e written as text: \\e[2J, and [inaudible].",
    ]
    assert kb.positions[1].summary == "Text in square brackets, like [this], is text."
