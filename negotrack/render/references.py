"""Sources as references: plain text, Markdown, BibTeX and CSL-JSON.

Only what the KB holds goes into a reference: no access date, no guessed
author. Dates keep their precision in every style (``2024-12`` is "December
2024", ``date = {2024-12}`` and ``"date-parts": [[2024, 12]]``).

A source whose publication day is known is cited as a news article
(``article-newspaper`` in CSL-JSON); one known only to the month or year, such
as an undated web page, as a web page (``webpage``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from negotrack.errors import UsageError
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase
from negotrack.model.plain import quote_url
from negotrack.model.records import Position, Source
from negotrack.model.safetext import visible

STYLES = ("plain", "markdown", "bibtex", "csl-json")

# Not calendar.month_name, which follows the locale.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


def cite(items: Iterable[Source | Position], style: str, kb: KnowledgeBase | None = None) -> str:
    """The references of ``items`` in ``style``, as one text ending in a newline,
    escaped for output like every renderer's (control characters visible in the
    text styles, JSON escapes in ``csl-json``).

    A source is cited as a whole; a position (which needs ``kb``) as a quotation:
    who said it, when, in which words (or the curator's summary, marked as such),
    then the source, linked to the quoted passage when there is a quote.
    """
    if style not in STYLES:
        raise UsageError(f"unknown citation style {style!r}: use {', '.join(STYLES)}")
    items = list(items)
    if any(isinstance(item, Position) for item in items) and kb is None:
        raise ValueError("citing a position needs the knowledge base")
    if style == "csl-json":
        from negotrack.render.machine import json_text

        entries = [
            csl_item(item) if isinstance(item, Source) else csl_quotation(kb, item)  # type: ignore[arg-type]
            for item in items
        ]
        text = json_text(entries)
        # Dates on one line, as CSL-JSON is usually written: [[2025, 3]]. Only
        # the layout changes: JSON strings hold no raw line breaks to match.
        return _DATE_PARTS.sub(_one_line, text)
    render: Callable[[Source], str] = {"plain": plain, "markdown": markdown, "bibtex": bibtex}[
        style
    ]
    quoted: Callable[[KnowledgeBase, Position], str] = {
        "plain": plain_quotation,
        "markdown": markdown_quotation,
        "bibtex": bibtex_quotation,
    }[style]
    separator = "\n\n" if style == "bibtex" else "\n"
    text = separator.join(
        render(item) if isinstance(item, Source) else quoted(kb, item)  # type: ignore[arg-type]
        for item in items
    )
    return visible(text) + "\n"


def speaker_words(kb: KnowledgeBase, position: Position) -> str:
    """``Andrii Sibiga (Minister of Foreign Affairs of Ukraine), 17 March 2025: “…”``:
    who said it, when, and the quote; without a quote, the curator's summary,
    said to be one; then how it reached the KB (``(according to …)``)."""
    from negotrack.render.describe import evidence_label

    person = kb.person(position.speaker) if position.speaker else None
    actor = kb.actor(position.actor)
    actor_name = actor.name if actor is not None else position.actor
    if person is not None:
        role = person.role or ""
        about = role if actor_name in role else ", ".join(filter(None, (role, actor_name)))
        who = f"{person.name} ({about})"
    else:
        who = actor_name
    when = human(position.when) + (" (as reported)" if position.as_reported else "")
    if position.quote:
        text = f"{who}, {when}: “{' '.join(position.quote.split())}”"
    else:
        text = f"{who}, {when}, in the curator's summary: {_closed(position.summary)}"
    if position.evidence in ("reported", "assessment") and position.via:
        text += f" ({evidence_label(position)})"
    return text


def plain_quotation(kb: KnowledgeBase, position: Position) -> str:
    """The words, then ``In:`` and the source as :func:`plain` cites it, its URL
    pointing at the quoted passage."""
    source = _source_of(kb, position)
    reference = plain(source).removesuffix(source.url) + _link(source, position)
    return f"{_sentence(speaker_words(kb, position))} In: {reference}"


def markdown_quotation(kb: KnowledgeBase, position: Position) -> str:
    """The words, then ``In:`` and the source as :func:`markdown` cites it, linked to
    the quoted passage; KB text escaped as in every markdown view."""
    from negotrack.render.markdown import escape

    source = _source_of(kb, position)
    link = _link(source, position).replace("(", "%28").replace(")", "%29")
    start = f"{escape(source.author)}. " if source.author else ""
    title = escape(source.title).replace("[", "\\[").replace("]", "\\]")
    reference = f"{start}[{title}]({link}). *{escape(source.publisher)}*, {human_date(source)}."
    return f"{escape(_sentence(speaker_words(kb, position)))} In: {reference}"


def bibtex_quotation(kb: KnowledgeBase, position: Position) -> str:
    """The source's ``@online`` entry keyed by the position id, the words in ``note``."""
    source = _source_of(kb, position)
    fields = [("title", _tex(source.title))]
    if source.author:
        fields.append(("author", _tex(source.author)))
    fields.append(("organization", _tex(source.publisher)))
    fields.append(("date", str(source.published)))
    fields.append(("url", _link(source, position).replace("{", "%7B").replace("}", "%7D")))
    fields.append(("note", _tex(speaker_words(kb, position))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{position.id},\n{body}\n}}"


def csl_quotation(kb: KnowledgeBase, position: Position) -> dict[str, Any]:
    """The source's CSL item, keyed by the position id, the words in ``note``."""
    source = _source_of(kb, position)
    item = csl_item(source)
    item["id"] = position.id
    item["URL"] = _link(source, position)
    item["note"] = speaker_words(kb, position)
    return item


def _sentence(text: str) -> str:
    """``text`` ending as a sentence: a closing quotation mark or a full stop."""
    return text if text.endswith((".", "?", "!", "”")) else text + "."


def _source_of(kb: KnowledgeBase, position: Position) -> Source:
    source = kb.source(position.source)
    if source is None:  # only in a KB that failed validation
        raise UsageError(f"position {position.id!r} cites an unknown source {position.source!r}")
    return source


def _link(source: Source, position: Position) -> str:
    return quote_url(source.url, position.quote) or source.url


def kind(source: Source) -> str:
    """``article-newspaper`` when the day of publication is known, else ``webpage``."""
    return "article-newspaper" if source.published.precision == "day" else "webpage"


def plain(source: Source) -> str:
    """``Author. “Title.” Publisher, 18 March 2025. URL`` (author only when known); a
    title that is the curator's description is not put in quotation marks."""
    title = _closed(source.title)
    if not source.title_is_description:
        title = f"“{title}”"
    start = f"{source.author}. " if source.author else ""
    return f"{start}{title} {source.publisher}, {human_date(source)}. {source.url}"


def markdown(source: Source) -> str:
    """``Author. [Title](URL). *Publisher*, 18 March 2025.``, KB text escaped as in
    every markdown view (:func:`negotrack.render.markdown.escape`: newlines become
    ``<br>``, entities, emphasis, code, HTML and links are escaped), and the
    title's own brackets escaped so that it cannot end the link early."""
    from negotrack.render.markdown import escape

    start = f"{escape(source.author)}. " if source.author else ""
    url = source.url.replace("(", "%28").replace(")", "%29")
    title = escape(source.title).replace("[", "\\[").replace("]", "\\]")
    return f"{start}[{title}]({url}). *{escape(source.publisher)}*, {human_date(source)}."


def bibtex(source: Source) -> str:
    """A biblatex ``@online`` entry keyed by the source id."""
    fields = [("title", _tex(source.title))]
    if source.author:
        fields.append(("author", _tex(source.author)))
    fields.append(("organization", _tex(source.publisher)))
    fields.append(("date", str(source.published)))
    # url is a verbatim field: only braces would break it.
    fields.append(("url", source.url.replace("{", "%7B").replace("}", "%7D")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{source.id},\n{body}\n}}"


def csl_item(source: Source) -> dict[str, Any]:
    """A CSL-JSON item, as Zotero and pandoc read them."""
    published = source.published
    parts = [published.year]
    if published.month is not None:
        parts.append(published.month)
        if published.day is not None:
            parts.append(published.day)
    item: dict[str, Any] = {"id": source.id, "type": kind(source), "title": source.title}
    if source.author:
        item["author"] = [{"literal": source.author}]
    item["container-title"] = source.publisher
    item["issued"] = {"date-parts": [parts]}
    item["URL"] = source.url
    return item


def human_date(source: Source) -> str:
    """``18 March 2025``, ``March 2025`` or ``2025``, as precise as the KB knows."""
    return human(source.published)


def human(published: PartialDate) -> str:
    """A date in words, at its precision: ``18 March 2025``, ``March 2025``, ``2025``."""
    if published.month is None:
        return str(published.year)
    month = _MONTHS[published.month - 1]
    if published.day is None:
        return f"{month} {published.year}"
    return f"{published.day} {month} {published.year}"


_DATE_PARTS = re.compile(r"\[\n\s*\[\n[\s\d,]*\]\n\s*\]")


def _one_line(match: re.Match[str]) -> str:
    return "[[" + ", ".join(re.findall(r"\d+", match.group())) + "]]"


def _closed(title: str) -> str:
    """The title with the full stop a reference puts inside the quotation marks."""
    return title if title.endswith((".", "?", "!")) else title + "."


def _tex(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)
