"""The check reports: ``validate`` and ``verify-quotes``, as ``text`` or ``json``.

Two renderers with the :class:`~negotrack.render.formats.ReportRenderer`
protocol, :data:`validation` and :data:`quotes`. Text is one line per problem,
``FILE:LINE:COL: level: message``, then a summary, with control characters made
visible; JSON goes through :func:`~negotrack.render.machine.json_text` like every
other JSON output, so text quoted from bad input (an unknown key holding U+202E,
say) is escaped, never written raw.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from negotrack.checks.quotes import QuoteReport
from negotrack.checks.validate import Summary
from negotrack.model.records import NOUN
from negotrack.model.safetext import visible
from negotrack.render.machine import json_text


@dataclass(frozen=True)
class Validation:
    """What ``validate`` reports: the checked KB, and whether warnings fail it."""

    report: Summary
    strict: bool = False

    @property
    def passed(self) -> bool:
        return self.report.ok(strict=self.strict)


@dataclass(frozen=True)
class QuoteCheck:
    """What ``verify-quotes`` reports: the outcome, and the archive folder read."""

    report: QuoteReport
    archive: Path


def _lines(lines: Iterable[str]) -> str:
    return "".join(visible(line) + "\n" for line in lines)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class _Validation:
    """The renderer of :class:`Validation`."""

    @staticmethod
    def to_text(view: Validation) -> str:
        return _lines([*(str(p) for p in view.report.problems), summary(view)])

    @staticmethod
    def to_json(view: Validation) -> str:
        report = view.report
        return json_text(
            {
                "valid": view.passed,
                "files": report.files,
                "counts": report.counts,
                "errors": len(report.errors),
                "warnings": len(report.warnings),
                "problems": [p.to_dict() for p in report.problems],
            }
        )


class _Quotes:
    """The renderer of :class:`QuoteCheck`."""

    @staticmethod
    def to_text(view: QuoteCheck) -> str:
        report, lines = view.report, []
        for problem in report.mismatches:
            lines.append(str(problem))
            lines.append(f"    closest passage: {' '.join(report.closest[problem].split())}")
        for source, count in report.skipped.items():
            lines.append(
                f"skipped: {plural(count, 'quote')} from '{source}': "
                f"no {source}.txt in {view.archive}"
            )
        found = sum(report.found.values())
        lines.append(
            f"{plural(report.checked, 'quote')} checked: {found} found, "
            f"{len(report.mismatches)} not found; {plural(len(report.skipped), 'source')} skipped"
        )
        return _lines(lines)

    @staticmethod
    def to_json(view: QuoteCheck) -> str:
        report = view.report
        return json_text(
            {
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
        )


validation = _Validation()
quotes = _Quotes()


def summary(view: Validation) -> str:
    """``FILE: valid (2 actors, ...)`` or ``FILE: invalid: 1 error, 2 warnings (...)``."""
    report = view.report
    counts = ", ".join(
        f"{n} {NOUN[section] if n == 1 else section}"
        for section, n in report.counts.items()
        # Documents are newer than the rest of the format: not counted in KBs without any.
        if n or section != "documents"
    )
    errors, warnings = len(report.errors), len(report.warnings)
    if not errors and not warnings:
        verdict = "valid"
    else:
        parts = [plural(errors, "error")] if errors else []
        if warnings:
            parts.append(plural(warnings, "warning"))
        verdict = ("valid with " if not errors and not view.strict else "invalid: ") + ", ".join(
            parts
        )
    files = report.files
    where = files[0] if len(files) == 1 else f"{len(files)} files"
    return f"{where}: {verdict} ({counts})"
