"""YAML text to plain data, with the line and column of every node.

A KB is plain data, so this reads YAML from the parser's event stream and
builds dicts, lists and strings itself, iteratively:

- every scalar stays the text that was written (``no``, ``0123``, ``1.10``,
  ``12:30`` and ``2025-03-16`` are strings, quoted or not); only an empty value
  and the plain scalars ``~``/``null`` mean "no value". Numbers and booleans are
  read from that text by the schema, so nothing is retyped behind the user's back;
- anchors, aliases and merge keys are refused (a KB writes each record out in
  full; this also makes alias bombs impossible); tags other than ``!!str``,
  ``!!map`` and ``!!seq`` are refused and never constructed;
- a key given twice in one mapping is reported (PyYAML keeps the last silently);
- nesting is bounded before it can exhaust the stack (libyaml's composer
  crashes the process near 30,000 levels; this never recurses at all);
- U+2028, U+2029 and U+0085 written raw are refused before parsing: YAML
  reads them as line breaks, which editors and ``grep -n`` do not, so every
  later line number would be off and the text around them would not read as
  written (spaces after one are folded away). Written as escapes in a
  double-quoted string (``\\u2028``) they are kept, exactly.

Lines and columns are 0-based here, as the parser gives them.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml when present: the same events, several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: Far beyond the four levels a KB needs, far below what any parser survives.
MAX_DEPTH = 64

#: How many parser events pass between two progress reports.
_REPORT_EVERY = 8192

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_PLAIN_TAGS = frozenset(
    ("tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!")
)


class Mapping(dict):  # type: ignore[type-arg]
    """A YAML mapping. ``marks`` holds its own line and column, then four numbers
    per key in insertion order: key line, key column, value line, value column."""

    __slots__ = ("_order", "marks")
    marks: array[int]

    def index(self, key: Any) -> int:
        """The insertion index of ``key`` (a KeyError if absent), in constant time:
        the key-to-index table is built on first use, so finding the place of every
        key of a mapping of n keys stays linear, not quadratic, in n."""
        order: dict[Any, int] | None = getattr(self, "_order", None)
        if order is None or len(order) != len(self):
            order = self._order = {k: i for i, k in enumerate(self)}
        return order[key]


class Sequence(list):  # type: ignore[type-arg]
    """A YAML sequence. ``marks`` holds its own line and column, then two per item.

    A list of records read without places (see :func:`parse`) also has ``starts``:
    where each item starts in the text (its index), then where the list ends.
    """

    __slots__ = ("marks", "starts")
    marks: array[int]
    starts: array[int]


@dataclass(frozen=True, slots=True)
class YamlProblem:
    line: int
    column: int
    message: str
    #: True when the tree cannot be trusted to reflect the file (skip the schema).
    fatal: bool = True


def parse(
    text: str | bytes, *, progress: Callable[[int], None] | None = None, places: bool = True
) -> tuple[Any, list[YamlProblem]]:
    """Build the tree of one YAML document; return it with the problems found.

    The tree is None when nothing usable was read (a syntax error, an empty file).
    ``progress``, if given, is called now and then with the index (in characters)
    the parser has reached. ``text`` may be given as UTF-8 bytes, valid and
    without a byte order mark (the loader checks both), which libyaml reads
    where they are instead of from a copy of the text.

    With ``places=False`` the tree is built in about half the time, with the
    places of the records only: the top-level mapping and everything below the
    records are plain dicts and lists, and each list directly under the
    top-level mapping is a :class:`Sequence` whose ``marks`` hold the place of
    each item. A file with anything to report (an anchor, a tag, a duplicate
    key, a syntax error...) is read again with every place, so that problems
    are found and placed exactly as with ``places=True``; :func:`has_places`
    tells which tree came back.
    """
    if isinstance(text, bytes):  # decoded whole only if it holds one (UTF-8 tells at once)
        breaks = _unseen_line_breaks(text.decode("utf-8")) if _has_unseen_breaks(text) else []
    else:
        breaks = _unseen_line_breaks(text)
    if breaks:
        return None, breaks
    if not places:
        try:
            return _plain_tree(text, progress), []
        except (_Irregular, yaml.YAMLError):
            pass  # read again below, with every place, to find and place what is wrong
    if isinstance(text, bytes):
        text = text.decode("utf-8")  # messages quote and place what the parser read
    return _build(text, progress)


def _build(
    text: str, progress: Callable[[int], None] | None = None
) -> tuple[Any, list[YamlProblem]]:
    """The tree of ``text`` with every place, and its problems (see :func:`parse`)."""
    builder = _Builder()
    events = yaml.parse(text, Loader=_Loader)
    if progress is not None:
        events = _reporting(events, progress)
    try:
        builder.run(events)
    except _Stop as stop:
        builder.problems.append(YamlProblem(stop.line, stop.column, stop.message))
        return None, builder.problems
    except yaml.MarkedYAMLError as error:
        builder.problems.append(_syntax_problem(error, text))
        return None, builder.problems
    except yaml.reader.ReaderError as error:
        line, column = _line_col(text, error.position)
        builder.problems.append(YamlProblem(line, column, _reader_message(error)))
        return None, builder.problems
    except yaml.YAMLError as error:  # pragma: no cover - every parser error is marked
        builder.problems.append(YamlProblem(0, 0, f"YAML error: {error}"))
        return None, builder.problems
    return builder.root, builder.problems


#: Line breaks to YAML that are not line breaks to editors, ``grep -n`` or ``wc -l``.
_UNSEEN_BREAKS = re.compile("[\x85\u2028\u2029]")
_BREAK_NAMES = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_BREAK_ESCAPES = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _has_unseen_breaks(raw: bytes) -> bool:
    """Whether the UTF-8 bytes ``raw`` hold U+0085, U+2028 or U+2029 (in UTF-8 a
    character's bytes are never found inside another's)."""
    return b"\xc2\x85" in raw or b"\xe2\x80\xa8" in raw or b"\xe2\x80\xa9" in raw


def _unseen_line_breaks(text: str) -> list[YamlProblem]:
    """A problem for each U+0085, U+2028 and U+2029 in ``text``, placed as editors count."""
    if "\x85" not in text and "\u2028" not in text and "\u2029" not in text:
        return []  # at once: each is found by a fast search, the three by a slow pattern
    problems = []
    line = start = searched = 0
    for found in _UNSEEN_BREAKS.finditer(text):
        index = found.start()
        line += text.count("\n", searched, index)
        newline = text.rfind("\n", searched, index)
        if newline >= 0:
            start = newline + 1
        searched = index
        char = found.group()
        problems.append(
            YamlProblem(
                line,
                index - start,
                f"U+{ord(char):04X} ({_BREAK_NAMES[char]}): YAML reads this character as a "
                "line break where editors show none, so the text around it would not read as "
                f"written; remove it, or write it as \\u{ord(char):04x} or "
                f"{_BREAK_ESCAPES[char]} in a double-quoted string",
            )
        )
    return problems


def has_places(tree: Any) -> bool:
    """Whether ``tree`` holds the place of every node (see :func:`parse`); a scalar
    document has nothing to place."""
    return isinstance(tree, (Mapping, Sequence)) or not isinstance(tree, (dict, list))


def mark(tree: Any, path: tuple[Any, ...], *, key: bool = False) -> tuple[int, int] | None:
    """Line and column of the node at ``path`` (of its key, with ``key=True``).

    Walks as far as the path exists and returns the deepest node found, so a
    missing field points at the mapping that lacks it.
    """
    node = tree
    found: tuple[int, int] | None = None
    if isinstance(node, (Mapping, Sequence)):
        found = (node.marks[0], node.marks[1])
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(node, Mapping) and step in node:
            index = node.index(step)
            base = 2 + 4 * index
            if last and key:
                return (node.marks[base], node.marks[base + 1])
            found = (node.marks[base + 2], node.marks[base + 3])
            node = node[step]
        elif isinstance(node, Sequence) and isinstance(step, int) and 0 <= step < len(node):
            base = 2 + 2 * step
            found = (node.marks[base], node.marks[base + 1])
            node = node[step]
        else:
            break
    return found


#: Where the records of a tree read without places start: for each list of
#: records, its ``marks`` and ``starts`` (see :class:`Sequence`), by its key.
Outline = dict[str, tuple["array[int]", "array[int]"]]


def outline(tree: Any) -> Outline:
    """The :data:`Outline` of a tree read without places (empty for any other):
    all a :class:`Placer` needs of it, without holding its records."""
    if not isinstance(tree, dict) or has_places(tree):
        return {}
    return {
        key: (value.marks, value.starts)
        for key, value in tree.items()
        if isinstance(value, Sequence) and len(value.starts) == len(value) + 1
    }


class Placer:
    """The places of nodes of a file read without places (see :func:`parse`), as
    :func:`mark` finds them in its tree with every place: a node inside a record
    by parsing again only that record's lines, any other (or any once a tenth
    of the records, at least :data:`RECORDS`, were parsed so) from the whole
    text, parsed once.

    A record's lines run from the line it starts on to the line the next one
    starts on. They are read as a YAML document of their own and trusted only
    if they make one mapping, with nothing to report, that starts exactly
    where the record does; anything else (a flow-style list, a record whose
    ``-`` stands alone on its line) is left to the whole text.

    The text is read once and kept as the UTF-8 bytes it was read from, never
    decoded whole: only a record's lines are decoded to parse them (the places
    the parser gives count characters; where one starts in the bytes is
    counted only in a file that is not ASCII).
    """

    #: Records parsed one by one before the whole text is parsed instead (or a
    #: tenth of the records if more): a file with problems in every record is
    #: parsed once, not once per record, and at most a tenth more.
    RECORDS = 200

    def __init__(self, read: Callable[[], str | bytes | None], records: Outline) -> None:
        """``read()`` gives the text, or its UTF-8 bytes (None if it can no longer be
        read); ``records`` is the :func:`outline` of the tree read from it without places."""
        self._read = read
        self._raw: bytes | None = None
        self._tried = False
        self._records = records
        self._parsed: dict[tuple[str, int], Any] = {}
        self._whole: Any = None
        self._done = False
        self._tenth = sum(len(starts) - 1 for _, starts in records.values()) // 10
        #: Characters whose place in the bytes is known, with that place, in order.
        self._offsets: list[tuple[int, int]] = [(0, 0)]
        self._ascii = True

    def mark(self, path: tuple[Any, ...], *, key: bool = False) -> tuple[int, int] | None:
        """Line and column (0-based) of the node at ``path``, as :func:`mark` gives them."""
        if not self._done and len(self._parsed) < max(self.RECORDS, self._tenth):
            found = self._in_record(path, key)
            if found is not None:
                return found
        return mark(self.whole(), path, key=key)

    def whole(self) -> Any:
        """The tree with every place (None if the text could not be read again)."""
        if not self._done:
            self._done = True
            raw = self.raw()
            self._whole = parse(raw)[0] if raw is not None else None
            self._parsed.clear()
        return self._whole

    @property
    def tree(self) -> Any:
        """The tree with every place if the whole text was parsed, else None."""
        return self._whole

    def raw(self) -> bytes | None:
        """The text's UTF-8 bytes, read once (None if they could not be)."""
        if not self._tried:
            self._tried = True
            raw = self._read()
            self._raw = raw.encode("utf-8") if isinstance(raw, str) else raw
            if self._raw is not None:
                self._ascii = self._raw.isascii()
                if self._raw.count(b"\r") != self._raw.count(b"\r\n"):
                    # A carriage return alone ends a line too: records are not cut
                    # at line feeds then, and the whole text is parsed instead.
                    self._records = {}
        return self._raw

    def _in_record(self, path: tuple[Any, ...], key: bool) -> tuple[int, int] | None:
        if len(path) < 2 or not isinstance(path[1], int) or path[0] not in self._records:
            return None
        raw = self.raw()  # (which may find that records cannot be cut out of it)
        if raw is None or path[0] not in self._records:
            return None
        section, index = path[0], path[1]
        marks, starts = self._records[section]
        if not 0 <= index < len(starts) - 1:
            return None
        if (section, index) not in self._parsed:
            self._parsed[section, index] = self._record_tree(raw, marks, starts, index)
        node = self._parsed[section, index]
        if node is None:
            return None
        found = mark(node, path[2:], key=key)
        if found is None:  # pragma: no cover - a mapping always has a place
            return None
        return (found[0] + marks[2 + 2 * index], found[1])

    def _record_tree(self, raw: bytes, marks: array[int], starts: array[int], index: int) -> Any:
        """The tree of the record ``index`` of a list, parsed from its own lines, its
        lines counted from the record's first; None if it cannot be."""
        begin = _line_start(raw, self._byte(raw, starts[index]))
        end = self._byte(raw, starts[index + 1])
        stop = end if end >= len(raw) else _line_start(raw, end)
        if stop <= begin:
            return None
        # (A file read without places has no unseen line breaks.)
        tree, problems = _build(raw[begin:stop].decode("utf-8"))
        if isinstance(tree, Sequence) and len(tree) == 1:
            tree = tree[0]
        column = marks[3 + 2 * index]
        if (
            problems
            or not isinstance(tree, Mapping)
            or (tree.marks[0], tree.marks[1]) != (0, column)
        ):
            return None
        return tree

    def _byte(self, raw: bytes, char: int) -> int:
        """Where the character at index ``char`` of the text starts in ``raw``: counted
        from the nearest character before it whose place is known."""
        if self._ascii:
            return char
        offsets = self._offsets
        done, at = offsets[bisect.bisect_right(offsets, (char, len(raw))) - 1]
        while done < char:
            # The next characters, at most four bytes each; a character the
            # slice cuts in two is after them and left out.
            count = min(char - done, _COUNT_AT_ONCE)
            at += len(raw[at : at + 4 * count].decode("utf-8", "ignore")[:count].encode("utf-8"))
            done += count
        bisect.insort(offsets, (char, at))
        return at


