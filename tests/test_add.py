"""``negotrack add``: byte-preserving, validated, atomic, locked writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import negotrack
from negotrack import atomic
from tests.conftest import KBS, ROOT

TALKS = KBS / "talks.yaml"

#: A position given with names and aliases, as people type them.
OPTIONS = (
    "--actor", "Moscow",
    "--issue", "Territory",
    "--stance", "support",
    "--evidence", "paraphrase",
    "--summary", "Putin said the new regions are Russian.",
    "--source", "paper-2025-03-18",
    "--speaker", "Vladimir Putin",
    "--date", "2025-03-16",
)  # fmt: skip
#: What OPTIONS append to talks.yaml.
APPENDED = (
    "  - id: putin-territory-2025-03-16\n"
    "    actor: russia\n"
    "    issue: territory\n"
    "    stance: support\n"
    "    summary: Putin said the new regions are Russian.\n"
    "    source: paper-2025-03-18\n"
    "    evidence: paraphrase\n"
    "    speaker: putin\n"
    "    date: 2025-03-16\n"
)


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    path = tmp_path / "talks.yaml"
    shutil.copyfile(TALKS, path)
    return path


def options(**changes: str | None) -> list[str]:
    """OPTIONS with some values changed (None leaves the option out)."""
    pairs = dict(zip(OPTIONS[::2], OPTIONS[1::2], strict=True))
    for name, value in changes.items():
        pairs[f"--{name.replace('_', '-')}"] = value
    return [
        part for option, value in pairs.items() if value is not None for part in (option, value)
    ]


def files_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_appends_after_the_last_position_and_prints_the_id(cli, kb: Path) -> None:
    old = kb.read_bytes()
    result = cli("add", "--kb", kb, *OPTIONS)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "putin-territory-2025-03-16\n"
    assert result.stderr == ""
    assert kb.read_bytes() == old + APPENDED.encode()
    report = negotrack.check(kb)
    assert report.problems == []
    added = report.kb.position("putin-territory-2025-03-16")
    assert (added.actor, added.issue, added.speaker) == ("russia", "territory", "putin")
    assert files_in(kb.parent) == [".talks.yaml.lock", "talks.yaml"]


MIDDLE = """\
# The positions are not last in this file.
negotrack: 1
actors:
- id: russia
  name: Russia
issues:
- {id: territory, name: Territory, question: "Cede?"}
sources:
- id: paper
  title: 'A paper'   # single quotes, kept
  publisher: P
  url: https://e.org
  published: 2025-03
positions:
- id: one
  actor: russia
  issue: territory
  stance: support
  summary: "One."
  source: paper
  evidence: reported
  via: P
  # a comment inside the last position stays with it

# Events come last in this file.
events:
- id: e
  date: 2025-03-01
  title: E
  actors: [russia]
  source: paper
