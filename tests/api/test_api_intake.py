"""The review queue over real HTTP: submit, list, show, edit, accept, see the facts, undo."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from conftest import Api, reseed, serve
from graphql import get_introspection_query
from review_support import graph_snapshot
from served_app import ServedApps
from test_every_field import UNBOUNDED, QueryWriter

from graphsvc.config import Settings
from graphsvc.service.intake_calls import warm_recogniser
from graphsvc.service.keys import create_key
from graphsvc.service.settings import ApiSettings, Limits
from graphsvc.store.database import Database

TEXT = (
    "The European Union financed MC2CM again this year. "
    "The Wren Foundation also financed MC2CM, in partnership with the city of Tunis."
)
SUBMIT = """
mutation($text: String!) {
  submitDocument(text: $text, title: "Wren Foundation joins MC2CM",
                 url: "https://news.example/wren", language: "en", publishedOn: "2024-03-05") {
    proposal { id status }
    droppedMatches { name slug }
  }
}
"""
SHOW = """
query($id: ID!) {
  proposal(id: $id) {
    id status revision submitted
    source { sourceSlug title url publisher language contentHash publishedOn { text } }
    entities { number slug kind name matchedSlug isNew ambiguous candidateSlugs confidence
      decision uncertain note properties { name value } matched { slug }
      candidates { slug }
      evidence { rule confidence sentence { start end text } mention { start end text }
        excerpt { start end text } } }
    relationships { number type reads readsBackwards from { slug name } to { slug name }
      confidence decision uncertain note startDate { text } endDate { text }
      evidence { rule confidence sentence { start end text } mention { text } } }
    receipt { sourceSlug createdEntities sourcedEntities createdLinks { type from to } }
  }
}
"""


PATIENT = ApiSettings(query_timeout_s=120)
"""Recognition and acceptance take seconds on a machine this busy: no request may time out."""


@pytest.fixture
def fresh_api(database: Database, served_apps: ServedApps) -> Iterator[Api]:
    """The seeded graph served with a patient time limit (the limit is tested elsewhere)."""
    reseed(database)
    with httpx.Client(base_url=served_apps.get(PATIENT).url, timeout=300) as c:
        yield Api(c)


@pytest.fixture
def keys(database: Database, fresh_api: Api) -> dict[str, str]:
    return {role: create_key(database, f"test {role}", role)[1] for role in ("reader", "editor")}


def submit(api: Api, key: str, text: str = TEXT) -> str:
    return str(api.data(SUBMIT, {"text": text}, key=key)["submitDocument"]["proposal"]["id"])


def show(api: Api, proposal_id: str) -> dict[str, Any]:
    return dict(api.data(SHOW, {"id": proposal_id})["proposal"])


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """The served app runs in this process: read the gazetteer once, before any request."""
    warm_recogniser()


ACCEPT = """
mutation($id: ID!, $facts: [Int!], $min: Float) {
  acceptProposal(id: $id, facts: $facts, minConfidence: $min) {
    status receipt { sourceSlug createdEntities sourcedEntities createdLinks { type from to } }
  }
}
"""
EDIT = """
mutation($id: ID!, $fact: Int!, $date: String, $entity: String) {
  editProposedFact(id: $id, fact: $fact, date: $date, entity: $entity) {
    revision relationships { number startDate { text } uncertain }
  }
}
"""
UNDO = "mutation($id: ID!) { undoProposal(id: $id) { status receipt { sourceSlug } } }"
LIST = """
query($first: Int, $after: String, $status: ProposalStatus) {
  proposals(first: $first, after: $after, status: $status) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id status source { title sourceSlug contentHash } } }
  }
}
"""
SEEN = """
query($source: String!) {
  entity(slug: $source) { slug ... on Source { title } }
  institutions(filter: {name: "Wren Foundation"}) { nodes { slug name
    sources { slug } funds { node { slug } sources { slug } } } }
}
"""


def wren_funds(proposal: dict[str, Any]) -> int:
    """The number of the fact "the Wren Foundation financed MC2CM"."""
    return next(
        int(r["number"])
        for r in proposal["relationships"]
        if r["type"] == "FUNDS" and r["from"]["name"] == "Wren Foundation"
    )


def code(errors: list[dict[str, Any]]) -> str:
    return str(errors[0]["extensions"]["code"])


def test_submit_show_edit_accept_see_and_undo(
    fresh_api: Api, keys: dict[str, str], database: Database
) -> None:
    before = graph_snapshot(database)
    proposal_id = submit(fresh_api, keys["editor"])
    assert graph_snapshot(database) == before  # a proposal is not the graph

    listed = fresh_api.data(LIST, {"first": 5})["proposals"]
    assert listed["totalCount"] == 1
    assert listed["edges"][0]["node"]["id"] == proposal_id

    shown = show(fresh_api, proposal_id)
    source = shown["source"]
    assert source["title"] == "Wren Foundation joins MC2CM"
    assert source["url"] == "https://news.example/wren"
    assert source["language"] == "en" and source["publishedOn"] == {"text": "2024-03-05"}
    assert listed["edges"][0]["node"]["source"]["contentHash"] == source["contentHash"]
    wren = next(e for e in shown["entities"] if e["name"] == "Wren Foundation")
    assert wren["isNew"] and wren["matched"] is None and wren["decision"] == "PENDING"
    evidence = wren["evidence"][0]
    assert evidence["mention"]["text"] == "Wren Foundation"
    assert evidence["sentence"]["text"].startswith("The Wren Foundation also financed MC2CM")
    assert (
        TEXT[evidence["sentence"]["start"] : evidence["sentence"]["end"]]
        == (evidence["sentence"]["text"])
    )
    assert evidence["sentence"]["text"] in evidence["excerpt"]["text"]
    eu = next(e for e in shown["entities"] if e["name"] == "European Union")
    assert eu["matchedSlug"] == "european-union" and eu["matched"] == {"slug": "european-union"}
    number = wren_funds(shown)
    funds = next(r for r in shown["relationships"] if r["number"] == number)
    assert (funds["reads"], funds["readsBackwards"]) == ("funds", "funded by")
    assert funds["evidence"]["mention"]["text"] == "financed"

    edited = fresh_api.data(
        EDIT, {"id": proposal_id, "fact": number, "date": "2024-03"}, key=keys["editor"]
    )["editProposedFact"]
    after_edit = next(r for r in edited["relationships"] if r["number"] == number)
    assert after_edit["startDate"] == {"text": "2024-03"} and not after_edit["uncertain"]

    accepted = fresh_api.data(ACCEPT, {"id": proposal_id, "facts": [number]}, key=keys["editor"])[
        "acceptProposal"
    ]
    receipt = accepted["receipt"]
    assert accepted["status"] == "ACCEPTED"
    assert receipt["sourceSlug"] == source["sourceSlug"]
    wren_slug = receipt["createdEntities"][1] if len(receipt["createdEntities"]) > 1 else None
    assert receipt["createdLinks"] == [{"type": "FUNDS", "from": wren_slug, "to": "mc2cm"}]

    seen = fresh_api.data(SEEN, {"source": source["sourceSlug"]})
    assert seen["entity"] == {"slug": source["sourceSlug"], "title": "Wren Foundation joins MC2CM"}
    (institution,) = seen["institutions"]["nodes"]
    assert institution["slug"] == wren_slug
    assert institution["sources"] == [{"slug": source["sourceSlug"]}]
    assert institution["funds"] == [
        {"node": {"slug": "mc2cm"}, "sources": [{"slug": source["sourceSlug"]}]}
    ]
    trail = fresh_api.data("{ auditTrail(first: 10) { operation target } }", key=keys["editor"])
    operations = [(e["operation"], e["target"]) for e in trail["auditTrail"]]
    assert operations[:3] == [
        ("acceptProposal", proposal_id),
        ("editProposedFact", f"{proposal_id} fact {number}"),
        ("submitDocument", proposal_id),
    ]

    undone = fresh_api.data(UNDO, {"id": proposal_id}, key=keys["editor"])["undoProposal"]
    assert undone == {"status": "PENDING", "receipt": None}
    assert graph_snapshot(database) == before
    assert fresh_api.data(SEEN, {"source": source["sourceSlug"]})["entity"] is None


RECONSIDER = """
mutation($id: ID!, $facts: [Int!]) {
  reconsiderProposal(id: $id, facts: $facts) { status revision }
}
"""
REJECT = """
mutation($id: ID!, $facts: [Int!]) { rejectProposal(id: $id, facts: $facts) { status } }
"""


def test_a_rejection_is_taken_back(fresh_api: Api, keys: dict[str, str]) -> None:
    proposal_id = submit(fresh_api, keys["editor"])
    editor = keys["editor"]
    fresh_api.data(REJECT, {"id": proposal_id, "facts": [1]}, key=editor)
    back = fresh_api.data(RECONSIDER, {"id": proposal_id, "facts": [1]}, key=editor)
    assert back["reconsiderProposal"]["status"] == "PENDING"
    refused = fresh_api.errors(RECONSIDER, {"id": proposal_id, "facts": [1]}, key=editor)
    assert code(refused) == "BAD_USER_INPUT" and "only a rejected fact" in refused[0]["message"]
    assert fresh_api.data(REJECT, {"id": proposal_id}, key=editor)["rejectProposal"] == {
        "status": "REJECTED"
    }
    undone = fresh_api.data(UNDO, {"id": proposal_id}, key=editor)["undoProposal"]
    assert undone == {"status": "PENDING", "receipt": None}
    trail = fresh_api.data("{ auditTrail(first: 10) { operation } }", key=editor)
    assert [e["operation"] for e in trail["auditTrail"]][:4] == [
        "undoProposal",
        "rejectProposal",
        "reconsiderProposal",
        "rejectProposal",
    ]


def test_writes_need_an_editor_key_and_reads_do_not(fresh_api: Api, keys: dict[str, str]) -> None:
    refused = fresh_api.post(SUBMIT, {"text": TEXT}, key=keys["reader"])
    assert refused.status_code == 403 and code(refused.json()["errors"]) == "FORBIDDEN"
    assert fresh_api.post(SUBMIT, {"text": TEXT}).status_code == 401
    proposal_id = submit(fresh_api, keys["editor"])
    for mutation in (ACCEPT, UNDO, RECONSIDER):
        answer = fresh_api.post(mutation, {"id": proposal_id}, key=keys["reader"])
        assert code(answer.json()["errors"]) == "FORBIDDEN"
    assert show(fresh_api, proposal_id)["status"] == "PENDING"  # reading needs no key


def test_the_same_text_twice_names_the_earlier_proposal(
    fresh_api: Api, keys: dict[str, str]
) -> None:
    first = submit(fresh_api, keys["editor"])
    errors = fresh_api.errors(SUBMIT, {"text": TEXT}, key=keys["editor"])
    assert code(errors) == "CONFLICT"
    assert errors[0]["extensions"]["earlier"] == first and first in errors[0]["message"]
    assert fresh_api.data(LIST)["proposals"]["totalCount"] == 1


def test_concurrent_acceptances_one_wins(
    fresh_api: Api, keys: dict[str, str], database: Database
) -> None:
    proposal_id = submit(fresh_api, keys["editor"])
    barrier = threading.Barrier(2)
    answers: list[dict[str, Any]] = []

    def accept() -> None:
        with httpx.Client(base_url=str(fresh_api.client.base_url), timeout=60) as client:
            barrier.wait()
            answers.append(Api(client).post(ACCEPT, {"id": proposal_id}, key=keys["editor"]).json())

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    won = [a for a in answers if "errors" not in a]
    lost = [a for a in answers if "errors" in a]
    assert len(won) == 1 and len(lost) == 1, answers
    assert code(lost[0]["errors"]) == "CONFLICT"
    assert proposal_id in lost[0]["errors"][0]["message"]
    trail = fresh_api.data("{ auditTrail(first: 10) { operation } }", key=keys["editor"])
    assert [e["operation"] for e in trail["auditTrail"]].count("acceptProposal") == 1


def test_pages_run_newest_first_by_cursor(fresh_api: Api, keys: dict[str, str]) -> None:
    ids = [submit(fresh_api, keys["editor"], f"{TEXT} Story {n}.") for n in range(3)]
    first = fresh_api.data(LIST, {"first": 2})["proposals"]
    assert first["pageInfo"]["hasNextPage"]
    rest = fresh_api.data(LIST, {"first": 2, "after": first["pageInfo"]["endCursor"]})
    seen = [e["node"]["id"] for e in first["edges"] + rest["proposals"]["edges"]]
    assert sorted(seen) == sorted(ids) and len(set(seen)) == 3
    assert not rest["proposals"]["pageInfo"]["hasNextPage"]
    pending = fresh_api.data(LIST, {"status": "ACCEPTED"})["proposals"]
    assert pending["totalCount"] == 0 and pending["edges"] == []


@pytest.mark.parametrize(
    ("query", "variables", "expected", "field"),
    [
        (SHOW, {"id": "p-000000000000"}, "NOT_FOUND", None),
        (LIST, {"after": "not-a-cursor"}, "BAD_USER_INPUT", "after"),
        (ACCEPT, {"id": "p-000000000000"}, "NOT_FOUND", None),
        (ACCEPT, "facts", "BAD_USER_INPUT", "facts"),
        (ACCEPT, "min", "BAD_USER_INPUT", "minConfidence"),
        (EDIT, "date", "BAD_USER_INPUT", "date"),
        (EDIT, "entity", "BAD_USER_INPUT", "entity"),
        (UNDO, "pending", "CONFLICT", None),
        (SUBMIT, {"text": "   "}, "BAD_USER_INPUT", "text"),
        (SUBMIT, {"text": "a\x00b"}, "BAD_USER_INPUT", "text"),
    ],
    ids=lambda v: v if isinstance(v, str) and "\n" not in v else None,
)
def test_bad_input_gets_a_clear_error(
    fresh_api: Api,
    keys: dict[str, str],
    query: str,
    variables: Any,
    expected: str,
    field: str | None,
) -> None:
    if isinstance(variables, str):
        proposal_id = submit(fresh_api, keys["editor"])
        variables = {
            "facts": {"id": proposal_id, "facts": [999]},
            "min": {"id": proposal_id, "min": 2.0},
            "date": {"id": proposal_id, "fact": 1, "date": "2024-13-40"},
            "entity": {"id": proposal_id, "fact": 1, "entity": "no-such-entity"},
            "pending": {"id": proposal_id},
        }[variables]
    response = fresh_api.post(query, variables, key=keys["editor"])
    assert response.status_code < 500, response.text
    errors = response.json()["errors"]
    assert code(errors) == expected, errors
    if field:
        assert errors[0]["extensions"]["field"] == field, errors


def test_an_intake_mutation_goes_alone(fresh_api: Api, keys: dict[str, str]) -> None:
    both = (
        'mutation { submitDocument(text: "The Wren Foundation met in Tunis.") { proposal { id } }'
        ' unlink(type: FUNDS, from: "european-union", to: "mc2cm") }'
    )
    errors = fresh_api.errors(both, key=keys["editor"])
    assert code(errors) == "BAD_USER_INPUT" and "alone" in errors[0]["message"]
    assert fresh_api.data(LIST)["proposals"]["totalCount"] == 0


def test_oversized_text_is_refused_before_any_work(
    database: Database, settings: Settings, fresh_api: Api, keys: dict[str, str]
) -> None:
    big = "Tunis hosted a meeting. " * (11 * 1024 * 1024 // 24)
    refused = fresh_api.post(SUBMIT, {"text": big}, key=keys["editor"])
    assert refused.status_code == 413  # the request body limit comes first
    roomy = ApiSettings(query_timeout_s=120, limits=Limits(max_body_bytes=64 * 1024 * 1024))
    with serve(settings, roomy) as served, httpx.Client(base_url=served.url, timeout=60) as client:
        errors = Api(client).errors(SUBMIT, {"text": big}, key=keys["editor"])
    assert code(errors) == "BAD_USER_INPUT" and errors[0]["extensions"]["field"] == "text"
    assert "too large" in errors[0]["message"]
    assert fresh_api.data(LIST)["proposals"]["totalCount"] == 0


def test_every_field_of_a_proposal_answers(
    fresh_api: Api, keys: dict[str, str], settings: Settings
) -> None:
    """`test_every_field` meets an empty queue; here every field is asked of a real proposal."""
    proposal_id = submit(fresh_api, keys["editor"])
    schema = fresh_api.data(get_introspection_query())["__schema"]
    queries = dict(QueryWriter(schema, {"id": f'"{proposal_id}"'}).root_queries())
    assert "excerpt" in queries["proposal"] and "candidates" in queries["proposals"]
    with serve(settings, UNBOUNDED) as served, httpx.Client(base_url=served.url, timeout=300) as c:
        for root in ("proposals", "proposal"):
            assert Api(c).data(queries[root])[root] is not None


def test_a_submitted_url_must_be_a_web_address(fresh_api: Api, keys: dict[str, str]) -> None:
    """`http://[::1` reached INTERNAL (urlsplit's ValueError); a script link is refused too."""
    query = "mutation($u: String) { submitDocument(text: $t, url: $u) { proposal { id } } }"
    query = query.replace("mutation($u: String)", "mutation($t: String!, $u: String)")
    for url in ("http://[::1", "javascript:window.__xss=6", "data:text/html,x"):
        errors = fresh_api.errors(query, {"t": TEXT, "u": url}, key=keys["editor"])
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT", errors
        assert "is not an http(s) URL" in errors[0]["message"]