#: How many characters :meth:`Placer._byte` decodes at once, at most.
_COUNT_AT_ONCE = 2**18


def _line_start(raw: bytes, index: int) -> int:
    """Where the line holding byte ``index`` starts (in bytes whose lines end with
    line feeds: see :meth:`Placer.raw`)."""
    return raw.rfind(b"\n", 0, index) + 1


def _reporting(events: Iterator[Any], progress: Callable[[int], None]) -> Iterator[Any]:
    for count, event in enumerate(events, 1):
        if not count % _REPORT_EVERY:
            progress(event.start_mark.index)
        yield event


class _Irregular(Exception):
    """What the plain reader leaves to :class:`_Builder`, which reports it."""


#: How many records pass between two progress reports of the plain reader.
_REPORT_RECORDS = 64


def _plain_tree(text: str | bytes, progress: Callable[[int], None] | None) -> Any:
    """The tree of a file with nothing to report, with the places of its records
    only (see :func:`parse`); :class:`_Irregular` (or the parser's error) for any
    other file.

    One loop over the parser's events with the state in local variables: this
    is the cost of reading a large KB beyond libyaml's own, so every event does
    as little as it can. What the careful builder would report (an anchor, an
    alias, a tag, a merge key, a key that is not a plain scalar, a key given
    twice, nesting beyond :data:`MAX_DEPTH`, a second document) stops it.
    """
    scalar, mapping_start, sequence_start = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    mapping_end, sequence_end, stream_end = (
        yaml.MappingEndEvent,
        yaml.SequenceEndEvent,
        yaml.StreamEndEvent,
    )
    nulls = _NULLS
    # The parser makes a new string for every key; each record would hold its
    # own copies of the same few field names (a third of a large KB's tree).
    keys: dict[str, str] = {}
    same_key = keys.setdefault
    # Events are Any, as in _Builder.run; no generator between the parser and this loop.
    get_event: Callable[[], Any] = _Loader(text).get_event
    # The container being filled and how: 0 a mapping, 1 a list, 2 a list of
    # records (a Sequence with the place of each item), -1 none yet (the root);
    # the key waiting for its value (None: the next scalar is a key). The
    # containers being filled around it wait on ``stack``.
    container: Any = None
    mode = -1
    key: Any = None
    stack: list[tuple[Any, int]] = []
    root: Any = None
    documents = records = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar:
            if event.anchor is not None or event.tag is not None:
                raise _Irregular
            value = event.value
            if not event.style:
                if value == "<<":
                    raise _Irregular
                if value in nulls and (mode or key is not None):
                    value = None  # a key is the text written, even `~` or `null`
            if mode == 0:
                if key is None:
                    key = same_key(value, value)
                elif key in container:
                    raise _Irregular
                else:
                    container[key] = value
                    key = None
            elif mode == 1:
                container.append(value)
            elif mode == 2:
                container.append(value)
                start = event.start_mark
                container.marks.extend((start.line, start.column))
                container.starts.append(start.index)
            else:
                root = value
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or (event.tag is not None and event.tag not in _PLAIN_TAGS):
                raise _Irregular
            if len(stack) >= MAX_DEPTH:
                raise _Irregular
            if kind is mapping_start:
                node: Any = {}
                inner = 0
            elif len(stack) == 1:
                node = Sequence()
                start = event.start_mark
                node.marks = array("i", (start.line, start.column))
                node.starts = array("q")
                inner = 2
            else:
                node = []
                inner = 1
            if mode == 0:
                if key is None or key in container:
                    raise _Irregular  # a mapping or list as a key; a key given twice
                container[key] = node
            elif mode == 1:
                container.append(node)
            elif mode == 2:
                container.append(node)
                start = event.start_mark
                container.marks.extend((start.line, start.column))
                container.starts.append(start.index)
                records += 1
                if progress is not None and not records % _REPORT_RECORDS:
                    progress(start.index)
            else:
                root = node
            stack.append((container, mode))
            container, mode, key = node, inner, None
        elif kind is mapping_end or kind is sequence_end:
            if mode == 2:
                container.starts.append(event.start_mark.index)
            container, mode = stack.pop()
        elif kind is stream_end:
            return root
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Irregular
        elif kind is yaml.AliasEvent:
            raise _Irregular


