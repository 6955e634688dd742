"""``negotrack matrix``: actors as columns, issues as rows, a symbol per current stance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.analysis.matrix import Cell, MatrixView
from negotrack.analysis.stance import CURRENT_STANCES
from negotrack.render import markdown
from negotrack.render.machine import csv_text, json_text
from negotrack.render.scale import span
from negotrack.render.serialize import record_dict

if TYPE_CHECKING:
    from rich.console import Console

#: Readable without colour; the legend maps them.
SYMBOL = {
    "support": "+",
    "oppose": "-",
    "conditional": "c",
    "ambiguous": "?",
    "mixed": "±",
}
NONE = "·"
ASSESSED_MARK = "*"
RED_LINE_MARK = "!"
LEGEND = (
    "Legend: "
    + "  ".join(f"{SYMBOL[s]} {s}" for s in CURRENT_STANCES)
    + f"  {NONE} no position. The number is how many of the actor's positions on the"
    " issue count; (-) an oppose inherited from a parent issue; "
    f"{ASSESSED_MARK} resting on assessments only; {RED_LINE_MARK} a red line stands."
)


def cell_label(cell: Cell, ranges: bool = False) -> str:
    """``- 7``; ``(-)`` inherited; ``+ 3*`` assessed only; ``!`` when a red line stands;
    with ``ranges`` on a scaled issue the range: ``- 1 1–3`` (``mixed`` when the actor's
    ranges have no option in common)."""
    if cell.stance is None:
        return NONE
    symbol = SYMBOL[cell.stance]
    if cell.inherited_from is not None:
        label = f"({symbol})"
    else:
        label = f"{symbol} {cell.count}" + (ASSESSED_MARK if cell.basis == "assessed" else "")
    label += RED_LINE_MARK if cell.red_line else ""
    if ranges and cell.range is not None:
        label += " " + ("mixed" if cell.range.mixed else span(cell.range.places))
    return label


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
    parts = []
    if view.as_of:
        parts.append(f"As of {view.as_of}.")
    if view.official_only:
        parts.append("Official statements only.")
    return " ".join(parts) or None


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
            *(esc(cell_label(view.cell(a.id, node.issue.id), view.ranges)) for a in view.actors),
        ]
        for node in view.issues
    ]
    out += markdown.table(headers, rows)
    out += ["", esc(LEGEND)]
    out += [line for legend in scale_legends(view) for line in ("", esc(legend))]
    return markdown.document(out)


def to_table(view: MatrixView, console: Console) -> str:
    from negotrack.render import terminal as t

    page = t.Page()
    subtitle = _subtitle(view)
    if subtitle:
        page.text(subtitle)
        page.blank()
    table = t.new_table(
        ("Issue", {"max_width": 28}),
        *((t.kb_text(a.name), {"justify": "center"}) for a in view.actors),
    )
    for node in view.issues:
        cells = []
        for actor in view.actors:
            cell = view.cell(actor.id, node.issue.id)
            style = t.STANCE_STYLE.get(cell.stance or "", "dim")
            cells.append(t.lines((cell_label(cell, view.ranges), style)))
        table.add_row(t.issue_cell(node.issue.name, node.depth, "bold"), *cells)
    page.add(table)
    page.notes([LEGEND, *scale_legends(view)])
    return t.render(page, console)
