"""``negotrack matrix``: every actor's current stance on every issue."""

from __future__ import annotations

import json

import pytest

from tests.readkb import EAST, KB, NORTH, SOUTH, TRUCE, cells


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
        ("Land", "c 3", "± 2!", "·"),
        ("Coast", "- 1", "- 1", "·"),
        ("Harbour", "(-)", "(-)", "·"),
        ("Hills", "·", "c 1", "·"),
        ("Truce", "+ 2", "- 1!", "·"),
        ("Prisoner exchange", "+ 1", "c 1", "·"),
        ("", "", "", ""),
    ]
    assert result.stdout.endswith(
        "Legend: + support  - oppose  c conditional  ? ambiguous  ± mixed  · no position.\n"
        "The number is how many of the actor's positions on the issue count; (-) an\n"
        "oppose inherited from a parent issue; * resting on assessments only; ! a red\n"
        "line stands.\n"
    )


def test_matrix_markdown(cli) -> None:
    result = cli("matrix", "--issue", "land", "--format", "markdown", "--kb", KB)
    assert result.stdout == (
        "| Issue | Northland | Southland | Eastland |\n"
        "|---|---|---|---|\n"
        "| Land | c 3 | ± 2! | · |\n"
        "| &emsp;Coast | - 1 | - 1 | · |\n"
        "| &emsp;&emsp;Harbour | (-) | (-) | · |\n"
        "| &emsp;Hills | · | c 1 | · |\n"
        "\n"
        "Legend: + support  - oppose  c conditional  ? ambiguous  ± mixed  · no position. "
        "The number is how many of the actor's positions on the issue count; (-) an oppose "
        "inherited from a parent issue; \\* resting on assessments only; ! a red line "
        "stands.\n"
    )


def test_matrix_unknown_issue(cli) -> None:
    result = cli("matrix", "--issue", "hill", "--kb", KB)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "negotrack: error: unknown issue 'hill' — did you mean 'hills'?"
    )
