"""Start, stop and inspect one locally managed Neo4j server (an "instance").

An instance is a directory under `$GRAPHSVC_STATE_DIR/neo4j/<name>` holding the server's
configuration, data, logs, process id and generated password. `default` serves the README's
first command; the test suite uses its own `test` instance on another port, so tests never touch
the data a person loaded.
"""

from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graphsvc.config import Settings
from graphsvc.errors import ManagedNeo4jError, PortInUseError, ServerStartError
from graphsvc.managed.process import (
    ManagedProcess,
    log_tail,
)
from graphsvc.neo4j_server.distribution import ensure_distribution
from graphsvc.neo4j_server.java import checked_java

Reporter = Callable[[str], None]


def new_password() -> str:
    """A generated password neo4j-admin reads as a value, never as an option.

    `token_urlsafe` may begin with "-", which `set-initial-password` took for an unknown option
    ("Missing required parameter"): one fresh start in 64 failed that way.
    """
    return secrets.token_hex(24)


START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 90.0
_ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_ADMIN_TOOL = "org.neo4j.cli.AdminTool"
_JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)


@dataclass(frozen=True)
class Credentials:
    """How a client reaches a managed server."""

    uri: str
    username: str
    password: str


@dataclass(frozen=True)
class ServerStatus:
    """What `graphsvc neo4j status` reports."""

    name: str
    home: Path
    version: str
    bolt_uri: str
    pid: int | None
    answering: bool
    detail: str

    def describe(self) -> str:
        """Human-readable lines for the CLI."""
        state = "running" if self.pid else "stopped"
        if self.pid and not self.answering:
            state = "running, but Bolt does not answer"
        return "\n".join(
            [
                f"instance:  {self.name}",
                f"state:     {state}" + (f" (pid {self.pid})" if self.pid else ""),
                f"version:   Neo4j Community {self.version}",
                f"bolt:      {self.bolt_uri}",
                f"home:      {self.home}",
                f"detail:    {self.detail}",
            ]
        )


