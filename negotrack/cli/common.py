"""What every command shares: the --kb and --format options, loading the KB,
printing diagnostics, and turning library errors into exit codes.

The CLI is the only layer that prints or exits. Library errors
(:class:`~negotrack.errors.NegotrackError`) become a one-line message on
stderr and exit 1 (bad data) or 2 (bad command line); never a traceback.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import sys
import typing
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from negotrack.errors import Field, InvalidKB, NegotrackError, NegotrackWarning
from negotrack.model.records import EVIDENCE
from negotrack.model.safetext import visible
from negotrack.render.formats import (
    BRIEF_FORMATS,
    REPORT_FORMATS,
    TIMELINE_FORMATS,
    VIEW_FORMATS,
    choices,
)

if TYPE_CHECKING:
    from negotrack.model.kb import KnowledgeBase, Scope

#: Source grades, best first (as :data:`negotrack.analysis.stance.GRADES`).
GRADES = ("A", "B", "C", "D", "E", "F")


def _grade(value: Any) -> str:
    """A reliability grade typed in any case (``b`` is ``B``)."""
    text = str(value).strip().upper()
    if text not in GRADES:
        raise typer.BadParameter(
            f"unknown reliability grade {str(value)!r}: use {', '.join(GRADES[:-1])} or F"
        )
    return text


F = TypeVar("F", bound=Callable[..., Any])

KbOption = Annotated[
    str | None,
    typer.Option(
        "--kb",
        envvar="NEGOTRACK_KB",
        metavar="PATH",
        help="Knowledge base: a YAML file or a directory of them. Default: found from "
        "this folder upwards (a negotrack.yaml marker, data/positions.yaml or "
        "positions.yaml), else the bundled KB; negotrack info says which.",
        show_default=False,
    ),
]

NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        envvar="NEGOTRACK_NO_CACHE",
        help="Parse the KB afresh instead of using the parse cache.",
        show_default=False,
    ),
]

CsvRawOption = Annotated[
    bool,
    typer.Option(
        "--csv-raw",
        help="CSV: write cells as they are. By default a cell that begins with =, +, -, @, "
        "a tab or a carriage return gets a leading ' so that a spreadsheet shows it as text "
        "instead of running it as a formula.",
        show_default=False,
    ),
]

#: The option that sets each parameter the library names in its messages.
OPTIONS = {
    "kb_path": "--kb",
    "force": "--force",
    "output": "--output",
    "archive": "--archive",
    "file": "--file",
    "from": "--from",
    "new_source": "--source-*",
}
#: The option of ``add`` that sets each field of a position.
POSITION_OPTIONS = {
    "id": "--id",
    "actor": "--actor",
    "issue": "--issue",
    "stance": "--stance",
    "summary": "--summary",
    "source": "--source",
    "evidence": "--evidence",
    "quote": "--quote",
    "speaker": "--speaker",
    "date": "--date",
    "firmness": "--firmness",
    "conditions": "--condition",
    "via": "--via",
    "credibility": "--credibility",
    "tags": "--tag",
    "note": "--note",
}
#: The option of ``add`` that sets each field of a new source (its id is ``--source``).
SOURCE_OPTIONS = {
    "id": "--source",
    "title": "--source-title",
    "publisher": "--source-publisher",
    "url": "--source-url",
    "published": "--source-published",
    "author": "--source-author",
    "reliability": "--source-reliability",
}
_SECTION_OPTIONS = {"positions": POSITION_OPTIONS, "sources": SOURCE_OPTIONS}


def option(field: Field) -> str:
    """How the command line spells a field a library message names: its option."""
    table = _SECTION_OPTIONS.get(field.section or "", OPTIONS)
    name = table.get(field.name, "--" + field.name.replace("_", "-"))
    return name if field.value is None else f"{name} {field.value}"


#: How many errors a read command lists before pointing at `negotrack validate`.
MAX_SHOWN = 20


def choice(names: Sequence[str], what: str = "format") -> Callable[[Any], str]:
    """A parser for an option that takes one of ``names``, in any case (``-f JSON``)."""

    def parse(value: Any) -> str:
        text = str(value)
        found = text.strip().lower()
        if found not in names:
            raise typer.BadParameter(f"unknown {what} {text!r}: use {choices(names)}")
        return found

    return parse


def format_option(names: Sequence[str], help: str) -> Any:
    """``--format``/``-f``, taking one of the format names ``names`` (any case)."""
    return typer.Option("--format", "-f", metavar="FORMAT", help=help, parser=choice(names))


ColorOption = Annotated[
    str,
    typer.Option(
        "--color",
        metavar="WHEN",
        help="Colour the table: auto (in a terminal, unless NO_COLOR is set; FORCE_COLOR "
        "forces it), always or never.",
        parser=choice(("auto", "always", "never"), "colour setting"),
    ),
]

NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        envvar="NEGOTRACK_NO_PAGER",
        help="Print a long table straight to the terminal. By default it goes through "
        "$PAGER (else less -FRX) when stdout is a terminal; never when piped.",
        show_default=False,
    ),
]

# The option bundles: options shared by a family of commands, declared once. A
# command takes a bundle as one parameter (``read: ReadOptions``) and
# :func:`bundled` gives the command every option of the bundle, so an option
# added to a bundle reaches every command that takes it.


class OptionBundle:
    """A family of options declared once; :func:`bundled` spreads its fields."""


@dataclass(frozen=True)
class KbOptions(OptionBundle):
    """Where the KB is and how to read it: ``--kb`` and ``--no-cache``."""

    kb_path: KbOption = None
    no_cache: NoCacheOption = False

    def load(self, scope: Callable[[KnowledgeBase], Scope | None] | None = None) -> KnowledgeBase:
        """The checked KB (raises InvalidKB on errors); for ``scope``, see
        :func:`negotrack.checks.validate.open_kb`."""
        return load(self.kb_path, no_cache=self.no_cache, scope=scope)


@dataclass(frozen=True)
class ReadOptions(KbOptions):
    """The options of every read command: ``--format``, ``--kb``, ``--no-cache``."""

    format: Annotated[
        str,
        format_option(
            VIEW_FORMATS,
            "table (for reading in a terminal), json, csv or markdown (to paste in a report).",
        ),
    ] = "table"
    csv_raw: CsvRawOption = False
    color: ColorOption = "auto"
    no_pager: NoPagerOption = False

    def emit(self, view: Any, renderer: Any) -> None:
        """Write ``view`` to stdout in the chosen format with ``renderer``."""
        emit(
            self.format,
            view,
            renderer,
            csv_raw=self.csv_raw,
            color=self.color,
            pager=not self.no_pager,
        )


@dataclass(frozen=True)
class TimelineOptions(ReadOptions):
    """The read options, with the timeline picture as a format."""

    format: Annotated[
        str,
        format_option(
            TIMELINE_FORMATS,
            "table, json, csv, markdown, or svg (the timeline picture, for a page).",
        ),
    ] = "table"


@dataclass(frozen=True)
class BriefOptions(KbOptions):
    """The options of ``brief``: its formats, ``--kb`` and ``--no-cache``."""

    format: Annotated[
        str, format_option(BRIEF_FORMATS, "markdown (to paste), html (one page), json or table.")
    ] = "markdown"

    def emit(self, view: Any, renderer: Any) -> None:
        """Write ``view`` to stdout in the chosen format with ``renderer``."""
        emit(self.format, view, renderer)


@dataclass(frozen=True)
class CheckOptions(KbOptions):
    """The options of the check commands: ``--format`` (text or json), ``--kb``,
    ``--no-cache``."""

    format: Annotated[str, format_option(REPORT_FORMATS, "text (FILE:LINE:COL lines) or json.")] = (
        "text"
    )

    def emit(self, view: Any, renderer: Any) -> None:
        """Write ``view`` to stdout in the chosen format with ``renderer``."""
        emit(self.format, view, renderer)


EvidenceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--evidence",
        metavar="KIND",
        help="Use only this evidence: quote, paraphrase, reported, assessment or claim "
        "(repeatable).",
        parser=choice(EVIDENCE, "evidence"),
        show_default=False,
    ),
]
MinReliabilityOption = Annotated[
    str | None,
    typer.Option(
        "--min-reliability",
        metavar="GRADE",
        help="Use only positions whose source is graded GRADE or better (A best; an "
        "ungraded source passes only with F).",
        parser=lambda value: _grade(value),
        show_default=False,
    ),
]
IncludeUnofficialOption = Annotated[
    bool,
    typer.Option(
        "--include-unofficial",
        help="Let statements by speakers who were not official when they spoke (official: "
        "false, or outside their terms of office) count towards stances and shifts.",
        show_default=False,
    ),
]


@dataclass(frozen=True)
class WeighOptions(OptionBundle):
    """Which positions a read command weighs: ``--evidence``, ``--min-reliability`` and
    ``--include-unofficial`` (see the stance rules, :mod:`negotrack.analysis.stance`)."""

    evidence: EvidenceOption = None
    min_reliability: MinReliabilityOption = None
    include_unofficial: IncludeUnofficialOption = False

    def filters(self, *, official_only: bool = False, tags: Sequence[str] = ()) -> Any:
        """These options (and ``official_only``, ``tags``) as the stance rules' filters."""
        from negotrack.analysis.stance import Filters

        return Filters(
            evidence=frozenset(self.evidence or ()),
            min_reliability=self.min_reliability,
            include_unofficial=self.include_unofficial,
            official_only=official_only,
            tags=frozenset(tags),
        )


