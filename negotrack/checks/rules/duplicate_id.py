"""Ids are unique within each section (actors, people, issues, sources, events,
positions), across all the files of a KB. The second use of an id is reported."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem
from negotrack.model.records import NOUN, SECTIONS

ID = "duplicate-id"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for section in SECTIONS:
        first = kb.by_id(section)
        for record in kb.section(section):
            original = first[record.id]
            if original is not record:
                yield kb.problem(
                    record,
                    ("id",),
                    f"duplicate {NOUN[section]} id '{record.id}' "
                    f"(first defined at {original.file}:{original.line})",
                )
