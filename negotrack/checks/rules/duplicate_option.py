"""Option ids are unique within an issue's scale, and provision ids within a
document. The second use of an id is reported."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "duplicate-option"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for issue in kb.issues:
        yield from _duplicates(kb, issue, "scale", issue.scale, "option")
    for document in kb.documents:
        yield from _duplicates(kb, document, "provisions", document.provisions, "provision")


def _duplicates(
    kb: KnowledgeBase, record: Any, field: str, items: list[Any], noun: str
) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        first = seen.setdefault(item.id, index)
        if first != index:
            _, line, _ = kb.where(record, field, first)
            yield kb.problem(
                record,
                (field, index, "id"),
                f"duplicate {noun} id '{item.id}' in '{record.id}' (first at line {line})",
            )
