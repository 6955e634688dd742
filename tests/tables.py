"""Reading negotrack's terminal tables by content, not by rich's layout.

Where rich breaks a line, how wide it makes a column and where it pads are
rich's choices, and they change between its releases. What negotrack promises
is the content: the text before the table, the headers, each row's cells in
order, and the text after it. :func:`read` takes an output apart into those, so
that two outputs compare equal when they say the same thing in any layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The rule under a table's header row.
RULE = re.compile(r"^[─━]{3,}$")
#: A line that ends a table: its notes, legend, references or count.
END = re.compile(
    r"^(References$|Legend:|~ approximate:|as reported:"
    r"|\d+ (issues?|positions?|sources?|documents?|provisions?)[:.])"
)


@dataclass(frozen=True)
class Table:
    """An output with one table: the words around it, its headers and its rows."""

    before: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    after: str


def words(text: str) -> str:
    """Text with every run of whitespace (a line break too) made one space."""
    return " ".join(text.split())


def indent(text: str) -> str:
    """The spaces that start ``text``: in a first column they show the issue tree."""
    return text[: len(text) - len(text.lstrip(" "))] if text.strip() else ""


def has_table(output: str) -> bool:
    return any(RULE.match(line) for line in output.splitlines())


def read(output: str) -> Table:
    """The table in ``output``, each cell's lines joined (see :func:`words`).

    Rows are separated by blank lines where the table has any; otherwise each
    line is a row, and a line with only its first cell filled continues the row
    above it (a long first cell wrapped). A row's first cell keeps the spaces it
    starts with: they are the depth of an issue in the tree.
    """
    lines = output.splitlines()
    rule = next(i for i, line in enumerate(lines) if RULE.match(line))
    header = lines[rule - 1]
    offsets = [m.start() for m in re.finditer(r"\S+(?: \S+)*", header)]
    end = next((i for i in range(rule + 1, len(lines)) if END.match(lines[i])), len(lines))
    body = lines[rule + 1 : end]
    while body and not body[-1].strip():
        body.pop()

    def cut(line: str) -> list[str]:
        bounds = [*offsets[1:], None]
        return [line[a:b] for a, b in zip(offsets, bounds, strict=True)]

    groups: list[list[list[str]]] = []
    spaced = any(not line.strip() for line in body)
    fresh = True
    for line in body:
        if not line.strip():
            fresh = True
            continue
        cells = cut(line)
        # A new row: after a blank line, or (without any) when not a continuation.
        wrapped = bool(groups) and not any(cell.strip() for cell in cells[1:])
        if fresh if spaced else not wrapped:
            groups.append([])
        groups[-1].append(cells)
        fresh = False
    rows = tuple(
        (
            indent(group[0][0]) + words(" ".join(cells[0] for cells in group)),
            *(words(" ".join(cells[k] for cells in group)) for k in range(1, len(offsets))),
        )
        for group in groups
    )
    return Table(
        before=words("\n".join(lines[: rule - 1])),
        headers=tuple(words(h) for h in cut(header)),
        rows=rows,
        after=words("\n".join(lines[end:])),
    )
