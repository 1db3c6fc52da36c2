"""The root list fields' requests as clients make them: cursors, filter values and dates.

The pages themselves come from `graphsvc.store.listing` (keyset pagination: a page continues after
the last (sort value, id) the client saw). This module turns a client's cursor back into that
(sort value, id), refusing a cursor from another list, and turns filter text into the values the
store compares.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

from graphsvc.model.dates import PartialDate
from graphsvc.model.names import name_key
from graphsvc.service.errors import bad_input
from graphsvc.store import listing
from graphsvc.store.async_database import Read
from graphsvc.store.entities import NOTHING, NodePlan


@dataclass(frozen=True)
class ListRequest:
    """One page of one kind, as the client asked for it (values already checked)."""

    label: str
    extra_label: str | None = None
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str = "name"
    descending: bool = False
    first: int = 20
    after: str | None = None
    plan: NodePlan = NOTHING
    """What to fetch with each node in the page query: what the client selected under it, such
    as its Sources (see `graphsvc.api.schema.prefetch`)."""

    def selection(self) -> listing.Selection:
        return listing.Selection(self.label, self.extra_label, self.filters)

    async def page(self, read: Read) -> list[dict[str, Any]]:
        """The page's rows, and one more when there is a next page."""
        return await listing.page(
            read,
            self.selection(),
            sort=self.sort,
            descending=self.descending,
            limit=self.first + 1,
            after=self.after_key(),
            with_sources=False,
            plan=self.plan,
        )

    async def total(self, read: Read) -> int:
        return await listing.count(read, self.selection())

    def cursor(self, sort_value: Any, slug: str) -> str:
        payload = json.dumps([self.label, self.sort, self.descending, sort_value, slug])
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    def after_key(self) -> tuple[Any, str] | None:
        """The (sort value, slug) `after` names, or BAD_USER_INPUT when it is not our cursor."""
        if self.after is None:
            return None
        not_a_cursor = bad_input(
            f"`after: {self.after[:80]!a}` is not a cursor returned by this API; "
            "pass an `endCursor` or edge `cursor` unchanged"
        )
        try:
            raw = base64.urlsafe_b64decode(self.after + "=" * (-len(self.after) % 4))
            label, sort, descending, value, slug = json.loads(raw)
        except (binascii.Error, ValueError, TypeError, RecursionError):
            raise not_a_cursor from None
        # Only what `cursor` writes may reach the database: a sort value (text, a number or
        # nothing) and a slug, as text the database can encode.
        texts = [t for t in (label, sort, value, slug) if isinstance(t, str)]
        if (
            not isinstance(descending, bool)
            or not isinstance(slug, str)
            or isinstance(value, bool)
            or not (value is None or isinstance(value, str | int))
            or (isinstance(value, int) and not -(2**63) <= value < 2**63)  # Neo4j's integers
            or any("\ud800" <= c <= "\udfff" for t in texts for c in t)
        ):
            raise not_a_cursor
        if (label, sort, descending) != (self.label, self.sort, self.descending):
            raise bad_input(
                "`after` is a cursor from a list with another kind or ordering; "
                "keep `orderBy` the same while paging"
            )
        return value, str(slug)


def date_key(text: str, argument: str, *, end: bool) -> int:
    """A filter date (`2012`, `2012-05`, `2012-05-30`) as the number the store's date keys use."""
    try:
        date = PartialDate.parse(text)
    except ValueError as exc:
        raise bad_input(f"`{argument}`: {exc}") from None
    if date.year is None:
        raise bad_input(f"`{argument}`: {text!r} has no year; a date filter needs one")
    month = date.month or (12 if end else 1)
    day = date.day or (31 if end else 1)
    return date.year * 10000 + month * 100 + day


def name_filter(text: str) -> str:
    """The folded form `name:` compares with each stored lookup key."""
    key = name_key(text)
    if not key:
        raise bad_input("`filter.name` needs at least one letter or digit")
    return key
