"""`fundingTrace`: where a funder's money goes, step by step, with every step's sources.

The steps come from `graphsvc.store.funding` (what is reached, by the model's meanings); this
module sorts them into the answer's lists: programmes, events, implementers, participants and
places.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graphsvc.api.context import RequestContext
from graphsvc.api.errors import not_found
from graphsvc.api.schema.entities import Entity, build_entity
from graphsvc.api.schema.links import Link, build_link
from graphsvc.api.schema.money import MoneyTrace, resolve_money_trace
from graphsvc.api.schema.references import NAMES, slug_of
from graphsvc.model import MODEL
from graphsvc.model.names import name_key
from graphsvc.store import collaboration, funding


@strawberry.enum(description="What a step of a funding trace is.")
class TraceStage(Enum):
    FINANCING = "FINANCING"
    """Money: a funder or programme finances a programme."""
    FRAMING = "FRAMING"
    """An event or project is part of a financed programme."""
    IMPLEMENTATION = "IMPLEMENTATION"
    """Someone leads, implements, manages or partners in what is financed."""
    PARTICIPATION = "PARTICIPATION"
    """Someone organises or takes part in a financed event."""
    PLACE = "PLACE"
    """A financed event is held in, or a programme aimed at, a place."""


_STAGE_OF_MEANING = {
    "financing": TraceStage.FINANCING,
    "framing": TraceStage.FRAMING,
    "implementation": TraceStage.IMPLEMENTATION,
    "participation": TraceStage.PARTICIPATION,
    "place": TraceStage.PLACE,
}


def _stage(rel_type: str) -> TraceStage:
    """The step a link of a funding trace is, from its narrowest meaning in the model."""
    for meaning in MODEL.meanings_of(rel_type):
        if meaning in _STAGE_OF_MEANING:
            return _STAGE_OF_MEANING[meaning]
    raise ValueError(f"a funding trace does not walk {rel_type}")


@strawberry.type(description="One step of a funding trace.")
class TraceStep:
    stage: TraceStage
    link: Link


def _involved(steps: list[TraceStep]) -> list[TraceStep]:
    """The steps by which an actor takes part in something financed."""
    return [s for s in steps if s.link.type.value in funding.INVOLVED]


def _implementers(steps: list[TraceStep]) -> list[Any]:
    """Who implements (see `graphsvc.store.funding`): institutions with an implementing link."""
    return [
        s.link.from_
        for s in _involved(steps)
        if s.link.type.value in funding.IMPLEMENTING
        and type(s.link.from_).__name__ in funding.IMPLEMENTER_KINDS
    ]


def _distinct(entities: list[Any]) -> list[Any]:
    seen: dict[str, Any] = {}
    for entity in entities:
        seen.setdefault(entity.slug, entity)
    return sorted(seen.values(), key=lambda e: (name_key(e.name), e.slug))


@strawberry.type(
    description="Where a funder's money goes: what it finances, who carries it out "
    "or takes part, and which places it reaches, with every step's "
    "sources."
)
class FundingTrace:
    funder: Entity
    steps: list[TraceStep]

    @strawberry.field(
        description="Programmes and projects financed, directly or through other programmes."
    )
    def programmes(self) -> list[Entity]:
        financed = [s.link.to for s in self.steps if s.stage is TraceStage.FINANCING]
        framed = [s.link.from_ for s in self.steps if s.stage is TraceStage.FRAMING]
        return _distinct([e for e in financed + framed if type(e).__name__ == "Programme"])

    @strawberry.field(description="Events held within what is financed.")
    def events(self) -> list[Entity]:
        return _distinct(
            [
                s.link.from_
                for s in self.steps
                if s.stage is TraceStage.FRAMING and type(s.link.from_).__name__ == "Event"
            ]
        )

    @strawberry.field(
        description="Institutions that lead, implement, manage or partner in what is financed "
        "(the model's `implementation` links)."
    )
    def implementers(self) -> list[Entity]:
        return _distinct(_implementers(self.steps))

    @strawberry.field(
        description="Everyone else involved in what is financed: cities, people, and "
        "institutions that only organise or take part in a financed event (`participation`)."
    )
    def participants(self) -> list[Entity]:
        implementers = {e.slug for e in _implementers(self.steps)}
        return _distinct(
            [s.link.from_ for s in _involved(self.steps) if s.link.from_.slug not in implementers]
        )

    @strawberry.field(
        description="Cities, countries and regions reached: where something financed is held "
        "or aimed, and the cities that took part."
    )
    def places(self) -> list[Entity]:
        aimed = [s.link.to for s in self.steps if s.stage is TraceStage.PLACE]
        taking_part = [
            s.link.from_
            for s in _involved(self.steps)
            if type(s.link.from_).__name__ in funding.PLACE_KINDS
        ]
        return _distinct(aimed + taking_part)

    @strawberry.field(
        description="The money itself, from imported IATI data: amounts per "
        "transaction type and currency, step by step, across "
        "publishers (as `moneyTrace`)."
    )
    async def money(self, info: Info[RequestContext, None], depth: int = 3) -> MoneyTrace:
        return await resolve_money_trace(info, self.funder.slug, depth)


async def resolve_funding_trace(
    info: Info[RequestContext, None],
    funder: Annotated[
        str,
        strawberry.argument(
            description=f"The funder ({NAMES}): an institution, or a programme that funds."
        ),
    ],
) -> FundingTrace:
    slug = await slug_of(info.context, funder, "funder")
    row = await collaboration.funding_trace(info.context.read, slug)
    if row is None:
        raise not_found(f"no entity has the id {slug!r}; `search(text:)` finds ids by name")
    steps = []
    for link in row["links"]:
        built = build_link(link)
        stage = _stage(link["type"])
        steps.append(TraceStep(stage=stage, link=built))
    return FundingTrace(funder=build_entity(row["funder"]), steps=steps)
