"""Did-you-mean over many unknown names: the closest candidate, each name looked up
once, and a bound on how much is looked up at all."""

from __future__ import annotations

import pytest

from negotrack.model import names
from negotrack.model.names import Suggester


def test_the_closest_candidate_is_suggested() -> None:
    suggester = Suggester(["russia", "ukraine", "us", "eu"])
    assert suggester.closest("rusia") == "russia"
    assert suggester.closest("Ukrane") == "ukraine"
    assert suggester.closest("zzzz") is None


def test_among_thousands_of_similar_ids_the_right_one_wins() -> None:
    suggester = Suggester([f"issue-{i}" for i in range(3000)])
    assert suggester.closest("isue-5") == "issue-5"
    assert suggester.closest("issue-2999x") == "issue-2999"


def test_each_distinct_name_is_looked_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    suggester = Suggester(["russia"])
    lookup = suggester._lookup
    monkeypatch.setattr(suggester, "_lookup", lambda name: calls.append(name) or lookup(name))
    for _ in range(3):
        assert suggester.closest("rusia") == "russia"
    assert calls == ["rusia"]


def test_lookups_stop_at_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "MAX_LOOKUPS", 2)
    suggester = Suggester(["alpha", "beta", "gamma"])
    assert [suggester.closest(n) for n in ("alpa", "bta", "gama", "alpa")] == [
        "alpha",
        "beta",
        None,
        "alpha",
    ]
    assert Suggester(["x" * 200]).closest("x" * 199) is None  # too long to compare
