"""`graphsvc maps refresh --every`: a write is followed by a refresh without anyone running it.

The command runs as a user runs it (a process of its own against the test instance); the write
goes through graphsvc's writer, which bumps the data version as every write path does.
"""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from graphsvc.ingest.loader import LoadResult
from graphsvc.model import MODEL
from graphsvc.model.records import GraphData, NodeRecord, Origin
from graphsvc.store import data_version
from graphsvc.store.database import Database
from graphsvc.store.writer import write_graph

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]  # a CLI subprocess

PATIENCE = 300.0
"""Seconds to wait for a line before calling the watcher stuck: a guard against hanging, far
above the second or two a refresh of the seeded graph takes."""


def lines_of(process: subprocess.Popen[str]) -> tuple[queue.Queue[str], threading.Thread]:
    """The process's stderr lines as they come, and the thread reading them (done at its end)."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line.rstrip("\n"))

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    return lines, reader


def next_refresh(lines: queue.Queue[str]) -> int:
    """The data version of the next refresh the watcher reports."""
    while True:
        line = lines.get(timeout=PATIENCE)
        if line.startswith("Refreshed for data version "):
            return int(line.split()[4].rstrip(";"))


def test_a_write_is_followed_by_a_refresh(seeded: LoadResult, empty_db: Database) -> None:
    command = Path(sys.executable).parent / "graphsvc"
    with subprocess.Popen(
        [str(command), "--instance", "test", "maps", "refresh", "--every", "0.2"],
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    ) as process:
        try:
            lines, reader = lines_of(process)
            first = next_refresh(lines)
            assert first == data_version.current_sync(empty_db)

            origin = Origin("test", None)
            newcomer_id = "watched-newcomer"
            record = {"id": newcomer_id, "name": "Watched newcomer", "aliases": []}
            newcomer = NodeRecord("Institution", newcomer_id, record, (), origin)
            write_graph(empty_db, GraphData((newcomer,)), MODEL)
            written = data_version.current_sync(empty_db)
            assert written > first
            assert next_refresh(lines) == written

            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=PATIENCE) == 0
            reader.join(timeout=PATIENCE)
            said = []
            while not lines.empty():
                said.append(lines.get())
            assert "Stopped watching the data version." in said
        finally:
            if process.poll() is None:
                process.kill()
