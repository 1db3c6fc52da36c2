"""The root Mutation type: create, update (partial), upsert and delete entities; link and unlink.

Input types are generated from the domain model like the output types. Every mutation validates
with the loader's rules and messages, writes with the loader's statements, and records an audit
entry; the HTTP layer runs all root mutations of a request in one transaction (all or nothing).
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graphsvc.api.schema.entities import NODE_TYPES, build_entity
from graphsvc.api.schema.links import LINK_PROPERTIES, Link, build_link
from graphsvc.api.schema.query import EntityKind
from graphsvc.api.schema.scalars import RelationshipType, base_type
from graphsvc.model import MODEL
from graphsvc.model.domain import SOURCE, SOURCES_PROPERTY
from graphsvc.model.types import NodeKind, Property, PropertyType
from graphsvc.service import changes, writes
from graphsvc.service.context import RequestContext
from graphsvc.store import entities as stored


def _input_annotation(owner: str, prop: Property, *, required: bool) -> Any:
    base = base_type(owner, prop, date=str)  # dates are written as text: 2012-05, --05-30
    return base if required else base | None


def _input_type(kind: NodeKind, *, patch: bool) -> type[Any]:
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__module__": __name__}
    props = list(kind.properties)
    if kind.label != SOURCE.label:
        props.append(SOURCES_PROPERTY)
    for prop in props:
        if patch and prop.name == "id":
            continue
        name = "slug" if prop.name == "id" else prop.name
        required = prop.required and not patch
        annotations[name] = _input_annotation(kind.label, prop, required=required)
        hint = (
            " Dates are written YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD."
            if prop.type is PropertyType.PARTIAL_DATE
            else ""
        )
        namespace[name] = strawberry.field(
            description=prop.description + hint,
            **({} if required else {"default": strawberry.UNSET}),
        )
    namespace["__annotations__"] = annotations
    suffix = "Patch" if patch else "Input"
    what = (
        "The fields to change; a field set to null is removed (required ones cannot be)."
        if patch
        else f"A whole {kind.label} entry, as in a seed file."
    )
    return strawberry.input(type(f"{kind.label}{suffix}", (), namespace), description=what)


def _link_input() -> type[Any]:
    annotations: dict[str, Any] = {
        "type": RelationshipType,
        "from_": str,
        "to": str,
        "sources": list[str],
    }
    namespace: dict[str, Any] = {
        "__module__": __name__,
        "type": strawberry.field(description="The relationship's kind."),
        "from_": strawberry.field(name="from", description="Readable id of the source node."),
        "to": strawberry.field(description="Readable id of the target node."),
        "sources": strawberry.field(description=SOURCES_PROPERTY.description),
    }
    for name, prop in LINK_PROPERTIES.items():
        annotations[name] = _input_annotation("Link", prop, required=False)
        namespace[name] = strawberry.field(
            default=strawberry.UNSET, description=f"{prop.description} (kinds that have it)"
        )
    namespace["__annotations__"] = annotations
    return strawberry.input(
        type("LinkInput", (), namespace),
        description="A relationship to create, or to replace if it exists.",
    )


LinkInput = _link_input()


def _entry(given: Any) -> tuple[dict[str, Any], set[str]]:
    """The seed-style entry an input holds, and the fields explicitly set to null."""
    entry: dict[str, Any] = {}
    cleared: set[str] = set()
    for name, value in vars(given).items():
        key = {"slug": "id", "from_": "from"}.get(name, name)
        if value is strawberry.UNSET:
            continue
        if value is None:
            cleared.add(key)
        elif isinstance(value, Enum):
            entry[key] = value.value
        elif isinstance(value, list):
            entry[key] = [v.value if isinstance(v, Enum) else v for v in value]
        else:
            entry[key] = value
    return entry, cleared


async def _reload(context: RequestContext, slug: str) -> Any:
    rows = await stored.nodes_by_slug(context.read, [slug])
    assert rows[0] is not None
    return build_entity(rows[0])


def _mutations_for(kind: NodeKind) -> dict[str, Any]:
    label = kind.label
    node_type = NODE_TYPES[label]
    create_input = _input_type(kind, patch=False)
    patch_input = _input_type(kind, patch=True)

    async def create(self: Any, info: Info[RequestContext, None], input: Any) -> Any:
        entry, _ = _entry(input)
        record = await changes.create_entity(info.context, label, entry)
        return await _reload(info.context, record.id)

    async def update(self: Any, info: Info[RequestContext, None], slug: str, patch: Any) -> Any:
        given, cleared = _entry(patch)
        await changes.update_entity(info.context, label, slug, given, cleared)
        return await _reload(info.context, slug)

    async def upsert(self: Any, info: Info[RequestContext, None], input: Any) -> Any:
        entry, _ = _entry(input)
        record = await changes.upsert_entity(info.context, label, entry)
        return await _reload(info.context, record.id)

    create.__annotations__ = {
        "info": Info[RequestContext, None],
        "input": create_input,
        "return": node_type,
    }
    update.__annotations__ = {
        "info": Info[RequestContext, None],
        "slug": str,
        "patch": patch_input,
        "return": node_type,
    }
    upsert.__annotations__ = dict(create.__annotations__)
    a = "an" if label[0] in "AEIOU" else "a"
    return {
        f"create_{label.lower()}": strawberry.field(
            resolver=create,
            name=f"create{label}",
            description=f"Add {a} {label}; refused if its slug exists.",
        ),
        f"update_{label.lower()}": strawberry.field(
            resolver=update,
            name=f"update{label}",
            description=f"Change some fields of {a} {label}; the rest stay as they are.",
        ),
        f"upsert_{label.lower()}": strawberry.field(
            resolver=upsert,
            name=f"upsert{label}",
            description=f"Create {a} {label}, or replace the stored one with this slug whole.",
        ),
    }


@strawberry.type(description="What a delete removed.")
class Deleted:
    slug: str
    kind: EntityKind  # type: ignore[valid-type]
    relationships_removed: int


async def delete_entity(
    info: Info[RequestContext, None],
    slug: Annotated[str, strawberry.argument(description="Readable id of the entity.")],
) -> Deleted:
    label, removed = await changes.delete_entity(info.context, slug)
    return Deleted(slug=slug, kind=EntityKind(label), relationships_removed=removed)


async def link(info: Info[RequestContext, None], input: LinkInput) -> Link:  # type: ignore[valid-type]
    context = info.context
    entry, _ = _entry(input)
    record = await changes.add_link(context, entry)
    return build_link(await writes.read_link(context, record))


async def unlink(
    info: Info[RequestContext, None],
    type: RelationshipType,  # type: ignore[valid-type]
    from_: Annotated[str, strawberry.argument(name="from")],
    to: str,
) -> bool:
    await changes.remove_link(info.context, type.value, from_, to)
    return True


def _mutation_type() -> type[Any]:
    namespace: dict[str, Any] = {"__module__": __name__}
    for kind in MODEL.node_kinds:
        namespace.update(_mutations_for(kind))
    namespace["delete_entity"] = strawberry.field(
        resolver=delete_entity, description="Delete an entity with its relationships."
    )
    namespace["link"] = strawberry.field(
        resolver=link, description="Create a relationship, or replace the stored one."
    )
    namespace["unlink"] = strawberry.field(
        resolver=unlink, description="Delete a relationship; NOT_FOUND if there is none."
    )
    return strawberry.type(
        type("Mutation", (), namespace),
        description="Change the graph. Needs an editor API key; all root "
        "mutations of a request succeed together or not at all.",
    )


Mutation = _mutation_type()
