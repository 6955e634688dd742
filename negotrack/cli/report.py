"""``negotrack report`` (a static HTML site) and ``negotrack brief`` (what changed)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from negotrack.cli.common import BriefOptions, KbOptions, bundled, handle_errors
from negotrack.cli.read import ActorsOption, AsOfOption, IssueOption, _date
from negotrack.cli.root import app
from negotrack.errors import Field, OutputExists
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase


@app.command()
@handle_errors
@bundled
def report(
    output: Annotated[
        str,  # not Path: typer would read an empty --output '' as '.', the current folder
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="The directory to write the site into.",
            show_default=False,
        ),
    ],
    as_of: AsOfOption = None,
    actor: ActorsOption = None,
    issue: IssueOption = None,
    title: Annotated[
        str, typer.Option("--title", metavar="TEXT", help="The site's title.")
    ] = "Negotiating positions",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write into a directory that is not empty (files of an earlier report "
            "that this one does not write are removed; nothing else is touched).",
        ),
    ] = False,
    *,
    kb_options: KbOptions,
) -> None:
    """Write a static HTML report: the matrix, a page per actor, issue and document,
    a timeline picture and the references.

    Plain HTML and CSS that open from the file system: no script, nothing
    fetched from the network. Every cell links to its evidence, every
    position has a stable anchor (actor-ACTOR.html#pos-ID) and every citation
    links to its reference. The same KB and options give byte-identical files.

    Examples:

      negotrack report --output site

      negotrack report -o site --as-of 2025-03-31 --actor ukraine --actor russia --force
    """
    from negotrack.render.html.output import write_site
    from negotrack.render.html.site import ReportOptions, build_site

    kb = kb_options.load()
    options = ReportOptions(as_of, tuple(actor or ()), tuple(issue or ()), title)
    pages = build_site(kb, options, _kb_label(kb))
    try:
        write_site(pages, output, replace=force)
    except OutputExists as error:
        raise OutputExists(*error.parts, "; use ", Field("force"), " to write into it") from None
    sys.stdout.write(f"{output}: wrote {len(pages)} files; open {Path(output) / 'index.html'}\n")


def _kb_label(kb: KnowledgeBase) -> str:
    if kb.path:
        return kb.path + (" (bundled)" if kb.bundled else "")
    return ", ".join(kb.files) if kb.files else "the knowledge base"


@app.command()
@handle_errors
@bundled
def brief(
    since: Annotated[
        PartialDate | None,
        typer.Option(
            "--since",
            metavar="DATE",
            parser=_date,
            show_default=False,
            help="The period's first day (YYYY, YYYY-MM or YYYY-MM-DD).",
        ),
    ] = None,
    until: Annotated[
        PartialDate | None,
        typer.Option(
            "--until",
            metavar="DATE",
            parser=_date,
            show_default=False,
            help="The period's last day (default: everything after --since).",
        ),
    ] = None,
    since_rev: Annotated[
        str | None,
        typer.Option(
            "--since-rev",
            metavar="REV",
            show_default=False,
            help="Instead: what was recorded since this git revision of the KB's repository.",
        ),
    ] = None,
    *,
    options: BriefOptions,
) -> None:
    """What changed in a period, every item cited: new positions, shifts, red lines
    drawn or lifted, stances that became mixed, zones that moved, events and new documents.

    Statement dates keep their precision: a position dated 2025-03 belongs to a
    brief from 2025-03-15 and is marked "possibly earlier". --since-rev REV
    answers a different question, what was recorded (added, changed or removed
    in the files) since a git revision, read with `git show`.

    Examples:

      negotrack brief --since 2025-03-10 --until 2025-03-16

      negotrack brief --since 2025-08 --format html > brief.html

      negotrack brief --since-rev HEAD~1 --format json
    """
    from negotrack.errors import UsageError

    if (since is None) == (since_rev is None):
        raise UsageError("give --since DATE (what was said) or --since-rev REV (what was recorded)")
    kb = options.load()
    if since_rev is not None:
        _recorded(kb, options, since_rev)
        return
    assert since is not None
    from negotrack.analysis.brief import brief as build
    from negotrack.render import brief as renderer

    options.emit(build(kb, since, until), renderer)


def _recorded(kb: KnowledgeBase, options: BriefOptions, revision: str) -> None:
    from negotrack.analysis.brief import recorded
    from negotrack.errors import InvalidKB, UsageError
    from negotrack.load.loader import locate
    from negotrack.load.revision import load_revision
    from negotrack.render import brief as renderer

    if options.format == "html":
        raise UsageError("--since-rev gives markdown, json or table")
    earlier, problems = load_revision(locate(options.kb_path), revision)
    if any(p.level == "error" for p in problems):
        raise InvalidKB(problems)
    options.emit(recorded(kb, earlier, revision), renderer.recorded)
