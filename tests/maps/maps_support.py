"""Building maps against the Neo4j test instance from synchronous tests."""

from __future__ import annotations

import json
import re
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
import uvicorn
import yaml
from browser_support import HOSTILE, REPO, run_async

from graphsvc.config import Settings
from graphsvc.ingest.loader import load
from graphsvc.maps.build import RenderedMap, build_map
from graphsvc.maps.fetch import MapGraph
from graphsvc.maps.request import ViewRequest
from graphsvc.model import MODEL
from graphsvc.server import create_app
from graphsvc.service.settings import ApiSettings
from graphsvc.store.async_database import AsyncDatabase
from graphsvc.store.database import Database
from graphsvc.store.guard import wipe_test_database

TEST_INSTANCE = "test"


def build(settings: Settings, view: str, **params: str) -> RenderedMap:
    """The map of `view` with URL-style `params`, built as `graphsvc render` builds it."""

    async def go() -> RenderedMap:
        database = AsyncDatabase.create(settings, TEST_INSTANCE, 60)
        try:
            return await build_map(database.read, ViewRequest.parse(view, params))
        finally:
            await database.close()

    return run_async(go())


def node_ids(rendered: RenderedMap) -> set[str]:
    return {node["id"] for node in rendered.data["nodes"]}


def edge_keys(rendered: RenderedMap) -> set[tuple[str, str, str]]:
    return {(edge["from"], edge["to"], edge["type"]) for edge in rendered.data["edges"]}


def node(
    graph: nx.MultiDiGraph[str], node_id: str, kind: str, name: str, **properties: Any
) -> None:
    graph.add_node(node_id, kind=kind, name=name, properties=properties, sources=["doc"])


def link(graph: nx.MultiDiGraph[str], a: str, b: str, rel_type: str, **properties: Any) -> None:
    graph.add_edge(a, b, key=rel_type, type=rel_type, properties=properties, sources=["doc"])


def hostile_graph() -> MapGraph:
    """Hostile text in an id, a name, an alias, a description with "href", and a link's role."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    node(
        graph,
        HOSTILE,
        "Institution",
        HOSTILE,
        description=f'<a href="x">{HOSTILE}</a>',
        aliases=[HOSTILE],
    )
    node(
        graph,
        "plain",
        "Institution",
        "Plain",
        description='see <a href="javascript:window.__xss = 3">here</a>',
    )
    link(graph, HOSTILE, "plain", "AFFILIATED_WITH", role=HOSTILE)
    return MapGraph(graph)


@contextmanager
def served(settings: Settings, api_settings: ApiSettings | None = None) -> Iterator[str]:
    """The API app served by uvicorn on a free loopback port, for real HTTP; yields its URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    app = create_app(settings, api_settings or ApiSettings(), TEST_INSTANCE)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def load_generated(database: Database, nodes: int, seed: int = 7) -> None:
    """Wipe the test database and load bench/load.py's generated graph of about `nodes`."""
    sys.path.insert(0, str(REPO / "bench"))
    from load import generated_documents

    wipe_test_database(database)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        documents = generated_documents(nodes, seed)
        path.write_text(yaml.safe_dump(documents, allow_unicode=True), encoding="utf-8")
        load(path, MODEL, database)


def map_data(html: str) -> dict[str, Any]:
    """The JSON a map page is drawn from."""
    block = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert block is not None
    return dict(json.loads(block.group(1)))
