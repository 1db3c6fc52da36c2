"""Shared fixtures: the real Neo4j test instance, a clean graph per test, the seeded graph.

Storage tests run against a real Neo4j on loopback. Without NEO4J_URI the fixture starts the
project's managed `test` instance (port GRAPHSVC_TEST_BOLT_PORT, default 7688) through the same
code as `graphsvc neo4j start`; with NEO4J_URI it uses that server, but only if it is empty or
already marked as a graphsvc test database (see graphsvc.store.guard).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS

from graphsvc.config import Settings
from graphsvc.ingest.loader import LoadResult, load
from graphsvc.model import MODEL
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.store.database import Database
from graphsvc.store.guard import wipe_test_database

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
TEST_INSTANCE = "test"


def test_bolt_port() -> int:
    return int(os.environ.get("GRAPHSVC_TEST_BOLT_PORT", "7688"))


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
