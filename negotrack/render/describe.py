"""How positions, people and sources are described in words, for tables and markdown.

Evidence is always visible: a ``reported`` or ``assessment`` position names who
reported or assessed it, so that it is never passed off as the actor's own
words; a quote is shown as quoted; an unofficial speaker is marked. These
functions return plain (unescaped) text; the table and markdown writers make it
safe.
"""

from __future__ import annotations

import re

from negotrack.analysis.stance import CurrentStance, official
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import CREDIBILITY_MEANING, RELIABILITY_MEANING, Position, Source

AS_REPORTED = "as reported"
APPROXIMATE_MARK = "~"

#: Explanations printed under a view when its marks appear.
AS_REPORTED_NOTE = (
    "as reported: the statement is undated; the date is its source's publication date."
)
APPROXIMATE_NOTE = (
    "~ approximate: a statement with a coarser date (a month or a year) overlaps this "
    "date, so which came last is not certain."
)


def date_label(position: Position, approximate: bool = False) -> str:
    """The date that stands for a position, ``~``-prefixed when approximate."""
    return (APPROXIMATE_MARK if approximate else "") + str(position.when)


def dated_label(position: Position, approximate: bool = False) -> str:
    """The date on one line: ``~2025-03-18 (as reported)``."""
    text = date_label(position, approximate)
    return f"{text} ({AS_REPORTED})" if position.as_reported else text


def speaker_label(kb: KnowledgeBase, position: Position) -> str | None:
    """The speaker's name, marked ``(unofficial)`` for ``official: false`` and
    ``(not in office)`` when said outside every one of the speaker's terms."""
    if position.speaker is None:
        return None
    person = kb.person(position.speaker)
    if person is None:
        return position.speaker
    if not person.official:
        return person.name + " (unofficial)"
    return person.name + ("" if official(kb, position) else " (not in office)")


def claimant_label(kb: KnowledgeBase, claimant: str) -> str:
    """The name of the person or actor a claim's ``via`` names."""
    record = kb.person(claimant) or kb.actor(claimant)
    return record.name if record is not None else claimant


_REPORTED_IN_VIA = re.compile(r"\b(as )?reported by\b", re.IGNORECASE)


def evidence_label(position: Position, kb: KnowledgeBase | None = None) -> str:
    """``quote``, ``paraphrase``, ``reported by …``, ``assessment by …`` or ``claim by …``.

    A ``via`` that already names the chain of reporting (``Unnamed US officials,
    as reported by The Daily Courier``) reads ``according to …``, not "reported
    by …, as reported by …".
    """
    if position.evidence in ("reported", "assessment", "claim"):
        verb = {"reported": "reported by", "assessment": "assessment by"}.get(
            position.evidence, "claim by"
        )
        if position.via is None:
            return position.evidence
        via = position.via
        if position.evidence == "claim" and kb is not None:
            via = claimant_label(kb, via)
        if position.evidence == "reported" and _REPORTED_IN_VIA.search(via):
            verb = "according to"
        return f"{verb} {via}"
    return position.evidence


#: Why a position does not count towards a stance, in words.
NOT_COUNTED_LABEL = {
    "claim": "not counted: another party's claim",
    "unofficial": "not counted: not an official statement",
}


def not_counted_label(reason: str | None) -> str | None:
    return NOT_COUNTED_LABEL.get(reason) if reason else None


def basis_label(kb: KnowledgeBase, current: CurrentStance) -> str | None:
    """``inherited from Territory``, ``basis: assessed`` or ``basis: reported``; None
    when stated (the actor's own words, the usual case)."""
    if current.inherited_from is not None:
        return f"inherited from {issue_label(kb, current.inherited_from)}"
    return None if current.basis == "stated" else f"basis: {current.basis}"


def red_line_label(current: CurrentStance) -> str | None:
    """``red line since 2025-03-17`` when a red line stands."""
    if not current.red_lines:
        return None
    dates = sorted({str(p.when) for p in current.red_lines})
    return "red line since " + ", ".join(dates)


def stance_notes(kb: KnowledgeBase, current: CurrentStance) -> str | None:
    """The basis and a standing red line on one line: ``assessed · red line since …``."""
    parts = [basis_label(kb, current), red_line_label(current)]
    return " · ".join(p for p in parts if p) or None


NEWER = "newer assessment"


def meta_label(kb: KnowledgeBase, position: Position) -> str:
    """Who said it and on what evidence: ``Mike Waltz · reported by Ukrainian media``."""
    parts = [speaker_label(kb, position), evidence_label(position, kb)]
    if position.credibility is not None:
        meaning = CREDIBILITY_MEANING.get(position.credibility, "")
        parts.append(f"credibility {position.credibility} ({meaning})")
    return " · ".join(p for p in parts if p)


def quote_label(position: Position) -> str | None:
    return f"“{position.quote}”" if position.quote else None


def conditions_label(position: Position) -> str | None:
    if not position.conditions:
        return None
    return "Conditions: " + "; ".join(position.conditions)


def stance_label(stance: str, firmness: str | None = None) -> str:
    return f"{stance} ({firmness})" if firmness else stance


def reference_label(source: Source) -> str:
    """``Publisher (author), published, reliability B (usually reliable)``."""
    who = source.publisher + (f" ({source.author})" if source.author else "")
    if source.reliability:
        grade = f"reliability {source.reliability} ({RELIABILITY_MEANING[source.reliability]})"
    else:
        grade = "reliability not graded"
    return f"{who}, {source.published}, {grade}"


def title_label(source: Source) -> str:
    """The headline in quotation marks; a curator's description of a source without
    a headline (``title_is_description``) as it is, never as if quoted."""
    return source.title if source.title_is_description else f"“{source.title}”"


def issue_label(kb: KnowledgeBase, issue_id: str) -> str:
    issue = kb.issue(issue_id)
    return issue.name if issue is not None else issue_id


def actor_label(kb: KnowledgeBase, actor_id: str) -> str:
    actor = kb.actor(actor_id)
    return actor.name if actor is not None else actor_id


def stale_label(a: CurrentStance | None, b: CurrentStance | None) -> str:
    """``stale: 2024-12 and 2025-08``."""
    dates = [str(side.date) for side in (a, b) if side is not None]
    return "stale: " + " and ".join(dates)


STALE_NOTE = (
    "stale: the two sides rest on statements more than 180 days apart; "
    "one of them may have moved since."
)


def shift_label(shift: str | None) -> str | None:
    return f"{shift} shift" if shift else None


def kb_label(kb: KnowledgeBase) -> str | None:
    """``KB: data/positions.yaml``, ``(bundled)`` for the packaged KB; None for a KB
    built in memory."""
    if not kb.path:
        return None
    return f"KB: {kb.path}" + (" (bundled)" if kb.bundled else "")


def scope_labels(as_of: PartialDate | None, official_only: bool) -> list[str]:
    """``As of 2025-03.`` and ``Official statements only.``, as they apply to a view."""
    labels = []
    if as_of:
        labels.append(f"As of {as_of}.")
    if official_only:
        labels.append("Official statements only.")
    return labels


def count_label(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"
