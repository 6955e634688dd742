"""Markdown ready to paste into a report: tables, and KB text that stays text.

KB text is escaped so that a renderer shows it as written: ``|`` cannot end a
cell, a newline becomes ``<br>``, and link, image, HTML, emphasis, code and
entity syntax is escaped. Square brackets on their own (``[sic]``, ``[as part of
Russia]``) are left as they are: without a link after them markdown prints them
as written, and this output never defines link references.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Position
from negotrack.model.safetext import forbidden_character, visible
from negotrack.render import describe
from negotrack.render.citations import Citations

_SPECIAL = re.compile(r"([\\`*_~<>|])")
_LINK = re.compile(r"\](?=[(\[])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def escape(text: str) -> str:
    """KB text as markdown that renders exactly as ``text`` (and fits in a table cell)."""
    text = visible(text)
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LINK.sub(r"]\\", text)
    text = _ENTITY.sub("&amp;", text)
    return text.replace("\n", "<br>")


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A markdown table; cells are markdown already (escape KB text first)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return lines


def indent(depth: int) -> str:
    """Leading space that survives in a table cell, one em space per tree level."""
    return "&emsp;" * depth


def references(citations: Citations) -> list[str]:
    """The reference list: ``**[1]** Publisher, date, reliability. “Title”. <url>``."""
    cited = citations.sources()
    if not cited:
        return []
    lines = ["", "### References", ""]
    for number, source in cited:
        lines.append(
            f"- **[{number}]** {escape(describe.reference_label(source))}. "
            f"{escape(describe.title_label(source))}. {url(source.url)}"
        )
    return lines


def statement(kb: KnowledgeBase, position: Position, citations: Citations) -> str:
    """Summary and citation, quote, conditions, who said it on what evidence."""
    parts = [
        f"{position.summary} {citations.mark(position.source)}",
        describe.quote_label(position),
        describe.conditions_label(position),
        describe.meta_label(kb, position),
    ]
    return "<br>".join(escape(part) for part in parts if part)


#: The columns of a list of positions (``filter``, ``timeline``).
POSITION_HEADERS = ("Date", "Actor", "Issue", "Stance", "Statement")


def position_row(
    kb: KnowledgeBase,
    position: Position,
    citations: Citations,
    shift: str | None = None,
    extra: str | None = None,
    not_counted: str | None = None,
) -> list[str]:
    """A row under :data:`POSITION_HEADERS`; ``not_counted`` says why it does not count."""
    marks = [describe.not_counted_label(not_counted), extra]
    extra = "\n".join(m for m in marks if m) or None
    stance = escape(describe.stance_label(position.stance, position.firmness))
    if shift:
        stance += f"<br>**{escape(shift)}**"
    text = statement(kb, position, citations)
    if extra:
        text += "<br>" + escape(extra)
    return [
        escape(describe.dated_label(position)),
        escape(describe.actor_label(kb, position.actor)),
        escape(describe.issue_label(kb, position.issue)),
        stance,
        text,
    ]


def notes(texts: Iterable[str]) -> list[str]:
    """The explanations of the marks a view used, a paragraph each."""
    out: list[str] = []
    for text in texts:
        out.extend(["", escape(text)])
    return out


def url(address: str) -> str:
    """A link to ``address``; escaped text if it cannot be an autolink."""
    if re.search(r"[\s<>]", address) or forbidden_character(address) is not None:
        return escape(address)
    return f"<{address}>"


def document(lines: Iterable[str], kb: KnowledgeBase | None = None) -> str:
    """The lines as one text; with ``kb``, a last paragraph naming the KB read."""
    out = list(lines)
    label = describe.kb_label(kb) if kb is not None else None
    if label:
        out += ["", escape(label)]
    return "\n".join(out).rstrip("\n") + "\n"
