"""`graphsvc neo4j start|stop|status|env`: the locally managed Neo4j server."""

from __future__ import annotations

import shlex

import click

from graphsvc.cli.context import AppContext, pass_app
from graphsvc.cli.managed import add_lifecycle_commands
from graphsvc.neo4j_server import ManagedInstance

_port_option = click.option(
    "--bolt-port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Bolt port (default: the instance's port, else GRAPHSVC_BOLT_PORT or 7687).",
)


def _instance(app: AppContext, bolt_port: int | None = None) -> ManagedInstance:
    if not app.settings.uses_managed_server:
        raise click.ClickException(
            f"NEO4J_URI is set ({app.settings.neo4j_uri}), so graphsvc uses that server and "
            "manages none of its own. Unset NEO4J_URI to use the managed server."
        )
    return ManagedInstance(app.settings, app.instance, bolt_port)


@click.group("neo4j")
def neo4j_group() -> None:
    """Run a local Neo4j 5.26 Community server (used when NEO4J_URI is not set).

    The server is fetched once from Maven Central with `mvn` into ~/.cache/graphsvc, listens on
    127.0.0.1 only, and keeps its data, logs and generated password in
    ~/.local/state/graphsvc/neo4j/INSTANCE.
    """


add_lifecycle_commands(
    neo4j_group,
    _instance,
    _port_option,
    start_help="Start the server (fetching it first if needed) and wait until Bolt answers.",
    stop_help="Stop the server; its data stays on disk for the next start.",
    status_help="Say where the server lives, which version it is, and whether it answers.",
)


@neo4j_group.command("env")
@pass_app
def env(app: AppContext) -> None:
    """Print `export NEO4J_...` lines for other tools: eval "$(graphsvc neo4j env)"."""
    credentials = _instance(app).credentials()
    for name, value in (
        ("NEO4J_URI", credentials.uri),
        ("NEO4J_USERNAME", credentials.username),
        ("NEO4J_PASSWORD", credentials.password),
        ("NEO4J_DATABASE", app.settings.neo4j_database),
    ):
        click.echo(f"export {name}={shlex.quote(value)}")
