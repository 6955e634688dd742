"""``negotrack brief``: the briefing as JSON, markdown, a terminal table or one HTML page.

Every item carries its citation: positions with their source object (JSON) or
a numbered reference (markdown, table, HTML).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.analysis.brief import BriefView, RecordedView
from negotrack.model.records import Document, Position
from negotrack.render import describe, markdown
from negotrack.render.citations import Citations
from negotrack.render.machine import Composed, Records, json_text

if TYPE_CHECKING:
    from negotrack.render.page import Screen

NOTHING = "Nothing changed in this period."
POSSIBLY_EARLIER = "possibly earlier"
POSSIBLY_EARLIER_NOTE = (
    "possibly earlier: the statement is dated only to its month or year, which begins "
    "before the period; it may have been said before it."
)


def _period(view: BriefView) -> str:
    return f"{view.since} to {view.until}" if view.until else f"since {view.since}"


def to_json(view: BriefView) -> str:
    records = Records(view.kb)

    def position(p: Position, earlier: bool | None = None) -> dict[str, Any] | Composed:
        return records.position(p, after=None if earlier is None else {"possibly_earlier": earlier})

    document = {
        "since": str(view.since),
        "until": str(view.until) if view.until else None,
        "positions": [position(b.position, b.possibly_earlier) for b in view.positions],
        "shifts": [
            {"position": position(s.position), "previous": position(s.previous), "shift": s.shift}
            for s in view.shifts
        ],
        "red_lines": {
            "drawn": [position(p) for p in view.drawn],
            "lifted": [position(p) for p in view.lifted],
        },
        "mixed": [
            {"actor": m.actor, "issue": m.issue, "positions": [position(p) for p in m.positions]}
            for m in view.mixed
        ],
        "events": [records.event(e) for e in view.events],
        "documents": [_document(records, d) for d in view.documents],
        "zones": [
            {
                "issue": z.issue,
                "before": {"zone": z.zone_before, "gap": z.gap_before},
                "after": {"zone": z.zone_after, "gap": z.gap_after},
            }
            for z in view.zones
        ],
        "kb": view.kb.path or None,
    }
    return json_text(document)


def _document(records: Records, document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.title,
        "date": str(document.date),
        "kind": document.kind,
        "authors": list(document.authors),
        "source": records.source(document.source),
    }


def recorded_json(view: RecordedView) -> str:
    return json_text(
        {
            "since_rev": view.revision,
            "recorded": {"added": view.added, "changed": view.changed, "removed": view.removed},
            "kb": view.kb.path or None,
        }
    )


# -- words, shared by markdown, the table and HTML ------------------------------


def _line(view: BriefView, p: Position, citations: Citations) -> str:
    kb = view.kb
    quote = f" {describe.quote_label(p)}" if p.quote else ""
    return (
        f"{describe.actor_label(kb, p.actor)} · {describe.issue_label(kb, p.issue)}: "
        f"{describe.stance_label(p.stance, p.firmness)} ({describe.dated_label(p)}) — "
        f"{p.summary}{quote} {describe.meta_label(kb, p)} {citations.mark(p.source)}"
    )


def sections(view: BriefView, citations: Citations) -> list[tuple[str, list[str]]]:
    """The briefing's sections as ``(heading, plain-text items)``; empty ones left out."""
    kb = view.kb
    out: list[tuple[str, list[str]]] = []
    said = []
    for item in view.positions:
        text = _line(view, item.position, citations)
        said.append(f"{text} ({POSSIBLY_EARLIER})" if item.possibly_earlier else text)
    out.append(("New positions", said))
    out.append(
        (
            "Shifts",
            [
                f"{describe.shift_label(s.shift)}: {_line(view, s.position, citations)} "
                f"— before: {s.previous.stance} ({describe.dated_label(s.previous)}) "
                f"{citations.mark(s.previous.source)}"
                for s in view.shifts
            ],
        )
    )
    out.append(("Red lines drawn", [_line(view, p, citations) for p in view.drawn]))
    out.append(("Red lines lifted", [_line(view, p, citations) for p in view.lifted]))
    out.append(
        (
            "Became mixed",
            [
                f"{describe.actor_label(kb, m.actor)} · {describe.issue_label(kb, m.issue)}: "
                + "; ".join(
                    f"{p.stance} ({describe.dated_label(p)}) {citations.mark(p.source)}"
                    for p in m.positions
                )
                for m in view.mixed
            ],
        )
    )
    out.append(
        (
            "Events",
            [
                f"{e.date} · {e.title} ({_names(view, e.actors)}) {citations.mark(e.source)}"
                for e in view.events
            ],
        )
    )
    out.append(
        (
            "New documents",
            [f"{d.date} · {d.title} {citations.mark(d.source)}" for d in view.documents],
        )
    )
    out.append(
        (
            "Zones of possible agreement",
            [
                f"{describe.issue_label(kb, z.issue)}: {_zone_words(z.zone_before, z.gap_before)} "
                f"→ {_zone_words(z.zone_after, z.gap_after)}"
                for z in view.zones
            ],
        )
    )
    return [(heading, items) for heading, items in out if items]


