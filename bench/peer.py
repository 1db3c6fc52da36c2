"""Benchmark graphsvc against the Neo4j GraphQL Library (NGL) on the same Neo4j and the same data.

    python bench/peer.py --help
    python bench/peer.py --nodes 50030 --rounds 3 --seconds 5 --clients 1,8

Loads bench/api.py's generated graph (skipped when already loaded, unless --fresh), installs NGL
and Apollo Server from the npm registry into graphsvc's cache (bench/peer_ngl.py, pinned by
bench/peer/package-lock.json), generates NGL's type definitions from graphsvc's domain model
(bench/peer_typedefs.py), and serves both on loopback: `graphsvc serve` with one worker and NGL on
one node process, so each side has one process's worth of CPU. One client program sends the kinds
of bench/peer_kinds.py to both, first checking once per kind that the answers agree, then, for each
client count, in several rounds, each round timing every kind on graphsvc and on NGL back to back.
Printed per kind and client count: p50/p95 and requests per second of each side, server CPU
seconds per request (from /proc, the process and its children), Cypher round trips per request
(graphsvc's Server-Timing header; NGL compiles a request into one statement), and the median over
rounds of the graphsvc/NGL ratio taken within each round.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import peer_ngl
from api import ensure_graph, start_server
from peer_kinds import KINDS, Kind, Sample, Variables, agreement, ids
from peer_typedefs import type_definitions
from proc_cpu import cpu_seconds

from graphsvc.config import Settings
from graphsvc.model import MODEL
from graphsvc.model.domain import FUNDS, PARTNER_IN
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.store.constraints import FULLTEXT_INDEX
from graphsvc.store.database import Database

SIDES = ("graphsvc", "NGL")


@dataclass
class Figures:
    """One side's figures for one kind in one round."""

    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    cpu: float = 0.0
    round_trips: list[int] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def sample(settings: Settings, instance: str, nodes: int) -> Sample:
    """Institutions that have the links the nested kinds walk, and a page size for page 20."""
    with Database.connect(settings, instance) as database:
        count = database.read("MATCH (n:Institution) RETURN count(n) AS n")[0]["n"]

        def having(rel_type: str) -> list[str]:
            rows = database.read(
                f"MATCH (i:Institution) WHERE EXISTS {{ (i)-[:`{rel_type}`]->() }} "
                "RETURN i.id AS id ORDER BY id LIMIT 500"
            )
            return [row["id"] for row in rows]

        partners_in, funders = having(PARTNER_IN.type), having(FUNDS.type)
    size = max(1, min(50, count // 20))
    return Sample(count, partners_in, funders, size, 20 if count >= 20 else max(1, count // size))


def round_trips(response: httpx.Response) -> int | None:
    timing = response.headers.get("server-timing", "")
    marker = " round trips"
    if marker not in timing:
        return None
    return int(timing.split(marker)[0].rsplit('"', 1)[-1])


class Refused(Exception):
    """A server answered with GraphQL errors."""


class Client:
    """Both servers behind one HTTP client, and each side's cursor to page 20."""

    def __init__(self, http: httpx.AsyncClient, urls: dict[str, str]) -> None:
        self.http, self.urls = http, urls
        self.cursors: dict[str, str | None] = {}
        self.failed: dict[str, str] = {}
        """Kinds NGL could not answer, with its error: reported, then timed on graphsvc only."""

    async def ask(self, side: str, query: str, variables: Variables) -> tuple[Any, int | None]:
        response = await self.http.post(
            self.urls[side], json={"query": query, "variables": variables}
        )
        body = response.json()
        if body.get("errors") or response.status_code != 200:
            errors = body.get("errors") or [body]
            raise Refused(f"{side}: {errors[0].get('message', errors[0])}"[:300])
        return body["data"], round_trips(response)

    async def walk(self, side: str, kind: Kind, page: Sample) -> None:
        """Follow the cursor to page `page.page - 1`, so that timed requests fetch page 20."""
        after: str | None = None
        query = kind.graphsvc if side == "graphsvc" else kind.ngl
        assert query is not None
        for _ in range(page.page - 1):
            try:
                data, _ = await self.ask(side, query, {"first": page.page_size, "after": after})
            except Refused as error:
                if side == "graphsvc":
                    raise SystemExit(str(error)) from error
                self.failed[kind.name] = str(error)
                return
            after = next(iter(data.values()))["pageInfo"]["endCursor"]
        self.cursors[side] = after

    def sides(self, kind: Kind) -> tuple[str, ...]:
        """Who answers `kind` in the timed rounds."""
        return SIDES if kind.ngl is not None and kind.name not in self.failed else SIDES[:1]

    def variables(self, kind: Kind, side: str, rng: random.Random, page: Sample) -> Variables:
        pair = kind.variables(rng, page)
        chosen = pair[0] if side == "graphsvc" else pair[1]
        if kind.name == "cursor":
            return {"first": page.page_size, "after": self.cursors[side]}
        return chosen


async def check(client: Client, page: Sample) -> None:
    """Once per kind: do both sides give the same ids? Print a clear line when not."""
    for kind in KINDS:
        if kind.ngl is None:
            print(f"  {kind.name:<9}{kind.note}")
            continue
        if kind.name in client.failed:
            print(f"  {kind.name:<9}NGL FAILED, timed on graphsvc only: {client.failed[kind.name]}")
            continue
        answers = []
        for side, key in zip(SIDES, ("slug", "id"), strict=True):
            query = kind.graphsvc if side == "graphsvc" else kind.ngl
            variables = client.variables(kind, side, random.Random(3), page)
            try:
                data, _ = await client.ask(side, query, variables)
            except Refused as error:
                if side == "graphsvc":
                    raise SystemExit(str(error)) from error
                client.failed[kind.name] = str(error)
                print(f"  {kind.name:<9}NGL FAILED, timed on graphsvc only: {error}")
                break
            answers.append(ids(data, key))
        if len(answers) < 2:
            continue
        differs = agreement(kind, answers[0], answers[1])
        verdict = f"ANSWERS DIFFER: {differs}" if differs else "answers agree"
        extra = f" ({kind.note})" if kind.note else ""
        print(f"  {kind.name:<9}{verdict}, {len(answers[0])} ids{extra}")


async def timed(
    client: Client, side: str, kind: Kind, page: Sample, clients: int, seconds: float, pid: int
) -> Figures:
    query = kind.graphsvc if side == "graphsvc" else kind.ngl
    assert query is not None
    figures = Figures()
    deadline = time.perf_counter() + seconds

    async def worker(index: int) -> None:
        rng = random.Random(index)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            _, trips = await client.ask(side, query, client.variables(kind, side, rng, page))
            figures.latencies.append((time.perf_counter() - started) * 1000)
            if trips is not None:
                figures.round_trips.append(trips)

    cpu_before, started = cpu_seconds(pid), time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(clients)))
    figures.seconds, figures.cpu = time.perf_counter() - started, cpu_seconds(pid) - cpu_before
    return figures


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def table(results: dict[tuple[str, int], list[dict[str, Figures]]]) -> None:
    print(
        f"\n{'kind':<9}{'cl':>3} {'side':<9}{'p50 ms':>8}{'p95 ms':>8}{'req/s':>8}"
        f"{'CPU ms/req':>11}{'trips':>6}  {'ratio p50':>9}{'ratio req/s':>12}"
    )
    for (name, clients), rounds in results.items():
        p50_ratio = (
            statistics.median(
                percentile(r["graphsvc"].latencies, 0.5) / percentile(r["NGL"].latencies, 0.5)
                for r in rounds
            )
            if "NGL" in rounds[0]
            else None
        )
        rate_ratio = (
            statistics.median(r["graphsvc"].rate / r["NGL"].rate for r in rounds)
            if "NGL" in rounds[0]
            else None
        )
        for side in SIDES:
            if side not in rounds[0]:
                print(f"{name:<9}{clients:>3} {side:<9}{'-':>8}  (no equivalent, or it failed)")
                continue
            latencies = [x for r in rounds for x in r[side].latencies]
            count = len(latencies)
            rate = statistics.median(r[side].rate for r in rounds)
            cpu = sum(r[side].cpu for r in rounds) / count * 1000 if count else 0.0
            trips_seen = [t for r in rounds for t in r[side].round_trips]
            trips = f"{statistics.mean(trips_seen):.1f}" if trips_seen else "1"
            ratios = ""
            if side == "graphsvc" and p50_ratio is not None and rate_ratio is not None:
                ratios = f"  {p50_ratio:>9.2f}{rate_ratio:>12.2f}"
            print(
                f"{name:<9}{clients:>3} {side:<9}{percentile(latencies, 0.5):>8.1f}"
                f"{percentile(latencies, 0.95):>8.1f}{rate:>8.1f}{cpu:>11.1f}{trips:>6}{ratios}"
            )


async def run(
    args: argparse.Namespace, urls: dict[str, str], pids: dict[str, int], page: Sample
) -> None:
    # Idle connections are dropped before the servers' own 5 s keep-alive ends (uvicorn's and
    # node's): otherwise a connection the server is closing is reused and the request fails.
    limits = httpx.Limits(max_connections=max(args.clients) * 2, keepalive_expiry=1.0)
    async with httpx.AsyncClient(timeout=120, limits=limits) as http:
        client = Client(http, urls)
        cursor = next(k for k in KINDS if k.name == "cursor")
        for side in SIDES:
            await client.walk(side, cursor, page)
        print(f"Checking that both sides answer alike (page {page.page} of {page.page_size}):")
        await check(client, page)
        print(f"Warming up ({args.warmup} requests of each kind, each side) ...", file=sys.stderr)
        for kind in KINDS:
            for side in client.sides(kind):
                query = kind.graphsvc if side == "graphsvc" else kind.ngl
                assert query is not None
                rng = random.Random(1)
                for _ in range(args.warmup):
                    await client.ask(side, query, client.variables(kind, side, rng, page))
        results: dict[tuple[str, int], list[dict[str, Figures]]] = {}
        for clients in args.clients:
            for number in range(1, args.rounds + 1):
                print(f"  {clients} client(s), round {number}/{args.rounds} ...", file=sys.stderr)
                for kind in KINDS:
                    sides = client.sides(kind)
                    order = sides if number % 2 else tuple(reversed(sides))
                    found = {}
                    for side in order:
                        found[side] = await timed(
                            client, side, kind, page, clients, args.seconds, pids[side]
                        )
                    results.setdefault((kind.name, clients), []).append(found)
        print(
            f"\n{args.rounds} rounds of {args.seconds:g} s per kind and side, graph of "
            f"~{args.nodes:,} nodes; ratios are graphsvc/NGL within a round, median over rounds"
        )
        for kind in KINDS:
            print(f"  {kind.name:<9}{kind.label}")
        table(results)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--nodes", type=int, default=50_030, help="generated nodes (50030)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (3)")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds per kind, side, round")
    parser.add_argument(
        "--clients",
        type=lambda text: [int(x) for x in text.split(",")],
        default=[1, 8],
        help="concurrent clients, comma-separated (1,8)",
    )
    parser.add_argument("--warmup", type=int, default=5, help="warm-up requests per kind (5)")
    parser.add_argument("--instance", default="test", help="managed instance (test)")
    parser.add_argument("--fresh", action="store_true", help="reload the graph even if loaded")
    args = parser.parse_args()
    # A loaded machine must not turn a slow answer into a failed run: allow graphsvc a minute.
    os.environ.setdefault("GRAPHSVC_QUERY_TIMEOUT", "60")
    settings = Settings.from_env()
    if settings.uses_managed_server:
        ManagedInstance(settings, args.instance).start(lambda text: print(text, file=sys.stderr))
    ensure_graph(settings, args.instance, args.nodes, reuse=not args.fresh)
    page = sample(settings, args.instance, args.nodes)
    ports = {side: free_port() for side in SIDES}
    with tempfile.TemporaryDirectory() as folder:
        type_defs = type_definitions(MODEL, FULLTEXT_INDEX)
        ngl = peer_ngl.start(settings, args.instance, type_defs, ports["NGL"], Path(folder))
        try:
            api = start_server(args.instance, ports["graphsvc"], 1)
            try:
                urls = {
                    "graphsvc": f"http://127.0.0.1:{ports['graphsvc']}/graphql",
                    "NGL": f"http://127.0.0.1:{ports['NGL']}/",
                }
                pids = {"graphsvc": api.pid, "NGL": ngl.pid}
                asyncio.run(run(args, urls, pids, page))
            finally:
                api.terminate()
                api.wait(timeout=30)
        finally:
            ngl.terminate()
            ngl.wait(timeout=30)


if __name__ == "__main__":
    main()
