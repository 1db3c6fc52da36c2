"""`graphsvc serve`: the GraphQL API under uvicorn."""

from __future__ import annotations

import os
from types import FrameType

import click
import uvicorn

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.intake.budget import RUNNING


class StoppingServer(uvicorn.Server):
    """uvicorn's server that, told to stop (SIGINT, SIGTERM), first stops intake's work.

    uvicorn stops by waiting for the requests under way; one recognising a long text in a worker
    thread would keep it (and then the interpreter, which joins its threads) running for minutes.
    Cancelling the work's budgets ends it at its next check, before it writes anything.
    """

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        RUNNING.cancel_all("the server is stopping")
        super().handle_exit(sig, frame)


def serve(app: AppContext, host: str, port: int, workers: int) -> None:
    """Run the API in the foreground until interrupted (shared by `serve` and `up`)."""
    from graphsvc.api.graphiql import fetch_assets
    from graphsvc.api.header_guard import GuardedHttpToolsProtocol
    from graphsvc.server import create_app, graphiql_dir
    from graphsvc.service.settings import ApiSettings

    api_settings = ApiSettings.from_env()
    if api_settings.graphiql:
        fetch_assets(graphiql_dir(app.settings), say)
    shown = f"[{host}]" if ":" in host else host
    say(
        f"graphsvc API on http://{shown}:{port}/graphql "
        f"({'GraphiQL in a browser' if api_settings.graphiql else 'GraphiQL off'}; "
        f"{workers} worker{'s' if workers > 1 else ''}; Ctrl-C stops it)"
    )
    say(f"maps on http://{shown}:{port}/maps")
    say(f"pages for coordinators on http://{shown}:{port}/")
    # Bounded request heads (size, count, time: graphsvc.api.header_guard) and connections.
    limits = api_settings.server
    if workers == 1:
        config = uvicorn.Config(
            create_app(app.settings, api_settings, app.instance),
            host=host,
            port=port,
            log_level="info",
            access_log=False,
            http=GuardedHttpToolsProtocol,
            limit_concurrency=limits.max_connections,
            forwarded_allow_ips=limits.trusted_proxies,
        )
        StoppingServer(config).run()
        return
    os.environ["GRAPHSVC_INSTANCE"] = app.instance  # read by each worker's create_app()
    uvicorn.run(
        "graphsvc.server:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=False,
        http=GuardedHttpToolsProtocol,
        limit_concurrency=limits.max_connections,
        forwarded_allow_ips=limits.trusted_proxies,
    )


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on (0.0.0.0 for every interface).",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes; they share nothing but the database.",
)
@pass_app
def serve_command(app: AppContext, host: str, port: int, workers: int) -> None:
    """Serve the GraphQL API (/graphql, /healthz, /readyz) on the configured Neo4j.

    API settings come from the environment: GRAPHSVC_ENV (development|production),
    GRAPHSVC_READ_ACCESS (public|key), GRAPHSVC_GRAPHIQL (on|off) and the limits listed in
    docs/configuration.md.
    """
    serve(app, host, port, workers)
