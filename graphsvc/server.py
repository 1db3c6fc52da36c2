"""The Starlette application: `/graphql`, GraphiQL, `/maps`, the web pages, `/healthz`, `/readyz`.

Stateless by design: the only per-process objects are the schema (built from code) and the Neo4j
driver (created in the lifespan, closed at shutdown). Run as many workers or replicas as needed
behind a load balancer; they agree because everything they know lives in Neo4j.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graphsvc.api.graphiql import graphiql_asset, graphiql_page, wants_html
from graphsvc.api.http import GraphQLEndpoint, error_response
from graphsvc.api.schema.build import build_schema
from graphsvc.config import Settings
from graphsvc.errors import GraphsvcError
from graphsvc.intake.budget import RUNNING, stop_work_on_exit_signals
from graphsvc.model import MODEL
from graphsvc.service.settings import ApiSettings
from graphsvc.store.async_database import AsyncDatabase
from graphsvc.store.constraints import expected_schema_names
from graphsvc.store.readiness import online_schema
from graphsvc.web.handling import web_error_response
from graphsvc.web.maps import MapRoutes, map_error_response
from graphsvc.web.routes import is_web_path, web_routes

log = logging.getLogger("graphsvc.api")


def graphiql_dir(settings: Settings) -> Path:
    return settings.cache_dir / "graphiql"


def create_app(
    settings: Settings | None = None,
    api_settings: ApiSettings | None = None,
    instance: str | None = None,
) -> Starlette:
    """Build the app; with no arguments (uvicorn's factory mode) settings come from the env."""
    settings = settings or Settings.from_env()
    api_settings = replace(
        api_settings or ApiSettings.from_env(), intake_budget_s=settings.intake_budget_s
    )
    instance = instance or os.environ.get("GRAPHSVC_INSTANCE", "default")
    endpoint = GraphQLEndpoint(build_schema(), api_settings)
    assets = graphiql_dir(settings)
    maps = MapRoutes(api_settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        RUNNING.resume()
        stop_work_on_exit_signals()  # a worker told to stop first ends the intake work under way
        database = AsyncDatabase.create(settings, instance, api_settings.query_timeout_s)
        app.state.database = database
        try:
            yield
        finally:
            await database.close()

    async def graphql(request: Request) -> Response:
        if request.method == "GET" and wants_html(request):
            if api_settings.graphiql:
                return graphiql_page(assets)
            return Response(
                "GraphiQL is off (GRAPHSVC_GRAPHIQL=off); POST GraphQL here.",
                status_code=404,
                media_type="text/plain",
            )
        return await endpoint(request)

    async def asset(request: Request) -> Response:
        if not api_settings.graphiql:
            return Response("not found", status_code=404, media_type="text/plain")
        return graphiql_asset(assets, request)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "alive"})

    async def readyz(request: Request) -> Response:
        database: AsyncDatabase = request.app.state.database
        try:
            rows = await online_schema(database.read)
        except GraphsvcError:
            return JSONResponse(
                {"status": "unavailable", "reason": "Neo4j is not reachable"}, status_code=503
            )
        missing = sorted(expected_schema_names(MODEL) - {row["name"] for row in rows})
        if missing:
            return JSONResponse(
                {
                    "status": "unavailable",
                    "reason": "constraints or indexes "
                    f"missing: {', '.join(missing)}; run `graphsvc load`",
                },
                status_code=503,
            )
        return JSONResponse({"status": "ready"})

    async def on_error(request: Request, error: Exception) -> Response:
        """Answer an error that stopped a request, once for every route.

        Plain text or a notice for a map, a page for the web application, the GraphQL error shape
        elsewhere; status, code and Retry-After come from `graphsvc.service.errors.describe`.
        """
        if request.url.path.startswith("/maps"):
            return map_error_response(request, error)
        if is_web_path(request.url.path):
            return web_error_response(request, error)
        return error_response(request, error)

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
            Route("/graphiql/{name}", asset, methods=["GET"]),
            Route("/maps", maps.index, methods=["GET"]),
            Route("/maps/suggest", maps.suggest, methods=["GET"]),
            Route("/maps/{view}", maps.view, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            *web_routes(),
        ],
        lifespan=lifespan,
        # GraphsvcError's handler runs inside the app; Exception's is Starlette's last resort,
        # which answers with it and then re-raises for the server's own log.
        exception_handlers={GraphsvcError: on_error, Exception: on_error},
    )
    app.state.api_settings = api_settings
    return app
