"""The checking commands: ``validate``, ``schema`` and ``verify-quotes``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from negotrack.cli.common import KbOption, NoCacheOption, handle_errors, load, out
from negotrack.cli.root import app


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
@handle_errors
def validate(
    kb: KbOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings as well as errors.")
    ] = False,
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text (FILE:LINE:COL lines) or json.")
    ] = ReportFormat.text,
    no_cache: NoCacheOption = False,
) -> None:
    """Check the knowledge base like a compiler: every problem, with its place.

    Prints one line per problem, FILE:LINE:COL: error|warning: message, sorted by
    file and line, then a summary. Exits 0 when valid, 1 when not (with --strict,
    warnings count too).

    Examples:

      negotrack validate

      negotrack validate --strict --kb data/positions.yaml

      negotrack validate --format json | jq '.problems[].message'
    """
    from negotrack.checks.validate import check as run_check
    from negotrack.cli.progress import parsing_progress

    with parsing_progress() as progress:
        report = run_check(kb, cache=not no_cache, progress=progress)
    passed = report.ok(strict=strict)
    if format is ReportFormat.json:
        document = {
            "valid": passed,
            "files": report.kb.files,
            "counts": report.kb.counts(),
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "problems": [p.to_dict() for p in report.problems],
        }
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        for problem in report.problems:
            out(str(problem))
        out(_summary(report, strict))
    if not passed:
        raise typer.Exit(1)


def _summary(report: object, strict: bool) -> str:
    from negotrack.checks.validate import Report

    assert isinstance(report, Report)
    counts = ", ".join(_count(n, section) for section, n in report.kb.counts().items())
    errors, warnings = len(report.errors), len(report.warnings)
    if not errors and not warnings:
        verdict = "valid"
    else:
        parts = [_plural(errors, "error")] if errors else []
        if warnings:
            parts.append(_plural(warnings, "warning"))
        verdict = ("valid with " if not errors and not strict else "invalid: ") + ", ".join(parts)
    where = report.kb.files[0] if len(report.kb.files) == 1 else f"{len(report.kb.files)} files"
    return f"{where}: {verdict} ({counts})"


def _count(n: int, section: str) -> str:
    from negotrack.model.records import NOUN

    return f"{n} {NOUN[section] if n == 1 else section}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@app.command()
@handle_errors
def schema(kb: KbOption = None) -> None:
    """Print the JSON Schema of a knowledge-base file, generated from the models.

    Use it for editor completion and checks (yaml-language-server) or with
    check-jsonschema in CI.

    Examples:

      negotrack schema > negotrack.schema.json

      check-jsonschema --schemafile negotrack.schema.json data/positions.yaml

    The schema is the same for every knowledge base: --kb is accepted, like on
    every command, and not read.
    """
    from negotrack.load.schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command("verify-quotes")
@handle_errors
def verify_quotes(
    archive: Annotated[
        Path,
        typer.Option(
            "--archive",
            metavar="DIR",
            help="Folder of plain-text copies of the sources, named <source-id>.txt.",
        ),
    ],
    kb: KbOption = None,
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text or json.")
    ] = ReportFormat.text,
    no_cache: NoCacheOption = False,
) -> None:
    """Check that every quote is in its source, word for word.

    For each position with a quote whose source has an archived text
    DIR/<source-id>.txt, the quote must occur in that text; only differences of
    whitespace and of typographic versus straight quotation marks are ignored.
    Each quote not found is reported as FILE:LINE:COL: error: quote not found in
    <source-id>, with the closest passage of the text; sources without an
    archive file are listed as skipped. Exits 1 if any quote is not found.

    Examples:

      negotrack verify-quotes --archive articles/

      negotrack verify-quotes --archive articles/ --format json
    """
    from negotrack.checks.quotes import verify

    report = verify(load(kb, no_cache=no_cache), archive)
    if format is ReportFormat.json:
        document = {
            "ok": report.ok,
            "checked": report.checked,
            "found": sum(report.found.values()),
            "mismatches": [
                {**p.to_dict(), "closest": report.closest[p]} for p in report.mismatches
            ],
            "skipped": [
                {"source": source, "quotes": count} for source, count in report.skipped.items()
            ],
        }
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        for problem in report.mismatches:
            out(str(problem))
            out(f"    closest passage: {' '.join(report.closest[problem].split())}")
        for source, count in report.skipped.items():
            out(f"skipped: {_plural(count, 'quote')} from '{source}': no {source}.txt in {archive}")
        found = sum(report.found.values())
        out(
            f"{_plural(report.checked, 'quote')} checked: {found} found, "
            f"{len(report.mismatches)} not found; {_plural(len(report.skipped), 'source')} skipped"
        )
    if not report.ok:
        raise typer.Exit(1)
