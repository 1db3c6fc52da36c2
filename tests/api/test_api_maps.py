"""Live maps over real HTTP: permalinks, a strict CSP, named errors, and a real browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from browser_support import HOSTILE, watch
from conftest import ServedApp, serve
from served_app import ServedApps

from graphsvc.config import Settings
from graphsvc.store.database import Database

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]


@pytest.fixture(scope="module")
def served(seeded_once: Database, served_apps: ServedApps) -> ServedApp:
    seeded_once.write(
        "MATCH (m:Entity {id: 'medcities'}) "
        "CREATE (h:Entity:Institution {id: 'hostile-entity', name: $name, aliases: [$name], "
        "description: $description, category: 'ngo'})-[:MEMBER_OF {sources: []}]->(m)",
        name=HOSTILE,
        description=f'<a href="x">{HOSTILE}</a>',
    )
    return served_apps.get()


@pytest.fixture(scope="module")
def client(served: ServedApp) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.url, timeout=60) as http:
        yield http


def test_a_map_is_served_with_a_strict_policy_and_its_permalink(client: httpx.Client) -> None:
    response = client.get("/maps/ego", params={"id": "medcities", "hops": "1"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    policy = response.headers["content-security-policy"]
    assert "unsafe" not in policy
    assert re.search(r"script-src( 'sha256-[^']+')+;", policy)  # hashes only, one per block
    assert "frame-ancestors 'self'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert 'href="/maps/ego?id=medcities&amp;hops=1"' in response.text
    assert "http-equiv" not in response.text  # the header carries the policy
    index = client.get("/maps")
    assert index.status_code == 200 and "/maps/funder?id=european-union" in index.text
    # One inline script (the name suggestions), allowed by its hash alone.
    assert index.text.count("<script>") == 1
    assert re.search(r"script-src 'sha256-[^']+';", index.headers["content-security-policy"])


@pytest.mark.parametrize(
    ("path", "params", "status", "words"),
    [
        ("/maps/ego", {}, 400, "parameter 'id': the ego view needs"),
        ("/maps/ego", {"id": "<b>x</b>"}, 404, "parameter 'id': no entity with id '<b>x</b>'"),
        ("/maps/ego", {"id": "nobody-here"}, 404, "no entity with id 'nobody-here'"),
        ("/maps/city", {"id": "medcities"}, 404, "no City with id 'medcities'"),
        ("/maps/overview", {"since": "2020-02-30"}, 400, "parameter 'since': day 30"),
        ("/maps/elsewhere", {}, 400, "unknown view"),
        ("/maps/overview", {"colour": "red"}, 400, "parameter 'colour'"),
    ],
)
def test_bad_requests_get_a_plain_message_naming_the_parameter(
    client: httpx.Client, path: str, params: dict[str, str], status: int, words: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/plain")
    assert words in response.text
    assert "Traceback" not in response.text


def test_served_maps_work_in_a_browser_under_their_policy(browser: Any, served: ServedApp) -> None:
    page = watch(browser, allowed_prefixes=(served.url, "data:", "blob:"))
    page.page.goto(f"{served.url}/maps/ego?id=hostile-entity&hops=2")
    page.wait_ready()
    shown = page.page.evaluate("graphsvcMap.counts()")
    data_nodes = page.page.evaluate(
        "JSON.parse(document.getElementById('map-data').textContent).nodes.length"
    )
    assert shown["drawnNodes"] == shown["nodes"] == data_nodes > 2
    assert page.page.locator("#map-title").inner_text().startswith(HOSTILE)
    page.page.fill("#search", "xss")
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("graphsvcMap.selected()") == ["hostile-entity"]
    assert HOSTILE in page.page.locator("#panel").inner_text()
    assert page.page.evaluate("window.__xss === undefined")
    assert page.dialogs == []
    assert page.errors == []  # a CSP violation would be logged here
    page.screenshot("served-ego-hostile")
    page.page.click("#permalink")
    page.page.wait_for_url(f"{served.url}/maps/ego?id=hostile-entity")  # hops=2: the default
    page.wait_ready()
    assert page.errors == []


def test_the_settings_form_leads_to_a_canonical_permalink(browser: Any, served: ServedApp) -> None:
    page = watch(browser, allowed_prefixes=(served.url, "data:", "blob:"))
    page.page.goto(f"{served.url}/maps/ego?id=medcities&hops=1")
    page.wait_ready()
    page.page.click("#settings summary")
    page.page.fill('#settings input[name="hops"]', "2")
    page.page.fill('#settings input[name="kinds"]', "Institution,Programme")
    page.page.select_option('#settings select[name="colour"]', "community")
    page.page.click('#settings button[type="submit"]')
    # The form sends its empty fields too; the server answers with the canonical address.
    page.page.wait_for_url(
        f"{served.url}/maps/ego?id=medcities&kinds=Institution%2CProgramme&colour=community"
    )
    page.wait_ready()
    kinds = page.page.evaluate(
        "JSON.parse(document.getElementById('map-data').textContent).kinds.map(k => k.label)"
    )
    assert kinds == ["Institution", "Programme"]
    assert page.page.locator("#legend-communities button").count() >= 2
    assert page.errors == []


def test_maps_need_a_key_where_reads_do(settings: Settings, seeded_once: Database) -> None:
    from graphsvc.service.keys import create_key
    from graphsvc.service.settings import ApiSettings

    reader = create_key(seeded_once, "map reader", "reader")[1]
    with (
        serve(settings, ApiSettings(read_access="key")) as app,
        httpx.Client(base_url=app.url, timeout=60) as http,
    ):
        refused = http.get("/maps/overview")
        assert refused.status_code == 401
        assert "maps need an API key" in refused.text
        assert http.get("/maps", headers={"authorization": "Bearer nonsense"}).status_code == 401
        allowed = http.get("/maps/overview", headers={"authorization": f"Bearer {reader}"})
        assert allowed.status_code == 200
        assert "content-security-policy" in allowed.headers
