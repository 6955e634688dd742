"""``negotrack sources`` and ``negotrack cite``: the sources, and each as a reference."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from negotrack.cli.common import KbOptions, ReadOptions, bundled, choice, handle_errors
from negotrack.cli.root import app
from negotrack.errors import UsageError
from negotrack.render.references import STYLES


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
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ID...",
            help="Source ids, or position ids to cite one statement.",
            show_default=False,
        ),
    ] = None,
    all_sources: Annotated[
        bool, typer.Option("--all", help="Every source of the knowledge base.")
    ] = False,
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
    """Print sources, or single statements, as references, from what the knowledge
    base holds and nothing else.

    plain and markdown are ready to paste into a report; bibtex is a biblatex
    @online entry keyed by the id; csl-json is a list of CSL items that Zotero
    and pandoc import. Dates keep their precision (December 2024, not
    1 December 2024); no access date is invented. A source whose day of
    publication is known is typed as a newspaper article, one known only to
    the month or year as a web page.

    A position id cites one statement: who said it, when, in which words (or
    the curator's summary, said to be one), then its source, linked to the
    quoted passage (a #:~:text= link) when there is a quote.

    Examples:

      negotrack cite elpais-2025-03-18

      negotrack cite sibiga-territory-2025-03-17 --style markdown

      negotrack cite --all -s bibtex > refs.bib
    """
    from negotrack.analysis import resolve
    from negotrack.render.references import cite as render

    if all_sources and ids:
        raise UsageError("give ids or --all, not both")
    if not all_sources and not ids:
        raise UsageError("give one or more source or position ids, or --all")
    kb = kb_options.load()
    found = (
        list(kb.sources)
        if all_sources
        else [resolve.find(kb, "sources", name, also=("positions",)) for name in ids or ()]
    )
    sys.stdout.write(render(found, style, kb))
