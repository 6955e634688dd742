"""The stance rules (``negotrack.analysis.stance``), on ``tests/kbs/stance.yaml``: what
counts, evidence tiers, red lines, inheritance, shifts, staleness, and the options
that weigh positions, through the library and through each view's contract."""

from __future__ import annotations

import json
from typing import Any

import pytest

import negotrack
from negotrack.analysis.diff import diff
from negotrack.analysis.history import steps_of
from negotrack.analysis.stance import Filters, Ledger, not_counted, official, stance_of
from negotrack.model.dates import PartialDate
from tests.conftest import KBS
from tests.readkb import cells, column

KB = KBS / "stance.yaml"


@pytest.fixture(scope="module")
def kb() -> Any:
    return negotrack.open_kb(KB, cache=False)


def ids(positions: Any) -> list[str]:
    return [p.id for p in positions]


def run_json(cli, *args: str) -> Any:
    result = cli(*args, "--format", "json", "--kb", KB)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# -- 1. What counts ------------------------------------------------------------------


def test_a_newer_claim_never_counts(kb) -> None:
    current = stance_of(kb, "north", "talks")
    assert (current.stance, ids(current.positions)) == ("support", ["nina-talks-2025-03-01"])
    claim = kb.position("north-talks-claim-2025-03-20")
    assert not_counted(kb, claim) == "claim"
    assert not_counted(kb, claim, include_unofficial=True) == "claim"


def test_unofficial_and_out_of_term_speakers_count_only_when_asked(kb) -> None:
    def reason(position_id: str) -> str | None:
        return not_counted(kb, kb.position(position_id))

    assert reason("oleg-guarantees-2025-04-01") == "unofficial"  # official: false
    assert reason("tim-guarantees-2024-11-15") == "unofficial"  # before his term
    # January 2025 may fall in a term from 2025-01-20: within it.
    assert reason("tim-guarantees-2025-01") is None
    assert official(kb, kb.position("tim-guarantees-2025-01"))

    current = stance_of(kb, "north", "guarantees")
    assert (current.stance, ids(current.positions)) == ("oppose", ["tim-guarantees-2025-01"])
    widened = stance_of(kb, "north", "guarantees", filters=Filters(include_unofficial=True))
    assert (widened.stance, ids(widened.positions)) == ("support", ["oleg-guarantees-2025-04-01"])
    narrowed = stance_of(kb, "north", "guarantees", filters=Filters(official_only=True))
    assert ids(narrowed.positions) == ["tim-guarantees-2025-01"]


def test_filter_and_timeline_list_what_does_not_count_marked(cli) -> None:
    listed = run_json(cli, "filter", "--issue", "guarantees")
    assert [(p["id"], p["counts"], p["not_counted"]) for p in listed] == [
        ("tim-guarantees-2024-11-15", False, "unofficial"),
        ("tim-guarantees-2025-01", True, None),
        ("oleg-guarantees-2025-04-01", False, "unofficial"),
    ]
    listed = run_json(cli, "filter", "--issue", "guarantees", "--include-unofficial")
    assert [p["not_counted"] for p in listed] == [None, None, None]
    entries = run_json(cli, "timeline", "--issue", "talks", "--actor", "north")
    assert [(e["id"], e["counts"], e["not_counted"]) for e in entries] == [
        ("nina-talks-2025-03-01", True, None),
        ("north-talks-claim-2025-03-20", False, "claim"),
        ("north-talks-blog", True, None),
    ]
    csv = cli("filter", "--issue", "talks", "--actor", "north", "-f", "csv", "--kb", KB).stdout
    header, *rows = csv.splitlines()
    assert header.endswith(",file,line,counts,not_counted")
    assert [row.rsplit(",", 2)[1:] for row in rows] == [
        ["true", ""],
        ["false", "claim"],
        ["true", ""],
    ]


def test_the_table_says_who_claimed_and_who_was_not_in_office(cli) -> None:
    out = cli("filter", "--issue", "guarantees", "--issue", "talks", "--kb", KB).stdout
    assert "claim by Wes Dale" in out
    assert "Tim Reed (not in office) · paraphrase" in out
    assert "Oleg Varn (unofficial) · quote" in out
    assert out.count("not counted: not an official statement") == 2
    assert out.count("not counted: another party's claim") == 1


