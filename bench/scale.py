"""How the API, the maps and the loader grow with the graph, on realistic generated data.

    python bench/scale.py --help
    python bench/scale.py --sizes 5000,50000      # uses the managed `test` instance

For each size, bench/realistic.py's generator (power-law degrees, dates, cities with
coordinates) is loaded through graphsvc's writer into a wiped test database (graphsvc's test
guard refuses any other), `graphsvc serve` is started, and one client measures over HTTP:
- API: a list page of 50 with sources, a name-filtered list, the totalCount of a broad name
  filter, nested members of the biggest network, search, partners, fundingTrace of big funders
  (bench/api.py's queries where they exist): p50 and p95 of --requests calls each;
- maps: live /maps/overview, ego of the biggest hub, the biggest funder's map, the geographic
  map (seconds and bytes of the first answer, seconds of a second one, or "timeout after N s"),
  and `graphsvc render overview` (build time and file size);
- the loader's rows per second, `graphsvc maps refresh` (the stored analysis the maps read past
  2,500 entities), and the server's resident memory after the maps.
One table has a column per size, then the growth factor between neighbouring sizes.
"""

from __future__ import annotations

import argparse
import itertools
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from api import PARTNERS, SEARCH, TRACE, percentile, start_server
from proc_cpu import descendants
from realistic import PLACES, Generated, generate

from graphsvc.config import Settings
from graphsvc.model import MODEL
from graphsvc.model.records import GraphData
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.store.constraints import ensure_schema
from graphsvc.store.database import Database
from graphsvc.store.guard import wipe_test_database
from graphsvc.store.writer import write_graph

CHUNK = 20_000
"""Rows per load transaction (one transaction for a million rows outgrows the heap)."""

PAGE = """{ institutions(first: 50) { pageInfo { endCursor hasNextPage }
  nodes { slug name sources { slug } } } }"""
NAMED = """query($name: String!) { institutions(first: 50, filter: {name: $name}) {
  nodes { slug name sources { slug } } } }"""
TOTAL = """query($name: String!) { institutions(first: 1, filter: {name: $name}) { totalCount } }"""
NESTED = """query($id: String!) { entity(slug: $id) { ... on Institution {
  members(first: 20) { node { slug ... on Institution {
  partnerIn(first: 5) { node { slug name } } } } } } } }"""

Row = dict[str, str]
"""Measure -> shown value, for one size."""


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load(database: Database, data: GraphData) -> float:
    """Wipe, then write `data` in chunks through graphsvc's writer; rows per second."""
    wipe_test_database(database)
    ensure_schema(database, MODEL)
    sources = tuple(n for n in data.nodes if n.label == "Source")
    others = [n for n in data.nodes if n.label != "Source"]
    rels = data.relationships
    chunks = [GraphData(sources)]
    chunks += [GraphData(tuple(others[i : i + CHUNK])) for i in range(0, len(others), CHUNK)]
    chunks += [GraphData((), rels[i : i + CHUNK]) for i in range(0, len(rels), CHUNK)]
    started = time.perf_counter()
    for chunk in chunks:
        write_graph(database, chunk, MODEL)
    return (len(data.nodes) + len(rels)) / (time.perf_counter() - started)


def hub(database: Database) -> str:
    """The node with the most links (the ego map's worst case)."""
    rows = database.read(
        "MATCH (n:Entity) WHERE NOT n:Source RETURN n.id AS id ORDER BY COUNT { (n)--() } DESC "
        "LIMIT 1"
    )
    return str(rows[0]["id"])


def rss_mib(pid: int) -> float:
    """Resident memory of `pid` and its descendants (worker processes), in MiB."""
    total = 0
    for each in (pid, *descendants(pid)):
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


_REFUSALS = {"UNAVAILABLE": "timed out", "QUERY_TOO_COMPLEX": "refused: too much memory"}
"""Answers the API gives on purpose to a query too costly for the server: counted per kind."""