"""


def test_every_other_byte_is_kept_in_the_files_own_style(cli, tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text(MIDDLE, encoding="utf-8")
    result = cli(
        "add", "--kb", kb, *options(actor="russia", source="paper", speaker=None, date="2025-03")
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "russia-territory-2025-03\n"
    k = MIDDLE.index("\n\n# Events come last") + 1  # blank lines stay after the entry
    inserted = (
        "- id: russia-territory-2025-03\n"
        "  actor: russia\n"
        "  issue: territory\n"
        "  stance: support\n"
        "  summary: Putin said the new regions are Russian.\n"
        "  source: paper\n"
        "  evidence: paraphrase\n"
        "  date: 2025-03\n"
    )
    assert kb.read_text(encoding="utf-8") == MIDDLE[:k] + inserted + MIDDLE[k:]
    assert negotrack.check(kb).problems == []


def test_a_new_source_is_added_in_the_same_write(cli, kb: Path) -> None:
    old = kb.read_text(encoding="utf-8")
    result = cli(
        "add", "--kb", kb, *options(source="wire-2025-03-16"),
        "--source-title", "Putin: “no” to talks",
        "--source-publisher", "The Wire",
        "--source-url", "https://wire.example.org/1",
        "--source-published", "2025-03-16",
        "--source-reliability", "C",
        "--source-author", "J. Smith",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    k = old.index("    published: 2024\n") + len("    published: 2024\n")
    source = (
        "  - id: wire-2025-03-16\n"
        '    title: "Putin: “no” to talks"\n'
        "    publisher: The Wire\n"
        "    url: https://wire.example.org/1\n"
        "    published: 2025-03-16\n"
        "    author: J. Smith\n"
        "    reliability: C\n"
    )
    position = APPENDED.replace("paper-2025-03-18", "wire-2025-03-16")
    assert kb.read_text(encoding="utf-8") == old[:k] + source + old[k:] + position
    assert negotrack.check(kb).problems == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param(
            "positions:\n  - id: a\n    note: x",
            "positions:\n  - id: a\n    note: x\n  - id: b\n",
            id="no final newline",
        ),
        pytest.param(
            "positions:\r\n- id: a\r\n  note: x\r\n",
            "positions:\r\n- id: a\r\n  note: x\r\n- id: b\r\n",
            id="CRLF line ends",
        ),
        pytest.param(
            "positions:\n    -   id: a\n        note: |\n            two\n"
            "            lines\n\n# end\n",
            "positions:\n    -   id: a\n        note: |\n            two\n            lines\n\n"
            "    -   id: b\n# end\n",
            id="block scalar last",
        ),
        pytest.param(
            "negotrack: 1\nactors:\n- id: x\n  name: X\n",
            "negotrack: 1\nactors:\n- id: x\n  name: X\n\npositions:\n- id: b\n",
            id="no positions yet",
        ),
        pytest.param(
            "negotrack: 1\npositions:\n",
            "negotrack: 1\npositions:\n  - id: b\n",
            id="an empty positions key",
        ),
        pytest.param(
            "---\nnegotrack: 1\n...\n",
            "---\nnegotrack: 1\n\npositions:\n  - id: b\n...\n",
            id="explicit document end",
        ),
        pytest.param("", "positions:\n  - id: b\n", id="empty file"),
    ],
)
def test_where_the_entry_goes(old: str, new: str) -> None:
    from negotrack.curate.add import _Edit

    edit = _Edit(old.encode(), "kb.yaml")
    edit.append("positions", {"id": "b"})
    assert edit.raw() == new.encode()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{positions: []}\n", "kb.yaml: the file is written as a flow mapping ({...})"),
        ("positions: ~\n", "kb.yaml:1:12: 'positions:' is not a list; cannot append to it"),
        ("- a\n", "kb.yaml: the top level is not a mapping; cannot add to it"),
    ],
)
def test_what_cannot_be_appended_to(text: str, message: str) -> None:
    from negotrack.curate.add import _Edit
    from negotrack.curate.insertion import NotAppendable

    with pytest.raises(NotAppendable) as error:
        _Edit(text.encode(), "kb.yaml").append("positions", {"id": "b"})
    assert str(error.value).startswith(message)


def test_a_byte_order_mark_is_kept(cli, tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_bytes(b"\xef\xbb\xbf" + TALKS.read_bytes())
    assert cli("add", "--kb", kb, *OPTIONS).exit_code == 0
    assert kb.read_bytes() == b"\xef\xbb\xbf" + TALKS.read_bytes() + APPENDED.encode()


@pytest.mark.parametrize("text", ["positions: []\n", "positions: [ {id: a, name: b} ]\n"])
def test_a_flow_style_list_is_refused_not_rewritten(cli, tmp_path: Path, text: str) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text(TALKS.read_text(encoding="utf-8").split("positions:")[0] + text)
    old = kb.read_bytes()
    result = cli("add", "--kb", kb, *OPTIONS)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "flow" in result.stderr and result.stderr.count("\n") == 1
    assert kb.read_bytes() == old


def test_yaml_11_values_are_quoted_and_read_back_as_written(cli, kb: Path) -> None:
    result = cli(
        "add", "--kb", kb, *options(evidence="reported"),
        "--via", "no", "--note", "0123", "--condition", "1:20", "--condition", "on",
        "--tag", "yes", "--tag", "1.10", "--credibility", "2", "--firmness", "firm",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert kb.read_text(encoding="utf-8").endswith(
        "    date: 2025-03-16\n"
        "    firmness: firm\n"
        "    conditions:\n"
        '      - "1:20"\n'
        '      - "on"\n'
        '    via: "no"\n'
        "    credibility: 2\n"
        "    tags:\n"
        '      - "yes"\n'
        '      - "1.10"\n'
        '    note: "0123"\n'
    )
    added = negotrack.open_kb(kb).position("putin-territory-2025-03-16")
    assert (added.via, added.note, added.conditions, added.tags, added.credibility) == (
        "no",
        "0123",
        ["1:20", "on"],
        ["yes", "1.10"],
        2,
    )


def test_generated_ids_are_readable_and_unique(cli, kb: Path) -> None:
    ids = [cli("add", "--kb", kb, *OPTIONS).stdout for _ in range(3)]
    assert ids == [
        "putin-territory-2025-03-16\n",
        "putin-territory-2025-03-16-2\n",
        "putin-territory-2025-03-16-3\n",
    ]
    no_speaker = cli("add", "--kb", kb, *options(speaker=None))
    assert no_speaker.stdout == "russia-territory-2025-03-16\n"
    no_date = cli("add", "--kb", kb, *options(date=None, source="blog-2024-12"))
    assert no_date.stdout == "putin-territory-blog\n"
    given = cli("add", "--kb", kb, *OPTIONS, "--id", "my-own-id")
    assert given.stdout == "my-own-id\n"
    assert negotrack.check(kb).problems == []


def test_a_failed_validation_writes_nothing_and_names_the_options(cli, kb: Path) -> None:
    old = kb.read_bytes()
    result = cli(
        "add", "--kb", kb, *options(stance="no", date="2025-04-01"), "--credibility", "9"
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "--stance: error: 'no' is not one of support, oppose, conditional, ambiguous\n"
        "--credibility: error: must be from 1 to 6, got '9'\n"
        "negotrack: error: not added: invalid (2 errors)\n"
    )
    assert kb.read_bytes() == old
    assert files_in(kb.parent) == [".talks.yaml.lock", "talks.yaml"]


def test_cross_record_problems_name_the_option_too(cli, kb: Path) -> None:
    result = cli("add", "--kb", kb, *options(date="2025-04-01"), "--id", "sibiga-crimea-2025-03-17")
    assert result.exit_code == 1
    assert result.stderr == (
        f"--id: error: duplicate position id 'sibiga-crimea-2025-03-17' (first defined at "
        f"{kb}:82)\n"
        "--date: error: dated 2025-04-01, after its source 'paper-2025-03-18' was published "
        "(2025-03-18)\n"
        "negotrack: error: not added: invalid (2 errors)\n"
    )


def test_other_problems_point_at_the_file_as_it_is(cli, tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text(MIDDLE.replace("  actors: [russia]", "  actors: [rusia]"), encoding="utf-8")
    old = kb.read_bytes()
    result = cli("add", "--kb", kb, *options(actor="russia", source="paper", speaker=None))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{kb}:30:12: error: unknown actor 'rusia' — did you mean 'russia'? "
        "(unknown-reference)\n"
        "negotrack: error: not added: invalid (1 error)\n"
    )
    assert negotrack.check(kb).problems[0].line == 30
    assert kb.read_bytes() == old


def test_warnings_are_shown_but_do_not_block(cli, kb: Path) -> None:
    result = cli("add", "--kb", kb, *options(evidence="reported"))
    assert result.exit_code == 0
    assert result.stdout == "putin-territory-2025-03-16\n"
    assert result.stderr == (
        "--evidence: warning: evidence is 'reported' but 'via' does not say who reported it\n"
    )


def test_dry_run_shows_the_entry_and_the_verdict_and_writes_nothing(cli, kb: Path) -> None:
    old = kb.read_bytes()
    result = cli("add", "--kb", kb, *OPTIONS, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout == (
        f"# {kb}: appended to positions:\n" + APPENDED + "# dry run: valid; nothing written\n"
    )
    assert kb.read_bytes() == old
    assert files_in(kb.parent) == ["talks.yaml"]
    invalid = cli("add", "--kb", kb, *options(stance="maybe"), "--dry-run")
    assert invalid.exit_code == 1
    assert invalid.stdout.endswith("# dry run: invalid (1 error); nothing written\n")
    assert invalid.stderr == (
        "--stance: error: 'maybe' is not one of support, oppose, conditional, ambiguous\n"
    )


FROM = """\
# One position, as it would stand in a KB file.
actor: kremlin
issue: territory
stance: support
summary: Putin said the new regions are Russian.
source: paper-2025-03-18
evidence: paraphrase
speaker: putin
date: 2025-03-16
"""


def test_from_a_yaml_file(cli, kb: Path, tmp_path: Path) -> None:
    entry = tmp_path / "entry.yaml"
    entry.write_text(FROM, encoding="utf-8")
    old = kb.read_bytes()
    result = cli("add", "--kb", kb, "--from", entry)
    assert result.exit_code == 0, result.stderr
    assert kb.read_bytes() == old + APPENDED.encode()


def test_from_stdin_as_a_copied_list_item(cli, kb: Path) -> None:
    item = "- " + FROM.split("\n", 1)[1].replace("\n", "\n  ").rstrip() + "\n"
    result = cli("add", "--kb", kb, "--from", "-", input=item)
    assert result.exit_code == 0, result.stderr
    assert kb.read_text(encoding="utf-8").endswith(APPENDED)


def test_problems_in_a_from_file_name_the_file_and_the_field(cli, kb: Path) -> None:
    text = FROM.replace("stance: support", "stance: no\nstanse: support")
    result = cli("add", "--kb", kb, "--from", "-", input=text)
    assert result.exit_code == 1
    assert result.stderr == (
        "--from stdin: error: stance: 'no' is not one of support, oppose, conditional, ambiguous\n"
        "--from stdin: error: unknown field in position: 'stanse' (did you mean 'stance'?)\n"
        "negotrack: error: not added: invalid (2 errors)\n"
    )
    missing = cli(
        "add", "--kb", kb, "--from", "-", input=FROM.replace("evidence: paraphrase\n", "")
    )
    assert missing.exit_code == 1
    assert missing.stderr.startswith(
        "--from stdin: error: missing required field 'evidence' in position\n"
    )


def test_a_from_file_that_is_not_one_mapping(cli, kb: Path) -> None:
    result = cli("add", "--kb", kb, "--from", "-", input="- a\n- b\n")
    assert result.exit_code == 1
    assert result.stderr == (
        "negotrack: error: --from stdin: expected one position as a YAML mapping "
        "(id:, actor:, issue:, ...)\n"
    )
    broken = cli("add", "--kb", kb, "--from", "-", input="actor: [x\n")
    assert broken.exit_code == 1
    assert broken.stderr.startswith("negotrack: error: --from stdin:2:1: YAML syntax error")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            options(actor="rusia"),
            "unknown actor 'rusia' — did you mean 'russia'?\nvalid actor ids: russia, ukraine",
        ),
        (
            options(speaker="sibiga"),
            None,  # a person of another actor: a validation error, see below
        ),
        (
            options(summary=None, evidence=None),
            "missing options --summary, --evidence (required unless --from FILE gives the "
            "position)",
        ),
        (
            options(source="wire"),
            "unknown source 'wire'\nvalid source ids: paper-2025-03-18, blog-2024-12, "
            "yearbook-2024\nto add it as a new source, give --source-title, --source-publisher, "
            "--source-url and --source-published as well",
        ),
        (
            [*options(source="wire"), "--source-title", "T"],
            "a new source needs --source-title, --source-publisher, --source-url and "
            "--source-published (missing: --source-publisher, --source-url, --source-published)",
        ),
        (
            [*OPTIONS, "--source-title", "T"],
            "source 'paper-2025-03-18' already exists: the --source-* options describe a new "
            "source; leave them out to cite it, or choose a new id for --source",
        ),
        (
            ["--from", "-", "--actor", "russia", "--tag", "x"],
            "--from FILE gives the whole position; leave out --actor, --tag",
        ),
        (
            [*OPTIONS, "--file", "other.yaml"],
            "--file other.yaml: not a file of the knowledge base (its files: talks.yaml)",
        ),
    ],
)
def test_usage_mistakes_exit_2_and_write_nothing(
    cli, kb: Path, args: list[str], message: str | None
) -> None:
    old = kb.read_bytes()
    result = cli("add", "--kb", kb, *args)
    assert kb.read_bytes() == old
    assert result.stdout == ""
    if message is None:
        assert result.exit_code == 1
        assert result.stderr.startswith("--speaker: error: speaker 'sibiga' is a person of")
        return
    assert result.exit_code == 2
    assert result.stderr == f"negotrack: error: {message}\n"


def test_a_directory_kb_adds_to_the_file_with_most_positions(cli, tmp_path: Path) -> None:
    text = TALKS.read_text(encoding="utf-8")
    head, positions = text.split("positions:\n")
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "a-records.yaml").write_text(head, encoding="utf-8")
    (kb / "b-positions.yaml").write_text("positions:\n" + positions, encoding="utf-8")
    (kb / "c-empty.yaml").write_text("negotrack: 1\n", encoding="utf-8")
    assert cli("add", "--kb", kb, *OPTIONS).exit_code == 0
    assert (kb / "b-positions.yaml").read_text().endswith(APPENDED)
    result = cli("add", "--kb", kb, *OPTIONS, "--file", "c-empty.yaml")
    assert result.exit_code == 0, result.stderr
    assert (kb / "c-empty.yaml").read_text() == (
        "negotrack: 1\n\npositions:\n" + APPENDED.replace("2025-03-16\n", "2025-03-16-2\n", 1)
    )
    assert (kb / "a-records.yaml").read_text(encoding="utf-8") == head
    assert negotrack.check(kb).problems == []
    assert files_in(kb) == [  # one lock for the whole KB
        ".negotrack.lock",
        "a-records.yaml",
        "b-positions.yaml",
        "c-empty.yaml",
    ]


def test_the_file_keeps_its_permissions_and_a_link_stays_a_link(cli, tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    shutil.copyfile(TALKS, real)
    real.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert cli("add", "--kb", link, *OPTIONS).exit_code == 0
    assert link.is_symlink()
    assert real.read_bytes() == TALKS.read_bytes() + APPENDED.encode()
    assert real.stat().st_mode & 0o777 == 0o640


def test_an_interrupted_write_leaves_the_file_intact(
    cli, kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = kb.read_bytes()

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", crash)
    result = cli("add", "--kb", kb, *OPTIONS)
    assert result.exit_code == 1
    assert result.stderr == f"negotrack: error: cannot write {kb}: No space left on device\n"
    assert kb.read_bytes() == old
    assert files_in(kb.parent) == [".talks.yaml.lock", "talks.yaml"]


def test_text_that_would_not_read_back_as_given_is_never_written(
    cli, kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negotrack.curate import yamlemit

    monkeypatch.setattr(yamlemit, "plain_is_safe", lambda value: True)
    old = kb.read_bytes()
    result = cli("add", "--kb", kb, *options(summary="He said: yes."))
    assert result.exit_code == 1
    assert result.stderr == (
        f"negotrack: error: {kb}: cannot append here without changing how the existing text "
        "reads; add the entry by hand\n"
    )
    assert kb.read_bytes() == old


def test_an_unreadable_kb_file_is_reported_not_touched(cli, tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text("positions:\n  - id: a\n   bad: indent\n")
    old = kb.read_bytes()
    result = cli("add", "--kb", kb, *OPTIONS)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{kb}:3:")
    assert kb.read_bytes() == old


def test_the_bundled_kb_is_never_edited(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("add", *OPTIONS)
    assert result.exit_code == 2
    assert result.stderr == (
        "negotrack: error: no knowledge base to add to: give --kb PATH or set NEGOTRACK_KB "
        "(the knowledge base bundled with negotrack is never edited)\n"
    )


@pytest.mark.slow
def test_concurrent_adds_all_land(kb: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("NEGOTRACK_KB", None)
    command = [sys.executable, "-m", "negotrack", "add", "--kb", str(kb), *OPTIONS]
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
        for _ in range(20)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0] * 20, outputs[0][1]
    ids = sorted(out.decode().strip() for out, _ in outputs)
    expected = ["putin-territory-2025-03-16"] + [
        f"putin-territory-2025-03-16-{n}" for n in range(2, 21)
    ]
    assert ids == sorted(expected)
    report = negotrack.check(kb)
    assert report.problems == []
    assert len(report.kb.positions) == 4 + 20
    assert kb.read_bytes().startswith(TALKS.read_bytes())
    assert files_in(kb.parent) == [".talks.yaml.lock", "talks.yaml"]


def test_line_separators_are_written_as_escapes_and_blame_the_right_option(cli, kb: Path) -> None:
    quote = "Land\u2028  is land.\u2029"
    result = cli("add", "--kb", kb, *options(evidence="quote"), "--quote", quote, "--via", "")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "--via: error: must not be empty or only whitespace"
    result = cli("add", "--kb", kb, *options(evidence="quote"), "--quote", quote)
    assert result.exit_code == 0, result.stderr
    assert '    quote: "Land\\L  is land.\\P"\n' in kb.read_text(encoding="utf-8")
    assert negotrack.open_kb(kb).position(result.stdout.strip()).quote == quote


def test_a_raw_line_separator_in_a_from_file_is_placed_where_editors_show_it(
    cli, kb: Path, tmp_path: Path
) -> None:
    entry = tmp_path / "entry.yaml"
    entry.write_text("actor: russia\nissue: territory\nquote: a\u2028 b\n", encoding="utf-8")
    result = cli("add", "--kb", kb, "--from", entry)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"negotrack: error: --from {entry}:3:9: U+2028 (LINE SEPARATOR)"
    )


def test_a_file_inside_the_installed_package_is_never_edited(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negotrack.curate import add

    package = tmp_path / "site-packages" / "negotrack"
    (package / "bundled").mkdir(parents=True)
    bundled = package / "bundled" / "positions.yaml"
    shutil.copyfile(TALKS, bundled)
    monkeypatch.setattr(add, "package_dir", lambda: package)
    for extra in ((), ("--dry-run",)):
        result = cli("add", "--kb", bundled, *OPTIONS, *extra)
        assert result.exit_code == 2
        assert result.stderr == (
            f"negotrack: error: {bundled} is part of the installed negotrack package and is "
            "never edited; copy it elsewhere and add to the copy\n"
        )
    assert bundled.read_bytes() == TALKS.read_bytes()
    assert files_in(package / "bundled") == ["positions.yaml"]


def test_a_source_checkouts_bundled_link_to_its_data_may_be_edited(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negotrack.curate import add

    # As in an editable install: negotrack/bundled/positions.yaml -> ../../data/positions.yaml
    (tmp_path / "data").mkdir()
    shutil.copyfile(TALKS, tmp_path / "data" / "positions.yaml")
    (tmp_path / "negotrack" / "bundled").mkdir(parents=True)
    link = tmp_path / "negotrack" / "bundled" / "positions.yaml"
    link.symlink_to(Path("..") / ".." / "data" / "positions.yaml")
    monkeypatch.setattr(add, "package_dir", lambda: tmp_path / "negotrack")
    result = cli("add", "--kb", link, *OPTIONS)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert (tmp_path / "data" / "positions.yaml").read_bytes() == (
        TALKS.read_bytes() + APPENDED.encode()
    )


def test_the_real_package_is_refused_and_the_repository_kb_is_not() -> None:
    from negotrack.curate.add import package_dir

    assert package_dir() == Path(os.path.realpath(Path(negotrack.__file__).parent))
    assert not Path(os.path.realpath(ROOT / "data" / "positions.yaml")).is_relative_to(
        package_dir()
    )


def test_from_reads_only_a_regular_file(cli, kb: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "entry.fifo"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    for path in ("/dev/zero", fifo, tmp_path):
        result = cli("add", "--kb", kb, "--from", path)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"negotrack: error: not a regular file: --from {path}\n"
    assert kb.read_bytes() == TALKS.read_bytes()


def test_from_is_capped_like_a_kb_file(
    cli, kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negotrack.load import loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 1024)
    entry = tmp_path / "entry.yaml"
    entry.write_text("note: " + "x" * 1100 + "\n")
    message = "larger than 0 MiB, the most a knowledge base file may hold\n"
    result = cli("add", "--kb", kb, "--from", entry)
    assert (result.exit_code, result.stderr) == (
        2,
        f"negotrack: error: cannot read --from {entry}: {message}",
    )
    result = cli("add", "--kb", kb, "--from", "-", input="x" * 2000)
    assert (result.exit_code, result.stderr) == (
        2,
        f"negotrack: error: cannot read --from stdin: {message}",
    )
    result = cli("validate", "--kb", entry)
    assert (result.exit_code, result.stderr) == (
        2,
        f"negotrack: error: cannot read {entry}: {message}",
    )


def test_from_dev_zero_as_stdin_stops_at_the_cap() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("NEGOTRACK_KB", None)
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run(
            [sys.executable, "-m", "negotrack", "add", "--kb", str(TALKS), "--from", "-"],
            stdin=zero,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    assert result.returncode == 2
    assert result.stderr == (
        "negotrack: error: cannot read --from stdin: larger than 128 MiB, "
        "the most a knowledge base file may hold\n"
    )
