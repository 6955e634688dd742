"""JSON text as ``json.dumps(document, indent=2, ensure_ascii=False)`` writes it,
byte for byte, but faster, and safe to print.

The json module writes indented JSON with its pure-Python encoder, which takes
most of the time of a large listing. Views hold only dicts with text keys,
lists, text, integers, booleans and None: :func:`indented` writes those with the
C string escaper, about twice as fast, and hands anything else to json.dumps.

Two kinds of value let a document repeat text instead of writing it again:

- a :class:`Shared` dict (the source that every position citing it holds) is
  written once per depth in a document, then repeated;
- a :class:`Composed` object is made of parts, some of them :class:`Written`:
  members already written (a position's own fields, kept written in the KB's
  query index), which are only indented to their depth;
- a :class:`Raw` value is already written whole, and only indented.

Every string is made safe as it is written: the characters KB text may not hold
(C1 controls and bidirectional overrides, which JSON would otherwise pass
through raw) and the line and paragraph separators U+2028 and U+2029 (which
readers splitting on Unicode line breaks would cut a JSON line at) become
``\\uXXXX`` escapes, so the output can never act on a terminal and still decodes
to the exact text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

# JSON already escapes U+0000-U+001F; these it would leave raw. U+2028 and U+2029
# are line breaks to str.splitlines() and to JavaScript before ES2019.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """``text`` (JSON) with the characters above written as ``\\uXXXX`` escapes."""
    if text.isascii():  # of them only DEL is ASCII
        return text.replace("\x7f", "\\u007f") if "\x7f" in text else text
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class Shared(dict[str, Any]):
    """A dict that many parts of one document hold (the source every position citing
    it holds): written once per depth, then repeated. It must not change while a
    document holding it is written."""


class Written:
    """Members of a JSON object, already written: what :func:`members` gives."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Raw:
    """A JSON value already written at ``depth`` (as :func:`indented` writes it), which
    is only indented to the depth it is written at."""

    __slots__ = ("depth", "text")

    def __init__(self, text: str, depth: int = 0) -> None:
        self.text = text
        self.depth = depth


def string(text: str) -> str:
    """``text`` as a JSON string, as :func:`indented` writes it (made safe)."""
    from json.encoder import encode_basestring

    return safe(encode_basestring(text))


class Composed:
    """A JSON object written from its parts in order: dicts of members and
    :class:`Written` members. No two parts may hold the same key."""

    __slots__ = ("parts",)

    def __init__(self, *parts: Mapping[str, Any] | Written) -> None:
        self.parts = parts

    def plain(self) -> dict[str, Any]:
        """The object as a dict, every member decoded."""
        import json

        out: dict[str, Any] = {}
        for part in self.parts:
            if isinstance(part, Written):
                if part.text:
                    out.update(json.loads("{" + part.text + "}"))
            else:
                out.update(part)
        return out


def members(document: Mapping[str, Any], depth: int = 0) -> str:
    """The members of ``document`` as :func:`indented` writes them at ``depth``,
    without the braces around them (at depth 0: the text of a :class:`Written`)."""
    texts = member_texts(document)
    if depth:
        texts = [text.replace("\n", _PADS[depth]) for text in texts]
    return ("," + _PADS[depth + 1]).join(texts)


def dedent(text: str, depth: int) -> str:
    """JSON text written at ``depth``, as written at depth 0: each of its lines
    after the first starts ``depth`` levels deep at least, and loses them."""
    return text.replace(_PADS[depth], "\n") if depth else text


def member_texts(document: Mapping[str, Any]) -> list[str]:
    """Each member of ``document`` (``"key": value``) as :func:`members` writes it."""
    global _FIELDS
    if _FIELDS is None:
        _FIELDS = _writer(None)[1]
    out: list[str] = []
    try:
        _FIELDS(document, 1, out)
    except (_Unusual, TypeError, IndexError):
        out = [
            indented({key: value})[len("{\n  ") : -len("\n}")] for key, value in document.items()
        ]
    return out


def members_of(key: str, value: Any) -> str:
    """The member ``key: value`` as :func:`member_texts` writes it."""
    return indented({key: value})[len("{\n  ") : -len("\n}")]


def indented(
    document: Any, start: int = 0, shared: dict[tuple[int, int], tuple[Any, str]] | None = None
) -> str:
    """``document`` as ``json.dumps(document, indent=2, ensure_ascii=False)`` writes it
    (:class:`Composed` objects as their :meth:`~Composed.plain` dict), made safe,
    as written ``start`` levels deep (each line after the first indented by as
    much). ``shared`` keeps the :class:`Shared` dicts written, across documents."""
    return _written(_writer({} if shared is None else shared)[0], document, start)


def array_pieces(items: Iterable[Any]) -> Iterator[str]:
    """``indented(list(items)) + "\\n"``, byte for byte, in pieces, one per item, to be
    written as they come: each item is written and dropped before the next is
    built. A :class:`Shared` dict is written once for all the items."""
    import gc

    value = _writer({})[0]
    before = "[\n  "
    # The items and their texts make no reference cycles: they go as they are
    # written, and collecting meanwhile would only cost time. Paused only while
    # an item is built and written, never across a yield: a consumer that stops
    # early, keeps the generator or fails holding it must find the collector on.
    iterator = iter(items)
    while True:
        enabled = gc.isenabled()
        gc.disable()
        try:
            item = next(iterator, _END)
            piece = None if item is _END else before + _written(value, item, 1)
        finally:
            if enabled:
                gc.enable()
        if piece is None:
            break
        yield piece
        before = ",\n  "
    yield "[]\n" if before == "[\n  " else "\n]\n"


