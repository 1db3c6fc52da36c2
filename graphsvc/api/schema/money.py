"""`moneyTrace`: the IATI money trace (`graphsvc.iati.trace`) over GraphQL, as `graphsvc trace`."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graphsvc.api.schema.entities import Entity, build_entity
from graphsvc.errors import ConfigError
from graphsvc.iati.trace import MAX_DEPTH, trace_money
from graphsvc.model.domain import INSTITUTION
from graphsvc.service.context import RequestContext
from graphsvc.service.errors import not_found
from graphsvc.service.references import NAMES, slug_or_text
from graphsvc.store import entities as stored


@strawberry.type(description="An amount of one transaction type in one currency.")
class Amount:
    transaction_type: str = strawberry.field(description="e.g. disbursement, expenditure.")
    currency: str
    value: float


def _amounts(bucket: dict[str, dict[str, float]]) -> list[Amount]:
    return [
        Amount(transaction_type=kind, currency=currency, value=value)
        for kind, amounts in sorted(bucket.items())
        for currency, value in sorted(amounts.items())
    ]


@strawberry.type(description="One activity the money reaches.")
class MoneyStep:
    depth: int = strawberry.field(description="1 where the funder's money enters.")
    activity_slug: strawberry.Private[str]
    how: str = strawberry.field(description="How the money reaches it.")
    reached_from: str | None = strawberry.field(
        description="Readable id of the activity it came from (null at depth 1)."
    )
    publisher: str | None
    received: list[Amount] = strawberry.field(
        description="What came from the funder (depth 1) or from the activity it was reached "
        "from, as either side recorded it, each flow once."
    )
    totals: list[Amount] = strawberry.field(
        description="All its own transactions per type and currency (money from other funders "
        "included), each flow counted once."
    )
    already_counted: list[Amount] = strawberry.field(
        description="Its records of money the provider also reports (not added again)."
    )
    receivers: list[str]
    implementers: list[str]
    places: list[str]
    sources: list[str] = strawberry.field(description="The IATI files it comes from.")

    @strawberry.field(description="The activity (a Programme).")
    async def activity(self, info: Info[RequestContext, None]) -> Entity:
        context = info.context
        row = await context.loader("node", partial(stored.nodes_by_slug, context.read)).load(
            self.activity_slug
        )
        assert row is not None, self.activity_slug
        return build_entity(row)


@strawberry.type(description="A funder's money followed through IATI activities.")
class MoneyTrace:
    funder: Entity
    steps: list[MoneyStep]
    from_funder: list[Amount] = strawberry.field(
        description="What the activities where the money enters received from the funder."
    )
    totals: list[Amount] = strawberry.field(
        description="The activities' own transactions summed over all steps, per type and "
        "currency; types are never added together."
    )


async def resolve_money_trace(
    info: Info[RequestContext, None],
    funder: Annotated[
        str,
        strawberry.argument(
            description=f"The institution: {NAMES}, or its IATI organisation identifier."
        ),
    ],
    depth: Annotated[
        int, strawberry.argument(description=f"Steps of onward flows, 1 to {MAX_DEPTH}.")
    ] = 3,
) -> MoneyTrace:
    context = info.context
    funder = await slug_or_text(context, funder, "funder", (INSTITUTION.label,))
    try:
        trace = await trace_money(context.read, funder, depth)
    except ConfigError as error:
        raise not_found(str(error)) if "no institution" in str(error) else error from None
    funder_row = (await stored.nodes_by_slug(context.read, [trace.funder_id]))[0]
    assert funder_row is not None
    steps: list[Any] = [
        MoneyStep(
            depth=s.depth,
            activity_slug=s.activity_id,
            how=s.how,
            reached_from=s.reached_from,
            publisher=s.publisher,
            received=_amounts(s.received),
            totals=_amounts(s.totals),
            already_counted=_amounts(s.mirrored),
            receivers=s.receivers,
            implementers=s.implementers,
            places=s.places,
            sources=s.sources,
        )
        for s in trace.steps
    ]
    return MoneyTrace(
        funder=build_entity(funder_row),
        steps=steps,
        from_funder=_amounts(trace.from_funder()),
        totals=_amounts(trace.totals()),
    )
