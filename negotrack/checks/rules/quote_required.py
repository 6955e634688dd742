"""A position whose evidence is ``quote`` carries the speaker's words in ``quote``."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "quote-required"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for position in kb.positions:
        if position.evidence == "quote" and position.quote is None:
            yield kb.problem(
                position,
                ("evidence",),
                "evidence is 'quote' but the position has no quote; add the words "
                "verbatim, or use evidence 'paraphrase'",
            )
