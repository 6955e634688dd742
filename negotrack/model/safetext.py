"""Which characters KB text may hold, and how text is made visible on output.

KB text is refused at validation when it holds a control character (other than
tab and newline) or a bidirectional embedding, override or isolate: such a
character can rewrite the terminal (ESC sequences), hide text (carriage
return) or reorder what a reader sees (U+202E). Output goes through
:func:`visible` as well, so that text which never passed validation (a problem
message quoting bad input, say) cannot act on the terminal either.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI = "\u202a-\u202e\u2066-\u2069"
_FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_INVISIBLE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def forbidden_character(text: str) -> str | None:
    """Describe the first character KB text may not hold, or None if all are allowed."""
    match = _FORBIDDEN.search(text)
    if match is None:
        return None
    return describe(match.group())


def describe(char: str) -> str:
    """``U+001B (ESC)``-style name of a character, for messages."""
    name = unicodedata.name(char, "") or _C0_NAMES.get(ord(char), "control character")
    return f"U+{ord(char):04X} ({name})"


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """Replace control and bidi characters by visible escapes such as ``\\x1b``."""
    if keep_newlines:
        return _FORBIDDEN.sub(_escape, text)
    return _INVISIBLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_C0_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BACKSPACE",
    0x09: "TAB",
    0x0A: "LINE FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESC",
    0x7F: "DELETE",
}
