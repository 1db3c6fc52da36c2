"""Shared fixtures: the real Neo4j test instance, a clean graph per test, the seeded graph.

Storage tests run against a real Neo4j on loopback. Without NEO4J_URI the fixture starts the
project's managed `test` instance (port GRAPHSVC_TEST_BOLT_PORT, default 7688) through the same
code as `graphsvc neo4j start`; with NEO4J_URI it uses that server, but only if it is empty or
already marked as a graphsvc test database (see graphsvc.store.guard).

The language engine (Stanford CoreNLP) is started the same way by the `nlp_engine` fixture:
the managed `test` instance on GRAPHSVC_TEST_NLP_PORT (default 9001) with the languages of
GRAPHSVC_NLP_LANGUAGES, or the server GRAPHSVC_NLP_URL names.

The `neo4j`, `nlp` and `browser` markers are not written by hand: a test that uses the `database`
fixture (directly or through `empty_db`, `seeded`, `seeded_once`, the API fixtures ...) is marked
`neo4j`, one that uses `nlp_engine` is marked `nlp`, one that uses `browser` is marked `browser`,
so `-m "not neo4j and not nlp and not browser"` runs without any of them. A test that reaches
the Neo4j port some other way without the marker fails.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS

from graphsvc.config import Settings
from graphsvc.ingest.loader import LoadResult, load
from graphsvc.model import MODEL
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.nlp import NlpClient, NlpInstance, engine_client
from graphsvc.store.database import Database
from graphsvc.store.guard import wipe_test_database

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
TEST_INSTANCE = "test"


def test_bolt_port() -> int:
    return int(os.environ.get("GRAPHSVC_TEST_BOLT_PORT", "7688"))


def test_nlp_port() -> int:
    return int(os.environ.get("GRAPHSVC_TEST_NLP_PORT", "9001"))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by what it needs: `neo4j` when its fixtures reach `database`, `browser`.

    tryfirst: before pytest's own hook deselects by `-m`.
    """
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if "database" in used:
            item.add_marker(pytest.mark.neo4j)
        if "nlp_engine" in used:
            item.add_marker(pytest.mark.nlp)
        if "browser" in used:
            item.add_marker(pytest.mark.browser)


class Neo4jContacts:
    """Connections to the test instance's Bolt port, recorded while an unmarked test runs.

    An audit hook sees every socket.connect of the process (the API server's thread included),
    so a test that reaches Neo4j without its fixtures (a CLI command, an app served by hand)
    cannot go unnoticed, whether or not Neo4j is running.
    """

    def __init__(self) -> None:
        uri = os.environ.get("NEO4J_URI")
        self.port = (urlsplit(uri).port or 7687) if uri else test_bolt_port()
        self.watching = False
        self.seen: list[object] = []

    def audit(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "socket.connect" and self.watching:
            address = args[1]
            if isinstance(address, tuple) and len(address) >= 2 and address[1] == self.port:
                self.seen.append(address)


NEO4J_CONTACTS = Neo4jContacts()
sys.addaudithook(NEO4J_CONTACTS.audit)


@pytest.fixture(autouse=True)
def neo4j_only_when_marked(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that is not marked `neo4j` but connected to the Neo4j test instance."""
    if request.node.get_closest_marker("neo4j") is not None:
        yield
        return
    NEO4J_CONTACTS.seen.clear()
    NEO4J_CONTACTS.watching = True
    try:
        yield
    finally:
        NEO4J_CONTACTS.watching = False
    if NEO4J_CONTACTS.seen:
        pytest.fail(
            f"connected to Neo4j ({NEO4J_CONTACTS.seen[0]}) without the neo4j marker: reach it "
            "through the `database` fixture (or one built on it), or mark the test neo4j"
        )


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="session")
def database(settings: Settings) -> Iterator[Database]:
    """The test database, started by the project's own tooling when no NEO4J_URI is given."""
    started_here = None
    if settings.uses_managed_server:
        instance = ManagedInstance(settings, TEST_INSTANCE, test_bolt_port())
        if instance.running_pid() is None:
            instance.start(print)
            started_here = instance
    db = Database.connect(settings, TEST_INSTANCE)
    yield db
    db.close()
    if started_here is not None:
        started_here.stop(print)


@pytest.fixture(scope="session")
def nlp_engine(settings: Settings) -> Iterator[NlpClient]:
    """The language engine, started by the project's own tooling unless GRAPHSVC_NLP_URL is set.

    Started here, it is stopped at the end; one already running (a warm engine saves minutes of
    model loading) is left running, as the Neo4j test instance is.
    """
    if not settings.uses_managed_nlp:
        yield engine_client(settings)
        return
    instance = NlpInstance(settings, TEST_INSTANCE, test_nlp_port())
    started_here = instance.running_pid() is None
    instance.start(print)
    yield instance.client()
    if started_here:
        instance.stop(print)


@pytest.fixture
def empty_db(database: Database) -> Database:
    """The test database with nothing in it but the test marker."""
    wipe_test_database(database)
    return database


@pytest.fixture
def seeded(empty_db: Database) -> LoadResult:
    """The test database holding exactly the repository's seeds."""
    return load(SEEDS, MODEL, empty_db)


@pytest.fixture(scope="module")
def seeded_once(database: Database) -> Database:
    """The seeds loaded once for a module of read-only tests."""
    wipe_test_database(database)
    load(SEEDS, MODEL, database)
    return database


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright (never a browser Playwright downloads).

    Module-scoped: Playwright's event loop must not outlive the browser tests (see run_async).
    """
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: install Debian's `chromium` package "
            "(`scripts/setup --tests` does) or set GRAPHSVC_CHROMIUM"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
