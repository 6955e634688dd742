"""``negotrack filter``: matching positions as a table, JSON, CSV and markdown."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.readkb import (
    COUNTED,
    DAILY_COLUMNS,
    FILE,
    KB,
    LISTED_HEADER,
    SARA_HILLS,
    SARA_LAND,
    SARA_TRUCE,
    SOUTH_LAND,
    cells,
    column,
    footer,
)


def ids(result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [p["id"] for p in json.loads(result.stdout)]


def test_filter_json_is_an_array_of_positions_with_source_and_origin(cli) -> None:
    result = cli("filter", "--actor", "sud", "--issue", "hills", "--format", "json", "--kb", KB)
    assert json.loads(result.stdout) == [{**SARA_HILLS, **COUNTED}]


def test_filter_json_by_stance_and_firmness_sorted_by_date(cli) -> None:
    result = cli("filter", "--stance", "oppose", "--firmness", "red-line", "-f", "json", "--kb", KB)
    assert json.loads(result.stdout) == [{**SARA_TRUCE, **COUNTED}, {**SARA_LAND, **COUNTED}]


def test_filter_json_marks_positions_dated_by_their_source(cli) -> None:
    result = cli(
        "filter",
        "--evidence",
        "reported",
        "--text",
        "settle",
        "-f",
        "json",
        "--kb",
        KB,
    )
    assert json.loads(result.stdout) == [{**SOUTH_LAND, **COUNTED}]


def test_filter_csv_joins_the_source_columns(cli) -> None:
    result = cli("filter", "--actor", "south", "--issue", "hills", "--format", "csv", "--kb", KB)
    assert result.stdout == (
        LISTED_HEADER + "\n"
        "sara-hills-2025-03,south,hills,conditional,"
        "Sara would give up the hills if Northland pays for the road.,daily-2025-03,paraphrase,"
        ",sara,2025-03,false,,Northland pays for the road,,,,,"
        f"{DAILY_COLUMNS},{FILE},168,true,\n"
    )


def test_filter_csv_lists_are_joined_with_semicolons(cli) -> None:
    result = cli("filter", "--text", "referendum", "--format", "csv", "--kb", KB)
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["conditions"] == "Southland withdraws its troops; A referendum is held"
    assert (row["as_reported"], row["credibility"], row["tags"]) == ("false", "", "")


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            ["--issue", "coast"],
            ["nils-coast-2025-03-05", "olaf-harbour-2025-03-12", "south-coast-weekly"],
        ),
        (["--issue", "coast", "--official-only"], ["nils-coast-2025-03-05", "south-coast-weekly"]),
        (
            ["--speaker", "sara", "--since", "2025-04"],
            ["sara-land-2025-04-02", "sara-prisoners-2025-04-02"],
        ),
        (
            ["--actor", "north", "--until", "2025-03-04"],
            ["nils-land-2025-02-01", "north-truce-2025-03"],
        ),
        (
            ["--text", "TRUCE", "--sort", "actor"],
            ["north-truce-2025-03", "nils-truce-2025-03-20", "sara-truce-2025-03-25"],
        ),
        (
            ["--issue", "truce", "--issue", "hills", "--sort", "issue"],
            [
                "sara-hills-2025-03",
                "north-truce-2025-03",
                "nils-truce-2025-03-20",
                "sara-truce-2025-03-25",
            ],
        ),
        (
            ["--actor", "north", "--actor", "south", "--stance", "conditional", "--limit", "2"],
            ["sara-hills-2025-03", "north-land-2025-04-01"],
        ),
        (["--actor", "east"], []),
    ],
)
def test_filter_options(cli, options: list[str], expected: list[str]) -> None:
    assert ids(cli("filter", *options, "--format", "json", "--kb", KB)) == expected


def test_filter_table(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("filter", "--stance", "oppose", "--kb", KB)
    rows = cells(result.stdout, "Date", "Actor / issue", "Stance", "Statement")
    assert [row[:3] for row in rows if row[0]] == [
        ("2025-02-01", "Northland", "oppose"),
        ("2025-03-05", "Northland", "oppose"),
        ("2025-03-25", "Southland", "oppose"),
        ("2025-04-02", "Southland", "oppose"),
        ("2025-04-02", "Southland", "oppose"),
        ("as reported", "Coast", ""),
    ]
    assert "\n5 positions.\n" in result.stdout
    statements = " ".join(column(rows, 3))
    assert (
        "Sara ruled out a truce. [1] “No truce while they hold our land.” Sara Sol · quote"
        in statements
    )
    assert "Southland is reported to want the coast. [2] reported by The Weekly" in statements
    assert "“We will not give up one metre [of land].”" in statements
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_filter_markdown(cli) -> None:
    result = cli("filter", "--actor", "south", "--issue", "hills", "-f", "markdown", "--kb", KB)
    assert result.stdout == (
        "| Date | Actor | Issue | Stance | Statement |\n"
        "|---|---|---|---|---|\n"
        "| 2025-03 | Southland | Hills | conditional | Sara would give up the hills if Northland "
        "pays for the road. [1]<br>Conditions: Northland pays for the road<br>"
        "Sara Sol · paraphrase |\n"
        "\n"
        "1 position.\n"
        "\n"
        "### References\n"
        "\n"
        "- **[1]** The Daily, 2025-03, reliability B (usually reliable). “Talks resume”. "
        "<https://daily.example/talks>\n" + footer(markdown=True)
    )


def test_filter_nothing_matches(cli) -> None:
    nothing = cli("filter", "--actor", "east", "--kb", KB).stdout
    assert nothing == "No positions match.\n" + footer()
    assert cli("filter", "--actor", "east", "-f", "csv", "--kb", KB).stdout == LISTED_HEADER + "\n"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--speaker", "nobody"],
            "negotrack: error: unknown person 'nobody'\nvalid person ids: nils, olaf, sara\n",
        ),
        (
            ["--source", "daily"],
            "negotrack: error: unknown source 'daily' — did you mean 'daily-2025-03'?\n"
            "valid source ids: daily-2025-03, weekly-2025-04-02\n",
        ),
        (
            ["--issue", "coastline"],
            "negotrack: error: unknown issue 'coastline' — did you mean 'coast'?\n"
            "valid issue ids: land, coast, harbour, hills, truce, prisoners\n",
        ),
    ],
)
def test_filter_unknown_names_exit_2(cli, options: list[str], message: str) -> None:
    result = cli("filter", *options, "--kb", KB)
    assert result.exit_code == 2
    assert (result.stdout, result.stderr) == ("", message)


def test_filter_bad_values_exit_2(cli) -> None:
    assert cli("filter", "--stance", "maybe", "--kb", KB).exit_code == 2
    assert cli("filter", "--since", "March", "--kb", KB).exit_code == 2
    assert cli("filter", "--limit", "0", "--kb", KB).exit_code == 2
