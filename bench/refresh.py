"""How `graphsvc maps refresh` (the maps' stored whole-graph analysis) grows with the graph.

    python bench/refresh.py --sizes 50000,250000   # uses the managed `test` instance

For each size, bench/realistic.py's generator (power-law degrees) is loaded through graphsvc's
writer into a wiped test database (graphsvc's test guard refuses any other), then `graphsvc maps
refresh` runs as its own process, as a user runs it after a load. Printed per size: nodes and
links, the refresh's wall seconds and the peak resident memory of its process (from wait4's
rusage, so only that process counts), then the growth factor between neighbouring sizes.
bench/scale.py measures the same refresh among everything else; this one measures only it, so
sizes the API mix would take hours over stay affordable. `--keep` leaves the last graph loaded
(to profile a refresh by hand: `py-spy record -- graphsvc --instance test maps refresh`).
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import time

from realistic import generate
from scale import growth, load, say

from graphsvc.config import Settings
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.store.database import Database
from graphsvc.store.guard import wipe_test_database


def refresh(instance: str) -> tuple[float, float, str]:
    """Run `graphsvc maps refresh`: wall seconds, the process's peak RSS in MiB, its last line."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from graphsvc.cli.app import main; main()",
            *("--instance", instance, "maps", "refresh"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"graphsvc maps refresh failed:\n{output[-4000:]}")
    last = output.strip().splitlines()[-1] if output.strip() else ""
    return seconds, usage.ru_maxrss / 1024, last  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--sizes", default="5000,50000,250000", help="generated node counts")
    parser.add_argument("--seed", type=int, default=11, help="random seed (11)")
    parser.add_argument("--instance", default="test", help="managed instance (test)")
    parser.add_argument("--keep", action="store_true", help="leave the last graph loaded")
    args = parser.parse_args()
    sizes = [int(part) for part in args.sizes.split(",")]
    settings = Settings.from_env()
    if settings.uses_managed_server:
        ManagedInstance(settings, args.instance).start(say)
    rows: dict[int, list[str]] = {}
    for size in sizes:
        data = generate(size, args.seed).data
        say(f"[{size:,}] loading {len(data.nodes):,} nodes, {len(data.relationships):,} links ...")
        with Database.connect(settings, args.instance) as database:
            load(database, data)
        say(f"[{size:,}] graphsvc maps refresh ...")
        seconds, rss, last = refresh(args.instance)
        say(f"[{size:,}] {last}")
        rows[size] = [
            f"{len(data.nodes):,}",
            f"{len(data.relationships):,}",
            f"{seconds:.1f}",
            f"{rss:.0f}",
        ]
    if not args.keep:
        with Database.connect(settings, args.instance) as database:
            wipe_test_database(database)
    print("\n| size | nodes | links | refresh (s) | peak RSS (MiB) |")
    print("|---|---|---|---|---|")
    for size in sizes:
        print(f"| {size:,} | " + " | ".join(rows[size]) + " |")
    for small, large in itertools.pairwise(sizes):
        factors = [growth(a, b) for a, b in zip(rows[small][2:], rows[large][2:], strict=True)]
        print(f"| {small:,} -> {large:,} | | | " + " | ".join(factors) + " |", flush=True)


if __name__ == "__main__":
    main()
