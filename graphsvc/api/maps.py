"""Live maps: `/maps` (an index) and `/maps/{view}?...` (a map whose address is its permalink).

Each map is built per request from Neo4j through the same code as `graphsvc render`, so nothing
is cached in a worker and every replica serves the same page. Pages carry a strict CSP whose
script and style hashes match their inline blocks. Errors are raised, and the app's exception
handlers answer them through `map_error_response`: short plain-text messages naming the
parameter, never a stack trace.
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from graphsvc.api.context import RequestContext
from graphsvc.api.errors import ApiError, ErrorCode, describe
from graphsvc.api.keys import authenticate
from graphsvc.api.settings import ApiSettings
from graphsvc.maps.build import build_map
from graphsvc.maps.catalogue import PARAMETER_ABOUT, SEEDED_MAPS, VIEW_ABOUT, settings_form
from graphsvc.maps.page import index_page
from graphsvc.maps.request import ViewRequest
from graphsvc.store.async_database import AsyncDatabase

_SAFETY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


class MapRoutes:
    """The `/maps` handlers, sharing the API's settings and key checks."""

    def __init__(self, settings: ApiSettings) -> None:
        self.settings = settings

    async def index(self, request: Request) -> Response:
        await self._check_access(request, RequestContext(request.app.state.database, self.settings))
        examples = [
            {"href": seeded.href(), "title": f"{seeded.file[:-5]}"} for seeded in SEEDED_MAPS
        ]
        views = [
            {"name": name, "about": about, "fields": fields}
            for name, (about, fields) in VIEW_ABOUT.items()
        ]
        html, policy = index_page(examples, views, PARAMETER_ABOUT)
        return HTMLResponse(html, headers={"Content-Security-Policy": policy, **_SAFETY_HEADERS})

    async def view(self, request: Request) -> Response:
        database: AsyncDatabase = request.app.state.database
        context = RequestContext(database, self.settings)
        await self._check_access(request, context)
        view_request = ViewRequest.parse(request.path_params["view"], dict(request.query_params))
        permalink = f"/maps/{view_request.view}"
        if view_request.params():
            permalink += "?" + urlencode(view_request.params())
        if any(not value for value in request.query_params.values()):
            # A settings form sends its empty fields too: show the canonical address.
            return RedirectResponse(permalink, status_code=303, headers=_SAFETY_HEADERS)
        rendered = await build_map(
            context.read,
            view_request,
            served=True,
            links={"permalink": permalink, "index": "/maps"},
            form=settings_form(view_request),
        )
        return HTMLResponse(
            rendered.html,
            headers={
                "Content-Security-Policy": rendered.policy,
                **_SAFETY_HEADERS,
                "Server-Timing": f'neo4j;dur={context.database_seconds * 1000:.1f};desc="'
                f'{context.round_trips} round trips"',
            },
        )

    async def _check_access(self, request: Request, context: RequestContext) -> None:
        """401 when reads need a key (GRAPHSVC_READ_ACCESS=key) and none valid was sent."""
        principal = await authenticate(context.read, request.headers.get("authorization"))
        if self.settings.read_access == "key" and not principal.can_read:
            code = ErrorCode.UNAUTHENTICATED if principal.role is None else ErrorCode.FORBIDDEN
            raise ApiError(
                code, f"{code.value}: maps need an API key here (Authorization: Bearer gsk_...)"
            )


def map_error_response(request: Request, error: Exception) -> Response:
    """The `/maps` answer to an error (the app's handlers call it): a short plain text."""
    described = describe(error, request.url.path)
    return _text(described.status, described.message, described.headers)


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(
        message + "\n", status_code=status, headers={**_SAFETY_HEADERS, **(headers or {})}
    )