class _Stop(Exception):
    """Reading stops here: the rest of the file cannot be trusted."""

    message = ""

    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


class _TooDeep(_Stop):
    message = f"nesting deeper than {MAX_DEPTH} levels; a negotrack KB needs four"


class _SecondDocument(_Stop):
    message = "a KB file holds one YAML document; a second one starts here ('---')"


class _Builder:
    def __init__(self) -> None:
        self.root: Any = None
        self.problems: list[YamlProblem] = []
        self.documents = 0
        self.anchors: set[str] = set()

    # Events are typed Any: which attributes one has depends on its kind, which
    # the code tells by ``type(event) is``, a test a type checker does not narrow on.
    def run(self, events: Iterator[Any]) -> None:
        # Each frame: [container, pending key or None, key line, key column,
        # key-to-index table or None (see _add)].
        stack: list[list[Any]] = []
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self._check_node(event)
                value = event.value
                if not event.style and value in _NULLS and event.tag is None:
                    value = None
                if not stack:
                    self.root = value
                    continue
                self._add(stack, value, event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._check_node(event)
                if len(stack) >= MAX_DEPTH:
                    raise _TooDeep(event.start_mark.line, event.start_mark.column)
                node: Mapping | Sequence = (
                    Mapping() if kind is yaml.MappingStartEvent else Sequence()
                )
                node.marks = array("i", (event.start_mark.line, event.start_mark.column))
                if stack:
                    self._add(stack, node, event)
                else:
                    self.root = node
                stack.append([node, None, 0, 0, None])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                # Anchors are reported where they are set; only a dangling alias here.
                if event.anchor not in self.anchors:
                    self._problem(event, f"YAML alias '*{event.anchor}' refers to no anchor")
                if stack:
                    self._add(stack, None, event)
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    raise _SecondDocument(event.start_mark.line, event.start_mark.column)

    def _add(self, stack: list[list[Any]], value: Any, event: Any) -> None:
        frame = stack[-1]
        container = frame[0]
        mark = event.start_mark
        if type(container) is Sequence:
            container.append(value)
            container.marks.extend((mark.line, mark.column))
        elif frame[1] is None:  # this node is a key
            if not isinstance(value, str):
                if value is None and type(event) is yaml.ScalarEvent:
                    value = event.value  # `~: x` or `null: x` - a key named by its text
                else:
                    self._problem(event, "a mapping key must be a plain string")
                    value = f"\0invalid-key-{len(container.marks)}"
            frame[1], frame[2], frame[3] = value, mark.line, mark.column
        else:
            key = frame[1]
            frame[1] = None
            if key in container:
                # Where the key was first set, through a key-to-index table kept
                # for this mapping from its first duplicate on: constant time, so
                # a mapping of n repeated keys is read in linear time.
                order = frame[4]
                if order is None:
                    order = frame[4] = {k: i for i, k in enumerate(container)}
                first = container.marks[2 + 4 * order[key]] + 1
                self.problems.append(
                    YamlProblem(
                        frame[2],
                        frame[3],
                        f"duplicate key '{key}' (first set on line {first}); "
                        "the second value would silently replace the first",
                        fatal=False,
                    )
                )
                return
            container[key] = value
            container.marks.extend((frame[2], frame[3], mark.line, mark.column))
            if frame[4] is not None:
                frame[4][key] = len(container) - 1

    def _check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self.anchors.add(event.anchor)
            self._problem(
                event,
                f"YAML anchor '&{event.anchor}' is not allowed: write each value out in "
                "full (anchors, aliases and merge keys are not supported)",
            )
        tag = event.tag
        if tag is not None and tag not in _PLAIN_TAGS:
            self._problem(event, f"YAML tag '{_short_tag(tag)}' is not allowed")
        if type(event) is yaml.ScalarEvent and event.value == "<<" and not event.style:
            self._problem(event, "YAML merge keys ('<<') are not allowed")

    def _problem(self, event: Any, message: str) -> None:
        mark = event.start_mark
        self.problems.append(YamlProblem(mark.line, mark.column, message))


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    message = error.problem or "invalid YAML"
    if error.context and error.context_mark is not None and error.problem_mark is not None:
        context = error.context
        if error.context_mark.line != error.problem_mark.line:
            context += f" started on line {error.context_mark.line + 1}"
        message = f"{message} ({context})"
    if _char_at(text, line, column) == "\t" or ("\\t" in message):
        message = "tab character where YAML expects indentation; indent with spaces"
    return YamlProblem(line, column, "YAML syntax error: " + message)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


def _reader_message(error: yaml.reader.ReaderError) -> str:
    char = error.character
    code = ord(char) if isinstance(char, str) else int(char)
    return (
        f"unacceptable character U+{code:04X} in YAML: control characters are not "
        "allowed (write them as escapes in a double-quoted string if you must)"
    )


def _line_col(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position)
    start = text.rfind("\n", 0, position) + 1
    return line, position - start
