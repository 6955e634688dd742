"""``negotrack timeline``: positions and events in date order, shifts marked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack import jsontext
from negotrack.analysis.timeline import Entry, TimelineView
from negotrack.jsontext import Raw
from negotrack.model.kb import ListedRow
from negotrack.model.plain import DEPTH
from negotrack.model.records import Position
from negotrack.render import describe, markdown
from negotrack.render.citations import Citations
from negotrack.render.machine import (
    COUNT_COLUMNS,
    POSITION_COLUMNS,
    Composed,
    Records,
    chunks,
    count_fields,
    csv_text,
    json_array_pieces,
    position_row,
    source_columns,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from negotrack.render.page import Screen

#: Columns of ``timeline --format csv``: what each entry is, its date and shift, the
#: position's columns (empty for an event), then an event's title and actors.
CSV_COLUMNS = ("kind", "shift", "previous", *POSITION_COLUMNS, "title", "actors", *COUNT_COLUMNS)
NOTHING = "Nothing in this period."


def to_svg(view: TimelineView) -> str:
    """The timeline picture (see :func:`negotrack.render.svg.timeline_svg`)."""
    _written_only(view)
    from negotrack.render.svg import timeline_svg

    return timeline_svg(view)


def to_json(view: TimelineView) -> str:
    return "".join(pieces_json(view))


def pieces_json(view: TimelineView) -> Iterator[str]:
    """:func:`to_json` in pieces, an entry at a time (a timeline of a whole KB has an
    entry per position): each is written and dropped before the next is built."""
    return json_array_pieces(_json_entries(view))


def _written_only(view: TimelineView) -> None:
    if view.listed is not None:
        raise ValueError("a timeline read for its JSON is written only as JSON")


def _head(row: ListedRow) -> str:
    """The members an entry of a listed position starts with (as
    :func:`~negotrack.jsontext.members` writes them at
    :data:`~negotrack.model.plain.DEPTH`): what it is, its date, shift and
    previous position."""
    shift = "null" if row.shift is None else jsontext.string(row.shift)
    previous = "null" if row.previous is None else jsontext.string(row.previous)
    # A date is digits and hyphens: nothing to escape.
    return _BETWEEN.join(
        (
            '"kind": "position"',
            f'"date": "{row.date}"',
            f'"shift": {shift}',
            f'"previous": {previous}',
        )
    )


_BETWEEN = "," + jsontext.PADS[DEPTH + 1]


def _json_entries(view: TimelineView) -> Iterator[dict[str, Any] | Composed | Raw]:
    records = Records(view.kb)
    if view.listed is not None:  # read for this listing: written JSON only
        counts: dict[str | None, str] = {}
        for item in view.listed_entries():
            if isinstance(item, Entry):
                assert item.event is not None
                head = {"kind": "event", "date": str(item.date), "shift": None}
                yield {**head, "previous": None, **records.event(item.event)}
                continue
            row, reason = item
            after = counts.get(reason)
            if after is None:
                after = counts[reason] = jsontext.members(count_fields(reason), DEPTH)
            yield records.listed(row, after, _head(row))
        return
    for chunk in chunks(view.entries):
        records.fetch(e.position for e in chunk if e.position is not None)
        for entry in chunk:
            head = {"kind": entry.kind, "date": str(entry.date), "shift": entry.shift}
            head["previous"] = entry.previous.id if entry.previous else None
            if entry.position is not None:
                yield records.position(entry.position, head, count_fields(entry.not_counted))
            elif entry.event is not None:
                yield {**head, **records.event(entry.event)}


def to_csv(view: TimelineView, *, raw: bool = False) -> str:
    _written_only(view)
    rows = []
    for entry in view.entries:
        row: dict[str, Any] = {
            "kind": entry.kind,
            "shift": entry.shift,
            "previous": entry.previous.id if entry.previous else None,
        }
        if entry.position is not None:
            row.update(position_row(view.kb, entry.position))
            row.update(count_fields(entry.not_counted))
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
    return csv_text(CSV_COLUMNS, rows, raw=raw)


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
    _written_only(view)
    citations, esc = Citations(view.kb), markdown.escape
    if not view.entries:
        return markdown.document([NOTHING], view.kb)
    rows = []
    for entry in view.entries:
        if entry.position is not None:
            rows.append(
                markdown.position_row(
                    view.kb,
                    entry.position,
                    citations,
                    describe.shift_label(entry.shift),
                    previous_label(entry),
                    entry.not_counted,
                )
            )
        elif entry.event is not None:
            e = entry.event
            title = f"**{esc(e.title)}** {citations.mark(e.source)}"
            rows.append([esc(str(e.date)), esc(_actors(view, e.actors)), "", "**event**", title])
    out = markdown.table(markdown.POSITION_HEADERS, rows)
    out += markdown.notes(_notes(view))
    out += markdown.references(citations)
    return markdown.document(out, view.kb)


def to_table(view: TimelineView, screen: Screen) -> str:
    _written_only(view)
    from negotrack.render import terminal as t
    from negotrack.render.page import Page, add_position, position_table, render

    citations = Citations(view.kb)
    page = Page()
    if not view.entries:
        page.text(NOTHING)
        return render(page, screen, view.kb)
    table = position_table()
    for entry in view.entries:
        if entry.position is not None:
            p = entry.position
            add_position(
                table, view.kb, p, citations, entry.shift, previous_label(entry), entry.not_counted
            )
        elif entry.event is not None:
            e = entry.event
            table.add_row(
                t.kb_text(str(e.date), "bold"),
                t.kb_text(_actors(view, e.actors), "bold"),
                t.lines(("event", "bold cyan")),
                t.lines((f"{e.title} {citations.mark(e.source)}", "bold")),
                end_section=True,
            )
    page.add(table)
    page.notes(_notes(view))
    page.references(citations)
    return render(page, screen, view.kb)
