"""``negotrack diff``: two actors side by side, issue by issue, with the relation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from negotrack.analysis.diff import RELATIONS, DiffRow, DiffView
from negotrack.analysis.stance import CurrentStance
from negotrack.model.plain import record_dict
from negotrack.model.records import Position
from negotrack.render import describe, markdown
from negotrack.render.citations import Citations
from negotrack.render.machine import POSITION_COLUMNS, Records, csv_text, json_text, position_row
from negotrack.render.scale import span

if TYPE_CHECKING:
    from rich.text import Text

    from negotrack.render.page import Screen

#: Columns of ``diff --format csv``: one row per position shown, with its issue, the
#: relation, the side (a or b), that side's current stance, then the position.
CSV_COLUMNS = (
    "issue_name",
    "issue_depth",
    "relation",
    "red_line",
    "overlap",
    "distance",
    "side",
    "side_stance",
    "approximate",
    *POSITION_COLUMNS,
    "stale",
    "side_basis",
    "side_inherited_from",
    "side_red_line",
)
RED_LINE = "RED LINE"


def _overlap_ids(row: DiffRow) -> list[str] | None:
    if row.overlap is None:
        return None
    return [row.node.issue.scale[place].id for place in row.overlap]


def scale_label(row: DiffRow) -> str | None:
    """``overlap 2–3`` or ``distance 2`` on a scaled issue where both have a range."""
    if row.distance is None or row.overlap is None:
        return None
    if row.overlap:
        return f"overlap {span(row.overlap)}"
    return f"distance {row.distance}"


def to_json(view: DiffView) -> str:
    records = Records(view.kb)
    document = {
        "a": record_dict(view.a),
        "b": record_dict(view.b),
        "as_of": str(view.as_of) if view.as_of else None,
        "rows": [
            {
                "issue": record_dict(row.node.issue),
                "relation": row.relation,
                "red_line": row.red_line,
                "overlap": _overlap_ids(row),
                "distance": row.distance,
                "a": records.stance(row.a),
                "b": records.stance(row.b),
                "stale": row.stale,
            }
            for row in view.rows
        ],
        "summary": view.summary,
        "kb": view.kb.path or None,
    }
    return json_text(document)


def to_csv(view: DiffView, *, raw: bool = False) -> str:
    rows = []
    for row in view.rows:
        for name, side in (("a", row.a), ("b", row.b)):
            if side is None:
                continue
            for p in side.positions:
                rows.append(
                    {
                        "issue_name": row.node.issue.name,
                        "issue_depth": row.node.depth,
                        "relation": row.relation,
                        "red_line": row.red_line,
                        "overlap": _overlap_ids(row),
                        "distance": row.distance,
                        "side": name,
                        "side_stance": side.stance,
                        "approximate": side.approximate,
                        **position_row(view.kb, p),
                        "stale": row.stale,
                        "side_basis": side.basis,
                        "side_inherited_from": side.inherited_from,
                        "side_red_line": side.red_line,
                    }
                )
    return csv_text(CSV_COLUMNS, rows, raw=raw)


def summary_label(view: DiffView) -> str:
    """``3 issues: 1 conflict (none on a red line), 1 unclear, 1 only Ukraine.``"""
    counts = view.summary
    total = sum(counts[r] for r in RELATIONS)
    parts = []
    for relation in RELATIONS:
        n = counts[relation]
        if not n:
            continue
        if relation == "conflict":
            red = counts["red_line"]
            on_red_line = "none" if not red else "all" if red == n else str(red)
            parts.append(describe.count_label(n, "conflict") + f" ({on_red_line} on a red line)")
        elif relation in ("only-a", "only-b"):
            actor = view.a if relation == "only-a" else view.b
            parts.append(f"{n} only {actor.name}")
        else:
            parts.append(f"{n} {relation}")
    if not total:
        return "Neither has a position on these issues."
    return describe.count_label(total, "issue") + ": " + ", ".join(parts) + "."


def _title(view: DiffView) -> list[str]:
    lines = [f"{view.a.name} (a) and {view.b.name} (b)"]
    qualifiers = describe.scope_labels(view.as_of, view.official_only)
    if len(view.rows) < sum(view.summary[r] for r in RELATIONS):
        qualifiers.append("Conflicts only.")
    if qualifiers:
        lines.append(" ".join(qualifiers))
    return lines


def _heading(p: Position, side: CurrentStance, current: bool = True) -> str:
    """``oppose · red-line · 2025-03-17`` (``as reported``, ``~`` as they apply)."""
    parts = [p.stance, p.firmness, describe.dated_label(p, current and side.approximate)]
    return " · ".join(part for part in parts if part)


def _notes(view: DiffView) -> list[str]:
    sides = [s for row in view.rows for s in (row.a, row.b) if s]
    notes = []
    if any(p.as_reported for s in sides for p in s.positions):
        notes.append(describe.AS_REPORTED_NOTE)
    if any(s.approximate for s in sides):
        notes.append(describe.APPROXIMATE_NOTE)
    if any(row.stale for row in view.rows):
        notes.append(describe.STALE_NOTE)
    return notes


def _side_markdown(view: DiffView, side: CurrentStance | None, citations: Citations) -> str:
    if side is None:
        return "no position"
    blocks = [markdown.escape("mixed")] if side.mixed else []
    notes = describe.stance_notes(view.kb, side)
    if notes:
        blocks.append(f"*{markdown.escape(notes)}*")
    for p in side.positions:
        heading = markdown.escape(_heading(p, side))
        blocks.append(f"**{heading}**<br>" + markdown.statement(view.kb, p, citations))
    for p in side.newer:
        heading = markdown.escape(f"{describe.NEWER}: " + _heading(p, side, False))
        blocks.append(f"**{heading}**<br>" + markdown.statement(view.kb, p, citations))
    return "<br><br>".join(blocks)


def to_markdown(view: DiffView) -> str:
    citations, esc = Citations(view.kb), markdown.escape
    title, *qualifiers = _title(view)
    out = [f"## {esc(title)}", ""]
    out += [*(esc(line) for line in qualifiers), ""] if qualifiers else []
    rows = []
    for node, row in view.outline:
        name = markdown.indent(node.depth) + esc(node.issue.name)
        if row is None:
            rows.append([name, "", "", ""])
            continue
        relation = row.relation + (f" ({RED_LINE})" if row.red_line else "")
        if scale_label(row):
            relation += f", {scale_label(row)}"
        cell = f"**{esc(relation)}**"
        if row.stale:
            cell += f"<br>{esc(describe.stale_label(row.a, row.b))}"
        rows.append(
            [
                name,
                cell,
                _side_markdown(view, row.a, citations),
                _side_markdown(view, row.b, citations),
            ]
        )
    if rows:
        headers = ["Issue", "Relation", f"{esc(view.a.name)} (a)", f"{esc(view.b.name)} (b)"]
        out += [*markdown.table(headers, rows), ""]
    out.append(esc(summary_label(view)))
    out += markdown.notes(_notes(view))
    out += markdown.references(citations)
    return markdown.document(out, view.kb)


def _side_cell(view: DiffView, side: CurrentStance | None, citations: Citations) -> Text:
    """Each current position: a coloured ``stance · firmness · date`` heading, then the
    statement; ``mixed`` first when they disagree."""
    from negotrack.render import terminal as t
    from negotrack.render.page import STANCE_STYLE

    if side is None:
        return t.lines(("no position", "dim"))
    blocks = [t.lines(("mixed", STANCE_STYLE["mixed"]))] if side.mixed else []
    notes = describe.stance_notes(view.kb, side)
    if notes:
        blocks.append(t.lines((notes, "italic")))
    for p in side.positions:
        # Colour on the stance word only: the statement is the party's, not a verdict.
        block = t.Text(overflow="fold")
        block.append(p.stance, style=STANCE_STYLE.get(p.stance, ""))
        block.append(t.kb_text(_heading(p, side)[len(p.stance) :]))
        block.append("\n")
        block.append(t.statement_cell(view.kb, p, citations))
        blocks.append(block)
    for p in side.newer:
        block = t.kb_text(f"{describe.NEWER}: " + _heading(p, side, False), "italic")
        block.append("\n")
        block.append(t.statement_cell(view.kb, p, citations))
        blocks.append(block)
    return t.Text("\n").join(blocks)


def to_table(view: DiffView, screen: Screen) -> str:
    from negotrack.render import terminal as t
    from negotrack.render.page import Page, render

    citations = Citations(view.kb)
    page = Page()
    page.heading(_title(view))
    rows = view.outline
    if rows:
        table = t.new_table(
            ("Issue", {"max_width": 16}),
            (t.kb_text(f"{view.a.name} (a)"), {"ratio": 1}),
            (t.kb_text(f"{view.b.name} (b)"), {"ratio": 1}),
        )
        for node, row in rows:
            if row is None:
                table.add_row(t.issue_cell(node.issue.name, node.depth, "dim"), end_section=True)
                continue
            marks = [("→ " + row.relation, t.RELATION_STYLE[row.relation])]
            if row.red_line:
                marks.append((RED_LINE, "bold"))
            if scale_label(row):
                marks.append((str(scale_label(row)), ""))
            if row.stale:
                marks.append((describe.stale_label(row.a, row.b), "dim"))
            issue = t.issue_cell(node.issue.name, node.depth, "bold", *marks)
            table.add_row(
                issue,
                _side_cell(view, row.a, citations),
                _side_cell(view, row.b, citations),
                end_section=True,
            )
        page.add(table)
        page.blank()
    page.text(summary_label(view))
    page.notes(_notes(view))
    page.references(citations)
    return render(page, screen, view.kb)
