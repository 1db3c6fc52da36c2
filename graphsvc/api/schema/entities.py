"""One GraphQL object type per node kind, generated from the domain model.

Each kind's type has the kind's properties as fields and one field per relationship it can have
(`Institution.funds`, `Programme.fundedBy`), returning edges that carry the relationship's own
properties (a funding amount, a person's role title) and its Source documents. Add a kind or a
relationship to `graphsvc.model.domain` and it appears here.

The generated classes are also bound as module globals under their GraphQL names, so that the
hand-written interfaces below can name them in annotations (`list[Source]`), which strawberry
resolves lazily when the schema is built.
"""

from __future__ import annotations

from functools import cache, partial
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graphsvc.api.schema.naming import camel, global_id, pascal
from graphsvc.api.schema.prefetch import Prefetched, end_plan, prefetched
from graphsvc.api.schema.scalars import output_type, output_value
from graphsvc.model import MODEL
from graphsvc.model.domain import COMMON_NODE_PROPERTIES, SOURCE
from graphsvc.model.types import NodeKind, Property, RelationshipKind
from graphsvc.service.context import RequestContext
from graphsvc.store import entities as stored

First = Annotated[
    int | None,
    strawberry.argument(description="How many to return (default and maximum are settings)."),
]
_COMMON = {p.name for p in COMMON_NODE_PROPERTIES}


