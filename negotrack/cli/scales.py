"""The commands on scales and documents: ``zone``, ``plans``, ``plans compare`` and ``plan``.

Each parses its options, calls one library function (:mod:`negotrack.analysis.zone`,
:mod:`negotrack.analysis.plans`) and hands the result to its renderer.
"""

from __future__ import annotations

from typing import Annotated

import typer

from negotrack.cli.common import (
    CsvRawOption,
    Format,
    FormatOption,
    KbOption,
    NoCacheOption,
    emit,
    handle_errors,
    load,
)
from negotrack.cli.read import ActorsOption, AsOfOption, OfficialOption
from negotrack.cli.root import app


@app.command()
@handle_errors
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
    format: FormatOption = Format.table,
    csv_raw: CsvRawOption = False,
    kb: KbOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """How far apart, and where a deal could land: each actor's range on an issue's scale.

    The scale orders the issue's answers from "no" (1) to "yes". Each actor's
    range comes from its current positions (the same as `show`); several
    ranges at the latest date intersect, and an empty intersection is 'mixed'
    and left out of the zone. The zone of possible agreement is the options
    inside every range; without one, the gap is the number of steps between
    the highest low end and the lowest high end, and the actors that set them
    bind it. Each range cites the positions it rests on; ranges resting on an
    assessment and standing red lines are marked.

    Examples:

      negotrack zone donbas

      negotrack zone nato-membership --actor ukraine --actor russia --as-of 2025-03

      negotrack zone donbas --history --format json
    """
    from negotrack.analysis.zone import zone as build
    from negotrack.render import zone as renderer

    view = build(
        load(kb, no_cache=no_cache),
        issue,
        actors=actor or (),
        as_of=as_of,
        official_only=official_only,
        history=history,
    )
    emit(format, view, renderer, csv_raw=csv_raw)
