"""`fundingTrace` and `partners` at a hub: the answer holds a page, the totals count everything.

A funder of 1,500 programmes, each carried out by an institution of its own, and an institution
that partners in 600 of those programmes with others, are written beside the seeds. The answers
must hold at most `first` entries (and at most EVIDENCE shared contexts per partner), and their
totals must equal a plain Cypher count of the same graph: the cut is in what is returned, never
in what is counted. Beside them, a congress of two days with more than BROAD participants: a
broad programme, which makes no one a partner.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from conftest import Api, reseed
from plans import plan_of
from served_app import ServedApps

from graphsvc.model import MODEL
from graphsvc.model.domain import FUNDS, PART_OF, PARTICIPATES_IN, PARTNER_IN
from graphsvc.model.records import GraphData, NodeRecord, Origin, RelationshipRecord
from graphsvc.store import listing
from graphsvc.store.collaboration import BROAD, EVIDENCE
from graphsvc.store.database import Database
from graphsvc.store.writer import write_graph

PROGRAMMES = 1_500
SHARED = 600
"""How many of the funder's programmes the hub partners in (with each one's implementer)."""
ORIGIN = Origin("test", None)
SOURCE = "hub-report"


def _node(label: str, node_id: str, name: str) -> NodeRecord:
    return NodeRecord(label, node_id, {"id": node_id, "name": name, "aliases": []}, (), ORIGIN)


def _link(kind: str, source: str, target: str) -> RelationshipRecord:
    return RelationshipRecord(kind, source, target, {}, (SOURCE,), ORIGIN)


def hub_graph() -> GraphData:
    nodes = [
        NodeRecord(
            "Source",
            SOURCE,
            {"id": SOURCE, "name": "Hub report", "aliases": [], "category": "news-article"},
            (),
            ORIGIN,
        ),
        _node("Institution", "hub-funder", "Hub Funder"),
        _node("Institution", "hub-partner", "Hub Partner"),
    ]
    links = []
    for i in range(PROGRAMMES):
        nodes.append(_node("Programme", f"hub-programme-{i}", f"Hub Programme {i:04}"))
        nodes.append(_node("Institution", f"hub-implementer-{i}", f"Hub Implementer {i:04}"))
        links.append(_link(FUNDS.type, "hub-funder", f"hub-programme-{i}"))
        links.append(_link(PARTNER_IN.type, f"hub-implementer-{i}", f"hub-programme-{i}"))
        if i < SHARED:
            links.append(_link(PARTNER_IN.type, "hub-partner", f"hub-programme-{i}"))
    congress_nodes, congress_links = congress()
    return GraphData(tuple(nodes + congress_nodes), tuple(links + congress_links))


def congress() -> tuple[list[NodeRecord], list[RelationshipRecord]]:
    """A congress programme of two days: three attend the first, BROAD others the second.

    `congress-guest` and its two neighbours of the first day share that day (an event of three)
    and the congress (a programme of BROAD + 4 participations, so a broad one); one neighbour
    also attends the second day. The crowd of the second day shares only the congress with the
    guest.
    """
    nodes = [
        _node("Programme", "congress", "Congress"),
        _node("Event", "congress-day-1", "Congress, day 1"),
        _node("Event", "congress-day-2", "Congress, day 2"),
        _node("Institution", "congress-guest", "Congress Guest"),
        _node("Institution", "congress-neighbour-a", "Congress Neighbour A"),
        _node("Institution", "congress-neighbour-b", "Congress Neighbour B"),
    ]
    links = [
        _link(PART_OF.type, "congress-day-1", "congress"),
        _link(PART_OF.type, "congress-day-2", "congress"),
        _link(PARTICIPATES_IN.type, "congress-neighbour-a", "congress-day-2"),
    ]
    for attendee in ("congress-guest", "congress-neighbour-a", "congress-neighbour-b"):
        links.append(_link(PARTICIPATES_IN.type, attendee, "congress-day-1"))
    for i in range(BROAD):
        nodes.append(_node("Institution", f"congress-crowd-{i}", f"Congress Crowd {i:04}"))
        links.append(_link(PARTICIPATES_IN.type, f"congress-crowd-{i}", "congress-day-2"))
    return nodes, links


@pytest.fixture(scope="module")
def hub_api(database: Database, served_apps: ServedApps) -> Iterator[tuple[Api, Database]]:
    reseed(database)
    write_graph(database, hub_graph(), MODEL)
    with httpx.Client(base_url=served_apps.get().url, timeout=60) as client:
        yield Api(client), database


TRACE = """query($first: Int) { fundingTrace(funder: "hub-funder", first: $first) {
  programmes { slug } implementers { slug } participants { slug } events { slug }
  places { slug } steps { stage link { from { slug } to { slug } sources { slug } } }
  totals { steps programmes events implementers participants places } truncated } }"""


def test_a_funding_trace_of_a_hub_holds_a_page_and_counts_everything(
    hub_api: tuple[Api, Database],
) -> None:
    api, database = hub_api
    trace = api.data(TRACE, {"first": 30})["fundingTrace"]
    (counted,) = database.read(
        f"MATCH (:Institution {{id: 'hub-funder'}})-[:{FUNDS.type}]->(p:Programme) "
        "OPTIONAL MATCH (i)-[r]->(p) WHERE type(r) IN $involved "
        "RETURN count(DISTINCT p) AS programmes, count(DISTINCT i) AS implementers, "
        "count(DISTINCT r) AS involvement",
        involved=list(MODEL.relationships_in("implementation", "participation")),
    )
    assert trace["totals"] == {
        "programmes": counted["programmes"],
        "implementers": counted["implementers"],
        "participants": 0,
        "events": 0,
        "places": 0,
        "steps": counted["programmes"] + counted["involvement"],
    }
    assert counted["programmes"] == PROGRAMMES and counted["implementers"] == PROGRAMMES + 1
    assert trace["truncated"] is True
    assert len(trace["programmes"]) == len(trace["implementers"]) == len(trace["steps"]) == 30
    # By name: the first programmes, and the money's own steps before who carries it out.
    assert [p["slug"] for p in trace["programmes"]][:2] == ["hub-programme-0", "hub-programme-1"]
    assert {s["stage"] for s in trace["steps"]} == {"FINANCING"}
    assert all(s["link"]["sources"] == [{"slug": SOURCE}] for s in trace["steps"])


def test_a_small_trace_is_whole_and_not_truncated(hub_api: tuple[Api, Database]) -> None:
    api, _ = hub_api
    trace = api.data(
        '{ fundingTrace(funder: "european-union", first: 100) { programmes { slug } '
        "steps { stage } totals { programmes steps } truncated } }"
    )["fundingTrace"]
    assert trace["truncated"] is False
    assert trace["totals"]["programmes"] == len(trace["programmes"])
    assert trace["totals"]["steps"] == len(trace["steps"])


def test_first_beyond_the_maximum_is_refused_before_any_cypher(
    hub_api: tuple[Api, Database],
) -> None:
    api, _ = hub_api
    errors = api.errors(TRACE, {"first": 100_000})
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "first" in errors[0]["message"]


def test_partners_of_a_hub_are_ranked_and_their_evidence_cut_and_counted(
    hub_api: tuple[Api, Database],
) -> None:
    api, database = hub_api
    found = api.data(
        '{ partners(of: "hub-partner", first: 5) { partner { slug } evidenceCount '
        "evidence { via context { slug } ownLinks { type } partnerLinks { type } } } }"
    )["partners"]
    (counted,) = database.read(
        f"MATCH (:Institution {{id: 'hub-partner'}})-[:{PARTNER_IN.type}]->(p)"
        f"<-[:{FUNDS.type}]-(f:Institution {{id: 'hub-funder'}}) RETURN count(p) AS shared"
    )
    assert counted["shared"] == SHARED
    # The funder shares all 600 programmes (FUNDS is involvement); each implementer shares one.
    assert len(found) == 5
    assert found[0]["partner"]["slug"] == "hub-funder"
    assert found[0]["evidenceCount"] == SHARED
    assert len(found[0]["evidence"]) == EVIDENCE
    assert all(e["via"] == "PROGRAMME" and e["ownLinks"] for e in found[0]["evidence"])
    assert [p["evidenceCount"] for p in found[1:]] == [1, 1, 1, 1]
    assert [p["partner"]["slug"] for p in found[1:]] == [
        "hub-implementer-0",
        "hub-implementer-1",
        "hub-implementer-2",
        "hub-implementer-3",
    ]


def test_a_broad_programme_makes_no_one_a_partner(
    hub_api: tuple[Api, Database],
) -> None:
    """The guest's partners are who shared its day; the crowd shares only the broad congress."""
    api, database = hub_api
    (counted,) = database.read(  # more than BROAD: the congress is broad, the first day is not
        "MATCH (:Programme {id: 'congress'})<-[:PART_OF]-(:Event)<-[r:PARTICIPATES_IN]-(who) "
        "RETURN count(r) AS participations, count(DISTINCT who) AS parties"
    )
    assert counted == {"participations": BROAD + 4, "parties": BROAD + 3}
    found = api.data(
        '{ partners(of: "congress-guest", first: 50) { partner { slug } evidenceCount '
        "evidence { via context { slug } ownLinks { type } partnerLinks { type } } } }"
    )["partners"]
    assert [p["partner"]["slug"] for p in found] == ["congress-neighbour-a", "congress-neighbour-b"]
    for partner in found:
        assert partner["evidenceCount"] == 1
        (shared,) = partner["evidence"]
        assert (shared["via"], shared["context"]["slug"]) == ("EVENT", "congress-day-1")
        assert shared["ownLinks"] == shared["partnerLinks"] == [{"type": "PARTICIPATES_IN"}]
    # The implementers of the funder's small programmes are partners through them alone (above).
    # The crowd shares only the congress and its second day (BROAD + 1 there): both broad.
    crowd = api.data('{ partners(of: "congress-crowd-7") { partner { slug } } }')["partners"]
    assert crowd == []