# -- 2. Evidence tiers ---------------------------------------------------------------


def test_the_actors_own_positions_outrank_a_newer_assessment(kb, cli) -> None:
    current = stance_of(kb, "north", "talks")
    assert current.basis == "stated"
    assert ids(current.newer) == ["north-talks-blog"]
    entry = run_json(cli, "show", "north", "--issue", "talks")["issues"][0]
    assert (entry["stance"], entry["basis"], entry["inherited_from"], entry["red_line"]) == (
        "support",
        "stated",
        None,
        False,
    )
    assert [p["id"] for p in entry["positions"]] == ["nina-talks-2025-03-01"]
    assert [p["id"] for p in entry["newer"]] == ["north-talks-blog"]
    table = cli("show", "north", "--issue", "talks", "--kb", KB).stdout
    assert "newer assessment" in table


def test_assessments_give_the_stance_only_without_own_positions(kb) -> None:
    only = stance_of(kb, "north", "talks", filters=Filters(evidence=frozenset({"assessment"})))
    assert (only.stance, only.basis, only.newer) == ("oppose", "assessed", [])


def test_the_basis_is_reported_when_no_quote_or_paraphrase_is_behind_it(tmp_path) -> None:
    text = KB.read_text(encoding="utf-8").replace(
        "    evidence: paraphrase\n    speaker: sam\n    date: 2025-03-05\n",
        "    evidence: reported\n    via: The Daily\n    speaker: sam\n    date: 2025-03-05\n",
    )
    path = tmp_path / "reported.yaml"
    path.write_text(text, encoding="utf-8")
    kb = negotrack.open_kb(path, cache=False)
    assert stance_of(kb, "south", "hills").basis == "reported"


# -- 3. Red lines --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issue", "stands"),
    [
        ("ceasefire", True),  # restated without firmness
        ("monitors", True),  # restated as firm
        ("treaty", False),  # restated as flexible
        ("amnesty", False),  # a different stance
    ],
)
def test_a_red_line_stands_until_lifted(kb, issue: str, stands: bool) -> None:
    current = stance_of(kb, "north", issue)
    assert current.red_line is stands
    assert ids(current.red_lines) == ([f"nina-{issue}-2025-01-10"] if stands else [])


def test_a_red_line_is_judged_as_of_a_date(kb) -> None:
    then = stance_of(kb, "north", "amnesty", as_of=PartialDate.parse("2025-01-31"))
    assert (then.stance, then.red_line) == ("oppose", True)


def test_a_conflict_on_a_standing_red_line_is_a_red_line_conflict(kb) -> None:
    view = diff(kb, "north", "south", issues=["land"])
    assert [(r.node.issue.id, r.relation, r.red_line) for r in view.rows] == [
        ("land", "conflict", True),
        ("coast", "conflict", True),
        ("hills", "conflict", True),
    ]
    assert view.summary["red_line"] == 3


# -- 4. Inheritance ------------------------------------------------------------------


def test_oppose_is_inherited_down_the_tree_but_support_is_not(kb) -> None:
    coast = stance_of(kb, "north", "coast")
    harbour = stance_of(kb, "north", "harbour")
    for current in (coast, harbour):
        assert (current.stance, current.basis, current.inherited_from) == (
            "oppose",
            "inherited",
            "land",
        )
        assert ids(current.positions) == ["nina-land-2025-03-02"]
        assert current.red_line  # the red line on land stands for its children
    # Southland supports ceding the coast; that says nothing of the harbour.
    assert stance_of(kb, "south", "harbour") is None
    assert stance_of(kb, "south", "coast").inherited_from is None


