"""``negotrack plans``, ``plan`` and ``plans compare`` on tests/kbs/scales.yaml: the Midtown
plan and its revision (the valley changed, the truce the same, prisoners only in
the first, border monitors only in the second)."""

from __future__ import annotations

import json

import pytest

from tests import tables
from tests.conftest import KBS, ROOT

KB = KBS / "scales.yaml"
FILE = str(KB)
DAILY = {
    "id": "daily-2025-03",
    "title": "Talks resume",
    "publisher": "The Daily",
    "url": "https://daily.example/talks",
    "published": "2025-03",
    "author": None,
    "reliability": "B",
    "title_is_description": False,
    "note": None,
}
MIDTOWN = {
    "id": "midtown-plan",
    "title": "Midtown plan",
    "authors": ["west"],
    "date": "2025-03-20",
    "source": DAILY,
    "kind": "plan",
    "revises": None,
    "note": None,
    "provisions_count": 3,
    "file": FILE,
    "line": 168,
}


def provision(**fields) -> dict:
    return {
        "id": None,
        "number": None,
        "issue": None,
        "text": None,
        "summary": None,
        "option": None,
        "stance": None,
        **fields,
    }


TRUCE = provision(
    id="truce",
    number="1",
    issue="truce",
    summary="A truce from the day of signing.",
    stance="support",
)
VALLEY_A = provision(
    id="valley",
    number="2",
    issue="valley",
    text="The valley shall be demilitarised.",
    summary="Both armies leave the valley.",
    option="demilitarised",
)
VALLEY_B = provision(
    id="valley",
    number="2",
    issue="valley",
    summary="Southland leases the valley for 99 years.",
    option="lease",
    stance="support",
)
PRISONERS = provision(
    id="prisoners",
    number="3",
    issue="prisoners",
    summary="All prisoners are exchanged.",
    stance="support",
)
MONITORS = provision(
    id="monitors",
    number="3a",
    issue="monitors",
    summary="Foreign monitors patrol the new border.",
    stance="support",
)


def test_plans_json_lists_documents_oldest_first(cli) -> None:
    result = cli("plans", "--format", "json", "--kb", KB)
    assert result.exit_code == 0
    documents = json.loads(result.stdout)
    assert documents[0] == MIDTOWN
    assert [(d["id"], d["revises"], d["provisions_count"]) for d in documents] == [
        ("midtown-plan", None, 3),
        ("midtown-plan-2", "midtown-plan", 3),
    ]


def test_plans_csv_and_table(cli, monkeypatch) -> None:
    assert cli("plans", "-f", "csv", "--kb", KB).stdout == (
        "id,title,kind,date,authors,provisions,revises,source\n"
        "midtown-plan,Midtown plan,plan,2025-03-20,west,3,,daily-2025-03\n"
        'midtown-plan-2,"Midtown plan, revised",draft,2025-04-12,west; south,3,midtown-plan,'
        "weekly-2025-04-12\n"
    )
    monkeypatch.setenv("COLUMNS", "100")
    table = cli("plans", "--kb", KB).stdout
    assert "2025-04-12  midtown-plan-2" in table and "midtown-plan\n" in table
    assert "2 documents." in table


def test_plans_of_a_kb_without_documents(cli) -> None:
    result = cli("plans", "--kb", KBS / "read.yaml")
    assert result.stdout == f"No documents in this KB.\n\nKB: {KBS / 'read.yaml'}\n"
    assert cli("plans", "-f", "json", "--kb", KBS / "read.yaml").stdout == "[]\n"


def verdicts(provision: dict) -> list[tuple]:
    return [
        (v["actor"], v["verdict"], v["red_line"], [p["id"] for p in v["positions"]])
        for v in provision["verdicts"]
    ]


