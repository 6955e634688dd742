"""Turn what a user typed into a record: an id, a name or an alias, any case.

``United States``, ``usa`` and ``Washington`` all find the actor ``us``; ``nato``
finds the issue ``nato-membership`` by its alias. An unknown name raises
:class:`~negotrack.errors.UnknownName` (exit 2) with the closest name of the
kind asked for, the records of other kinds that answer to the name (``putin``
asked for as an actor is a person of Russia), and the list of valid ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from negotrack.analysis.suggest import close_matches
from negotrack.errors import Elsewhere, UnknownName, UsageError
from negotrack.model.kb import Index, KnowledgeBase
from negotrack.model.names import name_keys, normalise
from negotrack.model.records import NOUN, SECTIONS, Actor, Document, Issue, Person, Position, Source

#: The kinds a name may belong to, in the order other kinds are suggested.
KINDS = ("actors", "people", "issues", "sources", "documents", "positions")


def actor(kb: KnowledgeBase, name: str) -> Actor:
    return find(kb, "actors", name)  # type: ignore[no-any-return]


def issue(kb: KnowledgeBase, name: str) -> Issue:
    return find(kb, "issues", name)  # type: ignore[no-any-return]


def person(kb: KnowledgeBase, name: str) -> Person:
    return find(kb, "people", name)  # type: ignore[no-any-return]


def source(kb: KnowledgeBase, name: str) -> Source:
    return find(kb, "sources", name)  # type: ignore[no-any-return]


def document(kb: KnowledgeBase, name: str) -> Document:
    """A document by its id or its title."""
    return find(kb, "documents", name)  # type: ignore[no-any-return]


def position(kb: KnowledgeBase, name: str) -> Position:
    return find(kb, "positions", name)  # type: ignore[no-any-return]


def lookup(kb: KnowledgeBase, section: str, name: str) -> Any:
    """The record of ``section`` that ``name`` names, or None."""
    return _names(kb, section).get(normalise(name))


def find(kb: KnowledgeBase, section: str, name: str, *, also: Sequence[str] = ()) -> Any:
    """The record of ``section`` whose id, name or alias is ``name``.

    ``also`` are sections the caller accepts as well (``cite`` takes a source or
    a position id): a record of one of them is returned when ``section`` has
    none, and they are left out of the "is a … instead" suggestions.
    """
    for wanted in (section, *also):
        record = lookup(kb, wanted, name)
        if record is not None:
            return record
    raise unknown(kb, section, name, also=also)


def unknown(kb: KnowledgeBase, section: str, name: str, *, also: Sequence[str] = ()) -> UnknownName:
    """The error for ``name`` naming nothing in ``section``: the closest name of the
    same kind, and the records of other kinds that answer to it exactly (or, if
    none does and nothing of the same kind is close, closely)."""
    typed = normalise(name)
    suggestions = (
        _close(kb, section, typed) or [s for other in also for s in _close(kb, other, typed)][:1]
    )
    others = [s for s in KINDS if s != section and s not in also]
    elsewhere = [
        _elsewhere(kb, s, record)
        for s in others
        if (record := _names(kb, s).get(typed)) is not None
    ]
    if not elsewhere and not suggestions:
        for s in others:
            close = _close(kb, s, typed)
            if close:
                elsewhere.append(_elsewhere(kb, s, kb.by_id(s)[close[0]], exact=False))
                break
    valid = [r.id for r in kb.section(section)] if section != "positions" else []
    kind = " or ".join(NOUN[s] for s in (section, *also))
    return UnknownName(kind, name, suggestions, valid, elsewhere, NOUN[section])


def pair(kb: KnowledgeBase, section: str, words: Sequence[str]) -> tuple[str, str]:
    """The two names of ``section`` records in ``words``, where a name of several
    words may have been typed without quotes (``united states russia``).

    With two words, each is one name. With more, every split into two names is
    tried: exactly one split whose both halves name a record is used; none or
    several is a usage error asking for quotes.
    """
    if len(words) == 2:
        return words[0], words[1]
    if len(words) < 2:
        raise UsageError(f"give two {section}; {len(words)} given")
    splits = []
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if lookup(kb, section, first) is not None and lookup(kb, section, second) is not None:
            splits.append((first, second))
    if len(splits) == 1:
        return splits[0]
    typed = " ".join(words)
    if all(lookup(kb, section, word) is not None for word in words):
        raise UsageError(f"give two {section}; {len(words)} given")
    if splits:
        readings = " or ".join(f'"{first}" "{second}"' for first, second in splits)
        raise UsageError(f"{typed!r} can be read as {readings}: quote each name")
    raise UsageError(
        f"{typed!r} does not name two {section}: quote a name of more than one word, "
        'as in "united states" russia'
    )


def one(kb: KnowledgeBase, section: str, words: Sequence[str], *, also: Sequence[str] = ()) -> Any:
    """The record named by ``words``, joined with spaces when a name of several words
    was typed without quotes (``show united states``)."""
    return find(kb, section, " ".join(words), also=also)


def _close(kb: KnowledgeBase, section: str, typed: str) -> list[str]:
    """The id of the record of ``section`` whose name is closest to ``typed``, if any."""
    names = _names(kb, section, suggest=True)
    found: list[str] = []
    if section in ("sources", "positions"):
        # Ids of sources and positions end in a date: `elpais` means `elpais-2025-03-18`.
        starts = [key for key in names if key.startswith(typed + "-")]
        if starts and len({names[k].id for k in starts}) == 1:
            found.append(names[starts[0]].id)
    for key in close_matches(typed, names, n=5):
        if names[key].id not in found:
            found.append(names[key].id)
    # Only the best guess: a list of near-misses reads as noise.
    return found[:1]


def _elsewhere(kb: KnowledgeBase, section: str, record: Any, exact: bool = True) -> Elsewhere:
    owner = None
    if section == "people" or section == "positions":
        owner_record = kb.actor(record.actor)
        owner = owner_record.name if owner_record is not None else record.actor
        owner_id = record.actor
    else:
        owner_id = None
    return Elsewhere(NOUN[section], record.id, record_name(record), owner, owner_id, exact)


def record_name(record: Any) -> str:
    """What a record is called in messages: its name, a source's title, a position's id."""
    name = getattr(record, "name", None) or getattr(record, "title", None)
    return name if isinstance(name, str) else record.id


def _names(kb: KnowledgeBase, section: str, *, suggest: bool = False) -> dict[str, Any]:
    """``{normalised name: record}`` for a section. Sources and positions are named
    by id only; for suggestions, a source's publisher counts as a name too."""
    return _NAMES[section, suggest].of(kb)


def _name_index(section: str, suggest: bool) -> Index[dict[str, Any]]:
    def build(kb: KnowledgeBase) -> dict[str, Any]:
        index: dict[str, Any] = {}
        for record in kb.section(section):
            if section in ("sources", "positions"):
                keys: Any = [(("id",), record.id)]
                if suggest and section == "sources":
                    keys.append((("publisher",), record.publisher))
            elif section == "documents":
                keys = [(("id",), record.id), (("title",), record.title)]
            else:
                keys = name_keys(record)
            for _, text in keys:
                index.setdefault(normalise(text), record)
        return index

    return Index(build)


_NAMES = {
    (section, suggest): _name_index(section, suggest)
    for section in SECTIONS
    for suggest in (False, True)
}
