"""The read commands: ``show``, ``filter``, ``diff``, ``timeline`` and ``matrix``.

Each parses its options, calls one library function (:mod:`negotrack.analysis`
or :mod:`negotrack.analysis.query`) and hands the result to its renderer in
:mod:`negotrack.render`. Nothing heavy is imported until a command runs.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from negotrack.cli.common import (
    ReadOptions,
    TimelineOptions,
    WeighOptions,
    bundled,
    handle_errors,
)
from negotrack.cli.root import app
from negotrack.model.dates import PartialDate
from negotrack.model.records import FIRMNESS, STANCES

StanceChoice = StrEnum("StanceChoice", [(s, s) for s in STANCES])  # type: ignore[misc]
FirmnessChoice = StrEnum("FirmnessChoice", [(f, f) for f in FIRMNESS])  # type: ignore[misc]


class SortChoice(StrEnum):
    date = "date"
    actor = "actor"
    issue = "issue"


def _option(*names: str, metavar: str, help: str, **options: Any) -> Any:
    """An option that filters: no default to show (without it, nothing is left out)."""
    return typer.Option(*names, metavar=metavar, help=help, show_default=False, **options)


def _date(value: str) -> PartialDate:
    try:
        return PartialDate.parse(value.strip())
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def _date_option(*names: str, help: str) -> Any:
    return _option(*names, metavar="DATE", help=help, parser=_date)


AsOfOption = Annotated[
    PartialDate | None,
    _date_option(
        "--as-of",
        help="The KB as it stood then: leave out positions certainly after DATE "
        "(YYYY, YYYY-MM or YYYY-MM-DD; a 2025-03 position counts as of 2025-03-15).",
    ),
]
SinceOption = Annotated[
    PartialDate | None,
    _date_option("--since", help="Leave out what is certainly before DATE."),
]
UntilOption = Annotated[
    PartialDate | None,
    # --as-of too, as the other views spell it: a list ends where the KB then stood.
    _date_option(
        "--until",
        "--as-of",
        help="Leave out what is certainly after DATE (2025-03 counts until 2025-03-15); "
        "--as-of is the same.",
    ),
]
IssueOption = Annotated[
    list[str] | None,
    _option(
        "--issue",
        "-i",
        metavar="ISSUE",
        help="Only this issue and its subtree (id or name; repeatable).",
    ),
]
ActorsOption = Annotated[
    list[str] | None,
    _option(
        "--actor", "-a", metavar="ACTOR", help="Only this actor (id, name or alias; repeatable)."
    ),
]
OfficialOption = Annotated[
    bool,
    typer.Option(
        "--official-only",
        help="Leave out statements by speakers who were not official when they spoke "
        "(official: false, or outside their terms of office).",
        show_default=False,
    ),
]
TagOption = Annotated[
    list[str] | None,
    _option("--tag", metavar="TAG", help="Only positions with this tag (repeatable)."),
]


@app.command()
@handle_errors
@bundled
def show(
    actor: Annotated[
        list[str],
        typer.Argument(
            metavar="ACTOR|PERSON",
            help="The actor, or a person: id, name or alias (any case; quotes optional).",
        ),
    ],
    issue: IssueOption = None,
    as_of: AsOfOption = None,
    history: Annotated[
        bool,
        typer.Option("--history", help="Every position per issue in date order, shifts marked."),
    ] = False,
    official_only: OfficialOption = False,
    *,
    weigh: WeighOptions,
    read: ReadOptions,
) -> None:
    """Where one actor (or person) stands: the card, then the current stance on each
    issue, cited.

    One row per issue (tree order, sub-issues indented) with the current stance:
    the actor's own latest positions ('mixed' when they disagree), or its
    latest assessments when it has none; claims and unofficial speakers do not
    count, newer assessments are listed beneath, and a standing red line is
    noted. With --issue, stances inherited from a parent issue are listed too.
    Each row gives firmness, date, summary, quote, speaker, evidence and a numbered
    citation; the reference list follows. Given a person, only their own
    statements count.

    Examples:

      negotrack show russia

      negotrack show putin --history

      negotrack show united states --issue nato

      negotrack show USA --issue territory --as-of 2025-03-15

      negotrack show kyiv --history --format markdown > ukraine.md
    """
    from negotrack.analysis.show import kept_scope, needs
    from negotrack.analysis.show import show as actor_view
    from negotrack.render import show as renderer

    name = " ".join(actor)
    view = actor_view(
        read.load(
            lambda kb: kept_scope(
                kb,
                needs(kb, name, issue or ()),
                name,
                as_of=as_of,
                official_only=official_only,
                history=history,
                filters=weigh.filters(),
            )
        ),
        name,
        issues=issue or (),
        as_of=as_of,
        official_only=official_only,
        history=history,
        filters=weigh.filters(),
    )
    read.emit(view, renderer)


@app.command("filter")
@handle_errors
@bundled
def filter_(
    actor: ActorsOption = None,
    issue: IssueOption = None,
    stance: Annotated[
        list[StanceChoice] | None,
        _option(
            "--stance",
            "-s",
            metavar="STANCE",
            help="Only this stance: support, oppose, conditional or ambiguous (repeatable).",
        ),
    ] = None,
    speaker: Annotated[
        list[str] | None,
        _option(
            "--speaker",
            metavar="PERSON",
            help="Only statements by this person (id, name or alias; repeatable).",
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        _option(
            "--source", metavar="SOURCE", help="Only positions citing this source id (repeatable)."
        ),
    ] = None,
    tag: TagOption = None,
    firmness: Annotated[
        list[FirmnessChoice] | None,
        _option(
            "--firmness",
            metavar="FIRMNESS",
            help="Only this firmness: red-line, firm or flexible (repeatable).",
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    text: Annotated[
        str | None,
        _option(
            "--text",
            "-t",
            metavar="TEXT",
            help="Only positions whose summary, quote, conditions, note, via, speaker's name "
            "or source's publisher or title contain TEXT (any case).",
        ),
    ] = None,
    official_only: OfficialOption = False,
    sort: Annotated[
        SortChoice,
        typer.Option(
            "--sort",
            metavar="ORDER",
            help="date, actor (in KB order, then date) or issue (tree order, then date).",
        ),
    ] = SortChoice.date,
    limit: Annotated[
        int | None,
        _option("--limit", "-n", metavar="N", help="At most N positions.", min=1),
    ] = None,
    *,
    weigh: WeighOptions,
    read: ReadOptions,
) -> None:
    """List the positions matching every option given (all positions without options).

    Options of one kind widen the selection (--actor us --actor eu: either);
    options of different kinds narrow it. --issue covers the issue's subtree.

    Examples:

      negotrack filter --actor russia --issue territory

      negotrack filter --stance oppose --firmness red-line --format json

      negotrack filter --text crimea --since 2025-03 --sort actor --format csv
    """
    from negotrack.analysis.query import Query, find, listing_scope, needs, query
    from negotrack.model.kb import KnowledgeBase, Scope
    from negotrack.render import listing as renderer

    def asked(kb: KnowledgeBase) -> Query:
        return query(
            kb,
            actors=actor or (),
            issues=issue or (),
            speakers=speaker or (),
            sources=source or (),
            evidence=weigh.evidence or (),
            stances=[s.value for s in stance or ()],
            firmness=[f.value for f in firmness or ()],
            since=since,
            until=until,
            text=text,
            official_only=official_only,
            tags=tag or (),
            min_reliability=weigh.min_reliability,
            include_unofficial=weigh.include_unofficial,
        )

    def scope(kb: KnowledgeBase) -> Scope | None:
        found = needs(
            kb,
            actors=actor or (),
            issues=issue or (),
            speakers=speaker or (),
            sources=source or (),
            text=text,
        )
        if read.format != "json":  # the other formats read the positions
            return found
        return listing_scope(kb, asked(kb), found, sort=sort.value, limit=limit)

    kb = read.load(scope)
    read.emit(find(kb, asked(kb), sort=sort.value, limit=limit), renderer)


@app.command()
@handle_errors
@bundled
def diff(
    actors: Annotated[
        list[str],
        typer.Argument(
            metavar="A B",
            help="Two actors: id, name or alias. Quote a name of several words where it "
            'could be split more than one way ("united states" russia).',
        ),
    ],
    issue: IssueOption = None,
    as_of: AsOfOption = None,
    conflicts_only: Annotated[
        bool, typer.Option("--conflicts-only", help="Show only the issues in conflict.")
    ] = False,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when there is any conflict (like git diff)."),
    ] = False,
    official_only: OfficialOption = False,
    *,
    weigh: WeighOptions,
    read: ReadOptions,
) -> None:
    """Where two actors agree and clash: current stances side by side, per issue.

    Stances follow the stance rules (see the README): the actor's own words
    outrank assessments, claims and unofficial speakers do not count, red lines
    stand until a later position lifts them, an oppose on a parent issue
    applies to its children. Rows whose sides are over 180 days apart are stale.

    Relations: agree (both support or both oppose), conflict (one supports, the
    other opposes; flagged RED LINE when either side's red line stands),
    partial (either side conditional), unclear (either side ambiguous or mixed;
    checked before partial), only-a / only-b (one side has no position).

    Examples:

      negotrack diff ukraine us --issue territory

      negotrack diff kyiv moscow --conflicts-only

      negotrack diff united states russia --issue nato

      negotrack diff ukraine us --exit-code --format json > diff.json
    """
    from negotrack.analysis import resolve
    from negotrack.analysis.diff import diff as compare
    from negotrack.analysis.diff import kept_scope, needs
    from negotrack.render import diff as renderer

    kb = read.load(
        lambda kb: kept_scope(
            needs(kb, actors, issue or ()),
            as_of=as_of,
            official_only=official_only,
            filters=weigh.filters(),
        )
    )
    a, b = resolve.pair(kb, "actors", actors)
    view = compare(
        kb,
        a,
        b,
        issues=issue or (),
        as_of=as_of,
        official_only=official_only,
        conflicts_only=conflicts_only,
        filters=weigh.filters(),
    )
    read.emit(view, renderer)
    if exit_code and view.conflicts:
        raise typer.Exit(1)


@app.command()
@handle_errors
@bundled
def timeline(
    actor: ActorsOption = None,
    issue: IssueOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    shifts_only: Annotated[
        bool,
        typer.Option("--shifts-only", help="Only positions that shift from the previous one."),
    ] = False,
    tag: TagOption = None,
    official_only: OfficialOption = False,
    *,
    weigh: WeighOptions,
    read: TimelineOptions,
) -> None:
    """Positions and events in date order, with shifts marked.

    A position whose stance differs from the same actor's previous position on
    the same issue is a shift: full (support <-> oppose) or half (to or from
    conditional or ambiguous). The previous position is the latest one
    certainly said before: positions on the same or overlapping dates, and
    undated ones known only as reported, are not ordered and never shift.
    Events (meetings, calls, summits) appear as landmarks; with --actor, those
    the actor took part in.

    Examples:

      negotrack timeline --actor us --issue territory

      negotrack timeline --since 2025-03 --until 2025-03-31

      negotrack timeline --shifts-only --format json

      negotrack timeline --actor russia --format svg > russia.svg
    """
    from negotrack.analysis.timeline import listing_scope, needs
    from negotrack.analysis.timeline import timeline as build
    from negotrack.model.kb import KnowledgeBase, Scope
    from negotrack.render import timeline as renderer

    options: dict[str, Any] = {
        "actors": actor or (),
        "issues": issue or (),
        "since": since,
        "until": until,
        "shifts_only": shifts_only,
        "official_only": official_only,
        "filters": weigh.filters(tags=tag or ()),
    }

    def scope(kb: KnowledgeBase) -> Scope | None:
        found = needs(kb, actor or (), issue or ())
        if read.format != "json":  # the other formats read the positions
            return found
        return listing_scope(kb, found, **options)

    read.emit(build(read.load(scope), **options), renderer)


@app.command()
@handle_errors
@bundled
def matrix(
    issue: IssueOption = None,
    as_of: AsOfOption = None,
    actor: ActorsOption = None,
    official_only: OfficialOption = False,
    *,
    weigh: WeighOptions,
    read: ReadOptions,
) -> None:
    """The whole picture: every actor's current stance on every issue.

    Actors are columns, issues rows (tree order). Each cell shows the current
    stance as a mark and a word (✓ support, ✗ oppose, ◇ conditional,
    ? ambiguous, ◐ mixed; the word coloured in a terminal) and, apart, the
    number of the actor's positions on the issue that count: ✗ oppose (7).
    ↑ marks an oppose inherited from a parent issue, * a stance resting on
    assessments only, ! a red line that stands. Where the terminal is narrow
    the word is left out (✗ (7), then ✗ 7) and actors are shown by their
    shortest alias; a legend says what is shown. When the actors still do not
    fit side by side they are shared among several tables, one under another.

    Examples:

      negotrack matrix

      negotrack matrix --issue territory --as-of 2025-03-15

      negotrack matrix --actor us --actor russia --format markdown
    """
    from negotrack.analysis.matrix import matrix as build
    from negotrack.render import matrix as renderer

    view = build(
        read.load(),
        actors=actor or (),
        issues=issue or (),
        as_of=as_of,
        official_only=official_only,
        filters=weigh.filters(),
    )
    read.emit(view, renderer)
