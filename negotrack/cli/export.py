"""``negotrack export``: the knowledge base as JSON, JSON Lines, CSV or SQLite."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from negotrack.cli.common import CsvRawOption, KbOptions, bundled, format_option, handle_errors
from negotrack.cli.root import app
from negotrack.render.formats import EXPORT_FORMATS


class RecordsChoice(StrEnum):
    positions = "positions"
    provisions = "provisions"


@app.command()
@handle_errors
@bundled
def export(
    format: Annotated[str, format_option(EXPORT_FORMATS, "json, jsonl, csv or sqlite.")] = "json",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="The file to write; without it (or with '-'), json, jsonl and csv go to "
            "stdout. sqlite needs a file.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
    records: Annotated[
        RecordsChoice,
        typer.Option(
            "--records",
            metavar="RECORDS",
            help="What a line of jsonl or a row of csv is: positions, or the documents' "
            "provisions (each with its document).",
        ),
    ] = RecordsChoice.positions,
    csv_raw: CsvRawOption = False,
    *,
    kb_options: KbOptions,
) -> None:
    """Export the knowledge base for other tools.

    json: the whole KB in one document, shaped like a KB file, every field
    present, dates as written (2024-12 stays 2024-12), names next to ids.
    jsonl: one position a line with its source embedded, for jq and pipelines.
    csv: one row a position, with actor, issue, speaker and source columns
    and its range on the issue's scale (acceptable_low, acceptable_high, ideal).
    With --records provisions, jsonl and csv hold the documents' provisions
    instead (plans, drafts, agreements point by point), each with its document.
    sqlite: a database with tables, keys, indexes and a full-text index over
    summaries and quotes (documents, provisions and scale_options included),
    for the sqlite3 shell and Datasette.

    Without --output, json, jsonl and csv are written to stdout, for a pipe.
    A file is written atomically; an existing file is kept unless --force
    is given, and only a regular file is ever replaced (never a link, a pipe
    or a device). The knowledge base must be valid (warnings do not stop it).

    Examples:

      negotrack export --format sqlite --output negotrack.db

      negotrack export -f jsonl | jq -r 'select(.actor == "russia").summary'

      negotrack export --format csv --output positions.csv --force

      negotrack export -f csv --records provisions -o provisions.csv
    """
    from negotrack.render.export import export as write

    write(
        kb_options.load(),
        format,
        output if output is not None else "-",
        force=force,
        stdout=sys.stdout,
        csv_raw=csv_raw,
        records=records.value,
    )
