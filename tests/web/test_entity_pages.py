"""Entity, source and list pages over real HTTP on the seeds, with a few facts added.

The additions (an amount on a funding link, an entity and a document named with markup, a document
taken in and accepted through intake) are written once for the module, as a curator's edits or
an accepted intake would leave them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import httpx
import pytest
from browser_support import HOSTILE
from review_support import wren_proposal
from served_app import ServedApps

from graphsvc.intake import review
from graphsvc.model.domain import FUNDS, MEMBER_OF, PROVENANCE_TYPE
from graphsvc.store.database import Database

HOSTILE_SOURCE = "hostile-source"


@pytest.fixture(scope="module")
def written(seeded_once: Database) -> dict[str, str]:
    """The seeds, plus an amount, hostile text, and an accepted intake document."""
    seeded_once.write(
        f"MATCH (:Entity {{id: 'european-union'}})-[r:{FUNDS.type}]->(:Entity {{id: 'mc2cm'}}) "
        "SET r.amount = 1200000.0, r.currency = 'EUR', r.start_date = '2019-01', "
        "r.start_date_year = 2019, r.start_date_month = 1"
    )
    seeded_once.write(
        "MATCH (m:Entity {id: 'medcities'}) "
        "CREATE (s:Entity:Source {id: $source, name: $name, title: $name, publisher: $name, "
        "url: 'javascript:alert(1)', text: $name, category: 'news-article'}) "
        "CREATE (h:Entity:Institution {id: 'hostile-entity', name: $name, aliases: [$name], "
        "description: $name, note: $name, uncertain: true, category: 'ngo', "
        f"name_sort: 'zzz', lookup_keys: ['hostile']}})-[:{MEMBER_OF.type} "
        "{sources: [$source], role: $name, note: $name}]->(m) "
        f"CREATE (h)-[:{PROVENANCE_TYPE}]->(s)",
        name=HOSTILE,
        source=HOSTILE_SOURCE,
    )
    proposal = review.submit(seeded_once, wren_proposal()).proposal
    review.accept(seeded_once, proposal.id)
    return {"document": proposal.document.source_id}


@pytest.fixture(scope="module")
def site(written: dict[str, str], served_apps: ServedApps) -> Iterator[httpx.Client]:
    served = served_apps.get()
    with httpx.Client(base_url=served.url, timeout=60) as client:
        yield client


def _main(page: str) -> str:
    return page.split('<main id="main">', 1)[1].split("</main>", 1)[0]


def _section(page: str, title: str) -> str:
    found = re.search(rf"<h2 id=\"s-\d+\">{re.escape(title)} .*?</section>", page, re.S)
    assert found, f"no section {title!r}"
    return found.group(0)


def test_a_funder_page_shows_amounts_dates_and_named_sources(site: httpx.Client) -> None:
    response = site.get("/entity/european-union")
    assert response.status_code == 200
    page = response.text
    assert "<h1>European Union</h1>" in page
    assert "Also called EU" in page
    funding = _section(page, "Funding")
    assert 'href="/entity/mc2cm">Mediterranean City-to-City Migration</a>' in funding
    assert "€1,200,000" in funding and "January 2019" in funding
    # The source is named by its title, linked to its page; never by its file name.
    assert re.search(r'href="/source/[a-z0-9-]+">MedCities hosts a webinar', funding)
    assert ".txt" not in _main(page)
    assert '<iframe class="ego-map" src="/maps/ego?id=european-union&amp;hops=1"' in page
    assert "frame-src 'self'" in response.headers["content-security-policy"]


def test_events_are_in_date_order_with_dates_in_words(site: httpx.Client) -> None:
    events = _section(site.get("/entity/ktc-sfax").text, "Events")
    assert "22–26 March 2016" in events
    dates = re.findall(r'class="period"> · ([^<]+)</span>', events)
    assert dates, events
    years = [int(y) for d in dates for y in re.findall(r"\b(\d{4})\b", d)[:1]]
    assert years == sorted(years)
    webinar = site.get("/entity/migrant-participation-webinar").text
    assert "5 May (year not given)" in webinar


def test_an_uncertain_entity_is_marked_where_another_page_lists_it(site: httpx.Client) -> None:
    """The Kairouan session's date is a reading of "22 to 26 March, respectively": uncertain on
    its own page, and so on the city's page that lists it."""
    own = site.get("/entity/kairouan-awareness-session-2016").text
    assert "<strong>Uncertain:</strong>" in own
    city = site.get("/entity/kairouan").text
    listed = re.search(r'href="/entity/kairouan-awareness-session-2016">.*?</li>', city, re.S)
    assert listed, "the session is not listed on Kairouan's page"
    assert "22 March 2016" in listed.group(0)
    assert 'class="uncertain-tag"' in listed.group(0)