def test_matrix_marks_inherited_cells_and_counts_no_positions(cli) -> None:
    document = run_json(cli, "matrix", "--issue", "coast", "--actor", "north", "--actor", "south")
    assert document["cells"] == [
        {
            "actor": "north",
            "issue": "coast",
            "stance": "oppose",
            "count": 0,
            "range": None,
            "basis": "inherited",
            "inherited_from": "land",
            "red_line": True,
        },
        {
            "actor": "south",
            "issue": "coast",
            "stance": "support",
            "count": 1,
            "range": None,
            "basis": "stated",
            "inherited_from": None,
            "red_line": False,
        },
        {
            "actor": "north",
            "issue": "harbour",
            "stance": "oppose",
            "count": 0,
            "range": None,
            "basis": "inherited",
            "inherited_from": "land",
            "red_line": True,
        },
        {
            "actor": "south",
            "issue": "harbour",
            "stance": None,
            "count": 0,
            "range": None,
            "basis": None,
            "inherited_from": None,
            "red_line": False,
        },
    ]
    rows = cells(
        cli("matrix", "--issue", "land", "--kb", KB).stdout,
        "Issue",
        "Northland",
        "Southland",
        "Westland",
    )
    assert rows[:4] == [
        ("Land", "✗ oppose (1)!", "✓ support (1)", "·"),
        ("Coast", "✗ oppose ↑!", "✓ support (1)", "·"),
        ("Harbour", "✗ oppose ↑!", "·", "·"),
        ("Hills", "✗ oppose ↑!", "✓ support (1)", "·"),
    ]


def test_show_lists_inherited_stances_only_when_the_subtree_is_asked_for(cli) -> None:
    unasked = run_json(cli, "show", "north")
    assert "coast" not in [e["issue"]["id"] for e in unasked["issues"]]
    asked = run_json(cli, "show", "north", "--issue", "coast")
    assert [(e["issue"]["id"], e["basis"], e["inherited_from"]) for e in asked["issues"]] == [
        ("coast", "inherited", "land"),
        ("harbour", "inherited", "land"),
    ]
    assert [p["id"] for p in asked["issues"][0]["positions"]] == ["nina-land-2025-03-02"]
    table = cli("show", "north", "--issue", "coast", "--kb", KB).stdout
    assert "inherited from Land · red line since 2025-03-02" in table


def test_diff_json_gives_each_side_its_basis_and_the_row_its_staleness(cli) -> None:
    document = run_json(cli, "diff", "north", "south", "--issue", "coast", "--issue", "talks")
    coast, talks = document["rows"]
    assert {k: coast["a"][k] for k in ("stance", "basis", "inherited_from", "red_line")} == {
        "stance": "oppose",
        "basis": "inherited",
        "inherited_from": "land",
        "red_line": True,
    }
    assert (coast["relation"], coast["red_line"], coast["stale"]) == ("conflict", True, False)
    assert (talks["relation"], talks["stale"]) == ("agree", True)


# -- 5. Shifts -----------------------------------------------------------------------


def test_an_assessment_between_two_statements_shifts_nothing(kb, cli) -> None:
    steps = steps_of(Ledger(kb).listed("south", "truce"))
    assert [(s.position.id, s.shift, s.previous and s.previous.id) for s in steps] == [
        ("sam-truce-2025-01-05", None, None),
        ("south-truce-2025-02-05", None, None),
        ("sam-truce-2025-03-05", None, "sam-truce-2025-01-05"),
    ]
    assert run_json(cli, "timeline", "--issue", "truce", "--shifts-only") == []


def test_a_different_stance_after_a_red_line_is_a_shift(cli) -> None:
    entries = run_json(cli, "timeline", "--issue", "amnesty")
    assert [(e["id"], e["shift"], e["previous"]) for e in entries] == [
        ("nina-amnesty-2025-01-10", None, None),
        ("nina-amnesty-2025-02-10", "full", "nina-amnesty-2025-01-10"),
    ]


def test_a_claim_neither_shifts_nor_is_a_previous_position(cli) -> None:
    entries = run_json(cli, "timeline", "--issue", "talks", "--actor", "north")
    assert [(e["id"], e["shift"], e["previous"]) for e in entries] == [
        ("nina-talks-2025-03-01", None, None),
        ("north-talks-claim-2025-03-20", None, None),
        ("north-talks-blog", None, None),
    ]