# Where a bundle's options go among themselves: --format first, --kb and
# --no-cache last, any other in between.
_ORDER = {"format": 0, "kb_path": 2, "no_cache": 3}


def bundled(command: F) -> F:
    """Give ``command`` the options of each option bundle it takes as a parameter.

    The bundle's fields become the command's options (after its own, ``--format``
    first); the command receives the bundle filled in.
    """
    hints = typing.get_type_hints(command, include_extras=True)
    signature = inspect.signature(command)
    parameters: list[inspect.Parameter] = []
    annotations: dict[str, Any] = {}
    bundles: dict[str, tuple[type[Any], list[str]]] = {}
    extra: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        annotation = hints.get(parameter.name, parameter.annotation)
        if isinstance(annotation, type) and issubclass(annotation, OptionBundle):
            fields = typing.get_type_hints(annotation, include_extras=True)
            names = sorted(
                (f.name for f in dataclasses.fields(annotation)),  # type: ignore[arg-type]
                key=lambda n: _ORDER.get(n, 1),
            )
            defaults = {f.name: f.default for f in dataclasses.fields(annotation)}  # type: ignore[arg-type]
            bundles[parameter.name] = (annotation, names)
            for name in names:
                extra.append(
                    inspect.Parameter(
                        name,
                        inspect.Parameter.KEYWORD_ONLY,
                        default=defaults[name],
                        annotation=fields[name],
                    )
                )
                annotations[name] = fields[name]
        else:
            parameters.append(parameter.replace(annotation=annotation))
            annotations[parameter.name] = annotation

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        for name, (bundle, names) in bundles.items():
            kwargs[name] = bundle(**{n: kwargs.pop(n) for n in names})
        return command(**kwargs)

    wrapper.__signature__ = signature.replace(parameters=parameters + extra)  # type: ignore[attr-defined]
    wrapper.__annotations__ = annotations
    return wrapper  # type: ignore[return-value]


