"""Install and serve the Neo4j GraphQL Library (NGL) on Apollo Server, for bench/peer.py.

The packages come from the npm registry, pinned by bench/peer/package-lock.json (versions and
integrity hashes), installed with `npm ci` into graphsvc's cache the way GraphiQL's scripts and
world-atlas are fetched: once, into a folder named by the lock file's hash, so a changed lock
installs afresh and an unchanged one never touches the network again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from graphsvc.config import Settings
from graphsvc.neo4j_server import ManagedInstance

HERE = Path(__file__).resolve().parent / "peer"
PACKAGE = HERE / "package.json"
LOCK = HERE / "package-lock.json"
SERVER = HERE / "server.mjs"


class NpmMissing(SystemExit):
    """npm (and node) are needed to install and run NGL."""


def install(cache_dir: Path) -> Path:
    """The folder holding node_modules for the locked packages; installed when missing."""
    digest = hashlib.sha256(LOCK.read_bytes() + PACKAGE.read_bytes()).hexdigest()[:16]
    target = cache_dir / "neo4j-graphql" / digest
    if (target / "node_modules" / "@neo4j" / "graphql" / "package.json").is_file():
        return target
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise NpmMissing(
            "bench/peer.py needs node and npm to install the Neo4j GraphQL Library "
            "(Debian: apt-get install nodejs npm)"
        )
    print(f"Installing the Neo4j GraphQL Library into {target} (npm ci) ...", file=sys.stderr)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        shutil.copy(PACKAGE, tmp)
        shutil.copy(LOCK, tmp)
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
            cwd=tmp,
            check=True,
        )
        shutil.rmtree(target, ignore_errors=True)
        Path(tmp).rename(target)
    return target


def credentials(settings: Settings, instance: str) -> dict[str, str]:
    """NEO4J_* variables for the node process: the managed instance's, or the configured server."""
    if settings.uses_managed_server:
        found = ManagedInstance(settings, instance).credentials()
        uri, user, password = found.uri, found.username, found.password
    else:
        uri, user = str(settings.neo4j_uri), settings.neo4j_username
        password = settings.neo4j_password or ""
    variables = {"NEO4J_URI": uri, "NEO4J_USERNAME": user, "NEO4J_PASSWORD": password}
    if settings.neo4j_database:
        variables["NEO4J_DATABASE"] = settings.neo4j_database
    return variables


def start(
    settings: Settings, instance: str, type_defs: str, port: int, folder: Path
) -> subprocess.Popen[bytes]:
    """NGL serving `type_defs` on 127.0.0.1:`port`, once it answers a query."""
    installed = install(settings.cache_dir)
    schema = folder / "typedefs.graphql"
    schema.write_text(type_defs, encoding="utf-8")
    server_copy = installed / "server.mjs"  # beside node_modules, so its imports resolve
    shutil.copy(SERVER, server_copy)
    log = (folder / "ngl.log").open("wb")
    node = shutil.which("node") or "node"
    server = subprocess.Popen(
        [node, str(server_copy), str(schema), str(port)],
        env={**os.environ, **credentials(settings, instance), "NODE_ENV": "production"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and server.poll() is None:
        try:
            answer = httpx.post(
                f"http://127.0.0.1:{port}/", json={"query": "{ __typename }"}, timeout=2
            )
            if answer.status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.kill()
    server.wait()
    output = (folder / "ngl.log").read_text(errors="replace")[-3000:]
    raise SystemExit(f"NGL did not become ready on port {port}:\n{output}")
