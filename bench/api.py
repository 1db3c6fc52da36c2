"""Benchmark the GraphQL API against hand-written Cypher (the floor), on a generated graph.

    python bench/api.py --help
    python bench/api.py --nodes 50000 --requests 400     # uses the managed `test` instance

Loads a generated graph (bench/load.py's generator; skipped with --reuse when it is already
there), starts `graphsvc serve` as a separate process, then runs a fixed mix of realistic
requests with several concurrent clients:
- partners: `partners(of:)` with each partner's programmes and their partners (three levels);
- trace:    `fundingTrace(funder:)` with every step, its ends and its sources;
- search:   `search(text:)` for a name with a typo;
- list:     a page of 50 institutions filtered by name, with their sources.
The same answers are then fetched with hand-written Cypher through the async driver, with the
same concurrency, in the same run. Printed per request kind: p50/p95/p99 latency and throughput,
API and floor side by side, and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import yaml
from load import generated_documents

from graphsvc.config import Settings
from graphsvc.ingest.loader import read_graph
from graphsvc.model import MODEL
from graphsvc.model.names import name_key
from graphsvc.model.records import GraphData
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.store import collaboration
from graphsvc.store.async_database import AsyncDatabase
from graphsvc.store.constraints import FULLTEXT_INDEX, ensure_schema
from graphsvc.store.database import Database
from graphsvc.store.guard import wipe_test_database
from graphsvc.store.queries import fulltext_query
from graphsvc.store.writer import write_graph

PARTNERS = """query($id: String!) { partners(of: $id, first: 10) { partner { slug
  ... on Institution { partnerIn(first: 5) { node { slug
    partners(first: 5) { node { slug } } } } } }
  evidence { via context { slug } } } }"""
TRACE = """query($id: String!) { fundingTrace(funder: $id) { programmes { slug }
  implementers { slug } places { slug }
  steps { stage link { type from { slug } to { slug } sources { slug } } } } }"""
SEARCH = """query($text: String!) { search(text: $text, first: 10) { node { slug name } score } }"""
LIST = """query($name: String!) { institutions(first: 50, filter: {name: $name}) {
  pageInfo { endCursor hasNextPage } nodes { slug name sources { slug } } } }"""

CHUNK = 20_000
"""Rows per load transaction when generating the graph."""

FLOOR_NESTED = """
UNWIND $slugs AS slug
MATCH (i:Institution {id: slug})
CALL (i) {
  MATCH (i)-[:PARTNER_IN]->(p:Programme)
  WITH p ORDER BY toLower(p.name), p.id LIMIT 5
  CALL (p) {
    MATCH (p)<-[:PARTNER_IN]-(q)
    WITH q ORDER BY toLower(q.name), q.id LIMIT 5
    RETURN collect(q.id) AS partners
  }
  RETURN collect({slug: p.id, partners: partners}) AS programmes
}
RETURN slug, programmes
"""
FLOOR_SEARCH = f"""
CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $lucene, {{limit: 50}})
YIELD node, score
RETURN node.id AS slug, node.name AS name, score ORDER BY score DESC, slug LIMIT 10
"""
FLOOR_LIST = """
MATCH (n:Institution) WHERE any(key IN n.lookup_keys WHERE key CONTAINS $name)
WITH n ORDER BY toLower(n.name), n.id LIMIT 51
OPTIONAL MATCH (n)-[:SUPPORTED_BY]->(s:Source)
RETURN n.id AS slug, n.name AS name, collect(s.id) AS sources
"""


def ensure_graph(settings: Settings, instance: str, nodes: int, reuse: bool) -> None:
    with Database.connect(settings, instance) as database:
        count = database.read("MATCH (n:Institution) RETURN count(n) AS n")[0]["n"]
        if reuse and count == int(nodes * 0.3):
            print(
                f"Reusing the generated graph already loaded ({count:,} institutions).",
                file=sys.stderr,
            )
            return
        print(
            f"Generating and loading ~{nodes:,} nodes and {2 * nodes:,} relationships ...",
            file=sys.stderr,
        )
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "generated.yaml"
            path.write_text(
                yaml.safe_dump(generated_documents(nodes, 7), allow_unicode=True), encoding="utf-8"
            )
            data = read_graph(path, MODEL)
        wipe_test_database(database)
        ensure_schema(database, MODEL)
        started = time.perf_counter()
        # In chunks: one transaction for 150,000 rows outgrows the transaction memory of the
        # managed server's 512 MiB heap (dbms.memory.transaction.total.max is 70 % of it).
        sources = tuple(n for n in data.nodes if n.label == "Source")
        others = [n for n in data.nodes if n.label != "Source"]
        chunks = [GraphData(sources)]
        chunks += [GraphData(tuple(others[i : i + CHUNK])) for i in range(0, len(others), CHUNK)]
        rels = data.relationships
        chunks += [GraphData((), rels[i : i + CHUNK]) for i in range(0, len(rels), CHUNK)]
        for number, chunk in enumerate(chunks, 1):
            write_graph(database, chunk, MODEL)
            print(f"  chunk {number}/{len(chunks)} written", file=sys.stderr)
        print(
            f"Loaded {len(data.nodes):,} nodes and {len(data.relationships):,} relationships "
            f"in {time.perf_counter() - started:.1f} s.",
            file=sys.stderr,
        )


def start_server(instance: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    """Start `graphsvc serve` on `port` and wait until it is ready.

    Refuses a port where something already answers: a server left behind by an earlier run
    would otherwise answer in the new one's place, with its own code, and every figure would be
    measured on it (it happened: a stale server made one stop's HTTP figures those of older code).
    """
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(
                f"port {port} is in use (an API server left running?): stop it or pass --port"
            )
    env = {**os.environ, "GRAPHSVC_GRAPHIQL": "off"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from graphsvc.cli.app import main; main()",
            "--instance",
            instance,
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.kill()
    raise SystemExit("the API server did not become ready within 60 s")


Work = Callable[[random.Random], Awaitable[None]]


async def measure(work: Work, requests: int, concurrency: int) -> tuple[list[float], float]:
    """Latencies (ms) of `requests` calls made by `concurrency` workers, and the wall time."""
    latencies: list[float] = []
    per_worker = requests // concurrency

    async def worker(index: int) -> None:
        rng = random.Random(index)
        for _ in range(per_worker):
            started = time.perf_counter()
            await work(rng)
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return latencies, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def line(label: str, latencies: list[float], seconds: float) -> str:
    return (
        f"  {label:<8}p50 {percentile(latencies, 0.5):7.1f} ms  p95 "
        f"{percentile(latencies, 0.95):7.1f} ms  p99 {percentile(latencies, 0.99):7.1f} ms"
        f"  {len(latencies) / seconds:7.1f} req/s"
    )


async def run(args: argparse.Namespace, settings: Settings, nodes: int) -> None:
    institutions = int(nodes * 0.3)
    url = f"http://127.0.0.1:{args.port}/graphql"

    def institution(rng: random.Random) -> str:
        return f"institution-{rng.randrange(institutions)}"

    def typo(rng: random.Random) -> str:
        return f"instituton {rng.randrange(institutions)}"

    def name_part(rng: random.Random) -> str:
        return f"institution {rng.randrange(10, 100)}"

    async with httpx.AsyncClient(
        timeout=60, limits=httpx.Limits(max_connections=args.concurrency)
    ) as client:

        async def graphql(query: str, variables: dict[str, Any]) -> None:
            response = await client.post(url, json={"query": query, "variables": variables})
            body = response.json()
            if "errors" in body:
                raise SystemExit(f"the API answered with errors: {body['errors']}")

        api: dict[str, Work] = {
            "partners": lambda rng: graphql(PARTNERS, {"id": institution(rng)}),
            "trace": lambda rng: graphql(TRACE, {"id": institution(rng)}),
            "search": lambda rng: graphql(SEARCH, {"text": typo(rng)}),
            "list": lambda rng: graphql(LIST, {"name": name_part(rng)}),
        }
        database = AsyncDatabase.create(settings, args.instance, 60)
        labels = list(MODEL.labels)

        async def floor_partners(rng: random.Random) -> None:
            rows = await collaboration.partners(  # the store's own statement and parameters
                database.read,
                of=institution(rng),
                via=list(collaboration.PARTNER_CONTEXTS),
                since=None,
                until=None,
                limit=10,
            )
            slugs = [
                row["partner"]["node"]["id"]
                for row in rows
                if row["partner"]["label"] == "Institution"
            ]
            await database.read(FLOOR_NESTED, slugs=slugs)

        async def floor_trace(rng: random.Random) -> None:
            await database.read(collaboration.FUNDING_TRACE, funder=institution(rng), labels=labels)

        async def floor_search(rng: random.Random) -> None:
            await database.read(FLOOR_SEARCH, lucene=fulltext_query(name_key(typo(rng))))

        async def floor_list(rng: random.Random) -> None:
            await database.read(FLOOR_LIST, name=name_part(rng))

        floor: dict[str, Work] = {
            "partners": floor_partners,
            "trace": floor_trace,
            "search": floor_search,
            "list": floor_list,
        }
        try:
            print(
                f"Warming up ({args.warmup} requests of each kind, both sides) ...", file=sys.stderr
            )
            for name in api:
                await measure(api[name], args.warmup, args.concurrency)
                await measure(floor[name], args.warmup, args.concurrency)
            print(
                f"\n{args.requests} requests per kind, {args.concurrency} concurrent clients, "
                f"{args.workers} API worker(s), graph of ~{nodes:,} nodes",
                flush=True,
            )
            for name in api:
                api_latencies, api_seconds = await measure(
                    api[name], args.requests, args.concurrency
                )
                floor_latencies, floor_seconds = await measure(
                    floor[name], args.requests, args.concurrency
                )
                ratio = statistics.median(api_latencies) / statistics.median(floor_latencies)
                print(
                    f"{name}:\n{line('API', api_latencies, api_seconds)}\n"
                    f"{line('Cypher', floor_latencies, floor_seconds)}\n"
                    f"  median API / Cypher: {ratio:.2f}x",
                    flush=True,
                )
        finally:
            await database.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--nodes", type=int, default=50_000, help="generated nodes (50000)")
    parser.add_argument("--requests", type=int, default=400, help="requests per kind (400)")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--warmup", type=int, default=40, help="warm-up requests per kind (40)")
    parser.add_argument("--workers", type=int, default=1, help="API worker processes (1)")
    parser.add_argument("--port", type=int, default=8765, help="API port (8765)")
    parser.add_argument("--instance", default="test", help="managed instance (test)")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the generated graph if it is already loaded"
    )
    args = parser.parse_args()
    settings = Settings.from_env()
    if settings.uses_managed_server:
        ManagedInstance(settings, args.instance).start(lambda text: print(text, file=sys.stderr))
    ensure_graph(settings, args.instance, args.nodes, args.reuse)
    server = start_server(args.instance, args.port, args.workers)
    try:
        asyncio.run(run(args, settings, args.nodes))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
