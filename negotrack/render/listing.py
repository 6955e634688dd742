"""``negotrack filter``: the matching positions, one row each, cited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from negotrack import jsontext
from negotrack.analysis.query import Selection
from negotrack.model.plain import DEPTH
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
)

if TYPE_CHECKING:
    from negotrack.render.page import Screen

NO_MATCH = "No positions match."


def to_json(view: Selection) -> str:
    return "".join(pieces_json(view))


def pieces_json(view: Selection) -> Iterator[str]:
    """:func:`to_json` in pieces, a position at a time, to be written as they come."""
    records = Records(view.kb)
    if view.listed is not None:  # read for this listing: written JSON only
        return jsontext.raw_array_pieces(_listed_texts(view, records))

    def items() -> Iterator[dict[str, Any] | Composed]:
        for chunk in chunks(view.positions):
            records.fetch(chunk)
            for p in chunk:
                yield records.position(p, after=count_fields(view.not_counted(p)))

    return json_array_pieces(items())


def _listed_texts(view: Selection, records: Records) -> Iterator[list[str]]:
    """The positions of a view read for its listing, written, a few hundred at a time."""
    assert view.listed is not None
    counts: dict[tuple[str, int], str] = {}  # by what they depend on: few
    texts: list[str] = []
    written = records.listed_text
    for row in view.listed.rows():
        after = counts.get((row.evidence, row.official))
        if after is None:
            after = jsontext.members(count_fields(view.listed_not_counted(row)), DEPTH)
            counts[row.evidence, row.official] = after
        texts.append(written(row, after))
        if len(texts) == 500:
            yield texts
            texts = []
    yield texts


#: Columns of ``filter --format csv``: a position's, then whether it counts.
CSV_COLUMNS = (*POSITION_COLUMNS, *COUNT_COLUMNS)


def to_csv(view: Selection, *, raw: bool = False) -> str:
    _written_only(view)
    rows = (
        {**position_row(view.kb, p), **count_fields(view.not_counted(p))} for p in view.positions
    )
    return csv_text(CSV_COLUMNS, rows, raw=raw)


def _written_only(view: Selection) -> None:
    if view.listed is not None:
        raise ValueError("a listing read for its JSON is written only as JSON")


def _notes(view: Selection) -> list[str]:
    return [describe.AS_REPORTED_NOTE] if any(p.as_reported for p in view.positions) else []


def to_markdown(view: Selection) -> str:
    _written_only(view)
    citations = Citations(view.kb)
    if not view.positions:
        return markdown.document([NO_MATCH], view.kb)
    rows = [
        markdown.position_row(view.kb, p, citations, not_counted=view.not_counted(p))
        for p in view.positions
    ]
    out = markdown.table(markdown.POSITION_HEADERS, rows)
    out += ["", describe.count_label(len(view.positions), "position") + "."]
    out += markdown.notes(_notes(view))
    out += markdown.references(citations)
    return markdown.document(out, view.kb)


def to_table(view: Selection, screen: Screen) -> str:
    _written_only(view)
    from negotrack.render.page import Page, add_position, position_table, render

    citations = Citations(view.kb)
    page = Page()
    if not view.positions:
        page.text(NO_MATCH)
        return render(page, screen, view.kb)
    table = position_table()
    for p in view.positions:
        add_position(table, view.kb, p, citations, not_counted=view.not_counted(p))
    page.add(table)
    page.blank()
    page.text(describe.count_label(len(view.positions), "position") + ".")
    page.notes(_notes(view))
    page.references(citations)
    return render(page, screen, view.kb)
