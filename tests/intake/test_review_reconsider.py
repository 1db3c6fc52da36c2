"""A rejection can be taken back: the facts wait again and their names may match again."""

from __future__ import annotations

import pytest
from review_support import TEXT, graph_snapshot, wren_proposal

from graphsvc.errors import IntakeError, ProposalConflict
from graphsvc.ingest.loader import LoadResult
from graphsvc.intake import review
from graphsvc.model.names import name_key
from graphsvc.store.database import Database

EU_MATCH = (name_key("European Union"), "european-union")
"""Fact 1 of the wren proposal: the name "European Union" matched to the seeded entity."""


def test_undoing_a_rejection_brings_every_fact_back(seeded: LoadResult, empty_db: Database) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    graph_before = graph_snapshot(empty_db)
    rejected = review.reject(empty_db, proposal.id)
    assert rejected.status == "rejected"
    back = review.undo(empty_db, proposal.id)
    assert back.status == "pending" and back.revision == rejected.revision + 1
    assert {f.state for f in back.facts} == {"pending"}
    assert review.show(empty_db, proposal.id).status == "pending"  # stored, not only returned
    assert graph_snapshot(empty_db) == graph_before  # a rejection wrote nothing; undo neither
    review.accept(empty_db, proposal.id)  # and it can be decided again
    assert review.show(empty_db, proposal.id).status == "accepted"


def test_reconsidering_one_fact_forgets_its_rejected_match(empty_db: Database) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    review.reject(empty_db, proposal.id, [1, 2])
    assert EU_MATCH in review.rejected_matches(empty_db)
    after = review.reconsider(empty_db, proposal.id, [1])
    assert after.status == "pending"
    states = {f.number: f.state for f in after.facts}
    assert states[1] == "pending" and states[2] == "rejected"
    assert EU_MATCH not in review.rejected_matches(empty_db)
    later = review.submit(empty_db, wren_proposal(TEXT + " More news."))
    # "European Union" matches its entity again; MC2CM (fact 2, still rejected) does not
    assert later.dropped_matches == (("MC2CM", "mc2cm"),)


def test_only_a_rejected_fact_can_be_reconsidered(seeded: LoadResult, empty_db: Database) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    with pytest.raises(IntakeError, match=r"fact 1 of proposal \S+ is not rejected"):
        review.reconsider(empty_db, proposal.id, [1])
    with pytest.raises(IntakeError, match="has no rejected fact"):
        review.reconsider(empty_db, proposal.id)
    review.accept(empty_db, proposal.id)
    with pytest.raises(ProposalConflict, match="is accepted: nothing of it is rejected"):
        review.reconsider(empty_db, proposal.id)
    assert review.show(empty_db, proposal.id).status == "accepted"


def test_a_pending_proposal_has_nothing_to_undo(empty_db: Database) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    with pytest.raises(ProposalConflict, match="nothing was decided, so nothing to undo"):
        review.undo(empty_db, proposal.id)
