"""Where a new item goes in a KB file's text, and in which indentation style.

``negotrack add`` never rewrites a file: it inserts the text of one new item
after the last item of a top-level list (``positions:``, ``sources:``) and
leaves every other byte alone. This module reads the file's YAML events (not
its data) to find that place: the end of the line where the last item's
content ends, plus any comment lines right below it that are indented as part
of the item. Blank lines and comments that introduce what follows stay after
the new item. A file without the list gets it at the end (before an explicit
``...`` document end).

Lists written in flow style (``positions: []``, ``[ {...} ]``) are refused
rather than rewritten: the user's text would have to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from negotrack.curate.yamlemit import Style
from negotrack.errors import NegotrackError

try:  # libyaml when present: the same events, several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class NotAppendable(NegotrackError):
    """The list cannot be appended to without rewriting the user's text."""


@dataclass(frozen=True, slots=True)
class Insertion:
    """Insert ``prefix`` then the item's text at character ``offset`` of the text."""

    offset: int
    #: Text that must precede the item: a line break the file lacks at its
    #: end, or the header of a list the file does not have yet.
    prefix: str
    style: Style


@dataclass
class _Node:
    kind: str  # "scalar", "map", "seq" or "alias"
    line: int
    column: int
    flow: bool = False
    value: str | None = None
    style: str | None = None
    #: Character offset just after the node's last character of content.
    end: int = 0
    children: list[Any] = field(default_factory=list)  # seq: nodes; map: (key, value) pairs