def test_an_unknown_id_is_a_404_with_did_you_mean_links(site: httpx.Client) -> None:
    response = site.get("/entity/europen-union")
    assert response.status_code == 404
    assert "Did you mean" in response.text
    assert 'href="/entity/european-union">European Union</a>' in response.text
    # A name or an alias reaches the page too; a Source id goes to the source page.
    named = site.get("/entity/EU", follow_redirects=False)
    assert named.status_code == 302 and named.headers["location"] == "/entity/european-union"
    source = site.get("/entity/jwp-multilevel-approach", follow_redirects=False)
    assert source.headers["location"] == "/source/jwp-multilevel-approach"


def test_how_is_this_connected_lists_steps_with_sources(site: httpx.Client) -> None:
    page = site.get("/entity/medcities", params={"to": "Tunis"}).text
    connect = page.split('id="connect"', 1)[1]
    assert re.search(r'links to <a href="/entity/tunis">Tunis</a>', connect)
    steps = re.findall(r'<ol class="path">(.*?)</ol>', connect, re.S)
    assert steps and all('class="source"' in step for step in steps)
    unknown = site.get("/entity/medcities", params={"to": "Atlantis"})
    assert unknown.status_code == 200 and "Nothing in the graph is called" in unknown.text


def test_the_source_page_highlights_the_sentences_of_its_facts(
    site: httpx.Client, written: dict[str, str]
) -> None:
    response = site.get(f"/source/{written['document']}")
    assert response.status_code == 200
    page = response.text
    assert "<h1>Wren Foundation joins MC2CM</h1>" in page
    assert "news.example" in page and "5 March 2024" in page
    assert '<a href="https://news.example/wren" rel="noopener noreferrer">' in page
    marked = re.findall(r'<mark id="sentence-(\d+)">([^<]*)</mark>', page)
    assert any(text.startswith("The European Union financed MC2CM") for _, text in marked)
    facts = page.split("Facts read from the text", 1)[1]
    assert 'href="/entity/european-union">European Union</a> <span class="words">funds</span>' in (
        facts
    )
    assert 'href="/entity/wren-foundation"' in page
    listed = page.split("Links it supports", 1)[1]
    assert 'href="/entity/mc2cm"' in listed


def test_a_seed_source_shows_its_metadata_and_every_fact(site: httpx.Client) -> None:
    page = site.get("/source/medcities-migrant-participation-webinar").text
    assert "not stored in the graph" in page
    assert 'href="/entity/european-union"' in page.split("Links it supports", 1)[1]


def _names(page: str) -> list[str]:
    return re.findall(r'<td data-label="Name"><a href="/entity/([^"]+)">', page)


def _total(site: httpx.Client, field: str, filter_text: str) -> int:
    query = f"{{ {field}{filter_text} {{ totalCount }} }}"
    body = site.post("/graphql", json={"query": query}).json()
    return int(body["data"][field]["totalCount"])