@strawberry.interface(description="Anything with a global id (Relay): pass it to `node(id:)`.")
class Node:
    slug: str = strawberry.field(
        description="The readable id, unique in the graph "
        "(e.g. `medcities`); `entity(slug:)` finds it."
    )

    @strawberry.field(description="Opaque global id, stable across requests and servers.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(global_id(type(self).__name__, self.slug))


@strawberry.interface(
    description="Every node of the domain model: an institution, city, "
    "programme, event, person, theme, place or source document."
)
class Entity(Node):
    name: str = strawberry.field(description="The name as written, accents kept.")
    aliases: list[str] = strawberry.field(description="Other spellings, translations, acronyms.")
    description: str | None = strawberry.field(description="What this is, in our own words.")
    uncertain: bool = strawberry.field(description="True when the sources only suggest it.")
    note: str | None = strawberry.field(description="What a reader should know about the evidence.")

    @strawberry.field(description="The Source documents that support this entry.")
    def sources(self, info: Info[RequestContext, None]) -> list[Source]:  # noqa: F821
        # Not `async`: fetched with the node (see `prefetch`), the answer is a plain list, which
        # spares the executor a coroutine per node; otherwise an awaitable it awaits.
        found: Prefetched | None = getattr(self, "_prefetched", None)
        if found is not None and found.sources is not None:
            rows, plan = found.sources
            return [build_entity(row, plan) for row in rows]
        return _load_sources(info.context, self.slug)  # type: ignore[return-value]


async def _load_sources(context: RequestContext, slug: str) -> list[Any]:
    rows = await context.loader("sources", partial(stored.sources_of, context.read)).load(slug)
    return [build_entity(row) for row in rows]


NODE_TYPES: dict[str, type[Any]] = {}
EDGE_TYPES: dict[tuple[str, bool], type[Any]] = {}


@cache
def _fields_of(label: str) -> tuple[Property, ...]:
    """A kind's properties that are fields of its type (the id is `slug`), looked up once."""
    kind = MODEL.node_kind(label)
    assert kind is not None, label
    return tuple(p for p in kind.properties if p.name != "id")


def build_entity(row: stored.NodeRow, plan: stored.NodePlan = stored.NOTHING) -> Any:
    """The GraphQL object for a node row returned by a query (`{label, node}`).

    It carries what `plan` fetched with the node, for its nested fields (see `prefetch`).
    """
    label = row["label"]
    stored = row["node"]
    values = {p.name: output_value(label, p, stored.get(p.name)) for p in _fields_of(label)}
    if label == SOURCE.label and values.get("title") is None:
        # Every Source gets a title a person can read: an imported file's name is one.
        values["title"] = stored.get("name")
    built = NODE_TYPES[label](slug=stored["id"], **values)
    if plan.nested:
        built._prefetched = prefetched(row, plan)
    return built


def build_edge(
    rel: RelationshipKind,
    outgoing: bool,
    link: dict[str, Any],
    end: stored.NodePlan = stored.NOTHING,
) -> Any:
    """The GraphQL edge for one relationship row (`{relationship, end}`; `end` fetched the end)."""
    stored = link["relationship"]
    values = {
        p.name: output_value(pascal(rel.outgoing), p, stored.get(p.name))
        for p in rel.properties
        if p.name != "sources"
    }
    return EDGE_TYPES[(rel.type, outgoing)](
        node=build_entity(link["end"], end), source_rows=link["sources"], **values
    )


def _edge_sources(self: Any) -> list[Source]:  # noqa: F821 - generated below
    return [build_entity(row) for row in self.source_rows]


def _edge_type(rel: RelationshipKind, outgoing: bool) -> type[Any]:
    field_name = rel.outgoing if outgoing else rel.incoming
    ends = rel.targets if outgoing else rel.sources
    node_type: Any = NODE_TYPES[ends[0]] if len(ends) == 1 else Entity
    owner = pascal(rel.outgoing)
    annotations: dict[str, Any] = {"node": node_type, "source_rows": strawberry.Private[list[Any]]}
    namespace: dict[str, Any] = {
        "node": strawberry.field(description=f"The {'/'.join(ends)} at the other end."),
    }
    for prop in rel.properties:
        if prop.name == "sources":
            continue
        annotations[prop.name] = output_type(owner, prop)
        namespace[prop.name] = strawberry.field(description=prop.description)
    namespace["sources"] = strawberry.field(
        resolver=_edge_sources, description="The Source documents that support this link."
    )
    namespace["__annotations__"] = annotations
    namespace["__module__"] = __name__
    direction = "to" if outgoing else "from"
    cls = type(f"{pascal(field_name)}Edge", (), namespace)
    return strawberry.type(
        cls, description=f"A {rel.type} relationship {direction} this node: {rel.description}"
    )


def _link_field(rel: RelationshipKind, outgoing: bool) -> Any:
    edge_type = EDGE_TYPES[(rel.type, outgoing)]

    def resolve(self: Any, info: Info[RequestContext, None], first: First = None) -> Any:
        # Not `async`, like `Entity.sources`: a plain list when folded into the parent's
        # statement, an awaitable for the executor otherwise.
        context = info.context
        limit = context.page_size(first)
        found: Prefetched | None = getattr(self, "_prefetched", None)
        fetched = found.links.get((rel.type, outgoing, limit)) if found is not None else None
        if fetched is not None:
            links, end = fetched
            return [build_edge(rel, outgoing, link, end) for link in links]
        return load(context, self.slug, limit, info.selected_fields[0].selections)

    async def load(
        context: RequestContext, slug: str, limit: int, selections: list[Any]
    ) -> list[Any]:
        # One batch for every parent, which fetches the deeper levels selected under the
        # field in the same statement.
        end = end_plan(selections, rel, outgoing, context.page_size)
        loader = context.loader(
            ("links", rel.type, outgoing, limit, end),
            partial(stored.links_of, context.read, rel.type, outgoing, limit, end=end),
        )
        return [build_edge(rel, outgoing, link, end) for link in await loader.load(slug)]

    resolve.__annotations__ = {
        "info": Info[RequestContext, None],
        "first": First,
        "return": list[edge_type],
    }
    field_name = rel.outgoing if outgoing else rel.incoming
    arrow = f"-[:{rel.type}]->" if outgoing else f"<-[:{rel.type}]-"
    return strawberry.field(
        resolver=resolve, name=camel(field_name), description=f"`{arrow}` {rel.description}"
    )


async def _supports(
    self: Any, info: Info[RequestContext, None], first: First = None
) -> list[Entity]:
    context = info.context
    limit = context.page_size(first)
    loader = context.loader(("supports", limit), partial(stored.supported_by, context.read, limit))
    return [build_entity(row) for row in await loader.load(self.slug)]


def _node_class(kind: NodeKind) -> type[Any]:
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__module__": __name__}
    for prop in kind.properties:
        if prop.name in _COMMON:
            continue
        annotations[prop.name] = output_type(kind.label, prop)
        namespace[prop.name] = strawberry.field(description=prop.description)
    namespace["__annotations__"] = annotations
    return type(kind.label, (Entity,), namespace)


def _generate() -> None:
    for kind in MODEL.node_kinds:
        NODE_TYPES[kind.label] = _node_class(kind)
        globals()[kind.label] = NODE_TYPES[kind.label]
    for rel in MODEL.relationship_kinds:
        for outgoing in (True, False):
            EDGE_TYPES[(rel.type, outgoing)] = _edge_type(rel, outgoing)
    for kind in MODEL.node_kinds:
        cls = NODE_TYPES[kind.label]
        for field_name, rel, outgoing in MODEL.links(kind.label):
            setattr(cls, field_name, _link_field(rel, outgoing))
        if kind.label == SOURCE.label:
            cls.supports_facts = strawberry.field(
                resolver=_supports,
                name="supportsEntries",
                description="The entries this document supports.",
            )
        strawberry.type(cls, description=kind.description)


_generate()
