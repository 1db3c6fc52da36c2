"""The first links of dense nodes, by name, computed once per change of the data.

Every list of a node's links (`partnerIn(first: 5)`, a programme's `partners`, a network's
`members`, what a Source `supports`) is ordered by the far end's name. Neo4j cannot read a
node's links in that order, so each list sorted all of them to return its first few: the
biggest funder of a 1,000,000-entity graph is a partner in thousands of programmes, and asking
for the first 5 programmes of ten such partners took 290-470 ms. So `graphsvc maps refresh`
stores, for every node with more than `DENSE` links of one type and direction, the element ids
of its first `page` links in that order (the API's maximum page size), and every list reads
them instead of sorting (`ordered_links`).

A page records the data version (`graphsvc.store.data_version`) it was computed from and is read
only while that is the version now: after any write the lists sort again until the next refresh,
so a stored page is never served for data it was not computed from. A refresh replaces all pages
in one transaction.
"""

from __future__ import annotations

from typing import Any

from graphsvc.model import MODEL
from graphsvc.model.domain import ENTITY_LABEL, PROVENANCE_TYPE
from graphsvc.store.data_version import current_sync, current_version, version_number
from graphsvc.store.database import Database
from graphsvc.store.derived import replace_all

LINK_PAGE_LABEL = "LinkPage"
LINK_PAGE_INDEX = "link_page_key"
"""The range index on `LinkPage.key`: every list of links looks its node's page up by key."""

DENSE = 1_000
"""A node with more links than this of one type and direction has its first page stored. At
1,000,000 entities, sorting 1,087 links to return 5 took 5-8 ms warm, 3,696 links 18-23 ms and
a hub's thousands of programmes up to 50 ms each."""

LISTS = (
    *((rel_type, outgoing) for rel_type in MODEL.relationship_types for outgoing in (True, False)),
    (PROVENANCE_TYPE, False),
)
"""The lists of links a node has, as (type, outgoing): each type of the model both ways, and
what a Source supports (a node's own Sources are few, and listed by id)."""


def _arrow(rel_type: str, outgoing: bool, r: str = "") -> str:
    if (rel_type, outgoing) not in LISTS:
        raise ValueError(f"{rel_type!r} {'out' if outgoing else 'in'} is not a list of links")
    return f"-[{r}:`{rel_type}`]->" if outgoing else f"<-[{r}:`{rel_type}`]-"


def _key_prefix(rel_type: str, outgoing: bool) -> str:
    """The start of a page's key: its type and direction; the node's id follows."""
    return f"{rel_type}{'>' if outgoing else '<'}"


def sorted_links(v: str, rel_type: str, outgoing: bool, r: str, m: str, limit: str) -> str:
    """Cypher yielding `v`'s first `limit` links of a type and direction, sorted now.

    Rows `r`, `m` (the far end), by the far end's name, then id.
    """
    return (
        f"MATCH ({v}){_arrow(rel_type, outgoing, r)}({m}:`{ENTITY_LABEL}`) "
        f"WITH {r}, {m} ORDER BY toLower({m}.name), {m}.id LIMIT {limit}"
    )


def ordered_links(v: str, rel_type: str, outgoing: bool, r: str, m: str, limit: str) -> str:
    """A `CALL` subquery yielding rows `r`, `m` in order, as `sorted_links` orders them.

    From the stored page of `v` when there is one, current and long enough; sorted now
    otherwise. `limit` is a Cypher expression (a parameter); the names the subquery uses inside
    are made from `r`, so that nested lists do not clash.

    The choice costs about nine database hits a list, and Neo4j more time to plan each new
    statement: 220-240 ms against 120-190 for one with four nested lists, once per shape of
    query (plans are cached). Collecting each branch into a list instead of a `UNION` was
    refused by Neo4j 5.26 inside a `COLLECT {}` (an aggregation in a projection's subquery).
    """
    page, version, stored, i = (f"{name}_{r}" for name in ("page", "version", "stored", "i"))
    far = "endNode" if outgoing else "startNode"
    key = f"'{_key_prefix(rel_type, outgoing)}' + {v}.id"
    return f"""CALL ({v}) {{
    OPTIONAL MATCH ({page}:`{LINK_PAGE_LABEL}` {{key: {key}}})
    {current_version(version)}
    WITH {v}, CASE WHEN {page}.version = {version_number(version)} AND {page}.page >= {limit}
                   THEN {page}.links END AS {stored}
    CALL ({v}, {stored}) {{
        WITH {stored} WHERE {stored} IS NOT NULL
        UNWIND range(0, size({stored}[..{limit}]) - 1) AS {i}
        MATCH ()-[{r}]->() WHERE elementId({r}) = {stored}[{i}]
        WITH {r}, {i} ORDER BY {i}
        RETURN {r}, {far}({r}) AS {m}
        UNION ALL
        WITH {v}, {stored} WHERE {stored} IS NULL
        {sorted_links(v, rel_type, outgoing, r, m, limit)}
        RETURN {r}, {m}
    }}
    RETURN {r}, {m}
}}"""


_DENSE_NODES = f"""
MATCH (n:`{ENTITY_LABEL}`) WHERE COUNT {{ (n)--() }} > $dense
RETURN n.id AS id ORDER BY id
"""
"""Every node with more than `$dense` links in all: the only ones that can have a dense type.
Degrees are read from the counts Neo4j keeps per node, without reading the links."""


def _pages_statement(rel_type: str, outgoing: bool) -> str:
    """The first `$page` links of each of `$ids` with more than `$dense` of this type."""
    return f"""
UNWIND $ids AS id
MATCH (v:`{ENTITY_LABEL}` {{id: id}})
WHERE COUNT {{ (v){_arrow(rel_type, outgoing)}() }} > $dense
CALL (v) {{
    {sorted_links("v", rel_type, outgoing, "r", "m", "$page")}
    RETURN collect(elementId(r)) AS links
}}
RETURN v.id AS node, links
"""


def refresh(database: Database, page: int, dense: int = DENSE) -> list[dict[str, Any]]:
    """Store the first `page` links of each node with more than `dense` of a type and direction.

    Replaces what was stored; returns what it stored.
    """
    version = current_sync(database)  # read first: a write meanwhile makes these stale
    ids = [row["id"] for row in database.read(_DENSE_NODES, dense=dense)]
    pages: list[dict[str, Any]] = []
    for rel_type, outgoing in LISTS if ids else ():  # 51 statements to plan, for nothing
        rows = database.read(_pages_statement(rel_type, outgoing), ids=ids, dense=dense, page=page)
        pages += [
            {
                "key": _key_prefix(rel_type, outgoing) + row["node"],
                "version": version,
                "page": page,
                "links": row["links"],
            }
            for row in rows
        ]

    replace_all(database, LINK_PAGE_LABEL, pages)
    return pages