def test_plan_json_judges_each_provision_in_tree_order(cli) -> None:
    result = cli("plan", "midtown-plan", "--format", "json", "--kb", KB)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert list(document) == ["document", "as_of", "provisions", "sources", "kb"]
    expected = {k: v for k, v in MIDTOWN.items() if k != "provisions_count"}
    assert document["document"] == expected
    valley, truce, prisoners = document["provisions"]
    assert {k: v for k, v in valley.items() if k != "verdicts"} == VALLEY_A
    assert verdicts(valley) == [
        ("north", "acceptable", False, ["nils-valley-2025-03-01"]),
        ("south", "unacceptable", True, ["sara-valley-2025-04-10"]),
        ("west", "acceptable", False, ["west-valley-institute"]),
        ("east", "unknown", False, ["east-valley-low", "east-valley-high"]),
    ]
    assert {k: v for k, v in truce.items() if k != "verdicts"} == TRUCE
    assert verdicts(truce) == [
        ("north", "acceptable", False, ["nils-truce-2025-03-01"]),
        ("south", "unacceptable", False, ["sara-truce-2025-04-10"]),
    ]
    assert verdicts(prisoners) == []
    assert [s["id"] for s in document["sources"]] == [
        "daily-2025-03",
        "weekly-2025-04-12",
        "institute-2025-03-05",
    ]


def test_plan_as_of_march_before_the_red_line(cli) -> None:
    result = cli("plan", "Midtown plan", "--as-of", "2025-03-31", "-f", "json", "--kb", KB)
    valley = json.loads(result.stdout)["provisions"][0]
    assert [(v["actor"], v["verdict"]) for v in valley["verdicts"]] == [
        ("north", "acceptable"),
        ("south", "acceptable"),
        ("west", "acceptable"),
    ]


