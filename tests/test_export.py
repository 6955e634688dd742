"""``negotrack export``: each format read back, SQLite queried, outputs never clobbered."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
from pathlib import Path

import pytest

from negotrack import atomic
from tests.conftest import KBS, ROOT

TALKS = KBS / "talks.yaml"
README = (ROOT / "README.md").read_text(encoding="utf-8")

PUTIN = {
    "id": "putin-territory-2025-03-14",
    "actor": "russia",
    "issue": "territory",
    "stance": "support",
    "summary": "Putin said the occupied regions are part of Russia.",
    "source": "paper-2025-03-18",
    "evidence": "quote",
    "quote": "These regions are ours [sic].",
    "speaker": "putin",
    "date": "2025-03-14",
    "firmness": "red-line",
    "conditions": [],
    "via": None,
    "credibility": None,
    "tags": ["maximalist"],
    "note": None,
    "acceptable": None,
    "ideal": None,
    "as_reported": False,
    "quote_url": "https://example.org/talks_(2025)?a=1&b=2#:~:text=These%20regions%20are%20ours%20%5Bsic%5D.",
    "file": str(TALKS),
    "line": 69,
    "actor_name": "Russia",
    "issue_name": "Territory",
    "speaker_name": "Vladimir Putin",
}
PAPER = {
    "id": "paper-2025-03-18",
    "title": "Talks & taxes: 100% of the #1 issue_{x}",
    "publisher": "The Paper",
    "url": "https://example.org/talks_(2025)?a=1&b=2",
    "published": "2025-03-18",
    "author": "Jane Doe",
    "reliability": "B",
    "title_is_description": False,
    "note": None,
}
BLOG = {
    "id": "blog-2024-12",
    "title": "[No headline] Crimea *first*",
    "publisher": "A Blog",
    "url": "https://blog.example.org/post",
    "published": "2024-12",
    "author": None,
    "reliability": "D",
    "title_is_description": False,
    "note": "Undated page.",
}


def export(cli, *args: str):
    return cli("export", "--kb", TALKS, *args)


def test_json_is_the_whole_kb_normalised(cli) -> None:
    result = export(cli, "--format", "json", "--output", "-")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert list(document) == [
        "negotrack",
        "actors",
        "people",
        "issues",
        "sources",
        "events",
        "positions",
        "documents",
    ]
    assert document["negotrack"] == 1
    assert document["actors"] == [
        {"id": "russia", "name": "Russia", "aliases": ["moscow", "kremlin"], "description": None},
        {
            "id": "ukraine",
            "name": "Ukraine",
            "aliases": ["kyiv"],
            "description": "The Ukrainian state.",
        },
    ]
    assert document["people"][2] == {
        "id": "adviser",
        "name": "An Adviser",
        "actor": "ukraine",
        "role": None,
        "aliases": [],
        "official": False,
        "terms": [],
        "actor_name": "Ukraine",
    }
    assert document["issues"][1] == {
        "id": "crimea",
        "name": "Crimea",
        "question": "Should Ukraine cede Crimea to Russia in a settlement?",
        "parent": "territory",
        "aliases": [],
        "description": None,
        "scale": [],
        "parent_name": "Territory",
    }
    assert document["sources"][:2] == [{**PAPER, "cited_by": 2}, {**BLOG, "cited_by": 1}]
    assert document["sources"][2]["published"] == "2024"
    assert document["events"] == [
        {
            "id": "talks-2025-03-11",
            "date": "2025-03-11",
            "title": "Talks in Jeddah",
            "actors": ["russia", "ukraine"],
            "source": "paper-2025-03-18",
            "note": None,
        }
    ]
    assert document["positions"][0] == PUTIN
    blog = document["positions"][2]
    assert (blog["date"], blog["as_reported"], blog["speaker_name"]) == ("2024-12", True, None)
    assert blog["conditions"] == ["Sanctions lifted", "No NATO troops in Ukraine"]
    assert blog["credibility"] == 3


def test_jsonl_is_one_position_a_line_with_its_source(cli) -> None:
    result = export(cli, "--format", "jsonl", "--output", "-")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    records = [json.loads(line) for line in lines]
    assert records[0] == {**PUTIN, "source": PAPER}
    assert [r["id"] for r in records] == [
        "putin-territory-2025-03-14",
        "sibiga-crimea-2025-03-17",
        "russia-territory-blog",
        "ukraine-territory-2024",
    ]
    assert records[2]["source"] == BLOG


def test_csv_is_one_row_a_position_with_names_and_source(cli) -> None:
    result = export(cli, "--format", "csv", "--output", "-")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 4
    assert rows[2] == {
        "id": "russia-territory-blog",
        "actor": "russia",
        "issue": "territory",
        "stance": "conditional",
        "summary": (
            "Moscow would stop at the current line, keeping Crimea, if the West lifted sanctions."
        ),
        "source": "blog-2024-12",
        "evidence": "reported",
        "quote": "",
        "speaker": "",
        "date": "2024-12",
        "as_reported": "true",
        "firmness": "",
        "conditions": "Sanctions lifted; No NATO troops in Ukraine",
        "via": "The blog, citing unnamed officials",
        "credibility": "3",
        "tags": "",
        "note": "",
        "source_title": "[No headline] Crimea *first*",
        "source_publisher": "A Blog",
        "source_url": "https://blog.example.org/post",
        "source_published": "2024-12",
        "source_author": "",
        "source_reliability": "D",
        "source_note": "Undated page.",
        "file": str(TALKS),
        "line": rows[2]["line"],
        "actor_name": "Russia",
        "issue_name": "Territory",
        "speaker_name": "",
        "acceptable_low": "",
        "acceptable_high": "",
        "ideal": "",
    }
    assert rows[0]["speaker_name"] == "Vladimir Putin"
    assert rows[3]["tags"] == "analysis; yearbook"
    assert result.stdout.splitlines()[0] == (
        "id,actor,issue,stance,summary,source,evidence,quote,speaker,date,as_reported,"
        "firmness,conditions,via,credibility,tags,note,source_title,source_publisher,"
        "source_url,source_published,source_author,source_reliability,source_note,file,line,"
        "actor_name,issue_name,speaker_name,acceptable_low,acceptable_high,ideal"
    )
    # The same columns as the read commands' CSV (less filter's counts and not_counted,
    # which depend on the options of a read), then the names and the range.
    filtered = [
        line.rsplit(",", 2)[0]
        for line in cli("filter", "--format", "csv", "--kb", TALKS).stdout.splitlines()
    ]
    exported = [line.rsplit(",", 6)[0] for line in result.stdout.splitlines()[1:]]
    assert sorted(exported) == sorted(filtered[1:])


@pytest.mark.parametrize("format", ["json", "jsonl", "csv"])
def test_a_file_has_what_stdout_has(cli, tmp_path: Path, format: str) -> None:
    path = tmp_path / f"kb.{format}"
    result = export(cli, "--format", format, "--output", path)
    assert result.exit_code == 0
    assert result.stdout == ""
    expected = export(cli, "--format", format, "--output", "-").stdout
    assert path.read_text(encoding="utf-8") == expected


@pytest.fixture
def database(cli, tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "talks.db"
    result = export(cli, "--format", "sqlite", "--output", path)
    assert result.exit_code == 0, result.stderr
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def test_sqlite_has_every_table_and_no_dangling_key(database: sqlite3.Connection) -> None:
    tables = {
        name
        for (name,) in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith("positions_fts_")
    }
    assert tables == {
        "actors",
        "people",
        "issues",
        "sources",
        "events",
        "positions",
        "aliases",
        "event_actors",
        "conditions",
        "tags",
        "terms",
        "positions_fts",
        "scale_options",
        "documents",
        "document_authors",
        "provisions",
    }
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    keys = {
        (table, row[2], row[3], row[4])
        for table in (
            "people",
            "issues",
            "events",
            "positions",
            "aliases",
            "conditions",
            "tags",
            "scale_options",
            "documents",
            "document_authors",
            "provisions",
        )
        for row in database.execute(f"PRAGMA foreign_key_list({table})")
    }
    assert keys == {
        ("people", "actors", "actor", "id"),
        ("issues", "issues", "parent", "id"),
        ("events", "sources", "source", "id"),
        ("positions", "actors", "actor", "id"),
        ("positions", "issues", "issue", "id"),
        ("positions", "sources", "source", "id"),
        ("positions", "people", "speaker", "id"),
        ("aliases", "actors", "actor", "id"),
        ("aliases", "people", "person", "id"),
        ("aliases", "issues", "issue", "id"),
        ("conditions", "positions", "position", "id"),
        ("tags", "positions", "position", "id"),
        ("scale_options", "issues", "issue", "id"),
        ("documents", "sources", "source", "id"),
        ("documents", "documents", "revises", "id"),
        ("document_authors", "documents", "document", "id"),
        ("document_authors", "actors", "actor", "id"),
        ("provisions", "documents", "document", "id"),
        ("provisions", "issues", "issue", "id"),
    }


def test_sqlite_indexes_the_columns_people_filter_by(database: sqlite3.Connection) -> None:
    indexed = {row[1] for row in database.execute("PRAGMA index_list(positions)")}
    columns = {
        database.execute(f"PRAGMA index_info({name})").fetchone()[2]
        for name in indexed
        if not name.startswith("sqlite_autoindex")
    }
    assert columns == {"actor", "issue", "stance", "date_start", "source", "speaker"}


def test_sqlite_rows_keep_dates_with_their_precision(database: sqlite3.Connection) -> None:
    rows = database.execute(
        "SELECT id, date, date_start, date_end, as_reported FROM positions ORDER BY date_start"
    ).fetchall()
    assert rows == [
        ("ukraine-territory-2024", "2024", "2024-01-01", "2024-12-31", 0),
        ("russia-territory-blog", "2024-12", "2024-12-01", "2024-12-31", 1),
        ("putin-territory-2025-03-14", "2025-03-14", "2025-03-14", "2025-03-14", 0),
        ("sibiga-crimea-2025-03-17", "2025-03-17", "2025-03-17", "2025-03-17", 0),
    ]
    assert database.execute("SELECT * FROM sources WHERE id = 'blog-2024-12'").fetchone() == (
        "blog-2024-12",
        "[No headline] Crimea *first*",
        "A Blog",
        "https://blog.example.org/post",
        "2024-12",
        "2024-12-01",
        "2024-12-31",
        None,
        "D",
        0,
        "Undated page.",
    )
    assert database.execute("SELECT * FROM aliases ORDER BY kind, alias").fetchall() == [
        ("actor", "kremlin", "russia", None, None),
        ("actor", "kyiv", "ukraine", None, None),
        ("actor", "moscow", "russia", None, None),
        ("person", "vladimir-putin", None, "putin", None),
    ]
    assert database.execute("SELECT * FROM conditions").fetchall() == [
        ("russia-territory-blog", 1, "Sanctions lifted"),
        ("russia-territory-blog", 2, "No NATO troops in Ukraine"),
    ]
    assert database.execute("SELECT * FROM tags ORDER BY tag").fetchall() == [
        ("ukraine-territory-2024", "analysis"),
        ("putin-territory-2025-03-14", "maximalist"),
        ("ukraine-territory-2024", "yearbook"),
    ]
    assert database.execute("SELECT * FROM event_actors").fetchall() == [
        ("talks-2025-03-11", "russia"),
        ("talks-2025-03-11", "ukraine"),
    ]
    assert database.execute("SELECT id, official FROM people").fetchall() == [
        ("putin", 1),
        ("sibiga", 1),
        ("adviser", 0),
    ]


def test_sqlite_full_text_search_over_summaries_and_quotes(database: sqlite3.Connection) -> None:
    def search(terms: str) -> list[str]:
        return [
            id
            for (id,) in database.execute(
                "SELECT p.id FROM positions_fts "
                "JOIN positions AS p ON p.rowid = positions_fts.rowid "
                "WHERE positions_fts MATCH ? ORDER BY p.id",
                (terms,),
            )
        ]

    assert search("crimea") == ["russia-territory-blog", "sibiga-crimea-2025-03-17"]
    assert search("sic") == ["putin-territory-2025-03-14"]  # in the quote only
    assert search("quote") == []  # column names are not content
    (sql,) = database.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'positions_fts'"
    ).fetchone()
    assert 'content="positions"' in sql  # how Datasette finds the index of a table


def readme_queries() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", README, re.S)


def test_the_readme_documents_three_queries() -> None:
    assert len(readme_queries()) == 3


def test_the_readme_queries_answer_as_documented(database: sqlite3.Connection) -> None:
    latest, crimea, red_lines = (database.execute(q).fetchall() for q in readme_queries())
    assert latest == [
        ("Russia", "support", "2025-03-14", "Putin said the occupied regions are part of Russia."),
        ("Ukraine", "oppose", "2024", "Ukraine refused to cede any territory."),
    ]
    assert crimea == [
        (
            "2024-12",
            "Russia",
            "Moscow would stop at the current line, keeping Crimea, if the West lifted sanctions.",
        ),
        ("2025-03-17", "Ukraine", "Sibiga said Ukraine will never recognise Crimea as Russian."),
    ]
    assert red_lines == [
        (
            "2025-03-14",
            "Russia",
            "Territory",
            "Vladimir Putin",
            "These regions are ours [sic].",
            "The Paper",
        ),
        (
            "2025-03-17",
            "Ukraine",
            "Crimea",
            "Andrii Sibiga",
            "Ukraine will never recognize Crimea [as part of Russia].",
            "The Paper",
        ),
    ]


def test_the_readme_queries_run_on_the_bundled_kb(cli, tmp_path: Path) -> None:
    path = tmp_path / "bundled.db"
    assert cli("export", "--kb", ROOT / "data", "--format", "sqlite", "-o", path).exit_code == 0
    with sqlite3.connect(path) as connection:
        answers = [connection.execute(q).fetchall() for q in readme_queries()]
    assert all(answers)
    assert {row[0] for row in answers[0]} == {
        "European Union",
        "Russia",
        "Ukraine",
        "United States",
    }


def test_an_existing_output_is_kept_without_force(cli, tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text("mine\n")
    result = export(cli, "--format", "json", "--output", path)
    assert result.exit_code == 1
    assert result.stderr == f"negotrack: error: {path} already exists; use --force to replace it\n"
    assert path.read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_force_replaces_and_keeps_the_permissions(cli, tmp_path: Path) -> None:
    path = tmp_path / "out.db"
    path.write_text("old")
    path.chmod(0o640)
    result = export(cli, "--format", "sqlite", "--output", path, "--force")
    assert result.exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o640
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM positions").fetchone() == (4,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.db"]


def test_sqlite_cannot_go_to_stdout(cli) -> None:
    for output in (("--output", "-"), ()):
        result = export(cli, "--format", "sqlite", *output)
        assert result.exit_code == 2
        assert result.stderr == (
            "negotrack: error: a SQLite database cannot be written to stdout; "
            "name a file with --output FILE\n"
        )


def test_without_output_json_jsonl_and_csv_go_to_stdout(cli) -> None:
    for format in ("json", "jsonl", "csv"):
        piped = export(cli, "--format", format)
        assert piped.exit_code == 0
        assert piped.stdout == export(cli, "--format", format, "--output", "-").stdout
        assert piped.stdout


def test_an_output_in_a_missing_folder_is_a_one_line_error(cli, tmp_path: Path) -> None:
    path = tmp_path / "nope" / "out.csv"
    result = export(cli, "--format", "csv", "--output", path)
    assert result.exit_code == 1
    assert result.stderr == f"negotrack: error: cannot write {path}: No such file or directory\n"


def test_an_invalid_kb_is_not_exported(cli, tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    result = cli("export", "--kb", ROOT / "tests" / "bad_inputs" / "duplicate-id.yaml", "-o", path)
    assert result.exit_code == 1
    assert not path.exists()


def test_a_failed_export_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import negotrack
    from negotrack.render.export import export as write

    path = tmp_path / "out.csv"
    path.write_text("old\n")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(atomic.WriteFailed) as error:
        write(negotrack.open_kb(TALKS), "csv", str(path), force=True)
    assert str(error.value) == f"cannot write {path}: No space left on device"
    assert path.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["out.csv"]


@pytest.mark.parametrize("force", [(), ("--force",)], ids=["kept", "force"])
def test_only_a_regular_file_is_ever_replaced(cli, tmp_path: Path, force: tuple[str]) -> None:
    target = tmp_path / "target.csv"
    target.write_text("mine\n")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    for path, kind in (
        (fifo, "a named pipe"),
        (link, "a symbolic link"),
        ("/dev/null", "a device"),
    ):
        result = export(cli, "--format", "csv", "--output", path, *force)
        assert result.exit_code == 2
        assert result.stderr == (
            f"negotrack: error: {path} is {kind}, not a regular file; negotrack writes only "
            "regular files (name a new file, or '-' for standard output)\n"
        )
    assert fifo.is_fifo() and link.is_symlink() and Path("/dev/null").is_char_device()
    assert target.read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "pipe", "target.csv"]


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("", "the output file name is empty; name a file, or '-' for standard output"),
        ("/", "/ names a directory; name a file to write"),
        (".", ". names a directory; name a file to write"),
        ("new/", "new/ names a directory; name a file to write"),
    ],
)
def test_an_empty_or_directory_output_is_a_usage_error(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = export(cli, "--format", "json", "--output", output, "--force")
    assert (result.exit_code, result.stderr) == (2, f"negotrack: error: {message}\n")
    assert os.listdir(tmp_path) == []


def test_a_path_that_turns_into_a_pipe_before_the_rename_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import negotrack
    from negotrack.render.export import export as write

    path = tmp_path / "out.csv"
    real_chmod = atomic.os.chmod

    def swap(target: object, mode: int) -> None:  # someone makes a pipe of the name meanwhile
        real_chmod(target, mode)
        path.unlink()
        os.mkfifo(path)

    path.write_text("old\n")
    monkeypatch.setattr(atomic.os, "chmod", swap)
    with pytest.raises(atomic.NotRegularFile):
        write(negotrack.open_kb(TALKS), "csv", str(path), force=True)
    assert path.is_fifo()
    assert os.listdir(tmp_path) == ["out.csv"]


SCALES = KBS / "scales.yaml"


def test_export_of_scales_and_documents(cli, tmp_path: Path) -> None:
    result = cli("export", "-f", "json", "-o", "-", "--kb", SCALES)
    document = json.loads(result.stdout)
    assert [o["id"] for o in document["issues"][0]["scale"]] == [
        "north-keeps",
        "shared",
        "demilitarised",
        "lease",
        "south-annexes",
    ]
    north = document["positions"][0]
    assert (north["acceptable"], north["ideal"]) == (
        ["north-keeps", "demilitarised"],
        "north-keeps",
    )
    assert [d["id"] for d in document["documents"]] == ["midtown-plan", "midtown-plan-2"]
    assert document["documents"][1]["provisions"][2] == {
        "id": "monitors",
        "number": "3a",
        "issue": "monitors",
        "text": None,
        "summary": "Foreign monitors patrol the new border.",
        "option": None,
        "stance": "support",
    }
    rows = list(
        csv.DictReader(io.StringIO(cli("export", "-f", "csv", "-o", "-", "--kb", SCALES).stdout))
    )
    assert (rows[0]["acceptable_low"], rows[0]["acceptable_high"], rows[0]["ideal"]) == (
        "north-keeps",
        "demilitarised",
        "north-keeps",
    )
    assert (rows[1]["acceptable_low"], rows[1]["ideal"]) == ("", "")


def test_export_provisions_as_csv_and_jsonl(cli) -> None:
    result = cli("export", "-f", "csv", "--records", "provisions", "-o", "-", "--kb", SCALES)
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "document,document_title,document_kind,document_date,document_authors,"
        "document_revises,document_source,id,number,issue,issue_name,text,summary,option,"
        "option_label,stance"
    )
    assert lines[5] == (
        'midtown-plan-2,"Midtown plan, revised",draft,2025-04-12,west; south,midtown-plan,'
        "weekly-2025-04-12,valley,2,valley,Valley,,Southland leases the valley for 99 years.,"
        "lease,Leased to Southland,support"
    )
    result = cli("export", "-f", "jsonl", "--records", "provisions", "-o", "-", "--kb", SCALES)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 6
    assert records[1]["document"]["id"] == "midtown-plan"
    assert "provisions" not in records[1]["document"]
    assert (records[1]["id"], records[1]["option_label"]) == ("valley", "Demilitarised zone")
    refused = cli("export", "-f", "json", "--records", "provisions", "-o", "-", "--kb", SCALES)
    assert refused.exit_code == 2


def test_sqlite_holds_documents_provisions_and_scales(cli, tmp_path: Path) -> None:
    path = tmp_path / "scales.db"
    assert cli("export", "-f", "sqlite", "-o", path, "--kb", SCALES).exit_code == 0
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute(
            "SELECT seq, id FROM scale_options WHERE issue = 'valley' ORDER BY seq"
        ).fetchall() == [
            (1, "north-keeps"),
            (2, "shared"),
            (3, "demilitarised"),
            (4, "lease"),
            (5, "south-annexes"),
        ]
        assert connection.execute(
            "SELECT id, revises, date_start FROM documents ORDER BY id"
        ).fetchall() == [
            ("midtown-plan", None, "2025-03-20"),
            ("midtown-plan-2", "midtown-plan", "2025-04-12"),
        ]
        assert connection.execute(
            "SELECT document, id, number, option, stance FROM provisions WHERE issue = 'valley'"
            " ORDER BY document"
        ).fetchall() == [
            ("midtown-plan", "valley", "2", "demilitarised", None),
            ("midtown-plan-2", "valley", "2", "lease", "support"),
        ]
        assert connection.execute(
            "SELECT acceptable_low, acceptable_high, ideal FROM positions"
            " WHERE id = 'sara-valley-2025-04-10'"
        ).fetchone() == ("lease", "south-annexes", "south-annexes")
        assert connection.execute("SELECT * FROM document_authors ORDER BY 1, 2").fetchall() == [
            ("midtown-plan", "west"),
            ("midtown-plan-2", "south"),
            ("midtown-plan-2", "west"),
        ]
    finally:
        connection.close()
