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
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Source
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


def cite(sources: Iterable[Source], style: str) -> str:
    """The references of ``sources`` in ``style``, as one text ending in a newline,
    escaped for output like every renderer's (control characters visible in the
    text styles, JSON escapes in ``csl-json``)."""
    if style not in STYLES:
        raise UsageError(f"unknown citation style {style!r}: use {', '.join(STYLES)}")
    sources = list(sources)
    if style == "csl-json":
        from negotrack.render.machine import json_text

        text = json_text([csl_item(source) for source in sources])
        # Dates on one line, as CSL-JSON is usually written: [[2025, 3]]. Only
        # the layout changes: JSON strings hold no raw line breaks to match.
        return _DATE_PARTS.sub(_one_line, text)
    render: Callable[[Source], str] = {"plain": plain, "markdown": markdown, "bibtex": bibtex}[
        style
    ]
    separator = "\n\n" if style == "bibtex" else "\n"
    return visible(separator.join(render(source) for source in sources)) + "\n"


#: A quote longer than this many words is linked by its first and last words.
_FRAGMENT_WORDS = 8
_FRAGMENT_ENDS = 4


def quote_url(url: str, quote: str | None) -> str | None:
    """A link to the quoted words in the source: ``URL#:~:text=…``, a text fragment
    that browsers scroll to and highlight. A long quote is linked by its first and
    last words (``text=start,end``). None without a quote."""
    if not quote:
        return None
    words = quote.split()
    if not words:
        return None
    if len(words) > _FRAGMENT_WORDS:
        directive = (
            _fragment_text(" ".join(words[:_FRAGMENT_ENDS]))
            + ","
            + _fragment_text(" ".join(words[-_FRAGMENT_ENDS:]))
        )
    else:
        directive = _fragment_text(" ".join(words))
    # A URL with a fragment keeps it: the directive follows it (#top:~:text=…).
    separator = ":~:text=" if "#" in url else "#:~:text="
    return f"{url}{separator}{directive}"


def _fragment_text(text: str) -> str:
    """Percent-encoded text for a text directive, where ``-``, ``&`` and ``,`` are syntax."""
    from urllib.parse import quote

    return quote(text, safe="").replace("-", "%2D")


def citation_counts(kb: KnowledgeBase) -> dict[str, int]:
    """How many positions cite each source, for every source of the KB (0 if none)."""
    counts = {source.id: 0 for source in kb.sources}
    for position in kb.positions:
        if position.source in counts:
            counts[position.source] += 1
    return counts


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
    published = source.published
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
