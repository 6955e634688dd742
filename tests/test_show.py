"""``negotrack show``: the actor's card and current stances, in every format."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT
from tests.readkb import DAILY, FILE, KB, NILS_TRUCE, TRUCE, cells, column, footer


@pytest.fixture
def width80(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def test_show_json_is_the_documented_document(cli) -> None:
    result = cli("show", "north", "--issue", "truce", "--format", "json", "--kb", KB)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "actor": {
            "id": "north",
            "name": "Northland",
            "aliases": ["nordia", "the-north"],
            "description": None,
            "people": [
                {
                    "id": "nils",
                    "name": "Nils Berg",
                    "actor": "north",
                    "role": "Foreign Minister",
                    "aliases": [],
                    "official": True,
                    "terms": [],
                },
                {
                    "id": "olaf",
                    "name": "Olaf Lind",
                    "actor": "north",
                    "role": "Former adviser",
                    "aliases": [],
                    "official": False,
                    "terms": [],
                },
            ],
        },
        "person": None,
        "as_of": None,
        "issues": [
            {
                "issue": TRUCE,
                "stance": "support",
                "approximate": True,
                "positions": [NILS_TRUCE],
                "basis": "stated",
                "inherited_from": None,
                "red_line": False,
                "newer": [],
            }
        ],
        "sources": [DAILY],
        "kb": str(KB),
    }


def test_show_history_json_lists_every_position_with_its_shift(cli) -> None:
    result = cli("show", "north", "-i", "land", "--history", "-f", "json", "--kb", KB)
    land = json.loads(result.stdout)["issues"][0]
    assert land["stance"] == "conditional"
    assert [p["id"] for p in land["positions"]] == ["north-land-2025-04-01"]
    assert [(p["id"], p["shift"], p["previous"]) for p in land["history"]] == [
        ("nils-land-2025-02-01", None, None),
        ("nils-land-2025-03-05", "full", "nils-land-2025-02-01"),
        ("north-land-2025-04-01", "half", "nils-land-2025-03-05"),
    ]


def test_show_as_of_in_json(cli) -> None:
    result = cli(
        "show", "the north", "--as-of", "2025-03-15", "-i", "truce", "-f", "json", "--kb", KB
    )
    document = json.loads(result.stdout)
    assert document["as_of"] == "2025-03-15"
    truce = document["issues"][0]
    assert (truce["stance"], truce["approximate"]) == ("support", False)
    assert [p["id"] for p in truce["positions"]] == ["north-truce-2025-03"]


def test_show_csv(cli) -> None:
    result = cli("show", "north", "--issue", "truce", "--format", "csv", "--kb", KB)
    assert result.stdout == (
        "issue_name,issue_depth,issue_stance,approximate,current,shift,previous,"
        "id,actor,issue,stance,summary,source,evidence,quote,speaker,date,as_reported,"
        "firmness,conditions,via,credibility,tags,note,source_title,source_publisher,"
        "source_url,source_published,source_author,source_reliability,source_note,file,line,"
        "basis,inherited_from,red_line,counts,not_counted\n"
        "Truce,0,support,true,true,,,"
        "nils-truce-2025-03-20,north,truce,support,Nils called for a truce.,daily-2025-03,"
        "paraphrase,,nils,2025-03-20,false,,,,,,,"
        f"Talks resume,The Daily,https://daily.example/talks,2025-03,,B,,{FILE},190,"
        "stated,,false,true,\n"
    )


def test_show_table(cli, width80) -> None:
    result = cli("show", "nordia", "--kb", KB)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "Northland",
        "Aliases: nordia, the-north",
        "People:",
        "  Nils Berg, Foreign Minister",
        "  Olaf Lind, Former adviser (unofficial)",
    ]
    rows = cells(result.stdout, "Issue", "Stance", "Date", "Statement")
    # Issues in tree order, each with its current stance, firmness and date.
    assert [row[:3] for row in rows if row[0]] == [
        ("Land", "conditional", "2025-04-01"),
        ("Coast", "oppose", "2025-03-05"),
        ("Truce", "support", "~2025-03-20"),
        ("Prisoner exchange", "support", "2025-03-15"),
    ]
    # Indented by depth.
    assert [line[:8] for line in lines if "Coast" in line] == ["  Coast "]
    statements = " ".join(column(rows, 3))
    # Olaf's harbour position does not count, and unasked an inherited stance is not listed.
    assert "Olaf" not in statements and "Harbour" not in result.stdout
    assert "basis: reported" in statements
    assert "Conditions: Southland withdraws its troops; A referendum is held" in statements
    assert "reported by Officials quoted by The Weekly" in statements
    assert "reported by The Daily · credibility 2 (probably true)" in statements
    assert "~ approximate: a statement with a coarser date" in result.stdout
    assert result.stdout.endswith(
        "References\n"
        "[1] The Weekly (Ann Writer), 2025-04-02, reliability D (not usually reliable)\n"
        "    “Who wants what”\n"
        "    https://weekly.example/who-wants-what\n"
        "[2] The Daily, 2025-03, reliability B (usually reliable)\n"
        "    “Talks resume”\n"
        "    https://daily.example/talks\n" + footer()
    )
    assert max(len(line) for line in lines) <= 80


def test_show_mixed_lists_every_latest_position(cli, width80) -> None:
    result = cli("show", "south", "--issue", "land", "--kb", KB)
    rows = cells(result.stdout, "Issue", "Stance", "Date", "Statement")
    # --issue land covers its subtree: coast and hills follow.
    assert [row[:3] for row in rows if any(row[:3])] == [
        ("Land", "mixed", ""),
        ("", "oppose", "2025-04-02"),
        ("", "red-line", ""),
        ("", "ambiguous", "2025-04-02"),
        ("", "", "as reported"),
        ("Coast", "oppose", "2025-04-02"),
        ("", "", "as reported"),
        ("Harbour", "oppose", "2025-04-02"),
        ("", "", "as reported"),
        ("Hills", "conditional", "2025-03"),
    ]
    statements = " ".join(column(rows, 3))
    # A red line stands beside the mixed stance; asked for the subtree, the harbour
    # inherits the coast's oppose.
    assert "red line since 2025-04-02" in statements
    assert "inherited from Coast" in statements
    assert "as reported: the statement is undated;" in result.stdout


def test_show_history_table_marks_shifts(cli, width80) -> None:
    result = cli("show", "north", "--issue", "land", "--history", "--kb", KB)
    rows = cells(result.stdout, "Issue", "Stance", "Date", "Statement")
    assert [row[:3] for row in rows if any(row[:3])] == [
        ("Land", "conditional", ""),
        ("", "oppose", "2025-02-01"),
        ("", "firm", ""),
        ("", "support", "2025-03-05"),
        ("", "full shift", ""),
        ("", "conditional", "2025-04-01"),
        ("", "half shift", ""),
        ("Coast", "oppose", ""),
        ("", "oppose", "2025-03-05"),
        ("Harbour", "oppose", ""),
        ("", "oppose", "2025-03-05"),
        ("", "support", "2025-03-12"),
    ]
    assert "not counted: not an official statement" in result.stdout


def test_show_headings_for_ancestors_without_positions(cli, width80) -> None:
    result = cli("show", "north", "--official-only", "--kb", KB)
    assert "Harbour" not in result.stdout
    assert "Official statements only." in result.stdout


def test_show_an_actor_without_positions(cli) -> None:
    result = cli("show", "east", "--kb", KB)
    assert result.exit_code == 0
    assert result.stdout == "Eastland\n\nNo positions.\n" + footer()
    assert json.loads(cli("show", "east", "-f", "json", "--kb", KB).stdout)["issues"] == []


def test_show_markdown(cli) -> None:
    result = cli("show", "south", "--issue", "hills", "--format", "markdown", "--kb", KB)
    assert result.stdout == (
        "## Southland\n"
        "\n"
        "- **Aliases:** sud\n"
        "- **Description:** The southern republic.\n"
        "- **People:** Sara Sol, President\n"
        "\n"
        "| Issue | Stance | Date | Statement |\n"
        "|---|---|---|---|\n"
        "| Hills | conditional | 2025-03 | Sara would give up the hills if Northland pays for "
        "the road. [1]<br>Conditions: Northland pays for the road<br>Sara Sol · paraphrase |\n"
        "\n"
        "### References\n"
        "\n"
        "- **[1]** The Daily, 2025-03, reliability B (usually reliable). “Talks resume”. "
        "<https://daily.example/talks>\n" + footer(markdown=True)
    )


@pytest.mark.parametrize("typed", ["usa", "Washington", "UNITED STATES", "us"])
def test_show_resolves_aliases_in_any_case(cli, typed: str, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = cli("show", typed, "--format", "json")
    assert json.loads(result.stdout)["actor"]["id"] == "us"


def test_show_unknown_actor_exits_2_with_suggestions(cli) -> None:
    result = cli("show", "nrth", "--kb", KB)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "negotrack: error: unknown actor or person 'nrth' — did you mean 'north'?\n"
        "valid actor ids: north, south, east\n"
    )


def test_show_bad_date_is_a_usage_error(cli) -> None:
    result = cli("show", "north", "--as-of", "2025-02-30", "--kb", KB)
    assert result.exit_code == 2
    assert "impossible date '2025-02-30': February 2025 has 28 days" in result.stderr
