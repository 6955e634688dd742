"""Measure negotrack on synthetic KBs and write the results to docs/performance.md.

    python benchmarks/run.py                       # N = 1,000, 10,000, 100,000; 5 runs each
    python benchmarks/run.py --large               # and 1,000,000 (550 MB of YAML in 10 files)
    python benchmarks/run.py --sizes 1000,10000 --runs 3
    python benchmarks/run.py --quick --output /tmp/performance.md   # a smoke test

For each N it writes a KB with ``benchmarks/gen_kb.py`` and measures, as the
median of several runs, the wall time and peak memory (the child's maximum
resident set size) of each command, cold (an empty cache: the first run after
an edit) and warm (the cache filled by an earlier run, the KB unchanged). It
also measures start-up on the bundled KB next to the floor that no command can
beat, ``python -c "import typer, rich, pydantic, yaml"``, run in the same loop
so that both see the same machine load. A command this negotrack does not have
is reported as "n/a". Every command runs in a fresh process, as a user runs it.
Next to negotrack's warm queries it measures, in the same run, the peers an
analyst could use instead: the ``sqlite3`` command line on ``export --format
sqlite`` and ``jq`` on ``export --format json`` (skipped, with a note, when not
installed), and libyaml's bare event stream, the floor of a cold read.
Last, it times ``validate`` on an alias bomb, which must be refused at once.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = HERE.parent / "docs" / "performance.md"
SIZES = (1_000, 10_000, 100_000)
LARGE = 1_000_000
NEGOTRACK = [sys.executable, "-m", "negotrack"]

#: The commands measured on each synthetic KB (``{kb}`` is its path), and whether
#: cold (an empty cache), warm (the cache filled) or both are measured.
COMMANDS = (
    ("validate", ["validate", "--kb", "{kb}"], "both"),
    ("validate --no-cache", ["validate", "--kb", "{kb}", "--no-cache"], "cold"),
    (
        "filter --actor russia --format json",
        ["filter", "--kb", "{kb}", "--actor", "russia", "--format", "json"],
        "both",
    ),
    ("show russia --format json", ["show", "russia", "--kb", "{kb}", "--format", "json"], "warm"),
    (
        "diff russia ukraine --format json",
        ["diff", "russia", "ukraine", "--kb", "{kb}", "--format", "json"],
        "warm",
    ),
    (
        "timeline --actor russia --format json",
        ["timeline", "--kb", "{kb}", "--actor", "russia", "--format", "json"],
        "warm",
    ),
    # Russia's positions read, selected and sorted as above, ten of them written:
    # what reading costs, apart from writing 13 MB of JSON at 100,000 positions.
    (
        "filter --actor russia --limit 10 --format json",
        ["filter", "--kb", "{kb}", "--actor", "russia", "--limit", "10", "--format", "json"],
        "warm",
    ),
    # The whole KB's timeline: an entry per position, every one written as JSON.
    ("timeline --format json", ["timeline", "--kb", "{kb}", "--format", "json"], "warm"),
)
#: The warm queries held to the start-up goal.
QUERIES = tuple(name for name, _, kind in COMMANDS if kind != "cold" and name != "validate")
#: Peers, measured on the same KB in the same run: (label, program, arguments).
#: {db} and {json} are the KB exported as SQLite and JSON; {kb} the YAML.
SQL = (
    "SELECT p.*, s.title, s.publisher, s.url, s.published FROM positions p "
    "JOIN sources s ON s.id = p.source WHERE p.actor = 'russia' ORDER BY p.date_start"
)
PEERS = (
    ("sqlite3 -json (the SQLite export, the same selection)", "sqlite3", ["-json", "{db}", SQL]),
    (
        "jq (the JSON export, the same selection)",
        "jq",
        ['[.positions[] | select(.actor == "russia")]', "{json}"],
    ),
)
#: libyaml's events for the whole file and nothing else: the floor of a cold read.
LIBYAML = (
    "import pathlib, sys, yaml\n"
    "kb = pathlib.Path(sys.argv[1])\n"
    "for path in sorted(kb.glob('*.yaml')) if kb.is_dir() else [kb]:\n"
    "    with open(path, 'rb') as f:\n"
    "        for _ in yaml.parse(f, Loader=yaml.CSafeLoader):\n"
    "            pass\n"
)
#: The most positions written to one file: a KB file may hold at most 128 MiB, so
#: larger KBs are directories of files of this many positions (as a real KB of
#: that size would be split).
PER_FILE = 100_000
#: Start-up on the bundled KB, warm, against the import floor.
FLOOR = ["-c", "import typer, rich, pydantic, yaml"]
STARTUP = (
    ('python -c "import typer, rich, pydantic, yaml" (the floor)', FLOOR),
    ("negotrack --version", ["-m", "negotrack", "--version"]),
    ("negotrack validate", ["-m", "negotrack", "validate"]),
    ("negotrack show russia", ["-m", "negotrack", "show", "russia"]),
    # -B with an empty bytecode folder: every module compiled from source, as on
    # the first run after an install that wrote no bytecode.
    ("the floor, no compiled bytecode", ["-B", *FLOOR]),
    ("negotrack show russia, no compiled bytecode", ["-B", "-m", "negotrack", "show", "russia"]),
)

#: (label, command, N, cold or warm, limit in seconds) from the project's goals.
TIME_TARGETS = (
    ("10,000 positions, cold", "validate", 10_000, "cold", 2.0),
    ("10,000 positions, warm", "validate", 10_000, "warm", 0.3),
    ("100,000 positions, warm", "validate", 100_000, "warm", 1.5),
    ("1,000,000 positions, warm", "filter --actor russia --format json", LARGE, "warm", 1.0),
)
MEMORY_TARGET_MB = 600
#: Warm queries at 100,000 positions: at most this many times ``negotrack --version``,
#: and this peak memory.
QUERY_RATIO, QUERY_MEMORY_MB = 2.5, 80
#: ``validate --no-cache`` at 100,000 positions: at most this many times libyaml's
#: bare event stream, and this peak memory.
COLD_RATIO, COLD_MEMORY_MB = 2.0, 300
#: ``show russia`` start-up: at most this many times the import floor.
STARTUP_RATIO = 1.3
#: An alias bomb (10**30 strings if its aliases were expanded) is refused at once.
BOMB_LEVELS, BOMB_WIDTH = 30, 10
BOMB_TARGET_SECONDS = 1.0


@dataclass
class Figure:
    seconds: float
    peak_mb: float | None


@dataclass
class Row:
    command: str
    n: int
    cold: Figure | str
    warm: Figure | str


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="comma-separated KB sizes (default 1000,10000,100000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--quick", action="store_true", help="N = 1,000 and one run: a smoke test")
    parser.add_argument("--large", action="store_true", help="also N = 1,000,000 (slow)")
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="markdown file to write"
    )
    parser.add_argument(
        "--workdir", type=Path, help="where to write KBs and caches (default: a temp dir)"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(SIZES)
    if args.large and LARGE not in sizes:
        sizes.append(LARGE)
    runs = args.runs
    if args.quick:
        sizes, runs = sizes if args.sizes else [1_000], 1
    if runs < 1 or not sizes or min(sizes) < 1:
        parser.error("--runs and every size must be at least 1")

    LOAD.append(load_average())
    workdir = Path(tempfile.mkdtemp(prefix="negotrack-bench-", dir=args.workdir))
    try:
        rows, startup, peers = measure_all(sizes, runs, workdir)
        bomb = measure_bomb(runs, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report(rows, startup, sizes, runs, bomb, peers), encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def child_env(cache_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("NEGOTRACK_KB", "NEGOTRACK_NO_CACHE", "PYTHONDONTWRITEBYTECODE", "COLUMNS"):
        env.pop(name, None)  # as a user runs it: compiled modules cached, default settings
    env["NEGOTRACK_CACHE_DIR"] = str(cache_dir)
    # Room for the parse cache and the query index of every KB measured (1,000,000
    # positions take about 1.3 GiB), so that warm means warm.
    env["NEGOTRACK_CACHE_MAX_MB"] = "4096"
    env["NO_COLOR"] = "1"
    return env


def run_once(
    argv: list[str], env: dict[str, str], cwd: Path, *, program: bool = False
) -> tuple[Figure, int]:
    """Run one child to the end; its wall time, peak memory and exit code.
    ``argv`` is Python's arguments, or a whole command line if ``program``."""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv if program else [sys.executable, *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=cwd,
    )
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
        peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        return Figure(seconds, peak), child.returncode
    code = child.wait()  # pragma: no cover - no per-child rusage on this system
    return Figure(time.perf_counter() - start, None), code


