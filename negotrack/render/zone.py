"""``negotrack zone``: the scale, each actor's range, and the zone of possible agreement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.analysis.zone import ActorRange, ZoneView
from negotrack.model.plain import record_dict
from negotrack.model.records import Position
from negotrack.render import describe, markdown, scale
from negotrack.render.citations import Citations
from negotrack.render.machine import Records, csv_text, json_text

if TYPE_CHECKING:
    from negotrack.render.page import Screen

#: Columns of ``zone --format csv``: one row per actor.
CSV_COLUMNS = (
    "issue",
    "actor",
    "actor_name",
    "stance",
    "range_low",
    "range_high",
    "ideal",
    "mixed",
    "basis",
    "red_line",
    "counted",
    "positions",
    "zone",
    "gap",
)
RED_LINE = "RED LINE"
ASSESSMENT_NOTE = (
    "assessment: the range rests on an analyst's assessment, not on the actor's own words."
)


def _positions(row: ActorRange) -> list[Position]:
    """What a row cites: the positions its range rests on, else its current positions."""
    if row.range is not None:
        return row.range.positions
    return row.current.positions if row.current is not None else []


def _ids(view: ZoneView, places: list[int]) -> list[str]:
    return view.option_ids(places)


def _range_ids(view: ZoneView, row: ActorRange) -> list[str] | None:
    if row.range is None or row.range.low is None or row.range.high is None:
        return None
    return _ids(view, [row.range.low, row.range.high])


def _ideal(view: ZoneView, row: ActorRange) -> str | None:
    if row.range is None or row.range.ideal is None:
        return None
    return view.issue.scale[row.range.ideal].id


def to_json(view: ZoneView) -> str:
    records = Records(view.kb)
    document: dict[str, Any] = {
        "issue": record_dict(view.issue),
        "as_of": str(view.as_of) if view.as_of else None,
        "scale": [record_dict(option) for option in view.issue.scale],
        "actors": [
            {
                "actor": record_dict(row.actor),
                "stance": row.current.stance if row.current else None,
                "range": _range_ids(view, row),
                "ideal": _ideal(view, row),
                "mixed": bool(row.range and row.range.mixed),
                "basis": row.range.basis if row.range else None,
                "red_line": _red_line(row),
                "positions": [records.position(p) for p in _positions(row)],
            }
            for row in view.actors
        ],
        "zone": _ids(view, view.agreement.zone),
        "gap": view.agreement.gap,
        "binding": view.agreement.binding,
    }
    if view.history is not None:
        document["history"] = [
            {"date": str(change.date), "zone": _ids(view, change.zone), "gap": change.gap}
            for change in view.history
        ]
    document["kb"] = view.kb.path or None
    return json_text(document)


def to_csv(view: ZoneView, *, raw: bool = False) -> str:
    rows = []
    for row in view.actors:
        low, high = _range_ids(view, row) or (None, None)
        rows.append(
            {
                "issue": view.issue.id,
                "actor": row.actor.id,
                "actor_name": row.actor.name,
                "stance": row.current.stance if row.current else None,
                "range_low": low,
                "range_high": high,
                "ideal": _ideal(view, row),
                "mixed": bool(row.range and row.range.mixed),
                "basis": row.range.basis if row.range else None,
                "red_line": _red_line(row),
                "counted": row.counted,
                "positions": [p.id for p in _positions(row)],
                "zone": _ids(view, view.agreement.zone),
                "gap": view.agreement.gap,
            }
        )
    return csv_text(CSV_COLUMNS, rows, raw=raw)


def _range_text(view: ZoneView, row: ActorRange) -> str:
    if row.current is None:
        return "no position"
    return scale.range_label(view.issue, row.range)


def _red_line(row: ActorRange) -> bool:
    """Whether a red line of the actor on the issue stands (the stance rules)."""
    return bool(row.current and row.current.red_line)


def _title(view: ZoneView) -> list[str]:
    issue = view.issue
    lines = [issue.name + (f": {issue.question}" if issue.question else "")]
    qualifiers = describe.scope_labels(view.as_of, view.official_only)
    if qualifiers:
        lines.append(" ".join(qualifiers))
    return lines


def _names(view: ZoneView, ids: list[str]) -> str:
    names = {a.actor.id: a.actor.name for a in view.actors}
    return ", ".join(names.get(i, i) for i in ids)


def verdict_label(view: ZoneView) -> str:
    """One sentence: the zone and who bounds it, or the gap and who binds it."""
    agreement = view.agreement
    if agreement.edges is None:
        return "No actor has a range on this scale: no zone can be drawn."
    counted = [row for row in view.actors if row.counted]
    if agreement.zone and len(counted) == 1:
        return f"Only {counted[0].actor.name} has a range: no other actor's to meet it."
    if agreement.zone:
        ids = _ids(view, agreement.zone)
        options = ids[0] if len(ids) == 1 else f"{ids[0]} … {ids[-1]}"
        return (
            f"Zone of possible agreement: {scale.span(agreement.zone)} ({options}), "
            f"bounded by {_names(view, agreement.binding)}."
        )
    steps = describe.count_label(agreement.gap, "step")
    binding = _names(view, agreement.binding)
    return f"No zone of possible agreement: a gap of {steps}, bound by {binding}."


def _row_notes(view: ZoneView, row: ActorRange) -> list[str]:
    notes = []
    if row.current is None:
        notes.append("no position")
    elif row.range is None:
        notes.append(f"{row.current.stance}, no range: not counted")
    elif row.range.mixed:
        notes.append("mixed: no option in common, left out of the zone")
    if row.range is not None and row.range.basis == "assessment":
        notes.append("assessment")
    if _red_line(row):
        notes.append(RED_LINE)
    return notes


def _notes(view: ZoneView) -> list[str]:
    notes = []
    positions = [p for row in view.actors for p in _positions(row)]
    if any(row.range is not None and row.range.basis == "assessment" for row in view.actors):
        notes.append(ASSESSMENT_NOTE)
    if any(p.as_reported for p in positions):
        notes.append(describe.AS_REPORTED_NOTE)
    return notes


def _history_lines(view: ZoneView) -> list[str]:
    lines = []
    for change in view.history or ():
        if change.zone:
            ids = _ids(view, change.zone)
            options = ids[0] if len(ids) == 1 else f"{ids[0]} … {ids[-1]}"
            what = f"zone {scale.span(change.zone)} ({options})"
        else:
            what = f"no zone, gap of {describe.count_label(change.gap, 'step')}"
        lines.append(f"{change.date}: {what}; bound by {_names(view, change.binding)}")
    return lines


def to_markdown(view: ZoneView) -> str:
    citations, esc = Citations(view.kb), markdown.escape
    title, *qualifiers = _title(view)
    out = [f"## {esc(title)}", ""]
    out += [*(esc(line) for line in qualifiers), ""] if qualifiers else []
    out += markdown.table(
        ["#", "Option", "Label", "Description"],
        [
            [scale.number(i), esc(o.id), esc(o.label), esc(o.description or "")]
            for i, o in enumerate(view.issue.scale)
        ],
    )
    out.append("")
    rows = []
    for row in view.actors:
        cited = "<br><br>".join(markdown.statement(view.kb, p, citations) for p in _positions(row))
        ideal = _ideal(view, row)
        range_text = _range_text(view, row)
        if ideal:
            range_text += f", ideal {ideal}"
        rows.append(
            [
                esc(row.actor.name),
                esc(range_text),
                esc("; ".join(_row_notes(view, row))),
                cited,
            ]
        )
    if rows:
        out += [*markdown.table(["Actor", "Range", "Notes", "Rests on"], rows), ""]
    out.append(esc(verdict_label(view)))
    if view.history is not None:
        out += ["", "### History", ""]
        out += [f"- {esc(line)}" for line in _history_lines(view)] or ["- No range yet."]
    out += markdown.notes(_notes(view))
    out += markdown.references(citations)
    return markdown.document(out, view.kb)


def to_table(view: ZoneView, screen: Screen) -> str:
    from negotrack.render import terminal as t
    from negotrack.render.page import Page, render

    citations = Citations(view.kb)
    page = Page()
    page.heading(_title(view))
    page.text("Scale, from no to yes:")
    for line in scale.legend_lines(view.issue):
        page.text("  " + line)
    page.blank()
    page.add(_drawing(view, min(screen.width, 80)), soft_wrap=True)
    page.blank()
    page.text(verdict_label(view), "bold")
    if view.history is not None:
        page.blank()
        page.text("History of the zone:", "bold")
        for line in _history_lines(view) or ["No range yet."]:
            page.text("  " + line)
    if view.actors:
        page.blank()
        table = t.new_table(
            ("Actor", {"max_width": 16}), ("Range and what it rests on", {"ratio": 1})
        )
        for row in view.actors:
            ideal = _ideal(view, row)
            head = _range_text(view, row) + (f", ideal {ideal}" if ideal else "")
            cell = t.kb_text(head, "bold")
            for p in _positions(row):
                cell.append("\n")
                cell.append(t.statement_cell(view.kb, p, citations))
            table.add_row(t.kb_text(row.actor.name, "bold"), cell, end_section=True)
        page.add(table)
    page.notes([scale.DRAWING_NOTE, *_notes(view)])
    page.references(citations)
    return render(page, screen, view.kb)


def _drawing(view: ZoneView, width: int) -> Any:
    """The scale as a row of options, a bar per actor, the zone (or gap) underneath."""
    from negotrack.render import terminal as t
    from negotrack.render.page import STANCE_STYLE

    options = len(view.issue.scale)
    label = min(16, max([len(r.actor.name) for r in view.actors] + [4])) + 2
    cells = scale.cell_width(options, width - label - 24)
    text = t.Text(overflow="fold")
    text.append(" " * label + scale.header_row(options, cells).rstrip() + "\n", style="bold")
    for row in view.actors:
        name = t.visible(row.actor.name)[: label - 2].ljust(label)
        text.append(name)
        if row.range is not None and not row.range.mixed:
            style = STANCE_STYLE.get(row.current.stance if row.current else "", "")
            bar = scale.bar_row(options, cells, row.range)
            text.append(bar, style=style)
            pad = options * cells - len(bar)
        else:
            bar, pad = "", options * cells
        notes = _row_notes(view, row)
        if notes:
            text.append(
                " " * (pad + 2) + " · ".join(notes) if bar else "· ".join(notes), style="dim"
            )
        text.append("\n")
    zone = scale.zone_row(options, cells, view.agreement.zone, view.agreement.edges)
    text.append("Zone".ljust(label), style="bold")
    text.append(zone or "none", style="reverse green" if view.agreement.zone else "")
    return text
