"""Shared fixtures: the real Neo4j test instance, a known graph per test, the served app.

`empty_db`, `seeded` and `seeded_once` give each test the graph it names, rebuilt only when
something wrote since it was last left so (tests/support/graph_state.py).

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
the Neo4j port some other way without the marker fails. `slow` is written by hand (a benchmark's
smoke run, a CLI subprocess, full-page screenshots); scripts/test's lanes (fast, default, slow)
select by the four markers.
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
from graph_state import GraphState, WatchedDatabase
from served_app import ServedApps
from shared_data import SHARED

from graphsvc.config import Settings
from graphsvc.ingest.loader import LoadResult
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.nlp import NlpClient, NlpInstance, engine_client
from graphsvc.store.database import Database

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


NOT_RUN_WITHOUT_SHARED: list[str] = []


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Run a test marked `shared("path")` only with that path in ../shared, and say so loudly.

    Without ../shared the test is skipped and the summary lists it in capitals; with ../shared
    there but the path missing from it the test fails: a skip would hide that a check stopped
    running (CI has ../shared, so its checks run there).
    """
    for mark in item.iter_markers("shared"):
        needed = SHARED / mark.args[0]
        if needed.exists():
            continue
        if SHARED.is_dir():
            pytest.fail(
                f"{needed} is missing, although {SHARED} exists: this test needs it and must not "
                "be skipped; restore the file or fix the path in the test's shared marker",
                pytrace=False,
            )
        NOT_RUN_WITHOUT_SHARED.append(item.nodeid)
        pytest.skip(f"NOT RUN: needs {needed}; put the shared folder beside the repository")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Fail a test skipped for a reason that names ../shared while ../shared exists.

    Catches a skip written by hand (`skipif(not path.exists(), reason=f"... {path}")`) instead of
    the `shared` marker: with the folder there, a check that does not run is a failure.
    """
    report = yield
    if report.skipped and SHARED.is_dir() and isinstance(report.longrepr, tuple):
        reason = str(report.longrepr[2])
        if str(SHARED) in reason or "../shared" in reason:
            report.outcome = "failed"
            report.longrepr = f"skipped although {SHARED} exists: {reason}"
    return report


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


GRAPH_STATES: list[GraphState] = []
"""The session's graph states, whose counts the summary prints."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how often the test graph was rebuilt and how often a test found it as it needed."""
    if NOT_RUN_WITHOUT_SHARED:
        terminalreporter.section("TESTS NOT RUN: ../shared IS MISSING", sep="!", red=True)
        terminalreporter.write_line(
            f"{len(NOT_RUN_WITHOUT_SHARED)} tests read texts that live only in {SHARED}, beside "
            "the repository (they may not be copied into it); they did not run:",
            red=True,
        )
        for nodeid in NOT_RUN_WITHOUT_SHARED:
            terminalreporter.write_line(f"  {nodeid}", red=True)
    for state in GRAPH_STATES:
        counts = ", ".join(f"{what} {count}" for what, count in sorted(state.counts.items()))
        terminalreporter.write_line(f"test graph: {counts or 'not used'}")


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
    db = WatchedDatabase.connect(settings, TEST_INSTANCE)
    assert isinstance(db, WatchedDatabase)  # connect builds its own class
    GRAPH_STATES.append(GraphState(db))
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


def graph_state(database: Database) -> GraphState:
    assert isinstance(database, WatchedDatabase) and database.state is not None
    return database.state


@pytest.fixture(scope="session")
def served_apps(settings: Settings, database: Database) -> Iterator[ServedApps]:
    """The app served over HTTP, one per ApiSettings for the whole run (see served_app)."""
    apps = ServedApps(settings)
    yield apps
    apps.close()


@pytest.fixture
def empty_db(request: pytest.FixtureRequest, database: Database) -> Database:
    """The test database with nothing in it but the test marker.

    Wiped only when something may have written since it was last left empty (see graph_state).
    A test that asks for `seeded` too gets the seeds, whatever the order of its arguments: it
    names `empty_db` only as its handle on the database, as when `seeded` was built on it.
    """
    if "seeded" not in request.fixturenames:
        graph_state(database).empty()
    return database


@pytest.fixture
def seeded(database: Database) -> LoadResult:
    """The test database holding exactly the repository's seeds; what loading them wrote.

    Reloaded only when something may have written since they were last loaded (see graph_state).
    """
    return graph_state(database).seeds()


@pytest.fixture(scope="module")
def seeded_once(database: Database) -> Database:
    """The seeds, for a module of read-only tests (loaded again only if they changed)."""
    graph_state(database).seeds()
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
