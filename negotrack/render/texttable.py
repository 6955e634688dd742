"""A table of text cells drawn exactly as rich draws :func:`~negotrack.render.terminal.new_table`,
in a fraction of the time.

rich renders every cell through its general machinery (measuring, wrapping,
segments, padding), about a millisecond a row: a timeline of 20,000 positions
took half a minute as a table and under two seconds as JSON. The position
tables (``filter``, ``timeline``) hold only text whose every line has one
style, so :class:`TextTable` lays them out itself: the column widths by rich's
rules (:meth:`TextTable.widths`), each line wrapped as rich wraps it
(:func:`wrap`), in plain strings when the console writes no escape codes, and
as styled segments otherwise. A cell it cannot read that way (a line of mixed
styles, a tab) makes the table hand everything to rich instead, so the output
is always what rich would print; tests compare the two.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

# rich.cells only: the rest of rich (its console, tables, text) is imported when
# rich draws, so that a table written as plain text never imports it.
from rich.cells import cell_len, chop_cells

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.table import Table

#: A cell as :class:`TextTable` holds it: its lines, each with the style of the whole line.
Lines = list[tuple[str, str]]

#: Column options this table lays out itself (``ratio`` only matters to rich's
#: expanded tables, which these are not).
_OPTIONS = frozenset(("no_wrap", "max_width", "ratio"))
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")
#: What rich treats apart from plain text: tabs (expanded), and line breaks other
#: than a newline (which its measure splits at and its wrap does not).
_OTHER_BREAKS = re.compile("[\t\v\f\r\x1c-\x1e\x85\u2028\u2029]")


class Indented:
    """Text in one style set in by ``indent`` cells, each wrapped line too: what rich
    draws for ``Padding(Text(text, style), (0, 0, 0, indent))`` (an issue under its
    parent; the style covers the cell's padding, as rich's does)."""

    def __init__(self, text: str, style: str, indent: int) -> None:
        self.text = text
        self.style = style
        self.indent = indent
        self.lines: Lines = [(line, style) for line in text.split("\n")]


class TextTable:
    """Drop-in for the rich table of :func:`~negotrack.render.terminal.new_table`
    (borderless, a rule under a bold header, two spaces between columns, a blank
    line after each row that ends a section), for cells of plain lines.

    A cell is a list of ``(line, style)`` pairs, an :class:`Indented` one, None
    (empty), or a rich renderable (drawn by rich). With ``styled_by_rich``, a
    table in colour is drawn by rich (escape codes exactly as rich writes them);
    only its plain text is laid out here."""

    def __init__(self, *columns: tuple[str, dict[str, Any]], styled_by_rich: bool = False) -> None:
        self.columns = columns
        self.styled_by_rich = styled_by_rich
        self.rows: list[tuple[tuple[Any, ...], bool]] = []
        self.cells: list[list[Lines]] | None = []
        #: The indent of each :class:`Indented` cell, by ``(row, column)``.
        self.indents: dict[tuple[int, int], int] = {}
        if any(set(options) - _OPTIONS for _, options in columns):
            self.cells = None

    def add_row(self, *cells: Any, end_section: bool = False) -> None:
        self.rows.append((cells, end_section))
        if self.cells is None:
            return
        read = [_lines(cell) for cell in cells]
        if any(lines is None for lines in read) or len(read) != len(self.columns):
            self.cells = None  # something rich must draw: let it draw all of it
            return
        for index, cell in enumerate(cells):
            if isinstance(cell, Indented) and cell.indent:
                self.indents[len(self.cells), index] = cell.indent
        self.cells.append(read)  # type: ignore[arg-type]

    def end_section(self) -> None:
        """Let the last row end a section (a blank line follows it)."""
        cells, _ = self.rows[-1]
        self.rows[-1] = (cells, True)

    # -- layout ---------------------------------------------------------------

    def widths(self, width: int) -> list[int]:
        """Each column's width, padding included, within ``width`` cells in all
        (rich's ``Table._calculate_column_widths`` for a table that does not expand)."""
        count = len(self.columns)
        pads = [1] * (count - 1) + [0]
        room = width - (count - 1)  # a one-cell divider between columns
        longest_word, longest_line = self._extents()
        ranges = [
            self._measure(index, longest_word[index], longest_line[index], pads[index], room)
            for index in range(count)
        ]
        widths = [high or 1 for _, high in ranges]
        if sum(widths) > room:
            wrappable = [not options.get("no_wrap") for _, options in self.columns]
            widths = _collapse(widths, wrappable, room)
            if sum(widths) > room:
                widths = _ratio_reduce(sum(widths) - room, [1] * count, widths, widths)
            widths = [
                self._measure(index, longest_word[index], longest_line[index], pads[index], w)[1]
                for index, w in enumerate(widths)
            ]
        return widths

    def _extents(self) -> tuple[list[int], list[int]]:
        """Per column: the longest word and the longest line of any cell, header included."""
        assert self.cells is not None
        count = len(self.columns)
        headers = [[(header, "")] for header, _ in self.columns]
        longest_word = [0] * count
        longest_line = [0] * count
        for row in [headers, *self.cells]:
            for index, lines in enumerate(row):
                word, line = measure(lines)
                if word > longest_word[index]:
                    longest_word[index] = word
                if line > longest_line[index]:
                    longest_line[index] = line
        # An indented cell measures as its text, wider by the indent (rich's Padding).
        for (number, index), indent in self.indents.items():
            word, line = measure(self.cells[number][index])
            longest_word[index] = max(longest_word[index], word + indent)
            longest_line[index] = max(longest_line[index], line + indent)
        return longest_word, longest_line

    def breaks_words(self, width: int) -> bool:
        """Whether, laid out at ``width``, some column is narrower than a word of one of
        its cells, which would then be broken across lines (an id cut in two). A table
        this cannot read (see :func:`_lines`) is taken to keep its words."""
        if self.cells is None:
            return False
        widths = self.widths(width)
        longest_word, _ = self._extents()
        last = len(widths) - 1
        # A column's room is its width less its padding (one cell, none for the last).
        return any(
            word > widths[index] - (index != last) for index, word in enumerate(longest_word)
        )

    def _measure(self, index: int, word: int, line: int, pad: int, room: int) -> tuple[int, int]:
        """rich's measurement of a column: the cells' (padded) range, clamped."""
        if room < 1:
            return 0, 0
        if room - pad < 1:
            low = high = room
        else:
            low, high = _normal(min(word, room), min(line, room))
            if high < 1:
                low = high = 0
            low, high = _normal(min(low + pad, room), min(high + pad, room))
        low, high = min(low, room), min(high, room)
        most = self.columns[index][1].get("max_width")
        if most is not None:
            low, high = min(low, most + pad), min(high, most + pad)
        return low, high

    def lines(self, width: int) -> Iterator[list[tuple[str, str]]]:
        """The table's lines, each as ``(text, style)`` runs (padding unstyled)."""
        assert self.cells is not None
        widths = self.widths(width)
        count = len(widths)
        pads = [1] * (count - 1) + [0]
        inner = [w - p for w, p in zip(widths, pads, strict=True)]
        no_wrap = [bool(options.get("no_wrap")) for _, options in self.columns]
        yield from _row([[(h, "bold")] for h, _ in self.columns], inner, pads, no_wrap, True)
        yield [("─" * (sum(widths) + count - 1), "")]
        last = len(self.cells) - 1
        for number, (cells, (_, end_section)) in enumerate(zip(self.cells, self.rows, strict=True)):
            if self.indents:
                cells = [
                    _indent(lines, self.indents.get((number, index), 0), inner[index])
                    for index, lines in enumerate(cells)
                ]
            yield from _row(cells, inner, pads, no_wrap)
            if end_section and number != last:
                yield [("", "")]

    def _fits(self, width: int) -> bool:
        """Whether every indented cell keeps a cell of room at ``width`` (else rich,
        which draws such a squeezed cell its own way, must draw the table)."""
        if not self.indents:
            return True
        widths = self.widths(width)
        last = len(widths) - 1
        # A column's room is its width less its padding (one cell, none for the last).
        return all(
            widths[index] - (index != last) - indent >= 1
            for (_, index), indent in self.indents.items()
        )

    # -- drawing --------------------------------------------------------------

    def plain(self, width: int) -> str | None:
        """The table as text without escape codes (None: rich must draw it)."""
        if self.cells is None or not self._fits(width):
            return None
        return "".join(
            "".join(text for text, _ in line).rstrip(" ") + "\n" for line in self.lines(width)
        )

    def rich_table(self) -> Table:
        """The same table as rich builds it."""
        from negotrack.render.terminal import new_table

        table = new_table(*self.columns)
        for cells, end_section in self.rows:
            table.add_row(*(_text(cell) for cell in cells), end_section=end_section)
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Any]:
        from rich.segment import Segment
        from rich.style import Style

        if self.styled_by_rich or self.cells is None or not self._fits(options.max_width):
            yield self.rich_table()
            return
        for line in self.lines(options.max_width):
            for text, style in line:
                yield Segment(text, Style.parse(style) if style else None)
            yield Segment.line()


