"""How the API and the pages call intake's review: the CLI's own functions, in a worker thread.

Review (`graphsvc.intake.review`) is written once, for the synchronous driver, and writes in
transactions of its own (`graphsvc.store.proposals`), each taking the proposal's write lock; the
API calls the very same functions through the database's synchronous twin, in a worker thread so
that the event loop keeps serving. Because those transactions commit on their own, an intake
mutation must be the only root field of its request, and its audit entry (`audit_note`) travels
with the work and is written by the transaction that makes the change.

A thread cannot be stopped from outside, so a caller that stops waiting (the request's time
limit, a server stopping) never answers "failed" while the work may still commit. Instead it
cancels the work's `Budget`, which intake's Python work checks as it goes (it stops before it
writes anything), and waits for the thread to end: the write itself is one transaction bounded by
Neo4j, so the wait is short and its outcome known. The caller then answers what happened: done
(and audited) or not done, and where the time went.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from graphsvc.errors import (
    AlreadySubmitted,
    IntakeError,
    IntakeStopped,
    ProposalConflict,
    ProposalNotFound,
)
from graphsvc.intake.budget import RUNNING, Budget
from graphsvc.intake.document import Document
from graphsvc.intake.recognise import KnownNames, propose
from graphsvc.service.context import RequestContext
from graphsvc.service.errors import ApiError, ErrorCode, bad_input, not_found
from graphsvc.store.audit import AuditNote
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


def audit_note(
    context: RequestContext, operation: str, target: str, arguments: dict[str, Any]
) -> AuditNote:
    """The audit entry of an intake change by the request's principal, for its transaction."""
    principal = context.principal
    return AuditNote(operation, target, arguments, principal.name, principal.key_id)


async def call_review(
    context: RequestContext,
    work: Callable[..., T],
    *arguments: Any,
    field: str | None = None,
    proposal_id: str | None = None,
    budget: Budget | None = None,
    **options: Any,
) -> T:
    """`work(database, *arguments, **options)` in a worker thread, its errors as API errors.

    `field` names the argument a refusal of the input is about; `proposal_id` the proposal, for
    a message that says which one was not found. `budget`, when given, is passed on to `work`
    (which checks it); either way it is cancelled when this call is, and the call then waits for
    the thread: its answer is always the work's own outcome.
    """
    database: Database = context.database.blocking()
    stop = budget or Budget(context.settings.intake_budget_s)
    if budget is not None:
        options["budget"] = budget
    RUNNING.add(stop)
    loop = asyncio.get_running_loop()
    done = loop.run_in_executor(None, functools.partial(work, database, *arguments, **options))
    try:
        try:
            return await asyncio.shield(done)
        except asyncio.CancelledError:
            stop.cancel(
                "the request's time ran out (GRAPHSVC_QUERY_TIMEOUT, "
                f"{context.settings.query_timeout_s:g} s) or the server is stopping"
            )
            return await _outcome(done)
    except ProposalNotFound:
        raise not_found(
            f"no proposal has id {proposal_id!r}; the `proposals` query lists them"
        ) from None
    except AlreadySubmitted as error:
        raise ApiError(ErrorCode.CONFLICT, str(error), earlier=error.earlier) from None
    except ProposalConflict as error:
        raise ApiError(ErrorCode.CONFLICT, str(error)) from None
    except IntakeStopped as error:
        raise ApiError(ErrorCode.UNAVAILABLE, str(error)) from None
    except IntakeError as error:
        raise bad_input(str(error), **({"field": field} if field else {})) from None
    finally:
        RUNNING.discard(stop)


async def _outcome(done: asyncio.Future[T]) -> T:
    """The work's own result once its thread ends, whatever cancels the caller meanwhile.

    Cancellation is not passed on: the work was told to stop (its budget) and ends soon (before
    its write, or when Neo4j commits or rolls the write back). Its result is returned, even to a
    caller whose time ran out, because a committed change must be reported as done.
    """
    while True:
        try:
            return await asyncio.shield(done)
        except asyncio.CancelledError:
            if done.done():
                return done.result()
