"""The benchmark scripts work: the synthetic KB is deterministic and valid, and
run.py writes its report (a smoke test at N = 1,000: no timing is asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import negotrack
from benchmarks import gen_kb
from tests.conftest import ROOT

COUNTS_1000 = {
    "actors": 40,
    "people": 213,
    "issues": 384,
    "sources": 125,
    "events": 20,
    "positions": 1000,
    "documents": 0,
}


def test_the_synthetic_kb_is_deterministic(tmp_path: Path) -> None:
    one, two, other = tmp_path / "one.yaml", tmp_path / "two.yaml", tmp_path / "other.yaml"
    gen_kb.write(1000, 1, one)
    gen_kb.write(1000, 1, two)
    gen_kb.write(1000, 2, other)
    assert one.read_bytes() == two.read_bytes()
    assert one.read_bytes() != other.read_bytes()


def test_the_synthetic_kb_is_valid_under_strict(tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    gen_kb.write(1000, 1, kb)
    report = negotrack.check(kb, cache=False)
    assert report.problems == []
    assert report.ok(strict=True)
    assert report.kb.counts() == COUNTS_1000
    kinds = {p.evidence for p in report.kb.positions}
    assert kinds == {"quote", "paraphrase", "reported", "assessment"}
    assert any(p.as_reported for p in report.kb.positions)
    assert {p.when.precision for p in report.kb.positions} == {"month", "day"}


def test_the_synthetic_kb_can_be_a_directory(tmp_path: Path) -> None:
    written = gen_kb.write(1000, 1, tmp_path / "kb", files=4)
    assert [p.name for p in written] == [
        "base.yaml",
        "positions-01.yaml",
        "positions-02.yaml",
        "positions-03.yaml",
        "positions-04.yaml",
    ]
    report = negotrack.check(tmp_path / "kb", cache=False)
    assert report.problems == []
    assert report.kb.counts() == COUNTS_1000


def test_gen_kb_writes_to_stdout() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "gen_kb.py"), "50", "--seed", "3"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout == gen_kb.render(gen_kb.generate(50, 3))


FIGURE = r"\d+\.\d\d s \| \d+ MB"
ABSENT = r"not installed \| not installed \| "


@pytest.mark.slow
def test_run_writes_a_report_in_quick_mode(tmp_path: Path) -> None:
    output = tmp_path / "performance.md"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--output",
            str(output),
            "--workdir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    text = output.read_text()
    assert text.startswith("# Performance\n")
    for heading in ("## Machine", "## Reading a KB", "## Start-up", "## Hostile input"):
        assert f"\n{heading}\n" in text
    assert "\n## Against the goals\n" in text
    assert re.search(r"\n- CPU: .+, \d+ logical cores\n", text)
    assert re.search(rf"\n\| `negotrack validate` \| 1,000 \| {FIGURE} \| {FIGURE} \|\n", text)
    assert re.search(
        rf"\n\| `negotrack filter --actor russia --format json` \| 1,000 \| "
        rf"({FIGURE} \| {FIGURE}|n/a \| n/a \| n/a \| n/a) \|\n",
        text,
    )
    assert re.search(r"\n\| `negotrack show russia` \| (\d+\.\d\d s|n/a) \|", text)
    assert re.search(
        rf"\n\| `negotrack validate --no-cache` \| 1,000 \| {FIGURE} \| – \| – \|\n", text
    )
    assert re.search(
        rf"\n\| `negotrack show russia --format json` \| 1,000 \| – \| – \| {FIGURE} \|\n", text
    )
    # The peers, in the same run, as multiples of negotrack's start-up.
    assert "\n## Warm queries and their peers\n" in text
    assert re.search(rf"\n\| `negotrack --version` \| 1,000 \| {FIGURE} \| 1\.0 \|\n", text)
    for peer in ("libyaml's event stream", "sqlite3 -json", "jq"):
        assert re.search(
            rf"\n\| {peer}[^|]* \| 1,000 \| ({FIGURE} \| \d+\.\d|{ABSENT}) \|\n",
            text,
        ), peer
    assert re.search(
        r"\n\| `show` start-up, no compiled bytecode: at most 1\.3 × the floor \|", text
    )
    assert re.search(rf"\n\| `negotrack validate --no-cache` \(exit 1\) \| {FIGURE} \|\n", text)
    assert re.search(
        r"\n\| an alias bomb refused: at most 1 s \| \d+\.\d\d s \| (met|\*\*missed\*\*) \|\n", text
    )
    assert str(tmp_path) not in text and str(ROOT) not in text  # no paths of this machine
    assert list(tmp_path.iterdir()) == [output]  # KBs and caches cleaned up


def test_the_hostile_input_benchmark_runs(capsys) -> None:
    from benchmarks import hostile

    assert hostile.main(["--scale", "0.01"]) == 0  # small inputs: no limit is checked
    table = capsys.readouterr().out.splitlines()
    assert table[0] == "| case | processor time | wall time | limit |"
    assert len(table) == 2 + len(hostile.CASES) + 1
