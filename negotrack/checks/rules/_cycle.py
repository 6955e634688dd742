"""What the cycle rules share: following one link from record to record must end."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Protocol, TypeVar


class _Record(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Record)


def cycles(
    records: Iterable[R],
    by_id: Mapping[str, R],
    link: Callable[[R], str | None],
) -> Iterator[tuple[R, list[str]]]:
    """``(record, cycle)`` for each cycle found by following ``link`` from each record
    in turn, once per cycle: ``cycle`` is the ids around it, the first repeated at the end.

    A link to an id not in ``by_id`` ends the chain.
    """
    reported: set[str] = set()
    for record in records:
        chain = [record.id]
        current = record
        while (target := link(current)) is not None and target in by_id:
            if target in chain:
                cycle = [*chain[chain.index(target) :], target]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    yield record, cycle
                break
            chain.append(target)
            current = by_id[target]
