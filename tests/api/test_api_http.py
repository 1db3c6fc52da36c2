"""GraphQL over HTTP: methods, media types, status codes, limits and the error shape."""

from __future__ import annotations

import httpx
from conftest import Api, round_trips, serve

from graphsvc.config import Settings

GRAPHQL_RESPONSE = "application/graphql-response+json"


def test_health_and_readiness(api: Api) -> None:
    assert api.client.get("/healthz").json() == {"status": "alive"}
    ready = api.client.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {"status": "ready"}


def test_get_runs_queries_and_refuses_mutations(api: Api) -> None:
    response = api.client.get("/graphql", params={"query": "{ cities(first: 1) { totalCount } }"})
    assert response.status_code == 200
    assert response.json() == {"data": {"cities": {"totalCount": 15}}}
    response = api.client.get(
        "/graphql",
        params={"query": 'mutation { unlink(type: FUNDS, from: "european-union", to: "mc2cm") }'},
    )
    assert response.status_code == 405 and response.headers["allow"] == "POST"


def test_media_types_and_status_codes(api: Api) -> None:
    query = "{ cities { nodes { nmae } } }"
    modern = api.post(query, accept=GRAPHQL_RESPONSE)
    assert modern.status_code == 400
    assert modern.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    legacy = api.post(query, accept="application/json")
    assert legacy.status_code == 200
    assert legacy.headers["content-type"].startswith("application/json")
    assert "Did you mean 'name'" in legacy.json()["errors"][0]["message"]
    assert api.post("{ cities { totalCount } }", accept="text/csv").status_code == 406


def test_malformed_requests(api: Api) -> None:
    post = api.client.post
    assert (
        post(
            "/graphql", content=b"{not json", headers={"content-type": "application/json"}
        ).status_code
        == 400
    )
    assert (
        post("/graphql", content=b"query { x }", headers={"content-type": "text/plain"}).status_code
        == 415
    )
    assert post("/graphql", json=["query"]).status_code == 400
    assert post("/graphql", json={"query": 42}).status_code == 400
    assert (
        post("/graphql", json={"query": "{ cities { totalCount } }", "variables": "x"}).status_code
        == 400
    )
    assert api.client.put("/graphql").status_code == 405
    parse = api.post("{ cities {", accept=GRAPHQL_RESPONSE)
    assert parse.status_code == 400
    assert parse.json()["errors"][0]["message"].startswith("the query does not parse")


def test_error_shape_is_stable(api: Api) -> None:
    body = api.post('{ fundingTrace(funder: "atlantis") { funder { slug } } }').json()
    assert body["data"] is None
    (error,) = body["errors"]
    assert set(error) == {"message", "locations", "path", "extensions"}
    assert error["path"] == ["fundingTrace"]
    assert error["extensions"] == {"code": "NOT_FOUND"}
    assert "atlantis" in error["message"] and "Traceback" not in error["message"]


def test_limits_refuse_abusive_queries_before_touching_the_database(api: Api) -> None:
    deep = (
        "{ institutions { nodes { partnerIn { node { partners { node { ... on Institution "
        "{ partnerIn { node { partners { node { ... on Institution { partnerIn { node { "
        "partners { node { name } } } } } } } } } } } } } } } } }"
    )
    wide = "{ " + " ".join(f"a{i}: cities(first: 1) {{ totalCount }}" for i in range(40)) + " }"
    costly = (
        "{ institutions(first: 100) { nodes { partnerIn(first: 100) { node { "
        "partners(first: 100) { node { __typename } } } } } } }"
    )
    huge = "{ " + "cities { totalCount } " * 2000 + "}"
    too_many = "{ cities(first: 1000) { totalCount } }"
    for query, code, words in (
        (deep, "QUERY_TOO_COMPLEX", "levels deep"),
        (wide, "QUERY_TOO_COMPLEX", "aliases"),
        (costly, "QUERY_TOO_COMPLEX", "estimated cost"),
        (huge, "QUERY_TOO_COMPLEX", "tokens"),
        (too_many, "BAD_USER_INPUT", "`first` must be between 0 and 100"),
    ):
        response = api.post(query, accept=GRAPHQL_RESPONSE)
        assert response.status_code == 400, query
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == code and words in error["message"], error
        assert round_trips(response) == 0
    big_body = api.client.post(
        "/graphql",
        content=b"{" + b" " * 200_000 + b"}",
        headers={"content-type": "application/json"},
    )
    assert big_body.status_code == 413


def test_graphiql_page_is_self_hosted(api: Api) -> None:
    page = api.client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code in (200, 503)
    if page.status_code == 200:
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert "unpkg" not in page.text and "https://" not in page.text
        assert api.client.get("/graphiql/init.js").status_code == 200
    else:
        assert "GraphiQL is not installed" in page.text


def test_two_replicas_continue_each_others_pages(api: Api, settings: Settings) -> None:
    """Nothing lives in a process: a cursor from one replica pages on at another."""
    query = (
        "query($after: String) { cities(first: 5, after: $after) { "
        "pageInfo { endCursor } nodes { slug } } }"
    )
    first = api.data(query)["cities"]
    with serve(settings) as other, httpx.Client(base_url=other.url, timeout=30) as client:
        second = Api(client).data(query, {"after": first["pageInfo"]["endCursor"]})["cities"]
    both = api.data("{ cities(first: 10) { nodes { slug } } }")["cities"]["nodes"]
    assert first["nodes"] + second["nodes"] == both
