"""Partial dates: a year, month and day, each of which may be unknown.

The source documents often say "May 5th" or "April 23rd" without a year. Inventing the year would
plant a false fact in the graph, so a date keeps exactly the precision its source gives.
Written forms: `2012`, `2012-05`, `2012-05-30` (ISO 8601), and `--05-30` or `--05` when the year is
unknown (ISO 8601's own notation for a date without a year).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_DATE_FORMS = re.compile(
    r"^(?:(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?"
    r"|--(?P<month_only>\d{2})(?:-(?P<day_only>\d{2}))?)$"
)
_LEAP_YEAR = 2000  # lets 29 February pass when the year is unknown


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date of which any part may be unknown (a day needs its month)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.year is None and self.month is None:
            raise ValueError("a date needs at least a year or a month")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs its month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year or _LEAP_YEAR, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} does not exist in month {self.month}")

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read a date as written in the seeds (see the module docstring for the forms)."""
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and 1000 <= value <= 9999:
            return cls(value)
        if not isinstance(value, str):
            raise ValueError(f"expected a date such as 2012-05-30 or --05-30, got {value!r}")
        match = _DATE_FORMS.match(value.strip())
        if not match:
            raise ValueError(
                f"{value!r} is not a date; write YYYY, YYYY-MM, YYYY-MM-DD, or --MM-DD / --MM "
                "when the year is unknown"
            )
        parts = match.groupdict()
        month = parts["month"] or parts["month_only"]
        day = parts["day"] or parts["day_only"]
        return cls(
            int(parts["year"]) if parts["year"] else None,
            int(month) if month else None,
            int(day) if day else None,
        )

    def isoformat(self) -> str:
        """The written form that `parse` reads back: `2012-05-30`, `2012-05`, `--05-30` ..."""
        if self.year is None:
            return f"--{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def day_number(self, *, last: bool) -> int | None:
        """The first (or last) day this date may be, as YYYYMMDD; None when the year is unknown.

        Period filters compare these: "2012-05" runs from 20120501 to 20120531 (31 for any month:
        an upper bound that sorts right is all a comparison needs).
        """
        if self.year is None:
            return None
        month = self.month or (12 if last else 1)
        day = self.day or (31 if last else 1)
        return self.year * 10000 + month * 100 + day

    def may_precede(self, other: PartialDate) -> bool:
        """False only when the two dates share a year and `self` is certainly after `other`."""
        if self.year is not None and other.year is not None and self.year != other.year:
            return self.year < other.year
        if self.year != other.year:
            return True  # one year unknown: either order is possible
        for mine, theirs in ((self.month, other.month), (self.day, other.day)):
            if mine is None or theirs is None:
                return True
            if mine != theirs:
                return mine < theirs
        return True
