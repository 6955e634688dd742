"""``negotrack sources`` and ``negotrack cite``: the sources, and each as a reference."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from negotrack.cli.common import KbOptions, ReadOptions, bundled, choice, handle_errors
from negotrack.cli.root import app

#: The citation styles (see :data:`negotrack.render.references.STYLES`).
STYLES = ("plain", "markdown", "bibtex", "csl-json")


@app.command()
@handle_errors
@bundled
def sources(
    unused: Annotated[
        bool, typer.Option("--unused", help="Only the sources no position cites.")
    ] = False,
    *,
    read: ReadOptions,
) -> None:
    """List the sources, with their grade and how many positions cite each.

    In order of publication: id, publisher, title, publication date,
    reliability grade (Admiralty A-F) and the number of positions citing each.

    Examples:

      negotrack sources

      negotrack sources --unused

      negotrack sources --format csv > sources.csv
    """
    from negotrack.analysis.sources import source_list
    from negotrack.render import sources as renderer

    read.emit(source_list(read.load(), unused=unused), renderer)


@app.command()
@handle_errors
@bundled
def cite(
    sources: Annotated[
        list[str], typer.Argument(metavar="SOURCE_ID", help="One or more source ids.")
    ],
    style: Annotated[
        str,
        typer.Option(
            "--style",
            "-s",
            metavar="STYLE",
            help="plain, markdown, bibtex (biblatex @online) or csl-json.",
            parser=choice(STYLES, "style"),
        ),
    ] = "plain",
    *,
    kb_options: KbOptions,
) -> None:
    """Print sources as references, from what the knowledge base holds and nothing else.

    plain and markdown are ready to paste into a report; bibtex is a biblatex
    @online entry keyed by the source id; csl-json is a list of CSL items that
    Zotero and pandoc import. Dates keep their precision (December 2024, not
    1 December 2024); no access date is invented. A source whose day of
    publication is known is typed as a newspaper article, one known only to
    the month or year as a web page.

    Examples:

      negotrack cite elpais-2025-03-18

      negotrack cite elpais-2025-03-18 kyivpost-2025-03-16 -s bibtex >> refs.bib

      negotrack cite republicaninformer-2024-12 --style csl-json > refs.json
    """
    from negotrack.analysis import resolve
    from negotrack.render.references import cite as render

    kb = kb_options.load()
    sys.stdout.write(render([resolve.source(kb, name) for name in sources], style))
