"""What every review decision on a page does once its form is read: the work, audit, the way back.

The work is the CLI's and the API's own (`graphsvc.intake.review`, `graphsvc.resolution.merge`),
run through the database's synchronous twin in a worker thread exactly as the API runs intake
(`graphsvc.service.intake_calls.call_review`). An intake decision's audit entry is written by
the decision's own transaction (`intake_calls.audit_note`); a merge's (`audited`) as the API
writes its own (`graphsvc.service.audit`), with the signed-in key's name, right after it commits.
A decision answers with a redirect (Post/Redirect/Get) to a page that shows what was done in a
few words chosen from a fixed list: nothing a visitor writes into an address is shown as news.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from starlette.responses import RedirectResponse

from graphsvc.errors import ConfigError
from graphsvc.service.audit import note_mutation, record_mutations
from graphsvc.service.context import Principal, RequestContext
from graphsvc.service.errors import ApiError, ErrorCode
from graphsvc.store.database import Database
from graphsvc.web.notices import NOTICES
from graphsvc.web.page import SAFETY_HEADERS

T = TypeVar("T")


def done(path: str, code: str) -> RedirectResponse:
    """The redirect after a decision: back to `path`, which then confirms `code`."""
    assert code in NOTICES, code
    return RedirectResponse(f"{path}?{urlencode({'done': code})}", 303, headers=SAFETY_HEADERS)


async def audited(
    context: RequestContext,
    principal: Principal,
    operation: str,
    target: str,
    arguments: dict[str, Any],
) -> None:
    """Write one change's audit entry as the API writes its mutations' (same shape, same store)."""
    note_mutation(context, operation, target, arguments)
    context.principal = principal
    async with context.bounded(), context.database.transaction() as transaction:
        context.transaction = transaction
        await record_mutations(context)
        await transaction.commit()
    context.transaction = None
    context.mutations.clear()


async def call_resolution(context: RequestContext, work: Callable[..., T], *arguments: Any) -> T:
    """`work(database, *arguments)` from `graphsvc.resolution.merge` in a worker thread.

    Its refusals (a pair decided meanwhile, a record gone) are CONFLICT, as intake's are.
    """
    database: Database = context.database.blocking()
    try:
        return await asyncio.to_thread(work, database, *arguments)
    except ConfigError as error:
        raise ApiError(ErrorCode.CONFLICT, str(error)) from None


def answerable(error: ApiError) -> bool:
    """Whether a decision's error is one the page answers itself (a conflict, a wrong input)."""
    return error.code in (ErrorCode.CONFLICT, ErrorCode.BAD_USER_INPUT)
