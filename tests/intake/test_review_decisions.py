"""What the queue refuses and what it remembers: documents seen before, rejected matches, edits."""

from __future__ import annotations

from dataclasses import replace

import pytest
from review_support import TEXT, graph_snapshot, wren_proposal

from graphsvc.errors import AlreadySubmitted, IntakeError, ProposalConflict
from graphsvc.ingest.loader import LoadResult
from graphsvc.intake import review
from graphsvc.intake.proposal import ProposedEntity
from graphsvc.model.domain import PARTNER_IN
from graphsvc.model.names import name_key
from graphsvc.store.database import Database


def test_the_same_document_twice_is_refused(empty_db: Database) -> None:
    first = review.submit(empty_db, wren_proposal()).proposal
    again = wren_proposal(origin="/tmp/copy.html", url=None)  # same text, other origin
    with pytest.raises(AlreadySubmitted, match="the same text was taken in before") as caught:
        review.submit(empty_db, again)
    assert caught.value.earlier == first.id
    assert "/tmp/copy.html" in str(caught.value) and first.id in str(caught.value)
    assert len(review.list_proposals(empty_db)) == 1


def test_a_feed_item_is_taken_once_by_its_link(empty_db: Database) -> None:
    link = "https://news.example/feed/item-1"
    review.submit(empty_db, wren_proposal(format="feed-item", url=link, origin=link))
    edited = TEXT.replace("this year", "in 2024")  # the item's text changed since
    with pytest.raises(AlreadySubmitted, match="feed item"):
        review.submit(empty_db, wren_proposal(edited, format="feed-item", url=link, origin=link))


def test_an_accepted_document_is_recognised_by_its_source(
    seeded: LoadResult, empty_db: Database
) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    review.accept(empty_db, proposal.id)
    with pytest.raises(AlreadySubmitted) as caught:
        review.submit(empty_db, wren_proposal())
    assert caught.value.earlier == proposal.id


def test_a_rejected_match_is_not_proposed_again(empty_db: Database) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    review.reject(empty_db, proposal.id, [1])  # "European Union" is not european-union here
    assert (name_key("European Union"), "european-union") in review.rejected_matches(empty_db)
    later = wren_proposal(TEXT + " More news.")
    submitted = review.submit(empty_db, later)
    assert submitted.dropped_matches == (("European Union", "european-union"),)
    entity = submitted.proposal.entity("eu")
    assert entity is not None and entity.matches == ()


def test_an_ambiguous_name_must_be_chosen_before_accepting(
    seeded: LoadResult, empty_db: Database
) -> None:
    base = wren_proposal()
    eu = base.entities[0]
    ambiguous = replace(
        base,
        entities=(
            ProposedEntity(eu.key, eu.label, eu.name, eu.evidence, ("european-union", "cmi")),
            *base.entities[1:],
        ),
    )
    proposal = review.submit(empty_db, ambiguous).proposal
    before = graph_snapshot(empty_db)
    with pytest.raises(IntakeError, match="may be european-union, cmi") as caught:
        review.accept(empty_db, proposal.id)
    assert f"intake edit {proposal.id} --fact 1 --entity ID" in str(caught.value)
    assert graph_snapshot(empty_db) == before
    with pytest.raises(IntakeError, match="no entity has id 'nobody'"):
        review.edit(empty_db, proposal.id, 1, entity="nobody")
    review.edit(empty_db, proposal.id, 1, entity="european-union")
    accepted = review.accept(empty_db, proposal.id)
    assert "european-union" in accepted.receipt.sourced_nodes


def test_edits_change_type_kind_and_date(seeded: LoadResult, empty_db: Database) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    review.edit(empty_db, proposal.id, 5, rel_type=PARTNER_IN.type)
    review.edit(empty_db, proposal.id, 2, date="2024-03")
    edited = review.show(empty_db, proposal.id)
    fact5, fact2 = edited.fact(5), edited.fact(2)
    assert fact5 is not None and getattr(fact5, "type", None) == PARTNER_IN.type
    assert fact2 is not None and fact2.properties == {"start_date": "2024-03"}
    with pytest.raises(IntakeError, match="--date 'March'"):
        review.edit(empty_db, proposal.id, 2, date="March")
    with pytest.raises(IntakeError, match="'Dragon' is not a kind"):
        review.edit(empty_db, proposal.id, 3, kind="Dragon")
    with pytest.raises(IntakeError, match="no fact 9; its facts are numbered 1 to 6"):
        review.edit(empty_db, proposal.id, 9, kind="Event")


def test_a_decided_proposal_cannot_be_changed(seeded: LoadResult, empty_db: Database) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    review.reject(empty_db, proposal.id)
    with pytest.raises(ProposalConflict, match="was rejected"):
        review.accept(empty_db, proposal.id)
    # Undoing a rejection takes it back (review.reconsider); only then is there nothing left.
    assert review.undo(empty_db, proposal.id).status == "pending"
    with pytest.raises(ProposalConflict, match="nothing to undo"):
        review.undo(empty_db, proposal.id)
