"""``negotrack matrix``: every actor's current stance on every issue."""

from __future__ import annotations

import json
import re
from typing import Any

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


def split_tables(output: str) -> list[tables.Table]:
    """Each table of a matrix drawn as several, one under another (or the one)."""
    lines = output.splitlines()
    starts = [i - 1 for i, line in enumerate(lines) if tables.RULE.match(line)]
    ends = [*starts[1:], len(lines)]
    return [tables.read("\n".join(lines[a:b])) for a, b in zip(starts, ends, strict=True)]


@pytest.mark.parametrize("width", [40, 60, 80, 160])
def test_matrix_never_breaks_a_word_of_a_name(cli, monkeypatch: pytest.MonkeyPatch, width) -> None:
    """On the bundled KB, every actor: names wrap between words, never inside one, and a
    wrapped issue name hangs under its first line; an actor whose name does not fit is
    shown by an alias, and a line says which; when the actors do not fit side by side
    they are shared among tables, one under another, each with every issue."""
    from negotrack import open_kb
    from tests.conftest import ROOT

    monkeypatch.setenv("COLUMNS", str(width))
    kb_path = ROOT / "data" / "positions.yaml"
    result = cli("matrix", "--kb", kb_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines if not line.startswith("KB: "))
    kb = open_kb(kb_path)
    drawn = split_tables(result.stdout)
    assert len(drawn) == (2 if width == 40 else 1)
    names = [("  " * depth) + issue.name for depth, issue in issue_tree(kb)]
    headers: list[str] = []
    for table in drawn:
        assert table.headers[0] == "Issue"
        assert [row[0] for row in table.rows] == names
        headers += table.headers[1:]
        for row in table.rows:
            for cell in row[1:]:
                # The stance as a mark that cannot be read as a sign, the count apart.
                assert re.fullmatch(r"·|[✓✗◇?◐]( [a-z]+)? (\(\d+\)|\d+|↑)\*?!?", cell), cell
    # Every actor once, in order: by name, or by an alias the notes spell out.
    assert len(headers) == len(kb.actors)
    notes = tables.words(result.stdout.split("Legend:")[1])
    for header, actor in zip(headers, kb.actors, strict=True):
        if header.casefold() != actor.name.casefold():
            assert header in [actor.id, *actor.aliases], (header, actor.name)
            assert f"{header} = {actor.name}" in notes
    # A wrapped issue name never goes back to the first column: its later lines hang.
    body = [line for line in lines if line.strip() and not tables.RULE.match(line)]
    body = body[: next(i for i, line in enumerate(body) if line.startswith("Legend:"))]
    for line in body:
        _, _, rest = line.partition("  ")
        if not line.startswith(("Issue", " ")) and not rest.strip():
            raise AssertionError(f"a wrapped issue name at the first column: {line!r}")


def issue_tree(kb) -> list[tuple[int, Any]]:
    """The issues of ``kb`` in tree order with their depth, as the matrix rows them."""
    from negotrack.analysis.matrix import matrix

    view = matrix(kb)
    return [(node.depth, node.issue) for node in view.issues]


def test_matrix_table_words_then_symbols(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    wide = cli("matrix", "--kb", KB, "--issue", "truce").stdout
    assert "✓ support (2)" in wide and "✗ oppose (1)" in wide
    monkeypatch.setenv("COLUMNS", "40")
    from tests.conftest import ROOT

    narrow = cli("matrix", "--kb", ROOT / "data" / "positions.yaml").stdout
    assert "✗ 2" in narrow and "Columns: kyiv = Ukraine" in narrow
