"""``negotrack timeline``: positions and events in date order, shifts marked."""

from __future__ import annotations

import json

import pytest

from tests.readkb import (
    CALL,
    COUNTED,
    DAILY_COLUMNS,
    FILE,
    KB,
    SARA_HILLS,
    SARA_LAND,
    SOUTH_COAST,
    SOUTH_LAND,
    SUMMIT,
    cells,
    column,
    footer,
)

NO_SHIFT = {"shift": None, "previous": None}


def test_timeline_json_entries(cli) -> None:
    result = cli("timeline", "--actor", "south", "--issue", "land", "-f", "json", "--kb", KB)
    assert result.exit_code == 0
    entries = json.loads(result.stdout)
    assert entries == [
        {"kind": "position", **NO_SHIFT, **SARA_HILLS, **COUNTED},
        {"kind": "event", **NO_SHIFT, **SUMMIT},
        {"kind": "event", **NO_SHIFT, **CALL},
        {"kind": "position", **NO_SHIFT, **SARA_LAND, **COUNTED},
        {"kind": "position", **SOUTH_LAND, "shift": None, "previous": None, **COUNTED},
        {"kind": "position", **NO_SHIFT, **SOUTH_COAST, **COUNTED},
    ]
    assert list(entries[1])[:5] == ["kind", "date", "shift", "previous", "id"]


def test_timeline_shifts(cli) -> None:
    result = cli("timeline", "--actor", "north", "--issue", "land", "-f", "json", "--kb", KB)
    entries = json.loads(result.stdout)
    positions = [(e["id"], e["shift"], e["previous"]) for e in entries if e["kind"] == "position"]
    assert positions[:3] == [
        ("nils-land-2025-02-01", None, None),
        ("nils-land-2025-03-05", "full", "nils-land-2025-02-01"),
        ("nils-coast-2025-03-05", None, None),
    ]
    assert ("north-land-2025-04-01", "half", "nils-land-2025-03-05") in positions


def test_timeline_shifts_only_since_until(cli) -> None:
    result = cli(
        "timeline",
        "--shifts-only",
        "--since",
        "2025-03",
        "--until",
        "2025-03-31",
        "-f",
        "json",
        "--kb",
        KB,
    )
    entries = json.loads(result.stdout)
    assert [(e["kind"], e["id"], e["shift"]) for e in entries] == [
        ("position", "nils-land-2025-03-05", "full"),
        ("event", "summit-2025-03-10", None),
    ]


def test_timeline_official_only_ignores_unofficial_positions_for_shifts(cli) -> None:
    result = cli("timeline", "--actor", "north", "--official-only", "-f", "json", "--kb", KB)
    assert "olaf-harbour-2025-03-12" not in [e["id"] for e in json.loads(result.stdout)]


def test_timeline_csv(cli) -> None:
    result = cli("timeline", "--actor", "south", "--issue", "hills", "-f", "csv", "--kb", KB)
    header, *rows = result.stdout.splitlines()
    assert header == (
        "kind,shift,previous,id,actor,issue,stance,summary,source,evidence,quote,speaker,date,"
        "as_reported,firmness,conditions,via,credibility,tags,note,source_title,"
        "source_publisher,source_url,source_published,source_author,source_reliability,"
        "source_note,file,line,title,actors,counts,not_counted"
    )
    assert rows == [
        "position,,,sara-hills-2025-03,south,hills,conditional,"
        "Sara would give up the hills if Northland pays for the road.,daily-2025-03,paraphrase,"
        f",sara,2025-03,false,,Northland pays for the road,,,,,{DAILY_COLUMNS},{FILE},168,,,"
        "true,",
        "event,,,summit-2025-03-10,,,,,daily-2025-03,,,,2025-03-10,,,,,,,,"
        f"{DAILY_COLUMNS},{FILE},72,Summit in Midtown,north; south,,",
        "event,,,call-2025-04,,,,,weekly-2025-04-02,,,,2025-04,,,,,,,,"
        "Who wants what,The Weekly,https://weekly.example/who-wants-what,2025-04-02,"
        f"Ann Writer,D,,{FILE},77,Phone call,south,,",
    ]


def test_timeline_table(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("timeline", "--actor", "north", "--issue", "land", "--kb", KB)
    rows = cells(result.stdout, "Date", "Actor / issue", "Stance", "Statement")
    assert [row[:3] for row in rows if row[0]] == [
        ("2025-02-01", "Northland", "oppose"),
        ("2025-03-05", "Northland", "support"),
        ("2025-03-05", "Northland", "oppose"),
        ("2025-03-10", "Northland,", "event"),
        ("2025-03-12", "Northland", "support"),
        ("2025-04-01", "Northland", "conditional"),
    ]
    assert column(rows, 2) == [
        "oppose",
        "firm",
        "support",
        "full shift",
        "oppose",
        "event",
        "support",
        "conditional",
        "half shift",
    ]
    statements = " ".join(column(rows, 3))
    assert "shift from oppose of 2025-02-01 (nils-land-2025-02-01)" in statements
    assert "Summit in Midtown [1]" in statements
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_timeline_markdown(cli) -> None:
    result = cli(
        "timeline",
        "--actor",
        "north",
        "--issue",
        "land",
        "--until",
        "2025-03-05",
        "-f",
        "markdown",
        "--kb",
        KB,
    )
    assert result.stdout == (
        "| Date | Actor | Issue | Stance | Statement |\n"
        "|---|---|---|---|---|\n"
        "| 2025-02-01 | Northland | Land | oppose (firm) | Nils said Northland will not give up "
        "any land. [1]<br>“We will not give up one metre [of land].”<br>Nils Berg · quote |\n"
        "| 2025-03-05 | Northland | Land | support<br>**full shift** | Nils said some land could "
        "be ceded for peace. [1]<br>Nils Berg · paraphrase<br>shift from oppose of 2025-02-01 "
        "(nils-land-2025-02-01) |\n"
        "| 2025-03-05 | Northland | Coast | oppose | Nils said the coast stays Northland's. [1]"
        "<br>Nils Berg · paraphrase |\n"
        "\n"
        "### References\n"
        "\n"
        "- **[1]** The Daily, 2025-03, reliability B (usually reliable). “Talks resume”. "
        "<https://daily.example/talks>\n" + footer(markdown=True)
    )


def test_timeline_empty(cli) -> None:
    assert (
        cli("timeline", "--actor", "east", "--kb", KB).stdout
        == "Nothing in this period.\n" + footer()
    )
    assert cli("timeline", "--actor", "east", "-f", "json", "--kb", KB).stdout == "[]\n"
