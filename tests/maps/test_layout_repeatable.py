"""A map of any size is drawn the same way every time its data is the same.

Neo4j returns rows in no fixed order and Python's hash seed changes from one process to the next;
neither may move a node. The seeds alone (99 entities) were always stable because the browser lays
out small views; above `PHYSICS_LIMIT` the server computes positions, and with the seeds plus the
IATI sample (566 entities) two renders of the overview gave 2,204 different coordinates.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from maps_support import link, node

from graphsvc.maps.aggregate import AGGREGATE_LIMIT
from graphsvc.maps.fetch import MapGraph
from graphsvc.maps.layout import PHYSICS_LIMIT
from graphsvc.maps.payload import Focus, payload
from graphsvc.maps.request import ViewRequest

KINDS = ("Institution", "City", "Programme", "Event")
LINK_BY_KINDS = {
    ("Institution", "Programme"): "PARTNER_IN",
    ("Institution", "Event"): "PARTICIPATES_IN",
    ("Institution", "City"): "BASED_IN",
    ("Event", "City"): "HELD_IN",
    ("Event", "Programme"): "PART_OF",
    ("Institution", "Institution"): "MEMBER_OF",
}


def generated(entities: int, shuffle: int | None) -> MapGraph:
    """A clustered power-law graph of the model's kinds, its rows in order or shuffled."""
    shape = nx.powerlaw_cluster_graph(entities, 2, 0.3, seed=5)
    kind_of = {n: KINDS[n % len(KINDS)] for n in shape}
    nodes = list(shape)
    links = []
    for a, b in shape.edges():
        for first, second in ((a, b), (b, a)):
            rel_type = LINK_BY_KINDS.get((kind_of[first], kind_of[second]))
            if rel_type:
                links.append((first, second, rel_type))
                break
    if shuffle is not None:
        random.Random(shuffle).shuffle(nodes)
        random.Random(shuffle).shuffle(links)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for n in nodes:
        node(graph, f"e-{n}", kind_of[n], f"Entity {n}")
    for a, b, rel_type in links:
        link(graph, f"e-{a}", f"e-{b}", rel_type)
    return MapGraph(graph, {})


def positions(entities: int, shuffle: int | None) -> dict[str, list[float]]:
    data = payload(generated(entities, shuffle), ViewRequest("overview"), Focus(), "t", "s")
    return {n["id"]: [n.get("x"), n.get("y")] for n in data["nodes"]}


SIZES = [PHYSICS_LIMIT + 200, AGGREGATE_LIMIT + 500]


@pytest.mark.parametrize("entities", SIZES)
def test_the_order_rows_arrive_in_moves_nothing(entities: int) -> None:
    first = positions(entities, None)
    assert all(x is not None for x, _ in first.values())  # the server laid these out
    assert positions(entities, 1) == first
    assert positions(entities, 2) == first


@pytest.mark.slow
def test_another_process_draws_the_same_map() -> None:
    """Python's hash seed differs per process: two processes with two seeds agree."""
    script = (
        "import json, sys; sys.path[:0] = sys.argv[1:3]\n"
        "from test_layout_repeatable import SIZES, positions\n"
        "print(json.dumps([positions(n, 3) for n in SIZES], sort_keys=True))\n"
    )
    here = Path(__file__).resolve().parent
    support = here.parent / "support"
    answers = []
    for seed in ("11", "12"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(here), str(support)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        answers.append(json.loads(done.stdout))
    assert answers[0] == answers[1]
    assert answers[0] == [positions(n, 3) for n in SIZES]
