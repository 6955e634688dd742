"""The parse cache: unchanged files are not parsed again, any change is noticed,
a damaged cache is ignored and rebuilt, and the cache never changes a result."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import negotrack
from negotrack.load import cache, loader, yamltree
from negotrack.model.problems import Problem
from tests.conftest import KBS, ROOT

MINIMAL = KBS / "minimal.yaml"
BAD = ROOT / "tests" / "bad_inputs"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of every YAML parse, in order (so a test can tell cache hits)."""
    seen: list[str] = []
    real = yamltree.parse

    def counting(text: str | bytes, **options):
        seen.append(text.decode() if isinstance(text, bytes) else text)
        return real(text, **options)

    monkeypatch.setattr(yamltree, "parse", counting)
    return seen


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "negotrack-cache"
    monkeypatch.setenv("NEGOTRACK_CACHE_DIR", str(path))
    return path


def copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


def snapshot(report: negotrack.Report) -> tuple:
    """Everything a command could show of a report, records with their origin."""
    kb = report.kb
    records = [
        (r, r.file, r.line, getattr(r, "when", None), getattr(r, "as_reported", None))
        for section in ("actors", "people", "issues", "sources", "events", "positions")
        for r in kb.section(section)
    ]
    return (report.problems, kb.files, kb.counts(), kb.complete, records)


def test_an_unchanged_file_is_not_parsed_again(
    tmp_path: Path, cache_dir: Path, parses: list[str]
) -> None:
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    first = negotrack.check(kb)
    assert len(parses) == 1
    second = negotrack.check(kb)
    assert len(parses) == 1
    assert snapshot(second) == snapshot(first)
    assert second.kb.positions[0].file == str(kb)
    assert sorted(p.suffix for p in cache_dir.iterdir()) == [".file", ".kb"]


