"""What the scale rules share: every place a record names an option of an issue's scale,
and every position's acceptable range as places on its issue's scale."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Issue, Position


def option_references(kb: KnowledgeBase) -> Iterator[tuple[Any, tuple[Any, ...], str, Issue]]:
    """``(record, path, option id, issue)`` for each option a position's ``acceptable``
    and ``ideal`` or a provision's ``option`` names, on an issue that exists.

    For a provision, ``record`` is its document and ``path`` runs through it.
    """
    issues = kb.by_id("issues")
    for position in kb.positions:
        issue = issues.get(position.issue)
        if issue is None:
            continue
        for index, option in enumerate(position.acceptable or ()):
            yield position, ("acceptable", index), option, issue
        if position.ideal is not None:
            yield position, ("ideal",), position.ideal, issue
    for document in kb.documents:
        for index, provision in enumerate(document.provisions):
            issue = issues.get(provision.issue)
            if issue is not None and provision.option is not None:
                yield document, ("provisions", index, "option"), provision.option, issue


def ranges(
    kb: KnowledgeBase,
) -> Iterator[tuple[Position, Issue, tuple[str, str], tuple[int | None, int | None]]]:
    """``(position, issue, (low, high), (low place, high place))`` for each position
    with an ``acceptable`` range on an issue that exists: the option ids of its ends,
    and their places on the issue's scale (None for an option the scale does not have)."""
    issues = kb.by_id("issues")
    for position in kb.positions:
        issue = issues.get(position.issue)
        if issue is None or position.acceptable is None:
            continue
        low, high = position.acceptable
        yield position, issue, (low, high), (issue.option_index(low), issue.option_index(high))
