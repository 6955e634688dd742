from __future__ import annotations

import functools

import pytest

import negotrack
from negotrack.analysis import resolve
from negotrack.errors import UnknownName
from negotrack.model.plain import position_dict
from tests.conftest import ROOT


@functools.cache
def the_kb() -> negotrack.KnowledgeBase:
    """The KB of these tests, read when a test first needs it (never on import)."""
    return negotrack.open_kb(ROOT / "data" / "positions.yaml")


@pytest.mark.parametrize(
    "typed", ["us", "US", "usa", "Washington", "United States", "UNITED_STATES"]
)
def test_actors_by_id_name_or_alias_in_any_case(typed: str) -> None:
    assert resolve.actor(the_kb(), typed).id == "us"


@pytest.mark.parametrize("typed", ["zelensky", "Zelenskyy", "ZELENSKIY", "Volodymyr Zelensky"])
def test_people_by_alias(typed: str) -> None:
    assert resolve.person(the_kb(), typed).id == "zelensky"


def test_issues_by_id_or_name() -> None:
    assert resolve.issue(the_kb(), "Zaporizhzhia nuclear plant").id == "zaporizhzhia-npp"
    assert resolve.issue(the_kb(), "nato-membership").id == "nato-membership"


def test_unknown_names_suggest_and_list() -> None:
    with pytest.raises(UnknownName) as error:
        resolve.actor(the_kb(), "rusia")
    assert error.value.exit_code == 2
    assert str(error.value) == (
        "unknown actor 'rusia' — did you mean 'russia'?\n"
        "valid actor ids: ukraine, russia, us, eu, germany, uk, france"
    )


def test_a_position_as_json_embeds_its_source_and_origin() -> None:
    position = the_kb().position("sibiga-recognition-2025-03-17")
    data = position_dict(the_kb(), position)
    assert data["date"] == "2025-03-17"
    assert data["as_reported"] is False
    assert data["source"]["id"] == "elpais-2025-03-18"
    assert data["source"]["published"] == "2025-03-18"
    assert (
        data["quote"]
        == "Ukraine will never recognize the occupied territories [as part of Russia]."
    )
    assert data["file"] == str(ROOT / "data" / "positions.yaml")
    assert list(data)[:8] == [
        "id",
        "actor",
        "issue",
        "stance",
        "summary",
        "source",
        "evidence",
        "quote",
    ]
