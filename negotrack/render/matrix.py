"""``negotrack matrix``: actors as columns, issues as rows, a symbol per current stance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from negotrack.analysis.matrix import Cell, MatrixView
from negotrack.analysis.stance import CURRENT_STANCES
from negotrack.model.plain import record_dict
from negotrack.model.records import Actor
from negotrack.model.safetext import visible
from negotrack.render import describe, markdown
from negotrack.render.machine import csv_text, json_text
from negotrack.render.scale import span

if TYPE_CHECKING:
    from rich.text import Text

    from negotrack.render.page import Screen

#: Marks that read as a stance even without colour, and never as arithmetic.
SYMBOL = {
    "support": "✓",
    "oppose": "✗",
    "conditional": "◇",
    "ambiguous": "?",
    "mixed": "◐",
}
NONE = "·"
ASSESSED_MARK = "*"
RED_LINE_MARK = "!"
INHERITED_MARK = "↑"
#: How much a cell says, widest first: ``✗ oppose (7)``, ``✗ (7)``, ``✗ 7``.
STYLES = ("words", "symbol", "compact")


def legend(style: str = "words") -> str:
    count = "7" if style == "compact" else "(7)"
    return (
        "Legend: "
        + "  ".join(f"{SYMBOL[s]} {s}" for s in CURRENT_STANCES)
        + f"  {NONE} no position. {count}: how many of the actor's positions on the issue"
        f" count; {INHERITED_MARK} an oppose inherited from a parent issue;"
        f" {ASSESSED_MARK} resting on assessments only; {RED_LINE_MARK} a red line stands."
    )


LEGEND = legend()


def cell_label(cell: Cell, style: str = "words", ranges: bool = False) -> str:
    """``✗ oppose (7)``; ``✗ (7)`` or ``✗ 7`` where there is no room for the word;
    ``✗ oppose ↑`` inherited; ``✓ support (3)*`` assessed only; ``!`` when a red line
    stands; with ``ranges`` on a scaled issue the range: ``✗ oppose (1) 1–3``
    (``mixed`` when the actor's ranges have no option in common)."""
    if cell.stance is None:
        return NONE
    return _mark(cell, style) + _count(cell, style) + _range(cell, ranges)


def _range(cell: Cell, ranges: bool) -> str:
    if not ranges or cell.range is None:
        return ""
    return " " + ("mixed" if cell.range.mixed else span(cell.range.places))


def _mark(cell: Cell, style: str) -> str:
    assert cell.stance is not None
    symbol = SYMBOL[cell.stance]
    return f"{symbol} {cell.stance}" if style == "words" else symbol


def _count(cell: Cell, style: str) -> str:
    """The count apart from the mark, and the marks of what the stance rests on."""
    if cell.inherited_from is not None:
        text = f" {INHERITED_MARK}"
    else:
        text = f" {cell.count}" if style == "compact" else f" ({cell.count})"
        text += ASSESSED_MARK if cell.basis == "assessed" else ""
    return text + (RED_LINE_MARK if cell.red_line else "")


def _cell_json(issue: Any, cell: Cell) -> dict[str, Any]:
    return {
        "stance": cell.stance,
        "count": cell.count,
        "range": _range_ids(issue, cell),
        "basis": cell.basis,
        "inherited_from": cell.inherited_from,
        "red_line": cell.red_line,
    }


def scale_legends(view: MatrixView) -> list[str]:
    """``Scale of Valley: 1 north-keeps, 2 shared, …`` for each issue whose cells show
    a range (only for a matrix of named issues)."""
    out: list[str] = []
    if not view.ranges:
        return out
    for node in view.issues:
        if any(view.cell(a.id, node.issue.id).range for a in view.actors):
            options = ", ".join(f"{i + 1} {o.id}" for i, o in enumerate(node.issue.scale))
            out.append(f"Scale of {node.issue.name}, from no to yes: {options}.")
    return out


def _range_ids(node_issue: Any, cell: Cell) -> list[str] | None:
    if cell.range is None or cell.range.low is None or cell.range.high is None:
        return None
    return [node_issue.scale[cell.range.low].id, node_issue.scale[cell.range.high].id]


def to_json(view: MatrixView) -> str:
    document = {
        "actors": [record_dict(a) for a in view.actors],
        "issues": [record_dict(n.issue) for n in view.issues],
        "cells": [
            {
                "actor": actor.id,
                "issue": node.issue.id,
                **_cell_json(node.issue, view.cell(actor.id, node.issue.id)),
            }
            for node in view.issues
            for actor in view.actors
        ],
        "kb": view.kb.path or None,
    }
    return json_text(document)


def csv_columns(view: MatrixView) -> list[str]:
    """``issue``, ``issue_name``, ``parent``, then ``ACTOR`` and ``ACTOR_count`` per actor,
    and ``ACTOR_range`` (``LOW..HIGH`` option ids) when an issue in view has a scale."""
    scaled = view.ranges and any(node.issue.scale for node in view.issues)
    columns = ["issue", "issue_name", "parent"]
    for actor in view.actors:
        columns += [actor.id, f"{actor.id}_count"]
        if scaled:
            columns.append(f"{actor.id}_range")
    return columns


def to_csv(view: MatrixView, *, raw: bool = False) -> str:
    rows = []
    for node in view.issues:
        row: dict[str, Any] = {
            "issue": node.issue.id,
            "issue_name": node.issue.name,
            "parent": node.issue.parent,
        }
        for actor in view.actors:
            cell = view.cell(actor.id, node.issue.id)
            row[actor.id] = cell.stance
            row[f"{actor.id}_count"] = cell.count
            ids = _range_ids(node.issue, cell)
            if not view.ranges:
                continue
            row[f"{actor.id}_range"] = (
                "mixed" if cell.range and cell.range.mixed else ("..".join(ids) if ids else None)
            )
        rows.append(row)
    return csv_text(csv_columns(view), rows, raw=raw)


def _subtitle(view: MatrixView) -> str | None:
    return " ".join(describe.scope_labels(view.as_of, view.official_only)) or None


def to_markdown(view: MatrixView) -> str:
    esc = markdown.escape
    out = []
    subtitle = _subtitle(view)
    if subtitle:
        out += [esc(subtitle), ""]
    headers = ["Issue", *(esc(a.name) for a in view.actors)]
    rows = [
        [
            markdown.indent(node.depth) + esc(node.issue.name),
            *(
                esc(cell_label(view.cell(a.id, node.issue.id), "words", view.ranges))
                for a in view.actors
            ),
        ]
        for node in view.issues
    ]
    out += markdown.table(headers, rows)
    out += ["", esc(LEGEND)]
    out += [line for legend in scale_legends(view) for line in ("", esc(legend))]
    return markdown.document(out, view.kb)


def abbreviation(actor: Actor) -> str:
    """The shortest of an actor's id and aliases (the id on a tie): a column header
    that fits where the name would have to be broken."""
    return min([actor.id, *actor.aliases], key=len)


#: Space between two columns of a terminal table (see ``terminal.new_table``).
_GAP = 2
#: The widest the issue column grows to before actor columns give up their names;
#: past it, names wrap between words.
_ISSUE_WIDTH = 28
#: What starts the second and later lines of a wrapped issue name, after the name's
#: own indent: an odd step, so that it never reads as an issue one level down.
_HANG = " "


def _longest_word(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for word in text.split()), default=0)


