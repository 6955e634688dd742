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

from negotrack.errors import KBNotFound
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
        raise KBNotFound(f"not a folder: {archive} (--archive names a folder of <source-id>.txt)")
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
        """The passage of the original text most like ``quote``, cut at word boundaries."""
        wanted = normalise(quote)
        text = self.normalised
        if not text or not wanted:
            return ""
        bounds = [0] + [m.end() for m in re.finditer(" ", text)]
        ends = [m.start() for m in re.finditer(" ", text)] + [len(text)]
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(wanted)

        def score(start: int, end: int, best: float) -> float:
            matcher.set_seq1(text[start:end])
            if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
                return -1.0
            return matcher.ratio()

        # First the best window of the quote's own length, then the best word
        # boundaries around it (the passage may be longer or shorter).
        best, first = -1.0, 0
        for i, start in enumerate(bounds):
            ratio = score(start, start + len(wanted), best)
            if ratio > best:
                best, first = ratio, i
        best, span = -1.0, (bounds[first], min(bounds[first] + len(wanted), len(text)))
        for start in bounds[max(0, first - 5) : first + 6]:
            for end in ends:
                if end <= start or not len(wanted) // 2 <= end - start <= 2 * len(wanted):
                    continue
                ratio = score(start, end, best)
                if ratio > best:
                    best, span = ratio, (start, end)
        start, end = span
        return self.original[self.origin[start] : self.origin[end - 1] + 1]


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