def test_an_unchanged_file_is_not_even_read(
    tmp_path: Path, cache_dir: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    first = negotrack.check(kb)
    reads: list[str] = []
    real = loader.read_bounded

    def reading(stream, label):
        reads.append(label)
        return real(stream, label)

    monkeypatch.setattr(loader, "read_bounded", reading)
    assert snapshot(negotrack.check(kb)) == snapshot(first)
    assert reads == []  # its status (size, times, inode) said it is unchanged

    os.utime(kb)  # a new status, the same bytes: read and hashed, not parsed
    assert snapshot(negotrack.check(kb)) == snapshot(first)
    assert reads == [str(kb)]
    assert snapshot(negotrack.check(kb)) == snapshot(first)  # and known by status again
    assert reads == [str(kb)]
    assert len(parses) == 1


def test_a_file_that_cannot_be_read_is_not_answered_from_the_cache(
    tmp_path: Path, cache_dir: Path
) -> None:
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    negotrack.check(kb)
    os.mkfifo(tmp_path / "pipe")
    os.replace(tmp_path / "pipe", kb)  # the same name, no longer a regular file
    with pytest.raises(negotrack.NegotrackError, match="not a regular file"):
        negotrack.check(kb)


def test_validate_answers_an_unchanged_kb_without_reading_its_records(
    tmp_path: Path, cache_dir: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from negotrack.checks.validate import summarize

    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    kb.write_text(kb.read_text().replace("    question: Should Ukraine cede", "    title: Cede"))
    first = summarize(kb)
    assert sorted(p.rule for p in first.problems) == ["issue-without-question", "schema"]
    decoded: list[str] = []
    real = cache._decode

    def decoding(entry, label):
        decoded.append(label)
        return real(entry, label)

    monkeypatch.setattr(cache, "_decode", decoding)
    assert summarize(kb) == first
    assert decoded == []  # nor was the file read: its status is the cached one
    assert summarize(kb, cache=False) == first

    kb.write_text(MINIMAL.read_text())  # an edit: summarized afresh
    assert summarize(kb).problems == []
    assert len(parses) == 3  # the first run, the run without the cache, the edit


def test_a_summarized_kb_keeps_its_file_entries_in_use(tmp_path: Path, cache_dir: Path) -> None:
    from negotrack.checks.validate import summarize

    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    summarize(kb)
    (entry,) = cache_dir.glob("*.file")
    os.utime(entry, ns=(0, 0))  # as if unused for decades: the first to go when pruned
    summarize(kb)  # answered from the summary, without decoding the file's entry
    assert os.stat(entry).st_mtime_ns > 0


def test_the_cache_lives_in_the_users_cache_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEGOTRACK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.directory() == tmp_path / "xdg" / "negotrack"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, per XDG
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.directory() == tmp_path / "home" / ".cache" / "negotrack"
    monkeypatch.setenv("NEGOTRACK_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.directory() == tmp_path / "mine"


def test_an_edit_is_noticed(tmp_path: Path, cache_dir: Path, parses: list[str]) -> None:
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    negotrack.check(kb)
    kb.write_text(kb.read_text().replace("stance: support", "stance: oppose"))
    report = negotrack.check(kb)
    assert len(parses) == 2
    assert report.kb.positions[0].stance == "oppose"


def test_an_edit_that_keeps_size_and_time_is_noticed(
    tmp_path: Path, cache_dir: Path, parses: list[str]
) -> None:
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    negotrack.check(kb)
    before = os.stat(kb)
    text = kb.read_text()
    edited = text.replace("stance: support", "stance: opposes")  # same size
    assert len(edited) == len(text)
    kb.write_text(edited)
    os.utime(kb, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (os.stat(kb).st_size, os.stat(kb).st_mtime_ns) == (before.st_size, before.st_mtime_ns)

    report = negotrack.check(kb)

    assert len(parses) == 2
    assert [str(p) for p in report.problems] == [
        f"{kb}:33:13: error: stance: 'opposes' is not one of support, oppose, conditional, "
        "ambiguous (schema)"
    ]


def test_a_directory_reparses_only_the_files_that_changed(
    tmp_path: Path, cache_dir: Path, parses: list[str]
) -> None:
    text = MINIMAL.read_text()
    head, positions = text.split("positions:\n")
    (tmp_path / "a.yaml").write_text(head)
    (tmp_path / "b.yaml").write_text("positions:\n" + positions)
    negotrack.check(tmp_path)
    assert len(parses) == 2
    (tmp_path / "b.yaml").write_text("positions:\n" + positions.replace("red-line", "firm"))

    report = negotrack.check(tmp_path)

    assert parses[2:] == ["positions:\n" + positions.replace("red-line", "firm")]
    assert report.problems == []
    assert report.kb.positions[0].firmness == "firm"
    assert report.kb.actors[0].file == str(tmp_path / "a.yaml")


def test_a_field_of_a_cached_file_is_located_by_parsing_it_again(
    tmp_path: Path, cache_dir: Path, parses: list[str]
) -> None:
    # A warning in a.yaml; then only b.yaml changes, so the rules run again and
    # must find the line and column of a field of a record read from the cache.
    text = MINIMAL.read_text().replace(
        "    question: Should Ukraine cede territory to Russia in a settlement?\n", ""
    )
    head, positions = text.split("positions:\n")
    (tmp_path / "a.yaml").write_text(head)
    (tmp_path / "b.yaml").write_text("positions:\n" + positions)
    negotrack.check(tmp_path)
    (tmp_path / "b.yaml").write_text("positions:\n" + positions.replace("red-line", "firm"))

    report = negotrack.check(tmp_path)

    assert [str(p) for p in report.problems] == [
        f"{tmp_path / 'a.yaml'}:13:9: warning: issue 'territory' has no question; "
        "stances on it have no agreed meaning (issue-without-question)"
    ]
    assert parses[2:] == [(tmp_path / "b.yaml").read_text(), head]
    assert snapshot(report) == snapshot(negotrack.check(tmp_path, cache=False))


@pytest.mark.parametrize("use_cache", [True, False])
def test_a_file_changed_after_it_was_read_is_not_read_for_places(
    tmp_path: Path, cache_dir: Path, use_cache: bool
) -> None:
    # A field's place is found in the file's text, read again the first time
    # one is asked for and kept: only if it is still the text the records were
    # read from. Else each field is placed at its record's line.
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    if use_cache:
        negotrack.check(kb)  # the next read is from the cache
    first = negotrack.check(kb, cache=use_cache).kb
    issue = first.issues[0]
    assert first.where(issue, "question") == (str(kb), 15, 15)
    kb.write_text("# a line more\n" + MINIMAL.read_text())
    assert first.where(issue, "name") == (str(kb), 14, 11)  # the text read before the edit

    second = negotrack.check(kb, cache=use_cache).kb
    issue = second.issues[0]
    kb.write_text("# another line\n" + kb.read_text())
    assert second.where(issue, "question") == (str(kb), 14, 1)  # the record's line


def test_problems_name_the_file_as_given_this_time(
    cache_dir: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BAD)
    relative = negotrack.check("unknown-field.yaml")
    absolute = negotrack.check(BAD / "unknown-field.yaml")
    assert len(parses) == 1
    assert [p.file for p in relative.problems] == ["unknown-field.yaml"]
    assert [p.file for p in absolute.problems] == [str(BAD / "unknown-field.yaml")]
    assert [p.message for p in absolute.problems] == [p.message for p in relative.problems]


def damage(entry: Path, how: str) -> None:
    blob = entry.read_bytes()
    if how == "truncated":
        entry.write_bytes(blob[: len(blob) // 2])
    elif how == "bit-flipped":
        middle = len(blob) - 10
        entry.write_bytes(blob[:middle] + bytes([blob[middle] ^ 0x01]) + blob[middle + 1 :])
    elif how == "garbage":
        entry.write_bytes(os.urandom(len(blob)))
    elif how == "empty":
        entry.write_bytes(b"")
    elif how == "foreign":
        entry.write_bytes(b"\x80\x04\x95" + blob[3:])  # a pickle's first bytes
    elif how == "directory":
        entry.unlink()
        entry.mkdir()


@pytest.mark.parametrize(
    "how", ["truncated", "bit-flipped", "garbage", "empty", "foreign", "directory"]
)
def test_a_damaged_cache_is_ignored_and_rebuilt(
    tmp_path: Path, cache_dir: Path, parses: list[str], how: str
) -> None:
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    expected = snapshot(negotrack.check(kb))
    for entry in cache_dir.iterdir():
        damage(entry, how)

    assert snapshot(negotrack.check(kb)) == expected
    assert len(parses) == 2

    if how != "directory":  # an entry that cannot be replaced stays a miss, harmlessly
        assert snapshot(negotrack.check(kb)) == expected
        assert len(parses) == 2


def test_a_well_formed_entry_of_the_wrong_shape_is_ignored(
    tmp_path: Path, cache_dir: Path, parses: list[str]
) -> None:
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    expected = snapshot(negotrack.check(kb))
    store = cache.open_store()
    key = store.status_key(kb, os.stat(kb))
    store._write(store.entry(b"file", kb), key, ("not", "an", "entry", "at all"))

    assert snapshot(negotrack.check(kb)) == expected
    assert len(parses) == 2


def test_an_entry_from_another_version_is_not_used(
    tmp_path: Path, cache_dir: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    negotrack.check(kb)
    monkeypatch.setattr(cache, "__version__", "999.0")
    monkeypatch.setattr(cache, "_STAMP", [])
    negotrack.check(kb)
    assert len(parses) == 2


def test_an_edited_negotrack_module_is_a_new_version(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = cache.code_stamp()
    monkeypatch.setattr(cache, "_STAMP", [])
    module = Path(cache.__file__).parent.parent / "checks" / "rules" / "via_missing.py"
    stat = os.stat(module)
    try:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert cache.code_stamp() != before
    finally:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_without_a_usable_cache_directory_commands_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NEGOTRACK_CACHE_DIR", str(blocker / "cache"))
    result = cli("validate", "--kb", MINIMAL)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert blocker.read_text() == "not a directory"


def test_no_cache_neither_reads_nor_writes_the_cache(
    tmp_path: Path, cache_dir: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    assert cli("validate", "--no-cache", "--kb", kb).exit_code == 0
    assert not cache_dir.exists()
    monkeypatch.setenv("NEGOTRACK_NO_CACHE", "1")
    assert cli("validate", "--kb", kb).exit_code == 0
    assert not cache_dir.exists()
    monkeypatch.delenv("NEGOTRACK_NO_CACHE")

    # A planted entry, keyed like the real one, holds a problem the file does
    # not have: a run with the cache believes it, runs without never read it.
    planted = loader.read_file(kb)
    planted.problems.append(Problem(str(kb), 1, 1, "error", "planted", "test"))
    store = cache.open_store()
    status, content = store.status_key(kb, os.stat(kb)), store.content_key(kb, kb.read_bytes())
    store.put_file(kb, status, content, planted)
    assert "planted" in cli("validate", "--kb", kb).stdout
    assert "planted" not in cli("validate", "--no-cache", "--kb", kb).stdout
    monkeypatch.setenv("NEGOTRACK_NO_CACHE", "1")
    assert "planted" not in cli("validate", "--kb", kb).stdout


@pytest.mark.slow
def test_concurrent_writers_never_leave_a_broken_entry(tmp_path: Path, cache_dir: Path) -> None:
    store = cache.open_store()
    entry = store.entry(b"file", tmp_path / "kb.yaml")
    key = b"k" * 32
    values = [tuple(f"writer {n} value {i}" for i in range(2000)) for n in range(4)]
    seen: list[object] = []
    stop = threading.Event()

    def write(value: object) -> None:
        for _ in range(40):
            store._write(entry, key, value)

    def read() -> None:
        while not stop.is_set():
            seen.append(store._read(entry, key))

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=write, args=(v,)) for v in values]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    stop.set()
    reader.join()

    assert store._read(entry, key) in values
    assert all(value is None or value in values for value in seen)
    assert [p.name for p in cache_dir.iterdir()] == [entry.name]  # no temporary files left


@pytest.mark.slow
def test_concurrent_processes_share_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    env = {**os.environ, "NEGOTRACK_CACHE_DIR": str(cache_dir)}
    command = [sys.executable, "-m", "negotrack", "validate", "--format", "json", "--kb", str(kb)]
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(4)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    reference = subprocess.run(
        [*command, "--no-cache"], capture_output=True, env=env, timeout=120, check=False
    )
    assert all(process.returncode == 0 for process in processes)
    assert outputs == [(reference.stdout, b"")] * 4
    assert sorted(p.suffix for p in cache_dir.iterdir()) == [".file", ".kb", ".summary"]


#: negotrack's own modules that only parsing or checking a KB needs.
PARSING = ("negotrack.load.yamltree", "negotrack.load.schema", "negotrack.checks.rules")
#: Which of ``heavy`` the code ``run`` imported.
WARM_PATH = """
import sys
{run}
heavy = {heavy!r}
print(" ".join(sorted(m for m in sys.modules if m in heavy)))
"""


def run_python(code: str, cache_dir: Path) -> str:
    env = {**os.environ, "NEGOTRACK_CACHE_DIR": str(cache_dir), "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1]


def test_reading_from_the_cache_imports_neither_yaml_nor_pydantic(cache_dir: Path) -> None:
    code = WARM_PATH.format(
        run=f"import negotrack; negotrack.open_kb({str(MINIMAL)!r})",
        heavy=(*PARSING, "yaml", "pydantic", "pydantic_core"),
    )
    cold = run_python(code, cache_dir)
    assert cold.split() == [
        "negotrack.checks.rules",
        "negotrack.load.schema",
        "negotrack.load.yamltree",
        "pydantic",
        "pydantic_core",
        "yaml",
    ]
    assert run_python(code, cache_dir) == ""


def test_the_warm_command_line_does_not_parse_or_check(cache_dir: Path) -> None:
    # Whether typer imports pydantic is typer's business (0.29 does, to convert
    # option values), so only negotrack's own heavy modules and PyYAML are checked.
    code = WARM_PATH.format(
        run="from negotrack.cli.app import app\n"
        f"app(['validate', '--kb', {str(MINIMAL)!r}], standalone_mode=False)",
        heavy=(*PARSING, "yaml"),
    )
    assert run_python(code, cache_dir).split() == [
        "negotrack.checks.rules",
        "negotrack.load.schema",
        "negotrack.load.yamltree",
        "yaml",
    ]
    assert run_python(code, cache_dir) == ""


# -- the cache never changes results ------------------------------------------
#
# Each command line runs three times, with an empty cache (which it fills), with
# that cache, and with --no-cache; the three outputs must be the same bytes.
# {kb} is replaced by each KB in KB_PATHS.

COMMAND_LINES = [
    "validate",
    "validate --strict",
    "validate --format json",
    "validate --strict --format json",
]

KB_PATHS = ["data/positions.yaml", "tests/kbs/minimal.yaml", "tests/kbs"]

#: Every read, curating and export command, in each of its formats, on the bundled KB.
READ_LINES = [
    "show russia",
    "show ukraine --history --format json",
    "show us --issue territory --format markdown",
    "show eu --format csv",
    "filter --actor us --format json",
    "filter --text crimea --format csv",
    "filter --issue security --sort issue",
    "diff ukraine us --issue territory",
    "diff ukraine us --format json",
    "diff russia us --format csv --conflicts-only",
    "timeline --format json",
    "timeline --actor ukraine --shifts-only --format markdown",
    "matrix",
    "matrix --format csv",
    "matrix --as-of 2025-03 --format json",
    "sources",
    "sources --format json",
    "cite elpais-2025-03-18 --style csl-json",
    "export --format jsonl --output -",
    "export --format csv --output -",
    # each option family of the read commands
    "show russia --official-only --evidence quote --format json",
    "show ukraine --min-reliability B --include-unofficial",
    "diff ukraine russia --as-of 2025-06 --format markdown",
    "timeline --tag ceasefire --since 2025-01 --until 2025-12 --format csv",
    "filter --stance oppose --firmness red-line --official-only --limit 5 --format json",
    "filter --speaker putin --since 2025 --format markdown",
    "matrix --actor russia --actor ukraine --issue territory --evidence quote",
    "zone crimea --format json",
    "zone crimea --history --evidence quote",
    "sources --unused --format json",
    "brief --since 2025-03 --until 2025-04 --format json",
    "brief --since 2025-03 --format markdown",
    "export --format json --output -",
    # what the query index answers, and what it leaves to the whole KB
    "show putin --format json",
    "show united states --issue nato --history --format json",
    "diff united states russia --format json",
    "filter --actor russia --text crimea --format json",
    "filter --speaker zelensky --issue territory --format csv",
    "filter --actor us --source elpais-2025-03-18 --format json",
    "filter --text KREMLIN --sort actor --limit 3",
    "timeline --actor russia --issue territory --format json",
    "timeline --issue nato --as-of 2025-12 --format csv",
    "show rusia",
    "diff ukraine",
    "diff ukraine rusia",
    "filter --actor rusia --format json",
    "timeline --actor us --issue teritory",
    "show russia --issue elpais-2025-03-18",
    "diff ukraine us --issue putin",
    "filter --actor russia --issue elpais",
    "show vladimir putin --history --include-unofficial --format json",
    "show lanza --official-only --format csv",
    "show kremlin --issue land --as-of 2025-08 --evidence reported",
    "diff european union united states --conflicts-only --exit-code",
    "diff ukraine kyiv",
    "diff putin zelensky",
    "filter --speaker lanza --include-unofficial --format json",
    "filter --actor kremlin --min-reliability B --evidence claim --format json",
    "filter --text ß --sort issue --limit 4",
    "filter --text \udcff --format json",  # bytes that are not UTF-8, typed
    "filter --speaker russia",
    "timeline --actor us --issue crimea --issue security --format svg",
    # a JSON listing, which the query index selects and orders itself
    "filter --format json",
    "filter --tag campaign --format json",
    "filter --since 2025-03 --until 2025-06 --sort actor --format json",
    "filter --until 2025 --sort issue --limit 7 --format json",
    "filter --actor us --include-unofficial --format json",
    "filter --min-reliability A --official-only --evidence quote --format json",
    "filter --issue territory --stance oppose --speaker putin --format json",
    "filter --text crimea --firmness red-line --sort issue --format json",
    "timeline --actor russia --format json",
    "timeline --shifts-only --since 2025-03 --format json",
    "timeline --actor us --tag campaign --until 2025 --format json",
    "timeline --actor us --include-unofficial --format json",
    "timeline --actor kyiv --min-reliability A --official-only --format json",
    "timeline --actor putin",
    "show witkof",
]

#: Commands about scales and documents, on the KB written for them.
SCALE_LINES = [
    "plans --format json",
    "plan midtown-plan --format json",
    "plans compare midtown-plan midtown-plan-2 --format json",
    "zone valley --format csv",
    "diff north south --format json",
    "diff north south --issue valley --as-of 2025-06 --format csv",
    "show north --history --format json",
    "filter --actor south --issue valley --format json",
    "filter --sort issue --format json",
    "timeline --actor north --shifts-only --format json",
    "timeline --actor north --format svg",
    "matrix --format json",
    "export --format json --output -",
]

#: Every command line on the KBs above, and a full report on each hostile input.
CASES = (
    [(command, kb) for command in COMMAND_LINES for kb in KB_PATHS]
    + [(command, "data/positions.yaml") for command in READ_LINES]
    + [(command, "tests/kbs/scales.yaml") for command in SCALE_LINES]
    + [
        ("validate --strict --format json", f"tests/bad_inputs/{p.name}")
        for p in sorted(BAD.glob("*.yaml"))
    ]
)


@pytest.mark.slow
@pytest.mark.parametrize(("command", "kb"), CASES, ids=lambda v: v.removeprefix("tests/"))
def test_the_cache_never_changes_what_a_command_prints(
    command: str, kb: str, cli, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = [*command.split(), "--kb", kb]
    runs = []
    for extra in ([], [], ["--no-cache"]):  # an empty cache, filled, then none
        result = cli(*args, *extra)
        runs.append((result.exit_code, result.stdout, result.stderr))
    cold, warm, uncached = runs
    assert warm == cold
    assert uncached == cold


def plant(kb: Path) -> None:
    """An entry keyed like the real one that says the file has a problem it has not."""
    planted = loader.read_file(kb)
    planted.problems.append(Problem(str(kb), 1, 1, "error", "planted", "test"))
    store = cache.Store(cache.directory())
    status, content = store.status_key(kb, os.stat(kb)), store.content_key(kb, kb.read_bytes())
    store.put_file(kb, status, content, planted)


def test_a_cache_directory_others_may_write_is_ignored_with_a_warning(
    tmp_path: Path, cache_dir: Path, cli
) -> None:
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    plant(kb)
    assert "planted" in cli("validate", "--kb", kb).stdout  # trusted: 0700, the user's
    cache_dir.chmod(0o1777)  # a shared cache folder
    result = cli("validate", "--kb", kb)
    assert "planted" not in result.stdout
    assert result.exit_code == 0
    assert result.stderr == (
        f"negotrack: warning: ignoring the parse cache {cache_dir}: "
        "others may write to it (mode 1777)\n"
    )
    cache_dir.chmod(0o770)
    assert cli("validate", "--kb", kb).stderr.endswith("others may write to it (mode 0770)\n")


def test_an_entry_others_may_write_is_ignored_with_a_warning(
    tmp_path: Path, cache_dir: Path, cli
) -> None:
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    other = copy(MINIMAL, tmp_path / "other.yaml")
    plant(kb)
    plant(other)
    for entry in cache_dir.iterdir():
        entry.chmod(0o666)
    result = cli("validate", "--kb", kb)
    assert "planted" not in result.stdout
    assert result.stderr == (
        f"negotrack: warning: ignoring parse cache entries in {cache_dir}: "
        "others may write to it (mode 0666)\n"
    )
    assert "planted" not in cli("validate", "--kb", other).stdout


def test_a_cache_of_another_user_is_ignored(tmp_path: Path, cache_dir: Path, cli) -> None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root, to give the cache directory to another user")
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    plant(kb)
    os.chown(cache_dir, 65534, -1)
    result = cli("validate", "--kb", kb)
    assert "planted" not in result.stdout
    assert result.stderr == (
        f"negotrack: warning: ignoring the parse cache {cache_dir}: "
        "it belongs to another user (uid 65534)\n"
    )


def test_the_library_warns_as_python_does(tmp_path: Path, cache_dir: Path) -> None:
    from negotrack.errors import NegotrackWarning

    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    negotrack.check(kb)
    cache_dir.chmod(0o777)
    with pytest.warns(NegotrackWarning, match="ignoring the parse cache"):
        assert negotrack.check(kb).problems == []


def test_the_cache_keeps_the_most_recently_used_entries_within_its_size(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kbs = [copy(MINIMAL, tmp_path / f"kb{n}.yaml") for n in range(4)]
    store = cache.Store(cache_dir)
    entries = [{store.entry(b"file", kb), store.entry(b"kb", str(kb))} for kb in kbs]
    for age, kb in enumerate(kbs[:3]):
        negotrack.check(kb)
        for entry in entries[age]:
            os.utime(entry, (1000 + age, 1000 + age))  # kb0's the oldest, kb2's the newest
    negotrack.check(kbs[0])  # used again: now the most recently used
    total = sum(entry.stat().st_size for entry in cache_dir.iterdir())
    monkeypatch.setattr(cache, "MAX_BYTES", total)
    negotrack.check(kbs[3])  # two more entries: the two least recently used go
    left = set(cache_dir.iterdir())
    assert left == entries[0] | entries[2] | entries[3]
    assert sum(entry.stat().st_size for entry in left) <= total


def test_a_dead_writers_temporary_file_is_pruned(tmp_path: Path, cache_dir: Path) -> None:
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    negotrack.check(kb)
    stale, fresh = cache_dir / ".abc.tmp", cache_dir / ".def.tmp"
    stale.write_text("x")
    fresh.write_text("x")
    os.utime(stale, (1, 1))
    cache.open_store().prune()
    assert not stale.exists() and fresh.exists()


def test_the_size_of_the_cache_can_be_set(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negotrack.errors import NegotrackWarning

    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    negotrack.check(kb)
    monkeypatch.setenv("NEGOTRACK_CACHE_MAX_MB", "0")
    cache.open_store().prune()
    assert list(cache_dir.iterdir()) == []
    monkeypatch.setenv("NEGOTRACK_CACHE_MAX_MB", "2048")
    assert cache.max_bytes() == 2048 * 2**20
    monkeypatch.setenv("NEGOTRACK_CACHE_MAX_MB", "1.5G")
    with pytest.warns(NegotrackWarning, match="NEGOTRACK_CACHE_MAX_MB='1.5G'"):
        assert cache.max_bytes() == cache.MAX_BYTES


@pytest.mark.parametrize(
    "command", ["filter --actor russia --format json", "show russia", "matrix"]
)
def test_a_size_that_cannot_be_read_is_said_warm_as_cold(
    command: str, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    # Said when the cache is used, not only when a cold run happens to write to it.
    kb = copy(MINIMAL, tmp_path / "kb.yaml")
    monkeypatch.setenv("NEGOTRACK_CACHE_MAX_MB", "1.5G")
    warning = (
        "negotrack: warning: ignoring NEGOTRACK_CACHE_MAX_MB='1.5G': give a whole number of MiB\n"
    )
    runs = [cli(*command.split(), "--kb", kb) for _ in range(3)]  # cold, warm, warm
    assert [(r.exit_code, r.stdout, r.stderr) for r in runs[1:]] == [
        (runs[0].exit_code, runs[0].stdout, warning)
    ] * 2
    assert runs[0].stderr == warning
