"""verify-quotes: quotes checked word for word against archived source texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import KBS

KB = KBS / "quotes.yaml"
ARTICLE = (
    "Foreign Minister Andrii Sibiga spoke on RBC: “There are fundamental things that are\n"
    "non-negotiable, that cannot be touched. Ukraine will never recognize the occupied "
    "territories [as part of Russia].” Later: “It’s ‘non-negotiable’, he said”.\n"
)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "paper.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_mismatches_are_located_with_the_closest_passage(cli, archive: Path) -> None:
    result = cli("verify-quotes", "--archive", archive, "--kb", KB)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{KB}:46:12: error: quote not found in paper (quote-archive)\n"
        "    closest passage: “There are fundamental things that are non-negotiable,\n"
        f"skipped: 1 quote from 'radio': no radio.txt in {archive}\n"
        "3 quotes checked: 2 found, 1 not found; 1 source skipped\n"
    )


def test_all_found(cli, archive: Path, tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    text = KB.read_text(encoding="utf-8").replace("basic things", "fundamental things")
    kb.write_text(text, encoding="utf-8")
    (archive / "radio.txt").write_text("He said: “Never.”", encoding="utf-8")
    result = cli("verify-quotes", "--archive", archive, "--kb", kb)
    assert result.exit_code == 0
    assert result.stdout == "4 quotes checked: 4 found, 0 not found; 0 sources skipped\n"


def test_json(cli, archive: Path) -> None:
    result = cli("verify-quotes", "--archive", archive, "--kb", KB, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "ok": False,
        "checked": 3,
        "found": 2,
        "mismatches": [
            {
                "file": str(KB),
                "line": 46,
                "column": 12,
                "level": "error",
                "rule": "quote-archive",
                "message": "quote not found in paper",
                "closest": "“There are fundamental things that are\nnon-negotiable,",
            }
        ],
        "skipped": [{"source": "radio", "quotes": 1}],
    }


def test_a_missing_archive_folder_is_a_usage_error(cli, tmp_path: Path) -> None:
    result = cli("verify-quotes", "--archive", tmp_path / "nowhere", "--kb", KB)
    assert result.exit_code == 2
    assert result.stderr == f"negotrack: error: archive folder not found: {tmp_path / 'nowhere'}\n"


def test_an_invalid_kb_is_refused(cli, archive: Path) -> None:
    bad = KBS.parent / "bad_inputs" / "quote-missing.yaml"
    result = cli("verify-quotes", "--archive", archive, "--kb", bad)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "error: evidence is 'quote' but the position has no quote" in result.stderr


def test_an_archive_that_is_a_file_is_named_as_such(cli) -> None:
    result = cli("verify-quotes", "--archive", KB, "--kb", KB)
    assert result.exit_code == 2
    assert result.stderr == (
        f"negotrack: error: not a folder: {KB} (--archive names a folder of <source-id>.txt)\n"
    )


def test_the_closest_passage_of_a_long_quote_is_where_its_words_are() -> None:
    from negotrack.checks.quotes import _Text

    filler = " ".join(f"word{i}" for i in range(2000))
    passage = " ".join(f"said{i}" for i in range(600))
    text = _Text(f"{filler} {passage} {filler}")
    quote = passage.replace("said300 ", "sad300 ")  # longer than is refined word by word
    assert text.closest(quote) == passage
    assert text.closest("said5 said6 sad7 said8") == "said5 said6 said7 said8"
