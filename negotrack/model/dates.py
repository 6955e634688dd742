"""Dates with the precision actually known: ``2024``, ``2024-12`` or ``2024-12-19``.

A statement reported as "in December 2024" is not a statement of 1 December, so
a :class:`PartialDate` keeps its precision, prints it back as written, and sorts
by the first day of its period, coarser before finer on the same first day
(``2024-12`` < ``2024-12-01`` < ``2024-12-19``).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

#: How the format describes a date in messages and in the JSON Schema.
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError otherwise."""
        match = _DATE.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"invalid date {text!r}: expected {DATE_FORMS}")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if year < 1:
            raise ValueError(f"impossible date {text!r}: there is no year 0")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"impossible date {text!r}: there is no month {month}")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(
                    f"impossible date {text!r}: {calendar.month_name[month]} {year} has {last} days"
                )
        return cls(year, month, day)

    @classmethod
    def coerce(cls, value: Any) -> PartialDate:
        """Accept a PartialDate, a ``datetime.date``, a year as int, or text."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, _dt.datetime):
            raise ValueError(f"invalid date {str(value)!r}: a date has no time of day")
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls.parse(f"{value:04d}")
        if isinstance(value, str):
            return cls.parse(value)
        raise ValueError(f"invalid date {value!r}: expected {DATE_FORMS}")

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> _dt.date:
        if self.day is not None:
            return self.first_day()
        month = self.month or 12
        return _dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def sort_key(self) -> tuple[int, int, int]:
        """First day of the period, then coarser before finer."""
        return (self.year, self.month or 0, self.day or 0)

    def is_after(self, other: PartialDate) -> bool:
        """True only when every day this date may mean is after every day ``other`` may."""
        # self.first_day() > other.last_day(), field by field without building either
        # (a KB's every position is compared with its source's date).
        if self.year != other.year:
            return self.year > other.year
        if self.month is None or other.month is None or self.month != other.month:
            return (self.month or 1) > (other.month or 12)
        if self.day is None or other.day is None:
            return False  # other lasts to the month's end, or self starts on its first
        return self.day > other.day

    def overlaps(self, other: PartialDate) -> bool:
        """True when the two periods share a day (``2025-03`` overlaps ``2025-03-16``)."""
        # first_day() <= other.last_day() and other.first_day() <= self.last_day(), as
        # (year, month, day) without building dates (a stance compares many): a
        # period's last day may be written 31, since no real day of it is later.
        return (self.year, self.month or 1, self.day or 1) <= (
            other.year,
            other.month or 12,
            other.day or 31,
        ) and (other.year, other.month or 1, other.day or 1) <= (
            self.year,
            self.month or 12,
            self.day or 31,
        )

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: PartialDate) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: PartialDate) -> bool:
        return self.sort_key() >= other.sort_key()

    # pydantic builds these only when a KB is validated: the read path never imports pydantic.
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema as cs

        return cs.no_info_plain_validator_function(
            _validate, serialization=cs.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "description": f"A date with the precision known: {DATE_FORMS}.",
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
        }


#: Dates already read from their text: a KB writes the same few thousand dates
#: again and again, and a PartialDate, being immutable, can stand for each of
#: them wherever it is written. Bounded, as a file may hold anything.
_READ: dict[str, PartialDate] = {}
_READ_MAX = 100_000


def _validate(value: Any) -> PartialDate:
    """:meth:`PartialDate.coerce`, reading each text once."""
    if type(value) is not str:
        return PartialDate.coerce(value)
    date = _READ.get(value)
    if date is None:
        date = PartialDate.parse(value)
        if len(_READ) < _READ_MAX:
            _READ[value] = date
    return date
