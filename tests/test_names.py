"""Finding things by the names people use: issue aliases, suggestions across kinds,
``show PERSON``, names of several words without quotes, citing one statement."""

from __future__ import annotations

import json

import pytest

from tests.conftest import KBS

KB = KBS / "names.yaml"


def test_an_issue_is_found_by_its_alias(cli) -> None:
    result = cli("filter", "--kb", KB, "--issue", "NATO", "--format", "json")
    assert result.exit_code == 0
    assert [p["id"] for p in json.loads(result.stdout)] == [
        "putin-nato-2025-03-14",
        "starmer-nato-2025-03-15",
    ]
    assert cli("matrix", "--kb", KB, "--issue", "znpp", "--format", "csv").stdout.startswith(
        "issue,issue_name,parent,uk,uk_count,alliance,alliance_count,kremlin,kremlin_count\n"
        "zaporizhzhia-npp,"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("filter", "--actor", "putin"),
            "negotrack: error: unknown actor 'putin': 'putin' is a person of Russia (putin)\n"
            "valid actor ids: uk, alliance, kremlin\n"
            "hint: try `--actor kremlin --speaker putin`, or `negotrack show putin`\n",
        ),
        (
            ("filter", "--issue", "moscow"),
            "negotrack: error: unknown issue 'moscow': 'moscow' is an actor (kremlin)\n"
            "valid issue ids: security, nato-membership, zaporizhzhia-npp\n"
            "hint: try `--actor kremlin`\n",
        ),
        (
            ("filter", "--source", "putin-nato-2025-03-14"),
            "negotrack: error: unknown source 'putin-nato-2025-03-14': "
            "'putin-nato-2025-03-14' is a position of Russia (putin-nato-2025-03-14)\n"
            "valid source ids: paper-2025-03-18, wire-2025-03-16\n"
            "hint: try `negotrack cite putin-nato-2025-03-14`\n",
        ),
        (
            ("cite", "paper"),
            "negotrack: error: unknown source or position 'paper' — "
            "did you mean 'paper-2025-03-18'?\n"
            "valid source ids: paper-2025-03-18, wire-2025-03-16\n",
        ),
        (
            ("filter", "--speaker", "the paper"),
            "negotrack: error: unknown person 'the paper' — "
            "did you mean a source (paper-2025-03-18)?\n"
            "valid person ids: putin, starmer\n",
        ),
    ],
)
def test_an_unknown_name_says_what_else_it_names(cli, args, message) -> None:
    result = cli(*args, "--kb", KB)
    assert (result.exit_code, result.stderr) == (2, message)


def test_show_a_person_is_their_card_and_their_own_statements(cli) -> None:
    result = cli("show", "putin", "--kb", KB, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["person"]["id"] == "putin"
    assert document["actor"]["id"] == "kremlin"
    assert [p["id"] for p in document["actor"]["people"]] == ["putin"]
    assert [
        (entry["issue"]["id"], entry["stance"], [p["speaker"] for p in entry["positions"]])
        for entry in document["issues"]
    ] == [
        ("nato-membership", "oppose", ["putin"]),
        ("zaporizhzhia-npp", "support", ["putin"]),
    ]
    table = cli("show", "Vladimir Putin", "--kb", KB).stdout
    assert table.startswith("Vladimir Putin\nSpeaks for: Russia\nRole: President\n")
    # The actor's other statements are not the person's.
    starmer = cli("show", "starmer", "--kb", KB, "--format", "json").stdout
    assert [e["issue"]["id"] for e in json.loads(starmer)["issues"]] == ["nato-membership"]


def test_names_of_several_words_work_without_quotes(cli) -> None:
    diff = cli("diff", "united", "kingdom", "western", "alliance", "--kb", KB, "--format", "json")
    assert diff.exit_code == 0
    document = json.loads(diff.stdout)
    assert (document["a"]["id"], document["b"]["id"]) == ("uk", "alliance")
    show = cli("show", "united", "kingdom", "--kb", KB, "--format", "json")
    assert json.loads(show.stdout)["actor"]["id"] == "uk"


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (
            ("united", "kingdom", "nowhere"),
            "negotrack: error: 'united kingdom nowhere' does not name two actors: quote a "
            'name of more than one word, as in "united states" russia\n',
        ),
        (("uk", "west", "moscow"), "negotrack: error: give two actors; 3 given\n"),
        (
            ("uk", "britain"),
            "negotrack: error: 'uk' and 'britain' are both United Kingdom (uk): "
            "name two different actors\n",
        ),
    ],
)
def test_diff_names_that_are_not_two_actors_are_a_usage_error(cli, words, message) -> None:
    result = cli("diff", *words, "--kb", KB)
    assert (result.exit_code, result.stderr) == (2, message)


