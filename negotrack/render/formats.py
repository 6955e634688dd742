"""Every output format, in one table: its name, what it is for, and how a renderer
writes it.

A renderer is a module (or any object) of ``to_<format>`` functions that turn one
kind of view into text: the read views have :class:`ViewRenderer` (``table``,
``json``, ``csv``, ``markdown``), the check reports :class:`ReportRenderer`
(``text``, ``json``). :func:`render` is the one switch from a format's name to
the renderer's function, so a command never formats output itself and a new
format is one entry in :data:`FORMATS` and one function per renderer.

Format names are matched without regard to case (``JSON`` is ``json``). Every
renderer escapes KB text for its format: :mod:`.terminal` and ``text`` make
control characters visible, :mod:`.machine` writes JSON escapes, :mod:`.markdown`
escapes what markdown would interpret.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from negotrack.errors import UsageError

if TYPE_CHECKING:
    from negotrack.render.page import Screen

V_contra = TypeVar("V_contra", contravariant=True)


class ViewRenderer(Protocol[V_contra]):
    """Renders a read view (``show``, ``filter``, ``diff``, ``timeline``, ``matrix``,
    ``zone``, ``plans``, ``plan``, ``plans compare``, ``sources``)."""

    def to_table(self, view: V_contra, screen: Screen) -> str: ...
    def to_json(self, view: V_contra) -> str: ...
    def to_csv(self, view: V_contra, *, raw: bool = False) -> str: ...
    def to_markdown(self, view: V_contra) -> str: ...


class ReportRenderer(Protocol[V_contra]):
    """Renders a check report (``validate``, ``verify-quotes``)."""

    def to_text(self, view: V_contra) -> str: ...
    def to_json(self, view: V_contra) -> str: ...


@dataclass(frozen=True)
class Options:
    """How to write a format, beyond its name: options some formats read."""

    #: CSV: leave cells a spreadsheet would evaluate as they are (no leading ').
    csv_raw: bool = False
    #: Tables: ``auto`` (colour in a terminal, unless NO_COLOR), ``always`` or ``never``.
    color: str = "auto"


Writer = Callable[[Any, Any, Options], str]


def _table(renderer: Any, view: Any, options: Options) -> str:
    from negotrack.render.page import Screen

    return str(renderer.to_table(view, Screen(options.color)))


def _csv(renderer: Any, view: Any, options: Options) -> str:
    return str(renderer.to_csv(view, raw=options.csv_raw))


@dataclass(frozen=True)
class Format:
    """One output format: ``name`` as given to ``--format``, what it is ``for``."""

    name: str
    purpose: str
    #: Writes a view with a renderer; None for formats only ``export`` writes.
    write: Writer | None = None

    def __str__(self) -> str:
        return self.name


#: Every output format, by name.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("table", "for reading in a terminal", _table),
        Format("text", "one line per problem, FILE:LINE:COL", lambda r, v, o: str(r.to_text(v))),
        Format("json", "one JSON document", lambda r, v, o: str(r.to_json(v))),
        Format("jsonl", "one JSON object a line"),
        Format("csv", "one row a record", _csv),
        Format("markdown", "to paste in a report", lambda r, v, o: str(r.to_markdown(v))),
        Format("sqlite", "a database for sqlite3 and Datasette"),
        Format("svg", "a picture, for a page", lambda r, v, o: str(r.to_svg(v))),
        Format("html", "one page, for a browser", lambda r, v, o: str(r.to_html(v))),
    )
}

#: The formats of each family of commands.
VIEW_FORMATS = ("table", "json", "csv", "markdown")
TIMELINE_FORMATS = (*VIEW_FORMATS, "svg")
BRIEF_FORMATS = ("markdown", "html", "json", "table")
REPORT_FORMATS = ("text", "json")
EXPORT_FORMATS = ("json", "jsonl", "csv", "sqlite")


def get(name: str | Format, allowed: Sequence[str] = tuple(FORMATS)) -> Format:
    """The format called ``name`` (any case), if it is one of ``allowed``."""
    if isinstance(name, Format):
        name = name.name
    found = name.strip().lower()
    if found not in allowed:
        raise UsageError(f"unknown format {name!r}: use {choices(allowed)}")
    return FORMATS[found]


def choices(names: Sequence[str]) -> str:
    """``table, json, csv or markdown``."""
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def render(format: str | Format, renderer: Any, view: Any, options: Options | None = None) -> str:
    """``view`` as text in ``format``, written by ``renderer``'s ``to_<format>``."""
    found = get(format)
    if found.write is None or not hasattr(renderer, "to_" + found.name):
        raise UsageError(f"this view cannot be written as {found.name}")
    return found.write(renderer, view, options or Options())


def render_pieces(
    format: str | Format, renderer: Any, view: Any, options: Options | None = None
) -> Iterable[str]:
    """:func:`render`, in pieces to be written as they come, where the renderer writes
    the format so (``pieces_<format>``: a listing of many positions as JSON), which
    spares holding the whole text at once; else the whole text as one piece."""
    found = get(format)
    pieces = getattr(renderer, "pieces_" + found.name, None)
    if pieces is not None:
        return pieces(view)
    return [render(found, renderer, view, options)]


#: The renderer of each kind of view, by the view's class name.
RENDERERS = {
    "ActorView": "show",
    "Selection": "listing",
    "DiffView": "diff",
    "TimelineView": "timeline",
    "MatrixView": "matrix",
    "SourceList": "sources",
    "ZoneView": "zone",
    "PlansView": "plans",
    "PlanView": "plan",
    "CompareView": "compare",
    "BriefView": "brief",
    "Info": "info",
}


def render_view(view: object, format: str = "table", *, csv_raw: bool = False) -> str:
    """Any view of :mod:`negotrack.analysis` as text in ``format``, exactly as the
    command that shows it writes it (``table`` at the terminal's width)."""
    import importlib

    name = RENDERERS.get(type(view).__name__)
    if name is None:
        raise UsageError(f"not a view negotrack renders: {type(view).__name__}")
    renderer = importlib.import_module(f"negotrack.render.{name}")
    return render(format, renderer, view, Options(csv_raw=csv_raw))
