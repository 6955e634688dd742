"""``negotrack filter``: the matching positions, one row each, cited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..query import Selection
from . import describe, markdown
from .cite import Citations
from .machine import POSITION_COLUMNS, Records, csv_text, json_text, position_row

if TYPE_CHECKING:
    from rich.console import Console

NO_MATCH = "No positions match."


def to_json(view: Selection) -> str:
    records = Records(view.kb)
    return json_text([records.position(p) for p in view.positions])


def to_csv(view: Selection) -> str:
    return csv_text(POSITION_COLUMNS, (position_row(view.kb, p) for p in view.positions))


def _notes(view: Selection) -> list[str]:
    return [describe.AS_REPORTED_NOTE] if any(p.as_reported for p in view.positions) else []


def to_markdown(view: Selection) -> str:
    kb, citations, esc = view.kb, Citations(view.kb), markdown.escape
    if not view.positions:
        return markdown.document([NO_MATCH])
    rows = []
    for p in view.positions:
        date = describe.date_label(p) + (f" ({describe.AS_REPORTED})" if p.as_reported else "")
        rows.append(
            [
                esc(date),
                esc(describe.actor_label(kb, p.actor)),
                esc(describe.issue_label(kb, p.issue)),
                esc(describe.stance_label(p.stance, p.firmness)),
                markdown.statement(kb, p, citations),
            ]
        )
    out = markdown.table(["Date", "Actor", "Issue", "Stance", "Statement"], rows)
    out += ["", describe.count_label(len(view.positions), "position") + "."]
    out += markdown.notes(_notes(view))
    out += markdown.references(citations)
    return markdown.document(out)


def to_table(view: Selection, console: Console) -> str:
    from . import terminal as t

    kb, citations = view.kb, Citations(view.kb)
    page = t.Page()
    if not view.positions:
        page.text(NO_MATCH)
        return t.render(page, console)
    table = t.new_table(
        ("Date", {"no_wrap": True}),
        ("Actor / issue", {"max_width": 16}),
        ("Stance", {"no_wrap": True}),
        ("Statement", {"ratio": 1}),
    )
    for p in view.positions:
        table.add_row(
            t.date_cell(p),
            t.lines(
                (describe.actor_label(kb, p.actor), "bold"),
                (describe.issue_label(kb, p.issue), ""),
            ),
            t.stance_cell(p.stance, p.firmness),
            t.statement_cell(kb, p, citations),
            end_section=True,
        )
    page.add(table)
    page.blank()
    page.text(describe.count_label(len(view.positions), "position") + ".")
    page.notes(_notes(view))
    page.references(citations)
    return t.render(page, console)
