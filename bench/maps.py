"""Benchmark map rendering and the browser's time to first draw, against plain pyvis.

    python bench/maps.py --help
    python bench/maps.py --sizes 1000,5000,20000

For each generated graph (power-law, clustered, kinds and relationship types in the seeds'
proportions), in one run:
- graphsvc: building the page (centrality, communities or clusters, layout, JSON, HTML) from the
  in-memory view graph, and the file's size;
- plain pyvis, the naive way an analyst would do it: `Network()`, `from_nx`, `write_html`, once
  with its defaults (`cdn_resources="local"`: a `lib/` folder beside the file, counted in the
  size) and once with `cdn_resources="in_line"`, its one-file option;
- for both, headless Chromium (Debian's) loads the file with the network refused and reports
  the time from navigation to the first node drawn on the canvas (a hook on the canvas's drawing
  calls, the same for both pages), or "not drawn" when --timeout passes first.

Neo4j is not involved: both sides start from the same networkx graph, so the figures compare
rendering and drawing, not fetching.

    python bench/maps.py --live 5000,50000

With `--live`, against the Neo4j test instance (wiped first) and bench/load.py's generator: for
each size, the load, `graphsvc maps refresh` (the stored analysis), the live overview as the API
builds it (`/maps/overview`, then one cluster's own map) and `graphsvc render overview` (time and
file size).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

from graphsvc.maps.aggregate import AGGREGATE_LIMIT
from graphsvc.maps.fetch import MapGraph
from graphsvc.maps.page import render_page
from graphsvc.maps.payload import Focus, payload
from graphsvc.maps.request import ViewRequest

CHROMIUM = os.environ.get("GRAPHSVC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
KINDS = [("Institution", 40), ("City", 15), ("Programme", 20), ("Event", 20), ("Person", 5)]
TYPES = {
    ("Institution", "Programme"): "PARTNER_IN",
    ("Institution", "Event"): "PARTICIPATES_IN",
    ("Institution", "City"): "BASED_IN",
    ("Event", "City"): "HELD_IN",
    ("Event", "Programme"): "PART_OF",
    ("Programme", "City"): "TARGETS",
    ("Person", "Institution"): "REPRESENTS",
    ("Institution", "Institution"): "MEMBER_OF",
    ("City", "Event"): "ORGANISES",
    ("Person", "Event"): "PARTICIPATES_IN",
}
FIRST_DRAW_HOOK = """
(() => {
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ["arc", "rect", "fillText", "drawImage"]) {
    const original = proto[name];
    proto[name] = function (...args) {
      if (window.__firstDraw === undefined && this.canvas.width > 50) {
        window.__firstDraw = performance.now();
      }
      return original.apply(this, args);
    };
  }
})();
"""


def generate(count: int, seed: int = 5) -> MapGraph:
    """A view graph shaped like the seeds: hubs, clusters, about two links per node."""
    rng = random.Random(seed)
    shape = nx.powerlaw_cluster_graph(count, 2, 0.1, seed=seed)
    kinds = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS], k=count)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for i in shape:
        properties: dict[str, Any] = {"description": f"Generated {kinds[i].lower()} {i}."}
        if kinds[i] == "City":
            properties |= {"latitude": rng.uniform(30, 45), "longitude": rng.uniform(-8, 36)}
        graph.add_node(
            f"{kinds[i].lower()}-{i}",
            kind=kinds[i],
            name=f"{kinds[i]} {i}",
            properties=properties,
            sources=["generated"],
        )
    for a, b in shape.edges():
        ka, kb = kinds[a], kinds[b]
        if (ka, kb) not in TYPES:
            a, b, ka, kb = b, a, kb, ka
        rel_type = TYPES.get((ka, kb), "AFFILIATED_WITH")
        graph.add_edge(
            f"{ka.lower()}-{a}",
            f"{kb.lower()}-{b}",
            key=rel_type,
            type=rel_type,
            properties={},
            sources=["generated"],
        )
    return MapGraph(graph)


def render_graphsvc(view: MapGraph, path: Path) -> tuple[float, int, int]:
    """Seconds to build and write the page, its bytes, and the nodes it draws first."""
    started = time.perf_counter()
    data = payload(view, ViewRequest("overview"), Focus(), "Generated network", "")
    path.write_text(render_page(data, served=False), encoding="utf-8")
    seconds = time.perf_counter() - started
    first = len(data["clusters"]) or len(data["nodes"])
    return seconds, path.stat().st_size, first


def render_pyvis(view: MapGraph, folder: Path, resources: str) -> tuple[float, int, int]:
    """The same with plain pyvis (in `folder`, where its defaults write a lib/ folder)."""
    from pyvis.network import Network

    simple: nx.DiGraph[str] = nx.DiGraph()
    for node, data in view.graph.nodes(data=True):
        simple.add_node(node, label=data["name"], title=data["properties"]["description"])
    simple.add_edges_from(view.graph.edges())
    here = Path.cwd()
    os.chdir(folder)
    try:
        started = time.perf_counter()
        net = Network(directed=True, cdn_resources=resources)
        net.from_nx(simple)
        net.write_html("pyvis.html")
        seconds = time.perf_counter() - started
    finally:
        os.chdir(here)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return seconds, size, view.graph.number_of_nodes()


def first_draw(browser: Any, path: Path, timeout_s: float) -> tuple[float | None, str]:
    """Seconds from navigation to the first node drawn (None if never), and why not."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(FIRST_DRAW_HOOK)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
    )
    try:
        page.goto(path.as_uri(), wait_until="load", timeout=timeout_s * 1000)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            drawn = page.evaluate("window.__firstDraw === undefined ? null : window.__firstDraw")
            if drawn is not None:
                return float(drawn) / 1000, ""
            if errors:  # e.g. "vis is not defined": its script was to come from a CDN
                return None, f"script error offline: {errors[0][:60]}"
            page.wait_for_timeout(100)
        return None, f"not drawn in {timeout_s:.0f} s"
    finally:
        context.close()


