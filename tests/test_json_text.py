"""JSON output is written by a fast path that must match json.dumps byte for byte."""

from __future__ import annotations

import json
from typing import Any

import pytest

from negotrack.jsontext import Composed, Written, indented, members
from negotrack.render.machine import Shared, json_array_pieces, json_line, json_text

DOCUMENTS: list[Any] = [
    [],
    {},
    "text",
    None,
    [1, True, False, None, "", [], {}],
    {"a": {"b": {"c": [1, [2, [3, {"d": "e"}]]]}}, "f": [], "g": {}},
    {"quote": 'he said "no" \\ \n\t\u00e9\u4e16 \U0001f600', "n": -12345678901234567890},
    [{"same": "x"}] * 3,
]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_json_text_is_what_json_dumps_writes(document: Any) -> None:
    assert json_text(document) == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(
    "document",
    [
        [1.5, float("nan")],
        {1: "an integer key", None: "a null key", False: "a boolean key"},
        ("a", "tuple"),
        {"deep": json.loads("[" * 60 + "]" * 60)},
    ],
)
def test_json_text_hands_other_values_to_json_dumps(document: Any) -> None:
    assert json_text(document) == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_json_text_still_escapes_what_a_terminal_would_act_on() -> None:
    assert json_text(["\u2028\x85\u202e"]) == '[\n  "\\u2028\\u0085\\u202e"\n]\n'


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if isinstance(d, list)])
def test_an_array_in_pieces_is_the_array_at_once(document: list[Any]) -> None:
    assert "".join(json_array_pieces(iter(document))) == json_text(document)


def test_a_shared_dict_is_written_as_any_dict() -> None:
    source = Shared({"id": "s", "title": "T\u00e9", "tags": ["a"], "note": None})
    items = [{"n": 1, "source": source}, {"n": 2, "source": source, "in": {"deeper": source}}]
    expected = json.dumps(items, indent=2, ensure_ascii=False) + "\n"
    assert json_text(items) == expected
    assert "".join(json_array_pieces(items)) == expected


# -- documents composed of parts, some written already ---------------------------


PARTS: list[dict[str, Any]] = [
    {"id": "p1", "tags": ["a", "b"], "nested": {"x": [1, {"y": None}]}, "empty": []},
    {"source": Shared({"id": "s", "title": "T\u00e9"})},
    {"quote": "line\nbreak \u2028 and \u202e", "n": 3, "flag": False},
    {},
]


def composed() -> Composed:
    return Composed(PARTS[0], Written(members(PARTS[1])), PARTS[3], Written(members(PARTS[2])))


def plain() -> dict[str, Any]:
    return {**PARTS[0], **PARTS[1], **PARTS[2]}


@pytest.mark.parametrize("depth", [0, 1, 3])
def test_a_composed_object_is_written_as_its_dict(depth: int) -> None:
    document: Any = composed()
    expected: Any = plain()
    for _ in range(depth):
        document, expected = {"in": [document]}, {"in": [expected]}
    assert json_text(document) == json_text(expected)
    assert json.loads(json_text(document)) == json.loads(json_text(expected))


def test_a_composed_object_in_pieces_and_in_a_json_line_is_its_dict() -> None:
    items = [composed(), {"other": 1}, composed()]
    expected = [plain(), {"other": 1}, plain()]
    assert "".join(json_array_pieces(items)) == json_text(expected)
    assert json_line(items) == json_line(expected)


def test_a_composed_object_in_a_document_json_dumps_writes_is_its_dict() -> None:
    document = {"ratio": 1.5, "item": composed()}
    assert json_text(document) == json_text({"ratio": 1.5, "item": plain()})


def test_written_members_are_safe_and_an_empty_composition_is_an_empty_object() -> None:
    assert "\u2028" not in members({"a": "\u2028"})
    assert indented(Composed(Written(""), {})) == "{}"
    assert composed().plain() == plain()


# -- the cycle collector, paused while an item is written ---------------------------