def test_unofficial_statements_shift_only_when_they_count(cli) -> None:
    entries = run_json(cli, "timeline", "--issue", "guarantees")
    assert [e["shift"] for e in entries] == [None, None, None]
    entries = run_json(cli, "timeline", "--issue", "guarantees", "--include-unofficial")
    assert [e["shift"] for e in entries] == [None, "half", "full"]


# -- 6. Staleness --------------------------------------------------------------------


def test_a_diff_row_more_than_180_days_apart_is_stale(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("diff", "north", "south", "--issue", "talks", "--kb", KB).stdout
    rows = cells(out, "Issue", "Northland (a)", "Southland (b)")
    assert column(rows, 0) == ["Talks", "→ agree", "stale:", "2025-03-01 and", "2024-06-01"]
    assert "stale: the two sides rest on statements more than 180 days apart" in out
    markdown = cli("diff", "north", "south", "-i", "talks", "-f", "markdown", "--kb", KB).stdout
    assert "| Talks | **agree**<br>stale: 2025-03-01 and 2024-06-01 |" in markdown
    assert max(len(line) for line in out.splitlines()) <= 80


# -- The options ---------------------------------------------------------------------


def test_min_reliability_keeps_only_well_graded_sources(kb, cli) -> None:
    graded = stance_of(kb, "north", "talks", filters=Filters(min_reliability="B"))
    assert graded.newer == []  # the blog is not graded
    anything = stance_of(kb, "north", "talks", filters=Filters(min_reliability="F"))
    assert ids(anything.newer) == ["north-talks-blog"]
    listed = run_json(cli, "filter", "--actor", "north", "--min-reliability", "a")
    assert {p["source"]["reliability"] for p in listed} == {"A"}
    assert cli("filter", "--min-reliability", "G", "--kb", KB).exit_code == 2


def test_evidence_restricts_the_positions_used(cli) -> None:
    entry = run_json(cli, "show", "north", "--issue", "talks", "--evidence", "assessment")
    assert (entry["issues"][0]["stance"], entry["issues"][0]["basis"]) == ("oppose", "assessed")
    listed = run_json(cli, "filter", "--evidence", "claim")
    assert [p["id"] for p in listed] == ["north-talks-claim-2025-03-20"]
    # Quotes only: the red line on treaty is never lifted by the flexible paraphrase.
    cell = run_json(cli, "matrix", "--issue", "treaty", "--actor", "north", "--evidence", "quote")
    assert (cell["cells"][0]["count"], cell["cells"][0]["red_line"]) == (1, True)


def test_tag_on_filter_and_timeline(cli) -> None:
    assert [p["id"] for p in run_json(cli, "filter", "--tag", "campaign")] == [
        "tim-guarantees-2024-11-15"
    ]
    assert [e["id"] for e in run_json(cli, "timeline", "--tag", "campaign")] == [
        "tim-guarantees-2024-11-15"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("think tank", ["north-talks-blog"]),  # via (and summary)
        ("OLEG VARN", ["oleg-guarantees-2025-04-01"]),  # the speaker's name
        ("the tabloid", ["tim-guarantees-2024-11-15"]),  # the source's publisher
        ("old talks", ["sam-talks-2024-06-01"]),  # the source's title
    ],
)
def test_text_searches_via_speaker_publisher_and_title(cli, text: str, expected) -> None:
    assert [p["id"] for p in run_json(cli, "filter", "--text", text)] == expected


def test_terms_read_back_from_the_parse_cache_as_written() -> None:
    fresh = negotrack.open_kb(KB, cache=False).person("tim").terms
    negotrack.open_kb(KB)  # fills the cache
    cached = negotrack.open_kb(KB).person("tim").terms
    assert cached == fresh
    assert [t.as_written() for t in cached] == [
        {"role": "President", "from": "2025-01-20", "until": None}
    ]


def test_the_stance_rules_are_part_of_the_public_api(kb) -> None:
    current = negotrack.stance_of(kb, "north", "hills", filters=negotrack.Filters())
    assert isinstance(current, negotrack.CurrentStance)
    assert (current.stance, current.inherited_from) == ("oppose", "land")
