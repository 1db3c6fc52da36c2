"""Benchmark the IATI importer on a large generated activity file, against naive baselines.

    python bench/iati.py --help
    python bench/iati.py --activities 20000          # uses the managed `test` instance

Figures, in one run on the same generated file:
- parse: graphsvc's streaming parser against loading the whole tree with lxml (the naive way):
  time and peak memory (each in its own process, so the peaks do not mix);
- import: `graphsvc import iati` into Neo4j (validation and chunked writes), activities/s;
- naive import: one auto-committed MERGE per node and relationship for the first
  `--naive-activities` activities, activities/s.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graphsvc.config import Settings
from graphsvc.iati.importer import import_iati
from graphsvc.iati.mapping import Resolver, map_activity
from graphsvc.iati.parse import iter_activities
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.store.database import Database
from graphsvc.store.encode import node_row, relationship_row
from graphsvc.store.guard import wipe_test_database

COUNTRIES = ["TN", "MA", "LB", "JO", "EG", "ES", "FR", "IT", "SN", "ML"]


def generate(path: Path, activities: int, seed: int = 11) -> None:
    """An IATI 2.03 file: publishers funding each other's activities, with transactions."""
    rng = random.Random(seed)
    publishers = [f"XM-PUB-{i:03d}" for i in range(200)]
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n')
        for number in range(activities):
            publisher = rng.choice(publishers)
            funder = rng.choice(publishers)
            other = f"{rng.choice(publishers)}-{rng.randrange(activities)}"
            country = rng.choice(COUNTRIES)
            out.write(
                f'<iati-activity last-updated-datetime="2024-0{1 + number % 9}-01T00:00:00" '
                f'default-currency="EUR"><iati-identifier>{publisher}-{number}</iati-identifier>'
                f'<reporting-org ref="{publisher}" type="10"><narrative>Publisher {publisher}'
                f"</narrative></reporting-org><title><narrative>Urban programme {number} in "
                f'{country}</narrative></title><participating-org ref="{funder}" role="1" '
                f'type="40"><narrative>Funder {funder}</narrative></participating-org>'
                f'<participating-org role="4" type="21"><narrative>Local partner '
                f"{rng.randrange(5000)}</narrative></participating-org>"
                f'<activity-status code="2"/><activity-date iso-date="2023-01-01" type="2"/>'
                f'<recipient-country code="{country}" percentage="100"/>'
                f'<sector code="{rng.choice(["15110", "43030", "16010"])}" vocabulary="1"/>'
            )
            for kind, value in (("2", 100000), ("3", 40000), ("4", 25000)):
                out.write(
                    f'<transaction><transaction-type code="{kind}"/><transaction-date '
                    f'iso-date="2023-0{kind}-15"/><value value-date="2023-01-01">'
                    f'{value + number}</value><receiver-org ref="{funder}" '
                    f'receiver-activity-id="{other}"/></transaction>'
                )
            out.write("</iati-activity>\n")
        out.write("</iati-activities>\n")


def _child(mode: str, path: Path) -> None:
    """Run one parse in this process and print seconds and peak RSS (MiB)."""
    started = time.perf_counter()
    if mode == "stream":
        count = sum(1 for _ in iter_activities(path))
    else:
        from lxml import etree

        tree = etree.parse(str(path))
        count = len(tree.getroot())
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{count} {seconds:.3f} {peak:.1f}")


def parse_in_child(mode: str, path: Path) -> tuple[int, float, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(output[0]), float(output[1]), float(output[2])


def naive_import(database: Database, path: Path, limit: int) -> float:
    started = time.perf_counter()
    with database.session() as session:
        for number, activity in enumerate(iter_activities(path)):
            if number >= limit:
                break
            mapped = map_activity(activity, path.name, "naive-source", Resolver())
            for node in mapped.data.nodes:
                row = node_row(node)
                session.run(
                    f"MERGE (n:`{node.label}`:Entity {{id: $id}}) SET n = $props",
                    id=row["id"],
                    props=row["props"],
                ).consume()
            for rel in mapped.data.relationships:
                row = relationship_row(rel)
                session.run(
                    f"MATCH (a:Entity {{id: $from}}), (b:Entity {{id: $to}}) "
                    f"MERGE (a)-[r:`{rel.type}`]->(b) SET r = $props",
                    {"from": row["from"], "to": row["to"], "props": row["props"]},
                ).consume()
    return time.perf_counter() - started


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(sys.argv[2], Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument(
        "--activities", type=int, default=20_000, help="generated activities (20000)"
    )
    parser.add_argument(
        "--naive-activities", type=int, default=500, help="activities the naive import writes (500)"
    )
    parser.add_argument("--instance", default="test", help="managed instance (test)")
    args = parser.parse_args()
    settings = Settings.from_env()
    if settings.uses_managed_server:
        ManagedInstance(settings, args.instance).start(lambda text: print(text, file=sys.stderr))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated-activities.xml"
        print(f"Generating {args.activities:,} activities ...", file=sys.stderr)
        generate(path, args.activities)
        size = path.stat().st_size / 2**20
        print(f"file: {args.activities:,} activities, {size:.1f} MiB")
        for mode, label in (
            ("stream", "graphsvc streaming parse"),
            ("tree", "naive: whole tree in memory (lxml)"),
        ):
            count, seconds, peak = parse_in_child(mode, path)
            print(
                f"{label:<40}{seconds:8.2f} s {count / seconds:10,.0f} act/s peak {peak:7.1f} MiB",
                flush=True,
            )
        with Database.connect(settings, args.instance) as database:
            wipe_test_database(database)
            started = time.perf_counter()
            report = import_iati(
                database, [path], progress=lambda line: print(line, file=sys.stderr)
            )
            seconds = time.perf_counter() - started
            print(
                f"{'graphsvc import (validate + write)':<40}{seconds:8.2f} s "
                f"{report.imported / seconds:10,.0f} act/s",
                flush=True,
            )
            wipe_test_database(database)
            naive = naive_import(database, path, args.naive_activities)
            print(
                f"{'naive: one MERGE per row, auto-commit':<40}{naive:8.2f} s "
                f"{args.naive_activities / naive:10,.0f} act/s "
                f"(first {args.naive_activities:,} activities)",
                flush=True,
            )
            print(
                f"{'speed-up of graphsvc over naive':<40}"
                f"{(report.imported / seconds) / (args.naive_activities / naive):8.1f} x"
            )
            wipe_test_database(database)


if __name__ == "__main__":
    main()