def raw_array_pieces(chunks: Iterable[list[str]]) -> Iterator[str]:
    """``array_pieces`` of :class:`Raw` values written at depth 1 (as items of an
    array), byte for byte, given their texts a chunk at a time: a piece per
    chunk, each one join."""
    before = "[\n  "
    for chunk in chunks:
        if not chunk:
            continue
        yield before + ",\n  ".join(chunk)
        before = ",\n  "
    yield "[]\n" if before == "[\n  " else "\n]\n"


def _written(value: Callable[[Any, int], str], document: Any, start: int) -> str:
    try:
        return value(document, start)
    except (_Unusual, TypeError, IndexError):  # TypeError: a key that is not text
        import json

        # json.dumps escapes every newline within a string: each "\n" starts a line.
        written = json.dumps(document, indent=2, ensure_ascii=False, default=_plain)
        return safe(written).replace("\n", _PADS[start])


def _writer(
    shared: dict[tuple[int, int], tuple[Any, str]] | None,
) -> tuple[Callable[[Any, int], str], Callable[[Mapping[str, Any], int, list[str]], None]]:
    """Functions writing a value at a depth, and the members of a dict at a depth
    (appended to a list), fast; they raise :class:`_Unusual`, TypeError or
    IndexError for what only json.dumps writes. ``shared`` keeps each Shared
    dict's text by (identity, depth), with the dict, which keeps it alive so that
    no other object can take its identity meanwhile (None: written each time)."""
    from json.encoder import encode_basestring as escaped

    pads = _PADS
    keys = _KEYS

    def text(item: str) -> str:
        written = escaped(item)
        if written.isascii():
            return written if "\x7f" not in written else written.replace("\x7f", "\\u007f")
        return _UNSAFE.sub(_escape, written)

    def fields(item: Mapping[str, Any], deeper: int, out: list[str]) -> None:
        for k, v in item.items():
            key = keys.get(k)
            if key is None:
                key = text(k) + ": "  # TypeError for a key that is not text
                if len(keys) < _MAX_KEYS:  # a view's keys are few; data as keys are not
                    keys[k] = key
            if type(v) is str:
                out.append(key + text(v))
            elif v is None:
                out.append(key + "null")
            else:
                out.append(key + value(v, deeper))

    def value(item: Any, level: int) -> str:
        kind = type(item)
        if kind is str:
            return text(item)
        if kind is dict or kind is Shared:
            if not item:
                return "{}"
            if kind is Shared and shared is not None:
                found = shared.get((id(item), level))
                if found is not None and found[0] is item:
                    return found[1]
            out: list[str] = []
            fields(item, level + 1, out)
            inner = pads[level + 1]
            written = "{" + inner + ("," + inner).join(out) + pads[level] + "}"
            if kind is Shared and shared is not None:
                shared[id(item), level] = (item, written)
            return written
        if kind is Raw:
            if item.depth == level:
                return item.text
            return dedent(item.text, item.depth).replace("\n", pads[level])
        if kind is Composed:
            # Written at depth 0, then indented as a whole: one replace, not one a part.
            out = []
            for part in item.parts:
                if type(part) is Written:
                    if part.text:
                        out.append(part.text)
                elif part:
                    fields(part, 1, out)
            if not out:
                return "{}"
            written = "{\n  " + ",\n  ".join(out) + "\n}"
            return written.replace("\n", pads[level]) if level else written
        if kind is list:
            if not item:
                return "[]"
            inner, deeper = pads[level + 1], level + 1
            items = [text(v) if type(v) is str else value(v, deeper) for v in item]
            return "[" + inner + ("," + inner).join(items) + pads[level] + "]"
        if item is None:
            return "null"
        if item is True:
            return "true"
        if item is False:
            return "false"
        if kind is int:
            return int.__repr__(item)
        raise _Unusual

    return value, fields


def line(document: Any) -> str:
    """``document`` as one line of JSON (:class:`Composed` objects as their dicts), safe."""
    import json

    return safe(json.dumps(document, ensure_ascii=False, default=_plain))


def _plain(value: Any) -> Any:
    if isinstance(value, Composed):
        return value.plain()
    if isinstance(value, Raw):
        import json

        return json.loads(value.text)
    raise TypeError(f"{type(value).__name__} is not JSON")


class _Unusual(Exception):
    """A value the fast path does not write (a float, a tuple, a non-text key)."""


#: Deeper documents than this go to json.dumps (views nest three or four levels).
_DEPTH = 32
_PADS = ["\n" + "  " * level for level in range(_DEPTH + 1)]
#: Where a line starts at each depth (``"\n"`` and two spaces a level).
PADS = _PADS
#: Keys as written before their values (``"id": ``), kept between documents.
_KEYS: dict[str, str] = {}
_MAX_KEYS = 4096
#: How :func:`member_texts` writes members, made on first use.
_FIELDS: Callable[[Mapping[str, Any], int, list[str]], None] | None = None
#: What :func:`array_pieces` gets from its items once they are all written.
_END = object()
