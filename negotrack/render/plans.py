"""``negotrack plans``: the documents of the KB, oldest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.analysis.plans import PlansView
from negotrack.model.kb import KnowledgeBase
from negotrack.model.plain import record_dict
from negotrack.model.records import Document
from negotrack.render import markdown
from negotrack.render.citations import Citations
from negotrack.render.machine import Records, csv_text, json_text

if TYPE_CHECKING:
    from rich.text import Text

    from negotrack.render.page import Page, Screen

CSV_COLUMNS = ("id", "title", "kind", "date", "authors", "provisions", "revises", "source")


def authors_label(kb: KnowledgeBase, document: Document) -> str:
    names = {a.id: a.name for a in kb.actors}
    return ", ".join(names.get(a, a) for a in document.authors)


def document_dict(records: Records, document: Document) -> dict[str, Any]:
    """A document for JSON without its provisions, its source embedded."""
    out = record_dict(document)
    del out["provisions"]
    out["provisions_count"] = len(document.provisions)
    out["source"] = records.source(document.source)
    out["file"] = document.file
    out["line"] = document.line
    return out


def to_json(view: PlansView) -> str:
    records = Records(view.kb)
    return json_text([document_dict(records, d) for d in view.documents])


def to_csv(view: PlansView, *, raw: bool = False) -> str:
    rows = [
        {
            "id": d.id,
            "title": d.title,
            "kind": d.kind,
            "date": d.date,
            "authors": d.authors,
            "provisions": len(d.provisions),
            "revises": d.revises,
            "source": d.source,
        }
        for d in view.documents
    ]
    return csv_text(CSV_COLUMNS, rows, raw=raw)


def _row(view: PlansView, document: Document, citations: Citations) -> list[str]:
    return [
        str(document.date),
        document.id,
        f"{document.title} {citations.mark(document.source)}",
        document.kind,
        authors_label(view.kb, document),
        str(len(document.provisions)),
        document.revises or "",
    ]


HEADERS = ["Date", "Id", "Title", "Kind", "Authors", "Points", "Revises"]


def _summary(view: PlansView) -> str:
    n = len(view.documents)
    return "No documents in this KB." if not n else f"{n} document{'s' if n != 1 else ''}."


def to_markdown(view: PlansView) -> str:
    citations = Citations(view.kb)
    rows = [[markdown.escape(c) for c in _row(view, d, citations)] for d in view.documents]
    out = [*markdown.table(HEADERS, rows), ""] if rows else []
    out.append(markdown.escape(_summary(view)))
    out += markdown.references(citations)
    return markdown.document(out, view.kb)


def _kind_label(document: Document) -> str:
    return document.kind + (f", revises {document.revises}" if document.revises else "")


def _document_cell(document: Document, citations: Citations) -> Text:
    """The id, the title with its citation, and the kind (with what it revises),
    one above the other: a long id never squeezes the title out of the table."""
    from negotrack.render import terminal as t

    return t.lines(
        (document.id, "bold"),
        (f"{document.title} {citations.mark(document.source)}", ""),
        (_kind_label(document), "dim"),
    )


def _blocks(page: Page, view: PlansView, citations: Citations) -> None:
    """Each document as lines of its own, where the table would have to break a
    word (an id) to fit: its date, id, title, kind, authors and points."""
    for i, document in enumerate(view.documents):
        if i:
            page.blank()
        page.text(str(document.date))
        page.text(document.id, "bold")
        page.text(f"{document.title} {citations.mark(document.source)}")
        page.text(_kind_label(document), "dim")
        page.text(f"Authors: {authors_label(view.kb, document)}")
        page.text(f"Points: {len(document.provisions)}")


#: The widest the authors column grows, unless a word of a name needs more.
_AUTHORS_WIDTH = 16


def to_table(view: PlansView, screen: Screen) -> str:
    """The documents as a table, or, where the table would break an id or a word
    at the screen's width, as a block of lines each."""
    from negotrack.render import terminal as t
    from negotrack.render.page import Page, render

    citations = Citations(view.kb)
    page = Page()
    if view.documents:
        authors = [authors_label(view.kb, d) for d in view.documents]
        table = t.new_table(
            ("Date", {"no_wrap": True}),
            ("Document", {"ratio": 1}),
            ("Authors", {"max_width": t.widest_word(authors, _AUTHORS_WIDTH)}),
            ("Points", {"justify": "right", "no_wrap": True}),
        )
        for i, (document, author) in enumerate(zip(view.documents, authors, strict=True)):
            if i:
                table.add_row()  # a blank line between documents
            table.add_row(
                t.kb_text(str(document.date)),
                _document_cell(document, citations),
                t.kb_text(author),
                t.kb_text(str(len(document.provisions))),
            )
        if t.breaks_words(table, screen.width):
            _blocks(page, view, citations)
        else:
            page.add(table)
        page.blank()
    page.text(_summary(view))
    page.references(citations)
    return render(page, screen, view.kb)
