"""What the views of scales share: option numbers and labels, ranges as text, and the
scale drawn as a row of options with a bar per actor (readable without colour)."""

from __future__ import annotations

from collections.abc import Sequence

from negotrack.analysis.ranges import Range
from negotrack.model.records import Issue

#: Marks of the drawing; the legend under it explains them.
BAR, IDEAL, ZONE, GAP = "=", "*", "#", "-"
DRAWING_NOTE = (
    f"[{BAR}{BAR}{BAR}] acceptable range, {IDEAL} ideal, {ZONE} zone of possible agreement, "
    f"{GAP} gap between the ranges."
)


def number(place: int) -> str:
    """An option's number as shown: its place counted from 1."""
    return str(place + 1)


def span(places: Sequence[int], sep: str = "–") -> str:
    """``2–4`` for places 1..3, ``3`` for one place."""
    if not places:
        return ""
    if places[0] == places[-1]:
        return number(places[0])
    return f"{number(places[0])}{sep}{number(places[-1])}"


def range_label(issue: Issue, found: Range | None) -> str:
    """``2–3 shared … demilitarised``, ``mixed: no option in common`` or ``no range``."""
    if found is None:
        return "no range"
    if found.mixed:
        return "mixed: no option in common"
    places = found.places
    first, last = issue.scale[places[0]].id, issue.scale[places[-1]].id
    ids = first if first == last else f"{first} … {last}"
    return f"{span(places)} {ids}"


def legend_lines(issue: Issue) -> list[str]:
    """``1 north-keeps: Northland keeps it`` for each option."""
    return [f"{number(i)} {o.id}: {o.label}" for i, o in enumerate(issue.scale)]


def cell_width(options: int, room: int) -> int:
    """The width of one option's column when ``room`` columns are left for them."""
    return max(3, min(9, room // max(options, 1)))


def header_row(options: int, width: int) -> str:
    return "".join(number(i).center(width) for i in range(options))


def bar_row(options: int, width: int, found: Range) -> str:
    """The range as ``[===*==]`` across the options' columns."""
    if found.low is None or found.high is None:
        return ""
    start, end = found.low * width, (found.high + 1) * width
    chars = [" "] * (options * width)
    for i in range(start, end):
        chars[i] = BAR
    chars[start], chars[end - 1] = "[", "]"
    if found.ideal is not None:
        centre = found.ideal * width + width // 2
        chars[centre] = IDEAL
    return "".join(chars).rstrip()


def zone_row(options: int, width: int, zone: Sequence[int], edges: tuple[int, int] | None) -> str:
    """The zone filled with ``#``; without one, the gap from the lowest HIGH to the
    highest LOW drawn with ``-``."""
    chars = [" "] * (options * width)
    for place in zone:
        for i in range(place * width, (place + 1) * width):
            chars[i] = ZONE
    if not zone and edges is not None:
        top_low, bottom_high = edges
        for i in range(bottom_high * width + width // 2, top_low * width + width // 2 + 1):
            chars[i] = GAP
    return "".join(chars).rstrip()
