"""What makes requests cheap must not change what they answer or what they are refused.

The document cache skips parsing and validation for a query text seen before, never the limits
that depend on the variables; a list asked only for its `totalCount` runs the count alone.
"""

from __future__ import annotations

import pytest
from conftest import Api, round_trips

from graphsvc.api.documents import DocumentCache

pytestmark = pytest.mark.neo4j

PAGE = """query($n: Int) { institutions(first: $n) { nodes { slug
  partnerIn(first: $n) { node { partners(first: $n) { node { slug } } } } } } }"""


def test_a_cached_document_is_still_refused_for_its_variables_before_any_cypher(
    api: Api,
) -> None:
    allowed = api.post(PAGE, {"n": 2})
    assert allowed.status_code == 200 and len(allowed.json()["data"]["institutions"]["nodes"]) == 2
    # The text is now cached: the limits still see each request's variables.
    for n, code, words in (
        (5000, "BAD_USER_INPUT", "between 0 and"),
        (100, "QUERY_TOO_COMPLEX", "cost"),
    ):
        for _ in range(2):
            refused = api.post(PAGE, {"n": n})
            error = refused.json()["errors"][0]
            assert error["extensions"]["code"] == code and words in error["message"], error
            assert round_trips(refused) == 0
    again = api.post(PAGE, {"n": 3})
    assert len(again.json()["data"]["institutions"]["nodes"]) == 3


def test_an_invalid_document_is_refused_every_time(api: Api) -> None:
    query = "{ institutions { nodes { nope } } }"
    for _ in range(2):
        error = api.post(query).json()["errors"][0]
        assert "nope" in error["message"]


def test_total_count_alone_runs_one_statement(api: Api) -> None:
    alone = api.post('{ institutions(filter: {name: "a"}) { totalCount } }')
    with_page = api.post(
        '{ institutions(filter: {name: "a"}) { totalCount nodes { slug } pageInfo { endCursor } } }'
    )
    assert round_trips(alone) == 1
    assert round_trips(with_page) == 2
    total = alone.json()["data"]["institutions"]["totalCount"]
    assert total == with_page.json()["data"]["institutions"]["totalCount"] > 0


def test_cursors_are_the_same_whether_or_not_edges_ask_for_them(api: Api) -> None:
    both = api.data("{ institutions(first: 3) { edges { cursor } pageInfo { endCursor } } }")
    page_only = api.data("{ institutions(first: 3) { nodes { slug } pageInfo { endCursor } } }")
    end = both["institutions"]["pageInfo"]["endCursor"]
    assert end == both["institutions"]["edges"][-1]["cursor"]
    assert page_only["institutions"]["pageInfo"]["endCursor"] == end


def test_the_document_cache_keeps_the_most_recent() -> None:
    cache = DocumentCache(size=2)
    documents = [object() for _ in range(3)]
    cache.put("a", documents[0])  # type: ignore[arg-type]
    cache.put("b", documents[1])  # type: ignore[arg-type]
    assert cache.get("a") is documents[0]  # now the most recent
    cache.put("c", documents[2])  # type: ignore[arg-type]
    assert cache.get("b") is None
    assert cache.get("a") is documents[0] and cache.get("c") is documents[2]
    assert len(cache) == 2
