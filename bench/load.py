"""Benchmark the seed loader against the naive approach, on a generated graph, in one run.

    python bench/load.py --help
    python bench/load.py --nodes 5000          # uses the managed `test` instance

Three figures, each on the same generated data:
- validation: parse and validate generated YAML files (no database);
- graphsvc: `write_graph` (batched UNWIND/MERGE, one transaction), first load and a second,
  unchanged load;
- naive baseline: raw Cypher, one MERGE statement per node and per relationship, each committed
  on its own - what a straightforward script does.

The database is wiped between runs through graphsvc's test guard, which refuses any database that
is not empty or marked as a test database.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from graphsvc.config import Settings
from graphsvc.ingest.loader import read_graph
from graphsvc.model import MODEL
from graphsvc.model.domain import (
    ADDRESSES,
    FUNDS,
    HELD_IN,
    IMPLEMENTS,
    IN_COUNTRY,
    LEADS,
    PART_OF,
    PARTICIPATES_IN,
    PARTNER_IN,
    REPRESENTS,
)
from graphsvc.model.records import GraphData
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.store.constraints import ensure_schema
from graphsvc.store.database import Database
from graphsvc.store.encode import node_row, relationship_row
from graphsvc.store.guard import wipe_test_database
from graphsvc.store.writer import write_graph

SHARES = {
    "Institution": 0.3,
    "City": 0.15,
    "Programme": 0.2,
    "Event": 0.2,
    "Person": 0.1,
    "Theme": 0.05,
}
"""How the generated nodes divide among kinds (Sources and Countries are added on top)."""

LINKS = [
    (PARTNER_IN.type, "Institution", "Programme"),
    (FUNDS.type, "Institution", "Programme"),
    (LEADS.type, "Institution", "Programme"),
    (IMPLEMENTS.type, "Institution", "Programme"),
    (PART_OF.type, "Programme", "Programme"),
    (HELD_IN.type, "Event", "City"),
    (PART_OF.type, "Event", "Programme"),
    (PARTICIPATES_IN.type, "Institution", "Event"),
    (REPRESENTS.type, "Person", "Institution"),
    (ADDRESSES.type, "Programme", "Theme"),
    (IN_COUNTRY.type, "City", "Country"),
]
"""The generated relationships, each drawn with equal chance. A programme is PART_OF an earlier
one only (a smaller number), so that programmes nest in trees as in the seeds, never in cycles."""


def number(node_id: str) -> int:
    """The running number of a generated id (`programme-12` is 12)."""
    return int(node_id.rsplit("-", 1)[1])


def generated_documents(nodes: int, seed: int) -> dict[str, Any]:
    """Seed-file content for about `nodes` nodes and twice as many relationships."""
    rng = random.Random(seed)
    doc: dict[str, Any] = {
        "Source": [
            {
                "id": f"doc-{i}",
                "name": f"Document {i}",
                "file": f"doc-{i}.txt",
                "category": "news-article",
            }
            for i in range(10)
        ],
        "Country": [
            {
                "id": f"country-{i}",
                "name": f"Country {i}",
                "iso_code": f"{chr(65 + i // 26)}{chr(65 + i % 26)}",
                "sources": ["doc-0"],
            }
            for i in range(20)
        ],
    }
    ids: dict[str, list[str]] = {"Country": [c["id"] for c in doc["Country"]]}
    extra: dict[str, dict[str, Any]] = {
        "Institution": {"category": "ngo"},
        "Programme": {"category": "project"},
        "Event": {"category": "meeting", "start_date": "2016-03-22"},
        "Theme": {"category": "topic"},
        "City": {"latitude": 36.8, "longitude": 10.1},
    }
    for label, share in SHARES.items():
        count = max(1, int(nodes * share))
        ids[label] = [f"{label.lower()}-{i}" for i in range(count)]
        doc[label] = [
            {
                "id": node_id,
                "name": f"{label} {i} Málaga",
                "aliases": [f"{label}{i}"],
                "sources": [f"doc-{rng.randrange(10)}"],
                **extra.get(label, {}),
            }
            for i, node_id in enumerate(ids[label])
        ]
    relationships: dict[tuple[str, str, str], dict[str, Any]] = {}
    while len(relationships) < 2 * nodes:
        rel_type, source_kind, target_kind = rng.choice(LINKS)
        source, target = rng.choice(ids[source_kind]), rng.choice(ids[target_kind])
        if source_kind == target_kind:
            if source == target:
                continue
            source, target = max(source, target, key=number), min(source, target, key=number)
        key = (rel_type, source, target)
        relationships[key] = {
            "type": key[0],
            "from": key[1],
            "to": key[2],
            "sources": [f"doc-{rng.randrange(10)}"],
        }
    doc["relationships"] = list(relationships.values())
    return doc


def naive_load(database: Database, data: GraphData) -> None:
    """The baseline: one auto-committed MERGE per node and per relationship."""
    with database.session() as session:
        for node in data.nodes:
            row = node_row(node)
            session.run(
                f"MERGE (n:`{node.label}`:Entity {{id: $id}}) SET n = $props",
                id=row["id"],
                props=row["props"],
            ).consume()
            for source in row["sources"]:
                session.run(
                    "MATCH (n:Entity {id: $id}), (s:Source {id: $source}) "
                    "MERGE (n)-[:SUPPORTED_BY]->(s)",
                    id=row["id"],
                    source=source,
                ).consume()
        for rel in data.relationships:
            row = relationship_row(rel)
            session.run(
                f"MATCH (a:Entity {{id: $from}}), (b:Entity {{id: $to}}) "
                f"MERGE (a)-[r:`{rel.type}`]->(b) SET r = $props",
                {"from": row["from"], "to": row["to"], "props": row["props"]},
            ).consume()


def report(label: str, seconds: float, rows: int) -> None:
    print(f"{label:<42}{seconds:>9.2f} s{rows / seconds:>12,.0f} rows/s", flush=True)


def timed(label: str, work: Any, rows: int) -> float:
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    report(label, seconds, rows)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--nodes", type=int, default=5000, help="generated nodes (default 5000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--instance", default="test", help="managed instance (default test)")
    parser.add_argument("--skip-naive", action="store_true", help="skip the slow baseline")
    args = parser.parse_args()

    settings = Settings.from_env()
    if settings.uses_managed_server:
        ManagedInstance(settings, args.instance).start(lambda line: print(line, file=sys.stderr))
    print(
        f"Generating ~{args.nodes:,} nodes and {2 * args.nodes:,} relationships ...",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_text(
            yaml.safe_dump(generated_documents(args.nodes, args.seed), allow_unicode=True),
            encoding="utf-8",
        )
        started = time.perf_counter()
        data = read_graph(path, MODEL)
        validation_s = time.perf_counter() - started
    rows = len(data.nodes) + len(data.relationships)
    print(
        f"{len(data.nodes):,} nodes + {len(data.relationships):,} relationships = {rows:,} rows",
        file=sys.stderr,
    )
    report("validate YAML (parse + model checks)", validation_s, rows)

    def progress(stage: str, done: int, total: int) -> None:
        print(f"  {stage}: {done:,}/{total:,}", file=sys.stderr)

    with Database.connect(settings, args.instance) as database:
        wipe_test_database(database)
        ensure_schema(database, MODEL)
        fast = timed(
            "graphsvc write_graph, first load",
            lambda: write_graph(database, data, MODEL, progress),
            rows,
        )
        timed(
            "graphsvc write_graph, unchanged reload",
            lambda: write_graph(database, data, MODEL),
            rows,
        )
        if not args.skip_naive:
            wipe_test_database(database)
            print("naive baseline: one statement per row (this takes a while) ...", file=sys.stderr)
            slow = timed(
                "naive: one MERGE per row, auto-commit", lambda: naive_load(database, data), rows
            )
            print(f"{'speed-up of graphsvc over naive':<42}{slow / fast:>9.1f} x")
        wipe_test_database(database)


if __name__ == "__main__":
    main()
