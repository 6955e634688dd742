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


def stance_cell(stance: str, firmness: str | None = None, shift: str | None = None) -> Text:
    return lines(
        (stance, STANCE_STYLE.get(stance, "")),
        (firmness, ""),
        (describe.shift_label(shift), "bold"),
    )


def date_cell(position: Position, approximate: bool = False) -> Text:
    return lines(
        (describe.date_label(position, approximate), ""),
        (describe.AS_REPORTED if position.as_reported else None, "dim"),
    )


def statement_cell(
    kb: KnowledgeBase, position: Position, citations: Citations, extra: str | None = None
) -> Text:
    """Summary and citation, the quote, the conditions, who said it on what evidence."""
    return lines(
        (f"{position.summary} {citations.mark(position.source)}", ""),
        (describe.quote_label(position), "italic"),
        (describe.conditions_label(position), ""),
        (describe.meta_label(kb, position), "dim"),
        (extra, "dim"),
    )


def position_table() -> Table:
    """The table of a list of positions (``filter``, ``timeline``)."""
    return new_table(
        ("Date", {"no_wrap": True}),
        ("Actor / issue", {"max_width": 16}),
        ("Stance", {"no_wrap": True}),
        ("Statement", {"ratio": 1}),
    )


def add_position(
    table: Table,
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
        date_cell(position),
        lines(
            (describe.actor_label(kb, position.actor), "bold"),
            (describe.issue_label(kb, position.issue), ""),
        ),
        stance_cell(position.stance, position.firmness, shift),
        statement_cell(kb, position, citations, extra),
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
        width = len(f"[{cited[-1][0]}] ")
        for number, source in cited:
            grid = Table.grid()
            grid.add_column(width=width, no_wrap=True)
            grid.add_column()
            grid.add_row(
                Text(f"[{number}]"),
                lines(
                    (describe.reference_label(source), ""),
                    (describe.title_label(source), ""),
                ),
            )
            self.add(grid)
            self.add(Text(" " * width + visible(source.url), style="blue"), soft_wrap=True)


def render(page: Page, console: Console, kb: KnowledgeBase | None = None) -> str:
    """Everything on ``page`` as the console would print it, trailing spaces removed;
    with ``kb``, a last line naming the KB read."""
    label = describe.kb_label(kb) if kb is not None else None
    if label:
        page.blank()
        # On one line, like a URL, so that the path can be copied whole.
        page.add(Text(visible(label), style="dim"), soft_wrap=True)
    with console.capture() as capture:
        for renderable, soft_wrap in page.items:
            console.print(renderable, soft_wrap=soft_wrap)
    return "\n".join(line.rstrip(" ") for line in capture.get().split("\n"))