def test_a_chain_of_reporting_is_not_reported_twice(cli) -> None:
    result = cli("filter", "--kb", KB, "--issue", "znpp", "--actor", "west")
    assert "according to Unnamed officials, as reported by The Wire" in result.stdout
    assert "reported by Unnamed" not in result.stdout


def test_a_title_that_is_a_description_is_not_put_in_quotation_marks(cli) -> None:
    table = cli("filter", "--kb", KB, "--source", "wire-2025-03-16").stdout
    assert "\n    [Report on Putin's remarks to officials, no headline in the capture]\n" in table
    assert "“[Report" not in table
    assert cli("cite", "wire-2025-03-16", "--kb", KB).stdout == (
        "[Report on Putin's remarks to officials, no headline in the capture]. The Wire, "
        "16 March 2025. https://wire.example/post/1#top\n"
    )
    sources = json.loads(cli("sources", "--kb", KB, "--format", "json").stdout)
    assert {s["id"]: s["title_is_description"] for s in sources} == {
        "wire-2025-03-16": True,
        "paper-2025-03-18": False,
    }


def test_json_positions_link_to_the_quoted_words(cli) -> None:
    positions = json.loads(cli("filter", "--kb", KB, "--format", "json").stdout)
    urls = {p["id"]: p["quote_url"] for p in positions}
    assert urls == {
        # A long quote is linked by its first and last words; - , & are escaped.
        "putin-nato-2025-03-14": "https://paper.example/leaders#:~:text="
        "Ukraine%20will%20never%20be,everyone%20%2D%20knows%20it.",
        "starmer-nato-2025-03-15": "https://paper.example/leaders#:~:text="
        "The%20path%20stays%20open.",
        "alliance-npp-wire": None,
        "putin-npp-2025-03-15": None,
        "uk-security-2025-03-15": None,
    }


def test_cite_a_position_is_a_quotation_level_citation(cli) -> None:
    result = cli("cite", "putin-nato-2025-03-14", "alliance-npp-wire", "--kb", KB)
    assert result.exit_code == 0
    assert result.stdout == (
        "Vladimir Putin (President, Russia), 14 March 2025: “Ukraine will never be in NATO, "
        "and everyone - everyone - knows it.” In: “Leaders speak on Ukraine.” The Paper, "
        "18 March 2025. https://paper.example/leaders#:~:text="
        "Ukraine%20will%20never%20be,everyone%20%2D%20knows%20it.\n"
        "Western Alliance, 16 March 2025 (as reported), in the curator's summary: The "
        "alliance is said to oppose any handover of the plant. (according to Unnamed "
        "officials, as reported by The Wire). In: [Report on Putin's remarks to officials, "
        "no headline in the capture]. The Wire, 16 March 2025. https://wire.example/post/1#top\n"
    )
    bibtex = cli("cite", "starmer-nato-2025-03-15", "--kb", KB, "--style", "bibtex").stdout
    assert bibtex == (
        "@online{starmer-nato-2025-03-15,\n"
        "  title = {Leaders speak on Ukraine},\n"
        "  organization = {The Paper},\n"
        "  date = {2025-03-18},\n"
        "  url = {https://paper.example/leaders#:~:text=The%20path%20stays%20open.},\n"
        "  note = {Keir Starmer (Prime Minister, United Kingdom), 15 March 2025: "
        "“The path stays open.”}\n"
        "}\n"
    )
    csl = json.loads(cli("cite", "starmer-nato-2025-03-15", "--kb", KB, "-s", "csl-json").stdout)
    assert (csl[0]["id"], csl[0]["URL"].endswith("#:~:text=The%20path%20stays%20open.")) == (
        "starmer-nato-2025-03-15",
        True,
    )


def test_cite_all_cites_every_source(cli) -> None:
    result = cli("cite", "--all", "--kb", KB)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("“Leaders speak on Ukraine.” The Paper")
    assert lines[1].startswith("[Report on Putin's remarks")
    assert cli("cite", "--kb", KB).exit_code == 2
    assert cli("cite", "--all", "paper-2025-03-18", "--kb", KB).exit_code == 2


def test_markdown_history_has_no_escaped_line_breaks(cli) -> None:
    result = cli("show", "ukraine", "--history", "--format", "markdown")
    assert "half shift" in result.stdout
    assert "\\<br\\>" not in result.stdout and "<br>half shift" in result.stdout
