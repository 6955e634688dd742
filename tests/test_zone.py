"""``negotrack zone``, and the ranges ``diff`` and ``matrix`` show, on tests/kbs/scales.yaml:
a zone that exists in March, closes on 10 April (Southland's red line), a mixed
actor, a range resting on an assessment."""

from __future__ import annotations

import json

import pytest

from tests.conftest import KBS

KB = KBS / "scales.yaml"

VALLEY_SCALE = [
    {
        "id": "north-keeps",
        "label": "Northland keeps it",
        "description": "The valley stays wholly Northland's.",
    },
    {"id": "shared", "label": "Shared administration", "description": None},
    {
        "id": "demilitarised",
        "label": "Demilitarised zone",
        "description": "Both armies leave; monitors stay.",
    },
    {"id": "lease", "label": "Leased to Southland", "description": None},
    {"id": "south-annexes", "label": "Annexed by Southland", "description": None},
]


def zone_json(cli, *args: str) -> dict:
    result = cli("zone", "valley", "--format", "json", "--kb", KB, *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def summary(actor: dict) -> dict:
    """An actor entry with its positions reduced to their ids."""
    return {
        **actor,
        "actor": actor["actor"]["id"],
        "positions": [p["id"] for p in actor["positions"]],
    }


def test_zone_json_today_has_no_zone_a_gap_and_who_binds_it(cli) -> None:
    document = zone_json(cli)
    assert list(document) == [
        "issue",
        "as_of",
        "scale",
        "actors",
        "zone",
        "gap",
        "binding",
        "kb",
    ]
    assert document["issue"]["id"] == "valley"
    assert document["issue"]["scale"] == VALLEY_SCALE
    assert document["as_of"] is None
    assert document["scale"] == VALLEY_SCALE
    assert [summary(a) for a in document["actors"]] == [
        {
            "actor": "north",
            "stance": "oppose",
            "range": ["north-keeps", "demilitarised"],
            "ideal": "north-keeps",
            "mixed": False,
            "basis": "quote",
            "red_line": False,
            "positions": ["nils-valley-2025-03-01"],
        },
        {
            "actor": "south",
            "stance": "support",
            "range": ["lease", "south-annexes"],
            "ideal": "south-annexes",
            "mixed": False,
            "basis": "quote",
            "red_line": True,
            "positions": ["sara-valley-2025-04-10"],
        },
        {
            "actor": "west",
            "stance": "conditional",
            "range": ["shared", "lease"],
            "ideal": None,
            "mixed": False,
            "basis": "assessment",
            "red_line": False,
            "positions": ["west-valley-institute"],
        },
        {
            "actor": "east",
            "stance": "mixed",
            "range": None,
            "ideal": None,
            "mixed": True,
            "basis": "reported",
            "red_line": False,
            "positions": ["east-valley-low", "east-valley-high"],
        },
    ]
    assert (document["zone"], document["gap"], document["binding"]) == ([], 1, ["north", "south"])
    # Each position is the whole record with its source, as in every read command.
    first = document["actors"][0]["positions"][0]
    assert first["source"]["id"] == "daily-2025-03"
    assert first["acceptable"] == ["north-keeps", "demilitarised"]


def test_zone_as_of_march_exists_and_gap_is_zero(cli) -> None:
    document = zone_json(cli, "--as-of", "2025-03-31")
    assert document["as_of"] == "2025-03-31"
    assert [a["actor"]["id"] for a in document["actors"]] == ["north", "south", "west"]
    assert document["zone"] == ["shared", "demilitarised"]
    assert document["gap"] == 0
    assert document["binding"] == ["north", "south", "west"]


def test_zone_history_lists_each_change(cli) -> None:
    document = zone_json(cli, "--history")
    assert document["history"] == [
        {"date": "2025-03-01", "zone": ["north-keeps", "shared", "demilitarised"], "gap": 0},
        {"date": "2025-03-02", "zone": ["shared", "demilitarised"], "gap": 0},
        {"date": "2025-04-10", "zone": [], "gap": 1},
    ]
    assert "history" not in zone_json(cli)


def test_zone_of_chosen_actors_only(cli) -> None:
    document = zone_json(cli, "--actor", "west", "--actor", "Southland")
    assert [a["actor"]["id"] for a in document["actors"]] == ["west", "south"]
    assert document["zone"] == ["lease"]
    assert document["binding"] == ["west", "south"]


def test_zone_csv(cli) -> None:
    result = cli("zone", "valley", "--format", "csv", "--kb", KB)
    assert result.stdout == (
        "issue,actor,actor_name,stance,range_low,range_high,ideal,mixed,basis,red_line,"
        "counted,positions,zone,gap\n"
        "valley,north,Northland,oppose,north-keeps,demilitarised,north-keeps,false,quote,"
        "false,true,nils-valley-2025-03-01,,1\n"
        "valley,south,Southland,support,lease,south-annexes,south-annexes,false,quote,"
        "true,true,sara-valley-2025-04-10,,1\n"
        "valley,west,Westland,conditional,shared,lease,,false,assessment,false,true,"
        "west-valley-institute,,1\n"
        "valley,east,Eastland,mixed,,,,true,reported,false,false,"
        "east-valley-low; east-valley-high,,1\n"
    )


def test_zone_table_draws_the_scale_within_80_columns(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("zone", "valley", "--history", "--kb", KB)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    drawing = lines[lines.index("Scale, from no to yes:") + 7 :][:6]
    assert drawing == [
        "               1        2        3        4        5",
        "Northland  [===*=====================]",
        "Southland                             [============*===]  RED LINE",
        "Westland            [=========================]           assessment",
        "Eastland   mixed: no option in common, left out of the zone",
        "Zone                             ----------",
    ]
    assert "  1 north-keeps: Northland keeps it" in lines
    assert "No zone of possible agreement: a gap of 1 step, bound by Northland, Southland." in lines
    assert "  2025-04-10: no zone, gap of 1 step; bound by Northland, Southland" in lines
    assert "[3] The Institute, 2025-03-05, reliability C (fairly reliable)" in lines


def test_zone_table_highlights_the_zone_without_colour(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("zone", "valley", "--as-of", "2025-03-31", "--kb", KB)
    assert "Zone                ##################" in result.stdout.splitlines()
    assert "Zone of possible agreement: 2–3 (shared … demilitarised), bounded by" in result.stdout


def test_zone_markdown_cites_each_range(cli) -> None:
    result = cli("zone", "valley", "--format", "markdown", "--kb", KB)
    assert result.stdout.startswith(
        "## Valley: Should Northland cede the valley to Southland?\n\n"
        "| # | Option | Label | Description |\n"
    )
    assert (
        "| Westland | 2–4 shared … lease | assessment | Analysts expect Westland to back "
        "anything short of annexation. [3]" in result.stdout
    )
    assert "| Southland | 4–5 lease … south-annexes, ideal south-annexes | RED LINE |" in (
        result.stdout
    )


def test_zone_of_an_issue_without_a_scale_is_a_usage_error(cli) -> None:
    result = cli("zone", "truce", "--kb", KB)
    assert result.exit_code == 2
    assert result.stderr == (
        "negotrack: error: issue 'truce' has no scale; issues with one: valley\n"
    )


@pytest.mark.parametrize(
    ("a", "b", "overlap", "distance"),
    [
        ("north", "south", [], 1),
        ("north", "west", ["shared", "demilitarised"], 0),
        ("north", "east", None, None),
    ],
)
def test_diff_gives_overlap_and_distance_on_a_scaled_issue(cli, a, b, overlap, distance) -> None:
    result = cli("diff", a, b, "--issue", "valley", "--format", "json", "--kb", KB)
    (row,) = json.loads(result.stdout)["rows"]
    assert (row["overlap"], row["distance"]) == (overlap, distance)


def test_diff_table_and_csv_show_the_distance(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    table = cli("diff", "north", "south", "--issue", "valley", "--kb", KB).stdout
    assert "distance 1" in table
    table = cli("diff", "north", "west", "--issue", "valley", "--kb", KB).stdout
    assert "overlap 2–3" in table
    csv_text = cli("diff", "north", "south", "--format", "csv", "--kb", KB).stdout
    assert csv_text.splitlines()[1].startswith("Valley,0,conflict,true,,1,a,oppose,")
    csv_text = cli("diff", "north", "west", "-i", "valley", "-f", "csv", "--kb", KB).stdout
    assert csv_text.splitlines()[1].startswith("Valley,0,partial,false,shared; demilitarised,0,")


def test_matrix_shows_ranges_and_the_scale_as_legend(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("matrix", "--issue", "valley", "--kb", KB)
    lines = result.stdout.splitlines()
    assert lines[2].split() == [
        "Valley",
        "✗",
        "(1)",
        "1–3",
        "✓",
        "(2)!",  # Sara's red line stands
        "4–5",
        "◇",
        "(1)*",  # resting on an assessment only
        "2–4",
        "◐",
        "(2)",
        "mixed",
    ]
    assert "Scale of Valley, from no to yes: 1 north-keeps, 2 shared, 3 demilitarised, 4" in lines
    cells = json.loads(cli("matrix", "-i", "valley", "-f", "json", "--kb", KB).stdout)["cells"]
    assert [c["range"] for c in cells] == [
        ["north-keeps", "demilitarised"],
        ["lease", "south-annexes"],
        ["shared", "lease"],
        None,
    ]
    csv_lines = cli("matrix", "-i", "valley", "-f", "csv", "--kb", KB).stdout.splitlines()
    assert csv_lines == [
        "issue,issue_name,parent,north,north_count,north_range,south,south_count,south_range,"
        "west,west_count,west_range,east,east_count,east_range",
        "valley,Valley,,oppose,1,north-keeps..demilitarised,support,2,lease..south-annexes,"
        "conditional,1,shared..lease,mixed,2,mixed",
    ]


def test_every_rule_is_documented() -> None:
    from negotrack.checks.rules import RULES
    from tests.conftest import ROOT

    docs = (ROOT / "docs" / "knowledge-base.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| `{rule.ID}` | {rule.LEVEL} |" in docs, rule.ID


STANCE_RULES_KB = """\
negotrack: 1
actors:
  - {id: north, name: Northland}
  - {id: south, name: Southland}
issues:
  - id: valley
    name: Valley
    question: Should Northland cede the valley?
    scale:
      - {id: keep, label: Kept}
      - {id: share, label: Shared}
      - {id: cede, label: Ceded}
sources:
  - {id: daily, title: Talks, publisher: The Daily, url: "https://daily.example/",
     published: 2025-04}
positions:
  - {id: n1, actor: north, issue: valley, stance: oppose, summary: Keep or share., source: daily,
     evidence: paraphrase, date: 2025-04-01, acceptable: [keep, share]}
  - {id: s1, actor: south, issue: valley, stance: support, summary: Share at least., source: daily,
     evidence: paraphrase, date: 2025-04-02, firmness: red-line, acceptable: [share, cede]}
  - {id: s2, actor: south, issue: valley, stance: support, summary: Still share at least.,
     source: daily, evidence: paraphrase, date: 2025-04-05, acceptable: [share, cede]}
  - {id: n-claim, actor: north, issue: valley, stance: oppose, summary: South says North keeps it.,
     source: daily, evidence: claim, via: south, date: 2025-04-09, acceptable: [keep, keep]}
"""


def test_zone_follows_the_stance_rules(cli, tmp_path) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text(STANCE_RULES_KB, encoding="utf-8")
    document = json.loads(cli("zone", "valley", "-f", "json", "--kb", kb).stdout)
    north, south = document["actors"]
    # A claim by another party does not count: Northland's range is its own words.
    assert (north["range"], [p["id"] for p in north["positions"]]) == (["keep", "share"], ["n1"])
    # Southland's red line of 2 April stands: the later position does not lift it.
    assert (south["range"], south["red_line"]) == (["share", "cede"], True)
    assert document["zone"] == ["share"]
    plan_kb = STANCE_RULES_KB + (
        "documents:\n"
        "  - {id: d, title: D, authors: [north], date: 2025-04-10, source: daily, kind: plan,\n"
        "     provisions: [{id: p, issue: valley, summary: Kept., option: keep}]}\n"
    )
    kb.write_text(plan_kb, encoding="utf-8")
    provision = json.loads(cli("plan", "d", "-f", "json", "--kb", kb).stdout)["provisions"][0]
    assert [(v["actor"], v["verdict"], v["red_line"]) for v in provision["verdicts"]] == [
        ("north", "acceptable", False),
        ("south", "unacceptable", True),
    ]


def test_zone_before_any_position_and_an_actor_without_one(cli, monkeypatch) -> None:
    document = zone_json(cli, "--as-of", "2025-02")
    assert (document["actors"], document["zone"], document["gap"]) == ([], [], 0)
    monkeypatch.setenv("COLUMNS", "80")
    table = cli("zone", "valley", "--as-of", "2025-02", "--kb", KB).stdout
    assert "No actor has a range on this scale: no zone can be drawn." in table
    document = zone_json(cli, "--as-of", "2025-03-01", "--actor", "east", "--actor", "north")
    east, north = document["actors"]
    assert (east["stance"], east["range"], east["positions"]) == (None, None, [])
    assert north["range"] == ["north-keeps", "demilitarised"]
    table = cli("zone", "valley", "--as-of", "2025-03-01", "-a", "east", "--kb", KB).stdout
    assert "Eastland  no position" in table.splitlines()
    assert table.splitlines().count("Eastland  no position") == 2  # the drawing and the table
