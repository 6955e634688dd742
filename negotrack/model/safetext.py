"""Which characters KB text may hold, and how text is made visible on output.

KB text is refused at validation when it holds a control character (other than
tab and newline) or a bidirectional embedding, override or isolate: such a
character can rewrite the terminal (ESC sequences), hide text (carriage
return) or reorder what a reader sees (U+202E). Output goes through
:func:`visible` as well, so that text which never passed validation (a problem
message quoting bad input, say) cannot act on the terminal either.

Names and aliases, which people type and compare, are held to more: no
invisible format character (zero-width spaces and joiners, the soft hyphen,
left-to-right and right-to-left marks, tag characters, variation selectors
other than the emoji ones after a symbol) and no line or paragraph separator.
``Ukr\u200baine`` looks like ``Ukraine`` and is not equal to it, so it would
pass the check for ambiguous names and show as a second Ukraine.
"""

from __future__ import annotations

import re
import unicodedata

# Character classes are written with escapes that Python's re and Rust's regex
# (pydantic-core's) read alike, so that a value type can check them in either.
_BIDI = r"\u202a-\u202e\u2066-\u2069"
_FORBIDDEN_SET = rf"\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}"
_FORBIDDEN = re.compile(f"[{_FORBIDDEN_SET}]")
_INVISIBLE = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI}]")
#: What ``str.strip()`` removes (``str.isspace()``), as a class.
_SPACE_SET = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def forbidden_character(text: str) -> str | None:
    """Describe the first character KB text may not hold, or None if all are allowed."""
    match = _FORBIDDEN.search(text)
    if match is None:
        return None
    return describe(match.group())


# Invisible characters a name may not hold (Unicode's Default_Ignorable_Code_Point,
# less the emoji joiner and selectors, which are checked in context).
_HIDDEN_SET = (
    r"\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200c\u200e\u200f"
    r"\u2028\u2029\u2060-\u206f\u3164\ufe00-\ufe0d\ufeff\uffa0\ufff0-\ufff8"
    r"\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_HIDDEN = re.compile(f"[{_HIDDEN_SET}]")
#: Zero-width joiner and the emoji/text presentation selectors: allowed after a symbol.
_EMOJI_GLUE_SET = r"\u200d\ufe0e\ufe0f"
_EMOJI_GLUE = re.compile(f"[{_EMOJI_GLUE_SET}]")


def hidden_character(text: str) -> str | None:
    """Describe the first character a name may not hold (see above), or None."""
    match = _HIDDEN.search(text)
    if match is not None:
        return describe(match.group())
    for glue in _EMOJI_GLUE.finditer(text):
        index = glue.start()
        before = text[index - 1] if index else ""
        if before != "\ufe0f" and (not before or unicodedata.category(before) not in ("So", "Sk")):
            return describe(glue.group())
    return None


def plain_text_pattern(*, name: bool = False) -> str:
    """A pattern, read alike by Python's re and Rust's regex, that only text which
    :func:`forbidden_character` allows and which is not blank matches (with
    ``name``: nor holds any character :func:`hidden_character` might refuse).

    It is a shortcut, not the rule: text it does not match is checked by those
    functions, which have the last word and say what is wrong.
    """
    refused = _FORBIDDEN_SET + (_HIDDEN_SET + _EMOJI_GLUE_SET if name else "")
    return f"^[^{refused}]*[^{refused}{_SPACE_SET}][^{refused}]*$"


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
    0x85: "NEXT LINE",
}
