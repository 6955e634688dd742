"""Shared test fixtures: a CLI runner with a pinned console, and the fixture KBs.

The whole session runs with a private cache: ``pytest_configure`` points the
cache directories at a temporary folder before any test module is imported
(some build their KB at import time), and the run fails if anything was
written under the user's real cache directory meanwhile.

``pytest --pure-python-yaml`` runs the suite with PyYAML's own parser instead of
libyaml, so that no test can pin the words of one parser.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from negotrack.cli.app import app

TESTS = Path(__file__).parent


def _major(package: str) -> int:
    from importlib.metadata import version

    return int(version(package).split(".")[0])


#: The rich releases that negotrack's plain-text layout (``render/texttable.py``,
#: ``render/page.py``) was checked against, line for line. The tests that compare
#: the two run only on these: a newer rich may wrap differently, which is no fault
#: of negotrack's (its own output is checked by content elsewhere) until the
#: layout is checked against it and this range widened.
RICH_CHECKED = range(13, 16)
agrees_with_rich = pytest.mark.skipif(
    _major("rich") not in RICH_CHECKED,
    reason="the plain-text layout was checked against rich 13 to 15 only",
)
KBS = TESTS / "kbs"
ROOT = TESTS.parent

#: The cache variables negotrack reads.
CACHE_VARIABLES = ("NEGOTRACK_CACHE_DIR", "XDG_CACHE_HOME")
#: The real cache directories, each with its listing before the session.
_REAL_CACHE = pytest.StashKey[dict[Path, dict[str, tuple[int, int]] | None]]()
#: pytest's temporary folder for this session.
_SESSION_TEMP = pytest.StashKey[Path]()
#: The session's own cache folder, and the variables it replaced.
_PRIVATE_CACHE = pytest.StashKey[tuple[Path, dict[str, str | None]]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--pure-python-yaml",
        action="store_true",
        help="parse YAML with PyYAML's pure-Python parser, not libyaml",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--pure-python-yaml"):
        _without_libyaml()
    real = _real_cache_directories()
    config.stash[_REAL_CACHE] = {path: _listing(path) for path in real}
    private = Path(tempfile.mkdtemp(prefix="negotrack-test-cache-"))
    config.stash[_PRIVATE_CACHE] = (private, {v: os.environ.get(v) for v in CACHE_VARIABLES})
    os.environ["XDG_CACHE_HOME"] = str(private / "xdg")
    os.environ["NEGOTRACK_CACHE_DIR"] = str(private / "negotrack")


@pytest.fixture(autouse=True, scope="session")
def _session_temp(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> None:
    """Remember where this session's temporary files are (see ``pytest_sessionfinish``)."""
    pytestconfig.stash[_SESSION_TEMP] = tmp_path_factory.getbasetemp()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if a test wrote to the real cache.

    The cache names a file's entry after the file's absolute path, so an entry
    changed during the session is this session's doing when it is the entry of
    a file of this checkout or of the session's temporary folders. Any other
    change was made by a negotrack run outside the tests: it is only reported.
    """
    config = session.config
    if _PRIVATE_CACHE not in config.stash:
        return
    private, saved = config.stash[_PRIVATE_CACHE]
    for variable, value in saved.items():
        if value is None:
            os.environ.pop(variable, None)
        else:
            os.environ[variable] = value
    shutil.rmtree(private, ignore_errors=True)
    changed = {
        path / name
        for path, before in config.stash[_REAL_CACHE].items()
        for name in _changes(before, _listing(path))
    }
    if not changed:
        return
    from negotrack.load import cache

    roots = [ROOT, *([config.stash[_SESSION_TEMP]] if _SESSION_TEMP in config.stash else [])]
    ours = {}
    for root in roots:
        for file in _files(root):
            for directory in {entry.parent for entry in changed}:
                entry = cache.Store(directory).entry(b"file", file)
                if entry in changed:
                    ours[entry] = file
    reporter = config.pluginmanager.get_plugin("terminalreporter")

    def write(line: str, **markup: bool) -> None:
        if reporter is not None:
            reporter.write_line(line, **markup)
        else:  # pragma: no cover - without pytest's terminal
            print(line)

    if ours:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        write("tests wrote under the real cache directory:", red=True)
        for entry, file in sorted(ours.items()):
            write(f"  {entry} (the entry of {file})", red=True)
    if len(changed) > len(ours):
        write(
            f"note: {len(changed) - len(ours)} other entries of the real cache changed during "
            "the run (a KB's entry, or a negotrack run outside the tests)"
        )


def _files(root: Path) -> list[Path]:
    """Every file under ``root``, without version control, environments and caches."""
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [s for s in subfolders if not s.startswith(".") and s != "__pycache__"]
        found += [Path(folder, name) for name in files]
    return found


def _real_cache_directories() -> list[Path]:
    """Where negotrack would cache outside the tests: as configured, and the default."""
    from negotrack.load import cache

    found = [cache.directory()]
    with contextlib.suppress(RuntimeError, KeyError):  # no home: nothing to guard there
        found.append(Path.home() / ".cache" / "negotrack")
    return sorted({path.resolve() for path in found if path is not None})


def _listing(path: Path) -> dict[str, tuple[int, int]] | None:
    """Each file under ``path`` with its size and modification time; None if absent."""
    if not path.is_dir():
        return None
    listing = {}
    for file in path.rglob("*"):
        try:
            stat = file.stat()
        except OSError:  # removed while listing
            continue
        listing[str(file.relative_to(path))] = (stat.st_size, stat.st_mtime_ns)
    return listing


def _changes(
    before: dict[str, tuple[int, int]] | None, after: dict[str, tuple[int, int]] | None
) -> list[str]:
    """The files created or changed between two listings (removals are not writes)."""
    before = before or {}
    return sorted(name for name, stamp in (after or {}).items() if before.get(name) != stamp)


def _without_libyaml() -> None:
    """Make PyYAML look as if it had been built without libyaml."""
    import yaml

    for name in [n for n in vars(yaml) if n.startswith("C") and n[1:2].isupper()]:
        delattr(yaml, name)
    yaml.__with_libyaml__ = False
    # Modules that chose their loader on import (none is imported yet, normally).
    for module in ("negotrack.load.yamltree", "negotrack.curate.insertion"):
        if module in sys.modules:
            sys.modules[module]._Loader = yaml.SafeLoader  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _isolated_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No KB from the environment, no colour, a fixed console width, a private cache."""
    monkeypatch.delenv("NEGOTRACK_KB", raising=False)
    monkeypatch.delenv("NEGOTRACK_CACHE_DIR", raising=False)
    monkeypatch.delenv("NEGOTRACK_NO_CACHE", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    # Outside tmp_path, so that tests listing their own folder do not see it.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def cli():
    """Run negotrack in-process: ``cli("validate", "--kb", path)`` -> click Result."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run
