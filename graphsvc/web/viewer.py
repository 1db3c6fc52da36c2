"""Who is looking at a page, and whether they may.

Until sign-in exists every visitor reads as anonymous; `GRAPHSVC_READ_ACCESS=key` then refuses
pages, as it refuses the API and the maps.
"""

from __future__ import annotations

from starlette.requests import Request

from graphsvc.api.context import ANONYMOUS, Principal, RequestContext
from graphsvc.api.errors import ApiError, ErrorCode


async def viewer(request: Request, context: RequestContext) -> Principal:
    """The principal of this request's page."""
    return ANONYMOUS


async def reader(request: Request, context: RequestContext) -> Principal:
    """The viewer, refused when reads need a key and the viewer has none."""
    principal = await viewer(request, context)
    if context.settings.read_access == "key" and not principal.can_read:
        raise ApiError(ErrorCode.UNAUTHENTICATED, "sign in with an API key to read this site")
    return principal
