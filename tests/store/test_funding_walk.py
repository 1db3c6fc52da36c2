"""The level-by-level walk of a funder's money reaches what the path pattern it replaced reached.

`graphsvc.store.funding.financing_walk` follows FUNDS forward and PART_OF backward one level at a
time. The oracle here is the definition it replaced, written as one path pattern with each step's
direction checked: from a funder's own FUNDS to a programme, up to five financing or framing
steps. Both must give the same undertakings and the same steps, for every funder of the seeds
and for a graph built to catch the edge cases: a chain six levels deep (the sixth is out of
reach), a cycle of financing, an event framing a session under a financed programme,
and a link followed against its direction (a funder's other grants are not reached through it).
"""

from itertools import pairwise

import pytest

from graphsvc.model import MODEL
from graphsvc.model.domain import FUNDS, PART_OF
from graphsvc.model.records import GraphData, NodeRecord, Origin, RelationshipRecord
from graphsvc.store.database import Database
from graphsvc.store.funding import STEPS, financing_steps, financing_walk
from graphsvc.store.writer import write_graph

pytestmark = pytest.mark.neo4j

BY_LEVELS = f"""
MATCH (f:Entity {{id: $funder}})
{financing_walk("f")}
CALL (f, walkers) {{
    CALL (f, walkers) {{ {financing_steps("f")} }}
    RETURN collect(elementId(r)) AS steps
}}
RETURN [u IN reached | u.id] AS reached, steps
"""

BY_PATHS = f"""
MATCH (f:Entity {{id: $funder}})
OPTIONAL MATCH (f)-[r0:{FUNDS.type}]->(:Programme)
    ((x)-[e:{FUNDS.type}|{PART_OF.type}]-(y)
     WHERE CASE type(e) WHEN '{FUNDS.type}' THEN startNode(e) = x ELSE endNode(e) = x END)
    {{0,{STEPS}}}(u)
WITH collect(DISTINCT u.id) AS reached, collect(DISTINCT r0) AS direct, collect(e) AS chains
RETURN reached,
       [r IN direct | elementId(r)]
       + reduce(all = [], chain IN chains | all + [r IN chain | elementId(r)]) AS steps
"""

ORIGIN = Origin("test", None)
SOURCE = "walk-report"


def _node(label: str, node_id: str) -> NodeRecord:
    return NodeRecord(label, node_id, {"id": node_id, "name": node_id, "aliases": []}, (), ORIGIN)


def _link(kind: str, source: str, target: str) -> RelationshipRecord:
    return RelationshipRecord(kind, source, target, {}, (SOURCE,), ORIGIN)


def edge_cases() -> GraphData:
    source = NodeRecord(
        "Source",
        SOURCE,
        {"id": SOURCE, "name": "Walk report", "aliases": [], "category": "news-article"},
        (),
        ORIGIN,
    )
    chain = [f"walk-level-{i}" for i in range(STEPS + 2)]
    nodes = [source, _node("Institution", "walk-funder"), _node("Institution", "walk-other")]
    nodes += [_node("Programme", p) for p in (*chain, "walk-cycle", "walk-other-grant")]
    nodes += [_node("Event", "walk-event"), _node("Event", "walk-session")]
    links = [_link(FUNDS.type, "walk-funder", chain[0])]
    links += [_link(FUNDS.type, a, b) for a, b in pairwise(chain)]
    links += [
        _link(FUNDS.type, chain[1], "walk-cycle"),
        _link(FUNDS.type, "walk-cycle", chain[1]),
        _link(PART_OF.type, "walk-event", chain[0]),
        _link(PART_OF.type, "walk-session", "walk-event"),
        # Followed backward from walk-level-0, this would lead to the other funder's grant.
        _link(FUNDS.type, "walk-other", chain[0]),
        _link(FUNDS.type, "walk-other", "walk-other-grant"),
    ]
    return GraphData(tuple(nodes), tuple(links))


def compare(database: Database, funder: str) -> list[str]:
    (levels,) = database.read(BY_LEVELS, funder=funder)
    (paths,) = database.read(BY_PATHS, funder=funder)
    assert sorted(levels["reached"]) == sorted(paths["reached"]), funder
    assert sorted(levels["steps"]) == sorted(set(paths["steps"])), funder
    assert len(levels["steps"]) == len(set(levels["steps"])), f"{funder}: a step came twice"
    return sorted(levels["reached"])


def test_every_seeded_funder_reaches_what_the_paths_reached(
    seeded: object, empty_db: Database
) -> None:
    funders = [
        row["id"]
        for row in empty_db.read(f"MATCH (f)-[:{FUNDS.type}]->() RETURN DISTINCT f.id AS id")
    ]
    assert len(funders) >= 3
    reached = {funder: compare(empty_db, funder) for funder in funders}
    assert any(len(found) > 1 for found in reached.values())


def test_depth_cycles_framing_and_direction(seeded: object, empty_db: Database) -> None:
    write_graph(empty_db, edge_cases(), MODEL)
    reached = compare(empty_db, "walk-funder")
    assert f"walk-level-{STEPS}" in reached
    assert f"walk-level-{STEPS + 1}" not in reached
    assert {"walk-cycle", "walk-event", "walk-session"} <= set(reached)
    assert "walk-other-grant" not in reached
    assert compare(empty_db, "walk-other")
