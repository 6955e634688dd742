"""Turn what a user typed into a record: an id, a name or an alias, any case.

``United States``, ``usa`` and ``Washington`` all find the actor ``us``. An
unknown name raises :class:`~negotrack.errors.UnknownName` (exit 2) with the
closest names and the list of valid ids.
"""

from __future__ import annotations

from typing import Any

from negotrack.analysis.suggest import close_matches
from negotrack.errors import UnknownName
from negotrack.model.kb import KnowledgeBase
from negotrack.model.names import name_keys, normalise
from negotrack.model.records import Actor, Document, Issue, Person, Source

_NOUN = {
    "actors": "actor",
    "people": "person",
    "issues": "issue",
    "sources": "source",
    "documents": "document",
}


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


def find(kb: KnowledgeBase, section: str, name: str) -> Any:
    """The record of ``section`` whose id, name or alias is ``name``."""
    names = _names(kb, section)
    record = names.get(normalise(name))
    if record is not None:
        return record
    typed = normalise(name)
    suggestions: list[str] = []
    for key in close_matches(typed, names, n=5):
        if names[key].id not in suggestions:
            suggestions.append(names[key].id)
    # Only the best guess: a list of near-misses reads as noise.
    raise UnknownName(_NOUN[section], name, suggestions[:1], [r.id for r in kb.section(section)])


def _names(kb: KnowledgeBase, section: str) -> dict[str, Any]:
    key = f"names:{section}"
    index = kb.lookup_cache.get(key)
    if index is None:
        index = {}
        for record in kb.section(section):
            if section == "sources":
                keys = [(("id",), record.id)]
            elif section == "documents":
                keys = [(("id",), record.id), (("title",), record.title)]
            else:
                keys = name_keys(record)
            for _, text in keys:
                index.setdefault(normalise(text), record)
        kb.lookup_cache[key] = index
    return index
