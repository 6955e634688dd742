"""Writing entries as YAML: every value reads back as the same string, in any reader."""

from __future__ import annotations

import pytest
import yaml

from negotrack.curate import yamlemit
from negotrack.curate.yamlemit import Style
from negotrack.load.yamltree import parse

RETYPED = [
    "no", "No", "NO", "yes", "on", "off", "true", "False", "y", "n", "Y", "N",
    "~", "null", "Null", "NULL",
    "0123", "123", "-1", "+1", "1_000", "0x1F", "0o17", "0b101", "1:20", "190:20:30",
    "1.10", "1e3", "1.5e-3", ".5", ".inf", "-.Inf", ".nan",
    "2025-03-16", "2025-03-16 12:30:00", "<<", "=",
]  # fmt: skip
NEEDS_QUOTES = [
    "[sic] at the start",
    "{not a map}",
    "- not a list",
    "? not a key",
    ": colon first",
    "He said: yes",
    "ends with a colon:",
    "text # not a comment",
    "#hashtag",
    "&anchor",
    "*alias",
    "!tag",
    "|literal",
    ">folded",
    "'single'",
    '"double"',
    "%directive",
    "@at",
    "`tick",
    " leading space",
    "trailing space ",
    "two\nlines",
    "tab\there",
    'back\\slash and "quotes" inside a quoted one: yes',
    "escape \x1b[31m red",
    "bell \x07 and delete \x7f",
    "next line \x85 and line separator \u2028 and \u2029",
    "bidi \u202e override",
    "byte order mark \ufeff inside",
]
PLAIN = [
    "Trump said land would be on the table.",
    "We’ll be talking about land.",
    "“Crimea is gone.”",
    "ratio 1:20 in the text",
    "a:b",
    "C# and F#",
    "red-line",
    "Zaporizhzhia [nuclear plant]",
    "100% sure, he said",
    "El País (English edition)",
]


def read_back(text: str) -> object:
    tree, problems = parse(f"value: {text}\n")
    assert problems == []
    return tree["value"]


@pytest.mark.parametrize("value", RETYPED + NEEDS_QUOTES)
def test_values_a_reader_would_change_are_double_quoted(value: str) -> None:
    written = yamlemit.scalar(value)
    assert written.startswith('"') and written.endswith('"')
    assert read_back(written) == value
    assert yaml.safe_load(f"value: {written}\n")["value"] == value  # a YAML 1.1 reader too


@pytest.mark.parametrize("value", PLAIN)
def test_plain_text_stays_plain(value: str) -> None:
    assert yamlemit.scalar(value) == value
    assert read_back(value) == value
    assert yaml.safe_load(f"value: {value}\n")["value"] == value


def test_dates_and_numbers_are_plain_in_their_fields_only() -> None:
    assert yamlemit.scalar("2025-03-16", "date") == "2025-03-16"
    assert yamlemit.scalar("2024-12", "published") == "2024-12"
    assert yamlemit.scalar("2024", "date") == "2024"
    assert yamlemit.scalar("2025-02-30", "date") == '"2025-02-30"'  # invalid: kept as typed
    assert yamlemit.scalar("3", "credibility") == "3"
    assert yamlemit.scalar("03", "credibility") == '"03"'
    assert yamlemit.scalar("2025-03-16", "note") == '"2025-03-16"'


def test_escapes_are_the_yaml_ones() -> None:
    assert yamlemit.quoted('a "b" \\ c\n\t\x1b\x85\u2028\u202e\x00\x9f') == (
        '"a \\"b\\" \\\\ c\\n\\t\\e\\N\\L\\u202E\\0\\x9F"'
    )


RECORD = {
    "id": "x-2025-03-16",
    "stance": "no",
    "summary": "He said: yes",
    "date": "2025-03-16",
    "quote": None,
    "conditions": ["on", "a b"],
    "tags": [],
    "note": "0123",
}


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            Style(),
            "  - id: x-2025-03-16\n"
            '    stance: "no"\n'
            '    summary: "He said: yes"\n'
            "    date: 2025-03-16\n"
            "    conditions:\n"
            '      - "on"\n'
            "      - a b\n"
            '    note: "0123"\n',
        ),
        (
            Style(dash=0, key=2, nested=0, newline="\r\n"),
            "- id: x-2025-03-16\r\n"
            '  stance: "no"\r\n'
            '  summary: "He said: yes"\r\n'
            "  date: 2025-03-16\r\n"
            "  conditions:\r\n"
            '  - "on"\r\n'
            "  - a b\r\n"
            '  note: "0123"\r\n',
        ),
        (
            Style(dash=4, key=4, nested=4),
            "    -   id: x-2025-03-16\n"
            '        stance: "no"\n'
            '        summary: "He said: yes"\n'
            "        date: 2025-03-16\n"
            "        conditions:\n"
            '            - "on"\n'
            "            - a b\n"
            '        note: "0123"\n',
        ),
    ],
)
def test_an_item_follows_the_style_it_is_given(style: Style, expected: str) -> None:
    emitted = yamlemit.item(RECORD, style)
    assert emitted.text == expected
    assert emitted.lines == {
        "id": (0, 0),
        "stance": (1, 1),
        "summary": (2, 2),
        "date": (3, 3),
        "conditions": (4, 6),
        "note": (7, 7),
    }
    tree, problems = parse("positions:\n" + expected)
    assert problems == []
    assert tree["positions"] == [{k: v for k, v in RECORD.items() if v not in (None, [])}]
