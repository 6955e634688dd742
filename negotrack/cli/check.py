"""``negotrack validate`` and ``negotrack schema``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from .app import app
from .common import KbOption, NoCacheOption, handle_errors, out


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
    from ..validate import check as run_check
    from .progress import parsing_progress

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
    from ..validate import Report

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
    from ..model import NOUN

    return f"{n} {NOUN[section] if n == 1 else section}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@app.command()
@handle_errors
def schema() -> None:
    """Print the JSON Schema of a knowledge-base file, generated from the models.

    Use it for editor completion and checks (yaml-language-server) or with
    check-jsonschema in CI.

    Examples:

      negotrack schema > negotrack.schema.json

      check-jsonschema --schemafile negotrack.schema.json data/positions.yaml
    """
    from ..schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