@pytest.mark.parametrize(
    ("path", "params", "field", "api_filter"),
    [
        ("/list/Institution", {"size": "7"}, "institutions", ""),
        (
            "/list/Institution",
            {"country": "Tunisia"},
            "institutions",
            '(filter: {country: "tunisia"})',
        ),
        ("/list/Event", {"sort": "start_date", "order": "desc", "size": "5"}, "events", ""),
    ],
)
def test_a_list_walks_every_page_once_and_matches_the_api(
    site: httpx.Client, path: str, params: dict[str, str], field: str, api_filter: str
) -> None:
    seen: list[str] = []
    response = site.get(path, params=params)
    pages = 0
    while True:
        assert response.status_code == 200
        seen += _names(response.text)
        pages += 1
        following = re.search(r'rel="next" href="([^"]+)"', response.text)
        if following is None:
            break
        response = site.get(html.unescape(following.group(1)))
    assert len(seen) == len(set(seen))
    assert len(seen) == _total(site, field, api_filter)
    assert f">{len(seen):,} match" in site.get(path, params=params).text
    if "size" in params:
        assert pages > 1  # the seeds hold more than one page of these


def test_list_filters_narrow(site: httpx.Client) -> None:
    everyone = _names(site.get("/list/Institution").text)
    in_tunisia = _names(site.get("/list/Institution", params={"country": "Tunisia"}).text)
    assert in_tunisia and set(in_tunisia) < set(everyone + in_tunisia)
    events_2016 = site.get("/list/Event", params={"from": "2016", "to": "2016"}).text
    assert "ktc-awareness-sessions-2016" in events_2016
    funded = _names(site.get("/list/Programme", params={"funder": "EU"}).text)
    assert "mc2cm" in funded


@pytest.mark.parametrize(
    "query",
    [
        {"after": "garbage"},
        {"after": "eyJhIjoxfQ"},
        # ["Event", "name", false, 2**64, "x"]: beyond Neo4j's integers
        {"after": "WyJFdmVudCIsICJuYW1lIiwgZmFsc2UsIDE4NDQ2NzQ0MDczNzA5NTUxNjE2LCAieCJd"},
        {"from": "not a date"},
        {"to": "--05"},
        {"sort": "colour"},
        {"order": "sideways"},
        {"size": "0"},
        {"size": "-1"},
        {"name": "x" * 500},
        {"name": "\x00"},
        {"country": "Mediterranean"},
    ],
)
def test_bad_list_values_are_a_clear_400(site: httpx.Client, query: dict[str, str]) -> None:
    response = site.get("/list/Event", params=query)
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        assert 'class="notice error"' in response.text


def test_garbage_addresses_are_never_a_500(site: httpx.Client) -> None:
    for path in (
        "/list/Planet",
        "/list/%00",
        "/entity/%00",
        "/entity/" + "x" * 3000,
        "/entity/medcities?to=" + "y" * 3000,
        "/entity/medcities?to=%ED%A0%80",
        "/source/%ff%fe",
        "/source/" + "-" * 300,
    ):
        response = site.get(path)
        assert response.status_code < 500, (path, response.status_code)
        assert response.headers["content-type"].startswith("text/html")


def test_hostile_text_stays_text_on_every_page(site: httpx.Client) -> None:
    pages = [
        site.get("/entity/hostile-entity"),
        site.get("/entity/medcities"),
        site.get(f"/source/{HOSTILE_SOURCE}"),
        site.get("/list/Institution", params={"name": "hostile"}),
        site.get("/list/Institution", params={"country": HOSTILE}),
        site.get("/entity/medcities", params={"to": HOSTILE}),
        site.get("/entity/" + HOSTILE),
        site.get("/source/" + HOSTILE),
    ]
    for response in pages:
        assert response.status_code < 500
        assert "<script>window.__xss" not in response.text
        assert "<img src=x" not in response.text
    assert "&lt;script&gt;" in pages[0].text and "&lt;script&gt;" in pages[2].text
    assert 'href="javascript:' not in pages[2].text
