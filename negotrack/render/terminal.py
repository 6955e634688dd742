"""The terminal view drawn by rich: rich tables whose KB text is text, never markup.

:func:`kb_text` is the one way KB text becomes something rich prints: a
``rich.text.Text`` built after :func:`negotrack.model.safetext.visible`, so that
``[bold red]``, ``[link=…]`` and ``:smile:`` print as written, and long words
fold rather than being cut off. The console is created the normal way, so
colour is on only in a terminal and never with ``NO_COLOR``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Position
from negotrack.model.safetext import visible
from negotrack.render.citations import Citations
from negotrack.render.page import (
    MIN_WIDTH,
    Paragraph,
    References,
    date_parts,
    stance_parts,
    statement_parts,
)
from negotrack.render.texttable import TextTable, measure

#: Relations are words in bold, never coloured: only stance words carry colour.
RELATION_STYLE = {
    "agree": "bold",
    "conflict": "bold",
    "partial": "bold",
    "unclear": "bold",
    "only-a": "dim",
    "only-b": "dim",
}


#: The choices of ``color``: as git and ls spell them.
COLOR_CHOICES = ("auto", "always", "never")


def make_console(color: str = "auto") -> Console:
    """A console for stdout. ``auto``: colour only when stdout is a terminal (or
    ``FORCE_COLOR`` is set) and ``NO_COLOR`` is unset; ``always`` colours even a
    pipe, and is not overridden by ``NO_COLOR``; ``never`` never does."""
    options: dict[str, Any] = {}
    if color == "always":
        options = {"force_terminal": True, "no_color": False}
    elif color == "never":
        options = {"no_color": True, "color_system": None}
    console = Console(highlight=False, emoji=False, markup=False, **options)
    if color == "always" and console.color_system is None:
        # A terminal that says it is dumb (TERM=dumb) still gets the basic colours.
        console = Console(
            highlight=False, emoji=False, markup=False, color_system="standard", **options
        )
    if console.width < MIN_WIDTH:
        console.width = MIN_WIDTH
    return console


def kb_text(value: str, style: str = "") -> Text:
    """KB text as rich text: control characters made visible, no markup, no emoji."""
    return Text(visible(value), style=style, overflow="fold")


def lines(*parts: tuple[str | None, str]) -> Text:
    """Several ``(text, style)`` lines in one cell; None parts are left out."""
    out = Text(overflow="fold")
    for text, style in parts:
        if text is None:
            continue
        if out:
            out.append("\n")
        out.append(visible(text), style=style)
    return out


def new_table(*columns: tuple[Any, dict[str, Any]]) -> Table:
    """A borderless table with a rule under the header; ``(header, column options)``."""
    # One space of padding plus the box's space divider: two spaces between columns.
    table = Table(
        box=box.SIMPLE_HEAD,
        padding=(0, 1, 0, 0),
        pad_edge=False,
        show_edge=False,
        header_style="bold",
    )
    for header, options in columns:
        table.add_column(header if isinstance(header, Text) else Text(header), **options)
    return table


def breaks_words(table: Table, width: int) -> bool:
    """Whether ``table`` (of :func:`new_table`, its cells text), drawn at ``width``,
    would break a word of a cell across lines: a view then shows its rows some
    other way, since an id cut in two can be neither read nor copied. A table
    with a column of fixed width, or a cell that is not text, is taken to keep
    its words (its maker laid it out)."""
    columns = []
    for column in table.columns:
        if column.width is not None or column.min_width is not None:
            return False
        header = column.header
        name = header.plain if isinstance(header, Text) else str(header)
        columns.append((name, {"no_wrap": column.no_wrap, "max_width": column.max_width}))
    measured = TextTable(*columns)
    for row in zip(*(column.cells for column in table.columns), strict=True):
        cells = []
        for cell in row:
            if not isinstance(cell, (Text, str)):
                return False
            text = cell.plain if isinstance(cell, Text) else cell
            cells.append([(line, "") for line in text.split("\n")])
        measured.add_row(*cells)
    return measured.breaks_words(width)


def widest_word(texts: Iterable[str], at_least: int = 0) -> int:
    """The terminal cells of the longest word in ``texts``, or ``at_least`` if more:
    the width a column needs so that none of its words is broken."""
    return max([at_least, *(measure([(visible(text), "")])[0] for text in texts)])


def stance_cell(stance: str, firmness: str | None = None, shift: str | None = None) -> Text:
    return lines(*stance_parts(stance, firmness, shift))


def date_cell(position: Position, approximate: bool = False) -> Text:
    return lines(*date_parts(position, approximate))


def statement_cell(
    kb: KnowledgeBase, position: Position, citations: Citations, extra: str | None = None
) -> Text:
    """Summary and citation, the quote, the conditions, who said it on what evidence."""
    return lines(*statement_parts(kb, position, citations, extra))


def issue_cell(name: str, depth: int, style: str = "", *extra: tuple[str, str]) -> Any:
    """An issue's name indented by its depth in the tree, a wrapped name staying
    under its first line; ``extra`` lines (text, style) follow it."""
    from rich.padding import Padding

    text = kb_text(name, style)
    for line, line_style in extra:
        text.append("\n")
        text.append(visible(line), style=line_style)
    return Padding(text, (0, 0, 0, 2 * depth)) if depth else text


def rich_item(item: Any) -> list[tuple[Any, bool]]:
    """What rich prints for an item of a :class:`~negotrack.render.page.Page`:
    a paragraph as rich text, a reference list as a grid per reference and its URL."""
    if isinstance(item, Paragraph):
        # A soft-wrapped line keeps rich's default overflow, so that it is never cut.
        text = Text(item.text, style=item.style, overflow=None if item.soft_wrap else "fold")
        return [(text, item.soft_wrap)]
    if isinstance(item, References):
        return reference_items(item)
    return [(item, False)]


def reference_items(references: References) -> list[tuple[Any, bool]]:
    """The reference list as rich draws it: a grid per reference, then its URL, never broken."""
    out: list[tuple[Any, bool]] = []
    for mark, texts, url in references.entries:
        grid = Table.grid()
        grid.add_column(width=references.width, no_wrap=True)
        grid.add_column()
        cell = Text(overflow="fold")
        for index, (text, style) in enumerate(texts):
            if index:
                cell.append("\n")
            cell.append(text, style=style)
        grid.add_row(Text(mark), cell)
        out.append((grid, False))
        out.append((Text(" " * references.width + url, style="blue"), True))
    return out


def draw(console: Console, items: list[tuple[Any, bool]]) -> str:
    """Items of a page (``(item, soft_wrap)``) as ``console`` prints them."""
    with console.capture() as capture:
        for item, soft_wrap in items:
            for renderable, wrap in rich_item(item):
                console.print(renderable, soft_wrap=wrap or soft_wrap)
    return capture.get()
