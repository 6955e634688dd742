"""What a table view prints, and where: a :class:`Page` of paragraphs, tables and
references, drawn on a :class:`Screen`.

When no escape codes are written (output piped, ``--color never``), a page of
paragraphs, :class:`~negotrack.render.texttable.TextTable` tables and
:class:`References` is laid out here as plain text, exactly as rich would print
it, without importing rich's console at all: ``negotrack show russia | less``
starts in the time of its imports, and rich's console and table modules are a
good part of them. Anything else (colour, a grid, a line of mixed styles) is
handed to rich (:mod:`negotrack.render.terminal`), which draws it; the two give
the same text (tests compare them).

The cell and row builders that need no rich (:func:`line_list`, the ``*_parts``
functions, :func:`position_table`) live here too, so that a renderer can build a
table without importing rich.
"""

from __future__ import annotations

import builtins
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from negotrack.model.safetext import visible
from negotrack.render import describe
from negotrack.render.texttable import TextTable, cell_len_of, measure, wrap

if TYPE_CHECKING:
    from rich.console import Console

    from negotrack.model.kb import KnowledgeBase
    from negotrack.model.records import Position
    from negotrack.render.citations import Citations

#: Below this width (e.g. COLUMNS=0) tables could not be drawn at all.
MIN_WIDTH = 40


class Screen:
    """Where a table view is drawn: its ``width`` and whether it is ``plain`` (no
    escape codes: no colour, no bold).

    For stdout, ``color`` is ``auto`` (colour only in a terminal, and never with
    ``NO_COLOR``), ``always`` or ``never``. When stdout is certainly not a
    terminal rich would write no escape codes either, and the width is the one
    rich would take (``COLUMNS``, else the terminal's, else 80); rich's console
    is then made only if rich must draw something (:attr:`console`). In any
    other case the console is made at once and asked. ``console`` draws on a
    console of the caller's instead.
    """

    def __init__(self, color: str = "auto", *, console: Console | None = None) -> None:
        self.color = color
        self._console = console
        if console is None and _never_a_terminal(color):
            self.plain = True
            self.width = max(_stdout_width(), MIN_WIDTH)
            return
        console = self.console
        self.plain = console.color_system is None
        self.width = console.width

    @property
    def console(self) -> Console:
        """rich's console for this screen (made on first use)."""
        if self._console is None:
            from negotrack.render.terminal import make_console

            self._console = make_console(self.color)
            if hasattr(self, "width"):
                self._console.width = self.width  # as laid out so far
        return self._console


def _never_a_terminal(color: str) -> bool:
    """Whether rich's console for stdout would certainly write no escape codes and
    take its width from ``COLUMNS`` or the terminal (as :func:`_stdout_width` does).

    Only the plain case is decided here; anything rich detects otherwise
    (``FORCE_COLOR``, ``TTY_COMPATIBLE``, Jupyter, Windows consoles, a stream rich
    wraps) is left to rich.
    """
    if color == "always" or sys.platform == "win32" or hasattr(builtins, "get_ipython"):
        return False
    if "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ:
        return False
    stdout = sys.stdout
    if stdout is None or hasattr(stdout, "rich_proxied_file"):
        return False
    try:
        return stdout.isatty() is False
    except (AttributeError, ValueError):
        return False


