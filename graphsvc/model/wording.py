"""Dates written for people, as every page and the API's `words` fields give them.

"5 May (year not given)", "May 2012", "22–26 March 2016", "March 2016 – April 2017": the date
keeps exactly the precision its source gave (`graphsvc.model.dates`), and no reader has to decode
the ISO form. The pages and the GraphQL API word dates through this one module.
"""

from __future__ import annotations

import calendar
import datetime as dt

from graphsvc.model.dates import PartialDate

_NO_YEAR = " (year not given)"


def _month(month: int) -> str:
    return calendar.month_name[month]


def human_date(value: object) -> str:
    """One date as a person writes it; the stored text itself when it is not a date."""
    if value is None or value == "":
        return ""
    try:
        date = PartialDate.parse(value)
    except ValueError:
        return str(value)
    if date.month is None:
        return str(date.year)
    text = f"{date.day} {_month(date.month)}" if date.day else _month(date.month)
    return f"{text} {date.year}" if date.year else text + _NO_YEAR


def human_period(start: object, end: object) -> str:
    """A date range, sharing what the two ends share: "22–26 March 2016", "May – June 2012"."""
    if not end or end == start:
        return human_date(start)
    if not start:
        return f"until {human_date(end)}"
    try:
        first, last = PartialDate.parse(start), PartialDate.parse(end)
    except ValueError:
        return f"{human_date(start)} – {human_date(end)}"
    last = end_in_year_of(first, last)
    end = last.isoformat()
    same_year = first.year == last.year
    if same_year and first.month and first.month == last.month and first.day and last.day:
        tail = f" {first.year}" if first.year else _NO_YEAR
        return f"{first.day}–{last.day} {_month(first.month)}{tail}"
    if same_year and first.year and first.month and last.month:
        head = human_date(start).removesuffix(f" {first.year}")
        return f"{head} – {human_date(end)}"
    return f"{human_date(start)} – {human_date(end)}"


def end_in_year_of(first: PartialDate, last: PartialDate) -> PartialDate:
    """A range's end without a year, in its start's year when the text gave one year.

    "4-5 October 2018" is stored as 2018-10-04 to --10-05: the year was written once, for both
    ends. An end that would come before its start in that year (December to January) is left
    without one rather than guessed.
    """
    if last.year is not None or first.year is None or last.month is None:
        return last
    candidate = PartialDate(first.year, last.month, last.day)
    return candidate if first.may_precede(candidate) else last


def human_moment(value: object) -> str:
    """A stored timestamp (an audit entry's `at`) as "30 November 2026, 18:22 UTC"."""
    try:
        moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    moment = moment.astimezone(dt.UTC)
    return f"{moment.day} {_month(moment.month)} {moment.year}, {moment:%H:%M} UTC"
