"""Root fields that answer questions about collaboration: partners and paths (and search hits)."""

from __future__ import annotations

import asyncio
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphsvc.api.schema.entities import Entity, First, build_entity
from graphsvc.api.schema.links import Link, build_link
from graphsvc.api.schema.scalars import RelationshipType
from graphsvc.model import MODEL
from graphsvc.model.domain import COUNTRY
from graphsvc.service.context import RequestContext
from graphsvc.service.errors import ApiError, ErrorCode, bad_input
from graphsvc.service.listing import date_key
from graphsvc.service.references import NAMES, named, slug_of, slug_or_text
from graphsvc.store import collaboration, partner_contexts

PartnerVia = strawberry.enum(
    Enum("PartnerVia", {via: via for via in partner_contexts.VIAS}),  # type: ignore[misc]
    description="What two parties share that makes them partners.",
)


ActorKind = strawberry.enum(
    Enum("ActorKind", {label.upper(): label for label in collaboration.ACTORS}),  # type: ignore[misc]
    description="A kind of node that can be a partner (the model's actors).",
)


@strawberry.type(description="One thing two partners share, and how each is involved in it.")
class PartnerEvidence:
    via: PartnerVia
    context: Entity | None = strawberry.field(
        description="The shared programme, event or network (null for DIRECT)."
    )
    own_links: list[Link] = strawberry.field(
        description="How the entity asked about is involved (or, for DIRECT, the link itself)."
    )
    partner_links: list[Link] = strawberry.field(description="How the partner is involved.")
    through: Entity | None = strawberry.field(
        description="The organisation affiliated with the entity asked about (either way) "
        "through which this is shared; null when the entity itself (or the city "
        "or municipality it stands for) is involved."
    )


@strawberry.type(description="A partner of the entity asked about, with the evidence.")
class Partnership:
    partner: Entity = strawberry.field(
        description="The partner; a city stands for itself and the municipality that governs it."
    )
    identities: list[Entity] = strawberry.field(
        description="Every node this one party is: the partner, and the municipality that "
        "governs it when both are partners (they count as one)."
    )
    evidence: list[PartnerEvidence] = strawberry.field(
        description=f"The shared contexts, at most {collaboration.EVIDENCE}; more evidence ranks "
        "a partner higher."
    )
    evidence_count: int = strawberry.field(
        description="How many shared contexts there are in all, including those past the ones "
        "in `evidence`: what partners are ranked by."
    )


@strawberry.type(description="A shortest chain of collaboration between two entities.")
class CollaborationPath:
    nodes: list[Entity] = strawberry.field(description="From the start to the end, in order.")
    links: list[Link] = strawberry.field(
        description="The relationships between consecutive nodes (direction as stored)."
    )

    @strawberry.field(description="Number of relationships on the path.")
    def length(self) -> int:
        return len(self.links)


@strawberry.type(description="One search result.")
class SearchHit:
    node: Entity
    exact: bool = strawberry.field(description="The whole name or an alias matched.")
    score: float = strawberry.field(description="Full-text relevance (higher is better).")


Slug = Annotated[
    str, strawberry.argument(description=f"Which entity: {NAMES}, such as `medcities`.")
]


async def resolve_partners(
    info: Info[RequestContext, None],
    of: Slug,
    via: Annotated[
        list[PartnerVia] | None,
        strawberry.argument(description="Which kinds of shared context count (default: all)."),
    ] = None,
    since: Annotated[
        str | None,
        strawberry.argument(
            description="Only programmes and events still running on or after this date "
            "(undated ones, networks and direct links drop out)."
        ),
    ] = None,
    until: Annotated[
        str | None,
        strawberry.argument(
            description="Only programmes and events started on or before this date."
        ),
    ] = None,
    kinds: Annotated[
        list[ActorKind] | None,
        strawberry.argument(description="Only partners of these kinds (default: every actor)."),
    ] = None,
    country: Annotated[
        str | None,
        strawberry.argument(
            description=f"Only partners in this country ({NAMES}, or ISO code), by the rule of "
            "the lists' `country` filter."
        ),
    ] = None,
    first: First = None,
) -> list[Partnership]:
    context = info.context
    of = await slug_of(context, of, "of")
    if country is not None:
        country = await slug_or_text(context, country, "country", (COUNTRY.label,))
    rows = await collaboration.partners(
        context.read,
        of,
        [v.value for v in via] if via else list(collaboration.PARTNER_CONTEXTS),
        date_key(since, "since", end=False) if since else None,
        date_key(until, "until", end=True) if until else None,
        context.page_size(first),
        kinds=[k.value for k in kinds] if kinds else None,
        country=country,
    )
    return [
        Partnership(
            partner=build_entity(row["partner"]),
            identities=[build_entity(identity) for identity in row["identities"]],
            evidence=[
                PartnerEvidence(
                    via=PartnerVia(item["via"]),
                    context=build_entity(item["context"]) if item["context"] else None,
                    own_links=[build_link(link) for link in item["mine"]],
                    partner_links=[build_link(link) for link in item["theirs"]],
                    through=build_entity(item["through"]) if item["through"] else None,
                )
                for item in row["evidence"]
            ],
            evidence_count=row["evidence_count"],
        )
        for row in rows
    ]


