"""Measure negotrack on hostile and oversized input, against the time each may take.

    python benchmarks/hostile.py                 # every case, full size
    python benchmarks/hostile.py --scale 0.05    # a smoke test: small inputs, no limits

Each case writes its input into a temporary folder and runs one command in a
fresh process, as a user would, with an empty parse cache; the figure is the
child's processor time (user and system), which a busy machine inflates far
less than wall time (wall time is shown too). A case fails when it takes
longer than its limit; the limits are generous, several times what the work
needs, and catch the quadratic and unbounded behaviour they were set against:

- validate: 100,000 unknown fields in one record, 80,000 repeated keys,
  100,000 unknown references, 3,000 unknown issues among 3,000 issues (5 s);
- verify-quotes: a 1,378-character quote that is not in a 46 KB article, and
  quotes of every length against a 1 MB article (2 s);
- timeline on 20,000 positions: the table within 3 times the JSON.

Exit status 1 if any case is over its limit (never with ``--scale`` below 1).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

HEAD = "negotrack: 1\nactors:\n  - id: a\n    name: A\n"
SOURCE = (
    "sources:\n  - id: s\n    title: T\n    publisher: P\n"
    "    url: https://example.org/\n    published: 2025\n"
)


@dataclass
class Case:
    name: str
    limit: float
    #: Writes the input into a folder; returns the negotrack arguments to run.
    make: Callable[[Path, float], list[str]]


def unknown_fields(folder: Path, scale: float) -> list[str]:
    n = int(100_000 * scale)
    kb = folder / "kb.yaml"
    kb.write_text(HEAD + "".join(f"    field{i}: x\n" for i in range(n)), encoding="utf-8")
    return ["validate", "--kb", str(kb)]


def repeated_keys(folder: Path, scale: float) -> list[str]:
    n = int(40_000 * scale)
    kb = folder / "kb.yaml"
    keys = "".join(f"    k{i}: x\n" for i in range(n))
    kb.write_text(HEAD + keys + keys, encoding="utf-8")  # each key twice
    return ["validate", "--kb", str(kb)]


def unknown_references(folder: Path, scale: float) -> list[str]:
    n = int(100_000 * scale)
    kb = folder / "kb.yaml"
    event = "events:\n  - id: e\n    date: 2025\n    title: T\n    source: s\n    actors:\n"
    actors = "".join(f"      - actor-number-{i}\n" for i in range(n))
    kb.write_text(HEAD + SOURCE + event + actors, encoding="utf-8")
    return ["validate", "--kb", str(kb)]


def unknown_issues(folder: Path, scale: float) -> list[str]:
    n = max(1, int(3_000 * scale))
    issues = "issues:\n" + "".join(
        f"  - id: issue-{i}\n    name: Issue {i}\n    question: Q{i}?\n" for i in range(n)
    )
    positions = "positions:\n" + "".join(
        f"  - {{id: p{i}, actor: a, issue: isue-{i}, stance: support, summary: S., "
        "source: s, evidence: paraphrase}\n"
        for i in range(n)
    )
    kb = folder / "kb.yaml"
    kb.write_text(HEAD + issues + SOURCE + positions, encoding="utf-8")
    return ["validate", "--kb", str(kb)]


def _article(size: int, seed: int) -> str:
    chance = random.Random(seed)
    vocabulary = [
        "".join(chance.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(chance.randint(2, 9)))
        for _ in range(3000)
    ]
    words: list[str] = []
    length = 0
    while length < size:
        word = chance.choice(vocabulary)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)


def _quote_kb(folder: Path, quotes: list[str]) -> Path:
    positions = "positions:\n" + "".join(
        f"  - id: p{i}\n    actor: a\n    issue: i\n    stance: support\n    summary: S.\n"
        f"    source: s\n    evidence: quote\n    quote: {quote!r}\n"
        for i, quote in enumerate(quotes)
    )
    issue = "issues:\n  - id: i\n    name: I\n    question: Q?\n"
    kb = folder / "kb.yaml"
    kb.write_text(HEAD + issue + SOURCE + positions, encoding="utf-8")
    return kb


def long_quote(folder: Path, scale: float) -> list[str]:
    archive = folder / "archive"
    archive.mkdir()
    (archive / "s.txt").write_text(_article(int(46_000 * scale), 1), encoding="utf-8")
    quote = _article(int(1_378 * scale) + 10, 2)[: max(10, int(1_378 * scale))]
    return ["verify-quotes", "--kb", str(_quote_kb(folder, [quote])), "--archive", str(archive)]


def large_archive(folder: Path, scale: float) -> list[str]:
    archive = folder / "archive"
    archive.mkdir()
    text = _article(int(1_000_000 * scale), 3)
    (archive / "s.txt").write_text(text, encoding="utf-8")
    middle = len(text) // 2
    quotes = [
        _article(349, 4)[:349],
        _article(1_378, 5)[:1_378],
        _article(20_000, 6)[:19_990],
        text[middle : middle + 1_378] + " changed",  # nearly there
    ]
    return ["verify-quotes", "--kb", str(_quote_kb(folder, quotes)), "--archive", str(archive)]


CASES = (
    Case("validate: 100,000 unknown fields", 5.0, unknown_fields),
    Case("validate: 80,000 repeated keys", 5.0, repeated_keys),
    Case("validate: 100,000 unknown references", 5.0, unknown_references),
    Case("validate: 3,000 unknown issues among 3,000", 5.0, unknown_issues),
    Case("verify-quotes: 1,378 characters, 46 KB article", 2.0, long_quote),
    Case("verify-quotes: four quotes, 1 MB article", 2.0, large_archive),
)


def run(argv: list[str], folder: Path) -> tuple[float, float, int]:
    """Processor and wall seconds of one negotrack run, and its exit code."""
    env = dict(os.environ)
    env.pop("NEGOTRACK_KB", None)
    env.update(NEGOTRACK_CACHE_DIR=str(folder / "cache"), NO_COLOR="1", COLUMNS="100")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "negotrack", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=HERE.parent,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, done.returncode


def timeline_ratio(folder: Path, scale: float) -> tuple[float, float, float]:
    """Processor seconds of timeline as JSON and as a table on 20,000 positions (warm)."""
    from benchmarks import gen_kb

    kb = folder / "kb.yaml"
    gen_kb.write(max(100, int(20_000 * scale)), 1, kb)
    argv = ["timeline", "--kb", str(kb)]
    run(["validate", "--kb", str(kb)], folder)  # fill the parse cache: both read it
    json_time = min(run([*argv, "--format", "json"], folder)[0] for _ in range(2))
    table_time = min(run([*argv, "--format", "table"], folder)[0] for _ in range(2))
    return json_time, table_time, table_time / json_time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="input size factor (default 1)")
    args = parser.parse_args(argv)
    checked = args.scale >= 1.0
    failed = False
    print("| case | processor time | wall time | limit |")
    print("|---|---|---|---|")
    for case in CASES:
        folder = Path(tempfile.mkdtemp(prefix="negotrack-hostile-"))
        try:
            cpu, wall, code = run(case.make(folder, args.scale), folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        over = checked and cpu > case.limit
        failed |= over or code not in (0, 1)
        mark = " **over**" if over else ""
        print(f"| {case.name} | {cpu:.2f} s{mark} | {wall:.2f} s | {case.limit:g} s |")
    folder = Path(tempfile.mkdtemp(prefix="negotrack-hostile-"))
    try:
        json_time, table_time, ratio = timeline_ratio(folder, args.scale)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    over = checked and ratio > 3.0
    failed |= over
    print(
        f"| timeline, 20,000 positions: table {table_time:.2f} s, JSON {json_time:.2f} s | "
        f"× {ratio:.1f}{' **over**' if over else ''} | | × 3 |"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
