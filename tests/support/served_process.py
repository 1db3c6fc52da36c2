"""`graphsvc serve` as a process of its own on loopback, for tests of what only a process shows.

Header limits live in the HTTP parser, and stop signals reach a process: an app served in a thread
shows neither. The process is started with the test's environment plus `settings`, and is ready
once `/healthz` answers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx


@contextmanager
def serve_process(
    port: int, settings: dict[str, str], *options: str
) -> Iterator[subprocess.Popen[bytes]]:
    """`graphsvc --instance test serve --port PORT OPTIONS...`, ended (and waited for) on exit."""
    command = ["--instance", "test", "serve", "--port", str(port), *options]
    process = subprocess.Popen(
        [sys.executable, "-c", "from graphsvc.cli.app import main; main()", *command],
        env={**os.environ, **settings},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            assert process.poll() is None, "graphsvc serve exited"
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=60)
