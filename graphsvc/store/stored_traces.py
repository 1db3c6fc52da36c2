"""The funding traces of big funders, computed once per change of the data, read by every replica.

A funder of thousands of programmes cannot be traced in bounded time: counting its totals means
walking every step, and each list's first page means ordering every one of them by name. At
1,000,000 entities the biggest funder's trace reaches 69,965 steps and 14,500 programmes, and took
0.5 to 1.3 s per request. So `graphsvc maps refresh` (also run by `load` and `import iati`)
computes the trace of every funder whose trace has at least `BIG` links (estimated from the degrees
Neo4j keeps, without walking them) with pages of the maximum page size, and stores only what
identifies the answer: the ids of each list's first page, the element ids of the first steps,
and the totals. A request whose `first` fits the stored page reads those and projects them
(`funding.PROJECTED`), exactly as the live trace would.

A stored trace records the data version (`graphsvc.store.data_version`) it was computed from. Any
write bumps that version, and from then on the trace is computed live again until the next
refresh: a stored trace is never served for data it was not computed from. A refresh replaces all
stored traces in one transaction.
"""

from __future__ import annotations

from typing import Any

from graphsvc.model.domain import ENTITY_LABEL, FUNDS, PROGRAMME
from graphsvc.store import funding
from graphsvc.store.async_database import Read
from graphsvc.store.cypher import either
from graphsvc.store.data_version import current_sync, current_version, version_number
from graphsvc.store.database import Database
from graphsvc.store.derived import replace_all
from graphsvc.store.projections import LABELS

TRACE_LABEL = "FundingTraceSummary"

BIG = 2_000
"""A funder whose trace counts at least this many links (financing, involvement and places) has
its trace stored. At 1,000,000 entities, computed live, a trace of 1,945 links took 38-79 ms
warm, one of 12,744 links 192-287 ms and the biggest (69,965) 1.0-1.2 s; a stored trace is read
in 7-15 ms (50-90 ms with pages of 100). Refreshing stores 41 traces there in 10 s."""

LISTS = ("programmes", "events", "implementers", "participants", "places")
"""The entity lists of a trace, in `funding.TRACE_PAGES`' order (each as `<list>` of ids)."""

_SIZED = f"""
MATCH (f)-[:{FUNDS.type}]->(:{PROGRAMME.label})
WITH DISTINCT f
{funding.financing_walk("f")}
CALL (reached) {{
    UNWIND reached AS u
    RETURN sum(1 + COUNT {{ ()-[:{either(funding.INVOLVED)}]->(u) }}
               + COUNT {{ (u)-[:{either(funding.PLACING)}]->() }}) AS links
}}
WITH f, links WHERE links >= $big
RETURN f.id AS funder, links ORDER BY links DESC, funder
"""
"""Every funder whose trace has at least `$big` links: each undertaking reached (a financing or
framing step), its involvement and its places, counted from the degrees Neo4j keeps per node and
type, so even the biggest funder is sized without reading its links."""

_PAGES = (
    funding.TRACE_PAGES
    + f"""
RETURN [r IN steps | elementId(r)] AS steps,
       {", ".join(f"[n IN {name[:-1]}_rows | n.id] AS {name}" for name in LISTS)},
       totals
"""
)
"""A funder's trace pages as ids (steps as element ids), with its totals."""


def _stored_nodes(name: str) -> str:
    """A subquery: the nodes of the stored list `t.<name>`, in order, at most `$first`."""
    return (
        f"CALL (t) {{ UNWIND range(0, size(t.{name}[..$first]) - 1) AS i "
        f"MATCH (n:`{ENTITY_LABEL}` {{id: t.{name}[i]}}) "
        f"WITH n, i ORDER BY i RETURN collect(n) AS {name[:-1]}_rows }}"
    )


_STORED = (
    f"""
MATCH (t:`{TRACE_LABEL}` {{funder: $funder}})
{current_version("v")}
WITH t WHERE t.version = {version_number("v")} AND t.page >= $first
MATCH (f:`{ENTITY_LABEL}` {{id: $funder}})
CALL (t) {{
    UNWIND range(0, size(t.steps[..$first]) - 1) AS i
    MATCH ()-[r]->() WHERE elementId(r) = t.steps[i]
    WITH r, i ORDER BY i RETURN collect(r) AS steps
}}
{chr(10).join(_stored_nodes(name) for name in LISTS)}
WITH f, steps, {", ".join(f"{name[:-1]}_rows" for name in LISTS)},
     {{steps: t.total_steps, {", ".join(f"{name}: t.total_{name}" for name in LISTS)}}} AS totals
"""
    + funding.PROJECTED
)
"""A stored trace, when it was computed from the data as it is now and holds `$first` entries a
list; no row otherwise. Each entity is found by its id, each step by its element id."""


def refresh(database: Database, page: int, big: int = BIG) -> list[dict[str, Any]]:
    """Compute and store the trace of every funder whose trace has at least `big` links.

    Each list keeps its first `page` entries (the API's maximum page size). Returns what was
    stored, biggest first: funder, links estimated, version.
    """
    version = current_sync(database)  # read first: a write meanwhile makes these stale
    sized = database.read(_SIZED, big=big)
    traces = []
    for row in sized:
        pages = database.read(
            _PAGES,
            funder=row["funder"],
            first=page,
            labels=LABELS,
            **funding.TRACE_PARAMETERS,
        )[0]
        trace: dict[str, Any] = {
            "funder": row["funder"],
            "version": version,
            "page": page,
            "links": row["links"],
            "steps": pages["steps"],
        }
        for name in LISTS:
            trace[name] = pages[name]
        for name, total in pages["totals"].items():
            trace[f"total_{name}"] = total
        traces.append(trace)

    replace_all(database, TRACE_LABEL, traces)
    return traces


async def stored(read: Read, funder: str, first: int) -> dict[str, Any] | None:
    """The stored trace of `funder` cut to `first`, if it is current and holds that many."""
    rows = await read(_STORED, funder=funder, first=first, labels=LABELS)
    return rows[0] if rows else None


async def trace(read: Read, funder: str, first: int) -> dict[str, Any] | None:
    """`fundingTrace`'s answer: the stored trace when current, else computed now."""
    return await stored(read, funder, first) or await funding.trace(read, funder, first)
