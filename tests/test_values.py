"""The text value types: pydantic-core's shortcut (a pattern and a length) lets
through only values their checks accept, and every value it does not is judged
by the check, whose message is the one reported."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from negotrack.model import values
from negotrack.model.dates import PartialDate
from negotrack.model.values import CHECK_FAILED, Id, LongText, Name, Text, Url, why_invalid

TYPES: list[tuple[Any, Callable[[str], str], int]] = [
    (Text, values.check_text, values.MAX_TEXT),
    (Name, values.check_name, values.MAX_TEXT),
    (LongText, values.check_long_text, values.MAX_LONG_TEXT),
    (Id, values.check_id, values.MAX_ID),
    (Url, values.check_url, values.MAX_URL),
]

#: Every character up to U+3100, the rest of the special ones, and some beyond.
CHARACTERS = [
    *map(chr, range(0x3100)),
    *"\u3164\ufe00\ufe0d\ufe0e\ufe0f\ufeff\uffa0\ufff0\ufff8\ufffd",
    *"\U0001bca0\U0001d173\U0001f600\U000e0001\U000e0fff\U0010ffff",
]


def samples() -> list[str]:
    texts = ["", "a", "ab-c", "a--b", "-a", "a-", "abc\n", "Ukraine", "A \u200b", "\u00e9t\u00e9"]
    for char in CHARACTERS:
        texts += [char, f"a{char}", f"{char}b", f"x{char}{char}y", f"ab-{char}"]
    texts += ["x" * values.MAX_ID, "x" * (values.MAX_ID + 1), "y" * 2_001, "z" * 20_001]
    return texts


URLS = [
    "https://example.org/a?b=c#d",
    "http://example.org",
    "HTTP://EXAMPLE.ORG/",
    "http://host:8080/path",
    "http://user@host/",
    "http://[::1]/x",
    "http://[::1/x",
    "http://",
    "http:///path",
    "http://./",
    "http://-/",
    "https://例え.jp/",
    "https://example.org/é",
    "https://example.org/a b",
    "https://example.org/\x7f",
    "ftp://example.org/",
    "example.org",
    "//example.org/",
    " http://example.org/",
    "http://example.org/\n",
    "http://exa\tmple.org/",
    "https://example.org/[x]",
    "https://example.org?",
    "https://example.org#",
    "https://" + "a" * 2_000,
]


def rejected(annotated: Any, texts: list[str]) -> dict[int, dict[str, Any]]:
    """The errors of each refused text, by its index."""
    try:
        TypeAdapter(list[annotated]).validate_python(texts)
    except ValidationError as error:
        return {e["loc"][0]: e for e in error.errors(include_url=False)}
    return {}


@pytest.mark.parametrize(("annotated", "check", "limit"), TYPES, ids=lambda t: str(t)[:20])
def test_a_value_is_refused_exactly_when_its_check_refuses_it(
    annotated: Any, check: Callable[[str], str], limit: int
) -> None:
    texts = samples() + URLS
    errors = rejected(annotated, texts)
    for index, text in enumerate(texts):
        try:
            check(text)
        except ValueError as error:
            found = errors.get(index)
            assert found is not None, text
            assert found["type"] == CHECK_FAILED
            assert why_invalid(found["ctx"]["check"], text) == str(error)
        else:
            assert index not in errors, text


@pytest.mark.parametrize(("annotated", "check", "limit"), TYPES, ids=lambda t: str(t)[:20])
def test_what_the_shortcut_lets_through_its_check_accepts(
    annotated: Any, check: Callable[[str], str], limit: int
) -> None:
    # The same pattern in Python's re (whose $ would also match before a final
    # newline, which Rust's does not): nothing it matches may be refused by the check.
    hook = next(m for m in annotated.__metadata__ if hasattr(m, "pattern"))
    assert hook.pattern.endswith("$")
    pattern = re.compile(hook.pattern[:-1] + r"\Z")
    matched = 0
    for text in samples() + URLS:
        if pattern.match(text) and len(text) <= hook.limit:
            matched += 1
            check(text)  # raises if the shortcut were wrong
    assert matched > 5


def test_a_value_that_is_not_text_is_still_expected_as_text() -> None:
    errors = rejected(Text, [3, ["a"], None])  # type: ignore[list-item]
    assert [e["type"] for e in errors.values()] == [CHECK_FAILED] * 3


def test_a_date_is_read_once_however_often_it_is_written() -> None:
    adapter = TypeAdapter(list[PartialDate])
    first, second, year = adapter.validate_python(["2025-03-16", "2025-03-16", 2024])
    assert first is second and str(first) == "2025-03-16" and str(year) == "2024"
    with pytest.raises(ValidationError, match="there is no month 13"):
        adapter.validate_python(["2025-13"])