def api_mix(client: httpx.Client, url: str, graph: Generated, requests: int, row: Row) -> None:
    rng = random.Random(3)
    institutions = sum(1 for n in graph.data.nodes if n.label == "Institution")

    def narrow(rng: random.Random) -> str:
        return f"{PLACES[rng.randrange(len(PLACES))][0]} {rng.randrange(10, 100)}"

    def some_institution(rng: random.Random) -> str:
        return f"institution-{rng.randrange(institutions)}"

    mix: dict[str, tuple[str, Callable[[random.Random], dict[str, Any]]]] = {
        "list page of 50 with sources": (PAGE, lambda rng: {}),
        "name-filtered list": (NAMED, lambda rng: {"name": narrow(rng)}),
        "totalCount, broad name": (TOTAL, lambda rng: {"name": graph.broad_name}),
        "nested: network members": (NESTED, lambda rng: {"id": graph.biggest_network}),
        "search": (SEARCH, lambda rng: {"text": f"agense {rng.randrange(institutions)}"}),
        "partners": (PARTNERS, lambda rng: {"id": some_institution(rng)}),
        "fundingTrace, top funders": (TRACE, lambda rng: {"id": f"institution-{rng.randrange(5)}"}),
    }
    for name, (query, variables) in mix.items():
        latencies: list[float] = []
        refused: Counter[str] = Counter()
        for attempt in range(requests + 2):  # two warm-up calls
            started = time.perf_counter()
            response = client.post(url, json={"query": query, "variables": variables(rng)})
            elapsed = (time.perf_counter() - started) * 1000
            errors = response.json().get("errors")
            code = errors[0].get("extensions", {}).get("code") if errors else None
            if errors and code not in _REFUSALS:
                raise SystemExit(f"{name}: the API answered with errors: {errors}")
            if attempt >= 2:
                if code:
                    refused[_REFUSALS[code]] += 1
                else:
                    latencies.append(elapsed)
        cell = (
            f"{percentile(latencies, 0.5):.0f} / {percentile(latencies, 0.95):.0f}"
            if latencies
            else "-"
        )
        for why, count in sorted(refused.items()):  # counted, not measured
            cell += f" ({count}/{requests} {why})"
        row[f"API {name} p50 / p95 (ms)"] = cell


def maps(
    base: str, graph: Generated, ego: str, timeout: float, restart: Callable[[], None], row: Row
) -> None:
    views = {
        "overview": "/maps/overview",
        "ego of the biggest hub": f"/maps/ego?id={ego}",
        "funder map, biggest funder": f"/maps/funder?id={graph.biggest_funder}",
        "geographic": "/maps/geographic",
    }
    for name, path in views.items():
        say(f"  map {name} ...")
        started = time.perf_counter()
        try:
            response = httpx.get(base + path, timeout=timeout)
            seconds = time.perf_counter() - started
            if response.status_code != 200:
                row[f"map {name}"] = f"HTTP {response.status_code} after {seconds:.1f} s"
                continue
            # Asked again: the first answer also pays for planning its statements.
            started = time.perf_counter()
            httpx.get(base + path, timeout=timeout).raise_for_status()
            again = time.perf_counter() - started
            row[f"map {name}"] = (
                f"{seconds:.1f} s, {len(response.content) / 1e6:.1f} MB (again {again:.1f} s)"
            )
        except httpx.TimeoutException:
            row[f"map {name}"] = f"timeout after {timeout:.0f} s"
            restart()  # the server may still be building it: start afresh for the next one


def refresh(instance: str, row: Row) -> None:
    """`graphsvc maps refresh`, as a user runs it after a load: the stored whole-graph analysis."""
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from graphsvc.cli.app import main; main()",
            *("--instance", instance, "maps", "refresh"),
        ],
        check=True,
        capture_output=True,
    )
    row["maps refresh"] = f"{time.perf_counter() - started:.1f} s"


def render(instance: str, timeout: float, row: Row) -> None:
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "overview.html"
        started = time.perf_counter()
        try:
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "from graphsvc.cli.app import main; main()",
                    *("--instance", instance, "render", "overview", "-o", str(output)),
                ],
                check=True,
                timeout=timeout,
                capture_output=True,
            )
            seconds = time.perf_counter() - started
            row["render overview (file)"] = f"{seconds:.1f} s, {output.stat().st_size / 1e6:.1f} MB"
        except subprocess.TimeoutExpired:
            row["render overview (file)"] = f"timeout after {timeout:.0f} s"