def test_lists_filtered_by_a_hub_funder_walk_its_trace_once(
    hub_api: tuple[Api, Database],
) -> None:
    """The `funder` filter starts from the funder: no scan of a kind, and everything counted."""
    api, database = hub_api
    found = api.data(
        '{ programmes(filter: {funder: "hub-funder"}, first: 3) { totalCount '
        "nodes { slug } pageInfo { hasNextPage } } "
        'institutions(filter: {funder: "hub-funder", name: "implementer 00"}, first: 50) '
        "{ totalCount nodes { slug } } }"
    )
    assert found["programmes"]["totalCount"] == PROGRAMMES
    assert [n["slug"] for n in found["programmes"]["nodes"]] == [
        "hub-programme-0",
        "hub-programme-1",
        "hub-programme-2",
    ]
    assert found["programmes"]["pageInfo"]["hasNextPage"] is True
    # "Hub Implementer 0000" to "0099" carry it out; the hub partner is not named so.
    assert found["institutions"]["totalCount"] == 100
    for kind in ("Programme", "Institution"):
        statement, parameters = listing.page_statement(
            listing.Selection(kind, filters={"funder": "hub-funder"}),
            sort="name",
            descending=False,
            limit=50,
            after=None,
            with_sources=True,
        )
        plan = plan_of(database, statement, parameters)
        assert "NodeUniqueIndexSeek" in plan, plan
        assert not {"NodeByLabelScan", "AllNodesScan"} & set(plan), plan
