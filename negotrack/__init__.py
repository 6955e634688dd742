"""negotrack: track what each party to a negotiation has said it wants.

The library does everything the command line does::

    import negotrack
    kb = negotrack.open_kb("data/positions.yaml")   # raises InvalidKB on errors
    view = negotrack.diff(kb, "ukraine", "us", issues=["territory"])
    print(negotrack.to_text(view, "markdown"))

``check`` loads a KB and returns it with every problem found; ``show``,
``filter_positions``, ``diff``, ``timeline``, ``matrix``, ``zone``,
``source_list`` and ``brief`` return the views the read commands print, as
plain data; ``to_text`` writes any of them as ``table``, ``json``, ``csv`` or
``markdown``, exactly as the command does.

Every name is typed (a type checker sees the imports below); at run time each
is imported on first use, so ``import negotrack`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from negotrack.analysis.brief import brief as brief
    from negotrack.analysis.diff import diff as diff
    from negotrack.analysis.matrix import matrix as matrix
    from negotrack.analysis.query import filter_positions as filter_positions
    from negotrack.analysis.show import show as show
    from negotrack.analysis.sources import source_list as source_list
    from negotrack.analysis.stance import CurrentStance as CurrentStance
    from negotrack.analysis.stance import Filters as Filters
    from negotrack.analysis.stance import stance_of as stance_of
    from negotrack.analysis.timeline import timeline as timeline
    from negotrack.analysis.zone import zone as zone
    from negotrack.checks.validate import Report as Report
    from negotrack.checks.validate import check as check
    from negotrack.checks.validate import open_kb as open_kb
    from negotrack.errors import InvalidKB as InvalidKB
    from negotrack.errors import KBNotFound as KBNotFound
    from negotrack.errors import NegotrackError as NegotrackError
    from negotrack.errors import UnknownName as UnknownName
    from negotrack.errors import UsageError as UsageError
    from negotrack.load.loader import locate as locate
    from negotrack.model.dates import PartialDate as PartialDate
    from negotrack.model.kb import KnowledgeBase as KnowledgeBase
    from negotrack.model.problems import Problem as Problem
    from negotrack.model.records import Actor as Actor
    from negotrack.model.records import Document as Document
    from negotrack.model.records import Event as Event
    from negotrack.model.records import Issue as Issue
    from negotrack.model.records import Person as Person
    from negotrack.model.records import Position as Position
    from negotrack.model.records import Source as Source
    from negotrack.model.records import Term as Term
    from negotrack.render.formats import render_view as to_text  # noqa: F401

#: Where each public name lives: ``name: (module, name there)``.
_EXPORTS = {
    "open_kb": ("negotrack.checks.validate", "open_kb"),
    "check": ("negotrack.checks.validate", "check"),
    "Report": ("negotrack.checks.validate", "Report"),
    "locate": ("negotrack.load.loader", "locate"),
    "show": ("negotrack.analysis.show", "show"),
    "filter_positions": ("negotrack.analysis.query", "filter_positions"),
    "diff": ("negotrack.analysis.diff", "diff"),
    "timeline": ("negotrack.analysis.timeline", "timeline"),
    "matrix": ("negotrack.analysis.matrix", "matrix"),
    "zone": ("negotrack.analysis.zone", "zone"),
    "source_list": ("negotrack.analysis.sources", "source_list"),
    "brief": ("negotrack.analysis.brief", "brief"),
    "to_text": ("negotrack.render.formats", "render_view"),
    "KnowledgeBase": ("negotrack.model.kb", "KnowledgeBase"),
    "Problem": ("negotrack.model.problems", "Problem"),
    "PartialDate": ("negotrack.model.dates", "PartialDate"),
    "Actor": ("negotrack.model.records", "Actor"),
    "Person": ("negotrack.model.records", "Person"),
    "Issue": ("negotrack.model.records", "Issue"),
    "Source": ("negotrack.model.records", "Source"),
    "Event": ("negotrack.model.records", "Event"),
    "Position": ("negotrack.model.records", "Position"),
    "Document": ("negotrack.model.records", "Document"),
    "NegotrackError": ("negotrack.errors", "NegotrackError"),
    "InvalidKB": ("negotrack.errors", "InvalidKB"),
    "KBNotFound": ("negotrack.errors", "KBNotFound"),
    "UsageError": ("negotrack.errors", "UsageError"),
    "UnknownName": ("negotrack.errors", "UnknownName"),
    "Term": ("negotrack.model.records", "Term"),
    "stance_of": ("negotrack.analysis.stance", "stance_of"),
    "Filters": ("negotrack.analysis.stance", "Filters"),
    "CurrentStance": ("negotrack.analysis.stance", "CurrentStance"),
}

__all__ = ["__version__", *_EXPORTS]

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        found = _EXPORTS.get(name)
        if found is None:
            raise AttributeError(f"module 'negotrack' has no attribute {name!r}")
        module, attribute = found
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value  # found once; later uses are plain attribute reads
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_EXPORTS})
