"""``negotrack show``: the actor's card, then its stance on each issue, cited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.analysis.history import Step
from negotrack.analysis.query import with_ancestors
from negotrack.analysis.show import ActorView, IssueStance
from negotrack.model.records import Person
from negotrack.render import describe, markdown
from negotrack.render.citations import Citations
from negotrack.render.machine import POSITION_COLUMNS, Records, csv_text, json_text, position_row
from negotrack.render.serialize import record_dict

if TYPE_CHECKING:
    from rich.console import Console

#: Columns of ``show --format csv``: the issue and the actor's current stance on it,
#: whether this position is part of that stance, its shift, then the position.
CSV_COLUMNS = (
    "issue_name",
    "issue_depth",
    "issue_stance",
    "approximate",
    "current",
    "shift",
    "previous",
    *POSITION_COLUMNS,
)


def rows_of(item: IssueStance, history: bool) -> list[Step]:
    """The positions shown for an issue: the current ones, or all with ``--history``."""
    if history:
        return item.steps
    current = {id(p) for p in item.current.positions}
    return [step for step in item.steps if id(step.position) in current]


def to_json(view: ActorView) -> str:
    records = Records(view.kb)
    cited: dict[str, Any] = {}
    issues = []
    for item in view.issues:
        entry: dict[str, Any] = {
            "issue": record_dict(item.node.issue),
            "stance": item.current.stance,
            "approximate": item.current.approximate,
            "positions": [records.position(p) for p in item.current.positions],
        }
        if view.history:
            entry["history"] = [
                {
                    **records.position(step.position),
                    "shift": step.shift,
                    "previous": step.previous.id if step.previous else None,
                }
                for step in item.steps
            ]
        for step in rows_of(item, view.history):
            cited.setdefault(step.position.source, records.source(step.position.source))
        issues.append(entry)
    actor = record_dict(view.actor)
    actor["people"] = [record_dict(p) for p in view.people]
    document = {
        "actor": actor,
        "as_of": str(view.as_of) if view.as_of else None,
        "issues": issues,
        "sources": list(cited.values()),
    }
    return json_text(document)


def to_csv(view: ActorView, *, raw: bool = False) -> str:
    rows = []
    for item in view.issues:
        current = {id(p) for p in item.current.positions}
        for step in rows_of(item, view.history):
            p = step.position
            rows.append(
                {
                    "issue_name": item.node.issue.name,
                    "issue_depth": item.node.depth,
                    "issue_stance": item.current.stance,
                    "approximate": item.current.approximate,
                    "current": id(p) in current,
                    "shift": step.shift,
                    "previous": step.previous.id if step.previous else None,
                    **position_row(view.kb, p),
                }
            )
    return csv_text(CSV_COLUMNS, rows, raw=raw)


def _subtitle(view: ActorView) -> list[str]:
    parts = []
    if view.as_of:
        parts.append(f"As of {view.as_of}.")
    if view.official_only:
        parts.append("Official statements only.")
    return parts


def _notes(view: ActorView) -> list[str]:
    shown = [s.position for item in view.issues for s in rows_of(item, view.history)]
    notes = []
    if any(p.as_reported for p in shown):
        notes.append(describe.AS_REPORTED_NOTE)
    if any(item.current.approximate for item in view.issues):
        notes.append(describe.APPROXIMATE_NOTE)
    return notes


def to_markdown(view: ActorView) -> str:
    kb, citations = view.kb, Citations(view.kb)
    esc = markdown.escape
    out = [f"## {esc(view.actor.name)}", ""]
    if view.actor.aliases:
        out.append(f"- **Aliases:** {esc(', '.join(view.actor.aliases))}")
    if view.actor.description:
        out.append(f"- **Description:** {esc(view.actor.description)}")
    if view.people:
        people = "; ".join(_person(p) for p in view.people)
        out.append(f"- **People:** {esc(people)}")
    out.extend(f"- {esc(line)}" for line in _subtitle(view))
    out.append("")
    if not view.issues:
        out.append("No positions.")
        return markdown.document(out)
    by_id = {item.node.issue.id: item for item in view.issues}
    rows = []
    for node, has_data in with_ancestors(view.scope, set(by_id)):
        name = markdown.indent(node.depth) + esc(node.issue.name)
        if not has_data:
            rows.append([name, "", "", ""])
            continue
        item = by_id[node.issue.id]
        current = {id(p) for p in item.current.positions}
        header = view.history or item.current.mixed
        if header:
            rows.append([name, esc(item.current.stance), "", ""])
        for i, step in enumerate(rows_of(item, view.history)):
            p = step.position
            stance = describe.stance_label(p.stance, p.firmness)
            if step.shift and view.history:
                stance += f"<br>{describe.shift_label(step.shift)}"
            approximate = item.current.approximate and id(p) in current
            date = describe.dated_label(p, approximate)
            first = not header and i == 0
            rows.append(
                [
                    name if first else "",
                    esc(stance),
                    esc(date),
                    markdown.statement(kb, p, citations),
                ]
            )
    out.extend(markdown.table(["Issue", "Stance", "Date", "Statement"], rows))
    out.extend(markdown.notes(_notes(view)))
    out.extend(markdown.references(citations))
    return markdown.document(out)


def _person(person: Person) -> str:
    text = person.name
    if person.role:
        text += f", {person.role}"
    if not person.official:
        text += " (unofficial)"
    return text


def to_table(view: ActorView, console: Console) -> str:
    from negotrack.render import terminal as t

    kb, citations = view.kb, Citations(view.kb)
    page = t.Page()
    page.text(view.actor.name, "bold")
    if view.actor.aliases:
        page.text("Aliases: " + ", ".join(view.actor.aliases))
    if view.actor.description:
        page.text(view.actor.description)
    if view.people:
        page.add(t.Text("People:"))
        for person in view.people:
            page.text("  " + _person(person))
    for line in _subtitle(view):
        page.text(line)
    page.blank()
    if not view.issues:
        page.text("No positions.")
        return t.render(page, console)
    table = t.new_table(
        ("Issue", {"max_width": 18}),
        ("Stance", {"no_wrap": True}),
        ("Date", {"no_wrap": True}),
        ("Statement", {"ratio": 1}),
    )
    by_id = {item.node.issue.id: item for item in view.issues}
    for node, has_data in with_ancestors(view.scope, set(by_id)):
        if not has_data:
            table.add_row(t.issue_cell(node.issue.name, node.depth, "dim"), end_section=True)
            continue
        item = by_id[node.issue.id]
        name = t.issue_cell(node.issue.name, node.depth, "bold")
        current = {id(p) for p in item.current.positions}
        header = view.history or item.current.mixed
        if header:
            table.add_row(name, t.stance_cell(item.current.stance))
        steps = rows_of(item, view.history)
        for i, step in enumerate(steps):
            p = step.position
            approximate = item.current.approximate and id(p) in current
            table.add_row(
                name if not header and i == 0 else None,
                t.stance_cell(p.stance, p.firmness, step.shift if view.history else None),
                t.date_cell(p, approximate),
                t.statement_cell(kb, p, citations),
                end_section=i == len(steps) - 1,
            )
    page.add(table)
    page.notes(_notes(view))
    page.references(citations)
    return t.render(page, console)
