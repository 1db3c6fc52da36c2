"""Accepting a proposal: the loader's records and statements, all or nothing, citing its Source."""

from __future__ import annotations

import threading

import pytest
from review_support import TEXT, graph_snapshot, wren_proposal

from graphsvc.errors import IntakeError, ProposalConflict
from graphsvc.ingest.loader import LoadResult
from graphsvc.intake import review
from graphsvc.model import MODEL
from graphsvc.model.domain import FUNDS, PARTNER_IN
from graphsvc.store.database import Database
from graphsvc.store.queries import find_by_name, graph_counts


def _funds_sources(database: Database, start: str) -> list[list[str]]:
    rows = database.read(
        f"MATCH (:Entity {{id: $start}})-[r:{FUNDS.type}]->(:Entity {{id: 'mc2cm'}}) "
        "RETURN r.sources AS sources",
        start=start,
    )
    return [row["sources"] for row in rows]


def test_a_proposal_is_invisible_until_accepted(seeded: LoadResult, empty_db: Database) -> None:
    before = graph_counts(empty_db, MODEL)
    submitted = review.submit(empty_db, wren_proposal())
    assert graph_counts(empty_db, MODEL) == before
    assert find_by_name(empty_db, MODEL, "Wren Foundation") == []
    assert [p.id for p in review.list_proposals(empty_db)] == [submitted.proposal.id]
    shown = review.show(empty_db, submitted.proposal.id)
    assert shown.document.text == TEXT
    assert [f.number for f in shown.facts] == [1, 2, 3, 4, 5, 6]


def test_accepting_writes_every_fact_citing_the_document(
    seeded: LoadResult, empty_db: Database
) -> None:
    before = graph_counts(empty_db, MODEL)
    proposal = review.submit(empty_db, wren_proposal()).proposal
    source_id = proposal.document.source_id
    accepted = review.accept(empty_db, proposal.id)

    after = graph_counts(empty_db, MODEL)
    assert after["nodes"]["Institution"] == before["nodes"]["Institution"] + 1
    assert after["nodes"]["Source"] == before["nodes"]["Source"] + 1
    assert after["relationships"][FUNDS.type] == before["relationships"][FUNDS.type] + 1
    assert after["relationships"][PARTNER_IN.type] == before["relationships"][PARTNER_IN.type] + 1
    # the fact already in the graph gains the document as a further source, not a duplicate
    (eu_sources,) = _funds_sources(empty_db, "european-union")
    assert source_id in eu_sources and len(eu_sources) == 2
    assert _funds_sources(empty_db, "wren-foundation") == [[source_id]]
    source = empty_db.read("MATCH (s:Source {id: $id}) RETURN properties(s) AS s", id=source_id)
    assert source[0]["s"]["text"] == TEXT
    assert source[0]["s"]["url"] == "https://news.example/wren"
    cited_by = empty_db.read(
        "MATCH (n:Entity)-[:SUPPORTED_BY]->(:Source {id: $id}) RETURN n.id AS id ORDER BY id",
        id=source_id,
    )
    assert [r["id"] for r in cited_by] == ["european-union", "mc2cm", "wren-foundation"]
    assert accepted.receipt.created_nodes == (source_id, "wren-foundation")
    assert accepted.proposal.status == "accepted"
    assert {f.state for f in accepted.proposal.facts} == {"accepted"}


def test_undo_takes_back_exactly_what_was_written(seeded: LoadResult, empty_db: Database) -> None:
    before = graph_snapshot(empty_db)
    proposal = review.submit(empty_db, wren_proposal()).proposal
    review.accept(empty_db, proposal.id)
    assert graph_snapshot(empty_db) != before
    undone = review.undo(empty_db, proposal.id)
    assert graph_snapshot(empty_db) == before
    assert undone.status == "pending"
    review.accept(empty_db, proposal.id, facts=[5])  # and it can be reviewed again
    assert _funds_sources(empty_db, "wren-foundation") == [[proposal.document.source_id]]


def test_accepting_twice_is_refused_and_changes_nothing(
    seeded: LoadResult, empty_db: Database
) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    review.accept(empty_db, proposal.id)
    once = graph_snapshot(empty_db)
    with pytest.raises(ProposalConflict, match="already accepted"):
        review.accept(empty_db, proposal.id)
    assert graph_snapshot(empty_db) == once


def test_concurrent_acceptances_write_once(seeded: LoadResult, empty_db: Database) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def accept() -> None:
        start.wait()
        try:
            outcomes.append(review.accept(empty_db, proposal.id))
        except ProposalConflict as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    errors = [o for o in outcomes if isinstance(o, ProposalConflict)]
    assert len(outcomes) == 2 and len(errors) == 1
    assert proposal.id in str(errors[0])
    (eu_sources,) = _funds_sources(empty_db, "european-union")
    assert eu_sources.count(proposal.document.source_id) == 1
    assert _funds_sources(empty_db, "wren-foundation") == [[proposal.document.source_id]]


def test_chosen_facts_bring_their_entities(seeded: LoadResult, empty_db: Database) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    accepted = review.accept(empty_db, proposal.id, facts=[6])
    states = {f.number: f.state for f in accepted.proposal.facts}
    assert states == {
        1: "skipped",
        2: "accepted",
        3: "accepted",
        4: "skipped",
        5: "skipped",
        6: "accepted",
    }
    assert _funds_sources(empty_db, "wren-foundation") == []
    assert (
        len(_funds_sources(empty_db, "european-union")[0]) == 1
    )  # not accepted: not a further source


def test_a_confidence_threshold_leaves_weak_facts(seeded: LoadResult, empty_db: Database) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    accepted = review.accept(empty_db, proposal.id, min_confidence=0.5)
    assert [f.number for f in accepted.proposal.facts if f.state == "skipped"] == [6]


def test_an_invalid_fact_stops_the_whole_acceptance(seeded: LoadResult, empty_db: Database) -> None:
    before = graph_snapshot(empty_db)
    proposal = review.submit(empty_db, wren_proposal()).proposal
    review.edit(empty_db, proposal.id, 3, kind="Event")  # "foundation" is no kind of event
    with pytest.raises(IntakeError, match="nothing was written") as caught:
        review.accept(empty_db, proposal.id)
    assert "fact 3" in str(caught.value) and "category" in str(caught.value)
    assert graph_snapshot(empty_db) == before
    assert review.show(empty_db, proposal.id).status == "pending"
