"""``negotrack plan``: a document's provisions, each judged against every actor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.analysis.plans import PlanView, ProvisionVerdicts, Verdict
from negotrack.model.records import Provision
from negotrack.render import describe, markdown
from negotrack.render.citations import Citations
from negotrack.render.machine import Records, csv_text, json_text
from negotrack.render.plans import authors_label, document_dict

if TYPE_CHECKING:
    from negotrack.render.page import Page, Screen

#: Columns of ``plan --format csv``: one row per provision and actor judged (a
#: provision no actor is judged on has one row with an empty actor).
CSV_COLUMNS = (
    "document",
    "provision",
    "number",
    "issue",
    "option",
    "stance",
    "summary",
    "text",
    "actor",
    "verdict",
    "red_line",
    "positions",
)
RED_LINE = "RED LINE"
NO_VERDICT = "no actor has a position"
VERDICT_STYLE = {"acceptable": "green", "unacceptable": "bold red", "unknown": "dim"}


def provision_dict(provision: Provision) -> dict[str, Any]:
    return {
        "id": provision.id,
        "number": provision.number,
        "issue": provision.issue,
        "text": provision.text,
        "summary": provision.summary,
        "option": provision.option,
        "stance": provision.stance,
    }


def to_json(view: PlanView) -> str:
    records = Records(view.kb)
    cited = [view.document.source]
    provisions = []
    for row in view.provisions:
        verdicts = []
        for v in row.verdicts:
            cited += [p.source for p in v.positions]
            verdicts.append(
                {
                    "actor": v.actor.id,
                    "verdict": v.verdict,
                    "red_line": v.red_line,
                    "positions": [records.position(p) for p in v.positions],
                }
            )
        provisions.append({**provision_dict(row.provision), "verdicts": verdicts})
    document = document_dict(records, view.document)
    del document["provisions_count"]
    out = {
        "document": document,
        "as_of": str(view.as_of) if view.as_of else None,
        "provisions": provisions,
        "sources": [records.source(s) for s in dict.fromkeys(cited)],
        "kb": view.kb.path or None,
    }
    return json_text(out)


def to_csv(view: PlanView, *, raw: bool = False) -> str:
    rows = []
    for row in view.provisions:
        base: dict[str, Any] = {
            "document": view.document.id,
            "provision": row.provision.id,
            "number": row.provision.number,
            "issue": row.provision.issue,
            "option": row.provision.option,
            "stance": row.provision.stance,
            "summary": row.provision.summary,
            "text": row.provision.text,
        }
        if not row.verdicts:
            rows.append(base)
        for v in row.verdicts:
            rows.append(
                {
                    **base,
                    "actor": v.actor.id,
                    "verdict": v.verdict,
                    "red_line": v.red_line,
                    "positions": [p.id for p in v.positions],
                }
            )
    return csv_text(CSV_COLUMNS, rows, raw=raw)


def answer_label(view: PlanView, row: ProvisionVerdicts) -> str:
    """``option 3 demilitarised · support``."""
    parts = []
    provision = row.provision
    if provision.option is not None:
        place = row.issue.option_index(provision.option) if row.issue else None
        number = f"{place + 1} " if place is not None else ""
        parts.append(f"option {number}{provision.option}")
    if provision.stance is not None:
        parts.append(provision.stance)
    return " · ".join(parts)


def _point(row: ProvisionVerdicts) -> str:
    number = row.provision.number
    issue = row.issue.name if row.issue else row.provision.issue
    return f"{number}. {issue}" if number else issue


def verdict_label(v: Verdict) -> str:
    return f"{v.actor.name}: {v.verdict}" + (f" ({RED_LINE})" if v.red_line else "")


def _title(view: PlanView) -> list[str]:
    d = view.document
    lines = [f"{d.title} ({d.kind}, {d.date})"]
    meta = f"By {authors_label(view.kb, d)}."
    if d.revises:
        meta += f" Revises {d.revises}."
    if view.as_of:
        meta += f" Stances as of {view.as_of}."
    if view.official_only:
        meta += " Official statements only."
    lines.append(meta)
    return lines


def _words(row: ProvisionVerdicts) -> tuple[str, str | None]:
    """The summary and, when the document's words are given, those in quotes."""
    text = row.provision.text
    return row.provision.summary, (f"“{text}”" if text else None)