def emit(
    format: str,
    view: Any,
    renderer: Any,
    *,
    csv_raw: bool = False,
    color: str = "auto",
    pager: bool = False,
) -> None:
    """Write ``view`` to stdout in ``format`` with a renderer of :mod:`negotrack.render`
    (see :mod:`negotrack.render.formats`); ``csv_raw`` leaves CSV cells that look
    like formulas as they are; ``color`` is ``auto``, ``always`` or ``never`` for
    tables; with ``pager``, a table longer than the terminal goes through a pager."""
    from negotrack.render.formats import Options, render, render_pieces

    options = Options(csv_raw=csv_raw, color=color)
    if pager and format == "table":
        from negotrack.cli.pager import page

        page(render(format, renderer, view, options))
    else:
        for piece in render_pieces(format, renderer, view, options):
            sys.stdout.write(piece)


def handle_errors(command: F) -> F:
    """Run a command body; print library errors as messages and exit with their code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("always", NegotrackWarning)
                previous = warnings.showwarning
                said: set[str] = set()  # a warning met twice (the cache is opened twice) once

                def show(message: Any, category: type[Warning], *rest: Any, **named: Any) -> None:
                    if issubclass(category, NegotrackWarning):
                        if str(message) not in said:
                            said.add(str(message))
                            err(f"negotrack: warning: {message}")
                    else:
                        previous(message, category, *rest, **named)

                warnings.showwarning = show
                return command(*args, **kwargs)
        except InvalidKB as error:
            shown = [p for p in error.problems if p.level == "error"]
            for problem in shown[:MAX_SHOWN]:
                err(str(problem))
            if len(shown) > MAX_SHOWN:
                err(f"... and {len(shown) - MAX_SHOWN} more")
            err(f"negotrack: error: {error.text(option)}; `negotrack validate` lists them all")
            raise typer.Exit(error.exit_code) from None
        except NegotrackError as error:
            err(f"negotrack: error: {error.text(option)}")
            hint = error_hint(error)
            if hint:
                err(f"hint: {hint}")
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


#: The option that selects a record of each kind, for "try …" hints.
_SELECTING = {"actor": "--actor", "person": "--speaker", "issue": "--issue", "source": "--source"}


def error_hint(error: NegotrackError) -> str | None:
    """What to try instead, spelled as this command line's options: for a name that
    belongs to another kind of record, the option or command that takes it."""
    from negotrack.errors import UnknownName

    if not isinstance(error, UnknownName):
        return error.hint
    tries = []
    for other in error.elsewhere:
        if not other.exact:
            continue
        if other.kind == "person":
            tries.append(f"--actor {other.actor} --speaker {other.id}")
            tries.append(f"negotrack show {other.id}")
        elif other.kind in _SELECTING:
            tries.append(f"{_SELECTING[other.kind]} {other.id}")
        if other.kind in ("source", "position"):
            tries.append(f"negotrack cite {other.id}")
        elif other.kind == "document":
            tries.append(f"negotrack plan {other.id}")
    return "try " + ", or ".join(f"`{t}`" for t in dict.fromkeys(tries)) if tries else error.hint


def err(text: str) -> None:
    """Write one diagnostic line to stderr, control characters made visible."""
    sys.stderr.write(visible(text) + "\n")


def out(text: str) -> None:
    """Write text to stdout, control characters made visible."""
    sys.stdout.write(visible(text) + "\n")


def load(
    kb_path: str | None,
    *,
    no_cache: bool = False,
    scope: Callable[[KnowledgeBase], Scope | None] | None = None,
) -> KnowledgeBase:
    """The checked KB for a read command (raises InvalidKB on errors); a
    progress bar on stderr while a large KB is parsed in a terminal."""
    from negotrack.checks.validate import open_kb
    from negotrack.cli.progress import parsing_progress

    with parsing_progress() as progress:
        base = open_kb(kb_path, cache=not no_cache, progress=progress, scope=scope)
    keep_until_exit()
    return base


def keep_until_exit() -> None:
    """Tell the cycle collector that what was loaded lives until the process ends.

    A KB holds millions of objects and no reference cycles; frozen, they are not
    walked again by the collections a command triggers nor by the one at exit.
    """
    import gc

    gc.freeze()
