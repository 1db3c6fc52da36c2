"""`graphsvc intake PATH|URL...`: read each target, recognise its facts, queue them for review.

Reading (files, pages, feeds -> `Document`) and recognition (`Document` -> `Proposal`) can be
passed in, so that this loop, the queue and their messages are tested on their own; by default
they are graphsvc's reader and its recogniser, which knows every name the graph holds (read once
per run, so a feed of many items builds the automaton once).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from graphsvc.errors import AlreadySubmitted
from graphsvc.intake.document import Document
from graphsvc.intake.proposal import Proposal
from graphsvc.intake.read import read_documents as read_targets
from graphsvc.intake.recognise import KnownNames
from graphsvc.intake.recognise import propose as recognise_document
from graphsvc.intake.review import refuse_if_seen, submit
from graphsvc.store.database import Database
from graphsvc.store.known_names import known_names

ReadDocuments = Callable[[Sequence[str]], Iterable[Document]]
"""Targets (paths, URLs) to documents; raises IntakeError naming a target it cannot read."""

Propose = Callable[[Database, Document], Proposal]
"""A document to the facts it states, knowing the graph (names, rejected matches)."""


def recognise_with_graph() -> Propose:
    """Graphsvc's recogniser, with the names the graph holds read once, on first use."""
    known: list[KnownNames] = []

    def recognise(database: Database, document: Document) -> Proposal:
        if not known:
            known.append(KnownNames.build(known_names(database)))
        return recognise_document(document, known[0])

    return recognise


class Connects(Protocol):
    """What intake needs of the CLI's context: a database connection."""

    def connect(self) -> Database: ...


@dataclass(frozen=True)
class Outcome:
    """What became of one document: queued as a proposal, or refused and why."""

    origin: str
    proposal_id: str | None
    facts: int = 0
    message: str | None = None


def intake_targets(
    app: Connects,
    targets: Sequence[str],
    read_documents: ReadDocuments | None = None,
    propose: Propose | None = None,
) -> list[Outcome]:
    """Queue a proposal for every document read; one seen before is reported, not proposed.

    Every target is read before anything is queued: a batch with an unreadable document raises
    UnreadableDocuments naming each one, and nothing is proposed.
    """
    read = read_documents or read_targets
    recognise = propose or recognise_with_graph()
    documents = list(read(targets))
    outcomes = []
    with app.connect() as database:
        for document in documents:
            try:
                refuse_if_seen(database, document)  # by hash, before recognition spends time
                queued = submit(database, recognise(database, document)).proposal
            except AlreadySubmitted as exc:
                outcomes.append(Outcome(document.origin, None, message=str(exc)))
                continue
            outcomes.append(Outcome(document.origin, queued.id, len(queued.facts)))
    return outcomes
