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
from negotrack.analysis.show import show
from negotrack.analysis.timeline import timeline
from negotrack.render import listing, page
from negotrack.render import show as show_render
from negotrack.render import timeline as timeline_render
from negotrack.render.texttable import Indented, TextTable, wrap
from tests.conftest import KBS, agrees_with_rich

pytestmark = agrees_with_rich

WIDTHS = (40, 41, 57, 80, 100, 133, 200)
WORDS = (
    "a", "to", "the", "Ukraine", "territory", "negotiation", "[1]", "—", "“quoted”",
    "Zelenskyy’s", "supercalifragilisticexpialidocious", "x" * 30, "日本語のテキスト",
    "🇺🇦", "e\u0301", "https://example.org/a/very/long/path/that/goes/on?x=1",
)  # fmt: skip


def console(width: int) -> page.Screen:
    rich = Console(width=width, highlight=False, emoji=False, markup=False, color_system=None)
    return page.Screen(console=rich)


@pytest.fixture
def by_rich(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[], str]], str]:
    """Run a rendering with every table and reference list drawn by rich itself."""

    def run(render: Callable[[], str]) -> str:
        with monkeypatch.context() as patch:
            patch.setattr(TextTable, "plain", lambda self, width: None)
            patch.setattr(
                TextTable, "__rich_console__", lambda self, c, o: iter([self.rich_table()])
            )
            patch.setattr(page.References, "plain", lambda self, width: None)
            patch.setattr(page.Paragraph, "plain", lambda self, width: None)
            return render()

    return run


def random_table(seed: int) -> TextTable:
    chance = random.Random(seed)

    def text(most: int = 25) -> str:
        return " ".join(chance.choice(WORDS) for _ in range(chance.randint(0, most)))

    table = page.position_table()
    for _ in range(chance.randint(0, 6)):
        table.add_row(
            page.line_list((text(4), ""), (chance.choice([None, "as reported"]), "dim")),
            page.line_list((text(5), "bold"), (text(4), "")),
            page.line_list(("support", "green"), (chance.choice([None, "red-line"]), "")),
            page.line_list((text(), ""), (chance.choice([None, text()]), "italic")),
            end_section=chance.random() < 0.9,
        )
    return table


def page_of(table: Any) -> page.Page:
    out = page.Page()
    out.add(table)
    return out


@pytest.mark.parametrize("seed", range(60))
def test_any_table_is_laid_out_as_rich_lays_it_out(by_rich, seed: int) -> None:
    width = WIDTHS[seed % len(WIDTHS)]
    fast = page.render(page_of(random_table(seed)), console(width))
    assert fast == by_rich(lambda: page.render(page_of(random_table(seed)), console(width)))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kb", ["read.yaml", "hostile-text.yaml", "talks.yaml", None])
def test_the_read_views_are_what_rich_prints(by_rich, width: int, kb: str | None) -> None:
    knowledge = negotrack.open_kb(KBS / kb if kb else None)

    def views() -> str:
        shown = timeline_render.to_table(timeline(knowledge), console(width))
        selection = find(knowledge, query(knowledge), sort="date", limit=None)
        return shown + listing.to_table(selection, console(width))

    assert views() == by_rich(views)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kb", ["read.yaml", "hostile-text.yaml", "stance.yaml", None])
def test_show_piped_is_what_rich_prints(by_rich, width: int, kb: str | None) -> None:
    """``show`` lays out its whole page itself when no escape codes are written."""
    knowledge = negotrack.open_kb(KBS / kb if kb else None)
    names = [a.id for a in knowledge.section("actors")] + [
        p.id for p in knowledge.section("people")
    ]

    def views() -> str:
        return "".join(
            show_render.to_table(show(knowledge, name, history=history), console(width))
            for name in names
            for history in (False, True)
        )

    assert views() == by_rich(views)


def random_tree(seed: int) -> TextTable:
    """A table like ``show``'s: names set in by their depth, some rows with empty cells."""
    chance = random.Random(seed)

    def text(most: int = 25) -> str:
        return " ".join(chance.choice(WORDS) for _ in range(chance.randint(0, most)))

    table = TextTable(
        ("Issue", {"max_width": 18}),
        ("Stance", {"no_wrap": True}),
        ("Date", {"no_wrap": True}),
        ("Statement", {"ratio": 1}),
        styled_by_rich=True,
    )
    for _ in range(chance.randint(0, 8)):
        name = Indented(text(4), chance.choice(["bold", "dim"]), 2 * chance.randint(0, 8))
        if chance.random() < 0.2:
            table.add_row(name, None, None, None)
        else:
            table.add_row(
                chance.choice([name, None]),
                page.line_list(("conditional", "cyan"), (chance.choice([None, "firm"]), "")),
                page.line_list((text(1), "")),
                page.line_list((text(), ""), (chance.choice([None, text()]), "italic")),
            )
        if chance.random() < 0.5:
            table.end_section()
    return table


