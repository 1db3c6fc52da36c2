"""The root list fields (`institutions`, `cities`, ... `funders`): Relay connections per kind.

Generated from the domain model like the node types: per kind a filter input (with a category
filter when the kind has categories, a date range when it has dates), a sort field enum, and a
connection with `edges`, `nodes`, `pageInfo` and a `totalCount` that costs a query only when asked.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info
from strawberry.types.nodes import SelectedField

from graphsvc.api.schema.entities import NODE_TYPES, First, build_entity
from graphsvc.api.schema.naming import camel
from graphsvc.api.schema.prefetch import node_plan
from graphsvc.api.schema.scalars import SortDirection, choice_enum
from graphsvc.model import MODEL
from graphsvc.model.domain import (
    CITY,
    COUNTRY,
    FUNDER_LABEL,
    FUNDS,
    INSTITUTION,
    PROGRAMME,
    THEME,
)
from graphsvc.model.types import NodeKind
from graphsvc.service.context import RequestContext
from graphsvc.service.listing import ListRequest, date_key, name_filter
from graphsvc.service.references import NAMES, slug_or_text

After = Annotated[
    str | None,
    strawberry.argument(
        description="Continue after this cursor (a previous page's `pageInfo.endCursor`)."
    ),
]


@strawberry.type(description="Where a page sits in its list (Relay).")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def _dated(kind: NodeKind) -> bool:
    return kind.property("start_date") is not None


def _filter_input(kind: NodeKind) -> type[Any]:
    annotations: dict[str, Any] = {
        "name": str | None,
        "slugs": list[str] | None,
        "country": str | None,
        "city": str | None,
        "programme": str | None,
        "theme": str | None,
        "funder": str | None,
    }
    docs = {
        "name": "Name or alias contains this text (accents, case and punctuation ignored).",
        "slugs": "Only these readable ids.",
        "country": f"Linked to this country ({NAMES}, or ISO code), directly or through a city.",
        "city": f"Linked to this city ({NAMES}): based, held, governed, targeted or taking part.",
        "programme": f"Directly linked to this programme ({NAMES}).",
        "theme": f"Addresses this theme ({NAMES}), or takes part in something that does.",
        "funder": f"Reached by this funder's money ({NAMES}), by the rule of `fundingTrace`: "
        "financed, implementing or taking part in something financed, or a place it reaches.",
    }
    category = kind.property("category")
    if category is not None:
        annotations["category"] = list[choice_enum(kind.label, category)] | None  # type: ignore[misc]
        docs["category"] = "Only these categories."
    if _dated(kind):
        annotations["date_from"] = str | None
        annotations["date_to"] = str | None
        docs["date_from"] = "Still running on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."
        docs["date_to"] = "Started on or before this date."
    namespace: dict[str, Any] = {"__annotations__": annotations, "__module__": __name__}
    for name in annotations:
        namespace[name] = strawberry.field(default=None, description=docs[name])
    cls = type(f"{kind.label}Filter", (), namespace)
    return strawberry.input(
        cls, description=f"Which {kind.plural} to list; all given conditions must hold."
    )


def _sort_enum(kind: NodeKind) -> type[Enum]:
    members = {"NAME": "name", "SLUG": "slug"}
    if _dated(kind):
        members["START_DATE"] = "start_date"
    enum = Enum(f"{kind.label}SortField", members)  # type: ignore[misc]
    return strawberry.enum(enum, description=f"What {kind.plural} can be sorted by.")


def _order_input(kind: NodeKind) -> type[Any]:
    sort_enum = _sort_enum(kind)
    cls = type(
        f"{kind.label}Order",
        (),
        {
            "__annotations__": {"field": sort_enum, "direction": SortDirection},
            "__module__": __name__,
            "field": strawberry.field(default=sort_enum("name"), description="The sort key."),
            "direction": strawberry.field(default=SortDirection.ASC, description="The direction."),
        },
    )
    return strawberry.input(cls, description="Sort order; ties are broken by slug.")


def _connection_types(kind: NodeKind) -> type[Any]:
    node_type = NODE_TYPES[kind.label]
    edge = strawberry.type(
        type(
            f"{kind.label}Edge",
            (),
            {
                "__annotations__": {"cursor": str, "node": node_type},
                "__module__": __name__,
            },
        ),
        description=f"One {kind.label} in a list, with its cursor.",
    )

    async def total_count(self: Any, info: Info[RequestContext, None]) -> int:
        total: int = await self.request.total(info.context.read)
        return total

    total_count.__annotations__ = {"info": Info[RequestContext, None], "return": int}
    namespace: dict[str, Any] = {
        "__annotations__": {
            "edges": list[edge],
            "page_info": PageInfo,
            "request": strawberry.Private[ListRequest],
        },
        "__module__": __name__,
        "total_count": strawberry.field(
            resolver=total_count,
            description="How many match the filter in all pages (one count query, only when "
            "selected).",
        ),
    }

    def nodes(self: Any) -> list[Any]:
        return [e.node for e in self.edges]

    nodes.__annotations__ = {"return": list[node_type]}
    namespace["nodes"] = strawberry.field(resolver=nodes, description="The page's nodes.")
    cls = type(f"{kind.label}Connection", (), namespace)
    return strawberry.type(cls, description=f"A page of {kind.plural}.")


def _convert_filters(kind: NodeKind, given: Any) -> dict[str, Any]:
    if given is None:
        return {}
    filters: dict[str, Any] = {}
    for name, value in vars(given).items():
        if value is None or value is strawberry.UNSET:
            continue
        if name == "name":
            value = name_filter(value)
        elif name == "category":
            value = [member.value for member in value]
        elif name in ("date_from", "date_to"):
            value = date_key(value, f"filter.{camel(name)}", end=name == "date_to")
        filters[name] = value
    return filters


ENTITY_FILTERS: dict[str, tuple[str, ...]] = {
    "country": (COUNTRY.label,),
    "city": (CITY.label,),
    "programme": (PROGRAMME.label,),
    "theme": (THEME.label,),
    "funder": FUNDS.sources,
}
"""Filters that name an entity (an id, a name or an alias), and the kinds it may be."""


async def _resolve_entities(context: RequestContext, filters: dict[str, Any]) -> dict[str, Any]:
    """The filters with every entity they name replaced by its id (see `references`)."""
    named = [name for name in filters if name in ENTITY_FILTERS]
    found = await asyncio.gather(
        *(
            slug_or_text(context, filters[name], f"filter.{name}", ENTITY_FILTERS[name])
            for name in named
        )
    )
    return {**filters, **dict(zip(named, found, strict=True))}


def _fields(selections: list[Any]) -> Iterator[SelectedField]:
    """The selected fields, with fragments (named or inline) expanded."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        else:
            yield from _fields(selection.selections)


