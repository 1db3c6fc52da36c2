"""Intake writes under time limits: done and audited, or not done, and the answer says which.

The server runs in this process (`serve`); leaving its `with` block stops it, which waits (up to
30 s) for its worker threads, so what a request started has normally finished when the graph is
read afterwards: an answer that said "failed" while its work went on to commit is caught. On
the code before this test, the answers themselves already gave it away: 503 "the graph database
did not answer" while the time went to Python work.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

import httpx
import pytest
from conftest import Api, reseed, serve

from graphsvc.config import Settings
from graphsvc.intake import review
from graphsvc.intake.document import Document
from graphsvc.intake.proposal import (
    Evidence,
    Proposal,
    ProposedEntity,
    ProposedRelationship,
    Span,
)
from graphsvc.model.domain import FUNDS, INSTITUTION
from graphsvc.service.intake_calls import warm_recogniser
from graphsvc.service.keys import create_key
from graphsvc.service.settings import ApiSettings
from graphsvc.store.database import Database

ACCEPT = "mutation($id: ID!) { acceptProposal(id: $id) { status } }"
SUBMIT = "mutation($text: String!) { submitDocument(text: $text) { proposal { id } } }"
FUNDERS = 1_500


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    warm_recogniser()


@pytest.fixture
def editor(database: Database) -> str:
    reseed(database)
    return create_key(database, "hurried editor", "editor")[1]


def _big_proposal() -> Proposal:
    """1,500 new funders of MC2CM, one sentence each: 3,001 facts."""
    sentences, entities, relationships = [], [], []
    at = 0
    for i in range(FUNDERS):
        name = f"Gen Funder Org {i}"
        sentence = f"{name} financed MC2CM."
        span = Span(at, at + len(sentence))
        mention = Evidence(span, Span(at, at + len(name)), "en:org", 0.7)
        entities.append(
            ProposedEntity(f"f{i}", INSTITUTION.label, name, (mention,), (), {"category": "ngo"})
        )
        said = Evidence(span, Span(at + len(name) + 1, at + len(name) + 9), "phrase:funds", 0.6)
        relationships.append(ProposedRelationship(FUNDS.type, f"f{i}", "mc2cm", said))
        sentences.append(sentence)
        at += len(sentence) + 1
    first = len("Gen Funder Org 0 financed ")
    mc2cm = Evidence(Span(0, len(sentences[0])), Span(first, first + 5), "known-name", 0.9)
    entities.append(ProposedEntity("mc2cm", "Programme", "MC2CM", (mc2cm,), ("mc2cm",)))
    text = " ".join(sentences)
    return Proposal(
        Document(text, "text", "many funders", language="en"), tuple(entities), tuple(relationships)
    )


def _audited(database: Database, operation: str) -> list[dict[str, Any]]:
    return database.read(
        "MATCH (a:AuditEntry {operation: $operation}) RETURN a.target AS target",
        operation=operation,
    )


def test_an_acceptance_out_of_time_is_done_and_audited_or_not_done(
    database: Database, settings: Settings, editor: str
) -> None:
    proposal = review.submit(database, _big_proposal()).proposal
    assert len(proposal.facts) == 3_001
    with (
        serve(settings, ApiSettings(query_timeout_s=2)) as app,
        httpx.Client(base_url=app.url, timeout=300) as client,
    ):
        response = Api(client).post(ACCEPT, {"id": proposal.id}, key=editor)
    answer = response.json()
    stored = review.show(database, proposal.id)
    sources = database.read(
        "MATCH (s:Source {id: $id}) RETURN s.id AS id", id=proposal.document.source_id
    )
    if "errors" in answer:
        assert stored.status == "pending", "answered as failed, yet the proposal was accepted"
        assert sources == [], "answered as failed, yet the document's Source was written"
        assert _audited(database, "acceptProposal") == []
        (error,) = answer["errors"]
        assert error["extensions"]["code"] == "UNAVAILABLE", error
        message = error["message"]
        assert "nothing was written" in message, message
        assert "building" in message or "writing" in message, "the message says where time went"
    else:
        assert answer["data"]["acceptProposal"]["status"] == "ACCEPTED"
        assert stored.status == "accepted" and sources
        assert _audited(database, "acceptProposal") == [{"target": proposal.id}]


def _text(kilobytes: int) -> str:
    sentence = "The Wren Foundation financed MC2CM with the city of Tunis on 5 May 2024. "
    return sentence * (kilobytes * 1000 // len(sentence))


def test_a_document_over_its_budget_stops_with_nothing_stored(
    database: Database, settings: Settings, editor: str
) -> None:
    text = _text(95)
    with (
        serve(replace(settings, intake_budget_s=0.01), ApiSettings(query_timeout_s=120)) as app,
        httpx.Client(base_url=app.url, timeout=300) as client,
    ):
        response = Api(client).post(SUBMIT, {"text": text}, key=editor)
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "UNAVAILABLE", error
    assert "GRAPHSVC_INTAKE_BUDGET" in error["message"]
    assert "nothing was written" in error["message"]
    assert review.list_proposals(database) == []
    assert _audited(database, "submitDocument") == []


def test_a_resubmitted_text_is_refused_before_recognition(
    database: Database, settings: Settings, editor: str
) -> None:
    """With no time to recognise anything, the same text again is still refused as a duplicate."""
    text = _text(95)
    earlier = review.submit(database, Proposal(Document(text, "text", "first"), (), ())).proposal
    with (
        serve(replace(settings, intake_budget_s=0.01), ApiSettings(query_timeout_s=120)) as app,
        httpx.Client(base_url=app.url, timeout=300) as client,
    ):
        response = Api(client).post(SUBMIT, {"text": text}, key=editor)
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "CONFLICT", error
    assert earlier.id in error["message"]


def test_a_submission_in_time_is_stored_with_its_audit_entry(
    database: Database, settings: Settings, editor: str
) -> None:
    with (
        serve(settings, ApiSettings(query_timeout_s=120)) as app,
        httpx.Client(base_url=app.url, timeout=300) as client,
    ):
        answer = Api(client).data(SUBMIT, {"text": _text(2)}, key=editor)
    proposal_id = answer["submitDocument"]["proposal"]["id"]
    assert _audited(database, "submitDocument") == [{"target": proposal_id}]


def test_concurrent_submissions_out_of_time_are_each_stored_and_audited_or_not(
    database: Database, settings: Settings, editor: str
) -> None:
    """Three 95 KB texts at once with 2 s per request: each answer matches what was stored."""
    texts = [f"Report {n}. " + _text(95) for n in range(3)]
    answers: list[dict[str, Any]] = [{} for _ in texts]
    with (
        serve(settings, ApiSettings(query_timeout_s=2)) as app,
        httpx.Client(base_url=app.url, timeout=300) as client,
    ):
        start = threading.Barrier(len(texts))

        def submit(n: int) -> None:
            start.wait()
            answers[n] = Api(client).post(SUBMIT, {"text": texts[n]}, key=editor).json()

        threads = [threading.Thread(target=submit, args=(n,)) for n in range(len(texts))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    stored = {p.document.content_hash: p.id for p in review.list_proposals(database)}
    audited = {row["target"] for row in _audited(database, "submitDocument")}
    for text, answer in zip(texts, answers, strict=True):
        held = stored.get(Document(text, "text", "x").content_hash)
        if "errors" in answer:
            assert held is None, f"answered {answer['errors']}, yet proposal {held} was stored"
            (error,) = answer["errors"]
            assert error["extensions"]["code"] == "UNAVAILABLE", error
            assert "nothing was written" in error["message"], error
        else:
            assert held == answer["data"]["submitDocument"]["proposal"]["id"]
            assert held in audited, f"proposal {held} was stored without its audit entry"
