"""A ``claim`` position (another party's claim about this actor's position) names the
claimant in ``via``: the id of a person or actor of the KB that is not this
position's actor, nor one of its people. Without that, a claim could not be told
from the actor's own word ("unknown claimant 'zelenksy' - did you mean 'zelensky'?")."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.analysis.suggest import hint
from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "claim-via"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    people, actors = kb.by_id("people"), kb.by_id("actors")
    broken = kb.broken_values("people", "id") | kb.broken_values("actors", "id")
    for position in kb.positions:
        if position.evidence != "claim":
            continue
        claimant = position.via
        if claimant is None:
            yield kb.problem(
                position,
                ("evidence",),
                "evidence is 'claim' but 'via' does not name the claimant "
                "(the id of a person or actor)",
            )
        elif claimant in actors or claimant in people:
            person = people.get(claimant)
            if claimant == position.actor:
                yield kb.problem(
                    position,
                    ("via",),
                    f"via '{claimant}' is the position's own actor: a claim is another "
                    "party's word about it",
                )
            elif person is not None and person.actor == position.actor:
                yield kb.problem(
                    position,
                    ("via",),
                    f"via '{claimant}' is a person of '{position.actor}', the position's own "
                    "actor: a claim is another party's word about it (use 'paraphrase', "
                    "'quote' or 'reported')",
                )
        elif claimant not in broken:
            known = [*actors, *people]
            yield kb.problem(
                position,
                ("via",),
                f"unknown claimant '{claimant}' in via: a claim names a person or actor by id"
                f"{hint(claimant, known)}",
            )