def _row(
    cells: list[Lines], inner: list[int], pads: list[int], no_wrap: list[bool], header: bool = False
) -> list[list[tuple[str, str]]]:
    """The lines of one row: each cell wrapped to its column, padded, side by side."""
    wrapped = [
        _wrap_cell(lines, inner[i], no_wrap[i], header=header) for i, lines in enumerate(cells)
    ]
    height = max(len(column) for column in wrapped)
    if header:  # rich sets headers on the bottom line of the header row
        wrapped = [[("", "")] * (height - len(column)) + column for column in wrapped]
    out = []
    for number in range(height):
        runs: list[tuple[str, str]] = []
        for index, column in enumerate(wrapped):
            text, style = column[number] if number < len(column) else ("", "")
            space = inner[index] - cell_len_of(text) + pads[index]
            if index:
                runs.append((" ", ""))  # the divider
            runs.append((text, style))
            if space:
                runs.append((" " * space, ""))
        out.append(runs)
    return out


def _indent(lines: Lines, indent: int, width: int) -> Lines:
    """An indented cell's lines wrapped at ``width`` less the indent, set in."""
    if not indent:
        return lines
    pad = " " * indent
    return [(pad + piece, style) for text, style in lines for piece in wrap(text, width - indent)]


def _wrap_cell(lines: Lines, width: int, no_wrap: bool, header: bool = False) -> Lines:
    """A cell's lines at ``width``: KB text folds a word longer than a line; a
    header (rich's column default) cuts it short with an ellipsis."""
    if width < 1:  # no room: rich draws nothing of the cell
        return []
    out: Lines = []
    for text, style in lines:
        if no_wrap:
            out.append((_crop(text, width, ellipsis=header), style))
        else:
            pieces = wrap(text, width, fold=not header, ellipsis=header)
            out.extend((piece, style) for piece in pieces)
    return out


