"""The query index: while no file changed, a view of some actors reads only their
positions; a changed, damaged, foreign or untrusted index is never used; and the
index never changes what a command prints (see also test_cache's comparison of
every read command with and without the cache)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from negotrack.analysis import diff, query, show, stance, timeline
from negotrack.checks.validate import open_kb
from negotrack.errors import NegotrackWarning
from negotrack.load import cache
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase, Scope
from tests.conftest import ROOT
from tests.test_cache import PARSING, WARM_PATH, run_python

DATA = ROOT / "data" / "positions.yaml"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "negotrack-cache"
    monkeypatch.setenv("NEGOTRACK_CACHE_DIR", str(path))
    return path


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    target = tmp_path / "positions.yaml"
    target.write_bytes(DATA.read_bytes())
    return target


def russia(kb: KnowledgeBase) -> Scope | None:
    return show.needs(kb, "russia")


def prime(kb: Path) -> KnowledgeBase:
    """Read the whole KB as a command with a scope does, which writes its index."""
    whole = open_kb(kb, scope=lambda kb: None)
    assert whole.scope is None
    return whole


def index_of(cache_dir: Path) -> Path:
    (found,) = cache_dir.glob("*.index")
    return found


def test_a_warm_view_reads_only_the_positions_of_its_scope(kb: Path, cache_dir: Path) -> None:
    whole = open_kb(kb, scope=russia)  # no index yet: the whole KB, and the index written
    assert whole.scope is None
    assert index_of(cache_dir).exists()

    part = open_kb(kb, scope=russia)
    assert part.scope == Scope(actors=frozenset({"russia"}))
    assert part.positions == [p for p in whole.positions if p.actor == "russia"]
    assert [(p.when, p.as_reported, p.file, p.line) for p in part.positions] == [
        (p.when, p.as_reported, p.file, p.line) for p in whole.positions if p.actor == "russia"
    ]
    cited = {p.source for p in part.positions} | {d.source for d in whole.documents}
    assert part.sources == [s for s in whole.sources if s.id in cited]
    for section in ("actors", "people", "issues", "documents"):
        assert part.section(section) == whole.section(section)
    assert part.events == []  # a view that writes none: not read
    assert (part.files, part.path, part.fingerprint) == (whole.files, whole.path, whole.fingerprint)


def test_a_view_that_writes_events_reads_them_and_the_sources_they_cite(
    kb: Path, cache_dir: Path
) -> None:
    whole = prime(kb)
    part = open_kb(kb, scope=lambda kb: timeline.needs(kb, ["russia"]))
    assert part.scope is not None and part.scope.events
    assert part.events == whole.events
    cited = {p.source for p in part.positions} | {e.source for e in whole.events}
    cited |= {d.source for d in whole.documents}
    assert part.sources == [s for s in whole.sources if s.id in cited]


def test_the_index_narrows_by_actor_issue_speaker_and_text(kb: Path, cache_dir: Path) -> None:
    whole = prime(kb)
    part = open_kb(
        kb,
        scope=lambda kb: query.needs(
            kb, actors=["ukraine"], issues=["territory"], speakers=["zelensky"], text="CRIMEA"
        ),
    )
    assert part.scope is not None
    expected = query.select(
        whole,
        query.query(
            whole, actors=["ukraine"], issues=["territory"], speakers=["zelensky"], text="crimea"
        ),
    )
    assert expected  # the bundled KB has such positions
    assert part.positions == expected


def test_views_that_take_every_position_read_the_whole_kb(kb: Path, cache_dir: Path) -> None:
    prime(kb)
    assert open_kb(kb, scope=lambda kb: query.needs(kb)).scope is None
    assert open_kb(kb, scope=lambda kb: timeline.needs(kb)).scope is None
    assert open_kb(kb, scope=lambda kb: None).scope is None


def test_a_name_the_kb_lacks_reads_the_whole_kb(kb: Path, cache_dir: Path) -> None:
    # The whole KB then reports it, with its suggestions, as without the index.
    prime(kb)
    assert open_kb(kb, scope=lambda kb: show.needs(kb, "rusia")).scope is None
    assert open_kb(kb, scope=lambda kb: diff.needs(kb, ["ukraine"])).scope is None
    assert open_kb(kb, scope=lambda kb: query.needs(kb, sources=["x"])).scope is None


def test_a_person_is_shown_from_the_positions_of_their_actor(kb: Path, cache_dir: Path) -> None:
    prime(kb)
    assert open_kb(kb, scope=lambda kb: show.needs(kb, "putin")).scope == Scope(
        actors=frozenset({"russia"})
    )


def test_an_edited_kb_is_read_whole_and_indexed_again(kb: Path, cache_dir: Path) -> None:
    prime(kb)
    kb.write_text(kb.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert open_kb(kb, scope=russia).scope is None
    assert open_kb(kb, scope=russia).scope is not None


def test_a_damaged_index_is_ignored_and_written_again(kb: Path, cache_dir: Path) -> None:
    prime(kb)
    index_of(cache_dir).write_bytes(b"SQLite format 3\0" + b"\xff" * 5000)
    assert open_kb(kb, scope=russia).scope is None
    assert open_kb(kb, scope=russia).scope is not None


def test_an_index_damaged_where_its_rows_are_is_deleted_and_written_again(
    kb: Path, cache_dir: Path
) -> None:
    # Its header and meta read well; the indexes, made last, are zeros.
    prime(kb)
    index = index_of(cache_dir)
    with index.open("r+b") as file:
        file.seek(-16384, os.SEEK_END)
        file.write(bytes(16384))
    assert open_kb(kb, scope=russia).scope is None
    assert open_kb(kb, scope=russia).scope is not None
    db = sqlite3.connect(index)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


def test_an_index_in_a_cache_directory_given_relative_is_used(
    kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEGOTRACK_CACHE_DIR", "relative-cache")
    prime(kb)
    assert open_kb(kb, scope=russia).scope is not None


def test_text_typed_with_bytes_that_are_not_utf8_is_left_to_the_view(
    kb: Path, cache_dir: Path
) -> None:
    prime(kb)
    part = open_kb(kb, scope=lambda kb: query.needs(kb, actors=["russia"], text="\udcff"))
    assert part.scope is not None
    assert part.positions == [p for p in prime(kb).positions if p.actor == "russia"]


def oldest_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    """Have every SQLite connection take at most 999 values a query, as the oldest do."""
    original = sqlite3.connect

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        db = original(*args, **kwargs)  # type: ignore[arg-type]
        db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
        return db

    monkeypatch.setattr(sqlite3, "connect", connect)


def test_a_scope_of_many_names_asks_no_more_values_than_the_oldest_sqlite_takes(
    kb: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = prime(kb)
    oldest_sqlite(monkeypatch)
    many = [f"x{n}" for n in range(400)]
    wide = Scope(
        actors=frozenset([*many, "russia"]),
        issues=frozenset([*many, *(i.id for i in whole.issues)]),
        speakers=frozenset([*many, *(p.id for p in whole.people)]),
    )
    part = open_kb(kb, scope=lambda kb: wide)
    assert part.scope == wide
    assert [p for p in whole.positions if p.actor == "russia"] == [
        p for p in part.positions if p.actor == "russia"
    ]
    assert index_of(cache_dir).exists()


def test_an_index_of_another_format_or_code_is_ignored(kb: Path, cache_dir: Path) -> None:
    for key, value in (("magic", b"negotrack-index-0"), ("code", b"another version")):
        prime(kb)
        db = sqlite3.connect(index_of(cache_dir))
        with db:
            db.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
        db.close()
        assert open_kb(kb, scope=russia).scope is None


def test_an_index_others_may_write_is_ignored_with_a_warning(kb: Path, cache_dir: Path) -> None:
    prime(kb)
    index_of(cache_dir).chmod(0o666)
    with pytest.warns(NegotrackWarning, match="others may write to it"):
        assert open_kb(kb, scope=russia).scope is None


@pytest.mark.parametrize(
    ("untrusted", "mode", "warning"),
    [("directory", 0o1777, "the parse cache"), ("index", 0o666, "parse cache entries")],
)
def test_a_cache_not_to_be_trusted_is_reported_once(
    untrusted: str, mode: int, warning: str, kb: Path, cache_dir: Path, cli
) -> None:
    # Looked at for the index, then to read the whole KB: said once.
    prime(kb)
    (index_of(cache_dir) if untrusted == "index" else cache_dir).chmod(mode)
    result = cli("show", "russia", "--kb", kb)
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"negotrack: warning: ignoring {warning}")


def test_an_invalid_kb_is_not_indexed(tmp_path: Path, cache_dir: Path) -> None:
    from negotrack.errors import InvalidKB

    bad = tmp_path / "bad.yaml"
    bad.write_text(DATA.read_text(encoding="utf-8").replace("actor: russia", "actor: rusia", 1))
    for _ in range(2):
        with pytest.raises(InvalidKB):
            open_kb(bad, scope=russia)
    assert not list(cache_dir.glob("*.index"))


def test_only_a_command_with_a_scope_writes_the_index(kb: Path, cache_dir: Path) -> None:
    open_kb(kb)  # matrix, zone, brief ...: they never read the index
    assert not list(cache_dir.glob("*.index"))


def test_the_index_counts_towards_the_size_of_the_cache(kb: Path, cache_dir: Path) -> None:
    prime(kb)
    store = cache.Store(cache_dir)
    assert {p.suffix for p in cache_dir.iterdir()} == {".file", ".kb", ".index"}
    store.prune(limit=0)
    assert list(cache_dir.iterdir()) == []


def test_a_warm_view_neither_parses_nor_reads_the_kb_nor_decodes_its_entry(
    kb: Path, cache_dir: Path
) -> None:
    # Only the status of the KB file and the header of its entry are read; any
    # read of its bytes or of the whole entry fails the run.
    code = WARM_PATH.format(
        run="from negotrack.load import cache, loader\n"
        "def refuse(*args, **kwargs): raise AssertionError('read')\n"
        "loader._read_open = refuse\n"
        "cache.Store.get_file = refuse\n"
        "from negotrack.cli.app import app\n"
        f"app(['show', 'russia', '--format', 'json', '--kb', {str(kb)!r}],"
        " standalone_mode=False)",
        heavy=(*PARSING, "yaml"),  # whether typer imports pydantic is typer's business
    )
    prime(kb)
    assert run_python(code, cache_dir) == ""
    assert os.path.exists(index_of(cache_dir))


@pytest.mark.parametrize(
    "path", [DATA, ROOT / "tests" / "kbs" / "scales.yaml"], ids=["data", "scales"]
)
def test_a_record_is_stored_as_the_parse_cache_stores_it(path: Path) -> None:
    from negotrack.model.records import SECTIONS

    whole = open_kb(path, cache=False)
    for section in SECTIONS:
        for record in whole.section(section):
            row = cache.record_row(section, record)
            assert row == cache.record_row(section, record, {})  # shared strings, same row
            rebuilt = cache.build_record(section, row, record.file, {})
            assert rebuilt == record


def test_the_library_reads_the_index_without_yaml_or_pydantic(kb: Path, cache_dir: Path) -> None:
    code = WARM_PATH.format(
        run="from negotrack.checks.validate import open_kb\n"
        "from negotrack.analysis.show import needs\n"
        f"kb = open_kb({str(kb)!r}, scope=lambda kb: needs(kb, 'russia'))\n"
        "assert kb.scope is not None",
        heavy=(*PARSING, "yaml", "pydantic", "pydantic_core"),
    )
    prime(kb)
    assert run_python(code, cache_dir) == ""


def test_without_sqlite3_the_whole_kb_is_read(
    kb: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    import negotrack.load

    monkeypatch.setitem(sys.modules, "negotrack.load.kbindex", None)  # import fails
    monkeypatch.delattr(negotrack.load, "kbindex", raising=False)
    assert open_kb(kb, scope=russia).scope is None
    assert open_kb(kb, scope=russia).scope is None
    assert not list(cache_dir.glob("*.index"))


def test_positions_read_from_the_index_are_written_as_from_the_yaml(
    kb: Path, cache_dir: Path
) -> None:
    from negotrack.render.machine import Records, count_fields, json_text

    prime(kb)
    part = open_kb(kb, scope=russia)
    whole = open_kb(kb, cache=False)
    assert part.written is not None and whole.written is None
    fast, slow = Records(part), Records(whole)
    fast.fetch(part.positions[:3])  # the rest are asked for one by one
    for p in part.positions:
        same = whole.by_id("positions")[p.id]
        before = {"kind": "position", "date": str(p.when)}
        after = count_fields("claim")
        assert json_text(fast.position(p, before, after)) == json_text(
            slow.position(same, before, after)
        )
        assert json_text([fast.position(p)]) == json_text([slow.position(same)])
        assert json_text(fast.source(p.source)) == json_text(slow.source(same.source))


def test_positions_whose_index_went_away_are_written_from_their_records(
    kb: Path, cache_dir: Path
) -> None:
    from negotrack.render.machine import Records, json_text

    prime(kb)
    part = open_kb(kb, scope=russia)
    expected = json_text([Records(part).position(p) for p in part.positions])
    part.written._db.close()  # type: ignore[union-attr]
    assert part.written.positions([p.id for p in part.positions]) == {}  # type: ignore[union-attr]
    records = Records(part)
    records.fetch(part.positions)
    assert json_text([records.position(p) for p in part.positions]) == expected
    assert part.written._failed  # type: ignore[union-attr]  # so each asks no more


def test_a_key_a_position_has_is_not_composed_twice(kb: Path, cache_dir: Path) -> None:
    from negotrack.render.machine import Records

    prime(kb)
    part = open_kb(kb, scope=russia)
    p = part.positions[0]
    out = Records(part).position(p, after={"summary": "replaced"})
    assert isinstance(out, dict) and out["summary"] == "replaced"


def test_a_kb_read_from_the_index_closes_it_when_it_goes(kb: Path, cache_dir: Path) -> None:
    import gc
    import warnings

    prime(kb)
    part = open_kb(kb, scope=russia)
    connection = part.written._db  # type: ignore[union-attr]
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        del part
        gc.collect()  # a KB may be held in a reference cycle
    with pytest.raises(sqlite3.ProgrammingError):  # closed, not left to be deallocated
        connection.execute("SELECT 1")
    assert [w for w in said if issubclass(w.category, ResourceWarning)] == []  # Python 3.13


def test_a_kb_read_from_the_index_in_another_thread_goes_quietly(
    kb: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import sys
    import warnings
    from concurrent.futures import ThreadPoolExecutor

    from negotrack.render.machine import Records, json_text

    prime(kb)
    with ThreadPoolExecutor(1) as pool:
        part = pool.submit(open_kb, kb, scope=russia).result()
    whole = open_kb(kb, cache=False)
    # Its connection serves this thread too (one at a time).
    theirs = [p for p in whole.positions if p.actor == "russia"]
    assert json_text([Records(part).position(p) for p in part.positions]) == json_text(
        [Records(whole).position(p) for p in theirs]
    )
    failures: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", failures.append)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # Python 3.13: closed as it goes
        del part
        gc.collect()
    assert failures == []


# -- a JSON listing: selected and ordered by the index, no record read --------------

LISTINGS = [
    {},
    {"actors": ["russia"]},
    {"actors": ["us", "ukraine"], "issues": ["territory"], "sort": "actor"},
    {"since": "2025-03", "until": "2025-06", "sort": "issue", "limit": 5},
    {"until": "2025", "tags": ["campaign"], "include_unofficial": True},
    {"text": "crimea", "firmness": ["red-line"], "official_only": True},
    {"min_reliability": "A", "evidence": ["quote", "claim"], "stances": ["oppose"]},
    {"speakers": ["putin"], "sort": "actor", "limit": 2},
    {"text": "\udcff"},  # typed with bytes that are not UTF-8: in no text
]


def listing(options: dict[str, object]) -> Callable[[KnowledgeBase], Scope | None]:
    def scope(kb: KnowledgeBase) -> Scope | None:
        return query.listing_scope(
            kb, asked(kb, options), query.needs(kb), sort=sort_of(options), limit=limit_of(options)
        )

    return scope


def asked(kb: KnowledgeBase, options: dict[str, object]) -> query.Query:
    given = {k: v for k, v in options.items() if k not in ("sort", "limit")}
    for key in ("since", "until"):
        if key in given:
            given[key] = PartialDate.parse(str(given[key]))
    return query.query(kb, **given)  # type: ignore[arg-type]


def sort_of(options: dict[str, object]) -> str:
    return str(options.get("sort", "date"))


def limit_of(options: dict[str, object]) -> int | None:
    limit = options.get("limit")
    return None if limit is None else int(str(limit))


@pytest.mark.parametrize("options", LISTINGS, ids=str)
def test_a_json_listing_is_answered_by_the_index_without_reading_a_record(
    options: dict[str, object], kb: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negotrack.load import kbindex
    from negotrack.render import listing as renderer

    whole = prime(kb)
    expected = renderer.to_json(
        query.find(whole, asked(whole, options), sort=sort_of(options), limit=limit_of(options))
    )

    def unread(*args: object) -> None:
        raise AssertionError("a record was read")

    monkeypatch.setattr(kbindex, "_position", unread)
    part = open_kb(kb, scope=listing(options))
    assert part.listed is not None and part.positions == [] and part.sources == []
    assert part.written is not None and part.written.source(whole.events[0].source) is None
    found = query.find(part, asked(part, options), sort=sort_of(options), limit=limit_of(options))
    assert renderer.to_json(found) == expected


def test_a_listing_of_more_values_than_sqlite_takes_selects_the_rest_itself(
    kb: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negotrack.model.kb import Listing

    whole = prime(kb)
    oldest_sqlite(monkeypatch)
    many = frozenset(f"x{n}" for n in range(400))
    wide = Listing(
        actors=many | {"russia", "us"},
        issues=many | {i.id for i in whole.issues if i.id != "crimea"},
        speakers=frozenset(),
        stances=frozenset({"oppose", "conditional"}),
    )
    part = open_kb(kb, scope=lambda kb: Scope(listing=wide))
    assert part.listed is not None
    expected = [
        p.id
        for p in sorted(whole.positions, key=lambda p: p.when.sort_key())
        if p.actor in wide.actors and p.issue in wide.issues and p.stance in wide.stances
    ]
    assert expected  # the test selects something
    assert [row.written.split(",", 1)[0] for row in part.listed.rows()] == [
        f'"id": "{id}"' for id in expected
    ]


def test_an_index_failing_while_a_listing_is_written_is_removed_with_a_message(
    kb: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negotrack.load import kbindex

    prime(kb)
    part = open_kb(kb, scope=listing({"actors": ["russia"]}))
    assert part.listed is not None

    def damaged(*args: object) -> Iterator[list[tuple[object, ...]]]:
        raise sqlite3.DatabaseError("database disk image is malformed")
        yield []

    monkeypatch.setattr(kbindex._Listed, "_chunks", damaged)
    with pytest.raises(kbindex.IndexFailed, match="it has been removed: run the command again"):
        list(part.listed.rows())
    assert not list(cache_dir.glob("*.index"))
    monkeypatch.undo()
    assert open_kb(kb, scope=listing({"actors": ["russia"]})).listed is None  # read whole


def test_a_listing_is_only_for_the_query_it_was_read_for_and_only_as_json(
    kb: Path, cache_dir: Path
) -> None:
    from negotrack.render import listing as renderer
    from negotrack.render.page import Screen

    prime(kb)
    part = open_kb(kb, scope=listing({"actors": ["russia"]}))
    with pytest.raises(ValueError, match="another listing"):
        query.find(part, asked(part, {"actors": ["us"]}))
    found = query.find(part, asked(part, {"actors": ["russia"]}))
    for write in (renderer.to_csv, renderer.to_markdown):
        with pytest.raises(ValueError, match="only as JSON"):
            write(found)
    with pytest.raises(ValueError, match="only as JSON"):
        renderer.to_table(found, Screen("never"))


TIMELINES = [
    {},
    {"actors": ["russia"]},
    {"actors": ["ukraine", "us"], "issues": ["territory"], "shifts_only": True},
    {"since": PartialDate.parse("2025-03"), "until": PartialDate.parse("2025-06")},
    {"issues": ["nato"], "filters": stance.Filters(tags=frozenset({"campaign"}))},
    {"actors": ["us"], "shifts_only": True, "until": PartialDate.parse("2025")},
]


@pytest.mark.parametrize("options", TIMELINES, ids=str)
def test_a_json_timeline_is_answered_by_the_index_without_reading_a_record(
    options: dict[str, Any], kb: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negotrack.load import kbindex
    from negotrack.render import timeline as renderer

    whole = prime(kb)
    expected = renderer.to_json(timeline.timeline(whole, **options))

    def unread(*args: object) -> None:
        raise AssertionError("a record was read")

    def scope(kb: KnowledgeBase) -> Scope | None:
        found = timeline.needs(kb, options.get("actors", ()), options.get("issues", ()))
        return timeline.listing_scope(kb, found, **options)

    monkeypatch.setattr(kbindex, "_position", unread)
    part = open_kb(kb, scope=scope)
    assert part.listed is not None and part.positions == [] and part.sources == []
    # The sources the events and documents cite are written, as the positions are.
    cited = {e.source for e in whole.events} | {d.source for d in whole.documents}
    assert part.written is not None
    assert all(part.written.source(id) is not None for id in cited)
    assert renderer.to_json(timeline.timeline(part, **options)) == expected


def test_a_timeline_weighed_otherwise_is_not_a_listing(kb: Path, cache_dir: Path) -> None:
    prime(kb)
    for options in (
        {"official_only": True},
        {"filters": stance.Filters(include_unofficial=True)},
        {"filters": stance.Filters(evidence=frozenset({"quote"}))},
        {"filters": stance.Filters(min_reliability="B")},
    ):
        found = timeline.needs(prime(kb), ["russia"])
        assert timeline.listing_scope(prime(kb), found, actors=["russia"], **options) == found


def test_a_timeline_listing_is_only_for_its_query_and_only_as_json(
    kb: Path, cache_dir: Path
) -> None:
    from negotrack.render import timeline as renderer
    from negotrack.render.page import Screen

    prime(kb)

    def scope(kb: KnowledgeBase) -> Scope | None:
        return timeline.listing_scope(kb, timeline.needs(kb, ["russia"]), actors=["russia"])

    part = open_kb(kb, scope=scope)
    with pytest.raises(ValueError, match="another listing"):
        timeline.timeline(part, actors=["us"])
    view = timeline.timeline(part, actors=["russia"])
    for write in (renderer.to_csv, renderer.to_markdown, renderer.to_svg):
        with pytest.raises(ValueError, match="only as JSON"):
            write(view)
    with pytest.raises(ValueError, match="only as JSON"):
        renderer.to_table(view, Screen("never"))


# -- current stances kept: a view weighed by default reads only what they name -----


def kept_show(name: str, issues: tuple[str, ...] = ()) -> Callable[[KnowledgeBase], Scope | None]:
    return lambda kb: show.kept_scope(kb, show.needs(kb, name, issues), name)


@pytest.mark.parametrize(
    ("name", "issues"), [("russia", ()), ("united states", ()), ("ukraine", ("territory",))]
)
def test_show_weighed_by_default_reads_only_the_positions_its_kept_stances_name(
    name: str, issues: tuple[str, ...], kb: Path, cache_dir: Path
) -> None:
    from negotrack.render import show as renderer

    whole = prime(kb)
    part = open_kb(kb, scope=kept_show(name, issues))
    assert part.kept is not None and part.scope is not None and part.scope.kept
    named = {i for stance in part.kept.values() for i in stance.ids()}
    assert {p.id for p in part.positions} == named
    ordinary = open_kb(kb, scope=lambda kb: show.needs(kb, name, issues))
    assert len(part.positions) < len(ordinary.positions)  # the actor's every position
    for write in (renderer.to_json, renderer.to_csv, renderer.to_markdown):
        assert write(show.show(part, name, issues=issues)) == write(
            show.show(whole, name, issues=issues)
        )


def test_diff_weighed_by_default_reads_only_the_positions_its_kept_stances_name(
    kb: Path, cache_dir: Path
) -> None:
    from negotrack.render import diff as renderer

    whole = prime(kb)
    part = open_kb(kb, scope=lambda kb: diff.kept_scope(diff.needs(kb, ["ukraine", "us"])))
    assert part.kept is not None
    for write in (renderer.to_json, renderer.to_csv, renderer.to_markdown):
        assert write(diff.diff(part, "ukraine", "us")) == write(diff.diff(whole, "ukraine", "us"))


def test_views_weighed_otherwise_or_with_history_do_not_keep_stances(
    kb: Path, cache_dir: Path
) -> None:
    whole = prime(kb)
    found = show.needs(whole, "russia")
    for options in (
        {"history": True},
        {"as_of": PartialDate.parse("2025-06")},
        {"official_only": True},
        {"filters": stance.Filters(include_unofficial=True)},
        {"filters": stance.Filters(min_reliability="B")},
    ):
        assert show.kept_scope(whole, found, "russia", **options) == found
        if "history" not in options:
            assert diff.kept_scope(found, **options) == found
    person = show.needs(whole, "putin")  # a person's own statements: not the actor's stances
    assert show.kept_scope(whole, person, "putin") == person


def test_a_kb_with_kept_stances_serves_only_a_view_weighed_by_default(
    kb: Path, cache_dir: Path
) -> None:
    prime(kb)
    part = open_kb(kb, scope=kept_show("russia"))
    with pytest.raises(ValueError, match="default weighing"):
        show.show(part, "russia", as_of=PartialDate.parse("2025-06"))
    with pytest.raises(ValueError, match="keeps only stances"):
        show.show(part, "russia", history=True)


def test_stances_are_kept_as_the_ledger_finds_them(kb: Path, cache_dir: Path) -> None:
    from negotrack.analysis.kept import worked_out

    whole = prime(kb)
    ledger = stance.Ledger(whole)
    kept = {(k.actor, k.issue): k for k in worked_out(whole).stances}
    assert kept  # the bundled KB has stances
    for (actor, issue), found in kept.items():
        current = ledger.own_stance(actor, issue)
        assert current is not None
        assert found.positions == tuple(p.id for p in current.positions)
        assert found.stance == current.stance and found.basis == current.basis
    assert len(kept) == sum(1 for key in ledger.groups if ledger.own_stance(*key) is not None)


def test_a_listing_read_a_few_rows_at_a_time_writes_the_same(
    kb: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negotrack.load import kbindex
    from negotrack.render import listing as renderer

    whole = prime(kb)
    expected = renderer.to_json(query.find(whole, query.query(whole)))
    monkeypatch.setattr(kbindex, "_CHUNK", 3)
    part = open_kb(kb, scope=listing({}))
    assert renderer.to_json(query.find(part, query.query(part))) == expected
