"""What two partners can share, declared once: a programme, an event, a network, or a direct tie.

Each context names the kind of node shared and the routes by which a party takes part in it (a
programme is taken part in directly, or through one of the events it frames). The partner
queries' four-branch UNIONs, the count that decides whether a context is BROAD, the `$via`
values and the GraphQL enum `PartnerVia` are all generated from `CONTEXTS`, so a new way of
sharing is one entry here. Labels and relationship types come from the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphsvc.model import MODEL
from graphsvc.model.domain import EVENT, INSTITUTION, PART_OF, PROGRAMME
from graphsvc.store.cypher import either


@dataclass(frozen=True)
class Route:
    """One way a party takes part in a context.

    Its own link (`link`, an `either` of the model's types) goes straight to the context, or to
    a `step` node that a `framing` relationship ties to the context.
    """

    link: str
    step: str | None = None
    """The label of the node in between (an Event of a programme), if any."""
    framing: str | None = None
    """The relationship type from that node to the context."""

    def pattern(self, party: str, rel: str, ctx: str, label: str | None = None) -> str:
        """The path from `party` to `ctx`, its own link bound to `rel` ("" for none).

        `label` is written on `ctx` when `ctx` is not bound yet.
        """
        end = f"{ctx}:`{label}`" if label else ctx
        start = f"({party})-[{rel}:{self.link}]->"
        if self.step is None:
            return f"{start}({end})"
        return f"{start}(:`{self.step}`)-[:{self.framing}]->({end})"

    def taking_part(self, ctx: str) -> str:
        """How many links take part in `ctx` by this route, from the counts Neo4j keeps."""
        if self.step is None:
            return f"COUNT {{ ({ctx})<-[:{self.link}]-() }}"
        return (
            f"reduce(n = 0, links IN COLLECT {{ MATCH (step:`{self.step}`)-[:{self.framing}]->"
            f"({ctx}) RETURN COUNT {{ (step)<-[:{self.link}]-() }} }} | n + links)"
        )


@dataclass(frozen=True)
class PartnerContext:
    """A thing two parties share that makes them partners (`via`, the value in `$via`)."""

    via: str
    description: str
    kind: str | None = None
    """The label of the node shared; None for a direct tie, which shares no node."""
    routes: tuple[Route, ...] = ()


_IN_PROGRAMME = either(MODEL.relationships_in("involvement", targets=(PROGRAMME.label,)))
_AT_EVENT = either(MODEL.relationships_in("involvement", targets=(EVENT.label,)))
_MEMBER = either(MODEL.relationships_in("membership"))

CONTEXTS = (
    PartnerContext(
        "PROGRAMME",
        "Both take part in the same programme (directly or through one of its events).",
        PROGRAMME.label,
        (Route(_IN_PROGRAMME), Route(_AT_EVENT, EVENT.label, PART_OF.type)),
    ),
    PartnerContext(
        "EVENT",
        "Both organise or take part in the same event.",
        EVENT.label,
        (Route(_AT_EVENT),),
    ),
    PartnerContext(
        "NETWORK",
        "Both are members of the same network or body.",
        INSTITUTION.label,
        (Route(_MEMBER),),
    ),
    PartnerContext("DIRECT", "One is a member of, or affiliated with, the other."),
)
"""Every context, in the order the API lists them; the shared ones before DIRECT."""

SHARED = tuple(context for context in CONTEXTS if context.kind is not None)
"""The contexts that are a node both parties take part in."""

DIRECT = next(context.via for context in CONTEXTS if context.kind is None)
"""The `via` of a direct tie, found by walking the ties themselves rather than a context."""

VIAS = tuple(context.via for context in CONTEXTS)
"""Every `via`, the default of `$via`."""


def contexts_of(party: str, rel: str = "") -> str:
    """A UNION of rows (ctx, via[, rel]): every shared context `party` takes part in.

    With `rel`, each row carries the party's own link to the context.
    """
    returned = f", {rel}" if rel else ""
    return "\nUNION\n".join(
        f"MATCH {route.pattern(party, rel, 'ctx', context.kind)}\n"
        f"RETURN ctx, '{context.via}' AS via{returned}"
        for context in SHARED
        for route in context.routes
    )


def parties_in(party: str, rel: str = "") -> str:
    """A UNION of rows (party[, rel]): who takes part in `ctx`, shared via `via` (both bound).

    With `rel`, each row carries the party's own link to the context.
    """
    returned = f", {rel}" if rel else ""
    return "\nUNION\n".join(
        f"MATCH {route.pattern(party, rel, 'ctx')} WHERE via = '{context.via}'\n"
        f"RETURN {party}{returned}"
        for context in SHARED
        for route in context.routes
    )


def taking_part(ctx: str = "ctx") -> str:
    """How many links take part in `ctx`, shared via the bound `via`.

    An upper bound on its parties, read from the counts Neo4j keeps per node: what decides
    whether it is BROAD.
    """
    cases = "\n".join(
        f"    WHEN '{context.via}' THEN "
        + " + ".join(route.taking_part(ctx) for route in context.routes)
        for context in SHARED
    )
    return f"CASE via\n{cases}\nEND"
