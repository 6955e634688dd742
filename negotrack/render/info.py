"""``negotrack info``: the KB read, its size and dates, its problems, the cache and
the versions, as lines of text or one JSON document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.checks.info import Info
from negotrack.model.records import NOUN
from negotrack.render import describe, markdown
from negotrack.render.machine import csv_text, json_text

if TYPE_CHECKING:
    from negotrack.render.page import Screen

_PLURAL = {"people": "people"}


def _fields(view: Info) -> list[tuple[str, str]]:
    """``(label, text)`` for each line."""
    records = ", ".join(
        describe.count_label(n, NOUN.get(section, section), _PLURAL.get(section, section))
        for section, n in view.counts.items()
    )
    if view.first is None or view.last is None:
        dates = "no positions"
    else:
        dates = f"{view.first} to {view.last}"
    if view.errors or view.warnings:
        problems = (
            f"{describe.count_label(view.errors, 'error')}, "
            f"{describe.count_label(view.warnings, 'warning')} (negotrack validate lists them)"
        )
    else:
        problems = "none"
    versions = ", ".join(f"{name} {version}" for name, version in view.versions.items())
    return [
        ("Knowledge base", view.path + (" (bundled with negotrack)" if view.bundled else "")),
        ("Files", ", ".join(view.files)),
        ("Records", records),
        ("Positions dated", dates),
        ("Problems", problems),
        ("Cache", view.cache or "not used"),
        ("Versions", versions),
    ]


def _document(view: Info) -> dict[str, Any]:
    return {
        "kb": view.path,
        "bundled": view.bundled,
        "files": view.files,
        "counts": view.counts,
        "first": str(view.first) if view.first else None,
        "last": str(view.last) if view.last else None,
        "errors": view.errors,
        "warnings": view.warnings,
        "cache": view.cache,
        "versions": view.versions,
    }


def to_json(view: Info) -> str:
    return json_text(_document(view))


def to_csv(view: Info, *, raw: bool = False) -> str:
    return csv_text(
        ("field", "value"), ({"field": k, "value": v} for k, v in _fields(view)), raw=raw
    )


def to_markdown(view: Info) -> str:
    return markdown.document(
        f"- **{markdown.escape(label)}:** {markdown.escape(text)}" for label, text in _fields(view)
    )


def to_table(view: Info, screen: Screen) -> str:
    from negotrack.render import terminal as t
    from negotrack.render.page import Page, render

    page = Page()
    width = max(len(label) for label, _ in _fields(view)) + 2
    for label, text in _fields(view):
        grid = t.Table.grid()
        grid.add_column(width=width, no_wrap=True)
        grid.add_column()
        grid.add_row(t.Text(label + ":", style="bold"), t.kb_text(text))
        page.add(grid)
    return render(page, screen)