class ManagedInstance(ManagedProcess):
    """One Neo4j server that graphsvc installs, configures and runs on loopback."""

    label = "Neo4j instance"
    program = "Neo4j"
    pid_name = "neo4j.pid"
    start_timeout_s = START_TIMEOUT_S
    stop_timeout_s = STOP_TIMEOUT_S

    def __init__(
        self, settings: Settings, name: str = "default", bolt_port: int | None = None
    ) -> None:
        super().__init__(settings.state_dir / "neo4j" / name, name)
        self.settings = settings
        self._requested_port = bolt_port

    # -- layout -------------------------------------------------------------------------------
    @property
    def bolt_port(self) -> int:
        """The requested port, else the one this instance was created with, else the default."""
        if self._requested_port is not None:
            return self._requested_port
        stored = self._metadata().get("bolt_port")
        return stored if isinstance(stored, int) else self.settings.bolt_port

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def address(self) -> str:
        return self.bolt_uri

    def credentials(self) -> Credentials:
        """The URI, user and password of this instance; it must have been started once."""
        if not self.password_file.is_file():
            raise ManagedNeo4jError(
                f"the managed Neo4j instance {self.name!r} has not been set up yet: run "
                f"`graphsvc neo4j start` first (or set NEO4J_URI to use another server)"
            )
        password = self.password_file.read_text(encoding="utf-8").strip()
        return Credentials(self.bolt_uri, "neo4j", password)

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self, say: Reporter = print) -> ServerStatus:
        """Start the server if it is not running and wait until Bolt answers; harmless twice."""
        pid = self.running_pid()
        if pid is not None:
            say(f"Neo4j instance {self.name!r} is already running (pid {pid}).")
            self._wait_for_bolt(pid, say)
            return self.status()
        java = checked_java()
        dist = ensure_distribution(self.settings.cache_dir, self.settings.neo4j_version, say)
        self._check_port_free(self.bolt_port)
        for sub in ("conf", "data", "logs", "run", "plugins", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        self._write_metadata()
        self._write_config()
        classpath = f"{dist / 'lib'}/*"
        self._ensure_password(java, classpath)
        say(
            f"Starting Neo4j Community {self.settings.neo4j_version} ({self.name!r}) on "
            f"{self.bolt_uri} ..."
        )
        command = [
            str(java),
            f"-Xms{self.settings.heap_size}",
            f"-Xmx{self.settings.heap_size}",
            *_JVM_OPTIONS,
            "-cp",
            classpath,
            _ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={self.home / 'conf'}",
        ]
        pid = self._launch(command, self._server_env(), self.home / "logs" / "console.log")
        self._wait_for_bolt(pid, say)
        say(f"Neo4j is up on {self.bolt_uri}.")
        return self.status()

    def _stopped_message(self) -> str:
        return "Stopped; the data stays in " + str(self.home / "data") + "."

    def status(self) -> ServerStatus:
        """Where the instance is, which version, whether it runs and whether Bolt answers."""
        pid = self.running_pid()
        answering, detail = False, "not running"
        if pid is not None:
            try:
                detail = f"answers as Neo4j {probe(self.credentials())}"
                answering = True
            except ManagedNeo4jError as exc:
                detail = str(exc)
        version = str(self._metadata().get("version") or self.settings.neo4j_version)
        return ServerStatus(self.name, self.home, version, self.bolt_uri, pid, answering, detail)

    # -- helpers ------------------------------------------------------------------------------
    def _write_metadata(self) -> None:
        self._store_metadata({"bolt_port": self.bolt_port, "version": self.settings.neo4j_version})

    def _write_config(self) -> None:
        settings = self.settings
        lines = [
            "# Written by graphsvc at every start; edit the settings, not this file.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{self.bolt_port}",
            f"server.bolt.advertised_address=127.0.0.1:{self.bolt_port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            f"server.memory.heap.initial_size={settings.heap_size}",
            f"server.memory.heap.max_size={settings.heap_size}",
            f"server.memory.pagecache.size={settings.pagecache_size}",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            f"db.transaction.timeout={int(settings.transaction_timeout_s)}s",
            "db.tx_log.rotation.retention_policy=2 days",
            "server.directories.import=import",
        ]
        (self.home / "conf" / "neo4j.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _server_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.home)
        env["NEO4J_CONF"] = str(self.home / "conf")
        return env

    def _ensure_password(self, java: Path, classpath: str) -> None:
        if self.password_file.is_file():
            return
        if (self.home / "data" / "databases").exists():
            raise ManagedNeo4jError(
                f"{self.home} holds a database but no password file, so graphsvc cannot log in. "
                f"Restore {self.password_file}, or remove {self.home / 'data'} to start afresh."
            )
        password = new_password()
        result = subprocess.run(
            [str(java), "-cp", classpath, _ADMIN_TOOL, "dbms", "set-initial-password", password],
            capture_output=True,
            text=True,
            env=self._server_env(),
            timeout=300,
            check=False,
        )
        if result.returncode != 0:
            raise ServerStartError(
                f"neo4j-admin could not set the initial password:\n{result.stdout}{result.stderr}"
            )
        self._store_password(password)

    def _port_in_use(self, port: int, exc: OSError) -> PortInUseError:
        return PortInUseError(
            f"port {port} on 127.0.0.1 is already in use by another program "
            f"({exc.strerror}). Stop that program, or choose another port with "
            f"`graphsvc neo4j start --bolt-port N` (or GRAPHSVC_BOLT_PORT)."
        )

    def _wait_for_bolt(self, pid: int, say: Reporter) -> None:
        self._wait_until_answering(
            pid, lambda: probe(self.credentials()), ManagedNeo4jError, ServerStartError, say
        )

    def _log_tail(self, count: int = 15) -> str:
        lines = [
            f"[{name}] {line}"
            for name in ("neo4j.log", "console.log")
            for line in log_tail(self.home / "logs" / name, count)
        ]
        return "\n".join(lines) or "(no log output)"


def probe(credentials: Credentials) -> str:
    """The server's version, or ManagedNeo4jError saying why it cannot be reached."""
    try:
        with (
            GraphDatabase.driver(
                credentials.uri,
                auth=(credentials.username, credentials.password),
                connection_timeout=5,
                max_connection_lifetime=30,
            ) as driver,
            driver.session(database="system") as session,
        ):
            # session.run, not execute_query: a probe must answer once, not retry for 30 s.
            record = session.run(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS version"
            ).single(strict=True)
            return str(record["version"])
    except AuthError as exc:
        raise ManagedNeo4jError(
            f"Neo4j at {credentials.uri} refused the password stored for graphsvc "
            f"({exc.message}); the password file and the database disagree."
        ) from exc
    except (ServiceUnavailable, OSError) as exc:
        raise ManagedNeo4jError(f"nothing answers on {credentials.uri} yet") from exc