def load_generated(database: Any, nodes: int, seed: int = 7) -> None:
    """Wipe the test database and load bench/load.py's generated graph of about `nodes`."""
    import yaml
    from load import generated_documents

    from graphsvc.ingest.loader import load
    from graphsvc.model import MODEL
    from graphsvc.store.guard import wipe_test_database

    wipe_test_database(database)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_text(
            yaml.safe_dump(generated_documents(nodes, seed), allow_unicode=True),
            encoding="utf-8",
        )
        load(path, MODEL, database)


def live(sizes: list[int], instance: str) -> None:
    """The live overview, an opened cluster and the rendered file, per generated size."""
    import asyncio

    from graphsvc.config import Settings
    from graphsvc.maps.analysis import compute
    from graphsvc.maps.build import build_map
    from graphsvc.store import map_analysis
    from graphsvc.store.async_database import AsyncDatabase
    from graphsvc.store.database import Database

    settings = Settings.from_env()
    table: list[list[str]] = []

    async def timed_build(params: dict[str, str], served: bool) -> tuple[float, int]:
        reader = AsyncDatabase.create(settings, instance, 600)
        try:
            started = time.perf_counter()
            built = await build_map(
                reader.read, ViewRequest.parse("overview", params), served=served
            )
            return time.perf_counter() - started, len(built.html.encode("utf-8"))
        finally:
            await reader.close()

    with Database.connect(settings, instance) as database:
        for size in sizes:
            say(f"[{size:,}] load ...")
            started = time.perf_counter()
            load_generated(database, size)
            loaded_s = time.perf_counter() - started
            say(f"[{size:,}] maps refresh ...")
            started = time.perf_counter()
            totals, clusters = compute(database)
            map_analysis.save(database, totals, clusters)
            refresh_s = time.perf_counter() - started
            say(f"[{size:,}] live overview, a cluster, the file ...")
            asyncio.run(timed_build({}, True))  # warm the page cache and the query plans
            live_s, live_bytes = asyncio.run(timed_build({}, True))
            cluster_s, cluster_bytes = asyncio.run(timed_build({"cluster": "0"}, True))
            file_s, file_bytes = asyncio.run(timed_build({}, False))
            table.append(
                [
                    f"{totals['entities']:,}",
                    f"{totals['links']:,}",
                    f"{loaded_s:.1f} s",
                    f"{refresh_s:.1f} s",
                    f"{live_s:.2f} s, {live_bytes / 1e6:.2f} MB",
                    f"{cluster_s:.2f} s, {cluster_bytes / 1e6:.2f} MB",
                    f"{file_s:.2f} s, {file_bytes / 1e6:.2f} MB",
                ]
            )
    print("\n| entities | links | load | maps refresh | live overview | cluster 0 | file |")
    print("|---|---|---|---|---|---|---|")
    for cells in table:
        print("| " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--live",
        metavar="SIZES",
        help="measure the stored-analysis maps against Neo4j at these sizes (e.g. 5000,50000)",
    )
    parser.add_argument("--instance", default="test", help="managed instance (default test)")
    parser.add_argument(
        "--sizes",
        default="1000,5000,20000",
        help="node counts of the generated graphs (default 1000,5000,20000)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=180.0,
        help="seconds to wait for a first draw before reporting 'not drawn'",
    )
    parser.add_argument(
        "--skip-pyvis-above",
        type=int,
        default=20000,
        help="do not run plain pyvis on graphs larger than this",
    )
    args = parser.parse_args()
    if args.live:
        live([int(part) for part in args.live.split(",")], args.instance)
        return
    sizes = [int(part) for part in args.sizes.split(",")]
    from playwright.sync_api import sync_playwright

    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in sizes:
            view = generate(size)
            links = view.graph.number_of_edges()
            folder = Path(tmp) / str(size)
            folder.mkdir()
            say(f"[{size:,} nodes] graphsvc: render and first draw ...")
            ours = render_graphsvc(view, folder / "graphsvc.html")
            our_draw, why = first_draw(browser, folder / "graphsvc.html", args.timeout)
            rows.append(row(size, links, "graphsvc", ours, our_draw, why, None))
            if size > args.skip_pyvis_above:
                continue
            for resources in ("local", "in_line"):
                say(
                    f"[{size:,} nodes] pyvis ({resources}): render and first draw (up to "
                    f"{args.timeout:.0f} s) ..."
                )
                place = folder / resources
                place.mkdir()
                theirs = render_pyvis(view, place, resources)
                draw, why = first_draw(browser, place / "pyvis.html", args.timeout)
                rows.append(row(size, links, f"pyvis {resources}", theirs, draw, why, our_draw))
        browser.close()
    print(
        f"\nMaps: graphsvc against plain pyvis 0.3.2 (graphsvc aggregates above "
        f"{AGGREGATE_LIMIT:,} nodes)\n"
    )
    print(
        "| nodes | links | renderer | render | size on disk | first draw | nodes drawn first "
        "| first draw vs graphsvc |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for cells in rows:
        print("| " + " | ".join(cells) + " |")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def row(
    size: int,
    links: int,
    name: str,
    rendered: tuple[float, int, int],
    draw: float | None,
    why: str,
    baseline: float | None,
) -> list[str]:
    seconds, size_bytes, first = rendered
    ratio = (
        f"{draw / baseline:.0f}x slower"
        if draw is not None and baseline
        else "never drew"
        if baseline
        else ""
    )
    return [
        f"{size:,}",
        f"{links:,}",
        name,
        f"{seconds:.2f} s",
        f"{size_bytes / 1e6:.1f} MB",
        f"{draw:.2f} s" if draw is not None else why,
        f"{first:,}",
        ratio,
    ]


if __name__ == "__main__":
    main()
