"""``negotrack diff``: two actors side by side, the relation per issue, --exit-code."""

from __future__ import annotations

import json

import pytest

from tests.readkb import (
    DAILY_COLUMNS,
    FILE,
    KB,
    NILS_TRUCE,
    NORTH,
    SARA_TRUCE,
    SOUTH,
    SUMMARY,
    TRUCE,
    cells,
    column,
    footer,
)


def test_diff_json_is_the_documented_document(cli) -> None:
    result = cli("diff", "north", "south", "--issue", "truce", "--format", "json", "--kb", KB)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "a": NORTH,
        "b": SOUTH,
        "as_of": None,
        "rows": [
            {
                "issue": TRUCE,
                "relation": "conflict",
                "red_line": True,
                "overlap": None,
                "distance": None,
                "a": {
                    "stance": "support",
                    "approximate": True,
                    "positions": [NILS_TRUCE],
                    "basis": "stated",
                    "inherited_from": None,
                    "red_line": False,
                },
                "b": {
                    "stance": "oppose",
                    "approximate": False,
                    "positions": [SARA_TRUCE],
                    "basis": "stated",
                    "inherited_from": None,
                    "red_line": True,
                },
                "stale": False,
            }
        ],
        "summary": {**dict.fromkeys(SUMMARY, 0), "conflict": 1, "red_line": 1},
        "kb": str(KB),
    }


def test_diff_relations_of_every_issue(cli) -> None:
    result = cli("diff", "Nordia", "sud", "--format", "json", "--kb", KB)
    document = json.loads(result.stdout)
    assert [(r["issue"]["id"], r["relation"], r["red_line"]) for r in document["rows"]] == [
        ("land", "unclear", False),
        ("coast", "agree", False),
        ("hills", "only-b", False),
        ("truce", "conflict", True),
        ("prisoners", "partial", False),
    ]
    land = document["rows"][0]
    assert (land["a"]["stance"], land["b"]["stance"]) == ("conditional", "mixed")
    assert [p["id"] for p in land["b"]["positions"]] == [
        "sara-land-2025-04-02",
        "south-land-weekly",
    ]
    assert document["rows"][2]["a"] == {
        "stance": None,
        "approximate": False,
        "positions": [],
        "basis": None,
        "inherited_from": None,
        "red_line": False,
    }
    assert land["b"]["red_line"] is True and land["red_line"] is False  # unclear, not a conflict
    assert document["summary"] == SUMMARY


def test_diff_as_of_and_official_only(cli) -> None:
    result = cli(
        "diff", "north", "south", "--as-of", "2025-03", "--official-only", "-f", "json", "--kb", KB
    )
    document = json.loads(result.stdout)
    assert document["as_of"] == "2025-03"
    assert [(r["issue"]["id"], r["relation"]) for r in document["rows"]] == [
        ("land", "only-a"),
        ("coast", "only-a"),
        ("hills", "only-b"),
        ("truce", "conflict"),
        ("prisoners", "only-a"),
    ]


def test_diff_conflicts_only_and_exit_code(cli) -> None:
    result = cli("diff", "north", "south", "--conflicts-only", "-f", "json", "--kb", KB)
    document = json.loads(result.stdout)
    assert [r["issue"]["id"] for r in document["rows"]] == ["truce"]
    assert document["summary"] == SUMMARY  # the summary still counts every issue
    assert result.exit_code == 0
    assert cli("diff", "north", "south", "--exit-code", "--kb", KB).exit_code == 1
    no_conflict = cli("diff", "north", "south", "--issue", "coast", "--exit-code", "--kb", KB)
    assert no_conflict.exit_code == 0


