"""Reads of entities: nodes by id, their Sources and links, what a Source supports, name search.

The API batches with these: each function takes every key a DataLoader gathered during one tick of
execution and answers them all in one query (one round trip through `read`), returned in the
order of the keys. Labels and relationship types are written into the Cypher only from the domain
model's own lists; ids and limits are parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from graphsvc.model import MODEL
from graphsvc.model.domain import ENTITY_LABEL, PROVENANCE_TYPE, SOURCE
from graphsvc.store.async_database import Read
from graphsvc.store.constraints import FULLTEXT_INDEX
from graphsvc.store.link_pages import ordered_links
from graphsvc.store.projections import LABELS, cited_sources, node_row
from graphsvc.store.queries import fulltext_query

NodeRow = dict[str, Any]
"""`{"label": ..., "node": {stored properties}}`: how every query returns a node (with `sources`
and `links` too when a `NodePlan` asked for them)."""


@dataclass(frozen=True)
class LinkPlan:
    """One relationship field to fetch with its node: the answer `links_of` would give for it."""

    rel_type: str
    outgoing: bool
    limit: int
    end: NodePlan
    """What to fetch with each node at the far end."""


@dataclass(frozen=True)
class NodePlan:
    """What to fetch with a node in the same statement: its Sources, some of its relationships.

    Built by the API from what the client selected, so that nested fields cost no round trip of
    their own: a statement answers them all, one `COLLECT {}` subquery per field and level.
    """

    properties: tuple[str, ...] | None = None
    """Only these stored properties (None: all of them); property names of the model only."""
    sources: NodePlan | None = None
    """Fetch the node's Sources, each with this plan (None: not asked)."""
    links: tuple[LinkPlan, ...] = ()

    @property
    def nested(self) -> bool:
        """Whether it fetches more than the node itself."""
        return self.sources is not None or bool(self.links)

    def __bool__(self) -> bool:
        return self.properties is not None or self.nested


NOTHING = NodePlan()
"""Fetch the node alone."""


_PROPERTIES = frozenset(p.name for kind in MODEL.node_kinds for p in kind.properties)


def _link_rows(v: str, link: LinkPlan, path: str, limits: dict[str, int]) -> str:
    """A `COLLECT {}` of `v`'s links as `links_of` returns them, each end fetched by its plan."""
    r, m = f"r{path}", f"m{path}"
    limits[f"limit{path}"] = link.limit
    ordered = ordered_links(v, link.rel_type, link.outgoing, r, m, f"$limit{path}")
    return (
        f"COLLECT {{ {ordered} "
        f"RETURN {{relationship: properties({r}), end: {_node(m, link.end, path, limits)}, "
        f"sources: {cited_sources(r)}}} }}"
    )


def _node(v: str, plan: NodePlan, path: str, limits: dict[str, int]) -> str:
    if not plan:
        return node_row(v)
    if plan.properties is None:
        node = f"properties({v})"
    else:
        unknown = set(plan.properties) - _PROPERTIES
        if unknown:
            raise ValueError(f"not node properties of the model: {sorted(unknown)}")
        node = f"{v} {{{', '.join(f'.`{name}`' for name in plan.properties)}}}"
    parts = [f"label: [l IN labels({v}) WHERE l IN $labels][0]", f"node: {node}"]
    if plan.sources is not None:
        s = f"s{path}"
        source = _node(s, plan.sources, f"{path}s", limits)
        parts.append(
            f"sources: COLLECT {{ MATCH ({v})-[:{PROVENANCE_TYPE}]->({s}:`{SOURCE.label}`) "
            f"WITH {s} ORDER BY {s}.id RETURN {source} }}"
        )
    if plan.links:
        rows = [_link_rows(v, link, f"{path}_{i}", limits) for i, link in enumerate(plan.links)]
        parts.append(f"links: [{', '.join(rows)}]")
    return "{" + ", ".join(parts) + "}"


@cache
def planned_node(v: str, plan: NodePlan) -> tuple[str, dict[str, int]]:
    """A Cypher map for node `v` with what `plan` asks (`node_row` when nothing), and its limits.

    The limits are parameters (`$limit_0_1` ...), named from positions in the plan, never from
    what a client typed.
    """
    limits: dict[str, int] = {}
    return _node(v, plan, "", limits), limits


