"""The position tables and reference lists are laid out without rich's per-cell
machinery (fast enough for a timeline of 20,000 positions); the text must be
exactly what rich prints, at every width, for any text."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest
from rich.console import Console

import negotrack
from negotrack.analysis.query import find, query
from negotrack.analysis.timeline import timeline
from negotrack.render import listing, terminal
from negotrack.render import timeline as timeline_render
from negotrack.render.texttable import TextTable, wrap
from tests.conftest import KBS

WIDTHS = (40, 41, 57, 80, 100, 133, 200)
WORDS = (
    "a", "to", "the", "Ukraine", "territory", "negotiation", "[1]", "—", "“quoted”",
    "Zelenskyy’s", "supercalifragilisticexpialidocious", "x" * 30, "日本語のテキスト",
    "🇺🇦", "e\u0301", "https://example.org/a/very/long/path/that/goes/on?x=1",
)  # fmt: skip


def console(width: int) -> Console:
    return Console(width=width, highlight=False, emoji=False, markup=False, color_system=None)


@pytest.fixture
def by_rich(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[], str]], str]:
    """Run a rendering with every table and reference list drawn by rich itself."""

    def run(render: Callable[[], str]) -> str:
        with monkeypatch.context() as patch:
            patch.setattr(TextTable, "plain", lambda self, width: None)
            patch.setattr(
                TextTable, "__rich_console__", lambda self, c, o: iter([self.rich_table()])
            )
            patch.setattr(terminal.References, "plain", lambda self, width: None)
            return render()

    return run


def random_table(seed: int) -> TextTable:
    chance = random.Random(seed)

    def text(most: int = 25) -> str:
        return " ".join(chance.choice(WORDS) for _ in range(chance.randint(0, most)))

    table = terminal.position_table()
    for _ in range(chance.randint(0, 6)):
        table.add_row(
            terminal.line_list((text(4), ""), (chance.choice([None, "as reported"]), "dim")),
            terminal.line_list((text(5), "bold"), (text(4), "")),
            terminal.line_list(("support", "green"), (chance.choice([None, "red-line"]), "")),
            terminal.line_list((text(), ""), (chance.choice([None, text()]), "italic")),
            end_section=chance.random() < 0.9,
        )
    return table


def page_of(table: Any) -> terminal.Page:
    page = terminal.Page()
    page.add(table)
    return page


@pytest.mark.parametrize("seed", range(60))
def test_any_table_is_laid_out_as_rich_lays_it_out(by_rich, seed: int) -> None:
    width = WIDTHS[seed % len(WIDTHS)]
    fast = terminal.render(page_of(random_table(seed)), console(width))
    assert fast == by_rich(lambda: terminal.render(page_of(random_table(seed)), console(width)))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kb", ["read.yaml", "hostile-text.yaml", "talks.yaml", None])
def test_the_read_views_are_what_rich_prints(by_rich, width: int, kb: str | None) -> None:
    knowledge = negotrack.open_kb(KBS / kb if kb else None)

    def views() -> str:
        shown = timeline_render.to_table(timeline(knowledge), console(width))
        selection = find(knowledge, query(knowledge), sort="date", limit=None)
        return shown + listing.to_table(selection, console(width))

    assert views() == by_rich(views)


def test_a_cell_it_cannot_read_hands_the_table_to_rich() -> None:
    from rich.text import Text

    table = terminal.position_table()
    mixed = Text("half")
    mixed.append(" bold", style="bold")  # two styles on one line
    table.add_row(Text("2025"), Text("x"), Text("y"), mixed)
    assert table.plain(80) is None
    assert "half bold" in terminal.render(page_of(table), console(80))


def test_words_wrap_and_fold_as_in_rich() -> None:
    assert wrap("one two three", 7) == ["one two", "three"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert wrap("ab abcdefghij", 4) == ["ab ", "abcd", "efgh", "ij"]  # a space that fits stays
    assert wrap("Statement", 5, fold=False, ellipsis=True) == ["Stat…"]
    assert wrap("日本語のテキスト", 6) == ["日本語", "のテキ", "スト"]
