"""The checking commands: ``validate``, ``schema`` and ``verify-quotes``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from negotrack.cli.common import CheckOptions, KbOption, bundled, handle_errors, keep_until_exit
from negotrack.cli.root import app


@app.command()
@handle_errors
@bundled
def validate(
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings as well as errors.")
    ] = False,
    *,
    options: CheckOptions,
) -> None:
    """Check the knowledge base like a compiler: every problem, with its place.

    Prints one line per problem, FILE:LINE:COL: error|warning: message (check),
    sorted by file and line, then a summary. Exits 0 when valid, 1 when not (with --strict,
    warnings count too).

    Examples:

      negotrack validate

      negotrack validate --strict --kb data/positions.yaml

      negotrack validate --format json | jq '.problems[].message'
    """
    from negotrack.checks.validate import summarize
    from negotrack.cli.progress import parsing_progress
    from negotrack.render import reports

    with parsing_progress() as progress:
        report = summarize(options.kb_path, cache=not options.no_cache, progress=progress)
    keep_until_exit()
    view = reports.Validation(report, strict=strict)
    options.emit(view, reports.validation)
    if not view.passed:
        raise typer.Exit(1)


@app.command()
@handle_errors
def schema(kb_path: KbOption = None) -> None:
    """Print the JSON Schema of a knowledge-base file, generated from the models.

    Use it for editor completion and checks (yaml-language-server) or with
    check-jsonschema in CI.

    Examples:

      negotrack schema > negotrack.schema.json

      check-jsonschema --schemafile negotrack.schema.json data/positions.yaml

    The schema is the same for every knowledge base: --kb is accepted, like on
    every command, and not read.
    """
    from negotrack.load.loader import refuse_empty
    from negotrack.load.schema import json_schema
    from negotrack.render.machine import json_text

    refuse_empty(kb_path)  # like every command: an empty path is a mistake, even unread
    sys.stdout.write(json_text(json_schema()))


@app.command("verify-quotes")
@handle_errors
@bundled
def verify_quotes(
    archive: Annotated[
        Path,
        typer.Option(
            "--archive",
            metavar="DIR",
            help="Folder of plain-text copies of the sources, named <source-id>.txt.",
        ),
    ],
    *,
    options: CheckOptions,
) -> None:
    """Check that every quote is in its source, word for word.

    For each position with a quote whose source has an archived text
    DIR/<source-id>.txt, the quote must occur in that text; only differences of
    whitespace and of typographic versus straight quotation marks are ignored.
    Each quote not found is reported as FILE:LINE:COL: error: quote not found in
    <source-id> (quote-archive), with the closest passage of the text; sources without an
    archive file are listed as skipped. Exits 1 if any quote is not found.

    Examples:

      negotrack verify-quotes --archive articles/

      negotrack verify-quotes --archive articles/ --format json
    """
    from negotrack.checks.quotes import verify
    from negotrack.render import reports

    report = verify(options.load(), archive)
    options.emit(reports.QuoteCheck(report, archive), reports.quotes)
    if not report.ok:
        raise typer.Exit(1)