def median(figures: list[Figure]) -> Figure:
    peaks = [f.peak_mb for f in figures if f.peak_mb is not None]
    return Figure(
        statistics.median(f.seconds for f in figures),
        statistics.median(peaks) if peaks else None,
    )


def available(command: str, env: dict[str, str], cwd: Path) -> bool:
    """Whether this negotrack has the command (``negotrack COMMAND --help`` succeeds)."""
    _, code = run_once(["-m", "negotrack", command, "--help"], env, cwd)
    return code == 0


@dataclass
class Peer:
    label: str
    n: int
    figure: Figure | str


def measure_all(
    sizes: list[int], runs: int, workdir: Path
) -> tuple[list[Row], list[tuple], list[Peer]]:
    warm_cache = workdir / "cache"
    env = child_env(warm_cache)
    rows: list[Row] = []
    peers: list[Peer] = []
    for n in sizes:
        files = -(-n // PER_FILE)
        kb = workdir / (f"kb-{n}.yaml" if files == 1 else f"kb-{n}")
        split = ["--files", str(files)] if files > 1 else []
        # In a child: a child's peak memory counts the parent's at the fork, so
        # this process stays small and never holds a KB.
        subprocess.run(
            [sys.executable, str(HERE / "gen_kb.py"), str(n), *split, "--output", str(kb)],
            check=True,
        )
        for name, template, kind in COMMANDS:
            argv = ["-m", "negotrack", *(a.replace("{kb}", str(kb)) for a in template)]
            if not available(template[0], env, workdir):
                rows.append(Row(name, n, "n/a", "n/a"))
                continue
            rows.append(Row(name, n, *measure_command(argv, runs, workdir, env, kind)))
            progress(f"{name} at {n:,}: done")
        peers += measure_peers(n, kb, runs, workdir, env)
        progress(f"peers at {n:,}: done")
        if kb.is_dir():
            shutil.rmtree(kb)
        else:
            kb.unlink()
    return rows, measure_startup(runs, workdir, env), peers


def measure_peers(n: int, kb: Path, runs: int, workdir: Path, env: dict[str, str]) -> list[Peer]:
    """``negotrack --version``, libyaml's event stream and the peers on this KB,
    interleaved run by run so that all see the same machine load."""
    db, document = workdir / f"kb-{n}.sqlite", workdir / f"kb-{n}.json"
    for fmt, target in (("sqlite", db), ("json", document)):
        subprocess.run(
            [*NEGOTRACK, "export", "--kb", str(kb), "--format", fmt, "--output", str(target)],
            env=env,
            cwd=workdir,
            stdout=subprocess.DEVNULL,
            check=True,
        )
    lines: list[tuple[str, list[str] | None, list[Figure]]] = [
        ("negotrack --version", [sys.executable, "-m", "negotrack", "--version"], []),
    ]
    # The warm queries too, so that each is compared with start-up measured in the
    # same rounds (the machine's load changes between rounds, not within one).
    for name, template, _kind in COMMANDS:
        if name in QUERIES:
            filled = [a.replace("{kb}", str(kb)) for a in template]
            lines.append((f"`negotrack {name}`, warm", [*NEGOTRACK, *filled], []))
    lines.append(
        (
            "libyaml's event stream (PyYAML's CSafeLoader)",
            [sys.executable, "-c", LIBYAML, str(kb)],
            [],
        )
    )
    for label, program, arguments in PEERS:
        found = shutil.which(program)
        filled = [a.replace("{db}", str(db)).replace("{json}", str(document)) for a in arguments]
        lines.append((label, [found, *filled] if found else None, []))
    for _label, argv, _figures in lines:
        if argv is not None:
            run_once(argv, env, workdir, program=True)  # files in the page cache
    for _ in range(runs):
        for _label, argv, figures in lines:
            if argv is not None:
                figures.append(run_once(argv, env, workdir, program=True)[0])
    db.unlink()
    document.unlink()
    return [
        Peer(label, n, median(figures) if figures else "not installed")
        for label, argv, figures in lines
    ]


def measure_command(
    argv: list[str], runs: int, workdir: Path, warm_env: dict[str, str], kind: str = "both"
) -> tuple[Figure | str, Figure | str]:
    if kind == "cold":
        return measure_cold(argv, runs, workdir), "–"
    cold = measure_cold(argv, runs, workdir) if kind == "both" else "–"
    if isinstance(cold, str) and cold.startswith("failed"):
        return cold, "n/a"
    run_once(argv, warm_env, workdir)  # fills the cache
    warm = []
    for _ in range(runs):
        figure, code = run_once(argv, warm_env, workdir)
        if code != 0:
            return cold, f"failed (exit {code})"
        warm.append(figure)
    return cold, median(warm)


def measure_cold(argv: list[str], runs: int, workdir: Path) -> Figure | str:
    cold: list[Figure] = []
    for k in range(runs):
        empty = workdir / f"cold-cache-{k}"
        figure, code = run_once(argv, child_env(empty), workdir)
        shutil.rmtree(empty, ignore_errors=True)
        if code != 0:
            return f"failed (exit {code})"
        cold.append(figure)
    return median(cold)


def measure_startup(runs: int, workdir: Path, env: dict[str, str]) -> list[tuple]:
    """Median start-up of each line of STARTUP, interleaved run by run."""
    home = workdir / "elsewhere"  # no ./data/positions.yaml: the bundled KB is used
    home.mkdir(exist_ok=True)
    lines: list[tuple[str, list[str], list[Figure] | None]] = []
    for label, argv in STARTUP:
        command = argv[2] if argv[:2] == ["-m", "negotrack"] else None
        if command and not command.startswith("-") and not available(command, env, home):
            lines.append((label, argv, None))
            continue
        run_once(argv, env, home)  # compiled modules and the cache in place
        lines.append((label, argv, []))
    bare = {**env, "PYTHONPYCACHEPREFIX": str(workdir / "no-bytecode")}
    for _ in range(runs):
        for _label, argv, figures in lines:
            if figures is not None:
                figures.append(run_once(argv, bare if argv[0] == "-B" else env, home)[0])
    return [(label, median(figures) if figures else None) for label, _, figures in lines]


def alias_bomb(levels: int, width: int) -> str:
    """Billion laughs: ``width ** levels`` strings if the aliases were expanded."""
    lines = ["negotrack: 1", "l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    lines.append(f"actors: [*l{levels - 1}, *l{levels - 1}]")
    return "\n".join(lines) + "\n"


def measure_bomb(runs: int, workdir: Path) -> Figure | str:
    """Median time and peak memory of ``validate`` refusing an alias bomb (exit 1)."""
    kb = workdir / "alias-bomb.yaml"
    kb.write_text(alias_bomb(BOMB_LEVELS, BOMB_WIDTH), encoding="utf-8")
    argv = ["-m", "negotrack", "validate", "--no-cache", "--kb", str(kb)]
    env = child_env(workdir / "bomb-cache")
    figures = []
    for _ in range(runs):
        figure, code = run_once(argv, env, workdir)
        if code != 1:
            return f"failed (exit {code}, not 1)"
        figures.append(figure)
    progress("alias bomb: done")
    return median(figures)


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- the report ----------------------------------------------------------------


def report(
    rows: list[Row],
    startup: list[tuple],
    sizes: list[int],
    runs: int,
    bomb: Figure | str = "not measured",
    peers: list[Peer] | None = None,
) -> str:
    peers = peers or []
    lines = [
        "# Performance",
        "",
        "Measured by `benchmarks/run.py` on synthetic KBs written by `benchmarks/gen_kb.py`",
        "(40 actors, 213 people, 384 issues in a three-level tree, one source per eight",
        "positions, quotes and summaries of realistic length; 100,000 positions make 54 MB",
        "of YAML). Every figure is the median of "
        + (f"{runs} runs" if runs > 1 else "1 run")
        + " of a fresh process: wall time and peak memory",
        "(maximum resident set size). **Cold** is the first run after an edit (an empty",
        "cache, which the run fills); **warm** is any later run on the unchanged KB.",
        "Rerun with `python benchmarks/run.py` (about ten minutes; `--large` adds",
        "1,000,000 positions, another half hour); `--quick` is a smoke test, run by the",
        "test suite.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Reading a KB",
        "",
        "| command | positions | cold | cold peak | warm | warm peak |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| `negotrack {row.command}` | {row.n:,} | {seconds(row.cold)} | {peak(row.cold)} "
            f"| {seconds(row.warm)} | {peak(row.warm)} |"
        )
    lines += scaling(rows, sizes)
    lines += peer_table(rows, peers, sizes)
    lines += [
        "",
        "How a warm run reads: each file is opened and its status (size, times, inode)",
        "compared with its cache entry's, so an unchanged file is neither read nor hashed.",
        "`validate` then reads one small entry with the counts and problems it printed",
        "last time and decodes no record. The other warm queries ask the KB's index (an",
        "SQLite database in the cache): `filter` and `timeline` in JSON have it select",
        "and order the positions and write each one's JSON, kept written there, without",
        "decoding a record; `show` and `diff` read the current stances kept there and",
        "decode only the positions those rest on. Their time and memory grow with what",
        "they print, not with the KB: Russia has a tenth of the positions, 10,000 at",
        "100,000, which `filter` writes as 13 MB of JSON. The `--limit 10` line selects",
        "the same positions and writes ten: the cost of reading, apart from writing. The",
        "whole KB's timeline writes every position.",
    ]
    lines += [
        "",
        "## Start-up",
        "",
        "On the bundled KB, warm, each run interleaved with the import floor.",
        "",
        "| command | time | peak | × floor |",
        "|---|---:|---:|---:|",
    ]
    for label, figure in startup:
        floor = startup_floor(startup, label)
        ratio = f"{figure.seconds / floor.seconds:.2f}" if figure and floor else "n/a"
        lines.append(
            f"| `{label}` | {seconds(figure or 'n/a')} | {peak(figure or 'n/a')} | {ratio} |"
        )
    lines += [
        "",
        "The console script loads only the module of the command it runs; `--version`",
        "loads them all, as `--help` does. When its output is not a terminal, a table",
        "view is laid out as plain text by `render/page.py` and `render/texttable.py`,",
        "exactly as rich would print it, and `show` imports neither `rich.console` nor",
        "`rich.table` nor `rich.text`: rich's console is made only when rich must draw.",
        "An unchanged KB is read from the parse cache without importing PyYAML or",
        "pydantic. typer is kept below 0.29, which converts every option through a",
        "pydantic `TypeAdapter` and so imports pydantic's model machinery on every run:",
        "with it `show russia` took about 2.4 times the floor.",
    ]
    lines += [
        "",
        "## Hostile input",
        "",
        f"An alias bomb: {BOMB_LEVELS} levels of {BOMB_WIDTH} aliases each, "
        f"{BOMB_WIDTH}^{BOMB_LEVELS} strings",
        "if they were expanded. negotrack refuses anchors and aliases as it reads them.",
        "",
        "| command | time | peak |",
        "|---|---:|---:|",
        f"| `negotrack validate --no-cache` (exit 1) | {seconds(bomb)} | {peak(bomb)} |",
    ]
    lines += targets(rows, startup, bomb, peers)
    return "\n".join(lines) + "\n"


def startup_floor(startup: list[tuple], label: str) -> Figure | None:
    """The floor a start-up line is compared with: the one with the same bytecode."""
    bare = "no compiled bytecode" in label
    for name, figure in startup:
        if ("no compiled bytecode" in name) == bare and "floor" in name:
            return figure  # type: ignore[no-any-return]
    return None


def peer_table(rows: list[Row], peers: list[Peer], sizes: list[int]) -> list[str]:
    """Warm queries next to ``negotrack --version`` and the peers, at each N."""
    if not peers:
        return []
    lines = [
        "",
        "## Warm queries and their peers",
        "",
        "Measured at each size in the same run as the table above, each round running",
        "every line once, so that all see the same machine load: `negotrack --version`",
        "(start-up with every command loaded), the warm queries of the table above",
        "again, libyaml's bare event stream over the YAML (the floor of a cold read),",
        "and what an analyst could run instead of negotrack: the `sqlite3` command line",
        "on `export --format sqlite` and `jq` on `export --format json`, selecting",
        "Russia's positions as `filter` does. The goals are checked on these figures.",
        "",
        "| command | positions | time | peak | × `negotrack --version` |",
        "|---|---:|---:|---:|---:|",
    ]
    for n in sizes:
        here = [p for p in peers if p.n == n]
        version = next((p.figure for p in here if p.label == "negotrack --version"), None)
        entries = [(f"`{p.label}`", p.figure) for p in here[:1]]
        entries += [(p.label, p.figure) for p in here[1:]]
        for label, figure in entries:
            ratio = (
                f"{figure.seconds / version.seconds:.1f}"
                if isinstance(figure, Figure) and isinstance(version, Figure)
                else ""
            )
            lines.append(f"| {label} | {n:,} | {seconds(figure)} | {peak(figure)} | {ratio} |")
    if any(p.figure == "not installed" for p in peers):
        lines += ["", "A peer shown as not installed was skipped: its program was not found."]
    return lines


def seconds(figure: Figure | str) -> str:
    return figure if isinstance(figure, str) else f"{figure.seconds:.2f} s"


def peak(figure: Figure | str) -> str:
    if isinstance(figure, str):
        return figure
    return "n/a" if figure.peak_mb is None else f"{figure.peak_mb:.0f} MB"


def find(rows: list[Row], command: str, n: int, kind: str) -> Figure | None:
    for row in rows:
        if row.command == command and row.n == n:
            figure = row.cold if kind == "cold" else row.warm
            return figure if isinstance(figure, Figure) else None
    return None


def scaling(rows: list[Row], sizes: list[int]) -> list[str]:
    """How time grows with N: at most in proportion is linear (start-up is fixed)."""
    lines = []
    for small, large in itertools.pairwise(sizes):
        ratios = []
        for kind in ("cold", "warm"):
            before, after = find(rows, "validate", small, kind), find(rows, "validate", large, kind)
            if before and after:
                ratios.append(f"{kind} × {after.seconds / before.seconds:.1f}")
        if ratios:
            lines.append(
                f"- `validate` from {small:,} to {large:,} positions (× {large / small:g}): "
                + ", ".join(ratios)
            )
    if lines:
        lines[:0] = ["", "Growth (time grows at most in proportion to N: linear):", ""]
    return lines


def peer(peers: list[Peer], label: str, n: int) -> Figure | None:
    for item in peers:
        if item.n == n and item.label.startswith(label) and isinstance(item.figure, Figure):
            return item.figure
    return None


def targets(
    rows: list[Row], startup: list[tuple], bomb: Figure | str, peers: list[Peer] | None = None
) -> list[str]:
    peers = peers or []
    lines = ["", "## Against the goals", "", "| goal | measured | |", "|---|---:|---|"]
    version = peer(peers, "negotrack --version", 100_000)
    for name in QUERIES:
        figure = peer(peers, f"`negotrack {name}`, warm", 100_000)
        if figure is None or version is None:
            shown, verdict = "not measured", ""
        else:
            ratio = figure.seconds / version.seconds
            fits = ratio <= QUERY_RATIO and (figure.peak_mb or 0) <= QUERY_MEMORY_MB
            shown = f"{ratio:.1f} ×, {peak(figure)}"
            verdict = "met" if fits else "**missed**"
        lines.append(
            f"| `{name}`, 100,000 positions, warm: at most {QUERY_RATIO:g} × "
            f"`negotrack --version`, {QUERY_MEMORY_MB} MB | {shown} | {verdict} |"
        )
    cold, floor = (
        find(rows, "validate --no-cache", 100_000, "cold"),
        peer(peers, "libyaml", 100_000),
    )
    if cold is not None and floor is not None:
        ratio = cold.seconds / floor.seconds
        fits = ratio <= COLD_RATIO and (cold.peak_mb or 0) <= COLD_MEMORY_MB
        shown, verdict = f"{ratio:.1f} ×, {peak(cold)}", "met" if fits else "**missed**"
    else:
        shown, verdict = "not measured", ""
    lines.append(
        f"| `validate --no-cache`, 100,000 positions: at most {COLD_RATIO:g} × libyaml's "
        f"event stream, {COLD_MEMORY_MB} MB | {shown} | {verdict} |"
    )
    for label, command, n, kind, limit in TIME_TARGETS:
        figure = find(rows, command, n, kind)
        shown = seconds(figure) if figure else "not measured"
        verdict = "" if figure is None else ("met" if figure.seconds <= limit else "**missed**")
        lines.append(f"| `{command}`, {label}: at most {limit:g} s | {shown} | {verdict} |")
    worst = [
        (f.peak_mb, n)
        for r in rows
        if r.n == 100_000
        for f in (r.cold, r.warm)
        if isinstance(f, Figure) and f.peak_mb is not None
    ]
    if worst:
        mb, _ = max(worst)
        verdict = "met" if mb <= MEMORY_TARGET_MB else "**missed**"
        lines.append(
            f"| peak memory at 100,000 positions: at most {MEMORY_TARGET_MB} MB "
            f"| {mb:.0f} MB | {verdict} |"
        )
    by_label = dict(startup)
    for label, how in (
        ("negotrack show russia", ""),
        ("negotrack show russia, no compiled bytecode", ", no compiled bytecode"),
    ):
        floor, show = startup_floor(startup, label), by_label.get(label)
        goal = f"| `show` start-up{how}: at most {STARTUP_RATIO:g} × the floor"
        if floor and show:
            ratio = show.seconds / floor.seconds
            verdict = "met" if ratio <= STARTUP_RATIO else "**missed**"
            lines.append(f"{goal} | {ratio:.2f} × | {verdict} |")
        else:
            lines.append(f"{goal} | n/a | |")
    if isinstance(bomb, Figure):
        verdict = "met" if bomb.seconds <= BOMB_TARGET_SECONDS else "**missed**"
    else:
        verdict = ""
    lines.append(
        f"| an alias bomb refused: at most {BOMB_TARGET_SECONDS:g} s | {seconds(bomb)} "
        f"| {verdict} |"
    )
    return lines


def machine() -> list[str]:
    """The machine, without names or paths."""
    from importlib import metadata

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    try:
        import yaml

        libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "pure Python"
    except ImportError:
        libyaml = "not installed"
    return [
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical cores",
        f"- Memory: {memory_gb()}",
        f"- OS: {platform.system()} {platform.release()} ({platform.machine()})",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- negotrack {version('negotrack')}, PyYAML {version('PyYAML')} ({libyaml}), "
        f"pydantic {version('pydantic')}, typer {version('typer')}, rich {version('rich')}",
        f"- Measured on {time.strftime('%Y-%m-%d')}; load average (1 minute) "
        f"{' at the start, '.join([*LOAD[:1], load_average()])} at the end (other",
        "  processes slow the wall times; the ratios, measured in the same loops, less)",
    ]


#: The load average when the run started.
LOAD: list[str] = []


def load_average() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except (OSError, AttributeError):
        return "unknown"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def memory_gb() -> str:
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "unknown"
    return f"{total / 1024**3:.1f} GB"


if __name__ == "__main__":
    sys.exit(main())
