"""Pages of one kind of node: filters, sorting and keyset (cursor) pagination.

Keyset rather than offset: a page continues after the last (sort value, id) the client saw, so a
page costs the same at the millionth row as at the first, and rows added meanwhile do not shift
what the next page shows. The count of all matches is a separate query, run only when asked.

Every filter is one of the fixed Cypher fragments below (values are parameters), combined with
AND; the relationship types they walk are asked of the domain model by meaning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphsvc.model import MODEL
from graphsvc.model.domain import (
    ADDRESSES,
    CITY,
    COUNTRY,
    IN_COUNTRY,
    PROGRAMME,
    PROVENANCE_TYPE,
    SOURCE,
    THEME,
)
from graphsvc.store.async_database import Read
from graphsvc.store.cypher import either
from graphsvc.store.encode import LOOKUP_TEXT, NAME_SORT
from graphsvc.store.entities import NOTHING, NodePlan, planned_node
from graphsvc.store.funding import FUNDER_REACH
from graphsvc.store.projections import LABELS, node_row


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

YEARLESS = "(n.start_date_year IS NULL AND n.start_date_month IS NOT NULL)"
"""`n` has a date without a year (`--04-20`): a day of some year the source does not give."""
_MONTH_DAY_FROM = "n.start_date_month * 100 + coalesce(n.start_date_day, 1)"
_MONTH_DAY_TO = (
    "coalesce(n.end_date_month, n.start_date_month) * 100 + "
    "coalesce(n.end_date_day, CASE WHEN n.end_date_month IS NULL THEN n.start_date_day END, 31)"
)
YEARLESS_IN_PERIOD = (
    f"{YEARLESS} AND ($date_from IS NULL OR $date_to IS NULL "
    "OR $date_to / 10000 - $date_from / 10000 >= 2 "
    f"OR ($date_to / 10000 = $date_from / 10000 AND {_MONTH_DAY_TO} >= $date_from % 10000 "
    f"AND {_MONTH_DAY_FROM} <= $date_to % 10000) "
    f"OR ($date_to / 10000 - $date_from / 10000 = 1 AND ({_MONTH_DAY_TO} >= $date_from % 10000 "
    f"OR {_MONTH_DAY_FROM} <= $date_to % 10000)))"
)
"""A year-less date is kept by a period unless the period's bounds exclude its month and day in
every year: a period open at one end, or two years long, can hold any day of the year; a shorter
one only the days it spans."""

_ACTS = MODEL.relationships_in("involvement", "membership")
"""How an actor takes part in something: financing, carrying out, attending, belonging."""
_LOCATED = MODEL.relationships_in("location", "targeting")
"""Where something is based, held, governed or aimed at (not what contains a place)."""
_ACTOR = either(_ACTS)
_PLACE = either(_LOCATED)
_PLACE_OR_COUNTRY = either((*_LOCATED, IN_COUNTRY.type))
_CITY = either((*_LOCATED, *_ACTS, IN_COUNTRY.type))
_COLLABORATION = either(MODEL.collaboration_types)

COUNTRY_CONDITION = (
    f"(n:{COUNTRY.label} AND (n.id = $country OR n.iso_code = $country)) "
    f"OR EXISTS {{ MATCH (n)-[:{_PLACE_OR_COUNTRY}]->(c:{COUNTRY.label}) "
    "WHERE c.id = $country OR c.iso_code = $country } "
    f"OR EXISTS {{ MATCH (n)-[:{_PLACE}]->(:{CITY.label})"
    f"-[:{IN_COUNTRY.type}]->(c:{COUNTRY.label}) "
    "WHERE c.id = $country OR c.iso_code = $country }"
)
"""`n` is the country `$country` (id or ISO code), or based, held, aimed, or lying in it,
directly or through a city (shared with `partners`)."""

CONDITIONS: dict[str, str] = {
    "name": f"n.{LOOKUP_TEXT} CONTAINS $name",
    "slugs": "n.id IN $slugs",
    "category": "n.category IN $category",
    "country": COUNTRY_CONDITION,
    "city": f"EXISTS {{ MATCH (n)-[:{_CITY}]-(:{CITY.label} {{id: $city}}) }}",
    "programme": (
        f"EXISTS {{ MATCH (n)-[:{_COLLABORATION}]-(:{PROGRAMME.label} {{id: $programme}}) }}"
    ),
    "theme": (
        f"EXISTS {{ MATCH (n)-[:{ADDRESSES.type}]->(:{THEME.label} {{id: $theme}}) }} "
        f"OR EXISTS {{ MATCH (n)-[:{_ACTOR}]->()-[:{ADDRESSES.type}]->"
        f"(:{THEME.label} {{id: $theme}}) }}"
    ),
    "date_from": f"({END_KEY}) >= $date_from OR ({YEARLESS_IN_PERIOD})",
    "date_to": f"({START_KEY}) <= $date_to OR ({YEARLESS_IN_PERIOD})",
}
"""Filter name -> its condition on `n`; the filter's value is the parameter of the same name.
`name` (a folded key) is looked for in the stored `lookup_text`, which a text index per kind
answers: the same matches as looking in each of `lookup_keys`, without reading every node."""

REACHES: dict[str, str] = {"funder": FUNDER_REACH}
"""Filter name -> a subquery yielding the rows `n` it keeps, walked from the filter's value (a
funder reaches a few thousand entities; checking every node of a kind against it would walk its
whole trace once per node). The other filters then apply as conditions. A selection holds at most
one of these (there is one)."""
FILTERS = frozenset(CONDITIONS) | frozenset(REACHES)


def _start_sort_key(yearless_base: int) -> str:
    """START_KEY, with a year-less date as `yearless_base` + MMDD.

    Chosen per direction (see SORT_KEYS) so that year-less dates follow every dated node either
    way, in month-and-day order among themselves.
    """
    return (
        f"CASE WHEN {YEARLESS} THEN {yearless_base} + n.start_date_month * 100 "
        f"+ coalesce(n.start_date_day, 1) ELSE {START_KEY} END"
    )


SORT_KEYS: dict[str, tuple[tuple[str, str], Any, Any]] = {
    "name": ((f"n.{NAME_SORT}",) * 2, None, None),
    "slug": (("n.id",) * 2, None, None),
    "start_date": ((_start_sort_key(100_000_000), _start_sort_key(0)), 999_999_999, -1),
}
"""Sort field -> ((expression ascending, descending), stand-in for unknown when ascending, ...
when descending), so that nodes without a value come last either way and the keyset comparison
never meets null. Dates without a year come after the dated ones either way (ascending they sort
above every YYYYMMDD, descending below), by month and day. The name order is the stored
`name_sort` (`toLower(name)`), which a range index per kind keeps in order."""

INDEXED_SORTS = frozenset({"name"})
"""Sorts by a stored property with a range index: the page query bounds that property itself, so
that Neo4j reads the index in order from the cursor on and stops after `limit` rows instead of
sorting every match."""


@dataclass(frozen=True)
class Selection:
    """Which nodes a list holds: one kind (and an extra label, such as Funder), filtered."""

    label: str
    extra_label: str | None = None
    filters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.label not in MODEL.labels:
            raise ValueError(f"{self.label!r} is not a node kind of the model")
        unknown = sorted(set(self.filters) - FILTERS)
        if unknown:
            raise ValueError(f"no list filter is called {unknown}")

    def clause(self) -> tuple[str, dict[str, Any]]:
        """The statement's start for the filters, and its parameters (shared by page and count).

        `MATCH (n:Kind) WHERE ...`, or a filter's reach then `WITH n WHERE ...`: either way it
        ends in a condition that `AND ...` may extend, with `n` bound.
        """
        extra = f":`{self.extra_label}`" if self.extra_label else ""
        conditions = [f"({CONDITIONS[n]})" for n in sorted(self.filters) if n in CONDITIONS]
        parameters = dict(self.filters)
        if {"date_from", "date_to"} & set(parameters):
            # A year-less date is judged by both bounds, whichever of them is given.
            parameters = {"date_from": None, "date_to": None, **parameters}
        reach = next((REACHES[name] for name in self.filters if name in REACHES), None)
        if reach is not None:  # start from what the filter reaches, then check the kind
            kept = " AND ".join([f"n:`{self.label}`{extra}", *conditions])
            return f"{reach}\nWITH n WHERE {kept}", parameters
        where = " AND ".join(conditions) or "true"
        return f"MATCH (n:`{self.label}`{extra})\nWHERE {where}", parameters


async def page(
    read: Read,
    selection: Selection,
    *,
    sort: str,
    descending: bool,
    limit: int,
    after: tuple[Any, str] | None,
    with_sources: bool,
    plan: NodePlan = NOTHING,
) -> list[dict[str, Any]]:
    """Up to `limit` rows `{row, sort_value[, sources]}` after the (sort value, id) `after`.

    `with_sources` fetches each node's Sources in the same query (when the client selected them),
    and `plan` what else the client selected under each node (its relationship fields, to any
    depth), which saves the round trips separate batches would cost.
    """
    statement, parameters = page_statement(
        selection,
        sort=sort,
        descending=descending,
        limit=limit,
        after=after,
        with_sources=with_sources,
        plan=plan,
    )
    return await read(statement, **parameters)


def page_statement(
    selection: Selection,
    *,
    sort: str,
    descending: bool,
    limit: int,
    after: tuple[Any, str] | None,
    with_sources: bool,
    plan: NodePlan = NOTHING,
) -> tuple[str, dict[str, Any]]:
    """The statement and parameters of `page` (apart, so that a test can ask for its plan)."""
    clause, parameters = selection.clause()
    row, limits = planned_node("n", plan)
    expressions, unknown_asc, unknown_desc = SORT_KEYS[sort]
    expression = expressions[1] if descending else expressions[0]
    unknown = unknown_desc if descending else unknown_asc
    if unknown is not None:
        expression = f"coalesce({expression}, {unknown})"
    op, direction = ("<", "DESC") if descending else (">", "ASC")
    sources = (
        f", COLLECT {{ MATCH (n)-[:{PROVENANCE_TYPE}]->(s:`{SOURCE.label}`) "
        f"WITH s ORDER BY s.id RETURN {node_row('s')} }} AS sources"
        if with_sources
        else ""
    )
    after_value, after_id = after if after is not None else (None, None)
    if sort in INDEXED_SORTS:
        # The bound on the property itself is what lets the planner seek the range index in
        # order; every named node has the key, so `IS NOT NULL` keeps the first page whole.
        bound = f"{expression} IS NOT NULL"
        if after is not None:
            bound = f"{expression} {op}= $after_value"
        statement = f"""
        {clause} AND {bound}
              AND (NOT $has_after OR {expression} {op} $after_value OR n.id {op} $after_id)
        RETURN {row} AS row, {expression} AS sort_value{sources}
        ORDER BY {expression} {direction}, n.id {direction}
        LIMIT $limit
        """
    else:
        statement = f"""
        {clause}
        WITH n, {expression} AS sort_value
        WHERE NOT $has_after OR sort_value {op} $after_value
              OR (sort_value = $after_value AND n.id {op} $after_id)
        RETURN {row} AS row, sort_value{sources}
        ORDER BY sort_value {direction}, n.id {direction}
        LIMIT $limit
        """
    return statement, {
        **parameters,
        "has_after": after is not None,
        "after_value": after_value,
        "after_id": after_id,
        "limit": limit,
        "labels": LABELS,
        **limits,
    }


async def count(read: Read, selection: Selection) -> int:
    """How many nodes the selection holds, over all pages."""
    clause, parameters = selection.clause()
    rows = await read(f"{clause} RETURN count(n) AS total", **parameters)
    return int(rows[0]["total"])
