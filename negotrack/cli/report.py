"""``negotrack report`` (a static HTML site) and ``negotrack brief`` (what changed)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from negotrack.cli.common import KbOption, NoCacheOption, handle_errors, load
from negotrack.cli.read import ActorsOption, AsOfOption, IssueOption, _date
from negotrack.cli.root import app
from negotrack.errors import OutputExists
from negotrack.model.dates import PartialDate


@app.command()
@handle_errors
def report(
    output: Annotated[
        Path,
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
    kb: KbOption = None,
    no_cache: NoCacheOption = False,
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

    knowledge = load(kb, no_cache=no_cache)
    options = ReportOptions(as_of, tuple(actor or ()), tuple(issue or ()), title)
    pages = build_site(knowledge, options, _kb_label(knowledge))
    try:
        write_site(pages, output, replace=force)
    except OutputExists as error:
        raise OutputExists(f"{error.message}; use --force to write into it") from None
    sys.stdout.write(f"{output}: wrote {len(pages)} files; open {output / 'index.html'}\n")


def _kb_label(knowledge: object) -> str:
    files = getattr(knowledge, "files", [])
    return ", ".join(files) if files else "the knowledge base"


class BriefFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    json = "json"
    table = "table"


@app.command()
@handle_errors
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
    format: Annotated[
        BriefFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            case_sensitive=False,
            help="markdown (to paste), html (one page), json or table.",
        ),
    ] = BriefFormat.markdown,
    kb: KbOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """What changed in a period, every item cited: new positions, shifts, red lines
    drawn or lifted, stances that became mixed, events and new documents.

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
    knowledge = load(kb, no_cache=no_cache)
    if since_rev is not None:
        _recorded(knowledge, kb, since_rev, format)
        return
    assert since is not None
    from negotrack.analysis.brief import brief as build
    from negotrack.render import brief as renderer

    view = build(knowledge, since, until)
    if format is BriefFormat.table:
        from negotrack.render.terminal import make_console

        text = renderer.to_table(view, make_console())
    else:
        text = getattr(renderer, f"to_{format.value}")(view)
    sys.stdout.write(text)


def _recorded(knowledge: object, kb: str | None, revision: str, format: BriefFormat) -> None:
    from negotrack.analysis.brief import recorded
    from negotrack.errors import InvalidKB, UsageError
    from negotrack.load.loader import locate
    from negotrack.load.revision import load_revision
    from negotrack.render import brief as renderer

    earlier, problems = load_revision(locate(kb), revision)
    if any(p.level == "error" for p in problems):
        raise InvalidKB(problems)
    view = recorded(knowledge, earlier, revision)  # type: ignore[arg-type]
    if format is BriefFormat.json:
        sys.stdout.write(renderer.recorded_json(view))
    elif format is BriefFormat.table:
        from negotrack.render.terminal import make_console

        sys.stdout.write(renderer.recorded_table(view, make_console()))
    elif format is BriefFormat.markdown:
        sys.stdout.write(renderer.recorded_markdown(view))
    else:
        raise UsageError("--since-rev gives markdown, json or table")