def find(text: str, section: str, label: str) -> Insertion:
    """Where a new item of ``section`` goes in ``text`` (a file named ``label`` in messages).

    Raises :class:`NotAppendable` when the section is written in flow style or
    is not a list, and ``yaml.YAMLError`` when the text is not YAML at all.
    """
    root, document_end = _compose(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    if root is None:
        return _new_section(text, section, document_end, 0, 2, newline)
    if root.kind != "map":
        raise NotAppendable(f"{label}: the top level is not a mapping; cannot add to it")
    if root.flow:
        raise NotAppendable(
            f"{label}: the file is written as a flow mapping ({{...}}); "
            f"add the entry by hand or rewrite the file in block style"
        )
    dash, key, nested = _house_style(root, section)
    for key_node, value in root.children:
        if key_node.value != section:
            continue
        if value.kind == "seq" and not value.flow:
            return _after_last_item(text, value, _item_style(value, nested, newline))
        if value.kind == "seq":
            raise NotAppendable(
                f"{label}:{value.line + 1}:{value.column + 1}: '{section}:' is written in flow "
                f"style ([...]); negotrack add appends only to block lists (one '- ' item a "
                f"line). Rewrite it in block style, or add the entry by hand"
            )
        if value.kind == "scalar" and value.value == "" and not value.style:
            # `positions:` with nothing after it: the list starts on the next line.
            offset = _line_end(text, key_node.end)
            prefix = newline if offset == len(text) and not text.endswith("\n") else ""
            style = Style(root.column + dash, key, nested, newline)
            return Insertion(offset, prefix, style)
        raise NotAppendable(
            f"{label}:{value.line + 1}:{value.column + 1}: '{section}:' is not a list; "
            "cannot append to it"
        )
    return _new_section(text, section, document_end, root.column, dash, newline, key, nested)


def _after_last_item(text: str, sequence: _Node, style: Style) -> Insertion:
    offset = _line_end(text, sequence.end)
    # Comment lines right below the item and indented inside it belong to it.
    while offset < len(text):
        stop = text.find("\n", offset)
        line = text[offset : len(text) if stop < 0 else stop + 1]
        stripped = line.lstrip(" ")
        if not stripped.startswith("#") or len(line) - len(stripped) <= sequence.column:
            break
        offset += len(line)
    prefix = style.newline if offset == len(text) and not text.endswith("\n") else ""
    return Insertion(offset, prefix, style)


def _new_section(
    text: str,
    section: str,
    document_end: int | None,
    column: int,
    dash: int,
    newline: str,
    key: int = 2,
    nested: int | None = None,
) -> Insertion:
    offset = len(text) if document_end is None else _line_start(text, document_end)
    before = text[:offset]
    prefix = ""
    if before and not before.endswith("\n"):
        prefix += newline
    if before.strip() and not (before + prefix).endswith(("\n\n", "\n\r\n")):
        prefix += newline  # a blank line between sections, as people write them
    prefix += " " * column + f"{section}:" + newline
    style = Style(column + dash, key, dash if nested is None else nested, newline)
    return Insertion(offset, prefix, style)


def _item_style(sequence: _Node, nested: int, newline: str) -> Style:
    key = 2
    first = sequence.children[0] if sequence.children else None
    if first is not None and first.kind == "map" and not first.flow and first.line == sequence.line:
        key = max(first.column - sequence.column, 1)
    return Style(sequence.column, key, nested, newline)


def _house_style(root: _Node, section: str) -> tuple[int, int, int]:
    """How the file indents lists: (dash offset from its key, key offset from the dash,
    nested dash offset from its key), from ``section`` first, then the other lists."""
    dash: int | None = None
    key = 2
    nested: int | None = None
    pairs = sorted(root.children, key=lambda pair: pair[0].value != section)
    for key_node, value in pairs:
        if value.kind != "seq" or value.flow:
            continue
        if dash is None:
            dash = value.column - key_node.column
            key = _item_style(value, 0, "\n").key
        for item in value.children:
            if item.kind != "map" or item.flow:
                continue
            for field_key, field_value in item.children:
                if nested is None and field_value.kind == "seq" and not field_value.flow:
                    nested = field_value.column - field_key.column
    dash = 2 if dash is None else dash
    return dash, key, dash if nested is None else nested


def _compose(text: str) -> tuple[_Node | None, int | None]:
    """The node tree of the document (marks only, no data built) and the offset
    of an explicit ``...`` document end, if any."""
    stack: list[_Node] = []
    pending_key: list[_Node | None] = []
    root: _Node | None = None
    document_end: int | None = None
    event: Any  # its attributes depend on its kind, told by ``type(event) is``
    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)
        mark = event.start_mark
        if kind is yaml.DocumentEndEvent:
            if event.explicit:
                document_end = mark.index
            continue
        if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            node = stack.pop()
            pending_key.pop()
            if node.flow:
                node.end = event.end_mark.index
            elif node.children:
                last = node.children[-1]
                node.end = (last[1] if node.kind == "map" else last).end
            continue
        if kind is yaml.ScalarEvent:
            node = _Node("scalar", mark.line, mark.column, value=event.value, style=event.style)
        elif kind is yaml.AliasEvent:
            node = _Node("alias", mark.line, mark.column)
        elif kind is yaml.MappingStartEvent:
            node = _Node("map", mark.line, mark.column, flow=bool(event.flow_style))
        elif kind is yaml.SequenceStartEvent:
            node = _Node("seq", mark.line, mark.column, flow=bool(event.flow_style))
        else:
            continue
        if kind in (yaml.ScalarEvent, yaml.AliasEvent):
            node.end = event.end_mark.index
        if not stack:
            root = node
        else:
            parent = stack[-1]
            if parent.kind == "seq":
                parent.children.append(node)
            elif pending_key[-1] is None:
                pending_key[-1] = node
            else:
                parent.children.append((pending_key[-1], node))
                pending_key[-1] = None
        if kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
            stack.append(node)
            pending_key.append(None)
    return root, document_end


def _line_end(text: str, index: int) -> int:
    """The start of the line after the one holding the character before ``index``.

    A block scalar (``|``) ends at the start of a line already; other nodes end
    inside their last line.
    """
    if index > 0 and text[index - 1] == "\n":
        return index
    stop = text.find("\n", index)
    return len(text) if stop < 0 else stop + 1


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1
