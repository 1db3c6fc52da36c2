"""The partner contexts are declared once: the GraphQL enum, `$via`, the UNIONs of the partner
queries and the count that makes a context BROAD are all generated from that declaration."""

from __future__ import annotations

import re

from literals import PACKAGE, package_literals

from graphsvc.api.schema.collaboration import PartnerVia
from graphsvc.store import collaboration, partner_contexts
from graphsvc.store.partner_contexts import CONTEXTS, SHARED, VIAS

DECLARED_IN = PACKAGE / "store" / "partner_contexts.py"
QUOTED_VIA = re.compile(r"'(" + "|".join(VIAS) + r")'")


def test_the_api_offers_the_declared_contexts() -> None:
    assert [member.value for member in PartnerVia] == list(VIAS)
    assert collaboration.PARTNER_CONTEXTS == VIAS
    assert [context.via for context in CONTEXTS if context.kind is None] == [
        partner_contexts.DIRECT
    ]


def test_a_context_is_named_in_cypher_only_where_it_is_declared() -> None:
    offending = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {text.strip()[:60]}"
        for path, line, text in package_literals()
        if path != DECLARED_IN and (QUOTED_VIA.search(text) or text in VIAS)
    ]
    assert not offending, "partner contexts written outside their declaration:\n" + "\n".join(
        offending
    )


def test_every_route_is_a_branch_of_each_union() -> None:
    routes = sum(len(context.routes) for context in SHARED)
    for union in (
        partner_contexts.contexts_of("a"),
        partner_contexts.contexts_of("a", "r"),
        partner_contexts.parties_in("b"),
        partner_contexts.parties_in("b", "r"),
    ):
        assert union.count("MATCH ") == routes
        assert union.count("\nUNION\n") == routes - 1
    for statement in (collaboration.PARTNER_RANKING, collaboration.PARTNERS):
        for context in SHARED:
            assert f"'{context.via}'" in statement
