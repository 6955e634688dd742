"""``negotrack timeline``: positions and events in date order, shifts marked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..analysis.timeline import Entry, TimelineView
from ..model import Position
from . import describe, markdown
from .cite import Citations
from .machine import (
    POSITION_COLUMNS,
    Records,
    csv_text,
    json_text,
    position_row,
    source_columns,
)

if TYPE_CHECKING:
    from rich.console import Console

#: Columns of ``timeline --format csv``: what each entry is, its date and shift, the
#: position's columns (empty for an event), then an event's title and actors.
CSV_COLUMNS = ("kind", "shift", "previous", *POSITION_COLUMNS, "title", "actors")
NOTHING = "Nothing in this period."


def to_json(view: TimelineView) -> str:
    records = Records(view.kb)
    out: list[dict[str, Any]] = []
    for entry in view.entries:
        head = {"kind": entry.kind, "date": str(entry.date), "shift": entry.shift}
        head["previous"] = entry.previous.id if entry.previous else None
        if entry.position is not None:
            out.append({**head, **records.position(entry.position)})
        elif entry.event is not None:
            out.append({**head, **records.event(entry.event)})
    return json_text(out)


def to_csv(view: TimelineView) -> str:
    rows = []
    for entry in view.entries:
        row: dict[str, Any] = {
            "kind": entry.kind,
            "shift": entry.shift,
            "previous": entry.previous.id if entry.previous else None,
        }
        if entry.position is not None:
            row.update(position_row(view.kb, entry.position))
        elif entry.event is not None:
            e = entry.event
            row.update(
                id=e.id,
                date=e.date,
                title=e.title,
                actors=e.actors,
                note=e.note,
                source=e.source,
                file=e.file,
                line=e.line,
            )
            row.update(source_columns(view.kb.source(e.source)))
        rows.append(row)
    return csv_text(CSV_COLUMNS, rows)


def previous_label(entry: Entry) -> str | None:
    """``after oppose on 2024-12 (zelensky-territory-2024-12)`` for a shift."""
    previous: Position | None = entry.previous
    if entry.shift is None or previous is None:
        return None
    return f"shift from {previous.stance} of {previous.when} ({previous.id})"


def _actors(view: TimelineView, ids: list[str]) -> str:
    return ", ".join(describe.actor_label(view.kb, a) for a in ids)


def _notes(view: TimelineView) -> list[str]:
    reported = any(e.position is not None and e.position.as_reported for e in view.entries)
    return [describe.AS_REPORTED_NOTE] if reported else []


def to_markdown(view: TimelineView) -> str:
    kb, citations, esc = view.kb, Citations(view.kb), markdown.escape
    if not view.entries:
        return markdown.document([NOTHING])
    rows = []
    for entry in view.entries:
        if entry.event is not None:
            e = entry.event
            rows.append(
                [
                    esc(str(e.date)),
                    esc(_actors(view, e.actors)),
                    "**event**",
                    f"**{esc(e.title)}** {citations.mark(e.source)}",
                ]
            )
            continue
        p = entry.position
        assert p is not None
        date = describe.date_label(p) + (f" ({describe.AS_REPORTED})" if p.as_reported else "")
        stance = esc(describe.stance_label(p.stance, p.firmness))
        if entry.shift:
            stance += f"<br>**{esc(describe.shift_label(entry.shift) or '')}**"
        statement = markdown.statement(kb, p, citations)
        shift = previous_label(entry)
        if shift:
            statement += "<br>" + esc(shift)
        who = f"{describe.actor_label(kb, p.actor)}: {describe.issue_label(kb, p.issue)}"
        rows.append([esc(date), esc(who), stance, statement])
    out = markdown.table(["Date", "Actor: issue", "Stance", "Statement"], rows)
    out += markdown.notes(_notes(view))
    out += markdown.references(citations)
    return markdown.document(out)


def to_table(view: TimelineView, console: Console) -> str:
    from . import terminal as t

    kb, citations = view.kb, Citations(view.kb)
    page = t.Page()
    if not view.entries:
        page.text(NOTHING)
        return t.render(page, console)
    table = t.new_table(
        ("Date", {"no_wrap": True}),
        ("Actor / issue", {"max_width": 16}),
        ("Stance", {"no_wrap": True}),
        ("Statement", {"ratio": 1}),
    )
    for entry in view.entries:
        if entry.event is not None:
            e = entry.event
            table.add_row(
                t.kb_text(str(e.date), "bold"),
                t.kb_text(_actors(view, e.actors), "bold"),
                t.lines(("event", "bold cyan")),
                t.lines((f"{e.title} {citations.mark(e.source)}", "bold")),
                end_section=True,
            )
            continue
        p = entry.position
        assert p is not None
        table.add_row(
            t.date_cell(p),
            t.lines(
                (describe.actor_label(kb, p.actor), "bold"),
                (describe.issue_label(kb, p.issue), ""),
            ),
            t.stance_cell(p.stance, p.firmness, entry.shift),
            t.statement_cell(kb, p, citations, previous_label(entry)),
            end_section=True,
        )
    page.add(table)
    page.notes(_notes(view))
    page.references(citations)
    return t.render(page, console)