async def nodes_by_slug(
    read: Read, slugs: list[str], plan: NodePlan = NOTHING
) -> list[NodeRow | None]:
    """The nodes with these readable ids (None where there is none), with what `plan` asks."""
    row, limits = planned_node("n", plan)
    rows = await read(
        f"""
        UNWIND $slugs AS slug
        MATCH (n:`{ENTITY_LABEL}` {{id: slug}})
        RETURN slug, {row} AS row
        """,
        slugs=slugs,
        labels=LABELS,
        **limits,
    )
    found = {row["slug"]: row["row"] for row in rows}
    return [found.get(slug) for slug in slugs]


async def sources_of(read: Read, slugs: list[str]) -> list[list[NodeRow]]:
    """The Source documents supporting each node, by readable id."""
    rows = await read(
        f"""
        UNWIND $slugs AS slug
        MATCH (n:`{ENTITY_LABEL}` {{id: slug}})-[:{PROVENANCE_TYPE}]->(s:`{SOURCE.label}`)
        WITH slug, s ORDER BY s.id
        RETURN slug, collect({node_row("s")}) AS sources
        """,
        slugs=slugs,
        labels=LABELS,
    )
    found = {row["slug"]: row["sources"] for row in rows}
    return [found.get(slug, []) for slug in slugs]


@cache
def _links_query(rel_type: str, outgoing: bool, end: NodePlan) -> tuple[str, dict[str, int]]:
    row, limits = planned_node("m", end)
    return (
        f"""
        UNWIND $slugs AS slug
        MATCH (n:`{ENTITY_LABEL}` {{id: slug}})
        CALL (n) {{
            {ordered_links("n", rel_type, outgoing, "r", "m", "$limit")}
            RETURN collect({{relationship: properties(r), end: {row},
                             sources: {cited_sources("r")}}}) AS links
        }}
        RETURN slug, links
    """,
        limits,
    )


async def links_of(
    read: Read,
    rel_type: str,
    outgoing: bool,
    limit: int,
    slugs: list[str],
    end: NodePlan = NOTHING,
) -> list[list[dict[str, Any]]]:
    """Each node's relationships of one type in one direction, at most `limit` per node.

    Each far end comes with what `end` asks (its own nested fields, in the same statement).
    """
    statement, limits = _links_query(rel_type, outgoing, end)
    rows = await read(statement, slugs=slugs, limit=limit, labels=LABELS, **limits)
    found = {row["slug"]: row["links"] for row in rows}
    return [found.get(slug, []) for slug in slugs]


async def supported_by(read: Read, limit: int, source_slugs: list[str]) -> list[list[NodeRow]]:
    """For each Source, the nodes it supports (at most `limit`)."""
    rows = await read(
        f"""
        UNWIND $slugs AS slug
        MATCH (s:`{SOURCE.label}` {{id: slug}})
        CALL (s) {{
            {ordered_links("s", PROVENANCE_TYPE, False, "r", "n", "$limit")}
            RETURN collect({node_row("n")}) AS nodes
        }}
        RETURN slug, nodes
        """,
        slugs=source_slugs,
        limit=limit,
        labels=LABELS,
    )
    found = {row["slug"]: row["nodes"] for row in rows}
    return [found.get(slug, []) for slug in source_slugs]


async def search(read: Read, key: str, kinds: list[str], limit: int) -> list[dict[str, Any]]:
    """Nodes whose name or an alias matches the folded text `key`, best first.

    Every word must match, exactly, as a prefix, or within one typo (`medcites` finds MedCités,
    `malag` finds Málaga; see `fulltext_query`). Exact whole-name matches rank first.
    """
    return await read(
        f"""
        CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $lucene, {{limit: $candidates}})
        YIELD node, score
        WITH node, score, [l IN labels(node) WHERE l IN $kinds][0] AS label
        WHERE label IS NOT NULL
        RETURN {{label: label, node: properties(node)}} AS row,
               $key IN node.lookup_keys AS exact, score
        ORDER BY exact DESC, score DESC, node.id
        LIMIT $limit
        """,
        lucene=fulltext_query(key),
        key=key,
        kinds=kinds,
        limit=limit,
        candidates=max(limit * 5, 50),
    )
