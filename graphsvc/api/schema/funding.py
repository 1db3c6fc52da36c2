"""`fundingTrace`: where a funder's money goes, step by step, with every step's sources.

The lists come from `graphsvc.store.funding` (what is reached, by the model's meanings), each cut
to `first` and counted in full in Cypher: a funder of thousands of programmes answers with a page
of each list and its totals, in time bounded by the page, instead of every link with its sources.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphsvc.api.schema.entities import Entity, build_entity
from graphsvc.api.schema.links import Link, build_link
from graphsvc.api.schema.money import MoneyTrace, resolve_money_trace
from graphsvc.model import MODEL
from graphsvc.service.context import RequestContext
from graphsvc.service.errors import not_found
from graphsvc.service.references import NAMES, slug_of
from graphsvc.store import stored_traces


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


@strawberry.type(
    description="How many of each list a funding trace reaches in all; a list of the trace "
    "holds at most `first` of them."
)
class TraceTotals:
    steps: int
    programmes: int
    events: int
    implementers: int
    participants: int
    places: int


@strawberry.type(
    description="Where a funder's money goes: what it finances, who carries it out "
    "or takes part, and which places it reaches, with every step's "
    "sources. Each list holds at most the trace's `first` entries, by name (steps: financing and "
    "framing first, then involvement, then places); `totals` counts them all."
)
class FundingTrace:
    funder: Entity
    steps: list[TraceStep] = strawberry.field(
        description="The links walked, each with its sources (at most `first`)."
    )
    programmes: list[Entity] = strawberry.field(
        description="Programmes and projects financed, directly or through other programmes."
    )
    events: list[Entity] = strawberry.field(description="Events held within what is financed.")
    implementers: list[Entity] = strawberry.field(
        description="Institutions that lead, implement, manage or partner in what is financed "
        "(the model's `implementation` links)."
    )
    participants: list[Entity] = strawberry.field(
        description="Everyone else involved in what is financed: cities, people, and "
        "institutions that only organise or take part in a financed event (`participation`)."
    )
    places: list[Entity] = strawberry.field(
        description="Cities, countries and regions reached: where something financed is held "
        "or aimed, and the cities that took part."
    )
    totals: TraceTotals = strawberry.field(
        description="How many steps, programmes ... the trace reaches, including those past "
        "`first`."
    )

    @strawberry.field(
        description="Whether any list was cut to `first`: ask again with a larger `first` "
        "(up to the maximum page size), or narrow the question, to see the rest."
    )
    def truncated(self) -> bool:
        shown: dict[str, list[TraceStep] | list[Entity]] = {
            "steps": self.steps,
            "programmes": self.programmes,
            "events": self.events,
            "implementers": self.implementers,
            "participants": self.participants,
            "places": self.places,
        }
        return any(getattr(self.totals, name) > len(items) for name, items in shown.items())

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
    first: Annotated[
        int | None,
        strawberry.argument(
            description="How many entries each list holds at most (steps, programmes, "
            "implementers ...; default and maximum are the page size settings)."
        ),
    ] = None,
) -> FundingTrace:
    slug = await slug_of(info.context, funder, "funder")
    row = await stored_traces.trace(info.context.read, slug, info.context.page_size(first))
    if row is None:
        raise not_found(f"no entity has the id {slug!r}; `search(text:)` finds ids by name")

    def entities(key: str) -> list[Entity]:
        return [build_entity(item) for item in row[key]]

    return FundingTrace(
        funder=build_entity(row["funder"]),
        steps=[
            TraceStep(stage=_stage(link["type"]), link=build_link(link)) for link in row["steps"]
        ],
        programmes=entities("programmes"),
        events=entities("events"),
        implementers=entities("implementers"),
        participants=entities("participants"),
        places=entities("places"),
        totals=TraceTotals(**row["totals"]),
    )
