"""The web application under test: the real app served over real HTTP on the seeded graph."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from served_app import ServedApps

from graphsvc.store.database import Database


@pytest.fixture(scope="module")
def site(seeded_once: Database, served_apps: ServedApps) -> Iterator[httpx.Client]:
    """A client of the app serving the seeds; for tests that only read."""
    with httpx.Client(base_url=served_apps.get().url, timeout=30) as client:
        yield client
