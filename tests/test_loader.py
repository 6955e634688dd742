"""Loading valid KBs: the format, directories, round trips, YAML-typing rules."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import negotrack
from negotrack.errors import InvalidKB, KBNotFound
from negotrack.load import loader, yamltree
from negotrack.load.schema import validate_tree
from negotrack.load.yamltree import parse
from negotrack.model.dates import PartialDate
from negotrack.model.records import ORIGIN_FIELDS, SECTIONS
from tests.conftest import KBS, ROOT, TESTS


def doc_example() -> str:
    text = (ROOT / "docs" / "knowledge-base.md").read_text(encoding="utf-8")
    return re.search(r"```yaml\n(.*?)```", text, re.S).group(1)


def test_the_documented_example_is_a_valid_kb(tmp_path: Path) -> None:
    path = tmp_path / "example.yaml"
    path.write_text(doc_example(), encoding="utf-8")
    report = negotrack.check(path)
    assert report.problems == []
    assert report.kb.counts() == {
        "actors": 3,
        "people": 5,
        "issues": 5,
        "sources": 3,
        "events": 1,
        "positions": 4,
        "documents": 0,
    }


def test_records_know_where_they_came_from() -> None:
    kb = negotrack.open_kb(KBS / "minimal.yaml")
    position = kb.positions[0]
    assert position.file == str(KBS / "minimal.yaml")
    assert position.line == 30
    assert kb.where(position, "stance") == (str(KBS / "minimal.yaml"), 33, 13)


def test_values_are_typed_by_the_format() -> None:
    kb = negotrack.open_kb(KBS / "minimal.yaml")
    position = kb.positions[0]
    assert position.date == PartialDate(2025, 3, 14)
    assert position.when == PartialDate(2025, 3, 14)
    assert position.as_reported is False
    assert kb.sources[0].published == PartialDate(2025, 3)
    assert kb.people[0].official is True
    assert position.quote == "These regions are ours [sic]."


def test_a_position_without_date_takes_its_source_date_as_reported(tmp_path: Path) -> None:
    text = (KBS / "minimal.yaml").read_text(encoding="utf-8").replace("    date: 2025-03-14\n", "")
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    position = negotrack.open_kb(path).positions[0]
    assert position.date is None
    assert position.when == PartialDate(2025, 3)
    assert position.as_reported is True


def round_trip(record: object) -> dict:
    """A record back to the mapping a file would hold (defaults left out)."""
    out = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if f.name in ORIGIN_FIELDS or value in (None, []) or (f.name == "official" and value):
            continue
        if f.name == "terms":
            value = [term.as_written() for term in value]
            value = [{k: v for k, v in term.items() if v is not None} for term in value]
        out[f.name] = str(value) if isinstance(value, PartialDate) else value
    return out


@pytest.mark.parametrize("kb_path", [KBS / "minimal.yaml", ROOT / "data" / "positions.yaml"])
def test_a_valid_kb_round_trips_through_the_models(kb_path: Path) -> None:
    kb = negotrack.open_kb(kb_path)
    tree = {section: [round_trip(r) for r in kb.section(section)] for section in SECTIONS}
    data, problems, _ = validate_tree(tree)
    assert problems == []
    for section in SECTIONS:
        again = getattr(data, section)
        assert [round_trip(r) for r in again] == tree[section]
        assert again == kb.section(section)


def test_dates_load_the_same_quoted_or_not(tmp_path: Path) -> None:
    text = (KBS / "minimal.yaml").read_text(encoding="utf-8")
    quoted = text.replace("date: 2025-03-14", "date: '2025-03-14'").replace(
        "published: 2025-03", 'published: "2025-03"'
    )
    path = tmp_path / "quoted.yaml"
    path.write_text(quoted, encoding="utf-8")
    plain, again = negotrack.open_kb(KBS / "minimal.yaml"), negotrack.open_kb(path)
    assert again.positions[0].date == plain.positions[0].date
    assert again.sources[0].published == plain.sources[0].published


def test_yaml11_lookalikes_stay_the_strings_written() -> None:
    tree, problems = parse("a: no\nb: 0123\nc: 1.10\nd: 12:30\ne: on\nf: ~\ng:\nh: 'null'\n")
    assert problems == []
    assert tree == {
        "a": "no",
        "b": "0123",
        "c": "1.10",
        "d": "12:30",
        "e": "on",
        "f": None,
        "g": None,
        "h": "null",
    }


def test_an_id_written_0123_is_kept_as_written(tmp_path: Path) -> None:
    text = (
        (KBS / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace("id: putin-territory-2025-03-14", "id: 0123")
    )
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    assert negotrack.open_kb(path).positions[0].id == "0123"


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (KBS / "minimal.yaml").read_bytes())
    assert negotrack.check(path).problems == []


def test_a_directory_is_merged_in_name_order(tmp_path: Path) -> None:
    text = (KBS / "minimal.yaml").read_text(encoding="utf-8")
    head, positions = text.split("positions:\n")
    (tmp_path / "a-base.yaml").write_text(head, encoding="utf-8")
    (tmp_path / "b-positions.yaml").write_text("negotrack: 1\npositions:\n" + positions)
    (tmp_path / ".hidden.yaml").write_text("not: [valid")
    (tmp_path / "notes.txt").write_text("ignored")
    report = negotrack.check(tmp_path)
    assert report.problems == []
    assert report.kb.files == [str(tmp_path / "a-base.yaml"), str(tmp_path / "b-positions.yaml")]
    assert report.kb.positions[0].file == str(tmp_path / "b-positions.yaml")
    assert report.kb.positions[0].line == 3


def test_ids_are_unique_across_files(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text((KBS / "minimal.yaml").read_text(encoding="utf-8"))
    (tmp_path / "two.yaml").write_text("actors:\n  - id: russia\n    name: Russia again\n")
    with pytest.raises(InvalidKB) as error:
        negotrack.open_kb(tmp_path)
    assert [str(p) for p in error.value.problems] == [
        f"{tmp_path / 'two.yaml'}:2:9: error: duplicate actor id 'russia' "
        f"(first defined at {tmp_path / 'one.yaml'}:4) (duplicate-id)"
    ]


def test_a_file_that_cannot_be_parsed_holds_back_the_cross_checks(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("actors: [\n")
    (tmp_path / "b.yaml").write_text(
        "positions:\n  - {id: p, actor: nobody, issue: x, stance: support, summary: s, "
        "source: s, evidence: paraphrase}\n"
    )
    problems = negotrack.check(tmp_path).problems
    assert [p.rule for p in problems] == ["yaml"]


def test_an_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(KBNotFound, match=r"no \*\.yaml or \*\.yml files in directory"):
        negotrack.check(tmp_path)


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(KBNotFound, match=r"knowledge base not found: .*nowhere\.yaml"):
        negotrack.check(tmp_path / "nowhere.yaml")


def test_kb_resolution_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert loader.locate() == loader.bundled_kb()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "positions.yaml").write_text("negotrack: 1\n")
    assert loader.locate() == Path("data/positions.yaml")
    monkeypatch.setenv("NEGOTRACK_KB", str(KBS / "minimal.yaml"))
    assert loader.locate() == KBS / "minimal.yaml"
    assert loader.locate(KBS) == KBS


#: What a build never needs from a checkout.
NOT_SOURCE = (".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")


@pytest.mark.slow
def test_a_built_wheel_carries_the_repository_data_file(tmp_path: Path) -> None:
    # In a checkout negotrack/bundled/positions.yaml is a link to data/positions.yaml,
    # so reading it there proves nothing: a wheel must hold the file's own bytes,
    # and negotrack installed from it must find them.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    pip = [sys.executable, "-m", "pip", "--quiet", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--wheel-dir", str(tmp_path / "dist"), str(source)],
        check=True,
        timeout=600,
    )
    (wheel,) = (tmp_path / "dist").glob("negotrack-*.whl")
    data = (ROOT / "data" / "positions.yaml").read_bytes()
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("negotrack/bundled/positions.yaml") == data
        assert "negotrack/py.typed" in archive.namelist()

    target = tmp_path / "installed"
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        check=True,
        timeout=600,
    )
    code = (
        "import negotrack, sys; from negotrack.load.loader import bundled_kb; "
        "sys.stdout.write(negotrack.__file__ + '\\n' + str(bundled_kb()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(target)},
        timeout=120,
        check=True,
    )
    module, bundled = result.stdout.splitlines()
    assert Path(module).is_relative_to(target)
    assert not Path(bundled).is_symlink()
    assert Path(bundled).read_bytes() == data


def test_nesting_past_the_cap_is_refused_with_negotracks_own_message() -> None:
    # Deeper than negotrack's cap, shallower than any parser's own limit.
    depth = 100
    tree, problems = parse("a: " + "[" * depth + "]" * depth + "\n")
    assert tree is None
    assert [(p.line, p.column, p.message) for p in problems] == [
        (0, 3 + yamltree.MAX_DEPTH - 1, "nesting deeper than 64 levels; a negotrack KB needs four")
    ]


def test_deep_nesting_is_refused_without_crashing() -> None:
    # Past the parser's own limit (PyYAML >= 6.0.4 has one) either message may
    # come first; what negotrack promises is one problem on line 1, no crash.
    depth = 100_000
    tree, problems = parse("a: " + "[" * depth + "]" * depth + "\n")
    assert tree is None
    assert len(problems) == 1
    assert problems[0].line == 0


def test_escaped_line_separators_are_kept_exactly_and_lines_stay_right() -> None:
    case = TESTS / "bad_inputs" / "escaped-line-separator.yaml"
    kb, problems = loader.load(case, cache=False)
    ukraine, russia = kb.actors
    assert ukraine.description == "One line\u2028  two\u2029three"
    assert russia.description == "Said\u2028 and \u2029 done"
    assert (russia.line, [p.line for p in problems]) == (8, [11])


def test_raw_line_separators_are_placed_where_editors_show_them(tmp_path: Path) -> None:
    path = tmp_path / "kb.yaml"
    text = "negotrack: 1\nactors:\n  - id: a\n    name: A\n    description: x\u2028  y\u2029\n"
    path.write_text(text + "  - id: b\n    name: B\n    description: z\u0085\n", encoding="utf-8")
    kb, problems = loader.load(path, cache=False)
    assert [(p.line, p.column, p.message.split(":")[0]) for p in problems] == [
        (5, 19, "U+2028 (LINE SEPARATOR)"),
        (5, 23, "U+2029 (PARAGRAPH SEPARATOR)"),
        (8, 19, "U+0085 (NEXT LINE)"),
    ]
    assert kb.actors == []


def test_a_mapping_finds_a_keys_place_without_a_scan() -> None:
    tree, _ = parse("b: 1\na: 2\nc: 3\n")
    assert [tree.index(key) for key in ("b", "a", "c")] == [0, 1, 2]
    assert yamltree.mark(tree, ("c",), key=True) == (2, 0)


def test_a_key_repeated_many_times_points_at_its_first_place() -> None:
    text = "".join(f"k{i}: x\n" for i in range(50)) + "k7: y\nk3: z\nk7: w\n"
    _, problems = parse(text)
    assert [(p.line, p.message.split(" (")[1].split(")")[0]) for p in problems] == [
        (50, "first set on line 8"),
        (51, "first set on line 4"),
        (52, "first set on line 8"),
    ]


def _texts() -> list[tuple[str, str]]:
    texts = []
    for folder in (KBS, TESTS / "bad_inputs", ROOT / "data"):
        for path in sorted(folder.glob("*.yaml")):
            try:
                texts.append((path.name, path.read_text(encoding="utf-8")))
            except UnicodeDecodeError:
                continue
    return texts


@pytest.mark.parametrize(("name", "text"), _texts(), ids=[name for name, _ in _texts()])
def test_a_tree_read_without_places_is_the_same_tree(name: str, text: str) -> None:
    placed, problems = parse(text)
    plain, plain_problems = parse(text, places=False)
    assert plain == placed
    assert plain_problems == problems
    if problems:  # read again with every place, to report them
        assert yamltree.has_places(plain)


def test_a_tree_without_places_places_its_records_only() -> None:
    text = "negotrack: 1\nactors:\n  - id: a\n    name: A\n  -   id: b\n      name: B\n"
    tree, problems = parse(text, places=False)
    assert problems == []
    assert not yamltree.has_places(tree)
    assert type(tree) is dict and type(tree["actors"][0]) is dict
    assert tree["actors"].marks[2:].tolist() == [2, 4, 4, 6]


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!int 1\n",
        "a: 1\na: 2\n",
        "a: {b: [1, {c: 1, c: 2}]}\n",
        "<<: {a: 1}\n",
        "? [a]\n: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: [1, 2\n",
        "a:\n" + "  - " * 70 + "x\n",
    ],
)
def test_anything_to_report_is_read_with_every_place(text: str) -> None:
    placed, problems = parse(text)
    plain, plain_problems = parse(text, places=False)
    assert problems and plain_problems == problems
    assert plain == placed


def test_a_tagged_scalar_is_read_as_the_careful_builder_reads_it() -> None:
    text = "a: !!str null\nb: null\n"
    assert parse(text, places=False) == parse(text) == ({"a": "null", "b": None}, [])


def _paths(node: object, prefix: tuple[object, ...]) -> list[tuple[object, ...]]:
    """Every path into ``node``, and a few that go past what exists."""
    found = [prefix, (*prefix, "no-such-field")]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _paths(item, (*prefix, index))
        found.append((*prefix, len(node)))
    return found


def assert_placed_alike(text: str, *, raw: bool = False) -> yamltree.Placer | None:
    """A Placer finds every place in the records as the tree with every place does
    (reading the text, or with ``raw`` its UTF-8 bytes, as the loader gives them)."""
    plain, _ = parse(text, places=False)
    if yamltree.has_places(plain):
        return None
    full, _ = parse(text)
    if not isinstance(full, dict):
        return None
    placer = yamltree.Placer(lambda: text.encode() if raw else text, yamltree.outline(plain))
    placer.RECORDS = 10**6
    for section, items in full.items():
        if isinstance(items, list):
            for index, record in enumerate(items):
                for path in _paths(record, (section, index)):
                    for key in (False, True):
                        expected = yamltree.mark(full, path, key=key)
                        assert placer.mark(path, key=key) == expected, (path, key)
    return placer


@pytest.mark.parametrize(("name", "text"), _texts(), ids=[name for name, _ in _texts()])
def test_a_field_is_placed_from_its_records_lines_as_from_the_whole_file(
    name: str, text: str
) -> None:
    placer = assert_placed_alike(text)
    if placer is not None and name in ("minimal.yaml", "positions.yaml"):
        assert placer.tree is None  # every place was found in its record's lines alone


@pytest.mark.parametrize(
    "text",
    [
        "actors: [{id: a, name: A}, {id: b, name: B}]\n",
        "actors: [\n  {id: a, name: A},\n  {id: b,\n   name: B}\n]\n",
        "actors:\n  -\n    id: a\n    name: A\n  -   id: b\n      name: [B, C]\n",
        "actors:\n- id: a\n  name: A\n# a comment\n\n- id: b\n  name: B\nissues: []\n",
        "actors:\n  - id: a\n    name: |\n      two\n      lines\n  - id: b\n    name: B",
        "actors:\r\n  - id: a\r\n    name: A\r\n  - id: b\r\n    name: B\r\n",
        "actors:\r  - id: a\r    name: A\r  - id: b\r    name: B\r",
        "  actors:\n    - id: a\n      name: A\n  people:\n    - {id: p, name: P}\n",
        "actors:\n  - id: a\n    name: 'it''s\n      folded'\n  - b\n  - - c\n    - d\n",
    ],
)
def test_a_field_is_placed_alike_whatever_the_layout(text: str) -> None:
    assert assert_placed_alike(text) is not None


@pytest.mark.parametrize("raw", [False, True])
def test_a_field_is_placed_alike_in_a_text_that_is_not_ascii(
    raw: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Places count characters and the text is kept as bytes: where a record
    # starts in them is counted (here a few characters at a time, across
    # characters of one to four bytes).
    monkeypatch.setattr(yamltree, "_COUNT_AT_ONCE", 3)
    text = (
        "actors:\n  - id: a\n    name: Україна\n"
        '  - id: b\n    name: "Élysée 😀 ✓"\n    aliases: [ü, 😀x]\n'
        "  - {id: c, name: Ç}\n  - id: d\n    name: D  # ½\n"
    )
    placer = assert_placed_alike(text, raw=raw)
    assert placer is not None and placer.tree is None


def test_utf8_is_checked_a_slice_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (KBS / "minimal.yaml").read_text(encoding="utf-8")
    kb = tmp_path / "kb.yaml"
    kb.write_text(text.replace("name: Russia", "name: Россия 😀"), encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(kb.read_bytes().replace("😀".encode(), "😀".encode()[:3]))
    whole = negotrack.check(broken, cache=False).problems
    assert [p.rule for p in whole] == ["encoding"]

    monkeypatch.setattr(loader, "_DECODE_AT_ONCE", 1)  # every character cut in two

    assert negotrack.check(kb, cache=False).kb.actors[0].name == "Россия 😀"
    assert negotrack.check(broken, cache=False).problems == whole


def test_many_records_to_place_parse_the_whole_file_once(tmp_path: Path) -> None:
    text = "actors:\n" + "".join(f"  - id: a{i}\n    name: A\n" for i in range(500))
    plain, _ = parse(text, places=False)
    placer = yamltree.Placer(lambda: text, yamltree.outline(plain))
    for index in range(500):
        assert placer.mark(("actors", index, "name")) == (2 + 2 * index, 10)
    assert placer.tree is not None
