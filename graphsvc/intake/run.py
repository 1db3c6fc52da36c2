"""`graphsvc intake PATH|URL...`: read each target, recognise its facts, queue them for review.

Reading (files, pages, feeds -> `Document`) and recognition (`Document` -> `Proposal`) are
passed in, so that this loop, the queue and their messages are tested on their own; the CLI
wires the real reader and recogniser. Without them, reading is reported as not available.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from graphsvc.errors import AlreadySubmitted, IntakeError
from graphsvc.intake.document import Document
from graphsvc.intake.proposal import Proposal
from graphsvc.intake.review import submit
from graphsvc.store.database import Database

ReadDocuments = Callable[[Sequence[str]], Iterable[Document]]
"""Targets (paths, URLs) to documents; raises IntakeError naming a target it cannot read."""

Propose = Callable[[Database, Document], Proposal]
"""A document to the facts it states, knowing the graph (names, rejected matches)."""

NOT_AVAILABLE = (
    "reading documents is not available in this build of graphsvc: `graphsvc intake list`, "
    "`show`, `accept`, `reject`, `edit`, `undo` and `export` work on proposals already queued"
)


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
    """Queue a proposal for every document read; one seen before is reported, not proposed."""
    if read_documents is None or propose is None:
        raise IntakeError(NOT_AVAILABLE)
    outcomes = []
    with app.connect() as database:
        for document in read_documents(targets):
            try:
                queued = submit(database, propose(database, document)).proposal
            except AlreadySubmitted as exc:
                outcomes.append(Outcome(document.origin, None, message=str(exc)))
                continue
            outcomes.append(Outcome(document.origin, queued.id, len(queued.facts)))
    return outcomes
