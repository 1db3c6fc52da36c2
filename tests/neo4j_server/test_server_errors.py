"""The managed server's error paths each say what is wrong and what to do."""

import os
import socket
import stat
from pathlib import Path

import pytest

from graphsvc.config import Settings
from graphsvc.errors import (
    AuthenticationError,
    ConfigError,
    DatabaseUnavailable,
    DistributionError,
    JavaError,
    PortInUseError,
)
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.neo4j_server.distribution import ensure_distribution
from graphsvc.neo4j_server.java import checked_java
from graphsvc.store.database import Database


def fake_java(tmp_path: Path, version_line: str) -> Path:
    home = tmp_path / "jdk"
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text(f"#!/bin/sh\necho '{version_line}' >&2\n", encoding="utf-8")
    java.chmod(java.stat().st_mode | stat.S_IEXEC)
    return home


def test_wrong_java_version_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAVA_HOME", str(fake_java(tmp_path, 'openjdk version "11.0.2"')))
    with pytest.raises(JavaError, match=r"is Java 11; Neo4j 5\.26 runs on Java 17 or 21"):
        checked_java()


def test_missing_java_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(JavaError, match="Java was not found"):
        checked_java()


def test_supported_java_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAVA_HOME", str(fake_java(tmp_path, 'openjdk version "17.0.15"')))
    assert checked_java().name == "java"


def test_missing_maven_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DistributionError, match=r"Maven .* was not found"):
        ensure_distribution(tmp_path / "cache", "5.26.30", print)


@pytest.mark.slow  # a Maven subprocess
def test_unknown_version_reports_maven_failure(tmp_path: Path) -> None:
    with pytest.raises(DistributionError, match=r"Maven could not fetch Neo4j Community 0\.0\.1"):
        ensure_distribution(tmp_path / "cache", "0.0.1", print)
    assert not (tmp_path / "cache" / "neo4j-community" / "0.0.1").exists()


def test_taken_port_is_named(tmp_path: Path) -> None:
    settings = Settings.from_env({**os.environ, "GRAPHSVC_STATE_DIR": str(tmp_path / "state")})
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        instance = ManagedInstance(settings, "port-test", port)
        with pytest.raises(PortInUseError, match=f"port {port} on 127.0.0.1 is already in use"):
            instance.start(print)
    assert instance.running_pid() is None


def test_bad_settings_name_the_variable() -> None:
    with pytest.raises(ConfigError, match="GRAPHSVC_BOLT_PORT='seven' is not a TCP port"):
        Settings.from_env({"GRAPHSVC_BOLT_PORT": "seven"})
    with pytest.raises(ConfigError, match="GRAPHSVC_NEO4J_HEAP='lots'"):
        Settings.from_env({"GRAPHSVC_NEO4J_HEAP": "lots"})


def test_nothing_listening_is_unavailable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    settings = Settings.from_env(
        {"NEO4J_URI": f"bolt://127.0.0.1:{free_port}", "NEO4J_PASSWORD": "x"}
    )
    with pytest.raises(DatabaseUnavailable, match="no Neo4j answers"):
        Database.connect(settings)


@pytest.mark.neo4j
def test_wrong_password_is_named(database: Database) -> None:
    settings = Settings.from_env({"NEO4J_URI": database.uri, "NEO4J_PASSWORD": "wrong-password"})
    with pytest.raises(AuthenticationError, match="Check NEO4J_USERNAME and NEO4J_PASSWORD"):
        Database.connect(settings)


def test_a_generated_password_is_never_read_as_an_option() -> None:
    """neo4j-admin took a password beginning with '-' for an option (one start in 64 failed)."""
    from graphsvc.neo4j_server.instance import new_password

    drawn = {new_password() for _ in range(2_000)}
    assert len(drawn) == 2_000
    assert not any(password.startswith("-") for password in drawn)
    assert all(len(password) >= 32 for password in drawn)