def measure_size(args: argparse.Namespace, settings: Settings, size: int) -> Row:
    row: Row = {}
    say(f"[{size:,}] generating ...")
    graph = generate(size, args.seed)
    data = graph.data
    row["nodes / links"] = f"{len(data.nodes):,} / {len(data.relationships):,}"
    say(f"[{size:,}] loading {len(data.nodes) + len(data.relationships):,} rows ...")
    with Database.connect(settings, args.instance) as database:
        row["loader rows/s"] = f"{load(database, data):,.0f}"
        ego = hub(database)
    if not args.skip_maps:
        say(f"[{size:,}] graphsvc maps refresh ...")
        refresh(args.instance, row)
    server = start_server(args.instance, args.port, 1)

    def restart() -> None:
        nonlocal server
        server.terminate()
        server.wait(timeout=30)
        server = start_server(args.instance, args.port, 1)

    base = f"http://127.0.0.1:{args.port}"
    try:
        say(f"[{size:,}] API mix ...")
        with httpx.Client(timeout=args.map_timeout) as client:
            api_mix(client, f"{base}/graphql", graph, args.requests, row)
        row["server RSS after API (MiB)"] = f"{rss_mib(server.pid):.0f}"
        if not args.skip_maps:
            maps(base, graph, ego, args.map_timeout, restart, row)
            row["server RSS after maps (MiB)"] = f"{rss_mib(server.pid):.0f}"
    finally:
        server.terminate()
        server.wait(timeout=30)
    if not args.skip_maps:
        say(f"[{size:,}] graphsvc render overview ...")
        render(args.instance, args.map_timeout, row)
    return row


def leading_number(text: str) -> float | None:
    try:
        return float(text.split()[0].replace(",", ""))
    except (ValueError, IndexError):
        return None


def growth(small: str, large: str) -> str:
    """How many times the first figure of `large` is that of `small` ('' if not comparable)."""
    a, b = leading_number(small), leading_number(large)
    return f"{b / a:.1f}x" if a and b is not None else ""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument(
        "--sizes", default="5000,50000,250000,1000000", help="generated node counts"
    )
    parser.add_argument("--requests", type=int, default=20, help="API calls per kind (20)")
    parser.add_argument(
        "--map-timeout", type=float, default=60.0, help="seconds before a map is given up (60)"
    )
    parser.add_argument("--skip-maps", action="store_true", help="measure the API and loader only")
    parser.add_argument("--seed", type=int, default=11, help="random seed (11)")
    parser.add_argument("--port", type=int, default=8766, help="API port (8766)")
    parser.add_argument("--instance", default="test", help="managed instance (test)")
    args = parser.parse_args()
    sizes = [int(part) for part in args.sizes.split(",")]
    settings = Settings.from_env()
    if settings.uses_managed_server:
        ManagedInstance(settings, args.instance).start(say)
    rows: dict[int, Row] = {}
    for size in sizes:
        rows[size] = measure_size(args, settings, size)
        if len(sizes) > 1:  # each size's figures as soon as they exist: a later size may fail
            print_table({size: rows[size]}, [size])
    print_table(rows, sizes)
    with Database.connect(settings, args.instance) as database:
        wipe_test_database(database)


def print_table(rows: dict[int, Row], sizes: list[int]) -> None:
    """A column per size, then the growth factor between neighbouring sizes."""
    labels = list(rows[sizes[0]])
    pairs = list(itertools.pairwise(sizes))
    header = [f"{size:,}" for size in sizes] + [f"{a:,} -> {b:,}" for a, b in pairs]
    print("\n| measure | " + " | ".join(header) + " |")
    print("|---" * (len(header) + 1) + "|")
    for label in labels:
        cells = [rows[size].get(label, "") for size in sizes]
        cells += [growth(rows[a].get(label, ""), rows[b].get(label, "")) for a, b in pairs]
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
