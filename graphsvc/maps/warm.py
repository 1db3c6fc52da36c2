"""Neo4j's plans for the maps' statements, made by a refresh rather than by the first reader.

Neo4j plans a statement the first time it sees it, and plans it again once the data's statistics
have changed enough (a load does) or the server has restarted. A hub's ego map sends seven
statements: at 1,000,000 entities planning them took 0.8-1.0 s, paid by whoever opened the first
map after a load. `graphsvc maps refresh` runs after every load and import, and ends by building
each view once about the most linked subject of its kind (the slowest to draw, and the one that
sends every statement its view can send), and dropping the page. Neo4j's page cache then also
holds what those maps read.

A plan is kept per statement and per size of each list parameter, in buckets (1, 2-10, 11-100,
101-1,000, 1,001-10,000, more; measured on 5.26), and a map's statements depend on its view, not
on its subject: the warm-up plans what the big maps of each view send. A small map sends shorter
lists and is planned when first opened, and it is quick to draw besides (the biggest hub's ego
map, whose planning this removes, was the slowest).

In a cluster, plans are kept by each member: this warms the member the refresh reads from.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphsvc.errors import GraphsvcError
from graphsvc.maps.build import build_map
from graphsvc.maps.parameters import MAP_KINDS, WHOLE_VIEWS
from graphsvc.maps.request import ViewRequest
from graphsvc.store import map_views
from graphsvc.store.async_database import Read


@dataclass(frozen=True)
class Warmed:
    """The views built, each with its subject (None for a whole-network view)."""

    views: list[tuple[str, str | None]]
    failed: list[str]
    """Views that could not be built, each with the reason (a warm-up never fails a refresh)."""


async def warm(read: Read, *, clustered: bool) -> Warmed:
    """Build one map of each view (the path view aside: it needs two subjects) and drop it.

    The whole-network views only when they are drawn as `clustered` (from the stored analysis):
    below the drawing limit they compute their communities per request, and their two
    statements take little planning.
    """
    subjects = await map_views.most_linked(read, MAP_KINDS)
    whole = [(view, None) for view in WHOLE_VIEWS] if clustered else []
    requests: list[tuple[str, str | None]] = [*whole, *sorted(subjects.items())]
    built: list[tuple[str, str | None]] = []
    failed: list[str] = []
    for view, subject in requests:
        try:
            await build_map(read, ViewRequest.parse(view, {"id": subject} if subject else {}))
        except GraphsvcError as error:  # the data changed under the refresh, say
            failed.append(f"{view}: {error}")
            continue
        built.append((view, subject))
    return Warmed(built, failed)
