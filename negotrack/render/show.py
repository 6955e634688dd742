"""``negotrack show``: the actor's (or person's) card, then the stance on each issue, cited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.analysis.history import Step
from negotrack.analysis.show import ActorView, IssueStance
from negotrack.analysis.stance import CurrentStance
from negotrack.model.plain import record_dict
from negotrack.model.records import Person
from negotrack.model.safetext import visible
from negotrack.render import describe, markdown
from negotrack.render.citations import Citations
from negotrack.render.machine import (
    COUNT_COLUMNS,
    POSITION_COLUMNS,
    Records,
    count_fields,
    csv_text,
    json_text,
    position_row,
)

if TYPE_CHECKING:
    from negotrack.render.page import Screen

#: The stance line of an issue where none of the actor's positions counts.
NO_STANCE = "no stance"

#: Columns of ``show --format csv``: the issue and the actor's current stance on it,
#: whether this position is part of that stance, its shift, then the position, then
#: what the stance rests on and whether the position counts.
CSV_COLUMNS = (
    "issue_name",
    "issue_depth",
    "issue_stance",
    "approximate",
    "current",
    "shift",
    "previous",
    *POSITION_COLUMNS,
    "basis",
    "inherited_from",
    "red_line",
    *COUNT_COLUMNS,
)


def rows_of(item: IssueStance, history: bool) -> list[Step]:
    """The positions shown for an issue: the current ones, or all with ``--history``
    (for an inherited stance, the ancestor's positions it rests on come first)."""
    current = item.current
    inherited = (
        [Step(p, None, None) for p in current.positions] if current and current.inherited else []
    )
    if history:
        return inherited + item.steps
    if inherited:
        return inherited
    shown = {id(p) for p in current.positions} if current else set()
    return [step for step in item.steps if id(step.position) in shown]


def _stance_json(records: Records, current: CurrentStance | None) -> dict[str, Any]:
    """:meth:`Records.stance`, with the newer assessments listed beneath it."""
    return {
        **records.stance(current),
        "newer": [records.position(p) for p in current.newer] if current is not None else [],
    }


def to_json(view: ActorView) -> str:
    records = Records(view.kb)
    cited: dict[str, Any] = {}
    issues = []
    for item in view.issues:
        entry: dict[str, Any] = {
            "issue": record_dict(item.node.issue),
            **_stance_json(records, item.current),
        }
        if view.history:
            entry["history"] = [
                records.position(
                    step.position,
                    after={
                        "shift": step.shift,
                        "previous": step.previous.id if step.previous else None,
                        **count_fields(step.not_counted),
                    },
                )
                for step in rows_of(item, True)
            ]
        newer = item.current.newer if item.current else []
        for p in [s.position for s in rows_of(item, view.history)] + newer:
            cited.setdefault(p.source, records.source(p.source))
        issues.append(entry)
    actor = record_dict(view.actor)
    actor["people"] = [record_dict(p) for p in view.people]
    document = {
        "actor": actor,
        "person": record_dict(view.person) if view.person is not None else None,
        "as_of": str(view.as_of) if view.as_of else None,
        "issues": issues,
        "sources": list(cited.values()),
        "kb": view.kb.path or None,
    }
    return json_text(document)


def to_csv(view: ActorView, *, raw: bool = False) -> str:
    rows = []
    for item in view.issues:
        stance = item.current
        current = {id(p) for p in stance.positions} if stance else set()
        for step in rows_of(item, view.history):
            p = step.position
            rows.append(
                {
                    "issue_name": item.node.issue.name,
                    "issue_depth": item.node.depth,
                    "issue_stance": stance.stance if stance else None,
                    "approximate": stance.approximate if stance else False,
                    "current": id(p) in current,
                    "shift": step.shift,
                    "previous": step.previous.id if step.previous else None,
                    **position_row(view.kb, p),
                    "basis": stance.basis if stance else None,
                    "inherited_from": stance.inherited_from if stance else None,
                    "red_line": stance.red_line if stance else False,
                    **count_fields(step.not_counted),
                }
            )
    return csv_text(CSV_COLUMNS, rows, raw=raw)


def _subtitle(view: ActorView) -> list[str]:
    return describe.scope_labels(view.as_of, view.official_only)


def _notes(view: ActorView) -> list[str]:
    shown = [s.position for item in view.issues for s in rows_of(item, view.history)]
    shown += [p for item in view.issues if item.current for p in item.current.newer]
    notes = []
    if any(p.as_reported for p in shown):
        notes.append(describe.AS_REPORTED_NOTE)
    if any(item.current and item.current.approximate for item in view.issues):
        notes.append(describe.APPROXIMATE_NOTE)
    return notes


def _stance_word(item: IssueStance) -> str:
    return item.current.stance if item.current else NO_STANCE


def _header(view: ActorView, item: IssueStance) -> bool:
    """Whether the issue's stance gets a line of its own above its positions."""
    return view.history or item.current is None or item.current.mixed


def _card(view: ActorView) -> list[tuple[str | None, str]]:
    """The card under the name, as ``(label, text)`` lines (label None: a paragraph)."""
    person = view.person
    if person is not None:
        lines: list[tuple[str | None, str]] = [("Speaks for", view.actor.name)]
        if person.role:
            lines.append(("Role", person.role))
        for term in person.terms:
            until = f"until {term.until}" if term.until is not None else "to date"
            lines.append(("Term", f"{term.role}, from {term.start} {until}"))
        if not person.official:
            lines.append((None, "Unofficial: speaks for himself or herself, not for the actor."))
        if person.aliases:
            lines.append(("Aliases", ", ".join(person.aliases)))
        return lines
    lines = []
    if view.actor.aliases:
        lines.append(("Aliases", ", ".join(view.actor.aliases)))
    if view.actor.description:
        lines.append((None, view.actor.description))
    return lines


def _title(view: ActorView) -> str:
    return view.person.name if view.person is not None else view.actor.name


def to_markdown(view: ActorView) -> str:
    kb, citations = view.kb, Citations(view.kb)
    esc = markdown.escape
    out = [f"## {esc(_title(view))}", ""]
    for label, text in _card(view):
        out.append(f"- **{label or 'Description'}:** {esc(text)}")
    if view.people and view.person is None:
        people = "; ".join(_person(p) for p in view.people)
        out.append(f"- **People:** {esc(people)}")
    out.extend(f"- {esc(line)}" for line in _subtitle(view))
    out.append("")
    if not view.issues:
        out.append("No positions.")
        return markdown.document(out, view.kb)
    rows = []
    for node, item in view.outline:
        name = markdown.indent(node.depth) + esc(node.issue.name)
        if item is None:
            rows.append([name, "", "", ""])
            continue
        stance = item.current
        current = {id(p) for p in stance.positions} if stance else set()
        header = _header(view, item)
        if header:
            rows.append([name, esc(_stance_word(item)), "", ""])
        for i, step in enumerate(rows_of(item, view.history)):
            p = step.position
            label = esc(describe.stance_label(p.stance, p.firmness))
            if step.shift and view.history:
                label += f"<br>{esc(describe.shift_label(step.shift) or '')}"
            approximate = bool(stance and stance.approximate) and id(p) in current
            date = describe.dated_label(p, approximate)
            first = not header and i == 0
            text = markdown.statement(kb, p, citations)
            counted = describe.not_counted_label(step.not_counted)
            if counted:
                text += "<br>" + esc(counted)
            rows.append([name if first else "", label, esc(date), text])
        notes = describe.stance_notes(kb, stance) if stance else None
        if notes:
            rows.append(["", "", "", f"*{esc(notes)}*"])
        for p in stance.newer if stance else ():
            label = describe.stance_label(p.stance, p.firmness)
            text = markdown.statement(kb, p, citations) + "<br>" + esc(describe.NEWER)
            rows.append(["", esc(label), esc(describe.dated_label(p)), text])
    out.extend(markdown.table(["Issue", "Stance", "Date", "Statement"], rows))
    out.extend(markdown.notes(_notes(view)))
    out.extend(markdown.references(citations))
    return markdown.document(out, view.kb)


def _person(person: Person) -> str:
    text = person.name
    if person.role:
        text += f", {person.role}"
    if not person.official:
        text += " (unofficial)"
    return text


def to_table(view: ActorView, screen: Screen) -> str:
    # Cells as (line, style) pairs: piped, the whole page is laid out without rich.
    from negotrack.render.page import (
        Page,
        date_parts,
        line_list,
        render,
        stance_parts,
        statement_parts,
    )
    from negotrack.render.texttable import Indented, TextTable

    kb, citations = view.kb, Citations(view.kb)
    page = Page()
    page.text(_title(view), "bold")
    for label, text in _card(view):
        page.text(f"{label}: {text}" if label else text)
    if view.people and view.person is None:
        page.text("People:")
        for person in view.people:
            page.text("  " + _person(person))
    for line in _subtitle(view):
        page.text(line)
    page.blank()
    if not view.issues:
        page.text("No positions.")
        return render(page, screen, view.kb)
    table = TextTable(
        ("Issue", {"max_width": 18}),
        ("Stance", {"no_wrap": True}),
        ("Date", {"no_wrap": True}),
        ("Statement", {"ratio": 1}),
        styled_by_rich=True,
    )

    def issue(name: str, depth: int, style: str) -> Indented:
        """The issue's name, set in by its depth in the tree."""
        return Indented(visible(name), style, 2 * depth)

    for node, item in view.outline:
        if item is None:
            table.add_row(issue(node.issue.name, node.depth, "dim"), None, None, None)
            table.end_section()
            continue
        stance = item.current
        name = issue(node.issue.name, node.depth, "bold")
        current = {id(p) for p in stance.positions} if stance else set()
        header = _header(view, item)
        if header:
            table.add_row(name, line_list(*stance_parts(_stance_word(item))), None, None)
        for i, step in enumerate(rows_of(item, view.history)):
            p = step.position
            approximate = bool(stance and stance.approximate) and id(p) in current
            shift = step.shift if view.history else None
            table.add_row(
                name if not header and i == 0 else None,
                line_list(*stance_parts(p.stance, p.firmness, shift)),
                line_list(*date_parts(p, approximate)),
                line_list(
                    *statement_parts(kb, p, citations, describe.not_counted_label(step.not_counted))
                ),
            )
        notes = describe.stance_notes(kb, stance) if stance else None
        if notes:
            table.add_row(None, None, None, line_list((notes, "italic")))
        for p in stance.newer if stance else ():
            table.add_row(
                None,
                line_list(*stance_parts(p.stance, p.firmness)),
                line_list(*date_parts(p)),
                line_list(*statement_parts(kb, p, citations, describe.NEWER)),
            )
        table.end_section()
    page.add(table)
    page.notes(_notes(view))
    page.references(citations)
    return render(page, screen, view.kb)
