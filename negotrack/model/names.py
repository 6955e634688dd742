"""How a typed name matches an id, name or alias: case-insensitive, with spaces,
hyphens and underscores treated alike (``United States`` = ``united-states``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

_SEPARATORS = re.compile(r"[\s_\-]+")


def normalise(name: str) -> str:
    return _SEPARATORS.sub("-", name.strip().casefold()).strip("-")


def name_keys(record: Any) -> Iterator[tuple[tuple[Any, ...], str]]:
    """``(field path, name)`` for the id, name and each alias of a record."""
    yield ("id",), record.id
    yield ("name",), record.name
    for index, alias in enumerate(getattr(record, "aliases", ())):
        yield ("aliases", index), alias


#: How many distinct names one :class:`Suggester` looks up at most.
MAX_LOOKUPS = 1_000
#: Names longer than this are never looked up: no id or field name is so long,
#: and comparing long strings costs the square of their length.
MAX_NAME = 100
#: How many candidates, found by shared trigrams, are compared in full.
_SHORTLIST = 20
#: How many index entries one suggester may read in all (a bound on time when
#: thousands of ids share most trigrams).
_MAX_POSTINGS = 5_000_000


class Suggester:
    """Did-you-mean for many unknown names against one set of candidates.

    A name is compared in full (difflib's ratio, at least 0.6) only with the
    few candidates that share the most three-letter pieces with it, found
    through an index; each distinct name is looked up once. After
    :data:`MAX_LOOKUPS` names, once the index has been read a bounded number of
    times, and for names longer than :data:`MAX_NAME`, nothing more is looked
    up (:meth:`closest` returns None). So reporting n unknown names against m
    candidates stays linear in n and m, however large both are.
    """

    def __init__(self, candidates: Iterable[str]) -> None:
        self.candidates = list(dict.fromkeys(candidates))
        self._found: dict[str, str | None] = {}
        self._index: dict[str, list[int]] | None = None
        self._postings = _MAX_POSTINGS

    def closest(self, name: str) -> str | None:
        """The candidate closest to ``name``, or None."""
        if name in self._found:
            return self._found[name]
        if len(name) > MAX_NAME or len(self._found) >= MAX_LOOKUPS or self._postings <= 0:
            return None
        self._found[name] = found = self._lookup(name)
        return found

    def _lookup(self, name: str) -> str | None:
        import difflib
        from collections import Counter

        if len(self.candidates) <= _SHORTLIST:  # few enough to compare with them all
            found = difflib.get_close_matches(name, self.candidates, n=1, cutoff=0.6)
            return found[0] if found else None
        if self._index is None:
            self._index = {}
            for number, candidate in enumerate(self.candidates):
                if len(candidate) <= MAX_NAME:
                    for gram in _trigrams(candidate):
                        self._index.setdefault(gram, []).append(number)
        shared: Counter[int] = Counter()
        for gram in _trigrams(name):
            postings = self._index.get(gram)
            if postings:
                self._postings -= len(postings)
                shared.update(postings)
        shortlist = [self.candidates[number] for number, _ in shared.most_common(_SHORTLIST)]
        found = difflib.get_close_matches(name, shortlist, n=1, cutoff=0.6)
        return found[0] if found else None


def _trigrams(text: str) -> set[str]:
    padded = f"\0{text.casefold()}\0"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
