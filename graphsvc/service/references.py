"""Arguments that name an entity: a readable id, a name or an alias, resolved the same way.

`graphsvc.store.references.resolve` decides what a text names; this module turns its answer into
what a client sees: the entity, NOT_FOUND, or BAD_USER_INPUT listing the candidates of an
ambiguous name. Lookups of one request are batched per kind filter (one round trip).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from graphsvc.service.context import RequestContext
from graphsvc.service.errors import bad_input, not_found
from graphsvc.store import references

NAMES = "a readable id, a name or an alias"
"""How argument descriptions say what they take."""


async def named(
    context: RequestContext, text: str, argument: str, kinds: tuple[str, ...] | None = None
) -> dict[str, Any] | None:
    """The node row `text` names (None when it names nothing); ambiguous names are refused."""
    load = partial(references.resolve, context.read, kinds=kinds)
    found: list[dict[str, Any]] = await context.loader(("reference", kinds), load).load(text)
    if len(found) > 1:
        candidates = [
            {"slug": row["node"]["id"], "name": row["node"]["name"], "kind": row["label"]}
            for row in found
        ]
        listed = "; ".join(f"{c['slug']} ({c['name']})" for c in candidates)
        raise bad_input(
            f"`{argument}`: {text!r} names more than one entity: {listed}; pass one's id",
            candidates=candidates,
        )
    return found[0] if found else None


async def slug_of(
    context: RequestContext, text: str, argument: str, kinds: tuple[str, ...] | None = None
) -> str:
    """The readable id of the entity `text` names; NOT_FOUND when it names none."""
    row = await named(context, text, argument, kinds)
    if row is None:
        raise not_found(
            f"`{argument}`: no entity has the id, name or alias {text!r}; "
            "`search(text:)` finds ids by name"
        )
    return str(row["node"]["id"])


async def slug_or_text(
    context: RequestContext, text: str, argument: str, kinds: tuple[str, ...] | None = None
) -> str:
    """The id `text` names, or `text` unchanged when it names none.

    A filter given an unknown text then matches nothing (or, for a country, its ISO code).
    """
    row = await named(context, text, argument, kinds)
    return str(row["node"]["id"]) if row is not None else text