def test_plan_table_and_csv(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    table = cli("plan", "midtown-plan", "--kb", KB).stdout
    lines = table.splitlines()
    assert lines[:2] == ["Midtown plan (plan, 2025-03-20) [1]", "By Westland."]
    assert "Southland: unacceptable (RED LINE) [2]" in table
    assert "no actor has a position" in table
    assert table.index("2. Valley") < table.index("1. Truce") < table.index("3. Prisoner")
    rows = cli("plan", "midtown-plan", "-f", "csv", "--kb", KB).stdout.splitlines()
    assert rows[0] == (
        "document,provision,number,issue,option,stance,summary,text,actor,verdict,red_line,"
        "positions"
    )
    assert rows[2] == (
        "midtown-plan,valley,2,valley,demilitarised,,Both armies leave the valley.,"
        "The valley shall be demilitarised.,south,unacceptable,true,sara-valley-2025-04-10"
    )
    assert rows[-1] == (
        "midtown-plan,prisoners,3,prisoners,,support,All prisoners are exchanged.,,,,,"
    )


def test_plan_of_an_unknown_document_suggests_one(cli) -> None:
    result = cli("plan", "midtown-pln", "--kb", KB)
    assert result.exit_code == 2
    assert "unknown document 'midtown-pln'" in result.stderr
    assert "midtown-plan" in result.stderr


def test_compare_json_aligns_by_issue(cli) -> None:
    result = cli("plans", "compare", "midtown-plan", "midtown-plan-2", "-f", "json", "--kb", KB)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["a"] == MIDTOWN
    assert document["b"]["id"] == "midtown-plan-2"
    assert document["rows"] == [
        {"issue": "valley", "status": "changed", "a": [VALLEY_A], "b": [VALLEY_B]},
        {"issue": "truce", "status": "same", "a": [TRUCE], "b": [TRUCE]},
        {"issue": "prisoners", "status": "only-a", "a": [PRISONERS], "b": []},
        {"issue": "monitors", "status": "only-b", "a": [], "b": [MONITORS]},
    ]
    assert document["summary"] == {"same": 1, "changed": 1, "only-a": 1, "only-b": 1}


def test_compare_exit_code_only_when_asked_and_different(cli) -> None:
    args = ("plans", "compare", "midtown-plan", "midtown-plan-2", "--kb", KB)
    assert cli(*args).exit_code == 0
    assert cli(*args, "--exit-code").exit_code == 1
    same = ("plans", "compare", "midtown-plan", "midtown-plan", "--exit-code", "--kb", KB)
    result = cli(*same)
    assert result.exit_code == 0
    assert result.stdout.endswith(f"3 issues: 3 same.\n\nKB: {KB}\n")


def test_compare_table_csv_and_markdown(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    args = ("plans", "compare", "midtown-plan", "midtown-plan-2", "--kb", KB)
    table = cli(*args).stdout
    assert table.endswith(
        "4 issues: 1 same, 1 changed, 1 only in midtown-plan, 1 only in midtown-plan-2.\n"
        f"\nKB: {KB}\n"
    )
    assert cli(*args, "-f", "csv").stdout == (
        "issue,issue_name,status,a,b,a_answer,b_answer\n"
        "valley,Valley,changed,valley,valley,3 demilitarised,4 lease · support\n"
        "truce,Truce,same,truce,truce,support,support\n"
        "prisoners,Prisoner exchange,only-a,prisoners,,support,\n"
        "monitors,Border monitors,only-b,,monitors,,support\n"
    )
    markdown = cli(*args, "-f", "markdown").stdout.splitlines()
    assert markdown[4] == (
        "| Valley | **changed** | 2. Both armies leave the valley. [3 demilitarised] | "
        "2. Southland leases the valley for 99 years. [4 lease · support] |"
    )
    assert markdown[7] == (
        "| Border monitors | **only-b** | — | 3a. Foreign monitors patrol the new border. "
        "[support] |"
    )


def test_plans_of_the_bundled_kb_show_every_title_at_80_columns(cli, monkeypatch) -> None:
    """Long document ids never squeeze the title out: id, title and kind share a column,
    and the point count stays whole."""
    from negotrack import open_kb
    from tests import tables
    from tests.conftest import ROOT

    monkeypatch.setenv("COLUMNS", "80")
    kb_path = ROOT / "data" / "positions.yaml"
    result = cli("plans", "--kb", kb_path)
    assert result.exit_code == 0
    assert all(len(line) <= 80 for line in result.stdout.splitlines() if "https://" not in line)
    table = tables.read(result.stdout)
    assert table.headers == ("Date", "Document", "Authors", "Points")
    documents = open_kb(kb_path).documents
    assert len(table.rows) == len(documents)
    for (date, cell, _authors, points), document in zip(table.rows, documents, strict=True):
        assert date == str(document.date)
        assert cell.startswith(f"{document.id} {tables.words(document.title)} [")
        revises = f", revises {document.revises}" if document.revises else ""
        assert cell.endswith(f"] {document.kind}{revises}")
        assert points == str(len(document.provisions))


BUNDLED = ROOT / "data" / "positions.yaml"


def assert_readable(output: str, width: int, texts: list[str]) -> None:
    """No line is wider than ``width`` (but a reference's URL and the KB's path, which
    are never broken), and every word of ``texts`` that fits the width is on one line."""
    from rich.cells import cell_len

    lines = output.splitlines()
    wide = [
        line
        for line in lines
        if cell_len(line) > width and not line.lstrip().startswith(("https://", "KB: "))
    ]
    assert wide == []
    for word in {word for text in texts for word in text.split()}:
        if cell_len(word) <= width:
            assert any(word in line for line in lines), f"{word!r} broken at {width} columns"


def shown_texts(provisions: list[dict]) -> list[str]:
    """What a table or block shows of provisions: their words, numbers and answers."""
    fields = ("number", "summary", "text", "option", "stance")
    return [p[field] for p in provisions for field in fields if p[field]]


@pytest.mark.parametrize("width", [40, 60])
@pytest.mark.parametrize("kb_path", [BUNDLED, KB], ids=["bundled", "scales"])
def test_plans_never_break_an_id_at_narrow_widths(cli, monkeypatch, width, kb_path) -> None:
    """Where the table would cut a document's id in two, each document is shown as a
    block: date, id, title with its citation, kind, authors and points."""
    from negotrack import open_kb
    from negotrack.render.plans import authors_label

    monkeypatch.setenv("COLUMNS", str(width))
    result = cli("plans", "--kb", kb_path)
    assert result.exit_code == 0
    kb = open_kb(kb_path)
    texts = [t for d in kb.documents for t in (d.id, d.title, d.revises or "", str(d.date))]
    texts += [authors_label(kb, d) for d in kb.documents]
    assert_readable(result.stdout, width, texts)
    said = tables.words(result.stdout)
    drawn = tables.read(result.stdout).rows if tables.has_table(result.stdout) else None
    if kb_path == BUNDLED:  # ids of up to 30 characters: no table keeps them whole
        assert drawn is None
    for number, document in enumerate(kb.documents):
        start = f"{document.id} {tables.words(document.title)} ["
        revises = f", revises {document.revises}" if document.revises else ""
        end = f"] {document.kind}{revises}"
        authors = authors_label(kb, document)
        points = len(document.provisions)
        if drawn is None:
            assert f"{document.date} {start}" in said
            assert f"{end} Authors: {authors} Points: {points}" in said
        else:
            date, cell, shown_authors, shown_points = drawn[number]
            assert (date, shown_authors, shown_points) == (str(document.date), authors, str(points))
            assert cell.startswith(start) and cell.endswith(end)
    assert f"{len(kb.documents)} documents." in result.stdout


@pytest.mark.parametrize("width", [40, 60])
@pytest.mark.parametrize("kb_path", [BUNDLED, KB], ids=["bundled", "scales"])
def test_plan_never_breaks_a_word_at_narrow_widths(cli, monkeypatch, width, kb_path) -> None:
    """Every provision's words, option and every actor's verdict, each word whole."""
    from negotrack import open_kb

    monkeypatch.setenv("COLUMNS", str(width))
    for document in open_kb(kb_path).documents:
        result = cli("plan", document.id, "--kb", kb_path)
        assert result.exit_code == 0
        provisions = json.loads(cli("plan", document.id, "-f", "json", "--kb", kb_path).stdout)[
            "provisions"
        ]
        assert_readable(result.stdout, width, [document.title, *shown_texts(provisions)])
        said = [tables.words(result.stdout)] * len(provisions)
        if tables.has_table(result.stdout):  # the table keeps every word at this width
            said = [" ".join(row) for row in tables.read(result.stdout).rows]
        for provision, shown in zip(provisions, said, strict=True):
            assert tables.words(provision["summary"]) in shown
            for verdict in provision["verdicts"]:
                assert f": {verdict['verdict']}" in shown


@pytest.mark.parametrize("width", [40, 60])
def test_compare_never_breaks_a_word_at_narrow_widths(cli, monkeypatch, width) -> None:
    """Each document compared with the one it revises: both sides, each word whole."""
    from negotrack import open_kb

    monkeypatch.setenv("COLUMNS", str(width))
    pairs = [(d.revises, d.id) for d in open_kb(BUNDLED).documents if d.revises]
    pairs.append(("midtown-plan", "midtown-plan-2"))
    assert len(pairs) > 1
    for a, b in pairs:
        kb_path = KB if a.startswith("midtown") else BUNDLED
        args = ("plans", "compare", a, b, "--kb", kb_path)
        result = cli(*args)
        assert result.exit_code == 0
        document = json.loads(cli(*args, "-f", "json").stdout)
        sides = [p for row in document["rows"] for p in row["a"] + row["b"]]
        texts = [a, b, *shown_texts([{**p, "text": None} for p in sides])]
        assert_readable(result.stdout, width, texts)
        said = tables.words(result.stdout)
        if tables.has_table(result.stdout):  # the table keeps every word at this width
            said = " ".join(cell for row in tables.read(result.stdout).rows for cell in row)
        for p in sides:
            assert tables.words(p["summary"]) in said
