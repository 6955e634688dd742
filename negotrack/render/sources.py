"""``negotrack sources``: each source with its grade and how many positions cite it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from negotrack.analysis.sources import SourceList
from negotrack.model.plain import record_dict
from negotrack.model.records import RELIABILITY_MEANING
from negotrack.render import describe, markdown
from negotrack.render.machine import SOURCE_FIELDS, csv_text, json_text

if TYPE_CHECKING:
    from negotrack.render.page import Screen

COLUMNS = ("id", *SOURCE_FIELDS, "cited_by")


def _empty(view: SourceList) -> str:
    return "Every source is cited." if view.unused_only else "No sources."


def _total(view: SourceList) -> str:
    label = describe.count_label(len(view.rows), "source")
    return f"{label} cited by no position." if view.unused_only else f"{label}."


def _grade(grade: str | None) -> str:
    return f"{grade} ({RELIABILITY_MEANING[grade]})" if grade else "not graded"


def to_json(view: SourceList) -> str:
    return json_text([{**record_dict(s), "cited_by": n} for s, n in view.rows])


def to_csv(view: SourceList, *, raw: bool = False) -> str:
    return csv_text(COLUMNS, ({**record_dict(s), "cited_by": n} for s, n in view.rows), raw=raw)


def to_markdown(view: SourceList) -> str:
    if not view.rows:
        return markdown.document([_empty(view)], view.kb)
    rows = [
        [
            markdown.escape(source.id),
            markdown.escape(source.publisher),
            f"{markdown.escape(describe.title_label(source))}<br>{markdown.url(source.url)}",
            markdown.escape(str(source.published)),
            markdown.escape(_grade(source.reliability)),
            str(count),
        ]
        for source, count in view.rows
    ]
    headers = ("Source", "Publisher", "Title", "Published", "Reliability", "Positions")
    return markdown.document([*markdown.table(headers, rows), "", _total(view)], view.kb)


def to_table(view: SourceList, screen: Screen) -> str:
    from negotrack.render import terminal as t
    from negotrack.render.page import Page, render

    page = Page()
    if not view.rows:
        page.text(_empty(view))
        return render(page, screen, view.kb)
    table = t.new_table(
        ("Source", {"overflow": "fold", "ratio": 1}),
        ("Published", {"no_wrap": True}),
        ("Grade", {"no_wrap": True}),
        ("Positions", {"justify": "right", "no_wrap": True}),
    )
    for i, (source, count) in enumerate(view.rows):
        if i:
            table.add_row()  # a blank line between sources
        table.add_row(
            t.lines(
                (source.id, "bold"),
                (source.publisher, ""),
                (describe.title_label(source), "dim"),
            ),
            t.kb_text(str(source.published)),
            t.kb_text(source.reliability or "-"),
            t.kb_text(str(count), "" if count else "dim"),
        )
    page.add(table)
    page.blank()
    page.text(_total(view))
    grades = sorted({s.reliability for s, _ in view.rows if s.reliability})
    if grades:
        page.notes(["Reliability: " + ", ".join(_grade(g) for g in grades) + "."])
    return render(page, screen, view.kb)
