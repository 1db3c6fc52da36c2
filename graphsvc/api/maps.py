"""Live maps: `/maps` (an index) and `/maps/{view}?...` (a map whose address is its permalink).

Each map is built per request from Neo4j through the same code as `graphsvc render`, so nothing
is cached in a worker and every replica serves the same page. Pages carry a strict CSP whose
script and style hashes match their inline blocks. Errors are short plain-text messages naming
the parameter; no stack trace reaches a browser.
"""

from __future__ import annotations

import logging
import secrets
from urllib.parse import urlencode

from neo4j.exceptions import DriverError, Neo4jError
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from graphsvc.api.context import RequestContext
from graphsvc.api.errors import ApiError, ErrorCode
from graphsvc.api.keys import authenticate
from graphsvc.api.settings import ApiSettings
from graphsvc.errors import DatabaseUnavailable, MapParameterError, MapSubjectNotFound
from graphsvc.maps.build import build_map
from graphsvc.maps.catalogue import PARAMETER_ABOUT, SEEDED_MAPS, VIEW_ABOUT, settings_form
from graphsvc.maps.page import index_page
from graphsvc.maps.request import ViewRequest
from graphsvc.store.async_database import AsyncDatabase

log = logging.getLogger("graphsvc.api.maps")

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
        refused = await self._refused(request)
        if refused is not None:
            return refused
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
        refused = await self._refused(request)
        if refused is not None:
            return refused
        database: AsyncDatabase = request.app.state.database
        context = RequestContext(database, self.settings)
        try:
            view_request = ViewRequest.parse(
                request.path_params["view"], dict(request.query_params)
            )
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
        except MapParameterError as error:
            return _text(400, str(error))
        except MapSubjectNotFound as error:
            return _text(404, str(error))
        except (DatabaseUnavailable, Neo4jError, DriverError):
            return _text(
                503, "the graph database is not reachable; try again shortly", {"Retry-After": "5"}
            )
        except Exception as error:  # the browser gets a reference, the server log the rest
            reference = secrets.token_hex(4)
            log.error("internal error %s", reference, exc_info=error)
            return _text(
                500, f"internal error (reference {reference}); the server log has the details"
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

    async def _refused(self, request: Request) -> Response | None:
        """401 when reads need a key (GRAPHSVC_READ_ACCESS=key) and none valid was sent."""
        database: AsyncDatabase = request.app.state.database
        try:
            principal = await authenticate(database, request.headers.get("authorization"))
        except ApiError as error:
            return _text(401, error.message)
        except (DatabaseUnavailable, Neo4jError, DriverError):
            return _text(503, "the graph database is not reachable; try again shortly")
        if self.settings.read_access == "key" and not principal.can_read:
            status = 401 if principal.role is None else 403
            code = ErrorCode.UNAUTHENTICATED if status == 401 else ErrorCode.FORBIDDEN
            return _text(
                status, f"{code.value}: maps need an API key here (Authorization: Bearer gsk_...)"
            )
        return None


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(
        message + "\n", status_code=status, headers={**_SAFETY_HEADERS, **(headers or {})}
    )
