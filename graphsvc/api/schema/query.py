"""The root Query type: lookups, search, the per-kind lists and the collaboration questions."""

from __future__ import annotations

from enum import Enum
from functools import partial
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graphsvc.api.schema.collaboration import SearchHit, resolve_connection, resolve_partners
from graphsvc.api.schema.entities import Entity, First, Node, build_entity
from graphsvc.api.schema.funding import resolve_funding_trace
from graphsvc.api.schema.lists import root_list_fields
from graphsvc.api.schema.money import resolve_money_trace
from graphsvc.api.schema.naming import parse_global_id
from graphsvc.api.schema.prefetch import node_plan
from graphsvc.model import MODEL
from graphsvc.model.names import name_key
from graphsvc.service.audit import audit_trail
from graphsvc.service.context import RequestContext
from graphsvc.service.errors import ApiError, ErrorCode, bad_input
from graphsvc.service.references import NAMES, named
from graphsvc.store import collaboration
from graphsvc.store import entities as stored
from graphsvc.store.search_text import check_search_text

EntityKind = strawberry.enum(
    Enum("EntityKind", {label.upper(): label for label in MODEL.labels}),  # type: ignore[misc]
    description="A kind of node in the domain model.",
)


async def resolve_node(
    info: Info[RequestContext, None],
    id: Annotated[strawberry.ID, strawberry.argument(description="A global id (`Node.id`).")],
) -> Node | None:
    label, slug = parse_global_id(str(id), MODEL)
    context = info.context
    plan = node_plan(info.selected_fields[0].selections, (label,), context.page_size)
    load = partial(stored.nodes_by_slug, context.read, plan=plan)
    row = await context.loader(("node", plan), load).load(slug)
    return build_entity(row, plan) if row is not None and row["label"] == label else None


async def resolve_entity(
    info: Info[RequestContext, None],
    slug: Annotated[
        str,
        strawberry.argument(
            description=f"Which entity: {NAMES}, such as `medcities` or `MedCités`."
        ),
    ],
) -> Entity | None:
    context = info.context
    plan = node_plan(info.selected_fields[0].selections, MODEL.labels, context.page_size)
    if plan.nested:
        # An id (what clients pass most) is fetched with every nested field selected under
        # it in one statement; a name or an alias goes the way of every argument naming an
        # entity, and its nested fields through their DataLoaders.
        load = partial(stored.nodes_by_slug, context.read, plan=plan)
        row = await context.loader(("node", plan), load).load(slug)
        if row is not None:
            return build_entity(row, plan)
    row = await named(context, slug, "slug")
    return build_entity(row) if row is not None else None


async def resolve_search(
    info: Info[RequestContext, None],
    text: Annotated[
        str,
        strawberry.argument(
            description="Words of a name or alias; accents, case and punctuation do not matter."
        ),
    ],
    kinds: Annotated[
        list[EntityKind] | None,
        strawberry.argument(  # type: ignore[valid-type]
            description="Only these kinds (default: all)."
        ),
    ] = None,
    first: First = None,
) -> list[SearchHit]:
    check_search_text(text)
    key = name_key(text)
    if not key:
        raise bad_input("`text` needs at least one letter or digit")
    context = info.context
    labels = [k.value for k in kinds] if kinds else list(MODEL.labels)
    rows = await stored.search(context.read, key, labels, context.page_size(first))
    return [
        SearchHit(node=build_entity(row["row"]), exact=row["exact"], score=row["score"])
        for row in rows
    ]


@strawberry.type(description="One change to the graph: who made it, when, and what it was.")
class AuditEntry:
    at: str = strawberry.field(description="When it was committed (UTC, ISO 8601).")
    actor: str = strawberry.field(description="The name of the API key used.")
    key_id: str | None = strawberry.field(description="The id of the API key used.")
    operation: str = strawberry.field(description="The mutation, e.g. `createInstitution`.")
    target: str = strawberry.field(description="The entity or relationship changed.")
    arguments: str = strawberry.field(description="The mutation's input, as JSON.")


async def resolve_audit_trail(
    info: Info[RequestContext, None], first: First = None
) -> list[AuditEntry]:
    context = info.context
    if not context.principal.can_see_audit:
        raise ApiError(ErrorCode.FORBIDDEN, "the audit trail is for editor keys only")
    rows = await audit_trail(context, context.page_size(first))
    return [AuditEntry(**row) for row in rows]


def _query_type() -> type[Any]:
    namespace: dict[str, Any] = {
        "__module__": __name__,
        "node": strawberry.field(
            resolver=resolve_node, description="The node with this global id (Relay)."
        ),
        "entity": strawberry.field(
            resolver=resolve_entity,
            description="The entity with this readable id, name or alias (null when none).",
        ),
        "search": strawberry.field(
            resolver=resolve_search, description="Find entities by name or alias, best first."
        ),
        "partners": strawberry.field(
            resolver=resolve_partners,
            description="Who collaborates with an institution or city, through what, with the "
            "evidence; the most-evidenced partners first. A programme, event or network with "
            f"more than {collaboration.BROAD:,} participations is broad and makes no one a "
            "partner: partners share something narrower.",
        ),
        "connection": strawberry.field(
            resolver=resolve_connection,
            description="The shortest collaboration paths between two entities.",
        ),
        "funding_trace": strawberry.field(
            resolver=resolve_funding_trace,
            description="Follow a funder's money through programmes, implementers and events "
            "to places, with every step's sources.",
        ),
        "money_trace": strawberry.field(
            resolver=resolve_money_trace,
            description="Follow a funder's money through imported IATI activities, across "
            "publishers, with amounts per transaction type and currency.",
        ),
        "audit_trail": strawberry.field(
            resolver=resolve_audit_trail,
            description="The most recent changes, newest first (editor keys only).",
        ),
        **root_list_fields(),
    }
    return strawberry.type(type("Query", (), namespace), description="Read the partnership graph.")


Query = _query_type()
