"""An id, name or alias answers for one record only. Commands accept an actor,
person or issue by any of these, case-insensitively, so an alias that also
names another record (``europe`` on two actors) would make a lookup ambiguous."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from negotrack.model.kb import KnowledgeBase
from negotrack.model.names import name_keys, normalise
from negotrack.model.problems import Problem

ID = "ambiguous-name"
LEVEL = "error"

_NOUN = {"actors": "actor", "people": "person", "issues": "issue"}
_LABEL = {"id": "id", "name": "name", "aliases": "alias"}


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for section, noun in _NOUN.items():
        owner: dict[str, Any] = {}
        for record in kb.section(section):
            for path, name in name_keys(record):
                key = normalise(name)
                other = owner.setdefault(key, record)
                if other is not record and other.id != record.id:
                    yield kb.problem(
                        record,
                        path,
                        f"{noun} {_LABEL[path[0]]} '{name}' also names {noun} '{other.id}'; "
                        "each name and alias must answer for one record",
                    )
