"""Every benchmark in bench/ keeps running: each script, at a tiny size, against the test Neo4j.

A benchmark nothing runs rots unnoticed (bench/api.py once crashed as committed after a refactor
moved what it imported). Each script runs as its own process, as a reader would run it, and must
exit with status 0 and print its table's header. No timing is asserted: the figures are the
scripts' business, and a loaded machine must not fail the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from graphsvc.store.database import Database

BENCH = Path(__file__).resolve().parents[2] / "bench"
INTAKE_TEXTS = Path(__file__).resolve().parent / "intake_texts"
"""Two texts and their gold, written for this test: the shared texts are not the project's."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


SCRIPTS: dict[str, tuple[list[str], str]] = {
    "api.py": (
        ["--nodes", "300", "--requests", "8", "--concurrency", "2", "--warmup", "2"],
        "median API / Cypher",
    ),
    "iati.py": (["--activities", "60", "--naive-activities", "10"], "speed-up of graphsvc"),
    "intake.py": (
        ["--docs", "3", "--names", "10", "--kilobytes", "2"],
        "| document | seconds | KB/s | Python calls | calls per KB |",
    ),
    "load.py": (["--nodes", "200"], "speed-up of graphsvc over naive"),
    "refresh.py": (["--sizes", "3000"], "| size | nodes | links | refresh (s) |"),
    "maps.py": (["--sizes", "60", "--timeout", "120"], "| nodes | links | renderer |"),  # Chromium
    "scale.py": (
        ["--sizes", "300", "--requests", "2", "--map-timeout", "120"],
        "| measure | 300 |",
    ),
    "peer.py": (
        ["--nodes", "300", "--rounds", "1", "--seconds", "0.3", "--clients", "1,2"],
        "ratio p50",
    ),
}
"""Tiny arguments for each script, and a line of its table's header."""


def test_every_script_is_run_here() -> None:
    """A new benchmark script must be added to SCRIPTS (helper modules have no __main__)."""
    scripts = {p.name for p in BENCH.glob("*.py") if "__main__" in p.read_text(encoding="utf-8")}
    assert scripts == set(SCRIPTS)


@pytest.mark.parametrize(
    "script",
    [
        pytest.param(name, marks=[pytest.mark.browser] if name == "maps.py" else [])
        for name in sorted(SCRIPTS)
    ],
)
@pytest.mark.slow  # a benchmark script, run as a subprocess
def test_script_runs_and_prints_its_table(script: str, database: Database, tmp_path: Path) -> None:
    arguments, header = SCRIPTS[script]
    if script in ("api.py", "scale.py"):
        arguments = [*arguments, "--port", str(free_port())]
    if script == "intake.py":
        arguments = [*arguments, "--seeds-docs", str(tmp_path), "--gold", str(tmp_path / "none")]
        arguments += ["--documents", str(INTAKE_TEXTS), "--out", str(tmp_path)]
        arguments += ["--shared-gold", str(INTAKE_TEXTS / "gold.yaml")]
    if script == "peer.py" and shutil.which("npm") is None:
        pytest.fail(
            "bench/peer.py needs node and npm to install the Neo4j GraphQL Library "
            "(`scripts/setup --tests` installs them)"
        )
    finished = subprocess.run(
        [sys.executable, str(BENCH / script), *arguments],
        cwd=tmp_path,
        env={**os.environ, "GRAPHSVC_GRAPHIQL": "off"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, f"{script} failed:\n{finished.stderr[-4000:]}"
    assert header in finished.stdout, f"{script} printed no table:\n{finished.stdout[-2000:]}"


def test_intake_bench_writes_the_scorers_predictions_per_run(tmp_path: Path) -> None:
    """bench/intake.py writes cold and warm predictions in the shared scorer's format.

    Scored per half when the shared scorer is beside the project; the files are checked either way.
    """
    finished = subprocess.run(
        [
            sys.executable,
            str(BENCH / "intake.py"),
            *["--docs", "1", "--names", "1", "--seeds-docs", str(tmp_path)],
            *["--gold", str(tmp_path / "none"), "--documents", str(INTAKE_TEXTS)],
            *["--shared-gold", str(INTAKE_TEXTS / "gold.yaml"), "--out", str(tmp_path)],
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    for run in ("cold", "warm"):
        predicted = json.loads((tmp_path / f"predictions-{run}.json").read_text(encoding="utf-8"))
        assert set(predicted) == {"01_harbour-forum.txt", "02_atelier-olivier.txt"}
        forum = predicted["01_harbour-forum.txt"]
        cities = {e["name"] for e in forum["entities"] if e["kind"] == "City"}
        assert "Valencia" in cities
        assert all({"type", "from", "to"} <= set(r) for r in forum["relations"])
    if "NOT SCORED" not in finished.stdout:
        assert "tuning half (1 texts)" in finished.stdout
        assert "held-back half (1 texts)" in finished.stdout
