"""The home page and search: what a coordinator sees first, over real HTTP on the seeds."""

from __future__ import annotations

import re

import httpx
from browser_support import HOSTILE

from graphsvc.model import MODEL


def test_home_page_counts_every_kind_and_links_its_list(site: httpx.Client) -> None:
    response = site.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for kind in MODEL.labels:
        assert f'href="/list/{kind}"' in page
    # The seeds hold institutions: their count is a number above zero, not a placeholder.
    found = re.search(r'href="/list/Institution"><span class="n">([\d,]+)</span>', page)
    assert found and int(found.group(1).replace(",", "")) > 10
    assert 'action="/search"' in page and 'method="get"' in page
    assert "documents with proposed facts to review" in page
    assert "possible duplicates to decide" in page


def test_every_page_has_the_strict_policy(site: httpx.Client) -> None:
    for path in ("/", "/search?q=tunis", "/search?q=" + "x" * 300):
        policy = site.get(path).headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy


def test_search_finds_names_without_accents_and_links_entity_pages(site: httpx.Client) -> None:
    response = site.get("/search", params={"q": "malaga"})
    assert response.status_code == 200
    assert "Málaga" in response.text
    assert re.search(r'href="/entity/[a-z0-9-]+">Málaga</a>', response.text)


def test_search_by_kind_keeps_only_that_kind(site: httpx.Client) -> None:
    def kinds(params: dict[str, str]) -> list[str]:
        page = site.get("/search", params=params).text
        results = page.split('<ol class="results">', 1)[1].split("</ol>", 1)[0]
        return re.findall(r'<span class="where">(\w+)', results)

    assert "Institution" in kinds({"q": "medcities"})
    assert set(kinds({"q": "tunis", "kind": "City"})) == {"City"}


def test_bad_search_input_is_a_clear_message_not_an_error_page(site: httpx.Client) -> None:
    long = site.get("/search", params={"q": "word " * 40})
    assert long.status_code == 400
    assert "has 40 words; a name has at most 32" in long.text
    kind = site.get("/search", params={"q": "tunis", "kind": "Planet"})
    assert kind.status_code == 400 and "is not a kind" in kind.text


def test_hostile_text_stays_text(site: httpx.Client) -> None:
    response = site.get("/search", params={"q": HOSTILE})
    assert "<script>window.__xss" not in response.text
    assert "&lt;script&gt;" in response.text


def test_an_unknown_address_is_a_page_not_json(site: httpx.Client) -> None:
    response = site.get("/no-such-page")
    assert response.status_code == 404
