"""``negotrack cite``: each style exactly, from what the KB holds and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import negotrack
from negotrack.analysis.sources import citation_counts
from tests.conftest import KBS

TALKS = KBS / "talks.yaml"
ALL = ("paper-2025-03-18", "blog-2024-12", "yearbook-2024")


def cite(cli, *args: str):
    return cli("cite", "--kb", TALKS, *args)


def test_plain_is_ready_to_paste(cli) -> None:
    result = cite(cli, *ALL)
    assert result.exit_code == 0
    assert result.stdout == (
        "Jane Doe. “Talks & taxes: 100% of the #1 issue_{x}.” The Paper, 18 March 2025. "
        "https://example.org/talks_(2025)?a=1&b=2\n"
        "“[No headline] Crimea *first*.” A Blog, December 2024. https://blog.example.org/post\n"
        "“The Yearbook.” Yearbook Press, 2024. https://example.org/yearbook\n"
    )


def test_markdown_escapes_what_would_turn_into_markup(cli) -> None:
    result = cite(cli, *ALL, "--style", "markdown")
    assert result.exit_code == 0
    assert result.stdout == (
        "Jane Doe. [Talks & taxes: 100% of the #1 issue\\_{x}]"
        "(https://example.org/talks_%282025%29?a=1&b=2). *The Paper*, 18 March 2025.\n"
        "[\\[No headline\\] Crimea \\*first\\*](https://blog.example.org/post). "
        "*A Blog*, December 2024.\n"
        "[The Yearbook](https://example.org/yearbook). *Yearbook Press*, 2024.\n"
    )


def test_bibtex_is_biblatex_online_with_special_characters_escaped(cli) -> None:
    result = cite(cli, "paper-2025-03-18", "blog-2024-12", "--style", "bibtex")
    assert result.exit_code == 0
    assert result.stdout == (
        "@online{paper-2025-03-18,\n"
        "  title = {Talks \\& taxes: 100\\% of the \\#1 issue\\_\\{x\\}},\n"
        "  author = {Jane Doe},\n"
        "  organization = {The Paper},\n"
        "  date = {2025-03-18},\n"
        "  url = {https://example.org/talks_(2025)?a=1&b=2}\n"
        "}\n"
        "\n"
        "@online{blog-2024-12,\n"
        "  title = {[No headline] Crimea *first*},\n"
        "  organization = {A Blog},\n"
        "  date = {2024-12},\n"
        "  url = {https://blog.example.org/post}\n"
        "}\n"
    )


def test_csl_json_keeps_the_date_precision(cli) -> None:
    result = cite(cli, *ALL, "--style", "csl-json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "id": "paper-2025-03-18",
            "type": "article-newspaper",
            "title": "Talks & taxes: 100% of the #1 issue_{x}",
            "author": [{"literal": "Jane Doe"}],
            "container-title": "The Paper",
            "issued": {"date-parts": [[2025, 3, 18]]},
            "URL": "https://example.org/talks_(2025)?a=1&b=2",
        },
        {
            "id": "blog-2024-12",
            "type": "webpage",
            "title": "[No headline] Crimea *first*",
            "container-title": "A Blog",
            "issued": {"date-parts": [[2024, 12]]},
            "URL": "https://blog.example.org/post",
        },
        {
            "id": "yearbook-2024",
            "type": "webpage",
            "title": "The Yearbook",
            "container-title": "Yearbook Press",
            "issued": {"date-parts": [[2024]]},
            "URL": "https://example.org/yearbook",
        },
    ]
    assert '"date-parts": [[2024, 12]]' in result.stdout


def test_source_ids_are_matched_in_any_case(cli) -> None:
    result = cite(cli, "Blog-2024-12")
    assert result.exit_code == 0
    assert result.stdout.startswith("“[No headline]")


def test_an_unknown_source_is_a_usage_error(cli) -> None:
    result = cite(cli, "blog-2024-11")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "negotrack: error: unknown source or position 'blog-2024-11' — "
        "did you mean 'blog-2024-12'?\n"
        "valid source ids: paper-2025-03-18, blog-2024-12, yearbook-2024\n"
    )


def test_an_unknown_style_is_a_usage_error(cli) -> None:
    result = cite(cli, "blog-2024-12", "--style", "apa")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_citation_counts_count_every_source() -> None:
    kb = negotrack.open_kb(TALKS)
    assert citation_counts(kb) == {"paper-2025-03-18": 2, "blog-2024-12": 1, "yearbook-2024": 1}


def test_markdown_cannot_start_a_heading_list_or_code_block(cli, tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text(
        "negotrack: 1\n"
        "sources:\n"
        "  - id: src\n"
        '    title: "A ] title\\n# Heading"\n'
        '    publisher: "Pub\\n- item\\n```\\ncode &amp; &#35; <b>x</b>"\n'
        '    author: "Ann\\n> quote"\n'
        "    url: https://example.org/a\n"
        "    published: 2025-03-18\n",
        encoding="utf-8",
    )
    result = cli("cite", "src", "--style", "markdown", "--kb", kb)
    assert result.exit_code == 0
    assert result.stdout == (
        "Ann<br>\\> quote. [A \\] title<br># Heading](https://example.org/a). "
        "*Pub<br>- item<br>\\`\\`\\`<br>code &amp;amp; &amp;#35; \\<b\\>x\\</b\\>*, "
        "18 March 2025.\n"
    )
