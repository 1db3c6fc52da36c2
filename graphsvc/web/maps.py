"""Live maps: `/maps` (an index) and `/maps/{view}?...` (a map whose address is its permalink).

Each map is built per request from Neo4j through the same code as `graphsvc render`, so nothing
is cached in a worker and every replica serves the same page. Pages carry a strict CSP whose
script and style hashes match their inline blocks.

An entity parameter may be a name or an alias (`?id=European Union`): it is resolved by the API's
own rule and the browser redirected to the map's canonical address, with ids. `/maps/suggest`
gives the forms their name suggestions from the API's own search.

Errors are raised, and the app's exception handlers answer them through `map_error_response`: a
small HTML page for a browser (with "did you mean" links when a name named nothing or several
entities), a short plain text naming the parameter for other clients; never a stack trace.
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)

from graphsvc.errors import MapBudgetExceeded, MapParameterError
from graphsvc.maps.build import build_map
from graphsvc.maps.catalogue import settings_form
from graphsvc.maps.naming import NameProblem, resolve_names, suggest
from graphsvc.maps.notices import budget_page, error_page, index_page, name_page, policy
from graphsvc.maps.parameters import MAP_KINDS, entity_name
from graphsvc.maps.request import ViewRequest
from graphsvc.service.context import RequestContext
from graphsvc.service.errors import ApiError, ErrorCode, describe
from graphsvc.service.keys import authenticate
from graphsvc.service.settings import ApiSettings
from graphsvc.store.async_database import AsyncDatabase
from graphsvc.web.viewer import viewer

_SAFETY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


class MapRoutes:
    """The `/maps` handlers, sharing the API's settings and key checks."""

    def __init__(self, settings: ApiSettings) -> None:
        self.settings = settings
        self.budget_s = settings.map_budget_s

    async def index(self, request: Request) -> Response:
        await self._check_access(request, RequestContext(request.app.state.database, self.settings))
        return HTMLResponse(
            index_page(), headers={"Content-Security-Policy": policy(), **_SAFETY_HEADERS}
        )

    async def suggest(self, request: Request) -> Response:
        """`/maps/suggest?text=medcit&kinds=Institution`: names for a form field, best first.

        The API's own search (`search(text:)`), bounded as it is; a text with no letter or digit
        has no suggestions rather than an error, since a form asks as one types.
        """
        context = RequestContext(request.app.state.database, self.settings)
        await self._check_access(request, context)
        unknown = set(request.query_params) - {"text", "kinds"}
        if unknown:
            raise MapParameterError(min(unknown), "unknown parameter; known are kinds and text")
        text = request.query_params.get("text", "")
        kinds = tuple(k for k in request.query_params.get("kinds", "").split(",") if k)
        for kind in kinds:
            if kind not in MAP_KINDS:
                raise MapParameterError("kinds", f"{kind[:40]!r} is not a kind a map draws")
        found = (
            await suggest(context.read, entity_name("text", text), kinds) if text.strip() else ()
        )
        return JSONResponse(
            {"text": text, "suggestions": [choice.as_json() for choice in found]},
            headers=_SAFETY_HEADERS,
        )

    async def view(self, request: Request) -> Response:
        database: AsyncDatabase = request.app.state.database
        context = RequestContext(database, self.settings)
        await self._check_access(request, context)
        asked = ViewRequest.parse(request.path_params["view"], dict(request.query_params))
        view_request = await resolve_names(context.read, asked)
        permalink = f"/maps/{view_request.view}"
        if view_request.params():
            permalink += "?" + urlencode(view_request.params())
        if view_request != asked or any(not value for value in request.query_params.values()):
            # A name was given for an id, or a settings form sent its empty fields too: show
            # the canonical address.
            return RedirectResponse(permalink, status_code=303, headers=_SAFETY_HEADERS)
        rendered = await build_map(
            context.read,
            view_request,
            served=True,
            links={"permalink": permalink, "index": "/maps"},
            form=settings_form(view_request),
            budget_s=self.budget_s,
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
        """401 when reads need a key (GRAPHSVC_READ_ACCESS=key) and the caller has none.

        The caller is found as the pages find theirs (a Bearer key, else a signed-in session's
        cookie): a map embedded in an entity page is loaded by the browser, which never sends an
        Authorization header, so a signed-in reader must count here as on the page around it.
        """
        if self.settings.read_access != "key":
            # Anyone may read; a key that is sent is still checked, as the API checks it.
            await authenticate(context.read, request.headers.get("authorization"))
            return
        principal = await viewer(request, context)
        if not principal.can_read:
            code = ErrorCode.UNAUTHENTICATED if principal.role is None else ErrorCode.FORBIDDEN
            raise ApiError(
                code, f"{code.value}: maps need an API key here (Authorization: Bearer gsk_...)"
            )


def map_error_response(request: Request, error: Exception) -> Response:
    """The `/maps` answer to an error (the app's handlers call it).

    A browser (Accept: text/html) gets a small page; other clients a short plain text. A name
    that named nothing (404) or several entities (300) gets its "did you mean" choices in both.
    """
    headers: dict[str, str] = {}
    if isinstance(error, NameProblem):
        status, message = error.status, str(error)
    else:
        described = describe(error, request.url.path)
        status, message, headers = described.status, described.message, described.headers
    if "text/html" not in request.headers.get("accept", ""):
        return _text(status, message, headers)
    if isinstance(error, NameProblem):
        asked = ViewRequest.parse(request.path_params["view"], dict(request.query_params))
        html = name_page(asked, error)
    elif isinstance(error, MapBudgetExceeded):
        html = budget_page(error)
    else:
        html = error_page(message, status)
    return HTMLResponse(
        html,
        status_code=status,
        headers={"Content-Security-Policy": policy(), **_SAFETY_HEADERS, **headers},
    )


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(
        message + "\n", status_code=status, headers={**_SAFETY_HEADERS, **(headers or {})}
    )