def test_the_cycle_collector_is_on_whenever_a_consumer_holds_the_pieces() -> None:
    import gc

    assert gc.isenabled()
    seen: list[bool] = []

    def items() -> Any:
        for n in range(3):
            seen.append(gc.isenabled())  # built with the collector paused
            yield {"n": n}

    pieces = json_array_pieces(items())
    next(pieces)
    # A consumer that stops early, or keeps the generator, finds it on.
    assert gc.isenabled()
    assert [gc.isenabled() for _ in pieces] == [True, True, True]
    assert seen == [False, False, False]


def test_the_cycle_collector_is_on_after_a_consumer_fails() -> None:
    import gc

    def write_some() -> BaseException:
        pieces = json_array_pieces([{"n": n} for n in range(3)])
        try:
            for _ in pieces:
                raise OSError("no space left on the device")
        except OSError as error:
            failure = error  # its traceback holds this frame, and the frame the pieces
        return failure

    kept = write_some()
    assert gc.isenabled()
    del kept
    gc.collect()


def test_the_cycle_collector_is_on_after_an_item_fails() -> None:
    import gc

    def items() -> Any:
        yield {"n": 1}
        raise ValueError("an item that cannot be built")

    with pytest.raises(ValueError, match="cannot be built"):
        list(json_array_pieces(items()))
    assert gc.isenabled()


def test_a_source_written_as_a_member_gives_back_its_members() -> None:
    from negotrack.model.dates import PartialDate
    from negotrack.model.plain import record_dict, source_members, written_source
    from negotrack.model.records import Source

    source = Source(
        id="s",
        title="T\u2028",
        publisher="P",
        url="https://x.example/#a",
        published=PartialDate(2025, 3),
    )
    members_again = Composed(Written(source_members(written_source(source))))
    assert json_text({"source": members_again}) == json_text({"source": record_dict(source)})


RAW_DOCUMENTS = [
    {"id": "a", "quote": "line\u2028break", "tags": ["x", "y"], "nested": {"k": [1, None]}},
    {"id": "b", "empty": {}, "list": [], "flag": True},
    {"id": "c\u202e", "text": "\x85 and \x7f"},
]


@pytest.mark.parametrize(
    "chunks",
    [[], [[]], [["0"]], [["0", "1"], [], ["2"]], [["0"], ["1"], ["2"]], [[], ["0", "1", "2"]]],
    ids=str,
)
def test_raw_values_in_chunks_are_the_array_of_their_values(chunks: list[list[str]]) -> None:
    from negotrack.jsontext import Raw, raw_array_pieces

    texts = [[indented(RAW_DOCUMENTS[int(i)], 1) for i in chunk] for chunk in chunks]
    values = [RAW_DOCUMENTS[int(i)] for chunk in chunks for i in chunk]
    raw = "".join(raw_array_pieces(texts))
    assert raw == json_text(values)
    assert raw == "".join(json_array_pieces([Raw(t, 1) for chunk in texts for t in chunk]))
    assert json.loads(raw) == values


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_a_raw_value_is_written_at_any_depth_as_its_value(depth: int) -> None:
    from negotrack.jsontext import Raw

    document = RAW_DOCUMENTS[0]
    for at in (0, 1, 3):
        expected = json_text({"x": [[document]]} if at == 3 else [document] if at else document)
        raw = Raw(indented(document, depth), depth)
        written = json_text({"x": [[raw]]} if at == 3 else [raw] if at else raw)
        assert written == expected
    assert json_line([Raw(indented(document, depth), depth)]) == json_line([document])


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_members_at_a_depth_are_those_of_the_object_written_there(depth: int) -> None:
    from negotrack.jsontext import dedent

    document = RAW_DOCUMENTS[0]
    written = indented(document, depth)
    pad = "\n" + "  " * (depth + 1)
    assert written == "{" + pad + members(document, depth) + "\n" + "  " * depth + "}"
    assert dedent(written, depth) == indented(document)