def wrap(text: str, width: int, *, fold: bool = True, ellipsis: bool = False) -> list[str]:
    """``text`` (one line) cut into lines of at most ``width`` cells, as rich's
    ``Text.wrap`` cuts it: at spaces, a word longer than a line folded (or,
    without ``fold``, cut short, with ``…`` if ``ellipsis``), spaces beyond the
    width at a line's end dropped."""
    if cell_len_of(text) <= width:
        return [text]
    breaks = _divide(text, width, fold)
    pieces = [text[a:b] for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]
    out = []
    for piece in pieces:
        excess = len(piece) - width
        if excess > 0:
            space = _TRAILING_SPACE.search(piece)
            if space is not None:
                piece = piece[: len(piece) - min(len(space.group()), excess)]
        out.append(_crop(piece, width, ellipsis=ellipsis))
    return out


def _divide(text: str, width: int, fold: bool) -> list[int]:
    """Where to break ``text`` (rich's ``_wrap.divide_line``)."""
    breaks: list[int] = []
    offset = 0
    size = len if text.isascii() else cell_len_of
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = size(word.rstrip())
        if width - offset >= length:
            offset += size(word)
        elif length > width:
            if fold:
                pieces = chop_cells(word, width)
                for number, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if number == len(pieces) - 1:
                        offset = size(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = size(word)
        elif offset and start:
            breaks.append(start)
            offset = size(word)
    return breaks


def _crop(text: str, width: int, *, ellipsis: bool = False) -> str:
    if cell_len_of(text) <= width:
        return text
    if ellipsis:
        return _crop(text, width - 1) + "…"
    if text.isascii():
        return text[:width]
    from rich.cells import set_cell_size

    return set_cell_size(text, width)


def cell_len_of(text: str) -> int:
    """Cells ``text`` takes on a terminal (its length, for ASCII)."""
    return len(text) if text.isascii() else cell_len(text)


def measure(lines: Lines) -> tuple[int, int]:
    """The longest word and the longest line of a cell, in cells (rich's ``Text`` measure)."""
    word = line = 0
    for text, _ in lines:
        size = cell_len_of(text)
        if size > line:
            line = size
        if size > word:  # a line no longer than the longest word has no longer word
            for piece in text.split():
                piece_size = cell_len_of(piece)
                if piece_size > word:
                    word = piece_size
    return word, line


def _normal(low: int, high: int) -> tuple[int, int]:
    low = min(max(0, low), high)
    return max(0, low), max(0, max(low, high))


def _collapse(widths: list[int], wrappable: list[bool], room: int) -> list[int]:
    """rich's ``Table._collapse_widths``: narrow the widest wrappable columns first."""
    total = sum(widths)
    excess = total - room
    if any(wrappable):
        while total and excess > 0:
            widest = max(w for w, ok in zip(widths, wrappable, strict=True) if ok)
            second = max(
                w if ok and w != widest else 0 for w, ok in zip(widths, wrappable, strict=True)
            )
            difference = widest - second
            ratios = [
                1 if (w == widest and ok) else 0 for w, ok in zip(widths, wrappable, strict=True)
            ]
            if not any(ratios) or not difference:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - room
    return widths


def _ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    """rich's ``_ratio.ratio_reduce``."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    out = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            given = min(most, round(ratio * remaining / total_ratio))
            out.append(value - given)
            remaining -= given
            total_ratio -= ratio
        else:
            out.append(value)
    return out


def _text(cell: Any) -> Any:
    """A cell given as lines, as the rich ``Text`` it stands for."""
    from rich.text import Text

    if isinstance(cell, Indented):
        text = Text(cell.text, style=cell.style, overflow="fold")
        if not cell.indent:
            return text
        from rich.padding import Padding

        return Padding(text, (0, 0, 0, cell.indent))
    if not isinstance(cell, list):
        return cell
    text = Text(overflow="fold")
    for index, (line, style) in enumerate(cell):
        if index:
            text.append("\n")
        text.append(line, style=style)
    return text


def _lines(cell: Any) -> Lines | None:
    """A cell as lines: given so (see :func:`negotrack.render.page.line_list`), None
    (no lines), an :class:`Indented` cell's, or a rich ``Text`` whose every line
    has one style; None for anything else."""
    if cell is None:
        return [("", "")]  # as rich draws "": one empty line
    if isinstance(cell, Indented):
        cell = cell.lines
    if isinstance(cell, list):
        if any(_OTHER_BREAKS.search(text) for text, _ in cell):
            return None
        return cell
    text_module = sys.modules.get("rich.text")  # not imported: the cell is not rich text
    if text_module is None or not isinstance(cell, text_module.Text):
        return None
    if _OTHER_BREAKS.search(cell.plain):
        return None
    if cell.justify not in (None, "default") or cell.overflow not in (None, "fold"):
        return None
    base = str(cell.style) if cell.style else ""
    plain = cell.plain
    spans = cell.spans
    out: Lines = []
    start = 0
    for text in plain.split("\n"):
        end = start + len(text)
        touching = [s for s in spans if s.start < end and s.end > start]
        if len(touching) > 1:
            return None
        style = base
        if touching:
            span = touching[0]
            if span.start > start or span.end < end:
                return None  # styled in part
            style = f"{base} {span.style}".strip() if base else str(span.style)
        out.append((text, style))
        start = end + 1
    return out
