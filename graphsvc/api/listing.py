"""Cypher for the root list fields: filters, sorting and keyset (cursor) pagination.

Keyset rather than offset: a page continues after the last (sort value, id) the client saw, so a
page costs the same at the millionth row as at the first, and rows added meanwhile do not shift
what the next page shows. `totalCount` is a separate count query, run only when it is selected.

Every filter is one of the fixed Cypher fragments below (values are parameters), combined with
AND; the relationship types they walk are the model's, checked when this module is imported.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

from graphsvc.api.errors import bad_input
from graphsvc.model import MODEL
from graphsvc.model.dates import PartialDate
from graphsvc.model.domain import PROVENANCE_TYPE, SOURCE
from graphsvc.model.names import name_key
from graphsvc.store.projections import LABELS, node_row

_ACTOR_TYPES = "LEADS|IMPLEMENTS|PARTNER_IN|MANAGES|FUNDS|ORGANISES|PARTICIPATES_IN|MEMBER_OF"
_PLACE_TYPES = "BASED_IN|HELD_IN|GOVERNS|TARGETS"
_COLLABORATION = "|".join(MODEL.collaboration_types)


def start_key(v: str) -> str:
    """A dated node's start as a sortable number (YYYYMMDD; unknown month or day count as first)."""
    return (
        f"CASE WHEN {v}.start_date_year IS NULL THEN null ELSE {v}.start_date_year * 10000 + "
        f"coalesce({v}.start_date_month, 1) * 100 + coalesce({v}.start_date_day, 1) END"
    )


def end_key(v: str) -> str:
    """A dated node's end (its start's last possible day when it has no end date)."""
    return (
        f"CASE WHEN {v}.end_date_year IS NOT NULL THEN {v}.end_date_year * 10000 + "
        f"coalesce({v}.end_date_month, 12) * 100 + coalesce({v}.end_date_day, 31) "
        f"WHEN {v}.start_date_year IS NOT NULL THEN {v}.start_date_year * 10000 + "
        f"coalesce({v}.start_date_month, 12) * 100 + coalesce({v}.start_date_day, 31) END"
    )


START_KEY = start_key("n")
END_KEY = end_key("n")


CONDITIONS: dict[str, str] = {
    "name": "any(key IN n.lookup_keys WHERE key CONTAINS $name)",
    "slugs": "n.id IN $slugs",
    "category": "n.category IN $category",
    "country": (
        "(n:Country AND (n.id = $country OR n.iso_code = $country)) "
        f"OR EXISTS {{ MATCH (n)-[:{_PLACE_TYPES}|IN_COUNTRY]->(c:Country) "
        "WHERE c.id = $country OR c.iso_code = $country } "
        f"OR EXISTS {{ MATCH (n)-[:{_PLACE_TYPES}]->(:City)-[:IN_COUNTRY]->(c:Country) "
        "WHERE c.id = $country OR c.iso_code = $country }"
    ),
    "city": (
        f"EXISTS {{ MATCH (n)-[:{_PLACE_TYPES}|{_ACTOR_TYPES}|IN_COUNTRY]-(:City {{id: $city}}) }}"
    ),
    "programme": f"EXISTS {{ MATCH (n)-[:{_COLLABORATION}]-(:Programme {{id: $programme}}) }}",
    "theme": (
        "EXISTS { MATCH (n)-[:ADDRESSES]->(:Theme {id: $theme}) } "
        f"OR EXISTS {{ MATCH (n)-[:{_ACTOR_TYPES}]->()-[:ADDRESSES]->(:Theme {{id: $theme}}) }}"
    ),
    "funder": (
        "EXISTS { MATCH (:Institution {id: $funder})-[:FUNDS]->(:Programme)"
        "(()<-[:PART_OF]-()){0,4}(u) "
        f"WHERE u = n OR EXISTS {{ (n)-[:{_COLLABORATION}]-(u) }} }}"
    ),
    "date_from": f"({END_KEY}) >= $date_from",
    "date_to": f"({START_KEY}) <= $date_to",
}

SORT_KEYS: dict[str, tuple[str, Any, Any]] = {
    "name": ("toLower(n.name)", None, None),
    "slug": ("n.id", None, None),
    "start_date": (START_KEY, 99_999_999, -1),
}
"""Sort field -> (expression, stand-in for unknown when ascending, ... when descending), so that
nodes without a value come last either way and the keyset comparison never meets null."""


def _check_types() -> None:
    used = {t for group in (_ACTOR_TYPES, _PLACE_TYPES) for t in group.split("|")}
    unknown = used - set(MODEL.relationship_types)
    assert not unknown, f"listing walks types the model does not have: {unknown}"


_check_types()


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
    with_sources: bool = False
    """Fetch each node's Sources in the page query (when the client selected them)."""

    def where(self) -> tuple[str, dict[str, Any]]:
        """The WHERE clause and its parameters for the filters (shared with the count)."""
        conditions = [f"({CONDITIONS[name]})" for name in sorted(self.filters)]
        return (" AND ".join(conditions) or "true"), dict(self.filters)

    def match(self) -> str:
        assert self.label in MODEL.labels
        extra = f":`{self.extra_label}`" if self.extra_label else ""
        return f"MATCH (n:`{self.label}`{extra})"

    def page_query(self) -> tuple[str, dict[str, Any]]:
        where, parameters = self.where()
        expression, unknown_asc, unknown_desc = SORT_KEYS[self.sort]
        unknown = unknown_desc if self.descending else unknown_asc
        if unknown is not None:
            expression = f"coalesce({expression}, {unknown})"
        after_value, after_id = self._decode_after()
        op, direction = ("<", "DESC") if self.descending else (">", "ASC")
        query = f"""
            {self.match()}
            WHERE {where}
            WITH n, {expression} AS sort_value
            WHERE NOT $has_after OR sort_value {op} $after_value
                  OR (sort_value = $after_value AND n.id {op} $after_id)
            RETURN {node_row("n")} AS row, sort_value{self._sources()}
            ORDER BY sort_value {direction}, n.id {direction}
            LIMIT $limit
        """
        parameters.update(
            has_after=self.after is not None,
            after_value=after_value,
            after_id=after_id,
            limit=self.first + 1,
            labels=LABELS,
        )
        return query, parameters

    def _sources(self) -> str:
        if not self.with_sources:
            return ""
        return (
            f", COLLECT {{ MATCH (n)-[:{PROVENANCE_TYPE}]->(s:`{SOURCE.label}`) "
            f"WITH s ORDER BY s.id RETURN {node_row('s')} }} AS sources"
        )

    def count_query(self) -> tuple[str, dict[str, Any]]:
        where, parameters = self.where()
        return f"{self.match()} WHERE {where} RETURN count(n) AS total", parameters

    def cursor(self, sort_value: Any, slug: str) -> str:
        payload = json.dumps([self.label, self.sort, self.descending, sort_value, slug])
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    def _decode_after(self) -> tuple[Any, str | None]:
        if self.after is None:
            return None, None
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
    """A filter date (`2012`, `2012-05`, `2012-05-30`) as the number START_KEY/END_KEY compare."""
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
