"""GraphiQL in headless Chromium: it loads from this server alone and runs a query."""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import watch
from conftest import serve

from graphsvc.api.graphiql import fetch_assets
from graphsvc.config import Settings
from graphsvc.server import graphiql_dir
from graphsvc.store.database import Database

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]


def test_graphiql_runs_the_example_query(
    browser: Any, settings: Settings, seeded_once: Database
) -> None:
    assert fetch_assets(graphiql_dir(settings), print), "npm is needed to fetch GraphiQL once"
    with serve(settings) as app:
        page = watch(browser, allowed_prefixes=(app.url, "data:", "blob:"))
        page.page.goto(f"{app.url}/graphql")
        page.page.wait_for_selector(".graphiql-execute-button", timeout=30_000)
        page.page.click(".graphiql-execute-button")
        page.page.wait_for_function(
            "() => (document.querySelector('.result-window') || {}).textContent"
            "?.includes('evidence')",
            timeout=30_000,
        )
        result = page.page.locator(".result-window").inner_text()
        assert '"partners"' in result and "errors" not in result
        page.screenshot("graphiql")
        assert page.outside_requests == []
        assert page.errors == []