async def resolve_connection(
    info: Info[RequestContext, None],
    from_: Annotated[str, strawberry.argument(name="from", description=f"One end: {NAMES}.")],
    to: Annotated[str, strawberry.argument(description=f"The other end: {NAMES}.")],
    max_hops: Annotated[
        int,
        strawberry.argument(
            description=f"Longest path considered, 1 to {collaboration.MAX_HOPS}; when none is "
            "that short the answer is a NOT_FOUND error saying how long the shortest is."
        ),
    ] = collaboration.DEFAULT_HOPS,
    via: Annotated[
        list[RelationshipType] | None,
        strawberry.argument(  # type: ignore[valid-type]
            description="Only walk these relationship types (default: every collaborative one)."
        ),
    ] = None,
    first: First = None,
) -> list[CollaborationPath]:
    context = info.context
    if not 1 <= max_hops <= collaboration.MAX_HOPS:
        raise bad_input(f"`maxHops` must be between 1 and {collaboration.MAX_HOPS}; got {max_hops}")
    ends = await asyncio.gather(_end(context, from_, "from"), _end(context, to, "to"))
    _walked_or_refused(ends)
    (from_, _), (to, _) = ends
    if from_ == to:
        raise bad_input("`from` and `to` are the same entity; a path needs two")
    types = [t.value for t in via] if via else list(MODEL.collaboration_types)
    walled = sorted(set(types) - set(MODEL.collaboration_types))
    if walled:
        raise bad_input(
            f"`via` may only name collaborative relationship types; {walled} place "
            "or classify rather than connect collaborators"
        )
    rows = await collaboration.paths(
        context.read, from_, to, max_hops, types, context.page_size(first)
    )
    if not rows:
        await _no_path(context, from_, to, max_hops, types)
    return [
        CollaborationPath(
            nodes=[build_entity(n) for n in row["nodes"]],
            links=[build_link(link) for link in row["links"]],
        )
        for row in rows
    ]


async def _end(context: RequestContext, text: str, argument: str) -> tuple[str, str]:
    """The id and kind of the entity `text` names; NOT_FOUND when it names none."""
    row = await named(context, text, argument)
    if row is None:
        await slug_of(context, text, argument)  # raises its NOT_FOUND, worded once
    assert row is not None
    return str(row["node"]["id"]), str(row["label"])


def _walked_or_refused(ends: tuple[tuple[str, str], tuple[str, str]]) -> None:
    """Refuse an end of a kind no collaborative link reaches.

    Walking from it cannot succeed, and the answer was that the two are "not connected that
    closely" (a theme, for one, is only addressed: what is about it is on its page and `entity`).
    """
    walked = MODEL.kinds_joined_by(MODEL.collaboration_types)
    for (slug, label), argument in zip(ends, ("from", "to"), strict=True):
        if label not in walked:
            raise bad_input(
                f"`{argument}`: {slug!r} is a {label}, and `connection` walks only the links "
                f"that make collaborators, which no {label} has: ask between "
                f"{', '.join(sorted(walked))}",
                field=argument,
            )


async def _no_path(
    context: RequestContext, source: str, target: str, max_hops: int, types: list[str]
) -> None:
    """Say that no path is `max_hops` long or shorter, and how far the shortest one is."""
    longer = []
    if max_hops < collaboration.MAX_HOPS:
        longer = await collaboration.paths(
            context.read, source, target, collaboration.MAX_HOPS, types, 1
        )
    if longer:
        shortest = len(longer[0]["links"])
        raise ApiError(
            ErrorCode.NOT_FOUND,
            f"no path within {max_hops} hops; the shortest is {shortest} hops: "
            f"ask with `maxHops: {shortest}` (up to {collaboration.MAX_HOPS})",
            maxHops=max_hops,
            shortest=shortest,
            limit=collaboration.MAX_HOPS,
        )
    raise ApiError(
        ErrorCode.NOT_FOUND,
        f"no path within {collaboration.MAX_HOPS} hops, the most `connection` looks for: "
        f"{source!r} and {target!r} are not connected that closely",
        maxHops=max_hops,
        shortest=None,
        limit=collaboration.MAX_HOPS,
    )
