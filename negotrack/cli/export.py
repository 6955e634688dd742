"""``negotrack export``: the knowledge base as JSON, JSON Lines, CSV or SQLite."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from negotrack.cli.common import CsvRawOption, KbOption, NoCacheOption, handle_errors, load
from negotrack.cli.root import app


class ExportFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"


@app.command()
@handle_errors
def export(
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="json, jsonl, csv or sqlite.")
    ] = ExportFormat.json,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="The file to write; '-' for stdout (not for sqlite).",
            show_default=False,
        ),
    ] = ...,  # type: ignore[assignment]
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
    csv_raw: CsvRawOption = False,
    kb: KbOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Export the knowledge base for other tools.

    json: the whole KB in one document, shaped like a KB file, every field
    present, dates as written (2024-12 stays 2024-12), names next to ids.
    jsonl: one position a line with its source embedded, for jq and pipelines.
    csv: one row a position, with actor, issue, speaker and source columns.
    sqlite: a database with tables, keys, indexes and a full-text index over
    summaries and quotes, for the sqlite3 shell and Datasette.

    The file is written atomically; an existing file is kept unless --force
    is given, and only a regular file is ever replaced (never a link, a pipe
    or a device). The knowledge base must be valid (warnings do not stop it).

    Examples:

      negotrack export --format sqlite --output negotrack.db

      negotrack export -f jsonl -o - | jq -r 'select(.actor == "russia").summary'

      negotrack export --format csv --output positions.csv --force
    """
    from negotrack.render.export import export as write

    knowledge = load(kb, no_cache=no_cache)
    write(knowledge, format.value, output, force=force, stdout=sys.stdout, csv_raw=csv_raw)