def to_markdown(view: PlanView) -> str:
    citations, esc = Citations(view.kb), markdown.escape
    title, meta = _title(view)
    out = [f"## {esc(title)} {citations.mark(view.document.source)}", "", esc(meta), ""]
    rows = []
    for row in view.provisions:
        summary, text = _words(row)
        words = esc(summary) + (f"<br>*{esc(text)}*" if text else "")
        judged = []
        for v in row.verdicts:
            cites = " ".join(dict.fromkeys(citations.mark(p.source) for p in v.positions))
            judged.append(f"{esc(verdict_label(v))} {esc(cites)}".rstrip())
        rows.append(
            [
                esc(_point(row)),
                words,
                esc(answer_label(view, row)),
                "<br>".join(judged) or NO_VERDICT,
            ]
        )
    if rows:
        out += [*markdown.table(["Point", "Provision", "Answer", "Verdicts"], rows), ""]
    out.append(esc(describe.count_label(len(view.provisions), "provision") + "."))
    out += markdown.references(citations)
    return markdown.document(out, view.kb)


def _verdict_lines(row: ProvisionVerdicts, citations: Citations) -> list[tuple[str, str, str]]:
    """``(label, style, citation marks)`` for each actor judged on the provision."""
    out = []
    for v in row.verdicts:
        cites = " ".join(dict.fromkeys(citations.mark(p.source) for p in v.positions))
        out.append((verdict_label(v), VERDICT_STYLE[v.verdict], f" {cites}" if cites else ""))
    return out


#: The widest the point column grows, unless a word of an issue's name needs more.
_POINT_WIDTH = 16


def _blocks(page: Page, view: PlanView, citations: Citations) -> None:
    """Each provision as lines of its own, where the table would have to break a
    word to fit: its point, words and answer, then each actor's verdict."""
    for i, row in enumerate(view.provisions):
        if i:
            page.blank()
        summary, text = _words(row)
        page.text(_point(row), "bold")
        page.text(summary)
        if text:
            page.text(text, "italic")
        answer = answer_label(view, row)
        if answer:
            page.text(answer, "bold")
        for label, style, cites in _verdict_lines(row, citations):
            page.text(label + cites, style)
        if not row.verdicts:
            page.text(NO_VERDICT, "dim")


def to_table(view: PlanView, screen: Screen) -> str:
    """The provisions as a table, or, where the table would break a word at the
    screen's width, as a block of lines each."""
    from negotrack.render import terminal as t
    from negotrack.render.page import Page, render

    citations = Citations(view.kb)
    page = Page()
    title, meta = _title(view)
    page.text(f"{title} {citations.mark(view.document.source)}", "bold")
    page.text(meta)
    page.blank()
    if view.provisions:
        points = [_point(row) for row in view.provisions]
        table = t.new_table(
            ("Point", {"max_width": t.widest_word(points, _POINT_WIDTH)}),
            ("Provision", {"ratio": 1}),
            ("Verdicts", {"ratio": 1}),
        )
        for row, point in zip(view.provisions, points, strict=True):
            summary, text = _words(row)
            words = t.lines((summary, ""), (text, "italic"), (answer_label(view, row), "bold"))
            verdicts = t.Text(overflow="fold")
            for label, style, cites in _verdict_lines(row, citations):
                if verdicts:
                    verdicts.append("\n")
                verdicts.append(t.visible(label), style=style)
                verdicts.append(cites)
            if not row.verdicts:
                verdicts.append(NO_VERDICT, style="dim")
            table.add_row(t.kb_text(point, "bold"), words, verdicts, end_section=True)
        if t.breaks_words(table, screen.width):
            _blocks(page, view, citations)
        else:
            page.add(table)
        page.blank()
    page.text(describe.count_label(len(view.provisions), "provision") + ".")
    page.references(citations)
    return render(page, screen, view.kb)