@pytest.mark.parametrize("seed", range(60))
def test_an_indented_table_is_laid_out_as_rich_lays_it_out(by_rich, seed: int) -> None:
    width = WIDTHS[seed % len(WIDTHS)]
    fast = page.render(page_of(random_tree(seed)), console(width))
    assert fast == by_rich(lambda: page.render(page_of(random_tree(seed)), console(width)))


def test_a_cell_squeezed_under_its_indent_is_drawn_by_rich(by_rich) -> None:
    def drawn() -> str:
        table = TextTable(("Issue", {"max_width": 6}), ("Statement", {}))
        table.add_row(Indented("deep", "bold", 10), page.line_list(("x " * 40, "")))
        assert table.plain(40) is None
        return page.render(page_of(table), console(40))

    assert drawn() == by_rich(drawn)


def test_paragraphs_wrap_as_rich_wraps_them(by_rich) -> None:
    texts = ["", "a", "word " * 30, "x" * 90, "日本語のテキスト " * 9, "  lead\n\ntwo", "tab\there"]

    def drawn() -> str:
        out = page.Page()
        for text in texts:
            out.text(text)
        out.add(page.Paragraph("/a/long/path/" * 9, "dim", soft_wrap=True))
        return page.render(out, console(40))

    assert drawn() == by_rich(drawn)


def test_a_cell_it_cannot_read_hands_the_table_to_rich() -> None:
    from rich.text import Text

    table = page.position_table()
    mixed = Text("half")
    mixed.append(" bold", style="bold")  # two styles on one line
    table.add_row(Text("2025"), Text("x"), Text("y"), mixed)
    assert table.plain(80) is None
    assert "half bold" in page.render(page_of(table), console(80))


def test_words_wrap_and_fold_as_in_rich() -> None:
    assert wrap("one two three", 7) == ["one two", "three"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert wrap("ab abcdefghij", 4) == ["ab ", "abcd", "efgh", "ij"]  # a space that fits stays
    assert wrap("Statement", 5, fold=False, ellipsis=True) == ["Stat…"]
    assert wrap("日本語のテキスト", 6) == ["日本語", "のテキ", "スト"]


@pytest.mark.parametrize("seed", range(40))
def test_a_table_breaks_a_word_exactly_when_rich_would(seed: int) -> None:
    """``breaks_words`` (which the plans views ask before drawing a table) says yes
    exactly when rich, drawing the table, leaves some word of a cell not whole on a line."""
    from negotrack.render import terminal

    chance = random.Random(seed)
    made = iter(range(10_000))

    def word() -> str:
        # Each word unique and bracketed, so that no word is part of another.
        return f"<{next(made)}{'x' * chance.choice([0, 0, 1, 2, 3, 4, 6, 9, 14, 24])}>"

    def text(most: int) -> str:
        return " ".join(word() for _ in range(chance.randint(1, most)))

    options: list[dict[str, Any]] = [
        {"no_wrap": True},
        {"ratio": 1},
        {"max_width": chance.choice([12, 16, 30])},
        {"justify": "right", "no_wrap": True},
    ]
    chance.shuffle(options)
    table = terminal.new_table(*((f"C{n}", option) for n, option in enumerate(options)))
    words: list[str] = []
    for _ in range(chance.randint(1, 3)):
        cells = [text(1 if option.get("no_wrap") else 4) for option in options]
        words += [w for cell in cells for w in cell.split()]
        table.add_row(*(terminal.kb_text(cell) for cell in cells))
    for width in (40, 60, 80, 120):
        rich = Console(width=width, highlight=False, emoji=False, markup=False, color_system=None)
        with rich.capture() as capture:
            rich.print(table)
        lines = capture.get().splitlines()
        broken = [w for w in words if not any(w in line for line in lines)]
        assert terminal.breaks_words(table, width) == bool(broken), (width, broken)


def test_a_narrow_column_grows_to_its_longest_word() -> None:
    """A column kept narrow (authors, points, issues) still keeps its longest word whole."""
    from negotrack.render.terminal import widest_word

    assert widest_word(["United States", "Bosnia-Herzegovina and"], 16) == 18
    assert widest_word(["United States"], 16) == 16
    assert widest_word([], 16) == 16
