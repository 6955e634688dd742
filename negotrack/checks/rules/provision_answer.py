"""A provision answers its issue: it gives an ``option`` of the issue's scale, a
``stance``, or both."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "provision-without-answer"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for document in kb.documents:
        for index, provision in enumerate(document.provisions):
            if provision.option is None and provision.stance is None:
                yield kb.problem(
                    document,
                    ("provisions", index, "id"),
                    f"provision '{provision.id}' gives neither an option nor a stance "
                    f"on issue '{provision.issue}'",
                )
