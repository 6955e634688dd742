"""``negotrack brief``: what was said in a period, and what was recorded since a revision."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import KBS
from tests.readkb import footer

BRIEF = KBS / "brief.yaml"


def brief(cli, *args: str) -> dict:
    result = cli("brief", "--kb", BRIEF, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def test_a_month_precision_position_is_in_a_brief_from_mid_month_marked(cli) -> None:
    out = brief(cli, "--since", "2025-02-15", "--until", "2025-02-28")
    assert [(p["id"], p["possibly_earlier"]) for p in out["positions"]] == [
        ("sara-land-2025-02", True)
    ]
    assert out["since"] == "2025-02-15" and out["until"] == "2025-02-28"
    assert out["shifts"] == [] and out["events"] == [] and out["mixed"] == []


def test_a_month_precision_position_is_not_in_a_brief_of_the_next_month(cli) -> None:
    assert ids(brief(cli, "--since", "2025-03-01", "--until", "2025-03-31")["positions"]) == [
        "nils-land-2025-03-12",
        "sara-truce-2025-03-10-yes",
        "sara-truce-2025-03-10-no",
    ]


def test_shift_red_line_lifted_mixed_and_events(cli) -> None:
    out = brief(cli, "--since", "2025-03")
    assert [(s["position"]["id"], s["previous"]["id"], s["shift"]) for s in out["shifts"]] == [
        ("nils-land-2025-03-12", "nils-land-2025-01-10", "half")
    ]
    assert out["red_lines"] == {"drawn": [], "lifted": out["red_lines"]["lifted"]}
    assert ids(out["red_lines"]["lifted"]) == ["nils-land-2025-03-12"]
    assert [(m["actor"], m["issue"], ids(m["positions"])) for m in out["mixed"]] == [
        ("south", "truce", ["sara-truce-2025-03-10-yes", "sara-truce-2025-03-10-no"])
    ]
    assert ids(out["events"]) == ["talks-2025-03-05"]
    assert out["documents"] == []


def test_a_red_line_drawn_in_the_period(cli) -> None:
    out = brief(cli, "--since", "2025-01", "--until", "2025-01-31")
    assert ids(out["red_lines"]["drawn"]) == ["nils-land-2025-01-10"]
    assert out["red_lines"]["lifted"] == []


def test_the_json_keys(cli) -> None:
    assert list(brief(cli, "--since", "2025-01")) == [
        "since",
        "until",
        "positions",
        "shifts",
        "red_lines",
        "mixed",
        "events",
        "documents",
        "zones",
        "kb",
    ]


def test_an_empty_period(cli) -> None:
    out = brief(cli, "--since", "2026-01")
    assert all(out[key] == [] for key in ("positions", "shifts", "mixed", "events", "documents"))
    assert out["red_lines"] == {"drawn": [], "lifted": []}
    markdown = cli("brief", "--kb", BRIEF, "--since", "2026-01").stdout
    assert markdown == (
        "## What changed, since 2026-01\n\nNothing changed in this period.\n"
        + footer(BRIEF, markdown=True)
    )


def test_markdown_cites_every_item(cli) -> None:
    text = cli("brief", "--kb", BRIEF, "--since", "2025-02-15", "--until", "2025-02-28").stdout
    assert text == (
        "## What changed, 2025-02-15 to 2025-02-28\n"
        "\n"
        "### New positions\n"
        "\n"
        "- Southland · Land: support (2025-02) — Sara said Northland must cede the hills. "
        "Sara Sol · paraphrase [1] (possibly earlier)\n"
        "\n"
        "possibly earlier: the statement is dated only to its month or year, which begins "
        "before the period; it may have been said before it.\n"
        "\n"
        "### References\n"
        "\n"
        "- **[1]** The Gazette, 2025-03-31, reliability B (usually reliable). "
        "“Northland rules out any cession”. <https://gazette.example/land>\n"
        + footer(BRIEF, markdown=True)
    )


def test_html_and_table_formats(cli) -> None:
    html = cli("brief", "--kb", BRIEF, "--since", "2025-03", "-f", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and "Shifts" in html and "<script" not in html
    table = cli("brief", "--kb", BRIEF, "--since", "2025-03", "-f", "table").stdout
    for heading in ("New positions", "Shifts", "Red lines lifted", "Became mixed", "Events"):
        assert heading in table


def test_since_or_since_rev_is_required(cli) -> None:
    result = cli("brief", "--kb", BRIEF)
    assert result.exit_code == 2
    assert "negotrack: error: give --since DATE" in result.stderr


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@needs_git
def test_since_rev_lists_what_was_recorded(cli, tmp_path: Path) -> None:
    kb = tmp_path / "positions.yaml"
    kb.write_bytes(BRIEF.read_bytes())
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "before")
    added = cli(
        "add",
        "--kb",
        kb,
        "--actor",
        "north",
        "--issue",
        "truce",
        "--stance",
        "support",
        "--summary",
        "Nils said a truce is welcome.",
        "--source",
        "gazette",
        "--evidence",
        "paraphrase",
        "--speaker",
        "nils",
        "--date",
        "2025-03-20",
    )
    assert added.exit_code == 0, added.output
    text = kb.read_text().replace("Sara said a truce could start next week.", "Sara said soon.")
    text = text.replace("  - id: sara-land-2025-02", "  - id: sara-land-2025-02-x", 1)
    kb.write_text(text)
    out = json.loads(cli("brief", "--kb", kb, "--since-rev", "HEAD", "-f", "json").stdout)
    assert out == {
        "since_rev": "HEAD",
        "recorded": {
            "added": ["sara-land-2025-02-x", "nils-truce-2025-03-20"],
            "changed": ["sara-truce-2025-03-10-yes"],
            "removed": ["sara-land-2025-02"],
        },
        "kb": str(kb),
    }


@needs_git
def test_since_rev_outside_a_repository_is_a_clear_error(cli, tmp_path: Path) -> None:
    kb = tmp_path / "positions.yaml"
    kb.write_bytes(BRIEF.read_bytes())
    result = cli("brief", "--kb", kb, "--since-rev", "HEAD")
    assert result.exit_code == 2
    assert "is not in a git repository" in result.stderr


@needs_git
def test_an_unknown_revision(cli, tmp_path: Path) -> None:
    kb = tmp_path / "positions.yaml"
    kb.write_bytes(BRIEF.read_bytes())
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "one")
    for revision in ("nosuchrev", "--output=/tmp/x"):
        result = cli("brief", "--kb", kb, "--since-rev", revision)
        assert result.exit_code == 2, revision


def test_a_zone_that_closes_in_the_period(cli) -> None:
    out = json.loads(
        cli("brief", "--kb", KBS / "scales.yaml", "--since", "2025-04", "-f", "json").stdout
    )
    assert out["zones"] == [
        {
            "issue": "valley",
            "before": {"zone": ["shared", "demilitarised"], "gap": 0},
            "after": {"zone": [], "gap": 1},
        }
    ]
    text = cli("brief", "--kb", KBS / "scales.yaml", "--since", "2025-04").stdout
    assert "- Valley: zone shared, demilitarised → no zone (gap of 1 step)\n" in text


def test_no_zone_change_when_nothing_moved(cli) -> None:
    out = json.loads(
        cli("brief", "--kb", KBS / "scales.yaml", "--since", "2026-01", "-f", "json").stdout
    )
    assert out["zones"] == []
