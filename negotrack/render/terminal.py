"""The terminal view: rich tables whose KB text is text, never markup.

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
from negotrack.render import describe
from negotrack.render.citations import Citations
from negotrack.render.texttable import TextTable

#: Colours that tell stances apart without reading as good (green) or bad (red):
#: a stance is an answer to the issue's question, not a verdict on the party.
STANCE_STYLE = {
    "support": "blue",
    "oppose": "dark_orange",
    "conditional": "cyan",
    "ambiguous": "dim",
    "mixed": "magenta",
}
#: Relations are words in bold, never coloured: only stance words carry colour.
RELATION_STYLE = {
    "agree": "bold",
    "conflict": "bold",
    "partial": "bold",
    "unclear": "bold",
    "only-a": "dim",
    "only-b": "dim",
}


#: Below this width (e.g. COLUMNS=0) tables could not be drawn at all.
MIN_WIDTH = 40


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


def line_list(*parts: tuple[str | None, str]) -> list[tuple[str, str]]:
    """What :func:`lines` makes, as ``(line, style)`` pairs for a :class:`TextTable`
    (which draws them without building rich text at all)."""
    out: list[tuple[str, str]] = []
    for text, style in parts:
        if text is not None:
            out.extend((line, style) for line in visible(text).split("\n"))
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


Parts = tuple[tuple[str | None, str], ...]


def stance_parts(stance: str, firmness: str | None = None, shift: str | None = None) -> Parts:
    return (
        (stance, STANCE_STYLE.get(stance, "")),
        (firmness, ""),
        (describe.shift_label(shift), "bold"),
    )


def stance_cell(stance: str, firmness: str | None = None, shift: str | None = None) -> Text:
    return lines(*stance_parts(stance, firmness, shift))


def date_parts(position: Position, approximate: bool = False) -> Parts:
    return (
        (describe.date_label(position, approximate), ""),
        (describe.AS_REPORTED if position.as_reported else None, "dim"),
    )


def date_cell(position: Position, approximate: bool = False) -> Text:
    return lines(*date_parts(position, approximate))


def statement_parts(
    kb: KnowledgeBase, position: Position, citations: Citations, extra: str | None = None
) -> Parts:
    """Summary and citation, the quote, the conditions, who said it on what evidence."""
    return (
        (f"{position.summary} {citations.mark(position.source)}", ""),
        (describe.quote_label(position), "italic"),
        (describe.conditions_label(position), ""),
        (describe.meta_label(kb, position), "dim"),
        (extra, "dim"),
    )


def statement_cell(
    kb: KnowledgeBase, position: Position, citations: Citations, extra: str | None = None
) -> Text:
    """Summary and citation, the quote, the conditions, who said it on what evidence."""
    return lines(*statement_parts(kb, position, citations, extra))


def position_table() -> TextTable:
    """The table of a list of positions (``filter``, ``timeline``): drawn without
    rich's per-cell machinery, which a table of thousands of rows would wait on
    (see :mod:`negotrack.render.texttable`)."""
    return TextTable(
        ("Date", {"no_wrap": True}),
        ("Actor / issue", {"max_width": 16}),
        ("Stance", {"no_wrap": True}),
        ("Statement", {"ratio": 1}),
    )


def add_position(
    table: TextTable,
    kb: KnowledgeBase,
    position: Position,
    citations: Citations,
    shift: str | None = None,
    extra: str | None = None,
    not_counted: str | None = None,
) -> None:
    """A row of :func:`position_table`; ``not_counted`` says why it does not count."""
    marks = [describe.not_counted_label(not_counted), extra]
    extra = "\n".join(m for m in marks if m) or None
    table.add_row(
        line_list(*date_parts(position)),
        line_list(
            (describe.actor_label(kb, position.actor), "bold"),
            (describe.issue_label(kb, position.issue), ""),
        ),
        line_list(*stance_parts(position.stance, position.firmness, shift)),
        line_list(*statement_parts(kb, position, citations, extra)),
        end_section=True,
    )


def issue_cell(name: str, depth: int, style: str = "", *extra: tuple[str, str]) -> Any:
    """An issue's name indented by its depth in the tree, a wrapped name staying
    under its first line; ``extra`` lines (text, style) follow it."""
    from rich.padding import Padding

    text = kb_text(name, style)
    for line, line_style in extra:
        text.append("\n")
        text.append(visible(line), style=line_style)
    return Padding(text, (0, 0, 0, 2 * depth)) if depth else text


class Page:
    """What a table view prints, in order; rendered to text by :func:`render`."""

    def __init__(self) -> None:
        self.items: list[tuple[Any, bool]] = []

    def add(self, renderable: Any, *, soft_wrap: bool = False) -> None:
        self.items.append((renderable, soft_wrap))

    def text(self, value: str, style: str = "") -> None:
        self.add(kb_text(value, style))

    def blank(self) -> None:
        self.add(Text(""))

    def heading(self, lines: Iterable[str]) -> None:
        """A view's title: its first line in bold, the others plain, then a blank line."""
        for i, line in enumerate(lines):
            self.text(line, "bold" if i == 0 else "")
        self.blank()

    def notes(self, notes: Iterable[str]) -> None:
        """Explanations of the marks used, after a blank line."""
        for i, note in enumerate(notes):
            if i == 0:
                self.blank()
            self.add(Text(visible(note), style="dim", overflow="fold"))

    def references(self, citations: Citations) -> None:
        """The reference list: grade and date, title, then the URL on a line of its own
        (never broken, so that it can be copied and clicked)."""
        cited = citations.sources()
        if not cited:
            return
        self.blank()
        self.add(Text("References", style="bold"))
        entries = [
            (
                f"[{number}]",
                line_list(
                    (describe.reference_label(source), ""), (describe.title_label(source), "")
                ),
                visible(source.url),
            )
            for number, source in cited
        ]
        self.add(References(entries, len(f"[{cited[-1][0]}] ")))


