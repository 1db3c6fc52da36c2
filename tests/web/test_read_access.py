"""One rule for reading: a signed-in session and a Bearer key count the same on every route.

Every page, list, map and the maps' suggestions is walked as anonymous, reader and editor, each
key once in a header and once signed in, with reads public and with reads needing a key. Before,
with `GRAPHSVC_READ_ACCESS=key`, a signed-in reader got an entity page but the map inside it,
`/maps` and `/maps/suggest` answered 401: the maps read only the Authorization header.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from served_app import ServedApp, serve
from web_support import signed_in

from graphsvc.config import Settings
from graphsvc.service.keys import create_key
from graphsvc.service.settings import ApiSettings
from graphsvc.store.database import Database

ROUTES = (
    "/",
    "/list",
    "/list/City",
    "/search?q=tunis",
    "/entity/tunis",
    "/source/medcities-migrant-participation-webinar",
    "/review/proposals",
    "/maps",
    "/maps/suggest?text=tuni",
    "/maps/ego?id=tunis",
)


@pytest.fixture(scope="module")
def keys(seeded_once: Database) -> dict[str, str]:
    return {role: create_key(seeded_once, f"walk {role}", role)[1] for role in ("reader", "editor")}


@pytest.fixture(scope="module", params=["public", "key"])
def served(request: pytest.FixtureRequest, settings: Settings) -> Iterator[tuple[ServedApp, str]]:
    # A generous query timeout: this walk is about who may read, not how fast (first plans are
    # slow on a busy machine).
    api_settings = ApiSettings(read_access=request.param, query_timeout_s=120)
    with serve(settings, api_settings) as app:
        yield app, request.param


def statuses(client: httpx.Client) -> dict[str, int]:
    return {route: client.get(route).status_code for route in ROUTES}


def test_every_route_reads_alike_with_a_key_or_a_session(
    served: tuple[ServedApp, str], keys: dict[str, str]
) -> None:
    app, mode = served
    with httpx.Client(base_url=app.url, timeout=120) as anonymous:
        expected = 200 if mode == "public" else 401
        assert statuses(anonymous) == dict.fromkeys(ROUTES, expected)
    for role, key in keys.items():
        bearer = {"authorization": f"Bearer {key}"}
        with httpx.Client(base_url=app.url, timeout=120, headers=bearer) as header:
            assert statuses(header) == dict.fromkeys(ROUTES, 200), (mode, role, "header")
        with signed_in(app.url, key) as session:
            session.timeout = httpx.Timeout(120)
            assert statuses(session) == dict.fromkeys(ROUTES, 200), (mode, role, "session")
