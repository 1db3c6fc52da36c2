"""A queued proposal shows nowhere in the API until a curator accepts it."""

from __future__ import annotations

from conftest import Api
from review_support import wren_proposal

from graphsvc.intake import review
from graphsvc.store.database import Database

QUERY = (
    '{ search(text: "Wren Foundation") { node { slug } } '
    "institutions(first: 100) { edges { node { slug } } } "
    "sources(first: 100) { edges { node { slug } } } }"
)


def _seen(data: dict[str, object]) -> set[str]:
    found = {hit["node"]["slug"] for hit in data["search"]}  # type: ignore[attr-defined]
    for field in ("institutions", "sources"):
        found |= {e["node"]["slug"] for e in data[field]["edges"]}  # type: ignore[index]
    return found


def test_only_an_accepted_proposal_reaches_the_api(fresh_api: Api, database: Database) -> None:
    proposal = review.submit(database, wren_proposal()).proposal
    source_id = proposal.document.source_id
    seen = _seen(fresh_api.data(QUERY))
    assert "wren-foundation" not in seen and source_id not in seen
    review.accept(database, proposal.id)
    seen = _seen(fresh_api.data(QUERY))
    assert {"wren-foundation", source_id} <= seen
