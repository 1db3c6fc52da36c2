"""`graphsvc up`: the README's first command - a running graph on the seeded data."""

from __future__ import annotations

from pathlib import Path

import click

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.cli.load import run_load
from graphsvc.cli.serve import serve as serve_api
from graphsvc.cli.stats import format_counts
from graphsvc.model import MODEL
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.store.queries import graph_counts

DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@click.command("up")
@click.option(
    "--seeds",
    type=click.Path(path_type=Path),
    default=DEFAULT_SEEDS,
    show_default="the repository's seeds/",
    help="Seed files to load.",
)
@click.option(
    "--serve/--no-serve",
    default=True,
    show_default=True,
    help="Go on to serve the API (see `graphsvc serve`).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="API interface.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="API port."
)
@pass_app
def up_command(app: AppContext, seeds: Path, serve: bool, host: str, port: int) -> None:
    """Start Neo4j (unless NEO4J_URI is set), load the seeds, print the counts, serve the API."""
    if app.settings.uses_managed_server:
        ManagedInstance(app.settings, app.instance).start(say)
    else:
        say(f"Using the Neo4j server at {app.settings.neo4j_uri}.")
    with app.connect() as database:
        run_load(database, seeds)
        click.echo(format_counts(graph_counts(database, MODEL), as_json=False))
    if serve:
        serve_api(app, host, port, workers=1)
