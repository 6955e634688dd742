"""The records of a knowledge base: actors, people, issues, sources, events, positions,
documents.

Plain dataclasses: this module is the format (``schema`` validates raw YAML into
these very classes) and the objects every query works on. The fields after
``# -- set by the loader`` are not part of the file: they say where a record
came from and, for positions, which date stands for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from negotrack.model.dates import PartialDate
from negotrack.model.values import Credibility, Flag, Id, LongText, Name, Number, Text, Url

Stance = Literal["support", "oppose", "conditional", "ambiguous"]
Evidence = Literal["quote", "paraphrase", "reported", "assessment", "claim"]
Firmness = Literal["red-line", "firm", "flexible"]
Reliability = Literal["A", "B", "C", "D", "E", "F"]
DocumentKind = Literal["plan", "counter-proposal", "draft", "agreement", "statement"]

STANCES: tuple[str, ...] = ("support", "oppose", "conditional", "ambiguous")
EVIDENCE: tuple[str, ...] = ("quote", "paraphrase", "reported", "assessment", "claim")
#: The evidence of an actor's own positions: its words (stated) or what others report of them.
STATED: tuple[str, ...] = ("quote", "paraphrase")
OWN: tuple[str, ...] = ("quote", "paraphrase", "reported")
FIRMNESS: tuple[str, ...] = ("red-line", "firm", "flexible")
DOCUMENT_KINDS: tuple[str, ...] = ("plan", "counter-proposal", "draft", "agreement", "statement")

#: Admiralty source grades and information grades, for people reading the output.
RELIABILITY_MEANING = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_MEANING = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}

_FORBID = {"extra": "forbid"}


@dataclass(slots=True)
class Actor:
    """A party to the negotiation (a state, a bloc, an organisation)."""

    __pydantic_config__ = _FORBID

    id: Id
    name: Name
    aliases: list[Name] = field(default_factory=list)
    description: LongText | None = None
    # -- set by the loader
    file: str = field(default="", init=False, repr=False, compare=False)
    line: int = field(default=0, init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Term:
    """A term of office: ``role`` held from ``start`` until ``until`` (None: still held).

    Written ``{role, from, until}``; both ends are included, at their precision.
    """

    role: str
    start: PartialDate
    until: PartialDate | None = None

    def as_written(self) -> dict[str, Any]:
        """The term as the file writes it: ``{"role", "from", "until"}``."""
        return {
            "role": self.role,
            "from": str(self.start),
            "until": str(self.until) if self.until is not None else None,
        }

    def may_hold(self, date: PartialDate) -> bool:
        """False only when ``date`` is certainly before the term or certainly after it."""
        return not self.start.is_after(date) and not (
            self.until is not None and date.is_after(self.until)
        )

    # pydantic builds this only when a KB is validated: the read path never imports pydantic.
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from typing import NotRequired

        from pydantic_core import core_schema as cs

        # pydantic wants typing_extensions' TypedDict before Python 3.12; it depends on it.
        from typing_extensions import TypedDict

        # Built at run time under the name the schema shows, not the variable's.
        written = TypedDict(  # type: ignore[name-match]
            "Term",
            {"role": Text, "from": PartialDate, "until": NotRequired[PartialDate | None]},
        )
        written.__pydantic_config__ = _FORBID  # type: ignore[attr-defined]

        def build(fields: dict[str, Any]) -> Term:
            term = cls(fields["role"], fields["from"], fields.get("until"))
            if term.until is not None and term.start.is_after(term.until):
                raise ValueError(f"the term ends ({term.until}) before it begins ({term.start})")
            return term

        return cs.no_info_after_validator_function(build, handler(written))

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema: dict[str, Any] = handler.resolve_ref_schema(handler(core_schema))
        schema["title"] = "Term"
        schema["description"] = (
            "A term of office: the role held from `from` until `until` "
            "(both included; no `until`: still in office)."
        )
        return schema


@dataclass(slots=True)
class Person:
    """Someone who speaks for an actor; ``official: false`` for someone speaking for himself."""

    __pydantic_config__ = _FORBID

    id: Id
    name: Name
    actor: Id
    role: Text | None = None
    aliases: list[Name] = field(default_factory=list)
    official: Flag = True
    terms: list[Term] = field(default_factory=list)
    # -- set by the loader
    file: str = field(default="", init=False, repr=False, compare=False)
    line: int = field(default=0, init=False, repr=False, compare=False)


@dataclass(slots=True)
class ScaleOption:
    """One answer on an issue's scale, in the curator's words."""

    __pydantic_config__ = _FORBID

    id: Id
    label: Text
    description: LongText | None = None


@dataclass(slots=True)
class Issue:
    """A directed yes/no question against which stances are coded; ``parent`` makes a tree.

    ``scale`` orders the answers from "no" (first) towards "yes" (last).
    """

    __pydantic_config__ = _FORBID

    id: Id
    name: Name
    question: Text | None = None
    parent: Id | None = None
    aliases: list[Text] = field(default_factory=list)
    description: LongText | None = None
    scale: list[ScaleOption] = field(default_factory=list)

    def option_index(self, option: str) -> int | None:
        """The place (0 for the first) of an option id on the scale; None if not on it."""
        for index, candidate in enumerate(self.scale):
            if candidate.id == option:
                return index
        return None

    # -- set by the loader
    file: str = field(default="", init=False, repr=False, compare=False)
    line: int = field(default=0, init=False, repr=False, compare=False)


@dataclass(slots=True)
class Source:
    """A publication that positions cite."""

    __pydantic_config__ = _FORBID

    id: Id
    title: Text
    publisher: Text
    url: Url
    published: PartialDate
    author: Text | None = None
    reliability: Reliability | None = None
    #: True when ``title`` is the curator's description (the source has no headline).
    title_is_description: Flag = False
    note: LongText | None = None
    # -- set by the loader
    file: str = field(default="", init=False, repr=False, compare=False)
    line: int = field(default=0, init=False, repr=False, compare=False)


@dataclass(slots=True)
class Event:
    """A meeting, call or summit: a landmark on the timeline."""

    __pydantic_config__ = _FORBID

    id: Id
    date: PartialDate
    title: Text
    actors: list[Id]
    source: Id
    note: LongText | None = None
    # -- set by the loader
    file: str = field(default="", init=False, repr=False, compare=False)
    line: int = field(default=0, init=False, repr=False, compare=False)


@dataclass(slots=True)
class Position:
    """What one actor said it wants on one issue, when, in which words, in which source."""

    __pydantic_config__ = _FORBID

    id: Id
    actor: Id
    issue: Id
    stance: Stance
    summary: Text
    source: Id
    evidence: Evidence
    quote: LongText | None = None
    speaker: Id | None = None
    date: PartialDate | None = None
    firmness: Firmness | None = None
    conditions: list[Text] = field(default_factory=list)
    via: Text | None = None
    credibility: Credibility | None = None
    tags: list[Text] = field(default_factory=list)
    note: LongText | None = None
    #: ``[LOW, HIGH]``: the options of the issue's scale the actor would accept.
    acceptable: tuple[Id, Id] | None = None
    #: The option the actor wants most.
    ideal: Id | None = None
    # -- set by the loader
    file: str = field(default="", init=False, repr=False, compare=False)
    line: int = field(default=0, init=False, repr=False, compare=False)
    #: ``date``, or the source's ``published`` date when the position has none.
    when: PartialDate = field(default=PartialDate(1), init=False, repr=False, compare=False)
    #: True when ``when`` is the source's publication date ("as reported").
    as_reported: bool = field(default=False, init=False, repr=False, compare=False)


@dataclass(slots=True, kw_only=True)
class Provision:
    """One point of a document, placed on an issue: an option of its scale, a stance,
    or both. ``text`` is the document's words; ``summary`` the curator's."""

    __pydantic_config__ = _FORBID

    id: Id
    number: Number | None = None
    issue: Id
    text: LongText | None = None
    summary: Text
    option: Id | None = None
    stance: Stance | None = None


@dataclass(slots=True)
class Document:
    """A peace plan, proposal, draft or signed text, point by point."""

    __pydantic_config__ = _FORBID

    id: Id
    title: Text
    authors: list[Id]
    date: PartialDate
    source: Id
    kind: DocumentKind
    revises: Id | None = None
    provisions: list[Provision] = field(default_factory=list)
    #: The curator's caveats: where each provision was read, what is not recorded and why.
    note: LongText | None = None
    # -- set by the loader
    file: str = field(default="", init=False, repr=False, compare=False)
    line: int = field(default=0, init=False, repr=False, compare=False)


Record = Actor | Person | Issue | Source | Event | Position | Document

#: Fields the loader sets (after ``# -- set by the loader``); not part of the file format.
ORIGIN_FIELDS = frozenset(("file", "line", "when", "as_reported"))

#: The sections of a KB file, in the order they are documented and exported.
SECTIONS: dict[str, type[Record]] = {
    "actors": Actor,
    "people": Person,
    "issues": Issue,
    "sources": Source,
    "events": Event,
    "positions": Position,
    "documents": Document,
}
SECTION_OF: dict[type, str] = {cls: name for name, cls in SECTIONS.items()}
#: Singular nouns for messages ("unknown actor 'x'").
NOUN: dict[str, str] = {
    "actors": "actor",
    "people": "person",
    "issues": "issue",
    "sources": "source",
    "events": "event",
    "positions": "position",
    "documents": "document",
}
#: Records listed inside a record: ``{(section, field): class}``.
NESTED: dict[tuple[str, str], type] = {
    ("issues", "scale"): ScaleOption,
    ("documents", "provisions"): Provision,
}
#: Singular nouns of the nested records, by field.
NESTED_NOUN: dict[str, str] = {"scale": "scale option", "provisions": "provision"}


@dataclass(slots=True)
class KBFile:
    """One YAML file of a knowledge base, as validated."""

    __pydantic_config__ = _FORBID

    negotrack: int | None = None
    actors: list[Actor] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
