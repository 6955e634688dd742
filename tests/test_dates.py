from __future__ import annotations

import datetime as dt

import pytest

from negotrack.model.dates import PartialDate


@pytest.mark.parametrize("text", ["2024", "2024-12", "2024-12-19", "0001-01-01"])
def test_a_date_prints_back_as_written(text: str) -> None:
    assert str(PartialDate.parse(text)) == text


def test_precision_is_kept() -> None:
    assert PartialDate.parse("2024-12").precision == "month"
    assert PartialDate.parse("2024").precision == "year"
    assert PartialDate.parse("2024-12-19").precision == "day"


def test_coarser_sorts_before_finer_on_the_same_first_day() -> None:
    dates = [PartialDate.parse(t) for t in ["2024-12-19", "2025", "2024-12", "2024-12-01", "2024"]]
    assert [str(d) for d in sorted(dates)] == [
        "2024",
        "2024-12",
        "2024-12-01",
        "2024-12-19",
        "2025",
    ]


def test_is_after_respects_precision() -> None:
    march = PartialDate.parse("2025-03")
    assert not PartialDate.parse("2025-03-16").is_after(march)
    assert not PartialDate.parse("2025-03-31").is_after(march)
    assert PartialDate.parse("2025-04-01").is_after(march)
    assert not PartialDate.parse("2025").is_after(march)  # might be January
    assert PartialDate.parse("2025-03-17").is_after(PartialDate.parse("2025-03-16"))


def test_is_after_is_every_day_after_every_day() -> None:
    dates = [PartialDate(2024), PartialDate(2025)]
    dates += [PartialDate(2025, month) for month in (1, 2, 3, 12)]
    dates += [PartialDate(2025, month, day) for month in (1, 2, 3) for day in (1, 2, 28, 31)[:3]]
    dates += [PartialDate(2025, 1, 31), PartialDate(2025, 12, 31), PartialDate(2026, 1, 1)]
    for date in dates:
        for other in dates:
            assert date.is_after(other) == (date.first_day() > other.last_day()), (date, other)


def test_overlaps_is_a_day_in_common() -> None:
    dates = [PartialDate(2024), PartialDate(2025), PartialDate(2024, 2), PartialDate(2024, 2, 29)]
    dates += [PartialDate(2025, month) for month in (1, 2, 3, 12)]
    dates += [PartialDate(2025, 2, day) for day in (1, 27, 28)]
    dates += [PartialDate(2025, 1, 31), PartialDate(2025, 3, 1), PartialDate(2025, 12, 31)]
    for date in dates:
        for other in dates:
            common = date.first_day() <= other.last_day() and other.first_day() <= date.last_day()
            assert date.overlaps(other) == common, (date, other)


def test_period_bounds() -> None:
    assert PartialDate.parse("2024-02").last_day() == dt.date(2024, 2, 29)
    assert PartialDate.parse("2025").first_day() == dt.date(2025, 1, 1)
    assert PartialDate.parse("2025").last_day() == dt.date(2025, 12, 31)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "impossible date '2025-02-30': February 2025 has 28 days"),
        ("2025-13", "impossible date '2025-13': there is no month 13"),
        ("12:30", "invalid date '12:30': expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2025/03/16", "invalid date '2025/03/16': expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("２０２５", "invalid date '２０２５': expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("0000", "impossible date '0000': there is no year 0"),
    ],
)
def test_bad_dates_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        PartialDate.parse(text)
    assert str(error.value) == message


def test_coerce_accepts_python_values() -> None:
    assert PartialDate.coerce(dt.date(2025, 3, 16)) == PartialDate(2025, 3, 16)
    assert PartialDate.coerce(2025) == PartialDate(2025)
    with pytest.raises(ValueError):
        PartialDate.coerce(dt.datetime(2025, 3, 16, 12, 0))
