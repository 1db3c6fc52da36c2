"""Accepting a proposal while what it links to is deleted: done and written, or CONFLICT, nothing.

Real threads race against the real Neo4j test instance: each round makes a fresh institution and
a proposal that says it funds MC2CM, then accepts the proposal over HTTP while another thread
deletes the institution, a little later each round so that the two meet at different moments.
Whatever the order, the answer must agree with the graph: an acceptance answered as done wrote its
link (so the deletion, coming second, removed it), and one refused as CONFLICT wrote nothing (so
the deletion removed no link and no Source was stored). No answer shows Neo4j's own words.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from conftest import Api, reseed, serve
from neo4j import ManagedTransaction
from review_support import evidence

from graphsvc.config import Settings
from graphsvc.intake import review
from graphsvc.intake.document import Document
from graphsvc.intake.proposal import Proposal, ProposedEntity, ProposedRelationship
from graphsvc.model.domain import FUNDS, INSTITUTION
from graphsvc.service.keys import create_key
from graphsvc.service.settings import ApiSettings
from graphsvc.store.database import Database

ROUNDS = 10
LAG_STEP_S = 0.03
ACCEPT = """
mutation($id: ID!) {
  acceptProposal(id: $id) { status receipt { createdLinks { type from to } } }
}
"""


@pytest.fixture
def served(database: Database, settings: Settings) -> Iterator[tuple[Api, str]]:
    reseed(database)
    editor = create_key(database, "racing editor", "editor")[1]
    with (
        serve(settings, ApiSettings(query_timeout_s=120)) as app,
        httpx.Client(base_url=app.url, timeout=300) as client,
    ):
        yield Api(client), editor


def _proposal(database: Database, round_number: int) -> tuple[str, str]:
    """A new institution and a pending proposal saying it funds MC2CM: (proposal id, its slug)."""
    slug = f"del-target-{round_number}"
    database.write(
        f"CREATE (n:Entity:`{INSTITUTION.label}` {{id: $id, name: $name, category: 'foundation',"
        " lookup_text: $name})",
        id=slug,
        name=f"Del Target {round_number}",
    )
    text = f"Del Target {round_number} financed MC2CM this year."
    funder = evidence(text, f"Del Target {round_number}", "known-name", 0.9)
    programme = evidence(text, "MC2CM", "known-name", 0.9)
    proposal = Proposal(
        Document(text, "text", f"race {round_number}", language="en"),
        entities=(
            ProposedEntity("funder", INSTITUTION.label, slug, (funder,), (slug,)),
            ProposedEntity("mc2cm", "Programme", "MC2CM", (programme,), ("mc2cm",)),
        ),
        relationships=(
            ProposedRelationship(
                FUNDS.type, "funder", "mc2cm", evidence(text, "financed", "phrase:funds:en", 0.8)
            ),
        ),
    )
    return review.submit(database, proposal).proposal.id, slug


def _delete(database: Database, slug: str) -> int:
    """Delete the entity as `deleteEntity` does, counting its links once it holds the node's lock.

    (The count is read after the lock so that it says what the deletion removed: a link
    committed while the deletion waited is counted.)
    """

    def work(tx: ManagedTransaction) -> int:
        tx.run("MATCH (n:Entity {id: $id}) SET n.racing = true", id=slug).consume()
        record = tx.run(
            f"MATCH (n:Entity {{id: $id}}) OPTIONAL MATCH (n)-[r:{FUNDS.type}]->() "
            "WITH n, count(r) AS links DETACH DELETE n RETURN links",
            id=slug,
        ).single()
        return int(record["links"]) if record else -1

    with database.session() as session:
        return int(session.execute_write(work))


def _race(
    api: Api, editor: str, database: Database, proposal_id: str, slug: str, lag_s: float
) -> tuple[dict[str, Any], int]:
    """The acceptance over HTTP and the deletion at once, the deletion `lag_s` later."""
    start = threading.Barrier(2)
    answers: dict[str, Any] = {}

    def accept() -> None:
        with httpx.Client(base_url=str(api.client.base_url), timeout=300) as client:
            start.wait()
            answers["accept"] = Api(client).post(ACCEPT, {"id": proposal_id}, key=editor).json()

    def delete() -> None:
        start.wait()
        time.sleep(lag_s)
        answers["removed"] = _delete(database, slug)

    threads = [threading.Thread(target=accept), threading.Thread(target=delete)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers["accept"], answers["removed"]


def test_an_acceptance_racing_a_deletion_is_done_or_conflict(
    served: tuple[Api, str], database: Database
) -> None:
    api, editor = served
    for round_number in range(ROUNDS):
        proposal_id, slug = _proposal(database, round_number)
        accepted, removed = _race(
            api, editor, database, proposal_id, slug, LAG_STEP_S * round_number
        )
        stored = review.show(database, proposal_id)
        if "errors" in accepted:
            (error,) = accepted["errors"]
            assert error["extensions"]["code"] == "CONFLICT", error
            assert slug in error["message"] and "nothing was written" in error["message"]
            assert "NODE" not in error["message"] and "Neo" not in error["message"], error
            assert stored.status == "pending"
            assert removed == 0, f"round {round_number}: a refused acceptance wrote a link"
            sources = database.read(
                "MATCH (s:Source {id: $id}) RETURN s.id AS id", id=stored.document.source_id
            )
            assert sources == [], f"round {round_number}: a refused acceptance wrote its Source"
        else:
            links = accepted["data"]["acceptProposal"]["receipt"]["createdLinks"]
            assert links == [{"type": FUNDS.type, "from": slug, "to": "mc2cm"}]
            assert stored.status == "accepted"
            # the link reported written existed: the deletion, which came second, removed it
            assert removed == 1, f"round {round_number}: ACCEPTED, but its link was never written"