def _stdout_width() -> int:
    """The width rich's console takes when stdout is not a terminal."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    for descriptor in (0, 1, 2):  # stdin first, as rich does
        try:
            width = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        return width or 80
    return 80


class Paragraph:
    """Text printed on lines of its own: wrapped at the width (a word longer than a
    line folded), or with ``soft_wrap`` on one long line (a path or URL to copy)."""

    def __init__(self, text: str, style: str = "", *, soft_wrap: bool = False) -> None:
        self.text = text
        self.style = style
        self.soft_wrap = soft_wrap

    def plain(self, width: int) -> str | None:
        """The paragraph as rich prints it at ``width`` (None if rich must draw it)."""
        out = []
        for line in self.text.split("\n"):
            if not line.isprintable():  # tabs, unusual spaces: rich's own rules apply
                return None
            out.extend([line] if self.soft_wrap else wrap(line, width))
        return "\n".join(out) + "\n"


class Page:
    """What a table view prints, in order; rendered to text by :func:`render`."""

    def __init__(self) -> None:
        self.items: list[tuple[Any, bool]] = []

    def add(self, renderable: Any, *, soft_wrap: bool = False) -> None:
        """A table, :class:`Paragraph` or :class:`References`, or anything rich draws."""
        self.items.append((renderable, soft_wrap))

    def text(self, value: str, style: str = "") -> None:
        """KB text (or any text): control characters made visible, never markup."""
        self.add(Paragraph(visible(value), style))

    def blank(self) -> None:
        self.add(Paragraph(""))

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
            self.text(note, "dim")

    def references(self, citations: Citations) -> None:
        """The reference list: grade and date, title, then the URL on a line of its own
        (never broken, so that it can be copied and clicked)."""
        cited = citations.sources()
        if not cited:
            return
        self.blank()
        self.add(Paragraph("References", "bold"))
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
    timeline cites thousands), else drawn by rich
    (:func:`negotrack.render.terminal.reference_items`); the two are the same text."""

    def __init__(self, entries: list[tuple[str, list[tuple[str, str]], str]], width: int) -> None:
        self.entries = entries
        self.width = width

    def plain(self, width: int) -> str | None:
        """The list as rich draws it at ``width``, without escape codes (None if rich must)."""
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


def render(page: Page, screen: Screen, kb: KnowledgeBase | None = None) -> str:
    """Everything on ``page`` as it is printed on ``screen``, trailing spaces removed;
    with ``kb``, a last line naming the KB read."""
    label = describe.kb_label(kb) if kb is not None else None
    if label:
        page.blank()
        # On one line, like a URL, so that the path can be copied whole.
        page.add(Paragraph(visible(label), "dim", soft_wrap=True))
    chunks: list[str] = []
    pending: list[tuple[Any, bool]] = []
    for item, soft_wrap in [*page.items, (None, False)]:
        plain = None
        if screen.plain and isinstance(item, (Paragraph, TextTable, References)):
            plain = item.plain(screen.width)  # no escape codes to write: lay it out here
        if item is not None and plain is None:
            pending.append((item, soft_wrap))
            continue
        if pending:
            from negotrack.render.terminal import draw

            chunks.append(draw(screen.console, pending))
            pending = []
        if plain is not None:
            chunks.append(plain)
    return "\n".join(line.rstrip(" ") for line in "".join(chunks).split("\n"))


# -- cells, as (line, style) pairs ---------------------------------------------------

Parts = tuple[tuple[str | None, str], ...]


def line_list(*parts: tuple[str | None, str]) -> list[tuple[str, str]]:
    """Several ``(text, style)`` lines of one cell, as :class:`TextTable` holds them
    (control characters made visible); None parts are left out."""
    out: list[tuple[str, str]] = []
    for text, style in parts:
        if text is not None:
            out.extend((line, style) for line in visible(text).split("\n"))
    return out


#: Colours that tell stances apart without reading as good (green) or bad (red):
#: a stance is an answer to the issue's question, not a verdict on the party.
STANCE_STYLE = {
    "support": "blue",
    "oppose": "dark_orange",
    "conditional": "cyan",
    "ambiguous": "dim",
    "mixed": "magenta",
}


def stance_parts(stance: str, firmness: str | None = None, shift: str | None = None) -> Parts:
    return (
        (stance, STANCE_STYLE.get(stance, "")),
        (firmness, ""),
        (describe.shift_label(shift), "bold"),
    )


def date_parts(position: Position, approximate: bool = False) -> Parts:
    return (
        (describe.date_label(position, approximate), ""),
        (describe.AS_REPORTED if position.as_reported else None, "dim"),
    )


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
