"""How positions, people and sources are described in words, for tables and markdown.

Evidence is always visible: a ``reported`` or ``assessment`` position names who
reported or assessed it, so that it is never passed off as the actor's own
words; a quote is shown as quoted; an unofficial speaker is marked. These
functions return plain (unescaped) text; the table and markdown writers make it
safe.
"""

from __future__ import annotations

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
    """The speaker's name, marked ``(unofficial)`` for ``official: false``."""
    if position.speaker is None:
        return None
    person = kb.person(position.speaker)
    if person is None:
        return position.speaker
    return person.name + ("" if person.official else " (unofficial)")


def evidence_label(position: Position) -> str:
    """``quote``, ``paraphrase``, ``reported by …`` or ``assessment by …``."""
    if position.evidence in ("reported", "assessment"):
        verb = "reported by" if position.evidence == "reported" else "assessment by"
        return f"{verb} {position.via}" if position.via else position.evidence
    return position.evidence


def meta_label(kb: KnowledgeBase, position: Position) -> str:
    """Who said it and on what evidence: ``Mike Waltz · reported by Ukrainian media``."""
    parts = [speaker_label(kb, position), evidence_label(position)]
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
    return f"“{source.title}”"


def issue_label(kb: KnowledgeBase, issue_id: str) -> str:
    issue = kb.issue(issue_id)
    return issue.name if issue is not None else issue_id


def actor_label(kb: KnowledgeBase, actor_id: str) -> str:
    actor = kb.actor(actor_id)
    return actor.name if actor is not None else actor_id


def shift_label(shift: str | None) -> str | None:
    return f"{shift} shift" if shift else None


def count_label(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"
