"""negotrack: track what each party to a negotiation has said it wants.

The library does everything the command line does::

    import negotrack
    kb = negotrack.open_kb("data/positions.yaml")   # raises InvalidKB on errors
    report = negotrack.check("data/positions.yaml")  # KB plus every problem found

Names are imported on first use, so ``import negotrack`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "check": "negotrack.checks.validate",
    "open_kb": "negotrack.checks.validate",
    "Report": "negotrack.checks.validate",
    "load": "negotrack.load.loader",
    "locate": "negotrack.load.loader",
    "KnowledgeBase": "negotrack.model.kb",
    "Problem": "negotrack.model.problems",
    "PartialDate": "negotrack.model.dates",
    "Actor": "negotrack.model.records",
    "Person": "negotrack.model.records",
    "Issue": "negotrack.model.records",
    "Source": "negotrack.model.records",
    "Event": "negotrack.model.records",
    "Position": "negotrack.model.records",
    "Term": "negotrack.model.records",
    "stance_of": "negotrack.analysis.stance",
    "Filters": "negotrack.analysis.stance",
    "CurrentStance": "negotrack.analysis.stance",
    "NegotrackError": "negotrack.errors",
    "InvalidKB": "negotrack.errors",
    "KBNotFound": "negotrack.errors",
    "UsageError": "negotrack.errors",
    "UnknownName": "negotrack.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'negotrack' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
