"""``negotrack plans compare``: two documents aligned issue by issue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from negotrack.analysis.plans import STATUSES, CompareRow, CompareView
from negotrack.model.records import Issue, Provision
from negotrack.render import markdown
from negotrack.render.machine import Records, csv_text, json_text
from negotrack.render.plan import provision_dict
from negotrack.render.plans import document_dict

if TYPE_CHECKING:
    from negotrack.render.page import Page, Screen

#: Columns of ``plans compare --format csv``: one row per issue.
CSV_COLUMNS = ("issue", "issue_name", "status", "a", "b", "a_answer", "b_answer")
STATUS_STYLE = {"same": "green", "changed": "bold yellow", "only-a": "cyan", "only-b": "magenta"}


def to_json(view: CompareView) -> str:
    records = Records(view.kb)
    document = {
        "a": document_dict(records, view.a),
        "b": document_dict(records, view.b),
        "rows": [
            {
                "issue": row.node.issue.id,
                "status": row.status,
                "a": [provision_dict(p) for p in row.a],
                "b": [provision_dict(p) for p in row.b],
            }
            for row in view.rows
        ],
        "summary": view.summary,
        "kb": view.kb.path or None,
    }
    return json_text(document)


def answer(issue: Issue, provisions: list[Provision]) -> str:
    """``3 demilitarised · support; ...`` for the provisions of one side."""
    parts = []
    for p in provisions:
        bits = []
        if p.option is not None:
            place = issue.option_index(p.option)
            bits.append(f"{place + 1} {p.option}" if place is not None else p.option)
        if p.stance is not None:
            bits.append(p.stance)
        parts.append(" · ".join(bits))
    return "; ".join(parts)


def to_csv(view: CompareView, *, raw: bool = False) -> str:
    rows = [
        {
            "issue": row.node.issue.id,
            "issue_name": row.node.issue.name,
            "status": row.status,
            "a": [p.id for p in row.a],
            "b": [p.id for p in row.b],
            "a_answer": answer(row.node.issue, row.a),
            "b_answer": answer(row.node.issue, row.b),
        }
        for row in view.rows
    ]
    return csv_text(CSV_COLUMNS, rows, raw=raw)


def summary_label(view: CompareView) -> str:
    """``4 issues: 1 same, 1 changed, 1 only in a, 1 only in b.``"""
    n = len(view.rows)
    if not n:
        return "Neither document has a provision."
    words = {"only-a": f"only in {view.a.id}", "only-b": f"only in {view.b.id}"}
    parts = [f"{view.summary[s]} {words.get(s, s)}" for s in STATUSES if view.summary[s]]
    return f"{n} issue{'s' if n != 1 else ''}: " + ", ".join(parts) + "."


def _side(row: CompareRow, side: list[Provision]) -> str:
    if not side:
        return "—"
    return "\n".join(
        f"{p.number + '. ' if p.number else ''}{p.summary} [{answer(row.node.issue, [p])}]"
        for p in side
    )


def _title(view: CompareView) -> str:
    a, b = view.a, view.b
    return f"{a.title} (a: {a.id}, {a.date}) and {b.title} (b: {b.id}, {b.date})"


def to_markdown(view: CompareView) -> str:
    esc = markdown.escape
    out = [f"## {esc(_title(view))}", ""]
    rows = [
        [
            esc(row.node.issue.name),
            f"**{esc(row.status)}**",
            esc(_side(row, row.a)).replace("\n", "<br>"),
            esc(_side(row, row.b)).replace("\n", "<br>"),
        ]
        for row in view.rows
    ]
    if rows:
        out += [*markdown.table(["Issue", "Status", "a", "b"], rows), ""]
    out.append(esc(summary_label(view)))
    return markdown.document(out, view.kb)


#: The widest the issue column grows, unless a word of an issue's name needs more.
_ISSUE_WIDTH = 16


def _blocks(page: Page, view: CompareView) -> None:
    """Each issue as lines of its own, where the table would have to break a word
    to fit: its name, its status, then each side's provisions after ``a:`` or ``b:``."""
    for i, row in enumerate(view.rows):
        if i:
            page.blank()
        page.text(row.node.issue.name, "bold")
        page.text(row.status, STATUS_STYLE[row.status])
        for name, side in (("a", row.a), ("b", row.b)):
            for line in _side(row, side).split("\n"):
                page.text(f"{name}: {line}")


def to_table(view: CompareView, screen: Screen) -> str:
    """The issues as a table, or, where the table would break a word at the
    screen's width, as a block of lines each."""
    from negotrack.render import terminal as t
    from negotrack.render.page import Page, render

    page = Page()
    page.heading([_title(view)])
    if view.rows:
        names = [row.node.issue.name for row in view.rows]
        table = t.new_table(
            ("Issue", {"max_width": t.widest_word(names, _ISSUE_WIDTH)}),
            ("a", {"ratio": 1}),
            ("b", {"ratio": 1}),
        )
        for row in view.rows:
            issue = t.kb_text(row.node.issue.name, "bold")
            issue.append("\n" + row.status, style=STATUS_STYLE[row.status])
            table.add_row(
                issue,
                t.kb_text(_side(row, row.a)),
                t.kb_text(_side(row, row.b)),
                end_section=True,
            )
        if t.breaks_words(table, screen.width):
            _blocks(page, view)
        else:
            page.add(table)
        page.blank()
    page.text(summary_label(view))
    return render(page, screen, view.kb)
