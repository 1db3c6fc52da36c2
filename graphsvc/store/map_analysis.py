"""The maps' whole-graph analysis, stored once per change of the data and read by every replica.

Communities (Louvain), the country and programme groupings, each cluster's size, kinds, most
central members, position and links to the other clusters are computed by `graphsvc maps
refresh` (`graphsvc.maps.analysis`), not per request: Louvain over 50,000 nodes took 38 of the
overview's 55 seconds. They are stored here with the data version (`graphsvc.store.data_version`)
they were computed from, so a page can say when they are older than the data.

One `MapAnalysis` node holds the version and totals; one `MapCluster` node per cluster and
grouping holds its figures and its members' ids, most central first. A refresh replaces them all
in one transaction, so a reader sees the old analysis or the new one, never half of each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphsvc.store.async_database import Read
from graphsvc.store.database import Database

ANALYSIS_LABEL = "MapAnalysis"
CLUSTER_LABEL = "MapCluster"
_BATCH = 200
"""Clusters written per statement: a cluster carries up to tens of thousands of member ids."""

_CLEAR = f"MATCH (n) WHERE n:`{ANALYSIS_LABEL}` OR n:`{CLUSTER_LABEL}` DETACH DELETE n"
_SAVE_ANALYSIS = f"CREATE (a:`{ANALYSIS_LABEL}`) SET a = $analysis"
_SAVE_CLUSTERS = f"UNWIND $rows AS row CREATE (c:`{CLUSTER_LABEL}`) SET c = row"

_LATEST = f"""
MATCH (a:`{ANALYSIS_LABEL}`)
RETURN a.version AS version, a.computed_at AS computed_at, a.entities AS entities,
       a.links AS links, a.seconds AS seconds
LIMIT 1
"""

_CLUSTERS = f"""
MATCH (c:`{CLUSTER_LABEL}` {{grouping: $grouping}})
RETURN c {{.number, .key, .name, .size, .colour, .x, .y, .geo_x, .geo_y, .leading, .kinds,
          .kind_counts, .link_to, .link_counts}} AS cluster
ORDER BY c.number
"""

_MEMBERS = f"""
MATCH (c:`{CLUSTER_LABEL}` {{grouping: $grouping, number: $number}})
RETURN c.name AS name, c.size AS size, c.members[..$limit] AS members
"""


@dataclass(frozen=True)
class StoredAnalysis:
    """What the stored analysis was computed from, and when."""

    version: int
    computed_at: str
    entities: int
    links: int
    seconds: float


@dataclass(frozen=True)
class ClusterMembers:
    """An opened cluster: its name, its size, and its most central members (up to a limit)."""

    name: str
    size: int
    members: list[str]


def save(
    database: Database, analysis: dict[str, Any] | None, clusters: list[dict[str, Any]]
) -> None:
    """Replace the stored analysis by `analysis` (version, totals) and `clusters`, atomically.

    None clears it (a graph small enough to be drawn whole needs none).
    """

    def work(tx: Any) -> None:
        tx.run(_CLEAR).consume()
        if analysis is None:
            return
        tx.run(_SAVE_ANALYSIS, analysis=analysis).consume()
        for start in range(0, len(clusters), _BATCH):
            tx.run(_SAVE_CLUSTERS, rows=clusters[start : start + _BATCH]).consume()

    with database.session() as session:
        session.execute_write(work)


async def latest(read: Read) -> StoredAnalysis | None:
    """The stored analysis's version and totals; None when none was ever computed."""
    rows = await read(_LATEST)
    if not rows:
        return None
    row = rows[0]
    return StoredAnalysis(
        int(row["version"]),
        str(row["computed_at"]),
        int(row["entities"]),
        int(row["links"]),
        float(row["seconds"]),
    )


async def clusters(read: Read, grouping: str) -> list[dict[str, Any]]:
    """Every stored cluster of `grouping` (community, country, programme), without members."""
    return [dict(row["cluster"]) for row in await read(_CLUSTERS, grouping=grouping)]


async def members(read: Read, grouping: str, number: int, limit: int) -> ClusterMembers | None:
    """Cluster `number` of `grouping` with its `limit` most central members; None if none."""
    rows = await read(_MEMBERS, grouping=grouping, number=number, limit=limit)
    if not rows:
        return None
    row = rows[0]
    return ClusterMembers(str(row["name"]), int(row["size"]), list(row["members"]))