def _selects(selections: list[Any], path: tuple[str, ...]) -> bool:
    if not path:
        return True
    return any(
        field.name == path[0] and _selects(field.selections, path[1:])
        for field in _fields(selections)
    )


def _node_selections(selections: list[Any]) -> Iterator[Any]:
    """What is selected under each listed node, through `nodes` and through `edges { node }`."""
    for selected in _fields(selections):
        if selected.name == "nodes":
            yield from selected.selections
        elif selected.name == "edges":
            for edge_field in _fields(selected.selections):
                if edge_field.name == "node":
                    yield from edge_field.selections


PAGE_FIELDS = ("edges", "nodes", "pageInfo")
"""The connection's fields that need the page query (`totalCount` has its own)."""


def _cursor(request: ListRequest, row: dict[str, Any] | None) -> str | None:
    return None if row is None else request.cursor(row["sort_value"], row["row"]["node"]["id"])


def list_field(kind: NodeKind, field_name: str, extra_label: str | None = None) -> Any:
    """The root field listing `kind` (only nodes that also carry `extra_label`, when given)."""
    filter_input = _filter_input(kind) if extra_label is None else FILTERS[kind.label]
    FILTERS.setdefault(kind.label, filter_input)
    order_input = ORDERS.setdefault(kind.label, _order_input(kind))
    connection = CONNECTIONS.setdefault(kind.label, _connection_types(kind))
    edge_type = connection.__annotations__["edges"].__args__[0]

    async def resolve(
        self: Any,
        info: Info[RequestContext, None],
        filter: Any = None,
        order_by: Any = None,
        first: First = None,
        after: After = None,
    ) -> Any:
        context = info.context
        selections = info.selected_fields[0].selections
        # Whatever is selected under the nodes (their sources, their relationship fields, to
        # any depth) is fetched by the page query itself.
        plan = node_plan(_node_selections(selections), (kind.label,), context.page_size)
        request = ListRequest(
            label=kind.label,
            extra_label=extra_label,
            filters=await _resolve_entities(context, _convert_filters(kind, filter)),
            sort=order_by.field.value if order_by else "name",
            descending=bool(order_by and order_by.direction is SortDirection.DESC),
            first=context.page_size(first),
            after=after,
            plan=plan,
        )
        if not any(_selects(selections, (name,)) for name in PAGE_FIELDS):
            # Only `totalCount` (or `__typename`): the count query alone answers it, but a
            # cursor the page would refuse is refused all the same.
            request.after_key()
            page_info = PageInfo(
                has_next_page=False, has_previous_page=False, start_cursor=None, end_cursor=None
            )
            return connection(edges=[], request=request, page_info=page_info)
        rows = await request.page(context.read)
        page = rows[: request.first]
        cursors = _selects(selections, ("edges", "cursor"))
        edges = [
            edge_type(
                cursor=request.cursor(row["sort_value"], row["row"]["node"]["id"])
                if cursors
                else "",  # not selected, so never sent: no need to encode it
                node=build_entity(row["row"], plan),
            )
            for row in page
        ]
        first_row, last_row = (page[0], page[-1]) if page else (None, None)
        return connection(
            edges=edges,
            request=request,
            page_info=PageInfo(
                has_next_page=len(rows) > request.first,
                has_previous_page=after is not None,
                start_cursor=_cursor(request, first_row),
                end_cursor=_cursor(request, last_row),
            ),
        )

    resolve.__annotations__ = {
        "info": Info[RequestContext, None],
        "filter": filter_input | None,
        "order_by": order_input | None,
        "first": First,
        "after": After,
        "return": connection,
    }
    what = kind.plural if extra_label is None else "funders: institutions that fund something"
    return strawberry.field(
        resolver=resolve,
        name=field_name,
        description=f"List {what}, filtered, sorted and paged by cursor.",
    )


FILTERS: dict[str, type[Any]] = {}
ORDERS: dict[str, type[Any]] = {}
CONNECTIONS: dict[str, type[Any]] = {}


def root_list_fields() -> dict[str, Any]:
    """Every root list field, by name: one per kind plus `funders`."""
    fields = {kind.plural: list_field(kind, kind.plural) for kind in MODEL.node_kinds}
    fields["funders"] = list_field(INSTITUTION, "funders", FUNDER_LABEL)
    return fields