@dataclass(frozen=True)
class _Layout:
    """How the matrix is drawn: the header and width of every actor's column, the
    cell style, the issue column's width, and the actors of each table (one table
    unless the actors do not fit side by side, then several, one under another)."""

    headers: list[str]
    style: str
    issue_width: int
    actor_widths: list[int]
    groups: list[list[int]]


def _widths(view: MatrixView, headers: list[str], wrap: bool, style: str) -> list[int]:
    from rich.cells import cell_len

    widths = []
    for actor, header in zip(view.actors, headers, strict=True):
        head = _longest_word(header) if wrap else cell_len(header)
        column = [view.cell(actor.id, n.issue.id) for n in view.issues]
        body = max((cell_len(cell_label(c, style, view.ranges)) for c in column), default=1)
        widths.append(max(head, body))
    return widths


def _used(widths: list[int], group: list[int]) -> int:
    return sum(widths[i] + _GAP for i in group)


def _groups(widths: list[int], room: int) -> list[list[int]] | None:
    """The actors in as few tables as fit ``room`` beside the issue column, in their
    order and as evenly shared as the widths allow; None if one actor alone is too wide."""
    if any(w + _GAP > room for w in widths):
        return None
    greedy: list[list[int]] = [[]]
    for i, w in enumerate(widths):
        if greedy[-1] and _used(widths, greedy[-1]) + w + _GAP > room:
            greedy.append([])
        greedy[-1].append(i)
    size = -(-len(widths) // len(greedy))
    even = [list(range(k, min(k + size, len(widths)))) for k in range(0, len(widths), size)]
    if len(even) == len(greedy) and all(_used(widths, g) <= room for g in even):
        return even
    return greedy


def _layout(view: MatrixView, width: int) -> _Layout:
    """Column headers, cell style and widths that fit ``width`` without breaking a
    word of an actor's or an issue's name: full names on one line, then wrapped
    between words, then abbreviated by alias; stance words, then symbols alone;
    and when even that is too wide, the actors split over several tables."""
    from rich.cells import cell_len

    indented = [(2 * n.depth, _shown(n.issue.name)) for n in view.issues]
    # A wrapped name's later lines hang one step in: its longest word must fit there.
    issue_min = max(
        [pad + len(_HANG) + _longest_word(name) for pad, name in indented] + [len("Issue")]
    )
    issue_full = max([pad + cell_len(name) for pad, name in indented] + [len("Issue")])
    issue_want = max(issue_min, min(_ISSUE_WIDTH, issue_full))
    full = [a.name for a in view.actors]
    short = [abbreviation(a) for a in view.actors]
    attempts = [
        (headers, wrap, style)
        for style in STYLES
        for headers, wrap in ((full, False), (full, True), (short, False))
    ]
    everyone = list(range(len(view.actors)))
    # First a layout where issue names get their room, then one where they wrap.
    for issue_width in dict.fromkeys((issue_want, issue_min)):
        for headers, wrap, style in attempts:
            widths = _widths(view, headers, wrap, style)
            used = _used(widths, everyone)
            if used + issue_width <= width:
                room = min(issue_full, width - used)
                return _Layout(headers, style, room, widths, [everyone])
    # Too many actors for one table: several, each with the issue column, in the
    # style that needs the fewest tables (the fuller one of two that need as many).
    best: _Layout | None = None
    for style in ("symbol", "compact"):
        widths = _widths(view, short, False, style)
        groups = _groups(widths, width - issue_min)
        if groups is not None and (best is None or len(groups) < len(best.groups)):
            used = max(_used(widths, g) for g in groups)
            room = min(issue_full, width - used)
            best = _Layout(short, style, room, widths, groups)
    if best is not None:
        return best
    # Not even one actor beside the issue column (a very deep tree): one per table.
    widths = _widths(view, short, False, "compact")
    return _Layout(short, "compact", issue_min, widths, [[i] for i in everyone])


def _shown(name: str) -> str:
    """A name as the terminal shows it: control characters made visible, on one line."""
    return visible(name, keep_newlines=False)


def _issue_name(name: str, width: int) -> str:
    """``name`` wrapped between words to ``width`` terminal cells, later lines
    hanging one step in; a word longer than the line is left whole."""
    from rich.cells import cell_len

    lines: list[str] = []
    for word in name.split():
        if lines and cell_len(lines[-1]) + 1 + cell_len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append((_HANG if lines else "") + word)
    return "\n".join(lines)


def to_table(view: MatrixView, screen: Screen) -> str:
    from rich.padding import Padding

    from negotrack.render import terminal as t
    from negotrack.render.page import Page, render

    page = Page()
    subtitle = _subtitle(view)
    if subtitle:
        page.text(subtitle)
        page.blank()
    layout = _layout(view, screen.width)
    for number, group in enumerate(layout.groups):
        if number:
            page.blank()
        table = t.new_table(
            ("Issue", {"width": layout.issue_width}),
            *(
                (t.kb_text(layout.headers[i]), {"justify": "left", "width": layout.actor_widths[i]})
                for i in group
            ),
        )
        for node in view.issues:
            cells = []
            for i in group:
                cell = view.cell(view.actors[i].id, node.issue.id)
                cells.append(_stance_text(cell, layout.style, view.ranges))
            # Padding keeps a wrapped name indented under its first line.
            pad = 2 * node.depth
            name = t.kb_text(_issue_name(_shown(node.issue.name), layout.issue_width - pad), "bold")
            table.add_row(Padding(name, (0, 0, 0, pad)), *cells)
        page.add(table)
    notes = [legend(layout.style), *scale_legends(view)]
    abbreviated = [
        f"{header} = {actor.name}"
        for header, actor in zip(layout.headers, view.actors, strict=True)
        if header.casefold() != actor.name.casefold()
    ]
    if abbreviated:
        notes.append("Columns: " + ", ".join(abbreviated) + ".")
    page.notes(notes)
    return render(page, screen, view.kb)


def _stance_text(cell: Cell, style: str, ranges: bool = False) -> Text:
    """The cell with colour on the stance mark and word only, never on the count."""
    from rich.text import Text

    from negotrack.render.page import STANCE_STYLE

    if cell.stance is None:
        return Text(NONE, style="dim")
    text = Text(_mark(cell, style), style=STANCE_STYLE.get(cell.stance, ""))
    text.append(_count(cell, style) + _range(cell, ranges))
    return text
