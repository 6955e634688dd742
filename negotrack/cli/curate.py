"""``negotrack add``: record a new position, safely."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from negotrack.cli.common import POSITION_OPTIONS, KbOption, err, handle_errors, option, out
from negotrack.cli.root import app
from negotrack.errors import Field

_POSITION = "Position"
_SOURCE = "New source"
_WRITE = "Where and how"


def _opt(
    name: str, help: str, panel: str = _POSITION, metavar: str = "TEXT"
) -> typer.models.OptionInfo:
    return typer.Option(name, help=help, rich_help_panel=panel, metavar=metavar, show_default=False)


@app.command()
@handle_errors
def add(
    actor: Annotated[
        str | None, _opt("--actor", "Actor: id, name or alias.", metavar="NAME")
    ] = None,
    issue: Annotated[str | None, _opt("--issue", "Issue: id or name.", metavar="NAME")] = None,
    stance: Annotated[
        str | None,
        _opt("--stance", "support, oppose, conditional or ambiguous.", metavar="STANCE"),
    ] = None,
    summary: Annotated[str | None, _opt("--summary", "One sentence, in your words.")] = None,
    source: Annotated[
        str | None,
        _opt("--source", "Id of the source; a new id with the --source-* options.", metavar="ID"),
    ] = None,
    evidence: Annotated[
        str | None,
        _opt("--evidence", "quote, paraphrase, reported or assessment.", metavar="KIND"),
    ] = None,
    quote: Annotated[str | None, _opt("--quote", "The speaker's words, verbatim.")] = None,
    speaker: Annotated[
        str | None, _opt("--speaker", "Person: id, name or alias.", metavar="NAME")
    ] = None,
    date: Annotated[
        str | None, _opt("--date", "When it was said: YYYY, YYYY-MM or YYYY-MM-DD.", metavar="DATE")
    ] = None,
    firmness: Annotated[
        str | None, _opt("--firmness", "red-line, firm or flexible.", metavar="FIRMNESS")
    ] = None,
    condition: Annotated[list[str] | None, _opt("--condition", "A condition (repeatable).")] = None,
    via: Annotated[str | None, _opt("--via", "Who reported or assessed it.")] = None,
    credibility: Annotated[
        str | None, _opt("--credibility", "Information grade, 1 to 6.", metavar="N")
    ] = None,
    tag: Annotated[list[str] | None, _opt("--tag", "A label (repeatable).")] = None,
    note: Annotated[str | None, _opt("--note", "Your caveats.")] = None,
    id: Annotated[
        str | None, _opt("--id", "Id of the position (default: generated).", metavar="ID")
    ] = None,
    from_file: Annotated[
        str | None,
        _opt("--from", "Read the position from a YAML mapping ('-': stdin).", _POSITION, "FILE"),
    ] = None,
    source_title: Annotated[str | None, _opt("--source-title", "Title.", _SOURCE)] = None,
    source_publisher: Annotated[
        str | None, _opt("--source-publisher", "Publisher.", _SOURCE)
    ] = None,
    source_url: Annotated[str | None, _opt("--source-url", "http(s) URL.", _SOURCE, "URL")] = None,
    source_published: Annotated[
        str | None, _opt("--source-published", "Publication date.", _SOURCE, "DATE")
    ] = None,
    source_author: Annotated[str | None, _opt("--source-author", "Author.", _SOURCE)] = None,
    source_reliability: Annotated[
        str | None, _opt("--source-reliability", "Grade A to F.", _SOURCE, "GRADE")
    ] = None,
    file: Annotated[
        str | None,
        _opt(
            "--file", "Directory KB: the file to add to (default: most positions).", _WRITE, "NAME"
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Print what would be added and check it; write nothing.",
            rich_help_panel=_WRITE,
        ),
    ] = False,
    kb_path: KbOption = None,
) -> None:
    """Add a position to the knowledge base, checked and written safely.

    The position is appended after the last entry of the file's positions
    list, in the file's own indentation; every other byte of the file stays as
    it was. Actor, issue and speaker accept any name or alias and are stored
    as ids. Without --id, one is generated: <speaker or actor>-<issue>-<date>,
    then -2, -3. A new source (--source with the --source-* options) is added
    to the same file's sources in the same write.

    The whole knowledge base is checked as it would be after the write, with
    every check of `negotrack validate`. On any error nothing is written, the
    problems are listed (those in the new entry name the option that caused
    them) and the exit code is 1; warnings are listed but do not block. The
    write is atomic, under one lock per knowledge base, so concurrent adds all
    land; a read-only or hard-linked file is refused rather than replaced.

    Prints the id of the new position, and nothing else: id=$(negotrack add ...).

    Examples:

      negotrack add --actor usa --issue territory --stance support
        --evidence quote --speaker trump --date 2025-03-16
        --source dailycourier-2025-03-17
        --summary "Trump said land would be on the table."
        --quote "We’ll be talking about land."

      negotrack add --from position.yaml --dry-run

      negotrack add --from - --kb data/ --file 2025.yaml < position.yaml
    """
    from negotrack.curate.add import add as add_entry
    from negotrack.curate.entry import from_options, from_yaml, missing_fields
    from negotrack.errors import UsageError

    new_source = {
        "title": source_title,
        "publisher": source_publisher,
        "url": source_url,
        "published": source_published,
        "author": source_author,
        "reliability": source_reliability,
    }
    values = {
        "id": id,
        "actor": actor,
        "issue": issue,
        "stance": stance,
        "summary": summary,
        "source": source,
        "evidence": evidence,
        "quote": quote,
        "speaker": speaker,
        "date": date,
        "firmness": firmness,
        "conditions": condition or [],
        "via": via,
        "credibility": credibility,
        "tags": tag or [],
        "note": note,
    }
    if from_file is not None:
        given = [POSITION_OPTIONS[k] for k, v in values.items() if v not in (None, [])]
        if given:
            raise UsageError(f"--from FILE gives the whole position; leave out {', '.join(given)}")
        entry = from_yaml(_read(from_file), "stdin" if from_file == "-" else from_file, new_source)
    else:
        missing = [POSITION_OPTIONS[name] for name in missing_fields(values)]
        if missing:
            raise UsageError(
                f"missing option{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                "(required unless --from FILE gives the position)"
            )
        entry = from_options(values, new_source)
    result = add_entry(entry, kb_path, file=file, dry_run=dry_run)
    for problem in result.problems:
        err(_problem_line(problem, entry.origin))
    if dry_run:
        for section, text in result.inserted:
            out(f"# {result.file}: appended to {section}:")
            out(text.replace("\r\n", "\n").strip("\n"))
        out(f"# dry run: {_verdict(result)}; nothing written")
    elif result.written:
        out(result.id)
    if result.errors:
        if not dry_run:
            err(f"negotrack: error: not added: {_verdict(result)}")
        raise typer.Exit(1)


def _read(path: str) -> bytes:
    """The bytes of --from: a regular file or stdin, within a KB file's size limit."""
    from negotrack.errors import KBNotFound, UsageError
    from negotrack.load.loader import read_bounded, read_regular

    label = "--from stdin" if path == "-" else f"--from {path}"
    try:
        if path == "-":
            return read_bounded(sys.stdin.buffer, label)
        return read_regular(Path(path), label)[0]
    except OSError as error:
        raise UsageError(f"cannot read {label}: {error.strerror or error}") from None
    except KBNotFound as error:
        raise UsageError(error.message) from None


def _problem_line(problem: object, origin: str | None) -> str:
    """A problem as a line; one in the new entry names the option that gave the field
    (``--stance: error: ...``), or ``--from FILE`` and the field."""
    from negotrack.curate.add import EntryProblem

    if not isinstance(problem, EntryProblem):
        return str(problem)
    message, name = problem.message, problem.field
    if problem.section == "positions" and origin is not None:
        where = f"--from {origin}"
        if not message.startswith((f"{name}:", f"{name}[", "missing", "unknown field")):
            message = f"{name}: {message}"
    else:
        where = option(Field(name, problem.section))
        if message.startswith(f"{name}: "):
            message = message[len(name) + 2 :]
    return f"{where}: {problem.level}: {message}"


def _verdict(result: object) -> str:
    from negotrack.curate.add import AddResult

    assert isinstance(result, AddResult)
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    if errors:
        return f"invalid ({errors} error{'s' if errors != 1 else ''})"
    if warnings:
        return f"valid with {warnings} warning{'s' if warnings != 1 else ''}"
    return "valid"
