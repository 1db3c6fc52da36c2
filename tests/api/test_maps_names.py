"""Live maps take names: `/maps/funder?id=European Union` is the EU's map, over real HTTP.

A name or alias is resolved by the API's own rule and redirected to the map's canonical address;
a name that names nothing gets a 404 page of "did you mean" links, one that names several
entities a 300 page listing each; a browser gets HTML under the maps' strict policy, other
clients plain text. Against the seeded graph in the real Neo4j test instance.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from browser_support import HOSTILE
from conftest import ServedApp
from served_app import ServedApps

from graphsvc.store.database import Database

pytestmark = pytest.mark.neo4j

HTML = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
AMBIGUOUS = "Awareness sessions on strategic planning in Kairouan and M'saken"
"""The name of both a Source (003's report) and the Event it reports."""


@pytest.fixture(scope="module")
def served(seeded_once: Database, served_apps: ServedApps) -> ServedApp:
    return served_apps.get()


@pytest.fixture(scope="module")
def client(served: ServedApp) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.url, timeout=60) as http:
        yield http


class _Links(HTMLParser):
    """The page's links, as (href, text) pairs."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self.links.append((self._href, data))
            self._href = None


def links(html: str) -> list[tuple[str, str]]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def test_a_funder_named_by_name_or_alias_gets_the_funders_map(client: httpx.Client) -> None:
    for name in ("European Union", "EU", "european  union", "EuropeAid"):
        response = client.get("/maps/funder", params={"id": name}, headers=HTML)
        assert response.status_code == 303, (name, response.text)
        assert response.headers["location"] == "/maps/funder?id=european-union"
    final = client.get("/maps/funder", params={"id": "European Union"}, follow_redirects=True)
    assert final.status_code == 200
    assert str(final.url).endswith("/maps/funder?id=european-union")
    assert "European Union" in final.text


def test_names_in_filters_are_resolved_too(client: httpx.Client) -> None:
    response = client.get(
        "/maps/overview", params={"funder": "EU", "country": "Tunisie", "programme": "MC2CM"}
    )
    assert response.status_code == 303
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query == {"programme": ["mc2cm"], "funder": ["european-union"], "country": ["tunisia"]}
    # An ISO code stays as it is: it already names a country.
    assert client.get("/maps/overview", params={"country": "TN"}).status_code == 200


def test_a_misspelt_name_gets_did_you_mean_links(client: httpx.Client) -> None:
    response = client.get("/maps/funder", params={"id": "Europen Union"}, headers=HTML)
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    policy = response.headers["content-security-policy"]
    assert "unsafe" not in policy and "frame-ancestors 'none'" in policy
    assert re.search(r"script-src 'sha256-[^']+'; style-src 'sha256-[^']+'", policy)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "Europen Union" in response.text and "Did you mean" in response.text
    found = links(response.text)
    assert ("/maps/funder?id=european-union", "European Union") in found
    assert found.index(("/maps/funder?id=european-union", "European Union")) == 0
    # Other clients get the same answer as plain text.
    plain = client.get("/maps/funder", params={"id": "Europen Union"})
    assert plain.status_code == 404 and plain.headers["content-type"].startswith("text/plain")
    assert "did you mean: european-union (European Union" in plain.text


def test_a_did_you_mean_link_keeps_the_other_parameters(client: httpx.Client) -> None:
    response = client.get(
        "/maps/ego", params={"id": "medcitis", "hops": "1", "colour": "community"}, headers=HTML
    )
    assert response.status_code == 404
    assert ("/maps/ego?id=medcities&hops=1&colour=community", "MedCities") in links(
        response.text.replace("&amp;", "&")
    )


def test_an_ambiguous_name_lists_every_candidate(client: httpx.Client) -> None:
    response = client.get("/maps/ego", params={"id": AMBIGUOUS}, headers=HTML)
    assert response.status_code == 300
    assert "content-security-policy" in response.headers
    hrefs = {href for href, _ in links(response.text) if href.startswith("/maps/ego")}
    assert len(hrefs) == 2
    ids = {parse_qs(urlsplit(href.replace("&amp;", "&")).query)["id"][0] for href in hrefs}
    assert all(ids) and len(ids) == 2
    assert "Event" in response.text and "Source" in response.text
    plain = client.get("/maps/ego", params={"id": AMBIGUOUS})
    assert plain.status_code == 300 and "names 2 entities" in plain.text


def test_a_kind_bound_view_looks_only_among_its_kind(client: httpx.Client) -> None:
    response = client.get("/maps/city", params={"id": "Tunis"})
    assert response.status_code == 303
    assert response.headers["location"] == "/maps/city?id=tunis"
    wrong = client.get("/maps/city", params={"id": "MedCities"}, headers=HTML)
    assert wrong.status_code == 404 and "No entity called" in wrong.text


def test_markup_in_a_name_is_escaped(client: httpx.Client) -> None:
    response = client.get("/maps/ego", params={"id": HOSTILE}, headers=HTML)
    assert response.status_code == 404
    assert "<script>window" not in response.text and "<img" not in response.text
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in response.text
    other = client.get("/maps/overview", params={"colour": HOSTILE}, headers=HTML)
    assert other.status_code == 400 and "<img" not in other.text


def test_other_client_errors_are_a_page_for_a_browser(client: httpx.Client) -> None:
    response = client.get("/maps/overview", params={"since": "2020-02-30"}, headers=HTML)
    assert response.status_code == 400
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "parameter &#39;since&#39;: day 30" in response.text
    assert "unsafe" not in response.headers["content-security-policy"]
    assert client.get("/maps/elsewhere", headers=HTML).status_code == 400
    long = client.get("/maps/ego", params={"id": "x" * 201})
    assert long.status_code == 400 and "at most 200" in long.text


def test_suggestions_come_from_the_search(client: httpx.Client) -> None:
    response = client.get("/maps/suggest", params={"text": "medcit"})
    assert response.status_code == 200
    first = response.json()["suggestions"][0]
    assert first == {
        "id": "medcities",
        "name": "MedCities",
        "kind": "Institution",
        "country": first["country"],
        "alias": None,
    }
    accented = client.get("/maps/suggest", params={"text": "Malaga"}).json()["suggestions"]
    assert accented[0]["name"] == "Málaga" and accented[0]["country"] == "Spain"
    alias = client.get("/maps/suggest", params={"text": "EU"}).json()["suggestions"]
    assert alias[0]["id"] == "european-union" and alias[0]["alias"] == "EU"
    cities = client.get("/maps/suggest", params={"text": "tun", "kinds": "City"}).json()
    assert {s["kind"] for s in cities["suggestions"]} == {"City"}
    assert client.get("/maps/suggest", params={"text": "--"}).json()["suggestions"] == []
    assert client.get("/maps/suggest", params={"text": "w " * 40}).status_code == 400
    assert client.get("/maps/suggest", params={"kinds": "Nothing"}).status_code == 400