class References:
    """The reference list: ``[n]`` in a column of its own beside the reference's
    lines, then the URL on a line of its own. Laid out here as plain text when no
    escape codes are written (rich takes a moment per reference, and a large
    timeline cites thousands), else drawn by rich; the two are the same text."""

    def __init__(self, entries: list[tuple[str, list[tuple[str, str]], str]], width: int) -> None:
        self.entries = entries
        self.width = width

    def items(self) -> list[tuple[Any, bool]]:
        """What rich draws: a grid per reference, then its URL, never broken."""
        out: list[tuple[Any, bool]] = []
        for mark, texts, url in self.entries:
            grid = Table.grid()
            grid.add_column(width=self.width, no_wrap=True)
            grid.add_column()
            cell = Text(overflow="fold")
            for index, (text, style) in enumerate(texts):
                if index:
                    cell.append("\n")
                cell.append(text, style=style)
            grid.add_row(Text(mark), cell)
            out.append((grid, False))
            out.append((Text(" " * self.width + url, style="blue"), True))
        return out

    def plain(self, width: int) -> str | None:
        """The list as rich draws it at ``width``, without escape codes (None if rich must)."""
        from negotrack.render.texttable import cell_len_of, measure, wrap

        if width - self.width < 1 or any(len(mark) > self.width for mark, _, _ in self.entries):
            return None
        out = []
        for mark, texts, url in self.entries:
            if any(not text.isprintable() for text, _ in texts):
                return None
            room = min(measure(texts)[1] or 1, width - self.width)
            pieces = [piece for text, _ in texts for piece in wrap(text, room)]
            for index, piece in enumerate(pieces):
                lead = mark if index == 0 else ""
                out.append(lead + " " * (self.width - cell_len_of(lead)) + piece)
            out.append(" " * self.width + url)
        return "\n".join(out) + "\n"


def render(page: Page, console: Console, kb: KnowledgeBase | None = None) -> str:
    """Everything on ``page`` as the console would print it, trailing spaces removed;
    with ``kb``, a last line naming the KB read."""
    label = describe.kb_label(kb) if kb is not None else None
    if label:
        page.blank()
        # On one line, like a URL, so that the path can be copied whole.
        page.add(Text(visible(label), style="dim"), soft_wrap=True)
    chunks: list[str] = []
    pending: list[tuple[Any, bool]] = []
    for renderable, soft_wrap in [*page.items, (None, False)]:
        plain = None
        if isinstance(renderable, (TextTable, References)) and console.color_system is None:
            plain = renderable.plain(console.width)  # no escape codes to write: lay it out here
        if isinstance(renderable, References) and plain is None:
            pending.extend(renderable.items())
            continue
        if renderable is not None and plain is None:
            pending.append((renderable, soft_wrap))
            continue
        if pending:
            with console.capture() as capture:
                for item, wrap in pending:
                    console.print(item, soft_wrap=wrap)
            chunks.append(capture.get())
            pending = []
        if plain is not None:
            chunks.append(plain)
    return "\n".join(line.rstrip(" ") for line in "".join(chunks).split("\n"))
