"""Did-you-mean: the known names closest to a misspelt one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_matches(name: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` candidates that look like ``name``, best first."""
    return difflib.get_close_matches(name, list(candidates), n=n, cutoff=0.6)


def hint(name: str, candidates: Iterable[str]) -> str:
    """`` — did you mean 'x'?`` or nothing."""
    found = close_matches(name, candidates, n=1)
    return f" — did you mean '{found[0]}'?" if found else ""
