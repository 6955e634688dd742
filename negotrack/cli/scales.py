"""The commands on scales and documents: ``zone``, ``plans``, ``plans compare`` and ``plan``.

Each parses its options, calls one library function (:mod:`negotrack.analysis.zone`,
:mod:`negotrack.analysis.plans`) and hands the result to its renderer.
"""

from __future__ import annotations

from typing import Annotated

import typer

from negotrack.cli.common import ReadOptions, WeighOptions, bundled, handle_errors
from negotrack.cli.read import ActorsOption, AsOfOption, OfficialOption
from negotrack.cli.root import app


@app.command()
@handle_errors
@bundled
def zone(
    issue: Annotated[
        str, typer.Argument(metavar="ISSUE", help="An issue with a scale: id or name.")
    ],
    actor: ActorsOption = None,
    as_of: AsOfOption = None,
    history: Annotated[
        bool,
        typer.Option("--history", help="Every date on which the zone or the gap changed."),
    ] = False,
    official_only: OfficialOption = False,
    *,
    weigh: WeighOptions,
    read: ReadOptions,
) -> None:
    """How far apart, and where a deal could land: each actor's range on an issue's scale.

    The scale orders the issue's answers from "no" (1) to "yes". Each actor's
    range comes from the positions its current stance rests on, under the
    stance rules of `show` (own words before assessments; claims and
    unofficial speakers do not count; --evidence, --min-reliability and
    --include-unofficial as there); several ranges at the latest date
    intersect, and an empty intersection is 'mixed' and left out of the
    zone. The zone of possible agreement is the options inside every range;
    without one, the gap is the number of steps between the highest low end
    and the lowest high end, and the actors that set them bind it. Each range
    cites the positions it rests on; ranges resting on an assessment and
    standing red lines are marked.

    Examples:

      negotrack zone donbas

      negotrack zone nato-membership --actor ukraine --actor russia --as-of 2025-03

      negotrack zone donbas --history --format json
    """
    from negotrack.analysis.zone import zone as build
    from negotrack.render import zone as renderer

    view = build(
        read.load(),
        issue,
        actors=actor or (),
        as_of=as_of,
        official_only=official_only,
        history=history,
        filters=weigh.filters(),
    )
    read.emit(view, renderer)


plans_app = typer.Typer(
    no_args_is_help=False,
    invoke_without_command=True,
)
app.add_typer(plans_app, name="plans")


@plans_app.callback()
@handle_errors
@bundled
def plans(
    context: typer.Context,
    *,
    read: ReadOptions,
) -> None:
    """The documents: peace plans, proposals, drafts and signed texts, oldest first.

    Each with its date, id, title, kind, authors, number of points and the
    document it revises. `negotrack plan DOC` shows one point by point;
    `negotrack plans compare A B` compares two. Where the terminal is too
    narrow for the table to keep every id whole, each document is a block of
    lines instead.

    Examples:

      negotrack plans

      negotrack plans --kb tests/kbs/scales.yaml --format json
    """
    if context.invoked_subcommand is not None:
        return
    from negotrack.analysis.plans import plans as build
    from negotrack.render import plans as renderer

    read.emit(build(read.load()), renderer)


@plans_app.command()
@handle_errors
@bundled
def compare(
    a: Annotated[str, typer.Argument(metavar="DOC1", help="First document: id or title.")],
    b: Annotated[str, typer.Argument(metavar="DOC2", help="Second document: id or title.")],
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when the documents differ on any issue."),
    ] = False,
    *,
    read: ReadOptions,
) -> None:
    """Compare two documents issue by issue: same, changed, only-a, only-b.

    The provisions of each document are aligned by issue (tree order). An issue
    is 'same' when both give the same options and stances, 'changed' when they
    differ (both shown), 'only-a' or 'only-b' when one document says nothing
    on it. A summary count follows. Where the terminal is too narrow for the
    table to keep every word whole, each issue is a block of lines instead.

    Examples:

      negotrack plans compare midtown-plan midtown-plan-2 --kb tests/kbs/scales.yaml

      negotrack plans compare DOC1 DOC2 --exit-code --format json
    """
    from negotrack.analysis.plans import compare as build
    from negotrack.render import compare as renderer

    view = build(read.load(), a, b)
    read.emit(view, renderer)
    if exit_code and view.differs:
        raise typer.Exit(1)


@app.command()
@handle_errors
@bundled
def plan(
    document: Annotated[str, typer.Argument(metavar="DOC", help="The document: id or title.")],
    as_of: AsOfOption = None,
    official_only: OfficialOption = False,
    *,
    weigh: WeighOptions,
    read: ReadOptions,
) -> None:
    """One document point by point, and whether each point is acceptable to each actor.

    Provisions in issue-tree order, each with its words (the document's, when
    the KB has them, else a summary), the option or stance it gives, and for
    every actor with a current stance on the issue: acceptable (inside its
    range, or the same stance), unacceptable (outside, or the opposite stance;
    RED LINE when the actor's red line stands) or unknown, with citations.
    Where the terminal is too narrow for the table to keep every word whole,
    each provision is a block of lines instead.

    Examples:

      negotrack plan midtown-plan --kb tests/kbs/scales.yaml

      negotrack plan DOC --as-of 2025-11-21 --format markdown
    """
    from negotrack.analysis.plans import plan as build
    from negotrack.render import plan as renderer

    view = build(
        read.load(),
        document,
        as_of=as_of,
        official_only=official_only,
        filters=weigh.filters(),
    )
    read.emit(view, renderer)
