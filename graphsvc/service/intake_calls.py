"""How the API and the pages call intake's review: the CLI's own functions, in a worker thread.

Review (`graphsvc.intake.review`) is written once, for the synchronous driver, and takes the
proposal's write lock in transactions of its own (`graphsvc.store.proposals`); the API calls the
very same functions through the database's synchronous twin, in a worker thread so that the event
loop keeps serving. Because those transactions commit on their own, an intake mutation must be
the only root field of its request: the rule that all root mutations of a request succeed or fail
together could not hold for it otherwise. Its audit entry is written by the request's transaction
right after, like every mutation's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from graphsvc.errors import AlreadySubmitted, IntakeError, ProposalConflict, ProposalNotFound
from graphsvc.intake.document import Document
from graphsvc.intake.recognise import KnownNames, propose
from graphsvc.service.context import RequestContext
from graphsvc.service.errors import ApiError, ErrorCode, bad_input, not_found
from graphsvc.store.database import Database

T = TypeVar("T")

_WARM_UP_TEXT = "The Municipality of Tunis hosted a meeting on 5 May 2024 in Tétouan."
_warm_up = ThreadPoolExecutor(max_workers=1, thread_name_prefix="intake-warm-up")
_warming: list[Future[None]] = []


def warm_recogniser() -> None:
    """Recognise a short text once, so that what recognition reads once per process is read.

    The gazetteer of cities and the date rules take seconds to read, up to a minute on a busy
    machine: that must not be spent inside one request's time limit.
    """
    propose(Document(_WARM_UP_TEXT, "text", "warm-up"), KnownNames.build(()))


async def recogniser_ready(context: RequestContext) -> None:
    """Wait for the warm-up (started by the first caller) for half the request's time at most.

    UNAVAILABLE (503 with Retry-After) while it is still running: the client tries again.
    """
    if not _warming:
        _warming.append(_warm_up.submit(warm_recogniser))
    wait_s = context.settings.query_timeout_s / 2
    try:
        await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(_warming[0])), wait_s)
    except TimeoutError:
        raise ApiError(
            ErrorCode.UNAVAILABLE,
            "intake's recogniser is still reading its gazetteer (once per server process); "
            "try again shortly",
        ) from None


async def call_review(
    context: RequestContext,
    work: Callable[..., T],
    *arguments: Any,
    field: str | None = None,
    proposal_id: str | None = None,
    **options: Any,
) -> T:
    """`work(database, *arguments, **options)` in a worker thread, its errors as API errors.

    `field` names the argument a refusal of the input is about; `proposal_id` the proposal, for
    a message that says which one was not found.
    """
    database: Database = context.database.blocking()
    try:
        return await asyncio.to_thread(work, database, *arguments, **options)
    except ProposalNotFound:
        raise not_found(
            f"no proposal has id {proposal_id!r}; the `proposals` query lists them"
        ) from None
    except AlreadySubmitted as error:
        raise ApiError(ErrorCode.CONFLICT, str(error), earlier=error.earlier) from None
    except ProposalConflict as error:
        raise ApiError(ErrorCode.CONFLICT, str(error)) from None
    except IntakeError as error:
        raise bad_input(str(error), **({"field": field} if field else {})) from None
