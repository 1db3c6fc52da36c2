"""Publication dates from metadata, as partial dates (`2023-05-05`, `2023-05`, `2023`)."""

from __future__ import annotations

import time

from graphsvc.model.dates import PartialDate


def partial_date(value: str | None) -> str | None:
    """The date an ISO-like metadata value starts with, in PartialDate's form; None if not one.

    Metadata writes `2021-03-04T10:00:00Z`, `2021-03-04` or `2021`; only the date part is kept,
    at the precision given, and anything unreadable is dropped rather than guessed.
    """
    if not value:
        return None
    head = value.strip()[:10]
    for candidate in (head, head[:7], head[:4]):
        try:
            return PartialDate.parse(candidate).isoformat()
        except ValueError:
            continue
    return None


def from_struct_time(value: time.struct_time | None) -> str | None:
    """A date that feedparser parsed (`published_parsed`, `updated_parsed`) as `YYYY-MM-DD`."""
    if value is None:
        return None
    return partial_date(time.strftime("%Y-%m-%d", value))
