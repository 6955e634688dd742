"""A position's speaker speaks for the position's actor: a position of ``ukraine``
cannot have a speaker who is a person of ``russia``."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "speaker-actor"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for position in kb.positions:
        if position.speaker is None:
            continue
        person = kb.person(position.speaker)
        if person is not None and person.actor != position.actor:
            yield kb.problem(
                position,
                ("speaker",),
                f"speaker '{person.id}' is a person of actor '{person.actor}', "
                f"not of '{position.actor}'",
            )
