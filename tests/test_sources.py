"""negotrack sources: every source, its grade and how many positions cite it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import tables
from tests.conftest import KBS
from tests.readkb import footer

KB = KBS / "quotes.yaml"
UNUSED = """  - id: archive
    title: An archive nobody cites
    publisher: Archive
    url: https://example.org/archive
    published: 2024
"""


@pytest.fixture
def with_unused(tmp_path: Path) -> Path:
    path = tmp_path / "kb.yaml"
    text = KB.read_text(encoding="utf-8")
    path.write_text(text.replace("positions:\n", UNUSED + "positions:\n"), encoding="utf-8")
    return path


def test_table(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("sources", "--kb", KB)
    assert result.exit_code == 0
    assert tables.read(result.stdout) == tables.Table(
        before="",
        headers=("Source", "Published", "Grade", "Positions"),
        rows=(
            ("paper A Paper “Paper”", "2025-03-18", "-", "3"),
            ("radio A Radio “Radio”", "2025-03-18", "-", "2"),
        ),
        after=f"2 sources. KB: {KB}",
    )


def test_json_lists_every_field_and_the_citation_count(cli, with_unused: Path) -> None:
    result = cli("sources", "--kb", with_unused, "--format", "json")
    assert json.loads(result.stdout) == [
        {
            "id": "archive",
            "title": "An archive nobody cites",
            "publisher": "Archive",
            "url": "https://example.org/archive",
            "published": "2024",
            "author": None,
            "reliability": None,
            "title_is_description": False,
            "note": None,
            "cited_by": 0,
        },
        {
            "id": "paper",
            "title": "Paper",
            "publisher": "A Paper",
            "url": "https://example.org/paper",
            "published": "2025-03-18",
            "author": None,
            "reliability": None,
            "title_is_description": False,
            "note": None,
            "cited_by": 3,
        },
        {
            "id": "radio",
            "title": "Radio",
            "publisher": "A Radio",
            "url": "https://example.org/radio",
            "published": "2025-03-18",
            "author": None,
            "reliability": None,
            "title_is_description": False,
            "note": None,
            "cited_by": 2,
        },
    ]


def test_unused(cli, with_unused: Path) -> None:
    result = cli("sources", "--unused", "--kb", with_unused, "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == (
        "id,title,publisher,url,published,author,reliability,note,cited_by\n"
        "archive,An archive nobody cites,Archive,https://example.org/archive,2024,,,,0\n"
    )
    assert cli("sources", "--unused", "--kb", KB).stdout == "Every source is cited.\n" + footer(KB)


def test_markdown(cli) -> None:
    result = cli("sources", "--kb", KB, "--format", "markdown")
    assert result.stdout == (
        "| Source | Publisher | Title | Published | Reliability | Positions |\n"
        "|---|---|---|---|---|---|\n"
        "| paper | A Paper | “Paper”<br><https://example.org/paper> | 2025-03-18 | not graded "
        "| 3 |\n"
        "| radio | A Radio | “Radio”<br><https://example.org/radio> | 2025-03-18 | not graded "
        "| 2 |\n"
        "\n"
        "2 sources.\n" + footer(KB, markdown=True)
    )


def test_kb_text_is_printed_as_written(cli) -> None:
    hostile = KBS / "hostile-text.yaml"
    table = cli("sources", "--kb", hostile).stdout
    assert "Pub [sic]\n" in table
    assert "“[bold]Title[/bold] | <b>html</b> :smile:”\n" in table
    assert "\x1b" not in table
    md = cli("sources", "--kb", hostile, "--format", "markdown").stdout
    assert "| Pub [sic] | “[bold]Title[/bold] \\| \\<b\\>html\\</b\\> :smile:”<br>" in md
