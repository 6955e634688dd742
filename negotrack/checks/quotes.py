"""Check quotes against archived copies of their sources.

A ``quote`` must be the speaker's words exactly as the source printed them.
Given a folder of plain-text archives named ``<source-id>.txt``, every quote is
looked for in its source's text, ignoring only differences of whitespace and of
typographic versus straight quotation marks and apostrophes. A quote that is
not found comes with the closest passage of the text, to show what differs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from negotrack.errors import Field, KBNotFound
from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
    }
)
_SPACE = re.compile(r"\s+")


@dataclass
class QuoteReport:
    """The outcome of checking every quote of a KB against an archive folder."""

    #: Quotes found, per source id.
    found: dict[str, int] = field(default_factory=dict)
    #: One error per quote not found, with the closest passage in ``closest``.
    mismatches: list[Problem] = field(default_factory=list)
    closest: dict[Problem, str] = field(default_factory=dict)
    #: Sources with quotes but no archive file: ``{source id: number of quotes}``.
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def checked(self) -> int:
        return sum(self.found.values()) + len(self.mismatches)

    @property
    def ok(self) -> bool:
        return not self.mismatches


def verify(kb: KnowledgeBase, archive: Path) -> QuoteReport:
    """Look for every quote of ``kb`` in ``archive/<source-id>.txt``."""
    if not archive.exists():
        raise KBNotFound(f"archive folder not found: {archive}")
    if not archive.is_dir():
        raise KBNotFound(
            f"not a folder: {archive} (", Field("archive"), " names a folder of <source-id>.txt)"
        )
    report = QuoteReport()
    texts: dict[str, _Text | None] = {}
    for position in kb.positions:
        if position.quote is None:
            continue
        source = position.source
        if source not in texts:
            texts[source] = _read(archive / f"{source}.txt")
        text = texts[source]
        if text is None:
            report.skipped[source] = report.skipped.get(source, 0) + 1
            continue
        if normalise(position.quote) in text.normalised:
            report.found[source] = report.found.get(source, 0) + 1
            continue
        problem = kb.problem(position, ("quote",), f"quote not found in {source}", "quote-archive")
        report.mismatches.append(problem)
        report.closest[problem] = text.closest(position.quote)
    report.mismatches.sort()
    return report


def normalise(text: str) -> str:
    """What is compared: straight quotation marks, single spaces, no outer space."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


class _Text:
    """An archived text, normalised, with a map back to the original characters."""

    def __init__(self, original: str) -> None:
        self.original = original
        chars: list[str] = []
        origin: list[int] = []
        in_space = False
        for index, char in enumerate(original.translate(_QUOTE_MARKS)):
            if char.isspace():
                if in_space or not chars:
                    continue
                in_space = True
                char = " "
            else:
                in_space = False
            chars.append(char)
            origin.append(index)
        self.normalised = "".join(chars)
        self.origin = origin

    def closest(self, quote: str) -> str:
        """The passage of the original text most like ``quote``, cut at word boundaries.

        Bounded, so that a long quote against a long text cannot take minutes:
        a window of the quote's number of words slides over the text, keeping
        count of the words it shares with the quote (linear in the text); the
        best window is then compared word by word (difflib) with the windows
        around it that start and end a few words earlier or later, to find the
        passage's edges. That comparison costs the square of the quote's words,
        so it is made only for quotes of up to :data:`_REFINE_WORDS` words.
        """
        wanted = [_word_key(w) for w in normalise(quote).split(" ") if w]
        words = self._words()
        if not words or not wanted:
            return ""
        size = min(len(wanted), len(words))
        first = _best_window([key for key, _, _ in words], wanted, size)
        start, end = first, first + size
        if len(wanted) <= _REFINE_WORDS:
            start, end = _refine([key for key, _, _ in words], wanted, first, size)
        begin, finish = words[start][1], words[end - 1][2]
        return self.original[self.origin[begin] : self.origin[finish - 1] + 1]

    def _words(self) -> list[tuple[str, int, int]]:
        """``(comparison key, start, end)`` of each word of the normalised text."""
        return [
            (_word_key(m.group()), m.start(), m.end())
            for m in re.finditer(r"[^ ]+", self.normalised)
        ]


#: Longest quote, in words, whose passage edges are refined (see :meth:`_Text.closest`).
_REFINE_WORDS = 400
#: How many words earlier or later a refined passage may start or end.
_SLACK = 3
_PUNCTUATION = "\"'.,;:!?()[]{}«»‹›-–—…"


def _word_key(word: str) -> str:
    """A word as compared: case and surrounding punctuation ignored."""
    return word.casefold().strip(_PUNCTUATION) or word


def _best_window(words: list[str], wanted: list[str], size: int) -> int:
    """The first start of the ``size``-word window sharing the most words with ``wanted``.

    Shared words are counted as a multiset intersection, kept up to date as the
    window slides by one word: each step costs the same, so the whole search is
    linear in the text.
    """
    need: dict[str, int] = {}
    for word in wanted:
        need[word] = need.get(word, 0) + 1
    have = dict.fromkeys(need, 0)
    shared = 0
    for word in words[:size]:
        if word in need:
            have[word] += 1
            if have[word] <= need[word]:
                shared += 1
    best, first = shared, 0
    for start in range(1, len(words) - size + 1):
        out, into = words[start - 1], words[start + size - 1]
        if out in need:
            have[out] -= 1
            if have[out] < need[out]:
                shared -= 1
        if into in need:
            have[into] += 1
            if have[into] <= need[into]:
                shared += 1
        if shared > best:
            best, first = shared, start
    return first


def _refine(words: list[str], wanted: list[str], first: int, size: int) -> tuple[int, int]:
    """The word span near ``first`` most like ``wanted`` (difflib ratio over words)."""
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    best, span = -1.0, (first, first + size)
    for start in range(max(0, first - _SLACK), min(len(words), first + _SLACK + 1)):
        low = max(start + 1, first + size - _SLACK)
        for end in range(low, min(len(words), first + size + _SLACK) + 1):
            matcher.set_seq1(words[start:end])
            if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
                continue
            ratio = matcher.ratio()
            if ratio > best:
                best, span = ratio, (start, end)
    return span


def _read(path: Path) -> _Text | None:
    if path.exists() and not path.is_file():
        raise KBNotFound(f"not a regular file: {path}")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise KBNotFound(f"cannot read {path}: {error.strerror or error}") from None
    return _Text(data.decode("utf-8-sig", errors="replace"))
