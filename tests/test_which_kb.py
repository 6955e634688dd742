"""Which KB a command reads, found as git finds ``.git``, and said in every view."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import KBS

READ = KBS / "read.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A KB repository: data/positions.yaml, and a nested folder to run from."""
    (tmp_path / "data").mkdir()
    shutil.copy(READ, tmp_path / "data" / "positions.yaml")
    (tmp_path / "notes" / "2025").mkdir(parents=True)
    return tmp_path


def test_the_kb_is_found_from_a_nested_folder(
    cli, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "notes" / "2025")
    result = cli("show", "north")
    assert result.exit_code == 0
    assert result.stdout.startswith("Northland\n")
    assert result.stdout.endswith("\nKB: ../../data/positions.yaml\n")
    assert json.loads(cli("matrix", "--format", "json").stdout)["kb"] == (
        "../../data/positions.yaml"
    )


def test_a_positions_file_beside_you_is_the_kb(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(READ, tmp_path / "positions.yml")
    monkeypatch.chdir(tmp_path)
    assert cli("sources").stdout.endswith("\nKB: positions.yml\n")


def test_a_marker_names_the_kb_and_yml_files_count(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = tmp_path / "research" / "kb"
    kb.mkdir(parents=True)
    shutil.copy(READ, kb / "all.yml")
    (tmp_path / "negotrack.yaml").write_text("kb: research/kb\n", encoding="utf-8")
    (tmp_path / "deep").mkdir()
    monkeypatch.chdir(tmp_path / "deep")
    result = cli("diff", "north", "south", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["kb"] == "../research/kb"
    # The marker is never read as a KB file, even inside a directory KB.
    shutil.copy(tmp_path / "negotrack.yaml", kb / "negotrack.yaml")
    assert cli("validate", "--kb", kb).exit_code == 0


def test_a_marker_without_a_kb_is_an_error(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "negotrack.yaml").write_text("knowledge: here\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("show", "north")
    assert result.exit_code == 2
    assert result.stderr == (
        "negotrack: error: negotrack.yaml: expected `kb: PATH`, the knowledge base this "
        "folder belongs to\n"
    )
    (tmp_path / "negotrack.yaml").write_text("kb: nowhere/\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert cli("show", "north").stderr == (
        "negotrack: error: knowledge base not found: nowhere/ (named by ../negotrack.yaml)\n"
    )


def test_the_bundled_kb_says_so(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("show", "russia", "--issue", "nato")
    assert result.exit_code == 0
    last = result.stdout.splitlines()[-1]
    assert last.startswith("KB: ") and last.endswith("positions.yaml (bundled)")


@pytest.mark.parametrize(
    ("command", "footer"),
    [
        (("show", "north"), "KB: {kb}"),
        (("filter", "--actor", "north"), "KB: {kb}"),
        (("diff", "north", "south"), "KB: {kb}"),
        (("timeline",), "KB: {kb}"),
        (("matrix",), "KB: {kb}"),
        (("sources",), "KB: {kb}"),
    ],
)
@pytest.mark.parametrize("format", ["table", "markdown"])
def test_every_read_view_names_the_kb_in_its_footer(cli, command, footer, format) -> None:
    result = cli(*command, "--kb", READ, "--format", format)
    expected = footer.format(kb=READ)
    if format == "markdown":
        expected = expected.replace("_", "\\_")
    assert result.stdout.endswith("\n\n" + expected + "\n")


@pytest.mark.parametrize("command", [("show", "north"), ("diff", "north", "south"), ("matrix",)])
def test_json_documents_name_the_kb(cli, command) -> None:
    assert json.loads(cli(*command, "--kb", READ, "--format", "json").stdout)["kb"] == str(READ)


def test_an_empty_kb_path_is_a_usage_error(cli) -> None:
    result = cli("show", "north", "--kb", "")
    assert result.exit_code == 2
    assert result.stderr.startswith("negotrack: error: the knowledge base path is empty")


def test_info_names_the_kb_its_contents_the_cache_and_versions(
    cli, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negotrack import __version__

    monkeypatch.chdir(project / "notes")
    document = json.loads(cli("info", "--format", "json").stdout)
    assert document["kb"] == "../data/positions.yaml"
    assert document["bundled"] is False
    assert document["files"] == ["../data/positions.yaml"]
    assert document["counts"]["actors"] == 3
    assert (document["first"], document["last"]) == ("2025-02-01", "2025-04-02")
    assert (document["errors"], document["warnings"]) == (0, 0)
    assert document["cache"].endswith("negotrack")
    assert document["versions"]["negotrack"] == __version__
    assert set(document["versions"]) == {
        "negotrack",
        "python",
        "typer",
        "rich",
        "pydantic",
        "pyyaml",
    }
    table = cli("info").stdout
    assert table.startswith("Knowledge base:  ../data/positions.yaml\n")
    assert "Problems:        none\n" in table


def test_info_describes_an_invalid_kb_and_the_bundled_one(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = KBS.parent / "bad_inputs" / "unknown-references.yaml"
    result = cli("info", "--kb", bad, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["errors"] == 7
    monkeypatch.chdir(tmp_path)
    assert json.loads(cli("info", "-f", "json").stdout)["bundled"] is True
    assert "(bundled with negotrack)" in cli("info").stdout