def test_diff_csv_has_a_row_per_position_shown(cli) -> None:
    result = cli("diff", "north", "south", "--issue", "truce", "--format", "csv", "--kb", KB)
    assert result.stdout == (
        "issue_name,issue_depth,relation,red_line,overlap,distance,side,side_stance,approximate,"
        "id,actor,issue,stance,summary,source,evidence,quote,speaker,date,as_reported,"
        "firmness,conditions,via,credibility,tags,note,source_title,source_publisher,"
        "source_url,source_published,source_author,source_reliability,source_note,file,line,"
        "stale,side_basis,side_inherited_from,side_red_line\n"
        "Truce,0,conflict,true,,,a,support,true,nils-truce-2025-03-20,north,truce,support,"
        "Nils called for a truce.,daily-2025-03,paraphrase,,nils,2025-03-20,false,,,,,,,"
        f"{DAILY_COLUMNS},{FILE},190,false,stated,,false\n"
        "Truce,0,conflict,true,,,b,oppose,false,sara-truce-2025-03-25,south,truce,oppose,"
        "Sara ruled out a truce.,daily-2025-03,quote,No truce while they hold our land.,sara,"
        f"2025-03-25,false,red-line,,,,,,{DAILY_COLUMNS},{FILE},199,false,stated,,true\n"
    )


def test_diff_table(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("diff", "north", "south", "--kb", KB)
    assert result.stdout.startswith("Northland (a) and Southland (b)\n")
    rows = cells(result.stdout, "Issue", "Northland (a)", "Southland (b)")
    assert column(rows, 0)[:12] == [
        "Land",
        "→ unclear",
        "Coast",
        "→ agree",
        "Hills",
        "→ only-b",
        "Truce",
        "→ conflict",
        "RED LINE",
        "Prisoner",
        "exchange",
        "→ partial",
    ]
    truce = rows[[row[0] for row in rows].index("Truce") :]
    assert truce[0][1:] == ("support · ~2025-03-20", "red line since 2025-03-25")
    assert " ".join(r[2] for r in truce[:6]) == (
        "red line since 2025-03-25 oppose · red-line · 2025-03-25 Sara ruled out a truce. [2] "
        "“No truce while they hold our land.” Sara Sol · quote"
    )
    assert "no position" in column(rows, 1)
    assert (
        "5 issues: 1 conflict (all on a red line), 1 partial, 1 unclear, 1 agree, 1 only\n"
        "Southland.\n"
    ) in result.stdout
    assert "~ approximate:" in result.stdout and "as reported:" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_diff_mixed_side_lists_each_position_with_its_stance(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("diff", "north", "south", "--issue", "land", "--conflicts-only", "--kb", KB)
    assert "Conflicts only." in result.stdout
    assert result.stdout == (
        "Northland (a) and Southland (b)\n"
        "Conflicts only.\n"
        "\n"
        "3 issues: 1 unclear, 1 agree, 1 only Southland.\n" + footer()
    )
    result = cli("diff", "north", "south", "--issue", "land", "--kb", KB)
    rows = cells(result.stdout, "Issue", "Northland (a)", "Southland (b)")
    side = column(rows, 2)
    assert side[:3] == ["mixed", "red line since 2025-04-02", "oppose · red-line · 2025-04-02"]
    assert "ambiguous · 2025-04-02 (as reported)" in " ".join(side)


def test_diff_markdown(cli) -> None:
    result = cli("diff", "north", "south", "--issue", "hills", "-f", "markdown", "--kb", KB)
    assert result.stdout == (
        "## Northland (a) and Southland (b)\n"
        "\n"
        "| Issue | Relation | Northland (a) | Southland (b) |\n"
        "|---|---|---|---|\n"
        "| Hills | **only-b** | no position | **conditional · 2025-03**<br>Sara would give up "
        "the hills if Northland pays for the road. [1]<br>Conditions: Northland pays for the "
        "road<br>Sara Sol · paraphrase |\n"
        "\n"
        "1 issue: 1 only Southland.\n"
        "\n"
        "### References\n"
        "\n"
        "- **[1]** The Daily, 2025-03, reliability B (usually reliable). “Talks resume”. "
        "<https://daily.example/talks>\n" + footer(markdown=True)
    )


def test_diff_unknown_actor(cli) -> None:
    result = cli("diff", "north", "westland", "--kb", KB)
    assert result.exit_code == 2
    assert result.stderr == (
        "negotrack: error: unknown actor 'westland' — did you mean 'east'?\n"
        "valid actor ids: north, south, east\n"
    )
