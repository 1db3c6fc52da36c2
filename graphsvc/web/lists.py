"""Lists per kind: an index of the kinds with their counts, and one kind's entities, filtered.

A list is the API's own (`graphsvc.service.listing.ListRequest` over `graphsvc.store.listing`): the
same filters, sorts and keyset pagination, so a page here and a GraphQL page hold the same
entities in the same order, and "Next page" carries the API's cursor. Filters that name an entity
(country, programme, theme, funder) take an id, a name or an alias, resolved as the API resolves
them. A value the API would refuse is answered with its message on the page (400), never an error.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graphsvc import urls
from graphsvc.model import FUNDER_LABEL, MODEL
from graphsvc.model.domain import COUNTRY, FUNDS, PROGRAMME, THEME
from graphsvc.model.wording import human_period
from graphsvc.service.errors import ApiError, ErrorCode
from graphsvc.service.listing import ListRequest, date_key, name_filter
from graphsvc.service.references import slug_or_text
from graphsvc.store.queries import graph_counts_async
from graphsvc.store.whereabouts import countries_of
from graphsvc.web.handling import context_of
from graphsvc.web.page import page
from graphsvc.web.viewer import reader

PAGE_SIZE = 50
"""Rows per page unless the address asks for another `size` (1 to `LARGEST_PAGE`)."""
LARGEST_PAGE = 200
_LONGEST = 200
"""A filter value longer than this is refused before any query."""


@dataclass(frozen=True)
class NamedFilter:
    """A filter that names an entity: its field, its words, the kinds it may name."""

    name: str
    words: str
    kinds: tuple[str, ...]


NAMED_FILTERS = (
    NamedFilter("country", COUNTRY.label, (COUNTRY.label,)),
    NamedFilter("programme", PROGRAMME.label, (PROGRAMME.label,)),
    NamedFilter("theme", THEME.label, (THEME.label,)),
    NamedFilter("funder", FUNDER_LABEL, FUNDS.sources),
)
"""The entity filters the form offers (the API's `filter` fields of the same names)."""


def _dated(kind: str) -> bool:
    found = MODEL.node_kind(kind)
    return found is not None and found.property("start_date") is not None


async def index(request: Request) -> Response:
    context = context_of(request)
    viewer = await reader(request, context)
    counts = await graph_counts_async(context.read, MODEL)
    return page(
        "lists.html",
        title="Lists",
        viewer=viewer,
        section="lists",
        kinds=[
            {
                "kind": kind.label,
                "plural": kind.plural,
                "description": kind.description,
                "count": counts["nodes"][kind.label],
                "href": urls.list_url(kind.label),
            }
            for kind in MODEL.node_kinds
        ],
    )


def _text(request: Request, name: str) -> str:
    value = request.query_params.get(name, "").strip()
    if len(value) > _LONGEST:
        raise ApiError(
            ErrorCode.BAD_USER_INPUT, f"`{name}` is {len(value)} characters; at most {_LONGEST}"
        )
    if any("\ud800" <= c <= "\udfff" or c == "\x00" for c in value):
        raise ApiError(ErrorCode.BAD_USER_INPUT, f"`{name}` holds characters that are not text")
    return value


async def _request(request: Request, context: Any, kind: str) -> tuple[ListRequest, dict[str, str]]:
    """The API's list request for the page's query string, and the form's values as given."""
    given = {
        name: _text(request, name)
        for name in (
            "name",
            *(f.name for f in NAMED_FILTERS),
            "from",
            "to",
            "sort",
            "order",
            "size",
            "after",
        )
    }
    filters: dict[str, Any] = {}
    if given["name"]:
        filters["name"] = name_filter(given["name"])
    named = [f for f in NAMED_FILTERS if given[f.name]]
    resolved = await asyncio.gather(
        *(slug_or_text(context, given[f.name], f.name, f.kinds) for f in named)
    )
    filters.update({f.name: value for f, value in zip(named, resolved, strict=True)})
    if _dated(kind):
        if given["from"]:
            filters["date_from"] = date_key(given["from"], "from", end=False)
        if given["to"]:
            filters["date_to"] = date_key(given["to"], "to", end=True)
    sorts = ("name", "start_date") if _dated(kind) else ("name",)
    sort = given["sort"] or "name"
    if sort not in sorts:
        raise ApiError(
            ErrorCode.BAD_USER_INPUT, f"`sort` is one of {', '.join(sorts)}; not {sort[:40]!r}"
        )
    if given["order"] not in ("", "asc", "desc"):
        raise ApiError(ErrorCode.BAD_USER_INPUT, "`order` is asc or desc")
    size = PAGE_SIZE
    if given["size"]:
        if not given["size"].isdigit() or not 1 <= int(given["size"]) <= LARGEST_PAGE:
            raise ApiError(
                ErrorCode.BAD_USER_INPUT, f"`size` is a number of rows from 1 to {LARGEST_PAGE}"
            )
        size = int(given["size"])
    list_request = ListRequest(
        label=kind,
        filters=filters,
        sort=sort,
        descending=given["order"] == "desc",
        first=size,
        after=given["after"] or None,
    )
    try:
        list_request.after_key()  # a cursor from elsewhere is refused before any query
    except ApiError:
        raise ApiError(
            ErrorCode.BAD_USER_INPUT,
            "This “Next page” link is broken or belongs to another list or order; "
            "start again from the first page.",
        ) from None
    return list_request, given


async def kind_list(request: Request) -> Response:
    context = context_of(request)
    viewer = await reader(request, context)
    kind = request.path_params["kind"]
    node_kind = MODEL.node_kind(kind)
    if node_kind is None:
        return page(
            "lists.html",
            title="No such list",
            viewer=viewer,
            section="lists",
            status=404,
            problem=f"There is no list of “{kind[:60]}”; these are the kinds in the graph.",
            kinds=[
                {
                    "kind": k.label,
                    "plural": k.plural,
                    "description": k.description,
                    "count": None,
                    "href": urls.list_url(k.label),
                }
                for k in MODEL.node_kinds
            ],
        )
    values: dict[str, Any] = {
        "kind": kind,
        "plural": node_kind.plural,
        "dated": _dated(kind),
        "has_category": node_kind.property("category") is not None,
        "named_filters": NAMED_FILTERS,
        "given": {},
        "rows": [],
        "total": None,
        "next_href": None,
        "first_href": None,
        "problem": None,
    }
    try:
        list_request, given = await _request(request, context, kind)
        values["given"] = given
        rows, total = await asyncio.gather(
            list_request.page(context.read), list_request.total(context.read)
        )
    except ApiError as error:
        if error.code is not ErrorCode.BAD_USER_INPUT:
            raise
        values["given"] = {k: v[:_LONGEST] for k, v in request.query_params.items()}
        values["problem"] = error.message
        return page(
            "list.html",
            title=node_kind.plural.capitalize(),
            viewer=viewer,
            section="lists",
            status=400,
            **values,
        )
    shown = rows[: list_request.first]
    countries = await countries_of(context.read, [str(r["row"]["node"]["id"]) for r in shown])
    kept = {k: v for k, v in given.items() if v and k != "after"}
    values["rows"] = [_row(r["row"]["node"], countries) for r in shown]
    values["total"] = total
    if len(rows) > list_request.first:
        last = shown[-1]
        cursor = list_request.cursor(last["sort_value"], str(last["row"]["node"]["id"]))
        values["next_href"] = urls.list_url(kind) + "?" + urlencode({**kept, "after": cursor})
    if given["after"]:
        values["first_href"] = urls.list_url(kind, **kept)
    values["sort_links"] = _sort_links(kind, kept, values["dated"])
    return page(
        "list.html", title=node_kind.plural.capitalize(), viewer=viewer, section="lists", **values
    )


def _row(node: dict[str, Any], countries: dict[str, list[str]]) -> dict[str, Any]:
    slug = str(node["id"])
    return {
        "name": str(node.get("name") or slug),
        "href": urls.entity_url(slug),
        "aliases": ", ".join(map(str, node.get("aliases") or [])),
        "where": ", ".join(countries.get(slug, [])),
        "when": human_period(node.get("start_date"), node.get("end_date")),
        "category": str(node.get("category") or "").replace("-", " "),
    }


def _sort_links(kind: str, kept: dict[str, str], dated: bool) -> list[dict[str, Any]]:
    """The orders one may switch to, each a link (keeping the filters, from the first page)."""
    choices = [("name", "asc", "Name A–Z"), ("name", "desc", "Name Z–A")]
    if dated:
        choices += [("start_date", "asc", "Earliest first"), ("start_date", "desc", "Latest first")]
    current = (kept.get("sort", "name"), kept.get("order", "asc"))
    links = []
    for sort, order, words in choices:
        query = {**kept, "sort": sort, "order": order}
        links.append(
            {
                "words": words,
                "href": urls.list_url(kind) + "?" + urlencode(query),
                "current": (sort, order) == current,
            }
        )
    return links


routes = [
    Route(urls.LISTS, index, methods=["GET"]),
    Route(urls.LIST, kind_list, methods=["GET"]),
]