def _zone_words(zone: list[str], gap: int) -> str:
    if zone:
        return "zone " + ", ".join(zone)
    if gap:
        return f"no zone (gap of {gap} step{'s' if gap != 1 else ''})"
    return "no ranges"


def _names(view: BriefView, actors: list[str]) -> str:
    return ", ".join(describe.actor_label(view.kb, a) for a in actors)


def to_markdown(view: BriefView) -> str:
    citations = Citations(view.kb)
    lines = [f"## What changed, {_period(view)}"]
    found = sections(view, citations)
    if not found:
        lines.extend(["", NOTHING])
    for heading, items in found:
        lines.extend(["", f"### {heading}", ""])
        lines.extend(f"- {markdown.escape(item)}" for item in items)
    if any(b.possibly_earlier for b in view.positions):
        lines.extend(markdown.notes([POSSIBLY_EARLIER_NOTE]))
    lines.extend(markdown.references(citations))
    return markdown.document(lines, view.kb)


def to_table(view: BriefView, screen: Screen) -> str:
    from negotrack.render.page import Page, render

    citations = Citations(view.kb)
    page = Page()
    page.text(f"What changed, {_period(view)}", "bold")
    found = sections(view, citations)
    if not found:
        page.text(NOTHING)
    for heading, items in found:
        page.blank()
        page.text(heading, "bold")
        for item in items:
            page.text(f"• {item}")
    if any(b.possibly_earlier for b in view.positions):
        page.notes([POSSIBLY_EARLIER_NOTE])
    page.references(citations)
    return render(page, screen, view.kb)


def recorded_table(view: RecordedView, screen: Screen) -> str:
    from negotrack.render.page import Page, render

    page = Page()
    page.text(f"Recorded since {view.revision}", "bold")
    for heading, ids in (
        ("Added", view.added),
        ("Changed", view.changed),
        ("Removed", view.removed),
    ):
        page.blank()
        page.text(f"{heading}: {len(ids)}", "bold")
        for i in ids:
            page.text(f"  {i}")
    return render(page, screen, view.kb)


def recorded_markdown(view: RecordedView) -> str:
    lines = [f"## Recorded since {markdown.escape(view.revision)}", ""]
    for heading, ids in (
        ("Added", view.added),
        ("Changed", view.changed),
        ("Removed", view.removed),
    ):
        lines.extend([f"### {heading}", ""])
        lines.extend(f"- `{i}`" for i in ids)
        if not ids:
            lines.append("none")
        lines.append("")
    return markdown.document(lines, view.kb)


def to_html(view: BriefView, title: str = "What changed") -> str:
    """One standalone HTML page (styles inline, nothing fetched)."""
    from html import escape

    citations = Citations(view.kb)
    found = sections(view, citations)
    body = [f"<h1>{escape(title)}, {escape(_period(view))}</h1>"]
    if not found:
        body.append(f"<p>{escape(NOTHING)}</p>")
    for heading, items in found:
        body.append(f"<h2>{escape(heading)}</h2>\n<ul>")
        body.extend(f"<li>{escape(item)}</li>" for item in items)
        body.append("</ul>")
    cited = citations.sources()
    if cited:
        body.append("<h2>References</h2>\n<ol>")
        for number, source in cited:
            address = escape(source.url)
            link = (
                f' <a href="{address}" rel="noopener noreferrer">{address}</a>'
                if source.url.lower().startswith(("http://", "https://"))
                else f" {escape(source.url)}"
            )
            body.append(
                f'<li value="{number}">{escape(describe.reference_label(source))}. '
                f"{escape(describe.title_label(source))}.{link}</li>"
            )
        body.append("</ol>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;"
        "padding:0 1rem}li{margin-bottom:.4rem}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


class _Recorded:
    """The renderer of a :class:`~negotrack.analysis.brief.RecordedView`: what was
    recorded since a revision (markdown, json or table; no html)."""

    to_json = staticmethod(recorded_json)
    to_markdown = staticmethod(recorded_markdown)
    to_table = staticmethod(recorded_table)


recorded = _Recorded()
