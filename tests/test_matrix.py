"""``negotrack matrix``: every actor's current stance on every issue."""

from __future__ import annotations

import itertools
import json

import pytest

from tests import tables
from tests.readkb import EAST, KB, NORTH, SOUTH, TRUCE, cells, footer


def test_matrix_json(cli) -> None:
    result = cli("matrix", "--issue", "truce", "--format", "json", "--kb", KB)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "actors": [NORTH, SOUTH, EAST],
        "issues": [TRUCE],
        "cells": [
            {
                "actor": "north",
                "issue": "truce",
                "stance": "support",
                "count": 2,
                "range": None,
                "basis": "stated",
                "inherited_from": None,
                "red_line": False,
            },
            {
                "actor": "south",
                "issue": "truce",
                "stance": "oppose",
                "count": 1,
                "range": None,
                "basis": "stated",
                "inherited_from": None,
                "red_line": True,
            },
            {
                "actor": "east",
                "issue": "truce",
                "stance": None,
                "count": 0,
                "range": None,
                "basis": None,
                "inherited_from": None,
                "red_line": False,
            },
        ],
        "kb": str(KB),
    }


def test_matrix_as_of_and_chosen_actors(cli) -> None:
    result = cli(
        "matrix",
        "--actor",
        "sud",
        "--actor",
        "nordia",
        "--as-of",
        "2025-03-15",
        "--issue",
        "truce",
        "-f",
        "json",
        "--kb",
        KB,
    )
    document = json.loads(result.stdout)
    assert [a["id"] for a in document["actors"]] == ["south", "north"]
    assert document["cells"] == [
        {
            "actor": "south",
            "issue": "truce",
            "stance": None,
            "count": 0,
            "range": None,
            "basis": None,
            "inherited_from": None,
            "red_line": False,
        },
        {
            "actor": "north",
            "issue": "truce",
            "stance": "support",
            "count": 1,
            "range": None,
            "basis": "reported",
            "inherited_from": None,
            "red_line": False,
        },
    ]


def test_matrix_csv(cli) -> None:
    result = cli("matrix", "--format", "csv", "--kb", KB)
    assert result.stdout == (
        "issue,issue_name,parent,north,north_count,south,south_count,east,east_count\n"
        "land,Land,,conditional,3,mixed,2,,0\n"
        "coast,Coast,land,oppose,1,oppose,1,,0\n"
        "harbour,Harbour,coast,oppose,0,oppose,0,,0\n"
        "hills,Hills,land,,0,conditional,1,,0\n"
        "truce,Truce,,support,2,oppose,1,,0\n"
        "prisoners,Prisoner exchange,,support,1,conditional,1,,0\n"
    )


def test_matrix_table(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("matrix", "--official-only", "--kb", KB)
    assert result.stdout.startswith("Official statements only.\n\n")
    rows = cells(result.stdout, "Issue", "Northland", "Southland", "Eastland")
    assert rows == [
        ("Land", "◇ conditional (3)", "◐ mixed (2)!", "·"),
        ("Coast", "✗ oppose (1)", "✗ oppose (1)", "·"),
        ("Harbour", "✗ oppose ↑", "✗ oppose ↑", "·"),
        ("Hills", "·", "◇ conditional (1)", "·"),
        ("Truce", "✓ support (2)", "✗ oppose (1)!", "·"),
        ("Prisoner exchange", "✓ support (1)", "◇ conditional (1)", "·"),
        ("", "", "", ""),
    ]
    assert tables.words(result.stdout.split("Legend:")[1]) == (
        "✓ support ✗ oppose ◇ conditional ? ambiguous ◐ mixed · no position. "
        "(7): how many of the actor's positions on the issue count; ↑ an oppose inherited "
        f"from a parent issue; * resting on assessments only; ! a red line stands. KB: {KB}"
    )


def test_matrix_markdown(cli) -> None:
    result = cli("matrix", "--issue", "land", "--format", "markdown", "--kb", KB)
    assert result.stdout == (
        "| Issue | Northland | Southland | Eastland |\n"
        "|---|---|---|---|\n"
        "| Land | ◇ conditional (3) | ◐ mixed (2)! | · |\n"
        "| &emsp;Coast | ✗ oppose (1) | ✗ oppose (1) | · |\n"
        "| &emsp;&emsp;Harbour | ✗ oppose ↑ | ✗ oppose ↑ | · |\n"
        "| &emsp;Hills | · | ◇ conditional (1) | · |\n"
        "\n"
        "Legend: ✓ support  ✗ oppose  ◇ conditional  ? ambiguous  ◐ mixed  · no position. "
        "(7): how many of the actor's positions on the issue count; ↑ an oppose inherited "
        "from a parent issue; \\* resting on assessments only; ! a red line stands.\n"
        + footer(markdown=True)
    )


def test_matrix_unknown_issue(cli) -> None:
    result = cli("matrix", "--issue", "hill", "--kb", KB)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "negotrack: error: unknown issue 'hill' — did you mean 'hills'?"
    )


@pytest.mark.parametrize("width", [40, 80, 160])
def test_matrix_never_breaks_a_word_of_a_name(cli, monkeypatch: pytest.MonkeyPatch, width) -> None:
    """Names wrap between words, never inside one; an actor whose name does not fit
    is shown by an alias, and a legend says which."""
    from negotrack import open_kb
    from tests.conftest import ROOT

    monkeypatch.setenv("COLUMNS", str(width))
    kb_path = ROOT / "data" / "positions.yaml"
    # The four parties of the bundled KB: a 40-column terminal has room for no more.
    the_four = ("--actor", "ukraine", "--actor", "russia", "--actor", "us", "--actor", "eu")
    result = cli("matrix", "--kb", kb_path, *the_four)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines if not line.startswith("KB: "))
    table = lines[: lines.index("")]
    words = {word for line in table for word in line.split()}
    kb = open_kb(kb_path)
    for issue in kb.issues:
        assert set(issue.name.split()) <= words, issue.name
    header = table[0].split() + (table[1].split() if not table[1].startswith("Issue") else [])
    for actor in [a for a in kb.actors if a.id in the_four]:
        named = {w.casefold() for w in actor.name.split()} <= {w.casefold() for w in header}
        assert named or any(alias in header for alias in [actor.id, *actor.aliases]), actor.name
        if not named:
            assert any(f"= {actor.name}" in line for line in " ".join(lines).split(","))
    # Cells say the stance with a mark that cannot be read as a sign, the count apart.
    assert not any(f" {sign} {n}" in result.stdout for sign in "+-" for n in range(10))
    issue_rows = [line for line in table[2:] if line.strip()]
    # A wrapped issue name stays indented under its first line.
    for before, line in itertools.pairwise(issue_rows):
        if before.startswith("  ") and line[:1] != " ":
            assert any(line.startswith(i.name.split()[0]) for i in kb.issues), line


def test_matrix_table_words_then_symbols(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    wide = cli("matrix", "--kb", KB, "--issue", "truce").stdout
    assert "✓ support (2)" in wide and "✗ oppose (1)" in wide
    monkeypatch.setenv("COLUMNS", "40")
    from tests.conftest import ROOT

    four = ("--actor", "ukraine", "--actor", "russia", "--actor", "us", "--actor", "eu")
    narrow = cli("matrix", "--kb", ROOT / "data" / "positions.yaml", *four).stdout
    assert "✗ 2" in narrow and "Columns: kyiv = Ukraine" in narrow
